"""Trigger words in the text: where an event of which PLOVER type is stated."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from casus.extract.document import Document
from casus.extract.matches import gazetteer_hits
from casus.lexicon.loader import word_set
from casus.lexicon.triggers import TriggerEntry, gapped_triggers, trigger_gazetteer

# و ف ب ل ك before the Arabic article, which word lists write as bare ال ("للعملية" → "العملية")
AR_ARTICLE_CLITICS = re.compile(r"^[وف]?(?:بال|لل|كال|ال)")
CLAUSE_END = frozenset(".،,؛;:!؟?")
_POS_RANK = {"phrase": 0, "verb": 1, "imperfect": 1, "participle": 1, "noun": 2}


@dataclass(frozen=True, slots=True)
class Trigger:
    start: int
    end: int
    prefix: str
    type: str
    mode: str | None
    pos: str
    subject_is: str
    family: int = -1
    # where the word begins, clitics included: stored, as event coding reads it hundreds of times per article
    token_start: int = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "token_start", self.start - len(self.prefix))

    @property
    def is_verbal(self) -> bool:
        return self.pos in ("verb", "imperfect")


def find_triggers(doc: Document) -> list[Trigger]:
    """Trigger hits in document order; where one span has several readings, the first family wins."""
    hits = gazetteer_hits(doc, trigger_gazetteer(doc.lang))
    best: dict[tuple[int, int], tuple[str, TriggerEntry]] = {}
    for h in hits:
        if h.payload.pos in ("verb", "imperfect") and doc.lang == "ar" and _ends_in_ta_marbuta(doc, h.end):
            continue  # folding made "ضربة" (a strike) look like "ضربه" (he hit him); no verb ends in ة
        key = (h.start, h.end)
        cur = best.get(key)
        if cur is None or (_POS_RANK[h.payload.pos], h.payload.family) < (_POS_RANK[cur[1].pos], cur[1].family):
            best[key] = (h.prefix, h.payload)
    for g in gapped_triggers(doc.lang):
        if g.needle not in doc.match_text:
            continue
        for m in g.pattern.finditer(doc.match_text):
            # head and tail take the place of any reading of their words: "ألغت [بيونغ يانغ] المحادثات" is no
            # CONSULT; the words between keep theirs
            for key in [k for k in best if (k[0] < m.end(2) and m.start(2) < k[1])
                        or (k[0] < m.end() and m.end(3) < k[1])]:
                del best[key]
            best[(m.start(2), m.end(2))] = (m.group(1), g.entry)
    out = []
    for (s, e), (p, t) in sorted(best.items()):
        typ, mode = t.type, t.mode
        if typ == "RETREAT" and _leaves_an_agreement(doc, e):
            typ, mode = "REJECT", "diplomatic"  # GUIDELINE convention 6
        out.append(Trigger(s, e, p, typ, mode, t.pos, t.subject_is, t.family))
    return out


def agreement_nouns(lang: str) -> frozenset[str]:
    """Nouns for an agreement between states (`events/agreements.yaml`)."""
    return word_set("events/agreements.yaml", lang)


def _leaves_an_agreement(doc: Document, end: int) -> bool:
    """"انسحاب (الولايات المتحدة) من الاتفاق", "withdrew (the US) from the deal": a withdrawal from an agreement."""
    words = doc.match_text[end:end + 90].split()[:6]
    nouns = agreement_nouns(doc.lang)
    for i, w in enumerate(words[:5]):
        if w[-1:] in CLAUSE_END:
            return False
        if (doc.lang == "ar" and w == "من") or (doc.lang == "en" and w in ("from", "of")):
            rest = words[i + 1:i + 4]
            if doc.lang == "en" and rest and rest[0] in ("the", "a", "this", "that"):
                rest = rest[1:]
            # the noun, or one modifier and the noun: "from the nuclear deal"
            return any(w.rstrip("".join(CLAUSE_END)) in nouns or AR_ARTICLE_CLITICS.sub("ال", w, count=1) in nouns
                       for w in rest[:2])
    return False


def _ends_in_ta_marbuta(doc: Document, end: int) -> bool:
    if doc.text[end - 1:end] != "ه":
        return False
    o_start, o_end = doc.norm.to_original(end - 1, end)
    return doc.article.text[o_start:o_end].endswith(("ة", "ـة"))
