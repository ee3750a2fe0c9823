"""The dictionary hits of a document, found for actors, triggers and claims in one walk of its text.

Walking an article through a gazetteer's automaton costs about as much whatever it finds, so the
three extractors' gazetteers are walked together once (see `gazetteer.find_all`) and each extractor
takes its own hits from the document's memo. The hits are exactly those of each gazetteer's `find`.
"""

from __future__ import annotations

from typing import TypeVar

from casus.extract.document import Document
from casus.lexicon.gazetteer import Gazetteer, Hit, find_all

P = TypeVar("P")

_MEMO_KEY = "gazetteer_hits"


def _extractor_gazetteers(lang: str) -> tuple[Gazetteer, ...]:
    """The gazetteers every extraction reads (all cached by their modules)."""
    # imported here: claims imports this module
    from casus.extract.claims import claim_gazetteer
    from casus.lexicon.actors import actor_lexicon
    from casus.lexicon.triggers import trigger_gazetteer

    return actor_lexicon().gazetteers[lang], trigger_gazetteer(lang), claim_gazetteer(lang)


def gazetteer_hits(doc: Document, gaz: Gazetteer[P]) -> list[Hit[P]]:
    """`gaz.find(doc.match_text, original=doc.text)`, from the document's one walk when `gaz` is an extractor's."""
    found: dict[int, tuple[Gazetteer, int, list[Hit]]] | None = doc.memo.get(_MEMO_KEY)
    if found is None:
        gazetteers = _extractor_gazetteers(doc.lang)
        hits = find_all(gazetteers, doc.match_text, doc.text)
        found = doc.memo[_MEMO_KEY] = {id(g): (g, g.version, h) for g, h in zip(gazetteers, hits)}
    mine = found.get(id(gaz))
    if mine is None or mine[0] is not gaz or mine[1] != gaz.version:
        return gaz.find(doc.match_text, original=doc.text)  # another lexicon than the extractors' own
    return list(mine[2])
