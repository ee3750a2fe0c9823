"""Event coding: triggers + actors → scored candidate events → the article's events.

Every trigger proposes candidate events for each ordered pair of states in its
sentence (and the sentence's speaker). Each candidate is described by
features — what the role finder (`roles.py`) assigned, word order, distances,
the prepositions and clitics around each actor, the trigger family, modality
cues — and scored by a small multinomial logistic model trained on annotated
articles (`data/event_model.json`, see `training.py`). The scores say whether
the candidate is an asserted, hypothetical or negated event, or none.

Without a trained model the role finder's own decisions are used as they are.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from casus.extract.actors import NOT_ACTING, ActorRef
from casus.extract.document import Document
from casus.extract.event_model import EventModel, GroupKey, load_event_model
from casus.extract.modality import STRONG_CUES_BY_LANG, modality_cue
from casus.extract.roles import AR_AGENT_PHRASES, COMMA, PUNCT_BREAK, RoleFinder, Slots
from casus.extract.triggers import AR_ARTICLE_CLITICS, CLAUSE_END, Trigger, agreement_nouns
from casus.lexicon.loader import as_list, load_yaml, word_set
from casus.model import SYMMETRIC_TYPES

_PREPS_AR = {"علي", "ضد", "الي", "تجاه", "بحق", "ازاء", "نحو", "لدي", "عن", "مع", "بين", "من", "في", "قبل",
             "جانب", "يد", "بقياده", "حول", "بشان"}
_PREPS_EN = {"on", "against", "to", "at", "toward", "towards", "into", "over", "with", "between", "and", "by",
             "from", "of", "in", "for", "the", "about"}
MAX_PAIR_DISTANCE = 30  # tokens between a trigger and an actor it can take
# roles the syntax fills with this confidence, without fallbacks, are kept even when the model hesitates
RULE_ACCEPT = 0.65
_FALLBACK_RULES = ("previous-speaker", "only-other", "speaker")
# stances toward an act, whose target is the act's author ("أدان الهجوم الإسرائيلي" = ACCUSE of Israel)
STANCE_TYPES = {"SUPPORT", "ACCUSE", "REJECT", "PROTEST"}
_OPINION_TYPES = {"SUPPORT", "ACCUSE", "PROTEST"}  # stances whose taker is no agent of the act ("نفت" may be)
_QUOTES = "\"'«»“”"
# one or two words set off by commas between a verb and its object ("، الخميس،", "، أمس،", "، on Monday,")
_TIME_ASIDE = re.compile(r"[،,]\s*[^\s،,.]+(?:\s+[^\s،,.]+)?\s*[،,]")


def act_anaphora(lang: str) -> frozenset[str]:
    """Nouns that refer back to an act of force already reported (`events/act_anaphora.yaml`)."""
    return word_set("events/act_anaphora.yaml", lang)


@cache
def claim_anaphora(lang: str) -> dict[str, frozenset[str]]:
    """`events/claim_anaphora.yaml`: the denial words (`deny`) and the nouns that refer back to an accusation
    (`ACCUSE`) or a request (`REQUEST`), lower-cased."""
    groups = (load_yaml("events/claim_anaphora.yaml") or {}).get(lang) or {}
    return {key: frozenset(str(w).lower() for w in as_list(words)) for key, words in groups.items()}


def rule_accepts(rule_score: float, rule: str) -> bool:
    return rule_score >= RULE_ACCEPT and not any(f in rule for f in _FALLBACK_RULES)


@dataclass(slots=True)
class Coded:
    """One coded event candidate that passed the scorer."""

    trigger: Trigger
    source: ActorRef
    target: ActorRef
    span: tuple[int, int]
    sentence: int
    confidence: float
    modality: str
    rule: str


@dataclass(slots=True)
class Candidate:
    """One ordered pair of states for one trigger, and its features (`features`) in groups: the trigger's, shared
    by every pair of the trigger; those that cross the trigger's own words with the pair (`word_features`); and
    groups each determined by a small key (`GroupKey`, see `_GROUP_FEATURES`): each side on its own (`a_keys`,
    `b_keys`, shared by every pair the side is in) and the pair's roles, positions and surroundings
    (`pair_keys`). The keys come from small vocabularies and recur from article to article, so the scorer sums
    each key's weights once (`EventModel.remember`) instead of building and looking up forty strings a pair."""

    trigger: Trigger
    source: ActorRef
    target: ActorRef
    sentence: int
    trigger_features: list[str]  # shared by every pair of this trigger (scored once)
    word_features: list[str]
    a_keys: tuple[GroupKey, ...]
    b_keys: tuple[GroupKey, ...]
    pair_keys: tuple[GroupKey, ...]
    rule_modality: str
    rule: str
    rule_score: float

    @property
    def pair_features(self) -> list[str]:
        """Everything but the trigger's own features, as strings (for training and reports)."""
        f = list(self.word_features)
        for key in (*self.pair_keys, *self.a_keys, *self.b_keys):
            f += _GROUP_FEATURES[key[0]](key)
        return f

    @property
    def features(self) -> list[str]:
        return self.trigger_features + self.pair_features


def _bin(n: int) -> str:
    return "0" if n == 0 else "1" if n == 1 else "2" if n == 2 else "3-5" if n <= 5 else "6-10" if n <= 10 else "11+"


def _prefix_class(ref: ActorRef) -> str:
    p = ref.prefix
    if not p:
        return "none"
    if p.endswith("لل"):
        return "lam-al"
    core = p[1:] if p[0] in "وف" else p
    return ("w+" if p[0] in "وف" and core else "w" if p[0] in "وف" else "") + (core or "")


@dataclass(slots=True)
class _Side:
    """One participant of a trigger: its slot ("S", "T" or "-"), whether it stands before ("B") or after ("A")
    the trigger, and the keys of its feature groups as a pair's first and second state."""

    role: str
    where: str
    a_keys: tuple[GroupKey, ...]
    b_keys: tuple[GroupKey, ...]


# A pair's feature groups, each a function of its key alone (see Candidate). A key's first item names its group.
# Each group's keys stay few (a few thousand over the whole corpus) however many articles are read.

def _roles_features(key: GroupKey) -> list[str]:
    """("roles", type, modality, a's slot, b's slot, whether the syntax named both sides of this trigger but
    not this pair, whether the rules filled the target slot, the source slot (even weakly))."""
    _, typ, modality, ra, rb, elsewhere, tgt_filled, src_filled = key
    f = [f"ra={ra}|rb={rb}", f"T={typ}|ra={ra}|rb={rb}", f"mod={modality}|ra={ra}|rb={rb}"]
    if elsewhere:
        f += ["roles_elsewhere", f"T={typ}|roles_elsewhere"]
    # a side the rules filled with another state: "مقتل 61 فلسطينيا برصاص الجيش الإسرائيلي" has its target, so
    # the Turkish president eleven words back is none
    if rb == "-" and tgt_filled:
        f += ["tgt_elsewhere", f"T={typ}|tgt_elsewhere"]
    if ra == "-" and src_filled:
        f.append("src_elsewhere")
    return f


def _rules_features(key: GroupKey) -> list[str]:
    """("rules", type, a's slot, b's slot, the source rule if a is a source, the target rule if b is a
    target)."""
    _, typ, ra, rb, src_rule, tgt_rule = key
    f = []
    if ra == "S":
        f += [f"srule={src_rule}", f"T={typ}|srule={src_rule}"]
    if rb == "T":
        f += [f"trule={tgt_rule}", f"T={typ}|trule={tgt_rule}"]
    if ra == "S" and rb == "T":
        f += [f"rule={src_rule}+{tgt_rule}", f"T={typ}|rule=yes"]
    return f


def _places_features(key: GroupKey) -> list[str]:
    """("places", type, the trigger's part of speech, a's side of the trigger, b's side)."""
    _, typ, tpos, pa, pb = key
    return [f"pos={tpos}|pa={pa}|pb={pb}", f"T={typ}|pa={pa}|pb={pb}"]


def _between_features(key: GroupKey) -> list[str]:
    """What lies between the two states, the same in both directions: ("between", type, both named in the
    title, coordinated, a clause break between them and the trigger, then `EventCoder._competition`)."""
    _, typ, in_title, coord, clause_break, closer, between, inside = key
    f = ["pair_in_title"] if in_title else []
    if coord:
        f += ["coord", f"T={typ}|coord"]
    if clause_break:
        f.append("clause_break")
    f += [f"closer={closer}", f"T={typ}|closer={closer}", f"between={between}", f"inside={inside}",
          f"T={typ}|inside={inside}"]
    return f


def _side_place_features(key: GroupKey) -> list[str]:
    """("a-place" or "b-place", type, side of the trigger, distance bin, how the state is named (via), whether
    it names a place rather than a party: "على الأراضي السورية", `RoleFinder.names_a_place`)."""
    group, typ, p, d, via, place = key
    x = group[0]
    f = [f"p{x}={p}{d}", f"T={typ}|d{x}={d}", f"via_{x}={via}", f"T={typ}|via_{x}={via}|p{x}={p}"]
    if place:
        f += ["b_place", f"T={typ}|b_place"] if x == "b" else ["a_place"]
    return f


def _side_word_features(key: GroupKey) -> list[str]:
    """("a-word" or "b-word", type, prefix class, the preposition before it, kind)."""
    group, typ, pre, prep, kind = key
    x = group[0]
    return [f"pre{x}={pre}", f"T={typ}|pre{x}={pre}", f"prep{x}={prep}", f"T={typ}|prep{x}={prep}", f"kind_{x}={kind}"]


def _a_part_features(key: GroupKey) -> list[str]:
    """("a-part", type, not in the trigger's sentence, the speaker's state, the previous speaker's state, the
    sentence's first state, the governing verb's subject)."""
    _, typ, outside, speaker, prev_speaker, first, gov = key
    f = ["a_outside"] if outside else []
    if speaker:
        f += ["a_speaker", f"T={typ}|a_speaker"]
    if prev_speaker:
        f.append("a_prev_speaker")
    if first:
        f += ["a_first", f"T={typ}|a_first"]
    if gov:
        f += ["a_gov_subject", f"T={typ}|a_gov_subject"]
    return f


def _b_part_features(key: GroupKey) -> list[str]:
    """("b-part", not in the trigger's sentence, the speaker's state, the sentence's first state, the governing
    verb's subject)."""
    _, outside, speaker, first, gov = key
    return [f for f, on in (("b_outside", outside), ("b_speaker", speaker), ("b_first", first),
                            ("b_gov_subject", gov)) if on]


_GROUP_FEATURES: dict[str, Callable[[GroupKey], list[str]]] = {
    "roles": _roles_features, "rules": _rules_features, "places": _places_features, "between": _between_features,
    "a-place": _side_place_features, "b-place": _side_place_features, "a-word": _side_word_features,
    "b-word": _side_word_features, "a-part": _a_part_features, "b-part": _b_part_features,
}


class EventCoder:
    """Candidates and their features for one document."""

    def __init__(self, doc: Document, refs: list[ActorRef]) -> None:
        refs = [r for r in refs if r.kind != "former"]  # a former office holder no longer acts for the state
        self.doc = doc
        self.text = doc.text
        self.match = doc.match_text
        self.lang = doc.lang
        self.finder = RoleFinder(doc, refs)
        title_end = doc.sentences[0].end if doc.sentences else 0
        self.title_countries = {r.country for r in refs if r.country and r.start < title_end}
        self.title_refs = list({r.country: r for r in refs if r.country and r.start < title_end
                                and not r.dateline}.values())
        self._preps: dict[int, tuple[str, str]] = {}
        self._agreement_parties: dict[str, ActorRef] | None = None
        self._triggers: list[Trigger] = []

    @property
    def agreement_parties(self) -> dict[str, ActorRef]:
        """The states named in the sentences that state an agreement ("الاتفاق الذي وقعته الولايات المتحدة
        وفرنسا …", "signed between Iran and six powers"): who a withdrawal from it is toward (convention 6)."""
        if self._agreement_parties is None:
            nouns = agreement_nouns(self.lang)
            sentences = {self.doc.sentence_of(t.start) for t in self._triggers if t.type == "AGREE"}
            parties: dict[str, ActorRef] = {}
            for si in sorted(sentences):
                span = self.doc.sentences[si]
                words = {self._bare_word(w) for w in self.match[span.start:span.end].split()}
                if words & nouns:
                    for r in self.finder.refs(si):  # former office holders were dropped in __init__
                        if r.country:
                            parties.setdefault(r.country, r)
            self._agreement_parties = parties
        return self._agreement_parties

    def _leaves_agreement(self, trig: Trigger) -> bool:
        """A REJECT that is a withdrawal from, or breach of, an agreement: its words name one."""
        nouns = agreement_nouns(self.lang)
        words = self.match[trig.start:trig.end].split() + self.match[trig.end:trig.end + 60].split()[:4]
        return any(self._bare_word(w) in nouns for w in words)

    def _bare_word(self, word: str) -> str:
        """A word as the data files write it: no punctuation around it, Arabic clitics before ال dropped."""
        word = word.strip(_QUOTES + "".join(CLAUSE_END) + "()")
        return AR_ARTICLE_CLITICS.sub("ال", word, count=1) if self.lang == "ar" else word

    def _governor(self, trig: Trigger, previous: list[Trigger]) -> Trigger | None:
        """The trigger this one is the object of: "أدانت [الهجوم]", "condemned the [attack]"."""
        for g in reversed(previous[-3:]):
            if g.end > trig.token_start:
                continue
            gap = self.text[g.end:trig.token_start]
            aside_words = 0
            aside = _TIME_ASIDE.search(gap)
            if aside is not None:
                # "ونددت الولايات المتحدة، الخميس، بالهجمات": a day or place set off by commas is no clause break
                aside_words = self.doc.count_tokens(g.end + aside.start(), g.end + aside.end())
                gap = gap[:aside.start()] + " " + gap[aside.end():]
            if PUNCT_BREAK.search(gap) or COMMA.search(gap):
                return None
            if self.doc.count_tokens(g.end, trig.token_start) - aside_words <= 3:
                return g
            return None
        return None

    def _slots(self, trig: Trigger, si: int, slots_of: dict[int, Slots]) -> Slots:
        """The role finder's slots for `trig`, found once per candidates() call (rules may amend them)."""
        found = slots_of.get(id(trig))
        if found is None:
            found = slots_of[id(trig)] = self.finder.slots(trig, si)
        return found

    def _share_between(self, trig: Trigger, sentence_triggers: list[Trigger], si: int, slots: Slots,
                       slots_of: dict[int, Slots]) -> None:
        """"التعاون العسكري والاتفاقيات الدبلوماسية بين روسيا وإيران", "talks and agreements between X and Y":
        coordinated nouns share the parties "between" whom the last of them is."""
        if (trig.is_verbal or trig.type not in SYMMETRIC_TYPES
                or (slots.targets and slots.tgt_rule not in _FALLBACK_RULES)):
            return
        nxt = next((t for t in sentence_triggers if t.token_start >= trig.end), None)
        if nxt is None or nxt.is_verbal or nxt.type not in SYMMETRIC_TYPES:
            return
        gap = self.match[trig.end:nxt.token_start].strip()
        joined = gap in ("و", "and") if gap else nxt.prefix.startswith("و")
        if not joined:
            return
        other = self._slots(nxt, si, slots_of)
        if other.src_rule == "between-first" and other.targets:
            slots.sources, slots.src_rule, slots.src_conf = list(other.sources), "between-first", other.src_conf
            slots.targets, slots.tgt_rule, slots.tgt_conf = list(other.targets), other.tgt_rule, other.tgt_conf

    def _after_contact(self, trig: Trigger, earlier: list[Trigger], si: int, slots: Slots,
                       slots_of: dict[int, Slots]) -> None:
        """"Mr Obama telephoned Mr Morsi on Sunday to congratulate him", "Mrs Merkel spoke by phone to Mr Putin
        and urged de-escalation", "Mr Hague held talks with Mr Lavrov, urging Russia to ...": an English verb
        that goes on from a call, visit or meeting ("to", "and", or a participle after a comma) is done by the one
        who made the contact, to the one contacted, not by the one the nearest name before it stands for."""
        if not self.finder._en_verbal(trig):
            return
        contact = next((g for g in reversed(earlier) if g.type == "CONSULT" and g.end <= trig.token_start), None)
        if contact is None:
            return
        c_slots = self._slots(contact, si, slots_of)
        if not c_slots.sources or not c_slots.targets or any(
                f in c_slots.src_rule or f in c_slots.tgt_rule for f in _FALLBACK_RULES):
            return
        last = max(r.end for r in c_slots.targets)
        if last > trig.token_start or PUNCT_BREAK.search(self.text, contact.end, trig.token_start):
            return
        if self.doc.count_tokens(last, trig.token_start) > 8:
            return
        lead = self.match[last:trig.token_start].split()[-2:]
        participle = self.match[trig.start:trig.end].split()[0].endswith("ing") and self.text[
            last:trig.token_start].rstrip().endswith(",")
        if not (participle or lead[-1:] in (["to"], ["and"]) or lead == ["and", "also"]):
            return
        contacted = {r.country for r in c_slots.targets}
        own = {r.country for r in slots.sources}
        if slots.sources and not own <= contacted and not any(f in slots.src_rule for f in _FALLBACK_RULES):
            return  # "met Mr Abbas and Israel agreed": a subject of its own
        slots.sources, slots.src_rule, slots.src_conf = list(c_slots.sources), "contact-subject", 0.6
        mine = {r.country for r in c_slots.sources}
        if not slots.targets or slots.tgt_rule in _FALLBACK_RULES or {r.country for r in slots.targets} <= mine:
            slots.targets, slots.tgt_rule, slots.tgt_conf = list(c_slots.targets), "contact-object", 0.55

    def _stance_on(self, trig: Trigger, sentence_triggers: list[Trigger], si: int, slots: Slots,
                   slots_of: dict[int, Slots]) -> None:
        """"تأييد المملكة للضربات التي نفذتها الولايات المتحدة", "condemned the Israeli strikes": a stance on
        an act is toward whoever did it, so the act's agents become this trigger's targets."""
        act = next((t for t in sentence_triggers if t.token_start >= trig.end), None)
        if act is None or act.type in STANCE_TYPES or self._governor(act, [trig]) is not trig:
            return
        if slots.targets and slots.tgt_rule != "only-other" and any(r.start < act.start for r in slots.targets):
            return  # the stance has its own target; one found after the act ("على أهداف في سوريا") is the act's
        act_slots = self._slots(act, si, slots_of)
        own = {r.country for r in slots.sources}
        agents = [r for r in act_slots.sources if r.country and r.country not in own]
        if agents and act_slots.src_rule and not any(f in act_slots.src_rule for f in _FALLBACK_RULES):
            slots.targets, slots.tgt_rule, slots.tgt_conf = agents, "act-agent", min(0.6, act_slots.src_conf)

    def _answered_claims(self, trig: Trigger, si: int,
                         claims: list[tuple[int, str, list[ActorRef], set[str]]]
                         ) -> list[tuple[int, str, list[ActorRef], set[str]]]:
        """The accusations (or requests) of the last three sentences a REJECT trigger answers, if it is a denial
        or names a claim ("rejected the charge", "a charge Tehran denies"); see `claim_anaphora.yaml`."""
        words = claim_anaphora(self.lang)
        if not words:
            return []
        own = self.match[trig.start:trig.end].split()
        after = [w.strip(_QUOTES + ",.;:") for w in self.match[trig.end:trig.end + 60].split()[:4]]
        span = self.doc.sentences[si]
        clause_start = max(span.start, self.match.rfind(",", span.start, trig.token_start) + 1)
        before = [w.strip(_QUOTES) for w in self.match[clause_start:trig.token_start].split()[:3]]
        wanted = "ACCUSE" if any(w in words.get("deny", ()) for w in own) else None
        for w in after + before:
            for typ in ("ACCUSE", "REQUEST"):
                if w in words.get(typ, ()):
                    wanted = wanted or typ
        if wanted is None:
            return []
        return [c for c in claims if si - 3 <= c[0] <= si and c[1] == wanted]

    def _act_anaphor(self, trig: Trigger) -> str | None:
        """The noun of `act_anaphora.yaml` ("للعملية", "the strikes") within three words after the trigger."""
        words = self.match[trig.end:trig.end + 80].split()[:5]
        forms = act_anaphora(self.lang)
        for i in range(min(4, len(words))):
            if i and words[i - 1][-1:] in CLAUSE_END:
                return None
            for n in (3, 2, 1):
                phrase = " ".join(words[i:i + n]).strip(_QUOTES).rstrip("".join(CLAUSE_END)).strip(_QUOTES)
                if self.lang == "ar":
                    phrase = AR_ARTICLE_CLITICS.sub("ال", phrase, count=1)
                if phrase in forms:
                    return phrase
        return None

    def _competition(self, trig: Trigger, a: ActorRef, b: ActorRef, other_mids: list[float],
                     other_starts: list[int]) -> tuple[int, int, bool]:
        """How this trigger compares with the sentence's other triggers (their middles and starts) for the
        same pair: how many are closer to the pair (at most 3), how many start between its two sides (at most
        3), and whether this one does."""
        lo, hi = min(a.start, b.start), max(a.end, b.end)
        if not other_mids:  # the sentence's one trigger (a fifth of the pairs)
            return 0, 0, lo <= trig.start < hi
        mid = (lo + hi) / 2
        mine = abs((trig.start + trig.end) / 2 - mid)
        closer = between = 0  # counted in loops: sum() over a generator costs more for two or three triggers
        for m in other_mids:
            if abs(m - mid) < mine:
                closer += 1
        for start in other_starts:
            if lo <= start < hi:
                between += 1
        return min(closer, 3), min(between, 3), lo <= trig.start < hi

    def candidates(self, triggers: list[Trigger]) -> list[Candidate]:
        out: list[Candidate] = []
        self._triggers = triggers
        by_sentence: dict[int, list[Trigger]] = {}
        for t in triggers:
            by_sentence.setdefault(self.doc.sentence_of(t.start), []).append(t)
        slots_of: dict[int, Slots] = {}
        # the authors of each act of force met so far, as the rules found them, with the act's head word
        acts: list[tuple[str, list[ActorRef]]] = []
        # each accusation or request met so far: its sentence, type, authors and the states it is aimed at
        claims: list[tuple[int, str, list[ActorRef], set[str]]] = []
        seen_in: dict[int, list[Trigger]] = {}  # the sentence's triggers met so far
        main_seen: set[int] = set()
        for trig in triggers:
            si = self.doc.sentence_of(trig.start)
            seen_here = seen_in.setdefault(si, [])
            seen_here.append(trig)
            is_main = trig.is_verbal and si not in main_seen
            if trig.is_verbal:
                main_seen.add(si)
            states = [r for r in self.finder.refs(si) if r.country]
            speaker = self.finder.speakers.get(si)
            previous = self.finder.previous_speaker.get(si)
            countries = {r.country for r in states}
            countries.update(x.country for x in (speaker, previous) if x is not None)
            countries.update(r.country for r in self.title_refs)
            # convention 6: leaving an agreement is toward every party the article names
            leaving = trig.type == "REJECT" and self._leaves_agreement(trig)
            if leaving:
                countries.update(self.agreement_parties)
            # "تأييدها الكامل للعملية": a stance on an act of force reported earlier
            anaphor = self._act_anaphor(trig) if acts and trig.type in STANCE_TYPES else None
            earlier_act = _act_named(acts, anaphor) if anaphor else None
            if earlier_act:
                countries.update(r.country for r in earlier_act)
            answered = self._answered_claims(trig, si, claims) if claims and trig.type == "REJECT" else None
            if answered:
                countries.update(r.country for _, _, agents, _ in answered for r in agents)
            if len(countries) < 2:
                continue  # one state alone cannot be both sides of an event
            governor = self._governor(trig, seen_here[:-1])  # among the sentence's earlier triggers
            slots = self._slots(trig, si, slots_of)
            self._share_between(trig, by_sentence[si], si, slots, slots_of)
            if self.lang == "en":
                self._after_contact(trig, seen_here[:-1], si, slots, slots_of)
            if trig.type in STANCE_TYPES:
                self._stance_on(trig, by_sentence[si], si, slots, slots_of)
                own = {r.country for r in slots.sources}
                if earlier_act and (not slots.targets or slots.tgt_rule == "only-other") and own and any(
                        r.country not in own for r in earlier_act):
                    slots.targets = [r for r in earlier_act if r.country not in own]
                    slots.tgt_rule, slots.tgt_conf = "anaphor-agent", 0.5
            if answered and slots.sources and (not slots.targets or slots.tgt_rule in _FALLBACK_RULES):
                # "Russia accused Georgia of ... . Tbilisi denied the charge": toward who made the claim
                own = {r.country for r in slots.sources}
                # one aimed at the denier, else one whose object the rules did not name as a state ("accused
                # elements in Pakistan's intelligence services"); never one the denier made
                by_others = [c for c in answered if not {r.country for r in c[2]} & own]
                aimed = [c for c in by_others if c[3] & own] or [c for c in by_others if not c[3]]
                agents = aimed[-1][2] if aimed else []
                if agents:
                    slots.targets, slots.tgt_rule, slots.tgt_conf = agents, "claim-agent", 0.5
            if leaving and slots.sources and (not slots.targets or slots.tgt_rule in ("only-other", "vso-object")
                                              or slots.tgt_rule.startswith("prep-")):
                # "انسحاب الولايات المتحدة من الاتفاق مع إيران": the one party named is one of all
                own = {r.country for r in slots.sources}
                parties = [r for c, r in self.agreement_parties.items() if c not in own]
                named = {r.country for r in slots.targets}
                if parties:
                    slots.targets = [r for r in slots.targets if r.country not in own] + [
                        r for r in parties if r.country not in named]
                    slots.tgt_rule, slots.tgt_conf = "agreement-parties", 0.55
            gov_slots = slots_of.get(id(governor)) if governor is not None else None
            gov_src = {r.country for r in gov_slots.sources} if gov_slots else set()
            if (governor is not None and governor.type in _OPINION_TYPES and not trig.is_verbal
                    and slots.src_rule.startswith("svo-") and {r.country for r in slots.sources} <= gov_src):
                # "السعودية تؤيد العمليات العسكرية في سوريا": who takes a stance on an act did not do it
                slots.sources, slots.src_rule, slots.src_conf = [], "", 0.0
            if trig.type == "ASSAULT" and slots.src_rule and not any(f in slots.src_rule for f in _FALLBACK_RULES):
                agents = [r for r in slots.sources if r.country]
                if agents:
                    acts.append((_head(self.match[trig.start:trig.end]), agents))
            if gov_src and slots.tgt_rule == "only-other" and {r.country for r in slots.targets} <= gov_src:
                # the governing verb's subject is not the target of what it talks about
                slots.targets, slots.tgt_rule, slots.tgt_conf = [], "", 0.0
            parts = self._participants(trig, states, slots, speaker, previous)
            if len({p.country for p in parts}) < 2:
                continue
            modality, cue = modality_cue(self.doc, trig, si, earlier=tuple(t.start for t in seen_here[:-1]))
            # a claim a later denial may answer; its author as the rules or the speaker found it, not a guess
            if (trig.type in ("ACCUSE", "REQUEST") and slots.sources and slots.src_rule not in _FALLBACK_RULES[:2]
                    and self.lang == "en" and modality != "negated"):  # "did not blame Syria": nothing to deny
                claims.append((si, trig.type, [r for r in slots.sources if r.country],
                               {r.country for r in slots.targets if r.country}))
            n_states = len({r.country for r in states})
            fam, word = f"{self.lang}:{trig.family_name}", self.match[trig.start:trig.end]
            trig_feats = self._trigger_features(trig, fam, word, si, modality, cue, n_states, governor, is_main)
            strong_modality = modality if cue in STRONG_CUES_BY_LANG[self.lang] else "asserted"
            # co-agents act on each other only in a symmetric event of two ("وقع بوتين وبيزشكيان")
            agents_apart = trig.type not in SYMMETRIC_TYPES or len({r.country for r in slots.sources}) > 2
            # which participants are in the slots (`in`: by equality), asked once each
            sources = {id(r) for r in parts if r in slots.sources}
            targets = {id(r) for r in parts if r in slots.targets}
            # the syntax named both sides of this trigger (no fallback): a pair that is not them is flagged
            roles_named = bool(slots.sources and slots.targets) and not any(
                x in slots.src_rule or x in slots.tgt_rule for x in _FALLBACK_RULES)
            others = [t for t in by_sentence.get(si, []) if t is not trig]
            other_mids, other_starts = [(t.start + t.end) / 2 for t in others], [t.start for t in others]
            sides = self._sides(trig, parts, slots, states, speaker, previous, gov_src)
            tgt_filled, src_filled = bool(slots.targets), bool(slots.sources)
            typ, symmetric = trig.type, trig.type in SYMMETRIC_TYPES
            between_rule = slots.tgt_rule.endswith(("بين", "between"))
            between_keys: dict[tuple[int, int], GroupKey] = {}  # by the pair's references, ordered by position
            group = slots.agent_group if not slots.sources else None
            for a, side_a in zip(parts, sides):
                for b, side_b in zip(parts, sides):
                    if a.country == b.country or a.kind == "opposition" or b.kind == "opposition":
                        # an opposition leader is found as any speaker or subject, but never acts for his state
                        continue
                    if group is not None and a.country not in group and not (symmetric and b.country in group):
                        continue  # "دعما عسكريا غربيا لكييف": done by a Western state, or by none named here
                    if agents_apart and id(a) in sources and id(b) in sources and a is not b:
                        continue  # co-agents ("اتهمت موسكو وطهران واشنطن") do not act on each other
                    if id(a) in targets and id(b) in targets and a is not b and not between_rule:
                        # nor do co-patients ("spoke to President Bush and the presidents of Sri Lanka"),
                        # unlike the parties "between" whom something is agreed
                        continue
                    ra, rb = side_a.role, side_b.role
                    rule_score = 0.0
                    rule = ""
                    if ra == "S" and rb == "T":
                        rule_score = min(slots.src_conf, slots.tgt_conf)
                        rule = f"{slots.src_rule}+{slots.tgt_rule}"
                    elif symmetric and ra == "S" and rb == "S":
                        rule_score = slots.src_conf * 0.9
                        rule = f"{slots.src_rule}+coordinated"
                    lo, hi = (a, b) if a.start < b.start else (b, a)
                    between = between_keys.get((id(lo), id(hi)))
                    if between is None:
                        between = between_keys[(id(lo), id(hi))] = self._between_key(trig, lo, hi, other_mids,
                                                                                      other_starts)
                    pa, pb = side_a.where, side_b.where
                    pair_keys = (("roles", typ, modality, ra, rb, roles_named and not rule, tgt_filled, src_filled),
                                 ("rules", typ, ra, rb, slots.src_rule if ra == "S" else "",
                                  slots.tgt_rule if rb == "T" else ""),
                                 ("places", typ, trig.pos, pa, pb), between)
                    # the trigger's own words crossed with the pair: too many to remember, built per pair
                    words = [f"fam={fam}|pa={pa}|pb={pb}", f"fam={fam}|ra={ra}|rb={rb}",
                             f"w={word}|ra={ra}|rb={rb}", f"w={word}|pa={pa}|pb={pb}"]
                    out.append(Candidate(trig, a, b, si, trig_feats, words, side_a.a_keys, side_b.b_keys, pair_keys,
                                         strong_modality, rule, rule_score))
        return out

    def _participants(self, trig: Trigger, states: list[ActorRef], slots: Slots, speaker: ActorRef | None,
                      previous: ActorRef | None) -> list[ActorRef]:
        """One reference per state: the slot fillers first, else the mention nearest the trigger."""
        chosen: dict[str, ActorRef] = {}
        for r in slots.sources + slots.targets:
            if r.country:
                chosen.setdefault(r.country, r)
        by_distance = sorted(states, key=lambda r: abs(r.start - trig.start))
        for r in by_distance:
            if not r.country or r.country in chosen:
                continue
            lo, hi = (r.end, trig.token_start) if r.end <= trig.token_start else (trig.end, r.token_start)
            if self.doc.count_tokens(lo, hi) <= MAX_PAIR_DISTANCE:
                chosen[r.country] = r
        for extra in (speaker, previous):
            if extra is not None and extra.country and extra.country not in chosen:
                chosen[extra.country] = extra
        if len(chosen) == 1:
            # one side named here, the other is the article's topic ("دانت الخارجية القطرية القانون")
            for r in self.title_refs:
                if r.country and r.country not in chosen:
                    chosen[r.country] = r
        return list(chosen.values())

    def _trigger_features(self, trig: Trigger, fam: str, word: str, si: int, modality: str, cue: str, n_states: int,
                          governor: Trigger | None, is_main: bool) -> list[str]:
        """What describes the trigger whatever pair it is scored for."""
        typ = trig.type
        prev_tok = self.match[max(0, trig.token_start - 16):trig.token_start].split()[-1:] or ["^"]
        next_tok = self.match[trig.end:trig.end + 16].split()[:1] or ["$"]
        definite = "def" if trig.prefix.endswith(("ال", "لل")) or prev_tok[0] == "the" else "indef"
        f = [
            f"T={typ}", f"pos={trig.pos}", f"fam={fam}", f"w={word}",
            f"prev={prev_tok[0]}", f"T={typ}|prev={prev_tok[0]}", f"next={next_tok[0]}", f"T={typ}|next={next_tok[0]}",
            f"T={typ}|{definite}|{trig.pos}", f"w={word}|prev={prev_tok[0]}",
            f"n={min(n_states, 5)}", f"T={typ}|n={min(n_states, 5)}",
            f"mod={modality}", f"T={typ}|mod={modality}",
            f"sent={'title' if si == 0 else 'lead' if si <= 2 else 'body'}",
            f"lang={self.lang}", f"cue={cue}",
        ]
        if governor is not None:
            f += [f"gov={governor.type}", f"T={typ}|gov={governor.type}"]
        if is_main:
            f += ["main", f"T={typ}|main"]
        return f

    def _sides(self, trig: Trigger, parts: list[ActorRef], slots: Slots, states: list[ActorRef],
               speaker: ActorRef | None, previous: ActorRef | None, gov_src: set[str | None]) -> list[_Side]:
        """What describes each participant on its own, as a pair's first (`a_keys`) or second (`b_keys`) state:
        computed once per participant instead of once per pair it is in."""
        typ = trig.type
        src_countries = {r.country for r in slots.sources}
        tgt_countries = {r.country for r in slots.targets}
        first_state = states[0] if states else None
        out = []
        for r in parts:
            role = "S" if r.country in src_countries else "T" if r.country in tgt_countries else "-"
            where, dist = self._where(r, trig)
            prep, pre = self._prep_and_prefix(r)
            outside = r not in states  # not named in the trigger's sentence
            is_speaker = speaker is not None and r.country == speaker.country
            is_first = first_state is not None and r.country == first_state.country
            governs = r.country in gov_src
            is_previous = previous is not None and r.country == previous.country
            place = self.finder.names_a_place(r, trig)
            out.append(_Side(role, where,
                             (("a-place", typ, where, dist, r.via, place), ("a-word", typ, pre, prep, r.kind),
                              ("a-part", typ, outside, is_speaker, is_previous, is_first, governs)),
                             (("b-place", typ, where, dist, r.via, place), ("b-word", typ, pre, prep, r.kind),
                              ("b-part", outside, is_speaker, is_first, governs))))
        return out

    def _between_key(self, trig: Trigger, lo: ActorRef, hi: ActorRef, other_mids: list[float],
                     other_starts: list[int]) -> GroupKey:
        """The key of `_between_features`: what lies between the two references (`lo` the one that starts
        first), the same whichever of them is the source."""
        return ("between", trig.type, lo.country in self.title_countries and hi.country in self.title_countries,
                self._coordinated(lo, hi), self._between_clause_break(lo, hi, trig),
                *self._competition(trig, lo, hi, other_mids, other_starts))

    def _where(self, ref: ActorRef, trig: Trigger) -> tuple[str, str]:
        if ref.end <= trig.token_start:
            return "B", _bin(self.doc.count_tokens(ref.end, trig.token_start))
        return "A", _bin(self.doc.count_tokens(trig.end, ref.token_start))

    def _prep_and_prefix(self, ref: ActorRef) -> tuple[str, str]:
        """The word before the reference (`_find_prep_before`) and its clitics (`_prefix_class`), once per
        reference: a reference is a participant of every trigger near it."""
        cached = self._preps.get(id(ref))
        if cached is None:
            cached = self._preps[id(ref)] = (self._find_prep_before(ref), _prefix_class(ref))
        return cached

    def _find_prep_before(self, ref: ActorRef) -> str:
        before = self.match[max(0, ref.token_start - 14):ref.token_start].split()
        if not before:
            return "start"
        word = before[-1]
        preps = _PREPS_AR if self.lang == "ar" else _PREPS_EN
        if self.lang == "ar" and len(before) >= 2 and f"{before[-2]} {word}" in AR_AGENT_PHRASES:
            return "agent"
        if word in preps:
            return word
        if word in ("،", ",") or word.endswith(("،", ",")):
            return "comma"
        return "other"

    def _coordinated(self, a: ActorRef, b: ActorRef) -> bool:
        lo, hi = (a, b) if a.start < b.start else (b, a)
        gap = self.text[lo.end:hi.token_start].strip()
        if self.lang == "ar":
            return hi.prefix.startswith("و") and gap in ("", "،", ",")
        return gap.lower() in ("and", ",", ", and")

    def _between_clause_break(self, a: ActorRef, b: ActorRef, trig: Trigger) -> bool:
        lo = min(a.end, b.end, trig.end)
        hi = max(a.token_start, b.token_start, trig.token_start)
        return bool(PUNCT_BREAK.search(self.text, lo, hi) or COMMA.search(self.text, lo, hi)) if hi > lo else False


def _span(trig: Trigger, a: ActorRef, b: ActorRef, doc: Document, si: int) -> tuple[int, int]:
    sent = doc.sentences[si]
    points = [trig.token_start, trig.end]
    for r in (a, b):
        if sent.start <= r.start < sent.end:
            points += [r.token_start, r.end]
    return min(points), max(points)


def candidate_logits(model: EventModel, c: Candidate, trigger_sums: dict[int, list[float]]) -> list[float]:
    """The model's class scores for `c`: those of `model.partial(c.features)` up to the order of the sums
    (`trigger_sums` keeps the scores of the features the pairs of one trigger share, by the id of their list;
    the candidates must outlive it)."""
    start = trigger_sums.get(id(c.trigger_features))
    if start is None:
        start = trigger_sums[id(c.trigger_features)] = model.partial(c.trigger_features)
    # one loop over all the pair's groups: most sides are in one pair as source and one as target, so summing a
    # side's groups once for all its pairs would save nothing but cost a call
    sums, get = model.sums, model.weights.get
    s0 = s1 = s2 = s3 = 0.0
    for keys in (c.pair_keys, c.a_keys, c.b_keys):
        for key in keys:
            w = sums.get(key) or model.remember(key, _GROUP_FEATURES[key[0]])
            s0 += w[0]
            s1 += w[1]
            s2 += w[2]
            s3 += w[3]
    for f in c.word_features:
        found = get(f)
        if found is not None:
            s0 += found[0]
            s1 += found[1]
            s2 += found[2]
            s3 += found[3]
    return [start[0] + s0, start[1] + s1, start[2] + s2, start[3] + s3]


def code_events(doc: Document, refs: list[ActorRef], triggers: list[Trigger],
                model: EventModel | None = None) -> list[Coded]:
    """Score every candidate; keep per (sentence, source, target, type) the best accepted one."""
    if not triggers or len({r.country for r in refs if r.country and r.kind not in NOT_ACTING}) < 2:
        # every candidate pairs two acting states the references name (no former office holder, no opposition
        # leader): a third of news articles name fewer, and need no role finder
        return []
    coder = EventCoder(doc, refs)
    cands = coder.candidates(triggers)
    model = model if model is not None else load_event_model()
    best: dict[tuple[int, str, str, str], Coded] = {}
    partial: dict[int, list[float]] = {}
    for c in cands:
        if model is not None:
            logits = candidate_logits(model, c, partial)
            label, score, probs = model.decide_logits(logits, doc.lang)
            if label == "none":
                if not rule_accepts(c.rule_score, c.rule):
                    continue
                label, score = model.best_of(probs), max(score, c.rule_score * 0.5)
            # an explicit cue in the text (لم, إذا, هل, would ...) outranks the model's guess
            modality = c.rule_modality if c.rule_modality != "asserted" else label
        else:
            if c.rule_score <= 0:
                continue
            label, score, modality = "event", c.rule_score, c.rule_modality
        src, tgt = c.source.country or "", c.target.country or ""
        if c.trigger.type in SYMMETRIC_TYPES:
            src, tgt = sorted((src, tgt))
        key = (c.sentence, src, tgt, c.trigger.type)
        if key in best and best[key].confidence >= score:
            continue
        best[key] = Coded(c.trigger, c.source, c.target, _span(c.trigger, c.source, c.target, doc, c.sentence),
                          c.sentence, round(score, 3), modality, c.rule)
    return sorted(best.values(), key=lambda e: (e.span[0], e.trigger.start))

def _head(phrase: str) -> str:
    """The first three letters of a phrase's first word without its article: "العمليات العسكرية" → "عمل",
    "للعملية" → "عمل", "the strikes" → "str"."""
    word = phrase.split()[0] if phrase.split() else ""
    word = AR_ARTICLE_CLITICS.sub("", word, count=1) if not word.isascii() else word
    if word == "the" and len(phrase.split()) > 1:
        word = phrase.split()[1]
    return word[:3]


def _act_named(acts: list[tuple[str, list[ActorRef]]], anaphor: str) -> list[ActorRef]:
    """The authors of the act an anaphor means: the latest act named by the same word ("تأييدها للعملية" after
    "العمليات العسكرية التي قامت بها …", past a chemical attack reported since), else the latest act."""
    head = _head(anaphor)
    return next((agents for word, agents in reversed(acts) if word == head), acts[-1][1])
