"""Speech recognition in the voice loop: Whisper on each utterance, begun early on a pause.

When the endpointer reports a pause (the turn may be over), `Recognition.pause` starts Whisper on the speech
so far, while the end of the turn is still being confirmed; once the words are known it may begin a
tentative reply to them (`Replies.begin(tentative=True)`). `resumed` drops both when the speaker goes on.
`transcript(utterance)` then gives the utterance's words, the early ones when they were heard on this same
speech, with the tentative reply begun on them. Whisper's language is found once (the setting, the voice's,
or the first turn's guess) and kept.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..audio.frames import Utterance
from .replies import Replies, Reply
from .runner import Runner

if TYPE_CHECKING:
    from ..contracts import Transcript
    from ..roles import SpeechToText


@dataclass
class Early:
    """Recognition started on a pause (and a tentative reply once its words are known)."""

    key: tuple[float, float | None]  # (start, speech end) of the speech it recognises
    work: asyncio.Future  # -> its Transcript
    reply: Reply | None = None


class Recognition:
    def __init__(self, stt: SpeechToText, runner: Runner, replies: Replies, language: str | None,
                 may_reply: Callable[[], bool]):
        self.stt, self.runner, self.replies = stt, runner, replies
        self.language = language  # None: detected on the first words heard, then kept
        self.may_reply = may_reply  # whether a tentative reply may begin now
        self._early: Early | None = None

    def pause(self, utterance: Utterance) -> None:
        """A pause: recognise the speech so far now, while the end of the turn is being confirmed."""
        self.resumed()
        key = (utterance.start_t, utterance.speech_end_t)
        self._early = Early(key, asyncio.ensure_future(self._early_work(key, utterance)))

    def resumed(self) -> None:
        """The speaker went on: the early recognition (a running one finishes unused) and any reply begun
        on it are not the turn."""
        early, self._early = self._early, None
        if early is not None:
            early.work.cancel()
            if early.reply is not None:
                self.replies.discard(early.reply)

    def drop_reply(self) -> None:
        """Another request goes first (typed while the user paused): a tentative reply is taken back."""
        if self._early is not None and self._early.reply is not None:
            self.replies.discard(self._early.reply)
            self._early.reply = None

    async def transcript(self, utterance: Utterance) -> tuple[Transcript, Reply | None]:
        """The utterance's words, and the tentative reply to them: the early ones when they were started on
        this same speech."""
        early = self._early
        if early is not None and early.key == (utterance.start_t, utterance.speech_end_t) \
                and not early.work.cancelled():
            self._early = None
            return await early.work, early.reply
        self.resumed()
        transcript = await self.runner.call(self.stt.transcribe, utterance.samples, self.language, True)
        self._keep_language(transcript)
        return transcript, None

    async def _early_work(self, key: tuple[float, float | None], utterance: Utterance) -> Transcript:
        """Recognise the speech so far; once its words are known and the turn is still unconfirmed, begin a
        tentative reply to them (preemptive generation: if the turn is confirmed it goes on from there)."""
        work = asyncio.ensure_future(self.runner.call(self.stt.transcribe, utterance.samples, self.language, True))
        work.add_done_callback(self._keep_language_of)  # found once, kept even when this is dropped
        transcript = await asyncio.shield(work)
        early = self._early
        if transcript.text.strip() and early is not None and early.key == key and self.may_reply():
            early.reply = self.replies.begin(transcript.text.strip(), tentative=True)
        return transcript

    def _keep_language(self, transcript: Transcript) -> None:
        """Whisper's guess from a few seconds of speech is unreliable (a short English question can come out
        as Thai) and costs a second pass over the audio: the first guess holds for the conversation."""
        if self.language is None and transcript.text.strip():
            self.language = transcript.language

    def _keep_language_of(self, work: asyncio.Future) -> None:
        if not work.cancelled() and work.exception() is None:
            self._keep_language(work.result())
