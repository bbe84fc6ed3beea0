"""Load time, first and warm inference time, and peak RSS per embedded role, against the raw library.

Each measurement runs in fresh subprocesses, alternating modes, best of `--rounds` (so load times are cold-process and peak RSS is the role's
own): once through the registry (`ModelManager.get(role)` + the wrapper), once with the raw library
doing the same work on the same input. Prints a table with ratios (registry / raw) and writes
bench/results/models.json.

    .venv/bin/python bench/models.py [--roles vad stt ...] [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from stamp import stamp  # noqa: E402

ROLES = ["vad", "stt", "tts", "text_embed", "llm", "llm-transformers"]  # the last: the same model, before llama.cpp
TRANSFORMERS_LLM = {"llm": {"source": "pypi:qwen2.5-coder-0.5b", "backend": "transformers"}}
SENTENCE = "The quarterly report in the knowledge folder shows revenue growing by twelve percent."
PASSAGES = [f"Passage {i}: " + SENTENCE for i in range(64)]
CHAT = [{"role": "user", "content": "What is the capital of France? Answer in one word."}]
LLM_TOKENS = 32


def _speech(cache: Path) -> Path:
    """A 16 kHz WAV of SENTENCE with silence around it, spoken by the packaged Piper voice."""
    wav = cache / "bench-speech.wav"
    if not wav.exists():
        import numpy as np

        from assistant.audio.io import resample, write_wav
        from assistant.config import load_settings
        from assistant.models import ModelManager

        tts = ModelManager(load_settings()).get("tts")
        speech = resample(tts.synthesize_all(SENTENCE).astype(np.float32) / 32768, tts.sample_rate, 16000)
        silence = np.zeros(16000, dtype=np.float32)
        write_wav(wav, np.concatenate([silence, speech, silence]), 16000)
    return wav


def _settings(role: str):
    from assistant.config import load_settings

    return load_settings(models=TRANSFORMERS_LLM) if role == "llm-transformers" else load_settings()


def _registry(role: str, wav: Path):
    from assistant.audio.io import read_audio
    from assistant.models import ModelManager

    mgr = ModelManager(_settings(role))
    audio = read_audio(wav)
    model = mgr.get("llm" if role == "llm-transformers" else role)
    work = {
        "vad": lambda: model.speech_segments(audio),
        "stt": lambda: model.transcribe(audio).text,
        "tts": lambda: model.synthesize_all(SENTENCE),
        "text_embed": lambda: model.embed(PASSAGES),
        "llm": lambda: model.chat(CHAT, max_new_tokens=LLM_TOKENS),
        "llm-transformers": lambda: model.chat(CHAT, max_new_tokens=LLM_TOKENS),
    }[role]
    return work


def _raw(role: str, wav: Path):
    from assistant.audio.io import read_audio
    from assistant.models import ModelManager, materialise

    mgr = ModelManager(_settings(role))
    spec = mgr.spec("llm" if role == "llm-transformers" else role)
    path = materialise(spec, mgr.settings.model_cache_dir)  # the same files, found the same way
    if role in ("text_embed", "llm-transformers"):  # the environment needs this for any transformers import here
        from assistant.compat import ensure_torchvision

        ensure_torchvision()
    audio = read_audio(wav)
    if role == "vad":
        import torch
        from silero_vad import get_speech_timestamps, load_silero_vad

        model = load_silero_vad(onnx=True)
        return lambda: get_speech_timestamps(torch.from_numpy(audio), model, return_seconds=True)
    if role == "stt":
        from faster_whisper import WhisperModel

        model = WhisperModel(str(path), device="cpu", compute_type="int8")
        return lambda: " ".join(s.text for s in model.transcribe(
            audio, beam_size=1, vad_filter=True, condition_on_previous_text=False)[0])
    if role == "tts":
        from piper import PiperVoice

        voice = PiperVoice.load(str(path))
        return lambda: [c.audio_int16_array for c in voice.synthesize(SENTENCE)]
    if role == "text_embed":
        from sentence_transformers import SentenceTransformer

        model = SentenceTransformer(str(path), device="cpu")
        return lambda: model.encode(PASSAGES, normalize_embeddings=True)
    if role == "llm":  # llama.cpp as its Python binding offers it, with the engine's settings
        import xllamacpp

        params = xllamacpp.CommonParams()
        params.model.path = str(path)
        params.n_ctx, params.n_parallel, params.warmup, params.verbosity = 4096, 1, False, -1
        params.cpuparams.n_threads = params.cpuparams_batch.n_threads = os.cpu_count() or 2
        server = xllamacpp.Server(params)

        def complete():
            out: list = []
            server.handle_chat_completions({"messages": CHAT, "max_tokens": LLM_TOKENS, "temperature": 0,
                                            "stream": False}, out.append)
            return out[0]["choices"][0]["message"]["content"]
        return complete
    if role == "llm-transformers":
        import torch
        from transformers import AutoModelForCausalLM, AutoTokenizer

        tok = AutoTokenizer.from_pretrained(path)
        model = AutoModelForCausalLM.from_pretrained(path, dtype=torch.float32)
        inputs = tok.apply_chat_template(CHAT, add_generation_prompt=True, return_tensors="pt", return_dict=True)

        def generate():
            with torch.inference_mode():
                out = model.generate(**inputs, max_new_tokens=LLM_TOKENS, do_sample=False)
            return tok.decode(out[0, inputs["input_ids"].shape[1]:], skip_special_tokens=True)
        return generate
    raise ValueError(role)


def child(role: str, mode: str, wav: Path, repeat: int) -> None:
    started = time.perf_counter()
    work = (_registry if mode == "registry" else _raw)(role, wav)
    load_s = time.perf_counter() - started
    started = time.perf_counter()
    work()
    first_s = time.perf_counter() - started
    warm = []
    for _ in range(repeat):
        started = time.perf_counter()
        work()
        warm.append(time.perf_counter() - started)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"load_s": load_s, "first_s": first_s, "warm_s": statistics.median(warm),
                      "peak_rss_mb": peak_mb}))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--roles", nargs="*", default=ROLES)
    parser.add_argument("--repeat", type=int, default=3, help="warm inferences per process (median)")
    parser.add_argument("--rounds", type=int, default=2, help="fresh processes per mode (best of)")
    parser.add_argument("--child", nargs=2, metavar=("ROLE", "MODE"))
    parser.add_argument("--wav", type=Path)
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "results" / "models.json")
    args = parser.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    if args.child:
        child(*args.child, args.wav, args.repeat)
        return

    wav = _speech(Path(tempfile.gettempdir()))
    results = {}
    print(f"{'role':<17}{'mode':<10}{'load s':>8}{'first s':>9}{'warm s':>9}{'peak MB':>9}")
    for role in args.roles:
        results[role] = {}
        runs: dict[str, list[dict]] = {"registry": [], "raw": []}
        for _ in range(args.rounds):  # alternate, then keep each metric's best: robust on a shared machine
            for mode in runs:
                out = subprocess.run([sys.executable, __file__, "--child", role, mode, "--wav", str(wav),
                                      "--repeat", str(args.repeat)], capture_output=True, text=True, check=True)
                runs[mode].append(json.loads(out.stdout.strip().splitlines()[-1]))
        for mode, rows in runs.items():
            row = {k: min(r[k] for r in rows) for k in rows[0]}
            results[role][mode] = row
            print(f"{role:<17}{mode:<10}{row['load_s']:>8.2f}{row['first_s']:>9.3f}{row['warm_s']:>9.3f}"
                  f"{row['peak_rss_mb']:>9.0f}")
        reg, raw = results[role]["registry"], results[role]["raw"]
        results[role]["ratio"] = {k: reg[k] / raw[k] for k in ("load_s", "first_s", "warm_s", "peak_rss_mb")}
        r = results[role]["ratio"]
        print(f"{role:<17}{'ratio':<10}{r['load_s']:>8.2f}{r['first_s']:>9.2f}{r['warm_s']:>9.2f}"
              f"{r['peak_rss_mb']:>9.2f}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"stamp": stamp(), "machine": {"cpus": os.cpu_count(), "platform": platform.platform(),
                                                "load_average": os.getloadavg()},
                                    "roles": results}, indent=2))
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
