"""Highlighting: segments keep the text exactly, carry the right annotations, and never produce markup."""

from __future__ import annotations

from casus.extract.pipeline import analyze
from casus.web.highlight import annotate, find_quote, sentence_around, sentence_spans
from casus.web.inputs import article_from_text

from .webseed import SEED_TEXT


def _flat(view) -> str:
    return "\n".join("".join(s.text for s in p.segments) for p in view.paragraphs)


def test_segments_reassemble_the_text_and_mark_every_annotation() -> None:
    article = article_from_text(SEED_TEXT)
    record = analyze(article).to_dict()
    view = annotate(article.text, record)
    lines = [line for line in article.text.split("\n") if line.strip()]
    assert _flat(view) == "\n".join(lines)
    assert view.dir == "rtl" and all(p.dir == "rtl" for p in view.paragraphs)
    assert view.paragraphs[0].is_title
    ids = {i for p in view.paragraphs for s in p.segments for i in s.ids.split()}
    assert {f"e{i}" for i in range(len(record["events"]))} <= ids
    assert {f"a{j}" for j, a in enumerate(record["actors"]) if a["mentions"]} <= ids
    triggers = [s for p in view.paragraphs for s in p.segments if "trg" in s.classes.split()]
    assert triggers and all("→" in s.title for s in triggers)
    event = record["events"][0]
    evidence = [s for p in view.paragraphs for s in p.segments if "e0" in s.ids.split()]
    assert "".join(s.text for s in evidence) == event["evidence"]["text"].replace("\n", "")


def test_mixed_language_paragraphs_get_their_own_direction() -> None:
    text = "Russia and Iran signed a treaty in Moscow.\nوقعت روسيا وإيران معاهدة في موسكو."
    article = article_from_text(text)
    view = annotate(article.text, analyze(article).to_dict())
    assert [p.dir for p in view.paragraphs] == ["ltr", "rtl"]


def test_markup_in_text_stays_text() -> None:
    text = 'Iran <script>alert(1)</script> and <img src=x onerror="alert(2)"> Russia signed a treaty.'
    article = article_from_text(text)
    view = annotate(article.text, analyze(article).to_dict())
    assert "<script>alert(1)</script>" in _flat(view)


def test_focus_sentence_and_quotes() -> None:
    article = article_from_text(SEED_TEXT)
    record = analyze(article).to_dict()
    spans = sentence_spans(article.text, article.title, "ar")
    ev = record["events"][3]["evidence"]
    start, end = sentence_around(spans, ev["start"], ev["end"])
    assert start <= ev["start"] and end >= ev["end"]
    assert article.text[start:end].count("\n") == 0
    view = annotate(article.text, record, [(start, end)])
    assert view.focus_found
    anchors = [s for p in view.paragraphs for s in p.segments if s.anchor == "hl"]
    assert len(anchors) == 1
    # a quote with different hamza/ta marbuta spelling is still found
    quote = "وقع الرئيس الروسي فلاديمير بوتين"
    assert find_quote(article.text, quote) is not None
    assert find_quote(article.text, quote.replace("إ", "ا").replace("ة", "ه")) is not None
    assert find_quote(article.text, "not in the article") is None
