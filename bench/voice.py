"""Voice loop latency: end of speech -> first audio out over N spoken turns, and the loop's own overhead.

For each question (spoken by the packaged Piper voice, silence around it) the benchmark runs
  - the loop: `VoiceLoop` on the file, as fast as possible (the endpointing wait is audio time), and
  - the same stages alone, by hand, on the same input: Endpointer over the frames -> Whisper on the
    utterance -> the agent's turn until the splitter yields its first sentence -> Piper on that sentence,
and reports p50/p95 of the loop's total and its parts, the ratio loop / sum-of-stages-alone (the loop's
own overhead; target <= 1.10), and the real-time factors of STT and TTS. Both runs start from the same
conversation state (a fresh history, the KV cache holding the system prompt). Results go to
bench/results/voice.json.

    .venv/bin/python bench/voice.py [--turns 8]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

QUESTIONS = [
    "What is the capital of France?",
    "How many legs does a spider have?",
    "Why is the sky blue?",
    "Give me a tip for sleeping better.",
    "What is the boiling point of water?",
    "Who wrote Romeo and Juliet?",
    "What is a prime number?",
    "Name three colours of the rainbow.",
    "How far away is the Moon?",
    "What should I cook for dinner tonight?",
]


def percentile(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, max(0, round(q * (len(values) - 1))))]


def stages_alone(runtime, agent, samples: np.ndarray) -> dict:
    from assistant.agent import TextDelta
    from assistant.audio.endpointer import Endpointer
    from assistant.cancel import Cancel
    from assistant.audio.sentences import SentenceSplitter, speakable
    from assistant.audio.sources import frames_of

    endpointer = Endpointer.for_voice(runtime.manager.get("vad"), runtime.settings.voice)
    utterance = next(e for f in frames_of(samples) for e in endpointer.push(f) if hasattr(e, "samples"))
    t0 = time.perf_counter()
    transcript = runtime.manager.get("stt").transcribe(utterance.samples, "en")
    stt_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    splitter, first = SentenceSplitter(), None
    stop = Cancel()
    for event in agent.turn(transcript.text, stop=stop):
        if isinstance(event, TextDelta) and first is None:
            ready = [s for s in splitter.push(event.text) if any(c.isalnum() for c in speakable(s))]
            if ready:
                first = ready[0]
                stop.set()  # the rest of the reply is not on the path to first audio
    if first is None:
        first = next((s for s in splitter.flush() if any(c.isalnum() for c in speakable(s))), "")
    agent_s = time.perf_counter() - t0
    tts = runtime.manager.get("tts")
    t0 = time.perf_counter()
    audio = tts.synthesize_all(speakable(first))
    tts_s = time.perf_counter() - t0
    return {"endpoint_wait_s": utterance.endpoint_wait, "stt_s": stt_s, "agent_first_sentence_s": agent_s,
            "tts_first_audio_s": tts_s,
            "total_s": utterance.endpoint_wait + stt_s + agent_s + tts_s,
            "stt_rtf": stt_s / utterance.duration, "tts_rtf": tts_s / (audio.size / tts.sample_rate)}


def loop_once(runtime, agent, samples: np.ndarray) -> dict:
    from assistant.audio.player import InstantPlayer
    from assistant.audio.sources import frames_of

    player = InstantPlayer(runtime.manager.get("tts").sample_rate)
    loop = runtime.voice_loop(player, agent=agent, language="en", latency_log=False)
    [turn] = asyncio.run(loop.run(frames_of(samples), paced=False))
    return turn.latency


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--turns", type=int, default=8)
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "results" / "voice.json")
    args = parser.parse_args()

    from assistant.audio.io import resample
    from assistant.config import load_settings
    from assistant.runtime import Runtime
    work = Path(tempfile.mkdtemp(prefix="bench-voice-"))
    runtime = Runtime(load_settings(knowledge_dir=work / "knowledge", data_dir=work / "data"))
    (work / "knowledge").mkdir()
    runtime.load_voice_models()
    tts = runtime.manager.get("tts")
    agent = runtime.agent()
    agent.warm_up()
    rows = []
    for i in range(args.turns):
        question = QUESTIONS[i % len(QUESTIONS)]
        speech = resample(tts.synthesize_all(question).astype(np.float32) / 32768, tts.sample_rate, 16000)
        samples = np.concatenate([np.zeros(8000, np.float32), speech, np.zeros(24000, np.float32)])
        order = ("alone", "loop") if i % 2 == 0 else ("loop", "alone")
        row = {"question": question}
        for mode in order:
            agent.reset()
            row[mode] = stages_alone(runtime, agent, samples) if mode == "alone" else loop_once(runtime, agent, samples)
        row["ratio"] = row["loop"]["total_s"] / row["alone"]["total_s"]
        rows.append(row)
        print(f"{i + 1:>2}/{args.turns}  loop {row['loop']['total_s']:.2f} s   stages alone "
              f"{row['alone']['total_s']:.2f} s   ratio {row['ratio']:.3f}   {question}", flush=True)

    parts = ["endpoint_wait_s", "stt_s", "first_token_s", "first_sentence_s", "tts_first_audio_s", "output_s",
             "total_s"]
    summary = {p: {"p50": percentile([r["loop"][p] for r in rows], 0.5),
                   "p95": percentile([r["loop"][p] for r in rows], 0.95)} for p in parts}
    summary["alone_total_s"] = {"p50": percentile([r["alone"]["total_s"] for r in rows], 0.5),
                                "p95": percentile([r["alone"]["total_s"] for r in rows], 0.95)}
    ratios = [r["ratio"] for r in rows]
    summary["ratio_loop_vs_stages"] = {"median": statistics.median(ratios), "max": max(ratios)}
    summary["stt_rtf"] = statistics.median(r["alone"]["stt_rtf"] for r in rows)
    summary["tts_rtf"] = statistics.median(r["alone"]["tts_rtf"] for r in rows)

    print(f"\n{'part':<22}{'p50 (s)':>10}{'p95 (s)':>10}")
    for p in parts:
        print(f"{p:<22}{summary[p]['p50']:>10.3f}{summary[p]['p95']:>10.3f}")
    print(f"{'stages alone, total':<22}{summary['alone_total_s']['p50']:>10.3f}{summary['alone_total_s']['p95']:>10.3f}")
    print(f"\nloop / stages alone: median {summary['ratio_loop_vs_stages']['median']:.3f}, "
          f"max {summary['ratio_loop_vs_stages']['max']:.3f} (target <= 1.10)")
    print(f"real-time factor: STT {summary['stt_rtf']:.3f}, TTS {summary['tts_rtf']:.3f}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"machine": {"platform": platform.platform(), "processor": platform.machine()},
                                    "profile": runtime.settings.profile, "summary": summary, "turns": rows},
                                   indent=2))
    print(f"results: {args.out}")


if __name__ == "__main__":
    main()
