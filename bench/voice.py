"""Voice loop latency: end of speech -> first audio out over N spoken turns, and the loop's own overhead.

For each question (spoken by the packaged Piper voice, silence around it) the benchmark runs
  - the loop: a new `VoiceLoop` on the file fed in real time (as `assistant voice --input q.wav --realtime`
    does, one process per question), the tool schemas in the prompt as in normal use, and
  - the same stages alone, by hand, on the same input: Endpointer (with Smart Turn) over the frames ->
    Whisper on the utterance -> the agent's turn until the splitter yields its first sentence -> Piper on
    that sentence, one after the other (the loop overlaps recognition with the end-of-turn wait),
and reports p50/p95 of the loop's total and its parts, the ratio loop / sum-of-stages-alone (the loop's
own overhead; target <= 1.10), and the real-time factors of STT and TTS. Both runs start from the same
conversation state (a fresh history, the KV cache holding the system prompt).

Two set-ups, each a run of its own (`--setup`):
  - `after`: the defaults (llama.cpp, Smart Turn after a 200 ms pause, recognition and prefill started on
    the pause, Whisper told the voice's language);
  - `before`: as the loop was before them (the same GGUF de-quantised into transformers, a fixed 500 ms
    silence, recognition after it in Whisper's 30 s window, the language detected by each new loop).
Results go to bench/results/voice.json (one entry per set-up).

    .venv/bin/python bench/voice.py [--turns 8] [--setup both|after|before]
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

sys.path.insert(0, str(Path(__file__).resolve().parent))
from stamp import stamp  # noqa: E402

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


def stages_alone(runtime, agent, samples: np.ndarray, language: str | None) -> dict:
    from assistant.agent import TextDelta
    from assistant.audio.frames import Utterance
    from assistant.audio.sources import frames_of
    from assistant.cancel import Cancel
    from assistant.voice.endpointer import Endpointer
    from assistant.voice.sentences import SentenceSplitter, speakable

    turn = runtime.manager.get("turn") if runtime.manager.locate("turn").ready else None
    endpointer = Endpointer.for_voice(runtime.manager.get("vad"), runtime.settings.voice, turn_model=turn)
    utterance = next(e for f in frames_of(samples) for e in endpointer.push(f) if isinstance(e, Utterance))
    t0 = time.perf_counter()
    transcript = runtime.manager.get("stt").transcribe(utterance.samples, language, True)
    stt_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    splitter, first = SentenceSplitter(first_clause_words=runtime.settings.voice.first_clause_words or None), None
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
    loop = runtime.voice_loop(player, agent=agent, latency_log=False)
    [turn] = asyncio.run(loop.run(frames_of(samples), paced=True))
    return turn.latency


# what each set-up changes: models, then [voice] settings
SETUPS: dict[str, tuple[dict, dict]] = {
    "after": ({}, {}),
    "before": ({"llm": {"source": "pypi:qwen2.5-coder-0.5b", "backend": "transformers"}},
               {"smart_turn": False, "pause_ms": 500, "end_silence_ms": 500, "language": "auto"}),
}
PARTS = ["endpoint_wait_s", "stt_s", "first_token_s", "first_sentence_s", "tts_first_audio_s", "output_s",
         "total_s"]


def run_setup(name: str, turns: int) -> dict:
    from assistant.audio.io import resample
    from assistant.config import load_settings
    from assistant.runtime import Runtime

    models, voice = SETUPS[name]
    work = Path(tempfile.mkdtemp(prefix="bench-voice-"))
    (work / "knowledge").mkdir()
    settings = load_settings(knowledge_dir=work / "knowledge", data_dir=work / "data", models=models)
    runtime = Runtime(settings.model_copy(update={"voice": settings.voice.model_copy(update=voice)}))
    runtime.load_voice_models()
    if name == "before":  # Whisper's 30 s window for every utterance, as before the short one
        stt = runtime.manager.get("stt")
        stt._transcribe_utterance = lambda samples, language: None  # type: ignore[method-assign]
    tts = runtime.manager.get("tts")
    agent = runtime.agent()
    agent.warm_up()
    language = runtime.settings.voice.stt_language(tts.language)
    rows = []
    print(f"-- {name}: {runtime.manager.spec('llm').backend} chat model, voice settings {voice or 'as default'}")
    for i in range(turns):
        question = QUESTIONS[i % len(QUESTIONS)]
        speech = resample(tts.synthesize_all(question).astype(np.float32) / 32768, tts.sample_rate, 16000)
        samples = np.concatenate([np.zeros(8000, np.float32), speech, np.zeros(40000, np.float32)])
        order = ("alone", "loop") if i % 2 == 0 else ("loop", "alone")
        row = {"question": question}
        for mode in order:
            agent.reset()
            agent.warm_up()  # the KV cache back to the fixed prefix (the loop does this itself when it starts)
            row[mode] = (stages_alone(runtime, agent, samples, language)
                         if mode == "alone" else loop_once(runtime, agent, samples))
        row["ratio"] = row["loop"]["total_s"] / row["alone"]["total_s"]
        rows.append(row)
        print(f"{i + 1:>2}/{turns}  loop {row['loop']['total_s']:.2f} s   stages alone "
              f"{row['alone']['total_s']:.2f} s   ratio {row['ratio']:.3f}   {question}", flush=True)
    for role in list(runtime.manager.loaded()):
        runtime.manager.unload(role)

    summary = {p: {"p50": percentile([r["loop"][p] for r in rows], 0.5),
                   "p95": percentile([r["loop"][p] for r in rows], 0.95)} for p in PARTS}
    summary["alone_total_s"] = {"p50": percentile([r["alone"]["total_s"] for r in rows], 0.5),
                                "p95": percentile([r["alone"]["total_s"] for r in rows], 0.95)}
    ratios = [r["ratio"] for r in rows]
    summary["ratio_loop_vs_stages"] = {"median": statistics.median(ratios), "max": max(ratios)}
    summary["stt_rtf"] = statistics.median(r["alone"]["stt_rtf"] for r in rows)
    summary["tts_rtf"] = statistics.median(r["alone"]["tts_rtf"] for r in rows)

    print(f"\n{'part':<22}{'p50 (s)':>10}{'p95 (s)':>10}")
    for p in PARTS:
        print(f"{p:<22}{summary[p]['p50']:>10.3f}{summary[p]['p95']:>10.3f}")
    print(f"{'stages alone, total':<22}{summary['alone_total_s']['p50']:>10.3f}{summary['alone_total_s']['p95']:>10.3f}")
    print(f"\nloop / stages alone: median {summary['ratio_loop_vs_stages']['median']:.3f}, "
          f"max {summary['ratio_loop_vs_stages']['max']:.3f} (target <= 1.10)")
    print(f"real-time factor: STT {summary['stt_rtf']:.3f}, TTS {summary['tts_rtf']:.3f}\n")
    return {"llm_backend": runtime.manager.spec("llm").backend, "voice": voice, "summary": summary, "turns": rows}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--turns", type=int, default=8)
    parser.add_argument("--setup", choices=("both", "after", "before"), default="both")
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "results" / "voice.json")
    args = parser.parse_args()

    names = ["before", "after"] if args.setup == "both" else [args.setup]
    results = {name: run_setup(name, args.turns) for name in names}
    if len(results) == 2:
        print(f"{'part (p50, s)':<22}{'before':>10}{'after':>10}{'ratio':>8}")
        for p in PARTS:
            b, a = (results[n]["summary"][p]["p50"] for n in ("before", "after"))
            print(f"{p:<22}{b:>10.3f}{a:>10.3f}{(a / b if b else float('nan')):>8.2f}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"stamp": stamp(), "machine": {"platform": platform.platform(), "processor": platform.machine()},
                                    "profile": "embedded", "setups": results}, indent=2))
    print(f"results: {args.out}")


if __name__ == "__main__":
    main()
