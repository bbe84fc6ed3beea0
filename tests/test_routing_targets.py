"""What a request is about decides its tool, not a word it happens to share with a file's name or the clock
(issue 24, the embedded router's misroutes): with a recording marek-callback.wav in the folder, "How much did
Marek quote for the kitchen?" is a question for the user's notes, not a request to transcribe that recording;
"¿A qué hora es mi cita con la dermatóloga?" asks when the user's own appointment is, not what the clock
says. With the real MiniLM embedder, as the agent plans; no probe here, so a request for the user's files
that asks for no tool gets none (the agent then searches: test_agent_routed.py)."""

from __future__ import annotations

from datetime import datetime

import pytest

from planners import planner_over

from assistant.errors import InputError
from assistant.routing import Subject
from assistant.tools.date_time import answer

FILES = ["life/memos/marek-callback.wav", "life/memos/washer-repair.wav", "recordings/anna-interview.m4a",
         "photos/grandma-garden.jpg", "photos/tom-birthday.jpg", "photos/lake.jpg", "life/docs/letter-dr-halvorsen.pdf",
         "manuals/espresso-machine.pdf", "life/notes/kitchen/site-meeting-marek.md", "notes/budget-meeting.md"]
TRANSCRIBE, DESCRIBE, DATE, PDF = "transcribe_audio", "describe_image", "date_time", "lookup_pdf"


@pytest.fixture(scope="module")
def planner(manager, tmp_path_factory):
    return planner_over(tmp_path_factory.mktemp("knowledge"), FILES, manager.get("text_embed"))


@pytest.mark.parametrize("request_", [
    "How much did Marek quote for the kitchen?", "What's Marek's email address?",  # the benchmark's
    "When is Marek's deposit due?", "Wie viel hat Marek für die Küche verlangt?", "What's the name of Marek's company?",
    "Has Anna paid back the fifty euros yet?", "What did Grandma plant in the garden this year?",
    "Is Tom coming to dinner on Friday?", "Who repaired the washer last time?",
])
def test_a_name_shared_with_a_file_does_not_make_a_question_that_files_request(planner, request_):
    """A word of a recording's or picture's name in a question about something else is no request to
    transcribe or look at that file."""
    plan = planner.plan(request_)
    assert plan.tool not in (TRANSCRIBE, DESCRIBE), (plan.tool, plan.arguments, plan.route.scores if plan.route else None)
    assert plan.reply is None  # nor "I couldn't find a recording like that"


@pytest.mark.parametrize("request_, tool, argument, file", [
    ("Transcribe the memo from Marek.", TRANSCRIBE, "file", "life/memos/marek-callback.wav"),
    ("Play me Marek's callback.", TRANSCRIBE, "file", "life/memos/marek-callback.wav"),
    ("What does Anna say in the interview recording?", TRANSCRIBE, "file", "recordings/anna-interview.m4a"),
    ("transcribe anna-interview.m4a in German", TRANSCRIBE, "file", "recordings/anna-interview.m4a"),
    ("Describe the photo of Grandma's garden.", DESCRIBE, "image", "photos/grandma-garden.jpg"),
    ("What's in tom-birthday.jpg?", DESCRIBE, "image", "photos/tom-birthday.jpg"),
    ("What does the letter from Dr Halvorsen say about the cream?", PDF, "file", "life/docs/letter-dr-halvorsen.pdf"),
])
def test_a_file_asked_for_is_still_the_target(planner, request_, tool, argument, file):
    """Asked for by its name, or described with a word for its kind of file or what is done with it ("the
    memo from Marek", "play", "the photo of ..."): that file, with its tool."""
    plan = planner.plan(request_)
    assert (plan.tool, plan.arguments.get(argument)) == (tool, file), plan.route.scores if plan.route else None


@pytest.mark.parametrize("request_", [
    "¿A qué hora es mi cita con la dermatóloga?",  # the benchmark's
    "What time is my hairdresser appointment?", "When's our flight to Lisbon?", "what day is our book club this month",
    "À quelle heure est mon rendez-vous chez le coiffeur ?", "Quand est mon rendez-vous chez le médecin ?",
    "Um wie viel Uhr ist unser Termin beim Notar?", "Wann ist mein Zahnarzttermin?",
    "A che ora è il mio appuntamento dal medico?", "¿Cuándo es nuestra cena con los vecinos?",
    "At what time does the plumber come on Monday?",
])
def test_when_the_users_own_event_is_is_no_clock_question(planner, request_):
    """"What time is my ...", "when is our ...", "at what time ..." in the languages requests come in: the
    user's notes know, the clock does not."""
    plan = planner.plan(request_)
    assert plan.tool != DATE, plan.route.scores if plan.route else None


@pytest.mark.parametrize("request_", [
    "what time is it", "what's the date today", "how many days until 24 December", "how many days until Christmas",
    "¿Qué hora es?", "Quelle heure est-il à Tokyo ?", "Wie spät ist es?", "what time is it in my home town, Tokyo?",
    "what day of the week was 1 January 2000",
])
def test_the_clock_and_the_calendar_stay_date_times(planner, request_):
    assert planner.plan(request_).tool == DATE


@pytest.mark.parametrize("question", ["¿A qué hora es mi cita con la dermatóloga?",
                                      "À quelle heure est mon rendez-vous ?", "Um wie viel Uhr ist mein Termin?",
                                      "A che ora è il mio appuntamento?", "At what time is the meeting?"])
def test_date_time_never_answers_at_what_time_with_the_clock(question):
    """"At what time is X" asks when X is: the tool cannot know, and says so (the agent then looks it up),
    rather than reading out the clock."""
    with pytest.raises(InputError):
        answer(question, datetime(2026, 3, 5, 9, 5).astimezone())
    clock = answer("¿Qué hora es?", datetime(2026, 3, 5, 9, 5).astimezone())[0]
    assert clock.startswith("It is 9:05 in the morning")


@pytest.mark.parametrize("request_", [
    "how do i find a fiel by its name in the linux terminal",  # the blind set's
    "how can I look up old emails in outlook", "How do I search for a word in a web page?",
    "so how do you find the median of a list in python", "Wie kann ich Dateien unter Linux finden?",
])
def test_a_how_to_question_is_no_search_of_the_users_files(planner, request_):
    """Know-how, not the user's files: the search is not routed to for it (the index probe still sends a
    how-to question that a note answers to the search: test_agent_routed.py)."""
    assert planner.plan(request_).tool != "search_knowledge"


def test_a_search_asked_for_stays_a_search_even_for_how_to(planner):
    plan = planner.plan("Search my notes for how to fix the bike.")
    assert plan.tool == "search_knowledge" and "bike" in plan.arguments["query"]


@pytest.mark.parametrize("request_", ["Thanks. Roughly how many psi is that?",  # the heldout set's
                                      "and in psi?", "what's that in fahrenheit"])
def test_a_follow_up_asking_for_another_tool_does_not_lean_back_to_the_last_one(planner, request_):
    """"How many psi is that?" after a manual's answer is about the answer (a conversion, which needs no look-up
    and which convert_units cannot do without an amount): the manual is not read again for it."""
    subject = Subject(PDF, {"question": "What pressure for touring tyres?", "file": "manuals/espresso-machine.pdf"},
                      "What pressure for touring tyres?", ["manuals/espresso-machine.pdf"])
    assert planner.plan(request_, subject).tool is None
    assert planner.plan("And what about page 2?", subject).tool == PDF  # a follow-up in the last tool's words
    assert planner.plan("Is that the same for road tyres?", subject).tool == PDF  # ... or in no tool's
