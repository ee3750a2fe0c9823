"""Store queries only the web stage needs: paging, newest-first lists, one article's record, graph edges.

They build on `casus.analyze.queries.EventFilter.where()` so filters mean
exactly what they mean in `casus events`; the CLI's own queries
(`events`, `dyad_timeline`, `top_actors`) are called directly where their
shape fits.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from casus.analyze.queries import EVENT_COLUMNS, EventFilter, period_after, period_start
from casus.store.db import Store


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, (date, datetime)) else value


def _dicts(cols: list[str], rows: list[tuple]) -> list[dict[str, Any]]:
    return [{c: _plain(v) for c, v in zip(cols, r, strict=True)} for r in rows]


def store_summary(store: Store) -> dict[str, Any]:
    """Counts and the date range, for the header of every page."""
    counts = store.counts()
    first, last = store.con.execute(
        "SELECT min(pub_date), max(pub_date) FROM articles WHERE status = 'ok'").fetchone()
    counts["first"], counts["last"] = _plain(first), _plain(last)
    return counts


def search_events(store: Store, flt: EventFilter, text: str | None = None, offset: int = 0,
                  limit: int = 50, count: bool = True) -> tuple[int, list[dict[str, Any]]]:
    """Events matching `flt` (and containing `text` in their evidence), newest first, one page at a time.

    The total is -1 when `count` is False (lists of "latest events" do not need it).
    """
    where, params = flt.where()
    if text:
        where += (" AND " if where else " WHERE ") + "contains(lower(e.evidence_text), lower(?))"
        params = params + [text]
    base = f"FROM events e JOIN articles a ON a.key = e.article_key{where}"
    total = store.con.execute(f"SELECT count(*) {base}", params).fetchone()[0] if count else -1
    cols = ", ".join(_EVENT_SELECT)
    rows = store.con.execute(
        f"SELECT {cols} {base} ORDER BY e.day DESC NULLS LAST, a.pub_date DESC NULLS LAST, a.id, e.seq "
        f"LIMIT ? OFFSET ?", params + [int(limit), int(offset)]).fetchall()
    return total, _dicts(EVENT_COLUMNS, rows)


_EVENT_SELECT = ["a.id AS article_id", "e.article_key", "e.seq", "e.day", "e.date", "e.type", "e.mode",
                 "e.source_country", "e.source_name", "e.target_country", "e.target_name", "e.modality",
                 "e.confidence", "e.evidence_text", "e.evidence_start", "e.evidence_end", "a.title", "a.pub_date",
                 "a.url"]
assert len(_EVENT_SELECT) == len(EVENT_COLUMNS)


def list_articles(store: Store, text: str | None = None, actor: str | None = None, lang: str | None = None,
                  since: str | None = None, until: str | None = None, offset: int = 0,
                  limit: int = 50) -> tuple[int, list[dict[str, Any]]]:
    """Stored articles (newest first) with their event and state counts."""
    clauses = ["a.status = 'ok'"]
    params: list[Any] = []
    if text:
        clauses.append("(contains(lower(a.title), lower(?)) OR contains(lower(a.text), lower(?)))")
        params += [text, text]
    if actor:
        clauses.append("EXISTS (SELECT 1 FROM mentions m WHERE m.article_key = a.key "
                       "AND (m.actor_code = ? OR m.country = ?))")
        params += [actor, actor]
    if lang:
        clauses.append("a.lang = ?")
        params.append(lang)
    if since:
        clauses.append("a.pub_date >= CAST(? AS DATE)")
        params.append(period_start(since))
    if until:
        clauses.append("a.pub_date < CAST(? AS DATE)")
        params.append(period_after(until))
    where = " WHERE " + " AND ".join(clauses)
    total = store.con.execute(f"SELECT count(*) FROM articles a{where}", params).fetchone()[0]
    cols = ["key", "id", "title", "lang", "pub_date", "url", "source", "n_chars", "events", "states"]
    rows = store.con.execute(
        f"""SELECT a.key, a.id, a.title, a.lang, a.pub_date, a.url, a.source, a.n_chars,
                   (SELECT count(*) FROM events e WHERE e.article_key = a.key) AS events,
                   (SELECT count(DISTINCT m.country) FROM mentions m WHERE m.article_key = a.key) AS states
            FROM articles a{where}
            ORDER BY a.pub_date DESC NULLS LAST, a.ingested_at DESC, a.id LIMIT ? OFFSET ?""",
        params + [int(limit), int(offset)]).fetchall()
    return total, _dicts(cols, rows)


def article_record(store: Store, ref: str) -> dict[str, Any] | None:
    """One stored article as the extract record (`ArticleResult.to_dict()` shape) plus `key` and `text`.

    `ref` is the article's content key or, failing that, its id (the most
    recently ingested article with that id).
    """
    row = store.con.execute(
        "SELECT key, id, title, url, source, lang, pub_date, text FROM articles "
        "WHERE status = 'ok' AND (key = ? OR id = ?) ORDER BY (key = ?) DESC, ingested_at DESC LIMIT 1",
        [ref, ref, ref]).fetchone()
    if row is None:
        return None
    key, art_id, title, url, source, lang, pub_date, text = row
    record: dict[str, Any] = {"id": art_id, "key": key, "lang": lang, "title": title or "",
                              "pub_date": _plain(pub_date), "url": url, "source": source, "text": text or ""}
    record["actors"] = _actors(store, key)
    record["events"] = _events(store, key)
    record["claims"] = _claims(store, key)
    return record


def _actors(store: Store, key: str) -> list[dict[str, Any]]:
    rows = store.con.execute(
        """SELECT m.actor_code, coalesce(ac.country, m.country), ac.name, ac.kind, ac.role,
                  m.start, m."end", m.text, m.via
           FROM mentions m LEFT JOIN actors ac ON ac.code = m.actor_code
           WHERE m.article_key = ? ORDER BY m.seq""", [key]).fetchall()
    actors: dict[str, dict[str, Any]] = {}
    for code, country, name, kind, role, start, end, text, via in rows:
        actor = actors.setdefault(code, {"code": code, "country": country, "name": name or code,
                                         "kind": kind or "unknown", "mentions": []})
        if role:
            actor["role"] = role
        actor["mentions"].append({"start": start, "end": end, "text": text, "via": via})
    return list(actors.values())


def _events(store: Store, key: str) -> list[dict[str, Any]]:
    rows = store.con.execute(
        """SELECT seq, sentence, type, mode, source_code, source_country, source_name, source_kind,
                  target_code, target_country, target_name, target_kind, date, date_precision, modality,
                  confidence, evidence_text, evidence_start, evidence_end, trigger
           FROM events WHERE article_key = ? ORDER BY seq""", [key]).fetchall()
    out = []
    for (seq, sentence, typ, mode, s_code, s_country, s_name, s_kind, t_code, t_country, t_name, t_kind,
         ev_date, precision, modality, confidence, ev_text, ev_start, ev_end, trigger) in rows:
        out.append({
            "seq": seq, "type": typ, "mode": mode,
            "source": {"code": s_code, "country": s_country, "name": s_name, "kind": s_kind, "text": None},
            "target": {"code": t_code, "country": t_country, "name": t_name, "kind": t_kind, "text": None},
            "modality": modality, "evidence": {"text": ev_text, "start": ev_start, "end": ev_end},
            "sentence": sentence, "date": ev_date, "date_precision": precision, "confidence": confidence,
            "trigger": trigger,
        })
    return out


def _claims(store: Store, key: str) -> list[dict[str, Any]]:
    rows = store.con.execute(
        """SELECT seq, phrase, band, probability, low, high, evidence_text, evidence_start, evidence_end,
                  sentence, lang, event_seq, proposition
           FROM claims WHERE article_key = ? ORDER BY seq""", [key]).fetchall()
    return [{"seq": seq, "phrase": phrase, "band": band, "probability": p, "low": low, "high": high,
             "evidence": {"text": text, "start": start, "end": end}, "sentence": sentence, "lang": lang,
             "event": event, "proposition": prop}
            for seq, phrase, band, p, low, high, text, start, end, sentence, lang, event, prop in rows]


def actor_names(store: Store, codes: list[str]) -> dict[str, str]:
    """Display names of actor codes (states' codes are their own actor codes)."""
    if not codes:
        return {}
    marks = ", ".join("?" for _ in codes)
    rows = store.con.execute(f"SELECT code, name FROM actors WHERE code IN ({marks})", list(codes)).fetchall()
    return {code: name for code, name in rows}


def pair_type_counts(store: Store, since: str | None = None, until: str | None = None,
                     actor: str | None = None) -> list[tuple[str, str, str, int]]:
    """(source state, target state, type, n) for asserted events between two different states."""
    flt = EventFilter(modality="asserted", since=since, until=until, actor=actor)
    where, params = flt.where()
    return store.con.execute(
        f"SELECT e.source_country, e.target_country, e.type, count(*) FROM events e "
        f"JOIN articles a ON a.key = e.article_key{where} AND e.source_country IS NOT NULL "
        f"AND e.target_country IS NOT NULL AND e.source_country <> e.target_country GROUP BY ALL",
        params).fetchall()


def dyad_totals(store: Store, a: str, b: str, since: str | None = None,
                until: str | None = None) -> dict[str, dict[str, int]]:
    """Events of the pair per type and modality (all modalities; the timeline counts asserted only)."""
    flt = EventFilter(dyad=(a, b), since=since, until=until)
    where, params = flt.where()
    rows = store.con.execute(
        f"SELECT e.type, e.modality, count(*) FROM events e JOIN articles a ON a.key = e.article_key{where} "
        f"GROUP BY ALL", params).fetchall()
    out: dict[str, dict[str, int]] = {}
    for typ, modality, n in rows:
        out.setdefault(typ, {})[modality] = n
    return out
