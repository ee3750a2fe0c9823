"""Terminal rendering of assessments and of the model report (rich)."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text


def pct(p: float | None, digits: int = 1) -> str:
    if p is None:
        return "–"
    return f"{100 * p:.{digits}f}%" if p >= 0.001 else f"{100 * p:.2f}%"


def print_assessment(r: dict[str, Any], console: Console, evidence_per_factor: int = 4) -> None:
    """The answer first, then why (factors with evidence), then what the sources say, then the model."""
    if "parsed" in r:
        p = r["parsed"]
        console.print(f"[dim]question ({p['lang']}):[/dim] {p['question']}")
        console.print(f"[dim]read as:[/dim] {r['command']}" + (f"  [dim]({'; '.join(p['notes'])})[/dim]"
                                                              if p["notes"] else ""))
    console.print(Text(r["question"], style="bold"))
    lo, hi = r["interval"]
    est = r["estimative"]
    console.print(f"  probability of direct military intervention: [bold]{pct(r['probability'])}[/bold] "
                  f"({int(100 * r['interval_level'])}% interval {pct(lo)}–{pct(hi)}) — {est['en']} / {est['ar']}")
    alt = r["alternative_scale"]
    console.print(f"  if the attack is {'a limited strike' if alt['scale'] == 'strike' else 'a full-scale war'}: "
                  f"{pct(alt['probability'])}   base rate {pct(r['base_rate'], 2)} of all training opportunities; "
                  f"as of {r['as_of']}")
    console.print(f"  attacker: {r['attacker_name']} ({r['attacker_basis']})")
    if r["per_attacker"]:
        console.print("  attackers seen against the client: " + ", ".join(
            f"{a['attacker']} {pct(a['probability'])}" for a in r["per_attacker"]))

    table = Table(title="factors (effect: change in probability vs the average training opportunity)",
                  title_justify="left", show_lines=False)
    for col, kw in (("factor", {}), ("value", {"max_width": 60}), ("effect", {"justify": "right"}),
                    ("log-odds", {"justify": "right"}), ("", {})):
        table.add_column(col, overflow="fold", **kw)
    for f in r["factors"]:
        style = "green" if f["direction"] == "raises" else "red" if f["direction"] == "lowers" else "dim"
        table.add_row(f["label"], f["value"], f"[{style}]{100 * f['effect']:+.2f} pp[/]",
                      f"[{style}]{f['effect_log_odds']:+.2f}[/]", f"[{style}]{f['direction']}[/]")
    console.print(table)
    for f in r["factors"]:
        if not f["evidence"] and not f["adjustments"]:
            continue
        console.print(f"[bold]{f['label']}[/bold] [dim]— {f['why']}[/dim]")
        for a in f["adjustments"]:
            console.print(f"  [yellow]news adjustment[/yellow] {a['feature']}: {a['from']:.2f} → {a['to']:.2f} "
                          f"({a['rule']})")
        for e in f["evidence"][:evidence_per_factor]:
            tag = "[cyan]news[/cyan]" if e["kind"] == "news" else "[magenta]ref[/magenta] "
            console.print(f"  {tag} {e.get('date') or '':10s} {e['text']}  [dim]({e['source']})[/dim]",
                          highlight=False, soft_wrap=True)
        hidden = len(f["evidence"]) - evidence_per_factor + f.get("evidence_not_listed", 0)
        if hidden > 0:
            console.print(f"  [dim]… {hidden} more (see --json)[/dim]")

    claims = r["source_claims"]
    if claims:
        t = Table(title="what the articles in the store estimate", title_justify="left")
        for col in ("date", "article", "phrase", "band", "range", "sentence"):
            t.add_column(col, overflow="fold", max_width=70 if col == "sentence" else None)
        for c in claims:
            rng = f"{pct(c['low'], 0)}–{pct(c['high'], 0)}" if c["low"] is not None else ""
            t.add_row(c["date"] or "", c["article"], c["phrase"], c["band"], rng, c["text"])
        console.print(t)
        s = r["source_claims_summary"]
        if s:
            console.print(f"  sources' median estimate {pct(s['median'], 0)} "
                          f"(range {pct(s['low'], 0)}–{pct(s['high'], 0)}, {s['n']} claims) "
                          f"vs model {pct(r['probability'])}")
    n = r["news"]
    console.print(f"[dim]news: {n['note']}" + (f" ({n['articles']} articles, {n['events']} events up to {r['as_of']})"
                                               if n["used"] else "") + "[/dim]")
    m = r["model"]
    console.print(f"[dim]model {m['name']} v{m['version']}: {m['training_cases']} training opportunities "
                  f"({m['events']} interventions, {m['years'][0]}–{m['years'][1]}); CV Brier {m['cv_brier']:.5f} vs "
                  f"base rate {m['cv_brier_base_rate']:.5f}; calibration error {m['calibration_error']:.4f}[/dim]")
    for c in r["caveats"]:
        console.print(f"[dim]• {c}[/dim]")


def print_report(rep: dict[str, Any], console: Console) -> None:
    """`casus model report`: data, out-of-era scores against two naive forecasts, calibration, coefficients."""
    cv = rep["cv"]
    console.print(Text(f"{rep['name']} v{rep['version']}", style="bold"))
    console.print(f"training cases: {rep['training_cases']} opportunities ({rep['disputes']} dispute sides, "
                  f"{rep['years'][0]}–{rep['years'][1]}), {rep['events']} interventions; "
                  f"base rate {pct(rep['base_rate'], 2)}")
    console.print(f"defence-pact opportunities: {rep['defence_pact_rows']} (intervention rate "
                  f"{pct(rep['defence_pact_rate'], 2)}); others {pct(rep['other_rate'], 2)}")
    console.print(f"joiners covered by the candidate set: {rep['joiners_covered']} of {rep['joiners_in_disputes']}")
    t = Table(title="cross-validation: leave one era out (time blocks, not random)", title_justify="left")
    for col in ("forecast", "Brier", "vs base rate", "log loss", "vs base rate "):
        t.add_column(col, justify="right" if col != "forecast" else "left")
    base_b, base_l = cv["brier_base_rate"], cv["log_loss_base_rate"]
    for name, b, ll in (("model", cv["brier"], cv["log_loss"]), ("base rate", base_b, base_l),
                        ("defence-pact-only rule", cv["brier_defence_rule"], cv["log_loss_defence_rule"])):
        t.add_row(name, f"{b:.5f}", f"{b / base_b:.3f}", f"{ll:.4f}", f"{ll / base_l:.3f}")
    console.print(t)
    target = rep["targets"]
    ok_b = cv["brier"] <= target["brier_ratio_max"] * base_b
    ok_c = cv["calibration_error"] <= target["calibration_error_max"]
    console.print(f"target CV Brier ≤ {target['brier_ratio_max']} × base rate: "
                  f"{'[green]met' if ok_b else '[red]NOT met'}[/] (ratio {cv['brier'] / base_b:.3f}); "
                  f"calibration error ≤ {target['calibration_error_max']}: "
                  f"{'[green]met' if ok_c else '[red]NOT met'}[/] ({cv['calibration_error']:.4f}); AUC {cv['auc']:.3f}")
    if "mean_forecast_events" in cv:
        gap = cv["mean_forecast_events"] - cv["mean_forecast_non_events"]
        console.print(f"discrimination: mean cross-validated forecast {pct(cv['mean_forecast_events'], 2)} for the "
                      f"{rep['events']} interventions vs {pct(cv['mean_forecast_non_events'], 2)} for the other "
                      f"opportunities, a gap of {100 * gap:.1f} points (the Brier skill of a calibrated forecast "
                      f"equals this gap: a ratio of {target['brier_ratio_max']} needs about "
                      f"{100 * (1 - target['brier_ratio_max']):.0f} points)")
    if "in_sample" in rep:
        console.print(f"in sample (the final fit scored on its own training data, an upper bound for these "
                      f"features, not a forecast score): Brier ratio {rep['in_sample']['brier_ratio']:.3f}")
    b = Table(title="per held-out era", title_justify="left")
    for col in ("era", "n", "events", "Brier", "base rate", "defence rule"):
        b.add_column(col, justify="right")
    for row in cv["blocks"]:
        b.add_row(row["block"], str(row["n"]), str(row["events"]), f"{row['brier']:.5f}",
                  f"{row['brier_base_rate']:.5f}", f"{row['brier_defence_rule']:.5f}")
    console.print(b)
    r = Table(title="reliability by decile of the cross-validated forecast", title_justify="left")
    for col in ("decile", "n", "forecast range", "mean forecast", "observed", "events"):
        r.add_column(col, justify="right")
    for i, row in enumerate(cv["reliability"], 1):
        r.add_row(str(i), str(row["n"]), f"{pct(row['p_min'], 2)}–{pct(row['p_max'], 2)}", pct(row["mean_forecast"], 2),
                  pct(row["observed"], 2), str(row["events"]))
    console.print(r)
    c = Table(title=f"coefficients (log-odds per unit; {int(100 * rep['config']['interval'])}% bootstrap interval "
                    "over resampled disputes)", title_justify="left")
    for col in ("feature", "coef", "interval", "odds ratio", "training mean"):
        c.add_column(col, justify="right" if col != "feature" else "left")
    for row in rep["coefficients"]:
        c.add_row(row["feature"], f"{row['coef']:+.3f}", f"[{row['low']:+.2f}, {row['high']:+.2f}]",
                  f"{row['odds_ratio']:.2f}", f"{row['mean']:.3f}")
    console.print(c)
