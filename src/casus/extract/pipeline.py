"""The extraction pipeline: one Article in, one ArticleResult out.

    Document → actors → triggers → coded events → modality, dates → claims

Pure: no database, no screen, no global state beyond the cached lexicons, so
it runs the same in a CLI call, a web request or a Dask worker.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from casus.extract.actors import actor_records, find_actors
from casus.extract.claims import find_claims
from casus.extract.dates import DateMention, find_dates
from casus.extract.document import Document
from casus.extract.events import Coded, code_events
from casus.extract.triggers import find_triggers
from casus.model import Article, ArticleResult, Event, EventSide


def analyze(article: Article) -> ArticleResult:
    """Extract actors, events and estimative claims from one article."""
    doc = Document.from_article(article)
    refs = find_actors(doc)
    triggers = find_triggers(doc)
    coded = code_events(doc, refs, triggers)
    dates = _event_sentence_dates(doc, coded)
    events = [_finish(doc, c, dates) for c in coded]
    claims = []
    for claim, offset in find_claims(doc):
        claim.event = _claimed_event(coded, claim.sentence, offset)
        if claim.event is not None and events[claim.event].modality == "asserted":
            events[claim.event].modality = "hypothetical"
        claims.append(claim)
    return ArticleResult(article=article, lang=doc.lang, actors=actor_records(doc, refs), events=events,
                         claims=claims)


def analyze_many(articles: Iterable[Article]) -> Iterator[ArticleResult]:
    for article in articles:
        yield analyze(article)


def _finish(doc: Document, c: Coded, dates: list[DateMention]) -> Event:
    modality = c.modality
    date = _event_date(doc, c, dates)
    return Event(
        type=c.trigger.type,
        source=_side(doc, c.source),
        target=_side(doc, c.target),
        modality=modality,
        evidence=doc.evidence(*c.span),
        sentence=c.sentence,
        mode=c.trigger.mode,
        date=date.value if date else None,
        date_precision=date.precision if date else None,
        confidence=c.confidence,
        trigger=doc.evidence(c.trigger.start, c.trigger.end).text,
    )


def _side(doc: Document, ref) -> EventSide:
    return EventSide(code=ref.code, country=ref.country, name=ref.person or ref.name, kind=ref.kind,
                     text=doc.evidence(ref.start, ref.end).text)


def _event_sentence_dates(doc: Document, coded: list[Coded]) -> list[DateMention]:
    """Dates written in the sentences that state events (the only ones an event can take)."""
    out: list[DateMention] = []
    for si in sorted({c.sentence for c in coded}):
        span = doc.sentences[si]
        for d in find_dates(doc.match_text[span.start:span.end], doc.lang, doc.article.pub_date):
            out.append(DateMention(d.start + span.start, d.end + span.start, d.value, d.precision, d.relative))
    return out


def _event_date(doc: Document, c: Coded, dates: list[DateMention]) -> DateMention | None:
    """The date written nearest the trigger in the same sentence."""
    sent = doc.sentences[c.sentence]
    same = [d for d in dates if sent.start <= d.start < sent.end]
    if not same:
        return None
    return min(same, key=lambda d: abs(d.start - c.trigger.start))


def _claimed_event(coded: list[Coded], sentence: int, offset: int) -> int | None:
    """The first event coded after the estimative phrase in its sentence."""
    for i, c in enumerate(coded):
        if c.sentence == sentence and c.trigger.start >= offset:
            return i
    return None
