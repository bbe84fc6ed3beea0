"""Slow clients: a connection's request headers must be in within HEADER_TIMEOUT_S, or it is closed.

uvicorn closes an idle keep-alive connection after a few seconds, but every byte received stops that timer, so
a client that sends its headers one byte a second (slowloris) holds a connection open for as long as it likes,
and a few hundred of them hold all the server's sockets. Here the deadline starts when a connection opens, and
when the first byte of each later request arrives, and ends when the request's headers are complete (the
protocol has started a request cycle). The body has its own bound (`posts.BODY_TIMEOUT_S`).
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

log = logging.getLogger(__name__)

HEADER_TIMEOUT_S = 10.0


def header_deadline(protocol: type[Any], timeout_s: float = HEADER_TIMEOUT_S) -> type[Any]:
    """`protocol` (uvicorn's HTTP protocol class) with the header deadline."""

    class HeaderDeadline(protocol):
        _deadline: asyncio.TimerHandle | None = None
        _cycle_seen: Any = None

        def connection_made(self, transport: Any) -> None:
            super().connection_made(transport)
            self._start_deadline()

        def data_received(self, data: bytes) -> None:
            if self._deadline is None and self._between_requests():
                self._start_deadline()  # the first byte of the next request on a kept-alive connection
            super().data_received(data)
            cycle = getattr(self, "cycle", None)
            if cycle is not None and cycle is not self._cycle_seen:  # this request's headers are complete
                self._cycle_seen = cycle
                self._stop_deadline()

        def connection_lost(self, exc: Exception | None) -> None:
            self._stop_deadline()
            super().connection_lost(exc)

        def _between_requests(self) -> bool:
            cycle = getattr(self, "cycle", None)
            return cycle is None or cycle is self._cycle_seen and bool(getattr(cycle, "response_complete", True))

        def _start_deadline(self) -> None:
            self._stop_deadline()
            self._deadline = asyncio.get_running_loop().call_later(timeout_s, self._too_slow)

        def _stop_deadline(self) -> None:
            if self._deadline is not None:
                self._deadline.cancel()
                self._deadline = None

        def _too_slow(self) -> None:
            self._deadline = None
            transport = getattr(self, "transport", None)
            if transport is not None and not transport.is_closing() and self._between_requests():
                peer = transport.get_extra_info("peername")
                log.warning("closed a connection from %s: no complete request headers within %.0f s", peer,
                            timeout_s)
                transport.close()

    HeaderDeadline.__name__ = HeaderDeadline.__qualname__ = f"HeaderDeadline{protocol.__name__}"
    return HeaderDeadline
