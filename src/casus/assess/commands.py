"""CLI commands of the assessment stage: ask, assess, model fit/report.

Thin wrappers over `casus.assess.api` and `casus.assess.model`: parse options,
turn bad input into a one-line error with exit status 2, print JSON or tables.
"""

from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, Optional

import typer
from rich.console import Console

console = Console()
err_console = Console(stderr=True)

model_app = typer.Typer(no_args_is_help=True, help="Fit and inspect the intervention model.")


class Scale(str, Enum):
    war = "war"
    strike = "strike"


DbOpt = Annotated[Optional[Path], typer.Option("--db", help="DuckDB store (default: $CASUS_DB or ./casus.duckdb); "
                                                            "without one, reference data alone are used.")]
AsOfOpt = Annotated[Optional[str], typer.Option("--as-of", help="Assess as of this date (YYYY-MM-DD; default today). "
                                                                "Only news up to it is used.")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print the assessment as JSON.")]
ScaleOpt = Annotated[Scale, typer.Option("--scale", help="The attack: a full-scale war, or a limited strike.")]


def _fail(message: str, code: int = 2) -> None:
    err_console.print(f"[red]error[/red] {message}", highlight=False, soft_wrap=True)
    raise typer.Exit(code)


def _emit(result: dict[str, Any], as_json: bool) -> None:
    if as_json:
        sys.stdout.write(json.dumps(result, ensure_ascii=False, indent=1) + "\n")
    else:
        from casus.assess.render import print_assessment

        print_assessment(result, console)


def register(app: typer.Typer) -> None:
    """Add the assessment commands to the casus CLI."""

    @app.command()
    def ask(
        question: Annotated[str, typer.Argument(
            help="e.g. \"Would Russia intervene militarily if Iran is attacked by Israel?\" or "
                 "\"هل ستتدخل روسيا عسكريا إذا تعرضت إيران لهجوم جديد؟\"")],
        db: DbOpt = None, as_of: AsOfOpt = None, as_json: JsonOpt = False, scale: ScaleOpt = Scale.war,
    ) -> None:
        """Answer "would P intervene militarily if C is attacked (by A)?" asked in Arabic or English."""
        from casus.assess.api import AssessInputError, ask_json
        from casus.assess.model import ModelMissing

        try:
            result = ask_json(question, as_of=as_of, db=db, scale=scale.value)
        except AssessInputError as exc:
            _fail(str(exc))
        except ModelMissing as exc:
            _fail(str(exc), 1)
        if "error" in result:
            if as_json:
                sys.stdout.write(json.dumps(result, ensure_ascii=False, indent=1) + "\n")
            _fail(result["error"])
        _emit(result, as_json)

    @app.command()
    def assess(
        patron: Annotated[str, typer.Option("--patron", help="ISO3 of the would-be defender, e.g. RUS.")],
        client: Annotated[str, typer.Option("--client", help="ISO3 of the state attacked, e.g. IRN.")],
        attacker: Annotated[Optional[str], typer.Option(
            "--attacker", help="ISO3 of the attacker (several: ISR,USA; 'none': non-state). "
                               "Default: the attackers seen against the client.")] = None,
        as_of: AsOfOpt = None, db: DbOpt = None, as_json: JsonOpt = False, scale: ScaleOpt = Scale.war,
    ) -> None:
        """Probability that PATRON intervenes militarily on CLIENT's side if CLIENT is attacked, with its evidence."""
        from casus.assess.api import AssessInputError, assess_json
        from casus.assess.model import ModelMissing

        try:
            result = assess_json(patron, client, attacker, as_of=as_of, db=db, scale=scale.value)
        except AssessInputError as exc:
            _fail(str(exc))
        except ModelMissing as exc:
            _fail(str(exc), 1)
        _emit(result, as_json)

    app.add_typer(model_app, name="model")


@model_app.command("fit")
def fit(
    output_dir: Annotated[Optional[Path], typer.Option(
        "--output-dir", help="Write model.json and model_report.json here (default: the package data folder).")] = None,
) -> None:
    """Rebuild the training set from the bundled datasets and refit the model (deterministic)."""
    import time

    from casus.assess.model import DATA_DIR, fit_model, save

    start = time.perf_counter()
    model, report = fit_model(progress=lambda msg: err_console.print(f"[dim]{msg}[/dim]"))
    target = output_dir or DATA_DIR
    target.mkdir(parents=True, exist_ok=True)
    m, r = save(model, report, target)
    cv = report["cv"]
    seconds = time.perf_counter() - start
    console.print(f"fitted {model['name']} v{model['version']} on {model['training_cases']} opportunities "
                  f"({model['events']} interventions) in {seconds:.0f}s; CV Brier {cv['brier']:.5f} "
                  f"vs base rate {cv['brier_base_rate']:.5f}, calibration error {cv['calibration_error']:.4f}")
    console.print(f"wrote {m} and {r}")


@model_app.command("report")
def report(
    as_json: JsonOpt = False,
    model_dir: Annotated[Optional[Path], typer.Option("--model-dir", help="Read the report from here "
                                                                         "(default: the package data folder).")] = None,
) -> None:
    """Training cases, base rate, cross-validated Brier and log loss, reliability table and coefficients."""
    from casus.assess.model import REPORT_FILE, ModelMissing, load_report
    from casus.assess.render import print_report

    try:
        rep = load_report(str(model_dir / REPORT_FILE) if model_dir else None)
    except ModelMissing as exc:
        _fail(str(exc), 1)
    if as_json:
        sys.stdout.write(json.dumps(rep, ensure_ascii=False, indent=1) + "\n")
    else:
        print_report(rep, console)
