"""Requests whose words meet a file's name or the clock's words without asking for them (issue 24): a person
named in a question and in a recording's name ("How much did Marek quote for the kitchen?" beside
recordings/marek-callback.wav), and questions about when the user's own event is ("¿A qué hora es mi cita con
la dermatóloga?"), beside requests that do ask for that file or for the clock. Two of the requests are the
answer benchmark's (bench/answer_cases_blind.py); the rest were written for this set.

The folder is tool_eval.py's, with the files below added (only for this set: the other sets' folder is as it
was). Used by `bench/tool_eval.py --cases targets`.
"""

from __future__ import annotations

from tool_cases import DATE, DESCRIBE, SEARCH, TRANSCRIBE, Case, case

NOTES = {
    "notes/kitchen-marek.md": "# Kitchen renovation\n\nMarek Nowak quoted 7,850 euros for the kitchen, fitting "
                              "included. The deposit of 2,000 euros is due by 14 March.\n",
    "notes/appointments.md": "Dermatologist, Dr Halvorsen: Wednesday 26 March at 8:50.\nHairdresser: Friday 4 April "
                             "at 17:30.\nParents' evening at school: Tuesday 18 March at 18:00.\n",
}
RECORDINGS = {
    "recordings/marek-callback.wav": "Note to self. Marek called back about the kitchen. The tiles are late, they "
                                     "are now coming on the twentieth.",
}
PICTURES = {"photos/grandma-garden.jpg": (70, 140, 60)}  # a plain green picture

CASES: list[Case] = [
    # -- a person in a file's name, a question about something else ----------------------------------------
    case("How much did Marek quote for the kitchen?", SEARCH, query=["marek", "kitchen", "quote"]),
    case("What's Marek's email address?", SEARCH, None),
    case("When is Marek's deposit due?", SEARCH, query=["deposit"]),
    case("Wie viel hat Marek für die Küche verlangt?", SEARCH, style="foreign", query=["marek", "küche"]),
    case("so um, what was the name of Marek's company again", SEARCH, None, style="spoken"),
    case("What did Grandma plant in the garden this year?", SEARCH, None),
    # -- ... and requests that do ask for that file ----------------------------------------------------------
    case("Transcribe the memo from Marek.", TRANSCRIBE, file=["marek-callback"]),
    case("Play me Marek's callback.", TRANSCRIBE, file=["marek-callback"]),
    case("Describe the photo of Grandma's garden.", DESCRIBE, image=["grandma-garden"], honest="failure"),
    # -- when the user's own event is: their notes, not the clock -------------------------------------------
    case("¿A qué hora es mi cita con la dermatóloga?", SEARCH, style="foreign", query=["cita", "dermat"]),
    case("What time is my hairdresser appointment?", SEARCH, query=["hairdresser"]),
    case("À quelle heure est mon rendez-vous chez la dermatologue ?", SEARCH, style="foreign",
         query=["rendez", "dermat"]),
    case("Um wie viel Uhr ist mein Friseurtermin?", SEARCH, style="foreign", query=["friseur"]),
    case("When's our parents' evening?", SEARCH, query=["parents", "evening"]),
    # -- ... and the clock and the calendar -----------------------------------------------------------------
    case("What time is it in Lisbon?", DATE, question=["lisbon"]),
    case("¿Qué hora es?", DATE, style="foreign"),
    case("Quelle heure est-il ?", DATE, style="foreign"),
    case("How many days until 24 December?", DATE, question=["24 december"]),
    case("What's the date today?", DATE),
]
