"""Where the voice loop's blocking work runs: worker threads, so the event loop only moves small messages.

The loop never calls a model or reads a microphone itself; it asks its runner to:
- `call(fn, *args)`: one blocking call (Whisper on an utterance, Piper on a sentence);
- `stream(make)`: the items of a blocking iterator as they come (the agent's events);
- `capture(frames, each, stopping)`: read frames where they are produced and hand each to `each` there
  (VAD per frame in the capture thread: barge-in silences the output without a hop through a busy
  event loop).

`ThreadRunner` is the one the assistant uses. Tests substitute a runner that does the same work inline on
a virtual clock (tests/voice_fakes.py), which is what lets the loop's rules be tested by the timeline.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import AsyncIterator, Callable, Iterable, Iterator
from typing import Any, Protocol, TypeVar

from .frames import AudioFrame

T = TypeVar("T")


class Runner(Protocol):
    async def call(self, fn: Callable[..., T], *args: Any) -> T: ...

    def stream(self, make: Callable[[], Iterator[T]]) -> AsyncIterator[T]: ...

    async def capture(self, frames: Iterable[AudioFrame], each: Callable[[AudioFrame], None],
                      stopping: threading.Event) -> None: ...


class ThreadRunner:
    async def call(self, fn: Callable[..., T], *args: Any) -> T:
        return await asyncio.to_thread(fn, *args)

    async def stream(self, make: Callable[[], Iterator[T]]) -> AsyncIterator[T]:
        loop = asyncio.get_running_loop()
        items: asyncio.Queue[tuple[str, Any]] = asyncio.Queue()

        def post(kind: str, value: Any) -> None:
            with contextlib.suppress(RuntimeError):  # the loop has closed: nobody is listening any more
                loop.call_soon_threadsafe(items.put_nowait, (kind, value))

        def work() -> None:
            try:
                for item in make():
                    post("item", item)
            except BaseException as exc:  # handed to the consumer, which raises it there
                post("error", exc)
            post("end", None)

        worker = asyncio.ensure_future(asyncio.to_thread(work))
        try:
            while True:
                kind, value = await items.get()
                if kind == "end":
                    return
                if kind == "error":
                    raise value
                yield value
        finally:
            await asyncio.gather(worker, return_exceptions=True)

    async def capture(self, frames: Iterable[AudioFrame], each: Callable[[AudioFrame], None],
                      stopping: threading.Event) -> None:
        def work() -> None:
            for frame in frames:
                if stopping.is_set():
                    break
                each(frame)

        await asyncio.to_thread(work)
