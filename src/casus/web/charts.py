"""Plotly figures (as plain JSON dicts) for the dyad and graph pages.

Figures are built server-side as data, embedded with Jinja2's `tojson` (which
escapes `<`, `>` and `&`) and drawn by the plotly.js bundled in the plotly
wheel. Only codes, names, counts and scores go into a figure, never article
text.
"""

from __future__ import annotations

import html
from typing import Any

from casus.analyze.queries import plover_weights
from casus.model import PLOVER_TYPES

_TYPE_COLOURS = {
    "AGREE": "#2e7d32", "CONSULT": "#81c784", "SUPPORT": "#43a047", "CONCEDE": "#00897b",
    "COOPERATE": "#1b5e20", "AID": "#0277bd", "RETREAT": "#4db6ac", "REQUEST": "#9ccc65",
    "ACCUSE": "#ffb74d", "REJECT": "#fb8c00", "THREATEN": "#e65100", "PROTEST": "#f06292",
    "SANCTION": "#8d6e63", "MOBILIZE": "#c62828", "COERCE": "#ad1457", "ASSAULT": "#7f0000",
}
_FONT = {"family": "system-ui, -apple-system, 'Segoe UI', 'Noto Sans Arabic', sans-serif", "size": 12,
         "color": "#1f2933"}


def type_colour(event_type: str) -> str:
    return _TYPE_COLOURS.get(event_type, "#607d8b")


def tone_colour(mean: float) -> str:
    """Red (conflict) through grey to green (cooperation) for a −10..+10 mean tone."""
    t = max(-1.0, min(1.0, mean / 6.0))
    grey = (150, 156, 163)
    end = (46, 125, 50) if t > 0 else (198, 40, 40)
    r, g, b = (round(grey[i] + (end[i] - grey[i]) * abs(t)) for i in range(3))
    return f"rgb({r},{g},{b})"


def _text(value: Any) -> str:
    """Plotly renders a few HTML-like tags in labels; escape names so they are shown literally."""
    return html.escape(str(value), quote=False)


def dyad_figure(timeline: dict[str, Any], names: dict[str, str]) -> dict[str, Any]:
    """Stacked counts per PLOVER type per period (top) and the mean cooperation–conflict tone (bottom)."""
    a, b = timeline["dyad"]
    periods = timeline["periods"]
    xs = [p["period"] for p in periods]
    data: list[dict[str, Any]] = []
    for typ in PLOVER_TYPES:
        ys = [p["counts"].get(typ, 0) for p in periods]
        if any(ys):
            data.append({"type": "bar", "name": typ, "x": xs, "y": ys, "marker": {"color": type_colour(typ)},
                         "hovertemplate": f"{typ}: %{{y}} in %{{x}}<extra></extra>", "yaxis": "y"})
    means = [p["mean"] for p in periods]
    data.append({"type": "scatter", "mode": "lines+markers", "name": "mean tone", "x": xs, "y": means,
                 "yaxis": "y2", "line": {"color": "#37474f", "width": 2},
                 "marker": {"color": [tone_colour(m) for m in means], "size": 9,
                            "line": {"color": "#37474f", "width": 1}},
                 "customdata": [[p["events"], p["score"]] for p in periods],
                 "hovertemplate": "%{x}: mean %{y:+.2f} (score %{customdata[1]:+.1f} over "
                                  "%{customdata[0]} events)<extra></extra>"})
    label_a, label_b = _text(names.get(a, a)), _text(names.get(b, b))
    layout = {
        "barmode": "stack", "font": _FONT, "height": 460, "margin": {"l": 56, "r": 16, "t": 48, "b": 40},
        "meta": {"dyad": f"{label_a} – {label_b}"},
        "xaxis": {"type": "category", "anchor": "y2"},
        "yaxis": {"domain": [0.42, 1.0], "title": {"text": "events"}, "rangemode": "tozero"},
        "yaxis2": {"domain": [0.0, 0.32], "title": {"text": "mean tone"}, "range": [-10.5, 10.5],
                   "zeroline": True, "zerolinecolor": "#9aa5b1", "tickvals": [-10, -5, 0, 5, 10]},
        "legend": {"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 0, "font": {"size": 11}},
        "paper_bgcolor": "#ffffff", "plot_bgcolor": "#fbfcfd",
        "shapes": [{"type": "rect", "xref": "paper", "yref": "y2", "x0": 0, "x1": 1, "y0": 0, "y1": 10.5,
                    "fillcolor": "rgba(46,125,50,0.05)", "line": {"width": 0}, "layer": "below"},
                   {"type": "rect", "xref": "paper", "yref": "y2", "x0": 0, "x1": 1, "y0": -10.5, "y1": 0,
                    "fillcolor": "rgba(198,40,40,0.05)", "line": {"width": 0}, "layer": "below"}],
    }
    return {"data": data, "layout": layout}


def graph_figure(graph: dict[str, Any]) -> dict[str, Any]:
    """States as nodes, one line per pair coloured by mean tone; clicking leads to the dyad or actor page."""
    pos = {n["code"]: (n["x"], n["y"]) for n in graph["nodes"]}
    data: list[dict[str, Any]] = []
    mid_x, mid_y, mid_text, mid_link, mid_colour = [], [], [], [], []
    top = max((e["events"] for e in graph["edges"]), default=1)
    for e in sorted(graph["edges"], key=lambda e: e["events"]):
        (x0, y0), (x1, y1) = pos[e["a"]], pos[e["b"]]
        colour = tone_colour(e["mean"])
        width = 1.0 + 7.0 * (e["events"] / top) ** 0.5
        data.append({"type": "scatter", "mode": "lines", "x": [x0, x1], "y": [y0, y1], "hoverinfo": "skip",
                     "line": {"color": colour, "width": round(width, 2)}, "showlegend": False,
                     "opacity": 0.85})
        mid_x.append((x0 + x1) / 2)
        mid_y.append((y0 + y1) / 2)
        mid_colour.append(colour)
        mid_link.append(f"/dyad/{e['a']}/{e['b']}")
        tops = ", ".join(f"{t} {n}" for t, n in e["top_types"])
        mid_text.append(f"{_text(e['a'])} – {_text(e['b'])}: {e['events']} events, mean {e['mean']:+.2f}"
                        f"<br>{_text(tops)}")
    data.append({"type": "scatter", "mode": "markers", "x": mid_x, "y": mid_y, "text": mid_text,
                 "customdata": mid_link, "hovertemplate": "%{text}<extra>click: dyad view</extra>",
                 "marker": {"size": 9, "color": mid_colour, "symbol": "diamond", "opacity": 0.9},
                 "showlegend": False, "name": "pairs"})
    nodes = graph["nodes"]
    biggest = max((n["events"] for n in nodes), default=1)
    data.append({"type": "scatter", "mode": "markers+text", "name": "states",
                 "x": [n["x"] for n in nodes], "y": [n["y"] for n in nodes],
                 "text": [_text(n["code"]) for n in nodes], "textposition": "top center",
                 "customdata": [f"/events?actor={n['code']}" for n in nodes],
                 "hovertext": [f"{_text(n['name'])} ({_text(n['code'])}): {n['events']} events, "
                               f"{n['partners']} partners" for n in nodes],
                 "hovertemplate": "%{hovertext}<extra>click: its events</extra>",
                 "marker": {"size": [12 + 26 * (n["events"] / biggest) ** 0.5 for n in nodes],
                            "color": [tone_colour(n["mean"]) for n in nodes],
                            "line": {"color": "#1f2933", "width": 1.2}},
                 "showlegend": False})
    layout = {"font": _FONT, "height": 640, "margin": {"l": 10, "r": 10, "t": 10, "b": 10},
              "xaxis": {"visible": False}, "yaxis": {"visible": False, "scaleanchor": "x"},
              "hovermode": "closest", "paper_bgcolor": "#ffffff", "plot_bgcolor": "#ffffff",
              "dragmode": "pan"}
    return {"data": data, "layout": layout}


def weights_table() -> list[tuple[str, float, str]]:
    """(type, weight, colour) rows for the legend of the scoring scale."""
    weights = plover_weights()
    return [(t, weights.get(t, 0.0), type_colour(t)) for t in PLOVER_TYPES]
