"""Sentence splitting decides which actors and triggers can form an event, so boundaries must be right."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from casus.text.sentences import clause_breaks, split_sentences


def sentences(text: str, lang: str) -> list[str]:
    return [text[s.start:s.end] for s in split_sentences(text, lang)]


def test_arabic_full_stop_question_mark_semicolon_and_newline_split() -> None:
    text = ("قال بوتين إن روسيا لن تتخلى عن حلفائها. هل ستتدخل روسيا عسكريا إذا تعرضت إيران لهجوم؟ "
            "المعاهدة لا تتضمن بندا للدفاع المشترك؛ لكنها تمنع مساعدة المعتدي\nوفرضت واشنطن عقوبات جديدة")
    assert sentences(text, "ar") == [
        "قال بوتين إن روسيا لن تتخلى عن حلفائها.",
        "هل ستتدخل روسيا عسكريا إذا تعرضت إيران لهجوم؟",
        "المعاهدة لا تتضمن بندا للدفاع المشترك؛",
        "لكنها تمنع مساعدة المعتدي",
        "وفرضت واشنطن عقوبات جديدة",
    ]


def test_arabic_comma_and_decimal_point_do_not_split() -> None:
    text = "وقال الوزير، في مؤتمر صحفي، إن حجم التبادل التجاري بلغ 4.8 مليار دولار العام الماضي."
    assert sentences(text, "ar") == [text]


def test_arabic_title_line_is_its_own_sentence() -> None:
    text = "هل ستتدخل روسيا عسكريا إذا تعرضت إيران لهجوم جديد؟\nفي السنوات الأخيرة، عمقت إيران وروسيا علاقاتهما."
    assert sentences(text, "ar") == ["هل ستتدخل روسيا عسكريا إذا تعرضت إيران لهجوم جديد؟",
                                     "في السنوات الأخيرة، عمقت إيران وروسيا علاقاتهما."]


def test_english_abbreviations_do_not_split() -> None:
    text = ("Mr. Straw met U.S. officials and Gen. Petraeus in Washington. Dr. Rice said the U.N. would vote. "
            "Did Russia agree? It did!")
    assert sentences(text, "en") == [
        "Mr. Straw met U.S. officials and Gen. Petraeus in Washington.",
        "Dr. Rice said the U.N. would vote.",
        "Did Russia agree?",
        "It did!",
    ]


def test_english_decimal_and_lowercase_continuation_do_not_split() -> None:
    text = "The UK budget rebate was worth 3.5bn euros. it was secured in 1984 by Margaret Thatcher."
    assert sentences(text, "en") == [text]


def test_english_newlines_split_paragraphs() -> None:
    text = "Labour's 'EU propaganda'\nA taxpayer subsidised propaganda exercise, say the Tories."
    assert sentences(text, "en") == ["Labour's 'EU propaganda'",
                                     "A taxpayer subsidised propaganda exercise, say the Tories."]


def test_quote_after_full_stop_stays_with_its_sentence() -> None:
    text = 'He said: "We have a veto." The Tories disagreed.'
    assert sentences(text, "en") == ['He said: "We have a veto."', "The Tories disagreed."]


def test_clause_breaks_find_arabic_and_latin_commas() -> None:
    text = "وقال الكرملين، في بيان، إن المعاهدة دفاعية: لا أكثر"
    breaks = clause_breaks(text, 0, len(text))
    assert [text[i] for i in breaks] == ["،", "،", ":"]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="روسيا إيران. ؟؛!\n Mr.U.S.abc", max_size=80), st.sampled_from(["ar", "en"]))
def test_spans_are_ordered_trimmed_and_cover_every_visible_character(text: str, lang: str) -> None:
    spans = split_sentences(text, lang)
    covered = set()
    prev_end = 0
    for s in spans:
        assert prev_end <= s.start < s.end <= len(text)
        assert not text[s.start].isspace() and not text[s.end - 1].isspace()
        covered.update(range(s.start, s.end))
        prev_end = s.end
    assert all(i in covered for i, c in enumerate(text) if not c.isspace())
