"""The intervention model: fit, score (time-block cross-validation), save, load, predict.

A penalised logistic regression on standardised features: interpretable (one
coefficient per factor, effects add on the log-odds scale), and well calibrated
for a rare outcome. It is scored only out of sample, by leaving out whole eras
(blocks in `data/model_config.yaml`), against the two forecasts an analyst would
otherwise use: the base rate, and a defence-pact-only rule (the join rate of
defence allies vs everyone else). A dispute-level bootstrap gives the interval.
Fitting is deterministic: same data, same config → byte-identical model file.
"""

from __future__ import annotations

import json
import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import yaml
from sklearn.linear_model import LogisticRegression

from casus.assess.features import FEATURES
from casus.assess.training import TrainingSet, build

DATA_DIR = Path(str(resources.files("casus.assess") / "data"))
MODEL_FILE = "model.json"
REPORT_FILE = "model_report.json"
EPS = 1e-6


@cache
def config() -> dict[str, Any]:
    return yaml.safe_load((DATA_DIR / "model_config.yaml").read_text(encoding="utf-8"))


# ---------------------------------------------------------------------- fitting


@dataclass(slots=True)
class Fit:
    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray        # on standardised features
    intercept: float

    def logit(self, x: np.ndarray) -> np.ndarray:
        return ((x - self.mean) / self.scale) @ self.coef + self.intercept

    def predict(self, x: np.ndarray) -> np.ndarray:
        return 1.0 / (1.0 + np.exp(-self.logit(x)))


def _fit(x: np.ndarray, y: np.ndarray, c: float) -> Fit:
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale == 0] = 1.0
    lr = LogisticRegression(C=c, solver="newton-cholesky", max_iter=100, tol=1e-7)
    lr.fit((x - mean) / scale, y)
    return Fit(mean, scale, lr.coef_[0].copy(), float(lr.intercept_[0]))


def _block(year: int, blocks: list[list[int]]) -> int:
    for i, (lo, hi) in enumerate(blocks):
        if lo <= year <= hi:
            return i
    raise ValueError(f"year {year} is in no cross-validation block")


def brier(p: np.ndarray, y: np.ndarray) -> float:
    return float(np.mean((p - y) ** 2))


def log_loss(p: np.ndarray, y: np.ndarray) -> float:
    p = np.clip(p, EPS, 1 - EPS)
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))


def reliability(p: np.ndarray, y: np.ndarray, bins: int) -> tuple[list[dict[str, float]], float, float]:
    """Calibration by decile of the forecast: rows, expected calibration error, largest bin gap."""
    order = np.argsort(p, kind="stable")
    rows = []
    ece = worst = 0.0
    for chunk in np.array_split(order, bins):
        if not len(chunk):
            continue
        mp, my = float(p[chunk].mean()), float(y[chunk].mean())
        rows.append({"n": int(len(chunk)), "p_min": float(p[chunk].min()), "p_max": float(p[chunk].max()),
                     "mean_forecast": mp, "observed": my, "events": int(y[chunk].sum())})
        ece += len(chunk) / len(p) * abs(mp - my)
        worst = max(worst, abs(mp - my))
    return rows, ece, worst


def cross_validate(x: np.ndarray, y: np.ndarray, years: np.ndarray, cfg: dict) -> tuple[dict[str, Any], np.ndarray]:
    """Leave-one-era-out forecasts of the model, the base rate and the defence-pact rule: scores, model forecasts."""
    blocks = cfg["blocks"]
    group = np.array([_block(int(yr), blocks) for yr in years])
    p_model = np.zeros(len(y))
    p_base = np.zeros(len(y))
    p_pact = np.zeros(len(y))
    d = x[:, FEATURES.index("defense")]
    per_block = []
    for g in range(len(blocks)):
        test, train = group == g, group != g
        if not test.any():
            continue
        fit = _fit(x[train], y[train], cfg["C"])
        p_model[test] = fit.predict(x[test])
        p_base[test] = y[train].mean()
        for v in (0.0, 1.0):
            sel = train & (d == v)
            p_pact[test & (d == v)] = y[sel].mean() if sel.any() else y[train].mean()
        per_block.append({"block": f"{blocks[g][0]}–{blocks[g][1]}", "n": int(test.sum()),
                          "events": int(y[test].sum()), "brier": brier(p_model[test], y[test]),
                          "brier_base_rate": brier(p_base[test], y[test]),
                          "brier_defence_rule": brier(p_pact[test], y[test])})
    rows, ece, worst = reliability(p_model, y, cfg["reliability_bins"])
    return {
        "brier": brier(p_model, y), "log_loss": log_loss(p_model, y),
        "brier_base_rate": brier(p_base, y), "log_loss_base_rate": log_loss(p_base, y),
        "brier_defence_rule": brier(p_pact, y), "log_loss_defence_rule": log_loss(p_pact, y),
        "brier_skill_vs_base_rate": 1 - brier(p_model, y) / brier(p_base, y),
        "calibration_error": ece, "calibration_worst_bin": worst, "reliability": rows, "blocks": per_block,
        "auc": _auc(p_model, y),
        # discrimination: for a calibrated forecast the Brier skill is about the gap between these two means
        "mean_forecast_events": float(p_model[y == 1].mean()),
        "mean_forecast_non_events": float(p_model[y == 0].mean()),
    }, p_model


def _auc(p: np.ndarray, y: np.ndarray) -> float:
    pos, neg = p[y == 1], p[y == 0]
    if not len(pos) or not len(neg):
        return float("nan")
    ranks = np.argsort(np.argsort(np.concatenate([pos, neg]), kind="stable"), kind="stable") + 1
    return float((ranks[: len(pos)].sum() - len(pos) * (len(pos) + 1) / 2) / (len(pos) * len(neg)))


def block_fits(training: TrainingSet | None = None) -> tuple[list[list[int]], list[Fit]]:
    """One fit per cross-validation era, each without that era (for honest held-out case probabilities)."""
    cfg = config()
    training = training or build()
    xs, ys, years, _ = training.matrix()
    x, y = np.array(xs, dtype=float), np.array(ys, dtype=float)
    group = np.array([_block(int(yr), cfg["blocks"]) for yr in years])
    return cfg["blocks"], [_fit(x[group != g], y[group != g], cfg["C"]) for g in range(len(cfg["blocks"]))]


def bootstrap(x: np.ndarray, y: np.ndarray, clusters: list[str], cfg: dict, jobs: int = 2) -> np.ndarray:
    """Coefficient draws (intercept first, raw feature scale) from refits on disputes resampled with replacement.

    The resamples are drawn up front from one seeded generator, so the draws are
    the same whatever the number of parallel jobs.
    """
    from joblib import Parallel, delayed

    rng = np.random.default_rng(cfg["seed"])
    keys = sorted(set(clusters))
    index: dict[str, list[int]] = {}
    for i, k in enumerate(clusters):
        index.setdefault(k, []).append(i)
    samples = []
    for _ in range(cfg["bootstrap"]):
        pick = rng.integers(0, len(keys), len(keys))
        rows = np.concatenate([index[keys[j]] for j in pick])
        if y[rows].sum() > 0:
            samples.append(rows)

    def one(rows: np.ndarray) -> np.ndarray:
        fit = _fit(x[rows], y[rows], cfg["C"])
        raw = fit.coef / fit.scale
        return np.concatenate([[fit.intercept - float(raw @ fit.mean)], raw])

    return np.array(Parallel(n_jobs=jobs, prefer="threads")(delayed(one)(rows) for rows in samples))


Progress = Callable[[str], None]


def fit_model(training: TrainingSet | None = None, progress: Progress | None = None) -> tuple[dict, dict]:
    """Fit, cross-validate and bootstrap; returns (model, report) as JSON-ready dicts.

    BLAS is held to one thread: these small problems run several times faster
    that way, and the bootstrap parallelises over refits instead.
    """
    from threadpoolctl import threadpool_limits

    with threadpool_limits(limits=1):
        return _fit_model(training, progress)


def _fit_model(training: TrainingSet | None, progress: Progress | None) -> tuple[dict, dict]:
    cfg = config()
    t0 = time.perf_counter()
    training = training or build()
    xs, ys, years, clusters = training.matrix()
    x, y, yr = np.array(xs, dtype=float), np.array(ys, dtype=float), np.array(years)
    if progress:
        progress(f"training set: {len(y)} opportunities, {int(y.sum())} interventions")
    cv, _ = cross_validate(x, y, yr, cfg)
    if progress:
        progress(f"cross-validated: Brier {cv['brier']:.5f} vs base rate {cv['brier_base_rate']:.5f}")
    fit = _fit(x, y, cfg["C"])
    raw = fit.coef / fit.scale
    intercept = fit.intercept - float(raw @ fit.mean)
    in_sample = brier(fit.predict(x), y)
    in_sample_base = brier(np.full_like(y, y.mean()), y)
    draws = bootstrap(x, y, clusters, cfg)
    if progress:
        progress(f"bootstrap: {len(draws)} refits")
    lo_q, hi_q = (1 - cfg["interval"]) / 2, 1 - (1 - cfg["interval"]) / 2
    coefs = []
    for i, name in enumerate(FEATURES):
        coefs.append({"feature": name, "coef": float(raw[i]), "coef_std": float(fit.coef[i]),
                      "odds_ratio": math.exp(float(raw[i])),
                      "low": float(np.quantile(draws[:, i + 1], lo_q)),
                      "high": float(np.quantile(draws[:, i + 1], hi_q)),
                      "mean": float(fit.mean[i]), "sd": float(fit.scale[i])})
    n_train = len(y)
    model = {
        "name": cfg["name"], "version": cfg["version"], "features": list(FEATURES),
        "intercept": intercept, "coef": [float(v) for v in raw], "mean": [float(v) for v in fit.mean],
        "bootstrap": [[round(float(v), 6) for v in row] for row in draws], "interval": cfg["interval"],
        "training_cases": n_train, "events": int(y.sum()), "base_rate": float(y.mean()),
        "training_fingerprint": training.fingerprint(),
        "cv_brier": cv["brier"], "cv_brier_base_rate": cv["brier_base_rate"],
        "cv_calibration_error": cv["calibration_error"], "years": [int(yr.min()), int(yr.max())],
        "label": "P took military action on C's side (GML highest action >= 7: show of force or more)",
    }
    pact = x[:, FEATURES.index("defense")] == 1
    report = {
        "name": cfg["name"], "version": cfg["version"], "training_cases": n_train, "events": int(y.sum()),
        "base_rate": float(y.mean()), "disputes": training.disputes, "years": model["years"],
        "training_fingerprint": model["training_fingerprint"],
        "joiners_in_disputes": training.joiners, "joiners_covered": training.joiners_covered,
        "defence_pact_rows": int(pact.sum()), "defence_pact_rate": float(y[pact].mean()) if pact.any() else None,
        "other_rate": float(y[~pact].mean()),
        "cv": cv, "coefficients": coefs,
        # the final model scored on its own training data: not a forecast score, an upper bound for these features
        "in_sample": {"brier": in_sample, "brier_base_rate": in_sample_base, "brier_ratio": in_sample / in_sample_base},
        "config": cfg, "fit_seconds": None,
        "targets": {"brier_ratio_max": 0.8, "calibration_error_max": 0.05},
    }
    report["fit_seconds"] = round(time.perf_counter() - t0, 1)
    return model, report


def save(model: dict, report: dict, directory: Path = DATA_DIR) -> tuple[Path, Path]:
    """Write the model and report files (sorted keys, fixed float precision: reproducible bytes)."""
    m, r = directory / MODEL_FILE, directory / REPORT_FILE
    report = {k: v for k, v in report.items() if k != "fit_seconds"}
    m.write_text(json.dumps(_round(model), indent=1, sort_keys=True) + "\n", encoding="utf-8")
    r.write_text(json.dumps(_round(report), indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
    return m, r


def _round(obj: Any) -> Any:
    if isinstance(obj, float):
        return round(obj, 8) if math.isfinite(obj) else None
    if isinstance(obj, dict):
        return {k: _round(v) for k, v in obj.items()}
    if isinstance(obj, list):
        return [_round(v) for v in obj]
    return obj


# -------------------------------------------------------------------- predicting


@dataclass(frozen=True, slots=True)
class Model:
    """The fitted model as shipped in the package."""

    name: str
    version: str
    features: tuple[str, ...]
    intercept: float
    coef: dict[str, float]
    mean: dict[str, float]
    draws: np.ndarray
    interval: float
    meta: dict[str, Any]

    def logit(self, values: dict[str, float]) -> float:
        return self.intercept + sum(self.coef[k] * values[k] for k in self.features)

    def probability(self, values: dict[str, float]) -> float:
        return _sigmoid(self.logit(values))

    def interval_of(self, values: dict[str, float], shift: float = 0.0) -> tuple[float, float]:
        """Bootstrap interval of the probability (each refit applied to the same situation)."""
        v = np.array([1.0] + [values[k] for k in self.features])
        ps = 1.0 / (1.0 + np.exp(-(self.draws @ v + shift)))
        a = (1 - self.interval) / 2
        return float(np.quantile(ps, a)), float(np.quantile(ps, 1 - a))

    def contributions(self, values: dict[str, float]) -> dict[str, float]:
        """Each feature's push on the log-odds relative to the average training opportunity."""
        return {k: self.coef[k] * (values[k] - self.mean[k]) for k in self.features}

    def baseline_logit(self) -> float:
        """The log-odds of the average opportunity (all features at their training means)."""
        return self.intercept + sum(self.coef[k] * self.mean[k] for k in self.features)


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-z)) if z > -700 else 0.0


class ModelMissing(RuntimeError):
    """No fitted model in the package: run `casus model fit`."""


@cache
def load_model(path: str | None = None) -> Model:
    p = Path(path) if path else DATA_DIR / MODEL_FILE
    if not p.exists():
        raise ModelMissing(f"{p}: no fitted model (run `casus model fit`)")
    m = json.loads(p.read_text(encoding="utf-8"))
    feats = tuple(m["features"])
    if feats != FEATURES:
        raise ModelMissing(f"{p}: fitted for features {feats}, code expects {FEATURES} (run `casus model fit`)")
    return Model(m["name"], m["version"], feats, m["intercept"], dict(zip(feats, m["coef"])),
                 dict(zip(feats, m["mean"])), np.array(m["bootstrap"]), m["interval"], m)


@cache
def load_report(path: str | None = None) -> dict:
    p = Path(path) if path else DATA_DIR / REPORT_FILE
    if not p.exists():
        raise ModelMissing(f"{p}: no model report (run `casus model fit`)")
    return json.loads(p.read_text(encoding="utf-8"))
