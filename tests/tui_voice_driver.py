"""The TUI in a real voice conversation (not a test module): `python tests/tui_voice_driver.py ROOT` runs the
app headless (Textual's `run_test`) on the machine's default audio devices, which tests/test_voice_devices.py
makes a virtual sound card. A child process, because PortAudio sees the devices there were when it started.

It prints one JSON line per step and reads a line from stdin before waiting for the next one:
listening -> (a question is spoken) answered -> (the microphone is unplugged) typed (a question typed
after the notice about the microphone).
"""

from __future__ import annotations

import asyncio
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from tui_pilot import SIZE, finished_turns, wait_for  # noqa: E402


def step(name: str, **details) -> None:
    print(json.dumps({"step": name, **details}), flush=True)


async def converse(root: Path) -> None:
    from textual.widgets import Input

    from assistant.config import load_settings
    from assistant.runtime import Runtime
    from assistant.tui.app import AssistantApp
    from assistant.tui.conversation import Notice, UserTurn
    from assistant.tui.panels import LatencyPanel, VoicePanel

    settings = load_settings(knowledge_dir=root / "knowledge", data_dir=root / "data")
    app = AssistantApp(Runtime(settings), root / "config.toml", watch_knowledge=False)

    def notices() -> list[str]:
        return [str(n.render()) for n in app.query(Notice)]

    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: app.voice_loop is not None and app.voice_loop.state == "listening",
                       timeout=180, what="the app listening")
        step("listening", notices=notices(), devices=app.query_one(VoicePanel).devices)
        sys.stdin.readline()
        await wait_for(pilot, lambda: finished_turns(app), timeout=120, what="the spoken turn")
        [user] = app.query(UserTurn)
        step("answered", user=user.text, spoken=user.spoken, reply=finished_turns(app)[0].text,
             latency=app.query_one(LatencyPanel).rows)
        sys.stdin.readline()
        await wait_for(pilot, lambda: any("from the default microphone" in n for n in notices()), timeout=30,
                       what="a notice about the microphone")
        app.query_one("#prompt", Input).value = "What is the capital of Italy?"
        await pilot.press("enter")
        await wait_for(pilot, lambda: len(finished_turns(app)) >= 2, timeout=120, what="the typed turn")
        step("typed", notices=notices(), reply=finished_turns(app)[1].text)


if __name__ == "__main__":
    asyncio.run(converse(Path(sys.argv[1])))
