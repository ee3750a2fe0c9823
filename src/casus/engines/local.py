"""The local ingest engine: stream inputs, extract on N processes, write in batches.

The main process reads and hashes articles, skips those already stored,
sends batches to a process pool and writes each finished batch in one
transaction, in input order. At most a few batches are in flight, so memory
stays flat however large the corpus is.
"""

from __future__ import annotations

import multiprocessing as mp
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from itertools import islice
from pathlib import Path

from casus.ingest.readers import InputError, read_paths
from casus.model import Article
from casus.store.db import Store
from casus.store.rows import Rows, article_key, error_key, error_rows, result_rows


@dataclass(slots=True)
class IngestReport:
    run_id: int = 0
    seen: int = 0
    added: int = 0
    skipped: int = 0
    errors: list[str] = field(default_factory=list)
    events: int = 0


Progress = Callable[[int, int, int], None]  # (articles seen, added, errors) after each batch


def extract_batch(batch: list[tuple[str, Article]], run_id: int, now: datetime) -> Rows:
    """Extraction for one batch (runs in a worker process)."""
    from casus.extract.pipeline import analyze

    rows = Rows()
    for key, article in batch:
        rows.extend(result_rows(analyze(article), key, run_id, now))
    return rows


def _chunks(items: Iterator, size: int) -> Iterator[list]:
    while True:
        chunk = list(islice(items, size))
        if not chunk:
            return
        yield chunk


def ingest(paths: Iterable[str | Path], store: Store, jobs: int = 1, batch_size: int = 200,
           pub_date: str | None = None, progress: Progress | None = None) -> IngestReport:
    """Ingest every article under `paths` into `store`; safe to rerun and to kill."""
    paths = [str(p) for p in paths]
    report = IngestReport(run_id=store.begin_run("local", paths))
    now = datetime.now()
    pool = mp.get_context("spawn").Pool(jobs) if jobs > 1 else None
    inflight: deque = deque()
    pending_keys: set[str] = set()
    status = "failed"
    try:
        for chunk in _chunks(read_paths(paths, pub_date=pub_date), batch_size):
            todo, errs = _prepare(chunk, store, pending_keys, report, now)
            if pool is None:
                rows = extract_batch(todo, report.run_id, now)
                rows.extend(errs)
                _write(store, rows, report, pending_keys, progress)
                continue
            inflight.append((pool.apply_async(extract_batch, (todo, report.run_id, now)), errs))
            while len(inflight) > jobs * 2:
                _drain_one(inflight, store, report, pending_keys, progress)
        while inflight:
            _drain_one(inflight, store, report, pending_keys, progress)
        status = "done"
    finally:
        if pool is not None:
            pool.terminate()
        store.finish_run(report.run_id, report.added, report.skipped, len(report.errors), status)
    return report


def _prepare(chunk: list, store: Store, pending: set[str], report: IngestReport,
             now: datetime) -> tuple[list[tuple[str, Article]], Rows]:
    """Hash a chunk, drop what is stored or already on its way; errors become rows."""
    keyed: list[tuple[str, Article | InputError]] = []
    for item in chunk:
        key = error_key(item) if isinstance(item, InputError) else article_key(item)
        keyed.append((key, item))
    stored = store.existing_keys([k for k, _ in keyed])
    todo: list[tuple[str, Article]] = []
    errs = Rows()
    for key, item in keyed:
        report.seen += 1
        if isinstance(item, InputError):
            report.errors.append(str(item))
        if key in stored or key in pending:
            report.skipped += 1
            continue
        pending.add(key)
        if isinstance(item, InputError):
            errs.extend(error_rows(item, report.run_id, now))
        else:
            todo.append((key, item))
    return todo, errs


def _drain_one(inflight: deque, store: Store, report: IngestReport, pending: set[str],
               progress: Progress | None) -> None:
    result, errs = inflight.popleft()
    rows: Rows = result.get()
    rows.extend(errs)
    _write(store, rows, report, pending, progress)


def _write(store: Store, rows: Rows, report: IngestReport, pending: set[str], progress: Progress | None) -> None:
    store.write(rows)
    keys = [r[0] for r in rows.tables["articles"]]
    pending.difference_update(keys)
    report.added += sum(1 for r in rows.tables["articles"] if r[10] == "ok")
    report.events += len(rows.tables["events"])
    if progress is not None:
        progress(report.seen, report.added, len(report.errors))
