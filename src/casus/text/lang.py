"""Language identification by script: casus reads Arabic and English only."""

from __future__ import annotations

import re

_ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")
_LATIN = re.compile("[A-Za-z]")


def detect_language(text: str, sample: int = 4000) -> str:
    """Return "ar" or "en": Arabic when Arabic letters outnumber Latin ones."""
    head = text[:sample]
    arabic = len(_ARABIC.findall(head))
    latin = len(_LATIN.findall(head))
    return "ar" if arabic >= latin and arabic > 0 else "en"


def arabic_share(text: str) -> float:
    """Share of letters that are Arabic (used to judge a guessed encoding)."""
    arabic = len(_ARABIC.findall(text))
    latin = len(_LATIN.findall(text))
    letters = arabic + latin
    return arabic / letters if letters else 0.0
