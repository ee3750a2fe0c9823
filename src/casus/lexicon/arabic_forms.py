"""Generate the inflected Arabic surface forms a lexicon word takes in news text.

The lexicon lists one form per word (a nisba adjective, a past-tense verb, a
masdar); this module spells out the suffixed forms so that matching is a plain
dictionary look-up. Proclitics (و ف ب ل ك ال) are handled by the matcher, not
here. All input and output is normalised text (ة written ه, أ written ا).
"""

from __future__ import annotations

from itertools import product

# proclitic strings allowed in front of a word, by what the word is
CONJ = ("", "و", "ف")
PREP = ("", "ب", "ل", "ك")
PLAIN_PREFIXES = frozenset(c + p for c, p in product(CONJ, PREP))
AL_PREFIXES = frozenset({"ال", "وال", "فال", "بال", "كال", "وبال", "فبال", "لل", "ولل", "فلل", "وكال"})
NOUN_PREFIXES = PLAIN_PREFIXES | AL_PREFIXES
VERB_PREFIXES = frozenset({"", "و", "ف", "ل", "ول", "فل"})
IMPERFECT_PREFIXES = frozenset({"", "و", "ف", "ل", "ول", "فل", "س", "وس", "فس", "ب"})

_OBJECT = ("ه", "ها", "هم", "هما", "هن", "ك", "كم", "ني", "نا")
_POSSESSIVE = ("ه", "ها", "هم", "هما", "هن", "ي", "نا", "كم", "ك")


def nisba_forms(adjective: str) -> set[str]:
    """روسي → روسي، روسيه، روسيون، روسيين، روسيان، روسيتان، روسيات ... (each word of a phrase)."""
    words = adjective.split()
    if len(words) > 1:
        # كوري شمالي → كوريه شماليه: inflect every word in agreement
        # (a word that is no nisba, the جنوب of "جنوب أفريقي", stays as written)
        endings = len(_nisba_word("ي"))
        per_word = [sorted(_nisba_word(w)) if w.endswith("ي") else [w] * endings for w in words]
        forms = {" ".join(ws) for ws in zip(*per_word)}
        if all(w.endswith("ي") for w in words):
            # a definite phrase of nisbas carries the article on every word ("الرئيس الكوري الشمالي"); the first
            # word's is a prefix the gazetteer allows, the others' are written here. "جنوب أفريقي" has no such form
            forms |= {" ".join([ws[0], *("ال" + w for w in ws[1:])]) for ws in zip(*per_word)}
        return forms
    return _nisba_word(adjective)


def _nisba_word(word: str) -> set[str]:
    stem = word[:-1] if word.endswith("ي") else word
    base = stem + "ي"
    endings = ("", "ه", "ون", "ين", "ان", "تان", "تين", "ات", "ا")
    return {base + e for e in endings} | {base}


def verb_forms(past: str) -> set[str]:
    """Past-tense conjugations with subject and object suffixes: قصف → قصفت، قصفوا، قصفها ..."""
    stem = past
    if stem.endswith("ي") or stem.endswith("ا"):
        # weak final radical: دعا → دعوا/دعت ; نفى(نفي) → نفت/نفوا
        core = stem[:-1]
        forms = {stem, core + "ت", core + "تا", core + "وا", stem + "ت", stem + "نا", stem + "تم", core + "و"}
    else:
        forms = {stem + s for s in ("", "ت", "تا", "ا", "وا", "نا", "تم", "ن", "تما")}
    for base in list(forms):
        body = base[:-1] if base.endswith("وا") else base  # قصفوا + ها → قصفوها
        if base.endswith("وا"):
            forms.update(base[:-1] + o for o in _OBJECT)
        elif not base.endswith("ن"):
            forms.update(body + o for o in _OBJECT)
    return forms


def imperfect_forms(stem: str) -> set[str]:
    """Imperfect forms from the prefix-less stem: قصف → يقصف، تقصف، يقصفون، يقصفها ..."""
    forms: set[str] = set()
    weak = stem.endswith("و") or stem.endswith("ي") or stem.endswith("ا")
    for pre in ("ي", "ت", "ن", "ا"):
        base = pre + stem
        forms.add(base)
        if weak:
            core = base[:-1]
            forms.update({core + "ون", core + "ين", core + "وا", base + "ان"})
        else:
            forms.update(base + s for s in ("ون", "ان", "ين", "ن", "وا"))
        forms.update(base + o for o in _OBJECT)
        forms.update(base + "ون" + o for o in _OBJECT if not weak)
    return forms


def noun_forms(noun: str) -> set[str]:
    """Noun/masdar forms: ضربه → ضربه، ضربات، ضربتها ...; هجوم → هجوما، هجومه، هجومين ..."""
    forms = {noun}
    if noun.endswith("ه"):
        stem = noun[:-1]
        forms.update({stem + "تان", stem + "تين", stem + "ات"})
        forms.update(stem + "ت" + p for p in _POSSESSIVE)
        forms.update(stem + "تي" + p for p in ("ه", "ها", "هم", "هما"))
    elif noun.endswith("ات"):
        forms.update(noun + p for p in _POSSESSIVE)
    else:
        forms.add(noun + "ا")
        forms.update(noun + s for s in ("ان", "ين"))
        forms.update(noun + p for p in _POSSESSIVE)
    return forms


def participle_forms(base: str) -> set[str]:
    """Participles used as circumstantial phrases: مطالب → مطالبا، مطالبه، مطالبين ...; داعي → داعيا."""
    forms = {base}
    forms.update(base + e for e in ("ا", "ه", "ين", "ون", "ات", "تين", "تان"))
    if base.endswith("ي"):  # داعي → داع
        forms.add(base[:-1])
    return forms
