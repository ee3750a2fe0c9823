"""Trigger words in the text: where an event of which PLOVER type is stated."""

from __future__ import annotations

from dataclasses import dataclass

from casus.extract.document import Document
from casus.lexicon.triggers import TriggerEntry, trigger_gazetteer

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

    @property
    def token_start(self) -> int:
        return self.start - len(self.prefix)

    @property
    def is_verbal(self) -> bool:
        return self.pos in ("verb", "imperfect")


def find_triggers(doc: Document) -> list[Trigger]:
    """Trigger hits in document order; where one span has several readings, the first family wins."""
    hits = trigger_gazetteer(doc.lang).find(doc.match_text, original=doc.text)
    best: dict[tuple[int, int], tuple[str, TriggerEntry]] = {}
    for h in hits:
        if h.payload.pos in ("verb", "imperfect") and doc.lang == "ar" and _ends_in_ta_marbuta(doc, h.end):
            continue  # folding made "ضربة" (a strike) look like "ضربه" (he hit him); no verb ends in ة
        key = (h.start, h.end)
        cur = best.get(key)
        if cur is None or (_POS_RANK[h.payload.pos], h.payload.family) < (_POS_RANK[cur[1].pos], cur[1].family):
            best[key] = (h.prefix, h.payload)
    return [Trigger(s, e, p, t.type, t.mode, t.pos, t.subject_is, t.family)
            for (s, e), (p, t) in sorted(best.items())]


def _ends_in_ta_marbuta(doc: Document, end: int) -> bool:
    if doc.text[end - 1:end] != "ه":
        return False
    o_start, o_end = doc.norm.to_original(end - 1, end)
    return doc.article.text[o_start:o_end].endswith(("ة", "ـة"))
