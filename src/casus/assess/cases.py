"""Well-known historical cases asked through the assessor, scored against what happened.

`python -m casus.assess.cases` assesses every case in `data/cases.yaml` as of
the day of the attack (reference data only, no news store), compares the
probabilities with the outcomes (Brier score) and with two naive forecasts (the
base rate and the defence-pact-only rule), and writes the table into
docs/assess.md between the `cases` markers. For cases inside the dispute data
(to 2010) the model has seen the outcome, so the table also gives the
probability from the cross-validation model fitted without that case's era.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import yaml

from casus.assess.assess import assess
from casus.assess.features import FEATURES
from casus.assess.model import block_fits, brier, load_report

DOC = Path(__file__).resolve().parents[3] / "docs" / "assess.md"
MARKERS = {"cases": ("<!-- cases:start -->", "<!-- cases:end -->"),
           "model": ("<!-- model:start -->", "<!-- model:end -->")}


@dataclass(slots=True)
class Case:
    id: str
    patron: str
    client: str
    attacker: str
    as_of: str
    scale: str
    outcome: int
    in_training: bool
    ambiguous: bool
    note: str


@cache
def cases() -> list[Case]:
    path = resources.files("casus.assess") / "data" / "cases.yaml"
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]
    return [Case(r["id"], r["patron"], r["client"], str(r["attacker"]), str(r["as_of"]), r["scale"], int(r["outcome"]),
                 bool(r.get("in_training")), bool(r.get("ambiguous")), " ".join(str(r["note"]).split())) for r in raw]


def score(held_out: bool = True) -> dict[str, Any]:
    """Assess every case; return rows and Brier scores of the model and the two naive forecasts."""
    report = load_report()
    base, pact, other = report["base_rate"], report["defence_pact_rate"], report["other_rate"]
    blocks, fits = block_fits() if held_out else ([], [])
    rows = []
    for c in cases():
        r = assess(c.patron, c.client, c.attacker, as_of=c.as_of, db=None, scale=c.scale)
        x = np.array([[r["features"][k] for k in FEATURES]])
        year = date.fromisoformat(c.as_of).year
        p_held = None
        if held_out and c.in_training:
            g = next(i for i, (lo, hi) in enumerate(blocks) if lo <= year <= hi)
            p_held = float(fits[g].predict(x)[0])
        rows.append({"case": c, "p": r["probability"], "interval": r["interval"], "p_held": p_held,
                     "p_pact": pact if r["features"]["defense"] >= 0.5 else other, "defense": r["features"]["defense"],
                     "top": [f["name"] for f in r["factors"][:3]]})
    y = np.array([row["case"].outcome for row in rows], dtype=float)
    p = np.array([row["p"] for row in rows])
    p_hold = np.array([row["p_held"] if row["p_held"] is not None else row["p"] for row in rows])
    clear = np.array([not row["case"].ambiguous for row in rows])
    return {
        "rows": rows, "n": len(rows), "events": int(y.sum()),
        "brier": brier(p, y), "brier_held_out": brier(p_hold, y), "brier_base_rate": brier(np.full_like(y, base), y),
        "brier_defence_rule": brier(np.array([row["p_pact"] for row in rows]), y),
        "brier_unambiguous": brier(p[clear], y[clear]),
        "brier_base_rate_unambiguous": brier(np.full(int(clear.sum()), base), y[clear]),
        "base_rate": base,
    }


def markdown(s: dict[str, Any]) -> str:
    """The cases table and its scores as Markdown."""
    lines = [
        "| case | patron | client | attacker | as of | scale | outcome | P(model) | 80% interval | P(held-out era) |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for row in s["rows"]:
        c = row["case"]
        held = f"{100 * row['p_held']:.1f}%" if row["p_held"] is not None else "–"
        lo, hi = row["interval"]
        flag = " (ambiguous)" if c.ambiguous else ""
        lines.append(f"| {c.id}{flag} | {c.patron} | {c.client} | {c.attacker} | {c.as_of} | {c.scale} | {c.outcome} | "
                     f"{100 * row['p']:.1f}% | {100 * lo:.1f}–{100 * hi:.1f}% | {held} |")
    lines += [
        "",
        f"Brier score over the {s['n']} cases ({s['events']} interventions): **model {s['brier']:.3f}**, "
        f"with held-out-era probabilities for the cases inside the training period {s['brier_held_out']:.3f}; "
        f"base-rate forecast ({100 * s['base_rate']:.2f}%) {s['brier_base_rate']:.3f}; "
        f"defence-pact-only rule {s['brier_defence_rule']:.3f}. Without the ambiguous case: model "
        f"{s['brier_unambiguous']:.3f} vs base rate {s['brier_base_rate_unambiguous']:.3f}.",
        "",
        "Notes on the coding of each case:",
        "",
    ]
    lines += [f"* **{row['case'].id}**: {row['case'].note}" for row in s["rows"]]
    return "\n".join(lines)


def model_markdown(rep: dict[str, Any]) -> str:
    """The model report's headline figures as Markdown (the same numbers as `casus model report`)."""
    cv = rep["cv"]
    base_b, base_l = cv["brier_base_rate"], cv["log_loss_base_rate"]
    lines = [
        f"Model report ({rep['name']} v{rep['version']}, `casus model report`): **{rep['training_cases']:,} training "
        f"opportunities**, {rep['events']} interventions, **base rate {100 * rep['base_rate']:.2f}%** "
        f"({rep['years'][0]}–{rep['years'][1]}; defence-pact opportunities {100 * rep['defence_pact_rate']:.2f}%, "
        f"others {100 * rep['other_rate']:.2f}%).",
        "",
        "| cross-validated forecast (leave one era out) | Brier | ÷ base rate | log loss | ÷ base rate |",
        "|---|---|---|---|---|",
    ]
    for name, b, ll in (("model", cv["brier"], cv["log_loss"]), ("base rate", base_b, base_l),
                        ("defence-pact-only rule", cv["brier_defence_rule"], cv["log_loss_defence_rule"])):
        lines.append(f"| {name} | {b:.5f} | {b / base_b:.3f} | {ll:.4f} | {ll / base_l:.3f} |")
    ok = cv["brier"] <= rep["targets"]["brier_ratio_max"] * base_b
    lines += [
        "",
        f"Targets of the issue: CV Brier ≤ 0.8 × base-rate Brier — **{'met' if ok else 'not met'}** (ratio "
        f"{cv['brier'] / base_b:.3f}); calibration error ≤ 0.05 — **"
        f"{'met' if cv['calibration_error'] <= 0.05 else 'not met'}** ({cv['calibration_error']:.4f}, expected "
        f"calibration error over deciles; largest decile gap {cv['calibration_worst_bin']:.4f}). AUC {cv['auc']:.3f}.",
        "",
        f"Discrimination: the mean cross-validated forecast is {100 * cv['mean_forecast_events']:.2f}% for the "
        f"{rep['events']} interventions and {100 * cv['mean_forecast_non_events']:.2f}% for the other opportunities, "
        f"a gap of {100 * (cv['mean_forecast_events'] - cv['mean_forecast_non_events']):.1f} points; the Brier skill "
        f"of a calibrated forecast equals this gap, so a ratio of 0.8 needs about 20 points. "
        f"Scored on its own training data (no hold-out; an upper bound for these features, not a forecast score) "
        f"the final fit reaches a Brier ratio of {rep['in_sample']['brier_ratio']:.3f}.",
        "",
        "| decile | n | mean forecast | observed | events |",
        "|---|---|---|---|---|",
    ]
    lines += [f"| {i} | {r['n']} | {100 * r['mean_forecast']:.2f}% | {100 * r['observed']:.2f}% | {r['events']} |"
              for i, r in enumerate(cv["reliability"], 1)]
    lines += ["", "| feature | coefficient (log-odds per unit) | 80% bootstrap interval | odds ratio |",
              "|---|---|---|---|"]
    lines += [f"| {c['feature']} | {c['coef']:+.3f} | [{c['low']:+.2f}, {c['high']:+.2f}] | {c['odds_ratio']:.2f} |"
              for c in rep["coefficients"]]
    return "\n".join(lines)


def write_doc(sections: dict[str, str], doc: Path = DOC) -> None:
    """Replace the generated sections of docs/assess.md (between their markers)."""
    body = doc.read_text(encoding="utf-8")
    for name, text in sections.items():
        start, end = MARKERS[name]
        if start not in body or end not in body:
            raise SystemExit(f"{doc}: markers {start} … {end} not found")
        body = re.sub(re.escape(start) + ".*?" + re.escape(end), lambda _, t=text, s=start, e=end: f"{s}\n{t}\n{e}",
                      body, flags=re.S)
    doc.write_text(body, encoding="utf-8")


def main(argv: list[str] | None = None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    s = score()
    text = markdown(s)
    if "--print" in argv:
        print(text)
    else:
        write_doc({"cases": text, "model": model_markdown(load_report())})
        print(f"{DOC}: {s['n']} cases; Brier model {s['brier']:.3f} (held-out {s['brier_held_out']:.3f}) "
              f"vs base rate {s['brier_base_rate']:.3f} vs defence rule {s['brier_defence_rule']:.3f}")


if __name__ == "__main__":  # pragma: no cover
    main()
