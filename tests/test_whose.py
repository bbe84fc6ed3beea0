"""Whose world a question is about, judged by what the user's notes and recordings speak of (a real catalog on
disk): a name typed in lower case, "the" thing the notes speak of, and not the world's questions that share a word
with them."""

from __future__ import annotations

import pytest

from assistant.grounding.whose import (about_their_world, asked_abroad_of_their_files, names_someone_in_the_files,
                                      the_thing_in_the_files)
from assistant.knowledge.catalog import Catalog, ContentRow, FileRow

NOTES = {
    "flat.md": "# New flat\n\nCaretaker: Mr Szabo, 0160 7723 118\nRent from 1 July: 965 EUR/month",
    "italian.md": "Italian course with Chiara Russo, Wednesdays 18:30, room 3.08.",
    "camera.md": "The camera showed Bruno barking 4x, longest 6 minutes.",
    "brewery.txt": "Zwickel: the brewery wants the final files for the labels by 1 October.",
    "week.md": "# Week Away\n\nDinner: Pasta. We watched the moon from the train, at light speed.",
}


@pytest.fixture
def counts(tmp_path):
    catalog = Catalog(tmp_path / "catalog.sqlite")
    for n, (name, text) in enumerate(NOTES.items()):
        sha = f"{n:064x}"
        catalog.commit_content(ContentRow(sha, "text", None, {}, 1, 0, None, None), [(f"{sha}:0", None, None, text)],
                               FileRow(name, sha, len(text), 0))
    manual = f"{99:064x}"  # a manual that speaks of rivers and France: no sign of the user's world
    text = "The longest river in France flows past the Capital. Rivers and the sea."
    catalog.commit_content(ContentRow(manual, "pdf", 1, {}, 1, 0, None, None), [(f"{manual}:0", 1, None, text)],
                           FileRow("atlas.pdf", manual, len(text), 0))
    yield catalog.document_counts
    catalog.close()


@pytest.mark.parametrize("question", [
    "whats chiaras email address", "how much does bruno weigh", "What did Szabo say?",
])
def test_a_name_the_notes_write_however_it_is_typed(counts, question):
    assert names_someone_in_the_files(question, counts) and about_their_world(question, counts)


@pytest.mark.parametrize("question", ["how much does brunno weigh", "what did szabbo say about the rent?"])
def test_a_name_typed_or_heard_one_letter_wrong(counts, question):
    assert names_someone_in_the_files(question, counts) and about_their_world(question, counts)


@pytest.mark.parametrize("question", [
    "whats the caretakers numbr at the new bulding", "When does the brewery need the final files?",
    "how many labels does the brewery want, going by the latest files?",  # "the latest", "the current": theirs
    "What's the current rent?",
])
def test_the_thing_the_notes_speak_of(counts, question):
    assert the_thing_in_the_files(question, counts) and about_their_world(question, counts)


@pytest.mark.parametrize("question", [
    "What is the longest river in France?",  # "longest" is in a note, but the question is about a river
    "What day of the week is 1 October 2025?",  # a month is no one's name
    "What's a good way to learn Italian vocabulary?",  # know-how
    "Write a poem about the camera",  # asks for nothing to be looked up
    # a word a note holds in a heading, a label's value or plain prose is no name, and "the moon" no thing of theirs
    "How is pasta made?", "What is the speed of light?", "How far away is the moon?", "When was the train invented?",
    "what is the capital of france", "How much did Microsoft pay for LinkedIn?", "Can you surprise me with a fact?",
    "What is a brewer?",  # one letter from "brewery", which the notes write in lower case: no name
])
def test_the_world_s_questions_are_not(counts, question):
    assert not about_their_world(question, counts)


@pytest.mark.parametrize("asked, english, theirs", [
    # a date or an amount asked in another language, of what the notes speak of (however loosely translated)
    ("Wann braucht die Brauerei die Etiketten?", "When does the brewery need the labels?", True),
    ("Combien coûte le loyer du nouvel appartement ?", "How much is the rent of the new apartment?", True),
    ("Wann ist die Übergabe der alten Wohnung?", "What is the old apartment?", True),  # "the old ...": theirs
    ("À quelle heure doit-on partir le dernier jour ?", "What time do we leave on the last day?", True),
    ("Wie hoch ist der Mount Everest?", "How high is Mount Everest?", False),  # the world's
    ("Wer hat die Brauerei gegründet?", "Who founded the brewery?", False),  # no date, number or amount asked
])
def test_a_question_in_another_language_asking_a_date_or_amount_of_what_the_notes_speak_of(counts, asked, english,
                                                                                            theirs):
    assert asked_abroad_of_their_files(asked, english, counts) is theirs
