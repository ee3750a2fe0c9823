"""Turn extraction results (and input errors) into table rows.

Shared by every ingest engine, so that the local and the Dask engine write
exactly the same rows for the same input.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from casus.ingest.readers import InputError
from casus.model import Article, ArticleResult
from casus.store.schema import COLUMNS


def article_key(article: Article) -> str:
    """Content hash: the same text is the same article, wherever it came from."""
    text = article.text.replace("\r\n", "\n").strip()
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def error_key(err: InputError) -> str:
    where = f"{err.path}:{err.line}:{err.message}"
    return "error:" + hashlib.sha256(where.encode("utf-8")).hexdigest()[:26]


def _day(value: str | None) -> date | None:
    """First day of an ISO date of any precision ("2024" → 2024-01-01)."""
    if not value:
        return None
    parts = value.split("-")
    try:
        y = int(parts[0])
        m = int(parts[1]) if len(parts) > 1 else 1
        d = int(parts[2]) if len(parts) > 2 else 1
        return date(y, m, d)
    except (ValueError, IndexError):
        return None


@dataclass(slots=True)
class Rows:
    """Rows for each table, as lists of tuples in `COLUMNS` order."""

    tables: dict[str, list[tuple]] = field(default_factory=lambda: {name: [] for name in COLUMNS})

    def extend(self, other: Rows) -> None:
        for name, rows in other.tables.items():
            self.tables[name].extend(rows)

    def __len__(self) -> int:
        return len(self.tables["articles"])

    def column_dict(self, name: str) -> dict[str, list[Any]]:
        cols = COLUMNS[name]
        rows = self.tables[name]
        return {c: [r[i] for r in rows] for i, c in enumerate(cols)}


def result_rows(result: ArticleResult, key: str, run_id: int, now: datetime) -> Rows:
    art = result.article
    out = Rows()
    out.tables["articles"].append((key, art.id, key, art.title or None, art.url, art.source, result.lang,
                                   _day(art.pub_date), art.path, len(art.text), "ok", None, run_id, now, art.text))
    seq = 0
    for actor in result.actors:
        out.tables["actors"].append((actor.code, actor.country, actor.name, actor.kind, actor.role))
        for m in actor.mentions:
            out.tables["mentions"].append((key, seq, actor.code, actor.country, m.start, m.end, m.text, m.via))
            seq += 1
    pub_day = _day(art.pub_date)
    for i, ev in enumerate(result.events):
        out.tables["events"].append((
            key, i, ev.sentence, ev.type, ev.mode,
            ev.source.code, ev.source.country, ev.source.name, ev.source.kind,
            ev.target.code, ev.target.country, ev.target.name, ev.target.kind,
            ev.date, ev.date_precision, _day(ev.date) or pub_day, ev.modality, ev.confidence,
            ev.evidence.text, ev.evidence.start, ev.evidence.end, ev.trigger,
        ))
    for i, c in enumerate(result.claims):
        out.tables["claims"].append((key, i, c.phrase, c.band, c.probability, c.low, c.high, c.event, c.sentence,
                                     c.lang, c.evidence.text, c.evidence.start, c.evidence.end, c.proposition))
    return out


def error_rows(err: InputError, run_id: int, now: datetime) -> Rows:
    out = Rows()
    out.tables["articles"].append((error_key(err), err.id, None, None, None, None, None, None,
                                   f"{err.path}:{err.line}" if err.line is not None else err.path, None, "error",
                                   err.message, run_id, now, None))
    return out
