"""A short trial of the configured microphone and speaker: does audio come in, and does the speaker's stream
run? (A listed device can still deliver nothing: unplugged, suspended, muted or taken by another program.)"""

from __future__ import annotations

import math
import time

import numpy as np

from ..errors import DeviceUnavailable
from .report import Check, ok, warn

LISTEN_S = 1.0
_FIX_INPUT = ("check that it is plugged in and not muted (`assistant devices` lists the inputs; set "
              "[voice] input_device), or close the program that holds it")


def _dbfs(value: float) -> str:
    return f"{20 * math.log10(value):.0f} dBFS" if value > 0 else "-inf dBFS"


def checks(settings) -> list[Check]:
    """The trial of the configured devices, where PortAudio lists any."""
    from ..audio.devices import audio_devices

    inputs, outputs, _ = audio_devices()
    voice = settings.voice if settings is not None else None
    out = []
    if inputs:
        out.append(listen(voice.input_device if voice else None))
    if outputs:
        out.append(play(voice.output_device if voice else None))
    return out


def has_both_ends() -> bool:
    """PortAudio lists a microphone and a speaker."""
    from ..audio.devices import audio_devices

    inputs, outputs, _ = audio_devices()
    return bool(inputs and outputs)


def listen(device: str | int | None, seconds: float = LISTEN_S) -> Check:
    """Record `seconds` from the input; ok when samples came and were not all exact zeros."""
    from ..audio.sources import MicrophoneSource

    name = "the default microphone" if device is None else f"microphone {device!r}"
    try:
        mic = MicrophoneSource(device).start()  # (read with next_frame: its iterator's reports never run)
    except DeviceUnavailable as exc:
        return warn("audio", "listen", f"cannot open {name}: {exc}", _FIX_INPUT)
    got = []
    deadline = time.monotonic() + seconds
    try:
        while (frame := mic.next_frame(deadline - time.monotonic())) is not None:
            got.append(frame.samples)
    finally:
        mic.close()
    heard_s = sum(s.size for s in got) / 16000
    facts = {"device": device, "seconds": seconds, "heard_s": round(heard_s, 2), "bad_blocks": mic.bad_blocks}
    if not got:
        return warn("audio", "listen", f"no audio from {name} in {seconds:.0f} s: unplugged, suspended, or taken "
                    "by another program?", _FIX_INPUT, **facts)
    samples = np.concatenate(got)
    rms, peak = float(np.sqrt(np.mean(np.square(samples, dtype=np.float64)))), float(np.abs(samples).max())
    facts.update(rms_dbfs=round(20 * math.log10(rms), 1) if rms > 0 else None)
    if peak == 0:
        return warn("audio", "listen", f"only digital silence from {name} (exact zeros): muted?", _FIX_INPUT,
                    **facts)
    if heard_s < seconds * 0.5:
        return warn("audio", "listen", f"{name} delivered {heard_s:.2f} s of audio in {seconds:.0f} s",
                    _FIX_INPUT, **facts)
    return ok("audio", "listen", f"{name} delivers audio: level {_dbfs(rms)}, peak {_dbfs(peak)}", **facts)


def play(device: str | int | None, seconds: float = 0.3) -> Check:
    """Play `seconds` of silence on the output; ok when its stream took it in about real time."""
    from ..audio.player import SpeakerPlayer

    name = "the default speaker" if device is None else f"speaker {device!r}"
    fix = ("check that it is plugged in and not taken by another program (`assistant devices` lists the "
           "outputs; set [voice] output_device)")
    try:
        player = SpeakerPlayer(16000, device)
    except DeviceUnavailable as exc:
        return warn("audio", "play", f"cannot open {name}: {exc}", fix)
    try:
        started = time.monotonic()
        player.play(np.zeros(int(16000 * seconds), np.int16), generation=0)
        played = player.wait_idle(timeout=seconds + 2.0)
        took = time.monotonic() - started
    finally:
        player.close()
    if not played:
        return warn("audio", "play", f"{name} does not play: its stream took nothing in {seconds + 2:.1f} s", fix)
    return ok("audio", "play", f"{name} plays ({seconds:.1f} s of silence in {took:.2f} s)", seconds=round(took, 2))
