"""Dates: both Arabic month systems, Maghrebi names, English forms, and relative words resolved against pub_date.

`find_dates` reads normalised text (Arabic folded with `fold`, English lower-cased), as the pipeline gives it.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from casus.extract.dates import find_dates
from casus.text.normalize import fold, lower_en

PUB = "2025-01-20"  # a Monday


def dates(text: str, lang: str = "ar", pub: str | None = PUB) -> list[tuple[str, str]]:
    norm = fold(text) if lang == "ar" else lower_en(text)
    return [(d.value, d.precision) for d in find_dates(norm, lang, pub)]


def one(text: str, lang: str = "ar", pub: str | None = PUB) -> tuple[str, str]:
    found = dates(text, lang, pub)
    assert len(found) == 1, found
    return found[0]


# ------------------------------------------------------------------------------- Arabic absolute

@pytest.mark.parametrize(("text", "value"), [
    ("في 17 يناير/كانون الثاني 2025، وقع الرئيس الروسي فلاديمير بوتين معاهدة الشراكة", "2025-01-17"),
    ("وقعت المعاهدة يوم 17 كانون الثاني/يناير 2025 في موسكو", "2025-01-17"),
    ("في ١٧ يناير ٢٠٢٥ وقع الرئيسان المعاهدة", "2025-01-17"),
    ("انسحبت الولايات المتحدة من الاتفاق النووي في 8 مايو 2018", "2018-05-08"),
    ("في 8 مايو من عام 2018", "2018-05-08"),
])
def test_arabic_day_month_year(text: str, value: str) -> None:
    assert one(text) == (value, "day")


@pytest.mark.parametrize(("month", "number"), [
    ("كانون الثاني", 1), ("شباط", 2), ("آذار", 3), ("نيسان", 4), ("أيار", 5), ("حزيران", 6), ("تموز", 7),
    ("آب", 8), ("أيلول", 9), ("تشرين الأول", 10), ("تشرين الثاني", 11), ("كانون الأول", 12),
])
def test_levantine_month_names(month: str, number: int) -> None:
    assert one(f"عقد الاجتماع في 3 {month} 2019 في دمشق") == (f"2019-{number:02d}-03", "day")


@pytest.mark.parametrize(("month", "number"), [
    ("جانفي", 1), ("فيفري", 2), ("أفريل", 4), ("ماي", 5), ("جوان", 6), ("جويلية", 7), ("أوت", 8),
])
def test_maghrebi_month_names(month: str, number: int) -> None:
    assert one(f"أعلنت الجزائر في 12 {month} 2021 عن اتفاق جديد") == (f"2021-{number:02d}-12", "day")


def test_month_and_year_keeps_month_precision() -> None:
    assert one("تدخلت روسيا عسكريا في سوريا في أيلول/سبتمبر 2015") == ("2015-09", "month")
    assert one("في تموز/يوليو 2015 وقعت إيران الاتفاق النووي") == ("2015-07", "month")
    assert one("في شهر مارس 2018") == ("2018-03", "month")


def test_year_only_keeps_year_precision() -> None:
    assert one("منذ عام 2015 تدعم روسيا الحكومة السورية") == ("2015", "year")
    assert one("أواخر عام 2024") == ("2024", "year")


def test_weak_month_word_alone_is_not_a_date() -> None:
    """مارس also means "practised" (مارس ضغوطا): without a day or a year it is not March."""
    assert dates("مارس الرئيس الأمريكي ضغوطا كبيرة على إيران") == []


def test_day_and_month_without_year_take_the_year_from_pub_date() -> None:
    assert one("في 17 يناير وقع الرئيسان المعاهدة") == ("2025-01-17", "day")
    assert one("في 17 ديسمبر أعلنت واشنطن العقوبات") == ("2024-12-17", "day")  # December before a January pub_date


# ------------------------------------------------------------------------------- Arabic relative

@pytest.mark.parametrize(("text", "value", "precision"), [
    ("قال المتحدث باسم الكرملين أمس إن موسكو", "2025-01-19", "day"),
    ("وقال يوم أمس", "2025-01-19", "day"),
    ("التقى الوزيران أول أمس في طهران", "2025-01-18", "day"),
    ("وصل الوفد الإيراني اليوم إلى موسكو", "2025-01-20", "day"),
    ("يزور لافروف طهران غدا", "2025-01-21", "day"),
    ("التقى بوتين بيزشكيان الخميس في موسكو", "2025-01-16", "day"),
    ("وقال يوم الخميس", "2025-01-16", "day"),
    ("وقعت الغارات مساء السبت", "2025-01-18", "day"),
    ("أعلنت طهران الإثنين", "2025-01-20", "day"),             # pub_date is a Monday
    ("أعلنت طهران الاثنين الماضي", "2025-01-13", "day"),      # "last Monday" on a Monday: a week ago
    ("يزور الرئيس موسكو الخميس المقبل", "2025-01-23", "day"),
    ("سيزور الرئيس موسكو الاثنين المقبل", "2025-01-27", "day"),
    ("العام الماضي فرضت واشنطن عقوبات", "2024", "year"),
    ("في السنة الماضية", "2024", "year"),
    ("العام المقبل", "2026", "year"),
    ("الشهر الماضي", "2024-12", "month"),
])
def test_arabic_relative_expressions_resolve_against_pub_date(text: str, value: str, precision: str) -> None:
    assert one(text) == (value, precision)


@pytest.mark.parametrize(("text", "lang", "value", "precision"), [
    # PUB is Monday 2025-01-20; a week is given as its Monday, with precision "week"
    ("الأسبوع الماضي", "ar", "2025-01-13", "week"),
    ("last week", "en", "2025-01-13", "week"),
    ("this week", "en", "2025-01-20", "week"),
    ("قبل أسبوعين وقعت الضربات", "ar", "2025-01-06", "week"),      # dual: two weeks
    ("هاجمت الفصائل القاعدة قبل ثلاثة أيام", "ar", "2025-01-17", "day"),
    ("وقبل يومين أعلنت طهران", "ar", "2025-01-18", "day"),
    ("قبل 3 سنوات", "ar", "2022", "year"),
    ("منذ عامين", "ar", "2023", "year"),
    ("بعد ثلاثة أشهر", "ar", "2025-04", "month"),
    ("Iran tested the missile three years ago", "en", "2022", "year"),
    ("a week ago", "en", "2025-01-13", "week"),
    ("the talks resume in two weeks", "en", "2025-02-03", "week"),
])
def test_durations_and_weeks_count_from_publication(text: str, lang: str, value: str, precision: str) -> None:
    assert one(text, lang) == (value, precision)


@pytest.mark.parametrize(("text", "lang"), [
    ("قبل ثلاثة أيام من الانتخابات", "ar"),   # counted from the election, not from publication
    ("منذ بضعة أيام", "ar"),                  # vague: no date rather than a guess
    ("two days after the attack", "en"),
])
def test_durations_from_another_point_or_vague_give_no_date(text: str, lang: str) -> None:
    assert dates(text, lang) == []


def test_mundhu_aam_with_a_year_is_that_year_not_a_duration() -> None:
    assert one("منذ عام 2011") == ("2011", "year")


def test_weekday_after_the_conjunction_wa_is_found() -> None:
    """والخميس / وأمس: the clitic و is part of the word but not of the date."""
    text = fold("والخميس أعلنت الخارجية الإيرانية")
    [d] = find_dates(text, "ar", PUB)
    assert (d.value, text[d.start:d.end]) == ("2025-01-16", "الخميس")
    assert one("وأمس قال المتحدث") == ("2025-01-19", "day")


def test_month_names_starting_with_fa_are_not_mistaken_for_a_clitic() -> None:
    assert one("في فبراير 2022 بدأت الحرب") == ("2022-02", "month")
    assert one("فيفري 2022") == ("2022-02", "month")


# ------------------------------------------------------------------------------------- English

@pytest.mark.parametrize(("text", "value", "precision"), [
    ("Russia and Iran signed the treaty on January 17, 2025, in Moscow.", "2025-01-17", "day"),
    ("Russia and Iran signed the treaty on 17 January 2025.", "2025-01-17", "day"),
    ("The deal was signed on Jan. 17, 2025.", "2025-01-17", "day"),
    ("on the 5th of May 2019", "2019-05-05", "day"),
    ("The UK took over the EU chairmanship in July 2005.", "2005-07", "month"),
    ("the rebate secured in 1984 by Margaret Thatcher", "1984", "year"),
    ("Labour has been in power since 1997", "1997", "year"),
    ("The Treasury said on Monday", "2025-01-20", "day"),
    ("Israeli jets struck targets near Damascus yesterday", "2025-01-19", "day"),
    ("the talks the day before yesterday", "2025-01-18", "day"),
    ("sanctions imposed last year", "2024", "year"),
    ("Lavrov will visit Tehran next Tuesday", "2025-01-21", "day"),
    ("Iran tested a missile last Monday", "2025-01-13", "day"),
    ("Iran tested a missile on Friday", "2025-01-17", "day"),
    ("tomorrow", "2025-01-21", "day"),
    ("next year", "2026", "year"),
])
def test_english_dates(text: str, value: str, precision: str) -> None:
    assert one(text, "en") == (value, precision)


def test_english_modal_may_and_surname_may_are_not_dates() -> None:
    assert dates("Theresa May said Iran may retaliate", "en") == []


def test_english_in_2004_is_a_year_but_a_bare_number_is_not() -> None:
    assert dates("The referendum was promised in 2004.", "en") == [("2004", "year")]
    assert dates("About 2004 troops were deployed.", "en") == []


# ----------------------------------------------------------------- no pub_date: nothing invented

@pytest.mark.parametrize(("text", "lang"), [
    ("قال المتحدث أمس", "ar"), ("التقى الوزيران الخميس", "ar"), ("العام الماضي", "ar"), ("في 17 يناير", "ar"),
    ("The Treasury said yesterday", "en"), ("on Monday", "en"), ("last year", "en"), ("on January 17", "en"),
])
def test_relative_dates_without_pub_date_are_left_unresolved(text: str, lang: str) -> None:
    assert dates(text, lang, pub=None) == []


def test_absolute_dates_need_no_pub_date() -> None:
    assert dates("في 17 يناير/كانون الثاني 2025", "ar", pub=None) == [("2025-01-17", "day")]
    assert dates("on 17 January 2025", "en", pub=None) == [("2025-01-17", "day")]


def test_impossible_day_keeps_month_precision_instead_of_a_wrong_day() -> None:
    assert dates("في 31 فبراير 2024", "ar") == [("2024-02", "month")]


def test_spans_point_at_the_date_words() -> None:
    text = fold("وقع الرئيسان في 17 يناير/كانون الثاني 2025 معاهدة الشراكة")
    [d] = find_dates(text, "ar", None)
    assert text[d.start:d.end] == "17 يناير/كانون الثاني 2025"
    assert not d.relative


@settings(max_examples=200, deadline=None)
@given(st.dates(), st.integers(1, 28), st.integers(1, 12), st.integers(1990, 2030))
def test_any_written_arabic_or_english_date_round_trips(pub, day: int, month: int, year: int) -> None:
    ar_months = ["يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر",
                 "نوفمبر", "ديسمبر"]
    en_months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                 "November", "December"]
    want = (f"{year:04d}-{month:02d}-{day:02d}", "day")
    assert dates(f"في {day} {ar_months[month - 1]} {year}", "ar", pub.isoformat()) == [want]
    assert dates(f"on {en_months[month - 1]} {day}, {year}", "en", pub.isoformat()) == [want]


@settings(max_examples=100, deadline=None)
@given(st.dates(min_value=__import__("datetime").date(1990, 1, 1)))
def test_amss_is_always_the_day_before_publication(pub) -> None:
    import datetime as dt

    assert dates("قال أمس", "ar", pub.isoformat()) == [((pub - dt.timedelta(days=1)).isoformat(), "day")]


@pytest.mark.parametrize(("text", "lang"), [
    ("مطلع 2024", "ar"), ("أوائل 2024", "ar"), ("صيف 2024", "ar"),
    ("early 2024", "en"), ("mid-2024", "en"), ("late 2024", "en"), ("summer 2024", "en"),
])
def test_part_of_a_year_keeps_year_precision(text: str, lang: str) -> None:
    assert one(text, lang) == ("2024", "year")


def test_last_two_thousand_soldiers_is_not_the_year_2000() -> None:
    assert dates("انسحب آخر 2000 جندي من القاعدة") == []


@pytest.mark.parametrize(("text", "lang", "value", "precision"), [
    # arithmetic Islamic calendar: 1 Ramadan 1446 is 1 March 2025 (Umm al-Qura agrees here; it may differ by a day)
    ("أعلنت الرياض في 1 رمضان 1446 هـ", "ar", "2025-03-01", "day"),
    ("الموافق 1 محرم 1400هـ", "ar", "1979-11-21", "day"),
    ("خلال شهر رمضان 1445", "ar", "2024-03", "month"),
    ("on 1 Ramadan 1446 AH", "en", "2025-03-01", "day"),
])
def test_hijri_dates_are_converted(text: str, lang: str, value: str, precision: str) -> None:
    assert one(text, lang) == (value, precision)


def test_hijri_month_name_without_a_hijri_year_is_not_a_date() -> None:
    assert dates("خلال رمضان زار الوفد موسكو") == []
    assert dates("ارتفع العدد إلى صفر 2018") == []


def test_gregorian_era_marker_glued_to_the_year_is_read() -> None:
    assert one("في 17 يناير 2018م وقع الطرفان", pub="2025-06-18") == ("2018-01-17", "day")
    assert one("في عام 2018م") == ("2018", "year")


@pytest.mark.parametrize("text", [
    "أعلنت واشنطن من جانب واحد الانسحاب من الاتفاق",   # واحد "one", not و + أحد "Sunday"
    "قال أحد مساعدي الرئيس إن العقوبات ستفرض",
    "أعلنت الوزارة مقتل فلسطينيين اثنين برصاص الجيش",   # اثنين "two", not Monday
    "تجري تظاهرات كل يوم جمعة قرب السياج",              # any Friday
    "وقالت كفاح خميس رئيسة الجمعية",
])
def test_bare_arabic_day_names_are_other_words(text: str) -> None:
    assert dates(text) == []


def test_day_names_with_the_article_are_still_found() -> None:
    assert one("أعلنت الوزارة الأحد مقتل فلسطينيين اثنين") == ("2025-01-19", "day")
    assert one("وقال يوم الاثنين إن") == ("2025-01-20", "day")


@pytest.mark.parametrize("text", [
    "وفي اليوم التالي أعلن الجيش انسحابه",
    "في اليوم الأول من الاحتجاجات قتل 16 فلسطينيا",
    "واستولت إسرائيل في ذلك اليوم على شبه جزيرة سيناء",
    "وقعت الهجمات في اليوم نفسه",
    "ساعات راحة لا تقل عن ثماني ساعات في اليوم الواحد",
])
def test_al_yawm_naming_another_day_is_not_today(text: str) -> None:
    assert dates(text) == []


def test_al_yawm_alone_is_still_today() -> None:
    assert one("وقال الوزير اليوم إن بلاده سترد") == (PUB, "day")
    assert dates("أعلنت الوزارة اليوم الاثنين") == [(PUB, "day"), (PUB, "day")]


def test_one_day_after_another_event_is_not_counted_from_publication() -> None:
    """"بعد يوم واحد من عودة الوفد": واحد between the unit and من does not hide the other point."""
    assert dates("أعلنت الولايات المتحدة بعد يوم واحد من عودة الوفد") == []
    assert one("وصل الوفد بعد يوم واحد") == ("2025-01-21", "day")


@pytest.mark.parametrize("text,lang,value", [
    ("فرضت الولايات المتحدة في أغسطس عقوبات على كيانات روسية", "ar", "2024-08"),  # written 20 January 2025
    ("وخلال شهر ديسمبر التقى الوزيران", "ar", "2024-12"),
    ("وفي يناير/كانون الثاني الماضي", "ar", "2024-01"),
    ("القمة المقررة أواخر أبريل المقبل", "ar", "2025-04"),
    ("منذ شهر يونيو", "ar", "2024-06"),
    ("The sanctions imposed in August", "en", "2024-08"),
    ("talks held in early December", "en", "2024-12"),
    ("the summit next October", "en", "2025-10"),
    ("في فبراير من العام الماضي", "ar", "2024-02"),
    ("a summit that ended without agreement in February last year", "en", "2024-02"),
])
def test_a_month_named_alone_takes_its_year_from_publication(text: str, lang: str, value: str) -> None:
    assert one(text, lang) == (value, "month")


@pytest.mark.parametrize("text,lang", [
    ("مارس ضغوطا كبيرة على إيران", "ar"),  # مارس "exerted", not March
    ("قالت تيريزا ماي إن بلادها", "ar"),      # Theresa May
    ("This may be the end of the talks", "en"),
    ("Iran may strike in retaliation", "en"),
])
def test_a_month_word_without_a_lead_is_no_date(text: str, lang: str) -> None:
    assert dates(text, lang) == []


def test_a_month_alone_offers_the_coming_one_for_future_events() -> None:
    [d] = find_dates(fold("ستعقد القمة في مارس"), "ar", PUB)
    assert (d.value, d.ahead) == ("2024-03", "2025-03")
