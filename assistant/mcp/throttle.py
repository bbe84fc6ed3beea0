"""Slow down token guessing: after a few wrong tokens from one client address, refuse it for a while.

Per address: FREE_FAILURES wrong tokens are free; each one after that doubles the wait (1 s, 2 s, 4 s, ... at
most MAX_WAIT_S) during which every request from that address is refused (429, with Retry-After), right token
or not (else the wait would not slow guessing down). A right token clears the address's count; a count with no
failure for FORGET_AFTER_S is forgotten. Bounded memory: at most MAX_ADDRESSES addresses, the least recently
failing forgotten first. A 43-character random token cannot be guessed anyway; this keeps logs and CPU calm.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

FREE_FAILURES = 5
MAX_WAIT_S = 60.0
FORGET_AFTER_S = 15 * 60.0
MAX_ADDRESSES = 4096


@dataclass
class _Record:
    failures: int = 0
    last: float = 0.0
    blocked_until: float = 0.0


class Throttle:
    def __init__(self, clock: Callable[[], float] = time.monotonic):
        self.clock = clock
        self._records: OrderedDict[str, _Record] = OrderedDict()

    def wait(self, address: str) -> float:
        """Seconds this address must still wait (0: it may try)."""
        record = self._records.get(address)
        if record is None:
            return 0.0
        now = self.clock()
        if now - record.last > FORGET_AFTER_S:
            del self._records[address]
            return 0.0
        return max(0.0, record.blocked_until - now)

    def failed(self, address: str) -> float:
        """Count a wrong token; the wait it earns (0 while still free)."""
        now = self.clock()
        record = self._records.pop(address, None) or _Record()
        if now - record.last > FORGET_AFTER_S:
            record = _Record()
        record.failures += 1
        record.last = now
        over = record.failures - FREE_FAILURES
        wait = min(MAX_WAIT_S, 2.0 ** (over - 1)) if over > 0 else 0.0
        record.blocked_until = now + wait
        self._records[address] = record  # most recent last
        while len(self._records) > MAX_ADDRESSES:
            self._records.popitem(last=False)
        return wait

    def succeeded(self, address: str) -> None:
        self._records.pop(address, None)

    def __len__(self) -> int:
        return len(self._records)
