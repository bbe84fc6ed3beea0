"""The streaming voice loop: frames -> end of turn (VAD) -> STT -> agent -> sentences -> TTS -> player.

Three asyncio stages joined by queues; the blocking work (VAD per frame, Whisper, the LLM, Piper) goes to
the runner (`runner.py`: worker threads), so the loop itself only moves small messages. The last step, speaking
each sentence and waiting for it to be heard, is `speaking.py`.

    capture (per frame, in the capture thread): MicGate -> Endpointer -> SpeechStarted / Utterance
    transcribe: Utterance -> Whisper -> a request in the inbox (typed requests join here)
    answer: request -> Turn -> the agent's events -> sentences -> Piper -> the player

Interruption is handled once: the `TurnController` owns the generation numbers, the floor and the active
turn's `Cancel`. A barge-in (or `interrupt()`) raises the floor and cancels the turn; the agent stops,
its stage queues drop the turn's remaining items when the next stage takes them, and the player refuses
its audio. The agent's history then keeps only the words that were heard, marked as interrupted.

Pacing: with a live source (a microphone, or a file fed in real time) the loop listens while it answers:
half-duplex by default (`gate.py`), barge-in when enabled. With an unpaced source (a file read as fast
as possible) turns simply run one after another. Every time is read from `clock` (the loop's clock, a
virtual one in the timeline tests).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from ..agent import FirstToken, TextDelta, ToolCallFinished, TurnDone
from ..audio.frames import SAMPLE_RATE, AudioFrame, Pause, Resumed, SpeechStarted, Utterance
from ..audio.player import Playback, Player
from ..config import VoiceSettings
from ..errors import first_line
from .endpointer import Endpointer
from .events import (AgentUpdate, Interrupted, Level, Overheard, Problem, State, StateChanged, TurnFinished,
                     UserSaid, VoiceEvent, VoiceTurn)
from .gate import MicGate
from .overlap import BargeIn
from .latency import LatencyLog, TurnClock
from .recognition import Recognition
from .replies import Replies, Reply
from .runner import Runner, ThreadRunner
from .sentences import SentenceSplitter
from .speaking import Speech
from .turns import StageQueue, Turn, TurnController

if TYPE_CHECKING:
    from ..agent import Agent
    from ..audio.echo import EchoCanceller
    from ..roles import SpeechToText, TextToSpeech, TurnEnd, VoiceActivity

log = logging.getLogger(__name__)


@dataclass
class Request:
    """What the user said (or typed), waiting to be answered."""

    text: str
    clock: TurnClock
    spoken: bool
    images: list | None = None
    reply: Reply | None = None  # a tentative reply already begun on these words


class VoiceLoop:
    def __init__(self, *, vad: VoiceActivity, stt: SpeechToText, agent: Agent, tts: TextToSpeech | None,
                 player: Player | None, voice: VoiceSettings | None = None,
                 on_event: Callable[[VoiceEvent], None] | None = None, latency_log: LatencyLog | None = None,
                 first_generation: int = 1, clock: Callable[[], float] = time.perf_counter,
                 runner: Runner | None = None, turn_end: TurnEnd | None = None,
                 echo: EchoCanceller | None = None):
        self.voice = voice or VoiceSettings()
        self.stt, self.agent, self.tts, self.player = stt, agent, tts, player
        self.clock = clock
        self.runner: Runner = runner or ThreadRunner()
        self.endpointer = Endpointer.for_voice(vad, self.voice, clock, turn_end)
        self.echo = echo  # what cleans the microphone of the player's output (None: nothing does)
        self.gate = MicGate(self.voice, player, clock, echo_cancelled=echo is not None and player is not None)
        self.control = TurnController(first_generation)
        self.replies = Replies(agent, self.control, self.runner, self._emit)
        self.speech = Speech(tts, player, self.runner, clock, self._emit, self._set_state, self._post)
        self.on_event = on_event
        self.latency_log = latency_log
        self.turns: list[VoiceTurn] = []  # finished turns, in order
        # None: detected on the first turn, then kept
        language = self.voice.stt_language(tts.language if tts is not None else None)
        self.recognition = Recognition(stt, self.runner, self.replies, language, self._may_reply)
        self._state: State = "stopped"
        self._loop: asyncio.AbstractEventLoop | None = None
        self._inbox: asyncio.Queue[Request | None] | None = None  # None: no more requests
        self._stopping = threading.Event()  # stop() was called (before or during run())
        self._stopped: asyncio.Event | None = None
        self._idle: asyncio.Event | None = None  # set while no turn is being answered
        self._muted_before = False  # (capture thread) the gate's answer for the last frame
        self._user_closed = False  # (capture thread) the mic was closed by the user, not by our own speech
        self._replying = False  # a confirmed request is being answered
        self.barge_in = (BargeIn(player, self._may_barge_in, self._stop_reply, clock,
                                 self.voice.interrupt_after_ms / 1000, self.voice.vad_threshold)
                         if player is not None and self.voice.interrupt_after_ms else None)  # None: stopped at once

    # -- running ------------------------------------------------------------------------------------
    async def run(self, frames: Iterable[AudioFrame] | None, paced: bool = True) -> list[VoiceTurn]:
        """Listen to `frames` until they end (a file) or `stop()` (a microphone); answer each turn.
        `frames=None` runs without audio input (typed turns through `say_text`)."""
        self._loop = asyncio.get_running_loop()
        self.gate.paced = paced
        self._inbox = asyncio.Queue()
        self._stopped = asyncio.Event()
        self._idle = asyncio.Event()
        self._idle.set()
        if self._stopping.is_set():
            self._stopped.set()
        utterances: asyncio.Queue[Utterance | None] = asyncio.Queue()  # None: the input has ended
        self._set_state("listening")
        answering = asyncio.create_task(self._answer_requests(self._inbox))
        transcribing = asyncio.create_task(self._transcribe(utterances, self._inbox))
        try:
            if frames is not None:
                await self.runner.capture(frames, lambda frame: self._frame(frame, utterances), self._stopping)
                for event in self.endpointer.flush():
                    if isinstance(event, Utterance):
                        utterances.put_nowait(event)
            else:
                await self._stopped.wait()
            utterances.put_nowait(None)
            await transcribing
            await answering
            self.recognition.resumed()
            await self.replies.settled()
        finally:
            for task in (answering, transcribing):
                task.cancel()
            self._set_state("stopped")
        return self.turns

    def stop(self) -> None:
        """End `run()` (thread-safe): stop listening, silence the output, let the current turn wind down."""
        self._stopping.set()
        if self._stopped is not None:
            self._post(self._stopped.set)
        self.interrupt()

    def say_text(self, text: str, images: list | None = None) -> None:
        """A typed turn (thread-safe), with optional attached images (paths or PIL images): answered like
        a spoken one, after any turn already waiting."""
        assert self._loop is not None and self._inbox is not None, "run() first"
        clock = TurnClock()
        clock.mark("transcribed", self.clock())
        self._post(self._inbox.put_nowait, Request(text, clock, False, images or None))

    def set_listening(self, on: bool, end_turn: bool = True) -> None:
        """Open or close the microphone (thread-safe); see MicGate.set_listening."""
        self.gate.set_listening(on, end_turn)
        if self._loop is not None and not self.control.busy:
            self._post(self._set_state, self._idle_state())

    def interrupt(self) -> Interrupted | None:
        """Stop the reply (Esc, a new conversation): silence the output, cancel the turn being answered,
        drop everything queued for it. Thread-safe; the Interrupted event comes from the event loop."""
        detected = self.clock()
        turn, quiet = self._cut()
        return self._interrupted(turn, detected, quiet)

    def _cut(self) -> tuple[Turn | None, float]:
        """Interrupt the active turn and silence the output (any thread); (that turn, when it went quiet)."""
        turn = self.control.interrupt()
        quiet = self.player.stop(self.control.floor) if self.player is not None else self.clock()
        return turn, quiet

    async def until_idle(self, timeout: float | None = None) -> bool:
        """Wait (on the loop's event loop) until no turn is being answered; False if `timeout` passed first."""
        if self._idle is None or self._idle.is_set():
            return True
        try:
            await asyncio.wait_for(self._idle.wait(), timeout)
        except asyncio.TimeoutError:
            return False
        return True

    @property
    def listening(self) -> bool:
        return self.gate.listening

    @property
    def busy(self) -> bool:
        """A turn is being answered (or winding down)."""
        return self.control.busy

    @property
    def generation(self) -> int:
        """The last turn's number."""
        return self.control.last

    @property
    def speaks(self) -> bool:
        """Replies are spoken (a player and a voice exist), not only shown."""
        return self.player is not None and self.tts is not None

    @property
    def state(self) -> State:
        return self._state

    # -- stage 1: frames -> utterances (where frames are produced: the capture thread) -------------------
    def _frame(self, frame: AudioFrame, utterances: asyncio.Queue[Utterance | None]) -> None:
        muted = self.gate.muted()
        if self.gate.take_flush():  # push-to-talk released: what was said so far is the turn
            for flushed in self.endpointer.flush():
                if isinstance(flushed, Utterance):
                    if self.barge_in is not None:
                        self.barge_in.flushed()
                    self._post(utterances.put_nowait, flushed)
        if muted != self._muted_before:
            self._muted_before = muted
            if muted and self.barge_in is not None:  # speech over a reply is dropped unheard
                self.barge_in.dropped()
            # what was heard before (and our own echo) is not the user's turn; but audio from just before
            # the user opened the mic is kept as pre-roll (push-to-talk pressed mid-word)
            self.endpointer.reset(keep_pre_roll=not muted and self._user_closed)
        if muted:
            self._user_closed = not self.gate.listening
            if self._user_closed:
                self.endpointer.remember(frame)
            return
        events = self.endpointer.push(frame)
        rms = float(np.sqrt(np.mean(np.square(frame.samples, dtype=np.float64))))
        self._post(self._emit, Level(rms, self.endpointer.last_probability))
        if self.barge_in is not None:
            self.barge_in.frame(self.endpointer, frame.samples.size / SAMPLE_RATE,
                                any(isinstance(e, Utterance) for e in events))
        for event in events:
            if isinstance(event, SpeechStarted):
                self._speech_started()
            elif isinstance(event, Pause):
                self._post(self.recognition.pause, event.utterance)
            elif isinstance(event, Resumed):
                self._post(self.recognition.resumed)
            else:
                self._post(utterances.put_nowait, event)

    def _speech_started(self) -> None:
        """The user speaks. With barge-in on, speech over a reply was turned down at its first frame and is
        judged by `BargeIn` (overlap.py); with `interrupt_after_ms = 0`, the reply is stopped here, at once (no
        hop through the event loop, which may be busy)."""
        detected = self.clock()
        interrupted = None
        if self.barge_in is None and self._may_barge_in() is not None:
            interrupted = self._cut()
        self._post(self._heard_speech, detected, interrupted)

    def _may_barge_in(self) -> int | None:
        """The reply that speech heard now may stop (barge-in on, a live microphone), or None."""
        active = self.control.active
        return active.generation if self.gate.paced and self.gate.barge_in and active is not None else None

    def _stop_reply(self, generation: int, detected: float) -> bool:
        """Speech over reply `generation` is a turn of the user's: the reply stops, if it is still the one
        spoken (any thread)."""
        active = self.control.active
        if active is None or active.generation != generation:
            return False
        turn, quiet = self._cut()
        self._post(self._interrupted, turn, detected, quiet)
        return True

    def _no_turn(self, utterance: Utterance, transcript: str, logprob: float | None = None) -> bool:
        """Speech over a reply, now recognised, that is no turn to answer (overlap.py); it is told as Overheard."""
        verdict = self.barge_in.judge(utterance, transcript, logprob) if self.barge_in is not None else None
        if verdict is not None:
            self._emit(Overheard(transcript, verdict[1], verdict[0], self.clock()))
        return verdict is not None

    def _heard_speech(self, detected: float, interrupted: tuple[Turn | None, float] | None) -> None:
        self._set_state("hearing")
        if interrupted is not None:
            self._interrupted(interrupted[0], detected, interrupted[1])

    def _interrupted(self, turn: Turn | None, detected: float, quiet: float) -> Interrupted | None:
        if turn is None:
            return None
        heard = self.player.heard(turn.generation) if self.player is not None else ""
        event = Interrupted(turn.generation, heard, round(quiet - detected, 4), detected)
        self._post(self._emit, event)
        return event

    # -- stage 2: utterances -> requests ------------------------------------------------------------------
    async def _transcribe(self, utterances: asyncio.Queue[Utterance | None],
                          inbox: asyncio.Queue[Request | None]) -> None:
        while (utterance := await utterances.get()) is not None:
            clock = TurnClock(stt_audio_s=utterance.duration, finished_p=utterance.finished)
            clock.mark("detected", utterance.detected_at)
            clock.mark("speech_end", utterance.detected_at - utterance.endpoint_wait)
            if not self.control.busy:
                self._set_state("thinking")
            try:
                transcript, reply = await self.recognition.transcript(utterance)
            except Exception as exc:  # a missing model, a decoder failure: say so, keep listening
                self._emit(Problem(f"speech recognition failed: {first_line(exc)}"))
                self._no_turn(utterance, "")  # (speech over a reply that can't be heard lets it go on, turned up)
                continue
            clock.mark("transcribed", self.clock())
            text = transcript.text.strip()
            if self._no_turn(utterance, text, transcript.logprob):  # "mm-hmm" over the reply, its own echo, "stop"
                continue
            if not text:  # a cough, a door: nothing to answer
                if not self.control.busy:
                    self._set_state(self._idle_state())
                continue
            inbox.put_nowait(Request(text, clock, True, reply=reply))
        inbox.put_nowait(None)

    # -- stage 3: requests -> agent -> sentences -> TTS -> player -------------------------------------------
    async def _answer_requests(self, inbox: asyncio.Queue[Request | None]) -> None:
        while (request := await inbox.get()) is not None:
            try:
                await self._answer(request)
            except Exception as exc:  # a bug or an unforeseen library error: say so, keep answering
                log.exception("turn %d failed", self.control.last)
                self._emit(Problem(f"this turn failed: {first_line(exc)}", self.control.last))
            finally:
                if self._idle is not None:
                    self._idle.set()  # the turn is over, its history written
            if inbox.empty():
                self._set_state(self._idle_state())

    async def _answer(self, request: Request) -> None:
        self._replying = True
        try:
            reply = await self._reply_for(request)
            await self._answer_with(request, reply)
        finally:
            self._replying = False

    async def _reply_for(self, request: Request) -> Reply:
        """The tentative reply begun on the request's words, now confirmed; else a new one (after any
        tentative reply has been taken back: the agent answers one request at a time)."""
        if request.reply is not None and self.replies.confirm(request.reply):
            return request.reply
        self.recognition.drop_reply()  # a typed request while the user paused
        await self.replies.settled()
        return self.replies.begin(request.text, request.images)

    async def _answer_with(self, request: Request, reply: Reply) -> None:
        turn, events = reply.turn, reply.events
        if self._idle is not None:
            self._idle.clear()
        clock = request.clock
        sentences: StageQueue[str | None] = StageQueue(self.control)  # None: the reply is complete
        speaker = None
        splitter = SentenceSplitter(first_clause_words=self.voice.first_clause_words or None)
        done: TurnDone | None = None
        try:
            self._emit(UserSaid(request.text, turn.generation, request.spoken, request.clock.transcribed))
            self._set_state("thinking")
            speaker = asyncio.create_task(self.speech.speak(turn, sentences, clock))
            while (event := await events.get()) is not None:
                if isinstance(event, TurnDone):
                    done = event
                    clock.reply_done = self.clock()
                    continue
                if isinstance(event, FirstToken):
                    clock.mark("first_token", self.clock())
                    continue
                if isinstance(event, ToolCallFinished):
                    clock.tool_s += event.result.seconds
                if isinstance(event, TextDelta):
                    for sentence in splitter.push(event.text):
                        sentences.put(sentence, turn.generation)
                self._emit(AgentUpdate(event, turn.generation))
            for sentence in splitter.flush():
                sentences.put(sentence, turn.generation)
            sentences.put(None, None)
            audio_s = await speaker
            await self.speech.until_heard(turn, audio_s)
        finally:
            if speaker is not None:
                speaker.cancel()
            await self.replies.finish(reply)
        self._finish(turn, request, done)

    def _finish(self, turn: Turn, request: Request, done: TurnDone | None) -> None:
        generation, clock = turn.generation, request.clock
        playback = self.player.playback(generation) if self.player is not None else Playback()
        clock.first_audio_out = playback.first_audio_at
        interrupted = (self.control.stale(generation) or playback.stopped_at is not None
                       or bool(done and done.interrupted))
        # what reached the user: what was heard, or in text mode what was shown
        heard = playback.heard_text() if self.speaks else (done.reply.strip() if done else "")
        if interrupted:
            self.agent.mark_interrupted(heard)
        record = clock.record()
        finished = VoiceTurn(generation, request.text, done.reply.strip() if done else "", heard, interrupted,
                             [_call_dict(c) for c in (done.tool_calls if done else [])], record,
                             typed=not request.spoken)
        self.turns.append(finished)
        if self.latency_log is not None:
            self.latency_log.write({"time": time.time(), "generation": generation, "interrupted": interrupted,
                                    "typed": not request.spoken, **record})
        self._emit(TurnFinished(finished))

    # -- helpers -------------------------------------------------------------------------------------
    def _may_reply(self) -> bool:
        """A tentative reply may begin: preemptive generation is on and the agent has nothing else to do."""
        return self.voice.preemptive and not (self.control.busy or self._replying or self.replies.discarding)

    def _idle_state(self) -> State:
        return "listening" if self.gate.listening else "muted"

    def _set_state(self, state: State) -> None:
        if state != self._state:
            self._state = state
            self._emit(StateChanged(state))

    def _emit(self, event: VoiceEvent) -> None:
        if self.on_event is not None:
            self.on_event(event)

    def _post(self, fn: Callable[..., Any], *args: Any) -> None:
        """Run `fn(*args)` on the event loop's thread (from any thread)."""
        if self._loop is None:
            return
        with contextlib.suppress(RuntimeError):  # the loop has closed: nothing is listening any more
            self._loop.call_soon_threadsafe(fn, *args)


def _call_dict(call: ToolCallFinished) -> dict:
    return {"name": call.name, "arguments": call.arguments, "is_error": call.result.is_error,
            "result": call.result.text, "citations": [asdict(c) for c in call.result.citations],
            "seconds": call.result.seconds}
