"""Questions asked of the store: events by filter, dyad timelines, top actors.

SQL lives here (not in the CLI or web layers) so both show the same numbers.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from casus.store.db import Store


@cache
def plover_weights() -> dict[str, float]:
    """Cooperation (+) / conflict (−) weight of each PLOVER type, −10..+10 (documented in the data file)."""
    path = resources.files("casus.analyze") / "data" / "plover_scale.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {k: float(v) for k, v in data["weights"].items()}


@dataclass(slots=True)
class EventFilter:
    dyad: tuple[str, str] | None = None
    directed: bool = False
    actor: str | None = None
    type: str | None = None
    modality: str | None = None
    since: str | None = None
    until: str | None = None
    article: str | None = None
    limit: int | None = None

    def where(self) -> tuple[str, list[Any]]:
        clauses: list[str] = []
        params: list[Any] = []
        if self.dyad:
            a, b = self.dyad
            if self.directed:
                clauses.append("(e.source_country = ? AND e.target_country = ?)")
                params += [a, b]
            else:
                clauses.append("((e.source_country = ? AND e.target_country = ?) OR "
                               "(e.source_country = ? AND e.target_country = ?))")
                params += [a, b, b, a]
        if self.actor:
            clauses.append("(e.source_country = ? OR e.target_country = ? OR e.source_code = ? OR e.target_code = ?)")
            params += [self.actor] * 4
        if self.type:
            clauses.append("e.type = ?")
            params.append(self.type.upper())
        if self.modality:
            clauses.append("e.modality = ?")
            params.append(self.modality)
        if self.since:
            clauses.append("e.day >= CAST(? AS DATE)")
            params.append(period_start(self.since))
        if self.until:
            clauses.append("e.day < CAST(? AS DATE)")
            params.append(period_after(self.until))
        if self.article:
            clauses.append("(e.article_key = ? OR a.id = ?)")
            params += [self.article, self.article]
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def period_start(value: str) -> str:
    """'2024' → 2024-01-01, '2024-03' → 2024-03-01, a full date stays."""
    parts = value.split("-")
    if len(parts) == 1:
        return f"{int(parts[0]):04d}-01-01"
    if len(parts) == 2:
        return f"{int(parts[0]):04d}-{int(parts[1]):02d}-01"
    return value


def period_after(value: str) -> str:
    """The first day after the period `value` names (so --until 2024 includes all of 2024)."""
    parts = value.split("-")
    y = int(parts[0])
    if len(parts) == 1:
        return f"{y + 1:04d}-01-01"
    m = int(parts[1])
    if len(parts) == 2:
        return f"{y + (m == 12):04d}-{m % 12 + 1:02d}-01"
    from datetime import date, timedelta

    return (date.fromisoformat(value) + timedelta(days=1)).isoformat()


EVENT_COLUMNS = ["article_id", "article_key", "seq", "day", "date", "type", "mode", "source_country", "source_name",
                 "target_country", "target_name", "modality", "confidence", "evidence_text", "evidence_start",
                 "evidence_end", "title", "pub_date", "url"]


def events(store: Store, flt: EventFilter) -> tuple[list[str], list[tuple]]:
    where, params = flt.where()
    sql = (f"SELECT a.id AS article_id, e.article_key, e.seq, e.day, e.date, e.type, e.mode, e.source_country, "
           f"e.source_name, e.target_country, e.target_name, e.modality, e.confidence, e.evidence_text, "
           f"e.evidence_start, e.evidence_end, a.title, a.pub_date, a.url "
           f"FROM events e JOIN articles a ON a.key = e.article_key{where} "
           f"ORDER BY e.day NULLS LAST, a.id, e.seq")
    if flt.limit:
        sql += f" LIMIT {int(flt.limit)}"
    rel = store.con.execute(sql, params)
    return [d[0] for d in rel.description], rel.fetchall()


def events_relation(store: Store, flt: EventFilter):
    """The same selection as a DuckDB relation (for Parquet export)."""
    where, params = flt.where()
    sql = (f"SELECT a.id AS article_id, e.*, a.title, a.pub_date, a.url FROM events e "
           f"JOIN articles a ON a.key = e.article_key{where} ORDER BY e.day NULLS LAST, a.id, e.seq")
    # DuckDB 2: execute() results have no .arrow(), and a relation on a connection with an unfinished
    # fetchone() result is refused, so build it on a fresh cursor (relations: to_arrow_table; 1.x: arrow)
    with store.con.cursor() as cur:
        rel = cur.sql(sql, params=params)
        return rel.to_arrow_table() if hasattr(rel, "to_arrow_table") else rel.arrow()


def dyad_timeline(store: Store, a: str, b: str, by: str = "month", since: str | None = None,
                  until: str | None = None) -> dict[str, Any]:
    """Event counts per PLOVER type and a cooperation–conflict score per period for the pair (a, b).

    Only asserted events are counted and scored. The score of a period is the
    sum of the type weights of its events (`plover_scale.yaml`); `mean` is that
    sum divided by the number of events, a −10..+10 tone for the period.
    """
    trunc = {"month": "month", "year": "year", "week": "week", "day": "day"}[by]
    flt = EventFilter(dyad=(a, b), modality="asserted", since=since, until=until)
    where, params = flt.where()
    rows = store.con.execute(
        f"SELECT date_trunc('{trunc}', e.day) AS period, e.type, "
        f"e.source_country = ? AS forward, count(*) AS n "
        f"FROM events e JOIN articles a ON a.key = e.article_key{where} AND e.day IS NOT NULL "
        f"GROUP BY ALL ORDER BY period", [a] + params).fetchall()
    weights = plover_weights()
    periods: dict[str, dict[str, Any]] = {}
    for period, typ, forward, n in rows:
        key = period.isoformat()[: 7 if by == "month" else 4 if by == "year" else 10]
        p = periods.setdefault(key, {"period": key, "counts": {}, "events": 0, "score": 0.0,
                                     f"{a}->{b}": 0, f"{b}->{a}": 0})
        p["counts"][typ] = p["counts"].get(typ, 0) + n
        p["events"] += n
        p["score"] += weights.get(typ, 0.0) * n
        p[f"{a}->{b}" if forward else f"{b}->{a}"] += n
    out = []
    for p in periods.values():
        p["score"] = round(p["score"], 2)
        p["mean"] = round(p["score"] / p["events"], 2) if p["events"] else 0.0
        out.append(p)
    return {"dyad": [a, b], "by": by, "weights": weights, "periods": out}


def top_actors(store: Store, top: int = 20, kind: str | None = None) -> list[tuple]:
    """Actors by number of articles that mention them, with their event counts."""
    where = "WHERE ac.kind = ?" if kind else ""
    params = [kind] if kind else []
    return store.con.execute(
        f"""SELECT ac.code, ac.name, ac.kind, ac.country,
                   count(DISTINCT m.article_key) AS articles, count(*) AS mentions,
                   (SELECT count(*) FROM events e WHERE e.source_country = ac.code) AS as_source,
                   (SELECT count(*) FROM events e WHERE e.target_country = ac.code) AS as_target
            FROM mentions m JOIN actors ac ON ac.code = m.actor_code {where}
            GROUP BY ac.code, ac.name, ac.kind, ac.country
            ORDER BY articles DESC, mentions DESC, ac.code LIMIT ?""", params + [top]).fetchall()


def export_parquet(store: Store, out_dir: str) -> dict[str, int]:
    """Write articles, actors, mentions, events, claims and ingest_runs as Parquet files."""
    from pathlib import Path

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    counts = {}
    for name in ("articles", "actors", "mentions", "events", "claims", "ingest_runs"):
        target = out / f"{name}.parquet"
        quoted = str(target).replace("'", "''")
        store.con.execute(f"COPY (SELECT * FROM {name}) TO '{quoted}' (FORMAT parquet)")
        counts[name] = store.con.execute(f"SELECT count(*) FROM {name}").fetchone()[0]
    return counts
