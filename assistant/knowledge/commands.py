"""`assistant index` and `assistant search`: the knowledge folder from the command line."""

from __future__ import annotations

import json
import sys
import threading
from pathlib import Path

from .base import KnowledgeBase
from .indexer import IndexReport, Progress


def index_command(settings, manager, rebuild: bool, watch: bool, as_json: bool) -> int:
    kb = KnowledgeBase(settings, manager)
    progress = _ProgressBar() if sys.stderr.isatty() and not as_json else None
    try:
        if watch:
            print(f"watching {settings.knowledge_dir} (Ctrl+C to stop)", file=sys.stderr)
            stop = threading.Event()
            try:
                kb.watch(stop, on_report=lambda r: _print_report(r, as_json, brief=True),
                         on_progress=progress)
            except KeyboardInterrupt:
                stop.set()
            return 0
        report = kb.index(rebuild=rebuild, on_progress=progress)
        if progress:
            progress.close()
        _print_report(report, as_json)
        return 0
    finally:
        kb.close()


def search_command(settings, manager, query: str, kind: str, limit: int, image: Path | None, as_json: bool) -> int:
    kb = KnowledgeBase(settings, manager)
    try:
        result = kb.search_knowledge(query, kind, limit, image)
    finally:
        kb.close()
    if as_json:
        print(json.dumps(result.to_dict(), indent=2, ensure_ascii=False))
        return 0
    for note in result.notes:
        print(f"note: {note}", file=sys.stderr)
    if not result.hits:
        print("no results")
    for n, hit in enumerate(result.hits, 1):
        where = f"{hit.file}" + (f", page {hit.page}" if hit.page else "")
        print(f"{n}. {where}  [{hit.kind}, {hit.score:.4f}, {'+'.join(hit.matched_by)}]")
        if hit.snippet:
            print(f"   {hit.snippet}")
    return 0


def pdf_command(settings, manager, question: str | None, file: str | None, pages: str | None, limit: int,
                as_json: bool) -> int:
    kb = KnowledgeBase(settings, manager)
    try:
        passages = kb.lookup_pdf(question, file, pages, limit)
    finally:
        kb.close()
    if as_json:
        print(json.dumps([{"file": p.file, "page": p.page, "text": p.text, "score": p.score} for p in passages],
                         indent=2, ensure_ascii=False))
        return 0
    if not passages:
        print("nothing found")
    for p in passages:
        print(f"[{p.file}, page {p.page}]" + (f"  ({p.score:.4f})" if p.score is not None else ""))
        print(p.text if pages else f"   {p.text}")
        print()
    return 0


def _print_report(report: IndexReport, as_json: bool, brief: bool = False) -> None:
    if as_json:
        print(json.dumps(report.to_dict(), ensure_ascii=False, indent=None if brief else 2), flush=True)
        return
    print(f"indexed in {report.seconds:.1f} s: {len(report.added)} added, {len(report.updated)} updated, "
          f"{len(report.renamed)} renamed, {len(report.removed)} removed, {report.unchanged} unchanged, "
          f"{len(report.skipped)} skipped" + (f", image embeddings added for {report.visuals_added}"
                                              if report.visuals_added else ""), flush=True)
    for problem in report.skipped:
        print(f"  skipped {problem['file']}: {problem['reason']}")
    if not brief and len(report.problems) > len(report.skipped):
        print(f"  ({len(report.problems)} files in all are not indexed; `assistant index --json` lists them)")
    for note in report.notes:
        print(f"note: {note}", file=sys.stderr)


class _ProgressBar:
    """A progress bar on the terminal (stderr), fed by the indexer's Progress events."""

    def __init__(self):
        from rich.progress import BarColumn, MofNCompleteColumn, Progress as Bar, TextColumn, TimeElapsedColumn

        self.bar = Bar(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                       TextColumn("{task.fields[name]}"), transient=True, console=None)
        self.task = None

    def __call__(self, event: Progress) -> None:
        if self.task is None:
            self.bar.start()
            self.task = self.bar.add_task("indexing", total=event.total, name="")
        self.bar.update(self.task, completed=event.done, total=event.total, name=event.name[-50:],
                        description=event.action)

    def close(self) -> None:
        if self.task is not None:
            self.bar.stop()
