"""date_time (issue 24, item 3): what day a date is, days between and until dates, a date some weeks on, and times
of day worked out (how long from one to another, a time plus or minus a duration), as the agent and the MCP server
run it: a sentence to say out; what it cannot read is refused, never guessed."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from computing_tools import ctx, run  # noqa: F401 (ctx: the fixture they share)

from assistant.errors import InputError
from assistant.tools.date_time import answer as date_answer

# A Sunday morning in December (the answers below are computed from it; the tool reads the clock)
NOW = datetime(2026, 12, 6, 9, 5, tzinfo=ZoneInfo("Europe/Berlin"))


@pytest.mark.parametrize("question, said", [
    ("what time is it", "It is 9:05 in the morning, Sunday 6 December 2026."),
    ("What's the date today?", "Today is Sunday, 6 December 2026."),
    ("what day is tomorrow", "Tomorrow is Monday, 7 December 2026."),
    ("what day of the week was 1 January 2000", "Saturday, 1 January 2000."),
    ("how many days until 24 December", "18 days until Thursday, 24 December 2026."),
    ("how many days until the 1st of December", "360 days until Wednesday, 1 December 2027."),  # the next one
    ("how many weeks until christmas", "2 weeks and 5 days until Friday, 25 December 2026."),
    ("how many days between 1 March 2024 and 15 June 2024", "106 days."),
    ("how many days since 1 January", "339 days since Thursday, 1 January 2026."),
    ("what's the date in 90 days", "Saturday, 6 March 2027."),
    ("what date is 3 weeks from today", "Sunday, 27 December 2026."),
    ("what was the date 10 days ago", "Thursday, 26 November 2026."),
    ("what is 31 January 2026 plus one month", "Saturday, 28 February 2026."),
    ("what's the date in 1,000 days", "Saturday, 1 September 2029."),  # (once today's date: "000 days")
    ("is 2028 a leap year", "Yes, 2028 is a leap year."),
    ("is 1900 a leap year", "No, 1900 is not a leap year."),
    ("when is the next leap year", "The next leap year is 2028."),
    ("how many days are in February 2024", "February 2024 has 29 days."),
    ("how many weeks are in a year", "A year has 52 weeks and 1 day, or 52 weeks and 2 days in a leap year."),
    ("how many weeks does 2026 have", "2026 has 53 calendar weeks."),
    ("what week number is it", "It is week 49 of 2026."),
    ("what day will Christmas be on this year", "Friday, 25 December 2026."),
    # counting a weekday: from one date to another (both counted), or in a month or a year
    ("How many Wednesdays are there from 17 September to 10 December 2025, both included?",
     "13 Wednesdays, from Wednesday, 17 September 2025 to Wednesday, 10 December 2025."),
    ("how many mondays in march 2025", "5 Mondays, from Saturday, 1 March 2025 to Monday, 31 March 2025."),
    ("how many Sundays are there in 2027", "52 Sundays, from Friday, 1 January 2027 to Friday, 31 December 2027."),
    ("how many wednesdays until 17 december", "2 Wednesdays, from Sunday, 6 December 2026 to Thursday, 17 December 2026."),
    ("how many saturdays are left this year", "3 Saturdays, from Sunday, 6 December 2026 to Thursday, 31 December 2026."),
    ("what time is it in Tokyo", "In Tokyo it is 5:05 in the evening, Sunday 6 December 2026."),
    ("Wie spät ist es in Tokio, ungefähr?", "In Tokio it is 5:05 in the evening, Sunday 6 December 2026."),
])
def test_date_time_answers_from_the_clock(question, said):
    assert date_answer(question, NOW)[0] == said


@pytest.mark.parametrize("question, said", [
    ("What date is three weeks after Monday 24 March 2025?", "Monday, 14 April 2025."),
    ("what day of the week was Saturday 1 January 2000", "Saturday, 1 January 2000."),
    ("how many days until Friday, 25 December", "19 days until Friday, 25 December 2026."),
    ("how many days between Monday 24 March 2025 and Mon 14 April 2025", "21 days."),
    ("what's 10 days after Sunday the 6th of December", "Wednesday, 16 December 2026."),
    ("what date is 1 week after 24 March 2025, a Monday", "Monday, 31 March 2025."),
    # without a year, the weekday tells which 24 March: the next one is a Wednesday, the last a Tuesday
    ("what date is a week after Tuesday 24 March", "Tuesday, 31 March 2026."),
])
def test_date_time_reads_a_date_with_its_weekday(question, said):
    assert date_answer(question, NOW)[0] == said


@pytest.mark.parametrize("question, reason", [
    ("how many days until my birthday", "'my birthday' is not a date I can read"),
    ("what day is 31 February", "no such date"),
    ("what day is 03/04/2026", "could be 3 April or 4 March"),
    ("what time is it in Atlantis", "the time zone of 'atlantis' is not one I know"),
    ("when is my dentist appointment", "which date or time is meant is not clear"),
    ("what is 9999 years after 1 January 2000", "out of the calendar's range"),
    ("what date is 3 weeks after Tuesday 24 March 2025", "24 March 2025 is a Monday, not a Tuesday"),
    ("what date is a week after Monday 24 March", "24 March is not a Monday: the next is Wednesday, 24 March 2027"),
    ("what's that per month on average over the two months", "which date or time is meant is not clear"),
    ("how many Fridays from 10 January 2025 to 1 January 2025", "10 January 2025 comes after"),
])
def test_date_time_refuses_rather_than_guesses(question, reason):

    with pytest.raises(InputError, match=re.escape(reason)):
        date_answer(question, NOW)


# Times of day and durations between them (issue 24, item 3): worked out by code, said as people say them. The
# first of each group were measured failures or asked for; the rest were written before the code and not tuned on.
@pytest.mark.parametrize("question, said", [
    ("How many minutes are there from 17:45 to 19:00?", "From 17:45 to 19:00 is 75 minutes."),
    ("how many hours between 9:30 and 11", "From 9:30 to 11:00 is 1.5 hours."),
    ("how long is it from 10 pm to 6 am", "From 10 pm to 6 am is 8 hours."),
    ("how many minutes from 8.15 to 9.40", "From 8:15 to 9:40 is 85 minutes."),
    ("how long from half past eight to ten", "From 8:30 to 10:00 is 1 hour and 30 minutes."),
    ("Wie viele Minuten sind es von 17:45 bis 19:00?", "From 17:45 to 19:00 is 75 minutes."),
    ("Combien de minutes de 17h45 à 19h ?", "From 17:45 to 19:00 is 75 minutes."),
    ("¿Cuántos minutos hay de 17:45 a 19:00?", "From 17:45 to 19:00 is 75 minutes."),
    ("Quanti minuti ci sono dalle 17:45 alle 19:00?", "From 17:45 to 19:00 is 75 minutes."),
    # not tuned on
    ("how long is my shift if I work from 7 am to 3:30 pm", "From 7 am to 3:30 pm is 8 hours and 30 minutes."),
    ("the film starts at 20:15 and ends at 22:40, how long is it?", "From 20:15 to 22:40 is 2 hours and 25 minutes."),
    ("how many minutes between 23:50 and 0:20", "From 23:50 to 0:20 is 30 minutes."),
    ("how many hours from 9 to 5", "From 9:00 to 5:00 is 8 hours."),
    ("how many hours is it from 8:10 to 9:35?", "From 8:10 to 9:35 is 1 hour and 25 minutes (about 1.42 hours)."),
    ("Wie lange dauert es von halb neun bis zehn Uhr?", "From 8:30 to 10:00 is 1 hour and 30 minutes."),
    ("Wie viele Stunden sind es von 22 Uhr bis 6 Uhr?", "From 22:00 to 6:00 is 8 hours."),
    ("combien de temps entre 8h15 et 9h40 ?", "From 8:15 to 9:40 is 1 hour and 25 minutes."),
    ("¿Cuántas horas hay desde las 8 y media hasta las 11?", "From 8:30 to 11:00 is 2.5 hours."),
    ("Quante ore ci sono tra le 22:00 e le 6:30?", "From 22:00 to 6:30 is 8.5 hours."),
    ("time from quarter to nine until a quarter past ten?", "From 8:45 to 10:15 is 1 hour and 30 minutes."),
])
def test_date_time_says_how_long_it_is_between_two_times_of_day(question, said):
    assert date_answer(question, NOW)[0] == said


@pytest.mark.parametrize("question, said", [
    ("what time is it 90 minutes after 17:45?", "1 hour and 30 minutes after 17:45 is 19:15."),
    ("what time is 2 hours 30 minutes before 9:15?", "2 hours and 30 minutes before 9:15 is 6:45."),
    ("if I leave at 7:50 and the drive takes 45 minutes, when do I arrive?", "45 minutes after 7:50 is 8:35."),
    # not tuned on
    ("what's 3:15 pm plus 2 hours?", "2 hours after 3:15 pm is 5:15 pm."),
    ("the meeting starts at 14:00 and lasts an hour and a half, when does it end?",
     "1 hour and 30 minutes after 14:00 is 15:30."),
    ("I need to be at the station by 8:10 and it's a 25 minute walk, when should I leave?",
     "25 minutes before 8:10 is 7:45."),
    ("23:30 plus 45 minutes", "45 minutes after 23:30 is 0:15, the next day."),
    ("what time is 3 hours after 10 pm", "3 hours after 10 pm is 1 am, the next day."),
    ("what's 11:40 minus 50 minutes", "50 minutes before 11:40 is 10:50."),
    ("half an hour before quarter past seven", "30 minutes before 7:15 is 6:45."),
    ("what time is 6 hours before midnight", "6 hours before midnight is 6 pm."),
    ("what time do I need to get up if I want 8 hours of sleep and go to bed at 23:15",
     "8 hours after 23:15 is 7:15, the next day."),
    ("if the roast goes in at 4:30 pm and needs 2 and a half hours, when is it done?",
     "2 hours and 30 minutes after 4:30 pm is 7 pm."),
    ("Wie spät ist es 90 Minuten nach 17:45?", "1 hour and 30 minutes after 17:45 is 19:15."),
    ("Quelle heure sera-t-il 2 heures après 17h45 ?", "2 hours after 17:45 is 19:45."),
    ("¿Qué hora es 45 minutos después de las 7:50?", "45 minutes after 7:50 is 8:35."),
    ("Che ore sono 30 minuti dopo le 23:45?", "30 minutes after 23:45 is 0:15, the next day."),
])
def test_date_time_adds_and_takes_a_duration_from_a_time_of_day(question, said):
    assert date_answer(question, NOW)[0] == said


@pytest.mark.parametrize("question, said", [  # from the clock (NOW: 9:05 on Sunday 6 December 2026)
    ("what time will it be in 90 minutes", "In 1 hour and 30 minutes it will be 10:35 in the morning."),
    ("how many minutes until 17:45", "520 minutes until 17:45."),
    ("how long until 5 pm", "7 hours and 55 minutes until 5 pm."),
    ("what time was it 3 hours ago", "3 hours ago it was 6:05 in the morning."),
    ("wie spät ist es in 45 Minuten?", "In 45 minutes it will be 9:50 in the morning."),
    ("what time will it be in 20 hours", "In 20 hours it will be 5:05 in the morning, Monday 7 December 2026."),
])
def test_date_time_counts_times_of_day_from_the_clock(question, said):
    assert date_answer(question, NOW)[0] == said


_TIMES = (0, 45, 359, 540, 765, 1065, 1199, 1439)  # minutes after midnight


def _written(minutes: int, form: str) -> str:
    return form.format(h=minutes // 60, m=minutes % 60)


@pytest.mark.parametrize("template", [
    "how many minutes from {a} to {b}?", "minutes between {a} and {b}", "Wie viele Minuten von {a} bis {b}?",
    "combien de minutes entre {a} et {b}", "¿cuántos minutos hay desde las {a} hasta las {b}?",
    "how long is it from {a} until {b} in minutes",
])
@pytest.mark.parametrize("form", ["{h:02d}:{m:02d}", "{h:02d}.{m:02d}", "{h:02d}h{m:02d}"])
def test_date_time_counts_the_minutes_between_any_two_times(template, form):
    """Every pair of times, written in 24 hours, in each language's words: the minutes from one to the next
    (across midnight when the second is earlier), as datetime counts them."""
    for start in _TIMES:
        for end in _TIMES:
            a, b = datetime(2026, 1, 1, start // 60, start % 60), datetime(2026, 1, 1, end // 60, end % 60)
            expected = int(((b - a).total_seconds() // 60) % (24 * 60))
            question = template.format(a=_written(start, form), b=_written(end, form))
            assert date_answer(question, NOW)[1]["minutes"] == expected, question


@pytest.mark.parametrize("template, sign", [
    ("what time is it {d} minutes after {t}?", 1), ("what time is {d} minutes before {t}?", -1),
    ("{t} plus {d} minutes", 1), ("{t} minus {d} minutes", -1), ("Wie spät ist es {d} Minuten nach {t}?", 1),
    ("quelle heure est-il {d} minutes avant {t} ?", -1), ("¿qué hora es {d} minutos después de las {t}?", 1),
    ("che ore sono {d} minuti prima delle {t}?", -1),
])
def test_date_time_moves_any_time_by_any_number_of_minutes(template, sign):
    for base in _TIMES:
        for delta in (5, 45, 90, 150, 600, 1500):
            moment = datetime(2026, 1, 1, base // 60, base % 60) + sign * timedelta(minutes=delta)
            question = template.format(d=delta, t=_written(base, "{h:02d}:{m:02d}"))
            assert date_answer(question, NOW)[1]["time"] == moment.strftime("%H:%M"), question


@pytest.mark.parametrize("question, reason", [
    ("how many minutes from 17:45 to 25:00", "no such time as 25:00"),
    ("what time is 90 minutes after 17:61", "no such time as 17:61"),
    ("how many minutes from lunch to dinner", "'lunch' is not a date I can read"),
])
def test_date_time_refuses_a_time_of_day_it_cannot_read(question, reason):

    with pytest.raises(InputError, match=re.escape(reason)):
        date_answer(question, NOW)


def test_date_time_reads_the_local_clock(ctx):
    before = datetime.now().astimezone()
    result = run(ctx, "date_time", question="what time is it")
    after = datetime.now().astimezone()
    assert not result.is_error, result.text
    said = re.fullmatch(r"It is (\d{1,2}):(\d\d) (in the morning|in the afternoon|in the evening|at night), "
                        r"(\w+) (\d{1,2}) (\w+) (\d{4})\.", result.text)
    assert said, result.text
    hour, minute = int(said.group(1)), int(said.group(2))
    assert any((moment.hour % 12 or 12) == hour and moment.minute == minute and moment.day == int(said.group(5))
               for moment in (before, after))
    assert run(ctx, "date_time", question="next blorbday").is_error


def test_a_second_date_without_its_year_follows_the_first(ctx):
    """"from 1 January 2025 to 1 March" is 59 days (it was 789: the 1 March after today)."""
    assert run(ctx, "date_time", question="how many days from 1 January 2025 to 1 March?").data["days"] == 59
    assert run(ctx, "date_time", question="How many days are there from 24 March 2025 to 14 April 2025?").data[
        "days"] == 21


def test_a_first_date_without_its_year_takes_the_seconds(ctx):
    """"from 16 February to 19 March 2026": the year is both ends' (it was 334 days: 16 February 2027, after today,
    to 19 March 2026); a first day later in the year than the second is the one before it."""
    assert run(ctx, "date_time", question="How many days are there from 16 February to 19 March 2026?").data[
        "days"] == 31
    assert run(ctx, "date_time", question="how many days from 16 December to 19 March 2026").data["days"] == 93
