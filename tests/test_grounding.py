"""Answers from the user's files (issue 24), without a model: which facts of a reply its sources hold, which questions
are about the user's own world, what a question asks, arithmetic over a conversation's facts (which passage and
lines answer: test_evidence.py; the streamed check of a reply: test_checked_reply.py)."""

from __future__ import annotations

import pytest

from assistant.grounding.claims import Facts, claims, unsupported
from assistant.grounding.asking import subject_words
from assistant.grounding.personal import is_personal, language_of, refers_back
from assistant.grounding.replies import not_found

APPOINTMENTS = ("# Appointments\n\n"
                "- Physiotherapy with Dr Okafor: Thursday 14 November at 10:30, room 2.\n"
                "- Car service at Autohaus Lindner: Monday 25 November at 8:15. Booking reference KX-4471-B.\n"
                "- Haircut with Mia: Friday 29 November at 17:45.\n")
SCRATCH = "Number to remember: 73914 (the locker at the swimming pool).\nCabin wifi: password moss-lantern-58.\n"
LEASE_1 = "Residential Lease Agreement\nLandlord: Helga Brandt, Am Wall 17, Bremen.\nDeposit: 3,450 euros."
RECIPE = "# Lentil soup\n\n250 g red lentils, 1.2 litres of vegetable stock. Simmer for 25 minutes.\n"
LEASE_2 = "Notice and house rules\nDogs and cats need the landlord's written permission.\nQuiet hours from 22:00."


@pytest.mark.parametrize("reply, sources, question, invented", [
    # times, dates, amounts and codes said another way are the same facts
    ("The haircut is at quarter to six on Friday the 29th.", [APPOINTMENTS], "", []),
    ("It is at 5:45 pm with Mia.", [APPOINTMENTS], "", []),
    ("The booking reference is KX 4471 B.", [APPOINTMENTS], "", []),
    ("The deposit is three thousand four hundred and fifty euros.", [LEASE_1], "", []),
    ("The deposit is 3450 euros.", [LEASE_1], "", []),
    ("Five miles is 8 kilometres.", ["5 miles is 8.04672 kilometres"], "", []),  # rounded, not invented
    # what the sources do not hold
    ("The haircut is at 6:15 with Mia.", [APPOINTMENTS], "", ["6:15"]),
    ("The haircut is on Saturday.", [APPOINTMENTS], "", ["Saturday"]),
    ("Your physiotherapist is Dr Smith.", [APPOINTMENTS], "", ["Smith"]),
    ("The deposit is 3, 450 euros.", [LEASE_1], "", ["3", "450"]),  # 3,450 garbled
    ("The vet's night number is 20.", ["No food after 20:00 the night before."], "", ["20"]),  # a time's hours
    ("Rent from 1 July: cold 790 + 175 = 965 EUR", ["Rent from 1 July:\ncold 790 + 175 = 965 EUR"], "", []),
    ("The deposit is 450 euros.", [LEASE_1], "", ["450"]),
    ("17 times 23 is 411.", [LEASE_1], "What is 17 times 23?", ["411"]),
    ("The reference is KX-4471-C.", [APPOINTMENTS], "", ["KX-4471-C"]),
    # a number the source gives with a unit, said with another: a fact it does not hold
    ("Use 250 ml of lentils.", [RECIPE], "", ["250 ml"]), ("The deposit is $3,450.", [LEASE_1], "", ["$3,450"]),
    ("Use 250 grams of lentils and 1.2 l of stock.", [RECIPE], "", []), ("Simmer for 25 min.", [RECIPE], "", []),
    ("The boiler is 24 years old.", ["Thermera CW 24 combi boiler"], "", ["24 years"]),  # a model number
    # a phone number is one fact, checked whole: some of its groups are no number the contacts hold
    ("Karim's number is 07 61 22.", ["Karim Haddad: 07 61 43 90 22"], "", ["07 61 22"]),
    ("The office is 04 72 10 55 31.", ["office 04 72 10 55 81, mobile 06 11 23 45 67"], "", ["04 72 10 55 31"]),
    ("Karim's number is 07 61 43 90 22.", ["Karim Haddad: 07.61.43.90.22"], "", []),
    ("Call 0761439022.", ["Karim Haddad: 07 61 43 90 22"], "", []),
    ("It is due on 05.12.2025.", ["due 05.12.2025"], "", []),  # (a date is no phone number)
])
def test_a_reply_s_facts_are_checked_against_its_sources(reply, sources, question, invented):
    assert [c.text for c in unsupported(reply, sources, question)] == invented


def test_claims_are_numbers_times_dates_identifiers_and_names_not_sentence_openings():
    found = {(c.kind, c.key) for c in claims("Grandma Rosa arrives on Saturday 16 November at twenty to twelve.")}
    assert found == {("name", "rosa"), ("date", "saturday"), ("number", "16"), ("date", "november"),
                     ("time", "11:40")}
    assert claims("The plumber said yes.") == []


@pytest.mark.parametrize("text, personal", [
    ("What's my passport number?", True), ("When is my dentist appointment?", True),
    ("What time is Marek coming on Thursday?", True), ("What's Tom's phone number?", True),
    ("how much did the electrician charge", True), ("Until when is grandma staying?", True),
    ("Wo habe ich meinen Reisepass hingelegt?", True), ("¿Cuándo es mi cita?", True),
    ("Quand est mon rendez-vous ?", True),
    ("How much is the insurance going to pay me for the bike?", True), ("Can you tell me the capital of Peru?", False),
    ("Give me a tip for sleeping better.", False),
    ("What's the capital of Australia?", False), ("How do I reverse a list in Python?", False),
    ("how do i undo my last git commit", False), ("Who painted the Mona Lisa?", False),
    ("any tips for falling asleep faster?", False), ("What is 17 times 23?", False),
    ("I want a poem about my cat", False), ("Tell me a joke.", False), ("I'm bored, make me a picture", False),
    ("remind me what my saving goal was", True), ("where did I park the car", True),
    ("wats my wifi pasword", True), ("What time is grandma coming on Saturday?", True),
    ("Which is the largest planet in our solar system?", False), ("When is our anniversary dinner?", True),
    # a day of the week ahead: an arranged thing, or someone, then is the user's own; the world's days are not
    ("What time is the call with Okafor tomorrow?", True), ("Where's the meeting on Friday?", True),
    ("Is the museum open on Monday?", False), ("What date is next Thursday?", False),
    ("When did Napoleon die?", False), ("Who won the match on Saturday?", False),
    # ... named alone, as heard ("on" lost), asked when or where; with a year it is the calendar's
    ("What time is the thing with Marek Thursday?", True), ("Where is the party Saturday?", True),
    ("When was Black Friday 2020?", False), ("What time is sunrise Monday?", False),
    # travel asked in other languages ("on" is the French "we"; "comment on dit" asks for know-how)
    ("Quand est-ce qu'on rentre de Lisbonne ?", True), ("Wann fährt unser Zug?", True),
    ("¿A qué hora sale nuestro vuelo?", True), ("Comment on dit merci en allemand ?", False),
    ("Which part of Spain is Barcelona in?", False),  # (the French "part" is only read in French)
    ("When is the cat's next vet appointment?", True), ("What is an appointment letter?", False),
    ("my bathroom sink drains slowly, is there a trick for that?", False),  # know-how, though "my"
    ("my sink drains slowly, is there anything I can try before I call someone?", False),
    ("Who's handling my bike claim and how do I reach them?", True),  # asks who first: the know-how comes after
    ("Wie bekomme ich einen Rotweinfleck aus dem Teppich?", False),
    # what "the" thing cost, asked in the past: one's own (the world's name theirs, or ask in the present)
    ("How much did the locksmith cost?", True), ("What did the new tyres come to?", True),
    ("Wie viel hat der Schlüsseldienst gekostet?", True), ("Combien a coûté le serrurier ?", True),
    ("¿Cuánto costó el fontanero?", True), ("Quanto è costato il meccanico?", True),
    ("How much did the Apollo program cost?", False), ("How much does a plumber cost?", False),
    ("Wie viel hat der Bau der Elbphilharmonie gekostet?", False), ("How much did the Eiffel Tower cost?", False),
])
def test_questions_about_the_user_s_own_world(text, personal):
    assert is_personal(text) is personal


def test_language_and_follow_ups():
    assert language_of("Wann ist mein Termin bei der Physiotherapie?") == "de"
    assert language_of("À quelle heure arrive le train de ma grand-mère samedi ?") == "fr"
    assert language_of("¿Cuánto tengo previsto para la electricidad en noviembre?") == "es"
    assert language_of("When is my physio appointment?") == "en"
    assert language_of("¿Cuánto quería pagar como máximo en el regalo de Jonas?") == "es"  # (only "el" is on the list)
    assert language_of("¿Cuánto costaba la lámpara en la tienda?") == "es"  # ("la" is French too)
    assert not_found("de") != not_found("en") and "couldn't find" in not_found("en")
    assert refers_back("and groceries?") and refers_back("How much did he quote?") and refers_back("Which room?")
    assert not refers_back("When is my physio appointment?")


def test_a_question_about_the_users_home_is_theirs():
    from assistant.grounding.personal import is_personal

    assert is_personal("Wann wird bei uns der Müll abgeholt?")
    assert is_personal("what day are the bins collected at our place?")
    assert is_personal("À quelle heure passent les éboueurs chez nous ?")
    assert not is_personal("When did we land on the moon?")  # "we" as everyone
    assert not is_personal("what exercises can be done at home?")  # anyone's home
    assert not is_personal("¿Qué ejercicios se pueden hacer en casa?")


def test_arithmetic_over_the_conversation_takes_only_numbers_it_said():
    from assistant.grounding.worked_out import asks_to_work_out, held

    facts = ["What did the hotel cost?", "The hotel was 1,740 DKK for 3 nights.", "Two coaches, 44 seats each."]
    assert held("1740 / 3", facts, "what's that per night?")
    assert held("(1740 + 44) / 2", facts, "and the two together?")  # "two" is said in the question
    assert not held("1740 / 4", facts, "what's that per night?")  # 4 was never said
    assert not held("1740", facts, "what's that per night?")  # no arithmetic
    assert not held("import os", facts, "what's that per night?")
    assert held("1740 / 1800 * 100", [*facts, "The budget was 1,800."], "what percentage of the budget is that?")
    assert not held("1740 / 1800 * 100", [*facts, "The budget was 1,800."], "what's that of the budget?")
    assert asks_to_work_out("so how much is left to pay after the deposit?")
    assert asks_to_work_out("Und was ist das pro Nacht?") and asks_to_work_out("et en tout, ensemble ?")
    for compared in ("so how much more is that a month?", "how much cheaper is that than the most expensive one?",
                     "how far below the top of the estimate is that?", "How many square metres is that?"):
        assert asks_to_work_out(compared)  # a difference, or an area
    assert not asks_to_work_out("How many other people are coming?")
    assert not asks_to_work_out("and in square feet?")  # the area said, converted: no arithmetic of its own
    # a span of time the question names, against the facts' (12 months a year), is known though nobody said it
    assert asks_to_work_out("and over a whole year?")
    assert held("96 / 12", ["Dog tax: 96 EUR/year"], "how much is that per month?")
    assert held("185 * 12", ["The new rent is 185 euros more a month."], "and over a whole year?")
    assert not held("96 / 13", ["Dog tax: 96 EUR/year"], "how much is that per month?")
    assert not held("96 / 12", ["Dog tax: 96 EUR"], "how much is that for two dogs?")
    assert not asks_to_work_out("What is 17 times 23?")  # the calculator's alone
    assert not asks_to_work_out("When is my dentist appointment?")
    for everyday in ("¿Por qué llega tarde Marek?", "Tell me more about the party", "Was hat Marek noch mal gesagt?",
                     "What does it mean?"):
        assert not asks_to_work_out(everyday)
    # numbers as the calculator reads them; no times, days of the month or years
    assert not held("7.850 - 2.355", ["7.850 Euro", "2.355 Euro"], "wie viel bleibt übrig?")
    assert not held("14 + 7", ["Saturday 14 June at 7 pm"], "so what is that together?")


def test_a_question_word_typed_one_letter_wrong_still_asks_and_is_no_subject():
    from assistant.grounding.personal import asks

    assert asks("wen is the bin collection") and asks("whta time does the gym open")
    assert subject_words("wats the wifi pasword for the cabbin") == ["wifi", "pasword", "cabbin"]
    assert not asks("that was a great film") and not asks("hat size for lena")  # real words, not misspellings
    assert not asks("Well, I'd like a short poem about autumn.") and not asks("bill from the plumber")
    assert subject_words("bus times on Sunday") == ["bus", "times", "sunday"]  # "times" is no "time"


def test_a_spoken_request_asks_in_any_of_its_parts_after_its_hesitations():
    """Speech comes without a question mark: "what was his name" in the middle asks (a question not taken as one
    was answered freely, and the 0.5B named the technician "John")."""
    from assistant.grounding.personal import asks, is_personal

    rambling = "ok so the washing machine thing, the guy who's coming to fix it, what was his name again, I said it"
    assert asks(rambling) and is_personal(rambling)
    assert asks("ok so, remind me the wifi password") and asks("hmm, well, wann kommt der Klempner")
    assert not asks("I'm bored, tell me a joke")  # a later part asks only with a question word and its verb
    assert not asks("ok so, I'd like a poem about the sea, something calm")
    assert not asks("Write a poem for my sister, who loves cats") and not asks("Schreib ein Gedicht, was lustig ist")
    assert not asks("I was at home. Was great")


def test_small_talk_has_no_subject_to_look_up():
    assert subject_words("Hello! How are you today?") == []  # (a recording saying "today" answered it)
    assert subject_words("is the dentist today or tomorrow") == ["dentist", "tomorrow"]


def test_a_translation_that_adds_a_number_or_a_name_is_not_used():
    from assistant.grounding.translate import faithful

    assert faithful("Quand est-ce qu'on rentre de Copenhague ?", "When do we return from Copenhagen?")
    assert faithful("¿Cuánto tengo previsto para la electricidad en noviembre?",
                    "How much do I have planned for electricity in November?")
    assert not faithful("Wann kommt Marek?", "Marek comes on Thursday at 10")  # an answer, not a translation
    assert not faithful("Wann kommt Oma?", "When is Grandpa Joe coming?")  # someone else


def test_an_english_reply_s_thousands_are_written_with_commas():
    from assistant.grounding.claims import Facts

    note = Facts("New laptops approved: 3 at 1,400 euros each.")
    assert [c.text for c in claims("3 laptops at 1.400 euros each.", english=True) if not note.supports(c)] == ["1.400"]
    german = Facts("Budget: 48.000 Euro")
    assert all(german.supports(c) for c in claims("The budget is 48,000 euros.", english=True))
    assert all(german.supports(c) for c in claims("Das Budget ist 48.000 Euro."))


def test_an_expression_written_with_its_units_is_its_arithmetic_and_a_size_is_no_time():
    from assistant.grounding.claims import claims
    from assistant.grounding.worked_out import bare, held

    assert bare("96 EUR/year / 12 months") == "96 / 12"  # (as the 0.5B wrote it for "how much is that per month?")
    assert bare("4.20 m x 5.10 m") == "4.20 * 5.10" and bare("€ 350 * 2 + 1,050") == "350 * 2 + 1050"
    assert bare("390 km / 4.5 h") == "390 / 4.5"  # a division between units stays one
    # "4.20 x 5.10 m" is two lengths, not the times 4:20 and 5:10: worked out to the living room's area
    assert held("4.20 * 5.10", ["measurements.txt says: living room 4.20 x 5.10 m"], "How many square metres is that?")

    def kinds(text: str) -> list[tuple[str, str]]:
        return [(c.kind, c.key) for c in claims(text) if c.kind in ("time", "number")]

    assert kinds("The living room is 4.20 metres by 5.10 metres.") == [("number", "4.2"), ("number", "5.1")]
    assert kinds("room 3.08, 12.50 EUR") == [("number", "3.08"), ("number", "12.5")]
    # a dotted time where the text says it is one: a word for when, a clock's word, a range
    assert kinds("send it by 5.30") == [("time", "5:30")] and kinds("at 7.30") == [("time", "7:30")]
    assert kinds("um 18.30 Uhr") == [("time", "6:30")] and kinds("10.30-12.00") == [("time", "10:30"), ("time", "12:00")]
    assert kinds("no food after 20:00") == [("time", "8:00")]  # (a colon is always a time)


def test_an_amount_over_another_span_of_time_is_worked_out_by_code_and_a_difference_is_said_as_asked():
    from assistant.grounding.worked_out import as_asked, only_a_period, per_period, period_asked

    assert only_a_period("how much is that per month?") and only_a_period("and over a whole year?")
    assert not only_a_period("so how much more is that a month?")  # a difference, in a month
    tax = ["How much dog tax do we pay?", "Dog tax: 96 EUR/year (Stadt Leipzig), 15 EUR per walk (Tue + Thu)"]
    assert per_period("how much is that per month?", tax) == "96 / 12"  # (a walk is no span of time)
    assert per_period("and over a whole year?", ["965 minus 780 is 185 a month."]) == "185 * 12"
    assert per_period("and per night?", ["856 EUR for 7 nights"]) is None  # nights: no factor to know
    assert period_asked("so how much more is that a month?") == "a month"
    assert as_asked("780 - 965", "so how much more is that a month?") == "965 - 780"
    assert as_asked("780 - 965", "so how much is left after that?") == "780 - 965"  # no comparison: as written


def test_review_cases_the_newest_amount_only_thousands_and_dotted_times_both_ways():
    from assistant.grounding.claims import Facts, claims, times
    from assistant.grounding.converted import counted_unit, said_quantity
    from assistant.grounding.worked_out import bare, held, per_period

    # only the newest amount said per span of time: an older one is about something else
    assert per_period("how much is that per month?", ["Dog tax: 96 EUR/year", "Rent: 965 EUR/month"]) is None
    assert per_period("how much is that per week?", ["Dog tax: 96 EUR/year", "Rent: 965 EUR/month"]) is None
    assert said_quantity(["The garden is 1,200 square metres."], "square feet") == "1200 square metres"
    assert counted_unit("so how much in total?") is None  # "in" is no inch
    assert bare("96/year / 12") == "96 / 12" and not held("96/ / 12", ["96 EUR/year"], "how much is that per month?")
    # a dotted time no word marks may be one: the sources hold it both ways; an amount is never a time
    assert Facts("Dinner 19.30, table for 4").supports(next(c for c in claims("Dinner is at 19:30.") if c.kind == "time"))
    assert [c.kind for c in claims("Parking is about 12.50 EUR.") if c.kind in ("time", "number")] == ["number"]
    assert times("- 4.20 x 5.10 m living room") == []  # a list's dash is no range


def test_a_name_after_a_title_written_short_is_a_name():
    """"St. Leonhard", "Dr. Fuchs": the full stop after a title ends no sentence, so the word after it is a name (the
    question "When is the Advent singing at St. Leonhard?" is about the user's own parish, named in their notes)."""
    from assistant.grounding.personal import capitalised

    assert capitalised("When is the Advent singing at St. Leonhard?") == ["advent", "leonhard"]
    assert capitalised("Call Dr. Fuchs. Then the bank.") == ["fuchs"]


def test_a_street_written_short_ends_its_sentence():
    from assistant.grounding.claims import claims

    assert [c.text for c in claims("It's on Main St. Just by the bridge.") if c.kind == "name"] == ["Main"]


def test_a_name_said_without_its_accents_is_the_sources_name():
    """"Benoit" for "Benoît Ferrand", "Zoe" for "Zoë", "Cafe Luitpold" for "Café Luitpold": the same name (the
    reply is not replaced by a quote); another name is still not."""
    from assistant.grounding.claims import unsupported
    source = "Benoît Ferrand (plombier) comes Monday. Coffee with Zoë at Café Luitpold."
    assert unsupported("Benoit Ferrand comes on Monday, and you meet Zoe at Cafe Luitpold.", [source]) == []
    assert unsupported("Benoît comes on Monday with Zoë.", ["Benoit and Zoe, Monday."]) == []
    assert [c.text for c in unsupported("On Monday Bernard Ferrand comes.", [source])] == ["Bernard"]
