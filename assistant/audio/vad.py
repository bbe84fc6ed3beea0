"""Silero VAD v6 run directly with onnxruntime: a streaming probability per 32 ms frame, and whole-file segments.

The v5/v6 ONNX model takes `input` = [64 samples of context from the previous frame + 512 new samples]
at 16 kHz, a recurrent `state` (2, batch, 128) and `sr`; it returns the speech probability and the new
state. This mirrors `silero_vad.utils_vad.OnnxWrapper` without torch.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from ..errors import InputError, ModelUnavailable
from .frames import FRAME_SAMPLES, SAMPLE_RATE
from .io import to_float32

CONTEXT = 64  # samples of the previous frame the model sees again


class SileroVAD:
    """One stream's VAD. Not thread-safe: each audio stream keeps its own state (use `reset()` between streams)."""

    sample_rate = SAMPLE_RATE
    frame_size = FRAME_SAMPLES

    def __init__(self, onnx_path: str | Path):
        import onnxruntime

        opts = onnxruntime.SessionOptions()
        opts.intra_op_num_threads = 1
        opts.inter_op_num_threads = 1
        self.path = Path(onnx_path)
        self._session = onnxruntime.InferenceSession(str(self.path), sess_options=opts,
                                                     providers=["CPUExecutionProvider"])
        self._sr = np.array(SAMPLE_RATE, dtype=np.int64)
        self.reset()

    def reset(self) -> None:
        """Forget the recurrent state and context (start of a new stream)."""
        self._state = np.zeros((2, 1, 128), dtype=np.float32)
        self._context = np.zeros((1, CONTEXT), dtype=np.float32)

    def probability(self, frame: np.ndarray) -> float:
        """Speech probability of the next 512-sample frame (16 kHz, float32 or int16) of the stream."""
        frame = to_float32(frame).reshape(1, -1)
        if frame.shape[1] != FRAME_SAMPLES:
            raise ValueError(f"Silero VAD takes frames of {FRAME_SAMPLES} samples at 16 kHz, got {frame.shape[1]}")
        x = np.concatenate([self._context, frame], axis=1)
        out, self._state = self._session.run(None, {"input": x, "state": self._state, "sr": self._sr})
        self._context = x[:, -CONTEXT:]
        return float(out[0, 0])

    def probabilities(self, audio: np.ndarray) -> np.ndarray:
        """Per-frame speech probabilities of a whole clip (16 kHz mono), from a fresh state; the tail is zero-padded."""
        audio = to_float32(audio).reshape(-1)
        pad = (-len(audio)) % FRAME_SAMPLES
        if pad:
            audio = np.concatenate([audio, np.zeros(pad, dtype=np.float32)])
        self.reset()
        probs = np.array([self.probability(audio[i:i + FRAME_SAMPLES]) for i in range(0, len(audio), FRAME_SAMPLES)],
                         dtype=np.float32)
        self.reset()
        return probs

    def speech_segments(self, audio: np.ndarray, threshold: float = 0.5, min_speech_ms: int = 250,
                        min_silence_ms: int = 300, pad_ms: int = 100) -> list[tuple[float, float]]:
        """Speech regions of a whole clip (16 kHz mono) as (start_s, end_s), like silero's get_speech_timestamps.

        Speech starts at a frame >= `threshold` and ends after `min_silence_ms` below `threshold - 0.15`;
        regions shorter than `min_speech_ms` are dropped; each side is padded by `pad_ms` (never past a
        neighbour: a short gap is split between the two).
        """
        audio = to_float32(audio).reshape(-1)
        if audio.size == 0:
            raise InputError("no audio to run voice activity detection on")
        spans = segments_from_probs(self.probabilities(audio), len(audio), threshold, min_speech_ms,
                                    min_silence_ms, pad_ms)
        return [(round(s / SAMPLE_RATE, 3), round(e / SAMPLE_RATE, 3)) for s, e in spans]


def segments_from_probs(probs: np.ndarray, n_samples: int, threshold: float = 0.5, min_speech_ms: int = 250,
                        min_silence_ms: int = 300, pad_ms: int = 100) -> list[tuple[int, int]]:
    """Frame probabilities -> padded speech spans in samples (hysteresis: exit below threshold - 0.15)."""
    min_speech = SAMPLE_RATE * min_speech_ms / 1000
    min_silence = SAMPLE_RATE * min_silence_ms / 1000
    pad = int(SAMPLE_RATE * pad_ms / 1000)
    exit_threshold = max(threshold - 0.15, 0.01)
    spans: list[list[int]] = []
    start, silence_from, speaking = 0, None, False
    for i, p in enumerate(probs):
        pos = i * FRAME_SAMPLES
        if p >= threshold:
            silence_from = None
            if not speaking:
                speaking, start = True, pos
            continue
        if speaking and p < exit_threshold:
            silence_from = pos if silence_from is None else silence_from
            if pos - silence_from >= min_silence:
                if silence_from - start > min_speech:
                    spans.append([start, silence_from])
                speaking, silence_from = False, None
    if speaking and n_samples - start > min_speech:
        spans.append([start, silence_from if silence_from is not None else n_samples])
    for i, span in enumerate(spans):
        if i == 0:
            span[0] = max(0, span[0] - pad)
        if i + 1 < len(spans):
            gap = spans[i + 1][0] - span[1]
            share = gap // 2 if gap < 2 * pad else pad
            span[1] += share
            spans[i + 1][0] -= share
        else:
            span[1] = min(n_samples, span[1] + pad)
    return [(s, e) for s, e in spans]


def load_silero(path: Path, spec=None, plan=None) -> SileroVAD:
    """Loader for backend `silero-onnx`: `path` is the .onnx file (or a folder holding silero_vad.onnx).

    Always single-threaded CPU onnxruntime, whatever `plan` says: the model is tiny.
    """
    path = Path(path)
    if path.is_dir():
        path = path / "silero_vad.onnx"
    if not path.is_file():
        raise ModelUnavailable(f"Silero VAD model not found: {path}")
    return SileroVAD(path)
