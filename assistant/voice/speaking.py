"""The answer stage's last step: each sentence spoken (Piper, then the player) as it comes, and the wait
until the turn's audio has been heard. The speaker's queue stays bounded: a long reply is synthesised as
it is heard; a speaker that takes nothing is reported and does not hold the turn (or the half-duplex
microphone) for long."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ..audio.player import Player
from ..errors import first_line
from .events import Problem, Speaking, State, VoiceEvent
from .latency import TurnClock
from .runner import Runner
from .sentences import speakable
from .turns import StageQueue, Turn

if TYPE_CHECKING:
    from ..roles import TextToSpeech

LATE_AUDIO_S = 5.0  # a dead output device must not hold a turn (and the half-duplex mic) for longer
MAX_QUEUED_AUDIO_S = 20.0  # the speaker's queue: synthesis waits while more than this is still to play


class Speech:
    def __init__(self, tts: TextToSpeech | None, player: Player | None, runner: Runner, clock: Callable[[], float],
                 emit: Callable[[VoiceEvent], None], set_state: Callable[[State], None],
                 post: Callable[..., Any]):
        self.tts, self.player, self.runner, self.clock = tts, player, runner, clock
        self._emit, self._set_state, self._post = emit, set_state, post

    async def speak(self, turn: Turn, sentences: StageQueue[str | None], clock: TurnClock) -> float:
        """Speak each sentence as it comes; the seconds of audio queued."""
        queued = 0.0
        while (sentence := await sentences.get()) is not None:
            text = speakable(sentence)
            if self.tts is None or self.player is None or not any(c.isalnum() for c in text):
                continue
            clock.mark("first_sentence", self.clock())
            while self.player.remaining_s() > MAX_QUEUED_AUDIO_S and not turn.cancel.is_set():
                await asyncio.sleep(0.1)  # a long reply is synthesised as it is heard, not all at once
            try:
                audio = await self.runner.call(self.tts.synthesize_all, text)
            except Exception as exc:
                self._emit(Problem(f"speech synthesis failed: {first_line(exc)}", turn.generation))
                continue
            clock.mark("first_audio_ready", self.clock())
            if self.player.play(audio, turn.generation, text, self.tts.sample_rate):  # refused once interrupted
                self._set_state("speaking")
                queued += audio.size / self.tts.sample_rate
                self._emit(Speaking(text, turn.generation))
        return queued

    async def until_heard(self, turn: Turn, audio_s: float) -> None:
        """Wait until the turn's audio has been played, or the turn is interrupted; not past the time the
        audio should take plus LATE_AUDIO_S."""
        player = self.player
        if player is None or not audio_s:
            return
        interrupted = asyncio.Event()
        forget = turn.cancel.on_set(lambda: self._post(interrupted.set))
        deadline = self.clock() + audio_s + LATE_AUDIO_S
        try:
            while player.busy() and not interrupted.is_set() and self.clock() < deadline:
                wait = max(0.01, min(player.remaining_s(), deadline - self.clock()))  # (never a 0 s spin)
                with contextlib.suppress(asyncio.TimeoutError):
                    await asyncio.wait_for(interrupted.wait(), timeout=wait)
        finally:
            forget()
        if player.busy() and not interrupted.is_set():  # the output is not playing: say so, free the mic
            player.stop(turn.generation + 1)
            self._emit(Problem("the speaker is not playing (unplugged, or taken by another program?): "
                               "the reply is shown, not heard", turn.generation))
