"""Modality cues and estimative claims in both languages."""

from __future__ import annotations

import pytest

from casus.extract.claims import find_claims
from casus.extract.document import Document
from casus.extract.modality import event_modality
from casus.extract.triggers import find_triggers
from casus.model import Article


def modality_of(text: str, trigger_word: str) -> str:
    doc = Document.from_article(Article(id="t", text=text))
    for t in find_triggers(doc):
        if trigger_word in doc.match_text[t.token_start:t.end]:
            return event_modality(doc, t, doc.sentence_of(t.start))
    found = [doc.match_text[t.start:t.end] for t in find_triggers(doc)]
    raise AssertionError(f"no trigger {trigger_word!r} in {found}")


@pytest.mark.parametrize(("text", "word", "expected"), [
    ("قصفت إسرائيل مواقع إيرانية في سوريا.", "قصف", "asserted"),
    ("لم تقصف إسرائيل المواقع الإيرانية.", "تقصف", "negated"),
    ("لن تهاجم روسيا إيران.", "تهاجم", "negated"),
    ("وامتنعت روسيا عن التدخل العسكري.", "التدخل", "negated"),
    ("إذا هاجمت إسرائيل إيران فإن المنطقة ستشتعل.", "هاجمت", "hypothetical"),
    ("هل ستتدخل روسيا عسكريا؟", "ستتدخل", "hypothetical"),
    ("ستفرض الولايات المتحدة عقوبات جديدة على إيران.", "ستفرض", "hypothetical"),
    ("يخشى المسؤولون أن تشن إسرائيل ضربات على المنشآت النووية.", "ضربات", "hypothetical"),
    ("Russia did not intervene when Israel struck Iran.", "intervene", "negated"),
    ("Israel may strike Iran's nuclear sites if talks fail.", "strike", "hypothetical"),
    ("Britain expelled 23 Russian diplomats.", "expelled", "asserted"),
    # a breaker of two words ends the refusal's reach as one of one word does
    ("رفضت الجزائر الاقتراح في حين وافق المغرب على الخطة.", "وافق", "asserted"),
    ("رفضت الجزائر الاقتراح لكن وافق المغرب على الخطة.", "وافق", "asserted"),
    # the modal inside an English trigger phrase counts: the visit has not happened yet
    ("Foreign Secretary Jack Straw is to visit Thailand and Indonesia this week.", "visit", "hypothetical"),
    ("Mr Blair was considering a new treaty with the US.", "treaty", "hypothetical"),
    # ما heads a negated clause, but after a word it is a pronoun: "which Moscow rejected", "as reported"
    ("ما قصفت إسرائيل المواقع الإيرانية.", "قصفت", "negated"),
    ("وقالت إنها فتحت الحدود، وما سحبت قواتها من سوريا.", "سحبت", "negated"),
    ("قصفت إسرائيل مواقع في سوريا، وهو ما أدانته موسكو.", "دانته", "asserted"),
    ("نفذت الولايات المتحدة ما توعدت به ضد سوريا.", "توعدت", "asserted"),
    ("وفرضت واشنطن بحسب ما أعلنت عقوبات على طهران.", "عقوبات", "asserted"),
    # "any" before an event noun: no particular act, one that may come, or none at all after a negation
    ("وقال الجيش الروسي إنه سيرد على أي ضربة تشنها الولايات المتحدة على سوريا.", "ضربه", "hypothetical"),
    ("وحذرت كوريا الشمالية الولايات المتحدة من أي استفزاز.", "استفزاز", "hypothetical"),
    ("وقالت الخارجية إن الولايات المتحدة لن تجري أي محادثات مباشرة مع الأسد.", "محادثات", "negated"),
    ("Officials said India had not ruled out any option against Pakistan.", "option", "asserted"),
    ("Britain would take no part in any attack on Iran.", "attack", "negated"),
])
def test_modality(text: str, word: str, expected: str) -> None:
    assert modality_of(text, word) == expected


def test_a_scheduled_visit_is_not_reported_as_made() -> None:
    # "من المقرر أن" (scheduled to) outranks the trained scorer, like the سـ prefix: the visit is to come
    from casus.extract.pipeline import analyze

    text = "ومن المقرر أن يصل ولي العهد السعودي الأمير محمد بن سلمان الأحد إلى القاهرة في زيارة تستمر يومين."
    assert modality_of(text, "زيار") == "hypothetical"
    events = analyze(Article(id="t", text=text, pub_date="2018-03-03")).events
    assert not [e for e in events if {e.source.country, e.target.country} == {"SAU", "EGY"}
                and e.modality == "asserted"]


def claims(text: str) -> list:
    doc = Document.from_article(Article(id="t", text=text))
    return [c for c, _ in find_claims(doc)]


@pytest.mark.parametrize(("text", "phrase", "band"), [
    ("ومن غير المرجح أن تصعد روسيا التوترات.", "من غير المرجح", "unlikely"),
    ("ويبدو مستبعدا أن تتدخل موسكو.", "مستبعدا", "very_unlikely"),
    ("ومن المرجح أن ترد إيران.", "من المرجح", "likely"),
    ("It is highly unlikely that Russia will intervene.", "highly unlikely", "very_unlikely"),
    ("Iran will almost certainly respond.", "almost certainly", "almost_certain"),
])
def test_estimative_phrases_map_to_icd203_bands(text: str, phrase: str, band: str) -> None:
    found = claims(text)
    match = [c for c in found if phrase in c.phrase]
    assert match, [(c.phrase, c.band) for c in found]
    c = match[0]
    assert c.band == band
    assert c.low <= c.probability <= c.high
    assert text[c.evidence.start:c.evidence.end] == c.evidence.text


def test_unlikely_is_between_20_and_45_percent() -> None:
    [c] = [c for c in claims("من غير المرجح أن يحدث ذلك") if c.band == "unlikely"]
    assert (c.low, c.high) == (0.2, 0.45)


def test_may_and_could_are_hedges_not_estimates() -> None:
    assert not claims("Russia could respond, and Iran may retaliate.")


@pytest.mark.parametrize("text", [
    'قال "الوفد" (الروسي) إن الهجوم-الإسرائيلي، 12.5% وفي ف؟ x',
    '" d «وفد» [x] , y',
    "Russia, 'they said' (again): the U.S.-led strikes... no?",
])
def test_sentence_tokens_read_in_chunks_as_a_whole_scan(text: str) -> None:
    """`_SentenceTokens` reads by `findall` up to word ends: the same tokens, counted alike, as one `finditer`
    over the whole sentence, at any position and in any order of the triggers asking."""
    from casus.extract.modality import _TOKEN, _SentenceTokens, _strip

    matches = list(_TOKEN.finditer(text, 2, len(text) - 1))
    words, stripped = [m.group() for m in matches], [_strip(m.group()) for m in matches]
    positions = range(len(text) + 2)
    for order in (positions, positions[::-1], [5, 1, 9, 3, 30, 7]):
        tokens = _SentenceTokens(text, 2, len(text) - 1)
        for pos in order:
            cut = sum(1 for m in matches if m.start() < pos)
            assert tokens.cut(pos) == cut
            assert tokens.words[:max(cut, 1)] == words[:max(cut, 1)]
            assert tokens.stripped[:max(cut, 1)] == stripped[:max(cut, 1)]
