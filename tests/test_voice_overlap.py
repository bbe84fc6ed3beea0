"""What short speech over a reply means (assistant/voice/overlap.py): a listener's acknowledgement, the reply's
own echo, or a request to stop. The timeline behaviour is in test_voice_rules.py."""

from __future__ import annotations

import pytest

from assistant.voice.overlap import lets_it_go_on

SAID = "The capital of France is Paris. It has been the capital since the tenth century and"


@pytest.mark.parametrize("heard,why", [
    ("Mm-hmm.", "acknowledgement"), ("yeah yeah", "acknowledgement"), ("Okay.", "acknowledgement"),
    ("Right, I see.", "acknowledgement"), ("Ouais, d'accord.", "acknowledgement"), ("Ja, genau.", "acknowledgement"),
    ("", "nothing"), ("  ", "nothing"),
    ("the capital since the tenth century", "echo"), ("Capital of France.", "echo"),
])
def test_what_lets_the_reply_go_on(heard, why):
    assert lets_it_go_on(heard, SAID) == why


@pytest.mark.parametrize("heard", ["Stop.", "No.", "Wait, what?", "Okay, stop.", "Hold on.", "What about Germany?",
                                   "Sure, but what about Spain?", "Hmm?", "No, the capital of France",
                                   "Tell me about Paris instead"])
def test_what_stops_it(heard):
    assert lets_it_go_on(heard, SAID) is None


def test_a_follow_up_in_the_replys_words_is_no_echo():
    assert lets_it_go_on("What is the capital of Germany?", "The capital of France is Paris.") is None
    assert lets_it_go_on("The capital of Frances Paris", "The capital of France is Paris.") == "echo"  # misheard


def test_an_echo_is_only_what_was_said_last():
    assert lets_it_go_on("Paris is lovely in spring", SAID) is None  # one word of it: the user's own words
    assert lets_it_go_on("the capital of", "") is None  # nothing said yet: no echo


@pytest.mark.parametrize("heard,logprob,why", [
    ("Have a mom.", -1.07, "unsure"), ("I don't.", -1.13, "unsure"),  # a hum Whisper guessed words for
    ("Tell me more.", -0.16, None), ("Next one.", -0.97, None),  # short requests it was sure of
    ("Stop it.", -1.5, None),  # unsure, but a word that stops: it stops
    ("Mm-hmm.", -2.0, "acknowledgement"),
])
def test_words_recognition_was_unsure_of_do_not_stop_the_reply(heard, logprob, why):
    assert lets_it_go_on(heard, SAID, logprob) == why


@pytest.mark.parametrize("heard,only", [("Stop.", True), ("No, wait.", True), ("Hold on a second.", True),
                                        ("Stop it please", True), ("Sorry?", False), ("Wait, what?", False),
                                        ("Stop talking about Paris", False), ("No, the other one", False)])
def test_only_stop_words_stop_a_reply_unanswered(heard, only):
    from assistant.voice.overlap import stop_only

    assert stop_only(heard) is only
