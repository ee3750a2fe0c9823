"""Reproduce the attempts to reach the issue's Brier target (docs/assess.md, "Why the Brier target is not met").

`python -m casus.assess.attempts [--shared /path/to/shared/data/ir]` rebuilds the
training opportunities exactly as `casus model fit` does, adds every population
restriction and candidate feature that was tried, and scores each variant with
the shipped model's own leave-one-era-out cross-validation (same eras, same
L2-penalised logistic regression; the shipped penalty C = 0.03, and the best of
C ∈ {0.01, 0.03, 0.1}, which flatters the variants). It prints a Markdown table
and the bounds quoted in the docs. Every added feature is computed from what
was known before the attack (disputes that started earlier, joins made
earlier), never from the dispute's own joiners. With `--shared`, two attempts
that need files not shipped in the package are added: fatal disputes only (GML
dispute-level fatality, itself partly an outcome) and the Berkemeier & Fuhrmann
alliance-in-war cases as a second population. A maintainer tool: about a minute
on two cores; nothing in the package or the tests depends on it.
"""

from __future__ import annotations

import csv
import math
import sys
from collections import defaultdict
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import numpy as np

from casus.assess.datasets import IRData, ir_data
from casus.assess.facts import Clash, Facts, _d, years_before
from casus.assess.features import FEATURES, Situation, compute
from casus.assess.model import _auc, _fit, brier, config, cross_validate, log_loss, reliability
from casus.assess.training import candidates, pick_client

Row = dict[str, Any]
PENALTIES = (0.01, 0.03, 0.1)


# ------------------------------------------------------------------ the rows


def opportunities(data: IRData, facts: Facts) -> list[Row]:
    """The training opportunities of `training.build`, keeping the dispute side they come from."""
    rows = []
    for cl in facts.clashes:
        for p in candidates(data, cl):
            c = pick_client(data, p, cl)
            s = Situation(p, c, cl.attackers, cl.start, war=cl.war, exclude=frozenset({cl.dispute}), first=cl.first)
            rows.append({"clash": cl, "p": p, "c": c, "y": int(p in cl.joined_early), "year": cl.start.year,
                         **compute(facts, s).values})
    return rows


class History:
    """What each state did in earlier disputes (GML participants), read only before a date."""

    def __init__(self, data: IRData) -> None:
        self.data = data
        self.parts = data.by_state

    def _mine(self, s: int, dispute: str) -> list:
        return [q for q in self.parts.get(s, ()) if f"GML {q.dispnum}" != dispute]

    def joins(self, p: int, on: date, years: int, dispute: str) -> int:
        """Disputes p joined (not an original party, show of force or more) in the `years` before `on`."""
        since = years_before(on, years)
        return sum(1 for q in self._mine(p, dispute) if not q.orig and q.hiact >= 7 and since <= _d(q.start) < on)

    def together(self, p: int, c: int, on: date, years: int | None, dispute: str, same: bool = True) -> int:
        """Disputes with p and c on the same (or opposite) sides: begun in the last `years`, or (None) under way."""
        theirs = {q.dispnum: q for q in self._mine(c, dispute)}
        since = years_before(on, years) if years else None
        n = 0
        for q in self._mine(p, dispute):
            r = theirs.get(q.dispnum)
            if r is None or (r.side_a == q.side_a) != same:
                continue
            start, end = max(_d(q.start), _d(r.start)), min(_d(q.end), _d(r.end))
            n += (since <= start < on) if since else (start < on <= end)
        return n

    def side_joins(self, s: int, on: date, years: int, dispute: str, against: bool) -> int:
        """States that joined against s (or on its side) in its disputes of the last `years`, before `on`."""
        since = years_before(on, years)
        n = 0
        for q in self._mine(s, dispute):
            if not since <= _d(q.start) < on:
                continue
            for o in self.data.by_dispute[q.dispnum]:
                if not o.orig and o.hiact >= 7 and _d(o.start) < on and (o.side_a != q.side_a) == against:
                    n += 1
        return n

    def foes_now(self, attackers: tuple[int, ...], on: date, dispute: str) -> set[int]:
        """States fighting (attack or more) an attacker on `on`, in another dispute."""
        out = set()
        for a in attackers:
            for q in self._mine(a, dispute):
                if _d(q.start) <= on <= _d(q.end):
                    out |= {o.ccode for o in self.data.by_dispute[q.dispnum]
                            if o.side_a != q.side_a and o.hiact >= 16 and _d(o.start) <= on <= _d(o.end)}
        return out


def add_features(rows: list[Row], data: IRData, facts: Facts) -> None:
    """Every candidate feature that was tried, each knowable before the attack."""
    h = History(data)
    members: dict[int, list[tuple[int, int, int, dict[str, str]]]] = defaultdict(list)
    for c, lst in data.members.items():
        for atopid, s, e, row in lst:
            members[atopid].append((c, s, e, row))
    for r in rows:
        cl: Clash = r["clash"]
        p, c, on, y, k = r["p"], r["c"], cl.start, cl.start.year, cl.dispute
        att, targets = cl.attackers, cl.targets
        parts = data.by_dispute[int(k[4:])]
        r["a_hiact"] = max(q.hiact for q in parts if q.ccode in att and q.orig)
        r["p_joins10"] = math.log1p(h.joins(p, on, 10, k))
        r["p_joins25"] = math.log1p(h.joins(p, on, 25, k))
        r["pa_opp10"] = float(any(h.together(p, a, on, 10, k, same=False) for a in att))
        r["pa_opp25"] = math.log1p(sum(h.together(p, a, on, 25, k, same=False) for a in att))
        r["pc_same25"] = math.log1p(h.together(p, c, on, 25, k))
        r["pc_same_any"] = float(any(h.together(p, t, on, 25, k) for t in targets))
        r["pa_now"] = float(any(h.together(p, a, on, None, k, same=False) for a in att))
        foes = h.foes_now(att, on, k)
        r["a_foes_now"], r["p_vs_a_now"] = math.log1p(len(foes)), float(p in foes)
        r["pc_cofight_now"] = float(any(h.together(p, t, on, None, k) for t in targets))
        r["pc_cofight5"] = float(any(h.together(p, t, on, 5, k) for t in targets))
        r["a_opposed10"] = math.log1p(sum(h.side_joins(a, on, 10, k, True) for a in att))
        r["a_opposed25"] = math.log1p(sum(h.side_joins(a, on, 25, k, True) for a in att))
        r["c_helped10"] = math.log1p(sum(h.side_joins(t, on, 10, k, False) for t in targets))
        r["c_helped25"] = math.log1p(sum(h.side_joins(t, on, 25, k, False) for t in targets))
        r["c_major"] = float(facts.is_major(c, y))
        r["n_targets"], r["n_attackers"] = float(len(targets) > 1), float(len(att) > 1)
        pool = candidates(data, cl)
        defenders = [q for q in pool if any((s := data.alliance(q, t, y)) and s.defense for t in targets)]
        r["log_ndef"] = math.log1p(len(defenders))
        r["lead_def"] = float(bool(defenders) and p == max(defenders, key=lambda q: (data.cinc_of(q, y) or 0, -q)))
        size, offense = 99, 0.0
        for t in targets:
            for pr in data.provisions(p, t, y):
                row = next(rr for m, _, _, rr in members[pr.atopid] if m == p)
                if pr.defense or row.get("offense") == "1":
                    yy = min(y, data.members_last)
                    size = min(size, len({m for m, s, e, _ in members[pr.atopid] if s <= yy <= e}))
                    offense = max(offense, float(row.get("offense") == "1"))
        r["def_bilat"], r["def_small"], r["offense_pc"] = float(size == 2), float(size <= 4), offense
        for name, (u, v) in {"def_pmaj": ("defense", "p_major"), "def_war": ("defense", "war"),
                             "maj_war": ("p_major", "war"), "def_cmaj": ("defense", "c_major"),
                             "riv_war": ("rival_pa", "war"), "def_riv": ("defense", "rival_pa")}.items():
            r[name] = r[u] * r[v]
    _past_rates(rows)


def _past_rates(rows: list[Row], prior: float = 0.006, weight: float = 20.0) -> None:
    """Log join rate of earlier opportunities with the same patron, client, pair or attacker (shrunk to `prior`),
    counting only opportunities whose year-long outcome window had closed."""
    keys: dict[str, Callable[[Row], Any]] = {"rate_p": lambda r: r["p"], "rate_c": lambda r: r["c"],
                                             "rate_pc": lambda r: (r["p"], r["c"]),
                                             "rate_a": lambda r: r["clash"].attackers}
    seen: dict[str, dict[Any, list[int]]] = {k: defaultdict(lambda: [0, 0]) for k in keys}
    order = sorted(range(len(rows)), key=lambda i: (rows[i]["clash"].start, rows[i]["clash"].key, rows[i]["p"]))
    done = 0
    for i in order:
        on = rows[i]["clash"].start
        while done < len(order) and rows[order[done]]["clash"].start + timedelta(days=365) < on:
            old = rows[order[done]]
            for k, f in keys.items():
                s = seen[k][f(old)]
                s[0] += old["y"]
                s[1] += 1
            done += 1
        for k, f in keys.items():
            j, n = seen[k][f(rows[i])]
            rows[i][k] = math.log((j + weight * prior) / (n + weight))


# ------------------------------------------------------------------ scoring


def score(rows: list[Row], features: list[str]) -> dict[str, Any]:
    """Leave-one-era-out scores at the shipped penalty, and the best Brier ratio over PENALTIES."""
    x = np.array([[r[k] for k in features] for r in rows], dtype=float)
    y = np.array([r["y"] for r in rows], dtype=float)
    years = np.array([r["year"] for r in rows])
    out: dict[float, dict[str, Any]] = {}
    for c in PENALTIES:
        cv, _ = cross_validate(x, y, years, dict(config(), C=c))
        out[c] = cv
    shipped = out[config()["C"]]
    return {"n": len(y), "events": int(y.sum()), "rate": float(y.mean()),
            "ratio": shipped["brier"] / shipped["brier_base_rate"],
            "best_ratio": min(v["brier"] / v["brier_base_rate"] for v in out.values()),
            "log_loss_ratio": shipped["log_loss"] / shipped["log_loss_base_rate"], "auc": shipped["auc"],
            "calibration_error": shipped["calibration_error"]}


POPULATIONS: list[tuple[str, Callable[[Row], bool]]] = [
    ("shipped: every opportunity", lambda r: True),
    ("client an original target (GML side B) only", lambda r: not r["c_first"]),
    ("attacker's action an attack or more (GML ≥ 16)", lambda r: r["a_hiact"] >= 16),
    ("war scale only", lambda r: r["war"] == 1),
    ("strike scale only", lambda r: r["war"] == 0),
    ("plausible patrons only (defence/offence ally, major power, neighbour)",
     lambda r: bool(r["defense"] or r["offense_pc"] or r["p_major"] or r["contig_pc"])),
    ("patron not already fighting beside the client or against the attacker",
     lambda r: not (r["pc_cofight_now"] or r["p_fighting_a"])),
    ("major-power patrons only", lambda r: r["p_major"] == 1),
    ("defence allies only", lambda r: r["defense"] == 1),
    ("side B + attack ≥ 16 + plausible + not already fighting",
     lambda r: not r["c_first"] and r["a_hiact"] >= 16 and not (r["pc_cofight_now"] or r["p_fighting_a"])
     and bool(r["defense"] or r["offense_pc"] or r["p_major"] or r["contig_pc"])),
    ("war-scale defence allies only", lambda r: r["war"] == 1 and r["defense"] == 1),
]

FEATURE_GROUPS: list[tuple[str, list[str]]] = [
    ("patron's joins in the last 10 and 25 years", ["p_joins10", "p_joins25"]),
    ("patron and attacker on opposite sides in the last 10/25 years", ["pa_opp10", "pa_opp25"]),
    ("patron and client on the same side in the last 25 years", ["pc_same25", "pc_same_any"]),
    ("patron in a dispute with the attacker now; the attacker's current foes", ["pa_now", "a_foes_now", "p_vs_a_now"]),
    ("patron fighting beside the client now / in the last 5 years", ["pc_cofight_now", "pc_cofight5"]),
    ("interactions (defence × major, defence × war, major × war, defence × client major, rivalry × war, "
     "defence × rivalry)", ["def_pmaj", "def_war", "maj_war", "def_cmaj", "riv_war", "def_riv"]),
    ("client's number of defence allies, strongest ally, bilateral/small pact, offence pact, client major, "
     "several targets/attackers", ["log_ndef", "lead_def", "def_bilat", "def_small", "offense_pc", "c_major",
                                   "n_targets", "n_attackers"]),
    ("coalitions drawn by the attacker and the client in the last 10/25 years",
     ["a_opposed10", "a_opposed25", "c_helped10", "c_helped25"]),
    ("past join rates of the same patron, client, pair and attacker", ["rate_p", "rate_c", "rate_pc", "rate_a"]),
]


def bounds(rows: list[Row]) -> dict[str, float]:
    """What no honest forecast can beat here: the shipped features scored on their own training data, and a
    forecast that peeks at whether the *other* candidates of the same dispute side joined."""
    x = np.array([[r[k] for k in FEATURES] for r in rows], dtype=float)
    y = np.array([r["y"] for r in rows], dtype=float)
    base = brier(np.full_like(y, y.mean()), y)
    in_sample = brier(_fit(x, y, config()["C"]).predict(x), y) / base
    sides: dict[str, list[int]] = defaultdict(list)
    for i, r in enumerate(rows):
        sides[r["clash"].key].append(i)
    peers = np.full_like(y, y.mean())
    for idx in sides.values():
        if len(idx) > 1:
            total = y[idx].sum()
            peers[idx] = (total - y[idx]) / (len(idx) - 1)
    return {"in_sample": in_sample, "peers": brier(peers, y) / base}


def other_models(rows: list[Row], extra: list[str]) -> list[tuple[str, dict[str, Any]]]:
    """Two scale-specific logits (war, strike) scored together, and gradient boosting (not interpretable)."""
    from sklearn.ensemble import HistGradientBoostingClassifier

    blocks = config()["blocks"]
    y = np.array([r["y"] for r in rows], dtype=float)
    group = np.array([next(i for i, (lo, hi) in enumerate(blocks) if lo <= r["year"] <= hi) for r in rows])
    war = np.array([r["war"] for r in rows])
    x = np.array([[r[k] for k in FEATURES if k != "war"] for r in rows], dtype=float)
    xa = np.array([[r[k] for k in list(FEATURES) + extra] for r in rows], dtype=float)
    base, two, boost = np.zeros_like(y), np.zeros_like(y), np.zeros_like(y)
    for g in range(len(blocks)):
        test, train = group == g, group != g
        base[test] = y[train].mean()
        for s in (0, 1):
            fit = _fit(x[train & (war == s)], y[train & (war == s)], config()["C"])
            two[test & (war == s)] = fit.predict(x[test & (war == s)])
        gb = HistGradientBoostingClassifier(max_iter=200, learning_rate=0.05, max_leaf_nodes=8, min_samples_leaf=40,
                                            l2_regularization=1.0, random_state=0)
        boost[test] = gb.fit(xa[train], y[train]).predict_proba(xa[test])[:, 1]
    out = []
    for name, p in (("two logits, one per scale (war, strike), scored together", two),
                    ("gradient boosting on all features (not interpretable)", boost)):
        out.append((name, {"n": len(y), "events": int(y.sum()), "rate": float(y.mean()),
                           "ratio": brier(p, y) / brier(base, y), "best_ratio": float("nan"),
                           "log_loss_ratio": log_loss(p, y) / log_loss(base, y), "auc": _auc(p, y),
                           "calibration_error": reliability(p, y, 10)[1]}))
    return out


# ------------------------------------------------------------ shared-folder attempts


def fatal_only(rows: list[Row], shared: Path) -> dict[str, Any]:
    fatal = {}
    with (shared / "peacesciencer" / "gml_mid_disps.csv").open(encoding="utf-8") as fh:
        for rec in csv.DictReader(fh):
            if rec["fatality"] not in ("", "NA"):
                fatal[int(float(rec["dispnum"]))] = int(float(rec["fatality"]))
    return score([r for r in rows if fatal.get(int(r["clash"].dispute[4:]), -9) >= 1], list(FEATURES))


def _num(v: str, default: float = 0.0) -> float:
    return float(v) if v not in ("", "NA") else default


def bf_population(shared: Path) -> list[tuple[str, dict[str, Any]]]:
    """Berkemeier & Fuhrmann (2018) alliance × war cases with a defence or offence obligation, LLM coding."""
    def day(y: str, m: str, d: str) -> int:
        return int(_num(y)) * 10000 + int(_num(m, 1)) * 100 + int(_num(d, 1))

    wars: dict[int, int] = {}
    with (shared / "wars_disputes_capabilities" / "interstate-war-rev.csv").open(encoding="utf-8") as fh:
        for rec in csv.DictReader(fh):
            key, when = int(_num(rec["larger_war_id"])), day(rec["year"], rec["month_entry"], rec["day_entry"])
            wars[key] = min(wars.get(key, when), when)
    with (shared / "atop_v4" / "atop-alliance-level.csv").open(encoding="utf-8") as fh:
        signed = {int(_num(r["atopid"])): day(r["begyr"], r["begmo"], r["begday"]) for r in csv.DictReader(fh)}
    cases = []
    with (shared / "alliance_reliability" / "BerkemeierFuhrmannRAP2018_0303.csv").open(encoding="utf-8") as fh:
        for rec in csv.DictReader(fh):
            start = wars.get(int(_num(rec["warid"])))
            if _num(rec["dnaLLM"]) == 1 or not (_num(rec["defense"]) or _num(rec["offense"])) or start is None:
                continue
            cases.append({"year": start // 10000, "y": int(_num(rec["honorLLM"]) == 1),
                          "prewar": signed.get(int(_num(rec["atopid"])), 0) < start,
                          "post1945": float(start // 10000 >= 1946), "offense": _num(rec["offense"]),
                          "multilateral": _num(rec["multilateral"])})
    out = []
    for name, sel in (("second population: B&F alliance × war cases with a defence/offence obligation (LLM coding; "
                       "post-1945, offence, multilateral; C = 1)", lambda r: True),
                      ("… the same, alliances signed before the war began only", lambda r: r["prewar"])):
        rs = [r for r in cases if sel(r)]
        x = np.array([[r["post1945"], r["offense"], r["multilateral"]] for r in rs])
        y = np.array([r["y"] for r in rs], dtype=float)
        blocks = config()["blocks"]
        group = np.array([next(i for i, (lo, hi) in enumerate(blocks) if lo <= r["year"] <= hi) for r in rs])
        p, base = np.zeros_like(y), np.zeros_like(y)
        for g in range(len(blocks)):
            if (group == g).any():
                p[group == g] = _fit(x[group != g], y[group != g], 1.0).predict(x[group == g])
                base[group == g] = y[group != g].mean()
        rng = np.random.default_rng(0)   # the decile calibration error of a perfectly calibrated forecast, by chance
        chance = float(np.mean([reliability(p, (rng.random(len(p)) < p).astype(float), 10)[1] for _ in range(1000)]))
        out.append((name, {"n": len(y), "events": int(y.sum()), "rate": float(y.mean()),
                           "ratio": brier(p, y) / brier(base, y), "best_ratio": float("nan"),
                           "log_loss_ratio": log_loss(p, y) / log_loss(base, y), "auc": _auc(p, y),
                           "calibration_error": reliability(p, y, 10)[1], "chance_calibration_error": chance}))
    return out


# ------------------------------------------------------------------ main


def table(results: list[tuple[str, dict[str, Any]]]) -> str:
    lines = ["| attempt | opportunities | interventions | base rate | CV Brier ÷ base rate (C = 0.03) "
             "| best of 3 penalties | log loss ÷ base rate | AUC | calibration error |",
             "|---|---|---|---|---|---|---|---|---|"]
    for name, s in results:
        best = "–" if math.isnan(s["best_ratio"]) else f"{s['best_ratio']:.3f}"
        lines.append(f"| {name} | {s['n']:,} | {s['events']} | {100 * s['rate']:.2f}% | {s['ratio']:.3f} | {best} | "
                     f"{s['log_loss_ratio']:.3f} | {s['auc']:.3f} | {s['calibration_error']:.4f} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    from threadpoolctl import threadpool_limits

    argv = sys.argv[1:] if argv is None else argv
    shared = Path(argv[argv.index("--shared") + 1]) if "--shared" in argv else None
    data = ir_data()
    facts = Facts(data, reference=None, explain=False)
    rows = opportunities(data, facts)
    add_features(rows, data, facts)
    results: list[tuple[str, dict[str, Any]]] = []
    with threadpool_limits(limits=1):
        for name, sel in POPULATIONS:
            results.append((name, score([r for r in rows if sel(r)], list(FEATURES))))
            print(f"… {name}", file=sys.stderr)
        if shared:
            results.append(("fatal disputes only (GML fatality ≥ 1: partly an outcome)", fatal_only(rows, shared)))
        extra: list[str] = []
        for name, feats in FEATURE_GROUPS:
            results.append(("+ " + name, score(rows, list(FEATURES) + feats)))
            extra += feats
            print(f"… {name}", file=sys.stderr)
        results.append(("+ all of the above", score(rows, list(FEATURES) + extra)))
        results.append(("war scale only, + all of the above",
                        score([r for r in rows if r["war"] == 1], list(FEATURES) + extra)))
        results += other_models(rows, extra)
        if shared:
            results += bf_population(shared)
        b = bounds(rows)
    print(table(results))
    for name, s in results:
        if "chance_calibration_error" in s:
            print(f"\n{name}: a perfectly calibrated forecast of {s['n']} cases would show a decile calibration error "
                  f"of {s['chance_calibration_error']:.3f} on average by chance alone.")
    print(f"\nBounds: the shipped features scored on their own training data (no hold-out): Brier ÷ base rate "
          f"{b['in_sample']:.3f}; a forecast equal to the share of the *other* candidates of the same dispute side "
          f"that joined (it peeks at outcomes): {b['peers']:.3f}.")


if __name__ == "__main__":  # pragma: no cover
    main()
