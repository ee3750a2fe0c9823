"""The Ask page: a question (or patron/client/attacker) → the assessment with linked evidence."""

from __future__ import annotations

import json
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from casus.web import assessment
from casus.web.assessview import present
from casus.web.inputs import check_attacker, check_code, check_date, check_scale
from casus.web.render import access, render
from casus.web.storeaccess import StoreUnavailable

router = APIRouter(include_in_schema=False)

# ---------------------------------------------------------------------- ask


@router.get("/ask")
def ask_page(request: Request, q: str | None = None, patron: str | None = None, client: str | None = None,
             attacker: str | None = None, as_of: str | None = None, scale: str | None = None) -> Response:
    """A question (or patron/client/attacker) → probability, factors and their evidence, linked to articles."""
    store_access = access(request)
    question = (q or "").strip()[:2000]
    form = {"q": question, "patron": (patron or "").strip().upper()[:12], "client": (client or "").strip().upper()[:12],
            "attacker": (attacker or "").strip().upper()[:40], "as_of": (as_of or "").strip()[:10],
            "scale": check_scale(scale)}
    ctx: dict[str, Any] = {"form": form, "available": assessment.available(), "result": None, "view": None}
    if not ctx["available"] or not (question or (form["patron"] and form["client"])):
        return render(request, "ask.html", ctx)
    as_of_date = check_date(as_of, "as_of")
    try:
        with store_access.shared():
            if question:
                result = assessment.ask(question, as_of_date, str(store_access.path), form["scale"])
            else:
                result = assessment.assess(check_code(patron, "patron") or "", check_code(client, "client") or "",
                                           check_attacker(attacker), as_of_date, str(store_access.path),
                                           form["scale"])
    except (ValueError, LookupError, assessment.AssessmentUnavailable) as exc:  # shown on the form
        result = {"error": str(exc).strip("'\"")[:300], "missing": None, "suggestion": None}
    if isinstance(result, dict) and "probability" in result:
        try:
            with store_access.reader() as store:
                refs = assessment.article_refs(store, assessment.evidence_sources(result))
        except StoreUnavailable:
            refs = {}
        assessment.link_evidence(result, refs)
    ctx["result"] = result
    ctx["view"] = present(result) if isinstance(result, dict) and "probability" in result else None
    ctx["result_json"] = json.dumps(result, ensure_ascii=False, indent=1, default=str)
    return render(request, "ask.html", ctx)
