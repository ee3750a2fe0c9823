"""Bridge to the assessment stage (`casus.assess.api`) and links from its evidence to articles.

The assessor is imported lazily: the rest of the web app works without it,
and the Ask page says plainly when it is not installed.
"""

from __future__ import annotations

import importlib
from typing import Any
from urllib.parse import quote, urlencode

from casus.store.db import Store


class AssessmentUnavailable(RuntimeError):
    """casus.assess.api is not installed (or failed to import)."""


def _api() -> Any:
    try:
        return importlib.import_module("casus.assess.api")
    except ImportError as exc:
        raise AssessmentUnavailable(
            "The assessment engine (casus.assess.api) is not available in this installation.") from exc


def available() -> bool:
    try:
        _api()
    except AssessmentUnavailable:
        return False
    return True


def assess(patron: str, client: str, attacker: str | None, as_of: str | None, db: str) -> dict[str, Any]:
    """What `casus assess --json` prints for this question."""
    return _api().assess_json(patron, client, attacker=attacker, as_of=as_of, db=db)


def ask(question: str, as_of: str | None, db: str) -> dict[str, Any]:
    """A free-text question (Arabic or English) → assessment, or {"error", "missing", "suggestion"}."""
    return _api().ask_json(question, as_of=as_of, db=db)


def article_refs(store: Store | None, sources: set[str]) -> dict[str, str]:
    """Which evidence sources are stored articles: source (key or id) → article key."""
    if store is None or not sources:
        return {}
    wanted = sorted(s for s in sources if s)
    marks = ", ".join("?" for _ in wanted)
    rows = store.con.execute(
        f"SELECT key, id FROM articles WHERE status = 'ok' AND (key IN ({marks}) OR id IN ({marks})) "
        f"ORDER BY ingested_at", wanted + wanted).fetchall()
    out: dict[str, str] = {}
    for key, art_id in rows:
        out[key] = key
        if art_id in sources:
            out[art_id] = key
    return out


def evidence_sources(result: dict[str, Any]) -> set[str]:
    """Every evidence `source` named in an assessment result (for one batch lookup)."""
    found = set()
    for factor in result.get("factors") or []:
        for item in factor.get("evidence") or []:
            source = item.get("source") if isinstance(item, dict) else None
            if isinstance(source, str) and source:
                found.add(_source_ref(source))
    return found


def _source_ref(source: str) -> str:
    """Evidence may name an article as "article:<key>" or by its bare id/key."""
    return source.split(":", 1)[1] if source.startswith("article:") else source


def link_evidence(result: dict[str, Any], refs: dict[str, str]) -> None:
    """Add `href` to each evidence item whose source is a stored article (sentence highlighted there)."""
    for factor in result.get("factors") or []:
        for item in factor.get("evidence") or []:
            if not isinstance(item, dict):
                continue
            source = item.get("source")
            key = refs.get(_source_ref(source)) if isinstance(source, str) else None
            if key:
                params = {"hl": str(item.get("text") or "")[:500]}
                item["href"] = f"/article/{quote(key, safe='')}?{urlencode(params)}#hl"
