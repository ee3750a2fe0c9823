"""`casus serve`: loopback by default, a warning when told to bind elsewhere."""

from __future__ import annotations

from pathlib import Path

import pytest
import uvicorn
from typer.testing import CliRunner

from casus.cli import app as cli_app


@pytest.fixture
def runs(monkeypatch: pytest.MonkeyPatch) -> list[dict]:
    calls: list[dict] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append({"app": app, **kw}))
    return calls


def test_serve_binds_to_loopback_by_default(runs: list[dict], tmp_path: Path) -> None:
    result = CliRunner().invoke(cli_app, ["serve", "--db", str(tmp_path / "x.duckdb")])
    assert result.exit_code == 0, result.output
    assert runs[0]["host"] == "127.0.0.1" and runs[0]["port"] == 8000
    assert runs[0]["app"].state.access.path == tmp_path / "x.duckdb"
    assert "http://127.0.0.1:8000/" in result.output and "not created yet" in result.output


def test_serve_warns_when_exposed(runs: list[dict], tmp_path: Path) -> None:
    result = CliRunner().invoke(cli_app, ["serve", "--db", str(tmp_path / "x.duckdb"), "--host", "0.0.0.0",
                                          "--port", "8123"])
    assert result.exit_code == 0
    assert runs[0]["host"] == "0.0.0.0" and runs[0]["port"] == 8123
    assert "no authentication" in result.output
