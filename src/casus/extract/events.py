"""Event coding: a trigger plus the actors around it → PLOVER events with roles.

For each trigger the coder fills two slots, source and target, from the actor
references in its sentence, using the cues news Arabic and English give:

* after an Arabic masdar, an agreeing nisba adjective is the agent
  ("الضربات الإسرائيلية"), a bare genitive is agent or patient by type
  ("تزويد إيران لروسيا", "قصف سوريا"), ل marks the patient;
* after a verb, the first bare actor is the subject (VSO: "قصفت إسرائيل"),
  the next one the object; an actor before the verb is the subject (SVO);
* prepositions mark targets (على، ضد، إلى، تجاه، بحق، مع، عن; on, against,
  with, to) and coordinations fan out ("الولايات المتحدة وفرنسا وبريطانيا");
* when the sentence gives no source, its speaker ("قال لافروف") or the
  article's last speaker is used, with lower confidence.

Modality and dates are decided by their own modules; this one only codes who
did what to whom.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from casus.extract.actors import ActorRef
from casus.extract.document import Document
from casus.extract.triggers import Trigger
from casus.model import SYMMETRIC_TYPES

_TOKEN = re.compile(r"\S+")
_PUNCT_BREAK = re.compile(r"[.؛;:!؟?\n]")
_COMMA = re.compile(r"[،,]")

# prepositions (normalised) that introduce the patient / partner of an event
AR_TARGET_PREPS = {"علي", "ضد", "الي", "تجاه", "بحق", "ازاء", "نحو", "لدي", "عن"}
AR_PARTNER_PREPS = {"مع", "بين"}
AR_FROM_PREPS = {"من"}
AR_AGENT_PHRASES = ("من قبل", "من جانب", "علي يد", "علي ايدي", "بقياده")
EN_TARGET_PREPS = {"on", "against", "to", "at", "toward", "towards", "into", "over", "upon", "for"}
EN_PARTNER_PREPS = {"with", "between", "and"}
EN_AGENT_PREPS = {"by"}

# types whose bare genitive after a masdar is usually the agent, not the patient
GENITIVE_AGENT_TYPES = {"CONSULT", "AGREE", "COOPERATE", "RETREAT", "MOBILIZE", "PROTEST", "REQUEST", "AID",
                        "THREATEN", "REJECT", "CONCEDE"}

_AR_SPEECH = re.compile(
    r"(?:^|\s)[وف]?(?:قال|قالت|اكد|اكدت|اعلن|اعلنت|اضاف|اضافت|شدد|شددت|اشار|اشارت|اعتبر|اعتبرت|اوضح|اوضحت|"
    r"صرح|صرحت|ذكر|ذكرت|تابع|تابعت|افاد|افادت|لفت|لفتت|يقول|تقول|يؤكد|تؤكد|اعرب|اعربت|عبر|عبرت)(?=\s)"
)
_AR_OWN_COUNTRY = re.compile(r"(?:^|\s)[وبلف]*(?:بلاده|بلادها|بلادنا|حكومته|حكومتها|حكومتنا|دولته|دولتها)(?=\W|$)")
_EN_OWN_COUNTRY = re.compile(r"\b(?:his|her|its|their|our) (?:country|government|nation)\b", re.I)


@dataclass(slots=True)
class Coded:
    """One coded event before modality and date are added."""

    trigger: Trigger
    source: ActorRef
    target: ActorRef
    span: tuple[int, int]
    sentence: int
    confidence: float
    rule: str


@dataclass(slots=True)
class _Slots:
    sources: list[ActorRef] = field(default_factory=list)
    targets: list[ActorRef] = field(default_factory=list)
    src_rule: str = ""
    tgt_rule: str = ""
    src_conf: float = 0.0
    tgt_conf: float = 0.0


class EventCoder:
    """Codes the events of one document; holds the per-article discourse state (last speaker)."""

    def __init__(self, doc: Document, refs: list[ActorRef], triggers: list[Trigger]) -> None:
        self.doc = doc
        self.text = doc.text
        self.lang = doc.lang
        self.refs = refs
        self.triggers = triggers
        self.last_speaker: ActorRef | None = None

    def code(self) -> list[Coded]:
        out: list[Coded] = []
        by_sentence_refs: dict[int, list[ActorRef]] = {}
        for r in self.refs:
            by_sentence_refs.setdefault(self.doc.sentence_of(r.start), []).append(r)
        by_sentence_trig: dict[int, list[Trigger]] = {}
        for t in self.triggers:
            by_sentence_trig.setdefault(self.doc.sentence_of(t.start), []).append(t)
        for si, span in enumerate(self.doc.sentences):
            refs = by_sentence_refs.get(si, [])
            speaker = self._speaker(span.start, span.end, refs)
            for trig in by_sentence_trig.get(si, []):
                out.extend(self._code_trigger(si, span.start, span.end, trig, refs, speaker))
            if speaker is not None:
                self.last_speaker = speaker
            elif refs and any(r.kind == "leader" or r.role for r in refs):
                self.last_speaker = next(r for r in refs if r.kind == "leader" or r.role)
        return _dedupe(out)

    # ----------------------------------------------------------------- slots

    def _code_trigger(self, si: int, s_start: int, s_end: int, trig: Trigger, refs: list[ActorRef],
                      speaker: ActorRef | None) -> list[Coded]:
        states = [r for r in refs if r.country is not None or r.kind in ("non-state", "igo", "bloc")]
        if not any(r.country for r in states) and speaker is None and self.last_speaker is None:
            return []
        slots = _Slots()
        after = [r for r in states if r.token_start >= trig.end]
        before = [r for r in states if r.end <= trig.token_start]
        if self.lang == "ar":
            self._arabic_after(trig, after, slots)
        else:
            self._english_after(trig, after, slots)
        self._prepositions(trig, after, slots, s_end)
        if not slots.sources:
            self._subject_before(trig, before, slots, s_start)
        if not slots.sources:
            self._fallback_source(trig, s_start, s_end, speaker, slots)
        if trig.subject_is == "target":
            slots.sources, slots.targets = slots.targets, slots.sources
            slots.src_conf, slots.tgt_conf = slots.tgt_conf, slots.src_conf
        if not slots.targets and trig.type in SYMMETRIC_TYPES and len(slots.sources) > 1:
            # "وقع بوتين وبيزشكيان": coordinated parties act with each other
            return self._pairs_within(si, trig, slots)
        if not slots.targets:
            self._fallback_target(trig, states, slots)
        events: list[Coded] = []
        for src in slots.sources:
            for tgt in slots.targets:
                if src.country is None or tgt.country is None or src.country == tgt.country:
                    continue
                conf = round(min(slots.src_conf, slots.tgt_conf), 2)
                events.append(Coded(trig, src, tgt, _span(trig, src, tgt), si, conf,
                                    f"{slots.src_rule}+{slots.tgt_rule}"))
        return events

    def _pairs_within(self, si: int, trig: Trigger, slots: _Slots) -> list[Coded]:
        out = []
        parties = [r for r in slots.sources if r.country]
        for i, a in enumerate(parties):
            for b in parties[i + 1:]:
                if a.country != b.country:
                    out.append(Coded(trig, a, b, _span(trig, a, b), si, round(slots.src_conf * 0.9, 2),
                                     f"{slots.src_rule}+coordinated"))
        return out

    def _gap_tokens(self, a: int, b: int) -> list[str]:
        return _TOKEN.findall(self.text, a, b) if b > a else []

    def _arabic_after(self, trig: Trigger, after: list[ActorRef], slots: _Slots) -> None:
        if not after:
            return
        first = after[0]
        gap = self.text[trig.end:first.token_start]
        if _PUNCT_BREAK.search(gap) or _COMMA.search(gap):
            return
        n_gap = len(self._gap_tokens(trig.end, first.token_start))
        prefix = first.prefix
        if trig.is_verbal or trig.pos == "phrase":
            if prefix in ("", "و") and n_gap <= 3 and not (prefix == "و" and n_gap == 0):
                # VSO: the first bare actor after the verb is its subject
                slots.sources = self._coordinated(first, after)
                slots.src_rule, slots.src_conf = "vso-subject", 0.75
                rest = [r for r in after if r.start > slots.sources[-1].end]
                obj = self._object_after(slots.sources[-1].end, rest, trig)
                if obj:
                    slots.targets = self._coordinated(obj, rest)
                    slots.tgt_rule, slots.tgt_conf = "vso-object", 0.65
            return
        # nominal trigger (masdar)
        if first.via in ("adjective",) and prefix in ("ال", "وال") and n_gap <= 2 and prefix != "وال":
            slots.sources = [first]
            slots.src_rule, slots.src_conf = "nisba-agent", 0.8
            return
        if prefix == "" and n_gap == 0 and first.via != "adjective":
            rest = [r for r in after if r.start > first.end]
            marked = self._marked_target(first.end, rest)
            if marked is not None or trig.type in GENITIVE_AGENT_TYPES:
                slots.sources = self._coordinated(first, after)
                slots.src_rule, slots.src_conf = "genitive-agent", 0.7
                if marked is not None:
                    slots.targets = self._coordinated(marked, rest)
                    slots.tgt_rule, slots.tgt_conf = "masdar-lam", 0.7
            else:
                slots.targets = self._coordinated(first, after)
                slots.tgt_rule, slots.tgt_conf = "genitive-patient", 0.65
            return
        if prefix in ("ل", "لل") and n_gap <= 2:
            slots.targets = self._coordinated(first, after)
            slots.tgt_rule, slots.tgt_conf = "lam-patient", 0.65

    def _english_after(self, trig: Trigger, after: list[ActorRef], slots: _Slots) -> None:
        """English: "X's attack on Y", "the attack by X"; direct objects after verbs."""
        if not after:
            return
        first = after[0]
        gap = self.text[trig.end:first.token_start]
        if _PUNCT_BREAK.search(gap):
            return
        words = [w.lower() for w in self._gap_tokens(trig.end, first.token_start)]
        if trig.is_verbal and len(words) <= 1 and (not words or words[0] in ("the", "a")):
            slots.targets = self._coordinated(first, after)
            slots.tgt_rule, slots.tgt_conf = "en-object", 0.7
        elif words and words[-1] in EN_AGENT_PREPS and len(words) <= 3:
            slots.sources = self._coordinated(first, after)
            slots.src_rule, slots.src_conf = "en-by-agent", 0.75

    def _object_after(self, pos: int, rest: list[ActorRef], trig: Trigger) -> ActorRef | None:
        for r in rest:
            gap = self.text[pos:r.token_start]
            if _PUNCT_BREAK.search(gap):
                return None
            toks = self._gap_tokens(pos, r.token_start)
            if len(toks) > 4:
                return None
            if r.prefix in ("", "ال") and (r.via != "adjective" or toks):
                return r
            if r.prefix in ("ل", "لل"):
                return r
            if toks and toks[-1] in AR_TARGET_PREPS | AR_PARTNER_PREPS:
                return r
        return None

    def _marked_target(self, pos: int, rest: list[ActorRef]) -> ActorRef | None:
        """An actor marked as patient right after a genitive: "تزويد إيران لروسيا"."""
        for r in rest:
            gap = self.text[pos:r.token_start]
            toks = self._gap_tokens(pos, r.token_start)
            if _PUNCT_BREAK.search(gap) or len(toks) > 3:
                return None
            if r.prefix in ("ل", "لل") or (toks and toks[-1] in AR_TARGET_PREPS):
                return r
        return None

    def _prepositions(self, trig: Trigger, after: list[ActorRef], slots: _Slots, s_end: int) -> None:
        """Targets and partners introduced by prepositions after the trigger (within the clause)."""
        if slots.targets:
            return
        limit = 14 if self.lang == "ar" else 12
        pos = trig.end
        seen = 0
        for r in after:
            if r in slots.sources:
                pos = r.end
                continue
            gap = self.text[pos:r.token_start]
            if _PUNCT_BREAK.search(gap):
                return
            toks = self._gap_tokens(trig.end, r.token_start)
            if len(toks) > limit:
                return
            near = [t.lower() for t in self._gap_tokens(pos, r.token_start)]
            seen += 1
            if self.lang == "ar":
                prep = near[-1] if near else ""
                adjective_np = r.via == "adjective" and r.prefix in ("ال",) and len(near) <= 4
                prep_any = next((t for t in reversed(near[-4:]) if t in AR_TARGET_PREPS | AR_PARTNER_PREPS),
                                None) if adjective_np else None
                if r.prefix in ("ل", "لل", "ب", "بال") and trig.type in SYMMETRIC_TYPES | {"SUPPORT", "AID"}:
                    self._set_target(r, after, "lam-target", 0.6, slots)
                    return
                if r.prefix in ("ل", "لل") and len(near) <= 2:
                    self._set_target(r, after, "lam-target", 0.6, slots)
                    return
                if prep in AR_TARGET_PREPS | AR_PARTNER_PREPS or prep_any:
                    self._set_target(r, after, f"prep-{prep or prep_any}", 0.7, slots)
                    return
                if prep in AR_FROM_PREPS and trig.type in ("REQUEST", "RETREAT", "REJECT", "CONCEDE"):
                    self._set_target(r, after, "prep-min", 0.55, slots)
                    return
                if any(" ".join(near[-2:]).endswith(p) for p in AR_AGENT_PHRASES) and not slots.sources:
                    slots.sources = self._coordinated(r, after)
                    slots.src_rule, slots.src_conf = "agent-phrase", 0.7
                    pos = slots.sources[-1].end
                    continue
            else:
                prep = near[-1] if near else ""
                if prep in ("the",) and len(near) >= 2:
                    prep = near[-2]
                if prep in EN_TARGET_PREPS | EN_PARTNER_PREPS:
                    self._set_target(r, after, f"prep-{prep}", 0.7, slots)
                    return
                if prep in EN_AGENT_PREPS and not slots.sources:
                    slots.sources = self._coordinated(r, after)
                    slots.src_rule, slots.src_conf = "by-agent", 0.75
                    pos = slots.sources[-1].end
                    continue
            pos = r.end
            if seen >= 3:
                return

    def _set_target(self, r: ActorRef, after: list[ActorRef], rule: str, conf: float, slots: _Slots) -> None:
        slots.targets = self._coordinated(r, after)
        slots.tgt_rule, slots.tgt_conf = rule, conf

    def _subject_before(self, trig: Trigger, before: list[ActorRef], slots: _Slots, s_start: int) -> None:
        """SVO subject: the nearest bare actor before the trigger, in the same clause."""
        limit = 10 if trig.is_verbal or self.lang == "en" else 6
        for r in reversed(before):
            gap = self.text[r.end:trig.token_start]
            if _PUNCT_BREAK.search(gap):
                return
            toks = self._gap_tokens(r.end, trig.token_start)
            if len(toks) > limit:
                return
            if r in slots.targets:
                continue
            if self.lang == "ar":
                if r.prefix not in ("", "و", "ف", "ال", "وال") or (r.via == "adjective" and r.prefix in ("", "و")):
                    continue
                if r.via == "adjective" and not (r.kind != "state" or r.role):
                    # "المنشآت النووية الإيرانية" is not a subject; "الجيش الإسرائيلي" is
                    continue
            else:
                lowered = [t.lower() for t in toks]
                if lowered and lowered[-1] in EN_TARGET_PREPS | {"of", "in", "from"} and len(lowered) == 1:
                    continue
                if r.via == "adjective" and self.text[r.end:r.end + 2] != "'s" and r.kind == "state":
                    # "Iranian officials said" is a subject; "Chinese human rights" is not
                    nxt = self.text[r.end:r.end + 12].lower().split()
                    if not nxt or nxt[0] not in ("officials", "government", "leader", "leaders", "forces",
                                                 "troops", "army", "military", "authorities", "ministers"):
                        continue
            group = self._coordinated_back(r, before)
            slots.sources = group
            slots.src_rule, slots.src_conf = "svo-subject", 0.6 if len(toks) <= 4 else 0.5
            return

    def _fallback_source(self, trig: Trigger, s_start: int, s_end: int, speaker: ActorRef | None,
                         slots: _Slots) -> None:
        own = (_AR_OWN_COUNTRY if self.lang == "ar" else _EN_OWN_COUNTRY).search(self.text, s_start, trig.start)
        who = speaker if speaker is not None and speaker.end <= trig.token_start else None
        if who is None and own is not None:
            who = speaker or self.last_speaker
        if who is None and speaker is None and self.last_speaker is not None and trig.is_verbal:
            who = self.last_speaker
            slots.sources, slots.src_rule, slots.src_conf = [who], "previous-speaker", 0.35
            return
        if who is not None and who.country:
            slots.sources, slots.src_rule, slots.src_conf = [who], "speaker", 0.45

    def _fallback_target(self, trig: Trigger, states: list[ActorRef], slots: _Slots) -> None:
        """The one other state in the clause, when roles gave none (low confidence)."""
        src_countries = {s.country for s in slots.sources}
        window = [r for r in states if r.country and r.country not in src_countries
                  and abs(r.start - trig.start) < 80 and not _PUNCT_BREAK.search(
                      self.text[min(r.end, trig.end):max(r.token_start, trig.token_start)])]
        if len({r.country for r in window}) == 1 and slots.sources:
            slots.targets = [window[0]]
            slots.tgt_rule, slots.tgt_conf = "only-other", 0.35

    # ----------------------------------------------------------- coordination

    def _coordinated(self, first: ActorRef, pool: list[ActorRef]) -> list[ActorRef]:
        """first and the actors coordinated with it: "X وY وZ", "X, Y and Z"."""
        group = [first]
        idx = pool.index(first) if first in pool else -1
        if idx < 0:
            return group
        for r in pool[idx + 1:]:
            gap = self.text[group[-1].end:r.token_start]
            if self.lang == "ar":
                ok = r.prefix.startswith("و") and gap.strip() in ("", "،", ",")
                ok = ok or (gap.strip() in ("،", ",") and r.prefix in ("", "ال"))
            else:
                ok = gap.strip().lower() in (",", "and", ", and", "&", "or", ", or") and bool(gap)
            if not ok:
                break
            if r.via == "adjective" and first.via != "adjective":
                break
            group.append(r)
        return group

    def _coordinated_back(self, last: ActorRef, before: list[ActorRef]) -> list[ActorRef]:
        idx = before.index(last)
        group = [last]
        for r in reversed(before[:idx]):
            gap = self.text[r.end:group[0].token_start]
            if self.lang == "ar":
                ok = group[0].prefix.startswith("و") and gap.strip() in ("", "،", ",")
            else:
                ok = gap.strip().lower() in (",", "and", ", and") and bool(gap)
            if not ok:
                break
            group.insert(0, r)
        return group

    # ---------------------------------------------------------------- speaker

    def _speaker(self, s_start: int, s_end: int, refs: list[ActorRef]) -> ActorRef | None:
        """Who is speaking in this sentence: the subject of قال/أكد/said..."""
        if self.lang == "ar":
            m = _AR_SPEECH.search(self.text, s_start, s_end)
            if not m:
                return None
            for r in refs:
                if r.token_start >= m.end() and r.country and r.prefix in ("", "و", "ال"):
                    gap = self._gap_tokens(m.end(), r.token_start)
                    if len(gap) <= 3:
                        return r
                    break
            return None
        lowered = self.doc.match_text
        for m in re.finditer(r"\b(?:said|says|told|added|stated|insisted|argued|warned)\b", lowered[s_start:s_end]):
            pos = s_start + m.start()
            cands = [r for r in refs if r.country and (0 <= pos - r.end <= 40 or 0 <= r.token_start - m.end()
                                                        - s_start <= 6)]
            if cands:
                return cands[0]
        return None


def _span(trig: Trigger, a: ActorRef, b: ActorRef) -> tuple[int, int]:
    start = min(trig.token_start, a.token_start, b.token_start)
    end = max(trig.end, a.end, b.end)
    return start, end


def _dedupe(events: list[Coded]) -> list[Coded]:
    """One event per (sentence, source, target, type): the most confident reading."""
    best: dict[tuple, Coded] = {}
    for e in events:
        key = (e.sentence, e.source.country, e.target.country, e.trigger.type)
        if key not in best or e.confidence > best[key].confidence:
            best[key] = e
    return sorted(best.values(), key=lambda e: (e.span[0], e.trigger.start))


def code_events(doc: Document, refs: list[ActorRef], triggers: list[Trigger]) -> list[Coded]:
    return EventCoder(doc, refs, triggers).code()
