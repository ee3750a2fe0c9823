"""News evidence from the casus store, strictly up to the assessment date.

The store is opened read-only and never written. An event counts only if both
the event day and its article's publication date are on or before `as_of`
(an article from the future cannot inform a forecast for the past). Queries
are narrow (by country pair and PLOVER type) so they stay fast on a big store.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from casus.assess.evidence import Evidence
from casus.assess.mentions import mentioned_states
from casus.store.db import Store, StoreError

ATTACK_TYPES = ("ASSAULT",)
TIES_TYPES = ("AGREE", "COOPERATE", "AID", "SUPPORT", "CONSULT")
WORDS_TYPES = ("ACCUSE", "PROTEST", "REJECT", "THREATEN", "SUPPORT", "CONSULT")


@dataclass(frozen=True, slots=True)
class NewsEvent:
    article_id: str
    title: str | None
    pub_date: str | None
    day: str | None
    date: str | None          # the date as written in the article (None: only the publication date is known)
    type: str
    mode: str | None
    source: str | None
    target: str | None
    modality: str
    confidence: float
    text: str

    def evidence(self, prefix: str = "") -> Evidence:
        what = f"{self.source}→{self.target} {self.type}{'/' + self.mode if self.mode else ''}"
        if self.modality != "asserted":
            what += f" ({self.modality})"
        return Evidence("news", f"{prefix}{what}: «{self.text}» (event confidence {self.confidence:.2f})",
                        f"article {self.article_id}", self.day, article=self.article_id, title=self.title)


@dataclass(frozen=True, slots=True)
class NewsClaim:
    article_id: str
    title: str | None
    pub_date: str | None
    phrase: str
    band: str
    probability: float | None
    low: float | None
    high: float | None
    text: str
    proposition: str | None
    lang: str | None
    states: tuple[str, ...]

    def to_dict(self) -> dict:
        return {"phrase": self.phrase, "band": self.band, "probability": self.probability, "low": self.low,
                "high": self.high, "text": self.text, "proposition": self.proposition, "states": list(self.states),
                "source": f"article {self.article_id}", "article": self.article_id, "title": self.title,
                "date": self.pub_date, "lang": self.lang}


class News:
    """Events and claims from one store as of one date; `available` is False without a store."""

    def __init__(self, db: str | Path | None, as_of: date) -> None:
        self.as_of = as_of
        self.path = Path(db) if db is not None else None
        self.store: Store | None = None
        self.note = ""
        if self.path is None:
            self.note = "no news store given: assessed from reference data alone, no news evidence used"
            return
        if not self.path.exists():
            self.note = f"no news store at {self.path}: assessed from reference data alone, no news evidence used"
            return
        try:
            self.store = Store(self.path, read_only=True)
        except StoreError as exc:
            self.note = f"{exc}: assessed from reference data alone, no news evidence used"

    @property
    def available(self) -> bool:
        return self.store is not None

    def close(self) -> None:
        if self.store is not None:
            self.store.close()
            self.store = None

    def __enter__(self) -> News:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def counts(self) -> dict[str, int]:
        """Articles and events in the store up to `as_of` (what the assessment could draw on)."""
        if self.store is None:
            return {"articles": 0, "events": 0, "claims": 0}
        con = self.store.con
        day = self.as_of.isoformat()
        arts = con.execute("SELECT count(*) FROM articles WHERE pub_date <= CAST(? AS DATE)", [day]).fetchone()[0]
        evs = con.execute("SELECT count(*) FROM events e JOIN articles a ON a.key = e.article_key "
                          "WHERE a.pub_date <= CAST(? AS DATE) AND e.day <= CAST(? AS DATE)", [day, day]).fetchone()[0]
        cls = con.execute("SELECT count(*) FROM claims c JOIN articles a ON a.key = c.article_key "
                          "WHERE a.pub_date <= CAST(? AS DATE)", [day]).fetchone()[0]
        return {"articles": int(arts), "events": int(evs), "claims": int(cls)}

    def events(self, sources: set[str] | None, targets: set[str] | None, types: tuple[str, ...],
               since: date | None = None, modality: str | None = "asserted", either_way: bool = False
               ) -> list[NewsEvent]:
        """Events source→target of the given types (both directions with `either_way`), newest first."""
        if self.store is None:
            return []
        clauses = ["a.pub_date <= CAST(? AS DATE)", "e.day <= CAST(? AS DATE)",
                   f"e.type IN ({', '.join('?' for _ in types)})"]
        params: list = [self.as_of.isoformat(), self.as_of.isoformat(), *types]
        if modality:
            clauses.append("e.modality = ?")
            params.append(modality)
        if since:
            clauses.append("e.day >= CAST(? AS DATE)")
            params.append(since.isoformat())
        pair = []
        for src, tgt in ((sources, targets), (targets, sources)) if either_way else ((sources, targets),):
            sub = []
            if src:
                sub.append(f"e.source_country IN ({', '.join('?' for _ in src)})")
                params.extend(sorted(src))
            if tgt:
                sub.append(f"e.target_country IN ({', '.join('?' for _ in tgt)})")
                params.extend(sorted(tgt))
            pair.append("(" + " AND ".join(sub or ["TRUE"]) + ")")
        clauses.append("(" + " OR ".join(pair) + ")")
        rows = self.store.con.execute(
            "SELECT a.id, a.title, CAST(a.pub_date AS VARCHAR), CAST(e.day AS VARCHAR), e.date, e.type, e.mode, "
            "e.source_country, e.target_country, e.modality, coalesce(e.confidence, 0), e.evidence_text "
            "FROM events e JOIN articles a ON a.key = e.article_key WHERE " + " AND ".join(clauses) +
            " ORDER BY e.day DESC, e.confidence DESC, a.id, e.seq", params).fetchall()
        return [NewsEvent(*r) for r in rows]

    def claims(self, patron: str, others: set[str]) -> list[NewsClaim]:
        """Estimative claims whose sentence names the patron and the client or attacker."""
        if self.store is None:
            return []
        rows = self.store.con.execute(
            "SELECT a.id, a.title, CAST(a.pub_date AS VARCHAR), c.phrase, c.band, c.probability, c.low, c.high, "
            "c.evidence_text, c.proposition, c.lang FROM claims c JOIN articles a ON a.key = c.article_key "
            "WHERE a.pub_date <= CAST(? AS DATE) AND a.key IN (SELECT article_key FROM events "
            "WHERE source_country = ? OR target_country = ?) ORDER BY a.pub_date DESC, a.id, c.seq",
            [self.as_of.isoformat(), patron, patron]).fetchall()
        out = []
        for r in rows:
            text = r[8] or ""
            states = tuple(dict.fromkeys(m.country for m in mentioned_states(text, r[10] or None)))
            if patron in states and set(states) & others:
                out.append(NewsClaim(*r[:10], r[10], states))
        return out
