"""A regular (non-editable) install must carry every data file the code reads.

`pip install .` copies only the files `[tool.setuptools.package-data]` lists; a
file left out is missing silently (the trained event scorer once was, and
extraction fell back to its rules without a word).
"""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "casus"


def test_every_data_file_is_listed_as_package_data() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    globs = config["tool"]["setuptools"]["package-data"]["casus"]
    shipped = {p for g in globs for p in PACKAGE.glob(g) if p.is_file()}
    data = {p for p in PACKAGE.rglob("*") if p.is_file() and p.suffix not in (".py", ".pyc", ".so")
            and "__pycache__" not in p.parts}
    assert data, "no data files found: is the layout still src/casus?"
    assert sorted(str(p.relative_to(PACKAGE)) for p in data - shipped) == []


def test_the_trained_event_scorer_is_among_them() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    globs = config["tool"]["setuptools"]["package-data"]["casus"]
    assert any((PACKAGE / "extract" / "data" / "event_model.json") in set(PACKAGE.glob(g)) for g in globs)
