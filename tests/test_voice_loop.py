"""The whole voice loop with the real embedded models: speech in -> VAD -> Whisper -> agent -> Piper -> out.

Speech comes from files (espeak-ng and Piper voices, with silence around it); "live" tests feed it in real
time on a scripted timeline that reacts to what the loop does (e.g. speak again once the reply is playing).
"""

from __future__ import annotations

import asyncio
import json
import time
from dataclasses import replace

import numpy as np
import pytest
import voice_script
from speech import espeak_wav, pad_with_silence, wer
from voice_script import Timeline

from assistant.audio.io import SAMPLE_RATE, read_audio, resample, write_wav
from assistant.audio.player import InstantPlayer, SimulatedSpeaker
from assistant.audio.sources import file_frames
from assistant.config import load_settings
from assistant.runtime import Runtime
from assistant.runtime import LATENCY_FILE
from assistant.voice.events import Interrupted, StateChanged, TurnFinished
from assistant.voice.latency import PARTS
from assistant.voice.sentences import speakable, split_sentences

pytestmark = pytest.mark.slow
SR = SAMPLE_RATE


@pytest.fixture(scope="module")
def runtime(manager, tmp_path_factory):
    root = tmp_path_factory.mktemp("voice-knowledge")
    (root / "birds.md").write_text("# Birds\n\nEmperor penguins huddle together through the Antarctic winter.\n")
    (root / "bread.md").write_text("Bake the sourdough bread at 230 degrees for forty minutes.\n")
    settings = load_settings(knowledge_dir=root, data_dir=tmp_path_factory.mktemp("voice-data"))
    runtime = Runtime(settings, manager)
    runtime.knowledge.index()
    return runtime


@pytest.fixture(scope="module")
def piper_speech(runtime):
    """Text -> 16 kHz float32 speech in the Piper voice (a second voice beside espeak-ng)."""
    return voice_script.piper_speech(runtime.manager)


def espeak(text: str, tmp_path) -> np.ndarray:
    return read_audio(espeak_wav(text, tmp_path / f"{abs(hash(text))}.wav"))


class Recorder:
    """on_event for the loop: every event with the time it arrived."""

    def __init__(self):
        self.events: list[tuple[float, object]] = []

    def __call__(self, event) -> None:
        self.events.append((time.perf_counter(), event))

    def of(self, kind) -> list:
        return [e for _, e in self.events if isinstance(e, kind)]

    def when(self, predicate) -> list[float]:
        return [t for t, e in self.events if predicate(e)]


def run_loop(loop, frames, paced: bool):
    return asyncio.run(loop.run(frames, paced=paced))


def test_spoken_questions_from_a_file_are_answered_in_speech(runtime, tmp_path):
    questions = ["What is the capital of France?", "Name a large animal that lives in the ocean."]
    audio = np.concatenate([pad_with_silence(espeak(questions[0], tmp_path), SR, 0.6, 1.2, noise_db=-55),
                            pad_with_silence(espeak(questions[1], tmp_path), SR, 0.0, 1.2, noise_db=-55)])
    path = write_wav(tmp_path / "questions.wav", audio, SR)
    tts = runtime.manager.get("tts")
    player = InstantPlayer(tts.sample_rate)
    recorder = Recorder()
    loop = runtime.voice_loop(player, recorder)
    turns = run_loop(loop, file_frames(path), paced=False)

    assert [t.generation for t in turns] == [1, 2]
    stt = runtime.manager.get("stt")
    for question, turn in zip(questions, turns):
        assert wer(question, turn.transcript) <= 0.2, turn.transcript
        assert turn.reply and not turn.interrupted and turn.spoken
        # the reply's audio is speech: Whisper hears the reply's words in it
        heard = stt.transcribe(resample(player.recording(turn.generation).astype(np.float32) / 32768,
                                        tts.sample_rate, SR), language="en").text
        assert wer(speakable(turn.reply), heard) <= 0.35, (turn.reply, heard)
        latency = turn.latency
        assert all(latency[p] is not None and latency[p] >= 0 for p in PARTS), latency
        assert latency["total_s"] == pytest.approx(sum(latency[p] for p in PARTS), abs=1e-3)
        # Smart Turn ends a surely finished turn after the 200 ms pause, a likely finished one after 500 ms
        finished, voice = latency["turn_finished_p"], loop.voice
        wait = voice.pause_ms if finished >= 0.95 else voice.end_silence_ms if finished >= 0.5 else \
            voice.unfinished_silence_ms
        assert latency["endpoint_wait_s"] == pytest.approx(wait / 1000, abs=0.07), latency
        assert latency["stt_s"] > 0.01 and latency["first_token_s"] > 0.01
    logged = [json.loads(line) for line in (runtime.settings.data_dir / LATENCY_FILE).read_text().splitlines()]
    assert [e["total_s"] for e in logged[-2:]] == [t.latency["total_s"] for t in turns]
    states = [e.state for e in recorder.of(StateChanged)]
    assert states[0] == "listening" and "thinking" in states and "speaking" in states and states[-1] == "stopped"


def test_first_audio_plays_before_the_reply_is_complete(runtime, piper_speech):
    question = pad_with_silence(piper_speech("Tell me three facts about the Moon in three short sentences."),
                                SR, 0.5, 1.0)
    tts = runtime.manager.get("tts")
    loop = runtime.voice_loop(InstantPlayer(tts.sample_rate))
    [turn] = run_loop(loop, _frames(question), paced=False)
    assert len(split_sentences(turn.reply)) >= 2, turn.reply  # the premise: a reply of several sentences
    # the first sentence was spoken while the model was still writing the rest
    assert turn.latency["audio_before_reply_done_s"] > 0.2, turn.latency


def test_barge_in_stops_playback_at_once_and_keeps_only_what_was_heard(runtime, piper_speech):
    tts = runtime.manager.get("tts")
    player = SimulatedSpeaker(tts.sample_rate)
    recorder = Recorder()
    loop = runtime.voice_loop(player, recorder, barge_in=True, interrupt_after_ms=0)  # (the default waits 0.8 s)

    def reply_playing():
        started = player.playback(1).first_audio_at
        return started is not None and time.perf_counter() - started > 1.0

    script = (Timeline().silence(0.5).speak(piper_speech("Explain how a bicycle works."))
              .wait_until(reply_playing)
              .speak(piper_speech("Stop. Where do penguins live?")).silence(1.5))
    try:
        turns = run_loop(loop, script.frames(), paced=True)
    finally:
        player.close()

    first, second = turns[0], turns[1]
    [interrupted] = recorder.of(Interrupted)
    assert interrupted.generation == 1 and first.interrupted and not second.interrupted
    assert interrupted.stop_s < 0.2, interrupted
    # measured from outside: the output went quiet within 200 ms of the loop hearing the user again
    heard_again = [t for t in recorder.when(lambda e: isinstance(e, StateChanged) and e.state == "hearing")
                   if t > player.playback(1).first_audio_at][0]
    assert player.playback(1).stopped_at - heard_again < 0.2
    # nothing of the first reply played after the interruption
    played_at_stop = len(interrupted.heard.split())
    assert len(first.spoken.split()) == played_at_stop
    assert player.recording(1).size / tts.sample_rate < 30
    assert first.spoken and len(first.spoken) < len(first.reply) and first.reply.startswith(first.spoken.split()[0])
    history = [m for m in loop.agent.history if m["role"] == "assistant"]
    assert history[0]["content"] == f"{first.spoken} [interrupted by the user]"
    assert wer("Stop. Where do penguins live?", second.transcript) <= 0.2, second.transcript


def test_half_duplex_ignores_speech_while_speaking_and_listens_again_after(runtime, piper_speech):
    tts = runtime.manager.get("tts")
    player = SimulatedSpeaker(tts.sample_rate)
    recorder = Recorder()
    loop = runtime.voice_loop(player, recorder, barge_in=False)
    answered = lambda: bool(recorder.of(TurnFinished))  # noqa: E731

    def speaking():
        return player.playback(1).first_audio_at is not None

    script = (Timeline().silence(0.5).speak(piper_speech("Tell me a story about a cat in three sentences."))
              .wait_until(speaking)
              .speak(piper_speech("This is only an echo of the speaker."))  # while it talks: not a turn
              .wait_until(answered).silence(0.8)
              .speak(piper_speech("What is the tallest mountain on Earth?")).silence(1.5))
    try:
        turns = run_loop(loop, script.frames(), paced=True)
    finally:
        player.close()
    assert not recorder.of(Interrupted)
    assert len(turns) == 2 and not turns[0].interrupted, [t.transcript for t in turns]
    assert wer("What is the tallest mountain on Earth?", turns[1].transcript) <= 0.2, turns[1].transcript


def test_search_request_by_voice_calls_the_tool_and_cites_the_file(runtime, piper_speech):
    question = pad_with_silence(piper_speech("Search my knowledge folder for penguins."), SR, 0.5, 1.0)
    tts = runtime.manager.get("tts")
    loop = runtime.voice_loop(InstantPlayer(tts.sample_rate))
    [turn] = run_loop(loop, _frames(question), paced=False)
    assert "penguin" in turn.transcript.lower()
    [call] = turn.tool_calls
    assert call["name"] == "search_knowledge" and "penguin" in call["arguments"]["query"].lower()
    assert call["citations"][0]["file"] == "birds.md"
    assert "birds" in turn.reply.lower()
    assert turn.latency["tool_s"] > 0 and turn.latency["first_sentence_s"] >= turn.latency["tool_s"]


def test_conversation_is_trimmed_to_the_context_budget(runtime):
    llm = runtime.manager.get("llm")
    probe = runtime.agent()
    fixed = llm.count_tokens(probe.messages(), probe.tool_schemas())  # system prompt + tool schemas
    agent = runtime.agent(policy=replace(probe.policy, context_tokens=fixed + probe.max_new_tokens + 500))  # ~5 exchanges
    for i in range(12):
        agent.history += [{"role": "user", "content": f"Question {i}: " + "tell me about rivers " * 6},
                          {"role": "assistant", "content": f"Answer {i}: " + "rivers flow to the sea " * 6}]
    agent.history.append({"role": "user", "content": "What is two plus two?"})
    agent._trim(llm, agent.tool_schemas())
    assert llm.count_tokens(agent.messages(), agent.tool_schemas()) <= agent.context_budget(llm)
    users = [m["content"] for m in agent.history if m["role"] == "user"]
    assert users[-1] == "What is two plus two?" and 2 <= len(users) < 13
    assert users[0].startswith("Question ") and not users[0].startswith("Question 0:")  # the oldest went first
    assert agent.history[0]["role"] == "user"
    kept = int(users[0].split()[1].rstrip(":"))
    assert [m["content"] for m in agent.history[:-1:2]] == [f"Question {i}: " + "tell me about rivers " * 6
                                                           for i in range(kept, 12)]  # whole exchanges, in order
    agent.reset()
    assert agent.history == []


def _frames(samples: np.ndarray):
    from assistant.audio.sources import frames_of

    return frames_of(samples)


def test_voice_command_answers_a_file_into_a_wav_with_json(runtime, tmp_path):
    import subprocess
    import sys

    question = "What is the capital of France?"
    path = write_wav(tmp_path / "q.wav", pad_with_silence(espeak(question, tmp_path), SR, 0.5, 1.0), SR)
    out = tmp_path / "answer.wav"
    result = subprocess.run([sys.executable, "-m", "assistant", "voice", "--input", str(path), "--output", str(out),
                             "--json", "--data-dir", str(tmp_path / "data"), "--knowledge", str(tmp_path)],
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    [turn] = report["turns"]
    assert wer(question, turn["transcript"]) <= 0.2 and "paris" in turn["reply"].lower()
    assert turn["latency"]["total_s"] > 0 and report["output"] == str(out)
    said = runtime.manager.get("stt").transcribe(out, language="en").text
    assert "paris" in said.lower(), said
    assert (tmp_path / "data" / LATENCY_FILE).is_file()
