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
from hypothesis import settings

# no example database: it would write .hypothesis/ into the working tree on every run
settings.register_profile("casus", database=None)
settings.load_profile("casus")

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


# ----------------------------------------------------------------------------- a known store

# (article, day, type, source, target, modality): hand-made so query results are known exactly
KNOWN_EVENTS = [
    ("a1", "2024-03-10", "AID", "RUS", "IRN", "asserted"),
    ("a1", "2024-03-20", "AID", "IRN", "RUS", "asserted"),
    ("a2", "2024-07-01", "SANCTION", "USA", "IRN", "asserted"),
    ("a3", "2025-01-17", "AGREE", "RUS", "IRN", "asserted"),
    ("a3", "2025-01-18", "AID", "RUS", "IRN", "hypothetical"),
    ("a4", "2025-02-02", "ASSAULT", "ISR", "IRN", "asserted"),
    ("a4", "2025-02-03", "THREATEN", "IRN", "ISR", "negated"),
    ("a5", None, "CONSULT", "RUS", "IRN", "asserted"),
]
NAMES = {"RUS": "Russia", "IRN": "Iran", "USA": "United States", "ISR": "Israel"}


@pytest.fixture
def known_db(tmp_path: Path) -> Path:
    """A store with the events of KNOWN_EVENTS, written through the real batch writer."""
    from datetime import date, datetime

    from casus.store.db import Store
    from casus.store.rows import Rows

    now = datetime(2025, 2, 10, 12, 0)
    rows = Rows()
    articles = sorted({e[0] for e in KNOWN_EVENTS})
    texts = {a: f"{AR_SANCTION} ({a})" for a in articles}
    for a in articles:
        rows.tables["articles"].append((f"key-{a}", a, f"key-{a}", f"title {a}", f"https://example.org/{a}", "test",
                                        "ar", None, f"/corpus/{a}.txt", len(texts[a]), "ok", None, 1, now, texts[a]))
    for code, name in NAMES.items():
        rows.tables["actors"].append((code, code, name, "state", None))
    seq: dict[str, int] = {}
    for art, day, typ, src, tgt, modality in KNOWN_EVENTS:
        n = seq.get(art, 0)
        seq[art] = n + 1
        d = date.fromisoformat(day) if day else None
        rows.tables["events"].append((f"key-{art}", n, 0, typ, None, src, src, NAMES[src], "state", tgt, tgt,
                                      NAMES[tgt], "state", day, "day" if day else None, d, modality, 0.9,
                                      texts[art][:10], 0, 10, None))
        for m, code in enumerate((src, tgt)):
            rows.tables["mentions"].append((f"key-{art}", n * 2 + m, code, code, 0, 5, texts[art][:5], "name"))
    rows.tables["claims"].append(("key-a3", 0, "من غير المرجح", "unlikely", 0.325, 0.2, 0.45, 1, 0, "ar",
                                  texts["a3"][:10], 0, 10, None))
    db = tmp_path / "known.duckdb"
    with Store(db) as store:
        store.write(rows)
    return db


@pytest.fixture(scope="session")
def dask_scheduler() -> Iterable[str]:
    """One LocalCluster of 2 worker processes shared by the Dask tests (starting one costs seconds)."""
    from dask.distributed import LocalCluster

    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address="127.0.0.1:0")
    try:
        yield cluster.scheduler_address
    finally:
        cluster.close()


STORE_TABLES = ("articles", "actors", "mentions", "events", "claims")


def table_rows(store) -> dict[str, list[tuple]]:
    """Every row of every table, sorted, without the columns that name the run that wrote it."""
    out = {}
    for name in STORE_TABLES:
        rel = store.con.execute(f"SELECT * FROM {name}")
        cols = [d[0] for d in rel.description]
        keep = [i for i, c in enumerate(cols) if c not in ("run_id", "ingested_at")]
        out[name] = sorted((tuple(r[i] for i in keep) for r in rel.fetchall()), key=repr)
    return out
