"""Dates as people say them, read with the standard library: "24 December", "December 24th, 2026", "the first
of May", "2000-01-01", "24/12/2026", "next Friday", "tomorrow", "Christmas"; and said back the same way
("Saturday, 1 January 2000"). A date that could be read two ways ("03/04/2026") is refused, never guessed.
Used by date_time."""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from ..errors import InputError

MONTHS: dict[str, int] = {name.lower(): n for n, name in enumerate(calendar.month_name) if name}
MONTHS |= {name.lower(): n for n, name in enumerate(calendar.month_abbr) if name} | {"sept": 9}
WEEKDAYS: dict[str, int] = {name.lower(): n for n, name in enumerate(calendar.day_name)}
# Their short forms, said before a date ("Mon 24 March", "Thurs, 3 April").
_WEEKDAY_FORMS = WEEKDAYS | {name.lower(): n for n, name in enumerate(calendar.day_abbr)} | {
    "tues": 1, "weds": 2, "thur": 3, "thurs": 3}
_NAMED_DAY = r"(" + "|".join(sorted(_WEEKDAY_FORMS, key=len, reverse=True)) + r")\.?"
# A date said with its weekday, before it ("Monday 24 March 2025", "Mon, the 24th of March") or after it
# ("24 March 2025, a Monday", "24 March 2025 (Monday)").
_WITH_WEEKDAY = (re.compile(_NAMED_DAY + r",?\s+(.+)"),
                 re.compile(r"(.+?),?\s+\(?(?:(?:which|that)\s+(?:is|was)\s+)?(?:an?\s+)?" + _NAMED_DAY + r"\)?"))
_ORDINALS: dict[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15,
    "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20, "thirtieth": 30,
}
_MONTH = r"(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_ORDINAL = r"((?:twenty|thirty)[- ]?(?:" + "|".join(list(_ORDINALS)[:9]) + r")|" + "|".join(_ORDINALS) + ")"
_DAY = r"(\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?:,?\s*(\d{4}))?"
# Holidays on the same date every year (month, day).
HOLIDAYS: dict[str, tuple[int, int]] = {
    "christmas eve": (12, 24), "christmas day": (12, 25), "christmas": (12, 25), "xmas": (12, 25),
    "boxing day": (12, 26), "new year's eve": (12, 31), "new years eve": (12, 31), "new year's day": (1, 1),
    "new years day": (1, 1), "new year": (1, 1), "halloween": (10, 31), "valentine's day": (2, 14),
    "valentines day": (2, 14), "valentine's": (2, 14), "independence day": (7, 4), "st patrick's day": (3, 17),
    "saint patrick's day": (3, 17),
}


def say_date(day: date, weekday: bool = True) -> str:
    """"Saturday, 1 January 2000"."""
    text = f"{day.day} {calendar.month_name[day.month]} {day.year}"
    return f"{calendar.day_name[day.weekday()]}, {text}" if weekday else text


def _ordinal(word: str) -> int:
    word = word.lower().replace("-", " ")
    tens = 20 if word.startswith("twenty") else 30 if word.startswith("thirty") else 0
    rest = word.removeprefix("twenty").removeprefix("thirty").strip()
    return tens + (_ORDINALS[rest] if rest else 0)


def ordinals_to_days(text: str) -> str:
    """"the twenty-fourth of December" -> "the 24 of December", "May the first" -> "May 1" (ordinal words
    next to a month only)."""
    text = re.sub(_ORDINAL + r"(?=\s+(?:of\s+)?" + _MONTH + r"\b)", lambda m: str(_ordinal(m.group(0))), text,
                  flags=re.I)
    return re.sub(_MONTH + r"(\s+)(?:the\s+)?" + _ORDINAL + r"\b",
                  lambda m: f"{m.group(1)}{m.group(2)}{_ordinal(m.group(3))}", text, flags=re.I)


def easter(year: int) -> date:
    """Western Easter Sunday (the anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month, day = divmod(h + ell - 7 * m + 114, 31)
    return date(year, month, day + 1)


def _make(year: int, month: int, day: int, text: str) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise InputError(f"there is no such date as {text.strip()!r}") from None


def _next(month: int, day: int, today: date, past: bool, text: str) -> date:
    """The next such date from today (today itself counts), or with `past` the last one."""
    if month == 2 and day == 29:  # the next (or last) leap year's
        year = today.year
        step = -1 if past else 1
        while not (calendar.isleap(year) and (date(year, 2, 29) <= today if past else date(year, 2, 29) >= today)):
            year += step
        return date(year, 2, 29)
    found = _make(today.year, month, day, text)
    if past and found > today:
        return found.replace(year=today.year - 1)
    if not past and found < today:
        return found.replace(year=today.year + 1)
    return found


def parse_date(text: str, today: date, past: bool = False) -> date | None:
    """The one date `text` says (None when it says none); a date without a year is the next such date (the
    last one with `past`). An impossible or ambiguous date is an InputError."""
    t = " ".join(ordinals_to_days(text).lower().replace("’", "'").split()).strip(" ?.!,")
    t = re.sub(r"^(?:the|on|of|is|was|be)\s+", "", t)
    if (relative := re.search(r"\s+(this|next|last) year$", t)):  # "christmas this year"
        step = {"this": 0, "next": 1, "last": -1}[relative.group(1)]
        t = f"{t[:relative.start()]} {today.year + step}"
    simple = {"today": 0, "now": 0, "tomorrow": 1, "yesterday": -1, "the day after tomorrow": 2,
              "day after tomorrow": 2, "the day before yesterday": -2, "day before yesterday": -2}
    if t in simple:
        return today + timedelta(days=simple[t])
    if (found := re.fullmatch(r"(?:(next|this|last|coming)\s+)?(" + "|".join(WEEKDAYS) + r")", t)):
        target = WEEKDAYS[found.group(2)]
        ahead = (target - today.weekday()) % 7
        if found.group(1) == "last":
            return today - timedelta(days=(today.weekday() - target) % 7 or 7)
        if found.group(1) == "next" and ahead == 0:
            ahead = 7
        return today + timedelta(days=ahead)
    if (dated := _with_weekday(t, today, past)) is not None:
        return dated
    if (found := re.fullmatch(r"(easter)(?:\s+(?:sunday\s+)?(\d{4}))?", t)):
        year = int(found.group(2)) if found.group(2) else today.year
        day = easter(year)
        if not found.group(2) and (day < today if not past else day > today):
            day = easter(year + (-1 if past else 1))
        return day
    for name, (month, day_of) in HOLIDAYS.items():
        if (found := re.fullmatch(re.escape(name) + r"(?:\s+(\d{4}))?", t)):
            return _make(int(found.group(1)), month, day_of, t) if found.group(1) else \
                _next(month, day_of, today, past, t)
    if (found := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", t)):
        return _make(int(found.group(1)), int(found.group(2)), int(found.group(3)), t)
    if (found := re.fullmatch(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4})", t)):
        first, second, year = int(found.group(1)), int(found.group(2)), int(found.group(3))
        if first <= 12 and second <= 12 and first != second:
            raise InputError(f"{t} could be {first} {calendar.month_name[second]} or {second} "
                             f"{calendar.month_name[first]}: say the month's name")
        day_of, month = (first, second) if first > 12 or first == second else (second, first)
        return _make(year, month, day_of, t)
    for pattern, order in ((_DAY + r"\s+(?:of\s+)?" + _MONTH + _YEAR, "dmy"),
                           (_MONTH + r"\s+(?:the\s+)?" + _DAY + _YEAR, "mdy")):
        if (found := re.fullmatch(pattern, t)):
            day_s, month_s = (found.group(1), found.group(2)) if order == "dmy" else (found.group(2), found.group(1))
            month, day_of = MONTHS[month_s], int(day_s)
            if found.group(3):
                return _make(int(found.group(3)), month, day_of, t)
            return _next(month, day_of, today, past, t)
    return None


def _with_weekday(t: str, today: date, past: bool) -> date | None:
    """The date of "Monday 24 March 2025" (or "24 March 2025, a Monday"), when the weekday is that date's. A date
    without a year is the next such date, or the last one when that is the weekday named ("Tuesday 24 March",
    said in December 2026: 24 March 2026); a weekday that fits neither, or not the date, is an InputError."""
    for pattern in _WITH_WEEKDAY:
        found = pattern.fullmatch(t)
        if found is None:
            continue
        name, said = (found.group(1), found.group(2)) if pattern is _WITH_WEEKDAY[0] else \
            (found.group(2), found.group(1))
        day = parse_date(said, today, past)
        if day is None:
            continue
        weekday = _WEEKDAY_FORMS[name]
        other = parse_date(said, today, not past)
        for candidate in (day, other):
            if candidate is not None and candidate.weekday() == weekday:
                return candidate
        wanted = calendar.day_name[weekday]
        if other is None or other == day:  # a year or a day of its own ("2025", "tomorrow")
            raise InputError(f"{say_date(day, weekday=False)} is a {calendar.day_name[day.weekday()]}, "
                             f"not a {wanted}")
        coming, last = (other, day) if past else (day, other)
        raise InputError(f"{day.day} {calendar.month_name[day.month]} is not a {wanted}: the next is "
                         f"{say_date(coming)}, the last was {say_date(last)}")
    return None


def month_of(text: str, today: date) -> tuple[int, int] | None:
    """(year, month) for "February", "February 2024", "this month", "next month"."""
    t = " ".join(text.lower().split()).strip(" ?.!,")
    t = re.sub(r"^(?:the month of|the|in)\s+", "", t)
    if t in ("this month", "the month", "month"):
        return today.year, today.month
    if t == "next month":
        return (today.year + today.month // 12, today.month % 12 + 1)
    if t == "last month":
        return (today.year - (today.month == 1), (today.month - 2) % 12 + 1)
    found = re.fullmatch(_MONTH + r"(?:\s+(?:of\s+)?(\d{4}))?", t)
    if not found:
        return None
    return (int(found.group(2)) if found.group(2) else today.year), MONTHS[found.group(1)]


# A date written with its month named, anywhere in a text: "5 July 2025", "Sat 28 June", "the 14th of August",
# "May 12, 2025"
_SAID = re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}(?![^\W\d_]){_YEAR}|\b{_MONTH}\s+(?:the\s+)?{_DAY}\b{_YEAR}", re.I)


def said_dates(text: str) -> list[tuple[int, int, int | None]]:
    """Each date the text writes with its month named, as (day, month, year or None), in order; not an impossible
    one ("31 June")."""
    out = []
    for found in _SAID.finditer(ordinals_to_days(text)):
        day, month, year = (found.group(1), found.group(2), found.group(3)) if found.group(1) else \
            (found.group(5), found.group(4), found.group(6))
        y = int(year) if year else None
        try:
            date(y or 2000, MONTHS[month.lower().rstrip(".")], int(day))  # (2000: a leap year, 29 February is a date)
        except (ValueError, KeyError):
            continue
        out.append((int(day), MONTHS[month.lower().rstrip(".")], y))
    return out


def year_of(text: str, today: date) -> int | None:
    """The year "2024", "this year", "next year", "last year" says."""
    t = text.lower()
    if (found := re.search(r"\b(\d{4})\b", t)):
        return int(found.group(1))
    for word, step in (("this year", 0), ("next year", 1), ("last year", -1), ("a year", 0), ("the year", 0)):
        if word in t:
            return today.year + step
    return None
