"""Acoustic echo cancellation in the capture path: the assistant's own voice taken out of the microphone.

On open speakers the microphone hears what the speaker plays. WebRTC's AEC3 (through `pywebrtc-audio`; why
that wrapper: docs/echo-cancellation.md) removes it, given the far end: exactly what the speaker played, and
when. So the player hands over every block it outputs with the time it is heard (`FarEnd.played`, from the
output callback), and the microphone hands over every block it captures with the time it was captured
(`EchoCanceller.clean`, from the input callback). The two streams are lined up by those times, on one clock:
a device's real latency, not a constant. AEC3 then finds the acoustic delay itself (up to a few hundred ms).

Everything after the microphone (VAD, Smart Turn, Whisper) sees the cleaned signal. AEC3 works on 10 ms
blocks; a microphone block that is not a multiple of 10 ms leaves its rest for the next one, so the cleaned
stream is at most 10 ms behind. Not thread-safe inside (AEC3 is not): `clean` runs on one thread (the
microphone's), `played` on another (the speaker's), and only the far-end buffer between them is locked.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from .echo_path import BLOCK, Drift, EchoPath  # (BLOCK: 10 ms, what AEC3 processes at a time)
from .frames import SAMPLE_RATE
from .io import StreamResampler, to_float32

KEEP_S = 2.0  # far-end audio kept behind the read position (AEC3 looks back less than this)
MOST_S = 15.0  # and at most this much in all (a microphone that stalled reads nothing, so trims nothing)
RESYNC_S = 0.1  # either end is re-aligned to the clock at once only when the two disagree by more than this: the
# times a device gives jitter by tens of milliseconds (callbacks come in bursts), and every jump of the far end is
# a jump AEC3 must re-learn; a steady offset is no harm (it finds the delay itself), unless it is the first block's
# jitter that set it: both ends also follow the median of their last blocks' times (`Drift`)
LEAD_S = 0.02  # the far end is read this far ahead of the microphone's time: a reference that comes after its echo
# defeats AEC3, one that comes early costs nothing (it finds delays of a few hundred ms), so device times that are
# late by up to this much still work
ACTIVE_RMS = 10 ** (-50 / 20)  # far-end blocks above -50 dBFS count for the echo removed (ERLE)
ERLE_WINDOW = 100  # blocks (1 s) over which the echo removed is measured
LIBRARY = "pywebrtc-audio"

log = logging.getLogger(__name__)


def unavailable() -> str | None:
    """Why echo cancellation cannot run here (the library does not load), or None."""
    try:
        import pywebrtc_audio  # noqa: F401
    except Exception as exc:  # ImportError, or a wheel built for another machine (OSError)
        return f"{LIBRARY} does not load ({exc}); install it with `pip install {LIBRARY}` (or `make setup`)"
    return None


class FarEnd:
    """What the speaker played, on the loop's clock, at 16 kHz: a timeline the microphone's side reads from."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._samples = np.zeros(0, np.float32)
        self._start: float | None = None  # clock time of _samples[0]
        self._resamplers: dict[int, StreamResampler] = {}
        self.restarts = 0  # gaps filled and timelines begun again
        self.shifts = 0  # times the timeline was moved to where the device's times put it
        self._drift = Drift()  # where each block's time put it, against where it was appended

    def played(self, samples: np.ndarray, at: float, rate: int) -> None:
        """`samples` (mono, any rate) were heard from clock time `at` on (the speaker's thread)."""
        block = to_float32(np.asarray(samples).reshape(-1))
        if rate != SAMPLE_RATE:
            if rate not in self._resamplers:
                self._resamplers[rate] = StreamResampler(rate, SAMPLE_RATE)
            block = self._resamplers[rate].push(block)
        with self._lock:
            if self._start is None:
                self._start = at
            end = self._start + self._samples.size / SAMPLE_RATE
            if at - end > RESYNC_S:  # a gap (the output stopped, or was restarted): silence in between
                gap = np.zeros(round((at - end) * SAMPLE_RATE), np.float32)
                self._samples = np.concatenate([self._samples, gap])
                self.restarts += 1
                self._drift.reset()
            elif end - at > RESYNC_S:  # the clock went back (a restarted stream): the timeline starts again
                self._samples, self._start = np.zeros(0, np.float32), at
                self.restarts += 1
                self._drift.reset()
            elif offset := self._drift.offset(at - end):  # in step, give or take the times' jitter
                self._start += offset
                self.shifts += 1
            self._samples = np.concatenate([self._samples, block])
            excess = self._samples.size - int(MOST_S * SAMPLE_RATE)
            if excess > 0:  # (a microphone that stalled reads nothing: what it would have read is dropped here)
                self._samples = self._samples[excess:]
                self._start += excess / SAMPLE_RATE

    def read(self, at: float, n: int) -> np.ndarray:
        """`n` samples of what was heard from clock time `at` on (zeros where nothing was); drops what is older
        than KEEP_S before it."""
        out = np.zeros(n, np.float32)
        with self._lock:
            if self._start is None:
                return out
            first = round((at - self._start) * SAMPLE_RATE)
            lo, hi = max(first, 0), min(first + n, self._samples.size)
            if hi > lo:
                out[lo - first:hi - first] = self._samples[lo:hi]
            drop = first - int(KEEP_S * SAMPLE_RATE)
            if drop > 0:
                drop = min(drop, self._samples.size)
                self._samples = self._samples[drop:]
                self._start += drop / SAMPLE_RATE
        return out

    def ahead_s(self, at: float) -> float:
        """How far past clock time `at` the far end is already known (negative: it lags)."""
        with self._lock:
            if self._start is None:
                return 0.0
            return self._start + self._samples.size / SAMPLE_RATE - at


@dataclass
class EchoStats:
    """What the TUI and the benchmark show: how much echo is removed, at what cost."""

    erle_db: float | None  # echo removed over the last second the speaker played (None: it has not played)
    erle_all_db: float | None  # ... over all the time it played
    blocks: int  # 10 ms blocks cleaned
    realigned: int  # times the far end was re-aligned to the clocks (a dropout, a restarted stream)
    cpu_us_per_block: float
    echo_heard: bool = True  # the microphone hears the speaker (False: headphones; the microphone is left alone)
    coupling: float | None = None  # how much it does: the last correlation measured (echo_path.py)
    bypassed_s: float = 0.0  # time the microphone was handed on untouched (no echo path)
    far_lead_ms: float | None = None  # how long before its echo the far end reached the canceller (measured; below
    # 0 AEC3 cannot cancel: the devices' reported latencies are off)


class EchoCanceller:
    """The microphone's blocks in, cleaned (its echo removed), with the far end taken from `far`."""

    def __init__(self, far: FarEnd | None = None, clock: Callable[[], float] = time.perf_counter,
                 stream_delay_ms: int = 0, noise_suppression: bool = False):
        from pywebrtc_audio import AudioProcessor

        self.far = far or FarEnd()
        self.clock = clock
        self._processor: Any = AudioProcessor(SAMPLE_RATE, 1, echo_cancellation=True,
                                              noise_suppression=noise_suppression, stream_delay_ms=stream_delay_ms)
        self._cleaning = threading.Lock()
        self._pending = np.zeros(0, np.float32)
        self._pending_at = 0.0  # clock time of _pending[0]
        self._cursor: float | None = None  # the far end's clock time read next
        self._drift = Drift()  # where each block's time put it, against the cursor
        self._in_power: list[float] = []  # per far-active block: microphone power before and after
        self._out_power: list[float] = []
        self._totals = [0.0, 0.0]  # microphone power before and after, summed over every far-active block
        self._blocks = 0
        self._realigned = 0
        self._cpu_s = 0.0
        self.path = EchoPath()  # whether there is any echo to cancel (with none, AEC3 would only dull the user)
        self.bypassed = 0  # blocks handed on untouched (no echo path)
        self.taps: list[tuple[np.ndarray, np.ndarray, np.ndarray]] | None = None  # a list: (near, far, cleaned) of
        # every block from now on (`assistant doctor --deep` measures the echo path from them)

    def clean(self, samples: np.ndarray, at: float) -> np.ndarray:
        """16 kHz mono samples captured from clock time `at` on -> the cleaned samples so far (whole 10 ms
        blocks; the rest waits for the next call). One call at a time (a reopened microphone's old stream may
        still be in its last callback)."""
        with self._cleaning:
            return self._clean(samples, at)

    def _clean(self, samples: np.ndarray, at: float) -> np.ndarray:
        samples = to_float32(np.asarray(samples).reshape(-1))
        self._pending_at = at - self._pending.size / SAMPLE_RATE  # (each block's own time: the clocks may drift)
        self._pending = np.concatenate([self._pending, samples]) if self._pending.size else samples.copy()
        whole = self._pending.size // BLOCK * BLOCK
        if whole == 0:
            return np.zeros(0, np.float32)
        near, self._pending = self._pending[:whole], self._pending[whole:]
        start = self._pending_at
        out = np.empty(whole, np.float32)
        for i in range(0, whole, BLOCK):
            out[i:i + BLOCK] = self._block(near[i:i + BLOCK], start + i / SAMPLE_RATE)
        return out

    def _block(self, near: np.ndarray, at: float) -> np.ndarray:
        # the far end read in step with the microphone (no jitter between blocks), re-aligned to the clocks
        # only when they disagree by more than RESYNC_S (a device's drift, a restarted stream)
        if self._cursor is None or abs(self._cursor - (at + LEAD_S)) > RESYNC_S:
            self._realigned += self._cursor is not None
            self._cursor = at + LEAD_S
            self._drift.reset()
        elif offset := self._drift.offset(at + LEAD_S - self._cursor):
            self._cursor += offset
            self._realigned += 1
        far = self.far.read(self._cursor, BLOCK)
        self._cursor += BLOCK / SAMPLE_RATE
        begun = time.process_time()
        cleaned = np.asarray(self._processor.process(np.ascontiguousarray(near), far), np.float32)
        active = float(np.sqrt(np.mean(np.square(far)))) > ACTIVE_RMS
        self.path.push(near, far, active)
        self._cpu_s += time.process_time() - begun
        self._blocks += 1
        if not self.path.heard:  # headphones: AEC3 keeps learning, its output is not used
            cleaned = near
            self.bypassed += 1
        if self.taps is not None:
            self.taps.append((near, far, cleaned))
        if active:
            self._in_power.append(float(np.mean(np.square(near))))
            self._out_power.append(float(np.mean(np.square(cleaned))))
            self._totals[0] += self._in_power[-1]
            self._totals[1] += self._out_power[-1]
            del self._in_power[:-ERLE_WINDOW], self._out_power[:-ERLE_WINDOW]
        return cleaned

    def stats(self) -> EchoStats:
        coupling = None if self.path.coupling is None else round(self.path.coupling, 2)
        return EchoStats(_erle(sum(self._in_power), sum(self._out_power)), _erle(*self._totals), self._blocks,
                         self._realigned + self.far.restarts + self.far.shifts,
                         round(self._cpu_s / max(self._blocks, 1) * 1e6, 1),
                         self.path.heard, coupling, round(self.bypassed * BLOCK / SAMPLE_RATE, 2),
                         None if self.path.lead_s is None else round(self.path.lead_s * 1000, 1))


def _erle(before: float, after: float) -> float | None:
    if before <= 0:
        return None  # the speaker has not played
    return round(10 * float(np.log10(before / after)), 1) if after > 0 else 60.0  # (60: all of it removed)


def canceller(enabled: bool, clock: Callable[[], float] = time.perf_counter,
              report: Callable[[str], None] | None = None) -> EchoCanceller | None:
    """An echo canceller when it is asked for and the library loads; else None, and `report` hears why once (the
    loop then stays half-duplex unless barge-in is set on: headphones)."""
    if not enabled:
        return None
    if (why := unavailable()) is not None:
        (report or log.warning)(f"echo cancellation is off: {why}. Replies can't be interrupted by voice "
                                "unless barge_in is set on (with headphones)")
        return None
    return EchoCanceller(clock=clock)
