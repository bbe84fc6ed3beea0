"""Watch mode: re-index (incrementally) shortly after files in the knowledge folder change.

The folder is watched from before the first run, so a file dropped in while that run is indexing is
picked up by the next one, not left until some later change. The models indexing needs are loaded when
watching starts (`KnowledgeBase.warm`), not on the first change.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path

from ..errors import AssistantError

log = logging.getLogger(__name__)
DEBOUNCE_MS = 300  # changes closer together than this are handled in one run


def watch_folder(kb, stop: threading.Event, on_report: Callable | None = None,
                 on_progress: Callable | None = None) -> None:
    from watchfiles import watch

    root = kb.settings.knowledge_dir.resolve()
    data_dir = kb.settings.data_dir.resolve()
    root.mkdir(parents=True, exist_ok=True)

    def relevant(_change, path: str) -> bool:
        p = Path(path)
        if p.is_relative_to(data_dir):
            return False
        return not any(part.startswith(".") for part in p.relative_to(root).parts) if p.is_relative_to(root) else False

    changes = watch(root, watch_filter=relevant, stop_event=stop, debounce=DEBOUNCE_MS, step=50,
                    rust_timeout=100, yield_on_timeout=True)
    try:
        started = next(changes, None) is not None  # the watcher runs from here (its first wait timed out) ...
    except Exception:  # it cannot watch (an inotify limit...): still index once, then say why
        _run(kb, on_report, on_progress)
        raise
    if not started:  # stopped already
        return
    kb.warm()  # the models a change needs, loaded now: the first note dropped in is indexed in well under 2 s
    _run(kb, on_report, on_progress)  # ... before the first run: a file added during the run is not missed
    for changed in changes:
        if stop.is_set():
            break
        if changed:
            _run(kb, on_report, on_progress)


def _run(kb, on_report, on_progress) -> None:
    try:
        report = kb.index(on_progress=on_progress)
    except AssistantError as exc:  # e.g. a model changed: say so, keep watching
        log.error("indexing failed: %s", exc)
        return
    if on_report is not None:
        on_report(report)
