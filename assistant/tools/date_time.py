"""date_time: the date and time by the local clock (or in a city's time zone), the weekday of a date, days
between dates or until one, a date some days or weeks from another, leap years, days in a month and weeks in a
year; read from a question in words (`dates.py`) and answered as people say it ("Saturday, 1 January 2000.",
"14 days until Thursday, 24 December 2026.", "It is 9:05 in the morning, Sunday 6 December 2026."). And times of
day worked out (`clock_times.py`): how long from one to another, a time plus or minus hours and minutes ("From
17:45 to 19:00 is 75 minutes.", "45 minutes after 7:50 is 8:35.").
A question it cannot read is said so; it never guesses a date."""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime, timedelta
from typing import Annotated
from zoneinfo import ZoneInfo, available_timezones

from pydantic import Field

from ..contracts import ToolResult
from ..errors import InputError, UnreadableRequest
from ..routing_hints import Routing
from ..words import OWN_WORDS
from .clock_times import answer as clock_answer
from .clock_times import say_clock, say_day
from .clock_words import CLOCK_SIGNAL, CLOCK_TIME, HOW_OFTEN, TIME_SPAN, TIMES_WORKED_OUT
from .dates import month_of, parse_date, say_date, year_of
from .numbers import read
from .registry import ToolContext, tool

MAX_CHARS = 300
_UNITS = {"day": 1, "days": 1, "week": 7, "weeks": 7, "fortnight": 14, "fortnights": 14}
_MONTHS_UNITS = {"month": 1, "months": 1, "year": 12, "years": 12}
# Places whose time zone is not named after them (the rest: zoneinfo's own city names, "Tokyo", "New York").
PLACES: dict[str, str] = {
    "tokio": "Asia/Tokyo", "japan": "Asia/Tokyo", "beijing": "Asia/Shanghai", "peking": "Asia/Shanghai",
    "china": "Asia/Shanghai", "mumbai": "Asia/Kolkata", "delhi": "Asia/Kolkata", "new delhi": "Asia/Kolkata",
    "india": "Asia/Kolkata", "san francisco": "America/Los_Angeles", "seattle": "America/Los_Angeles",
    "california": "America/Los_Angeles", "washington": "America/New_York", "boston": "America/New_York",
    "miami": "America/New_York", "munich": "Europe/Berlin", "münchen": "Europe/Berlin", "germany": "Europe/Berlin",
    "france": "Europe/Paris", "spain": "Europe/Madrid", "italy": "Europe/Rome", "rome": "Europe/Rome",
    "uk": "Europe/London", "england": "Europe/London", "utc": "UTC", "gmt": "Etc/GMT",
}
# "At what time ..." asks when something happens, never what the clock says ("¿a qué hora es mi cita?").
AT_WHAT_TIME = (r"\b(?:at what time|from what time|(?<!\w)(?:a|à|de|desde) (?:qué|que|quelle) (?:hora|heure)|"
                r"um wie ?viel uhr|um welche uhrzeit|ab wann|a che ora|da che ora)\b")
# When the user's own event is: a question for when, then at most two words, then "my" or "our" ("what time is
# my haircut", "when's our flight", "wann ist mein Termin", "a che ora è il mio ..."); not "what time is it in my
# town" (three words between). Spanish "mes" is a month too ("¿qué día del mes es hoy?").
_WHEN = (r"what time|what day|which day|what date|(?:time|date|day) of|when|how (?:many days|many weeks|long) "
         r"(?:until|till|before|to)|qu[ée] d[íi]a|cu[áa]ndo|quand|quel jour|wann|an welchem tag|quando|che giorno")
ONE_THINGS_DATE = (r"\bthe (?:original|old|new|previous|earlier|initial|planned|agreed|rescheduled|first|second) "
                   r"(?:date|time|appointment|day)\b(?!\s+of\b)")
OWN_EVENT = (rf"\b(?:{_WHEN})(?:['’]s)?(?:\s+\S+){{0,2}}?\s+(?:"
             + "|".join(sorted(OWN_WORDS - {"mes"})) + r")\b")
_AT_WHAT_TIME = re.compile(AT_WHAT_TIME, re.I)
_NOW = re.compile(r"\b(?:what(?:'s| is) the time|what time is it|the time now|time is it|current time|time right now|"
                  r"wie spät|wie viel uhr|quelle heure|qué hora|que hora)\b", re.I)
_TODAY = re.compile(r"\b(?:what(?:'s| is) (?:the )?date|today's date|what day is (?:it|today)|which day is (?:it|today)|"
                    r"date today|welcher tag|welches datum|quel jour|quelle date|qué día|que dia|qué fecha)\b", re.I)
_PLACE = re.compile(r"\b(?:in|à|en)\s+([^\W\d_][\w' .-]*?)\s*(?:,.*|\b(?:right now|now|today|currently|roughly|"
                    r"approximately|ungefähr|environ|aproximadamente)\b.*)?$", re.I)


def answer(question: str, now: datetime) -> tuple[str, dict]:
    """The spoken answer and its data, for a question at `now` (local time); an InputError when the
    question names no date or time this can read."""
    if len(question) > MAX_CHARS:
        raise InputError(f"that question is too long (at most {MAX_CHARS} characters)")
    q = " ".join(read(question.replace("’", "'"), foreign=False).split()).strip(" ?.!")
    low = q.lower()
    if (times := clock_answer(question, now)) is not None:  # times of day: "from 17:45 to 19:00", "90 minutes after"
        return times
    if _AT_WHAT_TIME.search(low):
        raise UnreadableRequest("that asks when something happens, which the clock cannot tell")
    today = now.date()
    for reader in (_leap_year, _weekdays, _days_in, _weeks, _between, _until, _offset, _weekday_of, _current):
        found = reader(low, today, now)
        if found is not None:
            return found
    raise UnreadableRequest("which date or time is meant is not clear; ask e.g. 'what day is 24 December' or "
                     "'how many days until Christmas'")


def _date(text: str, today: date, past: bool = False) -> date:
    found = parse_date(text, today, past)
    if found is None:
        raise UnreadableRequest(f"{text.strip()!r} is not a date I can read")
    return found


def _leap_year(q: str, today: date, now: datetime) -> tuple[str, dict] | None:
    if "leap year" not in q and "leap-year" not in q:
        return None
    if re.search(r"\b(?:next|upcoming) leap", q):
        year = today.year + 1
        while not calendar.isleap(year):
            year += 1
        return f"The next leap year is {year}.", {"year": year}
    year = year_of(q, today) or today.year
    leap = calendar.isleap(year)
    return (f"Yes, {year} is a leap year." if leap else f"No, {year} is not a leap year."), {"year": year, "leap": leap}


def _days_in(q: str, today: date, now: datetime) -> tuple[str, dict] | None:
    found = re.search(r"days (?:are )?(?:there )?in (.+)$|days (?:does|do|has|have) (.+?)(?: have| got)?$|"
                      r"how long is (.+)$", q)
    if not found:
        return None
    what = next(g for g in found.groups() if g)
    if re.fullmatch(r"(?:a|the|this|next|last|one) year|(?:the )?year(?: \d{4})?|\d{4}", what.strip()):
        year = year_of(what, today) or today.year
        days = 366 if calendar.isleap(year) else 365
        return f"{year} has {days} days.", {"year": year, "days": days}
    month = month_of(what, today)
    if month is None:
        return None
    days = calendar.monthrange(*month)[1]
    return f"{calendar.month_name[month[1]]} {month[0]} has {days} days.", {"days": days}


def _weeks(q: str, today: date, now: datetime) -> tuple[str, dict] | None:
    if re.search(r"\b(?:what|which) week(?: number)? is (?:it|this|today)\b|\bweek number\b|\bcalendar week\b", q) \
            and not re.search(r"\bweeks\b", q):
        iso = today.isocalendar()
        return f"It is week {iso.week} of {iso.year}.", {"week": iso.week, "year": iso.year}
    found = re.search(r"weeks (?:are )?(?:there )?in (.+)$|weeks (?:does|do|has|have) (.+?)(?: have| got)?$", q)
    if not found:
        return None
    what = next(g for g in found.groups() if g).strip()
    explicit = re.search(r"\b(\d{4})\b", what) or re.search(r"\b(?:this|next|last) year\b", what)
    if explicit:
        year = year_of(what, today) or today.year
        weeks = date(year, 12, 28).isocalendar().week
        return f"{year} has {weeks} calendar weeks.", {"year": year, "weeks": weeks}
    if "year" in what:
        return "A year has 52 weeks and 1 day, or 52 weeks and 2 days in a leap year.", {"weeks": 52}
    month = month_of(what, today)
    if month is None:
        return None
    days = calendar.monthrange(*month)[1]
    return (f"{calendar.month_name[month[1]]} {month[0]} has {days // 7} weeks and {days % 7} days.",
            {"days": days})


_DAY_NAMES = [calendar.day_name[i].lower() for i in range(7)]
_WEEKDAYS = re.compile(rf"\bhow many ({'|'.join(_DAY_NAMES)})s\b(?: are there| is there| do we have)?\s*(.*)$")
_BOTH_ENDS = re.compile(r",?\s*\b(?:both (?:included|inclusive)|inclusive|including both(?: dates)?|"
                        r"both dates included)\b")


def _weekdays(q: str, today: date, now: datetime) -> tuple[str, dict] | None:
    """How many Wednesdays from one date to another (both counted when they are one), until a date, left this year
    or in a month, or in a month or a year."""
    found = _WEEKDAYS.search(q)
    if not found:
        return None
    weekday, rest = _DAY_NAMES.index(found.group(1)), _BOTH_ENDS.sub("", found.group(2)).strip(" ,")
    span = re.fullmatch(r"(?:between|from) (.+?) (?:and|to|until|till) (.+)", rest)
    ahead = re.fullmatch(r"(?:left )?(?:until|till|before|to) (.+)", rest)
    left = re.fullmatch(r"(?:are )?left(?: (?:this|in the) year| in (.+))?", rest)
    inside = re.fullmatch(r"in (.+)", rest)
    if span:
        second = _date(span.group(2), today)
        first = _date(span.group(1), second.replace(month=1, day=1))  # ("from 17 September to 10 December 2025")
    elif ahead:
        first, second = today, _date(ahead.group(1), today)
    elif left:
        month = month_of(left.group(1), today) if left.group(1) else None
        first = today
        second = date(*month, calendar.monthrange(*month)[1]) if month else date(today.year, 12, 31)
    elif inside and (month := month_of(inside.group(1), today)) is not None:
        first, second = date(*month, 1), date(*month, calendar.monthrange(*month)[1])
    elif inside and (year := year_of(inside.group(1), today)) is not None:
        first, second = date(year, 1, 1), date(year, 12, 31)
    else:
        return None
    if first > second:
        raise UnreadableRequest(f"{say_date(first)} comes after {say_date(second)}")
    to_first = (weekday - first.weekday()) % 7  # days to the first such weekday, then one a week
    count = 0 if first + timedelta(days=to_first) > second else ((second - first).days - to_first) // 7 + 1
    name = calendar.day_name[weekday] + "s" * (count != 1)
    return (f"{count} {name}, from {say_date(first)} to {say_date(second)}.",
            {"count": count, "from": first.isoformat(), "to": second.isoformat()})


def _count(days: int, unit: str) -> str:
    if unit.startswith("week") and abs(days) >= 7:
        weeks, rest = divmod(abs(days), 7)
        return f"{weeks} week{'s' * (weeks != 1)}" + (f" and {rest} day{'s' * (rest != 1)}" if rest else "")
    return f"{abs(days)} day{'s' * (abs(days) != 1)}"


_YEAR = re.compile(r"\b\d{4}\b")


def _between(q: str, today: date, now: datetime) -> tuple[str, dict] | None:
    found = re.search(r"(?:(days|weeks)\b.*?)?\bbetween (.+?) and (.+)$|(?:(days|weeks)\b.*?)?\bfrom (.+?) "
                      r"(?:to|until|till) (.+)$", q)
    if not found:
        return None
    unit = found.group(1) or found.group(4) or "days"
    first_text, second_text = (found.group(2), found.group(3)) if found.group(2) else (found.group(5), found.group(6))
    if _YEAR.search(second_text) and not _YEAR.search(first_text):  # "from 16 February to 19 March 2026": the year is
        second = _date(second_text, today)  # both ends', the first the last such day on or before the second
        first = _date(first_text, second, past=True)
    else:
        first = _date(first_text, today)
        second = _date(second_text, first)  # "from 1 January 2025 to 1 March": the 1 March after it, not after today
    days = (second - first).days
    return f"{_count(days, unit)}.", {"days": abs(days)}


def _until(q: str, today: date, now: datetime) -> tuple[str, dict] | None:
    found = re.search(r"\b(?:(days|weeks|sleeps)\b.*?)?\b(until|untill|till|til|to go until|before|since)\s+(.+)$", q)
    if not found or not re.search(r"\b(?:how (?:many|long|much time)|days|weeks|sleeps)\b", q):
        return None
    unit, since = found.group(1) or "days", found.group(2) == "since"
    target = _date(found.group(3), today, past=since)
    days = abs((target - today).days)
    if days == 0:
        return f"That's today, {say_date(target)}.", {"days": 0, "date": target.isoformat()}
    word = "since" if since else "until"
    return f"{_count(days, unit)} {word} {say_date(target)}.", {"days": days, "date": target.isoformat()}


def _offset(q: str, today: date, now: datetime) -> tuple[str, dict] | None:
    amount = r"(\d+|a|an|one)\s+(days?|weeks?|fortnights?|months?|years?)"
    found = (re.search(amount + r"\s+(from|after|before)\s+(.+)$", q) or re.search(r"\bin\s+" + amount + r"\b()()", q)
             or re.search(amount + r"\s+(ago|from now|from today|later|hence)\b()", q)
             or re.search(r"(.+?)\s+(plus|minus|\+|-)\s+" + amount + r"$", q))
    if not found:
        return None
    groups = found.groups()
    if groups[1] in ("plus", "minus", "+", "-"):  # "1 March 2026 plus 90 days"
        base_text, sign, number, unit = groups[0], -1 if groups[1] in ("minus", "-") else 1, groups[2], groups[3]
        base_text = re.sub(r"^.*?\b(?:is|was|be)\s+", "", base_text)
    else:
        number, unit, word, base_text = groups
        sign = -1 if word in ("before", "ago") else 1
        base_text = base_text or "today"
    base = _date(base_text, today, past=False)
    n = 1 if number in ("a", "an", "one") else int(number)
    result = _shift(base, sign * n, unit)
    return f"{say_date(result)}.", {"date": result.isoformat()}


def _shift(base: date, n: int, unit: str) -> date:
    if unit.rstrip("s") in ("month", "year"):
        months = base.month - 1 + n * _MONTHS_UNITS[unit]
        year, month = base.year + months // 12, months % 12 + 1
        if not 1 <= year <= 9999:
            raise InputError("that date is out of the calendar's range")
        return date(year, month, min(base.day, calendar.monthrange(year, month)[1]))
    try:
        return base + timedelta(days=n * _UNITS[unit])
    except OverflowError:
        raise InputError("that date is out of the calendar's range") from None


def _weekday_of(q: str, today: date, now: datetime) -> tuple[str, dict] | None:
    found = (re.search(r"\b(?:what|which) day(?: of the week)? (?:is|was|will be|falls on|is it on|was it on)\s+(.+)$",
                       q) or _falls_on(q)
             or re.search(r"^(?:what(?:'s| is) the date|what date is|when is) (?:on )?(.+)$", q)
             or re.search(r"^(.+?) is (?:on )?(?:what|which) day$", q))
    if not found or found.group(1).strip() in ("it", "today", "it today", "today's date"):
        return None
    text = found.group(1)
    past = bool(re.search(r"\b(?:was|did)\b", q))
    day = parse_date(text, today, past)
    if day is None:
        if re.match(r"^(?:when is|what(?:'s| is) the date)", q):
            return None  # "when is my dentist appointment": not a date this reads
        raise UnreadableRequest(f"{text.strip()!r} is not a date I can read")
    if day == today + timedelta(days=1) and re.fullmatch(r"tomorrow", text.strip()):
        return f"Tomorrow is {say_date(day)}.", {"date": day.isoformat()}
    return f"{say_date(day)}.", {"date": day.isoformat()}


def _falls_on(q: str) -> re.Match[str] | None:
    """"what day will Christmas be on this year": the date is the words around the verb."""
    found = re.search(r"\b(?:what|which) day (?:will|does|did|is|was) (.+?) (?:be|fall|land)(?: on)?"
                      r"((?: this| next| last) year| (?:in )?\d{4})?$", q)
    if found is None:
        return None
    return re.match(r"(.+)", f"{found.group(1)}{(found.group(2) or '').replace(' in ', ' ')}")


def _current(q: str, today: date, now: datetime) -> tuple[str, dict] | None:
    if _NOW.search(q) or re.fullmatch(r"(?:the )?time(?: now)?|now", q):
        place = _PLACE.search(q)
        if place and place.group(1).strip() not in ("the morning", "the evening", "the afternoon"):
            zone, name = _zone(place.group(1))
            there = now.astimezone(ZoneInfo(zone))
            return f"In {name} it is {say_clock(there)}, {say_day(there)}.", {"time": there.isoformat()}
        return f"It is {say_clock(now)}, {say_day(today)}.", {"time": now.isoformat()}
    if _TODAY.search(q):
        return f"Today is {say_date(today)}.", {"date": today.isoformat()}
    if re.search(r"\bwhat year is it\b|\bwhich year is it\b", q):
        return f"It is {today.year}.", {"year": today.year}
    if re.search(r"\bwhat month is it\b|\bwhich month is it\b", q):
        return f"It is {calendar.month_name[today.month]} {today.year}.", {"month": today.month}
    return None


def _zone(place: str) -> tuple[str, str]:
    """The time zone of a city (zoneinfo's names, "New York", or PLACES), and the city as said."""
    key = " ".join(place.lower().replace("_", " ").split()).strip(" ,.")
    key = re.sub(r"^(?:the )", "", key)
    if key in PLACES:
        return PLACES[key], place.strip().title()
    for zone in sorted(available_timezones()):
        if zone.rsplit("/", 1)[-1].replace("_", " ").lower() == key:
            return zone, zone.rsplit("/", 1)[-1].replace("_", " ")
    raise InputError(f"the time zone of {place.strip()!r} is not one I know; ask for the time here, or in a city "
                     "such as Tokyo or New York")


DATE_EXAMPLES = (
    "what time is it", "what's the date today", "what day of the week was 1 January 2000",
    "how many days until 24 December", "how many days until Christmas", "what day is it today",
    "how many days between 1 March and 15 June", "what's the date in 90 days", "what date is 3 weeks from today",
    "is 2028 a leap year", "how many days are in February 2024", "how many weeks are in a year",
    "what day will Christmas be on this year", "how many days since 1 January", "what week number is it",
    "what's 100 days from 1 March 2026", "10 days ago what was the date", "what time is it in Tokyo",
    "wie spät ist es", "welcher Tag ist heute", "quelle heure est-il", "qué día es hoy",
    # times of day worked out
    "how long is it from 9:15 to 11:40", "how many hours between 8 am and 5 pm", "what time is 45 minutes after 14:30",
    "what time will it be in 3 hours", "the meeting starts at 10:30 and takes 2 hours, when does it end",
    "wie lange ist es von 8:15 bis 10 Uhr", "combien d'heures de 9h à 17h30",
)
DATE_KEYWORDS = (  # the calendar's and the clock's own words, not "what time" or "what day" (is my haircut?)
    "time is it", "what's the time", "the time now", "current time", "today's date", "date today", "date is it",
    "day of the week", "days between", "weeks between", "days since", "leap year", "days in", "weeks in",
    "week number", "days ago", "weeks ago", "from today", "from now", "wie spät", "uhrzeit", "welcher tag ist heute",
    "quelle heure", "quel jour sommes", "qué hora", "qué día es hoy",
    "minutes after", "minutes before", "hours after", "hours before", "minutes later", "hours later", "half past",
    "o'clock", "minuten nach", "minuten vor", "stunden nach", "minutes après", "minutes avant", "heures après",
    "minutos después", "minutos antes", "minuti dopo", "minuti prima", "how long from", "how long between")
# The router: the request itself is the question, answered as it is; a question about a date or the time
# holds a word for one (not "when is my dentist appointment": the user's notes say that), and is no amount per
# day, week or month, or on average ("so what's that per month on average?": arithmetic).
_AMOUNT_PER_TIME = (r"\b(?:per|pro|par|por|al)\s+(?:day|week|month|year|night|tag|woche|monat|jahr|nacht|jour|"
                    r"semaine|mois|an|année|día|dia|semana|mes|año)\b|\b(?:average|averages|im durchschnitt|"
                    r"durchschnittlich|en moyenne|en promedio|in media)\b")
# A time of day written as such ("17:45", "10 pm", "17h45", "half past eight", "from 8.15 to ...") is the clock's
# too, with or without a word for time; with hours or minutes, or from one to another, it asks for it as a keyword
# does ("what's 3:15 plus 2 hours?"; not "the train at 7:50, is it on time?").
ASKS_WHY = r"^\W*(?:why|how come|warum|wieso|weshalb|pourquoi|por qu[eé]|perch[eé])\b"
DATE_ROUTING = Routing(
    "tell the date", question="question", read_out="always", counts_days=True,
    signal=CLOCK_SIGNAL,
    needs=r"^(?!.*(?:" + _AMOUNT_PER_TIME + r")).*?"
          r"(?:\b(?:time|date|dates|day|days|week|weeks|month|months|year|years|leap|today|tomorrow|yesterday|"
          r"fortnight|(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?|christmas|easter|halloween|"
          r"uhr|spät|tag|datum|heure|jour|date|hora|día|dia|fecha)\b|" + CLOCK_TIME + "|" + TIME_SPAN + "|" + TIMES_WORKED_OUT +
          ")",  # (a start said bare with a duration, in either order: "lasts 90 minutes and starts at 10")
    # when the user's own event is: their notes say, not the clock (but "at what time do I arrive if I leave at
    # 7:50 and drive 45 minutes?" is worked out)
    not_for=rf"^(?!{TIMES_WORKED_OUT}).*?(?:{AT_WHAT_TIME}|{OWN_EVENT})|{ASKS_WHY}|{HOW_OFTEN}|{ONE_THINGS_DATE}")
# ... and a reason is no date ("why did the movers change the date?"), nor how often ("how many times a day the
# drops in week two?"), nor the date of one thing ("What was the original date?" of the operation just talked of)


@tool("""
    Answer questions about dates and the time by the clock: the current time and date (here, or in a
    city such as Tokyo), the weekday of a date, the days between two dates or until one, the date some
    days or weeks before or after another, leap years, days in a month, weeks in a year; and times of
    day: the hours and minutes from one time to another, the time some minutes or hours before or
    after another (or from now). Use it instead of guessing dates or working out times. Pass the question as it was asked, e.g. 'how many days until 24 December'. Returns
    the answer as a sentence to say, e.g. 'Saturday, 1 January 2000.'
    """, examples=DATE_EXAMPLES, keywords=DATE_KEYWORDS, title="Date and time", routing=DATE_ROUTING)
def date_time(
    ctx: ToolContext,
    question: Annotated[str, Field(min_length=1, max_length=MAX_CHARS, description=(
        "The question about a date or the time, in words: 'what time is it', 'what day of the week was 1 "
        "January 2000', 'how many days until Christmas', 'what's the date in 3 weeks', 'how many minutes from "
        "17:45 to 19:00'."))],
) -> ToolResult:
    text, data = answer(question, datetime.now().astimezone())
    return ToolResult(text=text, data=data)
