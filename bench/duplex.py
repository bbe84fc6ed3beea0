"""Full duplex on open speakers (issue 25): `assistant voice` in a simulated room, where the microphone hears the
speaker (tests/virtual_sound.py's Room: the null sink's output played back into the microphone pipe, late,
loud, with reverberation, over a noise floor), and the user's speech mixed on top.

Per room, two `assistant voice --json` processes (echo cancellation and barge-in at their defaults) are asked:
  - long questions, nobody speaking over the reply: the echo removed is measured here, and every interruption is
    a self-interruption (target 0), as is one in the second process that follows nothing said;
  - long questions, then (in random order) a question spoken 1-5 s into the reply at the echo's level: detected
    within 500 ms (from the first sample said to the loop's detection) and its words heard (WER <= 0.2 of the
    closest transcript);
  - or "mm-hmm", "yeah", "okay" said 1-5 s into the reply: the reply goes on (not stopped, not answered).
Detection is timed from the first loud sample of the speech written into the microphone (the rig then adds its
own ~10 ms and PortAudio's buffering) to the moment the loop turned the reply down (`stopped_s`: to when it went
quiet, after `interrupt_after_ms` of speech or its words recognised). The echo removed (ERLE, over all the time the speaker played in the quiet
process) and the canceller's CPU time per 10 ms come from that process's own record. JSON: bench/results/duplex.json.

End of speech to first audio (median over every answered turn of both processes) is the loop's own record.
`--setup before` runs the same with barge-in and no echo cancellation (what barge-in was before it).

    .venv/bin/python bench/duplex.py [--replies N] [--barge-ins N] [--acks N] [--rooms NAME ...] [--setup S]
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from stamp import stamp  # noqa: E402

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
QUIET_S = 5.0  # a try is over when the speaker has been quiet this long (a reply to something misheard may still
# be thinking after 2.5 s: the next question would then cut it, and count as a self-interruption)


SETUPS = {"after": (), "before": ("--no-echo-cancellation", "--barge-in")}  # before: barge-in with no canceller


def run_room(name: str, room_args: dict, counts: dict, speak, rng: random.Random, setup: str = "after") -> dict:
    """Two `assistant voice` processes in the room: one for the quiet replies (the echo removed is theirs: no
    one else speaks), one for the barge-ins and acknowledgements."""
    args = SETUPS[setup]
    quiet = session(room_args, [("quiet", None)] * counts["replies"], speak, rng, args)
    spoken = [("barge_in", rng.choice(BARGE_INS)) for _ in range(counts["barge_ins"])]
    spoken += [("ack", rng.choice(ACKS)) for _ in range(counts["acks"])]
    rng.shuffle(spoken)
    talked = session(room_args, spoken, speak, rng, args)
    return {"setup": setup, **judge(name, room_args, quiet, talked)}


def session(room_args: dict, plan: list[tuple[str, str | None]], speak, rng: random.Random,
            args: tuple[str, ...] = ()) -> dict:
    """One process in a fresh room: for each (kind, words), a long question, then `words` said over the reply
    (none for a quiet one); its record, with what was said and when."""
    from speech import speech_bounds
    from test_voice_devices import Voice, ask, wait_playing, wait_quiet, wait_reply_over
    from virtual_sound import RATE, Room, VirtualSoundCard

    with tempfile.TemporaryDirectory() as tmp:
        card = VirtualSoundCard(Path(tmp) / "sound", room=Room(**room_args)).start()
        voice = None
        try:
            card.feed()
            card.record()
            voice = Voice(card, Path(tmp), *args)
            voice.wait_listening()
            time.sleep(1.0)
            latency = card.room_latency_s()
            tries: list[dict] = []
            for kind, words in plan:
                asked = ask(card, speak(rng.choice(LONG_QUESTIONS)))
                entry: dict = {"kind": kind, "asked_at": asked}
                if words is None:
                    _settle(entry, wait_reply_over, card, after=asked, quiet_s=QUIET_S, timeout=180)
                else:
                    into = rng.uniform(1.0, 5.0)
                    try:
                        wait_playing(card, after=asked, seconds=into, timeout=120)
                    except AssertionError:  # a reply shorter than `into` (or none): nothing to speak over
                        entry["skipped"] = "the reply was over before the words were due"
                        tries.append(entry)
                        _settle(entry, wait_reply_over, card, after=asked, quiet_s=QUIET_S, timeout=180)
                        continue
                    level = 10 ** (room_args["gain_db"] / 20)  # at the echo's level
                    speech = speak(words) * level
                    said, started = card.say(speech)
                    said.wait(30)
                    onset, end = speech_bounds(speech, RATE, 0.02 * level)  # (Piper begins with a short silence)
                    entry.update(said=words, said_at=started[0] + onset, said_s=round(end - onset, 2),
                                 into_reply_s=round(into, 2))
                    _settle(entry, wait_quiet, card, QUIET_S, timeout=180)  # (words that stop it may get no answer)
                tries.append(entry)
            played, start = card.recording()
            for entry in tries:  # was the reply still playing when the words began, and when they ended?
                if "said_at" in entry:
                    entry["playing"] = [_playing(played, start, t) for t in
                                        (entry["said_at"], entry["said_at"] + entry["said_s"])]
            record, _ = voice.stop()
        finally:
            if voice is not None and voice.process.poll() is None:  # (a try that failed: the process ends too)
                voice.process.kill()
            card.close()
    return {"latency": latency, "tries": tries, "record": record}


def judge(name: str, room_args: dict, quiet: dict, talked: dict) -> dict:
    """Interruptions are matched to what was said by time: one detected from 0.5 s before to 3 s after the
    words began is theirs; any other is a self-interruption. What was heard of the words is every transcript
    (answered or not) recognised from their start to 3 s after their end, in order: "Wait," then "how tall is
    Mount Everest?" are one barge-in."""
    from speech import wer as plain_wer

    def wer(said: str, heard: str) -> float:  # "two plus two" is "2 plus 2"
        return plain_wer(_digits(said), _digits(heard))

    rows = []
    for entry in quiet["tries"]:
        rows.append({"kind": "quiet"})
    self_cut = len(quiet["record"]["interruptions"])
    cuts = list(talked["record"]["interruptions"])
    transcripts = [t["transcript"] for t in talked["record"]["turns"]]
    heard_all = talked["record"].get("heard", [])
    for entry in talked["tries"]:
        if "skipped" in entry:
            continue
        said_at = entry["said_at"]
        mine = [c for c in cuts if said_at - 0.5 <= c["detected_at"] <= said_at + 3.0]
        for c in mine:
            cuts.remove(c)
        if not entry["playing"][0]:
            entry["skipped"] = "the reply was over when the words began"
        elif entry["kind"] == "ack" and not mine and not entry["playing"][1]:
            entry["skipped"] = "the reply ended while the words were said"
        if "skipped" in entry:
            continue
        row = {"kind": entry["kind"], "said": entry["said"], "into_reply_s": entry["into_reply_s"],
               "stopped": bool(mine), "detected_s": round(mine[0]["detected_at"] - said_at, 3) if mine else None,
               "stopped_s": round(mine[0]["detected_at"] + mine[0]["stop_s"] - said_at, 3) if mine else None}
        during = [h for h in heard_all if said_at - 0.5 <= h["at"] <= said_at + entry["said_s"] + 3.0]
        if entry["kind"] == "barge_in":
            heard = " ".join(h["text"] for h in during)
            row.update(heard=heard, wer=round(wer(entry["said"], heard), 2))
        else:
            row.update(answered_as_a_turn=any(h["not_answered"] is None for h in during))
        row.update(recognised=[[h["text"], h["not_answered"]] for h in during])
        rows.append(row)
    asked = [e["asked_at"] for s in (quiet, talked) for e in s["tries"]]  # the next long questions: one that cut a
    # reply not yet begun (still being written 5 s after the last sound) is the benchmark's, not its own voice
    by_next = [c for c in cuts if not c["heard"] and any(a - 0.5 <= c["detected_at"] <= a + 3.0 for a in asked)]
    cuts = [c for c in cuts if c not in by_next]
    self_cut += len(cuts)  # not near anything said: its own voice
    skipped = [e for e in talked["tries"] if "skipped" in e]
    barge = [r for r in rows if r["kind"] == "barge_in"]
    acks = [r for r in rows if r["kind"] == "ack"]
    detected = [r["detected_s"] for r in barge if r["detected_s"] is not None]
    echo = quiet["record"].get("echo_cancellation") or {}
    totals = [t["latency"]["total_s"] for s in (quiet, talked) for t in s["record"]["turns"]
              if t["latency"].get("total_s") is not None]
    return {
        "room": name, **room_args, "rig_latency_s": round(quiet["latency"], 3),
        "self_interruptions": self_cut, "cut_by_the_next_question": len(by_next),
        "replies": len(quiet["tries"]) + len(talked["tries"]),
        "barge_ins_detected_500ms": sum(1 for d in detected if d <= 0.5), "barge_ins": len(barge),
        "detection_s_median": round(statistics.median(detected), 3) if detected else None,
        "stopped_s_median": _median([r["stopped_s"] for r in barge if r["stopped_s"] is not None]),
        "barge_in_words_heard": sum(1 for r in barge if r["wer"] <= 0.2),
        "acks_let_it_go_on": sum(1 for r in acks if not r["stopped"] and not r["answered_as_a_turn"]),
        "acks": len(acks), "first_audio_s_median": round(statistics.median(totals), 2) if totals else None,
        "erle_db": echo.get("erle_all_db"), "cpu_us_per_10ms": echo.get("cpu_us_per_block"),
        "realigned": echo.get("realigned"), "quiet_echo": echo,
        "talked_echo": talked["record"].get("echo_cancellation"),
        "problems": quiet["record"]["problems"] + talked["record"]["problems"],
        "skipped": len(skipped), "unsettled": sum("unsettled" in e for s in (quiet, talked) for e in s["tries"]),
        "tries": rows, "interruptions": talked["record"]["interruptions"],
        "self_interruptions_at": [c["detected_at"] for c in cuts] + [c["detected_at"] for c in
                                                                      quiet["record"]["interruptions"]],
        "said_at": [e.get("said_at") for e in talked["tries"]], "heard": heard_all, "transcripts": transcripts,
    }


def _median(values: list[float]) -> float | None:
    return round(statistics.median(values), 3) if values else None


def _settle(entry: dict, wait, *args, **kwargs) -> None:
    """Wait for the try's end; a speaker that never goes quiet (an assistant answering its own voice, without
    echo cancellation) is noted on the try, and the next one begins."""
    try:
        wait(*args, **kwargs)
    except AssertionError as exc:
        entry["unsettled"] = str(exc)


def _playing(samples, start: float, at: float) -> bool:
    """The speaker played something (even turned down) in the 600 ms before clock time `at` (a pause between two
    sentences is shorter)."""
    from virtual_sound import RATE

    lo, hi = max(int((at - 0.6 - start) * RATE), 0), max(int((at - start) * RATE), 0)
    return bool(hi > lo and float(abs(samples[lo:hi]).max()) > 0.002)


_NUMBER_WORDS = "zero one two three four five six seven eight nine ten".split()


def _digits(text: str) -> str:
    return re.sub(r"[a-z]+", lambda m: str(_NUMBER_WORDS.index(m.group(0))) if m.group(0) in _NUMBER_WORDS
                  else m.group(0), text.lower())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replies", type=int, default=20, help="quiet replies per room")
    parser.add_argument("--barge-ins", type=int, default=20, dest="barge_ins")
    parser.add_argument("--acks", type=int, default=10)
    parser.add_argument("--rooms", nargs="*", choices=sorted(ROOMS), default=sorted(ROOMS))
    parser.add_argument("--setup", choices=sorted(SETUPS), default="after",
                        help="after: the defaults (echo cancellation, barge-in); before: barge-in without it")
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
        result = run_room(name, ROOMS[name], counts, speak, rng, args.setup)
        rooms.append(result)
        write(args.out, rooms, started)  # after each room: a later one may fail
        print(f"{name}: self-interruptions {result['self_interruptions']} over {result['replies']} replies, barge-ins "
              f"detected <=500 ms {result['barge_ins_detected_500ms']}/{result['barge_ins']} (median "
              f"{result['detection_s_median']} s), words heard {result['barge_in_words_heard']}/{result['barge_ins']}, "
              f"acks let it go on {result['acks_let_it_go_on']}/{result['acks']}, ERLE {result['erle_db']} dB, "
              f"end of speech to first audio p50 {result['first_audio_s_median']} s, "
              f"{result['cpu_us_per_10ms']} us CPU per 10 ms", flush=True)
    print(f"results: {args.out}")


def write(out: Path, rooms: list[dict], started: float) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"stamp": stamp(), "date": time.strftime("%Y-%m-%d"), "machine": f"{platform.machine()}, "
                               f"{platform.node()}", "seconds": round(time.time() - started), "rooms": rooms},
                              indent=2))


if __name__ == "__main__":
    main()
