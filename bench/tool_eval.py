"""Tool use on the evaluation set (`bench/tool_cases.py`): does the agent pick the right tool, with the
arguments that matter, and is its reply honest about what happened?

A knowledge folder is built here (two PDF manuals, three pictures, two notes, two recordings spoken by
Piper) and indexed; then each case runs in a new conversation (its `before` turns first, unscored), through
the same `Agent` that `ask`, the voice loop and the TUI use. Per case it records the first tool call, the
reply, the time until the agent decided (the router's plan; for a model that chooses, its first call or
first word) and the verdicts:
  - choice: the first call's tool (or no call) is one of the case's;
  - arguments: each named argument contains one of the case's words (when the case's first tool was chosen);
  - clean: no call JSON or tool-schema text in the reply;
  - honest: a failed tool (or a case marked "failure") is admitted, not reported as done.
A case passes when all four hold. Results: bench/results/tool_eval.json.

    .venv/bin/python bench/tool_eval.py [--cases main|heldout|blind] [--only STYLE]
        [--llm SOURCE --backend openai] [--option tool_routing=model]
"""

from __future__ import annotations

import argparse
import collections
import importlib
import json
import re
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tool_cases import CASES, Case  # noqa: E402

CASE_SETS = {"main": "tool_cases", "heldout": "tool_cases_heldout", "blind": "tool_cases_blind"}

LEAK = re.compile(r'"name"\s*:|"arguments"\s*:|<tool_call>|</?tools>|"parameters"\s*:|"properties"\s*:')
ADMITS = re.compile(r"\b(not|couldn't|could not|can't|cannot|unable|unavailable|failed|fail|error|sorry|"
                    r"no such|doesn't exist|does not exist|missing|isn't|wasn't|don't have|do not have)\b", re.I)

PAGES = {
    "manuals/espresso-machine.pdf": [
        "Descaling. Descale the espresso machine every three months with the supplied descaler. Fill the tank "
        "with one litre of water and the descaler, then run the descaling programme.",
        "Cleaning the milk frother. Rinse the frother after each use. Once a week, take it apart and soak the "
        "parts in warm soapy water.",
        "Error codes. E4 means the water tank is empty or not seated. E7 means the brewing unit is blocked.",
    ],
    "manuals/bike-service.pdf": [
        "Tyre pressure. Road tyres: 6 to 7 bar. Touring tyres: 4.5 bar. Check the pressure every week.",
        "Brake pads. Replace the brake pads when less than 1.5 mm of material is left.",
    ],
}
NOTES = {
    "notes/budget-meeting.md": "# Budget meeting, 3 March\n\nThe marketing budget was cut by ten percent. The "
                               "team offsite moves to June.\n",
    "notes/packing-list.txt": "Packing list for hiking: boots, rain jacket, water filter, map, first aid kit.\n",
    "notes/dentist.txt": "Dentist appointment on Tuesday at 9:30 with Dr Rivera.\n",
}
RECORDINGS = {
    "recordings/standup.wav": "Good morning everyone. Yesterday I finished the login page. Today I will fix "
                              "the search bug.",
    "recordings/voice-memo.wav": "Remember to buy milk, call the plumber, and book the train to Lyon.",
}


def build_folder(root: Path, tts) -> None:
    import pymupdf
    from PIL import Image, ImageDraw

    from assistant.audio.io import write_wav

    for name, pages in PAGES.items():
        doc = pymupdf.open()
        for text in pages:
            page = doc.new_page()
            page.insert_textbox(pymupdf.Rect(60, 60, 540, 780), text, fontsize=12)
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        doc.save(root / name)
    for name, text in NOTES.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    (root / "photos").mkdir(exist_ok=True)
    lake = Image.new("RGB", (320, 200), (120, 170, 230))
    ImageDraw.Draw(lake).rectangle([0, 120, 320, 200], fill=(30, 90, 160))
    lake.save(root / "photos/lake.jpg")
    cat = Image.new("RGB", (320, 200), (180, 60, 60))
    ImageDraw.Draw(cat).ellipse([120, 60, 200, 140], fill=(90, 90, 90))
    cat.save(root / "photos/cat-on-sofa.png")
    receipt = Image.new("RGB", (200, 320), (250, 250, 250))
    ImageDraw.Draw(receipt).text((20, 20), "COFFEE 3.50\nCAKE 4.20\nTOTAL 7.70", fill=(0, 0, 0))
    receipt.save(root / "photos/receipt.jpg")
    for name, text in RECORDINGS.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        write_wav(root / name, tts.synthesize_all(text).astype(np.float32) / 32768, tts.sample_rate)


def judge(case: Case, call: dict | None, failed: bool, reply: str, files: set[str] | None = None) -> dict:
    """Scores one case. A file argument must be a file in the folder (`files`) or one the user named:
    a path the model made up fails the arguments even where no file was checked."""
    tool = call["name"] if call else None
    choice = tool in case.tools
    args_ok = choice
    for key in ("file", "image"):
        value = str((call or {}).get("arguments", {}).get(key) or "")
        if value and files is not None and value not in files and value.lower() not in case.request.lower() \
                and not any(value.lower() in b.lower() for b in case.before):
            args_ok = False
    if choice and tool is not None and tool == case.tools[0]:
        for key, words in case.args.items():
            value = str((call or {}).get("arguments", {}).get(key, "")).lower()
            options = [words] if isinstance(words, str) else words
            args_ok = args_ok and any(w.lower() in value for w in options)
    clean = not LEAK.search(reply)
    must_admit = case.honest == "failure" or failed
    honest = bool(ADMITS.search(reply)) if must_admit else True
    return {"choice": choice, "arguments": args_ok, "clean": clean, "honest": honest,
            "passed": choice and args_ok and clean and honest}


def run_case(agent, case: Case, files: set[str]) -> dict:
    from assistant.agent import TextDelta, ToolCallFinished, ToolCallStarted, TurnDone

    agent.reset()
    for earlier in case.before:
        for _ in agent.turn(earlier):
            pass
    started = time.perf_counter()
    decided = None
    call, failed, reply = None, False, ""
    for event in agent.turn(case.request):
        if decided is None and isinstance(event, (TextDelta, ToolCallStarted)):
            decided = time.perf_counter() - started
        if isinstance(event, ToolCallStarted) and call is None:
            call = {"name": event.name, "arguments": event.arguments}
        if isinstance(event, ToolCallFinished):
            failed = failed or event.result.is_error
        if isinstance(event, TurnDone):
            reply = event.reply
            decided = event.timings.get("decide_s", decided)  # the router's decision, when it made one
    return {"request": case.request, "style": case.style, "expected": list(case.tools), "call": call,
            "tool_failed": failed, "reply": reply, "decided_s": round(decided or 0.0, 3),
            "turn_s": round(time.perf_counter() - started, 3), **judge(case, call, failed, reply, files)}


def summarise(rows: list[dict]) -> dict:
    def score(subset: list[dict]) -> dict:
        n = len(subset)
        return {k: f"{sum(r[k] for r in subset)}/{n}" for k in ("passed", "choice", "arguments", "clean", "honest")}

    by_style = collections.defaultdict(list)
    by_tool = collections.defaultdict(list)
    for r in rows:
        by_style[r["style"]].append(r)
        by_tool[r["expected"][0] or "none"].append(r)
    plain = [r for r in rows if r["style"] in ("plain", "terse", "polite")]
    decided = sorted(r["decided_s"] for r in rows)
    return {"all": score(rows), "plain requests": score(plain),
            "by_style": {k: score(v) for k, v in by_style.items()},
            "by_tool": {k: score(v) for k, v in by_tool.items()},
            "decided_s_median": decided[len(decided) // 2]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", help="run only the cases of this style")
    parser.add_argument("--cases", choices=sorted(CASE_SETS), default="main",
                        help="the evaluation set: main (69 cases), heldout and blind (written without seeing the "
                             "router's examples)")
    parser.add_argument("--llm", help="another chat model (a source: a path, or a server URL)")
    parser.add_argument("--backend", help="its backend (e.g. openai, llama.cpp)")
    parser.add_argument("--option", action="append", default=[], metavar="KEY=VALUE",
                        help="an option for the chat model (models.llm.options), e.g. tool_routing=router")
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "results" / "tool_eval.json")
    args = parser.parse_args()
    from assistant.config import load_settings
    from assistant.runtime import Runtime

    work = Path(tempfile.mkdtemp(prefix="bench-tools-"))
    (work / "knowledge").mkdir()
    options = {k: json.loads(v) if v[:1] in "0123456789tf[{" else v for k, v in (o.split("=", 1) for o in args.option)}
    if options and not args.llm:  # options for the default model: name it (an override needs its source)
        from assistant.models import ModelManager

        args.llm = ModelManager(load_settings()).spec("llm").source
    llm = {**({"source": args.llm} if args.llm else {}), **({"backend": args.backend} if args.backend else {}),
           **({"options": options} if options else {})}
    models = {"llm": llm} if llm else {}
    runtime = Runtime(load_settings(knowledge_dir=work / "knowledge", data_dir=work / "data", models=models))
    build_folder(work / "knowledge", runtime.manager.get("tts"))
    runtime.knowledge.index()
    agent = runtime.agent()
    agent.warm_up()
    chosen = CASES if args.cases == "main" else importlib.import_module(CASE_SETS[args.cases]).CASES
    cases = [c for c in chosen if not args.only or c.style == args.only]
    files = {p.relative_to(work / "knowledge").as_posix() for p in (work / "knowledge").rglob("*") if p.is_file()}
    rows = []
    for i, case in enumerate(cases, 1):
        row = run_case(agent, case, files)
        rows.append(row)
        call = f"{row['call']['name']}({json.dumps(row['call']['arguments'])[:80]})" if row["call"] else "no call"
        verdict = "ok  " if row["passed"] else "FAIL"
        print(f"{i:>3}/{len(cases)} {verdict} {row['decided_s']:>5.2f}s  {case.request[:52]:<52}  {call}", flush=True)
    summary = summarise(rows)
    print(json.dumps(summary, indent=2))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"llm": runtime.manager.spec("llm").source, "cases_set": args.cases,
                                    "summary": summary, "cases": rows},
                                   indent=2, ensure_ascii=False))
    print(f"results: {args.out}")


if __name__ == "__main__":
    main()
