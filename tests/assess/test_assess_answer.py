"""The assessment a user gets: the seed question, the factor/evidence structure, dates, bad input."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from casus.assess.api import AssessInputError, ask_json, assess_json

SEED = Path(__file__).resolve().parents[2] / "src" / "casus" / "examples" / "seed_ar_russia_iran.txt"
SEED_QUESTION = "هل ستتدخل روسيا عسكريا إذا تعرضت إيران لهجوم جديد؟"


@pytest.fixture(scope="module")
def seed_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A temporary store holding the bundled seed article, ingested as published on 2025-03-01."""
    from casus.engines.local import ingest
    from casus.store.db import Store

    db = tmp_path_factory.mktemp("store") / "seed.duckdb"
    with Store(db) as store:
        ingest([SEED], store, pub_date="2025-03-01")
    return db


@pytest.fixture(scope="module")
def seed_answer(seed_db: Path) -> dict:
    return ask_json(SEED_QUESTION, as_of="2025-06-01", db=seed_db)


def _factor(result: dict, name: str) -> dict:
    return next(f for f in result["factors"] if f["name"] == name)


def _texts(factor: dict, kind: str | None = None) -> str:
    return "\n".join(e["text"] for e in factor["evidence"] if kind in (None, e["kind"]))


# ----------------------------------------------------------------------------- the seed question


def test_seed_question_gives_a_low_probability(seed_answer: dict) -> None:
    r = seed_answer
    assert (r["patron"], r["client"], r["attacker"], r["as_of"]) == ("RUS", "IRN", "ISR", "2025-06-01")
    assert r["probability"] < 0.1                       # the outcome in June 2025 was no intervention
    lo, hi = r["interval"]
    assert 0 <= lo <= r["probability"] <= hi < 0.2
    assert r["alternative_scale"]["probability"] < r["probability"]  # a limited strike draws even less
    assert r["estimative"]["en"] in ("almost no chance", "very unlikely")


def test_seed_attacker_comes_from_the_store_and_is_listed(seed_answer: dict) -> None:
    assert seed_answer["parsed"]["again"] is True
    assert "news store" in seed_answer["attacker_basis"]
    seen = {a["attacker"]: a for a in seed_answer["attackers_seen"]}
    assert seen["ISR"]["news_events"] >= 1 and seen["ISR"]["evidence"][0]["kind"] == "news"
    assert "ISR" in {a["attacker"] for a in seed_answer["per_attacker"]}


def test_seed_has_four_factors_with_the_evidence_an_analyst_expects(seed_answer: dict) -> None:
    with_evidence = [f for f in seed_answer["factors"] if f["evidence"]]
    assert len(with_evidence) >= 4

    treaty = _factor(seed_answer, "commitment")
    assert treaty["values"]["defense"] == 0.0 and treaty["direction"] == "lowers"
    assert "No mutual-defence clause" in _texts(treaty)
    assert "NOT yet in force on 2025-06-01" in _texts(treaty)
    assert "2025-10-02" not in _texts(treaty)           # not known on the as-of date
    assert any(e["source"].startswith("ATOP") for e in treaty["evidence"])

    record = _factor(seed_answer, "record")
    assert record["direction"] == "lowers"
    assert "ISR attacked IRN" in _texts(record, "reference")          # the 2024 strikes drew no Russian action
    assert any(e["date"].startswith("2024") for e in record["evidence"] if e["kind"] == "reference")
    assert "ISR→IRN ASSAULT" in _texts(record, "news")

    war = _factor(seed_answer, "patron_at_war")
    assert war["values"]["p_war_elsewhere"] == 1.0 and war["direction"] == "lowers"
    assert "rus-ukr-2022" in json.dumps(war["evidence"])
    assert "RUS→UKR ASSAULT" in _texts(war, "news")

    ties = _factor(seed_answer, "patron_attacker")
    assert "RUS–ISR" in _texts(ties, "reference") and "RUS" in _texts(ties, "news")
    escalation = _factor(seed_answer, "escalation")
    assert escalation["values"]["a_backed"] == 1.0
    assert "USA" in _texts(escalation)                  # the US fought for Israel in 2024


def test_news_evidence_points_to_the_article_sentence(seed_answer: dict) -> None:
    news = [e for f in seed_answer["factors"] for e in f["evidence"] if e["kind"] == "news"]
    assert news
    for e in news:
        assert e["source"] == "article seed_ar_russia_iran" and e["article"] == "seed_ar_russia_iran"
        assert "«" in e["text"] and e["date"] <= "2025-06-01"


def test_seed_shows_what_the_article_itself_estimates(seed_answer: dict) -> None:
    claims = seed_answer["source_claims"]
    assert any(c["phrase"] == "يبدو مستبعدا" and c["band"] == "very_unlikely" for c in claims)
    assert all("RUS" in c["states"] for c in claims)
    assert 0.05 <= seed_answer["source_claims_summary"]["median"] <= 0.35


# ---------------------------------------------------------------------------- structure


def test_json_fields_required_by_the_issue(seed_answer: dict) -> None:
    r = seed_answer
    for key in ("patron", "client", "attacker", "as_of", "probability", "interval", "base_rate", "factors",
                "source_claims", "model"):
        assert key in r
    assert 0 <= r["probability"] <= 1 and 0 < r["base_rate"] < 0.05
    for key in ("name", "version", "training_cases", "cv_brier"):
        assert key in r["model"]
    assert r["model"]["training_cases"] > 10_000
    for f in r["factors"]:
        assert {"name", "value", "effect", "evidence", "direction"} <= set(f)
        for e in f["evidence"]:
            assert e["kind"] in ("reference", "news") and e["text"] and e["source"]
            assert "date" in e
    json.dumps(r, ensure_ascii=False)  # serialisable as is


def test_factor_effects_add_up_to_the_probability(seed_answer: dict) -> None:
    import math

    logit = math.log(seed_answer["baseline"] / (1 - seed_answer["baseline"]))
    logit += sum(f["effect_log_odds"] for f in seed_answer["factors"])
    assert abs(1 / (1 + math.exp(-logit)) - seed_answer["probability"]) < 1e-3


def test_only_news_up_to_the_as_of_date_is_used(seed_db: Path) -> None:
    before = assess_json("RUS", "IRN", "ISR", as_of="2025-02-01", db=seed_db)  # the article is of 2025-03-01
    assert before["news"]["used"] and before["news"]["articles"] == 0
    assert not [e for f in before["factors"] for e in f["evidence"] if e["kind"] == "news"]
    assert before["source_claims"] == []


def test_without_a_store_reference_data_alone_are_used(tmp_path: Path) -> None:
    r = assess_json("RUS", "IRN", "ISR", as_of="2025-06-01", db=tmp_path / "missing.duckdb")
    assert r["news"]["used"] is False and "no news evidence used" in r["news"]["note"]
    assert r["probability"] < 0.1
    assert not (tmp_path / "missing.duckdb").exists()   # never created


def test_the_store_is_not_modified(seed_db: Path) -> None:
    digest = hashlib.sha256(seed_db.read_bytes()).hexdigest()
    assess_json("RUS", "IRN", None, as_of="2025-06-01", db=seed_db)
    assert hashlib.sha256(seed_db.read_bytes()).hexdigest() == digest


# ----------------------------------------------------------------------- reference data over time


def test_treaties_change_the_commitment_when_in_force(tmp_path: Path) -> None:
    db = tmp_path / "none.duckdb"
    def defence(p: str, c: str, on: str) -> float:
        return _factor(assess_json(p, c, None, as_of=on, db=db), "commitment")["values"]["defense"]
    assert defence("RUS", "PRK", "2024-06-01") == 0.0 and defence("RUS", "PRK", "2025-06-01") == 1.0
    assert defence("USA", "FIN", "2022-06-01") == 0.0 and defence("USA", "FIN", "2024-06-01") == 1.0
    assert defence("RUS", "IRN", "2025-11-01") == 0.0   # the 2025 treaty, in force, still has no defence clause
    later = _factor(assess_json("RUS", "IRN", "ISR", as_of="2025-11-01", db=db), "commitment")
    assert "in force since 2025-10-02" in _texts(later)


def test_defence_pact_and_war_raise_the_probability(tmp_path: Path) -> None:
    db = tmp_path / "none.duckdb"
    pact = assess_json("RUS", "PRK", "USA", as_of="2025-06-01", db=db)
    no_pact = assess_json("RUS", "PRK", "USA", as_of="2024-06-01", db=db)
    assert pact["probability"] > no_pact["probability"]
    strike = assess_json("RUS", "PRK", "USA", as_of="2025-06-01", db=db, scale="strike")
    assert strike["probability"] < pact["probability"]


# ---------------------------------------------------------------------------------- bad input


@pytest.mark.parametrize("kwargs, message", [
    ({"patron": "XXX", "client": "IRN"}, "unknown patron country code 'XXX'"),
    ({"patron": "RUS", "client": "IRN", "attacker": "QQQ"}, "unknown attacker country code 'QQQ'"),
    ({"patron": "RUS", "client": "RUS"}, "must be different"),
    ({"patron": "RUS", "client": "IRN", "as_of": "2025-13-01"}, "not a date"),
])
def test_bad_input_is_a_clear_error(kwargs: dict, message: str, tmp_path: Path) -> None:
    with pytest.raises(AssessInputError, match=message):
        assess_json(db=tmp_path / "none.duckdb", **kwargs)


def test_cli_bad_input_exits_2_with_one_line(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from casus.cli import app

    runner = CliRunner()
    for args in (["assess", "--patron", "XXX", "--client", "IRN"],
                 ["assess", "--patron", "RUS", "--client", "IRN", "--as-of", "June"],
                 ["ask", "Will anyone help?"]):
        res = runner.invoke(app, args + ["--db", str(tmp_path / "none.duckdb")])
        assert res.exit_code == 2, res.output
        assert len(res.output.strip().splitlines()) <= 3 and "error" in res.output


def test_cli_ask_json_matches_the_api(seed_db: Path) -> None:
    from typer.testing import CliRunner

    from casus.cli import app

    res = CliRunner().invoke(app, ["ask", SEED_QUESTION, "--db", str(seed_db), "--as-of", "2025-06-01", "--json"])
    assert res.exit_code == 0, res.output
    printed = json.loads(res.output)
    assert printed == ask_json(SEED_QUESTION, as_of="2025-06-01", db=seed_db)


def test_cli_assess_prints_factors_and_evidence(seed_db: Path) -> None:
    from typer.testing import CliRunner

    from casus.cli import app

    res = CliRunner().invoke(app, ["assess", "--patron", "RUS", "--client", "IRN", "--attacker", "ISR",
                                   "--as-of", "2025-06-01", "--db", str(seed_db)])
    assert res.exit_code == 0, res.output
    assert "probability of direct military intervention" in res.output
    assert "Alliance commitment" in res.output and "article seed_ar_russia_iran" in res.output
