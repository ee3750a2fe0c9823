"""Pages for one article: Analyse (paste or upload → annotated article, save), stored articles and events.

Article text reaches the HTML solely through autoescaped segments (see
`highlight`); pages call the same functions as the JSON API so a number on a
page is the number the API returns.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from casus.extract.pipeline import analyze
from casus.model import Article
from casus.web import storequeries
from casus.web.api import event_filter
from casus.web.highlight import annotate, find_quote, sentence_around, sentence_spans
from casus.web.inputs import (
    MAX_UPLOAD_BYTES,
    WebInputError,
    article_from_text,
    article_from_upload,
    check_code,
    check_period,
    too_large_message,
)
from casus.web.render import PAGE_SIZE, access, pages, render, store_summary
from casus.web.work import cpu_bound

router = APIRouter(include_in_schema=False)
EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "seed_ar_russia_iran.txt"

# ------------------------------------------------------------------ analyse


@router.get("/")
def home(request: Request, example: bool = False) -> Response:
    """The Analyse form (optionally pre-filled with the bundled seed article)."""
    text = EXAMPLE.read_text(encoding="utf-8") if example else ""
    return render(request, "analyse.html", {"summary": store_summary(access(request)), "text": text,
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


@router.get("/analyse")
def analyse_get() -> Response:
    """A reload of the result page after its POST: back to the form."""
    return RedirectResponse("/", status_code=303)


@router.post("/analyse")
async def analyse(request: Request) -> Response:
    """Pasted text or an uploaded file → the annotated article with its events and claims."""
    form = await _form(request)
    upload = form.get("file")
    pub_date = _field(form, "pub_date")
    if isinstance(upload, UploadFile) and upload.filename:
        data = await upload.read(MAX_UPLOAD_BYTES + 1)
        article = await cpu_bound(request, article_from_upload, upload.filename, data, pub_date)
    else:
        article = article_from_text(_field(form, "text"), _field(form, "title"), pub_date)
    return await cpu_bound(request, _analysed_page, request, article)


def _analysed_page(request: Request, article: Article) -> Response:
    """Extraction, highlighting and rendering: all CPU work, done off the event loop."""
    record = analyze(article).to_dict()
    view = annotate(article.text, record)
    return render(request, "analysed.html", {
        "record": record, "view": view, "text": article.text, "article": article,
        "record_json": json.dumps(record, ensure_ascii=False, indent=1),
        "store_exists": access(request).exists()})


@router.post("/analyse/save")
async def save(request: Request) -> Response:
    """Save the analysed article (re-analysed from the posted text) and open its stored page."""
    form = await _form(request)
    article = article_from_text(_field(form, "text"), None, _field(form, "pub_date"), _field(form, "article_id"))
    result = await cpu_bound(request, analyze, article)
    saved = await run_in_threadpool(access(request).save, result)
    return RedirectResponse(f"/article/{quote(saved.key, safe='')}?saved={int(saved.added)}", status_code=303)


# ---------------------------------------------------------------- articles


@router.get("/article/{ref}")
def article_page(request: Request, ref: str, ev: Annotated[int | None, Query(ge=0)] = None,
                 claim: Annotated[int | None, Query(ge=0)] = None, hl: str | None = None,
                 saved: int | None = None) -> Response:
    """A stored article, annotated; `ev`/`claim` (sequence numbers) or `hl` (quoted text) pick the sentence to show."""
    with access(request).reader() as store:
        record = storequeries.article_record(store, ref)
    if record is None:
        raise HTTPException(404, "No stored article with this key or id.")
    text = record["text"]
    focus, focus_label, missing = _focus(record, ev, claim, (hl or "")[:2000])
    view = annotate(text, record, focus)
    focus_id = None
    if ev is not None:
        focus_id = next((f"e{i}" for i, e in enumerate(record["events"]) if e["seq"] == ev), None)
    elif claim is not None:
        focus_id = next((f"c{i}" for i, c in enumerate(record["claims"]) if c["seq"] == claim), None)
    return render(request, "article.html", {
        "record": record, "view": view, "focus_label": focus_label, "focus_missing": missing and not view.focus_found,
        "saved": saved, "focus_event": ev, "focus_id": focus_id})


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
    with access(request).reader() as store:
        total, rows = storequeries.list_articles(store, **args, offset=(page - 1) * PAGE_SIZE, limit=PAGE_SIZE)
    return render(request, "articles.html", {"rows": rows, "pages": pages(total, page, request),
                                             "f": {"q": q or "", "actor": args["actor"] or "", "lang": lang or "",
                                                   "since": since or "", "until": until or ""}})


@router.get("/events")
def events_page(request: Request, actor: str | None = None, a: str | None = None, b: str | None = None,
                directed: bool = False, type: str | None = None, modality: str | None = None,
                since: str | None = None, until: str | None = None, q: str | None = None,
                page: Annotated[int, Query(ge=1)] = 1) -> Response:
    """Stored events by actor, dyad, type, modality, date range and evidence text; each links to its sentence."""
    flt = event_filter(actor, a, b, directed, type, modality, since, until)
    with access(request).reader() as store:
        total, rows = storequeries.search_events(store, flt, (q or "").strip() or None,
                                                 offset=(page - 1) * PAGE_SIZE, limit=PAGE_SIZE)
    f = {"actor": flt.actor or "", "a": flt.dyad[0] if flt.dyad else "", "b": flt.dyad[1] if flt.dyad else "",
         "directed": directed, "type": flt.type or "", "modality": flt.modality or "", "since": since or "",
         "until": until or "", "q": q or ""}
    return render(request, "events.html", {"rows": rows, "pages": pages(total, page, request), "f": f})
