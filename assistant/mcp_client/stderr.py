"""A stdio server's stderr: appended to `data_dir/mcp-servers/NAME.log` (nowhere without a folder), and its last
line since the connection began put beside the reason it failed ("the server stopped (stderr: ...)")."""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

TAIL_BYTES = 4096
MARK = "--- "  # the line written at each start


class ServerLog:
    def __init__(self, folder: Path | None, name: str):
        self.path = folder / f"{name}.log" if folder is not None else None
        self._start = 0

    @contextlib.contextmanager
    def open(self, command: str) -> Iterator[TextIO]:
        """The file the program's stderr goes to, for one connection."""
        if self.path is None:
            with open(os.devnull, "w") as sink:
                yield sink
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with open(self.path, "a", encoding="utf-8") as f:
            f.write(f"{MARK}{time.strftime('%Y-%m-%d %H:%M:%S')} starting {command}\n")
            f.flush()
            self._start = f.tell()
            yield f

    def tail(self) -> str:
        """" (stderr: LAST LINE)" of what the program wrote since it was started; "" when nothing."""
        if self.path is None or not self.path.exists():
            return ""
        size = self.path.stat().st_size
        with open(self.path, "rb") as f:
            f.seek(max(self._start, size - TAIL_BYTES) if self._start <= size else 0)
            lines = [line.strip() for line in f.read().decode("utf-8", "replace").splitlines()]
        lines = [line for line in lines if line and not line.startswith(MARK)]
        return f" (stderr: {lines[-1][:200]})" if lines else ""
