"""Who owns a voice turn: one object, one lock, for the generation counter, the floor and the active turn.

Each user turn gets a generation number. An interruption (barge-in, Esc, a new conversation) raises the
floor above every number handed out so far and cancels the active turn's `Cancel`: the agent stops
generating, a running tool is abandoned, and every `StageQueue` drops the items of generations below the
floor when a stage takes its next item, so no stage checks for staleness itself and none can forget to.
The capture thread and the event loop both call in; the lock keeps their view consistent.
"""

from __future__ import annotations

import asyncio
import threading
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from ..cancel import Cancel

T = TypeVar("T")


@dataclass
class Turn:
    generation: int
    cancel: Cancel = field(default_factory=Cancel)


class TurnController:
    def __init__(self, first_generation: int = 1):
        self._lock = threading.Lock()
        self._last = first_generation - 1  # the last generation handed out (a restarted loop goes on counting)
        self._floor = first_generation  # generations below this are stale
        self._active: Turn | None = None

    def begin(self) -> Turn:
        """A new turn, now the active one."""
        return self.adopt(self.reserve())

    def reserve(self) -> Turn:
        """The next turn's number, for a reply started before the turn is confirmed (not active yet; an
        interruption makes it stale like any other)."""
        with self._lock:
            self._last += 1
            return Turn(self._last)

    def adopt(self, turn: Turn) -> Turn:
        """A reserved turn becomes the active one."""
        with self._lock:
            self._active = turn
            return turn

    def release(self, turn: Turn) -> None:
        """A reserved turn that will not happen: its number is handed out again (if it is the last one and
        nothing made it stale)."""
        with self._lock:
            if turn.generation == self._last and self._active is not turn and turn.generation >= self._floor:
                self._last -= 1

    def end(self, turn: Turn) -> None:
        with self._lock:
            if self._active is turn:
                self._active = None

    def interrupt(self) -> Turn | None:
        """Make every generation so far stale and cancel the active turn. The turn this interrupted (None
        when there was none, or it had been interrupted already)."""
        with self._lock:
            active = self._active
            if active is not None and active.generation < self._floor:
                active = None  # already interrupted, winding down
            self._floor = self._last + 1
        if active is not None:
            active.cancel.set()  # outside the lock: its callbacks may call back in
        return active

    def stale(self, generation: int) -> bool:
        with self._lock:
            return generation < self._floor

    @property
    def active(self) -> Turn | None:
        """The turn being answered, if it is not stale."""
        with self._lock:
            active = self._active
            return active if active is not None and active.generation >= self._floor else None

    @property
    def busy(self) -> bool:
        """A turn is being answered (stale or not: it may still be winding down)."""
        with self._lock:
            return self._active is not None

    @property
    def floor(self) -> int:
        with self._lock:
            return self._floor

    @property
    def last(self) -> int:
        with self._lock:
            return self._last


class StageQueue(Generic[T]):
    """An asyncio queue between two stages whose `get` skips items of stale generations. Items put with
    `generation=None` (the end of a stream, a turn's final record) are never dropped."""

    def __init__(self, turns: TurnController):
        self._turns = turns
        self._queue: asyncio.Queue[tuple[int | None, Any]] = asyncio.Queue()

    def put(self, item: T, generation: int | None) -> None:
        self._queue.put_nowait((generation, item))

    async def get(self) -> T:
        while True:
            generation, item = await self._queue.get()
            if generation is None or not self._turns.stale(generation):
                return item

