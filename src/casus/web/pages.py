"""HTML pages: Analyse, Articles, Events, Dyad, Graph, Ask, and the API reference.

Pages call the same functions as the JSON API (`casus.web.api`,
`storequeries`, `casus.analyze.queries`) so a number on a page is the number
the API returns. Templates receive data only; article text reaches the HTML
solely through autoescaped segments (see `highlight`).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from casus.analyze.queries import EventFilter, dyad_timeline
from casus.extract.pipeline import analyze
from casus.model import MODALITIES, PLOVER_TYPES
from casus.web import assessment, storequeries
from casus.web.api import event_filter
from casus.web.charts import dyad_figure, graph_figure, tone_colour, weights_table
from casus.web.graph import build_graph, pair_edges
from casus.web.highlight import annotate, find_quote, sentence_around, sentence_spans
from casus.web.inputs import (
    MAX_UPLOAD_BYTES,
    WebInputError,
    article_from_text,
    article_from_upload,
    check_code,
    check_date,
    check_period,
    too_large_message,
)
from casus.web.storeaccess import StoreAccess, StoreUnavailable

router = APIRouter(include_in_schema=False)
EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "seed_ar_russia_iran.txt"
PAGE_SIZE = 50


def _access(request: Request) -> StoreAccess:
    return request.app.state.access


def render(request: Request, name: str, context: dict[str, Any], status: int = 200) -> Response:
    """A template response with the context every page uses."""
    base = {"nav": name.split(".")[0], "tone_colour": tone_colour, "plover_types": PLOVER_TYPES,
            "modalities": MODALITIES}
    return request.app.state.templates.TemplateResponse(request, name, {**base, **context}, status_code=status)


def error_page(request: Request, status: int, message: str, title: str) -> Response:
    return render(request, "error.html", {"status": status, "message": message, "title": title}, status)


def _summary(access: StoreAccess) -> dict[str, Any]:
    try:
        with access.reader() as store:
            return {"ok": True, **storequeries.store_summary(store)}
    except StoreUnavailable as exc:
        return {"ok": False, "message": exc.message}


def _pages(total: int, page: int, request: Request) -> dict[str, Any]:
    """Pagination links that keep the current filters."""
    last = max(1, (total + PAGE_SIZE - 1) // PAGE_SIZE)
    params = {k: v for k, v in request.query_params.items() if k != "page" and v}

    def link(n: int) -> str:
        return "?" + urlencode({**params, "page": n})

    return {"page": page, "last": last, "total": total, "prev": link(page - 1) if page > 1 else None,
            "next": link(page + 1) if page < last else None, "first": (page - 1) * PAGE_SIZE + 1 if total else 0,
            "upto": min(total, page * PAGE_SIZE)}


# ------------------------------------------------------------------ analyse


@router.get("/")
def home(request: Request, example: bool = False) -> Response:
    """The Analyse form (optionally pre-filled with the bundled seed article)."""
    text = EXAMPLE.read_text(encoding="utf-8") if example else ""
    return render(request, "analyse.html", {"summary": _summary(_access(request)), "text": text,
                                            "limit_mb": MAX_UPLOAD_BYTES // (1024 * 1024)})


async def _form(request: Request) -> Any:
    try:
        return await request.form(max_files=1, max_fields=20, max_part_size=MAX_UPLOAD_BYTES + 1024)
    except Exception as exc:  # multipart parser errors: oversized part, malformed body
        if "maximum size" in str(exc).lower() or "too large" in str(exc).lower():
            raise WebInputError(too_large_message(), status=413) from None
        raise WebInputError(f"Could not read the form: {str(exc)[:120]}") from None


def _field(form: Any, name: str) -> str | None:
    value = form.get(name)
    return value if isinstance(value, str) else None


@router.post("/analyse")
async def analyse(request: Request) -> Response:
    """Pasted text or an uploaded file → the annotated article with its events and claims."""
    form = await _form(request)
    upload = form.get("file")
    pub_date = _field(form, "pub_date")
    if isinstance(upload, UploadFile) and upload.filename:
        data = await upload.read(MAX_UPLOAD_BYTES + 1)
        article = article_from_upload(upload.filename, data, pub_date)
    else:
        article = article_from_text(_field(form, "text"), _field(form, "title"), pub_date)
    result = await run_in_threadpool(analyze, article)
    record = result.to_dict()
    view = annotate(article.text, record)
    return render(request, "analysed.html", {
        "record": record, "view": view, "text": article.text, "article": article,
        "record_json": json.dumps(record, ensure_ascii=False, indent=1),
        "store_exists": _access(request).exists()})


@router.post("/analyse/save")
async def save(request: Request) -> Response:
    """Save the analysed article (re-analysed from the posted text) and open its stored page."""
    form = await _form(request)
    article = article_from_text(_field(form, "text"), None, _field(form, "pub_date"), _field(form, "article_id"))
    result = await run_in_threadpool(analyze, article)
    saved = await run_in_threadpool(_access(request).save, result)
    return RedirectResponse(f"/article/{quote(saved.key, safe='')}?saved={int(saved.added)}", status_code=303)


# ---------------------------------------------------------------- articles


@router.get("/article/{ref}")
def article_page(request: Request, ref: str, ev: Annotated[int | None, Query(ge=0)] = None,
                 claim: Annotated[int | None, Query(ge=0)] = None, hl: str | None = None,
                 saved: int | None = None) -> Response:
    """A stored article, annotated; `ev`/`claim` (sequence numbers) or `hl` (quoted text) pick the sentence to show."""
    with _access(request).reader() as store:
        record = storequeries.article_record(store, ref)
    if record is None:
        raise HTTPException(404, "No stored article with this key or id.")
    text = record["text"]
    focus, focus_label, missing = _focus(record, ev, claim, (hl or "")[:2000])
    view = annotate(text, record, focus)
    return render(request, "article.html", {
        "record": record, "view": view, "focus_label": focus_label, "focus_missing": missing and not view.focus_found,
        "saved": saved, "focus_event": ev})


def _focus(record: dict[str, Any], ev: int | None, claim: int | None,
           hl: str) -> tuple[list[tuple[int, int]], str | None, bool]:
    """The sentence to highlight: around an event's or claim's evidence, or around a quoted text."""
    text = record["text"]
    span: tuple[int, int] | None = None
    label = None
    if ev is not None:
        match = [e for e in record["events"] if e["seq"] == ev]
        if match:
            span = (match[0]["evidence"]["start"], match[0]["evidence"]["end"])
        label = f"event {ev + 1}"
    elif claim is not None:
        match = [c for c in record["claims"] if c["seq"] == claim]
        if match:
            span = (match[0]["evidence"]["start"], match[0]["evidence"]["end"])
        label = f"claim {claim + 1}"
    elif hl.strip():
        span = find_quote(text, hl, record.get("title") or "", record.get("lang"))
        label = "the quoted evidence"
    if label is None:
        return [], None, False
    if span is None or span[0] is None:
        return [], label, True
    sentences = sentence_spans(text, record.get("title") or "", record.get("lang"))
    return [sentence_around(sentences, span[0], span[1])], label, False


@router.get("/articles")
def articles_page(request: Request, q: str | None = None, actor: str | None = None, lang: str | None = None,
                  since: str | None = None, until: str | None = None,
                  page: Annotated[int, Query(ge=1)] = 1) -> Response:
    """Stored articles, newest first, filtered by text, actor mentioned, language and date."""
    if lang not in (None, "", "ar", "en"):
        raise WebInputError("lang: expected ar or en")
    args = dict(text=(q or "").strip() or None, actor=check_code(actor, "actor"), lang=lang or None,
                since=check_period(since, "since"), until=check_period(until, "until"))
    with _access(request).reader() as store:
        total, rows = storequeries.list_articles(store, **args, offset=(page - 1) * PAGE_SIZE, limit=PAGE_SIZE)
    return render(request, "articles.html", {"rows": rows, "pages": _pages(total, page, request),
                                             "f": {"q": q or "", "actor": args["actor"] or "", "lang": lang or "",
                                                   "since": since or "", "until": until or ""}})


@router.get("/events")
def events_page(request: Request, actor: str | None = None, a: str | None = None, b: str | None = None,
                directed: bool = False, type: str | None = None, modality: str | None = None,
                since: str | None = None, until: str | None = None, q: str | None = None,
                page: Annotated[int, Query(ge=1)] = 1) -> Response:
    """Stored events by actor, dyad, type, modality, date range and evidence text; each links to its sentence."""
    flt = event_filter(actor, a, b, directed, type, modality, since, until)
    with _access(request).reader() as store:
        total, rows = storequeries.search_events(store, flt, (q or "").strip() or None,
                                                 offset=(page - 1) * PAGE_SIZE, limit=PAGE_SIZE)
    f = {"actor": flt.actor or "", "a": flt.dyad[0] if flt.dyad else "", "b": flt.dyad[1] if flt.dyad else "",
         "directed": directed, "type": flt.type or "", "modality": flt.modality or "", "since": since or "",
         "until": until or "", "q": q or ""}
    return render(request, "events.html", {"rows": rows, "pages": _pages(total, page, request), "f": f})


# -------------------------------------------------------------------- dyads


@router.get("/dyad")
def dyad_index(request: Request, a: str | None = None, b: str | None = None) -> Response:
    """Pick a pair (redirects to /dyad/A/B) or browse the busiest pairs."""
    a, b = check_code(a, "a"), check_code(b, "b")
    if a and b:
        return RedirectResponse(f"/dyad/{a}/{b}", status_code=303)
    with _access(request).reader() as store:
        rows = storequeries.pair_type_counts(store)
        edges = pair_edges(rows)[:40]
        names = storequeries.actor_names(store, sorted({e["a"] for e in edges} | {e["b"] for e in edges}))
    return render(request, "dyads.html", {"edges": edges, "names": names})


@router.get("/dyad/{a}/{b}")
def dyad_page(request: Request, a: str, b: str,
              by: Annotated[str, Query(pattern="^(day|week|month|year)$")] = "month",
              since: str | None = None, until: str | None = None) -> Response:
    """Counts per type and the cooperation–conflict tone over time, with the latest events."""
    a, b = check_code(a, "a"), check_code(b, "b")
    since, until = check_period(since, "since"), check_period(until, "until")
    with _access(request).reader() as store:
        timeline = dyad_timeline(store, a, b, by=by, since=since, until=until)
        totals = storequeries.dyad_totals(store, a, b, since, until)
        names = storequeries.actor_names(store, [a, b])
        _, latest = storequeries.search_events(store, EventFilter(dyad=(a, b), since=since, until=until),
                                               limit=25)
    periods = timeline["periods"]
    asserted = sum(p["events"] for p in periods)
    score = sum(p["score"] for p in periods)
    summary = {"asserted": asserted, "all": sum(sum(m.values()) for m in totals.values()),
               "forward": sum(p[f"{a}->{b}"] for p in periods), "backward": sum(p[f"{b}->{a}"] for p in periods),
               "mean": round(score / asserted, 2) if asserted else 0.0, "score": round(score, 2)}
    weights = {t: w for t, w, _ in weights_table()}
    type_rows = [{"type": t, "weight": weights.get(t, 0.0), **{m: totals[t].get(m, 0) for m in MODALITIES}}
                 for t in PLOVER_TYPES if t in totals]
    return render(request, "dyad.html", {
        "a": a, "b": b, "names": names, "by": by, "since": since or "", "until": until or "",
        "figure": dyad_figure(timeline, names) if periods else None, "summary": summary, "periods": periods,
        "type_rows": type_rows, "latest": latest})


# -------------------------------------------------------------------- graph


@router.get("/graph")
def graph_page(request: Request, since: str | None = None, until: str | None = None,
               min_events: Annotated[int, Query(ge=1, le=1000)] = 1,
               max_nodes: Annotated[int, Query(ge=2, le=300)] = 60) -> Response:
    """The network of states for a period: edge colour = mean tone, width = number of events."""
    since, until = check_period(since, "since"), check_period(until, "until")
    with _access(request).reader() as store:
        rows = storequeries.pair_type_counts(store, since, until)
        names = storequeries.actor_names(store, sorted({r[0] for r in rows} | {r[1] for r in rows}))
    graph = build_graph(rows, names, min_events=min_events, max_nodes=max_nodes)
    return render(request, "graph.html", {
        "graph": graph, "figure": graph_figure(graph) if graph["nodes"] else None, "names": names,
        "f": {"since": since or "", "until": until or "", "min_events": min_events, "max_nodes": max_nodes}})


# ---------------------------------------------------------------------- ask


@router.get("/ask")
def ask_page(request: Request, q: str | None = None, patron: str | None = None, client: str | None = None,
             attacker: str | None = None, as_of: str | None = None) -> Response:
    """A question (or patron/client/attacker) → probability, factors and their evidence, linked to articles."""
    access = _access(request)
    question = (q or "").strip()[:2000]
    form = {"q": question, "patron": (patron or "").strip().upper()[:12], "client": (client or "").strip().upper()[:12],
            "attacker": (attacker or "").strip().upper()[:12], "as_of": (as_of or "").strip()[:10]}
    ctx: dict[str, Any] = {"form": form, "available": assessment.available(), "result": None}
    if not ctx["available"] or not (question or (form["patron"] and form["client"])):
        return render(request, "ask.html", ctx)
    as_of_date = check_date(as_of, "as_of")
    with access.shared():
        if question:
            result = assessment.ask(question, as_of_date, str(access.path))
        else:
            result = assessment.assess(check_code(patron, "patron") or "", check_code(client, "client") or "",
                                       check_code(attacker, "attacker"), as_of_date, str(access.path))
    if isinstance(result, dict) and "probability" in result:
        try:
            with access.reader() as store:
                refs = assessment.article_refs(store, assessment.evidence_sources(result))
        except StoreUnavailable:
            refs = {}
        assessment.link_evidence(result, refs)
    ctx["result"] = result
    ctx["result_json"] = json.dumps(result, ensure_ascii=False, indent=1, default=str)
    return render(request, "ask.html", ctx)


# --------------------------------------------------------------------- docs


@router.get("/docs")
def api_docs(request: Request) -> Response:
    """The API reference, rendered from the OpenAPI schema without any external script (works offline)."""
    schema = request.app.openapi()
    endpoints = []
    for path, methods in schema.get("paths", {}).items():
        for method, op in methods.items():
            body = op.get("requestBody", {}).get("content", {})
            body_schema = None
            for ctype, content in body.items():
                ref = content.get("schema", {}).get("$ref", "")
                name = ref.rsplit("/", 1)[-1] if ref else None
                body_schema = {"type": ctype, "name": name,
                               "fields": _fields(schema, name) if name else []}
            endpoints.append({"method": method.upper(), "path": path, "summary": op.get("summary", ""),
                              "description": op.get("description", ""), "tags": op.get("tags", []),
                              "params": [{"name": p["name"], "in": p["in"], "required": p.get("required", False),
                                          "type": _type_name(p.get("schema", {})),
                                          "default": p.get("schema", {}).get("default")}
                                         for p in op.get("parameters", [])],
                              "body": body_schema})
    return render(request, "docs.html", {"endpoints": endpoints, "info": schema.get("info", {})})


def _type_name(schema: dict[str, Any]) -> str:
    if "anyOf" in schema:
        return " | ".join(_type_name(s) for s in schema["anyOf"])
    if "$ref" in schema:
        return schema["$ref"].rsplit("/", 1)[-1]
    return schema.get("type", "any")


def _fields(schema: dict[str, Any], name: str) -> list[dict[str, Any]]:
    model = schema.get("components", {}).get("schemas", {}).get(name, {})
    required = set(model.get("required", []))
    return [{"name": k, "type": _type_name(v), "required": k in required, "description": v.get("description", "")}
            for k, v in model.get("properties", {}).items()]
