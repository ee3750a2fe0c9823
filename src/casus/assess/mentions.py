"""Which states a piece of text names, via the project's actor lexicon (no country names in code)."""

from __future__ import annotations

from dataclasses import dataclass

from casus.lexicon.actors import actor_lexicon
from casus.text.lang import detect_language
from casus.text.normalize import fold, lower_en


@dataclass(frozen=True, slots=True)
class StateMention:
    country: str      # ISO3
    start: int
    end: int
    via: str          # name | adjective | capital | person | ...
    kind: str         # state | leader | ...
    surface: str      # the words as written


def language(text: str) -> str:
    """'ar' or 'en' (the two languages the lexicon covers)."""
    return "ar" if detect_language(text) == "ar" else "en"


def mentioned_states(text: str, lang: str | None = None) -> list[StateMention]:
    """States named in `text` in order (names, adjectives, capitals, office holders); organisations skipped."""
    lang = lang or language(text)
    gaz = actor_lexicon().gazetteers[lang]
    if lang == "ar":
        folded = fold(text)
        hits = gaz.find(folded)
        # fold deletes diacritics; positions are only used for order and the surface form
        source = folded
    else:
        hits = gaz.find(lower_en(text), original=text)
        source = text
    out = []
    seen: set[tuple[int, int, str]] = set()
    for h in hits:
        e = h.payload
        if e.country is None or e.kind == "block" or (h.token_start, h.end, e.country) in seen:
            continue
        seen.add((h.token_start, h.end, e.country))
        out.append(StateMention(e.country, h.token_start, h.end, e.via, e.kind, source[h.token_start:h.end]))
    out.sort(key=lambda m: (m.start, m.end))
    return out
