"""Snapshots of the app's main states (pytest-textual-snapshot): the conversation with a tool call, a
reply with a table and code, the latency record and the knowledge panel; the help screen; the
no-audio-device notice. The state is drawn from voice-loop events, posted as the live loop posts them.
Update after an intended change: `pytest tests/test_tui_snapshots.py --snapshot-update`."""

from __future__ import annotations

from pathlib import Path

from tui_pilot import show

from assistant.agent import TextDelta, ToolCallFinished, ToolCallStarted
from assistant.config import load_settings
from assistant.contracts import Citation, ToolResult
from assistant.runtime import Runtime
from assistant.tui.app import AssistantApp
from assistant.tui.conversation import Notice
from assistant.tui.panels import KnowledgePanel
from assistant.voice.events import (AgentUpdate, Level, StateChanged, TurnFinished, UserSaid, VoiceTurn)

SIZE = (130, 40)
REPLY = ("Your notes say emperor penguins **huddle** through the winter.\n\n"
         "| place | birds |\n|---|---|\n| Cape Crozier | 1,000 |\n| Coulman Island | 25,000 |\n\n"
         "```python\ncount = sum(colonies)\n```\n")
LATENCY = {"endpoint_wait_s": 0.512, "stt_s": 0.31, "first_token_s": 0.22, "first_sentence_s": 0.61,
           "tts_first_audio_s": 0.12, "output_s": 0.01, "total_s": 1.782, "tool_s": 0.35}


def app_for(tmp_path: Path) -> AssistantApp:
    settings = load_settings(knowledge_dir=tmp_path / "knowledge", data_dir=tmp_path / "data")
    return AssistantApp(Runtime(settings), tmp_path / "config.toml", start=False)


async def conversation(pilot) -> None:
    app = pilot.app
    for rms in (0.0, 0.01, 0.08, 0.2, 0.12, 0.03, 0.0):
        await show(app, Level(rms, 0.9))
    await show(app, UserSaid("What do my notes say about penguins?", 1, True))
    call = ToolCallStarted("search_knowledge", {"query": "penguins"})
    await show(app, AgentUpdate(call, 1))
    result = ToolResult("1. birds.md: Emperor penguins huddle together through the Antarctic winter.",
                        citations=[Citation("birds.md"), Citation("colonies.pdf", 3)], seconds=0.35)
    await show(app, AgentUpdate(ToolCallFinished(call.name, call.arguments, result), 1))
    for piece in REPLY.split(" "):
        await show(app, AgentUpdate(TextDelta(piece + " "), 1))
    turn = VoiceTurn(1, "What do my notes say about penguins?", REPLY, "Your notes say...", False,
                     latency=LATENCY)
    await show(app, TurnFinished(turn))
    await show(app, StateChanged("speaking"))
    app.query_one(KnowledgePanel).report(12, 2, 1, 0, [{"file": "broken.pdf", "reason": "not a PDF"}])
    await pilot.click(".tool-call CollapsibleTitle")
    await pilot.pause()


def test_snapshot_conversation(snap_compare, tmp_path):
    assert snap_compare(app_for(tmp_path), terminal_size=SIZE, run_before=conversation)


def test_snapshot_help_screen(snap_compare, tmp_path):
    assert snap_compare(app_for(tmp_path), terminal_size=SIZE, press=["f1"])


def test_snapshot_no_audio_device(snap_compare, tmp_path):
    async def no_device(pilot) -> None:
        await show(pilot.app, StateChanged("listening"))
        await pilot.app.query_one("#conversation").add(
            Notice("No microphone: no audio input device found. Typing still works.", "warning"))
        await pilot.pause()

    assert snap_compare(app_for(tmp_path), terminal_size=SIZE, run_before=no_device)
