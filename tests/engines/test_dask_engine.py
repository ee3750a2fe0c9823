"""The Dask engine must store exactly what the local engine stores for the same input."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

from casus.engines.dask_engine import ingest_dask, plan_partitions
from casus.engines.local import ingest
from casus.store.db import Store
from conftest import AR_SANCTION, EN_SANCTION, STORE_TABLES, jsonl_record, numbered_articles, table_rows, write_jsonl

TABLES = STORE_TABLES


@pytest.fixture
def dask_corpus(mixed_corpus: Path) -> Path:
    """Mixed files plus a JSONL big enough to be split into several byte-range partitions, with duplicates."""
    lines = list(numbered_articles(40))
    lines[25] = lines[3].replace("gen-00003", "dup-of-3")            # same text as line 4, other id
    lines[30] = '{"id": "x", "title": "بلا نص"}'                     # bad line inside a later partition
    write_jsonl(mixed_corpus / "bulk.jsonl", lines)
    write_jsonl(mixed_corpus / "tail.jsonl", [jsonl_record("t1", AR_SANCTION), jsonl_record("t2", EN_SANCTION)])
    (mixed_corpus / "empty.jsonl").write_bytes(b"")
    return mixed_corpus


def test_partitions_cover_every_line_once(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "c.jsonl", numbered_articles(50))
    parts, errors = plan_partitions([str(path)], block_bytes=2_000)
    assert not errors and len(parts) > 5
    data = path.read_bytes()
    assert parts[0].start == 0 and parts[-1].end == len(data)
    for a, b in zip(parts, parts[1:], strict=False):
        assert a.end == b.start
        assert data[a.end - 1:a.end] == b"\n"
        assert b.first_line == data[:b.start].count(b"\n") + 1


def test_small_empty_or_binary_jsonl_is_read_whole_so_it_gets_one_error(tmp_path: Path) -> None:
    (tmp_path / "empty.jsonl").write_bytes(b"")
    (tmp_path / "bin.jsonl").write_bytes(bytes(range(256)) * 40)
    parts, _ = plan_partitions([str(tmp_path)], block_bytes=1_000)
    assert [p.paths for p in parts] == [(str(tmp_path / "bin.jsonl"), str(tmp_path / "empty.jsonl"))]


def test_dask_engine_gives_row_for_row_the_local_result(tmp_path: Path, dask_corpus: Path, dask_scheduler: str,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """First run starts its own LocalCluster of 2 workers; the rerun goes to a running scheduler."""
    made: list[str] = []
    mkdtemp = tempfile.mkdtemp
    monkeypatch.setattr(tempfile, "mkdtemp", lambda *a, **kw: made.append(mkdtemp(*a, **kw)) or made[-1])
    missing = str(tmp_path / "missing.txt")

    with Store(tmp_path / "local.duckdb") as local:
        lrep = ingest([dask_corpus, missing], local, batch_size=16)
        want = table_rows(local)
    with Store(tmp_path / "dask.duckdb") as dstore:
        drep = ingest_dask([str(dask_corpus), missing], dstore, workers=2, block_bytes=3_000)
        got = table_rows(dstore)
        again = ingest_dask([str(dask_corpus), missing], dstore, scheduler=dask_scheduler, block_bytes=3_000)
        after = table_rows(dstore)
        runs = dstore.con.execute("SELECT engine, status FROM ingest_runs ORDER BY run_id").fetchall()

    assert want["events"] and want["mentions"] and want["claims"] is not None
    for name in TABLES:
        assert got[name] == want[name], name
    assert (drep.added, drep.events) == (lrep.added, lrep.events)
    assert sorted(drep.errors) == sorted(lrep.errors)
    assert f"{missing}: no such file or directory" in drep.errors
    assert (again.added, again.events) == (0, 0) and after == got      # rerun on Dask adds nothing either
    assert sorted(again.errors) == sorted(lrep.errors)   # ... and still reports the bad inputs, like the local engine
    assert runs == [("dask", "done"), ("dask", "done")]
    part_dirs = [d for d in made if Path(d).name.startswith("casus-dask-")]
    assert len(part_dirs) == 2 and not any(Path(d).exists() for d in part_dirs)  # part files cleaned up
