"""Trigger words in the text: where an event of which PLOVER type is stated."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

from casus.extract.document import Document
from casus.extract.matches import gazetteer_hits
from casus.lexicon.loader import as_list, load_yaml, word_set
from casus.lexicon.triggers import TriggerEntry, gapped_triggers, trigger_gazetteer
from casus.text.normalize import fold

# و ف ب ل ك before the Arabic article, which word lists write as bare ال ("للعملية" → "العملية")
AR_ARTICLE_CLITICS = re.compile(r"^[وف]?(?:بال|لل|كال|ال)")
_AR_CLITICS = re.compile(r"^[وف]?(?:بال|لل|كال|ال|ب|ل)?")  # and the bare prepositions: "لقوات"
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
    family_name: str = ""  # the family's `name` in triggers_<lang>.yaml: the scorer's key for it
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
    after_prep: dict[int, bool] = {}
    for h in hits:
        if h.payload.pos in ("verb", "imperfect") and doc.lang == "ar" and _ends_in_ta_marbuta(doc, h.end):
            continue  # folding made "ضربة" (a strike) look like "ضربه" (he hit him); no verb ends in ة
        key = (h.start, h.end)
        cur = best.get(key)
        if cur is None:
            best[key] = (h.prefix, h.payload)
            continue
        rank_new, rank_cur = _POS_RANK[h.payload.pos], _POS_RANK[cur[1].pos]
        if doc.lang == "ar" and rank_new != rank_cur and "noun" in (h.payload.pos, cur[1].pos):
            # "أعرب عن رفضه": after a preposition the word is a noun (his rejection), not a verb
            if h.start not in after_prep:
                after_prep[h.start] = _after_preposition(doc, h.start - len(h.prefix))
            if after_prep[h.start]:
                rank_new, rank_cur = (0, 1) if h.payload.pos == "noun" else (1, 0)
        if (rank_new, h.payload.family) < (rank_cur, cur[1].family):
            best[key] = (h.prefix, h.payload)
    gapped_end: dict[tuple[int, int], int] = {}  # where the tail of the gapped reading of a head ends
    for g in gapped_triggers(doc.lang):
        if g.needle not in doc.match_text or not any(h in doc.match_text for h in g.heads):
            continue
        for m in g.pattern.finditer(doc.match_text):
            if gapped_end.get((m.start(2), m.end(2)), m.end() + 1) <= m.end():
                continue  # the same head read with a nearer tail ("وصفت ... بأنها تاريخية ... غير قانونية")
            # head and tail take the place of any reading of their words: "ألغت [بيونغ يانغ] المحادثات" is no
            # CONSULT; the words between keep theirs
            overlapping = [k for k in best if (k[0] < m.end(2) and m.start(2) < k[1])
                           or (k[0] < m.end() and m.end(3) < k[1])]
            if any(k[0] > m.end(3) and k[1] > m.end() and best[k][1].type != g.entry.type for k in overlapping):
                continue  # a longer phrase reads the tail on: "شن أردوغان [هجوما لاذعا]" is words, not force;
                # one of the same type does not ("held Tehran [responsible for the attack]" is still the holding)
            if any(k[0] <= m.start(2) and k[1] >= m.end() for k in overlapping):
                continue  # a listed phrase spans head to tail ("spoke on the telephone to"): it is the reading
            if any(k[0] == m.start(2) and m.end(2) < k[1] <= m.end(3) and best[k][1].type != g.entry.type
                   for k in overlapping):
                continue  # a longer phrase of another type opens with the head ("called on", "called for"):
                # it is the reading, not a description with its tail
            for key in overlapping:
                del best[key]
            best[(m.start(2), m.end(2))] = (m.group(1), g.entry)
            gapped_end[(m.start(2), m.end(2))] = m.end()
    out = []
    for (s, e), (p, t) in sorted(best.items()):
        if t.type == "CONSULT" and _envoy_called_home(doc, s - len(p), e):
            continue
        typ, mode = t.type, t.mode
        if typ == "RETREAT" and _leaves_an_agreement(doc, s - len(p), e):
            typ, mode = "REJECT", "diplomatic"  # GUIDELINE convention 6
        elif typ == "SUPPORT" and _backs_forces(doc, s, e, p):
            typ, mode = "AID", "military"  # GUIDELINE convention 7
        out.append(Trigger(s, e, p, typ, mode, t.pos, t.subject_is, t.family, t.name))
    return out


_AR_PREPOSITIONS = frozenset({"عن", "علي", "من", "في", "الي", "حول", "بعد", "قبل", "خلال", "ازاء", "تجاه", "ضد"})


def _after_preposition(doc: Document, token_start: int) -> bool:
    words = doc.match_text[max(0, token_start - 8):token_start].split()
    return bool(words) and words[-1] in _AR_PREPOSITIONS


def agreement_nouns(lang: str) -> frozenset[str]:
    """Nouns for an agreement between states (`events/agreements.yaml`)."""
    return word_set("events/agreements.yaml", lang)


def _leaves_an_agreement(doc: Document, start: int, end: int) -> bool:
    """"انسحاب (الولايات المتحدة) من الاتفاق", "withdrew (the US) from the deal": a withdrawal from an agreement;
    in Arabic also from one named before it and referred back to: "الاتفاق النووي الذي انسحبت منه واشنطن"."""
    words = doc.match_text[end:end + 90].split()[:6]
    nouns = agreement_nouns(doc.lang)
    for i, w in enumerate(words[:5]):
        if doc.lang == "ar" and w.rstrip("".join(CLAUSE_END)) in _AR_FROM_IT:
            return _agreement_before(doc, start, nouns)
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


_AR_FROM_IT = frozenset({"منه", "منها"})


def _agreement_before(doc: Document, start: int, nouns: frozenset[str]) -> bool:
    """An agreement noun among the eight words before `start`, in the same clause ("الاتفاق النووي الذي ...")."""
    return _clause_word_before(doc, start, 8, 100, lambda w: AR_ARTICLE_CLITICS.sub("ال", w, count=1) in nouns)


def _clause_word_before(doc: Document, start: int, words: int, reach: int, wanted: Callable[[str], bool]) -> bool:
    """Whether one of the `words` words before `start` (within `reach` characters), walking back no further than a
    clause end, is `wanted`."""
    for w in reversed(doc.match_text[max(0, start - reach):start].split()[-words:]):
        if w[-1:] in CLAUSE_END:
            return False
        if wanted(w):
            return True
    return False


@cache
def _military_backing(lang: str) -> tuple[tuple[str, ...], frozenset[str]]:
    """The stems of backing words and the nouns for fighting forces (`events/military_backing.yaml`)."""
    section = (load_yaml("events/military_backing.yaml") or {}).get(lang) or {}
    norm = fold if lang == "ar" else str.lower
    return (tuple(norm(w) for w in as_list(section.get("backing"))),
            frozenset(norm(w) for w in as_list(section.get("forces"))))


@cache
def _recall_words(lang: str) -> tuple[frozenset[str], tuple[str, ...]]:
    """The consultation phrases of a recall and the envoy stems before them (`events/recall.yaml`)."""
    section = (load_yaml("events/recall.yaml") or {}).get(lang) or {}
    norm = fold if lang == "ar" else str.lower
    return (frozenset(norm(w) for w in as_list(section.get("consult"))),
            tuple(norm(w) for w in as_list(section.get("envoy"))))


def _envoy_called_home(doc: Document, token_start: int, end: int) -> bool:
    """"استدعت سفيرها لدى كندا للتشاور": consultations an envoy is called home for, not talks."""
    consult, envoys = _recall_words(doc.lang)
    if doc.match_text[token_start:end] not in consult:
        return False
    for w in reversed(doc.match_text[max(0, token_start - 120):token_start].split()[-8:]):
        if w[-1:] in CLAUSE_END:
            return False
        if w.startswith(envoys) or (doc.lang == "ar" and w[:1] in "وفبل" and w[1:].startswith(envoys)):
            return True
    return False


def _backs_forces(doc: Document, start: int, end: int, prefix: str = "") -> bool:
    """"تساند القوات اليمنية", "دعم الولايات المتحدة للتحالف", "backed government forces": backing given to
    fighting forces, which the guideline codes as military aid rather than verbal support. In Arabic also the
    forces before "بدعم": "قوات النظام بدعم روسي", "الجيش الأفغاني بدعم من الولايات المتحدة"."""
    stems, forces = _military_backing(doc.lang)
    word = doc.match_text[start:end]
    if not any(stem in word for stem in stems) or (doc.lang == "en" and word not in stems):
        return False
    if doc.lang == "ar" and prefix.endswith("ب") and _forces_before(doc, start - len(prefix), forces):
        return True
    for w in doc.match_text[end:end + 60].split()[:3]:
        bare = w.rstrip("".join(CLAUSE_END))
        if doc.lang == "ar" and bare not in forces:
            bare = _AR_CLITICS.sub("", bare, count=1)
        if bare in forces:
            return True
        if w[-1:] in CLAUSE_END:
            return False
    return False


def _forces_before(doc: Document, token_start: int, forces: frozenset[str]) -> bool:
    """A `forces` noun among the three words before, inside the clause: "قوات النظام [بدعم]"."""
    return _clause_word_before(doc, token_start, 3, 60,
                               lambda w: w in forces or _AR_CLITICS.sub("", w, count=1) in forces)


def _ends_in_ta_marbuta(doc: Document, end: int) -> bool:
    if doc.text[end - 1:end] != "ه":
        return False
    o_start, o_end = doc.norm.to_original(end - 1, end)
    return doc.article.text[o_start:o_end].endswith(("ة", "ـة"))
