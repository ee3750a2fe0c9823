"""Arabic normalisation: spelling variants must match, and evidence must point into the text as written."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from casus.extract.document import Document
from casus.model import Article
from casus.text.normalize import _FOLDS, fold, lower_en, normalize

MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")


@pytest.mark.parametrize(("written", "folded"), [
    ("أحمد", "احمد"), ("إيران", "ايران"), ("آسيا", "اسيا"), ("ٱلله", "الله"),        # hamza/madda/wasla alef
    ("مصطفى", "مصطفي"), ("موسى", "موسي"),                                          # alef maqsura
    ("الجمهورية الإسلامية", "الجمهوريه الاسلاميه"),                                # ta marbuta
    ("مسؤول", "مسوول"), ("رئيس", "رييس"),                                          # hamza seats
    ("بوتيـــــن", "بوتين"), ("روسيـا", "روسيا"),                                  # tatweel
    ("رُوسِيَا", "روسيا"), ("إِيرَانُ", "ايران"), ("إنّ", "ان"), ("كتاباً", "كتابا"),  # harakat, shadda, tanween
    ("پوتین", "بوتين"), ("کرملین", "كرملين"), ("گاز", "كاز"), ("چین", "جين"), ("ژنو", "زنو"),  # Persian letters
    ("١٧ يناير ٢٠٢٥", "17 يناير 2025"), ("۱۴۰۳", "1403"),                       # Arabic-Indic and Persian digits
])
def test_spelling_variants_fold_to_one_form(written: str, folded: str) -> None:
    assert fold(written) == folded


def test_no_fold_yields_a_folded_character() -> None:
    # the folds are made one character after the other (`_fold_chars`): the same as all at once only so
    assert not set("".join(_FOLDS.values())) & set(_FOLDS)
    every = "".join(_FOLDS)
    assert fold(every) == every.translate(str.maketrans(_FOLDS))


def test_hashtag_becomes_words_that_match_the_name() -> None:
    """Social-media style `#فلاديمير_بوتين` must match the same lexicon entry as the plain name."""
    tagged = fold("أكد #فلاديمير_بوتين أن #روسيا مستعدة")
    assert tagged.split() == ["اكد", "فلاديمير", "بوتين", "ان", "روسيا", "مستعده"]
    assert "فلاديمير بوتين" in tagged
    assert fold("دونالد #ترمب") == "دونالد ترمب"  # a tag inside a name leaves one space, as the lexicon writes it


def test_the_same_name_in_any_spelling_normalises_identically() -> None:
    spellings = ["الإيرانيّة", "الايرانية", "الإيرانيه", "الإيـرانيـة", "الإِيرَانِيَّة"]
    assert len({fold(s) for s in spellings}) == 1


def test_normalize_matches_fold_and_only_deletes_marks() -> None:
    text = "قالَ الرئيسُ الروسيُّ فلاديميرُ بوتينـــ إنّ موسكو لن تتخلى عن طهران"
    norm = normalize(text)
    assert norm.text == fold(text)
    assert len(text) - len(norm.text) == len(MARKS.findall(text))


def test_evidence_span_maps_back_to_the_original_spelling() -> None:
    text = "وَقَّعَ الرئيسُ الروسيُّ فلاديميرُ بوتين وَالإيراني مسعود بيزشكيان معاهدةً"
    norm = normalize(text)
    for word in ("بوتين", "الايراني", "معاهده", "الرييس"):
        start = norm.text.index(word)
        a, b = norm.to_original(start, start + len(word))
        assert fold(text[a:b]) == word
        assert not MARKS.match(text[a]), "a span must not start with the previous letter's diacritic"
    start = norm.text.index("الايراني")
    a, b = norm.to_original(start, start + len("الايراني"))
    assert text[a:b] == "الإيراني"  # not "َالإيراني": the fatha belongs to the و before it


def test_document_evidence_quotes_the_article_as_written() -> None:
    """What the user sees as evidence is a slice of the article text, diacritics and all."""
    text = "عقوباتٌ أمريكيةٌ جديدةٌ على إيرانَ.\nفرضت الولاياتُ المتحدةُ عقوباتٍ جديدةً على إيرانَ."
    doc = Document.from_article(Article(id="d", text=text))
    start = doc.text.index("الولايات المتحده")
    ev = doc.evidence(start, start + len("الولايات المتحده"))
    assert ev.text == text[ev.start:ev.end] == "الولاياتُ المتحدة"


def test_no_marks_means_identity_offsets() -> None:
    norm = normalize("روسيا وإيران")
    assert norm.to_original(0, 5) == (0, 5)
    assert norm.to_original(6, 12) == (6, 12)


def test_lower_en_keeps_length_so_offsets_stay_valid() -> None:
    text = "İstanbul talks: the U.S. and İran"
    low = lower_en(text)
    assert len(low) == len(text)
    assert low.endswith("the u.s. and İran")


# --------------------------------------------------------------------------- properties

_LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهويءآأإؤئىةپچژکگی٠١٢٣٤٥٦٧٨٩ abcXYZ.#_\n"
_MARK_CHARS = "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0670\u0640"
_text = st.text(alphabet=_LETTERS + _MARK_CHARS * 3, max_size=60)


@settings(max_examples=300, deadline=None)
@given(_text, st.data())
def test_any_span_maps_back_to_original_text_that_normalises_to_it(text: str, data: st.DataObject) -> None:
    """Normalisation never changes what to_original maps back to: fold(original slice) == normalised slice."""
    norm = normalize(text)
    n = len(norm.text)
    start = data.draw(st.integers(0, n))
    end = data.draw(st.integers(start, n))
    a, b = norm.to_original(start, end)
    assert 0 <= a <= len(text) and 0 <= b <= len(text)
    if end > start:
        assert fold(text[a:b]) == norm.text[start:end]
        assert not MARKS.match(text[a])
        assert not MARKS.match(text[b - 1]), "a span ends on a letter, not on a trailing mark"


@settings(max_examples=200, deadline=None)
@given(_text)
def test_normalisation_is_idempotent(text: str) -> None:
    once = fold(text)
    assert fold(once) == once
    assert normalize(once).text == once


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80))
def test_lower_en_never_changes_length(text: str) -> None:
    assert len(lower_en(text)) == len(text)
