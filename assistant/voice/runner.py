"""Where the voice loop's blocking work runs: worker threads, so the event loop only moves small messages.

The loop never calls a model or reads a microphone itself; it asks its runner to:
- `call(fn, *args)`: one blocking call (Whisper on an utterance, Piper on a sentence);
- `stream(make)`: the items of a blocking iterator, each made when the consumer asks for it (the agent's
  events: a tentative reply can be held before a tool call, which then does not run until it is confirmed);
- `capture(frames, each, stopping)`: read frames where they are produced and hand each to `each` there
  (VAD per frame in the capture thread: barge-in silences the output without a hop through a busy
  event loop).

`ThreadRunner` is the one the assistant uses. Tests substitute a runner that does the same work inline on
a virtual clock (tests/voice_fakes.py), which is what lets the loop's rules be tested by the timeline.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import threading
from collections.abc import AsyncIterator, Callable, Iterable, Iterator
from typing import Any, Protocol, TypeVar

from ..audio.frames import AudioFrame

T = TypeVar("T")
_END: Any = object()  # what next() gives at the end of a stream


class Runner(Protocol):
    async def call(self, fn: Callable[..., T], *args: Any) -> T: ...

    def stream(self, make: Callable[[], Iterator[T]]) -> AsyncIterator[T]: ...

    async def capture(self, frames: Iterable[AudioFrame], each: Callable[[AudioFrame], None],
                      stopping: threading.Event) -> None: ...


class ThreadRunner:
    async def call(self, fn: Callable[..., T], *args: Any) -> T:
        return await asyncio.to_thread(fn, *args)

    async def stream(self, make: Callable[[], Iterator[T]]) -> AsyncIterator[T]:
        """Pull-based: each item is made on the stream's own thread when asked for (a generator's
        thread-local state, such as torch's inference mode, stays on one thread)."""
        loop = asyncio.get_running_loop()
        executor = concurrent.futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="stream")
        iterator: Iterator[T] | None = None
        try:
            iterator = await loop.run_in_executor(executor, lambda: iter(make()))
            while (item := await loop.run_in_executor(executor, next, iterator, _END)) is not _END:
                yield item
        finally:
            close = getattr(iterator, "close", None)
            if close is not None:  # a consumer that left early: the generator's own clean-up, on its thread
                await asyncio.shield(loop.run_in_executor(executor, close))
            executor.shutdown(wait=False)

    async def capture(self, frames: Iterable[AudioFrame], each: Callable[[AudioFrame], None],
                      stopping: threading.Event) -> None:
        def work() -> None:
            for frame in frames:
                if stopping.is_set():
                    break
                each(frame)

        await asyncio.to_thread(work)
