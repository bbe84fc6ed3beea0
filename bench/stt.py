"""Speech recognition of voice-loop utterances: the assistant's STT against raw faster-whisper.

Sentences from 0.6 to 14 s (short commands, questions, several sentences run together), spoken by two
voices (Piper joe, espeak-ng), cut as the endpointer cuts them (0.3 s before, 0.1 s after). Each clip is
transcribed by
  - raw faster-whisper `WhisperModel.transcribe` as the loop called it before (VAD filter on, 30 s window),
    with the language given and detected;
  - the assistant's `transcribe(..., utterance=True)` (a window of max(10 s, speech + 2 s), no VAD pass, the
    language read off the same encoder pass), with the language given and detected,
and the benchmark reports the median time per clip, the word error rate against the text spoken, and the
ratio to raw faster-whisper. Results: bench/results/stt.json.

    .venv/bin/python bench/stt.py
"""

from __future__ import annotations

import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from stamp import stamp  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

SENTENCES = [
    "What is the weather like in Paris today?", "Search my knowledge folder for penguins.",
    "Could you describe the photo of the lake that I added yesterday, and tell me what season it was taken in?",
    "Generate an image of a red fox sitting in the snow at sunset.",
    "How many pages does the annual report have, and what does it say about revenue in the third quarter?",
    "Hi.", "Transcribe the recording from Monday's meeting.", "Why is the sky blue?", "Okay.", "No, thanks.",
    "Please look up the section on battery safety in the manual and read me the warnings about charging.",
]
SENTENCES += [SENTENCES[0] + " " + SENTENCES[2], SENTENCES[2] + " " + SENTENCES[4],
              SENTENCES[4] + " " + SENTENCES[10] + " " + SENTENCES[3]]
REPEATS = 3


def clips(tts) -> list[tuple[str, str, np.ndarray]]:
    from assistant.audio.io import read_audio, resample

    out = []
    with tempfile.TemporaryDirectory() as tmp:
        for i, text in enumerate(SENTENCES):
            wav = Path(tmp) / f"{i}.wav"
            subprocess.run(["espeak-ng", "-w", str(wav), text], check=True, capture_output=True)
            out.append((text, "espeak", read_audio(wav, 16000)))
            out.append((text, "piper", resample(tts.synthesize_all(text).astype(np.float32) / 32768,
                                                tts.sample_rate, 16000)))
    pad = lambda s: np.concatenate([np.zeros(4800, np.float32), s, np.zeros(1600, np.float32)])  # noqa: E731
    return [(text, voice, pad(samples)) for text, voice, samples in out]


def timed(fn) -> tuple[float, str]:
    times, text = [], ""
    for _ in range(REPEATS):
        t0 = time.perf_counter()
        text = fn()
        times.append(time.perf_counter() - t0)
    return min(times), text


def main() -> None:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from speech import wer

    from assistant.config import load_settings
    from assistant.models.manager import ModelManager

    manager = ModelManager(load_settings())
    stt, tts = manager.get("stt"), manager.get("tts")
    raw = stt.model  # the faster_whisper.WhisperModel the assistant loaded

    def raw_text(samples, language):
        parts, _ = raw.transcribe(samples, language=language, beam_size=1, vad_filter=True,
                                  condition_on_previous_text=False)
        return " ".join(p.text.strip() for p in parts)

    ways = {
        "raw faster-whisper, language given": lambda s: raw_text(s, "en"),
        "raw faster-whisper, language detected": lambda s: raw_text(s, None),
        "assistant utterance, language given": lambda s: stt.transcribe(s, "en", utterance=True).text,
        "assistant utterance, language detected": lambda s: stt.transcribe(s, None, utterance=True).text,
    }
    data = clips(tts)
    stt.transcribe(data[0][2], "en", utterance=True)  # first-call costs out of the way
    raw_text(data[0][2], "en")
    rows = []
    for text, voice, samples in data:
        row = {"text": text, "voice": voice, "seconds": round(samples.size / 16000, 2)}
        for name, way in ways.items():
            seconds, said = timed(lambda: way(samples))  # noqa: B023
            row[name] = {"s": round(seconds, 4), "wer": round(wer(text, said), 4), "said": said}
        rows.append(row)
        print(f"{row['seconds']:>5.1f} s {voice:<7}" + "".join(f"{row[n]['s']:>8.3f}" for n in ways), flush=True)

    summary = {name: {"median_s": statistics.median(r[name]["s"] for r in rows),
                      "total_s": sum(r[name]["s"] for r in rows),
                      "mean_wer": statistics.fmean(r[name]["wer"] for r in rows)} for name in ways}
    base = summary["raw faster-whisper, language given"]["total_s"]
    print(f"\n{'':<42}{'median s':>10}{'total s':>9}{'vs raw':>8}{'WER':>7}")
    for name, s in summary.items():
        s["ratio_to_raw_given"] = s["total_s"] / base
        print(f"{name:<42}{s['median_s']:>10.3f}{s['total_s']:>9.2f}{s['ratio_to_raw_given']:>8.2f}"
              f"{s['mean_wer']:>7.3f}")
    out = Path(__file__).parent / "results" / "stt.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"stamp": stamp(), "machine": {"platform": platform.platform(), "processor": platform.machine()},
                               "summary": summary, "clips": rows}, indent=2))
    print(f"results: {out}")


if __name__ == "__main__":
    main()
