"""Voice-loop parts that need no model: players (what was heard, how fast they stop), the latency record,
and the `voice` / `devices` commands on a machine without a sound card."""

from __future__ import annotations

import json
import subprocess
import sys
import time

import numpy as np
import pytest

from assistant.audio.player import InstantPlayer, Playback, SimulatedSpeaker, SpeakerPlayer
from assistant.errors import DeviceUnavailable
from assistant.voice.latency import MARKS, PARTS, LatencyLog, TurnClock

RATE = 16000


def tone(seconds: float) -> np.ndarray:
    return np.full(int(seconds * RATE), 1000, np.int16)


def test_instant_player_plays_everything_at_once_and_records_each_turn():
    player = InstantPlayer(RATE)
    player.play(tone(0.5), 1, "One two three.")
    player.play(tone(0.25), 2, "Four.")
    assert not player.busy()
    assert player.heard(1) == "One two three." and player.heard(2) == "Four."
    assert player.recording(1).size == 8000 and player.recording().size == 12000
    assert player.playback(1).first_audio_at is not None


def test_instant_player_resamples_to_its_rate():
    player = InstantPlayer(RATE)
    player.play(np.full(22050, 500, np.int16), 1, "x", sample_rate=22050)
    assert abs(player.recording(1).size - RATE) <= 2


def test_simulated_speaker_plays_at_its_clocks_pace_and_stops_at_once():
    player = SimulatedSpeaker(RATE)
    try:
        player.play(tone(1.0), 1, "one two three four five six seven eight nine ten")
        player.play(tone(1.0), 1, "never heard at all")
        while player.recording(1).size < RATE // 3:  # a third of the first sentence has played
            time.sleep(player.tick)
        assert player.busy()
        quiet = player.stop()
        assert not player.busy()
        played = player.recording(1).size
        playback = player.playback(1)
        # what was played is what its clock says had time to play (within a tick), however busy the machine
        assert played / RATE == pytest.approx(quiet - playback.first_audio_at, abs=2 * player.tick)
        for _ in range(5):  # ticks after stop() play nothing more
            time.sleep(player.tick)
        assert player.recording(1).size == played
        heard = player.heard(1).split()
        assert 3 <= len(heard) <= 9 and heard == "one two three four five six seven eight nine".split()[:len(heard)]
        assert playback.first_audio_at < playback.stopped_at <= quiet
    finally:
        player.close()


def test_simulated_speaker_finishes_and_goes_idle():
    player = SimulatedSpeaker(RATE)
    try:
        player.play(tone(0.2), 3, "short")
        assert player.wait_idle(timeout=2)
        playback = player.playback(3)
        assert playback.finished_at is not None and playback.stopped_at is None
        assert playback.finished_at - playback.first_audio_at == pytest.approx(0.2, abs=2 * player.tick)
        assert player.heard(3) == "short"
    finally:
        player.close()


def test_heard_text_counts_whole_and_cut_sentences():
    playback = Playback(sentences=[("It is sunny.", 1.0), ("Take a hat and some water.", 0.5), ("Bye.", 0.0)])
    assert playback.heard_text() == "It is sunny. Take a hat"  # half of six words


def test_speaker_without_a_sound_card_is_a_clear_error():
    try:
        player = SpeakerPlayer(22050)
    except DeviceUnavailable as exc:
        assert "output" in str(exc)
    else:  # a machine with a sound card: the stream opened
        player.close()


def test_latency_parts_add_up_to_the_total(tmp_path):
    clock = TurnClock(stt_audio_s=2.0)
    for i, mark in enumerate(MARKS):
        clock.mark(mark, 100.0 + i * 0.25 + (0.01 if mark == "first_sentence" else 0))
    clock.mark("speech_end", 0.0)  # a second mark never moves the first
    clock.tool_s, clock.reply_done = 0.1, 102.0
    record = clock.record()
    assert all(record[p] is not None for p in PARTS)
    assert record["total_s"] == pytest.approx(sum(record[p] for p in PARTS)) == pytest.approx(1.5)
    assert record["stt_rtf"] == pytest.approx(0.125) and record["audio_before_reply_done_s"] == pytest.approx(0.5)
    incomplete = TurnClock(speech_end=1.0, detected=1.5).record()
    assert incomplete["endpoint_wait_s"] == 0.5 and incomplete["total_s"] is None and incomplete["stt_s"] is None
    log = LatencyLog(tmp_path / "sub" / "latency.jsonl")
    log.write(record)
    log.write(incomplete)
    lines = [json.loads(x) for x in (tmp_path / "sub" / "latency.jsonl").read_text().splitlines()]
    assert lines == [record, incomplete]


def run_cli(*args, timeout=120):
    return subprocess.run([sys.executable, "-m", "assistant", *args], capture_output=True, text=True,
                          timeout=timeout)


def test_devices_lists_inputs_and_outputs_as_json():
    result = run_cli("devices", "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert set(report) == {"inputs", "outputs", "problem"}
    if not report["inputs"] and not report["outputs"]:
        assert "no audio devices" in report["problem"] or "PortAudio" in report["problem"]


def test_voice_without_a_microphone_says_so_and_points_to_text(tmp_path):
    report = json.loads(run_cli("devices", "--json").stdout)
    if report["inputs"]:
        pytest.skip("this machine has a microphone")
    result = run_cli("voice", "--data-dir", str(tmp_path))
    assert result.returncode == 4
    assert "no audio input device" in result.stderr and "assistant ask" in result.stderr
    assert "Traceback" not in result.stderr


def test_voice_with_a_missing_input_file_is_a_clear_error(tmp_path):
    result = run_cli("voice", "--input", str(tmp_path / "nope.wav"), "--data-dir", str(tmp_path))
    assert result.returncode == 2 and "not found" in result.stderr


@pytest.mark.parametrize("rate", [16000, 44100, 48000])
def test_frame_assembler_turns_odd_blocks_at_any_rate_into_16k_frames(rate):
    from assistant.audio.sources import FrameAssembler

    seconds, freq = 1.0, 440.0
    t = np.arange(int(seconds * rate)) / rate
    tone_ = (0.5 * np.sin(2 * np.pi * freq * t)).astype(np.float32)
    assembler = FrameAssembler(rate)
    frames, i, sizes = [], 0, [100, 1411, 333, 4096, 7]
    while i < tone_.size:
        n = sizes[len(frames) % len(sizes)]
        frames += assembler.push(tone_[i:i + n])
        i += n
    assert all(f.samples.shape == (512,) and f.samples.dtype == np.float32 for f in frames)
    assert [f.t for f in frames] == [k * 512 / 16000 for k in range(len(frames))]
    out = np.concatenate([f.samples for f in frames])
    assert abs(out.size - 16000 * seconds) <= 512 + 64  # the last partial frame waits for more audio
    spectrum = np.abs(np.fft.rfft(out[1000:15000]))
    peak = np.argmax(spectrum) * 16000 / 14000
    assert abs(peak - freq) < 5  # same pitch after resampling, no clicks at block joins dominate
    assert np.max(np.abs(np.diff(out[1000:15000]))) < 0.2


def test_the_terminal_app_without_a_terminal_points_to_the_script_commands(tmp_path):
    result = subprocess.run([sys.executable, "-m", "assistant", "--data-dir", str(tmp_path)], capture_output=True,
                            text=True, timeout=60, stdin=subprocess.DEVNULL)
    assert result.returncode == 2 and "interactive terminal" in result.stderr and "assistant ask" in result.stderr


def test_after_a_barge_in_the_interrupted_turn_never_plays_again():
    player = InstantPlayer(RATE)
    player.play(tone(0.1), 1, "first")
    player.stop(floor=2)  # turn 1 was interrupted
    player.play(tone(0.1), 1, "late audio of turn 1")  # e.g. a sentence synthesised just before
    player.play(tone(0.1), 2, "the new turn")
    assert player.heard(1) == "first" and player.recording(1).size == 1600
    assert player.heard(2) == "the new turn"


class _StuckStream:
    """A PortAudio stream whose device delivers nothing: stop() blocks for good (as a starved pipe source did)."""

    def __init__(self, abort_hangs: bool = False):
        self.forever = __import__("threading").Event()
        self.abort_hangs = abort_hangs
        self.aborted = False

    def stop(self):
        self.forever.wait()

    def abort(self):
        self.aborted = True
        if self.abort_hangs:
            self.forever.wait()

    def close(self):
        pass


def test_closing_a_microphone_whose_device_hangs_never_hangs(monkeypatch):
    from assistant.audio.devices import STOP_BOUND_S, shut
    from assistant.audio.sources import MicrophoneSource

    monkeypatch.setattr(MicrophoneSource, "_check_device", lambda self: None)  # no sound card here
    mic = MicrophoneSource(max_queued=3)
    stuck = _StuckStream()
    mic._stream = stuck
    for _ in range(3):
        mic._queue.put_nowait("a frame nobody reads")  # full: the end mark must still get in
    started = time.perf_counter()
    mic.close()
    assert time.perf_counter() - started < STOP_BOUND_S and stuck.aborted  # aborted, never stopped
    left = [mic._queue.get_nowait() for _ in range(mic._queue.qsize())]
    assert left == ["a frame nobody reads", "a frame nobody reads", None]  # the end mark got in

    worst = _StuckStream(abort_hangs=True)
    started = time.perf_counter()
    assert shut(worst, "test", bound=0.2) is False
    assert time.perf_counter() - started < 1.0  # abandoned, not waited for


class _OnlyStereo48k:
    """PortAudio as it sees a device that takes one format only (many USB interfaces: 2 ch, 48 kHz, 16-bit).
    The virtual sound card takes every format, so this one is described, not made."""

    def query_devices(self, device=None, kind=None):
        return {"name": "USB Audio", "max_input_channels": 2, "max_output_channels": 2, "default_samplerate": 44100.0}

    def check_input_settings(self, device=None, samplerate=None, channels=None, dtype=None):
        if (samplerate, channels, dtype) != (48000, 2, "int16"):
            raise RuntimeError("Invalid sample rate / channel count / format")

    check_output_settings = check_input_settings


def test_a_device_is_opened_in_a_format_it_takes_and_converted_both_ways(monkeypatch):
    from assistant.audio import devices
    from assistant.audio.devices import StreamFormat, from_mono_int16, stream_format
    from assistant.audio.frames import SAMPLE_RATE
    from assistant.audio.sources import FrameAssembler, MicrophoneSource
    from assistant.errors import DeviceUnavailable

    monkeypatch.setattr(devices, "sounddevice", lambda: _OnlyStereo48k())
    assert stream_format(None, "input", 16000, "float32") == StreamFormat(48000, 2, "int16")
    assert stream_format(None, "output", 22050, "int16") == StreamFormat(48000, 2, "int16")

    class Nothing(_OnlyStereo48k):
        def check_input_settings(self, **kwargs):
            raise RuntimeError("Device unavailable")

    monkeypatch.setattr(devices, "sounddevice", lambda: Nothing())
    with pytest.raises(DeviceUnavailable, match="takes none of the usual formats"):
        stream_format(None, "input", 16000, "float32")

    # the microphone: stereo int16 at 48 kHz in, mono float32 at 16 kHz out, with the tone kept
    monkeypatch.setattr(MicrophoneSource, "_check_device", lambda self: None)
    mic = MicrophoneSource()
    mic._assembler = FrameAssembler(48000)
    t = np.arange(48000) / 48000
    tone = (np.sin(2 * np.pi * 440 * t) * 16000).astype(np.int16)
    stereo = np.stack([tone, tone], axis=1)
    for i in range(0, 48000, 1536):
        mic._callback(stereo[i:i + 1536], 1536, None, None)
    frames = [mic._queue.get_nowait() for _ in range(mic._queue.qsize())]
    out = np.concatenate([f.samples for f in frames])
    assert out.dtype == np.float32 and abs(out.size - SAMPLE_RATE) <= 1024
    assert 0.3 < float(np.sqrt(np.mean(out[2000:-2000] ** 2))) < 0.4  # 16000/32768/sqrt(2) = 0.345
    # the speaker: mono int16 into a stereo float32 block
    block = np.zeros((4, 2), np.float32)
    from_mono_int16(np.array([0, 16384, -16384, 32767], np.int16), block)
    assert np.allclose(block[:, 0], block[:, 1]) and np.allclose(block[:, 0], [0, 0.5, -0.5, 32767 / 32768])


def test_blocks_with_nan_or_inf_never_reach_the_loop_and_are_reported_once(monkeypatch):
    from assistant.audio.sources import MicrophoneSource

    monkeypatch.setattr(MicrophoneSource, "_check_device", lambda self: None)
    told: list[str] = []
    mic = MicrophoneSource(report=told.append)
    good = np.full((512, 1), 0.1, np.float32)
    bad = good.copy()
    bad[7] = np.nan
    worse = good.copy()
    worse[9] = np.inf
    for block in (good, bad, worse, good, bad):
        mic._callback(block, 512, None, None)
    mic._stream = object()  # (opened, as far as the iterator knows)
    mic._queue.put_nowait(None)
    frames = list(mic)
    assert len(frames) == 2 and all(np.isfinite(f.samples).all() for f in frames)
    assert mic.bad_blocks == 3 and len(told) == 1 and "invalid samples" in told[0]
