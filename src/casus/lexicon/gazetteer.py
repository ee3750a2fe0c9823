"""Dictionary matching over normalised text with pyahocorasick.

One automaton per gazetteer finds every listed form in a single pass; each hit
is then kept only if it sits on word boundaries, allowing in front of it only
the Arabic proclitics its entry accepts (و، ب، ل، ال ...). Overlapping hits are
resolved longest-first, so "الولايات المتحدة" beats a shorter name inside it.

Walking the text through the automaton costs far more than the hits it yields
(a large automaton takes about as long with no hit at all), so `find_all` walks
one automaton holding several gazetteers' forms once, for all of them.
"""

from __future__ import annotations

from bisect import bisect_left, insort
from collections.abc import Hashable, Iterable, Sequence
from operator import attrgetter
from typing import Generic, NamedTuple, TypeVar

import ahocorasick

from casus.text.normalize import fold, lower_en

P = TypeVar("P", bound=Hashable)

_MAX_PREFIX = 4


class Hit(NamedTuple, Generic[P]):
    """A matched form: [start, end) covers the word without its proclitics, [token_start, end) with them.

    A named tuple, not a frozen dataclass: a pass makes tens of them per article, and a tuple is made
    about twice as fast.
    """

    start: int
    end: int
    payload: P
    prefix: str
    token_start: int


class Gazetteer(Generic[P]):
    """Surface forms → payloads, matched with clitic-aware word boundaries."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self._entries: dict[str, list[tuple[P, frozenset[str]]]] = {}
        self._exact: dict[str, list[tuple[P, frozenset[str]]]] = {}
        self.version = 0  # bumped by every add(): automata built before it are stale
        self._automata: tuple[int, ahocorasick.Automaton | None, ahocorasick.Automaton | None] | None = None

    def __len__(self) -> int:
        return len(self._entries) + len(self._exact)

    def add(self, form: str, payload: P, prefixes: Iterable[str] = ("",), case_sensitive: bool = False) -> None:
        """Add one surface form.

        English forms match case-insensitively unless `case_sensitive` is set or
        the form is written in capitals only (US, UAE).
        """
        form = form.strip()
        if not form:
            return
        pre = frozenset(prefixes)
        if self.lang == "ar":
            key, table = fold(form), self._entries
        elif case_sensitive or (len(form) > 1 and form.isupper() and any(c.isalpha() for c in form)):
            key, table = form, self._exact
        else:
            key, table = lower_en(form), self._entries
        if len(key) < 2:
            return
        bucket = table.setdefault(key, [])
        if (payload, pre) not in bucket:
            bucket.append((payload, pre))
        self.version += 1

    def find(self, text: str, original: str | None = None) -> list[Hit[P]]:
        """All non-overlapping hits in `text` (normalised; lower-cased for English).

        `original` is the case-preserved text, needed for case-sensitive English forms.
        """
        return find_all((self,), text, original)[0]


def find_all(gazetteers: Sequence[Gazetteer], text: str, original: str | None = None) -> list[list[Hit]]:
    """`find` for several gazetteers at once, in one walk of the text: each one's hits, as its `find` gives them."""
    auto, exact_auto = _automata(tuple(gazetteers))
    found: list[list[Hit]] = [[] for _ in gazetteers]
    _scan(auto, text, found)
    if original is not None:
        _scan(exact_auto, original, found)
    return [_longest_first(hits) for hits in found]


# automata of gazetteer tuples: (the gazetteers, kept alive so that their ids stay theirs; their versions;
# the automaton of their forms matched in the given text, that of those matched case-sensitively)
_AUTOMATA: dict[tuple[int, ...], tuple[tuple[Gazetteer, ...], tuple[int, ...], ahocorasick.Automaton | None,
                                      ahocorasick.Automaton | None]] = {}


def _automata(gazetteers: tuple[Gazetteer, ...]) -> tuple[ahocorasick.Automaton | None, ahocorasick.Automaton | None]:
    """The automata of these gazetteers together: kept on the gazetteer for one alone, in `_AUTOMATA` for more."""
    if len(gazetteers) == 1:
        gaz = gazetteers[0]
        own = gaz._automata
        if own is None or own[0] != gaz.version:
            own = gaz._automata = (gaz.version, _automaton([gaz._entries]), _automaton([gaz._exact]))
        return own[1], own[2]
    key = tuple(map(id, gazetteers))
    versions = tuple(g.version for g in gazetteers)
    built = _AUTOMATA.get(key)
    if built is None or built[1] != versions:
        built = (gazetteers, versions, _automaton([g._entries for g in gazetteers]),
                 _automaton([g._exact for g in gazetteers]))
        _AUTOMATA[key] = built
    return built[2], built[3]


def _automaton(tables: list[dict[str, list]]) -> ahocorasick.Automaton | None:
    """One automaton for the forms of several tables; a form's value: its length, and its entries as
    (index of the table, payload, allowed proclitics), table by table."""
    merged: dict[str, list[tuple[int, Hashable, frozenset[str]]]] = {}
    for i, table in enumerate(tables):
        for key, entries in table.items():
            merged.setdefault(key, []).extend((i, payload, allowed) for payload, allowed in entries)
    if not merged:
        return None
    auto = ahocorasick.Automaton()
    for key, entries in merged.items():
        auto.add_word(key, (len(key), tuple(entries)))
    auto.make_automaton()
    return auto


def _scan(auto: ahocorasick.Automaton | None, text: str, found: list[list[Hit]]) -> None:
    """Raw automaton hits on word boundaries with allowed proclitics, appended to their table's list."""
    if auto is None:
        return
    n = len(text)
    # most raw hits sit inside longer words: reject those first, with as little work as possible
    for last, (length, entries) in auto.iter(text):
        end = last + 1
        if end < n and text[end].isalnum():
            continue
        start = end - length
        if start > 0 and text[start - 1].isalnum():
            tok = start - 1
            while tok > 0 and text[tok - 1].isalnum() and start - tok < _MAX_PREFIX:
                tok -= 1
            if tok > 0 and text[tok - 1].isalnum():
                continue
            prefix = text[tok:start]
        else:
            prefix, tok = "", start
        for i, payload, allowed in entries:
            if prefix in allowed:
                found[i].append(_new_hit(Hit, (start, end, payload, prefix, tok)))


_new_hit = tuple.__new__  # Hit(...) without the Python-level __new__ of named tuples: ~2.5x faster


_TOKEN_START = attrgetter("token_start")
_START = attrgetter("start")
_START_END = attrgetter("start", "end")


def _longest_first(hits: list[Hit[P]]) -> list[Hit[P]]:
    """Keep the longest hit where hits overlap (ties: the earlier one); payloads of one span all kept.

    Most hits overlap no other: only runs of overlapping hits go through `_resolve_overlaps`.
    """
    if len(hits) < 2:
        return hits
    hits.sort(key=_TOKEN_START)  # stable: the hits of one span keep their order
    out: list[Hit[P]] = []
    n = len(hits)
    i = 0
    while i < n:
        first = hits[i]
        reach = first.end
        one_span = True
        j = i + 1
        while j < n and hits[j].token_start < reach:
            h = hits[j]
            if h.end != first.end or h.token_start != first.token_start:
                one_span = False
                if h.end > reach:
                    reach = h.end
            j += 1
        if j == i + 1:
            out.append(first)
        elif one_span:
            out.extend(sorted(hits[i:j], key=_START))
        else:
            out.extend(_resolve_overlaps(hits[i:j]))
        i = j
    return out


def _resolve_overlaps(hits: list[Hit[P]]) -> list[Hit[P]]:
    """One run of overlapping hits: longest span first, then the earlier; its hits sorted by (start, end)."""
    spans: dict[tuple[int, int], list[Hit[P]]] = {}
    for h in hits:
        spans.setdefault((h.token_start, h.end), []).append(h)
    order = sorted(spans, key=lambda se: (-(se[1] - se[0]), se[0]))
    taken: list[tuple[int, int]] = []  # kept spans, sorted by start
    kept: list[Hit[P]] = []
    for start, end in order:
        i = bisect_left(taken, (start, end))
        if i > 0 and taken[i - 1][1] > start:
            continue
        if i < len(taken) and taken[i][0] < end:
            continue
        insort(taken, (start, end))
        kept.extend(spans[(start, end)])
    kept.sort(key=_START_END)
    return kept
