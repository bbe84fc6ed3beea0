"""Recordings in the knowledge index: transcription throughput while indexing against faster-whisper alone,
and `search_knowledge` latency with and without recordings in the index.

Test audio is made here: paragraphs of prose spoken sentence by sentence by espeak-ng and Piper (joe), joined
with pauses of 0.5-2 s and a few of 4-9 s, over a faint noise floor, at 22.05 kHz; WAV, one Ogg Vorbis (sox).
Full: 4 recordings of ~2 min and one of ~6 min (two 300 s blocks when indexed); --quick: 2 of ~1 min.

1. Throughput (models loaded once and warmed, one ModelManager for all rounds; rounds alternate the order):
   - indexing: `KnowledgeBase(...).index()` of a folder holding only the recordings, fresh data dir each
     round. "indexing total": the whole run (hashing, probing, PyAV decoding in 300 s blocks, the `stt` role's
     transcribe per block, chunking, MiniLM, chromadb + sqlite); "transcription inside indexing": the time in
     `recordings.transcribe` (decoding + model), of which "model": in the stt object's `transcribe`;
   - faster-whisper alone: the same loaded `WhisperModel` (`manager.get("stt").model`: same weights, threads,
     int8) running `transcribe(path, beam_size=1, vad_filter=True, condition_on_previous_text=False)` over
     each whole file (its decoding included), all segments consumed.
   Audio seconds per second and RTF (processing s / audio s), medians over rounds; ratio = alone s / this s
   (1.0: as fast; target >= 0.9, within 10%), also per round (paired) and in process CPU seconds (less
   sensitive to other load). Word error rates against the text spoken: neither side is faster by hearing less.
2. Query latency: notes and PDFs (bench/knowledge.py's makers) indexed into one data dir, the same plus the
   recordings into another; the same queries (on the notes and on the recordings) alternate between the two,
   3 rounds: p50 / p95 and with / without. A tiny random CLIP (as bench/knowledge.py) runs the visual leg.

The machine may be shared: read the ratios, not the absolute seconds; the load average is recorded.

    /tmp/fresh/bin/python bench/recordings.py [--quick] [--rounds N] [--threads N]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from stamp import stamp  # noqa: E402

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path[:0] = [str(REPO), str(REPO / "tests"), str(HERE)]
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

RATE = 22_050  # both voices' rate; the recordings are written at it (both sides resample to 16 kHz)
WHISPER = {"beam_size": 1, "vad_filter": True, "condition_on_previous_text": False}  # as FasterWhisperSTT on CPU

PROSE = {
    "lighthouse": [
        "The lighthouse on the northern cape was built in eighteen sixty two, after three ships were lost on the "
        "reef in a single winter. Its tower is forty metres tall and made of granite blocks carried by boat from a "
        "quarry on the mainland. For almost a century the lamp burned paraffin, and the keepers climbed the spiral "
        "stairs every evening to light it and to wind the clockwork that turned the lens.",
        "Three families lived at the station at any one time. The children were taught by a visiting teacher who "
        "came across once a fortnight, weather permitting, and in bad winters they might not see her for two months. "
        "The keepers kept a daily log of the wind, the visibility and every vessel that passed.",
        "In nineteen fifty eight the lamp was converted to electricity, and a diesel generator was installed in a "
        "concrete shed beside the tower. The great glass lens, ground in Paris, was kept in place. It weighs nearly "
        "three tonnes and floats on a bath of mercury, so that a gentle push will turn it.",
        "The last keeper left in nineteen ninety one, when the light became automatic. Today a small museum occupies "
        "the old cottages, and on clear afternoons visitors can climb to the gallery and look out across the reef "
        "where the shipwrecks still lie, marked on the charts with small crosses.",
        "A storm in the autumn of two thousand and nine broke several panes of the lantern room. Repairs took most "
        "of the following summer, because the new glass had to be cut by hand to match the old frames, and the work "
        "could only be done on calm days when the scaffolding was safe.",
    ],
    "bread": [
        "Good bread needs only four things: flour, water, salt and time. Most of the flavour comes from the slow "
        "work of yeast and bacteria, which is why a dough left overnight in a cool kitchen tastes so much richer "
        "than one rushed through in an hour.",
        "Start the evening before by mixing a spoonful of starter with equal weights of flour and water. In the "
        "morning it should be bubbly and smell slightly sour, like yoghurt. If it has collapsed and smells of "
        "vinegar, it has gone too far, and the bread will be flat and sharp.",
        "Mix five hundred grams of strong white flour with three hundred and fifty grams of water and leave it to "
        "rest for half an hour. Then add the starter and ten grams of salt, and squeeze the dough between your "
        "fingers until everything is combined. It will feel sticky, and that is exactly right.",
        "Over the next four hours, fold the dough every thirty minutes, stretching one side up and over the rest. "
        "You will notice it becoming smoother and stronger each time. When it has grown by about half and wobbles "
        "when you shake the bowl, shape it gently into a round and put it in a floured basket.",
        "Bake it in a very hot oven, inside a heavy pot with a lid for the first twenty minutes, so the steam keeps "
        "the crust soft while the loaf rises. Then remove the lid and bake for another twenty five minutes, until "
        "the crust is deep brown and the loaf sounds hollow when you tap the bottom.",
    ],
    "meeting": [
        "Good morning everyone, and thank you for joining the planning meeting for the community garden. We have "
        "three things to decide today: the budget for the new greenhouse, the watering rota for the summer, and what "
        "to do about the fence along the railway side.",
        "Let's start with the greenhouse. Maria collected three quotes. The cheapest is four thousand two hundred "
        "euros, but it has a thin polycarbonate roof that the supplier only guarantees for five years. The middle "
        "option is glass, costs five thousand eight hundred, and comes with installation included.",
        "Our grant from the town council covers five thousand euros, so the glass greenhouse would leave a gap of "
        "eight hundred. Tom suggested a plant sale in May to raise the difference, and several people have already "
        "offered seedlings. We agreed to go ahead with the glass option if the sale raises enough.",
        "On watering, last summer the rota fell apart in August when half the volunteers were on holiday. This year "
        "we will install two rain barrels and a simple drip system for the raised beds, and we will ask everyone to "
        "mark their holidays on the shared calendar by the end of June.",
        "Finally the fence. The railway company replied to our letter and says the fence is their responsibility, "
        "but they cannot give a date for the repair. Until then, Ahmed will put up temporary netting so that the "
        "rabbits stay out of the vegetable beds. The next meeting is on the fourteenth.",
    ],
    "rivers": [
        "A river is never the same from one year to the next. Every flood moves gravel and sand downstream, cuts "
        "into the outside of each bend and builds up the inside, so that over decades a meander slowly swings across "
        "the valley floor like a rope being shaken at one end.",
        "Sometimes a bend grows so tight that the river breaks through the narrow neck of land during a flood, and "
        "the old loop is abandoned. It becomes an oxbow lake, curved like a horseshoe, which gradually fills with "
        "silt and reeds and may turn into a marsh within a few hundred years.",
        "Engineers in the nineteenth century straightened many rivers to help boats and to drain farmland. The water "
        "ran faster, the channels deepened, and floods that used to spread across meadows were pushed downstream "
        "towards the towns, which then had to build higher and higher walls.",
        "In recent years several countries have begun to undo some of this work. Embankments are moved back, old "
        "channels are reconnected, and meadows are allowed to flood again in winter. Fish return to spawn in the "
        "gravel, wading birds feed in the shallow water, and the towns downstream stay drier.",
        "The lesson is that a river needs room. When it has space to spread out, it slows down and drops its load of "
        "sediment where it does little harm, and the whole valley becomes richer for it.",
    ],
}
RECORDING_QUERIES = ["when was the lighthouse lamp converted to electricity", "how tall is the lighthouse tower",
                     "how long should bread dough be folded", "how hot should the oven be for the loaf",
                     "how much does the glass greenhouse cost", "who will put up netting against rabbits",
                     "what is an oxbow lake", "why did engineers straighten rivers"]


# -- test audio ------------------------------------------------------------------------------------

# (topics spoken one after the other, voice, format); "espeak:VOICE:WPM" is an espeak-ng variant and rate
FULL = [("lighthouse", "espeak", "wav"), ("bread", "piper", "wav"), ("meeting", "espeak", "ogg"),
        ("rivers", "piper", "wav"), ("meeting+rivers+lighthouse", "espeak:en-us+f3:150", "wav")]  # > 300 s: 2 blocks
QUICK = [("lighthouse", "espeak", "wav"), ("bread", "piper", "ogg")]


def speak(text: str, voice: str, tts, tmp: Path):
    """float32 mono at RATE."""
    import numpy as np

    from assistant.audio.io import read_audio, resample

    if voice == "piper":
        return resample(tts.synthesize_all(text).astype(np.float32) / 32768, tts.sample_rate, RATE)
    _, name, wpm = (voice + "::").split(":")[:3]
    options = (["-v", name] if name else []) + (["-s", wpm] if wpm else [])
    subprocess.run(["espeak-ng", *options, "-w", str(tmp / "e.wav"), text], check=True, capture_output=True)
    return read_audio(tmp / "e.wav", RATE)


def make_recordings(folder: Path, tts, specs: list, paragraphs: int = 5) -> list[dict]:
    """Each spec's topics' first `paragraphs` paragraphs, sentence by sentence, with pauses, over faint noise
    (Piper's lines by espeak-ng when there is no `tts`)."""
    import numpy as np

    from assistant.audio.io import write_wav

    rng, noise = random.Random(3), np.random.default_rng(3)
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    with tempfile.TemporaryDirectory() as t:
        for i, (topics, voice, fmt) in enumerate(specs):
            voice = "espeak" if voice == "piper" and tts is None else voice
            spoken = [para for topic in topics.split("+") for para in PROSE[topic][:paragraphs]]
            pieces = [np.zeros(int(rng.uniform(0.3, 1.5) * RATE), np.float32)]
            for p, para in enumerate(spoken):
                for sent in re.split(r"(?<=[.?!])\s+", para):
                    pieces += [speak(sent, voice, tts, Path(t)), np.zeros(int(rng.uniform(0.5, 2) * RATE), np.float32)]
                if p % 2:  # a few longer pauses, between paragraphs
                    pieces.append(np.zeros(int(rng.uniform(4.0, 9.0) * RATE), np.float32))
            samples = np.concatenate(pieces) * rng.uniform(0.6, 0.9)
            samples += noise.standard_normal(samples.size).astype(np.float32) * np.float32(10 ** (-58 / 20))
            path = write_wav(folder / f"{i + 1:02d}-{topics.split('+')[0]}.wav", np.clip(samples, -1, 1), RATE)
            if fmt == "ogg":  # a compressed file: Ogg Vorbis
                subprocess.run(["sox", str(path), "-C", "5", str(path.with_suffix(".ogg"))], check=True)
                path.unlink()
                path = path.with_suffix(".ogg")
            out.append({"file": path.name, "voice": voice, "seconds": round(samples.size / RATE, 2),
                        "bytes": path.stat().st_size, "text": " ".join(spoken)})
    return out


# -- the two sides ---------------------------------------------------------------------------------

class Timer:
    """Wall and process CPU seconds spent in one callable, summed; each call's result kept."""

    def __init__(self, fn):
        self.fn, self.seconds, self.cpu, self.results = fn, 0.0, 0.0, []

    def __call__(self, *a, **kw):
        started, cpu = time.perf_counter(), time.process_time()
        try:
            result = self.fn(*a, **kw)
        finally:
            self.seconds += time.perf_counter() - started
            self.cpu += time.process_time() - cpu
        self.results.append(result)
        return result


def settings_for(knowledge: Path, data: Path, threads: int, clip: Path):
    from assistant.config import load_settings

    return load_settings(knowledge_dir=knowledge, data_dir=data, threads=threads, models={"clip": str(clip)})


def run_index(folder: Path, data: Path, manager, threads: int, clip: Path) -> dict:
    """`KnowledgeBase.index()` of the folder, with `recordings.transcribe` and the stt's `transcribe` timed."""
    from assistant.knowledge import recordings
    from assistant.knowledge.base import KnowledgeBase

    stt = manager.get("stt")
    base = KnowledgeBase(settings_for(folder, data, threads, clip), manager)
    whole, model = Timer(recordings.transcribe), Timer(stt.transcribe)
    recordings.transcribe, stt.transcribe = whole, model
    try:
        started, cpu = time.perf_counter(), time.process_time()
        report = base.index()
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    finally:
        recordings.transcribe = whole.fn
        del stt.transcribe  # the instance attribute: the class's method again
    base.close()
    assert not report.skipped and len(report.added) == len(list(folder.iterdir())), report
    texts = [" ".join(s.text for s in heard.segments) for heard in whole.results]
    return {"seconds": seconds, "transcription_s": whole.seconds, "model_s": model.seconds, "seconds_cpu": cpu,
            "transcription_s_cpu": whole.cpu, "model_s_cpu": model.cpu,
            "blocks": len(model.results), "chunks": base.store.count("text"), "texts": texts}


def run_alone(folder: Path, model) -> dict:
    """faster-whisper's own transcribe over each whole file (its decode_audio included)."""
    from faster_whisper import decode_audio

    seconds, cpu, texts = 0.0, 0.0, []
    for path in sorted(folder.iterdir()):
        started, cpu0 = time.perf_counter(), time.process_time()
        segments, _info = model.transcribe(str(path), **WHISPER)
        texts.append(" ".join(s.text.strip() for s in segments))
        seconds, cpu = seconds + time.perf_counter() - started, cpu + time.process_time() - cpu0
    started = time.perf_counter()  # decoding alone, for the breakdown (not in `seconds` twice)
    for path in sorted(folder.iterdir()):
        decode_audio(str(path))
    return {"seconds": seconds, "seconds_cpu": cpu, "decode_s": time.perf_counter() - started, "texts": texts}


def throughput(folder: Path, work: Path, manager, threads: int, clip: Path, rounds: int, recs: list[dict]) -> dict:
    from speech import wer

    model = manager.get("stt").model
    runs: dict[str, list] = {"index": [], "alone": []}
    for r in range(rounds):
        for side in (("index", "alone") if r % 2 == 0 else ("alone", "index")):
            run = run_index(folder, work / f"data-{r}", manager, threads, clip) if side == "index" else \
                run_alone(folder, model)
            run["wer"] = round(wer(" ".join(x["text"] for x in recs), " ".join(run.pop("texts"))), 4)
            runs[side].append(run)
            print(f"  round {r + 1} {side:<6}{run['seconds']:8.2f} s  "
                  f"{ {k: round(v, 3) for k, v in run.items() if k != 'seconds'} }", file=sys.stderr, flush=True)
    audio = sum(x["seconds"] for x in recs)
    med = lambda side, key: statistics.median(run[key] for run in runs[side])  # noqa: E731
    alone, alone_cpu = med("alone", "seconds"), med("alone", "seconds_cpu")
    rows = {}
    for name, side, key in (("indexing_total", "index", "seconds"), ("transcription_inside_indexing", "index",
                            "transcription_s"), ("model_inside_indexing", "index", "model_s"),
                            ("faster_whisper_alone", "alone", "seconds")):
        s, cpu = med(side, key), med(side, key + "_cpu")
        paired = [a["seconds"] / run[key] for a, run in zip(runs["alone"], runs[side])]  # same round: adjacent
        rows[name] = {"seconds": round(s, 3), "audio_s_per_s": round(audio / s, 2), "rtf": round(s / audio, 4),
                      "ratio_to_alone": round(alone / s, 3), "paired_ratio_median": round(statistics.median(paired), 3),
                      "cpu_s": round(cpu, 3), "cpu_ratio_to_alone": round(alone_cpu / cpu, 3),
                      "all_s": [round(run[key], 3) for run in runs[side]]}
    inside = med("index", "transcription_s")
    return {"audio_seconds": round(audio, 2), "rows": rows,
            "breakdown_s": {"index_decode_and_blocks": round(inside - med("index", "model_s"), 3),
                            "index_outside_transcription": round(med("index", "seconds") - inside, 3),
                            "alone_decode_audio": round(med("alone", "decode_s"), 3)},
            "wer": {"index": runs["index"][-1]["wer"], "alone": runs["alone"][-1]["wer"]},
            "stt_blocks": runs["index"][-1]["blocks"], "index_chunks": runs["index"][-1]["chunks"],
            "target": "indexing within 10% of faster-whisper alone: ratio_to_alone >= 0.9"}


# -- query latency ---------------------------------------------------------------------------------

def query_latency(work: Path, recs_folder: Path, manager, threads: int, clip: Path, quick: bool) -> dict:
    import knowledge as kb_bench  # bench/knowledge.py: the corpus makers and word lists

    from assistant.knowledge.base import KnowledgeBase

    rng = random.Random(7)
    plain, mixed = work / "q-plain", work / "q-mixed"
    (plain / "notes").mkdir(parents=True)
    for i in range(3 if quick else 6):
        kb_bench.make_pdf(plain / f"manual-{i:02d}.pdf", rng, 10)
    for i in range(40 if quick else 120):
        kb_bench.make_note(plain / "notes" / f"note-{i:03d}{'.md' if i % 3 else '.txt'}", rng)
    shutil.copytree(plain, mixed)
    shutil.copytree(recs_folder, mixed / "recordings")
    bases, info = {}, {}
    for name, folder in (("without", plain), ("with", mixed)):
        base = KnowledgeBase(settings_for(folder, work / f"q-data-{name}", threads, clip), manager)
        started = time.perf_counter()
        report = base.index()
        assert not report.skipped, report.skipped
        info[name] = {"index_s": round(time.perf_counter() - started, 2), "files": len(report.added),
                      "text_entries": base.store.count("text"), "visual_entries": base.store.count("visual")}
        bases[name] = base
    q = random.Random(5)
    queries = [f"{q.choice(['how does', 'why does', 'when does'])} the {q.choice(kb_bench.ADJ)} "
               f"{q.choice(kb_bench.NOUN)} {q.choice(kb_bench.VERB).rstrip('s')} the {q.choice(kb_bench.TOPICS)} "
               f"{q.choice(kb_bench.PREP)} {q.choice(kb_bench.EVENTS)}" for _ in range(16 if quick else 32)]
    queries += RECORDING_QUERIES
    for base in bases.values():  # warm-up: caches, the keyword index
        for text in queries[:3]:
            base.search_knowledge(text)
    times: dict[str, list] = {"without": [], "with": []}
    audio_hits, rounds = {"without": 0, "with": 0}, 3
    for r in range(rounds):
        for i, text in enumerate(queries):
            for name in (("without", "with") if (i + r) % 2 == 0 else ("with", "without")):
                started = time.perf_counter()
                result = bases[name].search_knowledge(text)
                times[name].append(time.perf_counter() - started)
                if r == 0:
                    audio_hits[name] += any(h.kind == "audio" for h in result.hits)
    for base in bases.values():
        base.close()
    out = {"queries": len(queries), "rounds": rounds, "index": info, "queries_with_audio_hits": audio_hits}
    for name, t in times.items():
        t = sorted(t)
        out[name] = {"p50_ms": round(1000 * statistics.median(t), 2),
                     "p95_ms": round(1000 * t[min(len(t) - 1, round(0.95 * (len(t) - 1)))], 2)}
    out["p50_ratio_with_over_without"] = round(out["with"]["p50_ms"] / out["without"]["p50_ms"], 3)
    return out


# -- main ------------------------------------------------------------------------------------------

def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="2 shorter recordings, 2 rounds, a smaller folder")
    parser.add_argument("--rounds", type=int, default=None, help="index / alone rounds (default 3, quick 2)")
    parser.add_argument("--threads", type=int, default=2, help="settings.threads (whisper's cpu_threads, torch)")
    parser.add_argument("--skip-queries", action="store_true")
    parser.add_argument("--out", type=Path, default=HERE / "results" / "recordings.json")
    args = parser.parse_args()
    rounds = args.rounds or (2 if args.quick else 3)

    from assistant.models import ModelManager
    from tiny_models import build_tiny_clip

    tmp = Path(tempfile.mkdtemp(prefix="bench-recordings-"))
    try:
        clip = build_tiny_clip(tmp / "tiny-clip")
        manager = ModelManager(settings_for(tmp / "unused", tmp / "models-data", args.threads, clip))
        started = time.perf_counter()
        stt, embedder = manager.get("stt"), manager.get("text_embed")
        tts = manager.get("tts") if manager.locate("tts").ready else None
        loads, started, folder = time.perf_counter() - started, time.perf_counter(), tmp / "recordings"
        recs = make_recordings(folder, tts, QUICK, 3) if args.quick else make_recordings(folder, tts, FULL)
        print(f"recordings: {[(r['file'], r['seconds']) for r in recs]} "
              f"({time.perf_counter() - started:.1f} s to make; models {loads:.1f} s)", file=sys.stderr)
        # warm both sides: a first index run (chromadb, sqlite, MiniLM) and a first whisper call
        warm = tmp / "warm"
        make_recordings(warm, None, QUICK[:1], 1)
        run_index(warm, tmp / "warm-data", manager, args.threads, clip)
        run_alone(warm, stt.model)
        embedder.embed(["a warm-up sentence"] * 4)

        results: dict = {"machine": {"cpus": os.cpu_count(), "platform": platform.platform(),
                                     "load_average_before": os.getloadavg()},
                         "mode": "quick" if args.quick else "full", "rounds": rounds, "threads": args.threads,
                         "stt": {"model": manager.locate("stt").spec.source, "beam_size": stt.beam_size,
                                 "compute_type": "int8 (CPU)"},
                         "recordings": [{k: v for k, v in r.items() if k != "text"} for r in recs]}
        results["throughput"] = throughput(folder, tmp, manager, args.threads, clip, rounds, recs)
        results["machine"]["load_average_after_throughput"] = os.getloadavg()
        if not args.skip_queries:
            results["query"] = query_latency(tmp, folder, manager, args.threads, clip, args.quick)
        results["machine"]["load_average_after"] = os.getloadavg()
        report(results)
        args.out.parent.mkdir(parents=True, exist_ok=True)
        results["stamp"] = stamp()
        args.out.write_text(json.dumps(results, indent=2))
        print(f"wrote {args.out}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


LABELS = {"indexing_total": "indexing total", "transcription_inside_indexing": "transcription inside indexing",
          "model_inside_indexing": "  of which model (stt.transcribe)", "faster_whisper_alone": "faster-whisper alone"}


def report(results: dict) -> None:
    t = results["throughput"]
    print(f"\nrecordings: {len(results['recordings'])} files, {t['audio_seconds']:.0f} s of audio "
          f"({results['stt']['model']}, beam {results['stt']['beam_size']}, {results['threads']} threads); "
          f"median of {results['rounds']} interleaved rounds")
    print(f"{'':<36}{'seconds':>9}{'audio s/s':>11}{'RTF':>8}{'vs alone':>10}{'paired':>8}{'CPU s':>8}{'vs alone':>10}")
    for name, r in t["rows"].items():
        name = LABELS[name]
        print(f"{name:<36}{r['seconds']:>9.2f}{r['audio_s_per_s']:>11.1f}{r['rtf']:>8.3f}{r['ratio_to_alone']:>10.2f}"
              f"{r['paired_ratio_median']:>8.2f}{r['cpu_s']:>8.1f}{r['cpu_ratio_to_alone']:>10.2f}")
    b = t["breakdown_s"]
    print("vs alone = alone s / this s (medians; paired: median of each round's own ratio; CPU: process CPU "
          "time); target >= 0.90")
    print(f"breakdown: indexing decode+blocks {b['index_decode_and_blocks']:.2f} s, outside transcription "
          f"{b['index_outside_transcription']:.2f} s; decode_audio alone {b['alone_decode_audio']:.2f} s")
    print(f"WER vs text spoken: indexing {t['wer']['index']:.3f}, alone {t['wer']['alone']:.3f}; "
          f"stt calls {t['stt_blocks']}, index chunks {t['index_chunks']}")
    if "query" in results:
        q = results["query"]
        print(f"\nsearch_knowledge, {q['queries']} queries x {q['rounds']} rounds, alternating")
        print(f"{'index':<18}{'files':>7}{'text entries':>14}{'p50 ms':>9}{'p95 ms':>9}{'audio hits':>12}")
        for name in ("without", "with"):
            i = q["index"][name]
            print(f"{name + ' recordings':<18}{i['files']:>7}{i['text_entries']:>14}{q[name]['p50_ms']:>9.1f}"
                  f"{q[name]['p95_ms']:>9.1f}{q['queries_with_audio_hits'][name]:>12}")
        print(f"p50 with / without: {q['p50_ratio_with_over_without']:.2f}")
    m = results["machine"]
    print(f"load average before {m['load_average_before'][0]:.2f}, after {m['load_average_after'][0]:.2f} "
          f"({m['cpus']} CPUs)")


if __name__ == "__main__":
    main()
