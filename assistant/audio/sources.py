"""Where the voice loop's audio comes from: a file (any format PyAV decodes) or a microphone.

Both yield `AudioFrame`s of 512 samples at 16 kHz mono float32.
"""

from __future__ import annotations

import contextlib
import logging
import queue
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from ..errors import DeviceUnavailable
from .devices import input_delay, input_devices, shut, sounddevice, stream_format, to_mono_float
from .frames import FRAME_S, FRAME_SAMPLES, SAMPLE_RATE, AudioFrame
from .io import read_audio

if TYPE_CHECKING:
    from .echo import EchoCanceller



def frames_of(samples: np.ndarray) -> Iterator[AudioFrame]:
    """Cut 16 kHz mono float32 samples into 512-sample frames; the last one is zero-padded."""
    samples = np.asarray(samples, dtype=np.float32).reshape(-1)
    for i in range(0, len(samples), FRAME_SAMPLES):
        chunk = samples[i:i + FRAME_SAMPLES]
        if len(chunk) < FRAME_SAMPLES:
            chunk = np.concatenate([chunk, np.zeros(FRAME_SAMPLES - len(chunk), np.float32)])
        yield AudioFrame(np.ascontiguousarray(chunk), i / SAMPLE_RATE)


def file_frames(path: str | Path, realtime: bool = False) -> Iterator[AudioFrame]:
    """Frames of an audio file decoded at 16 kHz. `realtime=True` paces them to the wall clock, as a
    microphone would deliver them (each frame is yielded once its last sample would have been heard)."""
    samples = read_audio(path, sample_rate=SAMPLE_RATE)  # InputError if missing/undecodable
    start = time.perf_counter()
    for frame in frames_of(samples):
        if realtime:
            delay = start + frame.t + FRAME_S - time.perf_counter()
            if delay > 0:
                time.sleep(delay)
        yield frame


class FrameAssembler:
    """Audio blocks of any size (and rate) in, 512-sample 16 kHz frames out, timed by their first sample; with
    an echo canceller, cleaned of what the speaker played."""

    def __init__(self, rate: int = SAMPLE_RATE, echo: EchoCanceller | None = None):
        from .io import StreamResampler

        self._resampler = StreamResampler(rate, SAMPLE_RATE) if rate != SAMPLE_RATE else None
        self.echo = echo
        self._pending = np.zeros(0, np.float32)
        self._emitted = 0

    def push(self, block: np.ndarray, captured_at: float | None = None) -> list[AudioFrame]:
        """`captured_at`: the clock time of the block's first sample (what lines it up with the far end)."""
        block = np.asarray(block, dtype=np.float32).reshape(-1)
        if self._resampler is not None:
            block = self._resampler.push(block)
        if self.echo is not None and captured_at is not None:
            block = self.echo.clean(block, captured_at)
        self._pending = np.concatenate([self._pending, block]) if self._pending.size else block.copy()
        frames = []
        while self._pending.size >= FRAME_SAMPLES:
            frames.append(AudioFrame(np.ascontiguousarray(self._pending[:FRAME_SAMPLES]), self._emitted / SAMPLE_RATE))
            self._pending = self._pending[FRAME_SAMPLES:]
            self._emitted += FRAME_SAMPLES
        return frames


STALL_S = 3.0  # a microphone silent this long (no samples at all, not quiet ones) is reported
REOPEN_S = (3.0, 6.0, 15.0, 30.0)  # then reopened after these waits (the last one repeats)


_NOTHING = object()  # no frame came within the poll


def _warn(message: str) -> None:
    logging.getLogger(__name__).warning("%s", message)


class MicrophoneSource:
    """Frames from a microphone (16 kHz mono float32, blocks of 512) through a thread-safe queue.

    Use as an iterator inside `with MicrophoneSource(...) as mic: for frame in mic: ...`; `close()` ends it.
    `device` is a PortAudio index, a name (substring) or None for the default input. The device is opened
    at a rate, channel count and sample type it takes and converted. What goes wrong on the way is told to
    `report` (default: a log warning), once each, from the iterating thread: blocks holding NaN or infinite
    samples (dropped), and a device that delivers nothing for `stall_s` seconds (unplugged, suspended, in use
    elsewhere), which is then reopened now and then until audio comes again. With `echo`, every block is cleaned
    of what the speaker played (its capture time read from PortAudio) before it is cut into frames.
    """

    def __init__(self, device: str | int | None = None, max_queued: int = 200,
                 report: Callable[[str], None] | None = None, stall_s: float = STALL_S,
                 echo: EchoCanceller | None = None):
        self.device = device
        self.echo = echo
        self.report = report or _warn
        self.stall_s = stall_s
        self._queue: queue.Queue = queue.Queue(maxsize=max_queued)
        self._stream = None
        self._rate = SAMPLE_RATE
        self._assembler = FrameAssembler(SAMPLE_RATE, echo)
        self.dropped = 0  # frames lost because the consumer fell behind
        self.bad_blocks = 0  # blocks dropped for NaN or infinite samples
        self._bad_reported = False
        self._closed = False
        self._check_device()

    @property
    def name(self) -> str:
        return "the default microphone" if self.device is None else f"microphone {self.device!r}"

    def _check_device(self) -> None:
        devices = input_devices()
        if not devices:
            raise DeviceUnavailable("no audio input device found (this machine has no microphone or sound "
                                    "card); feed a recording from a file instead")
        if self.device is None:
            return
        if isinstance(self.device, int):
            if not any(d["index"] == self.device for d in devices):
                raise DeviceUnavailable(f"audio input device {self.device} does not exist; inputs: "
                                        + ", ".join(f"{d['index']}: {d['name']}" for d in devices))
        elif not any(str(self.device).lower() in d["name"].lower() for d in devices):
            raise DeviceUnavailable(f"no audio input device named {self.device!r}; inputs: "
                                    + ", ".join(f"{d['index']}: {d['name']}" for d in devices))

    def _callback(self, indata, frames, time_info, status) -> None:  # PortAudio thread: no waiting here
        block = to_mono_float(indata)
        if not np.isfinite(block).all():  # a driver or format mix-up: never pass NaN/Inf on
            self.bad_blocks += 1
            return
        captured_at = None
        if self.echo is not None:
            captured_at = self.echo.clock() - input_delay(time_info, self._stream, frames / self._rate)
        try:
            assembled = self._assembler.push(block, captured_at)
        except Exception:  # (in PortAudio's callback: never stop the input for it) the raw microphone from now on
            logging.getLogger(__name__).exception("echo cancellation failed; it is off now")
            self.drop_echo()
            assembled = self._assembler.push(block)
        for frame in assembled:
            try:
                self._queue.put_nowait(frame)
            except queue.Full:
                self.dropped += 1

    def drop_echo(self) -> None:
        """No echo canceller from now on (no speaker it could hear): the raw microphone."""
        self.echo = self._assembler.echo = None

    def start(self) -> MicrophoneSource:
        try:
            sd = sounddevice()
            fmt = stream_format(self.device, "input", SAMPLE_RATE, "float32")
            self._assembler = FrameAssembler(fmt.rate, self.echo)
            self._rate = fmt.rate
            stream = sd.InputStream(samplerate=fmt.rate, channels=fmt.channels, dtype=fmt.dtype,
                                    blocksize=round(FRAME_SAMPLES * fmt.rate / SAMPLE_RATE), device=self.device,
                                    callback=self._callback)
            stream.start()
            if self._closed:  # closed meanwhile (a reopen racing Ctrl-C)
                shut(stream, "input closed while opening", bound=0.5)
                return self
            self._stream = stream
        except Exception as exc:  # DeviceUnavailable, sounddevice.PortAudioError, ValueError for a bad device
            self._stream = None
            raise DeviceUnavailable(f"cannot open audio input {self.device!r}: {exc}") from None
        return self

    def close(self) -> None:
        """Never hangs, whatever the device does (`devices.shut`)."""
        self._closed = True
        if self._stream is not None:
            stream, self._stream = self._stream, None
            shut(stream, f"input {self.device if self.device is not None else '(default)'}")
        while True:  # the end mark, even when the queue is full (nobody may be reading any more)
            try:
                self._queue.put_nowait(None)
                return
            except queue.Full:
                with contextlib.suppress(queue.Empty):
                    self._queue.get_nowait()

    def next_frame(self, timeout: float) -> AudioFrame | None:
        """The next frame within `timeout` seconds, else None (also once closed); for a quick look at the
        device (`assistant doctor`), where iterating would wait for good."""
        try:
            return self._queue.get(timeout=max(0.0, timeout))
        except queue.Empty:
            return None

    def __enter__(self) -> MicrophoneSource:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.close()

    def __iter__(self) -> Iterator[AudioFrame]:
        if self._stream is None:
            self.start()
        last = heard = time.monotonic()  # when a frame last came; when one last held anything but zeros
        stalled = hushed = False
        reopen_at, reopens = 0.0, 0
        while True:
            try:
                frame = self._queue.get(timeout=0.25)
            except queue.Empty:
                frame = _NOTHING
            if self.bad_blocks and not self._bad_reported:
                self._bad_reported = True
                self.report(f"{self.name} delivers invalid samples (NaN or infinite); they are dropped. "
                            "Check its format in the sound settings, or pick another input")
            if frame is None:
                return
            now = time.monotonic()
            if frame is not _NOTHING:
                if stalled:
                    stalled = False
                    self.report(f"audio from {self.name} again")
                last = now
                if frame.samples.any():
                    heard = now
                elif not hushed and now - heard >= self.stall_s:  # no live microphone is ever exactly 0;
                    hushed = True  # said once only: a noise gate in the sound system also sends zeros
                    self.report(f"only digital silence from {self.name} for {now - heard:.0f} s: is it muted, or "
                                "gone (and the sound system switched to an input that hears nothing)? "
                                "Typing still works")
                yield frame
                continue
            if not stalled and now - last >= self.stall_s:
                stalled, reopens = True, 0
                reopen_at = now
                self.report(f"no audio from {self.name} for {now - last:.0f} s: is it unplugged, muted, or "
                            "taken by another program? Reopening it now and then; typing still works")
            if stalled and now >= reopen_at and not self._closed:
                self._reopen()
                reopen_at = time.monotonic() + REOPEN_S[min(reopens, len(REOPEN_S) - 1)]
                reopens += 1

    def _reopen(self) -> None:
        """A stalled device: drop its stream (never waiting on it) and open the device again; where it has gone
        the system's default input usually takes over."""
        old, self._stream = self._stream, None
        if old is not None:
            shut(old, "stalled input", bound=0.5)
        with contextlib.suppress(DeviceUnavailable):
            self.start()
