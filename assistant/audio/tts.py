"""Text to speech with Piper (piper-tts 1.8: ONNX voices, espeak-ng phonemes from the data bundled in the wheel).

Audio streams one chunk per sentence as int16 mono at the voice's `sample_rate`, so a voice loop can start
playing the first sentence while the next is synthesised.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import InputError, ModelUnavailable
from .io import write_wav

# SynthesisConfig fields a spec's options may set (e.g. {"length_scale": 0.9} speaks a little faster).
SYNTHESIS_OPTIONS = ("speaker_id", "length_scale", "noise_scale", "noise_w_scale", "volume", "normalize_audio")


class PiperTTS:
    def __init__(self, voice, options: dict[str, Any] | None = None, language: str | None = None):
        from piper import SynthesisConfig

        self.voice = voice
        self.sample_rate: int = int(voice.config.sample_rate)
        self.language = language  # the voice's language family ("en"), from its config
        settings = {k: v for k, v in (options or {}).items() if k in SYNTHESIS_OPTIONS}
        self.config = SynthesisConfig(**settings)
        self.speakers: tuple[str, ...] = tuple(voice.config.speaker_id_map or {})

    def synthesize(self, text: str, speaker: str | None = None) -> Iterator[np.ndarray]:
        """int16 samples, one array per sentence, as soon as each is ready."""
        if not text or not text.strip():
            raise InputError("nothing to say: the text is empty")
        config = self.config
        if speaker is not None:
            ids = self.voice.config.speaker_id_map or {}
            if speaker not in ids:
                offered = f"its speakers are {', '.join(sorted(ids)[:20])}" if ids else "it has one voice only"
                raise InputError(f"this voice has no speaker {speaker!r}: {offered}")
            config = dataclasses.replace(config, speaker_id=ids[speaker])
        for chunk in self.voice.synthesize(text.strip(), syn_config=config):
            if chunk.audio_int16_array.size:
                yield chunk.audio_int16_array

    def synthesize_all(self, text: str) -> np.ndarray:
        """All of the speech for `text` as one int16 array (empty when nothing in it is speakable)."""
        chunks = list(self.synthesize(text))
        return np.concatenate(chunks) if chunks else np.zeros(0, dtype=np.int16)

    def to_wav(self, text: str, path: str | Path) -> Path:
        """Speak `text` into a 16-bit mono WAV file at the voice's own sample rate."""
        return write_wav(path, self.synthesize_all(text), self.sample_rate)


def _voice_file(path: Path, spec) -> Path:
    if path.is_dir():
        relative = (getattr(spec, "options", None) or {}).get("voice")
        if relative:
            path = path / relative
        else:
            voices = sorted(path.rglob("*.onnx"))
            if len(voices) != 1:
                raise ModelUnavailable(f"{path} holds {len(voices)} Piper voices: name one with the "
                                       "model option `voice` (the .onnx path inside the folder)")
            path = voices[0]
    if not path.is_file():
        raise ModelUnavailable(f"Piper voice not found: {path}")
    if not path.with_name(path.name + ".json").is_file():
        raise ModelUnavailable(f"Piper voice {path.name} has no {path.name}.json beside it")
    return path


def load_piper(path: Path, spec=None, plan=None) -> PiperTTS:
    """Loader for backend `piper`: `path` is the voice .onnx (with its .onnx.json beside it) or a folder
    holding it, in which case spec.options["voice"] is the .onnx path relative to the folder.

    CPU with `plan.threads` onnxruntime threads; CUDA when the plan asks for it and onnxruntime has it.
    """
    import onnxruntime
    from piper import PiperVoice
    from piper.config import PiperConfig

    onnx_path = _voice_file(Path(path), spec)
    raw = json.loads(onnx_path.with_name(onnx_path.name + ".json").read_text("utf-8"))
    config = PiperConfig.from_dict(raw)
    opts = onnxruntime.SessionOptions()
    if plan is not None and plan.threads:
        opts.intra_op_num_threads = plan.threads
    providers: list[str | tuple[str, dict[str, str]]] = ["CPUExecutionProvider"]
    if plan is not None and plan.is_cuda and "CUDAExecutionProvider" in onnxruntime.get_available_providers():
        providers.insert(0, ("CUDAExecutionProvider", {"cudnn_conv_algo_search": "HEURISTIC"}))
    session = onnxruntime.InferenceSession(str(onnx_path), sess_options=opts, providers=providers)
    voice = PiperVoice(session=session, config=config)
    return PiperTTS(voice, options=getattr(spec, "options", None), language=_language(raw))


def _language(config: dict) -> str | None:
    """The voice's language as Whisper names it: its `language.family` ("en"), else the espeak voice's."""
    language = config.get("language") or {}
    family = language.get("family") or str(language.get("code") or "").partition("_")[0]
    family = family or str((config.get("espeak") or {}).get("voice") or "").partition("-")[0]
    return family.lower() or None
