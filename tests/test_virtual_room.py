"""The virtual sound card's room (tests/virtual_sound.py): what the speaker plays comes back into the microphone
late, at a gain, with reverberation, over a noise floor. On the rig, a known signal is played through the
speaker (pacat) and found in the microphone (parec) by cross-correlation with what the speaker's monitor
recorded; both recordings are timed by when their blocks arrived.
"""

from __future__ import annotations

import time

import numpy as np
import pytest

import virtual_sound
from virtual_sound import CHUNK, RATE, RIG_LATENCY_S, Capture, Echo, Room, VirtualSoundCard, chirp

DELAY_TOLERANCE_S = 0.005  # the echo's measured delay vs delay_ms + RIG_LATENCY_S (runs give 10.3-11.1 ms)
GAIN_TOLERANCE_DB = 2.0


def level_db(samples: np.ndarray) -> float:
    return float(10 * np.log10(np.mean(np.square(samples, dtype=np.float64)) + 1e-20))


# -- the room's response and the streaming convolution (no sound server) -----------------------------------
def test_impulse_response_is_delay_direct_path_then_a_decaying_tail():
    room = Room(gain_db=-6, delay_ms=30, rt60_s=0.3, seed=3)
    response = room.impulse_response()
    lag = round(0.030 * RATE)
    assert not response[:lag].any()
    assert response[lag] == pytest.approx(10 ** (-6 / 20), rel=1e-6)
    tail = response[lag + 1:]
    assert tail.size == round(0.3 * RATE)
    assert np.abs(tail).max() < response[lag]  # the direct path comes first and is the largest tap
    assert np.sum(tail.astype(np.float64) ** 2) == pytest.approx(response[lag] ** 2, rel=1e-4)  # DRR 0 dB
    tenth = tail.size // 10  # -6 dB per tenth of rt60, in energy over a tenth: about 60 dB first to last
    assert level_db(tail[:tenth]) - level_db(tail[-tenth:]) == pytest.approx(54, abs=4)
    assert np.array_equal(response, room.impulse_response())  # seeded
    assert not np.array_equal(response, Room(gain_db=-6, delay_ms=30, rt60_s=0.3, seed=4).impulse_response())
    assert np.array_equal(Room(gain_db=0, delay_ms=0).impulse_response(), [1.0])


@pytest.mark.parametrize("room", [Room(gain_db=-6, delay_ms=80), Room(delay_ms=20, rt60_s=0.5)])
def test_streaming_echo_equals_the_whole_convolution(room):
    response = room.impulse_response()
    echo = Echo(response)
    played = np.random.default_rng(1).standard_normal(RATE)  # one second, in 50 chunks
    padded = np.concatenate([np.zeros(echo.history_size() + echo.lag), played])
    streamed = []
    for start in range(0, played.size, CHUNK):
        end = echo.history_size() + start + CHUNK  # the history ends `lag` before the chunk's last output
        streamed.append(echo(padded[end - echo.history_size(): end]))
    assert np.allclose(np.concatenate(streamed), np.convolve(played, response)[: played.size], atol=1e-5)


def test_streaming_echo_costs_well_under_a_chunk():
    echo = Echo(Room(rt60_s=0.5).impulse_response())
    history = np.random.default_rng(2).standard_normal(echo.history_size())
    echo(history)
    began = time.perf_counter()
    for _ in range(100):
        echo(history)
    per_chunk = (time.perf_counter() - began) / 100  # about 0.3 ms on 2 cores
    assert per_chunk < 0.005, f"{per_chunk * 1000:.2f} ms per 20 ms chunk"


# -- on the rig ----------------------------------------------------------------------------------------------
@pytest.fixture
def make_card(tmp_path):
    virtual_sound.require()
    cards: list[VirtualSoundCard] = []

    def make(room: Room | None) -> VirtualSoundCard:
        card = VirtualSoundCard(tmp_path / f"sound{len(cards)}", room=room).start()
        cards.append(card)
        if room is None:
            card.record()
        card.feed()
        return card

    yield make
    for card in cards:
        card.close()


def play_and_hear(card: VirtualSoundCard, signal: np.ndarray, after_s: float = 0.5):
    """Play `signal` through the speaker while the microphone records: (what the monitor recorded of it, the
    perf_counter time its first sample arrived there, the microphone's samples, the time of their sample 0)."""
    microphone = Capture(card.env, "vmic")
    try:
        time.sleep(0.3)  # the microphone's stale backlog
        before = card.recording()[0].size
        card.play(np.concatenate([signal, np.zeros(RATE // 10, np.float32)]))
        time.sleep(after_s)
        heard, heard_origin = microphone.samples()
    finally:
        microphone.close()
    recorded, recorded_origin = card.recording()
    scores = np.correlate(recorded[before:], signal, mode="valid")
    at = before + int(np.argmax(np.abs(scores)))
    played = recorded[at: at + signal.size]
    # (the speaker path resamples 16 -> 48 -> 16 kHz: white noise loses about 1 dB near 8 kHz)
    assert level_db(played) == pytest.approx(level_db(signal), abs=3.0), "the speaker did not play the signal"
    return played, recorded_origin + at / RATE, heard, heard_origin


def find_echo(played: np.ndarray, sent: float, heard: np.ndarray, heard_origin: float, within_s: float = 0.3):
    """(delay in seconds from the monitor to the microphone, gain in dB, correlation coefficient) of the
    strongest copy of `played` in `heard` between `sent` and `sent + within_s`."""
    first = round((sent - heard_origin) * RATE)
    assert first >= 0, "the microphone's recording began after the speaker played"
    window = heard[first: first + round(within_s * RATE) + played.size]
    scores = np.correlate(window, played, mode="valid")
    at = int(np.argmax(scores))
    copy = window[at: at + played.size]
    gain = float(np.dot(copy, played) / np.dot(played, played))
    coefficient = float(np.corrcoef(copy, played)[0, 1])
    return (first + at) / RATE + heard_origin - sent, 20 * np.log10(max(gain, 1e-10)), coefficient


@pytest.mark.slow
@pytest.mark.parametrize("room", [Room(gain_db=0, delay_ms=30), Room(gain_db=-6, delay_ms=80)])
def test_the_microphone_hears_the_speaker_late_at_the_rooms_gain(make_card, room):
    card = make_card(room)
    played, sent, heard, heard_origin = play_and_hear(card, chirp())
    delay, gain_db, coefficient = find_echo(played, sent, heard, heard_origin)
    expected = room.delay_ms / 1000 + RIG_LATENCY_S
    assert abs(delay - expected) <= DELAY_TOLERANCE_S, f"echo {delay * 1000:.1f} ms, expected {expected * 1000:.1f}"
    assert abs(gain_db - room.gain_db) <= GAIN_TOLERANCE_DB, f"echo at {gain_db:.1f} dB"
    assert coefficient > 0.99  # a clean copy: no chunk lost or doubled
    assert abs(card.room_latency_s() - delay) <= 0.002  # what a benchmark reports is what the microphone gets


@pytest.mark.slow
def test_without_a_room_the_microphone_does_not_hear_the_speaker(make_card):
    card = make_card(None)
    played, sent, heard, heard_origin = play_and_hear(card, chirp())
    _, gain_db, coefficient = find_echo(played, sent, heard, heard_origin)
    assert gain_db < -40 and coefficient < 0.1


@pytest.mark.slow
@pytest.mark.parametrize("rt60_s", [0.3, 0.0])
def test_reverberation_leaves_a_decaying_tail_over_the_noise_floor(make_card, rt60_s):
    room = Room(gain_db=0, delay_ms=30, rt60_s=rt60_s, noise_dbfs=-60)
    card = make_card(room)
    burst = (np.random.default_rng(5).standard_normal(RATE // 20) * 0.3).astype(np.float32)  # 50 ms
    played, sent, heard, heard_origin = play_and_hear(card, burst, after_s=0.8)
    delay, _, _ = find_echo(played, sent, heard, heard_origin)  # the direct path
    assert abs(delay - (room.delay_ms / 1000 + RIG_LATENCY_S)) <= DELAY_TOLERANCE_S
    direct = round((sent + delay - heard_origin) * RATE)  # where the direct path's copy of the burst begins
    window = RATE // 100  # 10 ms
    floor = level_db(heard[direct - 4 * window: direct - window])
    assert floor == pytest.approx(room.noise_dbfs, abs=2.0)
    end = direct + burst.size + window  # 10 ms after the direct path's copy ends (the speaker path's filters)
    levels = np.array([level_db(heard[end + i * window: end + (i + 1) * window]) for i in range(30)])
    if rt60_s == 0:
        assert levels.max() < floor + 3  # nothing after the direct path
        return
    assert levels[0] > floor + 30  # the tail is there, right after the direct path
    above = np.flatnonzero(levels < floor + 10)
    fitted = levels[: above[0] if above.size else levels.size]  # while clearly above the floor
    assert fitted.size >= 5
    slope = np.polyfit(np.arange(fitted.size) * window / RATE, fitted, 1)[0]  # dB per second
    assert -60 / slope == pytest.approx(rt60_s, rel=0.3), f"decays {slope:.0f} dB/s"
    assert levels[-1] < floor + 3  # and it ends
