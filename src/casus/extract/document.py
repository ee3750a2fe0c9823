"""The working copy of an article that every extractor reads.

Normalisation, language and sentence boundaries are computed once here, so
that the extractors (actors, dates, events, claims) stay small and agree on
offsets: all of them work in the normalised text and map spans back to the
original only when they report evidence.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from casus.model import Article, Evidence
from casus.text.lang import detect_language
from casus.text.normalize import Normalized, fold, lower_en, normalize
from casus.text.sentences import Span, split_sentences


@dataclass(slots=True)
class Document:
    article: Article
    lang: str
    norm: Normalized
    match_text: str  # what gazetteers scan: normalised Arabic, or lower-cased English
    sentences: list[Span]
    _starts: list[int] = field(default_factory=list)
    datelines: list[tuple[int, int]] = field(default_factory=list)
    _token_starts: list[int] | None = None
    memo: dict = field(default_factory=dict)  # per-document caches of the extractors

    @classmethod
    def from_article(cls, article: Article) -> Document:
        lang = article.lang if article.lang in ("ar", "en") else detect_language(article.text)
        norm = normalize(article.text)
        match_text = norm.text if lang == "ar" else lower_en(norm.text)
        sentences = _with_title(split_sentences(norm.text, lang), article, norm.text)
        # a dateline names its source in brackets: no "(", no dateline (and no scan of every line start)
        datelines = _datelines(norm.text) if "(" in norm.text else []
        return cls(article, lang, norm, match_text, sentences, [s.start for s in sentences], datelines)

    def count_tokens(self, start: int, end: int) -> int:
        """How many whitespace-separated words begin inside [start, end) (fast: one scan per document)."""
        if end <= start:
            return 0
        starts = self._token_starts
        if starts is None:
            starts = self._token_starts = [m.start() for m in _WORD.finditer(self.norm.text)]
        n = bisect_left(starts, end) - bisect_left(starts, start)
        if start > 0:
            text = self.norm.text
            if not text[start].isspace() and not text[start - 1].isspace():
                n += 1  # [start, end) begins inside a word: count it, as a regex scan of the slice would
        return n

    def in_dateline(self, offset: int) -> bool:
        """Is this offset inside a dateline ("دبي، الإمارات العربية المتحدة (CNN)—", "LONDON (Reuters) -")?"""
        return any(a <= offset < b for a, b in self.datelines)

    @property
    def text(self) -> str:
        """The normalised text (case preserved)."""
        return self.norm.text

    def sentence_of(self, offset: int) -> int:
        return max(0, bisect_right(self._starts, offset) - 1)

    def evidence(self, start: int, end: int) -> Evidence:
        """An evidence span in the original article text."""
        o_start, o_end = self.norm.to_original(start, end)
        return Evidence(self.article.text[o_start:o_end], o_start, o_end)


_WORD = re.compile(r"\S+")
# a line that opens with place names and a source in brackets, then a dash or colon
_DATELINE = re.compile(r"(?m)^[^\n.()]{2,80}?\((?:[^()\n]{2,25})\)\s*[-—–:]+")


def _datelines(text: str) -> list[tuple[int, int]]:
    """The spans `_DATELINE.finditer` finds, trying the pattern at line starts only: a search tries its `^` at
    every character of the text, which costs more than the lines' own matching."""
    out: list[tuple[int, int]] = []
    pos = last_end = 0
    while True:
        if pos >= last_end:
            m = _DATELINE.match(text, pos)
            if m is not None:
                out.append((m.start(), m.end()))
                last_end = m.end()
        nl = text.find("\n", pos)
        if nl < 0:
            return out
        pos = nl + 1


def _with_title(spans: list[Span], article: Article, text: str) -> list[Span]:
    """Make the title its own sentence even when the body follows on the same line (BBC style)."""
    title = article.title
    if not title or not spans or not text.startswith(title[:20]):
        return spans
    first = spans[0]
    cut = len(fold(title))
    if first.start == 0 and first.end > cut + 1 and text[cut:cut + 1].isspace():
        rest = cut
        while rest < first.end and text[rest].isspace():
            rest += 1
        return [Span(0, cut), Span(rest, first.end), *spans[1:]]
    return spans
