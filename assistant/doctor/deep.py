"""`assistant doctor --deep`: load each available role on its device and run one small inference, timed.

A smoke test of a machine (a GPU workstation after `models pull`, or a new install): each role loads
through the same registry the assistant uses, then does one real piece of work. The probes feed each
other where they can: Piper speaks a sentence, Silero VAD must find speech in it and Whisper must hear
the words back; CLIP and the VLM look at the same picture. Roles whose model is not here are skipped,
with the reason.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import numpy as np

from ..contracts import Text
from ..errors import first_line
from ..models import ModelManager
from ..roles import ROLES
from .report import Check, fail, ok, skip, warn

SECTION = "deep"
PHRASE = "The quick brown fox jumps over the lazy dog."

Probe = Callable[[Any, dict], tuple[str, dict]]  # (model, shared inputs) -> (summary, details); raises on failure


def checks(manager: ModelManager, roles: list[str] | None = None) -> list[Check]:
    shared: dict[str, Any] = {"image": _picture()}
    wanted = [r for r in ORDER if not roles or r in roles]
    return [_run(manager, role, shared) for role in wanted]


def _run(manager: ModelManager, role: str, shared: dict) -> Check:
    found = manager.locate(role)
    if not found.ready:
        return skip(SECTION, role, "not run: its model is not on this machine (see models)", problem=found.problem)
    try:
        plan = manager.plan(role)
    except Exception as exc:
        return fail(SECTION, role, f"no device for it: {first_line(exc)}", "see the compute section")
    cuda, before = _cuda_peak_reset() if plan.is_cuda else (None, 0)
    shared_with = [r for r, v in manager.loaded().items() if r != role and _same_model(manager, r, role)]
    started = time.perf_counter()
    try:
        model = manager.get(role)
    except Exception as exc:
        return fail(SECTION, role, f"{found.spec.title} did not load: {first_line(exc)}",
                    f"assistant -v doctor --deep {role} (shows the traceback)", device=plan.device, dtype=plan.dtype)
    load_s = time.perf_counter() - started
    started = time.perf_counter()
    try:
        summary, details = PROBES[role](model, shared)
    except Exception as exc:
        return fail(SECTION, role, f"loaded in {load_s:.1f} s, then its first inference failed: {first_line(exc)}",
                    f"assistant -v doctor --deep {role} (shows the traceback)", device=plan.device,
                    dtype=plan.dtype, load_s=round(load_s, 3))
    first_s = time.perf_counter() - started
    details = {"device": plan.device, "dtype": plan.dtype, "load_s": round(load_s, 3), "first_s": round(first_s, 3),
               "shared_with": shared_with, **details}
    if cuda is not None:
        details["gpu_peak_mb"] = round((cuda.max_memory_allocated() - before) / 2**20, 1)  # this role's share
    loaded = f"shared with {shared_with[0]}" if shared_with else f"load {load_s:.2f} s"
    text = f"{plan.device} {plan.dtype}: {loaded}, first inference {first_s:.2f} s — {summary}"
    problem = details.pop("problem", None)
    if problem:
        return warn(SECTION, role, f"{text}; {problem}", "check the model files; `assistant models` says where "
                    "they come from", **details)
    return ok(SECTION, role, text, **details)


def _same_model(manager: ModelManager, a: str, b: str) -> bool:
    sa, sb = manager.spec(a), manager.spec(b)
    return (sa.source, sa.backend) == (sb.source, sb.backend)


def _cuda_peak_reset():
    import torch

    torch.cuda.synchronize()
    torch.cuda.reset_peak_memory_stats()
    return torch.cuda, torch.cuda.memory_allocated()


def _picture():
    """A small real-looking test picture: a red disc on a blue background (no file, no download)."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (256, 256), (40, 70, 200))
    ImageDraw.Draw(image).ellipse((64, 64, 192, 192), fill=(220, 30, 30))
    return image


# -- one probe per role --------------------------------------------------------------------------------
def _tts(tts, shared: dict) -> tuple[str, dict]:
    from ..audio.io import SAMPLE_RATE, resample, to_float32

    speech = tts.synthesize_all(PHRASE)
    seconds = speech.size / tts.sample_rate
    shared["speech"] = resample(to_float32(speech), tts.sample_rate, SAMPLE_RATE)
    details: dict[str, Any] = {"audio_s": round(seconds, 2), "sample_rate": tts.sample_rate}
    if seconds < 1.0:
        details["problem"] = f"only {seconds:.2f} s of audio for a whole sentence"
    return f"spoke {seconds:.1f} s of audio", details


def _speech_or_sound(shared: dict) -> tuple[np.ndarray, bool]:
    """Piper's sentence when the tts role ran, else 2 s of a gliding tone in noise: not speech, but loud
    enough that Whisper runs (silence is answered without the model)."""
    speech = shared.get("speech")
    if speech is not None:
        return speech, True
    t = np.arange(32000, dtype=np.float32) / 16000
    noise = np.random.default_rng(0).standard_normal(t.size).astype(np.float32)
    return (0.3 * np.sin(2 * np.pi * (200 + 150 * t) * t) + 0.05 * noise).astype(np.float32), False


def _vad(vad, shared: dict) -> tuple[str, dict]:
    audio, is_speech = _speech_or_sound(shared)
    vad.reset()
    segments = vad.speech_segments(audio)
    vad.reset()
    details: dict[str, Any] = {"segments": len(segments), "input": "tts speech" if is_speech else "tone"}
    if is_speech and not segments:
        details["problem"] = "heard no speech in Piper's sentence"
    return f"{len(segments)} speech segment(s) in {'the spoken sentence' if is_speech else 'a test tone'}", details


def _turn(turn, shared: dict) -> tuple[str, dict]:
    audio, is_speech = _speech_or_sound(shared)
    finished = turn.complete(np.concatenate([audio, np.zeros(3200, np.float32)]))  # + a 200 ms pause
    details: dict[str, Any] = {"finished": round(finished, 3), "input": "tts speech" if is_speech else "tone"}
    if is_speech and finished < 0.5:
        details["problem"] = "took a whole spoken sentence for an unfinished turn"
    return f"a whole sentence then a pause: finished with probability {finished:.2f}", details


def _stt(stt, shared: dict) -> tuple[str, dict]:
    audio, is_speech = _speech_or_sound(shared)
    transcript = stt.transcribe(audio, language="en")
    text = transcript.text.strip()
    details: dict[str, Any] = {"text": text, "input": "tts speech" if is_speech else "tone"}
    if is_speech:
        heard = set(_words(text))
        expected = set(_words(PHRASE))
        details["words_heard"] = round(len(heard & expected) / len(expected), 2)
        if details["words_heard"] < 0.5:
            details["problem"] = f"heard {text!r} for {PHRASE!r}"
    return f"heard {text!r}", details


def _words(text: str) -> list[str]:
    return "".join(c.lower() if c.isalnum() else " " for c in text).split()


def _llm(llm, shared: dict) -> tuple[str, dict]:
    messages = [{"role": "user", "content": "Say hello in five words or fewer."}]
    started = time.perf_counter()
    first = None
    reply = ""
    for chunk in llm.stream(messages, max_new_tokens=16):
        if not isinstance(chunk, Text):
            continue
        if first is None:
            first = time.perf_counter() - started
        reply += chunk.text
    details: dict[str, Any] = {"reply": reply.strip(), "first_token_s": round(first or 0.0, 3)}
    stats = getattr(llm, "last_stats", None) or {}
    if stats.get("new_tokens"):
        details["new_tokens"] = stats["new_tokens"]
    if not reply.strip():
        details["problem"] = "the reply was empty"
    return f"first token {details['first_token_s']:.2f} s, replied {reply.strip()[:60]!r}", details


def _text_embed(embedder, shared: dict) -> tuple[str, dict]:
    vectors = embedder.embed(["a cat sleeps on the sofa", "a kitten naps on the couch", "tax forms are due"])
    near, far = float(vectors[0] @ vectors[1]), float(vectors[0] @ vectors[2])
    details: dict[str, Any] = {"dim": int(vectors.shape[1]), "similar": round(near, 3), "unrelated": round(far, 3)}
    if not near > far:
        details["problem"] = "a paraphrase scored no closer than an unrelated sentence"
    return f"{vectors.shape[1]}-d vectors; paraphrase {near:.2f} vs unrelated {far:.2f}", details


def _clip(clip, shared: dict) -> tuple[str, dict]:
    images = clip.embed_images([shared["image"]])
    texts = clip.embed_texts(["a red circle on a blue background", "a page of printed text"])
    scores = (texts @ images[0]).tolist()
    details = {"dim": int(images.shape[1]), "scores": [round(s, 3) for s in scores]}
    return f"{images.shape[1]}-d image and text vectors; matching caption {scores[0]:.2f} vs other {scores[1]:.2f}", \
        details


def _vlm(vlm, shared: dict) -> tuple[str, dict]:
    answer = vlm.describe(shared["image"], "What shapes and colours are in this picture?", max_new_tokens=24)
    details: dict[str, Any] = {"answer": answer}
    if not answer.strip():
        details["problem"] = "the answer was empty"
    return f"said {answer.strip()[:60]!r}", details


def _image_gen(generator, shared: dict) -> tuple[str, dict]:
    image = generator.generate("a red circle on a blue background", steps=1, seed=0)
    pixels = np.asarray(image.convert("RGB"), dtype=np.float32)
    details: dict[str, Any] = {"size": list(image.size), "pixel_std": round(float(pixels.std()), 2)}
    if not np.isfinite(pixels).all() or pixels.std() < 1.0:
        details["problem"] = "the image is blank (a NaN in half precision turns every pixel black)"
    return f"one step: {image.size[0]}x{image.size[1]} image", details


# One probe per role, in the order they run: producers first (the speech of tts is what stt hears).
PROBES: dict[str, Probe] = {"tts": _tts, "vad": _vad, "turn": _turn, "stt": _stt, "llm": _llm, "text_embed": _text_embed,
                            "clip": _clip, "vlm": _vlm, "image_gen": _image_gen}
ORDER = tuple(PROBES)
assert set(PROBES) == set(ROLES), f"doctor --deep probes {sorted(PROBES)}, the roles are {sorted(ROLES)}"
