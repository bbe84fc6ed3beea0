"""Speech to text with Whisper: faster-whisper (CTranslate2) on CPU / x86 GPUs, transformers on any torch device.

Both backends take 16 kHz float32 mono samples or a file path and return the same `contracts.Transcript`.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import Any

import numpy as np

from ..contracts import Segment, Transcript
from ..errors import ModelUnavailable
from .coverage import unheard
from .fw_decode import decode
from .redecode import Piece
from .io import SAMPLE_RATE, read_audio, to_float32
from .loops import loop_segments, repeated_runs, implausible, words

log = logging.getLogger(__name__)

CHUNK_S = 30.0  # Whisper's window
# An utterance from the voice loop is encoded in a window this much longer than itself, of at least
# SHORT_WINDOW_S: CTranslate2's encoder takes any length, and a 10 s window costs a third of a 30 s one. Much
# shorter windows (speech + 1-2 s) make Whisper repeat itself; from 10 s on, the words matched the full
# window's on the test sentences (bench/stt.py).
SHORT_WINDOW_S, WINDOW_MARGIN_S = 10.0, 2.0
MAX_UTTERANCE_TOKENS = 224  # a 28 s utterance is far below; reaching it means a loop
SILENCE_RMS = 1e-4  # quieter than this is treated as no speech at all (no model call, no hallucination)


def load_samples(audio: np.ndarray | str | Path) -> np.ndarray:
    """A path (decoded and resampled to 16 kHz) or samples (assumed 16 kHz) -> float32 mono."""
    if isinstance(audio, (str, Path)):
        return read_audio(audio, SAMPLE_RATE)
    return np.ascontiguousarray(to_float32(audio).reshape(-1))


def looks_hallucinated(text: str, no_speech_prob: float = 0.0, avg_logprob: float = 0.0,
                       seconds: float | None = None) -> bool:
    """True for text Whisper likely invented: silence it was unsure about, or a repetition loop (the same
    words back to back, see `loops`; not a high compression ratio, which repetitive speech has too)."""
    return ((no_speech_prob > 0.6 and avg_logprob < -1.0) or not text.strip() or bool(repeated_runs(words(text)))
            or (seconds is not None and implausible(text, seconds)))


def _silent_transcript(samples: np.ndarray, language: str | None) -> Transcript | None:
    """An empty transcript for empty or all-but-silent audio (Whisper hallucinates on digital silence)."""
    if samples.size and float(np.sqrt(np.mean(np.square(samples, dtype=np.float64)))) >= SILENCE_RMS:
        return None
    return Transcript("", language, round(samples.size / SAMPLE_RATE, 3), [], speech=0.0)


def _mean_logprob(pieces: list[Piece]) -> float | None:
    """The pieces' log-probabilities, weighted by their length; None without pieces."""
    spans = [(max(p.end - p.start, 1e-3), p.logprob) for p in pieces]
    total = sum(length for length, _ in spans)
    return round(sum(length * lp for length, lp in spans) / total, 3) if spans else None


def _join(segments: list[Segment]) -> str:
    return " ".join(s.text for s in segments).strip()


class FasterWhisperSTT:
    """Whisper via CTranslate2 (faster-whisper), over the speech its Silero VAD finds; loops are decoded again
    and what stays a loop is dropped (fw_decode.py); the transcript says how much of the speech has words.

    An `utterance` (speech the voice loop's VAD already cut out, shorter than the window) takes a quicker
    road: CTranslate2 directly, a window of max(10 s, speech + 2 s) instead of 30 s, the language read off
    the same encoder pass, no VAD pass and no timestamps. When that result looks wrong (a repetition loop,
    unsure silence) the audio goes the usual way instead.
    """

    def __init__(self, model, beam_size: int = 1, options: dict[str, Any] | None = None):
        self.model = model
        self.beam_size = beam_size
        self.options = dict(options or {})  # extra faster-whisper transcribe() arguments
        self._lock = threading.Lock()  # one decode at a time per instance (voice loop, tools, MCP share it)

    def transcribe(self, audio: np.ndarray | str | Path, language: str | None = None,
                   utterance: bool = False) -> Transcript:
        samples = load_samples(audio)
        if (empty := _silent_transcript(samples, language)) is not None:
            return empty
        if utterance and samples.size <= (CHUNK_S - WINDOW_MARGIN_S) * SAMPLE_RATE and not self.options:
            with self._lock:
                quick = self._transcribe_utterance(samples, language)
            if quick is not None:
                return quick
        options = {"without_timestamps": utterance, **self.options}
        with self._lock:
            done = decode(self.model, samples, language, self.beam_size, options, vad=not utterance)
        if done.looped or done.dropped:
            log.info("transcript: %d looping segments decoded again, %d segments dropped as invented",
                     done.looped, done.dropped)
        segments = [Segment(p.start, p.end, p.text) for p in done.pieces]
        missed = unheard(done.speech, [(s.start, s.end) for s in segments]) if done.speech is not None else []
        return Transcript(_join(segments), done.language, round(done.duration, 3), segments,
                          None if done.speech is None else round(sum(e - s for s, e in done.speech), 2), missed,
                          _mean_logprob(done.pieces))


    def _transcribe_utterance(self, samples: np.ndarray, language: str | None) -> Transcript | None:
        """One short window through CTranslate2; None when the result looks hallucinated."""
        import ctranslate2
        from faster_whisper.tokenizer import Tokenizer

        features = self.model.feature_extractor(samples)
        duration = samples.size / SAMPLE_RATE
        extractor = self.model.feature_extractor
        frames = window_seconds(duration) * extractor.sampling_rate // extractor.hop_length
        window = np.zeros((1, features.shape[0], frames), np.float32)
        used = min(frames, features.shape[-1])
        window[0, :, :used] = features[:, :used]
        encoded = self.model.model.encode(ctranslate2.StorageView.from_array(window), to_cpu=False)
        multilingual = self.model.model.is_multilingual
        if multilingual and language is None:
            language = self.model.model.detect_language(encoded)[0][0][0][2:-2]  # "<|en|>" -> "en"
        tokenizer = Tokenizer(self.model.hf_tokenizer, multilingual, task="transcribe",
                              language=(language or "en") if multilingual else None)
        [result] = self.model.model.generate(encoded, [[*tokenizer.sot_sequence, tokenizer.no_timestamps]],
                                             beam_size=self.beam_size, return_scores=True,
                                             return_no_speech_prob=True, max_length=MAX_UTTERANCE_TOKENS)
        tokens = [t for t in result.sequences_ids[0] if t < tokenizer.eot]
        text = tokenizer.decode(tokens).strip()
        if len(result.sequences_ids[0]) >= MAX_UTTERANCE_TOKENS - 8 or looks_hallucinated(
                text, result.no_speech_prob, result.scores[0], duration):
            log.debug("short-window transcript looks wrong (%r): transcribing the usual way", text[:80])
            return None
        language = language if multilingual else "en"
        return Transcript(text, language, round(duration, 3), [Segment(0.0, round(duration, 3), text)],
                          logprob=round(float(result.scores[0]), 3))


def window_seconds(duration: float) -> int:
    """The encoder window for an utterance of `duration` seconds: max(10 s, speech + 2 s), whole seconds."""
    return min(int(np.ceil(max(SHORT_WINDOW_S, duration + WINDOW_MARGIN_S))), int(CHUNK_S))


def _check_folder(path: Path, required: tuple[str, ...], what: str) -> None:
    if not path.is_dir():
        raise ModelUnavailable(f"{what} model folder not found: {path}")
    missing = [name for name in required if not (path / name).exists()]
    if missing:
        raise ModelUnavailable(f"{what} model folder {path} lacks {', '.join(missing)}")


def load_faster_whisper(path: Path, spec=None, plan=None) -> FasterWhisperSTT:
    """Loader for backend `faster-whisper`: `path` is a CTranslate2 Whisper folder.

    CUDA: float16, beam 5. CPU: int8, beam 1, `plan.threads` threads. If CTranslate2 was built without
    CUDA (e.g. the aarch64 wheels), it falls back to the CPU with a warning.
    """
    from faster_whisper import WhisperModel

    path = Path(path)
    # Without tokenizer.json faster-whisper quietly asks the hub for openai/whisper-tiny's.
    _check_folder(path, ("model.bin", "config.json", "vocabulary.json", "tokenizer.json"), "faster-whisper")
    device, index = "cpu", 0
    if plan is not None and plan.is_cuda:
        import ctranslate2

        if ctranslate2.get_cuda_device_count() > 0:
            device, index = "cuda", int(plan.device.partition(":")[2] or 0)
        else:
            log.warning("CTranslate2 has no CUDA support here: faster-whisper runs on the CPU "
                        "(the transformers-whisper backend runs on the GPU)")
    options = dict(getattr(spec, "options", None) or {})
    beam_size = int(options.pop("beam_size", 5 if device == "cuda" else 1))
    compute_type = options.pop("compute_type", "float16" if device == "cuda" else "int8")
    threads = (plan.threads if plan is not None else None) or 0
    model = WhisperModel(str(path), device=device, device_index=index, compute_type=compute_type,
                         cpu_threads=threads, local_files_only=True)
    return FasterWhisperSTT(model, beam_size=beam_size, options=options)


class TransformersWhisperSTT:
    """Whisper via transformers on any torch device; sequential long-form decoding beyond 30 s."""

    def __init__(self, model, processor, num_beams: int = 1, options: dict[str, Any] | None = None):
        self.model = model
        self.processor = processor
        self.num_beams = num_beams
        self.options = dict(options or {})  # extra generate() arguments, e.g. max_new_tokens, temperature
        self._lock = threading.Lock()  # one decode at a time per instance

    def _features(self, samples: np.ndarray) -> dict:
        fe = self.processor.feature_extractor
        if samples.size > CHUNK_S * SAMPLE_RATE:  # long-form: keep every frame, generate() slides the window
            inputs = fe(samples, sampling_rate=SAMPLE_RATE, return_tensors="pt", truncation=False,
                        padding="longest", return_attention_mask=True)
            return {"input_features": inputs.input_features.to(self.model.device, self.model.dtype),
                    "attention_mask": inputs.attention_mask.to(self.model.device)}
        inputs = fe(samples, sampling_rate=SAMPLE_RATE, return_tensors="pt")  # padded to 30 s: short-form
        return {"input_features": inputs.input_features.to(self.model.device, self.model.dtype)}

    def _detect_language(self, features) -> str | None:
        config = self.model.generation_config
        if not getattr(config, "is_multilingual", False) or not getattr(config, "lang_to_id", None):
            return None
        lang_id = int(self.model.detect_language(features)[0])
        token = self.processor.tokenizer.convert_ids_to_tokens(lang_id)
        return token.strip("<|>")

    def transcribe(self, audio: np.ndarray | str | Path, language: str | None = None,
                   utterance: bool = False) -> Transcript:
        samples = load_samples(audio)
        if (empty := _silent_transcript(samples, language)) is not None:
            return empty
        with self._lock:  # (`utterance` changes nothing here: this engine runs no VAD pass of its own)
            return self._transcribe(samples, language)

    def _transcribe(self, samples: np.ndarray, language: str | None) -> Transcript:
        import torch

        inputs = self._features(samples)
        language = language or self._detect_language(inputs["input_features"])
        kwargs = {"num_beams": self.num_beams, "condition_on_prev_tokens": False, "temperature": 0.0,
                  "no_speech_threshold": 0.6, "logprob_threshold": -1.0, "compression_ratio_threshold": 2.4,
                  **self.options}
        if language:
            kwargs.update(language=language, task="transcribe")
        with torch.inference_mode():
            out = self.model.generate(**inputs, return_timestamps=True, return_segments=True, **kwargs)
        duration = round(samples.size / SAMPLE_RATE, 3)
        segments = []
        for part in out["segments"][0]:
            text = self.processor.tokenizer.decode(part["tokens"], skip_special_tokens=True).strip()
            start, end = float(part["start"]), min(float(part["end"]), duration)  # the last one may overrun
            if start < duration and text:
                segments.append(Segment(round(start, 3), round(end, 3), text))
        looping = set(loop_segments([s.text for s in segments], [(s.start, s.end) for s in segments]))
        segments = [s for n, s in enumerate(segments) if n not in looping]  # (no second decode on this engine)
        return Transcript(_join(segments), language, duration, segments)


def load_transformers_whisper(path: Path, spec=None, plan=None) -> TransformersWhisperSTT:
    """Loader for backend `transformers-whisper`: `path` is a transformers Whisper folder (config, weights,
    tokenizer and preprocessor files). Runs on `plan.device` in `plan.dtype`; beam 5 on a GPU, 1 on the CPU."""
    from ..compat import ensure_torchvision

    ensure_torchvision()  # transformers' model imports pull torchvision in; it may be a broken CUDA build
    from transformers import WhisperForConditionalGeneration, WhisperProcessor

    path = Path(path)
    _check_folder(path, ("config.json",), "transformers Whisper")
    device = plan.device if plan is not None else "cpu"
    dtype = plan.torch_dtype if plan is not None else None
    if plan is not None and plan.threads and device == "cpu":
        import torch

        torch.set_num_threads(plan.threads)
    model = WhisperForConditionalGeneration.from_pretrained(path, dtype=dtype, local_files_only=True)
    model.to(device).eval()  # type: ignore[arg-type]  # transformers types .to() through a wrapper
    processor = WhisperProcessor.from_pretrained(path, local_files_only=True)
    options = dict(getattr(spec, "options", None) or {})
    num_beams = int(options.pop("num_beams", 5 if device.startswith("cuda") else 1))
    return TransformersWhisperSTT(model, processor, num_beams=num_beams, options=options)
