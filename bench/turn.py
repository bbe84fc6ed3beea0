"""End of turn: Smart Turn v3.2 against a fixed silence, spoken here by two voices (Piper joe, espeak-ng).

Three kinds of clip, each followed by 3 s of silence:
  - finished questions: how long the endpointer waits after the speech before ending the turn;
  - unfinished sentences ("We went to the beach and then"), the speaker pausing to think: a turn ended
    before `unfinished_silence_ms` (1.5 s) is a cut-off;
  - sentences with a 0.6 s pause in the middle ("What is the capital ... of France?"): a turn ended at
    that pause is a cut-off (split).
The unfinished and paused clips are made two ways: each piece read on its own (the voice ends it with a
sentence's falling tone: the worst case), and cut out of the whole sentence read at once at the word where
the pause goes (found by Whisper's word timestamps), so the first piece keeps the tone of a sentence that
goes on, as a speaker's does when they stop to think.
Each clip goes through the endpointer twice: with Smart Turn (the default: a turn that sounds surely
finished ends after `pause_ms`, 200 ms, a likely finished one after 500 ms, else after 1.5 s) and with a
fixed 500 ms silence (no end-of-turn model). Piper varies from run to run (its noise), so each Piper clip is
spoken `--repeats` times. Results: bench/results/turn.json.

    .venv/bin/python bench/turn.py [--repeats 2]
"""

from __future__ import annotations

import argparse
import json
import os
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

FINISHED = ["What is the capital of France?", "Search my notes for the budget meeting.",
            "What time is it in Tokyo?", "Tell me a story about a dragon.", "Thank you, that's all.",
            "How many legs does a spider have?", "Describe the photo of the lake.", "Turn the music down."]
UNFINISHED = ["We went to the beach and then", "I could not sleep last night because",
              "So what I wanted to ask is whether", "Can you find the report about", "My favourite colour is",
              "Tell me about the moon and", "I think the best way to do it would be", "First, open the"]
PAUSED = [("What is the capital", "of France?"), ("Can you find the report", "about the budget?"),
          ("We went to the beach and then", "we had lunch."), ("I could not sleep because", "of the noise."),
          ("Tell me about the moon", "and the stars."), ("My favourite colour is", "blue."),
          ("Search my notes for", "the budget meeting."), ("How many legs", "does a spider have?")]
MID_PAUSE_S, AFTER_S = 0.6, 3.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=2, help="times each Piper clip is spoken")
    args = parser.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from assistant.audio.frames import SAMPLE_RATE, Utterance
    from assistant.audio.io import read_audio, resample
    from assistant.audio.sources import frames_of
    from assistant.config import VoiceSettings, load_settings
    from assistant.models import ModelManager
    from assistant.voice.endpointer import Endpointer

    manager = ModelManager(load_settings())
    vad, turn, tts, stt = manager.get("vad"), manager.get("turn"), manager.get("tts"), manager.get("stt")
    voice = VoiceSettings()
    silence = lambda s: np.zeros(int(s * SAMPLE_RATE), np.float32)  # noqa: E731

    def piper(text: str) -> np.ndarray:
        return resample(tts.synthesize_all(text).astype(np.float32) / 32768, tts.sample_rate, SAMPLE_RATE)

    def espeak(text: str) -> np.ndarray:
        path = Path(tempfile.mkdtemp()) / "s.wav"
        subprocess.run(["espeak-ng", "-w", str(path), text], check=True, capture_output=True)
        return read_audio(path)

    def cut(text: str, words: int) -> tuple[np.ndarray, np.ndarray]:
        """The whole sentence spoken at once, cut after its first `words` words (Whisper's timestamps)."""
        speech = piper(text)
        segments, _ = stt.model.transcribe(speech, language="en", word_timestamps=True, beam_size=1)
        said = [w for seg in segments for w in (seg.words or [])]
        at = int(said[min(words, len(said)) - 1].end * SAMPLE_RATE)
        return speech[:at], speech[at:]

    def endpoint(clip: np.ndarray, model) -> list[Utterance]:
        endpointer = Endpointer.for_voice(vad, voice, turn_model=model)
        vad.reset()
        return [e for f in frames_of(clip) for e in endpointer.push(f) if isinstance(e, Utterance)]

    rows, seconds = [], []
    for voice_name, speak, repeats in (("piper", piper, args.repeats), ("espeak", espeak, 1)):
        for _ in range(repeats):
            clips = [("finished", t, speak(t)) for t in FINISHED] + [("unfinished", t, speak(t)) for t in UNFINISHED]
            clips += [("paused", f"{a} ... {b}", np.concatenate([speak(a), silence(MID_PAUSE_S), speak(b)]))
                      for a, b in PAUSED]
            if voice_name == "piper":
                pieces = [(a, b, cut(f"{a} {b}", len(a.split()))) for a, b in PAUSED]
                clips += [("unfinished, cut from the sentence", f"{a} [...]", first) for a, b, (first, _) in pieces]
                clips += [("paused, cut from the sentence", f"{a} ... {b}",
                           np.concatenate([first, silence(MID_PAUSE_S), rest])) for a, b, (first, rest) in pieces]
            for kind, text, speech in clips:
                clip = np.concatenate([silence(0.5), speech, silence(AFTER_S)])
                row: dict = {"voice": voice_name, "kind": kind, "text": text}
                for name, model in (("smart_turn", turn), ("fixed", None)):
                    started = time.perf_counter()
                    utterances = endpoint(clip, model)
                    if model is not None:
                        seconds.append(time.perf_counter() - started)
                    row[name] = {"turns": len(utterances), "wait_s": round(utterances[-1].endpoint_wait, 3),
                                 "probability": round(utterances[0].finished or 0.0, 3)}
                rows.append(row)

    patient = voice.unfinished_silence_ms / 1000
    summary: dict = {}
    for name in ("smart_turn", "fixed"):
        finished = [r[name] for r in rows if r["kind"] == "finished"]
        unfinished = [r[name] for r in rows if r["kind"] == "unfinished"]
        paused = [r[name] for r in rows if r["kind"] == "paused"]
        unfinished_cut = [r[name] for r in rows if r["kind"] == "unfinished, cut from the sentence"]
        paused_cut = [r[name] for r in rows if r["kind"] == "paused, cut from the sentence"]
        summary[name] = {
            "finished_mean_wait_s": round(statistics.mean(r["wait_s"] for r in finished), 3),
            "finished_ended_within_0.3_s": f"{sum(r['wait_s'] < 0.3 for r in finished)}/{len(finished)}",
            "unfinished_cut_off": f"{sum(r['wait_s'] < patient - 0.1 for r in unfinished)}/{len(unfinished)}",
            "mid_sentence_pause_cut_off": f"{sum(r['turns'] > 1 for r in paused)}/{len(paused)}",
            "finished_split": f"{sum(r['turns'] > 1 for r in finished)}/{len(finished)}",
            "unfinished_cut_from_sentence_cut_off":
                f"{sum(r['wait_s'] < patient - 0.1 for r in unfinished_cut)}/{len(unfinished_cut)}",
            "pause_cut_from_sentence_cut_off": f"{sum(r['turns'] > 1 for r in paused_cut)}/{len(paused_cut)}",
        }
    print(f"{'':<14}{'finished: mean wait':>20}{'within 0.3 s':>14}{'unfinished cut off':>20}"
          f"{f'{MID_PAUSE_S} s pause cut off':>22}")
    for name, s in summary.items():
        print(f"{name:<14}{s['finished_mean_wait_s']:>19.2f}s{s['finished_ended_within_0.3_s']:>14}"
              f"{s['unfinished_cut_off']:>20}{s['mid_sentence_pause_cut_off']:>22}")
    print("cut from the whole sentence (the tone of a sentence that goes on):")
    for name, s in summary.items():
        print(f"{name:<14}{'':>20}{'':>14}{s['unfinished_cut_from_sentence_cut_off']:>20}"
              f"{s['pause_cut_from_sentence_cut_off']:>22}")
    print(f"Smart Turn per clip (VAD + model over the whole clip): {statistics.median(seconds) * 1000:.0f} ms")
    for r in rows:
        s = r["smart_turn"]
        print(f"  {r['voice']:<7}{r['kind']:<34} p={s['probability']:.2f} turns {s['turns']} "
              f"wait {s['wait_s']:.2f} s  {r['text']}")
    out = Path(__file__).parent / "results" / "turn.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"stamp": stamp(), "summary": summary, "clips": rows,
                               "endpointer_s_per_clip": round(statistics.median(seconds), 3)}, indent=2))
    print(f"results: {out}")


if __name__ == "__main__":
    main()
