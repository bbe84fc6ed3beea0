"""Numbers from code in a conversation (issue 24, item 3): arithmetic over the amounts earlier answers gave, the days
between two dates they said, and an amount they said in another unit, each computed by a tool through the real
agent over a real index, and cited where the files said it."""

from __future__ import annotations

from test_agent_routed import _calls, _turn, routed  # noqa: F401 (the fixture)

from assistant.contracts import ToolCall


def test_arithmetic_over_what_the_conversation_said_uses_only_numbers_it_said(routed):
    """Issue 24, item 3 in a conversation: "so how much is left after the deposit?" is worked out by code from
    the amounts the earlier answers gave, citing the file they came from; an expression with a number nobody said
    is not used."""
    make, root = routed
    (root / "kitchen.md").write_text("# Kitchen\n\nQuote from Nowak Bau: 7,850 euros, fitting included.\n"
                                     "Deposit: 2,355 euros, due by 14 March.\n")
    for written, used in (("7850 - 2355", True), ("7850 - 2000", False)):
        agent, chat = make(["The quote is 7,850 euros."], ["The deposit is 2,355 euros."],
                           [ToolCall("calculate", {"expression": written})], ["I can't say."])
        agent.context.knowledge.index()
        _turn(agent, "How much did Nowak Bau quote for the kitchen?")
        _turn(agent, "And how much is the deposit?")
        events, left = _turn(agent, "so what's that minus the deposit?")  # (no common shape: the model's)
        asked = chat.prompts[2][-1]["content"]
        assert "7,850" in asked and "2,355" in asked  # the facts the model writes the expression from
        if used:
            assert _calls(events) == [("calculate", {"expression": "7850 - 2355"})]
            # computed, and cited: both amounts came from the note
            assert "5495" in left.reply.replace(",", "") and left.reply.endswith("(kitchen.md)")
        else:
            assert ("calculate", {"expression": "7850 - 2000"}) not in _calls(events)
            assert "5,850" not in left.reply and "5850" not in left.reply


def test_the_days_between_two_dates_the_conversation_said_are_counted_by_the_date_tool(routed):
    """Issue 24, item 3 for dates: "how many days later is that than the original date?" is counted by the date
    tool, from the two dates the model names, each one the files said (a date without its year takes the year the
    files give the other); a date nobody said is not used."""
    make, root = routed
    (root / "move.md").write_text("# Move\n\nMoving day: ~~Sat 28 June~~ -> Saturday 5 July 2025 (the movers moved "
                                  "it).\nKeys: Thursday 3 July.\n")
    for first, counted in (("Sat 28 June", True), ("Sunday 1 June", False)):
        agent, chat = make(["The move is now on Saturday 5 July 2025."],
                           [ToolCall("two_dates", {"first": first, "second": "Saturday 5 July 2025"})], ["I can't say."])
        agent.context.knowledge.index()
        _turn(agent, "When is the move now?")
        events, later = _turn(agent, "How many days later is that than the original date?")
        if counted:
            assert _calls(events) == [("date_time", {"question": "How many days are there from 28 June 2025 to 5 July "
                                                                 "2025?"})]
            assert later.reply == "7 days. (move.md)"
        else:
            assert not any(name == "date_time" and "1 June" in arguments["question"]
                           for name, arguments in _calls(events))
            assert "7 days" not in later.reply


def test_an_amount_the_conversation_said_is_converted_into_the_unit_a_follow_up_asks_for(routed):
    """"what's that in miles?" after "the drive is 390 km": the newest amount said in a unit that converts is
    converted by the converter (no model writes it), cited where the note said it; an area worked out is said in
    the unit it was counted in, so "and in square feet?" converts it; money is not converted."""
    from assistant.grounding.converted import asked_unit, said_quantity

    make, root = routed
    (root / "trip.md").write_text("# Holiday\n\nDrive approx. 390 km / 4.5 h, leave at 10:30.\n"
                                  "Living room 4.20 x 5.10 m.\nDog tax: 96 EUR/year.\n")
    agent, chat = make(["The drive is about 390 km."], ["The living room is 4.20 by 5.10 m."],
                       [ToolCall("calculate", {"expression": "4.20 * 5.10"})])
    agent.context.knowledge.index()
    _, drive = _turn(agent, "How long is the drive for my holiday?")
    assert drive.reply == "The drive is about 390 km. (trip.md)", drive.reply
    events, miles = _turn(agent, "what's that in miles?")
    assert _calls(events) == [("convert_units", {"quantity": "390 km in miles"})]
    assert miles.reply == "390 kilometres is 242.3 miles. (trip.md)"
    _turn(agent, "How big is the living room?")
    _, area = _turn(agent, "How many square metres is that?")
    assert area.reply == "4.2 times 5.1 is 21.42 square metres. (trip.md)"
    events, feet = _turn(agent, "and in square feet?")
    assert _calls(events) == [("convert_units", {"quantity": "21.42 square metres in square feet"})]
    assert feet.reply.startswith("21.42 square metres is 230.6 square feet")
    assert asked_unit("and in pounds?") == "pounds" and asked_unit("how many miles is that?") == "miles"
    assert asked_unit("how many days is that?") is None and asked_unit("is it in the kitchen?") is None
    assert said_quantity(["The dog tax is 96 euros a year."], "dollars") is None  # no exchange rates offline
    # what was said first: the passage behind an answer holds other amounts ("250 g" of food before the weight)
    assert said_quantity(["Food: 250 g twice a day. Weight: 13.2 kg"], "pounds") == "250 g"
    assert said_quantity(["Bruno weighs 13.2 kg."], "pounds") == "13.2 kg"
    assert said_quantity(["pick her up at 4 in the morning"], "cm") is None  # "in" is no inch there


def test_an_expression_the_model_writes_below_zero_is_written_again_from_the_passages_too(routed):
    """The model's first expression, from what was said, takes the wrong amounts ("2355 - 7850" for what is left after
    the deposit: below zero, no amount left); the second, from the passages as well, is used."""
    make, root = routed
    (root / "kitchen.md").write_text("# Kitchen\n\nQuote from Nowak Bau: 7,850 euros, fitting included.\n"
                                     "Deposit: 2,355 euros, due by 14 March.\n")
    agent, chat = make(["The quote is 7,850 euros."], ["The deposit is 2,355 euros."],
                       [ToolCall("calculate", {"expression": "2355 - 7850"})],
                       [ToolCall("calculate", {"expression": "7850 - 2355"})], ["I can't say."])
    agent.context.knowledge.index()
    _turn(agent, "How much did Nowak Bau quote for the kitchen?")
    _turn(agent, "And how much is the deposit?")
    events, left = _turn(agent, "so how much is left to pay after the deposit?")
    assert _calls(events) == [("calculate", {"expression": "7850 - 2355"})]
    assert "5495" in left.reply.replace(",", "") and left.reply.endswith("(kitchen.md)")


def test_a_common_shape_is_worked_out_by_code_from_the_thread_not_the_model(routed):
    """"and both months together?" after the two months' amounts: the sum of the thread's amounts, not of every
    number the conversation said (a small model added the "13 repairs" of an earlier, unrelated answer); the model
    writes no expression."""
    make, root = routed
    (root / "repaircafe.md").write_text("# Repair café 2025\n\nRepairs this year: 13 of 19 items fixed.\n"
                                        "Donations: September 214.50 / October 187.20\n")
    agent, chat = make(["13 items were fixed."], ["The donations were 214.50 in September and 187.20 in October."],
                       ["I can't say."])
    agent.context.knowledge.index()
    _turn(agent, "How many items were fixed at the repair café this year?")
    _turn(agent, "What were the donations in September and October?")
    events, both = _turn(agent, "and both months together?")
    assert _calls(events) == [("calculate", {"expression": "214.5 + 187.2"})]
    assert both.reply.startswith("214.5 plus 187.2 is 401.7") and both.reply.endswith("(repaircafe.md)")
    assert len(chat.prompts) == 2  # (no model wrote the expression)
    # the sum was an aside: a follow-up after it is still about what was looked up
    assert agent.conversation.subject() is not None and agent.conversation.subject().tool == "search_knowledge"


def test_arithmetic_over_what_a_look_up_found_is_worked_out_not_quoted(routed):
    """"I've paid 150 already, how much is left for the school trip?" of a note that gives its price: the look-up's
    answering sentence gives the amount, code takes the question's own from it, cited; a total the file states itself
    is read, not added up again; a comparison is not made within a passage (the other side is the conversation's),
    nor are a passage's amounts added up (its seat numbers with its prices)."""
    make, root = routed
    (root / "school.md").write_text("# Class 7b\n\nSchool trip to Lindau: 385 EUR per pupil, 150 paid on 3 March, "
                                    "the rest by 30 April.\n")
    (root / "garden.md").write_text("Receipt from the garden centre: soil 12.40, seeds 6.20, total 18.60\n")
    (root / "roof.md").write_text("# Roof\n\nQuote from Dachbau Kern: 4,800 EUR.\nDeposit to Kern: 1,000 EUR.\n")
    (root / "trains.md").write_text("# Christmas trains\n\nTGV Lyon -> Paris, voiture 14 place 82: 39 EUR\n"
                                    "Eurostar Paris -> London: 45 EUR\n")
    agent, chat = make(["The total on the receipt is 18.60."], ["Kern quoted 4,800 EUR."],
                       ["The TGV is 39 EUR and the Eurostar 45 EUR."])
    agent.context.knowledge.index()
    events, left = _turn(agent, "I've paid 150 already, how much is left for the school trip?")
    assert _calls(events)[1:] == [("calculate", {"expression": "385 - 150"})]
    assert left.reply == "385 minus 150 is 235. (school.md)"
    events, total = _turn(agent, "What was the total on the garden centre receipt?")
    assert [name for name, _ in _calls(events)] == ["search_knowledge"] and "18.60" in total.reply
    events, cheaper = _turn(agent, "how much cheaper is Kern?")
    assert "calculate" not in [name for name, _ in _calls(events)]  # (4,800 - 1,000 is no comparison)
    assert "3800" not in cheaper.reply.replace(",", "")
    events, trains = _turn(agent, "How much are the Christmas trains altogether?")
    assert "calculate" not in [name for name, _ in _calls(events)]  # (a passage's seat numbers are no prices)
    assert "180" not in trains.reply and "84" not in trains.reply


def test_a_calculation_the_calculator_cannot_read_alone_is_worked_out_from_what_was_said(routed):
    """"what's the average of the three months?" names none of the amounts: the calculator the router chose cannot
    read it, so it is worked out from the answers before (their average, by code), cited."""
    make, root = routed
    (root / "water.md").write_text("# Water bills\n\nMay: 41.20 EUR\nJune: 38.80 EUR\nJuly: 52 EUR\n")
    agent, chat = make(["May was 41.20 EUR."], ["June was 38.80 EUR."], ["July was 52 EUR."], ["I can't say."])
    agent.context.knowledge.index()
    _turn(agent, "What was the water bill in May?")
    _turn(agent, "and in June?")
    _turn(agent, "and in July?")
    events, mean = _turn(agent, "what's the average of the three months?")
    assert _calls(events) == [("calculate", {"expression": "(41.2 + 38.8 + 52) / 3"})]
    assert mean.reply.startswith("(41.2 plus 38.8 plus 52) divided by 3 is 44") and mean.reply.endswith("(water.md)")


def test_what_a_count_of_things_comes_to_is_worked_out_from_the_rate_a_look_up_finds(routed):
    """"for four nights at the B&B, what's the room bill?": the note gives the rate per night; code multiplies (a
    question's verb no file holds, "we're staying", still sinks the look-up: the files seem not to hold it)."""
    make, root = routed
    (root / "trip.md").write_text("# Seaside trip\n\nRoom at the Seeblick B&B: 96 EUR per night, breakfast in.\n"
                                  "Parking: 8 EUR per day.\n")
    agent, chat = make(["I can't say."])
    agent.context.knowledge.index()
    events, bill = _turn(agent, "for four nights at the Seeblick B&B, what's the room bill?")
    assert _calls(events)[-1] == ("calculate", {"expression": "96 * 4"})
    assert bill.reply == "96 times 4 is 384. (trip.md)"


def test_the_days_between_the_two_dates_the_answers_said_are_counted_without_the_model_naming_them(routed):
    """"How many days later is that?" after answers that said the date that moved and the new one (here quoting the
    line that moved it, once the model's "first meant to start on 17 November" was the replaced value): the date tool
    counts the days between those two, by code, with the year the note gives (the 0.5B named a third date of the
    passage, or none)."""
    make, root = routed
    (root / "bathroom.md").write_text("# Bathroom\n\nBuilders start: ~~Mon 17 Nov~~ -> Mon 24 Nov 2025, 8:00 (the tray "
                                      "came late)\nTiler from Wed 26 Nov; handover Wed 3 Dec.\n")
    agent, chat = make(["They were first meant to start on Monday 17 November."],
                       ["They start on Monday 24 November now."], ["I can't say."])  # (no two dates asked of it)
    agent.context.knowledge.index()
    _turn(agent, "When do the bathroom builders start?")
    _turn(agent, "so when is it now?")
    events, later = _turn(agent, "How many days later is that?")
    assert _calls(events) == [("date_time", {"question": "How many days are there from 17 November 2025 to 24 "
                                                         "November 2025?"})]
    assert later.reply.startswith("7 days.") and "bathroom.md" in later.reply


def test_how_long_between_the_two_times_the_answers_said_is_counted_by_the_clock(routed):
    """"So how many hours is that from the start?" after the course's start and its end were said: the clock counts
    the span between them (no file says "hours": the look-up had said "not found")."""
    make, root = routed
    (root / "course.md").write_text("# First-aid refresher\n\nTue 2 Dec 2025 at the training centre, room 3.\n"
                                    "Start 8:30. Finish 17:00. Bring the certificate.\n")
    agent, chat = make(["It starts at 8:30."], ["It finishes at 17:00."], ["I can't say."])
    agent.context.knowledge.index()
    _, start = _turn(agent, "What time does the first-aid refresher start?")
    _, finish = _turn(agent, "and what time does it finish?")
    assert "8:30" in start.reply and "17:00" in finish.reply
    events, span = _turn(agent, "So how many hours is that from the start?")
    assert _calls(events) == [("date_time", {"question": "How long is it from 8:30 to 17:00?"})]
    assert span.reply == "From 8:30 to 17:00 is 8 hours and 30 minutes. (course.md)"


def test_how_long_something_takes_is_looked_up_when_the_thread_said_no_two_times(routed):
    """"how long is the drive?" after one time was said: no span to count; it is looked up as before (not worked out
    by the model from the amounts around it)."""
    make, root = routed
    (root / "trip.md").write_text("# Holiday\n\nLeave at 10:30. Drive approx. 390 km / 4.5 h.\n")
    agent, chat = make(["We leave at 10:30."], ["The drive takes about 4.5 h."], ["I can't say."])
    agent.context.knowledge.index()
    _turn(agent, "When do we leave for the holiday?")
    events, drive = _turn(agent, "and how long is the drive?")
    assert [name for name, _ in _calls(events)] == ["search_knowledge"], _calls(events)
    assert "4.5" in drive.reply and "trip.md" in drive.reply
