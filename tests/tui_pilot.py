"""Helpers for driving the app with Pilot in tests (not a test module)."""

from __future__ import annotations

import time

from assistant.tui.conversation import AssistantTurn

SIZE = (130, 42)


async def wait_for(pilot, condition, timeout: float = 120.0, what: str = "") -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what or condition}"
        await pilot.pause(0.05)


def finished_turns(app) -> list[AssistantTurn]:
    return [w for w in app.query(AssistantTurn) if w.finished]
