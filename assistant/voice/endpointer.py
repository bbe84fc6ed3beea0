"""Streaming end-of-utterance detection on top of Silero VAD: frames in, SpeechStarted / Utterance out.

Hysteresis as in Silero's own VADIterator: speech begins at a frame with probability >= `threshold` and
ends after `end_silence_ms` of frames below `threshold - 0.15`; frames in between keep the current state.

With `pause_ms`, a pause that long is reported (`Pause`, with the speech so far) so that recognition can
start while the end is still unconfirmed; `Resumed` says the speaker went on. With a `turn_model` (Smart
Turn) the pause is judged: after `pause_ms` a turn that sounds surely finished (p >= 0.95) ends there;
after `end_silence_ms` one that sounds likely finished (p >= 0.5) does; otherwise the turn ends after
`unfinished_silence_ms`. (A short pause is where people also breathe mid-sentence, at commas: hence sure.)
"""

from __future__ import annotations

import math
import time
from collections import deque
from collections.abc import Callable
from typing import TYPE_CHECKING

import numpy as np

from ..audio.frames import FRAME_S, AudioFrame, Pause, Resumed, SpeechStarted, Utterance

if TYPE_CHECKING:
    from ..config import VoiceSettings
    from ..roles import TurnEnd, VoiceActivity

Event = SpeechStarted | Pause | Resumed | Utterance
SURE, LIKELY = 0.95, 0.5  # how finished a turn must sound to end it after a short pause, after a longer one


class Endpointer:
    """Cuts a stream of 512-sample frames into utterances.

    `push(frame)` returns the messages that frame completes: a `SpeechStarted` once speech has lasted
    `min_speech_ms` (its `t` is where the speech began), then an `Utterance` once `end_silence_ms` of
    silence follows. An utterance carries `pre_roll_ms` of audio before the detected start (so the first
    syllable is not cut) and `tail_ms` after the last speech frame; one longer than `max_utterance_s` is
    cut there. Bursts shorter than `min_speech_ms` are dropped. `flush()` ends the stream.
    """

    def __init__(self, vad: VoiceActivity, threshold: float = 0.5, min_speech_ms: int = 250,
                 end_silence_ms: int = 500, pre_roll_ms: int = 300, max_utterance_s: float = 30, tail_ms: int = 100,
                 clock: Callable[[], float] = time.perf_counter, pause_ms: int | None = None,
                 turn_model: TurnEnd | None = None, unfinished_silence_ms: int = 1500):
        self.vad = vad
        self.clock = clock  # what an utterance's `detected_at` is read from
        self.pause_s = pause_ms / 1000 if pause_ms is not None else None
        self.turn_model = turn_model if pause_ms is not None else None
        self.unfinished_silence_s = unfinished_silence_ms / 1000
        self.threshold = threshold
        self.neg_threshold = max(threshold - 0.15, 0.01)
        self.min_speech_s = min_speech_ms / 1000
        self.end_silence_s = end_silence_ms / 1000
        self.max_utterance_s = max_utterance_s
        self.tail_frames = math.ceil(tail_ms / 1000 / FRAME_S)
        self.last_probability = 0.0  # the VAD's speech probability for the last frame pushed
        self._pre_roll: deque[AudioFrame] = deque(maxlen=math.ceil(pre_roll_ms / 1000 / FRAME_S))
        self._idle()

    def _idle(self) -> None:
        self._speaking = False
        self._frames: list[AudioFrame] = []  # pre-roll + speech (+ trailing silence) of the pending utterance
        self._start_t = 0.0  # audio time where speech began
        self._silence_from: int | None = None  # index in _frames of the first silent frame
        self._started_sent = False
        self._paused = False  # a Pause was reported for the current silence
        self._finished: float | None = None  # the turn model's last verdict on the current silence
        self._asked = 0  # checkpoints of the current silence the model was asked at
        self._done = False  # the model judged the turn finished

    @classmethod
    def for_voice(cls, vad: VoiceActivity, voice: VoiceSettings, clock: Callable[[], float] = time.perf_counter,
                  turn_model: TurnEnd | None = None) -> Endpointer:
        """The end-of-turn settings of `voice` (config.VoiceSettings)."""
        return cls(vad, threshold=voice.vad_threshold, min_speech_ms=voice.min_speech_ms,
                   end_silence_ms=voice.end_silence_ms, pre_roll_ms=voice.pre_roll_ms,
                   max_utterance_s=voice.max_utterance_s, clock=clock, pause_ms=voice.pause_ms,
                   turn_model=turn_model if voice.smart_turn else None,
                   unfinished_silence_ms=voice.unfinished_silence_ms)

    def reset(self, keep_pre_roll: bool = False) -> None:
        """A new stream: forget pending audio and the VAD's state (and the pre-roll, unless kept)."""
        if not keep_pre_roll:
            self._pre_roll.clear()
        self._idle()
        self.vad.reset()

    def remember(self, frame: AudioFrame) -> None:
        """Keep a frame as pre-roll only (no VAD): audio heard while the mic is closed, so that speech
        starting as it opens (push-to-talk pressed mid-word) keeps its first syllable."""
        self._pre_roll.append(frame)

    @property
    def speech_began(self) -> float | None:
        """The audio time where the speech being heard began (None: none is), from its first voiced frame: before
        it has lasted `min_speech_ms`, it may still be dropped."""
        return self._start_t if self._speaking else None

    @property
    def speech_confirmed(self) -> bool:
        """The speech being heard has lasted `min_speech_ms` (its SpeechStarted was sent): an utterance will end it."""
        return self._speaking and self._started_sent

    def push(self, frame: AudioFrame) -> list[Event]:
        p = self.last_probability = self.vad.probability(frame.samples)
        out: list[Event] = []
        if not self._speaking:
            if p >= self.threshold:
                self._speaking = True
                self._start_t = frame.t
                self._frames = list(self._pre_roll) + [frame]
                self._pre_roll.clear()
            else:
                self._pre_roll.append(frame)
            return out

        self._frames.append(frame)
        if p >= self.threshold:
            self._silence_from = None
            if self._paused:
                out.append(Resumed(frame.t))
            self._paused, self._finished, self._asked, self._done = False, None, 0, False
        elif p < self.neg_threshold and self._silence_from is None:
            self._silence_from = len(self._frames) - 1

        speech_end = self._frames[self._silence_from].t if self._silence_from is not None else frame.t + FRAME_S
        if not self._started_sent and speech_end - self._start_t >= self.min_speech_s - 1e-9:
            self._started_sent = True
            out.append(SpeechStarted(self._start_t))

        silence = frame.t + FRAME_S - speech_end if self._silence_from is not None else 0.0
        if self._silence_from is not None and self._started_sent:
            self._judge(silence)
            if self.pause_s is not None and not self._paused and not self._done and silence >= self.pause_s - 1e-9:
                self._paused = True  # the turn may be over: what was said so far, for early recognition
                out.append(Pause(self._utterance(self._silence_from + self.tail_frames, speech_end, frame.t + FRAME_S)))
        if self._silence_from is not None and (self._done or silence >= self._end_silence() - 1e-9):
            if self._started_sent:
                out.append(self._utterance(self._silence_from + self.tail_frames, speech_end, frame.t + FRAME_S))
            self._pre_roll.extend(self._frames[self._silence_from:])  # silence is pre-roll for what comes next
            self._idle()
        elif frame.t + FRAME_S - self._start_t >= self.max_utterance_s:
            if not self._started_sent:
                out.append(SpeechStarted(self._start_t))
            out.append(self._utterance(len(self._frames), frame.t + FRAME_S, frame.t + FRAME_S))
            self._idle()
        return out

    def _judge(self, silence: float) -> None:
        """Ask the end-of-turn model at each checkpoint of a pause: after `pause_ms` it must be sure (a short
        pause is also where people take a breath mid-sentence), after `end_silence_ms` likely."""
        if self.turn_model is None or self._done:
            return
        checkpoints = ((self.pause_s or self.end_silence_s, SURE), (self.end_silence_s, LIKELY))
        while self._asked < len(checkpoints) and silence >= checkpoints[self._asked][0] - 1e-9:
            threshold = checkpoints[self._asked][1]
            self._asked += 1
            self._finished = self.turn_model.complete(np.concatenate([f.samples for f in self._frames]))
            if self._finished >= threshold:
                self._done = True
                return

    def _end_silence(self) -> float:
        """The silence that ends the turn when no judgement ended it sooner."""
        return self.end_silence_s if self.turn_model is None else self.unfinished_silence_s

    def flush(self) -> list[SpeechStarted | Utterance]:
        """End of input: the pending utterance, if it has lasted long enough."""
        out: list[SpeechStarted | Utterance] = []
        if self._speaking:
            end = self._silence_from if self._silence_from is not None else len(self._frames)
            speech_end = self._frames[end].t if end < len(self._frames) else self._frames[-1].t + FRAME_S
            if speech_end - self._start_t >= self.min_speech_s - 1e-9:
                if not self._started_sent:
                    out.append(SpeechStarted(self._start_t))
                last = self._frames[-1].t + FRAME_S
                out.append(self._utterance(end + self.tail_frames, min(speech_end, last), last))
        self._pre_roll.clear()
        self._idle()
        return out

    def _utterance(self, end: int, speech_end_t: float, detected_t: float) -> Utterance:
        frames = self._frames[:end]
        samples = np.concatenate([f.samples for f in frames]).astype(np.float32, copy=False)
        return Utterance(samples, frames[0].t, frames[-1].t + FRAME_S, self.clock(),
                         speech_end_t, detected_t, self._finished)
