"""Full duplex on open speakers (issue 25): `assistant voice` in a simulated room, where the microphone hears the
speaker (tests/virtual_sound.py's Room: the null sink's output played back into the microphone pipe, late,
loud, with reverberation, over a noise floor), and the user's speech mixed on top.

Per room, one `assistant voice --json` process (echo cancellation and barge-in at their defaults) is asked:
  - long questions, nobody speaking over the reply: every interruption is a self-interruption (target 0);
  - long questions, then a question spoken 1-5 s into the reply at the echo's level: detected within 500 ms
    (from the first sample said to the loop's detection) and its words heard (WER <= 0.2 of its transcript);
  - long questions, then "mm-hmm" or "yeah" during the reply: the reply goes on (not interrupted).
Detection is timed from the first loud sample of the speech written into the microphone (the rig then adds its
own ~10 ms and PortAudio's buffering). The echo removed (ERLE, over all the time the speaker played, the user's
speech over it included) and the canceller's CPU time per 10 ms come from the process's own record. JSON: bench/results/duplex.json.

    .venv/bin/python bench/duplex.py [--replies N] [--barge-ins N] [--acks N] [--rooms NAME ...]
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE.parent / "tests"))  # the virtual sound card, the Piper speech and WER helpers

ROOMS = {  # name -> Room arguments
    "direct-0dB-30ms": dict(gain_db=0.0, delay_ms=30, rt60_s=0.0, noise_dbfs=-60.0),
    "direct--6dB-60ms": dict(gain_db=-6.0, delay_ms=60, rt60_s=0.0, noise_dbfs=-60.0),
    "reverb-0dB-80ms": dict(gain_db=0.0, delay_ms=80, rt60_s=0.3, noise_dbfs=-50.0),
}
LONG_QUESTIONS = ("Tell me about the history of Rome.", "Explain how a steam engine works.",
                  "Tell me a story about a dragon who lives by the sea.", "Describe the water cycle.",
                  "Tell me about the planets of the solar system.", "Explain how bread is made.")
BARGE_INS = ("What is the capital of Italy?", "Stop, what time is it?", "Wait, how tall is Mount Everest?",
             "What is two plus two?", "Tell me a joke instead.")
ACKS = ("Mm-hmm.", "Yeah.", "Okay.", "Yeah, yeah.")


def run_room(name: str, room_args: dict, counts: dict, speak, rng: random.Random) -> dict:
    from speech import speech_bounds
    from test_voice_devices import Voice, ask, wait_playing, wait_reply_over
    from virtual_sound import RATE, Room, VirtualSoundCard

    with tempfile.TemporaryDirectory() as tmp:
        card = VirtualSoundCard(Path(tmp) / "sound", room=Room(**room_args)).start()
        try:
            card.feed()
            card.record()
            voice = Voice(card, Path(tmp))
            voice.wait_listening()
            time.sleep(1.0)
            latency = card.room_latency_s()
            tries: list[dict] = []
            for kind, n in (("quiet", counts["replies"]), ("barge_in", counts["barge_ins"]), ("ack", counts["acks"])):
                for i in range(n):
                    asked = ask(card, speak(rng.choice(LONG_QUESTIONS)))
                    entry: dict = {"kind": kind}
                    if kind == "quiet":
                        wait_reply_over(card, after=asked, quiet_s=2.5, timeout=180)
                    else:
                        into = rng.uniform(1.0, 5.0) if kind == "barge_in" else rng.uniform(1.0, 3.0)
                        wait_playing(card, after=asked, seconds=into, timeout=120)
                        words = rng.choice(BARGE_INS if kind == "barge_in" else ACKS)
                        level = 10 ** (room_args["gain_db"] / 20)  # at the echo's level
                        speech = speak(words) * level
                        said, started = card.say(speech)
                        said.wait(30)
                        onset = speech_bounds(speech, RATE, 0.02 * level)[0]  # (Piper begins with a short silence)
                        entry.update(said=words, said_at=started[0] + onset, into_reply_s=round(into, 2))
                        wait_reply_over(card, after=started[0], quiet_s=2.5, timeout=180)
                    tries.append(entry)
            record, _ = voice.stop()
        finally:
            card.close()
    return judge(name, room_args, latency, tries, record)


def judge(name: str, room_args: dict, latency: float, tries: list[dict], record: dict) -> dict:
    from speech import wer

    turns, interruptions = record["turns"], record["interruptions"]
    # the turns in order: each try's question, and for a barge-in the question said over the reply
    by_generation = {t["generation"]: t for t in turns}
    stopped = {i["generation"]: i for i in interruptions}
    generation = min(by_generation) if by_generation else 1
    results = []
    for entry in tries:
        turn = by_generation.get(generation, {})
        cut = stopped.get(generation)
        row = {"kind": entry["kind"], "question": turn.get("transcript"), "interrupted": cut is not None}
        if entry["kind"] == "barge_in":
            following = by_generation.get(generation + 1, {})
            row.update(said=entry["said"], heard=following.get("transcript"),
                       wer=round(wer(entry["said"], following.get("transcript") or ""), 2),
                       detected_s=round(cut["detected_at"] - entry["said_at"], 3) if cut else None)
            generation += 1
        elif entry["kind"] == "ack":
            answered = by_generation.get(generation + 1, {}).get("transcript") or ""
            row.update(said=entry["said"], answered_as_a_turn=bool(answered) and answered.strip(" .!").lower() in
                       entry["said"].strip(" .!").lower())
            generation += row["answered_as_a_turn"]
        generation += 1
        results.append(row)
    quiet = [r for r in results if r["kind"] == "quiet"]
    barge = [r for r in results if r["kind"] == "barge_in"]
    acks = [r for r in results if r["kind"] == "ack"]
    detected = [r["detected_s"] for r in barge if r["detected_s"] is not None]
    echo = record.get("echo_cancellation") or {}
    return {
        "room": name, **room_args, "rig_latency_s": round(latency, 3),
        "self_interruptions": sum(r["interrupted"] for r in quiet), "quiet_replies": len(quiet),
        "barge_ins_detected_500ms": sum(1 for d in detected if d <= 0.5), "barge_ins": len(barge),
        "detection_s_median": round(statistics.median(detected), 3) if detected else None,
        "barge_in_words_heard": sum(1 for r in barge if r["wer"] <= 0.2),
        "acks_let_it_go_on": sum(1 for r in acks if not r["interrupted"]), "acks": len(acks),
        "erle_db": echo.get("erle_all_db"), "cpu_us_per_10ms": echo.get("cpu_us_per_block"),
        "realigned": echo.get("realigned"), "interruptions": interruptions,
        "turns": len(turns), "problems": record.get("problems"), "tries": results,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replies", type=int, default=20, help="quiet replies per room")
    parser.add_argument("--barge-ins", type=int, default=20, dest="barge_ins")
    parser.add_argument("--acks", type=int, default=10)
    parser.add_argument("--rooms", nargs="*", choices=sorted(ROOMS), default=sorted(ROOMS))
    parser.add_argument("--out", type=Path, default=HERE / "results" / "duplex.json")
    args = parser.parse_args()

    from assistant.config import load_settings
    from assistant.models import ModelManager
    from voice_script import piper_speech

    speak = piper_speech(ModelManager(load_settings()))
    rng = random.Random(0)
    counts = {"replies": args.replies, "barge_ins": args.barge_ins, "acks": args.acks}
    started = time.time()
    rooms = []
    for name in args.rooms:
        result = run_room(name, ROOMS[name], counts, speak, rng)
        rooms.append(result)
        print(f"{name}: self-interruptions {result['self_interruptions']}/{result['quiet_replies']}, barge-ins "
              f"detected <=500 ms {result['barge_ins_detected_500ms']}/{result['barge_ins']} (median "
              f"{result['detection_s_median']} s), words heard {result['barge_in_words_heard']}/{result['barge_ins']}, "
              f"acks let it go on {result['acks_let_it_go_on']}/{result['acks']}, ERLE {result['erle_db']} dB, "
              f"{result['cpu_us_per_10ms']} us CPU per 10 ms", flush=True)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"date": time.strftime("%Y-%m-%d"), "machine": f"{platform.machine()}, "
                                    f"{platform.node()}", "seconds": round(time.time() - started),
                                    "rooms": rooms}, indent=2))
    print(f"results: {args.out}")


if __name__ == "__main__":
    main()
