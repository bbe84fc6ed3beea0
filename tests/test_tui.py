"""The Textual app through `run_test` + Pilot, driving the real Runtime, agent and voice loop.

Audio comes from speech files on a scripted timeline (tests/voice_script.py) and goes to a simulated
speaker; the chat model is the real embedded one, or the scripted OpenAI-compatible server where a test
needs a particular tool call; image generation and vision use tiny random models built here.
"""

from __future__ import annotations

import asyncio
import threading
import time

import numpy as np
import pytest
import tiny_models
from PIL import Image
from scripted_llm import call_reply, serve, text_reply
from speech import wer
from tui_pilot import SIZE, finished_turns, wait_for
from textual.widgets import Input
from voice_script import Timeline, piper_speech

from assistant.audio.player import SimulatedSpeaker
from assistant.config import load_settings
from assistant.runtime import Runtime
from assistant.tui.app import AssistantApp
from assistant.tui.audio_setup import AudioEnds
from assistant.tui.conversation import ImageRow, Notice, ToolCallRow, UserTurn
from assistant.tui.panels import VoicePanel

def no_devices(voice, sample_rate, report=None):
    return AudioEnds(None, None, ["No microphone: test machine. Typing still works."])


@pytest.fixture
def settings(tmp_path):
    return load_settings(knowledge_dir=tmp_path / "knowledge", data_dir=tmp_path / "data")


# -- typing, with the real embedded model and this machine's (missing) audio devices --------------------

@pytest.mark.slow
def test_typed_question_streams_a_reply_and_no_audio_device_is_a_notice(settings, manager, tmp_path):
    from assistant.audio.devices import input_devices
    from assistant.errors import DeviceUnavailable

    try:
        has_devices = bool(input_devices())
    except DeviceUnavailable:
        has_devices = False
    if has_devices:
        pytest.skip("this machine has audio devices")
    app = AssistantApp(Runtime(settings, manager), tmp_path / "config.toml", watch_knowledge=False)

    async def scenario():
        async with app.run_test(size=SIZE) as pilot:
            await wait_for(pilot, lambda: app.voice_loop is not None and app.voice_loop.state != "stopped",
                           what="models loaded")
            notices = [str(n.render()) for n in app.query(Notice)]
            assert any("No microphone" in n for n in notices) and any("No speaker" in n for n in notices)
            shown = []  # the reply's text as drawn after each message the screen handled, until it is finished
            screen = app.main_screen

            def recording(message):
                reply = screen.conversation.replies.get(1)
                if reply is not None and not reply.finished:
                    shown.append(reply.text)

            screen.message_signal.subscribe(screen, recording, immediate=True)
            app.query_one("#prompt", Input).value = "What is the capital of France?"
            await pilot.press("enter")
            await wait_for(pilot, lambda: finished_turns(app), what="the reply")
            seen = set(shown)
            [user] = app.query(UserTurn)
            assert user.text == "What is the capital of France?" and not user.spoken
            [reply] = finished_turns(app)
            assert "paris" in reply.text.lower()
            assert len({t for t in seen if t}) >= 2, seen  # it grew piece by piece: streamed
            assert (settings.data_dir / "sessions").is_dir()  # the conversation was saved

    asyncio.run(scenario())


# -- tool rows and a generated image, the model scripted over the OpenAI-compatible API -----------------

@pytest.fixture(scope="module")
def tiny_dirs(tmp_path_factory):
    return {"image_gen": tiny_models.build_tiny_diffusion(tmp_path_factory.mktemp("tui-sd")),
            "vlm": tiny_models.build_tiny_vlm(tmp_path_factory.mktemp("tui-vlm"), "qwen3_vl")}


@pytest.fixture
def scripted_app(tmp_path, tiny_dirs):
    with serve() as scripted:
        settings = load_settings(knowledge_dir=tmp_path / "knowledge", data_dir=tmp_path / "data", models={
            "llm": {"source": scripted.url, "backend": "openai", "options": {"model": "scripted-model"}},
            "image_gen": str(tiny_dirs["image_gen"]), "vlm": str(tiny_dirs["vlm"])})
        (tmp_path / "knowledge").mkdir()
        app = AssistantApp(Runtime(settings), tmp_path / "config.toml", open_audio=no_devices, watch_knowledge=False)
        yield app, scripted


def test_tool_call_row_expands_and_the_generated_image_appears(scripted_app):
    app, scripted = scripted_app
    scripted.replies += [call_reply(("generate_image", {"prompt": "a red apple", "width": 64, "height": 64,
                                                        "steps": 1})),
                         text_reply("Here ", "is your ", "red apple.")]

    async def scenario():
        async with app.run_test(size=SIZE) as pilot:
            await wait_for(pilot, lambda: app.voice_loop is not None, what="start-up")
            app.query_one("#prompt", Input).value = "Draw a red apple"
            await pilot.press("enter")
            await wait_for(pilot, lambda: finished_turns(app), what="the reply")
            [row] = app.query(ToolCallRow)
            assert row.name_ == "generate_image" and row.collapsed and not row.result.is_error
            assert "generate_image" in str(row.title) and "s)" in str(row.title)
            await pilot.pause()  # laid out before it is clicked
            await pilot.click(row.query_one("CollapsibleTitle"))
            await wait_for(pilot, lambda: not row.collapsed, timeout=5, what="the row to expand")
            assert "a red apple" in str(row.query_one(".tool-arguments").render())
            [image] = app.query(ImageRow)
            assert image.path.is_file() and image.path.is_relative_to(app.settings.generated_dir)
            assert Image.open(image.path).size == (64, 64)
            assert "red apple" in finished_turns(app)[0].text

    asyncio.run(scenario())


def test_attached_image_goes_with_the_next_question_and_can_be_kept(scripted_app, tmp_path):
    app, scripted = scripted_app
    photo = tmp_path / "holiday photo.png"
    Image.fromarray(np.random.default_rng(3).integers(0, 255, (48, 64, 3), dtype=np.uint8)).save(photo)
    scripted.replies += [text_reply("It is a noisy picture.")]

    async def scenario():
        async with app.run_test(size=SIZE) as pilot:
            await wait_for(pilot, lambda: app.voice_loop is not None, what="start-up")
            app.query_one("#prompt", Input).value = f"'{photo}'"  # pasted paths come quoted
            await pilot.press("enter")
            await pilot.pause()
            assert [a.path for a in app.main_screen.attachments] == [photo]
            assert any("Attached holiday photo.png" in str(n.render()) for n in app.query(Notice))
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert (app.settings.knowledge_dir / "holiday photo.png").read_bytes() == photo.read_bytes()
            app.query_one("#prompt", Input).value = "What is in this picture?"
            await pilot.press("enter")
            await wait_for(pilot, lambda: finished_turns(app), what="the reply")
            [row] = app.query(ToolCallRow)  # the text-only model had the VLM look at it first
            assert row.name_ == "describe_image" and not row.result.is_error
            [user] = app.query(UserTurn)
            assert "holiday photo.png" in str(user.render())
            sent = scripted.requests[-1]["body"]["messages"][-1]["content"]
            assert "Attached image 1" in sent and "What is in this picture?" in sent
            assert not app.main_screen.attachments

            bad = tmp_path / "notes.docx"
            bad.write_bytes(b"PK\x03\x04 not really")
            app.query_one("#prompt", Input).value = str(bad)
            await pilot.press("enter")
            await pilot.pause()
            assert any("Cannot attach notes.docx" in str(n.render()) for n in app.query(Notice))

    asyncio.run(scenario())


# -- speech: push-to-talk and barge-in from files ----------------------------------------------------------

def _speech_app(settings, manager, tmp_path, script: Timeline, **voice):
    players = []

    def open_audio(voice_settings, sample_rate, report=None):
        player = SimulatedSpeaker(sample_rate)
        players.append(player)
        return AudioEnds(script.frames(), player, [], player.close)

    for key, value in voice.items():
        setattr(settings.voice, key, value)
    app = AssistantApp(Runtime(settings, manager), tmp_path / "config.toml", open_audio=open_audio,
                       watch_knowledge=False)
    script.app = app
    return app, players


@pytest.mark.slow
def test_push_to_talk_from_a_speech_file_gives_a_spoken_turn_and_a_reply(settings, manager, tmp_path):
    settings.tui.mode = "push-to-talk"
    speak = piper_speech(manager)
    script = Timeline()
    app, _ = _speech_app(settings, manager, tmp_path, script)
    script.silence(0.3).speak(speak("This should not be heard at all.")).silence(0.5).mark("ignored") \
        .wait_until(lambda: app.voice_loop is not None and app.voice_loop.listening) \
        .speak(speak("What is the capital of France?")).silence(0.2).mark("asked") \
        .wait_until(lambda: not app.voice_loop.listening).silence(30)

    async def scenario():
        async with app.run_test(size=SIZE) as pilot:
            await wait_for(pilot, lambda: app.voice_loop is not None and app.voice_loop.state != "stopped",
                           what="start-up")
            assert not app.voice_loop.listening  # push-to-talk: closed until the key
            await wait_for(pilot, lambda: "ignored" in script.marks, what="a sentence into a closed microphone")
            await pilot.press("ctrl+t")
            assert app.voice_loop.listening
            await wait_for(pilot, lambda: "asked" in script.marks, what="the question")
            await pilot.press("ctrl+t")  # released: answered without waiting for more silence
            await wait_for(pilot, lambda: finished_turns(app), what="the reply")
            [user] = app.query(UserTurn)
            assert user.spoken and wer("What is the capital of France?", user.text) <= 0.2, user.text
            assert "paris" in finished_turns(app)[0].text.lower()
            assert app.query_one(VoicePanel).mode == "push-to-talk"

    asyncio.run(scenario())


@pytest.mark.slow
def test_barge_in_from_a_file_stops_playback_and_marks_the_reply(settings, manager, tmp_path):
    speak = piper_speech(manager)
    script = Timeline()
    app, players = _speech_app(settings, manager, tmp_path, script, barge_in=True)

    def playing() -> bool:
        return bool(players) and (players[0].playback(1).first_audio_at or 1e18) < time.perf_counter() - 1.0

    script.silence(0.5).speak(speak("Explain how a bicycle works.")) \
        .wait_until(playing).speak(speak("Stop, please.")).silence(20)

    async def scenario():
        async with app.run_test(size=SIZE) as pilot:
            replies = app.main_screen.conversation.replies  # by generation
            await wait_for(pilot, lambda: len(finished_turns(app)) >= 1 and replies[1].interrupted,
                           timeout=180, what="the interruption")
            first = replies[1]
            assert first.query(".interrupted-note")
            playback = players[0].playback(1)
            assert playback.stopped_at is not None
            assert app.agent.history[1]["content"].endswith("[interrupted by the user]")

    asyncio.run(scenario())


# -- start-up --------------------------------------------------------------------------------------------

def test_window_appears_at_once_while_models_load(tmp_path):
    settings = load_settings(knowledge_dir=tmp_path / "k", data_dir=tmp_path / "d")
    ready = threading.Event()  # start-up is held here (after the models, before the audio) until the test says

    def held_devices(voice, sample_rate, report=None):
        ready.wait(60)
        return no_devices(voice, sample_rate)

    app = AssistantApp(Runtime(settings), tmp_path / "config.toml", open_audio=held_devices, watch_knowledge=False)

    async def scenario():
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert app.voice_loop is None  # the window is up while start-up goes on in the background
            assert app.query_one("#prompt", Input).has_focus
            await wait_for(pilot, lambda: "loading" in str(app.query_one("#status-line").render()), timeout=10)
            app.query_one("#prompt", Input).value = "hello"
            await pilot.press("enter")  # typed before the loop is ready: kept, answered later
            waiting = app.main_screen.waiting
            assert waiting and waiting[0][0] == "hello"
            ready.set()
            await wait_for(pilot, lambda: app.voice_loop is not None and not waiting, timeout=120,
                           what="the kept question to be sent")

    asyncio.run(scenario())


def test_a_failed_start_is_said_and_the_same_devices_chosen_again_retry_it(tmp_path):
    """The microphone is taken by another program: "Cannot start" is shown and the window stays; choosing the same
    devices again in the settings dialog (F5) tries once more."""
    settings = load_settings(knowledge_dir=tmp_path / "k", data_dir=tmp_path / "d")
    tries = []

    def taken_devices(voice, sample_rate, report=None):
        tries.append(1)
        raise OSError("the microphone is in use by another program")

    app = AssistantApp(Runtime(settings), tmp_path / "config.toml", open_audio=taken_devices, watch_knowledge=False)

    async def scenario():
        async with app.run_test(size=SIZE) as pilot:
            await wait_for(pilot, lambda: tries and not app.running, timeout=120, what="the first start to fail")
            said = [str(n.render()) for n in app.query(Notice)]
            assert any("Cannot start" in text and "in use" in text for text in said), said
            await pilot.press("f5")
            await pilot.pause()
            await pilot.click("#save")
            await wait_for(pilot, lambda: len(tries) == 2 and not app.running, timeout=60, what="a second try")

    asyncio.run(scenario())


@pytest.mark.slow
def test_knowledge_panel_shows_indexing_and_bad_files(manager, tmp_path):
    root = tmp_path / "knowledge"
    root.mkdir()
    (root / "birds.md").write_text("# Birds\n\nEmperor penguins huddle through the Antarctic winter.\n")
    (root / "broken.pdf").write_bytes(b"this is not a PDF at all")
    settings = load_settings(knowledge_dir=root, data_dir=tmp_path / "data")
    app = AssistantApp(Runtime(settings, manager), tmp_path / "config.toml", open_audio=no_devices)
    from assistant.tui.panels import KnowledgePanel

    async def scenario():
        async with app.run_test(size=SIZE) as pilot:
            panel = app.query_one(KnowledgePanel)
            count = app.query_one("#knowledge-count")
            await wait_for(pilot, lambda: "1 files indexed" in str(count.render()), timeout=180,
                           what="the first index")
            assert [p["file"] for p in panel.problems] == ["broken.pdf"]
            assert "broken.pdf" in str(app.query_one("#knowledge-problems").render())
            (root / "bread.md").write_text("Bake the sourdough at 230 degrees.\n")  # the watcher sees it
            await wait_for(pilot, lambda: "2 files indexed" in str(count.render()), timeout=60,
                           what="the watcher")
            assert "1 added" in str(app.query_one("#knowledge-activity").render())

    asyncio.run(scenario())
