"""The app's controls with no models loaded (`start=False`): settings written back, sessions saved and
reopened, citations, the device picker, the command palette, events under a modal screen.
Voice-loop events are posted through the app's voice-loop callback (`show`), the same path the live loop uses."""

from __future__ import annotations

import asyncio
import tomllib

import pytest

from tui_pilot import SIZE, finished_turns, show, wait_for

from assistant.config import load_settings
from assistant.runtime import Runtime
from assistant.tui.app import AssistantApp
from assistant.tui.conversation import Notice, ToolCallRow, UserTurn
from assistant.tui.panels import VoicePanel


@pytest.fixture
def settings(tmp_path):
    return load_settings(knowledge_dir=tmp_path / "knowledge", data_dir=tmp_path / "data")


def idle_app(settings, tmp_path) -> AssistantApp:
    """The app without its start-up (no models, no audio): config file in tmp_path."""
    return AssistantApp(Runtime(settings), tmp_path / "config.toml", start=False)


def test_mode_barge_in_and_theme_changes_are_saved_to_the_config_file(settings, tmp_path):
    config = tmp_path / "config.toml"
    config.write_text("# my settings\nprofile = \"embedded\"\n")
    app = idle_app(settings, tmp_path)

    async def scenario():
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("f2")
            await pilot.press("f3")
            app.theme = "nord"
            await pilot.pause()
            assert app.query_one(VoicePanel).mode == "push-to-talk"

    asyncio.run(scenario())
    saved = tomllib.loads(config.read_text())
    assert saved["tui"]["mode"] == "push-to-talk" and saved["voice"]["barge_in"] is True
    assert saved["tui"]["theme"] == "nord" and saved["profile"] == "embedded"
    assert config.read_text().startswith("# my settings")  # the user's own lines are kept
    reloaded = load_settings(config, knowledge_dir=tmp_path / "k", data_dir=tmp_path / "d")
    assert reloaded.tui.mode == "push-to-talk" and reloaded.voice.barge_in and reloaded.tui.theme == "nord"


def test_a_recording_cited_at_a_moment_plays_from_there(settings, tmp_path):
    import numpy as np

    from assistant.agent import ToolCallFinished, ToolCallStarted
    from assistant.audio.io import read_audio, write_wav
    from assistant.audio.player import SimulatedSpeaker
    from assistant.contracts import Citation, ToolResult
    from assistant.tui.audio_setup import AudioEnds
    from assistant.voice.events import AgentUpdate

    (tmp_path / "knowledge").mkdir()
    tone = np.sin(np.arange(16000 * 20) / 16000 * 2 * np.pi * np.repeat(np.arange(1, 21) * 50, 16000)) * 0.3
    write_wav(tmp_path / "knowledge" / "meeting.wav", tone.astype(np.float32), 16000)  # 50 Hz more each second
    app = idle_app(settings, tmp_path)
    speaker = SimulatedSpeaker(16000)
    app.audio = AudioEnds(None, speaker, [], speaker.close)

    async def click():
        async with app.run_test(size=SIZE) as pilot:
            call = ToolCallStarted("search_knowledge", {"query": "shed", "kind": "audio"})
            await show(app, AgentUpdate(call, 1))
            result = ToolResult("1. meeting.wav @ 00:12 the shed", citations=[Citation("meeting.wav", None, 12.0)])
            await show(app, AgentUpdate(ToolCallFinished(call.name, call.arguments, result), 1))
            [row] = app.query(ToolCallRow)
            await pilot.pause()
            await pilot.click(row.query_one("CollapsibleTitle"))
            await wait_for(pilot, lambda: row.query_one(".tool-citations").region.height, timeout=5)
            assert "meeting.wav @ 00:12" in str(row.query_one(".tool-citations").render())
            await pilot.click(row.query_one(".tool-citations"), offset=(12, 0))
            await wait_for(pilot, lambda: speaker.recording().size >= 16000, timeout=10)
            assert app.main_screen.opened == [(settings.knowledge_dir / "meeting.wav", 12.0)]

    try:
        asyncio.run(click())
        heard = speaker.recording()[:16000].astype(np.float32) / 32768
        expected = read_audio(tmp_path / "knowledge" / "meeting.wav")[12 * 16000: 13 * 16000]
        assert np.abs(heard - expected).max() < 0.01  # the second from 00:12, not the file's start
    finally:
        speaker.close()


def test_conversation_is_saved_and_reopened_and_citations_open(settings, tmp_path):
    from assistant.agent import ToolCallFinished, ToolCallStarted
    from assistant.contracts import Citation, ToolResult
    from assistant.voice.events import AgentUpdate, TurnFinished, UserSaid, VoiceTurn

    (tmp_path / "knowledge").mkdir()
    (tmp_path / "knowledge" / "report.pdf").write_bytes(b"%PDF-1.4 stand-in")
    first = idle_app(settings, tmp_path)

    async def talk():
        async with first.run_test(size=SIZE) as pilot:
            first.agent.history += [{"role": "user", "content": "Where is the lake report?"},
                                    {"role": "assistant", "content": "In report.pdf, page 2."}]
            await show(first, UserSaid("Where is the lake report?", 1, True))
            call = ToolCallStarted("lookup_pdf", {"question": "lake"})
            await show(first, AgentUpdate(call, 1))
            result = ToolResult("report.pdf p.2: the lake", citations=[Citation("report.pdf", 2)])
            await show(first, AgentUpdate(ToolCallFinished(call.name, call.arguments, result), 1))
            await show(first, TurnFinished(VoiceTurn(1, "Where is the lake report?", "In report.pdf, page 2.",
                                                     "In report.pdf, page 2.", False)))
            opened = []
            first.open_url = lambda url, **kw: opened.append(url)  # no browser in a test
            [row] = first.query(ToolCallRow)
            await pilot.pause()  # laid out before it is clicked
            await pilot.click(row.query_one("CollapsibleTitle"))
            await wait_for(pilot, lambda: row.query_one(".tool-citations").region.height, timeout=5)
            await pilot.click(row.query_one(".tool-citations"), offset=(12, 0))
            await pilot.pause()
            assert first.main_screen.opened == [(settings.knowledge_dir / "report.pdf", 2)]
            assert opened and opened[0].endswith("report.pdf#page=2") and opened[0].startswith("file://")

    asyncio.run(talk())
    second = idle_app(settings, tmp_path)

    async def reopen():
        async with second.run_test(size=SIZE) as pilot:
            await pilot.press("ctrl+o")
            await pilot.pause()
            await pilot.press("enter")  # the newest conversation is highlighted first
            await pilot.pause()
            [user] = second.query(UserTurn)
            assert user.text == "Where is the lake report?" and user.spoken
            assert second.agent.history[-1]["content"] == "In report.pdf, page 2."
            # new turns go on in the same session file
            assert second.main_screen.session.id == first.main_screen.session.id

    asyncio.run(reopen())


def test_device_picker_without_a_sound_card_says_so_and_cancels(settings, tmp_path):
    from assistant.tui.settings_screen import SettingsScreen

    app = idle_app(settings, tmp_path)

    async def scenario():
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("f5")
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, SettingsScreen)
            if not screen.inputs and not screen.outputs:
                assert "No audio devices" in screen.problem or "PortAudio" in screen.problem
            await pilot.click("#cancel")
            await pilot.pause()
            assert not isinstance(app.screen, SettingsScreen)

    asyncio.run(scenario())
    assert not (tmp_path / "config.toml").exists()  # nothing chosen, nothing saved


def test_the_settings_dialog_sets_the_mode_and_barge_in_and_saves_them(settings, tmp_path):
    """Mode and barge-in chosen in the dialog are applied and saved; the devices, left as they were, are not
    saved and the audio is not restarted."""
    from textual.widgets import Select, Switch

    from assistant.tui.settings_screen import SettingsScreen

    app = idle_app(settings, tmp_path)
    restarts = []
    app.start_up = lambda: restarts.append(1)

    async def scenario():
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("f5")
            await pilot.pause()
            dialog = app.screen
            assert isinstance(dialog, SettingsScreen)
            assert dialog.query_one("#mode", Select).value == "hands-free"
            assert dialog.query_one("#barge-in", Switch).value is False
            dialog.query_one("#mode", Select).value = "muted"
            dialog.query_one("#barge-in", Switch).value = True
            await pilot.click("#save")
            await pilot.pause()
            assert not isinstance(app.screen, SettingsScreen)
            assert app.main_screen.mode == "muted" and app.query_one(VoicePanel).mode == "muted"
            assert app.query_one(VoicePanel).barge_in

    asyncio.run(scenario())
    saved = tomllib.loads((tmp_path / "config.toml").read_text())
    assert saved["tui"]["mode"] == "muted" and saved["voice"] == {"barge_in": True}
    assert not restarts


def test_a_new_conversation_leaves_out_the_late_events_of_the_turn_it_stopped(settings, tmp_path):
    """Events of turns from before "new conversation" (the interrupted turn winding down) are neither drawn nor
    saved into the new conversation; the next turn's are."""
    from types import SimpleNamespace

    from assistant.agent import TextDelta
    from assistant.voice.events import AgentUpdate, Problem, TurnFinished, UserSaid, VoiceTurn

    app = idle_app(settings, tmp_path)

    class Loop(SimpleNamespace):  # what a new conversation asks of the voice loop
        def interrupt(self):
            self.interrupted = True

        async def until_idle(self, timeout):
            return True

        def stop(self):
            pass

    async def scenario():
        async with app.run_test(size=SIZE) as pilot:
            await show(app, UserSaid("First question", 1, True))
            app.voice_loop = Loop(generation=1, echo=None, gate=SimpleNamespace(barge_in=False))
            await pilot.press("ctrl+n")
            await pilot.pause()
            assert app.voice_loop.interrupted and not app.query(UserTurn)
            screen = app.main_screen
            for late in (AgentUpdate(TextDelta("late words"), 1), Problem("late failure", 1),
                         TurnFinished(VoiceTurn(1, "First question", "late words", "", True))):
                await show(app, late)
            assert not screen.conversation.replies and not screen.session.turns
            assert not any("late failure" in str(n.render()) for n in app.query(Notice))
            await show(app, Problem("no audio from the default microphone for 3 s"))  # of no turn: always said
            assert any("no audio from" in str(n.render()) for n in app.query(Notice))
            await show(app, UserSaid("Second question", 2, True))
            await show(app, TurnFinished(VoiceTurn(2, "Second question", "An answer.", "An answer.", False)))
            [user] = app.query(UserTurn)
            assert user.text == "Second question" and [t.text for t in finished_turns(app)] == ["An answer."]
            assert [t["generation"] for t in screen.session.turns] == [2]

    asyncio.run(scenario())


def test_every_action_is_in_the_command_palette(settings, tmp_path):
    app = idle_app(settings, tmp_path)

    async def scenario():
        async with app.run_test(size=SIZE):
            titles = {c.title for c in app.get_system_commands(app.screen)}
            for title in ("Help", "Push-to-talk", "Mode: hands-free", "Mode: push-to-talk", "Mode: muted",
                          "Barge-in on/off", "Stop the reply", "New conversation", "Reopen a conversation",
                          "Audio devices", "Copy attachment to knowledge", "Side panel", "Theme"):
                assert title in titles, title
            [muted] = [c for c in app.get_system_commands(app.screen) if c.title == "Mode: muted"]
            muted.callback()
            assert app.main_screen.mode == "muted" and app.settings.tui.mode == "muted"

    asyncio.run(scenario())


def test_events_arriving_under_a_modal_screen_still_land_in_the_conversation(settings, tmp_path):
    from assistant.agent import TextDelta
    from assistant.tui.screens import HelpScreen
    from assistant.voice.events import AgentUpdate, Level, StateChanged, TurnFinished, UserSaid, VoiceTurn

    app = idle_app(settings, tmp_path)

    async def scenario():
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("f1")
            await pilot.pause()
            assert isinstance(app.screen, HelpScreen)
            for event in (StateChanged("hearing"), Level(0.1, 0.9), UserSaid("Are you there?", 1, True),
                          AgentUpdate(TextDelta("Yes."), 1),
                          TurnFinished(VoiceTurn(1, "Are you there?", "Yes.", "Yes.", False))):
                await show(app, event)
            app.main_screen.refresh_status()
            await pilot.press("escape")
            await pilot.pause()
            [user] = app.query(UserTurn)
            assert user.text == "Are you there?" and finished_turns(app)[0].text == "Yes."

    asyncio.run(scenario())


def test_a_typed_message_over_the_request_bound_is_kept_and_refused(settings, tmp_path):
    """Over MAX_REQUEST_CHARS (what `ask` and MCP refuse too): a notice, nothing sent, the text left to shorten."""
    from textual.widgets import Input

    from assistant.limits import MAX_REQUEST_CHARS
    from assistant.tui.conversation import Notice

    app = idle_app(settings, tmp_path)
    pasted = "harbour " * (MAX_REQUEST_CHARS // 8 + 1)

    async def scenario():
        async with app.run_test(size=SIZE) as pilot:
            box = app.query_one("#prompt", Input)
            box.value = pasted
            await pilot.press("enter")
            await pilot.pause()
            notices = [str(n.render()) for n in app.query(Notice)]
            assert any("too long to ask" in n for n in notices), notices
            assert not app.query(UserTurn) and not app.main_screen.waiting
            assert box.value == pasted

    asyncio.run(scenario())


def test_the_voice_panel_shows_echo_cancellation_and_the_echo_removed(settings, tmp_path):
    app = idle_app(settings, tmp_path)

    async def scenario():
        async with app.run_test(size=SIZE) as pilot:
            panel = app.query_one(VoicePanel)
            text = lambda: str(panel.mode_label.render())  # noqa: E731
            assert "echo cancellation: off" in text() and "barge-in: off (half-duplex)" in text()
            panel.set_mode("hands-free", True, echo_cancelled=True)
            await pilot.pause()
            assert "echo cancellation: on" in text() and "barge-in: on" in text() and "headphones" not in text()
            panel.set_echo(27.4)
            await pilot.pause()
            assert "echo cancellation: on, 27 dB removed" in text()
            panel.set_echo(0.0, heard=False)  # the microphone does not hear the speaker: left alone
            await pilot.pause()
            assert "echo cancellation: on, no echo heard (headphones?)" in text()
            panel.set_mode("hands-free", True, echo_cancelled=False)
            await pilot.pause()
            assert "barge-in: on (headphones)" in text()

    asyncio.run(scenario())


def test_the_side_panel_shows_the_other_mcp_servers_and_their_state(tmp_path):
    """A real SDK server and one whose program does not exist: the panel says which is connected (with its tools)
    and which failed, and why."""
    import sys
    from pathlib import Path

    from assistant.config import McpServerSettings
    from assistant.tui.panels import ServersPanel

    server = str(Path(__file__).resolve().parent / "mcp_test_server.py")
    settings = load_settings(knowledge_dir=tmp_path / "knowledge", data_dir=tmp_path / "data")
    settings.mcp_servers = {"files": McpServerSettings(command=sys.executable, args=[server]),
                            "calendar": McpServerSettings(command=str(tmp_path / "no-such-program"))}
    app = idle_app(settings, tmp_path)

    async def scenario():
        async with app.run_test(size=SIZE) as pilot:
            clients = app.runtime.mcp_clients
            assert clients is not None
            clients.start()
            await asyncio.to_thread(clients.wait_ready, 30)
            app.main_screen.refresh_status()
            await pilot.pause()
            lines = app.query_one(ServersPanel).lines
            assert lines[0].startswith("⚠ calendar: failed") and "no-such-program" in lines[0], lines
            assert lines[1].startswith("● files: connected, ") and "tools" in lines[1], lines
            clients.close()

    asyncio.run(scenario())


def test_f6_and_f7_answer_the_question_asked_before_a_tool_runs(settings, tmp_path):
    """While the assistant waits for a yes or no before running an external tool, F6 says yes and F7 no, as typing
    it would (a typed turn into the same loop); with nothing asked they send nothing."""
    from types import SimpleNamespace

    from assistant.agent.external_calls import PendingCall
    from assistant.contracts import ToolCall
    from assistant.voice.events import TurnFinished, UserSaid, VoiceTurn

    app = idle_app(settings, tmp_path)
    said: list[str] = []
    app.voice_loop = SimpleNamespace(state="listening", say_text=lambda text, images=None: said.append(text),
                                     echo=None, gate=SimpleNamespace(barge_in=False), stop=lambda: None)

    async def scenario():
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("f6")
            await pilot.pause()
            assert said == []  # nothing asked: nothing sent
            question = "Shall I run delete_note on the files server (name: 'notes.md')? Say yes or no."
            app.agent.pending = PendingCall(ToolCall("files.delete_note", {"name": "notes.md"}), question)
            await show(app, UserSaid("Delete notes.md", 1, False))
            await show(app, TurnFinished(VoiceTurn(1, "Delete notes.md", question, question, True)))
            assert any("F6: yes" in str(n.render()) for n in app.query(Notice))
            await pilot.press("f6")
            await pilot.pause()
            assert said == ["yes"] and [t.text for t in app.query(UserTurn)][-1] == "yes"
            await pilot.press("f7")
            await pilot.pause()
            assert said == ["yes", "no"]

    asyncio.run(scenario())
