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
    quantified: frozenset[str]      # "أي هجوم", "any attack": right before an event noun, no particular event
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
        quantified=group("quantified"),
        negation_window=int(data.get("negation_window", 2 if lang == "ar" else 3)),
        clause_window=int(data.get("clause_window", 10)),
        governing_window=int(data.get("governing_window", 14)),
    )


def _strip(token: str) -> str:
    """Conjunctions glued to a cue word: وإذا → إذا, فلن → لن, ولم → لم."""
    return token[1:] if len(token) > 2 and token[0] in "وف" else token


# the cue groups modality_cue asks about, one bit each in a _CueIndex
_NOT_NEGATION, _REFUSAL, _DENIAL, _CONDITIONAL, _THREAT, _SCHEDULED = 1, 2, 4, 8, 16, 32
_NOT_HYPOTHETICAL, _HYPOTHETICAL, _GOVERNING, _ALLEGATION, _FUTURE_AFTER = 64, 128, 256, 512, 1024


@dataclass(frozen=True, slots=True)
class _CueIndex:
    """Every cue phrase of a language with the groups it belongs to: one pass over a text's words tells
    which groups occur in it, as `_has` would tell for each group alone."""

    groups: dict[str, int]              # phrase (words joined by one space) → bits of its groups
    lengths: dict[str, tuple[int, ...]]  # first word → word counts (≥ 2) of the phrases it begins
    singles: dict[int, frozenset[str]]   # group bit → its one-word phrases
    openers: dict[int, frozenset[str]]   # group bit → the first words of its longer phrases

    def found(self, words: list[str]) -> int:
        """The bits of the groups that have a phrase occurring as whole words in `words`."""
        groups, lengths = self.groups, self.lengths
        bits = 0
        n = len(words)
        for i in range(n):
            w = words[i]
            bits |= groups.get(w, 0)
            more = lengths.get(w)
            if more is not None:
                for k in more:
                    if i + k <= n:
                        bits |= groups.get(" ".join(words[i:i + k]), 0)
        return bits

    def has(self, words: list[str], bit: int) -> bool:
        """`found(words) & bit`, for one group: set operations in C tell for its one-word phrases, and whether a
        longer one can begin at any word; only then are those words' phrases looked up."""
        if not self.singles[bit].isdisjoint(words):
            return True
        openers = self.openers[bit]
        if openers.isdisjoint(words):
            return False
        groups, n = self.groups, len(words)
        for i, w in enumerate(words):
            if w in openers:
                for k in self.lengths[w]:
                    if i + k <= n and groups.get(" ".join(words[i:i + k]), 0) & bit:
                        return True
        return False

    def may_occur(self, text: str, bit: int) -> bool:
        """False when no phrase of the group can be among the words of `text`: none of their first words is
        even a substring of it."""
        return any(word in text for word in self.singles[bit]) or any(word in text for word in self.openers[bit])


@cache
def _cue_index(lang: str) -> _CueIndex:
    c = cues(lang)
    groups: dict[str, int] = {}
    lengths: dict[str, set[int]] = {}
    by_bit = ((_NOT_NEGATION, c.not_negation), (_REFUSAL, c.refusal), (_DENIAL, c.denial),
              (_CONDITIONAL, _CONDITIONALS[lang]), (_THREAT, c.threat), (_SCHEDULED, c.scheduled),
              (_NOT_HYPOTHETICAL, c.not_hypothetical), (_HYPOTHETICAL, c.hypothetical),
              (_GOVERNING, c.governing), (_ALLEGATION, c.allegation), (_FUTURE_AFTER, c.future_after))
    singles: dict[int, set[str]] = {bit: set() for bit, _ in by_bit}
    openers: dict[int, set[str]] = {bit: set() for bit, _ in by_bit}
    for bit, phrases in by_bit:
        for p in phrases:
            words = p.split()
            if not words:
                continue
            key = " ".join(words)
            groups[key] = groups.get(key, 0) | bit
            (openers if len(words) > 1 else singles)[bit].add(words[0])
            if len(words) > 1:
                lengths.setdefault(words[0], set()).add(len(words))
    return _CueIndex(groups, {w: tuple(sorted(ns)) for w, ns in lengths.items()},
                     {b: frozenset(ws) for b, ws in singles.items()}, {b: frozenset(ws) for b, ws in openers.items()})


def _negated(window: list[str], near: list[str], c: Cues) -> bool:
    """A negator among the last tokens before the trigger; a clause-initial one (ما) only where a
    clause begins: "ما قصفت" negates, "وهو ما رفضته" (which ... rejected) does not."""
    for i, t in enumerate(near):
        if t not in c.negation:
            continue
        if t not in c.clause_initial:
            return True
        at = len(window) - len(near) + i
        # the window begins after the clause's last scope breaker (_clause_start): at 0 the clause begins here
        before = window[at - 1] if at > 0 else ""
        if (not before or before in c.clause_conjunctions
                or not any(ch.isalnum() for ch in before) or window[at] != t):
            return True  # window[at] != t: a glued conjunction (وما, فما)
    return False


@cache
def _phrase_breakers(lang: str) -> dict[str, tuple[tuple[str, ...], ...]]:
    """The scope breakers of more than one word ("غير أن", "في حين", "مع ذلك"), by their last word."""
    out: dict[str, list[tuple[str, ...]]] = {}
    for phrase in cues(lang).breakers:
        words = tuple(phrase.split())
        if len(words) > 1:
            out.setdefault(words[-1], []).append(words[:-1])
    return {last: tuple(heads) for last, heads in out.items()}


def _clause_start(tokens: list[str], stripped: list[str], cut: int, c: Cues, lang: str, within: int) -> int:
    """Where the clause of tokens[:cut] begins: after its last scope breaker, of one word or more (`stripped`:
    the tokens without their glued conjunctions: "وفي حين"). Sought among the last `within` tokens only, the
    first of them when none is there: the windows `modality_cue` reads reach no further back."""
    breakers = c.breakers
    phrases = _phrase_breakers(lang)
    first = max(cut - within, 0)
    for i in range(cut - 1, first - 1, -1):
        tok = tokens[i]
        if tok in breakers or stripped[i] in breakers and tok not in ("،", ","):
            return i + 1
        for head in phrases.get(tok, ()):
            k = len(head)
            if i >= k and tuple(tokens[i - k + 1:i]) == head[1:] and stripped[i - k] == head[0]:
                return i + 1
    return first


STRONG_CUES = frozenset({"negation", "question", "future", "conditional", "scheduled", "refusal", "quantified"})
# English marks the future and hedges with free words (will, would, may, is to, plans to) where Arabic has
# the سـ prefix: there a modal is as strong a cue as the prefix
STRONG_CUES_BY_LANG = {"ar": STRONG_CUES, "en": STRONG_CUES | {"modal"}}


def event_modality(doc: Document, trig: Trigger, sentence: int, threat_before: bool = False) -> str:
    """The modality of the event stated by `trig` in sentence number `sentence`."""
    return modality_cue(doc, trig, sentence, threat_before)[0]


def modality_cue(doc: Document, trig: Trigger, sentence: int, threat_before: bool = False,
                 earlier: tuple[int, ...] = ()) -> tuple[str, str]:
    """(modality, kind of cue): negation, refusal, denial, threat, future, conditional, request,
    allegation, question, future-time, or "none" when nothing marks the event. `earlier`: where the
    sentence's triggers before this one start (a refusal negates the first of them after it, not this one)."""
    c = cues(doc.lang)
    text = doc.match_text
    sent = doc.sentences[sentence]
    tokens = _sentence_tokens(doc, sentence)
    cut = tokens.cut(trig.token_start)
    words, words_stripped = tokens.words, tokens.stripped
    # tokens from the last scope breaker up to the trigger
    begin = _clause_start(words, words_stripped, cut, c, doc.lang, max(c.clause_window, c.governing_window))
    window = words[max(begin, cut - c.clause_window):cut]
    stripped = words_stripped[max(begin, cut - c.clause_window):cut]
    quantified = _quantified(stripped, trig, c)
    if doc.lang == "en" and " " in text[trig.start:trig.end]:
        # English trigger phrases may carry their own modal: "is to visit", "due to attend", "will meet"
        extra = text[trig.start:trig.end].split()[:-1]
        window = window + extra
        stripped = stripped + [_strip(t) for t in extra]
    # a cue phrase counts where it occurs as whole words: in the window's words, the words without their glued
    # conjunctions (`stripped`), or the last 60 or 40 characters of the latter joined by spaces
    index = _cue_index(doc.lang)
    near = stripped[-c.negation_window:]
    if _negated(window, near, c) and not index.has(window[-(c.negation_window + 2):], _NOT_NEGATION):
        return "negated", "negation"
    padded_stripped = " " + " ".join(stripped) + " "
    if index.has(padded_stripped[-60:].split(), _REFUSAL) and not _complement_before(
            text, max(sent.start, trig.token_start - 90), trig, earlier, c):
        return "negated", "refusal"
    in_stripped = index.found(stripped)  # padded_stripped's words
    if in_stripped & _DENIAL:
        return "negated", "denial"

    if quantified is not None:
        return quantified
    sentence_text = text[sent.start:sent.end].rstrip()
    first = words[:1]
    if sentence_text.endswith(("?", "؟")) or (first and _strip(first[0]) in c.question):
        return "hypothetical", "question"
    if doc.lang == "ar" and trig.pos == "imperfect" and "س" in trig.prefix:
        return "hypothetical", "future"
    if in_stripped & _CONDITIONAL:
        return "hypothetical", "conditional"
    if threat_before or index.has(padded_stripped[-40:].split(), _THREAT):
        return "hypothetical", "threat"
    # a schedule or an intention governs its whole complement, like a pledge: "من المقرر أن يصل ... في زيارة"
    governed = words_stripped[max(begin, cut - c.governing_window):cut]
    if index.has(governed, _SCHEDULED):
        return "hypothetical", "scheduled"
    if not in_stripped & _NOT_HYPOTHETICAL:
        if in_stripped & _HYPOTHETICAL or index.has(window, _HYPOTHETICAL):
            return "hypothetical", "modal"
        if doc.lang == "ar" and _qad_imperfect(stripped, trig):
            return "hypothetical", "modal"
    # a pledge or request reaches a little further than a modal: "تعهدت الدولتان بتنفيذ مشاريع ...، حيث تساعد"
    if index.has(governed, _GOVERNING):
        return "hypothetical", "request"
    if in_stripped & _ALLEGATION:
        return "hypothetical", "allegation"
    after = min(sent.end, trig.end + 60)
    if index.may_occur(text[trig.end:after], _FUTURE_AFTER) and index.has(
            _TOKEN.findall(text, trig.end, after)[:5], _FUTURE_AFTER):
        return "hypothetical", "future-time"
    return "asserted", "none"


def _quantified(before: list[str], trig: Trigger, c: Cues) -> tuple[str, str] | None:
    """"سيرد على أي هجوم", "warned against any strike": an act that may come, not one made; "لن تجري أي
    محادثات", "عدم وجود أي هجوم": none at all. `before`: the clause's words up to the trigger."""
    if not before or trig.is_verbal or before[-1] not in c.quantified:
        return None
    if any(w in c.negation for w in before[-(c.negation_window + 3):-1]):
        return "negated", "negation"
    return "hypothetical", "quantified"


def _complement_before(text: str, start: int, trig: Trigger, earlier: tuple[int, ...], c: Cues) -> bool:
    """Whether another trigger stands between the last refusal cue before `trig` and it: "إحجام روسيا عن
    التدخل العسكري في مواجهة العدوان الإسرائيلي" refuses the intervention, not the aggression."""
    if not earlier:
        return False
    toks = [(m.group(), m.end()) for m in _TOKEN.finditer(text, start, trig.token_start)]
    cue_end = -1
    for i in range(len(toks)):
        for n in (1, 2, 3):
            if i + n <= len(toks):
                words = [_strip(toks[i][0])] + [t for t, _ in toks[i + 1:i + n]]
                if " ".join(words) in c.refusal:
                    cue_end = max(cue_end, toks[i + n - 1][1])
    return cue_end >= 0 and any(cue_end <= e < trig.token_start for e in earlier)


class _SentenceTokens:
    """A sentence's cue tokens (`words`) and the tokens without glued conjunctions (`stripped`), read from the
    sentence's start only as far as its triggers need: `modality_cue` looks at the tokens before a trigger (and
    the sentence's first), so the rest of a long sentence is never tokenised. They are read by `findall` up to
    the end of a whitespace-separated word, where no token can continue: the same tokens as `finditer` over the
    whole sentence, without a match object per token."""

    __slots__ = ("words", "stripped", "_text", "_start", "_end", "_read_to")

    def __init__(self, text: str, start: int, end: int) -> None:
        self.words: list[str] = []
        self.stripped: list[str] = []
        self._text, self._start, self._end = text, start, end
        self._read_to = start  # the tokens of [start, _read_to) are read, and none continues past it

    def cut(self, pos: int) -> int:
        """How many tokens begin before `pos`, having read at least those and the one after (if any)."""
        text = self._text
        pos = min(max(pos, self._start), self._end)
        word = _THROUGH_NEXT_TOKEN.match(text, pos, self._end)
        stop = word.end() if word is not None else self._end
        if stop > self._read_to:
            new = _TOKEN.findall(text, self._read_to, stop)
            self.words += new
            self.stripped += [t[1:] if len(t) > 2 and t[0] in "وف" else t for t in new]  # _strip, inlined
            self._read_to = stop
        if pos >= self._read_to:
            return len(self.words)
        # the tokens read that begin at or after pos, less the tail of a token that begins before it
        after = len(_TOKEN.findall(text, pos, self._read_to))
        if pos > self._start and _INSIDE_TOKEN.match(text, pos - 1, pos + 1):
            after -= 1
        return len(self.words) - after


# from a position to the end of the next whitespace-separated word that holds a token (see _TOKEN)
_THROUGH_NEXT_TOKEN = re.compile(r"[\s\"'()«»\[\]]*\S*")
_INSIDE_TOKEN = re.compile(r"[^\s،,.;:؛!؟?\"'()«»\[\]]{2}")  # two characters of one token (see _TOKEN)


def _sentence_tokens(doc: Document, sentence: int) -> _SentenceTokens:
    """The sentence's `_SentenceTokens`, one per sentence and document."""
    key = ("modality-tokens", sentence)
    found: _SentenceTokens | None = doc.memo.get(key)
    if found is None:
        span = doc.sentences[sentence]
        found = doc.memo[key] = _SentenceTokens(doc.match_text, span.start, span.end)
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
