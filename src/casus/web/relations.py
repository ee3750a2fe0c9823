"""Relations pages: the dyad index, one dyad over time, and the graph of states."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import RedirectResponse, Response

from casus.analyze.queries import EventFilter, dyad_timeline
from casus.model import MODALITIES, PLOVER_TYPES
from casus.web import storequeries
from casus.web.charts import dyad_figure, graph_figure, weights_table
from casus.web.graph import build_graph, pair_edges
from casus.web.inputs import check_code, check_period
from casus.web.render import access, render

router = APIRouter(include_in_schema=False)

# -------------------------------------------------------------------- dyads


@router.get("/dyad")
def dyad_index(request: Request, a: str | None = None, b: str | None = None) -> Response:
    """Pick a pair (redirects to /dyad/A/B) or browse the busiest pairs."""
    a, b = check_code(a, "a"), check_code(b, "b")
    if a and b:
        return RedirectResponse(f"/dyad/{a}/{b}", status_code=303)
    with access(request).reader() as store:
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
    with access(request).reader() as store:
        timeline = dyad_timeline(store, a, b, by=by, since=since, until=until)
        totals = storequeries.dyad_totals(store, a, b, since, until)
        names = storequeries.actor_names(store, [a, b])
        _, latest = storequeries.search_events(store, EventFilter(dyad=(a, b), since=since, until=until),
                                               limit=25, count=False)
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
    with access(request).reader() as store:
        rows = storequeries.pair_type_counts(store, since, until)
        names = storequeries.actor_names(store, sorted({r[0] for r in rows} | {r[1] for r in rows}))
    graph = build_graph(rows, names, min_events=min_events, max_nodes=max_nodes)
    return render(request, "graph.html", {
        "graph": graph, "figure": graph_figure(graph) if graph["nodes"] else None, "names": names,
        "f": {"since": since or "", "until": until or "", "min_events": min_events, "max_nodes": max_nodes}})
