"""Helpers for driving the app with Pilot in tests (not a test module)."""

from __future__ import annotations

import asyncio
import time

from assistant.tui.conversation import AssistantTurn

SIZE = (130, 42)


async def wait_for(pilot, condition, timeout: float = 120.0, what: str = "") -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what or condition}"
        await pilot.pause(0.05)


async def show(app, event) -> None:
    """Put the app in a state the way the live loop does: `event` goes through the loop's callback, to the
    conversation screen as its typed message; returns once the screen has handled it."""
    app.post_voice_event(event)
    handled = asyncio.Event()
    app.main_screen.call_later(handled.set)  # queued after the message
    await handled.wait()


def finished_turns(app) -> list[AssistantTurn]:
    return [w for w in app.query(AssistantTurn) if w.finished]
