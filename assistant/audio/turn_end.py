"""Semantic end of turn: Smart Turn v3.2 judges from the audio itself whether the speaker has finished.

A short pause after "What is the capital of France?" ends the turn; the same pause after "I went to the
shop and" does not, and the loop keeps listening. The model (ONNX, 8.7 MB, BSD-2-Clause, from the
`pipecat-ai` package's data; installed without its dependencies) reads Whisper-style log-mel features of
the last 8 seconds (zero-mean, unit-variance audio; 80 mels x 800 frames) and answers a probability.
Tens of milliseconds on one CPU core.
"""

from __future__ import annotations

import threading
from pathlib import Path

import numpy as np

from ..errors import ModelUnavailable
from .frames import SAMPLE_RATE

WINDOW_S = 8  # the model hears the last 8 s (shorter audio is padded at the front)
FRAMES = 800  # 10 ms hops over 8 s


class SmartTurn:
    """`complete(samples)`: the probability that the speech in `samples` (16 kHz mono float32, ending
    with the pause) is a finished turn. Thread-safe."""

    def __init__(self, onnx_path: str | Path, threads: int = 1):
        import onnxruntime
        from faster_whisper.feature_extractor import FeatureExtractor

        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        try:
            self._session = onnxruntime.InferenceSession(str(onnx_path), sess_options=options,
                                                         providers=["CPUExecutionProvider"])
        except Exception as exc:
            raise ModelUnavailable(f"cannot load the Smart Turn model {onnx_path}: {exc}") from None
        self._features = FeatureExtractor(feature_size=80, sampling_rate=SAMPLE_RATE, hop_length=160,
                                          chunk_length=WINDOW_S, n_fft=400)
        self._lock = threading.Lock()

    def complete(self, samples: np.ndarray) -> float:
        audio = np.asarray(samples, dtype=np.float32).reshape(-1)[-WINDOW_S * SAMPLE_RATE:]
        audio = np.pad(audio, (WINDOW_S * SAMPLE_RATE - audio.size, 0))
        audio = (audio - audio.mean()) / np.sqrt(audio.var() + 1e-7)
        features = self._features(audio, padding=0)[:, :FRAMES]
        if features.shape[1] < FRAMES:
            features = np.pad(features, ((0, 0), (0, FRAMES - features.shape[1])))
        with self._lock:
            (logits,) = self._session.run(None, {"input_features": features[None].astype(np.float32)})
        return float(np.asarray(logits).reshape(-1)[0])


def load_smart_turn(path: Path, spec=None, plan=None) -> SmartTurn:
    return SmartTurn(path, threads=1)
