"""The Dask ingest engine: partitions of the input → Parquet part files → DuckDB.

Each partition (a group of files, or a byte range of a JSONL file aligned to
line ends) is extracted by one Dask task, which writes its rows as Parquet
part files. The driver then loads the parts into DuckDB in one transaction,
keeping the first copy of each article key and skipping keys already stored,
so the result is the same as the local engine's on the same input.

Without a scheduler address a LocalCluster is started for the run.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from casus.engines.local import IngestReport, Progress
from casus.ingest.readers import InputError, _jsonl_item, iter_files, kind_of, read_file
from casus.model import Article
from casus.store.db import Store
from casus.store.rows import Rows, article_key, error_key, error_rows, result_rows
from casus.store.schema import COLUMNS

BLOCK_BYTES = 4 * 1024 * 1024
FILES_PER_PARTITION = 200


@dataclass(frozen=True, slots=True)
class Partition:
    index: int
    paths: tuple[str, ...] = ()      # whole files
    jsonl: str | None = None         # or a byte range of one JSONL file
    start: int = 0
    end: int = 0
    first_line: int = 1


def plan_partitions(paths: list[str], block_bytes: int = BLOCK_BYTES) -> tuple[list[Partition], list[InputError]]:
    parts: list[Partition] = []
    errors: list[InputError] = []
    files: list[str] = []

    def flush_files() -> None:
        if files:
            parts.append(Partition(len(parts), paths=tuple(files)))
            files.clear()

    for item in iter_files(paths):
        if isinstance(item, InputError):
            errors.append(item)
            continue
        if kind_of(item) == "jsonl" and not item.name.lower().endswith(".gz") and _splittable(item, block_bytes):
            flush_files()
            for start, end, first_line in _line_aligned_blocks(item, block_bytes):
                parts.append(Partition(len(parts), jsonl=str(item), start=start, end=end, first_line=first_line))
        else:
            files.append(str(item))
            if len(files) >= FILES_PER_PARTITION:
                flush_files()
    flush_files()
    return parts, errors


def _splittable(path: Path, block_bytes: int) -> bool:
    """Split only large, plain-text JSONL; the rest is read whole, so empty or binary files get one error."""
    try:
        if path.stat().st_size <= block_bytes:
            return False
        with path.open("rb") as fh:
            return b"\x00" not in fh.read(8192)
    except OSError:
        return False


def _line_aligned_blocks(path: Path, block_bytes: int) -> list[tuple[int, int, int]]:
    """Byte ranges of about `block_bytes`, each ending at a newline, with their first line number."""
    blocks = []
    start, line = 0, 1
    with path.open("rb") as fh:
        while True:
            fh.seek(start)
            chunk = fh.read(block_bytes)
            if not chunk:
                break
            if len(chunk) == block_bytes:
                extra = fh.readline()
                chunk += extra
            end = start + len(chunk)
            blocks.append((start, end, line))
            line += chunk.count(b"\n")
            start = end
    return blocks


def _partition_items(part: Partition, pub_date: str | None):
    if part.jsonl is None:
        for p in part.paths:
            for item in read_file(Path(p)):
                if isinstance(item, Article) and pub_date and not item.pub_date:
                    item.pub_date = pub_date
                yield item
        return
    path = Path(part.jsonl)
    with path.open("rb") as fh:
        fh.seek(part.start)
        data = fh.read(part.end - part.start)
    for offset, line in enumerate(data.split(b"\n")):
        if line.strip():
            item = _jsonl_item(path, part.first_line + offset, line)
            if isinstance(item, Article) and pub_date and not item.pub_date:
                item.pub_date = pub_date
            yield item


def process_partition(part: Partition, out_dir: str, run_id: int, now: datetime,
                      pub_date: str | None) -> tuple[int, list[str]]:
    """Extract one partition and write its rows as Parquet (runs on a Dask worker).

    Returns the number of inputs seen and the input errors met (also those already stored,
    so that a rerun reports them as the local engine does).
    """
    from casus.extract.pipeline import analyze

    rows = Rows()
    seen: set[str] = set()
    inputs = 0
    errors: list[str] = []
    for item in _partition_items(part, pub_date):
        inputs += 1
        if isinstance(item, InputError):
            errors.append(str(item))
            key = error_key(item)
            if key not in seen:
                seen.add(key)
                rows.extend(error_rows(item, run_id, now))
            continue
        key = article_key(item)
        if key in seen:
            continue
        seen.add(key)
        rows.extend(result_rows(analyze(item), key, run_id, now))
    write_parts(rows, Path(out_dir), part.index)
    return inputs, errors


def write_parts(rows: Rows, out: Path, index: int) -> None:
    for name in COLUMNS:
        data = rows.column_dict(name)
        data["_part"] = [index] * len(rows.tables[name])
        data["_ord"] = list(range(len(rows.tables[name])))
        folder = out / name
        folder.mkdir(parents=True, exist_ok=True)
        pq.write_table(pa.table(data, schema=_schema(name)), folder / f"part-{index:06d}.parquet")


_TYPES = {"seq": pa.int32(), "sentence": pa.int32(), "start": pa.int32(), "end": pa.int32(),
          "n_chars": pa.int32(), "run_id": pa.int64(), "confidence": pa.float64(), "probability": pa.float64(),
          "low": pa.float64(), "high": pa.float64(), "event_seq": pa.int32(), "evidence_start": pa.int32(),
          "evidence_end": pa.int32(), "pub_date": pa.date32(), "day": pa.date32(),
          "ingested_at": pa.timestamp("us")}


def _schema(name: str) -> pa.Schema:
    fields = [pa.field(c, _TYPES.get(c, pa.string())) for c in COLUMNS[name]]
    return pa.schema(fields + [pa.field("_part", pa.int32()), pa.field("_ord", pa.int32())])


def load_parts(store: Store, out: Path) -> tuple[int, int]:
    """Load part files into the store in one transaction; returns (articles added, duplicates skipped)."""
    con = store.con
    glob = lambda name: str(out / name / "*.parquet")  # noqa: E731
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute(f"""CREATE OR REPLACE TEMP TABLE _new AS
            SELECT * FROM read_parquet('{glob('articles')}')
            WHERE key NOT IN (SELECT key FROM articles)
            QUALIFY row_number() OVER (PARTITION BY key ORDER BY _part, _ord) = 1""")
        total = con.execute(f"SELECT count(*) FROM read_parquet('{glob('articles')}')").fetchone()[0]
        cols = lambda name: ", ".join(f'"{c}"' for c in COLUMNS[name])  # noqa: E731
        con.execute(f"INSERT INTO articles ({cols('articles')}) "
                    f"SELECT {cols('articles')} FROM _new ORDER BY _part, _ord")
        con.execute(f"""INSERT OR IGNORE INTO actors ({cols('actors')})
            SELECT {cols('actors')} FROM read_parquet('{glob('actors')}') ORDER BY _part, _ord""")
        for name in ("mentions", "events", "claims"):
            src_cols = ", ".join(f't."{c}"' for c in COLUMNS[name])
            con.execute(f"""INSERT INTO {name} ({cols(name)})
                SELECT {src_cols} FROM read_parquet('{glob(name)}') t
                JOIN _new n ON t.article_key = n.key AND t._part = n._part ORDER BY t._part, t._ord""")
        added = con.execute("SELECT count(*) FROM _new WHERE status = 'ok'").fetchone()[0]
        new_total = con.execute("SELECT count(*) FROM _new").fetchone()[0]
        con.execute("DROP TABLE _new")
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    return added, total - new_total


def ingest_dask(paths: list[str], store: Store, scheduler: str | None = None, workers: int = 2,
                pub_date: str | None = None, progress: Progress | None = None,
                block_bytes: int = BLOCK_BYTES) -> IngestReport:
    """Ingest with Dask: on the cluster at `scheduler`, or on a LocalCluster of `workers` processes."""
    from dask.distributed import Client, LocalCluster, as_completed

    paths = [str(p) for p in paths]
    report = IngestReport(run_id=store.begin_run("dask", paths))
    now = datetime.now()
    parts, input_errors = plan_partitions(paths, block_bytes)
    tmp = Path(tempfile.mkdtemp(prefix="casus-dask-"))
    cluster = None
    status = "failed"
    try:
        if scheduler:
            client = Client(scheduler)
        else:
            # ":0" picks a free port: two runs at once must not fight over 8787
            cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                   dashboard_address=":0")
            client = Client(cluster)
        with client:
            futures = [client.submit(process_partition, p, str(tmp), report.run_id, now, pub_date, pure=False)
                       for p in parts]
            for fut in as_completed(futures):
                seen, errors = fut.result()
                report.seen += seen
                report.errors.extend(errors)
                if progress is not None:
                    progress(report.seen, 0, 0)
        report.errors.extend(str(e) for e in input_errors)
        report.seen += len(input_errors)
        if input_errors:
            errs = Rows()
            for e in input_errors:
                errs.extend(error_rows(e, report.run_id, now))
            write_parts(errs, tmp, len(parts))
        if any((tmp / "articles").glob("*.parquet")):
            report.added, report.skipped = load_parts(store, tmp)
        report.events = store.con.execute(
            "SELECT count(*) FROM events e JOIN articles a ON e.article_key = a.key WHERE a.run_id = ?",
            [report.run_id]).fetchone()[0]
        status = "done"
    finally:
        if cluster is not None:
            cluster.close()
        shutil.rmtree(tmp, ignore_errors=True)
        store.finish_run(report.run_id, report.added, report.skipped, len(report.errors), status)
    return report
