"""`assistant voice` on real PortAudio streams: a virtual sound card (tests/virtual_sound.py) is the
microphone and the speaker, paced in real time; the process is the one a user starts, ended with Ctrl-C.

The questions are Piper speech made here; the replies are recorded from the speaker and heard back.
"""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import numpy as np
import pytest

import virtual_sound
from speech import wer
from virtual_sound import RATE, VirtualSoundCard, loud_spans
from voice_script import piper_speech

pytestmark = pytest.mark.slow
EXIT_BOUND_S = 5.0  # Ctrl-C ends `assistant voice` within this, whatever the devices do


@pytest.fixture
def card(tmp_path):
    virtual_sound.require()
    card = VirtualSoundCard(tmp_path / "sound").start()
    yield card
    for voice in Voice.started:  # a test that failed before stopping its `assistant voice` leaves none behind
        if voice.process.poll() is None:
            voice.process.kill()
            voice.process.wait(10)
    Voice.started.clear()
    card.close()


@pytest.fixture(scope="module")
def speak(manager):
    return piper_speech(manager)


class Voice:
    """`assistant voice --json` in a child process on the virtual card."""

    started: list[Voice] = []  # every one, for the card fixture to end

    def __init__(self, card: VirtualSoundCard, tmp_path: Path, *args: str):
        Voice.started.append(self)
        data = tmp_path / "data"
        self.process = subprocess.Popen(
            [sys.executable, "-m", "assistant.cli", "--data-dir", str(data), "--knowledge", str(tmp_path),
             "voice", "--json", *args],
            env={**card.env, "HF_HUB_OFFLINE": "1"}, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.stderr: list[str] = []
        self._listening = threading.Event()
        threading.Thread(target=self._read_stderr, daemon=True).start()

    def _read_stderr(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self.stderr.append(line)
            if line.startswith("listening"):
                self._listening.set()

    def wait_listening(self, timeout: float = 180) -> None:
        assert self._listening.wait(timeout), "never listened:\n" + "".join(self.stderr)

    def stop(self, sig: int = signal.SIGINT) -> tuple[dict, float]:
        """Send `sig`; (the JSON record, seconds until the process ended)."""
        sent = time.perf_counter()
        self.process.send_signal(sig)
        try:
            out, _ = self.process.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            self.process.kill()
            raise AssertionError("`assistant voice` did not end within 60 s of " + signal.Signals(sig).name)
        took = time.perf_counter() - sent
        assert self.process.returncode == 0, "".join(self.stderr)
        return json.loads(out), took


def wait_reply_over(card: VirtualSoundCard, after: float, quiet_s: float = 2.0, timeout: float = 90) -> None:
    """Until the speaker has played something after `after` and then been quiet for `quiet_s`."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        samples, start = card.recording()
        spans = [s for s in loud_spans(samples) if start + s[1] > after]
        if spans and samples.size / RATE - spans[-1][1] >= quiet_s:
            return
        time.sleep(0.1)
    raise AssertionError("no reply was heard from the speaker")


def wait_quiet(card: VirtualSoundCard, quiet_s: float, timeout: float = 120) -> None:
    """Until the speaker has played nothing for `quiet_s`."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        samples, _ = card.recording()
        spans = loud_spans(samples, level=0.002)
        if samples.size / RATE - (spans[-1][1] if spans else 0.0) >= quiet_s:
            return
        time.sleep(0.1)
    raise AssertionError(f"the speaker never went quiet for {quiet_s} s")


def wait_playing(card: VirtualSoundCard, after: float, seconds: float, timeout: float = 90) -> float:
    """Until the speaker has been playing for `seconds` since some time after `after`; when it began."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        samples, start = card.recording()
        spans = [s for s in loud_spans(samples) if start + s[0] > after]
        if spans and samples.size / RATE - spans[0][0] >= seconds:
            return start + spans[0][0]
        time.sleep(0.05)
    raise AssertionError("the reply never started playing")


def listening_voice(card: VirtualSoundCard, tmp_path: Path, *args: str) -> Voice:
    """The card fed and recorded, and `assistant voice` listening on it."""
    card.feed()
    card.record()
    voice = Voice(card, tmp_path, *args)
    voice.wait_listening()
    time.sleep(0.5)
    return voice


def ask(card: VirtualSoundCard, speech: np.ndarray) -> float:
    """Say `speech` into the microphone and wait until it is all said; when it began."""
    said, started = card.say(speech)
    assert said.wait(60)
    return started[0]


def test_a_spoken_question_is_answered_aloud_through_portaudio(card, tmp_path, speak, manager):
    voice = listening_voice(card, tmp_path)
    question = speak("What is the capital of Italy?")
    asked = ask(card, question)
    wait_reply_over(card, after=asked)
    record, took = voice.stop()

    assert took < EXIT_BOUND_S and record["stopped_by"] == "SIGINT"
    [turn] = record["turns"]
    assert wer("What is the capital of Italy?", turn["transcript"]) <= 0.2, turn["transcript"]
    assert "rome" in turn["reply"].lower() and turn["spoken"] and not turn["interrupted"]
    assert 0 < turn["latency"]["total_s"] < 10
    samples, start = card.recording()  # the reply as the speaker played it, heard back by Whisper
    # the speaker plays nothing but the reply, which begins after the question ends (a fixed offset once cut
    # off the reply's first words when it came fast)
    reply = samples[int((asked - start) * RATE) + question.size:]
    heard = manager.get("stt").transcribe(reply, language="en").text
    assert wer(turn["spoken"], heard) <= 0.3, (turn["spoken"], heard)
    assert record["problems"] == []


def test_barge_in_on_real_streams_turns_the_reply_down_within_200_ms_and_stop_stops_it(card, tmp_path, speak):
    """Speech over the reply turns it down at once (within 200 ms of its detection); "Stop, please." once
    recognised stops it (voice/overlap.py). This card has no echo path: headphones, where echo cancellation is set
    off (WebRTC AEC3 there turns the user's speech down while the speaker plays; tests/test_echo.py)."""
    voice = listening_voice(card, tmp_path, "--barge-in", "--no-echo-cancellation")
    asked = ask(card, speak("Explain how a bicycle works."))  # a reply of half a minute
    wait_playing(card, after=asked + 1.0, seconds=1.5)
    said, _ = card.say(speak("Stop, please."))
    assert said.wait(30)
    wait_quiet(card, quiet_s=2.5)  # (the reply turned down may be too quiet to count as playing)
    record, took = voice.stop()

    assert took < EXIT_BOUND_S
    [cut] = record["interruptions"]
    first = record["turns"][0]
    assert first["interrupted"] and cut["generation"] == first["generation"]
    heard, replied = first["spoken"].split(), first["reply"].split()
    assert 0 < len(heard) < len(replied) - 10  # cut early: only what was heard stays in the history
    samples, start = card.recording()
    detected = cut["detected_at"] - start  # seconds into the recording
    playing = [s for s in loud_spans(samples, gap_s=0.25) if s[0] <= detected + 0.05]
    assert playing, "the reply was not playing when the speech was detected"

    def level(a: float, b: float) -> float:
        part = samples[max(0, int(a * RATE)):int(b * RATE)]
        return float(np.sqrt(np.mean(np.square(part, dtype=np.float64)))) + 1e-9

    down = 20 * np.log10(level(detected + 0.2, detected + 0.5) / level(detected - 0.8, detected))
    assert down <= -6, f"the reply was turned down by only {-down:.1f} dB 200 ms after the user spoke"  # (18 dB,
    # against speech that is louder or quieter from one moment to the next)
    silent = next((t for t in np.arange(detected, samples.size / RATE - 0.2, 0.05)
                   if level(t, t + 0.2) < 1e-3), None)  # where it went quiet for good
    assert silent is not None and silent - detected <= 4.0, "the reply went on after 'Stop, please.'"


def test_half_duplex_ignores_speech_during_the_reply(card, tmp_path, speak):
    voice = listening_voice(card, tmp_path, "--no-barge-in")
    asked = ask(card, speak("Tell me a story about a dragon."))  # a reply of about 15 s
    wait_playing(card, after=asked + 1.0, seconds=1.0)
    ask(card, speak("Stop, please."))
    wait_reply_over(card, after=time.perf_counter(), quiet_s=2.0, timeout=180)
    record, _ = voice.stop()

    assert record["interruptions"] == []
    [turn] = record["turns"]  # the words said over the reply were not a turn
    assert not turn["interrupted"] and turn["spoken"] == turn["reply"]


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_a_microphone_that_delivers_nothing_is_reported_and_the_signal_still_ends_it(card, tmp_path, sig):
    # nothing is written into the pipe: the stream starves (this once made Ctrl-C hang for good)
    voice = Voice(card, tmp_path)
    voice.wait_listening()
    time.sleep(4.5)  # past the 3 s after which a silent device is reported
    record, took = voice.stop(sig)

    assert took < EXIT_BOUND_S, f"{took:.1f} s to end after {signal.Signals(sig).name}"
    assert record["stopped_by"] == signal.Signals(sig).name and record["turns"] == []
    assert any(p.startswith("no audio from the default microphone") for p in record["problems"]), record


def test_nan_samples_are_dropped_reported_once_and_speech_after_them_is_answered(tmp_path, speak):
    virtual_sound.require()
    card = VirtualSoundCard(tmp_path / "sound", mic_format="float32le").start()
    try:
        voice = listening_voice(card, tmp_path)
        broken = np.full(RATE // 2, np.nan, np.float32)
        broken[::7] = np.inf
        card.say(broken)
        card.say(np.zeros(RATE // 2, np.float32))
        card.say(broken)
        wait_reply_over(card, after=ask(card, speak("What is the capital of Italy?")))
        record, _ = voice.stop()
    finally:
        card.close()

    assert [p for p in record["problems"] if "invalid samples" in p] == [record["problems"][0]]
    [turn] = record["turns"]
    assert "rome" in turn["reply"].lower(), turn


def test_the_tui_in_a_voice_conversation_and_a_microphone_unplugged_mid_session(card, tmp_path, speak):
    card.feed()
    driver = subprocess.Popen([sys.executable, str(Path(__file__).parent / "tui_voice_driver.py"), str(tmp_path)],
                              env={**card.env, "HF_HUB_OFFLINE": "1"}, stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert driver.stdin is not None and driver.stdout is not None

    def next_step(name: str) -> dict:
        line = driver.stdout.readline()
        if not line:
            raise AssertionError(f"the app ended before '{name}':\n{driver.stderr.read()[-3000:]}")
        record = json.loads(line)
        assert record["step"] == name, record
        return record

    def go() -> None:
        driver.stdin.write("\n")
        driver.stdin.flush()

    try:
        listening = next_step("listening")
        assert not listening["notices"] and "mic: default" in listening["devices"]
        time.sleep(0.5)
        card.say(speak("What is the capital of Italy?"))
        go()
        answered = next_step("answered")
        assert answered["spoken"] and wer("What is the capital of Italy?", answered["user"]) <= 0.2
        assert "rome" in answered["reply"].lower()
        [row] = answered["latency"]  # the latency panel: the turn's end of speech -> first audio, and parts
        assert row[0] == "1" and 0 < float(row[1]) < 10
        card.unplug_microphone()
        go()
        typed = next_step("typed")
        assert any("only digital silence from the default microphone" in n for n in typed["notices"]), typed

        assert "rome" in typed["reply"].lower()
        driver.stdin.close()
        assert driver.wait(60) == 0, driver.stderr.read()[-3000:]
    finally:
        if driver.poll() is None:
            driver.kill()


def test_doctor_tries_the_microphone_and_the_speaker(card, tmp_path):
    def audio_checks() -> dict:
        out = subprocess.run([sys.executable, "-m", "assistant.cli", "--data-dir", str(tmp_path / "data"),
                              "doctor", "--json"], env={**card.env, "HF_HUB_OFFLINE": "1"}, capture_output=True,
                             text=True, timeout=120).stdout
        return {c["name"]: c for c in json.loads(out)["checks"] if c["section"] == "audio"}

    starving = audio_checks()  # listed, but nothing written into the pipe: a device that delivers nothing
    assert starving["input"]["status"] == "ok" and starving["listen"]["status"] == "warn"
    assert starving["listen"]["summary"].startswith("no audio from the default microphone")
    assert starving["play"]["status"] == "ok"
    card.feed()
    fed = audio_checks()
    assert fed["listen"]["status"] == "ok" and "delivers audio" in fed["listen"]["summary"]
    assert -80 < fed["listen"]["details"]["rms_dbfs"] < -60  # the rig's noise floor, about -70 dBFS
