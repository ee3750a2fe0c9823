"""The shipped model: reproducible from the package data, scored out of era, calibrated."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from casus.assess import model as m
from casus.assess.features import FEATURES
from casus.assess.training import build


@pytest.fixture(scope="module")
def training():
    return build()


@pytest.fixture(scope="module")
def shipped() -> dict:
    return json.loads((m.DATA_DIR / m.MODEL_FILE).read_text(encoding="utf-8"))


def test_shipped_model_is_refitted_exactly_from_package_data(training, shipped: dict) -> None:
    xs, ys, _, _ = training.matrix()
    x, y = np.array(xs), np.array(ys, dtype=float)
    assert (len(y), int(y.sum())) == (shipped["training_cases"], shipped["events"])
    from threadpoolctl import threadpool_limits

    with threadpool_limits(limits=1):
        fit = m._fit(x, y, m.config()["C"])
    raw = fit.coef / fit.scale
    assert np.allclose(raw, shipped["coef"], atol=1e-6)
    assert abs(fit.intercept - float(raw @ fit.mean) - shipped["intercept"]) < 1e-6
    assert shipped["features"] == list(FEATURES)


def test_training_set_is_rebuilt_identically(training, shipped: dict) -> None:
    # the fingerprint of every row, recorded when the shipped model was fitted
    assert training.fingerprint() == shipped["training_fingerprint"]


def test_fit_writes_byte_identical_files(training, tmp_path, monkeypatch) -> None:
    cfg = dict(m.config(), bootstrap=3)
    monkeypatch.setattr(m, "config", lambda: cfg)
    paths = []
    for name in ("a", "b"):
        model, report = m.fit_model(training)
        (tmp_path / name).mkdir()
        paths.append(m.save(model, report, tmp_path / name))
    for first, second in zip(*paths):
        assert first.read_bytes() == second.read_bytes()


def test_bootstrap_does_not_depend_on_parallelism(training) -> None:
    from threadpoolctl import threadpool_limits

    xs, ys, _, clusters = training.matrix()
    x, y = np.array(xs), np.array(ys, dtype=float)
    cfg = dict(m.config(), bootstrap=4)
    with threadpool_limits(limits=1):
        assert np.array_equal(m.bootstrap(x, y, clusters, cfg, jobs=1), m.bootstrap(x, y, clusters, cfg, jobs=2))


def test_report_scores_against_base_rate_and_defence_rule() -> None:
    rep = m.load_report()
    cv = rep["cv"]
    assert cv["brier"] < cv["brier_base_rate"] and cv["brier"] < cv["brier_defence_rule"]
    assert cv["log_loss"] < 0.9 * cv["log_loss_base_rate"]
    assert cv["calibration_error"] <= 0.05                       # the issue's calibration target
    assert len(cv["reliability"]) == 10 and sum(r["n"] for r in cv["reliability"]) == rep["training_cases"]
    assert [b["block"] for b in cv["blocks"]][0] == "1816–1869"    # grouped by era, not random
    assert {c["feature"] for c in rep["coefficients"]} == set(FEATURES)
    assert 0 < cv["mean_forecast_non_events"] < cv["mean_forecast_events"] < 1


@pytest.mark.xfail(strict=True, reason="issue 4 target CV Brier <= 0.8 x base rate is not met (ratio ~0.98) and is "
                                       "out of reach of these data even in sample (~0.96); see docs/assess.md, "
                                       "'Why the Brier target is not met'")
def test_brier_target_of_the_issue() -> None:
    cv = m.load_report()["cv"]
    assert cv["brier"] <= 0.8 * cv["brier_base_rate"]


def test_report_says_why_the_brier_target_is_out_of_reach(training) -> None:
    """The shipped report carries the bound behind the docs' explanation, and it is reproduced from the data."""
    from threadpoolctl import threadpool_limits

    rep = m.load_report()
    cv = rep["cv"]
    xs, ys, _, _ = training.matrix()
    x, y = np.array(xs), np.array(ys, dtype=float)
    with threadpool_limits(limits=1):
        fit = m._fit(x, y, m.config()["C"])
    ratio = m.brier(fit.predict(x), y) / m.brier(np.full_like(y, y.mean()), y)
    assert abs(ratio - rep["in_sample"]["brier_ratio"]) < 1e-6
    # even scored on its own training data the model is far from 0.8 × the base rate; out of era it does worse
    assert 0.8 < rep["in_sample"]["brier_ratio"] < cv["brier"] / cv["brier_base_rate"] < 1
    # the Brier skill of a calibrated forecast is the gap between its means for events and non-events: far below 0.2
    assert cv["mean_forecast_events"] - cv["mean_forecast_non_events"] < 0.1


def test_docs_attempts_table_starts_from_the_shipped_model() -> None:
    doc = (Path(__file__).resolve().parents[2] / "docs" / "assess.md").read_text(encoding="utf-8")
    rep = m.load_report()
    cv = rep["cv"]
    row = next(line for line in doc.splitlines() if line.startswith("| shipped: every opportunity |"))
    cells = [c.strip() for c in row.strip("|").split("|")]
    assert cells[1] == f"{rep['training_cases']:,}" and cells[2] == str(rep["events"])
    assert cells[4] == f"{cv['brier'] / cv['brier_base_rate']:.3f}"
    assert f"Brier ratio of {rep['in_sample']['brier_ratio']:.3f}" in doc


def test_attempted_features_read_only_what_was_known_before_the_attack() -> None:
    from datetime import date

    from casus.assess.attempts import History
    from casus.assess.datasets import ir_data

    h = History(ir_data())
    # the United Kingdom joined the Korean war dispute (GML 51) on 1950-06-28
    assert h.joins(200, date(1950, 7, 1), 10, "") - h.joins(200, date(1950, 7, 1), 10, "GML 51") == 1
    assert h.joins(200, date(1950, 6, 28), 10, "") == h.joins(200, date(1950, 6, 28), 10, "GML 51")


def test_the_model_learned_what_the_literature_expects() -> None:
    coef = {c["feature"]: c for c in m.load_report()["coefficients"]}
    for name in ("defense", "p_major", "rival_pa", "war", "pc_joined"):
        assert coef[name]["low"] > 0, name          # raise intervention, the whole bootstrap interval above 0
    for name in ("log_dist", "allied_pa", "p_war_elsewhere", "pc_unanswered"):
        assert coef[name]["high"] < 0, name


def test_cli_model_report_prints_the_figures() -> None:
    from typer.testing import CliRunner

    from casus.cli import app

    res = CliRunner().invoke(app, ["model", "report"], env={"COLUMNS": "160"})
    assert res.exit_code == 0, res.output
    for text in ("training cases", "base rate", "defence-pact-only rule", "log loss", "reliability", "coefficients",
                 "NOT met", "discrimination", "in sample"):
        assert text in res.output
