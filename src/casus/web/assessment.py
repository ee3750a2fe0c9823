"""Bridge to the assessment stage (`casus.assess.api`) and links from its evidence to articles.

The assessor is imported lazily: the rest of the web app works without it,
and the Ask page says plainly when it is not installed.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterator
from contextlib import contextmanager
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


def assess(patron: str, client: str, attacker: str | None, as_of: str | None, db: str,
           scale: str = "war") -> dict[str, Any]:
    """What `casus assess --json` prints for this question."""
    kwargs = {"scale": scale} if scale != "war" else {}  # the default needs no keyword (older assessors)
    with _model_guard():
        return _api().assess_json(patron, client, attacker=attacker, as_of=as_of, db=db, **kwargs)


def ask(question: str, as_of: str | None, db: str, scale: str = "war") -> dict[str, Any]:
    """A free-text question (Arabic or English) → assessment, or {"error", "missing", "suggestion"}."""
    kwargs = {"scale": scale} if scale != "war" else {}
    with _model_guard():
        return _api().ask_json(question, as_of=as_of, db=db, **kwargs)


@contextmanager
def _model_guard() -> Iterator[None]:
    """An unfitted model is the installation's problem, not the request's: report it as unavailable."""
    try:
        yield
    except RuntimeError as exc:
        missing = getattr(importlib.import_module("casus.assess.model"), "ModelMissing", None)
        if missing is not None and isinstance(exc, missing):
            raise AssessmentUnavailable(f"The assessment model is not available: {exc}") from exc
        raise


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


def _items(result: dict[str, Any]) -> list[dict[str, Any]]:
    items = [e for f in result.get("factors") or [] if isinstance(f, dict)
             for e in f.get("evidence") or [] if isinstance(e, dict)]
    return items + [c for c in result.get("source_claims") or [] if isinstance(c, dict)]


def _article_ref(item: dict[str, Any]) -> str | None:
    """News evidence names its article in `article` (id); otherwise `source` may be an article id or key."""
    for name in ("article", "source"):
        value = item.get(name)
        if isinstance(value, str) and value:
            return value.split(":", 1)[1] if value.startswith("article:") else value
    return None


def evidence_sources(result: dict[str, Any]) -> set[str]:
    """Every article reference in an assessment result (for one batch lookup)."""
    return {ref for item in _items(result) if (ref := _article_ref(item))}


_QUOTE = re.compile(r"«([^»]{3,})»")


def quoted(text: str) -> str:
    """The article's own words inside an evidence line such as 'ISR→IRN ASSAULT: «…» (confidence 0.57)'."""
    found = _QUOTE.findall(text)
    return max(found, key=len) if found else text


def link_evidence(result: dict[str, Any], refs: dict[str, str]) -> None:
    """Add `href` to each item whose article is stored (sentence highlighted there), `link` to http(s) sources."""
    for item in _items(result):
        item.pop("href", None)  # only links built here are rendered
        item.pop("link", None)
        ref = _article_ref(item)
        key = refs.get(ref) if ref else None
        if key:
            params = {"hl": quoted(str(item.get("text") or ""))[:500]}
            item["href"] = f"/article/{quote(key, safe='')}?{urlencode(params)}#hl"
        url = item.get("url")
        if isinstance(url, str) and url.lower().startswith(("https://", "http://")):
            item["link"] = url
