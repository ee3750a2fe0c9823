"""The PLOVER trigger lexicon, compiled into one gazetteer per language.

Arabic families list a past-tense verb, an imperfect stem and nouns; their
conjugated and suffixed forms are generated (`arabic_forms`). English
families list every form they need.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from casus.lexicon.arabic_forms import (
    IMPERFECT_PREFIXES,
    NOUN_PREFIXES,
    VERB_PREFIXES,
    imperfect_forms,
    noun_forms,
    participle_forms,
    verb_forms,
)
from casus.lexicon.gazetteer import Gazetteer
from casus.lexicon.loader import LexiconError, as_list, load_yaml
from casus.model import PLOVER_TYPES
from casus.text.normalize import fold


@dataclass(frozen=True, slots=True)
class TriggerEntry:
    type: str
    mode: str | None
    pos: str              # verb | imperfect | noun | phrase
    subject_is: str       # source | target
    family: int           # index of the family in its file: the earlier family wins a span both read
    name: str             # the family's `name`: stable when families are added, so the scorer's feature


@cache
def trigger_gazetteer(lang: str) -> Gazetteer[TriggerEntry]:
    fname = f"events/triggers_{lang}.yaml"
    families = load_yaml(fname) or []
    gaz: Gazetteer[TriggerEntry] = Gazetteer(lang)
    names = family_names(lang)
    for i, fam in enumerate(families):
        typ = str(fam.get("type", "")).upper()
        if typ not in PLOVER_TYPES:
            raise LexiconError(f"{fname}: family {i}: unknown PLOVER type {fam.get('type')!r}")
        name = names[i]
        mode = fam.get("mode") or None
        subj = fam.get("subject_is") or "source"

        def entry(pos: str) -> TriggerEntry:
            return TriggerEntry(typ, mode, pos, subj, i, name)  # noqa: B023 - used immediately

        if lang == "ar":
            for verb in as_list(fam.get("verbs")):
                for form in verb_forms(fold(verb)):
                    gaz.add(form, entry("verb"), VERB_PREFIXES)
            for stem in as_list(fam.get("imperfect")):
                for form in imperfect_forms(fold(stem)):
                    gaz.add(form, entry("imperfect"), IMPERFECT_PREFIXES)
            for noun in as_list(fam.get("nouns")):
                folded = fold(noun)
                if noun.startswith("ال"):
                    folded = folded[2:]
                for form in noun_forms(folded):
                    gaz.add(form, entry("noun"), NOUN_PREFIXES)
            for base in as_list(fam.get("participles")):
                for form in participle_forms(fold(base)):
                    gaz.add(form, entry("participle"), NOUN_PREFIXES)
            for phrase in as_list(fam.get("phrases")):
                gaz.add(fold(phrase), entry("phrase"), NOUN_PREFIXES | VERB_PREFIXES | IMPERFECT_PREFIXES)
        else:
            for pos, field in (("verb", "verbs"), ("noun", "nouns"), ("phrase", "phrases")):
                for form in as_list(fam.get(field)):
                    gaz.add(form, entry(pos))
    return gaz


@cache
def family_names(lang: str) -> tuple[str, ...]:
    """Each family's `name`, in file order. The event scorer keys its family features by name, so a family
    inserted anywhere, or one moved, leaves the trained weights of the others in place."""
    fname = f"events/triggers_{lang}.yaml"
    names: list[str] = []
    for i, fam in enumerate(load_yaml(fname) or []):
        name = str(fam.get("name") or "").strip()
        if not name:
            raise LexiconError(f"{fname}: family {i}: no `name` (the scorer's key for the family)")
        if name in names:
            raise LexiconError(f"{fname}: family {i}: name {name!r} is used twice")
        names.append(name)
    return tuple(names)


@cache
def english_verb_forms() -> frozenset[str]:
    """Every English verb form the trigger families list: a phrase opening with one is a verb phrase
    ("shot down", "downgraded its ties") whose object may follow it."""
    return frozenset(str(v).lower() for fam in load_yaml("events/triggers_en.yaml") or []
                     for v in as_list(fam.get("verbs")))


@cache
def english_noun_heads() -> frozenset[str]:
    """The first word of every English trigger noun ("attack", "air" of "air strike"): a phrase opening with one
    is a noun phrase ("attack on", "air strikes against") that a state's adjective or possessor may qualify."""
    return frozenset(str(n).lower().split()[0] for fam in load_yaml("events/triggers_en.yaml") or []
                     for n in as_list(fam.get("nouns")) if str(n).strip())


@cache
def arabic_trigger_forms() -> tuple[frozenset[str], frozenset[str]]:
    """From `events/triggers_ar.yaml`, folded: the trigger nouns as listed (without ال), and the masculine
    singular forms of the trigger verbs, the past as listed ("اتهم", "دعا") and the present with ي ("يدين"). A
    verb form that is also a noun ("دعم", "رفض") may be a masdar with its genitive."""
    nouns: set[str] = set()
    masculine: set[str] = set()
    for fam in load_yaml("events/triggers_ar.yaml") or []:
        for noun in as_list(fam.get("nouns")):
            folded = fold(noun)
            nouns.add(folded[2:] if folded.startswith("ال") else folded)
        masculine.update(fold(v) for v in as_list(fam.get("verbs")))
        masculine.update("ي" + fold(v) for v in as_list(fam.get("imperfect")))
    return frozenset(nouns), frozenset(masculine)


GAP = "…"
MAX_GAP_WORDS = 6  # words an actor may take between the two parts of a gapped trigger


@dataclass(frozen=True, slots=True)
class GappedTrigger:
    """A trigger in two parts with the actor between them: "حمّل [دمشق] مسؤولية", "held [Iran] responsible"."""

    pattern: re.Pattern[str]  # group 1: clitics, group 2: the head (the span reported), group 3: the gap
    entry: TriggerEntry
    needle: str  # the tail without its article: texts without it are not scanned at all
    between: str = "subject"  # "object": the last actor between head and tail is the object (`between` key)
    heads: tuple[str, ...] = ()  # the heads as matched: a text holding none of them is not scanned either


@cache
def gapped_triggers(lang: str) -> tuple[GappedTrigger, ...]:
    """The `gapped` forms of `events/triggers_<lang>.yaml`, "HEAD … TAIL" each, compiled for the text as the
    gazetteer sees it (folded Arabic, lower-cased English): one pattern per family and tail, its heads
    alternatives of it. At most MAX_GAP_WORDS words, none ending a clause, may stand between head and tail."""
    fname = f"events/triggers_{lang}.yaml"
    heads_of: dict[tuple[int, str], list[str]] = {}
    families = load_yaml(fname) or []
    for i, fam in enumerate(families):
        forms = [str(f) for f in as_list(fam.get("gapped"))]
        # `gapped_heads` x `gapped_tails`: every head with every tail ("described … illegal", "وصف … عدوان")
        forms += [f"{h} {GAP} {t}" for h in as_list(fam.get("gapped_heads")) for t in as_list(fam.get("gapped_tails"))]
        for form in forms:
            head, sep, tail = str(form).partition(GAP)
            if not sep or not head.strip() or not tail.strip():
                raise LexiconError(f"{fname}: family {i}: gapped form {form!r} is not 'HEAD {GAP} TAIL'")
            head, tail = head.strip(), tail.strip()
            if lang == "ar":
                head, tail = fold(head), fold(tail)
                if tail.startswith("ال") and len(tail.split()[0]) > 3:
                    tail = tail[2:]  # the article (the pattern allows it back); not the ال of إلى → الي
            else:
                head, tail = head.lower(), tail.lower()
            heads_of.setdefault((i, tail), []).append(head)
    gap_word = r"[^\s.،,؛;:!؟?]+"
    clitics, tail_prefix = (r"([وف]?)", r"[وفبل]*(?:ال)?") if lang == "ar" else (r"()", "")
    out = []
    for (i, tail), heads in heads_of.items():
        fam = families[i]
        alternatives = "|".join(re.escape(h) for h in sorted(set(heads), key=len, reverse=True))
        # `gap_not`: words that may not stand between head and tail ("called [Putin to] discuss the threat")
        stops = [fold(w) if lang == "ar" else str(w).lower() for w in as_list(fam.get("gap_not"))]
        word = (rf"(?!(?:{'|'.join(re.escape(w) for w in stops)})(?![^\W\d_])){gap_word}" if stops
                else gap_word)
        pattern = re.compile(rf"(?<!\S){clitics}({alternatives})((?:\s+{word}){{1,{MAX_GAP_WORDS}}}?)"
                             rf"\s+[\"«“”']?{tail_prefix}{re.escape(tail)}(?![^\W\d_])")  # "أنشطة إيران \"الخبيثة\""
        entry = TriggerEntry(str(fam["type"]).upper(), fam.get("mode") or None, "phrase",
                             fam.get("subject_is") or "source", i, family_names(lang)[i])
        out.append(GappedTrigger(pattern, entry, tail, str(fam.get("between") or "subject"), tuple(set(heads))))
    return tuple(out)
