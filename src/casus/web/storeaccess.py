"""Access to the DuckDB store from web requests.

Reads share one read-only connection (each request gets its own cursor); it
is opened on the first request and closed again after a second without
readers, so `casus ingest` in another process is only locked out while the
web UI is actually in use. The one write — saving an analysed article —
opens the store read-write; DuckDB refuses a read-write and a read-only
connection to the same file in one process, so a readers–writer lock keeps
them apart and the shared read-only connection is closed first.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from casus.model import ArticleResult
from casus.store.db import Store, StoreError
from casus.store.rows import article_key, result_rows


class StoreUnavailable(RuntimeError):
    """The store cannot be read right now (missing, not a casus store, or locked by a writer)."""

    def __init__(self, message: str, missing: bool = False) -> None:
        super().__init__(message)
        self.message = message
        self.missing = missing


class _ReadWriteLock:
    """Many readers or one writer (writers are not starved: new readers wait for a waiting writer)."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._readers = 0
        self._writer = False
        self._waiting_writers = 0

    @contextmanager
    def read(self) -> Iterator[None]:
        with self._cond:
            while self._writer or self._waiting_writers:
                self._cond.wait()
            self._readers += 1
        try:
            yield
        finally:
            with self._cond:
                self._readers -= 1
                self._cond.notify_all()

    @contextmanager
    def write(self) -> Iterator[None]:
        with self._cond:
            self._waiting_writers += 1
            while self._writer or self._readers:
                self._cond.wait()
            self._waiting_writers -= 1
            self._writer = True
        try:
            yield
        finally:
            with self._cond:
                self._writer = False
                self._cond.notify_all()


@dataclass(slots=True)
class SaveResult:
    key: str
    added: bool
    events: int


class _Cursor(Store):
    """A Store facade over one cursor of the shared connection (closing it closes only the cursor)."""

    def __init__(self, path: Path, con: object) -> None:  # the file is open already: no schema work
        self.path = path
        self.con = con


class StoreAccess:
    """The web stage's handle on one store file."""

    IDLE_SECONDS = 1.0

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = _ReadWriteLock()
        self._guard = threading.Lock()
        self._store: Store | None = None
        self._users = 0
        self._last_release = 0.0
        self._timer: threading.Timer | None = None

    def exists(self) -> bool:
        return self.path.exists()

    @contextmanager
    def reader(self) -> Iterator[Store]:
        """A read-only Store for one request; StoreUnavailable says why there is none."""
        if not self.path.exists():
            raise StoreUnavailable(
                f"No store at {self.path}: ingest articles with `casus ingest` or save an analysed article.",
                missing=True)
        with self._lock.read():
            cursor = self._acquire()
            try:
                yield _Cursor(self.path, cursor)
            finally:
                cursor.close()
                self._release()

    def _acquire(self):
        with self._guard:
            if self._store is None:
                try:
                    self._store = Store(self.path, read_only=True)
                except StoreError as exc:
                    raise StoreUnavailable(_busy_message(exc)) from exc
            self._users += 1
            return self._store.con.cursor()

    def _release(self) -> None:
        with self._guard:
            self._users -= 1
            self._last_release = time.monotonic()
            if self._users == 0 and self._timer is None:
                self._timer = threading.Timer(self.IDLE_SECONDS, self._close_when_idle)
                self._timer.daemon = True
                self._timer.start()

    def _close_when_idle(self) -> None:
        with self._guard:
            self._timer = None
            if self._users or self._store is None:
                return
            idle = time.monotonic() - self._last_release
            if idle < self.IDLE_SECONDS:
                self._timer = threading.Timer(self.IDLE_SECONDS - idle, self._close_when_idle)
                self._timer.daemon = True
                self._timer.start()
                return
            self._close_locked()

    def _close_locked(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        if self._store is not None:
            self._store.close()
            self._store = None

    def close(self) -> None:
        """Release the shared read connection (tests and shutdown)."""
        with self._guard:
            self._close_locked()

    @contextmanager
    def shared(self) -> Iterator[None]:
        """Hold off saves while another component (the assessor) reads the file itself."""
        with self._lock.read():
            yield

    def save(self, result: ArticleResult) -> SaveResult:
        """Write one analysed article (as `casus ingest` would); an article already stored is left alone."""
        key = article_key(result.article)
        with self._lock.write():
            self.close()  # no reader is active; DuckDB wants the read-only connection gone first
            try:
                store = Store(self.path)
            except StoreError as exc:
                raise StoreUnavailable(_busy_message(exc)) from exc
            with store:
                if store.existing_keys([key]):
                    return SaveResult(key, False, 0)
                run_id = store.begin_run("web", [f"web:{result.article.id}"])
                try:
                    rows = result_rows(result, key, run_id, datetime.now())
                    store.write(rows)
                except Exception:
                    store.finish_run(run_id, 0, 0, 1, status="failed")
                    raise
                store.finish_run(run_id, 1, 0, 0)
                return SaveResult(key, True, len(rows.tables["events"]))


def _busy_message(exc: StoreError) -> str:
    text = str(exc)
    if "lock" in text.lower():
        return "The store is busy: another casus process (e.g. `casus ingest`) is writing to it. Try again shortly."
    if "not a casus database" in text:
        return "The database file is not a casus store."
    return "The store cannot be opened: " + text.split(": ", 1)[-1][:200]
