"""Arabic and English normalisation that keeps a way back to the original offsets.

Matching works on normalised text (so that أ/إ/ا, ى/ي, ة/ه and diacritics do
not matter), but evidence spans must point into the article as written. Most
folds are one character for one character; only diacritics and tatweel are
deleted, and those deletions are remembered so that offsets can be mapped back.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

# one-for-one folds: hamza/madda alef forms, alef maqsura, ta marbuta, hamza
# seats, Persian/Urdu letter forms, Arabic-Indic digits, the underscore that joins a hashtag's words
_FOLDS = {
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا",
    "ى": "ي", "ی": "ي", "ې": "ي", "ۍ": "ي", "ئ": "ي",
    "ة": "ه", "ۀ": "ه", "ہ": "ه", "ە": "ه",
    "ؤ": "و",
    "ک": "ك", "ڪ": "ك", "گ": "ك",
    "پ": "ب", "چ": "ج", "ژ": "ز", "ڤ": "ف", "ڨ": "ق",
    "_": " ",
    "\u00a0": " ", "\u200f": " ", "\u200e": " ", "\u200b": " ", "\u200c": " ", "\u200d": " ",
    "“": '"', "”": '"', "«": '"', "»": '"', "‘": "'", "’": "'",
}
for _i, _d in enumerate("٠١٢٣٤٥٦٧٨٩"):
    _FOLDS[_d] = str(_i)
for _i, _d in enumerate("۰۱۲۳۴۵۶۷۸۹"):
    _FOLDS[_d] = str(_i)
# str.translate walks a text character by character, slowly for a text that is not ASCII; replacing each folded
# character in turn (str.replace searches fast, and most of them are absent) gives the same text about six times
# faster. Only because no fold yields a character that another fold replaces (the order of the replacements does
# not matter then): `test_no_fold_yields_a_folded_character` keeps it so.
_FOLD_PAIRS: tuple[tuple[str, str], ...] = tuple(_FOLDS.items())


def _fold_chars(text: str) -> str:
    """`text` with every character of `_FOLDS` replaced by its fold."""
    for char, folded in _FOLD_PAIRS:
        if char in text:
            text = text.replace(char, folded)
    return text


# deleted outright: harakat, tanween, shadda, sukun, superscript alef, Quranic marks, tatweel, and the hash sign:
# "الرئيس الأميركي دونالد #ترمب" must read as the one phrase "دونالد ترمب" (a hash folded to a space left two
# spaces there, and a title + name chain or a multi-word name broke at them)
_DELETE = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640#]")


@dataclass(frozen=True, slots=True)
class Normalized:
    """Normalised text plus what is needed to map its offsets to the original."""

    text: str
    original: str
    _deleted_at: tuple[int, ...] = ()  # normalised positions before which a char was deleted

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a [start, end) span of the normalised text to the original text."""
        if not self._deleted_at:
            return start, end
        # deleted marks on the span's edges stay outside it: those just before its first
        # char are the previous letter's harakat, and the span ends on its last letter
        o_start = start + bisect_right(self._deleted_at, start)
        o_end = (end - 1) + bisect_right(self._deleted_at, end - 1) + 1 if end else 0
        return o_start, o_end


def fold(text: str) -> str:
    """Normalise a lexicon entry or query string (no offsets needed)."""
    return _DELETE.sub("", _fold_chars(text))


def normalize(text: str) -> Normalized:
    """Normalise article text for matching, remembering deletions."""
    folded = _fold_chars(text)
    deletions = [m.start() for m in _DELETE.finditer(folded)]
    if not deletions:
        return Normalized(folded, text)
    # normalised index at which each deleted char would have stood
    at = tuple(pos - k for k, pos in enumerate(deletions))
    return Normalized(_DELETE.sub("", folded), text, at)


def lower_en(text: str) -> str:
    """Lower-case English without changing the length (so offsets stay valid)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
