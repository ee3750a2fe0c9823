"""The casus web app: `create_app(db)` builds a FastAPI app serving pages and the JSON API.

The factory takes the store path so tests (and `casus serve`) can run any
number of apps side by side, in-process or under uvicorn.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException

from casus import __version__
from casus.store.db import default_db_path
from casus.web import api, askpage, docs, pages, relations, static
from casus.web.inputs import WebInputError
from casus.web.middleware import BodyLimit, SecurityHeaders
from casus.web.render import error_page
from casus.web.storeaccess import StoreAccess, StoreUnavailable

TEMPLATES = Path(__file__).parent / "templates"

DESCRIPTION = """casus reads Arabic and English news, codes PLOVER events between states and answers
"would patron P intervene militarily if client C is attacked by A?".

All endpoints are read-only except `POST /api/articles`, which saves an analysed article into the store.
Article text is limited to 2 MB per request."""


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    yield
    app.state.access.close()  # release the store file when the server stops


def create_app(db: str | Path | None = None) -> FastAPI:
    """A web app over the store at `db` (default: $CASUS_DB or ./casus.duckdb)."""
    path = Path(db) if db is not None else default_db_path()
    app = FastAPI(title="casus", version=__version__, description=DESCRIPTION, docs_url=None, redoc_url=None,
                  lifespan=_lifespan,
                  openapi_tags=[{"name": "extract", "description": "Analyse article text (no store needed)."},
                                {"name": "store", "description": "Stored articles, events, dyads, actors, graph."},
                                {"name": "assess", "description": "Would the patron intervene?"}])
    app.state.access = StoreAccess(path)
    templates = Jinja2Templates(directory=str(TEMPLATES))
    templates.env.globals.update(version=__version__, store_path=str(path))
    app.state.templates = templates

    app.add_middleware(BodyLimit)
    app.add_middleware(SecurityHeaders)
    app.include_router(api.router)
    for module in (pages, relations, askpage, docs):
        app.include_router(module.router)
    app.include_router(static.router)
    _error_handlers(app)
    return app


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path in ("/openapi.json",)


def _error_handlers(app: FastAPI) -> None:
    """Errors as `{"detail": ...}` JSON under /api/, as a readable page elsewhere."""

    def render(request: Request, status: int, message: str, title: str) -> Response:
        if _wants_json(request):
            return JSONResponse({"detail": message}, status_code=status)
        return error_page(request, status, message, title)

    @app.exception_handler(WebInputError)
    async def bad_input(request: Request, exc: WebInputError) -> Response:
        titles = {413: "Too large", 415: "Unsupported file type"}
        return render(request, exc.status, exc.message, titles.get(exc.status, "Cannot use this input"))

    @app.exception_handler(StoreUnavailable)
    async def no_store(request: Request, exc: StoreUnavailable) -> Response:
        return render(request, 503, exc.message, "Store not available")

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        message = exc.detail if isinstance(exc.detail, str) else "Request failed."
        if exc.status_code == 404 and message == "Not Found":
            message = "There is no page at this address."
        return render(request, exc.status_code, message, {404: "Not found"}.get(exc.status_code, "Error"))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        if _wants_json(request):
            return JSONResponse({"detail": _plain_errors(exc)}, status_code=422)
        return error_page(request, 400, "; ".join(e["msg"] for e in _plain_errors(exc)), "Invalid request")


def _plain_errors(exc: RequestValidationError) -> list[dict]:
    """Validation errors without echoing the (possibly huge, untrusted) input back."""
    out = []
    for err in exc.errors():
        where = ".".join(str(p) for p in err.get("loc", ()))
        out.append({"loc": list(err.get("loc", ())), "msg": f"{where}: {err.get('msg')}", "type": err.get("type")})
    return out
