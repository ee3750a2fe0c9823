"""Annotated article text: untrusted text cut into segments that templates escape.

Highlighting never builds HTML from article text. The text is cut at every
annotation boundary into plain segments, each carrying the annotation ids,
CSS classes and tooltip that apply to it; the template writes each segment's
text through Jinja2's autoescaping. So a `<script>` in an article is shown,
never run.

Annotations come from an extract record (`ArticleResult.to_dict()` shape,
also produced from the store by `storequeries.article_record`): actor
mentions, event evidence spans with their trigger word, and estimative claim
phrases; plus optional "focus" spans (the sentence a link points at).
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from casus.analyze.queries import plover_weights
from casus.text.lang import detect_language


@dataclass(slots=True)
class Segment:
    text: str
    ids: str = ""
    classes: str = ""
    title: str = ""
    anchor: str | None = None


@dataclass(slots=True)
class Paragraph:
    dir: str
    lang: str
    segments: list[Segment] = field(default_factory=list)
    is_title: bool = False


@dataclass(slots=True)
class Annotated:
    """What the article template needs: paragraphs of segments and the details behind each annotation id."""

    dir: str
    lang: str
    paragraphs: list[Paragraph]
    details: dict[str, dict[str, Any]]
    events: list[dict[str, Any]]
    claims: list[dict[str, Any]]
    actors: list[dict[str, Any]]
    focus_found: bool = False


@dataclass(slots=True)
class _Ann:
    start: int
    end: int
    id: str
    classes: tuple[str, ...]
    title: str
    order: int


def side_label(side: dict[str, Any] | None) -> str:
    """"Russia (RUS)" for an event side; the code alone when there is no name."""
    if not side:
        return "?"
    code = side.get("country") or side.get("code") or "?"
    name = side.get("name") or ""
    return f"{name} ({code})" if name and name != code else code


def polarity(event_type: str) -> str:
    """coop / conf / neutral, from the sign of the PLOVER weight (as the dyad score uses it)."""
    weight = plover_weights().get(event_type, 0.0)
    return "coop" if weight > 0 else "conf" if weight < 0 else "neutral"


def sentence_spans(text: str, title: str, lang: str | None) -> list[tuple[int, int]]:
    """Sentence spans in the original text, split exactly as the extraction pipeline splits them."""
    from casus.extract.document import Document
    from casus.model import Article

    doc = Document.from_article(Article(id="", text=text, title=title or "", lang=lang))
    return [doc.norm.to_original(s.start, s.end) for s in doc.sentences]


def sentence_around(spans: list[tuple[int, int]], start: int, end: int) -> tuple[int, int]:
    """The sentence(s) covering [start, end); the span itself if it lies outside every sentence."""
    starts = [s for s, _ in spans]
    i = bisect_right(starts, start) - 1
    if i < 0 or not (spans[i][0] <= start < spans[i][1] + 1):
        return start, end
    j = i
    while j + 1 < len(spans) and spans[j][1] < end:
        j += 1
    return spans[i][0], max(spans[j][1], end)


def find_quote(text: str, quote: str, title: str = "", lang: str | None = None) -> tuple[int, int] | None:
    """Where a quoted evidence text occurs in the article, tolerating Arabic spelling variants."""
    quote = (quote or "").strip()
    if not quote:
        return None
    at = text.find(quote)
    if at >= 0:
        return at, at + len(quote)
    from casus.extract.document import Document
    from casus.model import Article
    from casus.text.normalize import fold

    doc = Document.from_article(Article(id="", text=text, title=title or "", lang=lang))
    folded = fold(quote)
    at = doc.norm.text.find(folded)
    if at < 0:
        return None
    return doc.norm.to_original(at, at + len(folded))


def annotate(text: str, record: dict[str, Any], focus: list[tuple[int, int]] | None = None) -> Annotated:
    """Cut `text` into annotated paragraphs for the extract `record` (see module docstring)."""
    anns: list[_Ann] = []
    details: dict[str, dict[str, Any]] = {}
    actors = _actor_annotations(text, record.get("actors", []), anns, details)
    events = _event_annotations(text, record.get("events", []), anns, details)
    claims = _claim_annotations(text, record.get("claims", []), anns, details)
    for n, (start, end) in enumerate(focus or []):
        if 0 <= start < end <= len(text):
            anns.append(_Ann(start, end, "", ("focus",), "", 100 + n))
    lang = record.get("lang") or detect_language(text)
    paragraphs = _paragraphs(text, anns, record.get("title") or "")
    found = any("focus" in s.classes for p in paragraphs for s in p.segments)
    return Annotated(dir=_dir(lang), lang=lang, paragraphs=paragraphs, details=details, events=events,
                     claims=claims, actors=actors, focus_found=found)


def _dir(lang: str) -> str:
    return "rtl" if lang == "ar" else "ltr"


def _valid(text: str, start: Any, end: Any) -> bool:
    return isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)


def _actor_annotations(text: str, actors: list[dict[str, Any]], anns: list[_Ann],
                       details: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    rows = []
    for j, actor in enumerate(actors):
        aid = f"a{j}"
        code = actor.get("code") or "?"
        name = actor.get("name") or code
        kind = actor.get("kind") or "unknown"
        label = f"{name} ({code})" if name != code else code
        details[aid] = {"kind": "actor", "label": label, "code": code, "country": actor.get("country"),
                        "actor_kind": kind, "role": actor.get("role"), "person": actor.get("person"),
                        "mentions": len(actor.get("mentions", []))}
        forms: list[str] = []
        for m in actor.get("mentions", []):
            if not _valid(text, m.get("start"), m.get("end")):
                continue
            title = f"{label} · {kind} · named by {m.get('via') or 'name'}"
            anns.append(_Ann(m["start"], m["end"], aid, ("m", f"k-{_css(kind)}"), title, 0))
            if m.get("text") and m["text"] not in forms:
                forms.append(m["text"])
        rows.append({"id": aid, "code": code, "name": name, "kind": kind, "country": actor.get("country"),
                     "role": actor.get("role"), "mentions": len(actor.get("mentions", [])), "forms": forms[:4]})
    return rows


def _event_annotations(text: str, events: list[dict[str, Any]], anns: list[_Ann],
                       details: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    rows = []
    for i, ev in enumerate(events):
        eid = f"e{i}"
        typ = ev.get("type") or "?"
        pol = polarity(typ)
        src, tgt = side_label(ev.get("source")), side_label(ev.get("target"))
        evidence = ev.get("evidence") or {}
        confidence = ev.get("confidence")
        conf_text = f"{confidence:.2f}" if isinstance(confidence, (int, float)) else "?"
        kind = f"{typ}/{ev['mode']}" if ev.get("mode") else typ
        title = (f"{kind} · {src} → {tgt} · {ev.get('date') or 'undated'} · {ev.get('modality')} · "
                 f"confidence {conf_text}")
        details[eid] = {"kind": "event", "n": i + 1, "type": typ, "mode": ev.get("mode"), "source": src,
                        "target": tgt, "date": ev.get("date"), "modality": ev.get("modality"),
                        "confidence": conf_text, "trigger": ev.get("trigger"), "evidence": evidence.get("text"),
                        "polarity": pol}
        start, end = evidence.get("start"), evidence.get("end")
        if _valid(text, start, end):
            anns.append(_Ann(start, end, eid, ("ev", f"mod-{_css(ev.get('modality'))}", pol), title, 1))
            trigger = ev.get("trigger")
            at = text.find(trigger, start, end) if trigger else -1
            if at >= 0:
                anns.append(_Ann(at, at + len(trigger), eid, ("trg",), f"trigger “{trigger}” → {typ}", 2))
        rows.append({**ev, "id": eid, "n": i + 1, "polarity": pol, "source_label": src, "target_label": tgt,
                     "confidence_text": conf_text})
    return rows


def _claim_annotations(text: str, claims: list[dict[str, Any]], anns: list[_Ann],
                       details: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    rows = []
    for i, claim in enumerate(claims):
        cid = f"c{i}"
        low, high = claim.get("low"), claim.get("high")
        band = claim.get("band") or "?"
        rng = f"{low:.0%}–{high:.0%}" if isinstance(low, (int, float)) and isinstance(high, (int, float)) else ""
        details[cid] = {"kind": "claim", "phrase": claim.get("phrase"), "band": band, "range": rng,
                        "proposition": claim.get("proposition"),
                        "event": (claim["event"] + 1) if isinstance(claim.get("event"), int) else None}
        evidence = claim.get("evidence") or {}
        start, end = evidence.get("start"), evidence.get("end")
        phrase = claim.get("phrase")
        if _valid(text, start, end) and phrase:
            at = text.find(phrase, start, end)
            if at >= 0:
                anns.append(_Ann(at, at + len(phrase), cid, ("clm",), f"estimative “{phrase}”: {band} {rng}", 3))
        rows.append({**claim, "id": cid, "n": i + 1, "range": rng})
    return rows


def _css(value: Any) -> str:
    """A class-name-safe token (record values are data, not markup)."""
    return "".join(ch for ch in str(value or "none").lower() if ch.isalnum() or ch == "-")[:20] or "none"


def _paragraphs(text: str, anns: list[_Ann], title: str) -> list[Paragraph]:
    """Sweep the annotation boundaries once; split the pieces into paragraphs at newlines."""
    points: dict[int, list[tuple[int, int]]] = {}
    for k, ann in enumerate(anns):
        points.setdefault(ann.start, []).append((1, k))
        points.setdefault(ann.end, []).append((-1, k))
    bounds = sorted(set(points) | {0, len(text)})
    active: set[int] = set()
    paragraphs: list[Paragraph] = []
    current: list[Segment] = []
    anchored = False

    def close() -> None:
        nonlocal current
        if current and "".join(s.text for s in current).strip():
            plain = "".join(s.text for s in current)
            lang = detect_language(plain)
            is_title = not paragraphs and bool(title) and plain.strip() == title.strip()
            paragraphs.append(Paragraph(dir=_dir(lang), lang=lang, segments=current, is_title=is_title))
        current = []

    for pos, nxt in pairwise(bounds):
        for delta, k in points.get(pos, ()):
            if delta < 0:
                active.discard(k)
        for delta, k in points.get(pos, ()):
            if delta > 0:
                active.add(k)
        piece = text[pos:nxt]
        on = sorted((anns[k] for k in active), key=lambda a: (a.order, a.start))
        ids = " ".join(dict.fromkeys(a.id for a in on if a.id))
        classes = " ".join(dict.fromkeys(c for a in on for c in a.classes))
        tip = "\n".join(dict.fromkeys(a.title for a in on if a.title))
        for n, line in enumerate(piece.split("\n")):
            if n:
                close()
            if not line:
                continue
            anchor = None
            if "focus" in classes and not anchored:
                anchor, anchored = "hl", True
            current.append(Segment(line, ids, classes, tip, anchor))
    close()
    return paragraphs
