"""Dates in Arabic and English news, resolved against the publication date.

Our own small grammar instead of dateparser: it knows both Arabic month-name
systems (يناير and كانون الثاني, often written together as "17 يناير/كانون
الثاني 2025"), Maghrebi names (جانفي), weekdays and relative expressions
(أمس, العام الماضي, last week), durations counted from publication ("قبل
أسبوعين", "three years ago", "in two weeks"), keeps the precision the text gives
(a year is "2024", not 2024-01-01; a week is its Monday with precision "week"),
converts Hijri dates ("17 رمضان 1445 هـ") and never fills a missing part with today's date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from casus.lexicon.loader import as_list, load_yaml
from casus.text.alternation import word_alternation
from casus.text.normalize import fold, lower_en


@dataclass(frozen=True, slots=True)
class DateMention:
    start: int
    end: int
    value: str        # YYYY-MM-DD | YYYY-MM | YYYY
    precision: str    # day | week (value = its Monday) | month | year
    relative: bool    # resolved from the publication date
    ahead: str | None = None  # the reading forward from publication, where the text leaves the direction open


@dataclass(frozen=True, slots=True)
class _Grammar:
    pattern: re.Pattern[str]
    months: dict[str, int]
    weekdays: dict[str, int]
    relative: dict[str, tuple[str, int]]
    future_words: tuple[str, ...]
    past_words: tuple[str, ...]
    units: dict[str, tuple[str, int, bool]]  # word → (offset unit, factor, dual: the word itself means 2)
    numbers: dict[str, int]
    hijri_months: dict[str, int]
    day_nouns: frozenset[str]        # اليوم "today" / "the day": not today between these words
    day_noun_after: frozenset[str]
    day_noun_before: frozenset[str]
    month_directions: dict[str, str]  # word after (ar) or before (en) a month name → past | next | current


@cache
def _grammar(lang: str) -> _Grammar:
    cal = load_yaml("dates/calendar.yaml")
    norm = fold if lang == "ar" else lower_en
    months: dict[str, int] = {}
    for num, names in (cal.get("months") or {}).items():
        for w in as_list(names.get(lang)):
            months[norm(w).rstrip(".")] = int(num)
    # Arabic day names only with ال: the bare forms are other words (واحد "one" read as و + أحد,
    # اثنين "two", جمعة and خميس names), and "يوم جمعة" is "any Friday", not a date
    weekdays: dict[str, int] = {}
    for num, names in (cal.get("weekdays") or {}).items():
        for w in as_list(names.get(lang)):
            weekdays[norm(w)] = int(num)
    relative: dict[str, tuple[str, int]] = {}
    for rec in cal.get("relative") or []:
        unit = next((u for u in ("days", "weeks", "months", "years") if u in rec), None)
        if unit is None:
            continue
        for w in as_list(rec.get(lang)):
            relative[norm(w)] = (unit, int(rec[unit]))
    units: dict[str, tuple[str, int, bool]] = {}
    for rec in (cal.get("units") or {}).values():
        for w in as_list(rec.get(lang)):
            units[norm(w)] = (rec["unit"], int(rec["factor"]), False)
        for w in as_list(rec.get(f"{lang}_dual")):
            units[norm(w)] = (rec["unit"], int(rec["factor"]), True)
    numbers = {norm(w): int(n) for n, names in (cal.get("number_words") or {}).items()
               for w in as_list(names.get(lang))}
    hijri: dict[str, int] = {}
    for num, names in (cal.get("hijri_months") or {}).items():
        for w in as_list(names.get(lang)):
            hijri[norm(w).replace("'", "")] = int(num)
    nouns = cal.get("day_nouns") or {}
    day_nouns = tuple(frozenset(norm(w) for w in as_list((nouns.get(k) or {}).get(lang)))
                      for k in ("words", "after", "before"))
    hijri_re = word_alternation(list(hijri))
    month_re = word_alternation(list(months))
    day_re = word_alternation(list(weekdays))
    rel_re = word_alternation(list(relative))
    # "early 2024", "مطلع 2024", "summer 2018", "صيف 2018": the year is what the text pins down
    # (أول / آخر are also "first / last": "آخر 2000 جندي" is not a date, so not before a bare number)
    period_words = [norm(w) for rec in cal.get("parts_of_period") or [] for w in as_list(rec.get(lang))
                    if norm(w) not in (norm("أول"), norm("آخر"))]
    period_words += [norm(w) for rec in (cal.get("seasons") or {}).values() for w in as_list(rec.get(lang))]
    period_re = word_alternation(period_words)
    # a month named alone ("في مارس", "in August", "أبريل المقبل", "last October") takes its year from
    # publication; it needs a preposition, period word or direction, since مارس is also a verb and "may" a
    # modal, and weak months ("May", "March") never follow this/last/next ("this may be")
    month_dirs = {norm(w): kind for kind, names in (cal.get("directions") or {}).items()
                  for w in as_list((names or {}).get(lang))}
    dir_re = word_alternation(list(month_dirs))
    weak = {norm(w).rstrip(".") for w in as_list((cal.get("weak_months") or {}).get(lang))}
    strong_month_re = word_alternation([w for w in months if w not in weak])
    # "في فبراير من العام الماضي", "in February last year": the year is the relative one
    year_rel_re = word_alternation([w for w, (unit, _) in relative.items() if unit == "years"])
    month_leads = word_alternation([norm(w) for w in as_list((cal.get("month_leads") or {}).get(lang))] + period_words)
    unit_re = word_alternation(list(units))
    num_re = rf"\d{{1,3}}|{word_alternation(list(numbers))}"
    one_re = word_alternation([w for w, n in numbers.items() if n == 1 and " " not in w])
    if lang == "ar":
        # a Gregorian era marker may be glued to the year: "2018م"
        greg = r"(?:م(?![\w]))?"
        year_word = r"(?:(?:عام|العام|سنه|السنه|لعام|بعام)\s+)?"
        body = (
            rf"(?:(?P<hd>\d{{1,2}})\s+)?(?:من\s+)?(?:شهر\s+)?(?P<hm>{hijri_re})\s+(?:من\s+)?(?:عام\s+|سنه\s+)?"
            rf"(?P<hy>1[34]\d\d)(?:\s*(?:هجريه|هجري|ه)(?![\w]))?|"
            rf"(?P<d>\d{{1,2}})\s+(?:من\s+)?(?P<m>{month_re})(?:\s*/\s*(?:{month_re}))?(?:\s*(?:من\s+)?(?:عام\s+|العام\s+)?(?P<y>\d{{4}}){greg})?"
            rf"|(?:شهر\s+)?(?P<m2>{month_re})(?:\s*/\s*(?:{month_re}))?\s+(?:من\s+)?(?:عام\s+|العام\s+)?(?P<y2>\d{{4}}){greg}"
            rf"|(?:(?:عام|العام|سنه|السنه|لعام|بعام|منذ|في|{period_re})\s+)(?P<y3>(?:19|20)\d\d)(?!\d){greg}"
        )
        # weekdays, durations and relative words may carry the clitic و/ف (والخميس, وامس), left outside the match
        # a duration counts from publication unless من names another point ("قبل ثلاثه ايام من الانتخابات",
        # "بعد يوم واحد من عودته");
        # "منذ عام 2011" is a year, not a duration
        clitic_body = (
            rf"(?P<dmark>قبل|منذ|بعد|في\s+غضون)\s+(?:(?P<dnum>{num_re})\s+)?(?P<dunit>{unit_re})(?!\s+(?:(?:{one_re})\s+)?(?:من\s|\d|(?:{month_re})(?![\w])))"
            rf"|(?P<rel>{rel_re})"
            rf"|(?:يوم\s+)?(?:(?:صباح|مساء|ليل|ليله|ظهر|فجر)\s+)?(?P<wd>{day_re})"
            rf"|(?:(?P<mlead>{month_leads})\s+)?(?:شهر\s+)?(?P<m5>{month_re})(?:\s*/\s*(?:{month_re}))?"
            rf"(?:\s+(?P<mdir>{dir_re})|\s+(?:من\s+)?(?P<myear>{year_rel_re}))?"
            rf"(?!\s*(?:/\s*\S+\s*)?(?:من\s+)?(?:عام\s+|العام\s+)?\d)"
        )
        del year_word
    else:
        body = (
            rf"(?:(?P<hd>\d{{1,2}})\s+)?(?P<hm>{hijri_re})\s+(?P<hy>1[34]\d\d)(?:\s*(?:ah|a\.h\.)(?![\w]))?|"
            rf"(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m>{month_re})\.?(?:,?\s+(?P<y>\d{{4}}))?"
            rf"|(?P<m3>{month_re})\.?\s+(?P<d3>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<y4>\d{{4}}))?"
            rf"|(?P<m2>{month_re})\.?\s+(?:of\s+)?(?P<y2>\d{{4}})"
            rf"|(?:\b(?:in|since|by|of|during|until|from|{period_re})(?:\s+|-))(?P<y3>(?:19|20)\d\d)(?!\d)"
            rf"|(?P<dnum>{num_re})\s+(?P<dunit>{unit_re})\s+(?P<dmark>ago)"
            rf"|(?P<dmark2>in|within)\s+(?P<dnum2>{num_re})\s+(?P<dunit2>{unit_re})(?!\s+(?:of|before|after)\b)"
            rf"|(?P<rel>{rel_re})"
            rf"|(?:on\s+)?(?:(?P<dir>next|last|coming|past|previous)\s+)?(?P<wd>{day_re})"
            rf"|(?:(?P<mdir>{dir_re})\s+(?P<m6>{strong_month_re})|(?P<mlead>{month_leads})(?:\s+|-)(?:of\s+)?"
            rf"(?P<m5>{month_re}))\.?(?:\s+(?:of\s+)?(?P<myear>{year_rel_re}))?(?!\.?,?\s*\d)"
        )
        clitic_body = ""
    clitic = rf"|(?:(?<![\w])|(?<=(?<![\w])[وف]))(?:{clitic_body})" if clitic_body else ""
    pattern = re.compile(rf"(?:(?<![\w])(?:{body}){clitic})(?![\w])")
    future = ("المقبل", "القادم", "المقبله", "القادمه") if lang == "ar" else ("next", "coming")
    past = ("الماضي", "الماضيه", "المنصرم", "الفايت") if lang == "ar" else ("last", "past")
    return _Grammar(pattern, months, weekdays, relative, future, past, units, numbers, hijri, day_nouns[0],
                    day_nouns[1], day_nouns[2], month_dirs)


def find_dates(text: str, lang: str, pub_date: str | None, offset: int = 0) -> list[DateMention]:
    """Every date expression in `text` (normalised; English lower-cased), resolved where possible; spans are
    shifted by `offset`, where `text` is a slice of a longer one."""
    g = _grammar(lang)
    pub = _parse_iso(pub_date)
    out: list[DateMention] = []
    for m in g.pattern.finditer(text):
        value = _resolve(m, g, pub, text)
        if value is not None:
            out.append(DateMention(m.start() + offset, m.end() + offset, *value))
    return out


def _parse_iso(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _resolve(m: re.Match[str], g: _Grammar, pub: date | None, text: str) \
        -> tuple[str, str, bool] | tuple[str, str, bool, str | None] | None:
    """Value, precision, whether resolved from the publication date, and the forward reading where the text
    leaves the direction open."""
    gd = m.groupdict()
    if gd.get("hm"):
        return _hijri(g.hijri_months[_squash(gd["hm"]).replace("'", "")], int(gd["hy"]), gd.get("hd"))
    month_word = gd.get("m") or gd.get("m3")
    day = gd.get("d") or gd.get("d3")
    year = gd.get("y") or gd.get("y4")
    if month_word and day:
        month = g.months.get(_month_key(month_word, g))
        d = int(day)
        if not month or not 1 <= d <= 31:
            return None
        if year:
            return (*_iso(int(year), month, d), False)
        if pub is None:
            return None
        # no year: the most recent such day not after publication (or just after, for announcements);
        # a future event takes the next one ("will withdraw by 30 June", written in March)
        y = pub.year if (month, d) <= (pub.month, pub.day) or (month - pub.month) % 12 <= 1 else pub.year - 1
        ahead = pub.year if (month, d) >= (pub.month, pub.day) else pub.year + 1
        return (*_iso(y, month, d), True, _iso(ahead, month, d)[0])
    if gd.get("m2"):
        month = g.months.get(_month_key(gd["m2"], g))
        return (f"{int(gd['y2']):04d}-{month:02d}", "month", False) if month else None
    if gd.get("y3"):
        return gd["y3"], "year", False
    if gd.get("m5") or gd.get("m6"):
        return _month_alone(gd, g, pub)
    if gd.get("dunit") or gd.get("dunit2"):
        return _duration(gd, g, pub)
    if gd.get("rel"):
        if pub is None:
            return None
        if _squash(gd["rel"]) in g.day_nouns and _another_day(m, g, text):
            return None
        unit, n = g.relative[_squash(gd["rel"])]
        return _shift(pub, unit, n)
    if gd.get("wd"):
        if pub is None:
            return None
        wd = g.weekdays.get(_squash(gd["wd"]))
        if wd is None:
            return None
        after = text[m.end(): m.end() + 12].lstrip()
        before = gd.get("dir")  # English "next Tuesday", "last Monday"
        future = before in ("next", "coming") or (before is None and any(after.startswith(w) for w in g.future_words))
        past = before in ("last", "past", "previous") or any(after.startswith(w) for w in g.past_words)
        forward = (wd - pub.weekday()) % 7 or 7
        delta = forward if future else -((pub.weekday() - wd) % 7)
        if past and delta == 0:  # "الخميس الماضي" written on a Thursday: a week ago
            delta = -7
        # no direction written: the past day, but a future event takes the coming one ("will meet on Thursday")
        coming = None if future or past else (pub + timedelta(days=forward)).isoformat()
        return (pub + timedelta(days=delta)).isoformat(), "day", True, coming
    return None


def _month_alone(gd: dict[str, str | None], g: _Grammar, pub: date | None) \
        -> tuple[str, str, bool, str | None] | None:
    """"في مارس", "أبريل المقبل", "in August": the month's most recent occurrence up to publication, or the
    one a direction word names; the coming one as the reading for a future event."""
    month = g.months.get(_month_key(gd.get("m5") or gd.get("m6") or "", g))
    written = gd.get("mdir")
    direction = g.month_directions.get(_squash(written)) if written else None
    if month is None or pub is None or not (direction or gd.get("mlead")):
        return None
    if gd.get("myear"):
        return f"{pub.year + g.relative[_squash(gd['myear'] or '')][1]:04d}-{month:02d}", "month", True, None
    back = pub.year if month <= pub.month else pub.year - 1
    coming = pub.year if month >= pub.month else pub.year + 1
    ahead: str | None = None
    if direction == "past":
        year = pub.year if month < pub.month else pub.year - 1
    elif direction == "next":
        year = pub.year if month > pub.month else pub.year + 1
    elif direction == "current":
        year = pub.year
    else:
        year = back
        ahead = f"{coming:04d}-{month:02d}" if coming != back else None
    return f"{year:04d}-{month:02d}", "month", True, ahead


def _another_day(m: re.Match[str], g: _Grammar, text: str) -> bool:
    """"في اليوم التالي", "اليوم الأول", "ذلك اليوم": the day noun names another day than today."""
    after = text[m.end():m.end() + 20].split(maxsplit=1)
    before = text[max(0, m.start() - 20):m.start()].rsplit(maxsplit=1)
    return (bool(after) and after[0].strip(".,،:؛\"'()") in g.day_noun_after) or \
        (bool(before) and before[-1] in g.day_noun_before)


def _hijri(month: int, year: int, day: str | None) -> tuple[str, str, bool] | None:
    """A Hijri date in the Gregorian calendar, by the arithmetic (tabular) Islamic calendar.

    Saudi Umm al-Qura and sighting-based calendars can differ from it by a day, so a day keeps
    day precision only as the nearest estimate; a month alone gives the Gregorian month of its middle.
    """
    d = int(day) if day else 15
    if not 1 <= d <= 30:
        return None
    jdn = (11 * year + 3) // 30 + 354 * year + 30 * month - (month - 1) // 2 + d + 1948440 - 385
    g = date.fromordinal(jdn - 1721425)
    return (g.isoformat(), "day", False) if day else (f"{g.year:04d}-{g.month:02d}", "month", False)


def _duration(gd: dict[str, str | None], g: _Grammar, pub: date | None) -> tuple[str, str, bool] | None:
    """"قبل أسبوعين", "three years ago", "in two weeks": an offset from publication, at the unit's precision."""
    if pub is None:
        return None
    mark = gd.get("dmark") or gd.get("dmark2") or ""
    unit, factor, dual = g.units[_squash(gd.get("dunit") or gd.get("dunit2") or "")]
    written = gd.get("dnum") or gd.get("dnum2")
    if written is not None and dual:
        return None  # "قبل ثلاثه يومين" is not Arabic; better no date than a guess
    n = 2 if dual else 1 if written is None else int(written) if written.isdigit() else g.numbers[_squash(written)]
    sign = 1 if _squash(mark) in ("بعد", "في غضون", "in", "within") else -1
    return _shift(pub, unit, sign * n * factor)


def _squash(s: str) -> str:
    return re.sub(r"\s+", " ", s)


def _month_key(word: str, g: _Grammar) -> str:
    key = _squash(word).rstrip(".")
    return key if key in g.months else key.lower()


def _iso(y: int, mo: int, d: int) -> tuple[str, str]:
    """A day, or the month when the day does not exist (31 February): never a wrong day."""
    try:
        return date(y, mo, d).isoformat(), "day"
    except ValueError:
        return f"{y:04d}-{mo:02d}", "month"


def _shift(pub: date, unit: str, n: int) -> tuple[str, str, bool]:
    if unit == "days":
        return (pub + timedelta(days=n)).isoformat(), "day", True
    if unit == "weeks":
        # "last week" names a week, not a day: its Monday, with precision "week"
        day = pub + timedelta(weeks=n)
        return (day - timedelta(days=day.weekday())).isoformat(), "week", True
    if unit == "months":
        total = pub.year * 12 + pub.month - 1 + n
        return f"{total // 12:04d}-{total % 12 + 1:02d}", "month", True
    return f"{pub.year + n:04d}", "year", True
