"""News enters the assessment only by documented rules: confident, asserted, reported by two articles."""

from __future__ import annotations

from pathlib import Path

import pytest

from casus.assess.api import assess_json
from casus.store.db import Store


def _store(path: Path, events: list[tuple[str, str, str, str, str | None, float]]) -> Path:
    """A store holding one article per event: (article id, pub date, source, target, written date, confidence)."""
    with Store(path) as store:
        for i, (art, pub, src, tgt, written, conf) in enumerate(events):
            store.con.execute("INSERT OR IGNORE INTO articles (key, id, title, pub_date, status, lang, text) "
                              "VALUES (?, ?, ?, CAST(? AS DATE), 'ok', 'en', 'text')", [art, art, f"title {art}", pub])
            store.con.execute(
                "INSERT INTO events (article_key, seq, type, source_country, target_country, date, day, modality, "
                "confidence, evidence_text) VALUES (?, ?, 'ASSAULT', ?, ?, ?, CAST(? AS DATE), 'asserted', ?, ?)",
                [art, i, src, tgt, written, written or pub, conf, f"{src} forces struck {tgt}"])
    return path


def _factor(result: dict, name: str) -> dict:
    return next(f for f in result["factors"] if f["name"] == name)


def test_two_articles_about_the_patron_fighting_set_it_at_war(tmp_path: Path) -> None:
    # 2013: the reference data hold no war for Russia (the dispute data end in 2010, Crimea is 2014)
    db = _store(tmp_path / "s.duckdb", [("a1", "2013-05-01", "RUS", "GEO", "2013-04-30", 0.8),
                                        ("a2", "2013-05-02", "RUS", "GEO", "2013-04-30", 0.7)])
    plain = assess_json("RUS", "ARM", "AZE", as_of="2013-06-01", db=tmp_path / "none.duckdb")
    fresh = assess_json("RUS", "ARM", "AZE", as_of="2013-06-01", db=db)
    assert _factor(plain, "patron_at_war")["values"]["p_war_elsewhere"] == 0.0
    war = _factor(fresh, "patron_at_war")
    assert war["values"]["p_war_elsewhere"] == 1.0
    (adj,) = war["adjustments"]
    assert adj["feature"] == "p_war_elsewhere" and "GEO" in adj["rule"] and adj["evidence"][0]["kind"] == "news"
    assert fresh["adjustments"] == [adj]
    assert fresh["probability"] < plain["probability"]     # a patron at war intervenes less


def test_one_article_or_low_confidence_changes_nothing(tmp_path: Path) -> None:
    db = _store(tmp_path / "s.duckdb", [("a1", "2013-05-01", "RUS", "GEO", "2013-04-30", 0.8),
                                        ("a2", "2013-05-02", "RUS", "GEO", "2013-04-30", 0.1)])
    r = assess_json("RUS", "ARM", "AZE", as_of="2013-06-01", db=db)
    war = _factor(r, "patron_at_war")
    assert war["values"]["p_war_elsewhere"] == 0.0 and not war["adjustments"]
    assert any(e["kind"] == "news" for e in war["evidence"])  # still shown as evidence


def test_unrecorded_attacks_on_the_client_lengthen_the_record(tmp_path: Path) -> None:
    db = _store(tmp_path / "s.duckdb", [("a1", "2012-08-01", "AZE", "ARM", "2012-07-20", 0.9),
                                        ("a2", "2012-08-03", "AZE", "ARM", "2012-07-20", 0.9)])
    plain = _factor(assess_json("RUS", "ARM", "AZE", as_of="2013-06-01", db=tmp_path / "none.duckdb"), "record")
    fresh = _factor(assess_json("RUS", "ARM", "AZE", as_of="2013-06-01", db=db), "record")
    assert fresh["values"]["pc_unanswered"] > plain["values"]["pc_unanswered"]
    assert fresh["adjustments"][0]["feature"] == "pc_unanswered" and "AZE 2012" in fresh["adjustments"][0]["rule"]


@pytest.mark.parametrize("pub", ["2013-07-01"])
def test_articles_published_after_the_as_of_date_are_ignored(tmp_path: Path, pub: str) -> None:
    db = _store(tmp_path / "s.duckdb", [("a1", pub, "RUS", "GEO", "2013-04-30", 0.8),
                                        ("a2", pub, "RUS", "GEO", "2013-04-30", 0.8)])
    r = assess_json("RUS", "ARM", "AZE", as_of="2013-06-01", db=db)
    assert r["news"]["articles"] == 0
    assert not [e for f in r["factors"] for e in f["evidence"] if e["kind"] == "news"]
