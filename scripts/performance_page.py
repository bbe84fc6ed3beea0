"""Write docs/performance.md from the benchmarks' JSON results (bench/results/*.json): one section per benchmark,
each table saying when, on what machine and with which command it was measured. The page is never edited by hand;
what each issue measured before and after, in words, is in docs/history.md.

    python scripts/performance_page.py           # rewrite docs/performance.md
    python scripts/performance_page.py --check   # exit 1 when the page is not what the results say

A result file is `NAME.json` or `NAME-VARIANT.json` (`answer_eval-fourth.json`) for the benchmark bench/NAME.py.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import generated_page

REPO = Path(__file__).resolve().parents[1]
RESULTS = REPO / "bench" / "results"
OUT = REPO / "docs" / "performance.md"

Rows = list[list[Any]]


def table(header: list[str], rows: Rows) -> list[str]:
    def cell(value: Any) -> str:
        if value is None:
            return "–"
        if isinstance(value, float):
            return f"{value:.3g}" if abs(value) < 100 else f"{value:.0f}"
        return str(value).replace("|", "\\|")
    return ["| " + " | ".join(header) + " |", "|" + "---|" * len(header),
            *("| " + " | ".join(cell(v) for v in row) + " |" for row in rows)]


def stamp(data: dict[str, Any], path: Path) -> str:
    """"7 Dec 2026, x86_64, 2 CPUs, load 1.9; `python bench/duplex.py`" from whatever the benchmark recorded."""
    where = data.get("stamp") or {}
    date = where.get("date") or data.get("date") or "date not recorded"
    machine = where.get("machine") or data.get("machine") or {}
    if isinstance(machine, dict):
        parts = [machine.get("processor") or machine.get("platform", "")]
        if machine.get("cpus"):
            parts.append(f"{machine['cpus']} CPUs")
        if machine.get("gpu"):
            parts.append(machine["gpu"])
        load = machine.get("load_average")
        if load:
            parts.append(f"load {load[0]:.1f}")
        machine = ", ".join(p for p in parts if p)
    command, commit = where.get("command"), where.get("commit")
    return f"*{path.name}: measured {date}" + (f" at {commit}" if commit else "") + \
        f" on {machine or 'a machine not recorded'}" + (f"; `{command}`*" if command else "*")


def answer_eval(data: dict[str, Any]) -> list[str]:
    summary = data["summary"]
    rows = []
    for key, label in (("questions", "single questions"), ("conversations", "conversation turns"),
                       ("spoken", "spoken questions"), ("all_turns", "**all typed turns**")):
        part = summary.get(key)
        if part:
            rows.append([label, part.get("questions"), part.get("facts_right"), part.get("invented_facts"),
                         part.get("wrong_citations"), part.get("honest_not_found"), part.get("calc_right")])
    lines = table([f"set `{data.get('set', '')}`", "asked", "facts right", "invented facts", "wrong citations",
                   "honest not found", "arithmetic, units, dates"], rows)
    conversations = summary.get("conversations", {}).get("conversations_all_right")
    return lines + ([f"\nConversations right at every turn: {conversations}."] if conversations else [])


def duplex(data: dict[str, Any]) -> list[str]:
    rows = []
    for room in data["rooms"]:
        rows.append([room["room"], f"{room['self_interruptions']} over {room['replies']}",
                     f"{room['barge_ins_detected_500ms']}/{room['barge_ins']}", room.get("detection_s_median"),
                     f"{room['barge_in_words_heard']}/{room['barge_ins']}", f"{room['acks_let_it_go_on']}/{room['acks']}",
                     room.get("erle_db"), room.get("cpu_us_per_10ms"), room.get("first_audio_s_median")])
    return table(["room", "self-interruptions", "barge-in detected ≤ 500 ms", "detection s (median)",
                  "words heard (WER ≤ 0.2)", "acks let it go on", "ERLE dB", "CPU µs / 10 ms",
                  "first audio s (median)"], rows)


def tool_eval(data: dict[str, Any]) -> list[str]:
    summary = data["summary"]
    rows = [[name, s.get("passed"), s.get("choice"), s.get("arguments"), s.get("clean"), s.get("honest")]
            for name, s in summary.items() if name in ("all", "plain requests")]
    return table([f"set {data.get('cases_set', data.get('set', ''))}", "passed", "right tool", "right arguments",
                  "clean replies", "honest"], rows)


def voice(data: dict[str, Any]) -> list[str]:
    parts = ("endpoint_wait_s", "stt_s", "first_token_s", "first_sentence_s", "tts_first_audio_s", "total_s")
    rows = []
    for setup, result in data["setups"].items():
        summary = result["summary"]
        rows.append([setup, *(f"{summary[p]['p50']:.2f} ({summary[p]['p95']:.2f})" for p in parts)])
    return table(["set-up", "end of turn", "Whisper", "first token", "first sentence", "Piper first audio",
                  "**end of speech → first audio**"], rows) + ["", "Seconds, p50 (p95)."]


def models(data: dict[str, Any]) -> list[str]:
    rows = []
    for role, result in data["roles"].items():
        mine, ratio = result.get("registry", {}), result.get("ratio", {})
        rows.append([role, *(mine.get(k) for k in ("load_s", "first_s", "warm_s", "peak_rss_mb")),
                     " / ".join(f"{ratio[k]:.2f}" for k in ("load_s", "first_s", "warm_s") if ratio.get(k) is not None)])
    return table(["role (embedded)", "load s", "first inference s", "warm s", "peak RSS MB",
                  "ratio to the raw library: load / first / warm"], rows)


def measured(data: dict[str, Any], title: str = "") -> list[str]:
    """Any other benchmark's result, as it is nested: a table of rows where its values are rows (a dict of dicts of
    values), a table of values for the values at each level, a level's name above its tables."""
    values = {k: v for k, v in data.items() if k not in ("stamp", "machine", "load_average")}
    scalars = [[k.replace("_", " "), v] for k, v in values.items() if not isinstance(v, (dict, list))]
    lines = ([f"{title}:", ""] if title and scalars else []) + (table(["measure", "value"], scalars) + [""] if scalars else [])
    for key, value in values.items():
        if not isinstance(value, dict) or not value:
            continue
        name = f"{title} {key}".strip().replace("_", " ")
        if all(isinstance(row, dict) and any(not isinstance(v, (dict, list)) for v in row.values())
               for row in value.values()):
            columns = list(dict.fromkeys(k for row in value.values() for k, v in row.items()
                                         if not isinstance(v, (dict, list))))
            lines += [f"{name}:", "", *table(["", *(c.replace("_", " ") for c in columns)],
                                             [[r.replace("_", " "), *(row.get(c) for c in columns)]
                                              for r, row in value.items()]), ""]
        else:
            lines += measured(value, name)
    return lines


# benchmark -> (what it measures, how to run it, its table); the order of the page
BENCHMARKS: dict[str, tuple[str, str, Callable[[dict[str, Any]], list[str]] | None]] = {
    "answer_eval": ("Answers from the user's files: facts right, invented facts, citations (issue 24)",
                    "python bench/answer_eval.py --set main|second|blind|third|fourth|fifth|sixth|seventh|eighth",
                    answer_eval),
    "tool_eval": ("Tool choice and arguments of the embedded router", "python bench/tool_eval.py --cases SET", tool_eval),
    "voice": ("The voice loop: end of speech to first audio", "python bench/voice.py --setup after --turns 10", voice),
    "duplex": ("Full duplex on open speakers in a simulated room (issue 25)", "python bench/duplex.py", duplex),
    "models": ("Each embedded model: load, first and warm inference against the raw library", "python bench/models.py",
               models),
    "knowledge": ("Indexing and search at 1k and 10k chunks", "python bench/knowledge.py", None),
    "stt": ("Speech recognition on the voice loop's utterances", "python bench/stt.py", None),
    "turn": ("End of turn: Smart Turn against a fixed silence", "python bench/turn.py", None),
    "recordings": ("Transcription while indexing against faster-whisper alone", "python bench/recordings.py", None),
    "watch": ("A new note searchable after it is written", "python bench/watch.py", None),
    "mcp": ("What the MCP transports cost", "python bench/mcp.py", None),
    "tiny-roles": ("Every role on its device with tiny random weights", "python bench/tiny_roles.py --device cuda",
                   None),
}

HEADER = """\
# Performance

<!-- Generated by `python scripts/performance_page.py` from bench/results/*.json: do not edit; `make test` fails when it is
out of date. Run a benchmark, then the report, and commit both. -->

The latest result of each benchmark, as it was measured: the date, the machine and the command are above each
table. Numbers from different machines or loads do not compare; what each issue measured before and after its
change is in [history.md](history.md). Targets are in the issues and in history.md.
"""


def render() -> str:
    lines = [HEADER]
    for name, (title, command, draw) in BENCHMARKS.items():
        lines.append(f"## {title}\n")
        files = sorted(RESULTS.glob(f"{name}.json")) + sorted(RESULTS.glob(f"{name}-*.json"))
        if not files:
            lines.append(f"No result kept yet: `{command}` writes one. Earlier measurements: [history.md](history.md).\n")
            continue
        for path in files:
            data = json.loads(path.read_text())
            lines.append(stamp(data, path) + "\n")
            lines.extend((draw or measured)(data))
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def main() -> int:
    return generated_page.main(render, OUT, "scripts/performance_page.py", __doc__.splitlines()[0])


if __name__ == "__main__":
    sys.exit(main())
