"""The human report for one analysed article (rich tables on the terminal)."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from casus.model import ArticleResult

_MODALITY_STYLE = {"asserted": "green", "negated": "red", "hypothetical": "yellow"}


def print_report(result: ArticleResult, console: Console) -> None:
    art = result.article
    console.rule(f"[bold]{art.title or art.id}")
    meta = [f"id [bold]{art.id}[/]", f"language [bold]{result.lang}[/]",
            f"published [bold]{art.pub_date or 'unknown'}[/]"]
    console.print("   ".join(meta))

    states = [a for a in result.actors if a.kind == "state"]
    others = [a for a in result.actors if a.kind != "state"]
    table = Table(title=f"States mentioned ({len(states)})", title_justify="left", expand=False)
    table.add_column("code", style="bold cyan")
    table.add_column("state")
    table.add_column("mentions", justify="right")
    table.add_column("as written (first few)")
    for a in states:
        forms = list(dict.fromkeys(m.text for m in a.mentions))[:4]
        table.add_row(a.code, a.name, str(len(a.mentions)), " · ".join(forms))
    console.print(table)
    if others:
        table = Table(title="People and organisations", title_justify="left")
        table.add_column("name")
        table.add_column("kind")
        table.add_column("state")
        table.add_column("mentions", justify="right")
        for a in others:
            table.add_row(a.name, a.role or a.kind, a.country or "—", str(len(a.mentions)))
        console.print(table)

    table = Table(title=f"Events ({len(result.events)})", title_justify="left", show_lines=True)
    table.add_column("#", justify="right")
    table.add_column("type", style="bold")
    table.add_column("source → target")
    table.add_column("date")
    table.add_column("modality")
    table.add_column("conf.", justify="right")
    table.add_column("evidence", overflow="fold", max_width=70)
    for i, ev in enumerate(result.events, 1):
        style = _MODALITY_STYLE.get(ev.modality, "")
        kind = f"{ev.type}" + (f" ({ev.mode})" if ev.mode else "")
        table.add_row(str(i), kind, f"{ev.source.country} → {ev.target.country}", ev.date or "—",
                      f"[{style}]{ev.modality}[/]", f"{ev.confidence:.2f}", ev.evidence.text)
    console.print(table)

    if result.claims:
        table = Table(title=f"Estimative claims ({len(result.claims)})", title_justify="left", show_lines=True)
        table.add_column("phrase", style="bold")
        table.add_column("band")
        table.add_column("probability", justify="right")
        table.add_column("about", overflow="fold", max_width=70)
        for c in result.claims:
            about = c.proposition or c.evidence.text
            if c.event is not None and c.event < len(result.events):
                ev = result.events[c.event]
                about = f"event #{c.event + 1} {ev.type} {ev.source.country}→{ev.target.country}: {about}"
            table.add_row(c.phrase, c.band.replace("_", " "), f"{c.low:.0%}–{c.high:.0%}", about)
        console.print(table)
