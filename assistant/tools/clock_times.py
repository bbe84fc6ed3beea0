"""Times of day as people say them, and what is worked out with them (issue 24, item 3): how long it is from one
to another ("from 17:45 to 19:00", "between 9:30 and 11", "from 10 pm to 6 am" across midnight, "8.15 to 9.40",
"half past eight to ten"), a time plus or minus a duration ("90 minutes after 17:45", "2 hours 30 minutes before
9:15", "I leave at 7:50 and the drive takes 45 minutes"), and the same from the clock ("in 90 minutes", "3 hours
ago", "how long until 5 pm"); in English, German, French, Spanish and Italian. Said back as people say them:
"From 17:45 to 19:00 is 75 minutes.", "45 minutes after 7:50 is 8:35." Used by date_time, which asks here first:
`answer` is None for a question with no time of day or hours and minutes in it.

A time without am or pm from 1 to 11 o'clock may be the morning's or the evening's: between two of them the
shorter span is meant ("from 9 to 5" is 8 hours), unless the request writes the 24-hour clock ("from 22:00 to
6:30"); a time worked out from one is said on the 12-hour clock ("11:30 plus 2 hours" is 1:30)."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from ..errors import InputError
from .clock_words import (AFTER, AGO, ASKS_FOR_A_START, ASKS_HOW_LONG, ASKS_THE_TIME, ASKS_WHEN, AT, BEFORE,
                          CALENDAR_WORDS, DEADLINE, FROM, GIVES_A_START, HOURS_ASKED, IN, LATER, MINUS,
                          MINUTES_ASKED, NAMED_TIMES, PLUS, SINCE, SPAN_TO, TAKES, THE, TO, UNTIL, DURATION,
                          clock_pattern, spoken_times)
from .numbers import number_text, read, say

DAY = 24 * 60
HALF_DAY = 12 * 60
MAX_MINUTES = 10 * 366 * DAY  # ten years: more is no question for a clock
_MORNING = ("in the morning", "this morning", "morgens", "vormittags", "du matin", "de la mañana", "de la manana",
            "di mattina", "del mattino")
_NIGHT = ("at night", "tonight", "nachts", "de la noche", "di notte")  # the evening's, but 1 to 5 is the morning's


@dataclass(frozen=True)
class Clock:
    minute: int  # of the day, as written (the morning's, when it may be either)
    either: bool  # 1 to 11 o'clock without am or pm: the evening's too (12 hours later)
    twelve: bool  # said on the 12-hour clock (am, pm, noon, "in the evening"): said back so
    day_clock: bool  # written on the 24-hour clock (13:00 to 23:59, 0:xx, "07:50")
    bare: bool  # an hour alone ("to ten", "bis 11"): a time only where the request is about times
    said: str
    span: tuple[int, int]  # where the text says it

    def readings(self) -> tuple[int, ...]:
        return (self.minute, self.minute + HALF_DAY) if self.either else (self.minute,)


_C, _C2, _D = clock_pattern("a"), clock_pattern("b"), DURATION
_CLOCK = re.compile(_C)
_RANGE = re.compile(rf"\b{FROM}\s{THE}{_C}(?:\s?-\s?|\s{TO}\s{THE}){_C2}")  # "from 17:45 to 19:00"
_SPAN = re.compile(rf"{_C}(?:\s?-\s?|\s{SPAN_TO}\s{THE}){_C2}")  # "17:45 to 19:00"
_SHIFTS = (  # "90 minutes after 17:45", "3:15 pm plus 2 hours", ... (and which way)
    (re.compile(rf"{_D}\s{AFTER}\s{THE}{_C}"), 1), (re.compile(rf"{_D}\s{BEFORE}\s{THE}{_C}"), -1),
    (re.compile(rf"{_C}\s?{PLUS}\s?{_D}"), 1), (re.compile(rf"{_C}\s?{MINUS}\s?{_D}"), -1),
    (re.compile(rf"\badd\s{_D}\s(?:to|onto)\s{THE}{_C}"), 1),
    (re.compile(rf"\b(?:subtract|take)\s{_D}\s(?:from|off)\s{THE}{_C}"), -1),
)
_FROM_NOW = ((re.compile(rf"\b{IN}\s{_D}"), 1), (re.compile(rf"{_D}\s{LATER}"), 1), (re.compile(rf"{_D}\s{AGO}"), -1),
             (re.compile(rf"\b(?:vor|il y a|hace)\s{_D}"), -1))  # "in 90 minutes", "3 hours ago"
_UNTIL = (re.compile(rf"\b{UNTIL}\s{THE}{_C}"), 1), (re.compile(rf"\b{SINCE}\s{THE}{_C}"), -1)
_DURATION = re.compile(_D)
_ELSEWHERE = re.compile(r"\b(?:in|à|en)\s(?!\d|an?\s|einer?\s|une?\s)[^\W\d_]{3,}")  # "in Tokyo": another zone


def answer(question: str, now: datetime) -> tuple[str, dict] | None:
    """The spoken answer and its data for a question about times of day at `now` (local time); None when it
    holds none this reads. A time that cannot be (25:00, 17:61) is an InputError."""
    t = normalise(question)
    for reader in (_shift, _range, _two_times, _until, _from_now, _told):
        found = reader(t, now)
        if found is not None:
            return found
    return None


def normalise(question: str) -> str:
    """Lower case, numbers in digits (any of the five languages'), "a.m." as "am", spoken times as h:mm ("half past
    eight" -> "8:30", "halb neun" -> "8:30", "las ocho y media" -> "las 8:30")."""
    t = question.lower().replace("’", "'").replace("–", "-").replace("—", "-").replace("¿", " ").replace("¡", " ")
    t = re.sub(r"\bun'ora\b", "un ora", t)
    t = re.sub(r"(?<=[\d\s])([ap])\.\s?m\b\.?", r"\1m", t)
    t = " ".join(read(t).split()).strip(" ?.!")
    return spoken_times(t)


def _clock(found: re.Match[str], p: str) -> Clock | None:
    """The time a clock pattern found (None for an hour alone past 24, which is no time); one that cannot be
    is an InputError."""
    span = found.span(p + "all")
    named = found.group(p + "named")
    if named:
        minute = NAMED_TIMES[named]
        return Clock(minute, False, True, False, False, "noon" if minute else "midnight", span)
    hour_text, minute_text, mark = found.group(p + "h"), found.group(p + "m"), found.group(p + "mark")
    hour, minute = int(hour_text), int(minute_text or 0)
    bare = minute_text is None and not mark and not found.group(p + "mer")
    if bare and hour > 24:
        return None
    meridiem, part = found.group(p + "mer"), found.group(p + "part")
    if part and not meridiem and 1 <= hour <= 12:
        meridiem = "am" if part in _MORNING or (part in _NIGHT and hour < 6) else "pm"
    if hour > 24 or minute > 59 or (hour == 24 and minute) or (meridiem and not 1 <= hour <= 12):
        raise InputError(f"there is no such time as {hour}:{minute:02d}" + (f" {meridiem}" if meridiem else ""))
    if meridiem:
        said = f"{hour}:{minute:02d} {meridiem}" if minute else f"{hour} {meridiem}"
        return Clock((hour % 12 + (12 if meridiem == "pm" else 0)) * 60 + minute, False, True, False, bare, said,
                     span)
    either = 1 <= hour <= 11 and not hour_text.startswith("0")
    day_clock = hour == 0 or hour >= 13 or hour_text.startswith("0")
    return Clock(hour % 24 * 60 + minute, either, False, day_clock, bare, f"{hour % 24}:{minute:02d}", span)


def _duration(found: re.Match[str]) -> int:
    """The minutes a duration pattern found."""
    if found.group("dmins"):
        total = float(found.group("dmins"))
    elif found.group("dfrac"):
        fraction = found.group("dfrac")
        total = 45 if re.search(r"\b(?:3|three) quarters", fraction) else 15 if re.search(
            r"quar|viertel|cuarto", fraction) else 30
    else:
        hours = found.group("dh")
        word = found.group("dhw")
        total = (float(hours) if hours else 1.5 if word in ("eineinhalb", "anderthalb") else 1.0) * 60
        total += (30 if found.group("dhalf") else 0) + int(found.group("dm") or 0)
    if total > MAX_MINUTES:
        raise InputError("that is too long a time to count on a clock")
    return round(total)


def _explicit(t: str) -> list[Clock]:
    """The times of day the text writes as such, or says an hour alone is ("at 9", "by 9")."""
    clocks = [_clock(found, "a") for found in _CLOCK.finditer(t)]
    return [c for c in clocks if c is not None and (not c.bare or AT.search(t, 0, c.span[0]))]


def said_times(text: str) -> list[str]:
    """The times of day a text writes as such ("19h00", "at 8:30", "5 pm"; not "9.99 euros", "12.05.", "room 2.14"),
    as they are said back ("19:00", "5 pm"), in order, each once."""
    seen: dict[int, str] = {}
    for clock in _written_times(normalise(text)):
        seen.setdefault(clock.minute, clock.said)
    return list(seen.values())


def said_spans(text: str) -> list[tuple[str, str]]:
    """The spans from one time of day to another a text writes ("19h00-7h15", "8:30 to 17:00", "from 9 to 12"), as
    (from, to) said back, in order."""
    t = normalise(text)
    spans: list[tuple[str, str]] = []
    for found in (*_RANGE.finditer(t), *_SPAN.finditer(t)):
        try:
            first, second = _clock(found, "a"), _clock(found, "b")
        except InputError:
            continue
        if first is None or second is None or found.re is _SPAN and (first.bare or second.bare) or \
                (first.bare or second.bare) and CALENDAR_WORDS.search(t):
            continue
        if (first.said, second.said) not in spans:
            spans.append((first.said, second.said))
    return spans


def states_a_duration(text: str) -> bool:
    """The text says how long something is ("a break of 45 minutes", "it takes 2 hours"), besides its times of
    day."""
    t = normalise(text)
    for clock in sorted(_written_times(t), key=lambda c: c.span[0], reverse=True):
        t = t[:clock.span[0]] + " " + t[clock.span[1]:]
    return _DURATION.search(t) is not None


def minutes_of(said: str) -> int | None:
    """The minute of the day a time said back ("17:00", "5 pm") is."""
    clocks = _written_times(normalise(said))
    return clocks[0].minute if clocks else None


def _written_times(t: str) -> list[Clock]:
    """The times of day a (normalised) text writes with their minutes or am/pm: a number with a point is an amount
    or a date as often ("9.99", "12.05."); one that cannot be a time is none."""
    clocks = []
    for found in _CLOCK.finditer(t):
        try:
            clock = _clock(found, "a")
        except InputError:
            continue
        if clock is not None and re.search(r"\d[:h]\d\d|\d\s?[ap]m\b|noon|midnight|mittag|minuit|mediod", t[slice(*clock.span)]):
            clocks.append(clock)
    return clocks


# -- how long from one time to another ----------------------------------------------------------------------
def _range(t: str, now: datetime) -> tuple[str, dict] | None:
    """"How many minutes from 17:45 to 19:00?", "between 9:30 and 11", "17:45 to 19:00": how long, asked."""
    for found in (*_RANGE.finditer(t), *_SPAN.finditer(t)):
        first, second = _clock(found, "a"), _clock(found, "b")
        if first is None or second is None or found.re is _SPAN and (first.bare or second.bare):
            continue
        if (first.bare or second.bare) and CALENDAR_WORDS.search(t):
            continue  # "between 2 and 5 people", "from 1 to 15 June": no times
        asked = _asks_how_long(t) or MINUTES_ASKED.search(t) or HOURS_ASKED.search(t)
        if asked or not (t[:found.start()] + t[found.end():]).strip(" ,"):  # not "open from 9:00 to 18:00, now?"
            return _between(first, second, t, [first, second])
    return None


def _two_times(t: str, now: datetime) -> tuple[str, dict] | None:
    """"The film starts at 20:15 and ends at 22:40, how long is it?"."""
    clocks = _explicit(t)
    if len(clocks) != 2 or not _asks_how_long(t):
        return None
    return _between(clocks[0], clocks[1], t, clocks)


def _between(first: Clock, second: Clock, t: str, clocks: list[Clock]) -> tuple[str, dict]:
    if first.day_clock or second.day_clock:  # the 24-hour clock: each as written
        minutes = (second.minute - first.minute) % DAY
    else:
        minutes = min((b - a) % DAY for a in first.readings() for b in second.readings())
    rest = _without(t, [c.span for c in clocks])
    return f"From {first.said} to {second.said} is {_how_long(minutes, rest)}.", {"minutes": minutes}


def _asks_how_long(t: str) -> bool:
    return bool(ASKS_HOW_LONG.search(t))


def _without(t: str, spans: list[tuple[int, int]]) -> str:
    for start, end in sorted(spans, reverse=True):
        t = t[:start] + " " + t[end:]
    return t


def _how_long(minutes: int, rest: str) -> str:
    """A span as asked for: in minutes ("75 minutes"), in hours ("1.5 hours"), or as people say it."""
    in_minutes, in_hours = MINUTES_ASKED.search(rest), HOURS_ASKED.search(rest)
    if in_minutes and not in_hours:
        return _count(minutes, "minute")
    if in_hours and not in_minutes:
        if minutes * 100 % 60 == 0:
            hours = minutes / 60
            return f"{number_text(hours)} hour{'s' * (hours != 1)}"
        return f"{span(minutes)} ({say(minutes / 60)} hours)"
    return span(minutes)


def span(minutes: int) -> str:
    """"1 hour and 15 minutes", "45 minutes", "8 hours"."""
    hours, rest = divmod(abs(minutes), 60)
    parts = [_count(hours, "hour")] if hours else []
    if rest or not hours:
        parts.append(_count(rest, "minute"))
    return " and ".join(parts)


def _count(n: int, unit: str) -> str:
    return f"{n} {unit}{'s' * (n != 1)}"


# -- a time plus or minus a duration ------------------------------------------------------------------------
def _shift(t: str, now: datetime) -> tuple[str, dict] | None:
    for pattern, sign in _SHIFTS:
        for found in pattern.finditer(t):
            base = _clock(found, "a")
            if base is not None:
                return _moved(base, sign * _duration(found))
    return None


def _told(t: str, now: datetime) -> tuple[str, dict] | None:
    """"If I leave at 7:50 and the drive takes 45 minutes, when do I arrive?": one time, one duration, and a
    question for when; back from the time when it is when something must be done by, and a start is asked for."""
    clocks = _explicit(t)
    asked = ASKS_WHEN.search(t)
    if len(clocks) == 2:  # "the ride is 1h20": a duration written as a time
        clocks = [c for c in clocks if not (_DURATION.fullmatch(t, *c.span) and TAKES.search(t, 0, c.span[0]))]
    if len(clocks) != 1 or asked is None:
        return None
    start, end = clocks[0].span
    durations = [d for d in _DURATION.finditer(t) if d.end() <= start or d.start() >= end]
    if len(durations) != 1:
        return None
    before = t[:clocks[0].span[0]]
    back = bool(DEADLINE.search(before)) or (bool(ASKS_FOR_A_START.search(t, asked.start()))
                                             and not GIVES_A_START.search(before))
    return _moved(clocks[0], (-1 if back else 1) * _duration(durations[0]))


def _moved(base: Clock, minutes: int) -> tuple[str, dict]:
    moment = base.minute + minutes + (DAY if base.said == "midnight" and minutes < 0 else 0)  # (the night's end)
    days, minute = divmod(moment, DAY)
    hour = minute // 60
    if base.twelve:
        said = f"{hour % 12 or 12}{f':{minute % 60:02d}' if minute % 60 else ''} {'am' if hour < 12 else 'pm'}"
    elif base.either:
        said, days = f"{hour % 12 or 12}:{minute % 60:02d}", 0  # the morning's or the evening's: either day
    else:
        said = f"{hour}:{minute % 60:02d}"
    when = ("" if days == 0 else ", the next day" if days == 1 else ", the day before" if days == -1
            else f", {days} days later" if days > 0 else f", {-days} days earlier")
    word = "after" if minutes >= 0 else "before"
    return (f"{span(minutes)} {word} {base.said} is {said}{when}.",
            {"time": f"{hour:02d}:{minute % 60:02d}", "minutes": minutes, "days": days})


# -- from the clock --------------------------------------------------------------------------------------------
def _from_now(t: str, now: datetime) -> tuple[str, dict] | None:
    if not ASKS_THE_TIME.search(t):
        return None
    for pattern, sign in _FROM_NOW:
        found = pattern.search(t)
        if found is not None:
            if _ELSEWHERE.search(_without(t, [found.span()])):
                raise InputError("the time elsewhere is told only as it is now; ask e.g. 'what time is it in Tokyo'")
            minutes = sign * _duration(found)
            moment = now + timedelta(minutes=minutes)
            said = say_clock(moment) + ("" if moment.date() == now.date() else f", {say_day(moment)}")
            text = f"In {span(minutes)} it will be {said}." if minutes >= 0 else f"{span(minutes)} ago it was {said}."
            return text[0].upper() + text[1:], {"time": moment.isoformat(), "minutes": minutes}
    return None


def _until(t: str, now: datetime) -> tuple[str, dict] | None:
    """"How many minutes until 17:45?", "how long since 7:30?"."""
    if not _asks_how_long(t) and not MINUTES_ASKED.search(t) and not HOURS_ASKED.search(t):
        return None
    for pattern, sign in _UNTIL:
        found = pattern.search(t)
        target = _clock(found, "a") if found is not None else None
        if target is None or (target.bare and CALENDAR_WORDS.search(t)):
            continue
        current = now.hour * 60 + now.minute
        minutes = min(sign * (reading - current) % DAY for reading in target.readings())
        word = "until" if sign > 0 else "since"
        rest = _without(t, [target.span])
        return f"{_how_long(minutes, rest)} {word} {target.said}.", {"minutes": minutes}
    return None


def say_clock(moment: datetime) -> str:
    """"9:05 in the morning"."""
    hour = moment.hour
    part = ("in the morning" if 5 <= hour < 12 else "in the afternoon" if 12 <= hour < 17 else
            "in the evening" if 17 <= hour < 21 else "at night")
    return f"{hour % 12 or 12}:{moment.minute:02d} {part}"


def say_day(day: date) -> str:
    """"Sunday 6 December 2026"."""
    return f"{calendar.day_name[day.weekday()]} {day.day} {calendar.month_name[day.month]} {day.year}"
