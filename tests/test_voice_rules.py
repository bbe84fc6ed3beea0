"""The voice loop's rules on a scripted timeline: fake roles, a virtual clock, assertions about *when*.

End of turn and the latency parts, streaming (speech before the reply is complete), barge-in, the
half-duplex echo tail, the push-to-talk flush with its pre-roll, dropping an interrupted turn's work,
the order of typed and spoken turns, and problems that do not stop the loop. No model loads; virtual
seconds pass in microseconds (looptime). The same rules run with real models in test_voice_loop.py.
"""

from __future__ import annotations

import asyncio

import pytest
from voice_fakes import Rig

from assistant.agent import TextDelta
from assistant.audio.frames import FRAME_S
from assistant.voice.events import AgentUpdate, Interrupted, Level, Overheard, Problem, Speaking, TurnFinished, UserSaid

pytestmark = pytest.mark.looptime
FRAME = FRAME_S + 1e-9  # one frame of slack: things happen on frame boundaries


async def test_end_of_turn_and_each_part_of_the_latency(tmp_path):
    rig = Rig(tmp_path, ["Hello", " there."], transcripts=("hi",), stt_s=0.3, first_token_s=0.3,
              each_token_s=0.1, tts_s=0.1)
    script = rig.script().silence(1.0).speech(1.5).silence(4.0)
    [turn] = await rig.run(script)
    assert turn.transcript == "hi" and turn.reply == "Hello there." and turn.spoken == "Hello there."
    latency = turn.latency
    assert latency["endpoint_wait_s"] == pytest.approx(0.5, abs=FRAME)  # the end-of-turn silence
    # recognition started at the 200 ms pause: its 0.3 s were over when the end was confirmed at 500 ms
    assert latency["stt_s"] == pytest.approx(0.0, abs=FRAME) and len(rig.stt.heard) == 1
    assert latency["first_token_s"] == pytest.approx(0.3, abs=1e-6)
    assert latency["first_sentence_s"] == pytest.approx(0.1, abs=1e-6)  # the second delta ends the sentence
    assert latency["tts_first_audio_s"] == pytest.approx(0.1, abs=1e-6)
    assert latency["output_s"] == pytest.approx(0.0, abs=1e-6)  # an idle speaker starts at once
    assert latency["total_s"] == pytest.approx(1.0, abs=2 * FRAME)
    [said] = rig.events.times(UserSaid)
    assert said == pytest.approx(rig.at(1.0 + 1.5 + 0.5), abs=2 * FRAME)  # speech end + silence
    assert rig.events.states() == ["listening", "hearing", "thinking", "speaking", "listening", "stopped"]
    # a level for every frame heard: all but those while the reply played (0.8 s) and the echo tail (0.3 s)
    assert len(rig.events.of(Level)) == pytest.approx((6.5 - 0.8 - 0.3) / FRAME_S, abs=1)


async def test_the_first_sentence_plays_while_the_rest_is_written(tmp_path):
    reply = ["One is first.", " Two comes next.", " Three ends it."]
    rig = Rig(tmp_path, reply, transcripts=("count",), first_token_s=0.2, each_token_s=1.0)
    [turn] = await rig.run(rig.script().silence(0.5).speech(1.0).silence(8.0))
    spoken = rig.events.times(Speaking)
    finished = rig.events.times(TurnFinished)[0]
    assert len(spoken) == 3 and spoken == sorted(spoken)
    # sentence 1 is complete once the next delta shows it ended (1.2 s), spoken at 1.3; the model wrote
    # sentence 3 at 2.2: the first words were heard 0.9 s before the reply was complete
    assert turn.latency["audio_before_reply_done_s"] == pytest.approx(0.9, abs=1e-6)
    assert spoken[0] < finished and turn.spoken == "One is first. Two comes next. Three ends it."


STORY = ["Once upon a time there was a dragon.", " It lived in a cave by the sea.",
         " Every night it counted the stars."]


async def test_barge_in_silences_the_reply_at_once_and_keeps_only_what_was_heard(tmp_path):
    story = STORY
    rig = Rig(tmp_path, story, ["Penguins live in the south."], transcripts=("tell me a story", "stop"),
              barge_in=True, seconds_per_word=0.4, interrupt_after_ms=0)
    playing_for = lambda s: (lambda: (p := rig.player.playback(1).first_audio_at) is not None  # noqa: E731
                             and rig.clock() - p >= s)
    script = rig.script().silence(0.5).speech(1.0).until(playing_for(1.0)).speech(1.0).silence(6.0)
    first, second = await rig.run(script)
    [interrupted] = rig.events.of(Interrupted)
    [when] = rig.events.times(Interrupted)
    playback = rig.player.playback(1)
    # the output went quiet the instant the user's speech was detected: min_speech (250 ms) after its onset
    onset = playback.first_audio_at + 1.0
    assert playback.stopped_at == pytest.approx(onset + 0.25, abs=FRAME) and interrupted.stop_s == 0.0
    assert when == pytest.approx(playback.stopped_at, abs=1e-6)
    # what was heard: 1.25 s of speech at 0.4 s a word = 3 words; nothing played after the stop
    assert interrupted.heard == "Once upon a" == first.spoken
    assert rig.player.recording(1).size / rig.player.sample_rate == pytest.approx(1.25, abs=FRAME)
    assert first.interrupted and not second.interrupted and second.transcript == "stop"
    history = [m["content"] for m in rig.agent.history if m["role"] == "assistant"]
    assert history == ["Once upon a [interrupted by the user]", "Penguins live in the south."]


def playing_for(rig: Rig, seconds: float):
    return lambda: (p := rig.player.playback(1).first_audio_at) is not None and rig.clock() - p >= seconds


async def test_speech_over_the_reply_turns_it_down_at_once_and_stops_it_when_it_goes_on(tmp_path):
    """Barge-in's default: the reply is turned down at the first voiced frame of the user's speech and stopped
    when the speech has gone on for interrupt_after_ms; the interruption is dated from the detection."""
    rig = Rig(tmp_path, STORY, ["It is noon."], transcripts=("tell me a story", "what time is it in Tokyo"),
              barge_in=True, seconds_per_word=0.4, interrupt_after_ms=800)
    ducked: list[bool] = []
    script = (rig.script().silence(0.5).speech(1.0).until(playing_for(rig, 1.0)).speech(0.5)
              .then(lambda: ducked.append(rig.player.ducked)).speech(1.5).silence(6.0))
    first, second = await rig.run(script)
    [interrupted] = rig.events.of(Interrupted)
    playback = rig.player.playback(1)
    onset = playback.first_audio_at + 1.0
    assert ducked == [True] and not rig.player.ducked  # turned down while judged; back up for the next reply
    assert onset < interrupted.detected_at <= onset + 2 * FRAME  # the first whole frame of speech
    assert playback.stopped_at == pytest.approx(onset + 0.8, abs=2 * FRAME)
    assert first.interrupted and second.transcript == "what time is it in Tokyo" and not second.interrupted


@pytest.mark.parametrize("heard,why", [("Mm-hmm.", "an acknowledgement"), ("Yeah, okay.", "an acknowledgement"),
                                       ("", "a cough"), ("there was a dragon", "its own echo")])
async def test_short_speech_over_the_reply_that_asks_nothing_lets_it_go_on(tmp_path, heard, why):
    rig = Rig(tmp_path, STORY, transcripts=("tell me a story", heard), barge_in=True, seconds_per_word=0.4)
    script = rig.script().silence(0.5).speech(1.0).until(playing_for(rig, 3.0)).speech(0.4).silence(12.0)
    [turn] = await rig.run(script)
    assert not rig.events.of(Interrupted) and not turn.interrupted, why
    [overheard] = rig.events.of(Overheard)
    assert overheard.text == heard and why.endswith(overheard.why.replace("nothing", "cough"))
    assert turn.spoken == "".join(STORY).strip() and not rig.player.ducked
    assert len(rig.stt.heard) == 2  # it was heard, and judged by its words


async def test_the_replys_own_echo_that_stopped_it_is_no_turn(tmp_path):
    """An echo the canceller left, long enough to stop the reply, is recognised as the reply's own words: it is
    not answered."""
    rig = Rig(tmp_path, STORY, ["Unused."], transcripts=("tell me a story", "once upon a time there was a dragon"),
              barge_in=True, seconds_per_word=0.4)
    script = rig.script().silence(0.5).speech(1.0).until(playing_for(rig, 3.5)).speech(1.5).silence(6.0)
    [turn] = await rig.run(script)
    assert turn.interrupted and len(rig.events.of(Interrupted)) == 1
    assert len(rig.stt.heard) == 2 and not rig.events.of(UserSaid)[1:]  # heard, and not answered


async def test_words_of_the_last_reply_said_while_nothing_plays_are_no_echo(tmp_path):
    """The user asks again, in the last reply's words, while the next answer is still being thought of (a turn
    active, the speaker silent): it stops that turn and is answered; an echo needs the speaker playing."""
    rig = Rig(tmp_path, ["Once upon a time there was a dragon."], ["Unused."], ["There was a dragon."],
              transcripts=("tell me a story", "and then", "once upon a time there was a dragon"), barge_in=True,
              seconds_per_word=0.2, first_token_s=4.0)
    finished = lambda: bool(rig.events.of(TurnFinished))  # noqa: E731
    script = (rig.script().silence(0.5).speech(1.0).until(finished).silence(1.0).speech(1.0).silence(1.0)
              .speech(1.5).silence(12.0))
    turns = await rig.run(script)
    assert [t.transcript for t in turns] == ["tell me a story", "and then", "once upon a time there was a dragon"]
    assert turns[1].interrupted and not rig.events.of(Overheard)


async def test_the_silence_after_a_short_acknowledgement_is_no_speech_that_stops_the_reply(tmp_path):
    """0.6 s of "yeah", then the end of the turn waited for (500 ms): 0.35 s of speech after its detection, though
    0.85 s of time; the reply goes on."""
    rig = Rig(tmp_path, STORY, transcripts=("tell me a story", "Yeah."), barge_in=True, seconds_per_word=0.4,
              interrupt_after_ms=800)
    script = rig.script().silence(0.5).speech(1.0).until(playing_for(rig, 2.0)).speech(0.6).silence(12.0)
    [turn] = await rig.run(script)
    assert not rig.events.of(Interrupted) and not turn.interrupted and len(rig.stt.heard) == 2


@pytest.mark.parametrize("heard", ["Stop.", "No, wait.", "Hold on"])
async def test_short_speech_that_asks_to_stop_stops_the_reply_and_is_not_answered(tmp_path, heard):
    """"Stop" over a reply stops it; the assistant goes quiet and listens (nothing to answer)."""
    rig = Rig(tmp_path, STORY, ["Okay."], transcripts=("tell me a story", heard), barge_in=True,
              seconds_per_word=0.4)
    script = rig.script().silence(0.5).speech(1.0).until(playing_for(rig, 3.0)).speech(0.4).silence(8.0)
    [first] = await rig.run(script)
    [interrupted] = rig.events.of(Interrupted)
    assert first.interrupted and len(rig.stt.heard) == 2 and not rig.events.of(UserSaid)[1:]
    assert [(o.text, o.why, o.generation) for o in rig.events.of(Overheard)] == [(heard, "stop", 1)]
    assert interrupted.heard == first.spoken and len(first.spoken.split()) < len("".join(STORY).split())


async def test_wait_then_a_question_over_the_reply_stops_it_and_answers_the_question(tmp_path):
    """"Wait," (a pause) "what is a dragon?": the first words stop the reply unanswered, the question is the turn."""
    rig = Rig(tmp_path, STORY, ["A big lizard."], transcripts=("tell me a story", "Wait.", "What is a dragon?"),
              barge_in=True, seconds_per_word=0.4)
    script = (rig.script().silence(0.5).speech(1.0).until(playing_for(rig, 3.0)).speech(0.4).silence(0.8)
              .speech(1.2).silence(6.0))
    first, second = await rig.run(script)
    assert first.interrupted and len(rig.events.of(Interrupted)) == 1
    assert second.transcript == "What is a dragon?" and second.spoken == "A big lizard." and not second.interrupted


async def test_a_question_after_an_acknowledgement_waiting_for_its_words_still_stops_the_reply(tmp_path):
    """"Mm-hmm." (its words not recognised yet) then "What about Mars?": two pieces of speech over the reply, each
    judged by its own words; the reply stays down between them, the question stops it and is answered."""
    rig = Rig(tmp_path, STORY, ["Mars is red."], transcripts=("tell me a story", "Mm-hmm.", "What about Mars?"),
              barge_in=True, seconds_per_word=0.4, stt_s=1.5)
    ducked: list[bool] = []
    script = (rig.script().silence(0.5).speech(1.0).until(playing_for(rig, 2.0)).speech(0.4).silence(0.7)
              .then(lambda: ducked.append(rig.player.ducked)).speech(0.6).silence(8.0))
    first, second = await rig.run(script)
    assert ducked == [True] and first.interrupted and len(rig.events.of(Interrupted)) == 1
    assert [(o.text, o.why) for o in rig.events.of(Overheard)] == [("Mm-hmm.", "acknowledgement")]
    assert second.transcript == "What about Mars?" and second.spoken == "Mars is red."


async def test_a_short_question_over_the_reply_stops_it_and_is_answered(tmp_path):
    rig = Rig(tmp_path, STORY, ["Noon."], transcripts=("tell me a story", "What time?"), barge_in=True,
              seconds_per_word=0.4)
    script = rig.script().silence(0.5).speech(1.0).until(playing_for(rig, 3.0)).speech(0.4).silence(8.0)
    first, second = await rig.run(script)
    assert first.interrupted and second.transcript == "What time?" and second.spoken == "Noon."


async def test_a_click_over_the_reply_turns_it_down_for_a_moment_only(tmp_path):
    """A voiced burst shorter than min_speech_ms (a click, a breath) ducks the reply at its first frame and turns
    it back up when it ends; nothing is recognised and the reply plays to its end."""
    rig = Rig(tmp_path, STORY, transcripts=("tell me a story",), barge_in=True, seconds_per_word=0.4)
    ducked: list[bool] = []
    script = (rig.script().silence(0.5).speech(1.0).until(playing_for(rig, 2.0)).speech(0.1)
              .then(lambda: ducked.append(rig.player.ducked)).silence(0.3)
              .then(lambda: ducked.append(rig.player.ducked)).silence(12.0))
    [turn] = await rig.run(script)
    assert ducked == [True, False] and not rig.events.of(Interrupted) and not turn.interrupted
    assert turn.spoken == "".join(STORY).strip() and len(rig.stt.heard) == 1


async def test_half_duplex_ignores_the_echo_and_the_tail_then_listens(tmp_path):
    rig = Rig(tmp_path, ["Cats nap a lot."], ["Everest."], transcripts=("cats", "tallest mountain"),
              barge_in=False, echo_tail_ms=300)
    finished = lambda: bool(rig.events.of(TurnFinished))  # noqa: E731
    script = (rig.script().silence(0.5).speech(1.0)
              .until(rig.player.busy).speech(1.0)  # its own voice, while it speaks: not a turn
              .until(finished).speech(0.2)  # still inside the 300 ms echo tail
              .silence(1.0).speech(1.0).silence(2.0))
    turns = await rig.run(script)
    assert [t.transcript for t in turns] == ["cats", "tallest mountain"] and not rig.events.of(Interrupted)
    assert len(rig.stt.heard) == 2  # the echo and the tail burst never reached speech recognition
    ended = rig.player.playback(1).finished_at
    heard_again = [t for t in rig.events.times(Level) if t > ended][0]
    assert heard_again == pytest.approx(ended + 0.3, abs=FRAME)  # the microphone reopens after the tail


async def test_push_to_talk_release_ends_the_turn_at_once_keeping_the_pre_roll(tmp_path):
    rig = Rig(tmp_path, ["Sure."], transcripts=("set a timer",), stt_s=0.3)
    rig.loop.set_listening(False, end_turn=False)  # push-to-talk: closed until the key
    script = (rig.script().silence(0.5).speech(0.2)  # speaking starts a moment before the key
              .then(lambda: rig.loop.set_listening(True)).speech(1.0)
              .then(lambda: rig.loop.set_listening(False, end_turn=True)).silence(3.0))
    [turn] = await rig.run(script)
    [said] = rig.events.times(UserSaid)
    assert said == pytest.approx(rig.at(0.5 + 0.2 + 1.0 + 0.3), abs=FRAME)  # no end-of-turn silence waited
    assert rig.stt.heard[0] >= 1.2  # the 200 ms before the key were kept (pre-roll)
    assert turn.latency["endpoint_wait_s"] == pytest.approx(0.0, abs=FRAME)
    assert rig.events.states()[-2:] == ["muted", "stopped"]


async def test_an_interrupted_turn_never_speaks_and_its_late_events_are_dropped(tmp_path):
    rig = Rig(tmp_path, ["This reply comes far too late."], ["Here is the new answer."],
              transcripts=("first question", "second question"), barge_in=True, first_token_s=2.0)
    script = rig.script().silence(0.5).speech(1.0).silence(1.0).speech(1.0).silence(6.0)
    first, second = await rig.run(script)
    assert first.interrupted and first.spoken == ""  # interrupted before its first token
    assert rig.player.playback(1).sentences == []  # nothing of it was ever queued
    assert not [e for e in rig.events.of(AgentUpdate) if e.generation == 1]
    assert second.reply == "Here is the new answer." and not second.interrupted
    assert rig.agent.history[1]["content"] == "[interrupted by the user]"


async def test_escape_stops_the_reply_like_barge_in(tmp_path):
    rig = Rig(tmp_path, ["A long answer with many words in it."], transcripts=("go on",), seconds_per_word=0.5)
    playing = lambda: rig.player.busy()  # noqa: E731
    script = rig.script().silence(0.5).speech(1.0).until(playing).silence(1.1).then(rig.loop.interrupt).silence(2.0)
    [turn] = await rig.run(script)
    [interrupted] = rig.events.of(Interrupted)
    playback = rig.player.playback(1)
    assert turn.interrupted and interrupted.heard == turn.spoken == "A long"  # 1.1 s of audio at 0.5 s a word
    assert playback.stopped_at - playback.first_audio_at == pytest.approx(1.1, abs=FRAME)


async def test_turns_are_answered_in_the_order_they_arrive_typed_or_spoken(tmp_path):
    rig = Rig(tmp_path, ["Typed answer."], ["Spoken answer."], transcripts=("spoken question",), stt_s=0.5)
    # the spoken question ends at 1.5, is detected at 2.0 and transcribed by 2.5; the typed one comes at 2.2
    script = (rig.script().silence(0.5).speech(1.0).silence(0.7)
              .then(lambda: rig.loop.say_text("typed question")).silence(6.0))
    turns = await rig.run(script)
    assert [(t.transcript, t.typed) for t in turns] == [("typed question", True), ("spoken question", False)]
    said = rig.events.times(UserSaid)
    done = rig.events.times(TurnFinished)
    assert said[0] == pytest.approx(rig.at(2.2), abs=FRAME) and said[1] >= done[0]  # one turn at a time
    assert [t.reply for t in turns] == ["Typed answer.", "Spoken answer."]


async def test_problems_are_reported_and_the_loop_keeps_listening(tmp_path):
    rig = Rig(tmp_path, ["Fine."], transcripts=("", "are you there"))
    calls = {"n": 0}
    transcribe = rig.stt.transcribe

    def failing_once(audio, language=None, utterance=False):
        calls["n"] += 1
        if calls["n"] == 1:
            raise RuntimeError("decoder exploded\nwith a long trace")
        return transcribe(audio, language, utterance)

    rig.stt.transcribe = failing_once  # type: ignore[method-assign]
    script = rig.script().silence(0.5).speech(1.0).silence(1.0).speech(0.6).silence(1.0).speech(1.0).silence(3.0)
    [turn] = await rig.run(script)  # a failure, then a cough (no words), then a question
    [problem] = rig.events.of(Problem)
    assert problem.message == "speech recognition failed: decoder exploded"
    assert turn.transcript == "are you there" and turn.generation == 1


async def test_text_deltas_are_shown_as_they_stream(tmp_path):
    rig = Rig(tmp_path, ["Alpha", " beta", " gamma."], transcripts=("q",), first_token_s=0.3, each_token_s=0.4)
    await rig.run(rig.script().silence(0.5).speech(1.0).silence(4.0))
    shown = [(t, e.event.text) for t, e in rig.events.log if isinstance(e, AgentUpdate)
             and isinstance(e.event, TextDelta)]
    assert [text for _, text in shown] == ["Alpha", " beta", " gamma."]
    gaps = [b - a for (a, _), (b, _) in zip(shown, shown[1:])]
    assert gaps == pytest.approx([0.4, 0.4], abs=1e-6)


async def test_waiting_for_idle_ends_when_the_interrupted_turn_has_written_its_history(tmp_path):
    rig = Rig(tmp_path, ["A reply long enough to be cut short by the user."], transcripts=("question",))
    seen: dict = {}

    async def settle():
        rig.loop.interrupt()
        seen["idle"] = await rig.loop.until_idle(timeout=10)
        seen["at"] = rig.clock()
        seen["last message"] = rig.agent.history[-1]["content"]

    tasks: list = []
    script = (rig.script().silence(0.5).speech(1.0).until(rig.player.busy).silence(0.5)
              .then(lambda: tasks.append(asyncio.ensure_future(settle()))).silence(2.0))
    [turn] = await rig.run(script)
    await asyncio.gather(*tasks)
    assert turn.interrupted and seen["idle"] is True
    assert seen["last message"].endswith("[interrupted by the user]")  # written before the wait ended
    assert seen["at"] >= rig.events.times(TurnFinished)[0]


async def test_first_token_is_the_models_even_when_its_text_is_held_back(tmp_path):
    """A reply that opens like a tool call is held back until it is known; the latency still counts the
    model's first token, and the wait for the rest goes into the first sentence."""
    rig = Rig(tmp_path, ['{"note":', ' 1}', " That was data."], transcripts=("q",), first_token_s=0.3,
              each_token_s=1.0)
    [turn] = await rig.run(rig.script().silence(0.5).speech(1.0).silence(5.0))
    assert turn.latency["first_token_s"] == pytest.approx(0.3, abs=1e-6)
    assert turn.latency["first_sentence_s"] == pytest.approx(2.0, abs=1e-6)  # held until the reply ended


async def test_recognition_starts_on_a_pause_and_finishes_after_the_end(tmp_path):
    rig = Rig(tmp_path, ["Sure."], transcripts=("a question",), stt_s=0.7)
    [turn] = await rig.run(rig.script().silence(0.5).speech(1.0).silence(3.0))
    # started 200 ms into the silence, done 700 ms later: 400 ms after the 500 ms end, instead of 700
    assert turn.latency["stt_s"] == pytest.approx(0.4, abs=FRAME) and len(rig.stt.heard) == 1


async def test_early_recognition_is_dropped_when_the_speaker_goes_on(tmp_path):
    rig = Rig(tmp_path, ["Sure."], transcripts=("what I said before the pause", "the whole question"), stt_s=0.3)
    script = rig.script().silence(0.5).speech(1.0).silence(0.3).speech(1.0).silence(3.0)  # a 300 ms pause
    [turn] = await rig.run(script)
    assert turn.transcript == "the whole question"  # the early result, for half the turn, was not used
    assert len(rig.stt.heard) == 2 and rig.stt.heard[1] > rig.stt.heard[0] + 1.0


@pytest.mark.parametrize("setting, expected", [(None, ["en", "en"]), ("auto", [None, "en"]), ("de", ["de", "de"])])
async def test_the_language_is_the_voices_or_detected_once(tmp_path, setting, expected):
    """Whisper is told the voice's language (answers are spoken in it) or the one set; with "auto" it detects
    it once: the early recognition dropped at the pause already found it, the turn's own is told."""
    rig = Rig(tmp_path, ["Sure."], transcripts=("what I said", "the whole question"), language=setting)
    [turn] = await rig.run(rig.script().silence(0.5).speech(1.0).silence(0.3).speech(1.0).silence(3.0))
    assert turn.transcript == "the whole question" and rig.stt.languages == expected


class Verdict:
    """A scripted end-of-turn model: the probability it gives every pause."""

    def __init__(self, finished: float):
        self.finished, self.asked = finished, 0

    def complete(self, samples) -> float:
        self.asked += 1
        return self.finished


@pytest.mark.parametrize("finished, wait, asked", [(0.97, 0.2, 1), (0.8, 0.5, 2), (0.1, 1.5, 2)])
async def test_smart_turn_ends_a_finished_turn_at_the_pause_and_waits_for_an_unfinished_one(tmp_path, finished,
                                                                                           wait, asked):
    """Surely finished: the turn ends at the 200 ms pause; likely finished: at 500 ms; else after 1.5 s."""
    rig = Rig(tmp_path, ["Sure."], transcripts=("question",), turn_end=Verdict(finished))
    [turn] = await rig.run(rig.script().silence(0.5).speech(1.0).silence(3.0))
    assert turn.latency["endpoint_wait_s"] == pytest.approx(wait, abs=FRAME)
    assert rig.loop.endpointer.turn_model.asked == asked


async def test_an_unfinished_turn_goes_on_when_the_speaker_does(tmp_path):
    rig = Rig(tmp_path, ["Sure."], transcripts=("half", "the whole thing"), turn_end=Verdict(0.1))
    script = rig.script().silence(0.5).speech(1.0).silence(1.0).speech(1.0).silence(3.0)  # 1 s < 1.5 s
    [turn] = await rig.run(script)
    assert turn.transcript == "the whole thing" and rig.loop.endpointer.turn_model.asked == 4  # 2 per pause


async def test_the_reply_begun_on_the_pause_is_kept_when_the_turn_ends_there(tmp_path):
    """Preemptive generation: an unfinished-sounding pause (1.5 s to confirm) is spent answering; the answer is
    spoken as soon as the end is confirmed, from the one model call begun on the words heard at the pause."""
    rig = Rig(tmp_path, ["Paris", " is the capital."], transcripts=("what is the capital of france",), stt_s=0.1,
              turn_end=Verdict(0.1))
    [turn] = await rig.run(rig.script().silence(0.5).speech(1.0).silence(3.0))
    assert len(rig.chat.prompts) == 1 and rig.chat.prompts[0][-1]["content"] == "what is the capital of france"
    assert turn.reply == "Paris is the capital." and turn.generation == 1
    # the end is confirmed 1.5 s into the silence; then only Piper's 0.1 s (instead of STT + model + Piper)
    assert turn.latency["endpoint_wait_s"] == pytest.approx(1.5, abs=FRAME)
    assert turn.latency["total_s"] == pytest.approx(1.6, abs=2 * FRAME)
    [said_at] = rig.events.times(UserSaid)  # nothing of it was shown before the turn was confirmed
    assert said_at >= rig.at(0.5 + 1.0 + 1.5) - FRAME
    assert rig.events.times(AgentUpdate)[0] >= said_at


async def test_a_reply_begun_on_a_pause_is_thrown_away_when_the_speaker_goes_on(tmp_path):
    rig = Rig(tmp_path, ["Sure", " thing."], ["The whole answer."], transcripts=("half", "the whole thing"),
              stt_s=0.1, turn_end=Verdict(0.1))
    script = rig.script().silence(0.5).speech(1.0).silence(1.0).speech(1.0).silence(3.0)  # 1 s < 1.5 s
    [turn] = await rig.run(script)
    first, second = rig.chat.prompts  # the tentative reply's call, then the turn's
    assert first[-1]["content"] == "half" and second[-1]["content"] == "the whole thing"
    assert all(m["content"] != "half" for m in second)  # the conversation was given back
    assert turn.transcript == "the whole thing" and turn.reply == "The whole answer." and turn.generation == 1
    assert [e.text for e in rig.events.of(UserSaid)] == ["the whole thing"]
    assert [m["content"] for m in rig.agent.history] == ["the whole thing", "The whole answer."]


async def test_a_reply_begun_on_a_pause_runs_no_tool_before_the_turn_is_confirmed(tmp_path):
    from assistant.contracts import ToolResult
    from assistant.tools.registry import Tool

    rig = Rig(tmp_path, ['<tool_call>{"name": "note", "arguments": {}}</tool_call>'], ["Noted."],
              transcripts=("note this",), stt_s=0.1, turn_end=Verdict(0.1))
    ran_at: list[float] = []
    rig.agent.tools = {"note": Tool("note", "Take a note.", lambda ctx: ran_at.append(rig.clock()) or ToolResult("ok"))}
    [turn] = await rig.run(rig.script().silence(0.5).speech(1.0).silence(3.0))
    assert [c["name"] for c in turn.tool_calls] == ["note"] and turn.reply == "Noted."
    [at] = ran_at
    assert at >= rig.at(0.5 + 1.0 + 1.5) - FRAME  # the call was written at the pause, run once confirmed


async def test_no_reply_is_begun_on_words_the_speaker_went_on_from(tmp_path):
    rig = Rig(tmp_path, ["Sure."], transcripts=("half", "the whole thing"), stt_s=0.1, turn_end=Verdict(0.1))
    # the speaker goes on 250 ms into the pause, before the recognition started at 200 ms is done
    script = rig.script().silence(0.5).speech(1.0).silence(0.25).speech(1.0).silence(3.0)
    await rig.run(script)
    assert [p[-1]["content"] for p in rig.chat.prompts] == ["the whole thing"]


async def test_a_long_reply_is_synthesised_as_it_is_heard_not_all_at_once(tmp_path):
    from assistant.voice.speaking import MAX_QUEUED_AUDIO_S

    sentence = " One two three four five six seven eight nine ten."  # 4 s of speech each
    rig = Rig(tmp_path, [sentence] * 15, transcripts=("talk",), each_token_s=0.01)
    queued: list[float] = []
    speaking = rig.loop.on_event

    def watch(event):
        if isinstance(event, Speaking):
            queued.append(rig.player.remaining_s())
        speaking(event)

    rig.loop.on_event = watch
    [turn] = await rig.run(rig.script().silence(0.5).speech(1.0).silence(70.0))
    assert len(queued) == 15 and turn.spoken == turn.reply  # every sentence spoken, in full
    # never more than the bound (and the sentence just added) waiting to play: the queue stays bounded
    assert max(queued) <= MAX_QUEUED_AUDIO_S + 4.0 + FRAME
    assert max(queued) > MAX_QUEUED_AUDIO_S - 4.0  # (it did fill up to it)


async def test_a_speaker_that_never_plays_is_reported_and_its_queue_dropped(tmp_path):
    rig = Rig(tmp_path, ["A short reply."], ["Another one."], transcripts=("first", "second"))
    rig.player._advance = lambda: None  # type: ignore[method-assign]  # the device takes no audio
    script = rig.script().silence(0.5).speech(1.0).silence(9.0).speech(1.0).silence(9.0)
    first, second = await rig.run(script)
    problems = rig.events.of(Problem)
    assert [p.generation for p in problems] == [1, 2] and "speaker is not playing" in problems[0].message
    assert second.transcript == "second"  # the microphone was given back: the next turn was heard
    assert not rig.player.busy()  # nothing left piling up
