"""Watch mode: re-index (incrementally) shortly after files in the knowledge folder change.

The folder is watched from before the first run, so a file dropped in while that run is indexing is
picked up by the next one, not left until some later change. The models indexing needs are loaded when
watching starts (`KnowledgeBase.warm`), not on the first change. A folder that goes away (deleted, moved,
its drive unmounted: gone, unreadable, or empty while much is indexed) pauses watching, said once; the
folder is looked for every POLL_S, and its return resumes watching with an incremental run. The inotify
watch of a deleted folder never sees it come back, so watching starts afresh then.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable
from pathlib import Path

from ..errors import AssistantError
from .folder import PRUNE_MIN_FILES, FolderUnavailable, looks_unmounted, open_folder, unavailable

log = logging.getLogger(__name__)
DEBOUNCE_MS = 300  # changes closer together than this are handled in one run
POLL_S = 0.5  # while paused: how often the folder is looked for


def watch_folder(kb, stop: threading.Event, on_report: Callable | None = None,
                 on_progress: Callable | None = None, on_notice: Callable[[str], None] | None = None) -> None:
    """Raises FolderUnavailable at once when the folder cannot be listed (a new user's is created)."""
    from watchfiles import watch

    root = kb.settings.knowledge_dir.resolve()
    data_dir = kb.settings.data_dir.resolve()
    notice = on_notice or log.warning
    if created := open_folder(root, len(kb.catalog.files())):
        notice(created)

    def relevant(_change, path: str) -> bool:
        p = Path(path)
        if p.is_relative_to(data_dir):
            return False
        return not any(part.startswith(".") for part in p.relative_to(root).parts) if p.is_relative_to(root) else False

    first = True
    while not stop.is_set():
        if why := _paused(kb, root):
            notice(why)
            while not stop.wait(POLL_S) and _paused(kb, root):
                pass
            if stop.is_set():
                return
            notice(f"the knowledge folder {root} is back: watching again")
        changes = watch(root, watch_filter=relevant, stop_event=stop, debounce=DEBOUNCE_MS, step=50,
                        rust_timeout=100, yield_on_timeout=True)
        try:
            started = next(changes, None) is not None  # the watcher runs from here (its first wait timed out) ...
        except Exception:  # it cannot watch (an inotify limit...): still index once, then say why
            if not first and _paused(kb, root):  # the folder went away again meanwhile
                continue
            _run(kb, on_report, on_progress)
            raise
        if not started:  # stopped already
            return
        if first:  # the models a change needs, loaded now: the first note dropped in is indexed in well under 2 s
            kb.warm()
            first = False
        _run(kb, on_report, on_progress)  # ... before the first run: a file added during the run is not missed
        for changed in changes:
            if stop.is_set():
                return
            if _paused(kb, root):
                break
            if changed:
                _run(kb, on_report, on_progress)


def _paused(kb, root: Path) -> str | None:
    """Why watching pauses now (the folder is gone, unreadable, or empty as an unmounted drive's mount point
    is while more than PRUNE_MIN_FILES files are indexed), or None."""
    kept = "the index is kept, and indexing resumes when"
    if why := unavailable(root):
        if not os.path.lexists(root):
            why = f"the knowledge folder {root} is gone (deleted, moved, or its drive unmounted)"
        return f"watching paused: {why}; {kept} it is back"
    if looks_unmounted(root) and len(kb.catalog.files()) > PRUNE_MIN_FILES:
        return (f"watching paused: the knowledge folder {root} is empty (its drive not mounted?); {kept} files are "
                "back (`assistant index --prune` empties the index)")
    return None


def _run(kb, on_report, on_progress) -> None:
    try:
        report = kb.index(on_progress=on_progress)
    except FolderUnavailable as exc:  # it went away during the run: the watch loop pauses and says so
        log.info("indexing stopped: %s", exc)
        return
    except AssistantError as exc:  # e.g. a model changed: say so, keep watching
        log.error("indexing failed: %s", exc)
        return
    if on_report is not None:
        on_report(report)
