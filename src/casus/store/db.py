"""The event store: an embedded DuckDB file.

Writes happen in batches, each inside one transaction: a batch's articles,
mentions, events and claims are committed together or not at all. Together
with content-hash keys this makes ingestion idempotent and crash-safe: after
a kill, rerunning the same ingest completes the corpus, and nothing already
stored is lost or written twice.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from casus import __version__
from casus.store.rows import Rows
from casus.store.schema import COLUMNS, DDL, SCHEMA_VERSION

DEFAULT_DB = "casus.duckdb"


def default_db_path() -> Path:
    """`CASUS_DB` if set, else ./casus.duckdb."""
    return Path(os.environ.get("CASUS_DB") or DEFAULT_DB)


class StoreError(RuntimeError):
    """The database cannot be opened or is not a casus store."""


class Store:
    """A casus database; use as a context manager or call close()."""

    def __init__(self, path: str | Path | None = None, read_only: bool = False) -> None:
        self.path = Path(path) if path is not None else default_db_path()
        if read_only and not self.path.exists():
            raise StoreError(f"{self.path}: no such database (run `casus ingest` first)")
        try:
            self.con = duckdb.connect(str(self.path), read_only=read_only)
        except duckdb.Error as exc:
            raise StoreError(f"{self.path}: cannot open database: {exc}") from exc
        # DuckDB caches table data up to its memory limit (default: 80% of RAM); an ingest
        # never needs that much, and a bounded cache keeps memory flat however large the corpus
        self.con.execute(f"SET memory_limit = '{os.environ.get('CASUS_DB_MEMORY', '300MB')}'")
        if not read_only:
            self._init()
        elif not self._has_table("articles"):
            raise StoreError(f"{self.path}: not a casus database")

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.con.close()

    def _has_table(self, name: str) -> bool:
        return bool(self.con.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = ?", [name]).fetchone()[0])

    def _init(self) -> None:
        for stmt in DDL:
            self.con.execute(stmt)
        self.con.execute("INSERT OR IGNORE INTO meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)])

    # ------------------------------------------------------------------ runs

    def begin_run(self, engine: str, inputs: Iterable[str]) -> int:
        run_id = self.con.execute("SELECT coalesce(max(run_id), 0) + 1 FROM ingest_runs").fetchone()[0]
        self.con.execute(
            "INSERT INTO ingest_runs (run_id, started_at, engine, inputs, casus_version, status) "
            "VALUES (?, ?, ?, ?, ?, 'running')",
            [run_id, datetime.now(), engine, " ".join(str(i) for i in inputs), __version__])
        return run_id

    def finish_run(self, run_id: int, added: int, skipped: int, errors: int, status: str = "done") -> None:
        self.con.execute(
            "UPDATE ingest_runs SET finished_at = ?, articles_added = ?, articles_skipped = ?, errors = ?, "
            "status = ? WHERE run_id = ?", [datetime.now(), added, skipped, errors, status, run_id])

    # ---------------------------------------------------------------- writes

    def existing_keys(self, keys: list[str]) -> set[str]:
        if not keys:
            return set()
        self.con.register("wanted_keys", pa.table({"key": keys}))
        try:
            rows = self.con.execute("SELECT a.key FROM articles a JOIN wanted_keys w ON a.key = w.key").fetchall()
        finally:
            self.con.unregister("wanted_keys")
        return {r[0] for r in rows}

    def write(self, rows: Rows) -> None:
        """Write one batch atomically (articles first, so foreign keys hold)."""
        if not len(rows):
            return
        con = self.con
        con.execute("BEGIN TRANSACTION")
        try:
            for name in ("articles", "actors", "mentions", "events", "claims"):
                data = rows.tables[name]
                if not data:
                    continue
                table = pa.table(rows.column_dict(name))
                con.register("batch_rows", table)
                cols = ", ".join(f'"{c}"' for c in COLUMNS[name])
                # actors are shared across articles; everything else must be new (engines dedupe by key)
                verb = "INSERT OR IGNORE" if name == "actors" else "INSERT"
                con.execute(f"{verb} INTO {name} ({cols}) SELECT {cols} FROM batch_rows")
                con.unregister("batch_rows")
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise

    # --------------------------------------------------------------- reading

    def query(self, sql: str, params: list[Any] | None = None) -> duckdb.DuckDBPyRelation:
        return self.con.sql(sql, params=params) if params else self.con.sql(sql)

    def counts(self) -> dict[str, int]:
        out = {}
        for name in ("articles", "actors", "mentions", "events", "claims", "ingest_runs"):
            out[name] = self.con.execute(f"SELECT count(*) FROM {name}").fetchone()[0]
        out["errors"] = self.con.execute("SELECT count(*) FROM articles WHERE status = 'error'").fetchone()[0]
        return out
