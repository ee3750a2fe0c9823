"""The store must be idempotent, dedupe by content, keep bad inputs as error rows and keep its references whole."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import duckdb
import pytest

from casus.engines.local import ingest
from casus.ingest.readers import InputError
from casus.model import Article
from casus.store.db import Store, StoreError, default_db_path
from casus.store.rows import Rows, article_key, error_rows
from conftest import AR_ARTICLE, AR_SANCTION, STORE_TABLES, jsonl_record, numbered_articles, table_rows, write_jsonl

TABLES = STORE_TABLES


def snapshot(store: Store) -> dict[str, set[tuple]]:
    """Every row of every table (as sets), without the columns that name the run that wrote it."""
    return {name: set(rows) for name, rows in table_rows(store).items()}


def test_second_ingest_of_the_same_input_adds_nothing(tmp_path: Path, mixed_corpus: Path) -> None:
    with Store(tmp_path / "c.duckdb") as store:
        first = ingest([mixed_corpus], store)
        counts1, rows1 = store.counts(), snapshot(store)
        second = ingest([mixed_corpus], store)
        counts2, rows2 = store.counts(), snapshot(store)
    assert first.added == 5 and first.events > 0
    assert (second.added, second.events) == (0, 0)
    assert second.skipped == second.seen == first.seen
    assert {k: v for k, v in counts1.items() if k != "ingest_runs"} == \
           {k: v for k, v in counts2.items() if k != "ingest_runs"}
    assert rows1 == rows2
    assert counts2["ingest_runs"] == 2


def test_same_text_in_two_files_is_one_article(tmp_path: Path, mixed_corpus: Path) -> None:
    with Store(tmp_path / "c.duckdb") as store:
        report = ingest([mixed_corpus], store)
        rows = store.con.execute("SELECT id, path FROM articles WHERE key = ?",
                                 [article_key(Article(id="x", text=AR_ARTICLE))]).fetchall()
    assert rows == [("copy_of_treaty", str(mixed_corpus / "copy_of_treaty.txt"))]  # the first one read wins
    assert report.skipped == 1


def test_same_text_under_another_id_or_with_crlf_is_the_same_article(tmp_path: Path) -> None:
    a = tmp_path / "a.txt"
    a.write_text(AR_ARTICLE, encoding="utf-8")
    b = tmp_path / "b.txt"
    b.write_bytes(AR_ARTICLE.replace("\n", "\r\n").encode("utf-8"))
    c = write_jsonl(tmp_path / "c.jsonl", [jsonl_record("other-id", AR_ARTICLE)])
    with Store(tmp_path / "c.duckdb") as store:
        ingest([a, b, c], store)
        assert store.counts()["articles"] == 1


def test_bad_inputs_are_error_rows_with_their_message_and_never_stop_the_run(tmp_path: Path,
                                                                             mixed_corpus: Path) -> None:
    with Store(tmp_path / "c.duckdb") as store:
        report = ingest([mixed_corpus, tmp_path / "missing.txt"], store, batch_size=2)
        errors = store.con.execute(
            "SELECT path, error, text, content_hash FROM articles WHERE status = 'error' ORDER BY path").fetchall()
        ok = store.con.execute("SELECT count(*) FROM articles WHERE status = 'ok'").fetchone()[0]
    assert ok == 5
    assert [(Path(p).name, e.split(" (")[0]) for p, e, _, _ in errors] == [
        ("empty.txt", "empty file"),
        ("feed.jsonl:2", "expected a JSON object, got list"),
        ("feed.jsonl:4", "not valid JSON"),
        ("image.txt", "binary file"),
        ("missing.txt", "no such file or directory"),
    ]
    assert all(text is None and h is None for _, _, text, h in errors)
    assert len(report.errors) == 5
    assert any(line.startswith(str(mixed_corpus / "feed.jsonl") + ":4: not valid JSON") for line in report.errors)


def test_errors_are_reported_again_on_rerun_but_stored_once(tmp_path: Path, mixed_corpus: Path) -> None:
    with Store(tmp_path / "c.duckdb") as store:
        ingest([mixed_corpus], store)
        again = ingest([mixed_corpus], store)
        assert store.counts()["errors"] == 4
    assert len(again.errors) == 4


def test_every_row_points_to_its_article_and_its_evidence(tmp_path: Path, mixed_corpus: Path) -> None:
    with Store(tmp_path / "c.duckdb") as store:
        ingest([mixed_corpus], store)
        con = store.con
        for table in ("mentions", "events", "claims"):
            orphans = con.execute(f"SELECT count(*) FROM {table} t LEFT JOIN articles a ON a.key = t.article_key "
                                  f"WHERE a.key IS NULL OR a.status <> 'ok'").fetchone()[0]
            assert orphans == 0, table
        assert con.execute("SELECT count(*) FROM mentions m LEFT JOIN actors ac ON ac.code = m.actor_code "
                           "WHERE ac.code IS NULL").fetchone()[0] == 0
        events = con.execute("SELECT a.text, e.evidence_start, e.evidence_end, e.evidence_text FROM events e "
                             "JOIN articles a ON a.key = e.article_key").fetchall()
        mentions = con.execute("SELECT a.text, m.start, m.\"end\", m.text FROM mentions m "
                               "JOIN articles a ON a.key = m.article_key").fetchall()
    assert events and mentions
    for text, start, end, quoted in events + mentions:
        assert text[start:end] == quoted


def test_foreign_keys_are_enforced_by_the_database(tmp_path: Path) -> None:
    with Store(tmp_path / "c.duckdb") as store:
        with pytest.raises(duckdb.ConstraintException):
            store.con.execute("INSERT INTO events (article_key, seq, type, modality) "
                              "VALUES ('no-such-article', 0, 'AID', 'asserted')")


def test_a_failing_batch_is_rolled_back_whole(tmp_path: Path) -> None:
    """A batch is one transaction: if any row fails, none of its articles or events remain."""
    now = datetime.now()
    with Store(tmp_path / "c.duckdb") as store:
        good = error_rows(InputError("/x/a.txt", "empty file"), 1, now)
        store.write(good)
        bad = Rows()
        bad.extend(error_rows(InputError("/x/b.txt", "empty file"), 1, now))
        bad.extend(good)  # same key again: primary key violation
        with pytest.raises(duckdb.ConstraintException):
            store.write(bad)
        paths = [r[0] for r in store.con.execute("SELECT path FROM articles").fetchall()]
    assert paths == ["/x/a.txt"]


def test_parallel_ingest_writes_the_same_rows_as_one_process(tmp_path: Path) -> None:
    corpus = write_jsonl(tmp_path / "c.jsonl", numbered_articles(60))
    with Store(tmp_path / "j1.duckdb") as one, Store(tmp_path / "j2.duckdb") as two:
        r1 = ingest([corpus], one, jobs=1, batch_size=7)
        r2 = ingest([corpus], two, jobs=2, batch_size=7)
        assert (r1.added, r1.events) == (r2.added, r2.events) == (60, r1.events)
        assert snapshot(one) == snapshot(two)


def test_ingest_run_is_recorded(tmp_path: Path, mixed_corpus: Path) -> None:
    with Store(tmp_path / "c.duckdb") as store:
        report = ingest([mixed_corpus], store)
        run = store.con.execute("SELECT run_id, engine, status, articles_added, articles_skipped, errors, "
                                "finished_at IS NOT NULL FROM ingest_runs").fetchall()
    assert run == [(report.run_id, "local", "done", 5, 1, 4, True)]


def test_articles_keep_their_metadata(tmp_path: Path) -> None:
    corpus = write_jsonl(tmp_path / "c.jsonl", [jsonl_record("AL-1", AR_SANCTION, title="عقوبات", date="2018-02-19",
                                                             url="http://x/1", source="alarabia")])
    with Store(tmp_path / "c.duckdb") as store:
        ingest([corpus], store)
        row = store.con.execute("SELECT id, title, url, source, lang, CAST(pub_date AS VARCHAR), status, error, "
                                "n_chars, text FROM articles").fetchone()
    assert row == ("AL-1", "عقوبات", "http://x/1", "alarabia", "ar", "2018-02-19", "ok", None,
                   len("عقوبات\n" + AR_SANCTION), "عقوبات\n" + AR_SANCTION)


def test_default_path_follows_casus_db(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("CASUS_DB", raising=False)
    assert default_db_path() == Path("casus.duckdb")
    monkeypatch.setenv("CASUS_DB", str(tmp_path / "env.duckdb"))
    assert default_db_path() == tmp_path / "env.duckdb"


def test_reading_a_missing_or_foreign_database_says_so(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no such database"):
        Store(tmp_path / "none.duckdb", read_only=True)
    other = tmp_path / "other.duckdb"
    duckdb.connect(str(other)).execute("CREATE TABLE t (x INT)").close()
    with pytest.raises(StoreError, match="not a casus database"):
        Store(other, read_only=True)
