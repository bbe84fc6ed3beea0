"""Where the assistant's voice goes: the speaker (sounddevice), or a recording (WAV) paced like one.

Every player is a queue of labelled chunks (one per spoken sentence) drained by a clock: PortAudio's
callback for the speaker, a 10 ms ticker for the simulated speaker, or nothing at all (`paced=False`:
audio "plays" the instant it is queued, for running files as fast as possible). The queue knows how
much of each chunk has been heard, which is what barge-in needs: `stop()` silences the output at once,
drops what is queued, and the history keeps only `heard(generation)`.
"""

from __future__ import annotations

import logging
import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from ..errors import DeviceUnavailable
from .devices import from_mono_int16, output_delay, output_devices, shut, sounddevice, stream_format
from .io import resample, write_wav

if TYPE_CHECKING:
    from .echo import FarEnd


DUCK_GAIN = 10 ** (-18 / 20)  # the reply turned down by 18 dB while the user speaks over it


@dataclass
class _Chunk:
    generation: int
    text: str
    samples: np.ndarray  # int16 mono at the player's rate
    index: int  # its entry in Playback.sentences
    played: int = 0


@dataclass
class Playback:
    """What one generation (turn) did on the output: when its first sample went out, what was heard."""

    first_audio_at: float | None = None  # clock time when its first sample left for the output
    finished_at: float | None = None
    stopped_at: float | None = None  # when stop() silenced it (barge-in)
    sentences: list[tuple[str, float]] = field(default_factory=list)  # (text, fraction heard)

    def heard_text(self) -> str:
        """The words actually heard: whole sentences, and the heard share of a cut one."""
        words: list[str] = []
        for text, fraction in self.sentences:
            parts = text.split()
            words += parts if fraction >= 0.999 else parts[:math.floor(len(parts) * fraction)]
        return " ".join(words)


class Player:
    """Base: the chunk queue and its bookkeeping. Subclasses drive `_pull(n)` from their clock."""

    def __init__(self, sample_rate: int, record: bool = False, clock: Callable[[], float] = time.perf_counter):
        self.sample_rate = sample_rate
        self.clock = clock  # what Playback times are read from (the voice loop's clock)
        self._queue: list[_Chunk] = []
        self._lock = threading.Lock()
        self._idle = threading.Event()
        self._idle.set()
        self._playbacks: dict[int, Playback] = {}
        self._recording: list[tuple[int, np.ndarray]] | None = [] if record else None
        self._floor = 0  # audio of generations below this is refused (they were interrupted)
        self.far_end: FarEnd | None = None  # told every block as it is heard (the echo canceller's reference)
        self._gain = 1.0  # turned down while the user speaks over a reply (`duck`)

    # -- the loop's side ----------------------------------------------------------------------------
    def play(self, samples: np.ndarray, generation: int, text: str = "", sample_rate: int | None = None) -> bool:
        """Queue one sentence's audio (int16 mono) for a generation; False when that generation was
        interrupted (its audio never plays)."""
        samples = np.asarray(samples, dtype=np.int16).reshape(-1)
        if sample_rate and sample_rate != self.sample_rate:
            samples = resample(samples.astype(np.float32) / 32768, sample_rate, self.sample_rate)
            samples = np.clip(samples * 32767, -32768, 32767).astype(np.int16)
        with self._lock:
            if generation < self._floor:  # its turn was interrupted: it never plays
                return False
            playback = self._playbacks.setdefault(generation, Playback())
            self._queue.append(_Chunk(generation, text, samples, len(playback.sentences)))
            playback.sentences.append((text, 0.0))
            self._idle.clear()
        self._queued()
        return True

    def play_clip(self, samples: np.ndarray, sample_rate: int | None = None) -> None:
        """Play a clip now (a recording cited in the conversation): whatever was playing stops first."""
        self.stop()
        with self._lock:
            generation = self._floor  # never refused, and no later turn is
        self.play(samples, generation, "", sample_rate)

    def stop(self, floor: int | None = None) -> float:
        """Silence the output now and drop everything queued; with `floor`, refuse audio of generations
        below it from now on. Thread-safe. Returns the time it went quiet."""
        with self._lock:
            if floor is not None:
                self._floor = max(self._floor, floor)
            now = self.clock()
            for chunk in self._queue:
                self._playbacks[chunk.generation].stopped_at = now
            self._queue.clear()
            self._idle.set()
            self._gain = 1.0
        self._silence()
        return self.clock()

    def duck(self, gain: float = DUCK_GAIN) -> None:
        """Turn the output down (the user speaks over the reply: heard, not yet judged); `unduck` restores it."""
        self._gain = gain

    def unduck(self) -> None:
        self._gain = 1.0

    @property
    def ducked(self) -> bool:
        return self._gain != 1.0

    def busy(self) -> bool:
        """Audio is queued or playing."""
        return not self._idle.is_set()

    def remaining_s(self) -> float:
        """Seconds of queued audio not yet played."""
        with self._lock:
            return sum(c.samples.size - c.played for c in self._queue) / self.sample_rate

    def wait_idle(self, timeout: float | None = None) -> bool:
        return self._idle.wait(timeout)

    def playback(self, generation: int) -> Playback:
        with self._lock:
            return self._playbacks.setdefault(generation, Playback())

    def heard(self, generation: int) -> str:
        return self.playback(generation).heard_text()

    def recording(self, generation: int | None = None) -> np.ndarray:
        """What was played so far (recording players), int16 at `sample_rate`: all of it, or one turn's."""
        if self._recording is None:
            raise RuntimeError("this player does not record")
        with self._lock:
            parts = [a for g, a in self._recording if generation is None or g == generation]
        return np.concatenate(parts) if parts else np.zeros(0, np.int16)

    def save(self, path) -> None:
        write_wav(path, self.recording(), self.sample_rate)

    def close(self) -> None:
        self.stop()

    # -- the clock's side ---------------------------------------------------------------------------
    def _pull(self, n: int, at: float | None = None, heard_at: float | None = None) -> np.ndarray:
        """The next `n` samples to output (zeros where nothing is queued), starting at clock time `at`
        (default: now); advances the chunks. `heard_at`: when they will be heard (the device's latency on top),
        for the far end."""
        out = np.zeros(n, np.int16)
        filled = 0
        now = self.clock() if at is None else at
        with self._lock:
            while filled < n and self._queue:
                chunk = self._queue[0]
                playback = self._playbacks[chunk.generation]
                if playback.first_audio_at is None:
                    playback.first_audio_at = now + filled / self.sample_rate
                take = min(n - filled, chunk.samples.size - chunk.played)
                out[filled:filled + take] = chunk.samples[chunk.played:chunk.played + take]
                if self._recording is not None:
                    self._recording.append((chunk.generation, chunk.samples[chunk.played:chunk.played + take]))
                chunk.played += take
                filled += take
                playback.sentences[chunk.index] = (chunk.text, chunk.played / max(chunk.samples.size, 1))
                if chunk.played >= chunk.samples.size:
                    self._queue.pop(0)
                    if not any(c.generation == chunk.generation for c in self._queue):
                        playback.finished_at = now + filled / self.sample_rate
            if not self._queue:
                self._idle.set()
        if self._gain != 1.0:
            out = (out * self._gain).astype(np.int16)
        if self.far_end is not None:
            try:
                self.far_end.played(out, now if heard_at is None else heard_at, self.sample_rate)
            except Exception:  # (in PortAudio's callback: never stop the output for it) no reference from now on
                logging.getLogger(__name__).exception("echo cancellation's far end failed; it is off now")
                self.far_end = None
        return out

    def _queued(self) -> None:
        """New audio is queued (unpaced players play it here)."""

    def _silence(self) -> None:
        """stop() was called (the speaker aborts its device buffer here)."""


class InstantPlayer(Player):
    """No clock: queued audio counts as played at once (runs a file through the loop as fast as possible)."""

    def __init__(self, sample_rate: int):
        super().__init__(sample_rate, record=True)

    def _queued(self) -> None:
        while self.busy():
            self._pull(self.sample_rate)


class SimulatedSpeaker(Player):
    """A speaker that plays in real time into a recording: a ticker drains the queue every `tick` seconds.
    Stopping it is as quick as a real speaker's (one tick at most)."""

    def __init__(self, sample_rate: int, tick: float = 0.01):
        super().__init__(sample_rate, record=True)
        self.tick = tick
        self._running = True
        self._thread = threading.Thread(target=self._run, name="simulated-speaker", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        last = self.clock()
        owed = 0.0
        while self._running:
            time.sleep(self.tick)
            now = self.clock()
            owed += (now - last) * self.sample_rate
            n = int(owed)
            owed -= n
            if n and self.busy():
                self._pull(n, at=last)
            last = now

    def close(self) -> None:
        super().close()
        self._running = False
        self._thread.join(timeout=1)


class SpeakerPlayer(Player):
    """The sound card through sounddevice: PortAudio's callback pulls from the queue in small blocks
    (`block` samples: ~23 ms at 22.05 kHz), so stop() is heard within one block plus the device latency."""

    def __init__(self, sample_rate: int, device: str | int | None = None, block: int = 512):
        sd = sounddevice()
        devices = output_devices()
        if not devices:
            raise DeviceUnavailable("no audio output device found (no speaker or sound card): replies are "
                                    "shown as text; write them to a file with --output FILE.wav")
        # the device's own rate, channels and sample type where it does not take the voice's (resampled and
        # converted here); `latency="low"` keeps PortAudio's buffer, and so a stop, to tens of milliseconds
        fmt = stream_format(device, "output", sample_rate, "int16")
        super().__init__(fmt.rate)
        self.voice_rate = sample_rate
        self.device = device
        try:
            self._stream = sd.OutputStream(samplerate=fmt.rate, channels=fmt.channels, dtype=fmt.dtype,
                                           blocksize=block, device=device, latency="low", callback=self._callback)
            self._stream.start()
        except Exception as exc:  # PortAudioError, ValueError for an unknown device
            raise DeviceUnavailable(f"cannot open audio output {device!r}: {exc}; outputs: "
                                    + ", ".join(f"{d['index']}: {d['name']}" for d in devices)) from None

    def play(self, samples: np.ndarray, generation: int, text: str = "", sample_rate: int | None = None) -> bool:
        return super().play(samples, generation, text, sample_rate or self.voice_rate)

    def _callback(self, outdata, frames, time_info, status) -> None:  # PortAudio thread
        now = self.clock()
        from_mono_int16(self._pull(frames, now, now + output_delay(time_info, self._stream)), outdata)

    def _silence(self) -> None:
        """Drop what PortAudio already holds too, so the stop is heard at once; not while an echo canceller
        listens (the far end it was told would jump, and the canceller would re-learn the room while the user
        speaks: a low-latency stream's buffer drains in tens of milliseconds anyway)."""
        if self.far_end is not None:
            return
        try:
            self._stream.abort()
            self._stream.start()
        except Exception:  # a device that went away: nothing is playing on it any more
            pass

    def close(self) -> None:
        super().close()
        shut(self._stream, "output")  # never hangs, whatever the device does
