"""CLI commands of the assessment stage: ask, assess, model fit/report (being built)."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Add the assessment commands to the casus CLI."""
