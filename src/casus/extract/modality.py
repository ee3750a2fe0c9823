"""Modality of a coded event: asserted, negated or hypothetical.

Decided from cue words in the event's clause, all listed in
`lexicon/data/events/modality.yaml` (its header says how each group is used):

* negation right before the trigger (لم، لن، لا، عدم، not, never), a
  refusing verb governing it (رفضت التدخل، امتنعت عن، refused to) or a denial
  of it (نفت ... تزويد، denied supplying) → negated;
* a conditional, modal, future, fear, intention, question or estimative cue
  earlier in the clause (إذا، لو، قد + imperfect، سـ، هل، من غير المرجح، if,
  would, may, plans to), a request or pledge governing it (دعا إلى وقف),
  an allegation (مزاعم، alleged), a future time after it (المقبل, next week),
  or a threat of it (هدد بفرض عقوبات) → hypothetical.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import cache

from casus.extract.document import Document
from casus.extract.triggers import Trigger
from casus.lexicon.loader import as_list, load_yaml
from casus.text.normalize import fold, lower_en

_TOKEN = re.compile(r"[^\s،,.;:؛!؟?\"'()«»\[\]]+|[،,.;:؛!؟?]")
_IMPERFECT_START = ("ي", "ت", "ن", "ا")
# conditionals are explicit enough to overrule a learned guess
_CONDITIONALS = {"ar": frozenset({"اذا", "لو", "في حال", "في حاله", "ان لم", "ما لم", "الا اذا"}),
                 "en": frozenset({"if", "unless", "in case", "in the event"})}


@dataclass(frozen=True, slots=True)
class Cues:
    negation: frozenset[str]
    denial: frozenset[str]
    refusal: frozenset[str]
    hypothetical: frozenset[str]    # without قد, which is "may" only before an imperfect verb (_qad_imperfect)
    governing: frozenset[str]       # requests/pledges: their complement is hypothetical
    allegation: frozenset[str]
    threat: frozenset[str]
    question: frozenset[str]
    future_after: frozenset[str]
    scheduled: frozenset[str]
    not_negation: frozenset[str]
    not_hypothetical: frozenset[str]
    breakers: frozenset[str]
    clause_conjunctions: frozenset[str]
    clause_initial: frozenset[str]  # negators only at the head of their clause (ما)
    negation_window: int
    clause_window: int
    governing_window: int


@cache
def cues(lang: str) -> Cues:
    data = (load_yaml("events/modality.yaml") or {}).get(lang) or {}
    norm = fold if lang == "ar" else lower_en

    def group(name: str) -> frozenset[str]:
        return frozenset(norm(w).strip() for w in as_list(data.get(name)) if str(w).strip())

    return Cues(
        negation=frozenset(group("negation")),
        denial=group("negation_verbs"),
        refusal=group("complement_negated"),
        hypothetical=group("hypothetical") - {"قد"},
        governing=group("complement_hypothetical"),
        allegation=group("allegation"),
        threat=group("report_of_threat"),
        question=group("question"),
        future_after=group("future_after"),
        scheduled=group("scheduled"),
        not_negation=group("not_negation"),
        not_hypothetical=group("not_hypothetical"),
        breakers=group("scope_breakers"),
        clause_conjunctions=group("clause_conjunctions"),
        clause_initial=group("clause_initial_negation"),
        negation_window=int(data.get("negation_window", 2 if lang == "ar" else 3)),
        clause_window=int(data.get("clause_window", 10)),
        governing_window=int(data.get("governing_window", 14)),
    )


def _strip(token: str) -> str:
    """Conjunctions glued to a cue word: وإذا → إذا, فلن → لن, ولم → لم."""
    return token[1:] if len(token) > 2 and token[0] in "وف" else token


def _has(phrases: tuple[str, ...] | frozenset[str], padded: str) -> bool:
    """Does any cue phrase occur as whole words in `padded` (" w1 w2 ... ")?"""
    index = _phrase_index(phrases if isinstance(phrases, frozenset) else frozenset(phrases))
    words = padded.split()
    for n, cues in index:
        if n == 1:
            if not cues.isdisjoint(words):
                return True
            continue
        for i in range(len(words) - n + 1):
            if " ".join(words[i:i + n]) in cues:
                return True
    return False


@cache
def _phrase_index(phrases: frozenset[str]) -> tuple[tuple[int, frozenset[str]], ...]:
    """Cue phrases grouped by their number of words, for set look-ups instead of scans."""
    by_len: dict[int, set[str]] = {}
    for p in phrases:
        if p:
            by_len.setdefault(len(p.split()), set()).add(" ".join(p.split()))
    return tuple((n, frozenset(v)) for n, v in sorted(by_len.items()))


def _negated(window: list[str], near: list[str], c: Cues) -> bool:
    """A negator among the last tokens before the trigger; a clause-initial one (ما) only where a
    clause begins: "ما قصفت" negates, "وهو ما رفضته" (which ... rejected) does not."""
    for i, t in enumerate(near):
        if t not in c.negation:
            continue
        if t not in c.clause_initial:
            return True
        at = len(window) - len(near) + i
        # the window begins after the clause's last scope breaker (_clause_before): at 0 the clause begins here
        before = window[at - 1] if at > 0 else ""
        if (not before or before in c.clause_conjunctions
                or not any(ch.isalnum() for ch in before) or window[at] != t):
            return True  # window[at] != t: a glued conjunction (وما, فما)
    return False


def _clause_before(tokens: list[str], c: Cues) -> list[str]:
    """Tokens from the last scope breaker up to the trigger."""
    for i in range(len(tokens) - 1, -1, -1):
        tok = tokens[i]
        if tok in c.breakers or _strip(tok) in c.breakers and tok not in ("،", ","):
            return tokens[i + 1:]
    return tokens


STRONG_CUES = frozenset({"negation", "question", "future", "conditional", "scheduled", "refusal"})
# English marks the future and hedges with free words (will, would, may, is to, plans to) where Arabic has
# the سـ prefix: there a modal is as strong a cue as the prefix
STRONG_CUES_BY_LANG = {"ar": STRONG_CUES, "en": STRONG_CUES | {"modal"}}


def event_modality(doc: Document, trig: Trigger, sentence: int, threat_before: bool = False) -> str:
    """The modality of the event stated by `trig` in sentence number `sentence`."""
    return modality_cue(doc, trig, sentence, threat_before)[0]


def modality_cue(doc: Document, trig: Trigger, sentence: int, threat_before: bool = False) -> tuple[str, str]:
    """(modality, kind of cue): negation, refusal, denial, threat, future, conditional, request,
    allegation, question, future-time, or "none" when nothing marks the event."""
    c = cues(doc.lang)
    text = doc.match_text
    sent = doc.sentences[sentence]
    starts, words = _sentence_tokens(doc, sentence)
    cut = bisect_left(starts, trig.token_start)
    before = _clause_before(words[:cut], c)
    window = before[-c.clause_window:]
    if doc.lang == "en" and " " in text[trig.start:trig.end]:
        # English trigger phrases may carry their own modal: "is to visit", "due to attend", "will meet"
        window = window + text[trig.start:trig.end].split()[:-1]
    stripped = [_strip(t) for t in window]
    padded = " " + " ".join(window) + " "
    padded_stripped = " " + " ".join(stripped) + " "

    near = stripped[-c.negation_window:]
    near_padded = " " + " ".join(window[-(c.negation_window + 2):]) + " "
    if _negated(window, near, c) and not _has(c.not_negation, near_padded):
        return "negated", "negation"
    if _has(c.refusal, padded_stripped[-60:]):
        return "negated", "refusal"
    if _has(c.denial, padded_stripped):
        return "negated", "denial"

    sentence_text = text[sent.start:sent.end].rstrip()
    first = words[:1]
    if sentence_text.endswith(("?", "؟")) or (first and _strip(first[0]) in c.question):
        return "hypothetical", "question"
    if doc.lang == "ar" and trig.pos == "imperfect" and "س" in trig.prefix:
        return "hypothetical", "future"
    if _has(_CONDITIONALS[doc.lang], padded_stripped):
        return "hypothetical", "conditional"
    if threat_before or _has(c.threat, padded_stripped[-40:]):
        return "hypothetical", "threat"
    # a schedule or an intention governs its whole complement, like a pledge: "من المقرر أن يصل ... في زيارة"
    governed = " " + " ".join(_strip(t) for t in before[-c.governing_window:]) + " "
    if _has(c.scheduled, governed):
        return "hypothetical", "scheduled"
    if not _has(c.not_hypothetical, padded_stripped):
        if _has(c.hypothetical, padded_stripped) or _has(c.hypothetical, padded):
            return "hypothetical", "modal"
        if doc.lang == "ar" and _qad_imperfect(stripped, trig):
            return "hypothetical", "modal"
    # a pledge or request reaches a little further than a modal: "تعهدت الدولتان بتنفيذ مشاريع ...، حيث تساعد"
    if _has(c.governing, governed):
        return "hypothetical", "request"
    if _has(c.allegation, padded_stripped):
        return "hypothetical", "allegation"
    after = " " + " ".join(_TOKEN.findall(text, trig.end, min(sent.end, trig.end + 60))[:5]) + " "
    if _has(c.future_after, after):
        return "hypothetical", "future-time"
    return "asserted", "none"


def _sentence_tokens(doc: Document, sentence: int) -> tuple[list[int], list[str]]:
    """The sentence's cue tokens and their offsets, computed once per sentence."""
    key = ("modality-tokens", sentence)
    found = doc.memo.get(key)
    if found is None:
        span = doc.sentences[sentence]
        matches = list(_TOKEN.finditer(doc.match_text, span.start, span.end))
        found = doc.memo[key] = ([m.start() for m in matches], [m.group() for m in matches])
    return found


def _qad_imperfect(stripped: list[str], trig: Trigger) -> bool:
    """قد + imperfect verb is "may"; قد + past verb is emphasis ("قد أعلنت" = has announced)."""
    for i, tok in enumerate(stripped):
        if tok != "قد":
            continue
        nxt = stripped[i + 1] if i + 1 < len(stripped) else None
        if nxt is None:  # قد right before the trigger itself
            return trig.pos == "imperfect"
        # past verbs of the forms تفعّل/تفاعل also begin with ت but end in ت here: "قد تمكنت"
        past = nxt.endswith(("ت", "وا")) or nxt.startswith(("ان", "اعلن", "اكد"))
        return nxt.startswith(_IMPERFECT_START) and not past
    return False
