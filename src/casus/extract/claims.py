"""Estimative claims: "unlikely", "من غير المرجح" → a probability band (ICD-203).

Analysts' prose carries its own forecasts; casus keeps them as claims with the
band's range and midpoint, attached to the event they qualify when the same
sentence codes one after the phrase.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from casus.extract.document import Document
from casus.extract.matches import gazetteer_hits
from casus.lexicon.arabic_forms import PLAIN_PREFIXES
from casus.lexicon.gazetteer import Gazetteer
from casus.lexicon.loader import as_list, load_yaml
from casus.model import Claim
from casus.text.normalize import fold, lower_en

ICD_BANDS = ("almost_no_chance", "very_unlikely", "unlikely", "roughly_even", "likely", "very_likely",
             "almost_certain")


@dataclass(frozen=True, slots=True)
class Band:
    name: str
    low: float
    high: float

    @property
    def probability(self) -> float:
        return round((self.low + self.high) / 2, 3)


@dataclass(frozen=True, slots=True)
class _Phrase:
    band: str
    negated_band: str | None


_FLIP = {b: ICD_BANDS[len(ICD_BANDS) - 1 - i] for i, b in enumerate(ICD_BANDS)}


@cache
def bands() -> dict[str, Band]:
    data = load_yaml("claims/estimative.yaml") or {}
    out = {}
    for rec in data.get("bands") or []:
        out[str(rec["band"])] = Band(str(rec["band"]), float(rec["low"]), float(rec["high"]))
    return out


@cache
def claim_gazetteer(lang: str) -> Gazetteer[_Phrase]:
    """The estimative phrases of `lang` and their negations."""
    data = load_yaml("claims/estimative.yaml") or {}
    known = bands()
    gaz: Gazetteer[_Phrase] = Gazetteer(lang)
    for rec in data.get("phrases") or []:
        if rec.get("lang") != lang or rec.get("band") not in known:
            continue
        band = str(rec["band"])
        gaz.add(str(rec["text"]), _Phrase(band, None), PLAIN_PREFIXES if lang == "ar" else ("",))
        for neg in as_list((data.get("negators") or {}).get(lang)):
            flipped = _FLIP.get(band)
            if flipped:
                gaz.add(f"{neg} {rec['text']}", _Phrase(flipped, band), PLAIN_PREFIXES if lang == "ar" else ("",))
    return gaz


def find_claims(doc: Document) -> list[tuple[Claim, int]]:
    """Claims with the normalised offset of their phrase (used to attach them to events)."""
    known = bands()
    out: list[tuple[Claim, int]] = []
    for hit in gazetteer_hits(doc, claim_gazetteer(doc.lang)):
        band = known.get(hit.payload.band)
        if band is None or band.name not in ICD_BANDS:
            continue  # "may", "could": hedges, not estimates; modality handles them
        si = doc.sentence_of(hit.start)
        sent = doc.sentences[si]
        phrase = doc.evidence(hit.start, hit.end)
        rest = doc.evidence(hit.end, sent.end).text.strip(" ،,:؛")
        out.append((Claim(phrase=phrase.text, band=band.name, probability=band.probability, low=band.low,
                          high=band.high, evidence=doc.evidence(sent.start, sent.end), sentence=si,
                          lang=doc.lang, proposition=rest or None), hit.start))
    return out


def normalise_phrase(text: str, lang: str) -> str:
    return fold(text) if lang == "ar" else lower_en(text)
