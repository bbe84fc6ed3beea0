"""Small typed messages passed between the voice loop's stages (over asyncio queues or plain iterators).

`t` values are seconds of *audio* time from the start of the stream; `detected_at` is a clock reading
(`time.perf_counter()`, or the loop's clock). These messages carry no turn number: a turn is numbered when it
begins (`turns.TurnController`), and what the stages pass on for it travels through `StageQueue`s beside its
number, where the items of an interrupted turn are dropped.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

SAMPLE_RATE = 16000  # what VAD and Whisper take
FRAME_SAMPLES = 512  # 32 ms at 16 kHz: what Silero VAD takes per call
FRAME_S = FRAME_SAMPLES / SAMPLE_RATE


@dataclass(frozen=True, slots=True)
class AudioFrame:
    samples: np.ndarray  # float32, shape (512,), 16 kHz mono
    t: float  # audio time of the first sample, seconds


@dataclass(frozen=True, slots=True)
class SpeechStarted:
    t: float  # audio time where the speech began


@dataclass(frozen=True, slots=True)
class Pause:
    """The speaker paused long enough that the turn may be over: the speech so far, for work that can
    start before the end is confirmed (speech recognition). `Resumed` follows if they go on."""

    utterance: Utterance


@dataclass(frozen=True, slots=True)
class Resumed:
    """Speech came back after a `Pause`: what was started on it is not the turn."""

    t: float


@dataclass(frozen=True, slots=True)
class Utterance:
    samples: np.ndarray  # float32 16 kHz mono, pre-roll included
    start_t: float  # audio time of samples[0] (pre-roll included)
    end_t: float  # audio time just after the last sample
    detected_at: float  # clock time when the end of speech was detected
    speech_end_t: float | None = None  # audio time where the speech itself ended (before the silence)
    detected_t: float | None = None  # audio time at which the end was detected (speech_end_t + end silence)
    finished: float | None = None  # the end-of-turn model's probability that the turn was finished

    @property
    def endpoint_wait(self) -> float:
        """Seconds of audio between the end of speech and its detection (the end-of-turn silence)."""
        if self.speech_end_t is None or self.detected_t is None:
            return 0.0
        return max(0.0, self.detected_t - self.speech_end_t)

    @property
    def duration(self) -> float:
        return self.end_t - self.start_t
