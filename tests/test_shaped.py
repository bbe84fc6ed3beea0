"""The common shapes of arithmetic over amounts a conversation said (issue 24, item 3: numbers come from code): a
difference, a share in percent, a rise or a drop in percent, a total and a share-out are written by code from the
amounts of the conversation's thread, only when exactly the amounts the shape needs are there (else the model
writes it, checked as ever)."""

from __future__ import annotations

import pytest

from assistant.grounding.personal import refers_back
from assistant.grounding.shaped import arithmetic_words, shape_of, shaped_expression, states_it, without_arithmetic
from assistant.grounding.worked_out import held
from assistant.tools.arithmetic import evaluate, parse


def _worked(question: str, *exchanges: tuple[str, str]) -> str | None:
    return shaped_expression(question, list(exchanges), refers_back)


@pytest.mark.parametrize("question, exchanges, value", [
    # a difference, the larger first, whichever was said first
    ("how much more is that?", [("What did the boiler service cost last year?", "It cost 96 euros."),
                                ("and this year?", "This year it is 118.50 euros.")], 22.5),
    # a share of a whole: the part over the whole, whichever was said first
    ("what percentage is that?", [("How many seedlings did I plant?", "You planted 40 seedlings."),
                                  ("and how many came up?", "31 came up.")], 77.5),
    # a rise in percent is of the old (smaller) amount; a drop of the old (larger) one
    ("how big an increase is that in percent?", [("What was the gym fee?", "The fee was 30 euros a month."),
                                                 ("and now?", "Now it is 33 euros.")], 10.0),
    ("by what percentage did it drop?", [("What did the flat cost in 2023?", "It was 250,000."),
                                         ("and now?", "Now it is 225,000.")], 10.0),
    # both, a total: the thread's amounts; an unrelated answer before the thread began is not one of them
    ("and both weekends together?", [("How many books did I sell at the fair?", "You sold 12 books."),
                                     ("What did the first weekend bring in?", "It brought in 310 euros."),
                                     ("and the second?", "The second brought in 275.40 euros.")], 585.4),
    # a share-out: the larger over the smaller, when the thread said exactly the two (asked on its own each)
    ("so what's that per player?", [("What does the pitch cost for the season?", "The pitch costs 660 euros."),
                                    ("How many players are in the team?", "There are 15 players.")], 44.0),
    # "those two" is no amount of its own
    ("add those two together", [("What's the rent?", "The rent is 1,150 euros."), ("and groceries?", "420 euros.")],
     1570.0),
    # an average of answers that each said one amount
    ("what's the average of the three months?", [("What was the water bill in May?", "May: 41.20 euros."),
                                                 ("and June?", "June: 38.80 euros."), ("and July?", "52 euros.")],
     44.0),
    # what a count of things comes to, at the rate the answer gives for one (the new rate, after the arrow)
    ("and for four nights, how much is that?", [("What's the B&B?", "The B&B is 96 EUR per night, breakfast in.")],
     384.0),
    ("If I do 12 hours at the new rate, how much is that?", [("What's my rate?", "Rate: 30 EUR -> 34 EUR/h from May")],
     408.0),
    # a total of answers that each said one amount
    ("what's all that together?", [("What does the photographer ask?", "The photographer asks 1,650 euros."),
                                   ("and the band?", "The band is 2,200 euros."), ("and the flowers?", "480 euros.")],
     4330.0),
    # more amounts said, but exactly two in one unit: those are compared ("4 h a month", "the 5th" are not)
    ("how big a rise is that in percent?", [("What's the cleaner charging from March?",
                                             "22 EUR/h, about 6 h a month by the 5th -> 24 EUR/h from March")], 9.09),
    # what is left after the question's own amount
    ("I've spent 45 of it already, how much is left?", [("What's my monthly book budget?", "It is 80 euros.")],
     35.0),
])
def test_a_common_shape_is_worked_out_from_the_thread_s_amounts(question, exchanges, value):
    expression = _worked(question, *exchanges)
    assert expression is not None, question
    assert abs(evaluate(parse(expression)) - value) < 0.01, expression
    facts = [text for pair in exchanges for text in pair]
    assert held(expression, facts, question)  # each amount one that was said


@pytest.mark.parametrize("question, exchanges", [
    # three amounts said: which two are compared is not code's to guess
    ("how much more is that?", [("What are the three quotes?", "They are 900, 1,100 and 1,250 euros.")]),
    # one amount: nothing to compare it with
    ("how much cheaper is it?", [("What does the blender cost?", "It costs 89 euros.")]),
    # "both" with three amounts
    ("and both together?", [("What did I pay?", "You paid 20, 30 and 40 euros.")]),
    # a percentage given, not asked ("with 23 percent VAT on top")
    ("and with 20 percent VAT on top?", [("What's the frame?", "It is 120 euros."), ("and the glass?", "30.")]),
    # a question that does not refer back takes only its thread: an older answer's amount is no side of it
    ("How much more does the piano teacher charge now?", [("How many lessons did I have?", "You had 12."),
                                                           ("When is the next lesson?", "On 4 March at 16:00.")]),
    # "per metre" of a price per metre is no share-out: no count of metres was said (40 mm is a size)
    ("and per metre now?", [("What does the oak cost?", "natural oak 40 mm: 11.20/m -> 12.60/m from 1 November")]),
    # an answer that quotes a passage holds its house number, postcode and phone: no total of those
    ("How much is it altogether?", [("What's the booking number for the cottage?",
                                     "cottage.md says: “Seeweg 14, 18375 Prerow, booked with Ms Berg, 038233 67012”")]),
    # a count whose rate is not said per one of it (parking per day, for nights)
    ("for five nights, how much is the parking?", [("What's parking?", "Parking: 12 EUR per day")]),
    # "each" names no count: the model's
    ("so what does each get?", [("What did the raffle make?", "It made 240 euros."), ("and how many classes?", "6.")]),
    # no shape: the model's (or nobody's)
    ("what's the weather like?", [("What did it cost?", "It cost 12 and 14 euros.")]),
])
def test_no_shape_is_forced_on_amounts_that_do_not_fit_it(question, exchanges):
    assert _worked(question, *exchanges) is None


def test_an_amount_is_never_divided_by_itself_nor_taken_from_itself():
    """A small model writes "28 / 28" for "what's that per singer?": no calculation, not used."""
    facts = ["The coach costs 1,120 euros.", "28 singers signed up."]
    assert not held("28 / 28", facts, "so what's that per singer?")
    assert not held("27 / 27 * 100", ["27 sat it, 22 passed"], "what percentage is that?")
    assert not held("1120 - 1120", facts, "how much more?")
    assert held("1120 / 28", facts, "so what's that per singer?")
    assert held("280 / 28", ["280 euros", "28 people"], "per person?")  # (two amounts alike in digits)


def test_a_count_of_things_asked_what_it_comes_to_is_arithmetic_and_a_count_of_years_is_not():
    from assistant.grounding.worked_out import asks_to_work_out, counted
    assert counted("we're staying five nights, so what's the bill?") == ("5", "night")
    assert counted("I'm doing 3 more lessons, what will I pay?") == ("3", "lesson")
    assert asks_to_work_out("we're staying five nights, so what's the bill?")
    assert counted("How many years is that?") is None and counted("What did 3 years of insurance cost?") is None
    assert counted("When are the 2 parcels coming?") is None  # (no amount asked)


def test_the_words_that_say_the_arithmetic_are_no_subject_to_look_up():
    assert shape_of("how much cheaper is the second quote?") == "difference"
    assert shape_of("what's that per head?") == "per" and shape_of("and per month?") is None  # (a period's)
    assert shape_of("and both together?") == "total" and shape_of("When is the dentist?") is None
    assert arithmetic_words("how much cheaper is Kessler?") == {"cheaper"}
    assert without_arithmetic("how much cheaper is Kessler?") == "how much is Kessler?"
    # the question's own amounts are the user's, not the files' (a number naming something stays)
    assert without_arithmetic("I've paid 1,200, what's left?") == "I've paid what's"
    assert without_arithmetic("what's left for room 4?") == "what's for room 4?"
    assert arithmetic_words("When is the dentist?") == set() and arithmetic_words("what is 17 plus 4?") == set()
    # a figure the file states is read, not worked out again
    assert states_it("what's the total on the receipt?", "Bread 2.40, milk 1.10. Total 3.50")
    assert not states_it("I've paid 150, how much is left?", "Trip: 385 EUR, the rest by 30 April")


def test_a_share_the_model_writes_the_wrong_way_round_is_the_part_of_the_whole():
    from assistant.grounding.worked_out import as_asked
    assert as_asked("19 / 13 * 100", "what percentage is that?") == "13 / 19 * 100"
    assert as_asked("13 / 19 * 100", "what percentage is that?") == "13 / 19 * 100"
    assert as_asked("50 / 45 * 100", "how big a rise is that in percent?") == "50 / 45 * 100"  # (a rise may exceed)


@pytest.mark.parametrize("question, exchanges, value", [
    # thousands written with a space are one amount
    ("how much more is that?", [("What did Kessler quote?", "2,400 euros."), ("and Braun?", "Braun: 2 650 euros.")], 250),
    # "turned up" is no rise: a share
    ("what percentage of them turned up?", [("How many did we invite?", "40 people."), ("and came?", "32 came.")], 80),
    # a count of people, a flat's number, a floor, a date abroad are no amounts
    ("I've paid 100, how much is left?", [("What's the trip?", "The trip is 385 euros for 2 people.")], 285),
    ("I've paid 40, how much is left?", [("What's the rent?", "240 euros for flat 3, on the 3rd floor.")], 200),
    ("I've paid 20, how much is left?", [("Was kostet es?", "80 Euro, am 3. März.")], 60),
    # as many answers as the question counts, the newest: an earlier answer is no month of the two
    ("what's the average of the two months?", [("What's the gym?", "Gym: 30 euros."),
                                               ("and the water bill for May?", "41.20 euros."),
                                               ("and June?", "38.80 euros.")], 40),
])
def test_review_cases_of_amounts_that_are_no_amounts_and_counts_asked(question, exchanges, value):
    expression = _worked(question, *exchanges)
    assert expression is not None and abs(evaluate(parse(expression)) - value) < 0.01, expression


def test_review_cases_no_shape_where_none_is_asked():
    assert shape_of("and how much power does it use?") is None and shape_of("how much water does it hold?") is None
    assert without_arithmetic("how much water does the tank hold?") == "how much water does the tank hold?"
    assert _worked("for four nights, how much is that?", ("B&B?", "96 EUR per night per person, plus 40 EUR")) is None


@pytest.mark.parametrize("question, exchanges, facts, dates", [
    # the thread's answers said two dates (the earlier one first, however they were asked)
    ("How many days later is that?", [("When was the plumber first meant to come?", "He was meant to come on Monday "
                                       "3 March."), ("why did it move?", "The part came late."),
                                      ("so when is he coming now?", "Now on Thursday 13 March.")],
     ["Plumber: ~~Mon 3 March~~ -> Thu 13 March 2025"], ("3 March 2025", "13 March 2025")),
    ("how many days after the recital is that?", [("When is Zoe's recital?", "On 28 May."),
                                                  ("and when do we fly?", "The flight is on 2 June.")],
     [], ("28 May", "2 June")),
    # a date the question names, and the one the newest answer said
    ("How many days is it from then to 24 December?", [("When does term end?", "Term ends on Friday 12 December "
                                                                                "2025.")],
     [], ("12 December 2025", "24 December 2025")),
])
def test_the_two_dates_a_days_apart_question_is_about_are_those_the_thread_said(question, exchanges, facts, dates):
    """"How many days later is that?" after two answers that each said a date: the two dates, by code, with the year
    the facts give them (the model named a passage's third date, or none)."""
    from assistant.grounding.shaped import shaped_dates
    assert shaped_dates(question, exchanges, refers_back, facts) == dates


@pytest.mark.parametrize("question, exchanges", [
    # three dates said: which two is the model's to name (checked)
    ("How many days later is that?", [("When is the move?", "The move is on 5 July; the keys on 3 July, the old flat "
                                       "goes back on 31 July.")]),
    # one date said, none named: nothing to count between
    ("How many days later is that?", [("When is the move?", "The move is on 5 July.")]),
    # a question that does not refer back: the thread before it is not its own
    ("How many days are there until my birthday?", [("When is the move?", "On 5 July."),
                                                     ("and the keys?", "On 3 July.")]),
])
def test_no_two_dates_are_taken_where_the_thread_did_not_say_exactly_two(question, exchanges):
    from assistant.grounding.shaped import shaped_dates
    assert shaped_dates(question, exchanges, refers_back, []) is None


@pytest.mark.parametrize("question, exchanges, span", [
    ("So how many hours is that from the start?", [("What time does the first-aid course start?", "It starts at 8:30."),
                                                   ("and when does it finish?", "It finishes at 17:00.")],
     ("8:30", "17:00")),
    ("how long is one night, in hours?", [("What are the night shift's hours?", "Nights: N = 19h00-7h15.")],
     ("19:00", "7:15")),
])
def test_the_two_times_a_how_long_question_is_about_are_those_the_thread_said(question, exchanges, span):
    """"So how many hours is that from the start?" after the start and the end were said: the span between them,
    by code (the look-up found nothing of "hours" and said "not found")."""
    from assistant.grounding.shaped import shaped_times
    from assistant.grounding.worked_out import asks_how_long
    assert asks_how_long(question) and shaped_times(question, exchanges, refers_back) == span


@pytest.mark.parametrize("question, exchanges", [
    # three times said: not this code's to choose
    ("how long is that?", [("When does the train go?", "It leaves at 7:04, arrives at 9:00; the next is at 11:13.")]),
    # another subject than the thread's
    ("how long is the drive to Leipzig?", [("When do we leave?", "At 10:30."), ("and arrive?", "At 14:00.")]),
])
def test_no_two_times_are_taken_where_the_thread_did_not_say_exactly_two_of_its_subject(question, exchanges):
    from assistant.grounding.shaped import shaped_times
    assert shaped_times(question, exchanges, refers_back) is None


def test_a_question_that_gives_its_own_times_is_no_follow_up_span():
    from assistant.grounding.worked_out import asks_how_long
    assert not asks_how_long("How long is it from 8:30 to 17:00?") and not asks_how_long("When does it start?")


@pytest.mark.parametrize("question, exchanges, span", [
    # said the other way round: the nearer way (8 h 30, not 15 h 30)
    ("So how many hours is that?", [("When does the course end?", "It ends at 17:00."),
                                    ("and when does it start?", "It starts at 8:30.")], ("8:30", "17:00")),
    # a span written with bare hours
    ("how long is that in hours?", [("When is the shop open on Saturdays?", "It is open from 9 to 12.")],
     ("9:00", "12:00")),
])
def test_review_cases_spans_the_thread_said(question, exchanges, span):
    from assistant.grounding.shaped import shaped_times
    assert shaped_times(question, exchanges, refers_back) == span


@pytest.mark.parametrize("question, exchanges", [
    ("How long is it?", [("When does the film start?", "The film starts at 20:00 and runs 2h15.")]),
    ("How long is it?", [("Where is the seminar?", "The seminar is in room 2.14 and starts at 9:00.")]),
    ("And how long is the break, in hours?", [("When is the workshop?", "It runs 9:00 to 12:00, with a break of 45 "
                                                                         "minutes.")]),
    ("How long do I take them for?", [("When do I take the tablets?", "Take them at 8:00 and at 20:00.")]),
])
def test_review_cases_no_span_where_the_thread_did_not_say_one(question, exchanges):
    from assistant.grounding.shaped import shaped_times
    assert shaped_times(question, exchanges, refers_back) is None


def test_review_cases_amounts_and_dates_are_no_times_of_day():
    """"9.99 euros", "room 2.14" and "am 12.05." are no times (a time that cannot be, "9:99", had raised an error
    that ended the turn)."""
    from assistant.grounding.worked_out import asks_how_long, sources_of
    from assistant.contracts import Citation
    from assistant.tools.clock_times import said_times
    assert said_times("The lamp costs 9.99 euros.") == [] and said_times("am 12.05. um 9:00") == ["9:00"]
    from assistant.grounding.shaped import shaped_times
    assert asks_how_long("How much time is 2.75 hours?")  # (asked, and no time of day in it: nothing to read)
    assert shaped_times("How much time is 2.75 hours?", [("What does the lamp cost?", "It costs 9.99 euros.")],
                        refers_back) is None
    rent, lamp = Citation("rent.md"), Citation("lamp.md")
    assert sources_of("1200 / 4", [("Rent: 1200 a month.", rent), ("Lamp 9.99", lamp)], "per week?") == [rent]


@pytest.mark.parametrize("exchanges, facts, dates", [
    # over the new year, no year said: the nearer way round
    ([("When do I fly out?", "You fly out on 20 December."), ("and back?", "You fly back on 5 January.")], [],
     ("20 December", "5 January")),
    # over the new year, the year of the first given
    ([("When do I fly out?", "You fly out on 20 December 2025."), ("and back?", "You fly back on 5 January.")], [],
     ("20 December 2025", "5 January 2026")),
])
def test_review_cases_dates_over_the_new_year(exchanges, facts, dates):
    from assistant.grounding.shaped import shaped_dates
    assert shaped_dates("How many days is that?", exchanges, refers_back, facts) == dates
