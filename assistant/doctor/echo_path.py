"""Echo cancellation: does its library load, and (`--deep`) what the room does to the speaker's sound.

The deep check plays a chirp and then noise on the configured speaker through the player the voice loop uses,
records the configured microphone through the same echo canceller, and reports the echo path: how late the
speaker is heard (the device latencies and the air between them) and how loud (its attenuation), and how much of
it the canceller removes. With headphones, or a speaker the microphone cannot hear, there is no echo to measure: said so.
"""

from __future__ import annotations

import time

import numpy as np

from ..errors import DeviceUnavailable
from .report import Check, info, ok, skip, warn

CHIRP_S = 1.5
NOISE_S = 3.0  # then noise: the canceller adapts over its first half, what it removes is measured over the rest
# (AEC3 hardly cancels a sweep, one frequency at a time; it does broadband sound such as speech or noise)
CHIRP_DBFS = -12.0
HEARD_DB = -50.0  # an echo path weaker than this is none (headphones, or a muted microphone)


def library(settings) -> Check:
    from ..audio.echo import LIBRARY, unavailable

    if settings is not None and not settings.voice.echo_cancellation:
        return info("audio", "echo", "echo cancellation is off in the config: the assistant can't be interrupted "
                                     "by voice on open speakers unless barge_in is on (headphones)")
    if (why := unavailable()) is not None:
        return warn("audio", "echo", f"echo cancellation unavailable: {why}",
                    f"`pip install {LIBRARY}`, or `make setup`; meanwhile use headphones with barge_in on")
    return ok("audio", "echo", f"echo cancellation ready ({LIBRARY}, WebRTC AEC3): barge-in on open speakers")


def chirp(rate: int, seconds: float = CHIRP_S) -> np.ndarray:
    """A logarithmic sweep from 200 Hz to 6 kHz at CHIRP_DBFS, faded in and out, as int16."""
    t = np.arange(int(rate * seconds)) / rate
    f0, f1 = 200.0, 6000.0
    k = np.log(f1 / f0)
    phase = 2 * np.pi * f0 * seconds / k * (np.exp(t / seconds * k) - 1)
    fade = np.minimum(1.0, np.minimum(t, seconds - t) / 0.05)
    return (np.sin(phase) * fade * 10 ** (CHIRP_DBFS / 20) * 32767).astype(np.int16)


def test_sound(rate: int) -> np.ndarray:
    """The chirp, a moment of silence, and NOISE_S of white noise at the chirp's level, as int16."""
    noise = np.random.default_rng(0).standard_normal(int(rate * NOISE_S)) * 10 ** (CHIRP_DBFS / 20) / np.sqrt(2)
    noise = np.clip(noise * 32767, -32768, 32767).astype(np.int16)
    return np.concatenate([chirp(rate), np.zeros(int(rate * 0.3), np.int16), noise])


def measure(voice) -> Check:
    """Play the chirp, record it back through the canceller; the echo path's delay and attenuation."""
    from ..audio.echo import LEAD_S, EchoCanceller, unavailable
    from ..audio.player import SpeakerPlayer
    from ..audio.sources import MicrophoneSource

    if unavailable() is not None:
        return skip("audio", "echo path", "not measured: echo cancellation is unavailable")
    echo = EchoCanceller()
    echo.taps = []
    try:
        mic = MicrophoneSource(voice.input_device, echo=echo).start()
    except DeviceUnavailable as exc:
        return skip("audio", "echo path", f"not measured: {exc}")
    try:
        player = SpeakerPlayer(16000, voice.output_device)
    except DeviceUnavailable as exc:
        mic.close()
        return skip("audio", "echo path", f"not measured: {exc}")
    player.far_end = echo.far
    try:
        time.sleep(0.3)  # both streams running
        player.play(test_sound(16000), generation=0)
        player.wait_idle(timeout=CHIRP_S + NOISE_S + 3)
        time.sleep(0.5)  # the room's tail
    finally:
        player.close()
        mic.close()
    taps = echo.taps or []
    if not taps:
        return warn("audio", "echo path", "the microphone delivered nothing while the chirp played",
                    "check the microphone (`assistant doctor` above)")
    near, far, cleaned = (np.concatenate(part) for part in zip(*taps))
    return _path_check(near, far, cleaned, LEAD_S, echo.stats().cpu_us_per_block)


def _path_check(near: np.ndarray, far: np.ndarray, cleaned: np.ndarray, lead_s: float, cpu_us: float) -> Check:
    from ..audio.echo_path import cross_correlation
    from ..audio.frames import SAMPLE_RATE

    if not far.any():
        return warn("audio", "echo path", "the chirp never reached the far end (the speaker played nothing)",
                    "check the speaker (`assistant doctor` above)")
    span = min(near.size, far.size)
    correlation = cross_correlation(near[:span], far[:span], min(span, SAMPLE_RATE))  # (near late by up to 1 s)
    lag = int(np.argmax(np.abs(correlation)))
    shifted = far[:span - lag]
    echo = near[lag:lag + shifted.size]
    playing = np.abs(shifted) > 1e-3
    heard = float(np.mean(np.square(echo[playing]))) if playing.any() else 0.0
    attenuation_db = 10 * np.log10(heard / float(np.mean(np.square(shifted[playing])))) if heard else -120.0
    last = np.flatnonzero(np.abs(far) > 1e-3)  # the noise's second half, where the canceller has adapted
    removed = None
    if last.size:
        start = last[-1] - round(NOISE_S / 2 * SAMPLE_RATE) + lag
        window = slice(max(0, start), min(last[-1] + lag, near.size, cleaned.size))
        power_in, power_out = (float(np.mean(np.square(x[window]))) for x in (near, cleaned))
        removed = round(10 * np.log10(power_in / power_out), 1) if power_out > 0 and power_in > 0 else None
    delay_ms = round((lag / SAMPLE_RATE - lead_s) * 1000)  # (the far end was read lead_s ahead)
    facts = {"delay_ms": delay_ms, "attenuation_db": round(float(attenuation_db), 1), "removed_db": removed,
             "cpu_us_per_10ms": cpu_us}
    if attenuation_db < HEARD_DB:
        return info("audio", "echo path", f"the microphone does not hear the speaker (attenuation "
                                          f"{attenuation_db:.0f} dB): headphones, or a quiet speaker", **facts)
    return ok("audio", "echo path", f"the speaker is heard {delay_ms} ms late at {attenuation_db:.0f} dB; echo "
                                    f"cancellation removes {removed if removed is not None else '?'} dB of it",
              **facts)
