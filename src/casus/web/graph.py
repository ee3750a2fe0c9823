"""The relations graph: states as nodes, pairs weighted by their asserted events.

A deterministic force-directed layout (Fruchterman–Reingold in numpy) is
computed server-side so that the same store and period always draw the same
picture, and the browser only has to render it.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import numpy as np

from casus.analyze.queries import plover_weights


def pair_edges(rows: list[tuple[str, str, str, int]]) -> list[dict[str, Any]]:
    """Undirected pairs from (source, target, type, n) rows: events, score, mean tone, top types; busiest first."""
    weights = plover_weights()
    pairs: dict[tuple[str, str], dict[str, Any]] = {}
    for src, tgt, typ, n in rows:
        a, b = sorted((src, tgt))
        edge = pairs.setdefault((a, b), {"a": a, "b": b, "events": 0, "score": 0.0, "types": defaultdict(int),
                                         f"{a}->{b}": 0, f"{b}->{a}": 0})
        edge["events"] += n
        edge["score"] += weights.get(typ, 0.0) * n
        edge["types"][typ] += n
        edge[f"{src}->{tgt}"] += n
    edges = list(pairs.values())
    for e in edges:
        e["score"] = round(e["score"], 2)
        e["mean"] = round(e["score"] / e["events"], 2)
        e["top_types"] = sorted(e.pop("types").items(), key=lambda kv: (-kv[1], kv[0]))[:3]
    edges.sort(key=lambda e: (-e["events"], e["a"], e["b"]))
    return edges


def build_graph(rows: list[tuple[str, str, str, int]], names: dict[str, str], min_events: int = 1,
                max_nodes: int = 80) -> dict[str, Any]:
    """Nodes (the busiest `max_nodes` states) and edges with at least `min_events` events, laid out."""
    edges = [e for e in pair_edges(rows) if e["events"] >= min_events]
    totals: dict[str, dict[str, float]] = defaultdict(lambda: {"events": 0, "score": 0.0, "partners": 0})
    for e in edges:
        for code in (e["a"], e["b"]):
            totals[code]["events"] += e["events"]
            totals[code]["score"] += e["score"]
            totals[code]["partners"] += 1
    keep = sorted(totals, key=lambda c: (-totals[c]["events"], c))[:max_nodes]
    kept = set(keep)
    edges = [e for e in edges if e["a"] in kept and e["b"] in kept]
    index = {code: i for i, code in enumerate(keep)}
    xy = spring_layout(len(keep), [(index[e["a"]], index[e["b"]], e["events"]) for e in edges])
    nodes = [{"code": c, "name": names.get(c, c), "events": int(totals[c]["events"]),
              "partners": int(totals[c]["partners"]),
              "mean": round(totals[c]["score"] / totals[c]["events"], 2) if totals[c]["events"] else 0.0,
              "x": round(float(xy[i, 0]), 4), "y": round(float(xy[i, 1]), 4)} for i, c in enumerate(keep)]
    return {"nodes": nodes, "edges": edges}


def spring_layout(n: int, edges: list[tuple[int, int, float]], iterations: int = 150) -> np.ndarray:
    """Fruchterman–Reingold positions in [-1, 1]², starting from a circle so the result is deterministic."""
    if n == 0:
        return np.zeros((0, 2))
    if n == 1:
        return np.zeros((1, 2))
    angles = np.linspace(0, 2 * np.pi, n, endpoint=False)
    pos = np.column_stack([np.cos(angles), np.sin(angles)])
    k = np.sqrt(4.0 / n)
    top = max((w for _, _, w in edges), default=1.0)
    src = np.array([i for i, _, _ in edges], dtype=int)
    dst = np.array([j for _, j, _ in edges], dtype=int)
    strength = np.array([0.3 + 0.7 * (w / top) ** 0.5 for _, _, w in edges])
    temp = 0.2
    for _ in range(iterations):
        delta = pos[:, None, :] - pos[None, :, :]
        dist = np.maximum(np.linalg.norm(delta, axis=-1), 1e-3)
        disp = (delta / dist[..., None] * (k * k / dist)[..., None]).sum(axis=1)
        if len(edges):
            d = pos[src] - pos[dst]
            dd = np.maximum(np.linalg.norm(d, axis=-1), 1e-3)
            force = (d / dd[:, None]) * (dd * dd / k * strength)[:, None]
            np.add.at(disp, src, -force)
            np.add.at(disp, dst, force)
        disp -= pos * 0.05  # weak gravity keeps unconnected parts on screen
        length = np.maximum(np.linalg.norm(disp, axis=-1), 1e-9)
        pos += disp / length[:, None] * np.minimum(length, temp)[:, None]
        temp = max(temp * 0.97, 0.005)
    pos -= pos.mean(axis=0)
    scale = np.abs(pos).max()
    return pos / scale if scale > 0 else pos
