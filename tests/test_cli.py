"""The command line as users run it: exit statuses, error lines, output formats, and the query commands."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from casus.cli import app
from casus.store.db import Store
from conftest import AR_ARTICLE, AR_TREATY, EN_ARTICLE, run_cli

SEED = Path(__file__).resolve().parents[1] / "src" / "casus" / "examples" / "seed_ar_russia_iran.txt"
runner = CliRunner()


def invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), env={"COLUMNS": "200", "NO_COLOR": "1"})
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def good_dir(tmp_path: Path) -> Path:
    root = tmp_path / "good"
    root.mkdir()
    (root / "treaty.txt").write_text(AR_ARTICLE, encoding="utf-8")
    (root / "sanctions_en.txt").write_text(EN_ARTICLE, encoding="utf-8")
    return root


# ------------------------------------------------------------------------------------ extract

def test_extract_fails_with_status_1_but_outputs_every_good_article(mixed_corpus: Path) -> None:
    proc = run_cli(["extract", str(mixed_corpus)])
    assert proc.returncode == 1
    records = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [r["id"] for r in records] == ["copy_of_treaty", "j1", "j3", "cp1256", "sanctions_en", "treaty"]
    errors = [line for line in proc.stderr.splitlines() if line.startswith("error ")]
    assert sorted(e.split(": ")[0].removeprefix("error ") for e in errors) == sorted([
        str(mixed_corpus / "empty.txt"), f"{mixed_corpus / 'feed.jsonl'}:2", f"{mixed_corpus / 'feed.jsonl'}:4",
        str(mixed_corpus / "image.txt")])
    assert "4 input(s) failed" in proc.stderr


def test_extract_record_follows_the_contract(good_dir: Path) -> None:
    code, out, err = invoke("extract", str(good_dir / "treaty.txt"), "--pub-date", "2025-01-20")
    assert code == 0, err
    [rec] = [json.loads(line) for line in out.splitlines()]
    assert {k: rec[k] for k in ("id", "lang", "title", "pub_date")} == {
        "id": "treaty", "lang": "ar", "title": AR_ARTICLE.split("\n")[0], "pub_date": "2025-01-20"}
    assert {"RUS", "IRN"} <= {a["country"] for a in rec["actors"]}
    for actor in rec["actors"]:
        assert {"code", "country", "name", "kind", "mentions"} <= actor.keys()
        for m in actor["mentions"]:
            assert AR_ARTICLE[m["start"]:m["end"]] == m["text"]
    assert rec["events"]
    for ev in rec["events"]:
        assert {"type", "mode", "source", "target", "date", "modality", "evidence", "confidence"} <= ev.keys()
        assert AR_ARTICLE[ev["evidence"]["start"]:ev["evidence"]["end"]] == ev["evidence"]["text"]
    treaty_events = [e for e in rec["events"] if e["evidence"]["text"] in AR_TREATY]
    assert treaty_events and all(e["date"] == "2025-01-17" for e in treaty_events if e["date"])


def test_extract_json_is_one_array_and_csv_one_row_per_event(good_dir: Path) -> None:
    code, out, _ = invoke("extract", str(good_dir), "--format", "json")
    assert code == 0
    records = json.loads(out)
    assert [r["id"] for r in records] == ["sanctions_en", "treaty"]
    code, out, _ = invoke("extract", str(good_dir), "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == sum(len(r["events"]) for r in records) > 0
    assert {r["article"] for r in rows} <= {"sanctions_en", "treaty"}
    assert list(rows[0])[:3] == ["article", "pub_date", "type"]


def test_extract_writes_to_an_output_file(good_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    code, stdout, _ = invoke("extract", str(good_dir), "-o", str(out))
    assert code == 0 and stdout == ""
    assert len(out.read_text(encoding="utf-8").splitlines()) == 2


def test_pub_date_resolves_relative_dates_and_is_validated(tmp_path: Path) -> None:
    path = tmp_path / "yesterday.txt"
    path.write_text("عقوبات أمريكية\nفرضت الولايات المتحدة أمس عقوبات جديدة على إيران بسبب برنامجها النووي.\n",
                    encoding="utf-8")
    code, out, _ = invoke("extract", str(path), "--pub-date", "2025-01-20")
    rec = json.loads(out)
    assert code == 0 and rec["pub_date"] == "2025-01-20"
    assert rec["events"] and all(e["date"] == "2025-01-19" for e in rec["events"])  # أمس = the day before
    code, out, _ = invoke("extract", str(path))
    assert all(e["date"] is None for e in json.loads(out)["events"])     # no pub_date: no invented date
    code, _, err = invoke("extract", str(path), "--pub-date", "20/01/2025")
    assert code == 2 and "is not a date in the form YYYY-MM-DD" in err


def test_extract_missing_file_names_it(tmp_path: Path) -> None:
    code, out, err = invoke("extract", str(tmp_path / "nope.txt"))
    assert code == 1 and out == ""
    assert f"{tmp_path / 'nope.txt'}: no such file or directory" in err


def test_analyze_seed_article_dates_the_treaty(tmp_path: Path) -> None:
    code, out, err = invoke("analyze", str(SEED), "--json")
    assert code == 0, err
    rec = json.loads(out)
    assert any(e["date"] == "2025-01-17" for e in rec["events"])


# ------------------------------------------------------------------------------------- ingest

def test_ingest_reports_errors_exits_1_and_a_rerun_adds_nothing(mixed_corpus: Path, tmp_path: Path) -> None:
    db = tmp_path / "c.duckdb"
    first = run_cli(["ingest", str(mixed_corpus), "--db", str(db)])
    assert first.returncode == 1
    assert "5 articles added, 1 already stored" in first.stdout
    assert "4 input(s) failed" in first.stderr and str(mixed_corpus / "image.txt") in first.stderr
    second = run_cli(["ingest", str(mixed_corpus), "--db", str(db)])
    assert second.returncode == 1  # the bad inputs are still bad
    assert "0 articles added, 10 already stored, 0 events" in second.stdout
    with Store(db, read_only=True) as store:
        counts = store.counts()
    assert (counts["articles"], counts["errors"], counts["ingest_runs"]) == (9, 4, 2)


def test_ingest_uses_casus_db_when_no_db_option(good_dir: Path, tmp_path: Path) -> None:
    db = tmp_path / "env.duckdb"
    proc = run_cli(["ingest", str(good_dir)], env={"CASUS_DB": str(db)}, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert db.exists() and not (tmp_path / "casus.duckdb").exists()
    assert "2 articles added" in proc.stdout


def test_ingest_on_a_dask_scheduler_matches_local(good_dir: Path, tmp_path: Path, dask_scheduler: str) -> None:
    local, dask = tmp_path / "l.duckdb", tmp_path / "d.duckdb"
    assert run_cli(["ingest", str(good_dir), "--db", str(local)]).returncode == 0
    proc = run_cli(["ingest", str(good_dir), "--db", str(dask), "--engine", "dask", "--scheduler", dask_scheduler])
    assert proc.returncode == 0, proc.stderr
    assert "2 articles added" in proc.stdout
    sql = "SELECT article_key, seq, type, source_country, target_country, modality, evidence_text FROM events"
    with Store(local, read_only=True) as a, Store(dask, read_only=True) as b:
        assert sorted(a.con.execute(sql).fetchall()) == sorted(b.con.execute(sql).fetchall())
        assert b.con.execute("SELECT engine FROM ingest_runs").fetchall() == [("dask",)]


# ------------------------------------------------------------------------------------ queries

def test_events_jsonl_with_filters(known_db: Path) -> None:
    code, out, err = invoke("events", "--db", str(known_db), "--dyad", "rus", "irn", "--type", "AID",
                            "--modality", "asserted", "--since", "2024-01", "--until", "2024", "--format", "jsonl")
    assert code == 0, err
    rows = [json.loads(line) for line in out.splitlines()]
    assert [(r["day"], r["source_country"], r["target_country"]) for r in rows] == [
        ("2024-03-10", "RUS", "IRN"), ("2024-03-20", "IRN", "RUS")]
    assert rows[0]["article_id"] == "a1" and rows[0]["url"] == "https://example.org/a1"


def test_events_csv_and_parquet(known_db: Path, tmp_path: Path) -> None:
    code, out, _ = invoke("events", "--db", str(known_db), "--actor", "IRN", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and len(rows) == 8 and rows[0]["type"] == "AID"
    target = tmp_path / "ev.parquet"
    code, out, _ = invoke("events", "--db", str(known_db), "--dyad", "RUS", "IRN", "--format", "parquet",
                          "-o", str(target))
    assert code == 0 and "5 events written" in out
    table = pq.read_table(target)
    assert table.num_rows == 5 and {"article_id", "type", "evidence_text", "day"} <= set(table.column_names)


def test_events_table_is_the_default(known_db: Path) -> None:
    code, out, _ = invoke("events", "--db", str(known_db), "--type", "ASSAULT")
    assert code == 0 and "events (1)" in out and "ASSAULT" in out


def test_events_table_gives_each_event_one_line_even_on_a_narrow_terminal(known_db: Path) -> None:
    result = runner.invoke(app, ["events", "--db", str(known_db), "--dyad", "RUS", "IRN"],
                           env={"COLUMNS": "80", "NO_COLOR": "1"})
    assert result.exit_code == 0
    rows = [line for line in result.stdout.splitlines() if line.startswith("│")]
    assert len(rows) == 5 and all(len(line) <= 80 for line in result.stdout.splitlines())
    # the type, both sides and the modality stay whole; the evidence is cut to fit
    assert all(("RUS" in line and "IRN" in line and ("asserted" in line or "negated" in line
                                                     or "hypothetical" in line)) for line in rows)


@pytest.mark.parametrize(("args", "message"), [
    (["--type", "BOMB"], "is not a PLOVER type"),
    (["--modality", "maybe"], "expected one of asserted, negated, hypothetical"),
    (["--since", "01/2024"], "expected YYYY, YYYY-MM or YYYY-MM-DD"),
    (["--format", "parquet"], "--format parquet needs --output FILE"),
])
def test_events_rejects_bad_options_with_a_reason(known_db: Path, args: list[str], message: str) -> None:
    code, _, err = invoke("events", "--db", str(known_db), *args)
    assert code == 2
    assert message in " ".join(err.replace("│", " ").split())  # the message, however the error box wraps it


def test_query_on_a_missing_database_says_run_ingest_first(tmp_path: Path) -> None:
    code, _, err = invoke("events", "--db", str(tmp_path / "none.duckdb"))
    assert code == 2 and "run `casus ingest` first" in err


def test_dyad_by_year_json(known_db: Path) -> None:
    code, out, _ = invoke("dyad", "RUS", "IRN", "--db", str(known_db), "--by", "year", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["dyad"] == ["RUS", "IRN"] and data["by"] == "year"
    assert [(p["period"], p["counts"], p["RUS->IRN"], p["IRN->RUS"]) for p in data["periods"]] == [
        ("2024", {"AID": 2}, 1, 1), ("2025", {"AGREE": 1}, 1, 0)]
    assert data["periods"][0]["score"] == 2 * data["weights"]["AID"]


def test_dyad_table_lists_the_types_in_one_column_when_the_terminal_is_too_narrow_for_one_each(
        known_db: Path) -> None:
    wide = runner.invoke(app, ["dyad", "RUS", "IRN", "--db", str(known_db), "--by", "year"],
                         env={"COLUMNS": "200", "NO_COLOR": "1"}).stdout
    narrow = runner.invoke(app, ["dyad", "RUS", "IRN", "--db", str(known_db), "--by", "year"],
                           env={"COLUMNS": "70", "NO_COLOR": "1"}).stdout
    header = next(line for line in wide.splitlines() if line.startswith("┃"))
    assert "AID" in header and "AGREE" in header and "events by type" not in wide
    row_2024 = next(line for line in narrow.splitlines() if "2024" in line)
    assert "AID 2" in row_2024 and all(len(line) <= 70 for line in narrow.splitlines())


def test_dyad_table_says_when_there_is_nothing(known_db: Path) -> None:
    code, out, _ = invoke("dyad", "USA", "RUS", "--db", str(known_db))
    assert code == 0 and "no asserted events between USA and RUS" in out


def test_actors_top(known_db: Path) -> None:
    code, out, _ = invoke("actors", "--db", str(known_db), "--top", "2", "--format", "jsonl")
    assert code == 0
    rows = [json.loads(line) for line in out.splitlines()]
    assert [(r["code"], r["articles"]) for r in rows] == [("IRN", 5), ("RUS", 3)]


def test_export_parquet_dir(known_db: Path, tmp_path: Path) -> None:
    out_dir = tmp_path / "export"
    code, out, _ = invoke("export", "--format", "parquet", str(out_dir), "--db", str(known_db))
    assert code == 0
    for name, n in (("articles", 5), ("actors", 4), ("events", 8), ("claims", 1), ("mentions", 16)):
        assert pq.read_table(out_dir / f"{name}.parquet").num_rows == n
    code, _, err = invoke("export", "--format", "csv", str(out_dir), "--db", str(known_db))
    assert code == 2 and "only --format parquet" in err
