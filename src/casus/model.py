"""The records every stage shares: an article in, actors/events/claims out.

Plain dataclasses so that extraction stays pure (text in, records out) and the
store, CLI and web layers can serialise them without knowing how they were made.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

PLOVER_TYPES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
SYMMETRIC_TYPES = frozenset({"AGREE", "CONSULT", "COOPERATE"})
MODALITIES = ("asserted", "negated", "hypothetical")


@dataclass(slots=True)
class Article:
    """One news article as read from disk; `text` includes the title line when there is one."""

    id: str
    text: str
    title: str = ""
    pub_date: str | None = None
    url: str | None = None
    source: str | None = None
    lang: str | None = None
    path: str | None = None

    @property
    def body_offset(self) -> int:
        """Where the body starts in `text` (after the title line)."""
        if self.title and self.text.startswith(self.title):
            return len(self.title) + 1
        return 0


@dataclass(slots=True)
class Mention:
    """A span of the article text that names an actor."""

    start: int
    end: int
    text: str
    via: str  # name | adjective | capital | seat | leader | role | institution | organization


@dataclass(slots=True)
class Actor:
    """A resolved actor: a state (code == country) or another entity with its home state."""

    code: str
    country: str | None
    name: str
    kind: str  # state | leader | government | military | diplomat | igo | non-state | bloc ...
    mentions: list[Mention] = field(default_factory=list)
    role: str | None = None
    person: str | None = None

    @property
    def is_state(self) -> bool:
        return self.country is not None and self.kind != "igo" and self.kind != "non-state"


@dataclass(slots=True)
class Evidence:
    text: str
    start: int
    end: int


@dataclass(slots=True)
class EventSide:
    """One side of an event: the state it counts as plus what the text actually named."""

    code: str
    country: str | None
    name: str
    kind: str
    text: str | None = None


@dataclass(slots=True)
class Event:
    type: str
    source: EventSide
    target: EventSide
    modality: str
    evidence: Evidence
    sentence: int
    mode: str | None = None
    date: str | None = None
    date_precision: str | None = None  # day | week (date = its Monday) | month | year
    confidence: float = 0.5
    trigger: str | None = None


@dataclass(slots=True)
class Claim:
    """An estimative statement: a phrase such as "unlikely" with its probability band."""

    phrase: str
    band: str
    probability: float
    low: float
    high: float
    evidence: Evidence
    sentence: int
    lang: str
    event: int | None = None  # index into the article's events list when attached
    proposition: str | None = None


@dataclass(slots=True)
class ArticleResult:
    """Everything casus extracted from one article."""

    article: Article
    lang: str
    actors: list[Actor]
    events: list[Event]
    claims: list[Claim]

    def to_dict(self) -> dict[str, Any]:
        """The JSON record documented in the README (and read by the scorer)."""
        art = self.article
        return {
            "id": art.id,
            "lang": self.lang,
            "title": art.title,
            "pub_date": art.pub_date,
            "url": art.url,
            "source": art.source,
            "actors": [_actor_dict(a) for a in self.actors],
            "events": [_event_dict(e) for e in self.events],
            "claims": [asdict(c) for c in self.claims],
        }


def _actor_dict(actor: Actor) -> dict[str, Any]:
    out = {
        "code": actor.code,
        "country": actor.country,
        "name": actor.name,
        "kind": actor.kind,
        "mentions": [asdict(m) for m in actor.mentions],
    }
    if actor.role:
        out["role"] = actor.role
    if actor.person:
        out["person"] = actor.person
    return out


def _event_dict(event: Event) -> dict[str, Any]:
    out = asdict(event)
    return out
