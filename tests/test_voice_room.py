"""`assistant voice` as a user starts it, with its defaults (echo cancellation, barge-in), on open speakers: the
virtual sound card's simulated room, where the microphone hears the speaker 30 ms late at full level
(tests/virtual_sound.py). The user's question, at the echo's level, stops a long reply and is answered; nothing
else stops it. The same at scale, with acknowledgements and numbers, is bench/duplex.py."""

from __future__ import annotations

import pytest

import virtual_sound
from speech import wer
from test_voice_devices import speak  # noqa: F401 (a fixture)
from test_voice_devices import Voice, ask, listening_voice, wait_playing, wait_quiet
from virtual_sound import Room, VirtualSoundCard

pytestmark = pytest.mark.slow


@pytest.fixture
def room_card(tmp_path):
    virtual_sound.require()
    card = VirtualSoundCard(tmp_path / "sound", room=Room(gain_db=0.0, delay_ms=30.0)).start()
    yield card
    for voice in Voice.started:
        if voice.process.poll() is None:
            voice.process.kill()
            voice.process.wait(10)
    Voice.started.clear()
    card.close()


# Tries of the scenario below, one of which must pass whole: the question is heard over the echo four times in five
# (issue 25, bench/duplex.py: detection within 500 ms 16/20), so one try fails now and then ("Italy" heard as
# "Emily", or the cut missed); every try's failure is reported.
TRIES = 3


def test_a_question_over_a_long_reply_on_open_speakers_stops_it_and_is_answered(room_card, tmp_path, speak):
    failures = []
    for attempt in range(TRIES):
        try:
            _a_question_over_a_long_reply(room_card, tmp_path / f"try{attempt}", speak)
            return
        except (AssertionError, ValueError) as failed:  # (ValueError: not exactly one interruption)
            failures.append(f"try {attempt + 1}: {failed}")
            for voice in Voice.started:  # (a try that failed before its voice was stopped)
                if voice.process.poll() is None:
                    voice.process.kill()
                    voice.process.wait(10)
            wait_quiet(room_card, quiet_s=2.0, timeout=60)
    raise AssertionError("\n".join(failures))


def _a_question_over_a_long_reply(room_card, tmp_path, speak):
    tmp_path.mkdir(parents=True, exist_ok=True)
    card = room_card
    voice = listening_voice(card, tmp_path)
    asked = ask(card, speak("Tell me about the planets of the solar system."))
    wait_playing(card, after=asked, seconds=3.0, timeout=120)
    question = "What is the capital of Italy?"
    said, started = card.say(speak(question))
    assert said.wait(30)
    wait_quiet(card, quiet_s=5.0, timeout=120)
    record, _ = voice.stop()

    echo = record["echo_cancellation"]
    assert echo is not None and echo["echo_heard"] and echo["erle_all_db"] is not None
    [cut] = record["interruptions"]  # the question's, and no other: the reply never stopped itself
    assert started[0] - 0.2 <= cut["detected_at"] <= started[0] + 1.5, (cut, started)
    first, *later = record["turns"]
    assert first["interrupted"] and cut["generation"] == first["generation"]
    assert later and wer(question, later[0]["transcript"]) <= 0.34, later[0]["transcript"]
    assert "rome" in later[0]["reply"].lower() and not later[0]["interrupted"]
    assert record["problems"] == []
