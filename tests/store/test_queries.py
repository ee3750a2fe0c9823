"""Queries over a store with known events: filters, dyad timeline scores, top actors, Parquet export."""

from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq
import pytest

from casus.analyze.queries import (
    EventFilter,
    dyad_timeline,
    events,
    export_parquet,
    period_after,
    period_start,
    plover_weights,
    top_actors,
)
from casus.model import PLOVER_TYPES
from casus.store.db import Store
from conftest import KNOWN_EVENTS


def select(db: Path, **kw: object) -> list[tuple[str, str, str, str]]:
    with Store(db, read_only=True) as store:
        cols, rows = events(store, EventFilter(**kw))
    i = {c: n for n, c in enumerate(cols)}
    return [(r[i["type"]], r[i["source_country"]], r[i["target_country"]], r[i["modality"]]) for r in rows]


def test_dyad_filter_is_undirected_unless_asked(known_db: Path) -> None:
    both = select(known_db, dyad=("RUS", "IRN"))
    assert both == [("AID", "RUS", "IRN", "asserted"), ("AID", "IRN", "RUS", "asserted"),
                    ("AGREE", "RUS", "IRN", "asserted"), ("AID", "RUS", "IRN", "hypothetical"),
                    ("CONSULT", "RUS", "IRN", "asserted")]  # ordered by day, undated last
    assert select(known_db, dyad=("IRN", "RUS"), directed=True) == [("AID", "IRN", "RUS", "asserted")]


def test_type_modality_and_actor_filters(known_db: Path) -> None:
    assert select(known_db, type="assault") == [("ASSAULT", "ISR", "IRN", "asserted")]
    assert select(known_db, modality="negated") == [("THREATEN", "IRN", "ISR", "negated")]
    assert len(select(known_db, actor="IRN")) == len(KNOWN_EVENTS)
    assert select(known_db, actor="USA") == [("SANCTION", "USA", "IRN", "asserted")]


@pytest.mark.parametrize(("since", "until", "n"), [
    ("2025", None, 4),            # 2025-01-17, -18, 02-02, 02-03
    ("2025-02", None, 2),
    (None, "2024", 3),            # --until 2024 includes the whole of 2024
    (None, "2024-03", 2),
    ("2024-03-20", "2024-07-01", 2),
    ("2025-01-17", "2025-01-17", 1),
])
def test_since_and_until_are_inclusive_periods(known_db: Path, since: str | None, until: str | None, n: int) -> None:
    assert len(select(known_db, since=since, until=until)) == n


def test_period_bounds() -> None:
    assert (period_start("2024"), period_start("2024-03"), period_start("2024-03-05")) == (
        "2024-01-01", "2024-03-01", "2024-03-05")
    assert (period_after("2024"), period_after("2024-12"), period_after("2024-02-29")) == (
        "2025-01-01", "2025-01-01", "2024-03-01")


def test_dyad_timeline_counts_and_scores_asserted_events_per_period(known_db: Path) -> None:
    w = plover_weights()
    with Store(known_db, read_only=True) as store:
        by_month = dyad_timeline(store, "RUS", "IRN", by="month")
        by_year = dyad_timeline(store, "RUS", "IRN", by="year")
    assert [(p["period"], p["counts"], p["events"], p["RUS->IRN"], p["IRN->RUS"]) for p in by_month["periods"]] == [
        ("2024-03", {"AID": 2}, 2, 1, 1),
        ("2025-01", {"AGREE": 1}, 1, 1, 0),       # the hypothetical AID is not counted
    ]
    assert by_month["periods"][0]["score"] == 2 * w["AID"] and by_month["periods"][0]["mean"] == w["AID"]
    assert [(p["period"], p["score"]) for p in by_year["periods"]] == [("2024", 2 * w["AID"]), ("2025", w["AGREE"])]


def test_conflict_scores_negative_and_cooperation_positive() -> None:
    w = plover_weights()
    assert set(w) == set(PLOVER_TYPES)
    assert all(-10 <= v <= 10 for v in w.values())
    assert w["ASSAULT"] < w["THREATEN"] < 0 < w["CONSULT"] < w["AID"]


def test_top_actors_by_articles_that_mention_them(known_db: Path) -> None:
    with Store(known_db, read_only=True) as store:
        rows = top_actors(store, top=2)
        states = top_actors(store, top=10, kind="state")
    assert [(r[0], r[4]) for r in rows] == [("IRN", 5), ("RUS", 3)]
    assert rows[0][6:8] == (2, 6)   # IRN as source, as target
    assert {r[0] for r in states} == {"IRN", "RUS", "USA", "ISR"}


def test_export_writes_every_table_as_parquet(known_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "export"
    with Store(known_db, read_only=True) as store:
        counts = export_parquet(store, str(out))
    assert counts == {"articles": 5, "actors": 4, "mentions": 16, "events": 8, "claims": 1, "ingest_runs": 0}
    for name, n in counts.items():
        assert pq.read_table(out / f"{name}.parquet").num_rows == n
    events_table = pq.read_table(out / "events.parquet")
    assert "evidence_text" in events_table.column_names and "day" in events_table.column_names
