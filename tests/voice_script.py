"""A live microphone on a script, for tests (not a test module): speech and silence paced to the wall
clock, with waits on conditions about the loop under test (e.g. "once the reply is playing")."""

from __future__ import annotations

import time

import numpy as np

from assistant.audio.frames import FRAME_SAMPLES, AudioFrame
from assistant.audio.io import SAMPLE_RATE, resample

SR = SAMPLE_RATE


def piper_speech(manager):
    """Text -> 16 kHz float32 speech in the packaged Piper voice, the same samples every time (no noise in
    the synthesis: with it, a test's question is now and then heard wrong, "France" as "friends")."""
    import dataclasses

    tts = manager.get("tts")
    steady = dataclasses.replace(tts.config, noise_scale=0.0, noise_w_scale=0.0)

    def speak(text: str) -> np.ndarray:
        audio = np.concatenate([c.audio_int16_array for c in tts.voice.synthesize(text, syn_config=steady)])
        return resample(audio.astype(np.float32) / 32768, tts.sample_rate, SR)

    return speak


class Timeline:
    """A live microphone on a script: frames paced to the wall clock; `speak` queues speech, `wait_until`
    fills silence until a condition on the loop holds (or a time limit passes)."""

    def __init__(self):
        self.steps: list = []
        self.marks: set[str] = set()  # the `mark` steps the frames have reached

    def mark(self, name: str) -> Timeline:
        self.steps.append(("mark", name))
        return self

    def speak(self, samples: np.ndarray) -> Timeline:
        self.steps.append(("audio", np.asarray(samples, np.float32)))
        return self

    def silence(self, seconds: float) -> Timeline:
        return self.speak(np.zeros(int(seconds * SR), np.float32))

    def wait_until(self, condition, limit_s: float = 90) -> Timeline:
        self.steps.append(("until", condition, limit_s))
        return self

    def frames(self):
        start, n = time.perf_counter(), 0

        def frame(samples):
            nonlocal n
            t = n * FRAME_SAMPLES / SR
            delay = start + t + FRAME_SAMPLES / SR - time.perf_counter()
            if delay > 0:
                time.sleep(delay)
            n += 1
            return AudioFrame(samples, t)

        for step in self.steps:
            if step[0] == "mark":
                self.marks.add(step[1])
            elif step[0] == "audio":
                audio = step[1]
                audio = np.concatenate([audio, np.zeros(-len(audio) % FRAME_SAMPLES, np.float32)])
                for i in range(0, len(audio), FRAME_SAMPLES):
                    yield frame(audio[i:i + FRAME_SAMPLES])
            else:
                _, condition, limit_s = step
                until = time.perf_counter() + limit_s
                while not condition() and time.perf_counter() < until:
                    yield frame(np.zeros(FRAME_SAMPLES, np.float32))


