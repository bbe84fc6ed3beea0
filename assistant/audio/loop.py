"""The streaming voice loop: frames -> end of turn (VAD) -> STT -> agent -> sentences -> TTS -> player.

Stages are asyncio tasks joined by queues; the blocking work (VAD per frame, Whisper, the LLM, Piper)
runs in threads so the loop itself only moves small messages. Every user turn gets a generation
number; barge-in raises the floor below which generations are stale, and each stage drops stale
items, so nothing of an interrupted reply is played after the interruption. The agent's history
then keeps only the words that were heard, marked as interrupted.

Pacing: with a live source (a microphone, or a file fed in real time) the loop listens while it
answers: half-duplex by default (the mic is ignored while audio plays, plus an echo tail), barge-in
when enabled. With an unpaced source (a file read as fast as possible) turns simply run one after
another.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import asdict

import numpy as np

from ..agent import TextDelta, ToolCallFinished, TurnDone
from ..config import VoiceSettings
from ..errors import AssistantError, first_line
from .endpointer import Endpointer
from .events import (AgentUpdate, Interrupted, Level, Problem, Speaking, StateChanged, TurnFinished, UserSaid,
                     VoiceEvent, VoiceTurn)
from .frames import AudioFrame, SpeechStarted, Utterance
from .latency import LatencyLog, TurnClock
from .player import Playback, Player
from .sentences import SentenceSplitter, speakable

_EOF = object()
log = logging.getLogger(__name__)


class VoiceLoop:
    def __init__(self, *, vad, stt, agent, tts, player: Player | None, voice: VoiceSettings | None = None,
                 on_event: Callable[[VoiceEvent], None] | None = None, latency_log: LatencyLog | None = None,
                 first_generation: int = 1):
        self.voice = voice or VoiceSettings()
        self.stt, self.agent, self.tts, self.player = stt, agent, tts, player
        self.endpointer = Endpointer.for_voice(vad, self.voice)
        self.on_event = on_event
        self.latency_log = latency_log
        self.turns: list[VoiceTurn] = []
        self.language: str | None = self.voice.language  # detected on the first turn when not set
        self.listening = True  # False: the mic is muted (push-to-talk released, or muted by the user)
        self._flush = threading.Event()  # push-to-talk released: end the turn now, without waiting for silence
        self._generation = first_generation - 1  # last generation handed out (a restarted loop goes on counting)
        self._floor = first_generation  # generations below this are stale
        self._active: tuple[int, threading.Event] | None = None  # the turn being answered, and its stop event
        self._unmute_at = 0.0
        self._state = "stopped"
        self._loop: asyncio.AbstractEventLoop | None = None
        self._inbox: asyncio.Queue | None = None  # transcripts and typed text waiting for the agent
        self._paced = True
        self._stopping = threading.Event()  # stop() was called (before or during run())

    # -- running ------------------------------------------------------------------------------------
    async def run(self, frames: Iterable[AudioFrame] | None, paced: bool = True) -> list[VoiceTurn]:
        """Listen to `frames` until they end (a file) or `stop()` (a microphone); answer each turn.
        `frames=None` runs without audio input (typed turns through `say_text`)."""
        self._loop = asyncio.get_running_loop()
        self._paced = paced
        self._inbox = asyncio.Queue()
        utterances: asyncio.Queue = asyncio.Queue()
        self._set_state("listening")
        turns = asyncio.create_task(self._answer_turns())
        transcribe = asyncio.create_task(self._transcribe(utterances))
        try:
            if frames is not None:
                await asyncio.to_thread(self._capture, iter(frames), utterances)
            else:
                await self._wait_stopped()
            await utterances.put(_EOF)
            await transcribe
            await turns
        finally:
            for task in (turns, transcribe):
                task.cancel()
            self._set_state("stopped")
        return self.turns

    def stop(self) -> None:
        """End `run()`: stop listening, silence the output, let the current turn wind down."""
        self._stopping.set()
        self.interrupt()

    def say_text(self, text: str, images: list | None = None) -> None:
        """A typed turn (thread-safe), with optional attached images (paths or PIL images): answered like
        a spoken one, after any turn already waiting."""
        assert self._loop is not None and self._inbox is not None, "run() first"
        clock = TurnClock()
        clock.mark("transcribed", time.perf_counter())
        self._loop.call_soon_threadsafe(self._inbox.put_nowait, (text, clock, False, images or None))

    def set_listening(self, on: bool, end_turn: bool = True) -> None:
        """Open or close the microphone (thread-safe). Closing it with `end_turn` (push-to-talk released)
        answers what was said so far at once; without (mute) it is dropped."""
        if self.listening and not on and end_turn:
            self._flush.set()
        self.listening = on
        if self._loop is not None and self._active is None:
            self._post(self._set_state, self._idle_state())

    @property
    def busy(self) -> bool:
        """A turn is being answered."""
        return self._active is not None

    @property
    def generation(self) -> int:
        """The last turn's number."""
        return self._generation

    @property
    def speaks(self) -> bool:
        """Replies are spoken (a player and a voice exist), not only shown."""
        return self.player is not None and self.tts is not None

    def interrupt(self, detected_at: float | None = None, quiet_at: float | None = None) -> Interrupted | None:
        """Barge-in: silence the output, cancel the reply being generated, drop every queued item.
        Called from the event loop's thread; `detected_at` is when the user's speech was detected, and
        `quiet_at` when the capture thread already silenced the output (None: silence it here)."""
        detected = detected_at or time.perf_counter()
        self._floor = self._generation + 1
        active = self._active
        if active is not None:
            active[1].set()
        quiet = quiet_at or (self.player.stop(self._floor) if self.player is not None else time.perf_counter())
        if active is None:
            return None
        heard = self.player.heard(active[0]) if self.player is not None else ""
        event = Interrupted(active[0], heard, round(quiet - detected, 4))
        self._emit(event)
        return event

    # -- stage 1: frames -> utterances (a thread: VAD per frame) -----------------------------------
    def _capture(self, frames, utterances: asyncio.Queue) -> None:
        muted_before = False
        user_closed = False  # the mic was closed by the user (mute, push-to-talk), not by our own speech
        for frame in frames:
            if self._stopping.is_set():
                break
            muted = self._muted()
            if self._flush.is_set():  # (set before `listening` drops: seen here before the mute resets)
                self._flush.clear()
                for event in self.endpointer.flush():
                    if isinstance(event, Utterance):
                        self._post(utterances.put_nowait, event)
            if muted != muted_before:
                muted_before = muted
                # what was heard before (and our own echo) is not the user's turn; but audio from just
                # before the user opened the mic is kept as pre-roll (push-to-talk pressed mid-word)
                self.endpointer.reset(keep_pre_roll=not muted and user_closed)
            if muted:
                user_closed = not self.listening
                if user_closed:
                    self.endpointer.remember(frame)
                continue
            events = self.endpointer.push(frame)
            rms = float(np.sqrt(np.mean(np.square(frame.samples, dtype=np.float64))))
            self._post(self._emit, Level(rms, self.endpointer.last_probability))
            for event in events:
                if isinstance(event, SpeechStarted):
                    detected = time.perf_counter()
                    self._post(self._speech_started, detected, self._silence_for_barge_in())
                else:
                    self._post(utterances.put_nowait, event)
        for event in self.endpointer.flush():
            if isinstance(event, Utterance):
                self._post(utterances.put_nowait, event)

    def _muted(self) -> bool:
        if not self.listening:
            return True
        if not self._paced or self.voice.barge_in or self.player is None:
            return False
        if self.player.busy():
            self._unmute_at = time.perf_counter() + self.voice.echo_tail_ms / 1000
            return True
        return time.perf_counter() < self._unmute_at

    def _barge_in_target(self) -> tuple[int, threading.Event] | None:
        """The turn that speech now interrupts, if barge-in applies."""
        active = self._active
        if self._paced and self.voice.barge_in and active is not None and active[0] >= self._floor:
            return active
        return None

    def _silence_for_barge_in(self) -> float | None:
        """In the capture thread, at once: stop generating and silence the output (no hop through the
        event loop, which may be busy); the player drops that turn's audio from now on. When it went quiet."""
        target = self._barge_in_target()
        if target is None:
            return None
        target[1].set()
        return self.player.stop(target[0] + 1) if self.player is not None else time.perf_counter()

    def _speech_started(self, detected_at: float, quiet_at: float | None) -> None:
        self._set_state("hearing")
        if quiet_at is not None or self._barge_in_target() is not None:
            self.interrupt(detected_at, quiet_at)

    # -- stage 2: utterances -> transcripts --------------------------------------------------------
    async def _transcribe(self, utterances: asyncio.Queue) -> None:
        while (utterance := await utterances.get()) is not _EOF:
            clock = TurnClock(stt_audio_s=utterance.duration)
            clock.mark("detected", utterance.detected_at)
            clock.mark("speech_end", utterance.detected_at - utterance.endpoint_wait)
            if self._active is None:
                self._set_state("thinking")
            language = self.voice.language or self.language
            try:
                transcript = await asyncio.to_thread(self.stt.transcribe, utterance.samples, language)
            except Exception as exc:  # a missing model, a decoder failure: say so, keep listening
                self._emit(Problem(f"speech recognition failed: {first_line(exc)}"))
                continue
            clock.mark("transcribed", time.perf_counter())
            text = transcript.text.strip()
            if text and self.language is None:
                # Whisper's guess from a few seconds of speech is unreliable (a short English question
                # can come out as Thai): the first turn's language holds for the conversation.
                self.language = transcript.language
            if not text:  # a cough, a door: nothing to answer
                if self._active is None:
                    self._set_state(self._idle_state())
                continue
            await self._inbox.put((text, clock, True, None))
        await self._inbox.put(_EOF)

    # -- stage 3: transcripts -> agent -> sentences -> TTS -> player -------------------------------
    async def _answer_turns(self) -> None:
        while (item := await self._inbox.get()) is not _EOF:
            text, clock, spoken, images = item
            self._generation += 1
            try:
                await self._answer(self._generation, text, clock, spoken, images)
            except Exception as exc:  # a bug or an unforeseen library error: say so, keep answering
                log.exception("turn %d failed", self._generation)
                self._emit(Problem(f"this turn failed: {first_line(exc)}", self._generation))
            if self._inbox.empty():
                self._set_state(self._idle_state())

    async def _answer(self, generation: int, text: str, clock: TurnClock, spoken: bool, images=None) -> None:
        stop = threading.Event()
        self._active = (generation, stop)
        self._emit(UserSaid(text, generation, spoken))
        self._set_state("thinking")
        sentences: asyncio.Queue = asyncio.Queue()
        speaker = asyncio.create_task(self._speak(generation, sentences, clock))
        events: asyncio.Queue = asyncio.Queue()
        worker = asyncio.create_task(asyncio.to_thread(self._run_agent, text, images, stop, events, clock))
        splitter = SentenceSplitter()
        done: TurnDone | None = None
        try:
            while (event := await events.get()) is not _EOF:
                if isinstance(event, BaseException):
                    if not isinstance(event, AssistantError):
                        log.error("the agent failed", exc_info=event)
                    self._emit(Problem(first_line(event), generation))
                    continue
                if isinstance(event, ToolCallFinished):
                    clock.tool_s += event.result.seconds
                if self._stale(generation) and not isinstance(event, TurnDone):
                    stop.set()  # interrupted: the rest is neither spoken nor shown
                    continue
                if isinstance(event, TextDelta):
                    for sentence in splitter.push(event.text):
                        sentences.put_nowait(sentence)
                elif isinstance(event, TurnDone):
                    done = event
                    clock.reply_done = time.perf_counter()
                    if "first_token_s" in done.timings:  # the agent saw the model's first token then
                        clock.mark("first_token", clock.agent_started + done.timings["first_token_s"])
                if not isinstance(event, TurnDone):
                    self._emit(AgentUpdate(event, generation))
            for sentence in splitter.flush():
                sentences.put_nowait(sentence)
            sentences.put_nowait(_EOF)
            audio_s = await speaker
            # until it has been heard; a dead output device must not hold the turn (and the mic) forever
            deadline = time.perf_counter() + audio_s + 5.0
            while (self.player is not None and self.player.busy() and not self._stale(generation)
                   and time.perf_counter() < deadline):
                await asyncio.sleep(0.01)
        finally:
            speaker.cancel()
            stop.set()
            await asyncio.gather(worker, return_exceptions=True)
            self._active = None
        self._finish(generation, text, clock, done, spoken)

    def _run_agent(self, text: str, images, stop: threading.Event, events: asyncio.Queue, clock: TurnClock) -> None:
        """The agent's turn, in a worker thread; its events go to the loop's queue."""
        clock.agent_started = time.perf_counter()
        try:
            for event in self.agent.turn(text, images=images, stop=stop):
                self._post(events.put_nowait, event)
        except BaseException as exc:  # shown to the loop, which raises it there
            self._post(events.put_nowait, exc)
        self._post(events.put_nowait, _EOF)

    async def _speak(self, generation: int, sentences: asyncio.Queue, clock: TurnClock) -> float:
        """Speak each sentence as it comes; the seconds of audio queued."""
        queued = 0.0
        while (sentence := await sentences.get()) is not _EOF:
            text = speakable(sentence)
            if self._stale(generation) or not self.speaks or not any(c.isalnum() for c in text):
                continue
            clock.mark("first_sentence", time.perf_counter())
            try:
                audio = await asyncio.to_thread(self.tts.synthesize_all, text)
            except Exception as exc:
                self._emit(Problem(f"speech synthesis failed: {first_line(exc)}", generation))
                continue
            if self._stale(generation):
                continue
            clock.mark("first_audio_ready", time.perf_counter())
            self._set_state("speaking")
            self.player.play(audio, generation, text, self.tts.sample_rate)
            queued += audio.size / self.tts.sample_rate
            self._emit(Speaking(text, generation))
        return queued

    def _finish(self, generation: int, text: str, clock: TurnClock, done: TurnDone | None, spoken: bool) -> None:
        playback = self.player.playback(generation) if self.player is not None else Playback()
        clock.first_audio_out = playback.first_audio_at
        interrupted = self._stale(generation) or playback.stopped_at is not None or bool(done and done.interrupted)
        # what reached the user: what was heard, or in text mode what was shown
        heard = playback.heard_text() if self.speaks else (done.reply.strip() if done else "")
        if interrupted:
            self.agent.mark_interrupted(heard)
        record = clock.record()
        turn = VoiceTurn(generation, text, done.reply.strip() if done else "", heard, interrupted,
                         [_call_dict(c) for c in (done.tool_calls if done else [])], record, typed=not spoken)
        self.turns.append(turn)
        if self.latency_log is not None:
            self.latency_log.write({"time": time.time(), "generation": generation, "interrupted": interrupted,
                                    "typed": not spoken, **record})
        self._emit(TurnFinished(turn))

    # -- helpers -------------------------------------------------------------------------------------
    def _stale(self, generation: int) -> bool:
        return generation < self._floor

    def _idle_state(self) -> str:
        return "listening" if self.listening else "muted"

    def _set_state(self, state: str) -> None:
        if state != self._state:
            self._state = state
            self._emit(StateChanged(state))

    @property
    def state(self) -> str:
        return self._state

    def _emit(self, event: VoiceEvent) -> None:
        if self.on_event is not None:
            self.on_event(event)

    def _post(self, fn, *args) -> None:
        """Run `fn(*args)` on the event loop's thread (from a worker thread)."""
        assert self._loop is not None
        with contextlib.suppress(RuntimeError):  # the loop has closed: nothing is listening any more
            self._loop.call_soon_threadsafe(fn, *args)

    async def _wait_stopped(self) -> None:
        while not self._stopping.is_set():
            await asyncio.sleep(0.05)


def _call_dict(call: ToolCallFinished) -> dict:
    return {"name": call.name, "arguments": call.arguments, "is_error": call.result.is_error,
            "result": call.result.text, "citations": [asdict(c) for c in call.result.citations],
            "seconds": call.result.seconds}
