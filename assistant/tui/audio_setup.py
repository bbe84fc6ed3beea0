"""The app's audio ends: the microphone and the speaker, or a clear notice of what is missing.

`AudioEnds` is what the app needs from audio; tests build one from speech files and a simulated speaker.
"""

from __future__ import annotations

from pathlib import Path

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ..audio.echo import EchoCanceller, canceller
from ..audio.frames import AudioFrame
from ..audio.player import Player
from ..errors import DeviceUnavailable


@dataclass
class AudioEnds:
    frames: Iterable[AudioFrame] | None  # None: no microphone (typing still works)
    player: Player | None  # None: no speaker (replies are shown, not spoken)
    notices: list[str]
    close: Callable[[], None] = lambda: None
    echo: EchoCanceller | None = None  # cleans the microphone of what the speaker plays

    def describe(self, input_device: str | int | None, output_device: str | int | None) -> str:
        """The devices in use, as the voice panel shows them (the configured names, or the defaults)."""
        mic = "none" if self.frames is None else (input_device or "default")
        speaker = "none" if self.player is None else (output_device or "default")
        return f"mic: {mic}\nspeaker: {speaker}"


def open_devices(voice, sample_rate: int, report: Callable[[str], None] | None = None) -> AudioEnds:
    """The configured (or default) microphone and speaker; what cannot be opened becomes a notice. `report`
    hears (from the microphone's thread) what goes wrong later: a microphone gone silent, bad samples."""
    from ..audio.player import SpeakerPlayer
    from ..audio.sources import MicrophoneSource

    notices: list[str] = []
    mic = player = None
    echo = canceller(voice.echo_cancellation, report=notices.append)
    try:
        mic = MicrophoneSource(voice.input_device, report=report, echo=echo).start()
    except DeviceUnavailable as exc:
        notices.append(f"No microphone: {exc}. Typing still works.")
    try:
        player = SpeakerPlayer(sample_rate, voice.output_device)
    except DeviceUnavailable as exc:
        notices.append(f"No speaker: {exc}. Replies are shown, not spoken.")
    if mic is None or player is None:
        if mic is not None:
            mic.drop_echo()
        echo = None  # nothing to cancel
    elif echo is not None:
        player.far_end = echo.far

    def close() -> None:
        if mic is not None:
            mic.close()
        if player is not None:
            player.close()

    return AudioEnds(mic, player, notices, close, echo)


CLIP_S = 60.0  # how much of a cited recording a click plays


def play_from(player: Player, path: Path, moment: float, seconds: float = CLIP_S) -> None:
    """Play `seconds` of a recording from `moment` on the app's speaker (decoding only that stretch)."""
    from ..audio.io import read_range, to_int16

    player.play_clip(to_int16(read_range(path, max(0.0, moment), seconds, player.sample_rate)))
