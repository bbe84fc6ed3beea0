"""Whether the microphone is heard: the user's mute and push-to-talk, and half-duplex echo suppression.

With echo cancellation running (the microphone cleaned of what the speaker plays), barge-in is on by default:
the microphone is heard while the assistant speaks. Without it, on speakers the assistant would hear itself; so
with barge-in off the microphone is ignored while the player is busy and for `echo_tail_ms` after it falls
silent. With barge-in on (echo cancelled, or headphones), or with an unpaced source (a file read as fast as it
goes), only the user's own mute applies. Push-to-talk released asks for a flush: the turn ends at once instead of
waiting for silence. The capture thread asks `muted()` for every frame; the UI thread sets the rest: one lock.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..audio.player import Player
    from ..config import VoiceSettings


class MicGate:
    def __init__(self, voice: VoiceSettings, player: Player | None, clock: Callable[[], float],
                 echo_cancelled: bool = False):
        self.voice = voice
        self.player = player
        self.echo_cancelled = echo_cancelled  # the microphone is cleaned of what the player plays
        self.clock = clock
        self.paced = True  # a live source; an unpaced file is never muted for echo
        self._lock = threading.Lock()
        self._listening = True
        self._flush = False
        self._unmute_at = 0.0

    @property
    def listening(self) -> bool:
        """The user has the microphone open (not muted, push-to-talk pressed or hands-free)."""
        with self._lock:
            return self._listening

    def set_listening(self, on: bool, end_turn: bool = True) -> None:
        """Open or close the microphone. Closing it with `end_turn` (push-to-talk released) asks for the
        speech so far to be answered at once; without (mute) it is dropped."""
        with self._lock:
            if self._listening and not on and end_turn:
                self._flush = True
            self._listening = on

    def take_flush(self) -> bool:
        """Whether a flush was asked for since the last call (the capture thread's side)."""
        with self._lock:
            flush, self._flush = self._flush, False
            return flush

    @property
    def barge_in(self) -> bool:
        """Speaking over the assistant stops it: as set, else while echo cancellation runs."""
        return self.echo_cancelled if self.voice.barge_in is None else self.voice.barge_in

    def muted(self) -> bool:
        """Whether the current frame is ignored."""
        with self._lock:
            if not self._listening:
                return True
            if not self.paced or self.barge_in or self.player is None:
                return False
            now = self.clock()
            if self.player.busy():
                self._unmute_at = now + self.voice.echo_tail_ms / 1000
                return True
            return now < self._unmute_at
