"""Query speed over 1M events: the dyad timeline must answer in < 200 ms (issue 3).

usage: python bench/query_speed.py [--events 1000000] [--per-article 10] [--runs 7] [--db PATH]

Generates synthetic events into a temporary DuckDB created by casus's own Store (the real schema, primary and
foreign keys included), in bulk with INSERT ... SELECT over range() — no Python loop per row. Country pairs are
skewed like real news (a few states in most events); 85% asserted, 10% hypothetical, 5% negated; dates spread over
2015–2025. Then times casus.analyze.queries.dyad_timeline (by month and by year) and events(EventFilter(dyad=...))
for RUS–IRN: median of --runs runs after one warm-up. Exit status 1 when the dyad timeline misses 200 ms.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from casus.analyze.queries import EventFilter, dyad_timeline, events
from casus.model import PLOVER_TYPES
from casus.store.db import Store

TARGET_MS = 200.0
# the most frequent states first: index = floor(K * u²) skews the draw towards them
COUNTRIES = ["USA", "RUS", "IRN", "ISR", "SYR", "TUR", "SAU", "IRQ", "EGY", "CHN", "UKR", "ARE", "QAT", "LBN", "YEM",
             "JOR", "GBR", "FRA", "DEU", "PSE", "LBY", "SDN", "DZA", "MAR", "TUN", "KWT", "OMN", "BHR", "PAK", "AFG"]


def generate(store: Store, n_events: int, per_article: int) -> None:
    con = store.con
    n_articles = -(-n_events // per_article)
    countries = "[" + ", ".join(f"'{c}'" for c in COUNTRIES) + "]"
    types = "[" + ", ".join(f"'{t}'" for t in PLOVER_TYPES) + "]"
    k = len(COUNTRIES)
    con.execute("BEGIN TRANSACTION")
    con.execute(f"""
        INSERT INTO articles (key, id, content_hash, title, url, source, lang, pub_date, path, n_chars, status,
                              error, run_id, ingested_at, text)
        SELECT 'k' || i, 'synthetic-' || i, 'k' || i, 'synthetic article ' || i, NULL, 'bench', 'ar',
               DATE '2015-01-01' + CAST(hash(i) % 4000 AS INTEGER), NULL, 0, 'ok', NULL, 1, now(), NULL
        FROM range({n_articles}) t(i)""")
    con.execute(f"""
        INSERT INTO actors (code, country, name, kind, role)
        SELECT c, c, c, 'state', NULL FROM (SELECT unnest({countries}) AS c)""")
    con.execute(f"""
        INSERT INTO events (article_key, seq, sentence, type, mode, source_code, source_country, source_name,
                            source_kind, target_code, target_country, target_name, target_kind, date,
                            date_precision, day, modality, confidence, evidence_text, evidence_start, evidence_end,
                            trigger)
        WITH draws AS (
            SELECT i,
                   1 + CAST(floor({k} * pow((hash(i * 7 + 1) % 100000) / 100000.0, 2)) AS INTEGER) AS s,
                   1 + CAST(floor({k} * pow((hash(i * 13 + 5) % 100000) / 100000.0, 2)) AS INTEGER) AS t0,
                   hash(i * 31 + 7) % 100 AS m
            FROM range({n_events}) r(i)),
        pairs AS (SELECT *, CASE WHEN t0 = s THEN (s % {k}) + 1 ELSE t0 END AS t FROM draws)
        SELECT 'k' || (i // {per_article}), CAST(i % {per_article} AS INTEGER), CAST(i % 7 AS INTEGER),
               {types}[1 + CAST(hash(i * 17 + 3) % {len(PLOVER_TYPES)} AS INTEGER)], NULL,
               {countries}[s], {countries}[s], {countries}[s], 'state',
               {countries}[t], {countries}[t], {countries}[t], 'state',
               strftime(a.pub_date - CAST(hash(i) % 30 AS INTEGER), '%Y-%m-%d'), 'day',
               a.pub_date - CAST(hash(i) % 30 AS INTEGER),
               CASE WHEN m < 85 THEN 'asserted' WHEN m < 95 THEN 'hypothetical' ELSE 'negated' END,
               0.5 + (m / 200.0), 'evidence sentence ' || i, 0, 20, NULL
        FROM pairs JOIN articles a ON a.key = 'k' || (i // {per_article})""")
    con.execute("COMMIT")
    con.execute("CHECKPOINT")


def timed(fn: Callable[[], object], runs: int) -> tuple[float, list[float], object]:
    result = fn()  # warm-up
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times), times, result


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--per-article", type=int, default=10)
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--db", type=Path, help="keep the generated store here (default: a temp file)")
    args = ap.parse_args()

    with tempfile.TemporaryDirectory(prefix="casus-query-bench-") as tmp:
        db = args.db or Path(tmp) / "events.duckdb"
        if db.exists():
            db.unlink()
        t0 = time.perf_counter()
        with Store(db) as store:
            generate(store, args.events, args.per_article)
        gen_s = time.perf_counter() - t0

        with Store(db, read_only=True) as store:
            n, pair = store.con.execute(
                "SELECT count(*), count(*) FILTER ((source_country = 'RUS' AND target_country = 'IRN') OR "
                "(source_country = 'IRN' AND target_country = 'RUS')) FROM events").fetchone()
            print(f"{n:,} events in {n // args.per_article:,} articles generated in {gen_s:.1f} s "
                  f"({db.stat().st_size / 1e6:.0f} MB); RUS–IRN: {pair:,} events")
            print(f"{'query':<48} {'median':>9}   runs (ms)")
            rows = [
                ("dyad_timeline(RUS, IRN, by=month)", lambda: dyad_timeline(store, "RUS", "IRN", by="month")),
                ("dyad_timeline(RUS, IRN, by=year)", lambda: dyad_timeline(store, "RUS", "IRN", by="year")),
                ("dyad_timeline(RUS, IRN, month, 2020–2022)",
                 lambda: dyad_timeline(store, "RUS", "IRN", by="month", since="2020", until="2022")),
                ("events(EventFilter(dyad=(RUS, IRN)))", lambda: events(store, EventFilter(dyad=("RUS", "IRN")))),
                ("events(dyad, type=ASSAULT, asserted, limit 100)",
                 lambda: events(store, EventFilter(dyad=("RUS", "IRN"), type="ASSAULT", modality="asserted",
                                                   limit=100))),
            ]
            medians = {}
            for label, fn in rows:
                med, times, result = timed(fn, args.runs)
                medians[label] = med
                size = (f"{len(result['periods'])} periods" if isinstance(result, dict)
                        else f"{len(result[1]):,} rows")
                print(f"{label:<48} {med:>6.1f} ms   {', '.join(f'{t:.0f}' for t in times)}   ({size})")
    worst = max(v for k, v in medians.items() if k.startswith("dyad_timeline"))
    ok = worst < TARGET_MS
    verdict = "met" if ok else "NOT met"
    print(f"\ndyad timeline over {n:,} events: {worst:.1f} ms (target < {TARGET_MS:.0f} ms: {verdict})")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
