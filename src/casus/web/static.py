"""Static assets from a fixed table: the request path is a dictionary key, never a filesystem path.

plotly.min.js is the copy inside the installed plotly wheel, so charts work
offline and always match the Python plotly version.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from fastapi import APIRouter, HTTPException
from fastapi.responses import Response

_HERE = Path(__file__).parent / "static"


def _plotly_js() -> Path:
    import plotly

    return Path(plotly.__file__).parent / "package_data" / "plotly.min.js"


ASSETS: dict[str, tuple[str, str]] = {
    "casus.css": ("text/css; charset=utf-8", "web"),
    "casus.js": ("text/javascript; charset=utf-8", "web"),
    "favicon.svg": ("image/svg+xml", "web"),
    "plotly.min.js": ("text/javascript; charset=utf-8", "plotly"),
}

router = APIRouter(include_in_schema=False)


@cache
def _load(name: str) -> bytes:
    origin = ASSETS[name][1]
    path = _plotly_js() if origin == "plotly" else _HERE / name
    return path.read_bytes()


@router.get("/static/{name}")
def asset(name: str) -> Response:
    """One of the bundled assets (CSS, JS, plotly.min.js)."""
    if name not in ASSETS:
        raise HTTPException(404, "No such asset.")
    try:
        body = _load(name)
    except OSError:
        raise HTTPException(404, f"{name} is not installed (is the plotly package present?)") from None
    max_age = 86400 if name == "plotly.min.js" else 300
    return Response(body, media_type=ASSETS[name][0], headers={"Cache-Control": f"public, max-age={max_age}"})
