"""The actor dictionary: states, office holders, organisations, roles, institutions.

Compiled once per process from the data files under `data/actors/` into one
gazetteer per language. Every hit carries an `ActorEntry` saying what the words
name (a state, a person, a title still looking for its state, ...).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from casus.lexicon.arabic_forms import AL_PREFIXES, NOUN_PREFIXES, PLAIN_PREFIXES, nisba_forms
from casus.lexicon.gazetteer import Gazetteer
from casus.lexicon.loader import LexiconError, as_list, load_csv_glob, load_yaml, load_yaml_glob
from casus.text.normalize import fold, lower_en

STATE_KINDS = ("state", "leader", "government", "military", "diplomat", "legislature",
               "intelligence", "security", "judiciary", "media")


@dataclass(frozen=True, slots=True)
class ActorEntry:
    """What a matched phrase names."""

    code: str                 # ISO3 for states and their organs; own code for others
    country: str | None       # ISO3 the phrase counts as (None for IGOs, groups, bare titles)
    name: str
    kind: str                 # state | leader | igo | non-state | bloc | ngo | role | institution
    via: str                  # name | adjective | demonym | capital | seat | person | organization | role | institution
    role: str | None = None
    start: str | None = None  # tenure, for office holders
    end: str | None = None
    weak: bool = False
    note: str | None = None
    plural: bool = False      # a plural title ("foreign ministers"): several holders, never one antecedent


@dataclass(frozen=True, slots=True)
class StateInfo:
    code: str
    cow: int | None
    name: str
    name_ar: str
    status: str


@dataclass(slots=True)
class ActorLexicon:
    states: dict[str, StateInfo]
    organizations: dict[str, ActorEntry]
    gazetteers: dict[str, Gazetteer[ActorEntry]] = field(default_factory=dict)
    office_holders: list[ActorEntry] = field(default_factory=list)
    _by_office: dict[tuple[str | None, str | None], list[ActorEntry]] | None = None
    alias_verdicts: dict[tuple[str, str], str] = field(default_factory=dict)

    def distinctive(self, alias: str, country: str | None, lang: str) -> bool:
        """Can this one-word person alias stand alone? (corpus evidence; see bench/alias_evidence.py)

        Arabic aliases never seen in the corpus are rare proper nouns and stand alone;
        English one-word surnames (Brown, Straw, Rice) always need their state named too.
        """
        if lang != "ar" or country is None:
            return False
        return self.alias_verdicts.get((alias, country), "distinctive") == "distinctive"

    def holder(self, country: str, role: str, on: str | None) -> ActorEntry | None:
        """Who held `role` for `country` on the date `on` (ISO, any precision)."""
        if not on:
            return None
        if self._by_office is None:
            self._by_office = {}
            for e in self.office_holders:
                self._by_office.setdefault((e.country, e.role), []).append(e)
        supreme = role == "supreme_leader"
        rows = self._by_office.get((country, "head_of_state" if supreme else role), ())
        fitting = [e for e in rows if in_tenure(e, on)]
        if supreme:
            fitting = [e for e in fitting if _noted(e, "supreme leader")]
        elif len(fitting) > 1:
            # "زعيم كوريا الشمالية" is the leader, not the nominal head of state beside him (note "nominal ..."),
            fitting = [e for e in fitting if not _noted(e, "nominal")] or fitting
        if not supreme and len(fitting) > 1:
            # but "the Iranian president" is the president, not the supreme leader above him
            fitting = [e for e in fitting if not _noted(e, "supreme leader")] or fitting
        return max(fitting, key=lambda e: e.start or "") if fitting else None


def _noted(entry: ActorEntry, mark: str) -> bool:
    """Does one of the `;`-separated parts of the holder's note open with `mark` ("Taliban; supreme leader")?"""
    return any(part.strip().startswith(mark) for part in (entry.note or "").split(";"))


def in_tenure(entry: ActorEntry, on: str) -> bool:
    """Whether the entry's office covers `on` (YYYY, YYYY-MM or YYYY-MM-DD: a partial date matches any overlap)."""
    start = entry.start or "0000"
    end = entry.end or "9999"
    return start[: len(on)] <= on <= end[: len(on)] + "~"


def _arabic_prefixes(form: str) -> tuple[str, frozenset[str]]:
    """A name written with ال matches only with ال-type proclitics."""
    folded = fold(form)
    # only a written ال is the article: ألمانيا and إلينوي begin with hamza-alef
    if form.strip().startswith("ال") and len(folded) > 3:
        return folded[2:], AL_PREFIXES
    return folded, PLAIN_PREFIXES


def _add_name(gaz: Gazetteer[ActorEntry], lang: str, form: str, entry: ActorEntry) -> None:
    if lang == "ar":
        key, prefixes = _arabic_prefixes(form)
        gaz.add(key, entry, prefixes)
    else:
        # English names are proper nouns: matched as capitalised ("Power" the person, not "power")
        gaz.add(form, entry, case_sensitive=True)
        if form.lower().startswith("the ") and len(form) > 5:
            gaz.add(form[4:], entry, case_sensitive=True)
            gaz.add("T" + form[1:], entry, case_sensitive=True)


@cache
def actor_lexicon() -> ActorLexicon:
    """Load and compile every actor data file (cached for the process)."""
    gaz: dict[str, Gazetteer[ActorEntry]] = {"ar": Gazetteer("ar"), "en": Gazetteer("en")}
    states: dict[str, StateInfo] = {}
    for fname, records in load_yaml_glob("actors/states_*.yaml"):
        for rec in records or []:
            _add_state(rec, fname, states, gaz)
    orgs = _add_organizations(gaz)
    holders = _add_office_holders(gaz, states)
    _add_igo_officials(gaz, orgs)
    _add_titles(gaz)
    _add_blocklist(gaz)
    verdicts = {(r["alias"], r["country"]): r["verdict"] for r in load_csv_glob("actors/alias_evidence.csv")}
    return ActorLexicon(states=states, organizations=orgs, gazetteers=gaz, office_holders=holders,
                        alias_verdicts=verdicts)


def _add_state(rec: dict, fname: str, states: dict[str, StateInfo], gaz: dict[str, Gazetteer]) -> None:
    code = rec.get("code")
    if not (isinstance(code, str) and re.fullmatch(r"[A-Z]{3}", code)):
        raise LexiconError(f"{fname}: state record without a valid ISO3 code: {rec.get('name')!r}")
    en, ar = rec.get("en") or {}, rec.get("ar") or {}
    ar_names = as_list(ar.get("names"))
    states[code] = StateInfo(code, rec.get("cow"), rec.get("name", code), ar_names[0] if ar_names else "",
                             rec.get("status", "member"))
    weak = {fold(w) for w in as_list(rec.get("weak"))} | {lower_en(w) for w in as_list(rec.get("weak"))}
    name = rec.get("name", code)

    def entry(via: str, form: str, lang: str) -> ActorEntry:
        is_weak = (fold(form) if lang == "ar" else lower_en(form)) in weak
        return ActorEntry(code, code, name, "state", via, weak=is_weak)

    for field_name, via in (("names", "name"), ("capitals", "capital"), ("seats", "seat")):
        for form in as_list(en.get(field_name)):
            _add_name(gaz["en"], "en", form, entry(via, form, "en"))
        for form in as_list(ar.get(field_name)):
            _add_name(gaz["ar"], "ar", form, entry(via, form, "ar"))
    for form in as_list(en.get("adjectives")):
        gaz["en"].add(form, entry("adjective", form, "en"), case_sensitive=True)
    for form in as_list(ar.get("nisba")):
        e = entry("adjective", form, "ar")
        folded = fold(form)
        if form.strip().startswith("ال"):  # a written article, not the hamza-alef of ألماني
            folded = folded[2:]
        for inflected in nisba_forms(folded):
            gaz["ar"].add(inflected, e, NOUN_PREFIXES)
    for form in as_list(ar.get("demonyms")):
        e = entry("demonym", form, "ar")
        folded = fold(form)
        gaz["ar"].add(folded[2:] if form.strip().startswith("ال") else folded, e, NOUN_PREFIXES)


def _add_organizations(gaz: dict[str, Gazetteer]) -> dict[str, ActorEntry]:
    orgs: dict[str, ActorEntry] = {}
    for rec in load_yaml("actors/organizations.yaml") or []:
        code = str(rec["code"])
        if re.fullmatch(r"[A-Z]{3}", code):
            raise LexiconError(f"actors/organizations.yaml: {code}: three capital letters are reserved for states")
        weak = {fold(w) for w in as_list(rec.get("weak"))} | {lower_en(w) for w in as_list(rec.get("weak"))}
        kind = rec.get("kind", "igo")
        base = ActorEntry(code, None, rec.get("name", code), kind, "organization")
        orgs[code] = base
        for lang in ("en", "ar"):
            for form in as_list(rec.get(lang)):
                key = fold(form) if lang == "ar" else lower_en(form)
                e = ActorEntry(code, None, base.name, kind, "organization", weak=key in weak)
                _add_name(gaz[lang], lang, form, e)
    return orgs


def _add_office_holders(gaz: dict[str, Gazetteer], states: dict[str, StateInfo]) -> list[ActorEntry]:
    holders: list[ActorEntry] = []
    for row in load_csv_glob("actors/office_holders*.csv"):
        country = row.get("country", "")
        if country not in states:
            continue
        holders.append(_add_person(gaz, row, code=country, country=country, kind="leader"))
    return holders


def _add_igo_officials(gaz: dict[str, Gazetteer], orgs: dict[str, ActorEntry]) -> None:
    """Heads of international organisations, with dates: in those years they speak for the organisation,
    not for the state many of them once governed (Guterres, Stoltenberg, Mogherini)."""
    for row in load_csv_glob("actors/igo_officials.csv"):
        org = orgs.get(row.get("organization", ""))
        if org is None:
            raise LexiconError(f"actors/igo_officials.csv: unknown organization {row.get('organization')!r}")
        _add_person(gaz, row, code=org.code, country=None, kind=org.kind)


def _add_person(gaz: dict[str, Gazetteer], row: dict, code: str, country: str | None, kind: str) -> ActorEntry:
    """One row of a person file (name, aliases, tenure, `weak:` aliases in the note) into the gazetteers."""
    note = row.get("note", "")
    # "weak:Carter; weak:المالكي (also a tribe name)": the alias ends at ; | , or an explanation in brackets
    marked = [w.strip() for w in re.findall(r"weak:([^;|,(]+)", note)]
    weak = {fold(w) for w in marked} | {lower_en(w) for w in marked}
    common = dict(code=code, country=country, name=row.get("name_en") or row.get("name_ar") or "?", kind=kind,
                  via="person", role=row.get("role") or None, start=row.get("start") or None,
                  end=row.get("end") or None, note=note or None)
    for lang, fields in (("en", ("name_en", "aliases_en")), ("ar", ("name_ar", "aliases_ar"))):
        forms = [row.get(fields[0], "")] + row.get(fields[1], "").split("|")
        for form in filter(None, (f.strip() for f in forms)):
            key = fold(form) if lang == "ar" else lower_en(form)
            _add_name(gaz[lang], lang, form, ActorEntry(**common, weak=key in weak or form.strip() in weak))
    return ActorEntry(**common)


def _add_titles(gaz: dict[str, Gazetteer]) -> None:
    """Titles and institutions name no state by themselves; extraction attaches one.

    Except a title whose roles.yaml record names its `state` (خادم الحرمين الشريفين is the Saudi king): its
    forms are also a seat of that state, as الكرملين is, so that the chain holding it takes the state and the
    title its role. The `state` of institutions.yaml records is not read: naming Israel by الموساد, the
    Knesset or the IDF found no gold rule pair more on silver or synthetic_en and made false ones ("Congress
    leader Jairam Ramesh", "welcomed across the Commons").
    """
    for fname, via in (("actors/roles.yaml", "role"), ("actors/institutions.yaml", "institution")):
        for rec in load_yaml(fname) or []:
            kind = rec.get("kind") or ("leader" if via == "role" else "government")
            role = rec.get("role") if via == "role" else None
            e = ActorEntry("", None, role or kind, kind, via, role=role, plural=bool(rec.get("plural")))
            code = rec.get("state") if via == "role" else None
            seat = ActorEntry(code, code, code, "state", "seat") if code else None
            for form in as_list(rec.get("ar")):
                _add_name(gaz["ar"], "ar", form, e)
                if seat:
                    _add_name(gaz["ar"], "ar", form, seat)
            for form in as_list(rec.get("en")):
                gaz["en"].add(form, e)  # titles are common nouns: any case
                if seat:
                    _add_name(gaz["en"], "en", form, seat)


BLOCK = ActorEntry("", None, "", "block", "block")


def _add_blocklist(gaz: dict[str, Gazetteer]) -> None:
    """Phrases such as "Latin America" win the longest match and then name no one."""
    data = load_yaml("actors/blocklist.yaml") or {}
    for lang in ("en", "ar"):
        for form in as_list(data.get(lang)):
            _add_name(gaz[lang], lang, form, BLOCK)
