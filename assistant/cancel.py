"""Cancellation as a signal the work observes: one `Cancel` per turn, passed down to what the turn runs.

Setting it runs the callbacks that long work registered (close a connection, wake a waiter), so nothing
polls: a token loop asks `is_set()` between tokens, a wait for a tool ends when either the tool finishes
or the signal is set. A child (`Cancel(parent)`) is set with its parent, and can be set on its own (the
agent stops a small model's recital that way without cancelling the turn).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

log = logging.getLogger(__name__)


class Cancel:
    def __init__(self, *parents: Cancel | None):
        self._event = threading.Event()
        self._lock = threading.Lock()
        self._callbacks: list[Callable[[], None]] = []
        for parent in parents:
            if parent is not None:
                parent.on_set(self.set)

    def set(self) -> None:
        """Cancel (once; later calls do nothing). Callbacks run in the caller's thread."""
        with self._lock:
            if self._event.is_set():
                return
            self._event.set()
            callbacks, self._callbacks = self._callbacks, []
        for callback in callbacks:
            try:
                callback()
            except Exception:  # one failing callback must not keep the others from running
                log.exception("a cancel callback failed")

    def is_set(self) -> bool:
        return self._event.is_set()

    def wait(self, timeout: float | None = None) -> bool:
        return self._event.wait(timeout)

    def on_set(self, callback: Callable[[], None]) -> Callable[[], None]:
        """Run `callback` when the signal is set (at once if it already is). Returns a function that
        unregisters it (for work that finished first)."""
        with self._lock:
            if not self._event.is_set():
                self._callbacks.append(callback)
                return lambda: self._remove(callback)
        callback()
        return lambda: None

    def _remove(self, callback: Callable[[], None]) -> None:
        with self._lock:
            if callback in self._callbacks:
                self._callbacks.remove(callback)
