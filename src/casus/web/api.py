"""The JSON API under /api/ (documented at /docs, schema at /openapi.json).

Store handlers are plain `def` functions, which FastAPI runs in its thread
pool; extraction goes through `work.cpu_bound`, a few at a time, so neither
blocks the event loop.
"""

from __future__ import annotations

from typing import Annotated, Any, Optional

from fastapi import APIRouter, Depends, File, Form, HTTPException, Query, Request, UploadFile
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from casus.analyze.queries import EventFilter, dyad_timeline, top_actors
from casus.extract.pipeline import analyze
from casus.web import assessment, storequeries
from casus.web.graph import build_graph
from casus.web.inputs import (
    MAX_UPLOAD_BYTES,
    WebInputError,
    article_from_text,
    article_from_upload,
    check_attacker,
    check_code,
    check_date,
    check_modality,
    check_period,
    check_scale,
    check_type,
)
from casus.web.storeaccess import StoreAccess, StoreUnavailable
from casus.web.work import cpu_bound

router = APIRouter(prefix="/api")


def get_access(request: Request) -> StoreAccess:
    return request.app.state.access


Access = Annotated[StoreAccess, Depends(get_access)]


class AnalyzeRequest(BaseModel):
    text: str = Field(description="The article text; a first line of up to 300 characters is its title.")
    title: Optional[str] = Field(None, description="Title, put on the first line if the text does not start with it.")
    pub_date: Optional[str] = Field(None, description="Publication date YYYY-MM-DD (anchors relative dates).")
    id: Optional[str] = Field(None, description="Article id for the record (default: web-<content hash>).")

    model_config = {"json_schema_extra": {"examples": [
        {"text": "Russia and Iran signed a strategic partnership treaty in Moscow on 17 January 2025.",
         "title": "Russia and Iran sign treaty", "pub_date": "2025-01-18"}]}}


class AskRequest(BaseModel):
    question: str = Field(max_length=2000, description="Arabic or English, e.g. the seed article's headline.")
    as_of: Optional[str] = Field(None, description="Assess as of this date (YYYY-MM-DD).")
    scale: Optional[str] = Field(None, description="war (default) or strike: the attack assessed.")


class SaveResponse(BaseModel):
    key: str
    id: str
    added: bool = Field(description="False when an article with the same text was already stored.")
    events: int
    url: str


@router.post("/analyze", tags=["extract"], summary="Analyse article text (same record as `casus extract`)")
async def analyze_text(body: AnalyzeRequest, request: Request) -> dict[str, Any]:
    """Actors, events and estimative claims of one article: `ArticleResult.to_dict()`, as `casus extract` emits."""
    article = article_from_text(body.text, body.title, body.pub_date, body.id)
    return (await cpu_bound(request, analyze, article)).to_dict()


@router.post("/analyze/file", tags=["extract"], summary="Analyse an uploaded .txt/.html file")
async def analyze_file(request: Request,
                       file: Annotated[UploadFile, File(description=".txt, .html or .htm, at most 2 MB")],
                       pub_date: Annotated[Optional[str], Form()] = None) -> dict[str, Any]:
    """The extract record for an uploaded file (decoded and, for HTML, reduced to its main text like the CLI)."""
    data = await file.read(MAX_UPLOAD_BYTES + 1)
    article = await cpu_bound(request, article_from_upload, file.filename, data, pub_date)
    return (await cpu_bound(request, analyze, article)).to_dict()


@router.post("/articles", tags=["store"], summary="Analyse and save an article into the store",
             response_model=SaveResponse)
async def save_article(body: AnalyzeRequest, access: Access, request: Request) -> SaveResponse:
    """Write the article like `casus ingest` would (content-hash key; an already stored text is not duplicated)."""
    article = article_from_text(body.text, body.title, body.pub_date, body.id)
    result = await cpu_bound(request, analyze, article)
    saved = await run_in_threadpool(access.save, result)
    return SaveResponse(key=saved.key, id=article.id, added=saved.added, events=saved.events,
                        url=f"/article/{saved.key}")


@router.get("/articles", tags=["store"], summary="Search stored articles")
def list_articles(access: Access, q: str | None = None, actor: str | None = None, lang: str | None = None,
                  since: str | None = None, until: str | None = None,
                  limit: Annotated[int, Query(ge=1, le=500)] = 50,
                  offset: Annotated[int, Query(ge=0)] = 0) -> dict[str, Any]:
    """Newest first; `q` searches title and text, `actor` an actor or state code mentioned in the article."""
    if lang not in (None, "", "ar", "en"):
        raise WebInputError("lang: expected ar or en")
    args = dict(text=(q or "").strip() or None, actor=check_code(actor, "actor"), lang=lang or None,
                since=check_period(since, "since"), until=check_period(until, "until"))
    with access.reader() as store:
        total, rows = storequeries.list_articles(store, **args, offset=offset, limit=limit)
    return {"total": total, "offset": offset, "limit": limit, "articles": rows}


@router.get("/articles/{ref}", tags=["store"], summary="One stored article with its text and annotations")
def get_article(ref: str, access: Access) -> dict[str, Any]:
    """The extract record of a stored article plus `key` and `text`; `ref` is its key or id."""
    with access.reader() as store:
        record = storequeries.article_record(store, ref)
    if record is None:
        raise HTTPException(404, "No stored article with this key or id.")
    return record


def event_filter(actor: str | None, a: str | None, b: str | None, directed: bool, type_: str | None,
                 modality: str | None, since: str | None, until: str | None) -> EventFilter:
    """An EventFilter from request parameters (shared by the events page and API)."""
    a, b = check_code(a, "a"), check_code(b, "b")
    if bool(a) != bool(b):
        raise WebInputError("dyad: give both a and b (e.g. a=RUS&b=IRN)")
    return EventFilter(dyad=(a, b) if a and b else None, directed=directed, actor=check_code(actor, "actor"),
                       type=check_type(type_), modality=check_modality(modality),
                       since=check_period(since, "since"), until=check_period(until, "until"))


@router.get("/events", tags=["store"], summary="Search stored events")
def list_events(access: Access, actor: str | None = None, a: str | None = None, b: str | None = None,
                directed: bool = False, type: str | None = None, modality: str | None = None,
                since: str | None = None, until: str | None = None, q: str | None = None,
                limit: Annotated[int, Query(ge=1, le=1000)] = 100,
                offset: Annotated[int, Query(ge=0)] = 0) -> dict[str, Any]:
    """Filters as in `casus events` (actor, dyad a/b, type, modality, since/until), newest first."""
    flt = event_filter(actor, a, b, directed, type, modality, since, until)
    with access.reader() as store:
        total, rows = storequeries.search_events(store, flt, (q or "").strip() or None, offset, limit)
    return {"total": total, "offset": offset, "limit": limit, "events": rows}


@router.get("/dyad/{a}/{b}", tags=["store"], summary="A pair of states over time")
def dyad(a: str, b: str, access: Access, by: Annotated[str, Query(pattern="^(day|week|month|year)$")] = "month",
         since: str | None = None, until: str | None = None,
         latest: Annotated[int, Query(ge=0, le=200)] = 20) -> dict[str, Any]:
    """`casus dyad --json` (counts per type, score and mean tone per period) plus totals and the latest events."""
    a, b = check_code(a, "a"), check_code(b, "b")
    since, until = check_period(since, "since"), check_period(until, "until")
    with access.reader() as store:
        out = dyad_timeline(store, a, b, by=by, since=since, until=until)
        out["totals"] = storequeries.dyad_totals(store, a, b, since, until)
        out["names"] = storequeries.actor_names(store, [a, b])
        _, out["latest"] = storequeries.search_events(store, EventFilter(dyad=(a, b), since=since, until=until),
                                                      limit=latest, count=False)
    return out


@router.get("/graph", tags=["store"], summary="The network of states for a period")
def graph(access: Access, since: str | None = None, until: str | None = None,
          min_events: Annotated[int, Query(ge=1)] = 1,
          max_nodes: Annotated[int, Query(ge=2, le=300)] = 80) -> dict[str, Any]:
    """Nodes (states) and edges (pairs) with event counts, score and mean tone (asserted events only)."""
    since, until = check_period(since, "since"), check_period(until, "until")
    with access.reader() as store:
        rows = storequeries.pair_type_counts(store, since, until)
        names = storequeries.actor_names(store, sorted({r[0] for r in rows} | {r[1] for r in rows}))
    return build_graph(rows, names, min_events=min_events, max_nodes=max_nodes)


@router.get("/actors", tags=["store"], summary="Most mentioned actors")
def actors(access: Access, top: Annotated[int, Query(ge=1, le=1000)] = 20,
           kind: str | None = None) -> list[dict[str, Any]]:
    """As `casus actors`: articles and mentions per actor, events as source and target."""
    cols = ["code", "name", "kind", "country", "articles", "mentions", "as_source", "as_target"]
    with access.reader() as store:
        rows = top_actors(store, top=top, kind=(kind or "").strip() or None)
    return [dict(zip(cols, r, strict=True)) for r in rows]


@router.get("/assess", tags=["assess"], summary="Would the patron intervene? (as `casus assess --json`)")
def assess(access: Access, patron: str, client: str, attacker: str | None = None,
           as_of: str | None = None, scale: str | None = None) -> dict[str, Any]:
    """Probability that `patron` intervenes militarily if `client` is attacked (by `attacker`: ISO3, "ISR,USA",
    "none" for a non-state attacker, or omitted for the attackers seen against the client)."""
    patron_code, client_code = check_code(patron, "patron"), check_code(client, "client")
    if not patron_code or not client_code:
        raise WebInputError("patron and client are required (e.g. patron=RUS&client=IRN)")
    try:
        with access.shared():
            return assessment.assess(patron_code, client_code, check_attacker(attacker),
                                     check_date(as_of, "as_of"), str(access.path), check_scale(scale))
    except assessment.AssessmentUnavailable as exc:
        raise HTTPException(503, str(exc)) from None
    except (ValueError, LookupError) as exc:  # the assessor's own "cannot assess this" errors
        raise WebInputError(str(exc).strip("'\"")[:300]) from None


@router.post("/ask", tags=["assess"], summary="Ask in Arabic or English")
def ask(body: AskRequest, access: Access) -> dict[str, Any]:
    """The question is parsed into patron/client/attacker; unclear questions return error, missing, suggestion."""
    if not body.question.strip():
        raise WebInputError("question: empty")
    try:
        with access.shared():
            return assessment.ask(body.question.strip(), check_date(body.as_of, "as_of"), str(access.path),
                                  check_scale(body.scale))
    except assessment.AssessmentUnavailable as exc:
        raise HTTPException(503, str(exc)) from None
    except (ValueError, LookupError) as exc:
        raise WebInputError(str(exc).strip("'\"")[:300]) from None


@router.get("/health", tags=["store"], summary="Is the store readable?")
def health(access: Access) -> dict[str, Any]:
    """Store path, whether it can be read, its counts; and whether the assessor is installed."""
    out: dict[str, Any] = {"store": str(access.path), "assessment": assessment.available()}
    try:
        with access.reader() as store:
            out["counts"] = storequeries.store_summary(store)
            out["status"] = "ok"
    except StoreUnavailable as exc:
        out["status"] = "missing" if exc.missing else "unavailable"
        out["detail"] = exc.message
    return out
