"""Actor extraction: dictionary hits → resolved references to states and others.

Three steps, each small:

1. the gazetteer finds names, adjectives, capitals, office holders, titles and
   institutions (clitics and word boundaries handled there);
2. adjacent words that name one actor are chained — "وزير الخارجية الروسي
   سيرغي لافروف", "US Secretary of State Condoleezza Rice" — and the chain takes
   the state its members name (a title or institution alone names none);
3. ambiguous or weak words (عمان: Oman or Amman; مالي: Mali or "financial")
   are kept only when the article also names the state unambiguously.

The result is one `ActorRef` per chain: the unit that event extraction uses as
a source or target, and from which the article's actor list is built.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache

from casus.extract.document import Document
from casus.extract.matches import gazetteer_hits
from casus.lexicon.actors import ActorEntry, ActorLexicon, actor_lexicon, in_tenure
from casus.lexicon.loader import load_yaml
from casus.model import Actor, Mention
from casus.text.normalize import fold

_CHAIN_GAP_AR = re.compile(r"^[ \t]*(?:\S{1,12}[ \t]+){0,2}$")
_CHAIN_GAP_EN = re.compile(r"^(?:[ \t]*|'s?[ \t]+|[ \t]+of[ \t]+(?:the[ \t]+)?)$")
_BREAKS = re.compile(r"[،,.;:!؟?\"()\[\]\n«»]")


@dataclass(slots=True)
class ActorRef:
    """A chain of words naming one actor, e.g. "الرئيس الإيراني مسعود بيزشكيان"."""

    start: int
    end: int
    country: str | None
    code: str
    name: str
    kind: str
    via: str            # how the state itself was named: name | adjective | capital | seat | person | ...
    prefix: str          # proclitics on the first word (و، ل، ب ...)
    role: str | None = None
    person: str | None = None
    entries: list[ActorEntry] = field(default_factory=list)
    weak: bool = False
    dateline: bool = False  # named in the dateline: an actor of the article, never an event party

    @property
    def is_state(self) -> bool:
        return self.country is not None

    @property
    def token_start(self) -> int:
        return self.start - len(self.prefix)

    @property
    def conj(self) -> bool:
        """Written with a conjunction: "وروسيا", "فإيران" (coordinated or clause-initial)."""
        return self.prefix[:1] in ("و", "ف")

    @property
    def prep(self) -> str:
        """The preposition glued to the word: ب, ل or ك ("لروسيا", "للسعودية", "بإيران"), else ""."""
        rest = self.prefix[1:] if self.conj else self.prefix
        return rest[:1] if rest[:1] in ("ب", "ل", "ك") else ""

    @property
    def modifier(self) -> bool:
        """A bare nisba adjective ("المنشآت النووية الإيرانية"): it qualifies a noun, it is not one."""
        return self.via == "adjective" and self.kind == "state" and not self.role

    @property
    def bare(self) -> bool:
        """No preposition: can be a subject, object or genitive ("السعودية", "إيران", "الرئيس الروسي")."""
        return not self.prep


@cache
def former_markers(lang: str) -> frozenset[str]:
    """Words that make an office holder a former one (`lexicon/data/actors/former.yaml`)."""
    words = (load_yaml("actors/former.yaml") or {}).get(lang) or []
    return frozenset(fold(str(w)) if lang == "ar" else str(w).lower() for w in words)


def find_actors(doc: Document, lexicon: ActorLexicon | None = None) -> list[ActorRef]:
    """Resolved actor references in document order."""
    lex = lexicon or actor_lexicon()
    gaz = lex.gazetteers[doc.lang]
    hits = gazetteer_hits(doc, gaz)
    groups = _group_same_span(hits)
    if doc.lang == "en":
        groups = _drop_other_given_names(doc, groups)
    else:
        groups = _drop_weak_names_qualified(doc, groups)
    refs = _led_coalitions(doc, _chain(doc, groups, lex))
    if doc.lang == "ar":
        _take_state_titles(doc, refs)
    for r in refs:
        r.dateline = doc.in_dateline(r.start)
    refs = _resolve_weak(refs)
    return _both_sides(doc, refs, lex)


@cache
def _pair_nouns() -> dict:
    """`lexicon/data/actors/pair_nouns.yaml`, folded and compiled once."""
    data = load_yaml("actors/pair_nouns.yaml") or {}
    ar, en = data.get("ar") or {}, data.get("en") or {}
    ar_nouns = "|".join(sorted({fold(str(w))[w.startswith("ال") * 2:] for w in ar.get("nouns") or []}, key=len,
                               reverse=True))
    en_nouns = "|".join(re.escape(str(w)) for w in en.get("nouns") or [])
    fixed: list[tuple[re.Pattern[str], re.Pattern[str], tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = []
    for rec in data.get("fixed") or []:
        ar_cores = tuple(fold(str(w))[2:] if fold(str(w)).startswith("ال") else fold(str(w))
                         for w in rec.get("ar") or [])
        en_cores = tuple(str(w).lower() for w in rec.get("en") or [])
        ar_words = "|".join(re.escape(w) for w in ar_cores)
        en_words = "|".join(re.escape(w) for w in en_cores)
        # the words themselves are the needles: a text (lower-cased, for English) without one is not scanned
        fixed.append((re.compile(rf"(?:^|(?<=\s))([وفبل]{{0,2}})(?:ال|لل)(?:{ar_words})(?=[\s.,،؛:\"]|$)"),
                      re.compile(rf"\b(?:{en_words})\b", re.I), tuple(rec.get("states") or []), ar_cores, en_cores))
    words = {k: frozenset(fold(str(w)) for w in ar.get(k) or [])
             for k in ("plural_before", "plural_after", "not_before", "not_after")}
    return {
        # "البلدان", "للجانبين", "والطرفان": with the article, which an anaphoric dual always has
        "ar": re.compile(rf"(?:^|(?<=\s))([وفبل]{{0,2}})(?:ال|لل)(?:{ar_nouns})(?=[\s.,،؛:]|$)"),
        "ar_noun": re.compile(ar_nouns),  # found much faster than "ar", which cannot match without one
        "en": re.compile(rf"\b(?:both|the two) (?:{en_nouns})\b", re.I),
        "fixed": fixed, **words,
    }


def _both_sides(doc: Document, refs: list[ActorRef], lex: ActorLexicon) -> list[ActorRef]:
    """"اتفق الجانبان", "the two countries": the pair of states the text has just named, at the noun; "الكوريتين",
    "the two Koreas": the pair the noun itself names (`actors/pair_nouns.yaml`)."""
    nouns = _pair_nouns()
    out = list(refs)
    for ar_fixed, en_fixed, codes, ar_cores, en_cores in nouns["fixed"]:
        if not any(w in doc.match_text for w in (ar_cores if doc.lang == "ar" else en_cores)):
            continue
        for m in (ar_fixed if doc.lang == "ar" else en_fixed).finditer(doc.match_text):
            prefix = (m.group(1) or "") if doc.lang == "ar" else ""
            for code in codes:
                state = lex.states.get(code)
                out.append(ActorRef(m.start() + len(prefix), m.end(), code, code, state.name if state else code,
                                    "state", "pair", prefix))
    pattern = nouns["ar"] if doc.lang == "ar" else nouns["en"]
    from_pos = 0
    if doc.lang == "ar":
        noun = nouns["ar_noun"].search(doc.match_text)
        if noun is None:
            return _sorted(out)
        # a match opens at most 4 characters (clitics, article) before its noun: none before the first noun's
        from_pos = max(0, noun.start() - 4)
    for m in pattern.finditer(doc.match_text, from_pos):
        start = m.start(1) if doc.lang == "ar" else m.start()
        prefix = m.group(1) if doc.lang == "ar" else ""
        if doc.lang == "ar" and _no_pair(doc, start, m.end()):
            continue
        pair = _pair_before(doc, refs, start)
        if pair is None:
            continue
        for country, r in pair.items():
            out.append(ActorRef(start + len(prefix), m.end(), country, country, r.name, r.kind, "pair",
                                prefix, entries=[]))
    return _sorted(out)


def _sorted(refs: list[ActorRef]) -> list[ActorRef]:
    refs.sort(key=lambda r: (r.start, r.end))
    return refs


_DEFINITE_FEMININE = re.compile(r"ال\S+ه")


def _no_pair(doc: Document, start: int, end: int) -> bool:
    """"هذه البلدان", "البلدان الأخرى", "البلدان العربية": بلدان is also the plural of بلد; "حل الدولتين" is a
    plan and "الرئيسين السابقين" two former presidents."""
    nouns = _pair_nouns()
    before = doc.match_text[max(0, start - 12):start].split()
    after = doc.match_text[end:end + 24].split()
    prev = before[-1] if before else ""
    nxt = after[0].rstrip(".,،؛:") if after else ""
    if prev in nouns["not_before"] or nxt in nouns["not_after"]:
        return True
    return "بلدان" in doc.match_text[start:end] and (
        prev in nouns["plural_before"] or nxt in nouns["plural_after"] or _DEFINITE_FEMININE.fullmatch(nxt) is not None)


def _in_place(doc: Document, r: ActorRef) -> bool:
    """"في سنغافورة", "in Helsinki": where something happened, not one of the two sides (a bare name after في/in)."""
    before = doc.match_text[max(0, r.token_start - 12):r.token_start].split()
    return bool(before) and before[-1] in ("في", "in") and not r.prefix


def _pair_before(doc: Document, refs: list[ActorRef], start: int) -> dict[str, ActorRef] | None:
    """The last two distinct states named before `start`, in its sentence and the two before it, leaving out
    places ("في سنغافورة")."""
    window_start = doc.sentences[max(0, doc.sentence_of(start) - 2)].start
    seen: dict[str, ActorRef] = {}
    for r in reversed([r for r in refs if window_start <= r.start < start and not r.dateline
                       and not _in_place(doc, r)]):
        if r.country:
            seen.setdefault(r.country, r)
        if len(seen) == 2:
            break
    return seen if len(seen) == 2 else None


@cache
def _state_title_before() -> re.Pattern[str]:
    words = "|".join(sorted(fold(str(w)) for w in (load_yaml("actors/state_titles.yaml") or {}).get("ar") or []))
    return re.compile(rf"(?:^|\s)([وفبلك]{{0,2}})(?:{words})\s+$")


def _take_state_titles(doc: Document, refs: list[ActorRef]) -> None:
    """"لدولة الإمارات": a title word before a state's name joins its mention and lends it its clitics."""
    pattern = _state_title_before()
    for r in refs:
        if r.kind == "state" and r.via == "name" and r.prefix in ("", "ال"):
            m = pattern.search(doc.match_text, max(0, r.token_start - 12), r.token_start)
            if m:
                r.prefix, r.start = m.group(1), m.start(1) + len(m.group(1))


_LED_BY_AR = re.compile(r"(?:^|\s)([وفبل]*(?:ال)?(?:تحالف|قوات التحالف)(?:\s+(?:العربي|الدولي|العسكري|الاسلامي))?"
                        r"(?:\s+(?:بقياده|الذي\s+تقوده|الذي\s+يقوده|التي\s+تقودها|بزعامه)))\s+$")
_LED_BY_EN = re.compile(r"(?i)((?:the\s+)?coalition\s+led\s+by)\s+(?:the\s+)?$")


def _led_coalitions(doc: Document, refs: list[ActorRef]) -> list[ActorRef]:
    """"التحالف بقيادة السعودية", "the Saudi-led coalition": the coalition is its leading state (GUIDELINE 7)."""
    out: list[ActorRef] = []
    coalition = doc.lang == "ar" and "تحالف" in doc.match_text  # _LED_BY_AR cannot match without it
    for r in refs:
        if r.country and doc.lang == "ar":
            m = _LED_BY_AR.search(doc.match_text, max(0, r.token_start - 60), r.token_start) if coalition else None
            if m:
                new_start = m.start(1)
                out = [o for o in out if o.end <= new_start]  # the coalition's own (bloc) reference
                r.prefix, r.start = "", new_start
                r.kind, r.via = "military", "coalition"
        elif r.country and doc.lang == "en":
            m = _LED_BY_EN.search(doc.match_text, max(0, r.token_start - 40), r.token_start)
            after = doc.match_text[r.end:r.end + 16]
            if m or after.startswith(("-led coalition", "-led alliance", "-led forces")):
                if m:
                    out = [o for o in out if o.end <= m.start(1)]
                    r.start = m.start(1)
                else:
                    r.end = r.end + len(after.split()[0])
                r.kind, r.via = "military", "coalition"
        out.append(r)
    return out


_TITLES = frozenset({"role", "institution"})
_OPPOSITION_ROLES = frozenset({"opposition_leader"})
NOT_ACTING = frozenset({"former", "opposition"})  # kinds that name a state without acting for it
_NAMED = frozenset({"name", "adjective", "demonym", "capital", "seat", "person", "organization"})


class _Facts:
    """What a list of entries says, worked out once per distinct list (chaining asks it many times)."""

    __slots__ = ("entries", "vias", "titled", "named", "has_person", "role_or_person", "has_org", "has_state",
                 "persons", "states", "state_codes", "states_weak", "orgs", "title", "plain_state")

    def __init__(self, entries: tuple[ActorEntry, ...]) -> None:
        self.entries = entries  # also keeps the entries alive, so that their ids (the cache key) stay theirs
        self.vias = frozenset(e.via for e in entries)
        self.titled = bool(self.vias & _TITLES)
        # a title or institution that names its own state (الحرس الثوري) still takes the adjective agreeing with
        # it ("الحرس الثوري الإيراني"): it names no state the way a name or an adjective does
        self.named = bool(self.vias & _NAMED) and not (self.titled and self.vias & _NAMED == {"seat"})
        self.has_person = "person" in self.vias
        self.role_or_person = self.has_person or "role" in self.vias
        self.has_org = "organization" in self.vias
        self.has_state = any(e.kind == "state" for e in entries)
        self.persons = [e for e in entries if e.via == "person"]
        self.states = [e for e in entries if e.kind == "state"]
        self.state_codes = len({e.code for e in self.states})
        self.states_weak = all(e.weak for e in self.states)
        self.orgs = [e for e in entries if e.via == "organization"]
        self.title = next((e for e in entries if e.via in _TITLES), None)
        # one state, no person and no title: `_resolve_chain` has a shortcut for such a word alone
        self.plain_state = bool(self.states) and self.state_codes == 1 and not (self.persons or self.titled)


_FACTS: dict[tuple[int, ...], _Facts] = {}


def _facts(entries: list[ActorEntry]) -> _Facts:
    key = tuple(map(id, entries))
    facts = _FACTS.get(key)
    if facts is None:
        facts = _FACTS[key] = _Facts(tuple(entries))
    return facts


class _Group:
    """Hits on the same word(s), [start, end) without the clitics `prefix`, and what their entries say."""

    __slots__ = ("start", "end", "prefix", "entries", "facts")

    def __init__(self, start: int, end: int, prefix: str, entries: list[ActorEntry]) -> None:
        self.start, self.end, self.prefix, self.entries = start, end, prefix, entries
        self.facts = _facts(entries)


def _group_same_span(hits: list) -> list[_Group]:
    """Hits covering the same word(s) are one group, however the clitics were split (و+المانيا, وال+مانيا)."""
    groups: dict[tuple[int, int], tuple[int, str, list[ActorEntry]]] = {}
    for h in hits:
        if h.payload.kind == "block":
            continue
        key = (h.token_start, h.end)
        if key not in groups or len(h.prefix) < len(groups[key][1]):
            entries = groups[key][2] if key in groups else []
            groups[key] = (h.start, h.prefix, entries)
        if h.payload not in groups[key][2]:
            groups[key][2].append(h.payload)
    return [_Group(s, e, p, entries) for (_, e), (s, p, entries) in sorted(groups.items())]


@cache
def honorifics() -> frozenset[str]:
    """Words before a surname that are not a given name (`lexicon/data/actors/honorifics.yaml`)."""
    return frozenset(str(w) for w in (load_yaml("actors/honorifics.yaml") or {}).get("en") or [])


_GIVEN_NAME_BEFORE = re.compile(r"([A-Z][a-z]+)\.?[ \t]+$")


def _drop_other_given_names(doc: Document, groups: list[_Group]) -> list[_Group]:
    """"Jimmy Carter" is not Ash Carter: a one-word name alias after a given name no listed alias
    includes names someone else, unless a holder of that name could be meant (see `_could_be_listed`)."""
    out: list[_Group] = []
    covered_to = -1  # end of the last kept group: a lexicon word before the surname is no given name
    title_end = doc.sentences[0].end if doc.sentences else 0
    for g in groups:
        start, end, entries = g.start, g.end, g.entries
        if (start >= title_end and entries and all(e.via == "person" for e in entries)
                and " " not in doc.text[start:end].strip()):
            m = _GIVEN_NAME_BEFORE.search(doc.text, max(0, start - 24), start)
            if (m and m.start(1) >= covered_to and m.group(1) not in honorifics()
                    and not _could_be_listed(entries, doc.article.pub_date)):
                continue
        out.append(g)
        covered_to = max(covered_to, end)
    return out


def _drop_weak_names_qualified(doc: Document, groups: list[_Group]) -> list[_Group]:
    """"الاحتلال الأمريكي", "قوات الاحتلال التركي": a weak state name (الاحتلال alone is Israel) that another
    state's adjective qualifies is the ordinary word, that state's: the adjective names the actor."""
    out: list[_Group] = []
    for i, g in enumerate(groups):
        nxt = groups[i + 1] if i + 1 < len(groups) else None
        if (nxt is not None and g.facts.plain_state and g.facts.states_weak and g.facts.vias == {"name"}
                and not nxt.prefix.startswith(("و", "ف")) and not doc.text[g.end:nxt.start - len(nxt.prefix)].strip()
                and nxt.facts.has_state and all(e.via == "adjective" for e in nxt.facts.states)
                and not {e.code for e in nxt.facts.states} & {e.code for e in g.facts.states}):
            continue
        out.append(g)
    return out


def _could_be_listed(entries: list[ActorEntry], on: str | None) -> bool:
    """In office on the article date (a spelling variant: "Sergey Lavrov"); undated, unless the alias is weak."""
    if on:
        return any(in_tenure(e, on) for e in entries)
    return not all(e.weak for e in entries)


def _pick_person(entries: list[ActorEntry], on: str | None) -> list[ActorEntry]:
    """Office-holder rows for this name that fit the article date (when undated, all rows, those of an
    office that acts for the state first: David Cameron the prime minister before the opposition leader)."""
    if not on:
        return sorted(entries, key=lambda e: e.role in _OPPOSITION_ROLES)
    fitting = [e for e in entries if in_tenure(e, on)]
    if fitting:
        return fitting
    # out of office on that date: still the same person and country, for historical mentions
    return sorted(entries, key=lambda e: e.role in _OPPOSITION_ROLES)


def _chain(doc: Document, groups: list[_Group], lex: ActorLexicon) -> list[ActorRef]:
    text = doc.text
    gap_ok = _CHAIN_GAP_AR if doc.lang == "ar" else _CHAIN_GAP_EN
    refs: list[ActorRef] = []
    current: list[_Group] = []

    markers = former_markers(doc.lang)

    def flush() -> None:
        if current:
            ref = _resolve_chain(doc, current, lex, _former(doc, current, markers))
            if ref is None:
                ref = _title_anaphor(current, refs)
            if ref is not None:
                refs.append(ref)
            current.clear()

    for group in groups:
        start, prefix = group.start, group.prefix
        if current:
            prev_end = current[-1].end
            gap = text[prev_end: start - len(prefix)]
            new_link = doc.lang == "ar" and (prefix.startswith(("و", "ف")) or (
                # "العاهل الأردني لترامب": a name with a preposition is no apposition of the title before it
                group.facts.has_person and prefix.replace("ال", "")[-1:] in ("ل", "ب", "ك")))
            if gap.strip() in markers:  # "الرئيس الأمريكي السابق باراك أوباما": one (former) office holder
                gap = " "
            joinable = (not new_link and not _BREAKS.search(gap) and gap_ok.match(gap) is not None
                        and _joinable(current, group.facts, gap, doc.lang)
                        and not (group.facts.has_person and _plural_nisba(doc, current[-1]))
                        and not (doc.lang == "ar" and gap.strip() and _definite(doc, current[-1])
                                 and not _definite(doc, group)))
            if not joinable:
                flush()
        current.append(group)
    flush()
    return refs


def _plural_nisba(doc: Document, group: _Group) -> bool:
    """"اعتقل الأمريكيون صدام حسين": a plural nisba (the Americans) is no apposition of the one person after it."""
    return (doc.lang == "ar" and group.facts.vias == {"adjective"}
            and doc.match_text[group.start:group.end].endswith(("يون", "يين")))


def _definite(doc: Document, group: _Group) -> bool:
    """An adjective agrees with its noun in definiteness: "الدبلوماسية بين روسيا" is no Russian diplomat
    ("روسيا" read as the indefinite adjective "روسيًا"), "المسؤول الكبير الروسي" is."""
    return "ال" in group.prefix or group.prefix.endswith("لل") or doc.match_text.startswith("ال", group.start)


def _former(doc: Document, chain: list[_Group], markers: frozenset[str]) -> bool:
    """Does a former-office word go with this title or person ("... السابق", "former ...", "ex-...")?"""
    if not any(group.facts.role_or_person for group in chain):
        return False  # "the former Soviet Union" is a state, not an office holder
    start, end = chain[0].start - len(chain[0].prefix), chain[-1].end
    if doc.lang == "ar":
        inside = doc.match_text[start:end].split()
        after = doc.match_text[end:end + 16].split()[:1]
        return bool(markers.intersection(inside + after))
    before = doc.match_text[max(0, start - 12):start].replace("-", " ").split()[-1:]
    return bool(before) and before[0] in markers


def _joinable(current: list[_Group], facts: _Facts, gap: str, lang: str = "ar") -> bool:
    """Does this word continue the actor phrase being read?

    A phrase is titles and institutions ("المتحدث باسم وزارة الخارجية") followed by
    what names them (an adjective, a state, an organisation) and, last, a person
    ("وزير الخارجية الروسي سيرغي لافروف"). Once a state or person is named, a new
    title starts a new actor ("... السفير البريطاني", "... نظيره التركي").
    """
    vias = facts.vias
    named = any(group.facts.named for group in current)
    has_person = any(group.facts.has_person for group in current)
    prev_vias = current[-1].facts.vias
    if gap.strip() and gap.strip() not in ("'s", "'", "of", "of the"):
        # words may only intervene between a title and the adjective agreeing with it
        # ("وزير الدولة للشؤون الخارجية الإماراتي"), never before a bare name
        return not named and bool(prev_vias & _TITLES) and "adjective" in vias
    if not named:
        return bool(prev_vias & _TITLES or vias & _TITLES)
    if "person" in vias and not has_person:
        # "الرئيس الروسي فلاديمير بوتين", "US President George Bush"
        return bool(prev_vias & {"adjective", "name", "role", "institution"}) and not prev_vias & {"person"}
    plural = any(e.plural for e in facts.entries)
    if lang == "en" and vias & _TITLES and not has_person and len(current) == 1 and (
            prev_vias & {"adjective", "name"} or ("organization" in prev_vias and plural)):
        # English adjectives precede their noun: "Iranian foreign minister", "Russia's president"; so do
        # organisations, for a plural title: "EU foreign ministers" meet as the EU ("an EU head of state" is a
        # member's)
        return True
    return False


_VENUE_WORDS = {"في", "in", "at", "to", "from", "into", "near", "الي", "من", "بمدينه", "مدينه", "العاصمه"}


def _venue(doc: Document, start: int, prefix: str) -> bool:
    """A capital named as a place ("في الرياض", "in Nairobi"), not as a government. After "to" / "إلى" a capital
    that something is sent to is its addressee: "sent a protest note to Tokyo" (`actors/addressed_nouns.yaml`)."""
    if prefix.replace("ال", "").endswith("ب"):
        return True
    before = doc.match_text[max(0, start - len(prefix) - 40): start - len(prefix)].split()
    if not before or before[-1] not in _VENUE_WORDS:
        return False
    if before[-1] in ("to", "الي"):
        near = [w.removeprefix("و").removeprefix("ال") if doc.lang == "ar" else w for w in before[-4:-1]]
        if any(w in _addressed_nouns(doc.lang) for w in near):
            return False
    return True


@cache
def _addressed_nouns(lang: str) -> frozenset[str]:
    from casus.lexicon.loader import word_set

    return word_set("actors/addressed_nouns.yaml", lang)


def _resolve_chain(doc: Document, chain: list[_Group], lex: ActorLexicon, former: bool = False) -> ActorRef | None:
    if len(chain) == 1 and chain[0].facts.plain_state:
        return _plain_state_ref(doc, chain[0], lex)
    pub = doc.article.pub_date
    countries: dict[str, ActorEntry] = {}
    person: ActorEntry | None = None
    official: ActorEntry | None = None  # a person heading an organisation (see igo_officials.csv)
    title: ActorEntry | None = None
    org: ActorEntry | None = None
    strong = False
    all_entries: list[ActorEntry] = []
    has_title = any(group.facts.titled for group in chain)
    title_pos = org_pos = -1
    person_single = False  # the person is named by one word
    named_state: str | None = None  # the state a name or adjective of the chain names
    for i, group in enumerate(chain):
        start, end, prefix, facts = group.start, group.end, group.prefix, group.facts
        all_entries.extend(group.entries)
        if title_pos < 0 and facts.titled:
            title_pos = i
        if org_pos < 0 and facts.has_org:
            org_pos = i
        persons = facts.persons
        if persons and facts.has_state and not lex.distinctive(
                doc.text[start:end], persons[0].country, doc.lang):
            persons = []  # مالي is Mali before it is Rob Malley
        if persons:
            chosen = _pick_person(persons, pub)
            if all(e.country is None for e in chosen):
                # the head of an international organisation at that date ("غوتيريش" in 2018 is the UN's)
                official = official or chosen[0]
                org = org or chosen[0]
                if org_pos < 0:
                    org_pos = i
                strong = strong or not all(e.weak for e in chosen)
                continue
            if len({e.country for e in chosen}) == 1:
                person = chosen[0]
                countries.setdefault(person.country or person.code, person)
                single = " " not in doc.text[start:end].strip()
                person_single = single
                # a one-word alias stands alone only if it is distinctive (بوتين) or comes with a title;
                # ordinary words (ورود, ماي) and English surnames (Straw) need their state named elsewhere
                alone = not single or has_title or lex.distinctive(doc.text[start:end], person.country, doc.lang)
                strong = strong or (not all(e.weak for e in chosen) and alone)
            continue
        states = facts.states
        if states:
            if facts.state_codes == 1:
                countries.setdefault(states[0].code, states[0])
                named_state = named_state or states[0].code
                venue = states[0].via == "capital" and not has_title and _venue(doc, start, prefix)
                titled_name = has_title and states[0].via == "name"  # "حكومة مالي", not "وزير المالية"
                strong = strong or titled_name or (not facts.states_weak and not venue)
            else:  # ambiguous word (عمان): keep every reading, decided by corroboration
                for e in states:
                    countries.setdefault(e.code, e)
            if title is None and facts.titled:
                title = facts.title  # a title or institution that names its state: "خادم الحرمين الشريفين"
            continue
        orgs = facts.orgs
        if orgs:
            org = org or orgs[0]
            strong = strong or not orgs[0].weak
            continue
        if title is None:
            title = facts.title
    start, prefix = chain[0].start, chain[0].prefix
    end = chain[-1].end
    if official is not None and not person:
        return _organization_ref(lex, official, start, end, prefix, all_entries, not strong)
    if org is not None and 0 <= title_pos < org_pos and (not countries or org_pos < len(chain) - 1 or person):
        # "الأمين العام للجامعة العربية أحمد أبو الغيط": an official of the organisation, not of his state
        return _organization_ref(lex, org, start, end, prefix, all_entries, not strong and not person)
    if len(countries) > 1 and person is not None:
        if person_single and named_state is not None and named_state != person.country:
            # "رئيس الوزراء الإثيوبي أبي": the adjective names the state, the one word is not Japan's Abe (آبي)
            countries, person = {named_state: countries[named_state]}, None
        else:
            countries = {person.country or person.code: person}
    if len(countries) == 1:
        code, head = next(iter(countries.items()))
        kind, role = "state", None
        if title is not None:
            kind, role = title.kind, title.role
        if person is not None:
            # an opposition leader ("Reform UK leader Nigel Farage") names the state but does not act for it
            kind, role = "opposition" if person.role in _OPPOSITION_ROLES else "leader", person.role
        elif title is not None and title.via == "role" and role and not former:
            holder = lex.holder(code, role, pub)
            if holder is not None:
                person = holder
        if former:
            kind = "former"  # names the state, does not act for it
        state = lex.states.get(code)
        return ActorRef(start, end, code, code, state.name if state else code, kind, head.via, prefix,
                        role=role, person=person.name if person else None, entries=all_entries, weak=not strong)
    if len(countries) > 1:
        first = next(iter(countries.values()))
        return ActorRef(start, end, first.code, first.code, first.name, "state", first.via, prefix,
                        entries=all_entries, weak=True)
    if org is not None:
        return _organization_ref(lex, org, start, end, prefix, all_entries, not strong)
    return None  # a bare title ("the minister") names no one we can resolve


def _plain_state_ref(doc: Document, group: _Group, lex: ActorLexicon) -> ActorRef:
    """What `_resolve_chain` makes of one word naming one state and nothing else (most chains), made directly."""
    head = group.facts.states[0]
    venue = head.via == "capital" and _venue(doc, group.start, group.prefix)
    state = lex.states.get(head.code)
    return ActorRef(group.start, group.end, head.code, head.code, state.name if state else head.code, "state",
                    head.via, group.prefix, entries=list(group.entries),
                    weak=group.facts.states_weak or venue)


def _organization_ref(lex: ActorLexicon, org: ActorEntry, start: int, end: int, prefix: str,
                      entries: list[ActorEntry], weak: bool) -> ActorRef:
    """A reference to an organisation, named or through its head (then `person` says who)."""
    base = lex.organizations.get(org.code, org)
    person = org.name if org.via == "person" else None
    return ActorRef(start, end, None, base.code, base.name, base.kind, "organization", prefix,
                    role=org.role if person else None, person=person, entries=entries, weak=weak)


# offices one person holds at a time, so that the bare title can only mean the holder named before
_ONE_HOLDER_ROLES = frozenset({"head_of_state", "head_of_government", "foreign_minister", "defence_minister",
                               "deputy_head_of_state", "deputy_head_of_government", "crown_prince"})


def _title_anaphor(chain: list[_Group], before: list[ActorRef]) -> ActorRef | None:
    """A bare title ("وقال رئيس الوزراء", "the prime minister said") is the last holder of that office named.

    Only a chain of one title word, whose office someone earlier in the article held by name or by
    title + state; the dateline never counts.
    """
    if len(chain) != 1:
        return None
    start, end, prefix, entries = chain[0].start, chain[0].end, chain[0].prefix, chain[0].entries
    roles = {e.role for e in entries if e.via == "role" and e.role}
    if len(roles) != 1 or not roles <= _ONE_HOLDER_ROLES or any(e.plural for e in entries):
        # "المستشارين العسكريين", "a diplomat": many people hold these, no antecedent is meant; nor is one
        # meant by a plural title ("EU foreign ministers", "وزراء الخارجية العرب")
        return None
    role = next(iter(roles))
    for r in reversed(before):
        if r.role == role and r.country and not r.dateline and r.kind != "opposition":
            return ActorRef(start, end, r.country, r.code, r.name, r.kind, "anaphor", prefix, role=role,
                            person=r.person, entries=list(entries), weak=r.weak)
    return None


def _resolve_weak(refs: list[ActorRef]) -> list[ActorRef]:
    """Drop weak or ambiguous references whose state the article never names clearly."""
    strong = {r.code for r in refs if not r.weak}
    out: list[ActorRef] = []
    for r in refs:
        if not r.weak:
            out.append(r)
            continue
        candidates = [e.code for e in r.entries if e.kind in ("state", "leader") and e.code in strong]
        if r.country is None and r.code in strong:
            out.append(r)
        elif candidates:
            if candidates[0] != r.code:
                r.code = r.country = candidates[0]
            out.append(r)
    return out


def actor_records(doc: Document, refs: list[ActorRef], lex: ActorLexicon | None = None) -> list[Actor]:
    """The article's actor list: one record per state, person and organisation, with mentions."""
    lex = lex or actor_lexicon()
    records: dict[tuple[str, str], Actor] = {}
    for r in refs:
        # the mention keeps the article ("الرئيس") but not the clitics before it ("و", "ل", "ب")
        ev = doc.evidence(r.start - 2 if r.prefix.endswith("ال") else r.start, r.end)
        mention = Mention(ev.start, ev.end, ev.text, r.via if r.kind == "state" else (r.role or r.kind))
        if r.country is not None:
            state = lex.states.get(r.country)
            key = ("state", r.country)
            if key not in records:
                records[key] = Actor(r.country, r.country, state.name if state else r.country, "state")
            records[key].mentions.append(mention)
            if r.person:
                pkey = ("person", r.person)
                if pkey not in records:
                    records[pkey] = Actor(f"{r.country}:{_slug(r.person)}", r.country, r.person,
                                          r.kind if r.kind in NOT_ACTING else "leader",
                                          role=r.role, person=r.person)
                records[pkey].mentions.append(mention)
        else:
            key = ("org", r.code)
            if key not in records:
                records[key] = Actor(r.code, None, r.name, r.kind)
            records[key].mentions.append(mention)
    order = {"state": 0, "person": 1, "org": 2}
    return [records[k] for k in sorted(records, key=lambda k: (order[k[0]], k[1]))]


def _slug(name: str) -> str:
    """ASCII code for a person's name: accents dropped, not the letter ("António" → ANTONIO)."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return re.sub(r"[^A-Za-z0-9]+", "_", plain).strip("_").upper() or "PERSON"
