"""CLI command of the web stage: serve (being built)."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Add `casus serve` to the casus CLI."""
