"""Conversations saved per session in the data dir (`sessions/<id>.json`), to reopen later.

A session file holds the turns as shown (user text, reply, tool calls, latency) and the agent's
history (text only: attached images are kept as a placeholder), written atomically after each turn.
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass
class Session:
    id: str
    started: float
    turns: list[dict[str, Any]] = field(default_factory=list)
    history: list[dict[str, Any]] = field(default_factory=list)

    @property
    def title(self) -> str:
        first = next((t.get("transcript", "") for t in self.turns if t.get("transcript")), "")
        return (first[:60] + "…") if len(first) > 60 else (first or "(empty)")


class SessionStore:
    def __init__(self, folder: Path):
        self.folder = Path(folder)

    def new(self) -> Session:
        return Session(time.strftime("%Y%m%d-%H%M%S") + f"-{os.getpid() % 1000:03d}", time.time())

    def save(self, session: Session) -> Path:
        self.folder.mkdir(parents=True, exist_ok=True)
        path = self.folder / f"{session.id}.json"
        tmp = path.with_suffix(".tmp")
        data = {"id": session.id, "started": session.started, "turns": session.turns,
                "history": [_plain(m) for m in session.history]}
        tmp.write_text(json.dumps(data, ensure_ascii=False, default=str), encoding="utf-8")
        tmp.replace(path)
        return path

    def list(self) -> list[Session]:
        """Saved sessions, newest first (unreadable files are skipped)."""
        sessions = []
        for path in sorted(self.folder.glob("*.json"), reverse=True):
            try:
                sessions.append(self.load(path.stem))
            except (OSError, ValueError, KeyError):
                continue
        return sessions

    def load(self, session_id: str) -> Session:
        data = json.loads((self.folder / f"{session_id}.json").read_text(encoding="utf-8"))
        return Session(data["id"], data["started"], data.get("turns", []), data.get("history", []))


def _plain(message: dict[str, Any]) -> dict[str, Any]:
    """A history message as JSON: image parts become a text placeholder."""
    content = message.get("content")
    if isinstance(content, list):
        texts = [p.get("text", "") if p.get("type") == "text" else "[an attached image]"
                 for p in content if isinstance(p, dict)]
        message = {**message, "content": "\n".join(t for t in texts if t)}
    return message
