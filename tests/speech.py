"""Speech for tests (not a test module): espeak-ng and Piper clips, silence/noise padding, word error rate.

`import speech` works from any test: conftest puts tests/ on sys.path.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import numpy as np
import pytest

HAVE_ESPEAK = shutil.which("espeak-ng") is not None
needs_espeak = pytest.mark.skipif(not HAVE_ESPEAK, reason="espeak-ng is not installed (apt-get install espeak-ng)")


def espeak_wav(text: str, path: str | Path, rate: int = 16000) -> Path:
    """Speak `text` with espeak-ng (22.05 kHz) and save it as 16-bit mono WAV at `rate`.

    Skips the calling test when espeak-ng is missing.
    """
    from assistant.audio.io import read_audio, write_wav

    if not HAVE_ESPEAK:
        pytest.skip("espeak-ng is not installed (apt-get install espeak-ng)")
    path = Path(path)
    with tempfile.TemporaryDirectory() as tmp:
        raw = Path(tmp) / "espeak.wav"
        subprocess.run(["espeak-ng", "-w", str(raw), text], check=True, capture_output=True, timeout=60)
        samples = read_audio(raw, sample_rate=rate)  # PyAV resamples and mixes down
    return write_wav(path, samples, rate)


def piper_wav(tts, text: str, path: str | Path) -> Path:
    """Speak `text` with a loaded PiperTTS into a WAV at the voice's own rate (22.05 kHz for joe)."""
    return tts.to_wav(text, path)


def pad_with_silence(samples: np.ndarray, sr: int, before_s: float, after_s: float,
                     noise_db: float | None = None, seed: int = 0) -> np.ndarray:
    """float32 speech with `before_s`/`after_s` seconds of silence around it, plus, if `noise_db` is given,
    white noise at that level (dBFS RMS, e.g. -50) over the whole clip."""
    from assistant.audio.io import to_float32

    speech = to_float32(samples)
    out = np.concatenate([np.zeros(int(before_s * sr), np.float32), speech,
                          np.zeros(int(after_s * sr), np.float32)])
    if noise_db is not None:
        rng = np.random.default_rng(seed)
        out = out + rng.standard_normal(out.size).astype(np.float32) * np.float32(10 ** (noise_db / 20))
    return np.clip(out, -1.0, 1.0).astype(np.float32)


def speech_bounds(samples: np.ndarray, sr: int, level: float = 0.02) -> tuple[float, float]:
    """(first, last) second where |sample| exceeds `level`: the truth for VAD tests on clean speech."""
    loud = np.flatnonzero(np.abs(samples) > level)
    return float(loud[0] / sr), float(loud[-1] / sr)


def normalise(text: str) -> str:
    """Lower case, punctuation to spaces (apostrophes kept), single spaces."""
    text = re.sub(r"[^\w\s']", " ", text.lower().replace("\u2019", "'"))
    return " ".join(text.split())


def wer(ref: str, hyp: str) -> float:
    """Word error rate after `normalise` on both sides."""
    import jiwer

    ref, hyp = normalise(ref), normalise(hyp)
    if not ref:
        return 0.0 if not hyp else 1.0
    if not hyp:
        return 1.0
    return float(jiwer.wer(ref, hyp))


def vowel_babble(seconds: float, syllables_per_s: float = 4.0, sr: int = 16000, seed: int = 0) -> np.ndarray:
    """Voice-like sound with no words in it: a voice's harmonics (100-140 Hz) through the formants of five
    vowels, one vowel per syllable at a speaking rate, rising and falling like syllables. Silero calls it speech
    all through; Whisper base mostly hears a sentence in it and loops ("I'm not a good guy." ten times over;
    which sentence, or whether, turns on the exact samples). float32, peak 0.25, the same samples for the same
    arguments."""
    formants = [(700, 1200, 2600), (300, 2300, 3000), (300, 800, 2300), (500, 1800, 2500), (500, 900, 2400)]
    rng = np.random.default_rng(seed)
    length = int(sr / syllables_per_s)
    t = np.arange(length) / sr
    envelope = np.sin(np.pi * np.arange(length) / length) ** 2
    pieces = []
    for n in range(int(seconds * syllables_per_s)):
        f0 = 110 + 30 * np.sin(2 * np.pi * 0.3 * n / syllables_per_s) + rng.normal(0, 5)
        vowel = formants[rng.integers(len(formants))]
        harmonics = np.arange(1, 40)[:, None] * f0
        gain = sum(1 / (1 + ((harmonics - f) / 80) ** 2) for f in vowel) / np.sqrt(np.arange(1, 40))[:, None]
        pieces.append((gain * np.sin(2 * np.pi * harmonics * (t + 1 / sr))).sum(axis=0) * envelope)
    out = np.concatenate(pieces)
    return (0.25 * out / np.abs(out).max()).astype(np.float32)
