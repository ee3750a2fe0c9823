"""SIGKILL during `casus ingest`, then rerun: the store must end exactly as after one clean run."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

from casus.engines.local import ingest
from casus.store.db import Store
from conftest import CASUS, numbered_articles, write_jsonl

N_ARTICLES = 400
BATCH = 20


def keys(db: Path) -> tuple[set, set, set, set, int]:
    with Store(db, read_only=True) as store:
        con = store.con
        articles = {r[0] for r in con.execute("SELECT key FROM articles").fetchall()}
        events = {tuple(r) for r in con.execute(
            "SELECT article_key, seq, type, source_country, target_country, modality, evidence_start FROM events"
        ).fetchall()}
        mentions = {tuple(r) for r in con.execute("SELECT article_key, seq, actor_code FROM mentions").fetchall()}
        claims = {tuple(r) for r in con.execute("SELECT article_key, seq, phrase FROM claims").fetchall()}
        total = sum(con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                    for t in ("articles", "events", "mentions", "claims"))
    return articles, events, mentions, claims, total


def wait_for_first_commit(proc: subprocess.Popen, wal: Path, timeout: float = 60) -> bool:
    """True once a batch of articles has surely committed.

    Batches are written one after another, so the WAL growing a second time, after it first
    passed the run header, means the first batch's COMMIT returned (a single growth may be a
    commit still in flight, which a kill would rightly roll back).
    """
    deadline = time.monotonic() + timeout
    first = 0
    while time.monotonic() < deadline and proc.poll() is None:
        size = wal.stat().st_size if wal.exists() else 0
        if not first and size > 8_000:
            first = size
        elif first and size > first:
            return True
        time.sleep(0.002)
    return False


def test_sigkill_then_rerun_loses_and_duplicates_nothing(tmp_path: Path) -> None:
    corpus = write_jsonl(tmp_path / "corpus.jsonl", numbered_articles(N_ARTICLES))

    clean = tmp_path / "clean.duckdb"
    with Store(clean) as store:
        ingest([corpus], store, batch_size=BATCH)
    want = keys(clean)
    assert len(want[0]) == N_ARTICLES and want[1]

    db = tmp_path / "killed.duckdb"
    Store(db).close()  # schema in place and checkpointed, so the WAL only grows with the run itself
    env = {**os.environ, "NO_COLOR": "1"}
    proc = subprocess.Popen([CASUS, "ingest", str(corpus), "--db", str(db), "--batch-size", str(BATCH)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    try:
        committed = wait_for_first_commit(proc, Path(str(db) + ".wal"))
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
    assert committed, "the run ended before its first batch committed"
    assert proc.returncode == -signal.SIGKILL

    partial = keys(db)
    assert 0 < len(partial[0]) < N_ARTICLES, "the kill should land mid-run"
    assert partial[0] <= want[0] and partial[1] <= want[1]  # what survived is whole and correct

    rerun = subprocess.run([CASUS, "ingest", str(corpus), "--db", str(db), "--batch-size", str(BATCH)],
                           capture_output=True, text=True, env=env, timeout=120)
    assert rerun.returncode == 0, rerun.stderr
    assert f"{N_ARTICLES - len(partial[0])} articles added, {len(partial[0])} already stored" in rerun.stdout

    got = keys(db)
    assert got[0] == want[0], "articles lost"
    assert got[1] == want[1], "events lost or changed"
    assert got[2] == want[2] and got[3] == want[3]
    assert got[4] == want[4], "duplicated rows"
    with Store(db, read_only=True) as store:
        runs = store.con.execute("SELECT status FROM ingest_runs ORDER BY run_id").fetchall()
    assert runs == [("running",), ("done",)]  # the killed run stays visible as unfinished
