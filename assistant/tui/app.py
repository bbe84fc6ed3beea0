"""The Textual app: start-up and the screen stack, over the Runtime and the voice loop (the same objects
`assistant voice` uses).

The window (the conversation screen, conversation_screen.py) appears at once; models load in a background
worker; then the voice loop runs in the app's own event loop, and each of its events (`voice/events.py`) goes to
the conversation screen as its typed message (messages.py).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import work
from textual.app import App, SystemCommand
from textual.screen import Screen

from ..config_file import save_setting
from ..voice.events import Problem, VoiceEvent
from .actions import ACTIONS, MODES, bindings
from .audio_setup import AudioEnds, open_devices
from .conversation_screen import ConversationScreen
from .messages import message_for
from .screens import HelpScreen

if TYPE_CHECKING:
    from ..runtime import Runtime
    from ..voice.loop import VoiceLoop


class AssistantApp(App):
    TITLE = "spark-assistant"
    CSS_PATH = "app.tcss"
    BINDINGS = bindings()  # type: ignore[assignment]  # Textual declares a list of a wider type

    def __init__(self, runtime: Runtime, config_path: Path | str, *,
                 open_audio: Callable[..., AudioEnds] = open_devices,
                 start: bool = True, watch_knowledge: bool = True):
        super().__init__()
        self.runtime = runtime
        self.settings = runtime.settings
        self.config_path = Path(config_path)
        self.open_audio = open_audio
        self.start = start  # False: no models, no audio (tests of the screens)
        self.watch_knowledge = watch_knowledge
        self.agent = runtime.agent()
        self.voice_loop: VoiceLoop | None = None
        self.audio: AudioEnds | None = None
        self.shutting_down = False
        self._runner: asyncio.Task | None = None  # the voice loop's run()
        self.main_screen = ConversationScreen(self.settings)

    def get_default_screen(self) -> Screen:
        return self.main_screen  # the bottom of the screen stack; the dialogs go on top of it

    def on_mount(self) -> None:
        self.theme = self.settings.tui.theme if self.settings.tui.theme in self.available_themes else "textual-dark"

    def on_conversation_screen_ready(self) -> None:
        if self.start:
            self.start_up()

    def watch_theme(self, theme: str) -> None:
        if self.is_running and theme != self.settings.tui.theme:
            self.settings.tui.theme = theme
            self.save_setting("tui", "theme", theme)

    # -- start-up (background) --------------------------------------------------------------------------
    @work(group="voice")
    async def start_up(self) -> None:
        """Load the models, open the audio, run the voice loop. Again (new devices): the old loop winds down
        first, and the conversation goes on."""
        screen = self.main_screen
        previous = self.voice_loop
        if previous is not None:
            previous.stop()
            if self.audio is not None:
                self.audio.close()
            if self._runner is not None:
                await asyncio.wait([self._runner], timeout=15)
            self.voice_loop = None
        try:
            await asyncio.to_thread(self.runtime.load_voice_models, self._loading)
            screen.note("")
            tts = self.runtime.manager.get("tts")
            self.audio = await asyncio.to_thread(self.open_audio, self.settings.voice, tts.sample_rate,
                                                lambda message: self.post_voice_event(Problem(message)))
            for notice in self.audio.notices:
                screen.notice(notice, "warning")
            self.voice_loop = await asyncio.to_thread(
                self.runtime.voice_loop, self.audio.player, self.post_voice_event, agent=self.agent,
                first_generation=previous.generation + 1 if previous is not None else 1, echo=self.audio.echo)
        except Exception as exc:  # a missing model: say which and how to get it; the window stays
            screen.notice(f"Cannot start: {exc}", "error")
            screen.voice_panel.set_state("stopped")
            return
        screen.loop_started()
        if self.watch_knowledge:
            screen.watch_folder()
        loop, audio = self.voice_loop, self.audio
        runner = self._runner = asyncio.create_task(loop.run(audio.frames, paced=True))
        await asyncio.sleep(0)
        screen.send_waiting()
        await runner

    @property
    def running(self) -> bool:
        """The start-up worker is loading, or its voice loop runs (False: it failed, or has not begun)."""
        return any(worker.group == "voice" and worker.is_running for worker in self.workers)

    def _loading(self, role: str) -> None:
        """Progress of the background model loading (in its thread); stops it when the app has closed."""
        if self.shutting_down:
            raise asyncio.CancelledError("the app closed while models were loading")
        self.call_from_thread(self.main_screen.note, f"loading {role} model…")

    def post_voice_event(self, event: VoiceEvent) -> None:
        """The voice loop's callback (in the app's event loop, or a microphone's thread): the event goes to the
        conversation screen as its message."""
        if not self.shutting_down:
            self.main_screen.post_message(message_for(event))

    def save_setting(self, section: str, key: str, value: Any) -> None:
        """Write a setting changed in the app back to the config file."""
        try:
            save_setting(self.config_path, section, key, value)
        except OSError as exc:
            self.notify(f"Cannot save the setting to {self.config_path}: {exc}", severity="error")

    # -- the screen stack ------------------------------------------------------------------------------
    def action_help(self) -> None:
        self.push_screen(HelpScreen())

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        for action in ACTIONS:
            if action.palette:
                owner = self if action.app else self.main_screen
                yield SystemCommand(*action.palette, getattr(owner, f"action_{action.action}"))
        for mode in MODES:
            yield SystemCommand(f"Mode: {mode}", f"Listen {mode}", partial(self.main_screen.set_mode, mode))

    async def action_quit(self) -> None:
        self.shutting_down = True
        await super().action_quit()

    async def on_unmount(self) -> None:
        self.shutting_down = True
        if self.voice_loop is not None:
            self.voice_loop.stop()
        if self.audio is not None:
            self.audio.close()
