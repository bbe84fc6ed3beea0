"""Does the microphone hear the speaker at all? With no echo path (headphones, a speaker turned off) AEC3 only
harms: it still turns the user's speech down while the far end plays (6 dB on average, up to 39 dB in some
250 ms, measured), so the canceller then hands the microphone on untouched.

The evidence is the normalised cross-correlation between the microphone and the far end over 1 s windows, every
0.5 s, at every lag from the far end 0.1 s late to 0.5 s early (the acoustic delay, and device times a little
off); both are pre-emphasised, so that hum and rumble do not correlate. A window counts only while the far end
played through most of it. The path is taken as there until shown otherwise (a fresh canceller cancels from the
first reply), as gone after `UNHEARD_WINDOWS` windows in a row without the speaker in the microphone, and as
back at the first window with it.
"""

from __future__ import annotations

from collections import deque

import numpy as np

from .frames import SAMPLE_RATE

BLOCK = SAMPLE_RATE // 100  # 10 ms, as the canceller works
WINDOW_BLOCKS = 100  # 1 s compared at a time
HOP_BLOCKS = 50  # every 0.5 s
EARLY_BLOCKS = 52  # the far end is compared up to 0.5 s before the microphone (plus the canceller's 20 ms lead)
LATE_BLOCKS = 8  # ... and up to 0.1 s after it (less the lead): device times that are a little late
HEARD = 0.18  # a correlation this high (at some lag) is the speaker heard. Measured on a Piper reply (numpy rooms,
# the canceller's own blocks): 0.25-1.0 with the echo at 0 to -30 dB, with reverberation, under the user talking
# 10 dB above it; 0.02-0.11 with no echo path, the user talking or not
UNHEARD_WINDOWS = 3  # windows in a row below it before the path counts as gone (1.5 s of the far end playing)
ACTIVE_SHARE = 0.6  # of a window's blocks the far end must have played in for the window to count
PRE_EMPHASIS = 0.95


class Drift:
    """The offsets between where a device's times put each block and where it was taken to be: after every `BLOCKS`
    of them, their median when that is more than `LIMIT_S` (a first time that was off, or two clocks that drifted
    apart), to move the alignment by; single times jitter by tens of milliseconds and move nothing."""

    BLOCKS = 100
    LIMIT_S = 0.02

    def __init__(self) -> None:
        self._offsets: list[float] = []

    def offset(self, seconds: float) -> float:
        """One block's offset in; what to move the alignment by now (0.0: nothing)."""
        self._offsets.append(seconds)
        if len(self._offsets) < self.BLOCKS:
            return 0.0
        median, self._offsets = float(np.median(self._offsets)), []
        return median if abs(median) > self.LIMIT_S else 0.0

    def reset(self) -> None:
        """The alignment was set afresh: what came before says nothing about it."""
        self._offsets = []


class EchoPath:
    """Fed every 10 ms block the canceller processes: (microphone, far end as read for it, the far end played)."""

    def __init__(self) -> None:
        self.heard = True  # the microphone hears the speaker (until shown otherwise)
        self.coupling: float | None = None  # the last window's correlation (None: no window counted yet)
        self.lead_s: float | None = None  # how long before its echo the far end reached the canceller, last measured
        # (negative: after it, which AEC3 cannot cancel: the devices' times are off)
        self._near: deque[np.ndarray] = deque(maxlen=WINDOW_BLOCKS + LATE_BLOCKS)
        self._far: deque[np.ndarray] = deque(maxlen=WINDOW_BLOCKS + LATE_BLOCKS + EARLY_BLOCKS)
        self._active: deque[bool] = deque(maxlen=WINDOW_BLOCKS + LATE_BLOCKS)
        self._since = 0  # blocks since the last window
        self._unheard = 0  # windows in a row without the speaker

    def push(self, near: np.ndarray, far: np.ndarray, far_active: bool) -> None:
        self._near.append(near)
        self._far.append(far)
        self._active.append(far_active)
        self._since += 1
        if self._since < HOP_BLOCKS or len(self._far) < self._far.maxlen:  # type: ignore[operator]
            return
        self._since = 0
        if sum(list(self._active)[:WINDOW_BLOCKS]) < ACTIVE_SHARE * WINDOW_BLOCKS:
            return  # the far end hardly played: no evidence either way
        near_window = np.concatenate(list(self._near)[:WINDOW_BLOCKS])  # (the newest blocks wait: their echo
        # may come from far-end blocks not read yet)
        found = correlation(near_window, np.concatenate(self._far))
        if found is None:
            return  # a silent microphone (digital zeros): nothing to tell
        self.coupling, offset = found
        if self.coupling >= HEARD:
            self.heard, self._unheard = True, 0
            self.lead_s = (EARLY_BLOCKS * BLOCK - offset) / SAMPLE_RATE
        else:
            self._unheard += 1
            self.heard = self.heard and self._unheard < UNHEARD_WINDOWS


def cross_correlation(late: np.ndarray, early: np.ndarray, lags: int) -> np.ndarray:
    """sum(late[n + k] * early[n]) for k in 0..lags-1, by FFT (`late` holds at least `early`'s length + lags - 1
    samples, or is zero past its end)."""
    size = max(late.size, early.size + lags - 1)  # (a circular product this long wraps no lag asked for)
    return np.fft.irfft(np.fft.rfft(late, size) * np.conj(np.fft.rfft(early, size)), size)[:lags]


def correlation(near: np.ndarray, far: np.ndarray) -> tuple[float, int] | None:
    """The highest normalised cross-correlation of `near` with any stretch of `far` as long (`far` is longer: the
    lags), both pre-emphasised, and where in `far` that stretch begins; None when `near` is silent."""
    x, y = _emphasised(near), _emphasised(far)
    energy = float(np.dot(x, x))
    if energy <= 1e-12:
        return None
    products = cross_correlation(y, x, y.size - x.size + 1)
    cumulative = np.concatenate([[0.0], np.cumsum(y * y)])
    far_energy = cumulative[x.size:] - cumulative[:y.size - x.size + 1]
    normalised = np.abs(products) / np.sqrt(np.maximum(far_energy * energy, 1e-20))
    best = int(np.argmax(normalised))
    return float(normalised[best]), best


def _emphasised(samples: np.ndarray) -> np.ndarray:
    samples = samples.astype(np.float64)
    return np.concatenate([samples[:1], samples[1:] - PRE_EMPHASIS * samples[:-1]])
