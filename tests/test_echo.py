"""Echo cancellation in the capture path (assistant/audio/echo.py) with the real WebRTC AEC3 (pywebrtc-audio):
a room simulated in numpy (the speaker's output heard late and loud by the microphone, over a noise floor),
fed block by block with the times a live device gives, jitter included. The virtual sound card's room is
tests/virtual_sound.py (checked in test_virtual_room.py); `assistant voice` in it is bench/duplex.py."""

from __future__ import annotations

import numpy as np
import pytest

from assistant.audio.echo import BLOCK, LEAD_S, EchoCanceller, FarEnd, canceller, unavailable
from assistant.audio.frames import FRAME_SAMPLES, SAMPLE_RATE
from assistant.audio.io import read_audio
from assistant.audio.player import SimulatedSpeaker
from assistant.audio.sources import FrameAssembler
from assistant.config import VoiceSettings
from assistant.voice.gate import MicGate
from speech import espeak_wav

PLAYER_RATE = 22050  # Piper's rate: the far end is resampled to the microphone's
T0 = 1000.0  # the clock when the speaker starts


@pytest.fixture(scope="module")
def voices(tmp_path_factory):
    folder = tmp_path_factory.mktemp("echo")
    reply = ("The assistant gives a long answer about the history of the city, sentence after sentence, "
             "with numbers like twelve thousand four hundred, while nobody else in the room speaks.")
    far = read_audio(espeak_wav(reply, folder / "reply.wav", PLAYER_RATE), sample_rate=PLAYER_RATE)
    user = read_audio(espeak_wav("Stop, what time is it in Tokyo?", folder / "user.wav"), sample_rate=SAMPLE_RATE)
    return far, user


def room(far: np.ndarray, delay_s: float, gain_db: float, user: np.ndarray | None = None, user_at_s: float = 0.0,
         seconds: float | None = None) -> tuple[np.ndarray, np.ndarray]:
    """(what the microphone hears at 16 kHz, the user's part of it): the far end `delay_s` late at `gain_db`,
    a noise floor at -60 dBFS, and the user's speech from `user_at_s` at the echo's level."""
    far16 = read_resampled(far)
    gain, delay = 10 ** (gain_db / 20), round(delay_s * SAMPLE_RATE)
    n = round((seconds or far16.size / SAMPLE_RATE + 1) * SAMPLE_RATE)
    mic = np.zeros(n, np.float32)
    echo = far16[:max(0, n - delay)] * gain
    mic[delay:delay + echo.size] += echo
    said = np.zeros(n, np.float32)
    if user is not None:
        start = round(user_at_s * SAMPLE_RATE)
        part = user[:n - start] * gain
        said[start:start + part.size] = part
    noise = np.random.default_rng(0).standard_normal(n).astype(np.float32) * 10 ** (-60 / 20)
    return mic + said + noise, said


def read_resampled(far: np.ndarray) -> np.ndarray:
    from assistant.audio.io import resample

    return resample(far, PLAYER_RATE, SAMPLE_RATE).astype(np.float32)


def run_live(far: np.ndarray, mic: np.ndarray, far_clock_error_s: float = 0.0, mic_block: int = FRAME_SAMPLES,
             far_block: int = 512, jitter_s: float = 0.003) -> tuple[np.ndarray, EchoCanceller]:
    """Feed both ends as live devices do: the speaker's blocks (at its own rate, stamped with when they are
    heard, `far_clock_error_s` off) run ahead of the microphone's (stamped with their capture time, jittered)."""
    echo = EchoCanceller(FarEnd())
    rng = np.random.default_rng(1)
    out, played = [], 0
    for start in range(0, mic.size - mic_block + 1, mic_block):
        at = T0 + start / SAMPLE_RATE
        while played < far.size and T0 + played / PLAYER_RATE + far_clock_error_s <= at + 0.05:  # (the output runs
            # ahead of the microphone by its latency)
            echo.far.played(far[played:played + far_block], T0 + played / PLAYER_RATE + far_clock_error_s,
                            PLAYER_RATE)
            played += far_block
        out.append(echo.clean(mic[start:start + mic_block], at + rng.uniform(-jitter_s, jitter_s)))
    return np.concatenate(out), echo


def power_db(samples: np.ndarray) -> float:
    return 10 * float(np.log10(np.mean(np.square(samples, dtype=np.float64)) + 1e-20))


def test_the_library_loads_here():
    assert unavailable() is None
    assert canceller(False) is None
    assert isinstance(canceller(True), EchoCanceller)


@pytest.mark.parametrize("delay_s,gain_db", [(0.02, 0.0), (0.08, 0.0), (0.05, -6.0)])
def test_the_speakers_echo_is_removed(voices, delay_s, gain_db):
    far, _ = voices
    mic, _ = room(far, delay_s, gain_db)
    cleaned, echo = run_live(far, mic)
    assert cleaned.size >= mic.size - FRAME_SAMPLES - BLOCK
    span = slice(SAMPLE_RATE, cleaned.size - SAMPLE_RATE)  # after the first second (it converges within it)
    removed = power_db(mic[span]) - power_db(cleaned[span])
    assert removed >= 20, f"only {removed:.1f} dB of echo removed"
    stats = echo.stats()
    assert stats.erle_db is not None and stats.erle_db >= 18
    assert stats.blocks == cleaned.size // BLOCK and 0 < stats.cpu_us_per_block < 2000


@pytest.mark.parametrize("error_s", [-0.06, 0.015])
def test_a_wrong_device_latency_is_found_by_the_canceller(voices, error_s):
    """The far end's times 60 ms early (a device that reports too little latency) or 15 ms late (too much, on a
    room with no acoustic delay): AEC3 finds the delay."""
    far, _ = voices
    mic, _ = room(far, 0.03 if error_s < 0 else 0.0, 0.0)
    cleaned, _ = run_live(far, mic, far_clock_error_s=error_s, mic_block=480, far_block=1024)
    span = slice(SAMPLE_RATE, cleaned.size - SAMPLE_RATE)
    assert power_db(mic[span]) - power_db(cleaned[span]) >= 18


def test_the_users_speech_is_kept_while_the_echo_goes(voices):
    """Double talk: the user speaks over the reply at the echo's level; the cleaned signal is the user's."""
    far, user = voices
    mic, said = room(far, 0.04, 0.0, user, user_at_s=2.0)
    cleaned, _ = run_live(far, mic)
    span = slice(round(2.0 * SAMPLE_RATE), round(2.0 * SAMPLE_RATE) + user.size)
    before = np.corrcoef(mic[span], said[span])[0, 1]
    after = max(np.corrcoef(cleaned[span.start + lag:span.stop + lag], said[span])[0, 1]
                for lag in range(0, 321, 16))  # (AEC3 delays what it cleans by a few ms)
    assert after > before + 0.05 and after > 0.75, (before, after)
    assert abs(power_db(cleaned[span]) - power_db(said[span])) < 6  # the user's speech is not taken out with it
    after = slice(span.stop + SAMPLE_RATE // 2, cleaned.size - SAMPLE_RATE // 2)  # the echo alone again
    assert power_db(mic[after]) - power_db(cleaned[after]) >= 20  # the double talk did not undo what it learnt


def test_no_echo_no_harm():
    """Headphones: the speaker plays and the microphone hears only the user; nothing is taken from them."""
    rng = np.random.default_rng(3)
    far = (rng.standard_normal(PLAYER_RATE * 3) * 0.1).astype(np.float32)
    user = (np.sin(np.arange(SAMPLE_RATE * 3) * 2 * np.pi * 300 / SAMPLE_RATE) * 0.1).astype(np.float32)
    cleaned, echo = run_live(far, user)
    span = slice(SAMPLE_RATE, cleaned.size - SAMPLE_RATE)
    assert abs(power_db(cleaned[span]) - power_db(user[span])) < 3
    assert echo.stats().erle_db is not None and echo.stats().erle_db < 6


def test_the_far_end_is_a_timeline():
    far = FarEnd()
    assert not far.read(5.0, 160).any()  # nothing played yet: silence
    far.played(np.ones(1600, np.float32), at=10.0, rate=SAMPLE_RATE)  # 10.0-10.1
    far.played(np.full(1600, 0.25, np.float32), at=10.13, rate=SAMPLE_RATE)  # 30 ms late: a callback's jitter,
    assert far.read(10.15, 160).tolist() == [0.25] * 160  # no gap (it plays on from 10.1)
    far.played(np.full(1600, 0.5, np.float32), at=10.5, rate=SAMPLE_RATE)  # a gap of 300 ms: silence between
    assert far.read(10.05, 160).tolist() == [1.0] * 160
    assert not far.read(10.35, 160).any()
    assert far.read(10.55, 160).tolist() == [0.5] * 160
    assert far.ahead_s(10.55) == pytest.approx(0.05, abs=1e-3) and far.restarts == 1
    far.read(13.0, 160)  # reading 2 s past what is kept drops the old part
    assert not far.read(10.05, 160).any()


def test_the_microphones_frames_come_out_cleaned(voices):
    """The assembler cleans blocks of any size and still cuts 512-sample frames, timed by their samples."""
    far, _ = voices
    mic, _ = room(far, 0.03, 0.0, seconds=4.0)
    echo = EchoCanceller(FarEnd())
    assembler = FrameAssembler(SAMPLE_RATE, echo)
    echo.far.played(far, T0, PLAYER_RATE)
    frames = []
    for start in range(0, mic.size - 441, 441):  # 27.6 ms blocks: no multiple of 10 ms
        frames += assembler.push(mic[start:start + 441], T0 + start / SAMPLE_RATE)
    assert all(f.samples.shape == (FRAME_SAMPLES,) for f in frames)
    assert [f.t for f in frames[:3]] == [0.0, FRAME_SAMPLES / SAMPLE_RATE, 2 * FRAME_SAMPLES / SAMPLE_RATE]
    cleaned = np.concatenate([f.samples for f in frames])
    span = slice(SAMPLE_RATE, cleaned.size)
    assert power_db(mic[span]) - power_db(cleaned[span]) >= 18


def test_the_player_hands_over_what_it_plays():
    """Every block the speaker outputs reaches the far end with its time, silence between sentences included."""
    player = SimulatedSpeaker(PLAYER_RATE)
    far = FarEnd()
    player.far_end = far
    try:
        begun = player.clock()
        tone = (np.sin(np.arange(PLAYER_RATE // 2) * 2 * np.pi * 440 / PLAYER_RATE) * 8000).astype(np.int16)
        player.play(tone, 1, "a tone")
        assert player.wait_idle(5)
        heard = far.read(begun, SAMPLE_RATE)  # the second from the play call on
        loud = np.flatnonzero(np.abs(heard) > 0.05)
        assert loud.size > 0.4 * SAMPLE_RATE // 2
        assert loud[0] / SAMPLE_RATE < 0.1  # it played at once, and was stamped so
    finally:
        player.close()


def test_barge_in_follows_echo_cancellation():
    """Unset, barge-in is on exactly while echo cancellation runs; set, it is as set."""
    clock = lambda: 0.0  # noqa: E731
    assert MicGate(VoiceSettings(), None, clock, echo_cancelled=True).barge_in
    assert not MicGate(VoiceSettings(), None, clock, echo_cancelled=False).barge_in
    assert not MicGate(VoiceSettings(barge_in=False), None, clock, echo_cancelled=True).barge_in
    assert MicGate(VoiceSettings(barge_in=True), None, clock).barge_in
    player = SimulatedSpeaker(PLAYER_RATE)
    try:
        player.play(np.ones(PLAYER_RATE, np.int16), 1)
        assert MicGate(VoiceSettings(), player, clock, echo_cancelled=False).muted()  # half-duplex
        assert not MicGate(VoiceSettings(), player, clock, echo_cancelled=True).muted()  # full duplex
    finally:
        player.close()


def test_the_doctor_measures_the_echo_path():
    """`doctor --deep`'s measurement on its chirp and noise heard 40 ms late at -6 dB (the far end read LEAD_S ahead,
    as the canceller reads it), and on a microphone that hears nothing of it (headphones)."""
    from assistant.audio.echo import LEAD_S
    from assistant.doctor.echo_path import _path_check, test_sound

    sweep = test_sound(SAMPLE_RATE).astype(np.float32) / 32768
    lead, delay = round(LEAD_S * SAMPLE_RATE), round(0.04 * SAMPLE_RATE)
    far = np.concatenate([np.zeros(4000, np.float32), sweep, np.zeros(8000, np.float32)])
    near = np.zeros_like(far)
    near[lead + delay:] = far[:far.size - lead - delay] * 10 ** (-6 / 20)
    near += np.random.default_rng(0).standard_normal(near.size).astype(np.float32) * 1e-4
    check = _path_check(near, far, near * 0.05, LEAD_S, 60.0)
    assert check.status == "ok", check
    assert check.details["delay_ms"] == pytest.approx(40, abs=2)
    assert check.details["attenuation_db"] == pytest.approx(-6, abs=1)
    assert check.details["removed_db"] == pytest.approx(26, abs=1)
    quiet = _path_check(np.random.default_rng(1).standard_normal(far.size).astype(np.float32) * 1e-4, far, near,
                        LEAD_S, 60.0)
    assert quiet.status == "info" and "does not hear" in quiet.summary


def test_a_48_khz_microphone_in_1024_sample_blocks_is_cleaned(voices):
    """A device that only offers 48 kHz: its blocks are converted to 16 kHz, then cleaned."""
    from assistant.audio.io import resample

    far, _ = voices
    mic16, _ = room(far, 0.05, 0.0, seconds=5.0)
    mic48 = resample(mic16, SAMPLE_RATE, 48000)
    echo = EchoCanceller(FarEnd())
    echo.far.played(far, T0, PLAYER_RATE)
    assembler = FrameAssembler(48000, echo)
    frames = []
    for start in range(0, mic48.size - 1024, 1024):
        frames += assembler.push(mic48[start:start + 1024], T0 + start / 48000)
    cleaned = np.concatenate([f.samples for f in frames])
    span = slice(SAMPLE_RATE, cleaned.size)
    assert power_db(mic16[span]) - power_db(cleaned[span]) >= 18


def test_the_settings_come_from_the_environment(monkeypatch, tmp_path):
    from assistant.config import load_settings

    monkeypatch.setenv("ASSISTANT_VOICE__ECHO_CANCELLATION", "false")
    monkeypatch.setenv("ASSISTANT_VOICE__INTERRUPT_AFTER_MS", "0")
    voice = load_settings(knowledge_dir=tmp_path / "k", data_dir=tmp_path / "d").voice
    assert voice.echo_cancellation is False and voice.interrupt_after_ms == 0 and voice.barge_in is None


def test_speech_with_no_echo_path_is_left_alone_while_the_speaker_plays(voices):
    """Headphones: AEC3 would turn the user's speech down while the speaker plays (6 dB on average, up to 39 dB in
    some 250 ms, measured); once the speaker has played for 3 s unheard by the microphone, it is handed on
    untouched."""
    far, user = voices
    mic = np.zeros(SAMPLE_RATE * 8, np.float32)
    mic[4 * SAMPLE_RATE:4 * SAMPLE_RATE + user.size] += user
    mic += np.random.default_rng(0).standard_normal(mic.size).astype(np.float32) * 1e-3
    cleaned, echo = run_live(far, mic)
    span = slice(4 * SAMPLE_RATE, 4 * SAMPLE_RATE + user.size)
    assert abs(power_db(cleaned[span]) - power_db(mic[span])) < 0.5
    assert np.array_equal(cleaned[span], mic[span])
    stats = echo.stats()
    assert not stats.echo_heard and stats.coupling is not None and stats.coupling < 0.15 and stats.bypassed_s > 3


@pytest.mark.parametrize("gain_db,user_db", [(0.0, 10.0), (-20.0, 10.0), (-30.0, 0.0)])
def test_an_echo_path_is_never_taken_for_headphones(voices, gain_db, user_db):
    """Loud or faint, with the user talking over it louder than it: the echo is heard, and cancelled throughout;
    the far end is measured arriving the room's delay plus the canceller's lead before its echo."""
    far, user = voices
    mic, _ = room(far, 0.06, gain_db)
    talk = np.tile(user, 3)[:mic.size - SAMPLE_RATE] * 10 ** ((gain_db + user_db) / 20)
    mic[SAMPLE_RATE:SAMPLE_RATE + talk.size] += talk
    _, echo = run_live(far, mic)
    stats = echo.stats()
    assert stats.echo_heard and stats.bypassed_s == 0 and stats.coupling is not None and stats.coupling > 0.18
    assert stats.far_lead_ms == pytest.approx(60 + LEAD_S * 1000, abs=6)


def test_the_far_end_stays_bounded_when_nothing_reads_it():
    """A microphone that stalled reads nothing: the speaker's timeline still keeps only its last seconds."""
    far = FarEnd()
    for second in range(40):
        far.played(np.full(SAMPLE_RATE, 0.1, np.float32), at=100.0 + second, rate=SAMPLE_RATE)
    assert far.ahead_s(140.0) == pytest.approx(0.0, abs=1e-3)
    assert far.read(139.5, 160).tolist() == pytest.approx([0.1] * 160)
    assert not far.read(110.0, 160).any()  # long gone


@pytest.mark.parametrize("end", ["microphone", "speaker"])
@pytest.mark.parametrize("first_error_s", [-0.09, 0.09])
def test_one_late_or_early_device_time_does_not_set_the_alignment(voices, first_error_s, end):
    """The first block's time 90 ms off, at either end (PortAudio's first times on PulseAudio jump about), every
    later one right: the alignment follows the times the device keeps giving, not the first one, and the echo goes
    (anchored on the first, the far end came after its echo when it was 90 ms early: AEC3 cannot cancel that)."""
    far, _ = voices
    mic, _ = room(far, 0.03, 0.0)
    echo = EchoCanceller(FarEnd())
    out, played = [], 0
    for start in range(0, mic.size - FRAME_SAMPLES + 1, FRAME_SAMPLES):
        at = T0 + start / SAMPLE_RATE
        while played < far.size and T0 + played / PLAYER_RATE <= at + 0.05:
            error = first_error_s if played == 0 and end == "speaker" else 0.0
            echo.far.played(far[played:played + 512], T0 + played / PLAYER_RATE + error, PLAYER_RATE)
            played += 512
        error = first_error_s if start == 0 and end == "microphone" else 0.0
        out.append(echo.clean(mic[start:start + FRAME_SAMPLES], at + error))
    cleaned = np.concatenate(out)
    span = slice(4 * SAMPLE_RATE, cleaned.size - SAMPLE_RATE)
    assert power_db(mic[span]) - power_db(cleaned[span]) >= 18
