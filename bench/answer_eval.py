"""Answer correctness (issue 24): are the assistant's answers right, does it invent numbers, dates, times or
names, does it cite the right file, and does it say so when the folder has no answer?

A knowledge folder is built in a temporary directory (`bench/answer_cases.py`: notes, voice memos spoken by
the packaged Piper voice, two generated PDFs, the real bzip2 and libtasn1 manuals from Debian, photos) and
indexed; then each question runs in a new conversation, and each conversation turn by turn in one, through
the same `Agent` that `ask`, the voice loop and the TUI use (`Runtime(settings).agent()` on the embedded
default). Questions marked `spoken` are asked once more aloud: Piper speaks them, the real Whisper hears
them (as the voice loop does: the voice's language, one utterance), and the transcript goes to the agent.

Each reply is judged by `bench/answer_judge.py` (its docstring says exactly what counts): facts right,
invented facts (every one listed, to be audited), wrong citations, honest "not found". Results:
bench/results/answer_eval-SET.json (per reply, and totals by kind); a summary table is printed.

    .venv/bin/python bench/answer_eval.py [--set main|second|blind|third|fourth|fifth|sixth|seventh|eighth|ninth] [--only KIND] [--limit N] [--out FILE]

Sets: `main` and `second` (bench/answer_cases.py, the same folder in other words), and eight written by helpers who
never saw the assistant's code, each with its own files added to the folder: `blind` (answer_cases_blind.py),
`third` (answer_cases_third.py, a third person's life under home3/), `fourth` (answer_cases_fourth.py, a fourth
person's, under home4/), `fifth` (answer_cases_fifth.py, under home5/), `sixth` (answer_cases_sixth.py, under
home6/), `seventh` (answer_cases_seventh.py, under home7/), `eighth` (answer_cases_eighth.py, under home8/) and
`ninth` (answer_cases_ninth.py, under home9/); the first runs are in docs/history.md.
A set is blind once: its first run is the honest measure of what was built before it; after that it is one more set
to develop against.

--only: a question kind (note, memo, pdf, notfound, general, advice, arithmetic, units, dates), or
"files", "world", "calc", "conversations" or "spoken"; --limit N: the first N questions, conversations and
spoken questions (each).
"""

from __future__ import annotations

import argparse
import collections
import datetime
import gzip
import hashlib
import json
import os
import platform
import re
import shutil
import sys
import tempfile
import time
import unicodedata
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from stamp import stamp  # noqa: E402
from answer_cases import (  # noqa: E402
    CALC_KINDS,
    FILE_KINDS,
    MADE_PDFS,
    MANUALS,
    MEMOS,
    NOTES,
    PDF_PHRASES,
    PHOTOS,
    SETS,
    WORLD_KINDS,
    Conversation,
    Q,
    add_set_files,
    source_texts,
)
from answer_judge import citations, judge  # noqa: E402

GROUPS = {"files": FILE_KINDS, "world": WORLD_KINDS, "calc": CALC_KINDS, "notfound": ("notfound",)}
KINDS = ("note", "memo", "pdf", "notfound", "general", "advice", "arithmetic", "units", "dates")


# -- the folder -------------------------------------------------------------------------------------------
def _normal(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).replace("\u2019", "'").replace("\u2018", "'")
    return " ".join(re.sub(r"-\s*\n\s*", "-", text).lower().split())


def build_folder(root: Path, tts, questions: list[Q]) -> dict[str, list[str]]:
    """Writes the folder; returns the page texts of its PDFs (for the judge: a cited page's text)."""
    import pymupdf
    from PIL import Image
    from skimage import data as samples

    from assistant.audio.io import write_wav

    for name, text in NOTES.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    for name, text in MEMOS.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        write_wav(root / name, spoken(tts, text).astype(np.float32) / 32768, tts.sample_rate)
    for name, pages in MADE_PDFS.items():
        doc = pymupdf.open()
        for text in pages:
            page = doc.new_page()
            page.insert_textbox(pymupdf.Rect(60, 60, 540, 780), text, fontsize=12)
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        doc.save(root / name)
    for name, (package, path) in MANUALS.items():
        source = Path(path)
        if not source.is_file():
            raise SystemExit(f"{path} is missing: install the Debian package {package} (scripts/setup.sh does)")
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        if source.suffix == ".gz":
            with gzip.open(source) as raw, open(root / name, "wb") as out:
                shutil.copyfileobj(raw, out)
        else:
            shutil.copyfile(source, root / name)
    for name, sample in PHOTOS.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        Image.fromarray(getattr(samples, sample)()).convert("RGB").save(root / name, quality=90)
    texts: dict[str, list[str]] = {}
    for name in [*MADE_PDFS, *MANUALS]:
        with pymupdf.open(root / name) as doc:
            texts[name] = [page.get_text() for page in doc]
    moved = [(q.id, q.cite[0], q.pages) for q in questions if q.id in PDF_PHRASES and not any(
        PDF_PHRASES[q.id] in _normal(texts[q.cite[0]][p - 1]) for p in q.pages if p <= len(texts[q.cite[0]]))]
    if moved:
        raise SystemExit(f"the Debian manuals changed: these answers are not on their pages any more: {moved}")
    return texts


# -- asking -----------------------------------------------------------------------------------------------
def ask(agent, text: str) -> dict[str, Any]:
    """One turn: the reply, the tools it called with their results, the time it took."""
    from assistant.agent import TurnDone

    started = time.perf_counter()
    done, error = None, None
    try:
        for event in agent.turn(text):
            if isinstance(event, TurnDone):
                done = event
    except Exception as exc:  # a turn that fails is a wrong answer, not the end of the run
        error = f"{type(exc).__name__}: {exc}"
    calls = [{"name": c.name, "arguments": c.arguments, "is_error": c.result.is_error,
              "citations": [{"file": x.file, "page": x.page, "time": x.time} for x in c.result.citations],
              "text": c.result.text, "data": c.result.data} for c in (done.tool_calls if done else [])]
    return {"reply": done.reply.strip() if done else "", "error": error, "tool_calls": calls,
            "seconds": round(time.perf_counter() - started, 2)}


def turn_sources(turn: dict[str, Any], pdf_pages: dict[str, list[str]], cited: list[dict]) -> list[str]:
    """What a reply may draw on: its tools' results, and the cited notes and memos whole (a PDF: its cited
    pages; a whole manual would 'support' nearly any number)."""
    texts = source_texts()
    out = []
    for call in turn["tool_calls"]:
        out.append(call["text"])
        if call["data"]:
            out.append(json.dumps(call["data"], ensure_ascii=False))
    for c in cited:
        if c["file"] in pdf_pages:
            out.extend(pdf_pages[c["file"]][p - 1] for p in c["pages"] if 0 < p <= len(pdf_pages[c["file"]]))
        elif c["file"] in texts:
            out.append(texts[c["file"]])
    return out


def judged(question: Q, turn: dict[str, Any], files: list[str], pdf_pages: dict[str, list[str]],
           context: list[str], heard: str | None = None) -> dict[str, Any]:
    sources = turn_sources(turn, pdf_pages, citations(turn["reply"], files)) + ([heard] if heard else [])
    verdict = judge(question, turn["reply"], sources, files, context)
    row = {"id": question.id, "kind": question.kind, "style": question.style, "question": question.ask,
           "expected": {"facts": [list(g) for g in question.facts], "cite": list(question.cite),
                        "pages": list(question.pages)},
           "reply": turn["reply"], "error": turn["error"],
           "tools": [{"name": c["name"], "arguments": c["arguments"], "is_error": c["is_error"],
                      "citations": c["citations"]} for c in turn["tool_calls"]],
           "seconds": turn["seconds"], **verdict}
    if heard is not None:
        row["heard"] = heard
    return row


def run_conversation(agent, conversation: Conversation, files: list[str],
                     pdf_pages: dict[str, list[str]]) -> list[dict[str, Any]]:
    agent.reset()
    context: list[str] = []
    rows = []
    for n, question in enumerate(conversation.turns, 1):
        turn = ask(agent, question.ask)
        row = judged(question, turn, files, pdf_pages, context)
        row.update({"conversation": conversation.id, "turn": n, "mode": "conversation"})
        rows.append(row)
        context += [question.ask, turn["reply"], *turn_sources(turn, pdf_pages, row["cited"])]
    return rows


SPEECH_CACHE = Path(os.environ.get("BENCH_SPEECH_CACHE") or Path.home() / ".cache" / "spark-assistant" / "bench-speech")


def spoken(tts, text: str) -> np.ndarray:
    """`text` spoken by the TTS (int16), the same each run on this machine: Piper speaks a text a little
    differently each time (its sampling noise) and Whisper then hears memos differently ("Dr. Yilmaz" / "Dr.
    Gilmas"), so replies changed between runs of the same code. The first rendering is kept in SPEECH_CACHE
    (env BENCH_SPEECH_CACHE), by voice, settings and text; delete it to hear a fresh one."""
    voice = getattr(getattr(tts, "voice", None), "config", None)
    key = hashlib.sha256(f"{type(tts).__name__}|{voice!r}|{getattr(tts, 'config', None)!r}|{text}".encode()).hexdigest()
    path = SPEECH_CACHE / f"{key}.npy"
    if path.exists():
        return np.load(path)
    samples = tts.synthesize_all(text).astype(np.int16)
    SPEECH_CACHE.mkdir(parents=True, exist_ok=True)
    np.save(path.with_suffix(".tmp.npy"), samples)
    path.with_suffix(".tmp.npy").replace(path)
    return samples


def hear(tts, stt, language: str | None, text: str) -> str:
    """The question spoken by Piper and heard by Whisper, as the voice loop hears a turn."""
    from assistant.audio.io import resample

    samples = resample(spoken(tts, text).astype(np.float32) / 32768, tts.sample_rate, 16000)
    return stt.transcribe(samples, language, utterance=True).text.strip()


# -- totals -----------------------------------------------------------------------------------------------
def _frac(k: int, n: int) -> str:
    return f"{k}/{n} ({100 * k / n:.0f} %)" if n else "–"


def score(rows: list[dict[str, Any]]) -> dict[str, Any]:
    answerable = [r for r in rows if r["kind"] != "notfound"]
    notfound = [r for r in rows if r["kind"] == "notfound"]
    items = [i for r in rows for i in r["invented"]]
    out: dict[str, Any] = {
        "questions": len(rows),
        "facts_right": _frac(sum(r["facts_right"] for r in answerable), len(answerable)),
        "invented_facts": len(items),
        "invented_by_type": dict(collections.Counter(i["type"] for i in items)),
        "replies_with_invented": sum(bool(r["invented"]) for r in rows),
        "wrong_citations": sum(len(r["wrong_citations"]) for r in rows),
        "replies_with_wrong_citation": sum(bool(r["wrong_citations"]) for r in rows),
    }
    cites = [r for r in answerable if r["expected"]["cite"]]
    if cites:
        out["citation_missing"] = sum(r["citation_missing"] for r in cites)
    if answerable:
        out["false_not_found"] = sum(r["false_not_found"] for r in answerable)
    if notfound:
        out["honest_not_found"] = _frac(sum(r["honest_not_found"] for r in notfound), len(notfound))
        out["admits_not_found"] = _frac(sum(r["admits_not_found"] for r in notfound), len(notfound))
    return out


def summarise(singles: list[dict], turns: list[dict], spoken: list[dict]) -> dict[str, Any]:
    summary: dict[str, Any] = {}
    if singles:
        summary["questions"] = score(singles)
        summary["by_kind"] = {k: score([r for r in singles if r["kind"] == k]) for k in KINDS
                              if any(r["kind"] == k for r in singles)}
        summary["by_group"] = {g: score([r for r in singles if r["kind"] in kinds]) for g, kinds in GROUPS.items()
                               if any(r["kind"] in kinds for r in singles)}
    if turns:
        by_turn = collections.defaultdict(list)
        for r in turns:
            by_turn[r["turn"]].append(r)
        conversations = collections.defaultdict(list)
        for r in turns:
            conversations[r["conversation"]].append(r)
        summary["conversations"] = {
            **score(turns),
            "conversations_all_right": _frac(sum(all(r.get("facts_right", r.get("honest_not_found")) for r in rs)
                                                 for rs in conversations.values()), len(conversations)),
            "by_turn": {n: score(rs)["facts_right"] for n, rs in sorted(by_turn.items())},
            "by_kind": {k: score([r for r in turns if r["kind"] == k])["facts_right"] for k in KINDS
                        if any(r["kind"] == k and k != "notfound" for r in turns)},
        }
    if singles or turns:
        summary["all_turns"] = score(singles + turns)
        calc = [r for r in singles + turns if r["kind"] in CALC_KINDS]
        if calc:
            summary["all_turns"]["calc_right"] = score(calc)["facts_right"]
    if spoken:
        typed = {r["id"]: r for r in singles}
        pairs = [(typed[r["id"]], r) for r in spoken if r["id"] in typed]
        right = lambda r: r.get("facts_right", r.get("honest_not_found"))  # noqa: E731
        summary["spoken"] = {
            **score(spoken),
            "typed_facts_right": _frac(sum(bool(right(t)) for t, _ in pairs), len(pairs)),
            "spoken_facts_right": _frac(sum(bool(right(s)) for _, s in pairs), len(pairs)),
            "same_verdict": _frac(sum(bool(right(t)) == bool(right(s)) for t, s in pairs), len(pairs)),
            "heard_exactly": _frac(sum(_normal(s["heard"]).strip(" .?!") == _normal(s["question"]).strip(" .?!")
                                       for _, s in pairs), len(pairs)),
        }
    return summary


def print_table(summary: dict[str, Any]) -> None:
    def line(name: str, s: dict[str, Any]) -> None:
        print(f"{name:<22} {s['questions']:>4}  {s['facts_right']:<15} {s.get('honest_not_found', '–'):<14} "
              f"{s['invented_facts']:>4} in {s['replies_with_invented']:>3}   {s['wrong_citations']:>4} in "
              f"{s['replies_with_wrong_citation']:>3}   {s.get('false_not_found', '–')!s:>5}")

    print(f"\n{'':<22} {'n':>4}  {'facts right':<15} {'honest n/f':<14} {'invented':>11}   "
          f"{'wrong cites':>11}   {'false n/f':>5}")
    for kind, s in summary.get("by_kind", {}).items():
        line(kind, s)
    for group, s in summary.get("by_group", {}).items():
        line(f"[{group}]", s)
    if "questions" in summary:
        line("single questions", summary["questions"])
    if "conversations" in summary:
        c = summary["conversations"]
        line("conversation turns", c)
        print(f"conversations all right: {c['conversations_all_right']}; by turn: "
              + ", ".join(f"{n}: {v}" for n, v in c["by_turn"].items()))
    if "all_turns" in summary:
        line("all typed turns", summary["all_turns"])
        if "calc_right" in summary["all_turns"]:
            print(f"arithmetic, units and dates (all turns): {summary['all_turns']['calc_right']}")
    if "spoken" in summary:
        s = summary["spoken"]
        print(f"typed vs spoken ({s['questions']} questions): typed {s['typed_facts_right']}, spoken "
              f"{s['spoken_facts_right']}, same verdict {s['same_verdict']}, heard exactly {s['heard_exactly']}")


# -- main -------------------------------------------------------------------------------------------------
def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=sorted(SETS), default="main", dest="set_name")
    parser.add_argument("--only", help="a question kind, a group (files, world, calc), conversations or spoken")
    parser.add_argument("--limit", type=int, help="at most N questions, N conversations and N spoken questions")
    parser.add_argument("--out", type=Path, help="default: bench/results/answer_eval-SET.json")
    args = parser.parse_args()
    from assistant.config import load_settings
    from assistant.runtime import Runtime

    add_set_files(args.set_name)
    questions, conversations = SETS[args.set_name]
    spoken_questions = [q for q in questions if q.spoken]
    only = args.only
    if only:
        kinds = GROUPS.get(only, (only,))
        if only not in ("conversations", "spoken") and not set(kinds) <= set(KINDS):
            parser.error(f"--only: one of {', '.join(KINDS)}, {', '.join(GROUPS)}, conversations, spoken")
        questions = [] if only in ("conversations", "spoken") else [q for q in questions if q.kind in kinds]
        conversations = conversations if only == "conversations" else []
        spoken_questions = spoken_questions if only == "spoken" else \
            [q for q in spoken_questions if q in questions]
    if args.limit is not None:
        questions, conversations = questions[:args.limit], conversations[:args.limit]
        spoken_questions = spoken_questions[:args.limit]
    if only == "spoken":  # each spoken question is compared with its typed answer: ask it typed too
        questions = list(spoken_questions)

    started = time.perf_counter()
    work = Path(tempfile.mkdtemp(prefix="bench-answers-"))
    root = work / "knowledge"
    root.mkdir()
    settings = load_settings(knowledge_dir=root, data_dir=work / "data")
    runtime = Runtime(settings)
    tts = runtime.manager.get("tts")
    all_questions = [*SETS[args.set_name][0], *(t for c in SETS[args.set_name][1] for t in c.turns)]
    pdf_pages = build_folder(root, tts, all_questions)
    report = runtime.knowledge.index()
    files = sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())
    agent = runtime.agent()
    agent.warm_up()
    ready = time.perf_counter() - started
    print(f"folder built and indexed, models warm: {ready:.1f} s ({len(files)} files; "
          f"index: {len(getattr(report, 'added', []))} added, skipped {getattr(report, 'skipped', [])})", flush=True)

    singles, turns, spoken = [], [], []
    for i, question in enumerate(questions, 1):
        agent.reset()
        row = judged(question, ask(agent, question.ask), files, pdf_pages, [])
        row["mode"] = "typed"
        singles.append(row)
        _progress(f"{i}/{len(questions)}", row)
    for i, conversation in enumerate(conversations, 1):
        for row in run_conversation(agent, conversation, files, pdf_pages):
            turns.append(row)
            _progress(f"c{i}.{row['turn']}", row)
    if spoken_questions:
        stt = runtime.manager.get("stt")
        language = settings.voice.stt_language(getattr(tts, "language", None))
        for i, question in enumerate(spoken_questions, 1):
            heard = hear(tts, stt, language, question.ask)
            agent.reset()
            row = judged(question, ask(agent, heard), files, pdf_pages, [], heard=heard)
            row["mode"] = "spoken"
            spoken.append(row)
            _progress(f"s{i}/{len(spoken_questions)}", row)
    seconds = time.perf_counter() - started

    summary = summarise(singles, turns, spoken)
    print_table(summary)
    worst = sorted((r for r in singles + turns + spoken if r["invented"]), key=lambda r: -len(r["invented"]))[:8]
    if worst:
        print("\nmost invented facts:")
        for r in worst:
            print(f"  {r['id']}: {', '.join(i['text'] for i in r['invented'])}  <- {r['reply'][:110]!r}")
    print(f"\n{len(singles) + len(turns) + len(spoken)} replies in {seconds / 60:.1f} min (setup {ready:.0f} s)")
    args.out = args.out or Path(__file__).parent / "results" / f"answer_eval-{args.set_name}.json"
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({
        "stamp": stamp(),
        "set": args.set_name, "only": only, "limit": args.limit,
        "date": datetime.date.today().isoformat(), "machine": f"{platform.machine()}, {platform.node()}",
        "llm": runtime.manager.spec("llm").source, "tool_routing": agent.policy.tool_routing,
        "seconds": round(seconds, 1), "setup_seconds": round(ready, 1), "files": files,
        "summary": summary, "rows": singles + turns + spoken}, indent=2, ensure_ascii=False, default=str))
    print(f"results: {args.out}")
    shutil.rmtree(work, ignore_errors=True)


def _progress(label: str, row: dict[str, Any]) -> None:
    if row["kind"] == "notfound":
        verdict = "ok  " if row["honest_not_found"] else "FAIL"
    else:
        verdict = "ok  " if row["facts_right"] else "FAIL"
    flags = (f" invented={[i['text'] for i in row['invented']]}" if row["invented"] else "") + \
            (f" wrong_cite={row['wrong_citations']}" if row["wrong_citations"] else "")
    asked = row.get("heard", row["question"])
    print(f"{label:>7} {verdict} {row['seconds']:>5.1f}s {row['kind']:<10} {asked[:48]:<48} -> "
          f"{row['reply'][:70]!r}{flags}", flush=True)


if __name__ == "__main__":
    main()
