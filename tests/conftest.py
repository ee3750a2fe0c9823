"""Shared fixtures: real Arabic/English news sentences and small corpora built from them.

The sentences are written the way the news in `../shared/corpus` and the bundled seed
article are (Russia–Iran treaty of 17 January 2025, US sanctions, Iranian drones), so
that extraction finds actors and events in them; tests that need exact outcomes build
their rows by hand instead of relying on extraction quality.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

import pytest

VENV_BIN = Path(sys.executable).parent
CASUS = str(VENV_BIN / "casus")

AR_TREATY = ("وقع الرئيس الروسي فلاديمير بوتين ونظيره الإيراني مسعود بيزشكيان في موسكو يوم 17 يناير/كانون الثاني 2025 "
             "معاهدة الشراكة الاستراتيجية الشاملة.")
AR_SANCTION = "فرضت الولايات المتحدة عقوبات جديدة على إيران بسبب برنامجها النووي."
AR_DRONES = "زودت إيران روسيا بطائرات مسيرة استخدمتها في الحرب على أوكرانيا."
AR_UNLIKELY = "من غير المرجح أن تتدخل روسيا عسكريا إذا تعرضت إيران لهجوم جديد."
AR_TITLE = "روسيا وإيران توقعان معاهدة شراكة استراتيجية"
EN_SANCTION = "The United States imposed new sanctions on Iran on Sunday, the Treasury said."
EN_TREATY = "Russia and Iran signed a comprehensive strategic partnership treaty in Moscow on Friday."
EN_TITLE = "US imposes new sanctions on Iran"

AR_ARTICLE = f"{AR_TITLE}\n{AR_TREATY}\n{AR_SANCTION} {AR_DRONES}\n{AR_UNLIKELY}\n"
EN_ARTICLE = f"{EN_TITLE}\n{EN_SANCTION} {EN_TREATY}\n"


def jsonl_record(art_id: str, text: str, **extra: object) -> str:
    return json.dumps({"id": art_id, "text": text, **extra}, ensure_ascii=False)


def write_jsonl(path: Path, records: Iterable[str]) -> Path:
    path.write_text("".join(r + "\n" for r in records), encoding="utf-8")
    return path


def numbered_articles(n: int, start: int = 0) -> Iterable[str]:
    """`n` distinct short Arabic articles (JSONL lines): real sentences with varying numbers and days."""
    for i in range(start, start + n):
        text = (f"وقع الرئيس الروسي فلاديمير بوتين ونظيره الإيراني مسعود بيزشكيان في موسكو يوم {1 + i % 28} "
                f"يناير/كانون الثاني 2025 معاهدة الشراكة الاستراتيجية الشاملة. "
                f"فرضت الولايات المتحدة عقوبات جديدة على إيران تشمل {i + 10} شركة بسبب برنامجها النووي. "
                f"زودت إيران روسيا بـ{i + 100} طائرة مسيرة استخدمتها في الحرب على أوكرانيا.")
        yield jsonl_record(f"gen-{i:05d}", text, date="2025-01-20", source="generated")


@pytest.fixture
def mixed_corpus(tmp_path: Path) -> Path:
    """A directory with every supported input kind, good and bad, as a user's corpus would have."""
    root = tmp_path / "corpus"
    (root / "sub").mkdir(parents=True)
    (root / "treaty.txt").write_text(AR_ARTICLE, encoding="utf-8")
    (root / "sub" / "sanctions_en.txt").write_text(EN_ARTICLE, encoding="utf-8")
    (root / "sub" / "cp1256.txt").write_bytes(f"{AR_TITLE}\n{AR_DRONES}\n".encode("cp1256"))
    (root / "copy_of_treaty.txt").write_text(AR_ARTICLE, encoding="utf-8")  # same text: one article
    write_jsonl(root / "feed.jsonl", [
        jsonl_record("j1", AR_SANCTION + " " + AR_DRONES, title="عقوبات أمريكية", date="2025-01-20"),
        "[1, 2, 3]",
        jsonl_record("j3", EN_SANCTION, lang="en", date="2025-01-19"),
        "{broken json",
    ])
    (root / "empty.txt").write_bytes(b"")
    (root / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    (root / "notes.md").write_text("not an article type: skipped inside directories")
    return root


def run_cli(args: list[str], env: dict[str, str] | None = None, cwd: Path | None = None,
            timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """Run the installed `casus` command as a user would (own process, real exit status)."""
    full_env = {**os.environ, "COLUMNS": "200", "NO_COLOR": "1", **(env or {})}
    return subprocess.run([CASUS, *args], capture_output=True, text=True, env=full_env, cwd=cwd, timeout=timeout)


@pytest.fixture
def cli() -> Callable[..., subprocess.CompletedProcess[str]]:
    return run_cli
