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
A case passes when all four hold. Each picture prompt and search query is also checked for filler (issue 24,
item 5): the words said around a request ("yeah so can you make an image of, like, ...") and those that ask for
the tool, in the languages requests come in (`FILLER_WORDS`, this file's own list); "clean arguments" counts the
prompts and queries that hold the case's words and none of those. Results: bench/results/tool_eval-SET.json.

`--filling model` has the chat model fill the routed tool's arguments under its JSON schema instead of the word
lists (`argument_filling`, routing/model_fill.py); its results go to tool_eval_<set>_<filling>.json, and
`--compare` puts each set's two side by side (bench/results/tool_eval_filling.json).

    .venv/bin/python bench/tool_eval.py [--cases main|heldout|blind|targets|fillers|fillers_blind] [--only STYLE]
        [--filling words|model] [--llm SOURCE --backend openai] [--option tool_routing=model]
        [--mcp-config bench/mcp_servers_example.toml] [--out FILE]
    .venv/bin/python bench/tool_eval.py --compare
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
import tool_cases  # noqa: E402
from tool_cases import Case  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from stamp import stamp  # noqa: E402

CASE_SETS = {"main": "tool_cases", "heldout": "tool_cases_heldout", "blind": "tool_cases_blind",
             "fillers": "tool_cases_fillers", "targets": "tool_cases_targets",
             "fillers_blind": "tool_cases_fillers_blind", "external": "tool_cases_external"}
RESULTS = Path(__file__).parent / "results"

# Words that have no place in a picture's prompt or a search's query: hesitations and politeness, the words
# that ask for the tool, and the same in the other languages requests come in (French, German, Spanish,
# Italian, Portuguese). Written for this check, apart from the router's own lists (assistant/words.py).
FILLER_WORDS = frozenset("""
yeah yes so um uh erm hmm like okay ok well hey hi please kindly just maybe thanks thank kinda sorta right
can could would you i id love wondering if was want know me do
make draw paint generate create render imagine sketch illustrate design image picture pic pics illustration
search find look through check notes note files file folder knowledge documents saved anything something whatever
wrote
peux tu te faire fais dessine moi plaît chercher cherche dans mes est ce que
kannst du mir bitte bild malen zeichne suche suchen finde meinen notizen dateien
puedes generar genera imagen dibuja por favor buscar busca mis archivos notas algo
potresti disegnarmi disegna crea immagine cerca nei miei appunti qualcosa per favore
tenho alguma guardada
""".split())
FILLED = {"generate_image": "prompt", "search_knowledge": "query"}  # the arguments checked for filler

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


def build_folder(root: Path, tts, extra=None) -> None:
    """The folder every set uses, and the files a set adds for itself (its module's NOTES, RECORDINGS and
    PICTURES: name -> a plain colour)."""
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
    for name, text in {**NOTES, **getattr(extra, "NOTES", {})}.items():
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
    for name, colour in getattr(extra, "PICTURES", {}).items():
        Image.new("RGB", (320, 200), colour).save(root / name)
    for name, text in {**RECORDINGS, **getattr(extra, "RECORDINGS", {})}.items():
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
    left = fillers_left(case, call)
    return {"choice": choice, "arguments": args_ok, "clean": clean, "honest": honest,
            "passed": choice and args_ok and clean and honest, "fillers": left,
            "clean_argument": None if left is None else args_ok and not left}


def fillers_left(case: Case, call: dict | None) -> list[str] | None:
    """The filler words in the prompt or query of a picture or search the case asks for first and got; None
    for any other case."""
    key = FILLED.get(str((call or {}).get("name")))
    if call is None or key is None or call["name"] != case.tools[0]:
        return None
    value = str(call.get("arguments", {}).get(key) or "")
    return [w for w in re.findall(r"[^\W\d_]+", value.lower()) if w in FILLER_WORDS or w in case.without]


def run_case(agent, case: Case, files: set[str]) -> dict:
    from assistant.agent import TextDelta, ToolCallFinished, ToolCallStarted, TurnDone

    agent.reset()
    for earlier in case.before:
        for _ in agent.turn(earlier):
            pass
    started = time.perf_counter()
    decided = None
    call, failed, reply, timings = None, False, "", {}
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
            timings = event.timings
    return {"request": case.request, "style": case.style, "expected": list(case.tools), "call": call,
            "tool_failed": failed, "reply": reply, "decided_s": round(decided or 0.0, 3),
            "fill_s": round(fill, 3) if (fill := timings.get("fill_s")) is not None else None,
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
    filled = sorted(r["fill_s"] for r in rows if r.get("fill_s") is not None)

    def cleanliness(subset: list[dict]) -> dict:
        checked = [r for r in subset if r.get("clean_argument") is not None]
        return {"clean arguments": f"{sum(r['clean_argument'] for r in checked)}/{len(checked)}",
                "with filler": f"{sum(bool(r['fillers']) for r in checked)}/{len(checked)}",
                "filler words left": sum(len(r["fillers"]) for r in checked)}

    return {"all": score(rows), "plain requests": score(plain),
            "by_style": {k: score(v) for k, v in by_style.items()},
            "by_tool": {k: score(v) for k, v in by_tool.items()},
            "prompts and queries": {"all": cleanliness(rows),
                                    **{tool: cleanliness([r for r in rows if r["expected"][0] == tool])
                                       for tool in FILLED}},
            "decided_s_median": decided[len(decided) // 2], "decided_s_max": decided[-1],
            "fill_s_median": filled[len(filled) // 2] if filled else None,
            "fill_s_max": filled[-1] if filled else None}


def compare() -> None:
    """Each set's results with the word lists and with the model filling arguments, side by side
    (bench/results/tool_eval_filling.json)."""
    table: dict[str, dict] = {}
    for name in CASE_SETS:
        pair = {mode: RESULTS / f"tool_eval_{name}_{mode}.json" for mode in ("words", "model")}
        if not all(p.is_file() for p in pair.values()):
            continue
        table[name] = {}
        for mode, path in pair.items():
            summary = json.loads(path.read_text())["summary"]
            table[name][mode] = {"passed": summary["all"]["passed"], "choice": summary["all"]["choice"],
                                 "arguments": summary["all"]["arguments"],
                                 **{f"{k} ({tool or 'all'})": v for tool, part in
                                    summary["prompts and queries"].items() for k, v in part.items()},
                                 "decided_s_median": summary["decided_s_median"],
                                 "decided_s_max": summary["decided_s_max"], "fill_s_median": summary["fill_s_median"]}
        def count(mode: str, key: str) -> int:
            return int(str(table[name][mode][key]).split("/")[0])

        table[name]["better"] = {key: ("same" if count("words", key) == count("model", key) else
                                       max(("words", "model"), key=lambda mode: count(mode, key)))
                                 for key in ("passed", "arguments", "clean arguments (all)")}
        print(f"{name}: better {table[name]['better']}")
        for key in table[name]["words"]:
            print(f"  {key:<40} {str(table[name]['words'][key]):>10}  {str(table[name]['model'][key]):>10}")
    (RESULTS / "tool_eval_filling.json").write_text(json.dumps(table, indent=2))
    print(f"results: {RESULTS / 'tool_eval_filling.json'}")


def mcp_servers(path: Path) -> dict:
    """The [mcp_servers.NAME] tables of a TOML file, as the settings take them; a `command` of "python" is this
    interpreter, and a relative path among the arguments is the repository's."""
    import tomllib

    from assistant.config import McpServerSettings

    here = Path(__file__).resolve().parent  # (bench/mcp.py is not the MCP SDK: imported without this folder)
    kept = sys.path[:]
    sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != here]
    try:
        import assistant.mcp_client  # noqa: F401
    finally:
        sys.path[:] = kept
    root = here.parent
    servers = {}
    for name, table in tomllib.loads(path.read_text()).get("mcp_servers", {}).items():
        if table.get("command") == "python":
            table["command"] = sys.executable
        table["args"] = [str(root / a) if (root / a).is_file() else a for a in table.get("args", [])]
        servers[name] = McpServerSettings(**table)
    return servers


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", help="run only the cases of this style")
    parser.add_argument("--cases", choices=sorted(CASE_SETS), default="main",
                        help="the evaluation set: main (98 cases), heldout and blind (written without seeing the "
                             "router's examples), fillers (20 requests wrapped in filler, issue 24 item 5), targets "
                             "(a name shared with a file, one's own events against the clock: issue 24)")
    parser.add_argument("--llm", help="another chat model (a source: a path, or a server URL)")
    parser.add_argument("--backend", help="its backend (e.g. openai, llama.cpp)")
    parser.add_argument("--option", action="append", default=[], metavar="KEY=VALUE",
                        help="an option for the chat model (models.llm.options), e.g. tool_routing=router")
    parser.add_argument("--filling", choices=("words", "model"),
                        help="who fills the routed tool's arguments: the word lists or the chat model (the option "
                             "argument_filling); results in tool_eval_<set>_<filling>.json")
    parser.add_argument("--compare", action="store_true",
                        help="only put the results of both fillings side by side (tool_eval_filling.json)")
    parser.add_argument("--mcp-config", type=Path, metavar="FILE",
                        help="external MCP servers attached to the agent: the [mcp_servers.NAME] tables of this TOML "
                             "file (e.g. bench/mcp_servers_example.toml); a choice of one of their tools fails a case")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    if args.compare:
        compare()
        return
    if args.filling:
        args.option.append(f"argument_filling={args.filling}")
    args.out = args.out or RESULTS / (f"tool_eval_{args.cases}_{args.filling}.json" if args.filling else f"tool_eval-{args.cases}.json")
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
    settings = load_settings(knowledge_dir=work / "knowledge", data_dir=work / "data", models=models)
    if args.mcp_config:
        settings = settings.model_copy(update={"mcp_servers": mcp_servers(args.mcp_config)})
    runtime = Runtime(settings)
    module = tool_cases if args.cases == "main" else importlib.import_module(CASE_SETS[args.cases])
    build_folder(work / "knowledge", runtime.manager.get("tts"), module)
    runtime.knowledge.index()
    agent = runtime.agent()
    agent.warm_up()
    external: list[str] = []
    if args.mcp_config and runtime.mcp_clients is not None:  # every server connected before the first case
        runtime.mcp_clients.wait_ready(60)
        external = sorted(t.name for t in runtime.mcp_clients.tools() if t.status == "connected")
        print(f"external tools: {len(external)} from {len(runtime.settings.mcp_servers)} servers", flush=True)
    cases = [c for c in module.CASES if not args.only or c.style == args.only]
    files = {p.relative_to(work / "knowledge").as_posix() for p in (work / "knowledge").rglob("*") if p.is_file()}
    rows = []
    for i, case in enumerate(cases, 1):
        row = run_case(agent, case, files)
        rows.append(row)
        call = f"{row['call']['name']}({json.dumps(row['call']['arguments'])[:80]})" if row["call"] else "no call"
        verdict = "ok  " if row["passed"] else "FAIL"
        call += f"  filler: {' '.join(row['fillers'])}" if row["fillers"] else ""
        print(f"{i:>3}/{len(cases)} {verdict} {row['decided_s']:>5.2f}s  {case.request[:52]:<52}  {call}", flush=True)
    summary = summarise(rows)
    print(json.dumps(summary, indent=2))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"stamp": stamp(), "llm": runtime.manager.spec("llm").source, "cases_set": args.cases,
                                    **({"external_tools": external} if args.mcp_config else {}),
                                    "summary": summary, "cases": rows},
                                   indent=2, ensure_ascii=False))
    print(f"results: {args.out}")


if __name__ == "__main__":
    main()
