"""Watch mode's promise: how soon a file dropped into a watched folder is in the index.

Starts `assistant index --watch` on an empty folder (a subprocess, as a user runs it), waits for its first run,
then writes notes one at a time and times each from the write to the watcher's "1 added" report (the index
is committed then: a search finds the note). Then a short recording: the time until "transcribing NAME" is
printed, and until it is indexed. Target (issue 15): a note within 2 s. Writes bench/results/watch.json.

    .venv/bin/python bench/watch.py [--notes 10]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from stamp import stamp  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notes", type=int, default=10)
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "results" / "watch.json")
    args = parser.parse_args()
    from speech import espeak_wav

    work = Path(tempfile.mkdtemp(prefix="bench-watch-"))
    knowledge = work / "knowledge"
    knowledge.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASSISTANT_")}
    env.update(HF_HUB_OFFLINE="1", TOKENIZERS_PARALLELISM="false", PYTHONUNBUFFERED="1")
    started = time.monotonic()
    process = subprocess.Popen([sys.executable, "-m", "assistant", "index", "--watch", "--knowledge", str(knowledge),
                                "--data-dir", str(work / "data")], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               text=True, cwd=REPO, env=env)
    lines: list[tuple[float, str]] = []
    threading.Thread(target=lambda: [lines.append((time.monotonic(), line.strip())) for line in process.stdout],
                     daemon=True).start()

    def wait_for(text: str, after: int, timeout: float = 300.0) -> int:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for n, (_, line) in enumerate(list(lines)[after:], after):
                if text in line:
                    return n
            time.sleep(0.01)
        raise SystemExit(f"no {text!r} after {timeout} s: {lines[after:]}")

    try:
        at = wait_for("indexed in", 0)
        ready = lines[at][0] - started
        notes = []
        for n in range(args.notes):
            written = time.monotonic()
            (knowledge / f"note-{n}.md").write_text(f"# Note {n}\n\nThe meeting about topic {n} moved to room {n + 10}.\n")
            at = wait_for("1 added", at + 1)
            notes.append(lines[at][0] - written)
            time.sleep(0.5)
        espeak_wav("The bicycle shed will be painted green next week.", work / "shed.wav")
        written = time.monotonic()
        os.replace(work / "shed.wav", knowledge / "shed.wav")
        said = wait_for("transcribing shed.wav", at + 1)
        done = wait_for("1 added", said)
        recording = {"transcribing_shown_s": round(lines[said][0] - written, 3),
                     "indexed_s": round(lines[done][0] - written, 3)}
    finally:
        process.terminate()
        process.wait(30)
    result = {"watcher_ready_s": round(ready, 2), "notes": len(notes),
              "note_indexed_median_s": round(statistics.median(notes), 3), "note_indexed_max_s": round(max(notes), 3),
              "recording": recording, "target": "a new note indexed (searchable) within 2 s",
              "load_average": os.getloadavg()[0]}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    result["stamp"] = stamp()
    args.out.write_text(json.dumps(result, indent=2))
    print(f"watcher ready after {ready:.1f} s (models loaded before the first run)")
    print(f"a note written -> indexed: median {result['note_indexed_median_s']:.2f} s, max "
          f"{result['note_indexed_max_s']:.2f} s over {len(notes)} notes (target 2 s)")
    print(f"a 3 s recording: 'transcribing' after {recording['transcribing_shown_s']:.2f} s, indexed after "
          f"{recording['indexed_s']:.2f} s")
    print(f"results: {args.out}")


if __name__ == "__main__":
    main()
