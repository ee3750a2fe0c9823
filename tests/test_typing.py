"""The modules `CASUS_COMPILE=1` compiles must keep type-checking, or that install breaks.

mypyc compiles only code mypy accepts, and enforces the annotations at run time:
a variable that changes type, or a None where a str is declared, becomes a build
error or a TypeError in the compiled build while the pure one runs on. This test
runs the same check the build does, so such a change fails here first.
"""

from __future__ import annotations

import ast
import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def compiled_modules() -> list[str]:
    tree = ast.parse((ROOT / "setup.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "COMPILED" for t in node.targets):
            return list(ast.literal_eval(node.value))
    raise AssertionError("setup.py has no COMPILED list")


def test_the_compiled_modules_exist() -> None:
    modules = compiled_modules()
    assert "src/casus/extract/events.py" in modules
    assert [m for m in modules if not (ROOT / m).is_file()] == []


@pytest.mark.skipif(importlib.util.find_spec("mypy") is None, reason="mypy is not installed (pip install -e '.[test]')")
def test_the_compiled_modules_type_check(tmp_path: Path) -> None:
    proc = subprocess.run([sys.executable, "-m", "mypy", "--ignore-missing-imports", "--follow-imports=silent",
                           "--cache-dir", str(tmp_path), *compiled_modules()],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout[-3000:]
