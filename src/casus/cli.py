"""The `casus` command line: thin wrappers over the pipeline, the store and the assessor."""

from __future__ import annotations

import csv
import io
import json
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console

from casus import __version__, compiled

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="casus: states, events and estimative claims from Arabic and English news.")
console = Console()
err_console = Console(stderr=True)

EXAMPLE = Path(__file__).parent / "examples" / "seed_ar_russia_iran.txt"


class OutFormat(str, Enum):
    jsonl = "jsonl"
    json = "json"
    csv = "csv"


def _version(value: bool) -> None:
    if value:
        console.print(f"casus {__version__}{' (extraction compiled with mypyc)' if compiled() else ''}")
        raise typer.Exit()


@app.callback()
def main(version: Annotated[Optional[bool], typer.Option("--version", callback=_version, is_eager=True,
                                                         help="Show the version and exit.")] = None) -> None:
    """casus: who did what to whom, from the news, and would an ally intervene."""


def _check_date(value: str | None) -> str | None:
    if value is None:
        return None
    from datetime import date

    try:
        date.fromisoformat(value)
    except ValueError as exc:
        raise typer.BadParameter(f"{value!r} is not a date in the form YYYY-MM-DD") from exc
    return value


@app.command()
def extract(
    paths: Annotated[list[Path], typer.Argument(help="Files (.txt .html .jsonl .jsonl.gz .rss) or directories.")],
    fmt: Annotated[OutFormat, typer.Option("--format", "-f", help="Output format.")] = OutFormat.jsonl,
    pub_date: Annotated[Optional[str], typer.Option(
        "--pub-date", callback=_check_date, help="Publication date (YYYY-MM-DD) for articles without one.")] = None,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write here instead of stdout.")] = None,
) -> None:
    """Extract actors, events and claims from articles; one record per article."""
    from casus.extract.pipeline import analyze
    from casus.ingest.readers import InputError, read_paths

    out = output.open("w", encoding="utf-8", newline="") if output else sys.stdout
    failed = 0
    records = []
    writer = _CsvEventWriter(out) if fmt is OutFormat.csv else None
    try:
        for item in read_paths(paths, pub_date=pub_date):
            if isinstance(item, InputError):
                failed += 1
                err_console.print(f"[red]error[/red] {item}", highlight=False, soft_wrap=True)
                continue
            record = analyze(item).to_dict()
            if fmt is OutFormat.jsonl:
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
            elif fmt is OutFormat.json:
                records.append(record)
            else:
                assert writer is not None
                writer.write(record)
        if fmt is OutFormat.json:
            out.write(json.dumps(records, ensure_ascii=False, indent=1) + "\n")
    finally:
        if output:
            out.close()
    if failed:
        err_console.print(f"{failed} input(s) failed", highlight=False)
        raise typer.Exit(1)


class _CsvEventWriter:
    """CSV is one row per event (the natural table for spreadsheets)."""

    FIELDS = ["article", "pub_date", "type", "mode", "source", "source_name", "target", "target_name",
              "date", "modality", "confidence", "evidence", "evidence_start", "evidence_end"]

    def __init__(self, out: io.TextIOBase) -> None:
        self.writer = csv.DictWriter(out, fieldnames=self.FIELDS)
        self.writer.writeheader()

    def write(self, record: dict) -> None:
        for ev in record["events"]:
            self.writer.writerow({
                "article": record["id"], "pub_date": record["pub_date"], "type": ev["type"], "mode": ev["mode"],
                "source": ev["source"]["country"], "source_name": ev["source"]["name"],
                "target": ev["target"]["country"], "target_name": ev["target"]["name"],
                "date": ev["date"], "modality": ev["modality"], "confidence": ev["confidence"],
                "evidence": ev["evidence"]["text"], "evidence_start": ev["evidence"]["start"],
                "evidence_end": ev["evidence"]["end"],
            })


@app.command()
def analyze(
    path: Annotated[Optional[Path], typer.Argument(help="An article file; default: the bundled seed article.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the extract record as JSON.")] = False,
    pub_date: Annotated[Optional[str], typer.Option("--pub-date", callback=_check_date,
                                                    help="Publication date (YYYY-MM-DD) if the file has none.")] = None,
) -> None:
    """Print a readable report of one article: states, events, claims."""
    from casus.extract.pipeline import analyze as run
    from casus.ingest.readers import InputError, read_paths
    from casus.report import print_report

    target = path or EXAMPLE
    items = list(read_paths([target], pub_date=pub_date))
    failed = [i for i in items if isinstance(i, InputError)]
    for item in failed:
        err_console.print(f"[red]error[/red] {item}", highlight=False, soft_wrap=True)
    for item in items:
        if isinstance(item, InputError):
            continue
        result = run(item)
        if as_json:
            sys.stdout.write(json.dumps(result.to_dict(), ensure_ascii=False, indent=1) + "\n")
        else:
            print_report(result, console)
    if failed:
        raise typer.Exit(1)



# ---------------------------------------------------------------------------- store

DbOption = Annotated[Optional[Path], typer.Option("--db", help="DuckDB file (default: $CASUS_DB or ./casus.duckdb).")]


class Engine(str, Enum):
    local = "local"
    dask = "dask"


def _open_store(db: Path | None, read_only: bool = False):
    from casus.store.db import Store, StoreError

    try:
        return Store(db, read_only=read_only)
    except StoreError as exc:
        err_console.print(f"[red]error[/red] {exc}", highlight=False)
        raise typer.Exit(2) from exc


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Files (.txt .html .jsonl .jsonl.gz .rss .atom) or directories.")],
    db: DbOption = None,
    jobs: Annotated[int, typer.Option("-j", "--jobs", min=1, help="Extraction processes (local engine).")] = 1,
    engine: Annotated[Engine, typer.Option("--engine", help="local, or dask for a Dask cluster.")] = Engine.local,
    scheduler: Annotated[Optional[str], typer.Option(
        "--scheduler", help="Dask scheduler address, e.g. tcp://host:8786; without it a LocalCluster is started."
    )] = None,
    pub_date: Annotated[Optional[str], typer.Option("--pub-date", callback=_check_date,
                                                    help="Publication date for articles without one.")] = None,
    batch_size: Annotated[int, typer.Option("--batch-size", min=1, help="Articles per transaction.")] = 200,
) -> None:
    """Extract a corpus into the event store (idempotent: rerunning adds nothing new)."""
    import time

    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    store = _open_store(db)
    start = time.perf_counter()
    with Progress(TextColumn("[bold]ingest"), BarColumn(bar_width=None, pulse_style="cyan"),
                  TextColumn("{task.fields[seen]} articles · {task.fields[rate]:.0f}/s · "
                             "{task.fields[added]} new · [red]{task.fields[errors]} errors"),
                  TimeElapsedColumn(), console=err_console, transient=False) as bar:
        task = bar.add_task("ingest", total=None, seen=0, added=0, errors=0, rate=0.0)

        def progress(seen: int, added: int, errors: int) -> None:
            rate = seen / max(1e-9, time.perf_counter() - start)
            bar.update(task, seen=seen, added=added, errors=errors, rate=rate)

        with store:
            if engine is Engine.dask:
                from casus.engines.dask_engine import ingest_dask

                report = ingest_dask([str(p) for p in paths], store, scheduler=scheduler, workers=max(2, jobs),
                                     pub_date=pub_date, progress=progress)
            else:
                from casus.engines.local import ingest as run

                report = run(paths, store, jobs=jobs, batch_size=batch_size, pub_date=pub_date, progress=progress)
            progress(report.seen, report.added, len(report.errors))
            counts = store.counts()
    elapsed = time.perf_counter() - start
    rate = report.seen / max(elapsed, 1e-9)
    console.print(f"run {report.run_id}: {report.seen} inputs in {elapsed:.1f}s ({rate:.0f}/s); "
                  f"{report.added} articles added, {report.skipped} already stored, {report.events} events; "
                  f"store {store.path}: {counts['articles']} articles, {counts['events']} events",
                  soft_wrap=True, highlight=False)  # one line, whatever the terminal width (scripts grep it)
    if report.errors:
        err_console.print(f"[red]{len(report.errors)} input(s) failed:[/red]", highlight=False)
        for line in report.errors[:50]:
            err_console.print(f"  {line}", highlight=False, soft_wrap=True)
        if len(report.errors) > 50:
            err_console.print(f"  ... and {len(report.errors) - 50} more (see the articles table, status = 'error')")
        raise typer.Exit(1)


class TableFormat(str, Enum):
    table = "table"
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"


@app.command()
def events(
    db: DbOption = None,
    dyad: Annotated[Optional[tuple[str, str]], typer.Option("--dyad", help="Two ISO3 codes, either direction.")] = None,
    directed: Annotated[bool, typer.Option("--directed", help="With --dyad: only source → target.")] = False,
    actor: Annotated[Optional[str], typer.Option("--actor", help="ISO3 code (or actor code) on either side.")] = None,
    type_: Annotated[Optional[str], typer.Option("--type", help="PLOVER type, e.g. ASSAULT.")] = None,
    modality: Annotated[Optional[str], typer.Option("--modality", help="asserted | negated | hypothetical.")] = None,
    since: Annotated[Optional[str], typer.Option("--since", help="YYYY, YYYY-MM or YYYY-MM-DD.")] = None,
    until: Annotated[Optional[str], typer.Option("--until", help="YYYY, YYYY-MM or YYYY-MM-DD (inclusive).")] = None,
    fmt: Annotated[TableFormat, typer.Option("--format", "-f")] = TableFormat.table,
    output: Annotated[Optional[Path], typer.Option("--output", "-o",
                                                   help="Output file (required for parquet).")] = None,
    limit: Annotated[Optional[int], typer.Option("--limit", help="At most this many events.")] = None,
) -> None:
    """List stored events, filtered by dyad, actor, type, modality and time."""
    from casus.analyze.queries import EventFilter, events_relation
    from casus.analyze.queries import events as query
    from casus.model import MODALITIES, PLOVER_TYPES

    if type_ and type_.upper() not in PLOVER_TYPES:
        raise typer.BadParameter(f"{type_!r} is not a PLOVER type ({', '.join(PLOVER_TYPES)})", param_hint="--type")
    if modality and modality not in MODALITIES:
        raise typer.BadParameter(f"{modality!r}: expected one of {', '.join(MODALITIES)}", param_hint="--modality")
    for name, value in (("--since", since), ("--until", until)):
        _check_period(name, value)
    flt = EventFilter(dyad=tuple(c.upper() for c in dyad) if dyad else None, directed=directed,
                      actor=actor.upper() if actor else None, type=type_, modality=modality, since=since,
                      until=until, limit=limit)
    with _open_store(db, read_only=True) as store:
        if fmt is TableFormat.parquet:
            import pyarrow.parquet as pq

            if output is None:
                raise typer.BadParameter("--format parquet needs --output FILE", param_hint="--output")
            table = events_relation(store, flt)
            pq.write_table(table, output)
            console.print(f"{table.num_rows} events written to {output}")
            return
        cols, rows = query(store, flt)
    _print_rows(cols, rows, fmt, output, title="events")


def _check_period(name: str, value: str | None) -> None:
    import re

    if value and not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value):
        raise typer.BadParameter(f"{value!r}: expected YYYY, YYYY-MM or YYYY-MM-DD", param_hint=name)


_HEADERS = {"source_country": "source", "target_country": "target", "confidence": "conf.", "article_id": "article"}


def _print_rows(cols: list[str], rows: list[tuple], fmt: TableFormat, output: Path | None, title: str) -> None:
    from datetime import date, datetime

    def plain(v):
        return v.isoformat() if isinstance(v, (date, datetime)) else v

    out = output.open("w", encoding="utf-8", newline="") if output else sys.stdout
    try:
        if fmt is TableFormat.jsonl:
            for r in rows:
                out.write(json.dumps({c: plain(v) for c, v in zip(cols, r)}, ensure_ascii=False) + "\n")
        elif fmt is TableFormat.csv:
            w = csv.writer(out)
            w.writerow(cols)
            w.writerows([[plain(v) for v in r] for r in rows])
        else:
            from rich.table import Table

            show = [c for c in cols if c not in ("article_key", "evidence_start", "evidence_end", "url",
                                                 "source_name", "target_name", "seq", "pub_date", "title", "day")]
            table = Table(title=f"{title} ({len(rows)})", title_justify="left", show_lines=False)
            target = Console(file=out, width=200) if output else console
            idx = [cols.index(c) for c in show]
            cells = [["" if r[i] is None else str(plain(r[i])) for i in idx] for r in rows]
            widths = {c: min(22 if c == "article_id" else 999, max([len(_HEADERS.get(c, c))] + [
                len(row[j]) for row in cells])) for j, c in enumerate(show)}
            # one line per row: the short fields whole, the evidence cut to what the terminal leaves; on a
            # narrow terminal the least needed columns go first
            for c in ("mode", "article_id", "confidence", "lang"):
                if sum(w + 3 for k, w in widths.items() if k != "evidence_text") + 30 <= target.width:
                    break
                if c in widths and "evidence_text" in widths:
                    del widths[c]
            keep = [j for j, c in enumerate(show) if c in widths]
            table.expand = "evidence_text" in widths  # the evidence takes the width the others leave
            for j in keep:
                c = show[j]
                if c == "evidence_text":
                    table.add_column("evidence", overflow="ellipsis", no_wrap=True, ratio=1)
                else:
                    table.add_column(_HEADERS.get(c, c), overflow="ellipsis", no_wrap=True, width=widths[c])
            for row in cells:
                table.add_row(*[row[j] for j in keep])
            target.print(table)
    finally:
        if output:
            out.close()


class Period(str, Enum):
    month = "month"
    year = "year"
    week = "week"
    day = "day"


@app.command()
def dyad(
    a: Annotated[str, typer.Argument(help="ISO3 code, e.g. RUS")],
    b: Annotated[str, typer.Argument(help="ISO3 code, e.g. IRN")],
    db: DbOption = None,
    by: Annotated[Period, typer.Option("--by")] = Period.month,
    since: Annotated[Optional[str], typer.Option("--since")] = None,
    until: Annotated[Optional[str], typer.Option("--until")] = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """The relationship of two states over time: events per type and a cooperation–conflict score."""
    from rich.table import Table

    from casus.analyze.queries import dyad_timeline
    from casus.model import PLOVER_TYPES

    _check_period("--since", since)
    _check_period("--until", until)
    a, b = a.upper(), b.upper()
    with _open_store(db, read_only=True) as store:
        data = dyad_timeline(store, a, b, by=by.value, since=since, until=until)
    if as_json:
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=1) + "\n")
        return
    used = [t for t in PLOVER_TYPES if any(t in p["counts"] for p in data["periods"])]
    table = Table(title=f"{a} – {b} by {by.value} (asserted events; score = sum of PLOVER weights, "
                        f"mean = score / events, −10 conflict … +10 cooperation)", title_justify="left")
    table.add_column(by.value, no_wrap=True)
    fixed = 10 + 6 * 8  # the period and the five totals, with their borders
    one_column = fixed + sum(len(t[:8]) + 3 for t in used) > console.width
    if one_column:
        # too many types for the terminal: one column lists them, commonest first, cut to fit
        table.add_column("events by type", overflow="ellipsis", no_wrap=True, ratio=1)
        table.expand = True
    for t in [] if one_column else used:
        table.add_column(t[:8], justify="right", no_wrap=True)
    for name in (f"{a}→{b}", f"{b}→{a}", "events", "score", "mean"):
        table.add_column(name, justify="right", no_wrap=True)
    for p in data["periods"]:
        style = "green" if p["mean"] > 0 else "red" if p["mean"] < 0 else ""
        if one_column:
            by_type = [", ".join(f"{t} {n}" for t, n in sorted(p["counts"].items(), key=lambda kv: -kv[1]))]
        else:
            by_type = [str(p["counts"].get(t, "")) for t in used]
        table.add_row(p["period"], *by_type, str(p[f"{a}->{b}"]), str(p[f"{b}->{a}"]), str(p["events"]),
                      f"[{style}]{p['score']:+.1f}[/]", f"[{style}]{p['mean']:+.2f}[/]")
    console.print(table)
    if not data["periods"]:
        console.print(f"no asserted events between {a} and {b} in the store")


@app.command()
def actors(
    db: DbOption = None,
    top: Annotated[int, typer.Option("--top", min=1)] = 20,
    kind: Annotated[Optional[str], typer.Option("--kind", help="state, leader, igo, non-state, ...")] = None,
    fmt: Annotated[TableFormat, typer.Option("--format", "-f")] = TableFormat.table,
) -> None:
    """The most mentioned actors in the store."""
    from casus.analyze.queries import top_actors

    with _open_store(db, read_only=True) as store:
        rows = top_actors(store, top=top, kind=kind)
    cols = ["code", "name", "kind", "country", "articles", "mentions", "as_source", "as_target"]
    _print_rows(cols, rows, fmt if fmt is not TableFormat.parquet else TableFormat.table, None, title="actors")


@app.command()
def export(
    out_dir: Annotated[Path, typer.Argument(help="Directory for the Parquet files.")],
    db: DbOption = None,
    fmt: Annotated[str, typer.Option("--format", help="Only parquet is supported.")] = "parquet",
) -> None:
    """Write the articles, actors, mentions, events, claims and ingest_runs tables as Parquet."""
    from casus.analyze.queries import export_parquet

    if fmt != "parquet":
        raise typer.BadParameter("only --format parquet is supported", param_hint="--format")
    with _open_store(db, read_only=True) as store:
        counts = export_parquet(store, str(out_dir))
    for name, n in counts.items():
        console.print(f"{out_dir / (name + '.parquet')}: {n} rows")


def _register_subcommands() -> None:
    """Commands that live with their stage: assessment (casus.assess) and the web UI (casus.web)."""
    from casus.assess.commands import register as register_assess
    from casus.web.commands import register as register_web

    register_assess(app)
    register_web(app)


_register_subcommands()


if __name__ == "__main__":  # pragma: no cover
    app(prog_name="casus")
