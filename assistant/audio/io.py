"""Audio files in and out: decode anything PyAV reads to float32 mono, write 16-bit PCM WAV, resample.

Samples are float32 in [-1, 1] everywhere inside the assistant; int16 only at the edges (WAV, speakers).
"""

from __future__ import annotations

import io
import wave
from pathlib import Path

import numpy as np

from ..errors import InputError
from .frames import SAMPLE_RATE



def read_audio(path: str | Path, sample_rate: int = SAMPLE_RATE) -> np.ndarray:
    """Decode an audio file (WAV, MP3, FLAC, OGG, M4A, a video's audio...) to float32 mono at `sample_rate`."""
    path = Path(path).expanduser()
    if not path.exists():
        raise InputError(f"audio file not found: {path}")
    if path.is_dir():
        raise InputError(f"expected an audio file, got a directory: {path}")
    from faster_whisper import decode_audio  # PyAV underneath; imported late (pulls ctranslate2)

    try:
        samples = decode_audio(str(path), sampling_rate=sample_rate)
    except Exception as exc:  # PyAV raises many kinds (InvalidDataError, StreamNotFound, IndexError...)
        if _without_audio(path):  # a video without sound: "tuple index out of range" said nothing
            raise InputError(f"{path} has no audio track") from None
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise InputError(f"cannot decode audio in {path}: {reason}") from None
    if samples.size == 0:
        raise InputError(f"no audio samples in {path}")
    return np.ascontiguousarray(samples, dtype=np.float32)


def read_range(path: str | Path, start: float, seconds: float, sample_rate: int = SAMPLE_RATE) -> np.ndarray:
    """`seconds` of audio from `start` (seconds into the file), float32 mono at `sample_rate`: seeks, so a
    minute from the middle of a long recording decodes a minute, not the hour before it."""
    import av

    path = Path(path)
    try:
        with av.open(str(path)) as container:
            if not container.streams.audio:
                raise InputError(f"{path.name} has no audio track")
            stream = container.streams.audio[0]
            if start > 0:
                container.seek(int(start * av.time_base), any_frame=False)  # a little before: trimmed below
            resampler = av.AudioResampler(format="flt", layout="mono", rate=sample_rate)
            pieces, first, wanted = [], None, int(seconds * sample_rate)
            for frame in container.decode(stream):
                if first is None:
                    first = float(frame.time) if frame.time is not None else 0.0
                for out in resampler.resample(frame):
                    pieces.append(out.to_ndarray().reshape(-1))
                if sum(p.size for p in pieces) >= wanted + int(max(0.0, start - first) * sample_rate):
                    break
    except InputError:
        raise
    except Exception as exc:  # PyAV raises many kinds
        raise InputError(f"cannot decode audio in {path.name}: {str(exc).splitlines()[0] if str(exc) else exc}") \
            from None
    samples = np.concatenate(pieces).astype(np.float32, copy=False) if pieces else np.zeros(0, np.float32)
    skip = int(max(0.0, start - (first or 0.0)) * sample_rate)
    return samples[skip: skip + wanted]


def _without_audio(path: Path) -> bool:
    """A file PyAV opens that holds no audio stream (a silent video)."""
    import av

    try:
        with av.open(str(path)) as container:
            return not container.streams.audio
    except Exception:  # not a container PyAV reads: the decoder's own reason says more
        return False


def to_float32(samples: np.ndarray) -> np.ndarray:
    """int16 or float samples -> float32 in [-1, 1] (mono: a 2-D array is averaged over its last axis)."""
    samples = np.asarray(samples)
    if samples.dtype == np.int16:
        samples = samples.astype(np.float32) / 32768.0
    samples = samples.astype(np.float32, copy=False)
    return samples.mean(axis=1) if samples.ndim == 2 else samples


def to_int16(samples: np.ndarray) -> np.ndarray:
    """float samples in [-1, 1] (clipped) or int16 -> int16."""
    samples = np.asarray(samples)
    if samples.dtype == np.int16:
        return samples
    return (np.clip(samples, -1.0, 1.0) * 32767.0).round().astype(np.int16)


def write_wav(path: str | Path, samples: np.ndarray, sample_rate: int) -> Path:
    """Write mono 16-bit PCM WAV from float32 ([-1, 1]) or int16 samples."""
    path = Path(path)
    path.write_bytes(wav_bytes(samples, sample_rate))
    return path


def wav_bytes(samples: np.ndarray, sample_rate: int) -> bytes:
    """Mono 16-bit PCM WAV (the whole file, in memory) from float32 ([-1, 1]) or int16 samples."""
    pcm = to_int16(np.asarray(samples).reshape(-1))
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(int(sample_rate))
        out.writeframes(pcm.tobytes())
    return buffer.getvalue()


def resample(samples: np.ndarray, from_rate: int, to_rate: int) -> np.ndarray:
    """Resample mono audio with libswresample (via PyAV, already a dependency); float32 out."""
    samples = to_float32(samples)
    if from_rate == to_rate or samples.size == 0:
        return samples
    import av

    frame = av.AudioFrame.from_ndarray(np.ascontiguousarray(samples)[None, :], format="flt", layout="mono")
    frame.sample_rate = int(from_rate)
    resampler = av.AudioResampler(format="flt", layout="mono", rate=int(to_rate))
    frames = resampler.resample(frame) + resampler.resample(None)  # None flushes the tail
    return np.concatenate([f.to_ndarray().reshape(-1) for f in frames]).astype(np.float32, copy=False)


class StreamResampler:
    """Resamples a stream block by block, keeping the filter state between blocks (no clicks at the
    joins): for a microphone that only offers 44.1 or 48 kHz."""

    def __init__(self, from_rate: int, to_rate: int):
        import av

        self.from_rate, self.to_rate = int(from_rate), int(to_rate)
        self._resampler = av.AudioResampler(format="flt", layout="mono", rate=self.to_rate)
        self._pts = 0

    def push(self, samples: np.ndarray) -> np.ndarray:
        import av

        samples = np.ascontiguousarray(to_float32(samples).reshape(-1))
        if samples.size == 0:
            return samples
        frame = av.AudioFrame.from_ndarray(samples[None, :], format="flt", layout="mono")
        frame.sample_rate = self.from_rate
        frame.pts = self._pts
        self._pts += samples.size
        out = self._resampler.resample(frame)
        return np.concatenate([f.to_ndarray().reshape(-1) for f in out]).astype(np.float32, copy=False) \
            if out else np.zeros(0, np.float32)
