"""Rendering helpers shared by the page modules (template context, error pages, store summary, paging)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import Response

from casus.model import MODALITIES, PLOVER_TYPES
from casus.web import storequeries
from casus.web.charts import tone_colour
from casus.web.storeaccess import StoreAccess, StoreUnavailable

PAGE_SIZE = 50


def access(request: Request) -> StoreAccess:
    """The app's store handle."""
    return request.app.state.access


def render(request: Request, name: str, context: dict[str, Any], status: int = 200) -> Response:
    """A template response with the context every page uses."""
    base = {"nav": name.split(".")[0], "tone_colour": tone_colour, "plover_types": PLOVER_TYPES,
            "modalities": MODALITIES}
    return request.app.state.templates.TemplateResponse(request, name, {**base, **context}, status_code=status)


def error_page(request: Request, status: int, message: str, title: str) -> Response:
    return render(request, "error.html", {"status": status, "message": message, "title": title}, status)


def store_summary(store_access: StoreAccess) -> dict[str, Any]:
    """Counts for the Analyse page, or why there are none."""
    try:
        with store_access.reader() as store:
            return {"ok": True, **storequeries.store_summary(store)}
    except StoreUnavailable as exc:
        return {"ok": False, "message": exc.message}


def pages(total: int, page: int, request: Request) -> dict[str, Any]:
    """Pagination links that keep the current filters."""
    last = max(1, (total + PAGE_SIZE - 1) // PAGE_SIZE)
    params = {k: v for k, v in request.query_params.items() if k != "page" and v}

    def link(n: int) -> str:
        return "?" + urlencode({**params, "page": n})

    return {"page": page, "last": last, "total": total, "prev": link(page - 1) if page > 1 else None,
            "next": link(page + 1) if page < last else None, "first": (page - 1) * PAGE_SIZE + 1 if total else 0,
            "upto": min(total, page * PAGE_SIZE)}
