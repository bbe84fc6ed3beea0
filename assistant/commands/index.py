"""`assistant index [--rebuild] [--watch] [--prune] [--json]`: index the knowledge folder (incremental).

A folder that is missing or unreadable, or a run that would remove most of the index (an empty mount point),
changes nothing and exits 2 (knowledge/folder.py); `--prune` removes the files that are gone anyway."""

from __future__ import annotations

import json
import sys
import threading
from typing import TYPE_CHECKING

from ..errors import InputError
from . import Invocation

if TYPE_CHECKING:
    from rich.progress import TaskID

    from ..knowledge.indexer import IndexReport, Progress


def add(sub, shared) -> None:
    index = sub.add_parser("index", parents=[shared], help="index the knowledge folder (incremental)")
    index.add_argument("--rebuild", action="store_true", help="drop the index and build it again")
    index.add_argument("--watch", action="store_true", help="keep indexing as files change")
    index.add_argument("--prune", action="store_true",
                       help="remove the files that are gone even when they are most of the index")
    index.add_argument("--json", action="store_true", help="the report as JSON (with every skipped file)")
    index.set_defaults(run=run)


def run(inv: Invocation) -> int:
    args, settings = inv.args, inv.settings
    if args.prune and args.watch:
        raise InputError("--prune is for one run: run `assistant index --prune`, then `assistant index --watch`")
    progress = _ProgressBar() if sys.stderr.isatty() and not args.json else _recordings_begun
    with inv.knowledge() as kb:
        if args.watch:
            print(f"watching {settings.knowledge_dir} (Ctrl+C to stop)", file=sys.stderr)
            stop = threading.Event()
            try:
                kb.watch(stop, on_report=lambda r: _print_report(r, args.json, brief=True), on_progress=progress,
                         on_notice=lambda text: print(text, file=sys.stderr, flush=True))
            except KeyboardInterrupt:
                stop.set()
            return 0
        report = kb.index(rebuild=args.rebuild, on_progress=progress, prune=args.prune)
        if isinstance(progress, _ProgressBar):
            progress.close()
        _print_report(report, args.json)
        if report.stopped:
            raise InputError(report.stopped)
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
    if brief and report.stopped:  # a single run ends with it as its error
        print(report.stopped, file=sys.stderr, flush=True)


def _recordings_begun(event: Progress) -> None:
    """Without a terminal to draw on: one line when a recording starts being transcribed (it takes a while)."""
    if event.action == "transcribing" and event.detail.startswith("00:00 of"):
        print(f"transcribing {event.name} ({event.detail.removeprefix('00:00 of ')})", file=sys.stderr, flush=True)


class _ProgressBar:
    """A progress bar on the terminal (stderr), fed by the indexer's Progress events."""

    def __init__(self) -> None:
        from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeElapsedColumn
        from rich.progress import Progress as Bar

        self.bar = Bar(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                       TextColumn("{task.fields[name]}"), transient=True, console=None)
        self.task: TaskID | None = None

    def __call__(self, event: Progress) -> None:
        if self.task is None:
            self.bar.start()
            self.task = self.bar.add_task("indexing", total=event.total, name="")
        detail = f" ({event.detail})" if event.detail else ""
        self.bar.update(self.task, completed=event.done, total=event.total, name=event.name[-50:] + detail,
                        description=event.action)

    def close(self) -> None:
        if self.task is not None:
            self.bar.stop()
