"""Audio devices as PortAudio (through sounddevice) sees them: the one place that imports sounddevice."""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from types import ModuleType

import numpy as np

from ..errors import DeviceUnavailable


def sounddevice() -> ModuleType:
    """The sounddevice module, or a DeviceUnavailable that says what is missing."""
    try:
        import sounddevice
    except OSError as exc:  # the module imports but PortAudio (Debian libportaudio2) is missing
        raise DeviceUnavailable(f"no audio devices: PortAudio is not installed ({exc}); "
                                "install libportaudio2 or use --input FILE") from None
    except ImportError as exc:  # a broken install: sounddevice or its cffi backend is missing
        raise DeviceUnavailable(f"no audio devices: the sounddevice package does not import ({exc}); "
                                "reinstall with `make setup`, or use --input FILE") from None
    return sounddevice


def input_devices() -> list[dict]:
    """Microphones: [{index, name, channels, default_samplerate}]."""
    return _devices("max_input_channels")


def output_devices() -> list[dict]:
    """Speakers: [{index, name, channels, default_samplerate}]."""
    return _devices("max_output_channels")


def audio_devices() -> tuple[list[dict], list[dict], str | None]:
    """(inputs, outputs, why there are none: PortAudio missing)."""
    try:
        return input_devices(), output_devices(), None
    except DeviceUnavailable as exc:
        return [], [], str(exc)


def _devices(channels: str) -> list[dict]:
    sd = sounddevice()
    return [{"index": i, "name": d["name"], "channels": d[channels], "default_samplerate": d["default_samplerate"]}
            for i, d in enumerate(sd.query_devices()) if d[channels] > 0]


@dataclass(frozen=True)
class StreamFormat:
    """What a PortAudio stream is opened with: the device's rate, channel count and sample type."""

    rate: int
    channels: int
    dtype: str  # "float32" or "int16"


def stream_format(device: str | int | None, kind: str, rate: int, dtype: str) -> StreamFormat:
    """The format to open `device` with (`kind` "input" or "output"): the wanted mono `rate` and `dtype` when
    the device takes them, else the nearest it does (its own rate, stereo, the other sample type); the
    stream's users convert. DeviceUnavailable when it takes none of them."""
    sd = sounddevice()
    try:
        info = sd.query_devices(device, kind)
    except Exception as exc:  # ValueError: no such device
        raise DeviceUnavailable(f"no audio {kind} {device!r}: {exc}") from None
    check = sd.check_input_settings if kind == "input" else sd.check_output_settings
    most = int(info[f"max_{kind}_channels"])
    rates = dict.fromkeys([rate, int(info["default_samplerate"]), 48000, 44100])
    channels = dict.fromkeys(c for c in (1, 2, most) if 0 < c <= most)
    dtypes = dict.fromkeys([dtype, "float32", "int16"])
    problem: Exception | None = None
    for r in rates:
        for c in channels:
            for d in dtypes:
                try:
                    check(device=device, samplerate=r, channels=c, dtype=d)
                    return StreamFormat(r, c, d)
                except Exception as exc:  # PortAudioError: this combination is not supported
                    problem = exc
    raise DeviceUnavailable(f"the audio {kind} {info['name']!r} takes none of the usual formats "
                            f"(mono or stereo, 16-bit or float, {', '.join(map(str, rates))} Hz): {problem}")


def to_mono_float(block: np.ndarray) -> np.ndarray:
    """An input block (frames × channels, int16 or float32) as mono float32 in [-1, 1]."""
    samples = block.astype(np.float32) / 32768 if block.dtype == np.int16 else block.astype(np.float32, copy=False)
    return samples.mean(axis=1) if samples.ndim == 2 and samples.shape[1] > 1 else samples.reshape(-1)


def from_mono_int16(samples: np.ndarray, out: np.ndarray) -> None:
    """Write mono int16 `samples` into an output block `out` (frames × channels, int16 or float32)."""
    values = samples.astype(np.float32) / 32768 if out.dtype != np.int16 else samples
    out[:] = values[:, None]


def output_delay(time_info, stream) -> float:
    """Seconds from an output callback until its first sample is heard: PortAudio's DAC time where the host
    gives a sane one, else the stream's latency."""
    return _delay(lambda: time_info.outputBufferDacTime - time_info.currentTime, stream)


def input_delay(time_info, stream, block_s: float) -> float:
    """Seconds from when an input callback's first sample was captured (its ADC time) until the callback;
    without sane times, the stream's latency and the block's length."""
    return _delay(lambda: time_info.currentTime - time_info.inputBufferAdcTime, stream, block_s)


def _delay(read, stream, extra: float = 0.0) -> float:
    try:
        delay = float(read())
    except (AttributeError, TypeError, ValueError):
        delay = -1.0
    if 0.0 <= delay < 1.0 and delay != 0.0:
        return delay
    try:  # (some hosts give no times: zeros)
        latency = stream.latency
        return float(latency[0] if isinstance(latency, tuple) else latency) + extra
    except Exception:
        return extra


STOP_BOUND_S = 2.0  # a stream that has not stopped by then is left behind


def shut(stream, what: str, bound: float = STOP_BOUND_S) -> bool:
    """Stop and close a PortAudio stream without ever hanging the caller: a device that delivers nothing (a
    starved pipe, an unplugged USB or Bluetooth device) can block `stop()` for good. The stream is aborted
    (nothing queued is worth waiting for: the microphone's next frames are not wanted, and the speaker was
    silenced already) in a daemon thread; past `bound` seconds it is abandoned with a warning, so neither
    the caller nor a second Ctrl-C depends on it. True when it shut cleanly."""
    done = threading.Event()

    def run() -> None:
        try:
            stream.abort()
            stream.close()
        except Exception as exc:  # an error while stopping: it is stopped as far as we can tell
            logging.getLogger(__name__).debug("%s: %s", what, exc)
        done.set()

    threading.Thread(target=run, name=f"shut-{what}", daemon=True).start()
    if done.wait(bound):
        return True
    logging.getLogger(__name__).warning("the audio %s did not stop within %.0f s: left behind", what, bound)
    return False
