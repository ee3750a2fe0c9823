"""The extraction pipeline: one Article in, one ArticleResult out.

    Document → actors → triggers → coded events → modality, dates → claims

Pure: no database, no screen, no global state beyond the cached lexicons, so
it runs the same in a CLI call, a web request or a Dask worker.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import cache

from casus.extract.actors import actor_records, find_actors
from casus.extract.claims import find_claims
from casus.extract.dates import DateMention, find_dates
from casus.extract.document import Document
from casus.extract.events import Coded, code_events
from casus.extract.roles import AR_RELATIVE
from casus.extract.triggers import find_triggers
from casus.lexicon.loader import as_list, load_yaml
from casus.model import Article, ArticleResult, Event, EventSide
from casus.text.normalize import fold

# a relative clause runs from its pronoun to the next punctuation mark (or the end of the sentence)
_CLAUSE_END = re.compile(r"[،,؛;:.!?\"«»()]")
# a relative clause this many words or fewer after the trigger describes the trigger's own noun
# ("الضربات الإسرائيلية على سوريا التي وقعت فجر الخميس"), so its date is the event's
_OWN_CLAUSE_WORDS = 3


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
    value = date.value if date else None
    if date is not None and date.ahead is not None and modality == "hypothetical":
        value = date.ahead  # a future event on a day named without direction: the coming one
    return Event(
        type=c.trigger.type,
        source=_side(doc, c.source),
        target=_side(doc, c.target),
        modality=modality,
        evidence=doc.evidence(*c.span),
        sentence=c.sentence,
        mode=c.trigger.mode,
        date=value,
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
        out.extend(find_dates(doc.match_text[span.start:span.end], doc.lang, doc.article.pub_date, span.start))
    return out


def _event_date(doc: Document, c: Coded, dates: list[DateMention]) -> DateMention | None:
    """The date written nearest the trigger in the same sentence and the same relative clause."""
    sent = doc.sentences[c.sentence]
    same = [d for d in dates if sent.start <= d.start < sent.end]
    if same:
        clauses = _relative_clauses(doc.match_text, sent.start, sent.end, doc.lang)
        if clauses:
            same = [d for d in same if _same_clause(doc.match_text, c, d, clauses)]
    if not same:
        return None
    return min(same, key=lambda d: abs(d.start - c.trigger.start))


@cache
def _relative_pronoun(lang: str) -> re.Pattern[str]:
    calendar = load_yaml("dates/calendar.yaml")
    if lang == "ar":
        heads = [fold(w) for w in as_list((calendar.get("time_clause_heads") or {}).get("ar"))]
        not_after = "".join(rf"(?<!{re.escape(h)}\s)" for h in heads)
        return re.compile(rf"(?<![\w]){not_after}(?:{'|'.join(sorted(AR_RELATIVE))})(?![\w])")
    words = sorted(w.lower() for w in as_list((calendar.get("clause_openers") or {}).get(lang)))
    return re.compile(rf"(?<![\w'])(?:{'|'.join(map(re.escape, words))})(?![\w'])" if words else r"(?!)")


def _relative_clauses(text: str, start: int, end: int, lang: str) -> list[tuple[int, int]]:
    """Spans of the clauses that fence dates (الذي, التي, "which", ", saying" ... up to the next punctuation)."""
    out = []
    for m in _relative_pronoun(lang).finditer(text, start, end):
        stop = _CLAUSE_END.search(text, m.end(), end)
        out.append((m.start(), stop.start() if stop else end))
    return out


def _same_clause(text: str, c: Coded, d: DateMention, clauses: list[tuple[int, int]]) -> bool:
    """Whether date `d` may date the event of `c`: a date in a relative clause of another noun belongs to
    that clause ("انسحاب بلاده من الاتفاق النووي الذي وقع عام 2015" is no withdrawal in 2015), and an event
    told in a relative clause does not take the main clause's date ("الإمارات التي تساند القوات اليمنية"
    said on Monday: not a Monday act). A verb coordinated with و/ف after the clause ("التي شنتها إيران
    وأيدت") belongs to the main clause again."""
    def clause(pos: int) -> tuple[int, int] | None:
        return max((s for s in clauses if s[0] <= pos < s[1]), default=None)

    t = c.trigger.start
    of_trigger = clause(t)
    if t >= 2 and text[t - 1] in "وف" and not text[t - 2].isalnum():
        of_trigger = None
    of_date = clause(d.start)
    if of_trigger == of_date:
        return True
    if of_trigger is not None and (of_date is None or of_date[0] < of_trigger[0]):
        return False  # the event is told inside a relative clause, the date outside it
    if of_date is not None and t < of_date[0]:
        # the date is in a later relative clause: the event's own only right after the trigger
        return len(text[c.trigger.end:of_date[0]].split()) <= _OWN_CLAUSE_WORDS
    return True


def _claimed_event(coded: list[Coded], sentence: int, offset: int) -> int | None:
    """The first event coded after the estimative phrase in its sentence."""
    for i, c in enumerate(coded):
        if c.sentence == sentence and c.trigger.start >= offset:
            return i
    return None
