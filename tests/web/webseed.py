"""The bundled seed article, shared by the web tests."""

from __future__ import annotations

from pathlib import Path

SEED = Path(__file__).resolve().parents[2] / "src" / "casus" / "examples" / "seed_ar_russia_iran.txt"
SEED_TEXT = SEED.read_text(encoding="utf-8")
SEED_TITLE = SEED_TEXT.split("\n", 1)[0].strip()
