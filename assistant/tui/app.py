"""The Textual app: a thin layer over the Runtime and the voice loop (the same objects `assistant voice` uses).

The window appears at once; models load in a background worker; then the voice loop runs in the app's
own event loop and its events (`voice/events.py`) are drawn as they come. Typed questions go into the
same loop (`VoiceLoop.say_text`), so spoken and typed turns share one conversation and one agent.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import App, ComposeResult, SystemCommand
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Footer, Header, Input, Markdown

from ..config import Mode
from ..limits import MAX_REQUEST_CHARS
from ..voice.events import (OVERHEARD, AgentUpdate, Interrupted, Level, Overheard, Problem, StateChanged,
                            TurnFinished, UserSaid, VoiceEvent)
from .actions import ACTIONS, bindings
from .attachments import Attachment, as_attachment, copy_into
from .audio_setup import AudioEnds, open_devices, play_from
from .conversation import AssistantTurn, Conversation, Notice, UserTurn
from .panels import KnowledgePanel, LatencyPanel, StatusLine, VoicePanel, gpu_memory
from .screens import DevicesScreen, HelpScreen, SessionsScreen
from .sessions import SessionStore
from .settings_file import save_setting

if TYPE_CHECKING:
    from ..runtime import Runtime
    from ..voice.loop import VoiceLoop

MODES: tuple[Mode, ...] = ("hands-free", "push-to-talk", "muted")


class VoiceEventMessage(Message):
    def __init__(self, event: VoiceEvent):
        super().__init__()
        self.event = event


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
        self.start = start
        self.watch_knowledge = watch_knowledge
        self.agent = runtime.agent()
        self.voice_loop: VoiceLoop | None = None
        self.audio: AudioEnds | None = None
        self.mode = self.settings.tui.mode
        self.sessions = SessionStore(self.settings.data_dir / "sessions")
        self.session = self.sessions.new()
        self.attachments: list[Attachment] = []
        self.waiting: list[tuple[str, list[Attachment]]] = []  # typed before the models were ready
        self.status_note = ""
        self.links: list[tuple[Path, int | None, float | None]] = []  # clickable citations, by index
        self.opened: list[tuple[Path, float | None]] = []  # citations opened: (file, page or moment)
        self._stop_watch = threading.Event()
        self._shutting_down = False
        self._runner: asyncio.Task | None = None  # the voice loop's run()
        self._ignore_below = 0  # events of turns before this generation are not drawn (new conversation)

    # -- layout ---------------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        # Kept as attributes: they are updated while a modal screen (help, history) is on top, where
        # `query_one` would look in the modal screen instead.
        self.conversation = Conversation(self.settings.knowledge_dir, self.link_to, id="conversation")
        self.voice_panel, self.latency_panel, self.knowledge_panel = VoicePanel(), LatencyPanel(), KnowledgePanel()
        self.status_line = StatusLine()
        self.prompt = Input(placeholder="Type a question, or speak. A file path attaches it.", id="prompt")
        yield Header(show_clock=False)
        with Horizontal(id="main"):
            yield self.conversation
            with Vertical(id="side") as self.side:
                yield self.voice_panel
                yield self.latency_panel
                yield self.knowledge_panel
        yield self.status_line
        yield self.prompt
        yield Footer()

    def on_mount(self) -> None:
        self.theme = self.settings.tui.theme if self.settings.tui.theme in self.available_themes else "textual-dark"
        self.side.display = self.settings.tui.show_panel
        self._show_mode()
        self.prompt.focus()
        self.refresh_status()
        self.set_interval(2.0, self.refresh_status)
        if self.start:
            self.start_up()

    def watch_theme(self, theme: str) -> None:
        if self.is_running and theme != self.settings.tui.theme:
            self.settings.tui.theme = theme
            self._save("tui", "theme", theme)

    # -- start-up (background) --------------------------------------------------------------------------
    @work(group="voice")
    async def start_up(self) -> None:
        conversation = self.conversation
        previous = self.voice_loop
        if previous is not None:  # a restart (new devices): the old loop winds down first
            previous.stop()
            if self.audio is not None:
                self.audio.close()
            if self._runner is not None:
                await asyncio.wait([self._runner], timeout=15)
            self.voice_loop = None
        try:
            await asyncio.to_thread(self.runtime.load_voice_models, self._loading)
            self._note("")
            tts = self.runtime.manager.get("tts")
            self.audio = await asyncio.to_thread(self.open_audio, self.settings.voice, tts.sample_rate,
                                                lambda message: self._on_voice_event(Problem(message)))
            for notice in self.audio.notices:
                conversation.add(Notice(notice, "warning"))
            self.voice_loop = await asyncio.to_thread(
                self.runtime.voice_loop, self.audio.player, self._on_voice_event, agent=self.agent,
                first_generation=previous.generation + 1 if previous is not None else 1, echo=self.audio.echo)
        except Exception as exc:  # a missing model: say which and how to get it; the window stays
            conversation.add(Notice(f"Cannot start: {exc}", "error"))
            self.voice_panel.set_state("stopped")
            return
        self._apply_mode()
        self.voice_panel.set_devices(self._device_text())
        if self.watch_knowledge:
            self.watch_folder()
        loop = self.voice_loop
        assert loop is not None and self.audio is not None
        runner = self._runner = asyncio.create_task(loop.run(self.audio.frames, paced=True))
        await asyncio.sleep(0)
        for text, attachments in self.waiting:
            self._send(text, attachments)
        self.waiting.clear()
        await runner

    @property
    def turn_widgets(self) -> dict[int, AssistantTurn]:
        """The reply widgets of this conversation, by generation."""
        return self.conversation.replies

    def _loading(self, role: str) -> None:
        """Progress of the background model loading (in its thread); stops it when the app has closed."""
        if self._shutting_down:
            raise asyncio.CancelledError("the app closed while models were loading")
        self.call_from_thread(self._note, f"loading {role} model…")

    def _on_voice_event(self, event: VoiceEvent) -> None:
        if not self._shutting_down:
            self.post_message(VoiceEventMessage(event))

    def _note(self, text: str) -> None:
        self.status_note = text
        self.refresh_status()

    def refresh_status(self) -> None:
        if self._shutting_down or not self.status_line.is_attached:
            return
        self.status_line.show(self.settings.profile, self.runtime.manager.loaded(), gpu_memory(), self.status_note)
        if self.voice_loop is not None and self.voice_loop.echo is not None:
            stats = self.voice_loop.echo.stats()
            self.voice_panel.set_echo(stats.erle_db, stats.echo_heard)

    # -- the voice loop's events -------------------------------------------------------------------------
    async def on_voice_event_message(self, message: VoiceEventMessage) -> None:
        if not self._shutting_down and self.conversation.is_attached and self.voice_panel.is_attached:
            await self.show_event(message.event)  # (not while the app is being taken down)

    async def show_event(self, event: VoiceEvent) -> None:
        """Draw one voice-loop event (also how tests put the app in a given state)."""
        generation = event.turn.generation if isinstance(event, TurnFinished) else getattr(event, "generation", None)
        if generation is not None and generation < self._ignore_below:
            return  # a turn from before "new conversation"
        conversation = self.conversation
        panel = self.voice_panel
        if isinstance(event, Level):
            panel.add_level(event.rms)
        elif isinstance(event, StateChanged):
            panel.set_state(event.state)
        elif isinstance(event, UserSaid):
            if event.spoken:
                conversation.add(UserTurn(event.text, spoken=True))
            await conversation.reply(event.generation)
        elif isinstance(event, AgentUpdate):
            await conversation.agent_update(event.event, event.generation)
        elif isinstance(event, Interrupted):
            (await conversation.reply(event.generation)).mark_interrupted(event.heard)
        elif isinstance(event, Overheard) and event.text:
            conversation.add(Notice(f"Heard over the reply, not answered ({OVERHEARD[event.why]}): {event.text}"))
        elif isinstance(event, Problem):
            conversation.add(Notice(event.message, "error"))
        elif isinstance(event, TurnFinished):
            turn = event.turn
            self.session.turns.append(turn.to_dict())
            self.session.history = self.agent.history
            try:
                self.sessions.save(self.session)
            except OSError as exc:
                self.notify(f"Cannot save the conversation: {exc}", severity="error")
            if not turn.typed:
                self.latency_panel.add_turn(turn.generation, turn.latency)
            widget = await conversation.reply(turn.generation)
            await widget.finish(turn.reply, turn.interrupted, turn.spoken)

    # -- typing ---------------------------------------------------------------------------------------------
    @on(Input.Submitted, "#prompt")
    def submitted(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        event.input.value = ""
        if not text:
            return
        conversation = self.conversation
        if len(text) > MAX_REQUEST_CHARS:  # kept in the box to shorten, as `ask` and MCP refuse it too
            event.input.value = event.value
            conversation.add(Notice(f"That is too long to ask ({len(text):,} characters; at most "
                                    f"{MAX_REQUEST_CHARS:,}): shorten it, or save it in the knowledge folder and ask about it.",
                                    "error"))
            return
        attachment = as_attachment(text, self.settings.max_image_pixels)
        if attachment is not None:
            if attachment.problem:
                conversation.add(Notice(attachment.problem, "error"))
                return
            self.attachments.append(attachment)
            conversation.add(Notice(f"Attached {attachment.path.name} to your next question. "
                                    "Ctrl+S copies it into the knowledge folder.", "info"))
            return
        attachments, self.attachments = self.attachments, []
        conversation.add(UserTurn(text, spoken=False, attachments=[a.path for a in attachments]))
        if self.voice_loop is None or self.voice_loop.state == "stopped":
            self.waiting.append((text, attachments))
            if self.start:
                self._note("your question will be answered once the models are loaded")
            return
        self._send(text, attachments)

    def _send(self, text: str, attachments: list[Attachment]) -> None:
        assert self.voice_loop is not None, "the loop runs before anything is sent"
        context = "".join(a.text_context for a in attachments)
        images = [a.path for a in attachments if a.is_image]
        self.voice_loop.say_text(text + context, images or None)

    # -- actions --------------------------------------------------------------------------------------------
    def action_help(self) -> None:
        self.push_screen(HelpScreen())

    def action_interrupt(self) -> None:
        if self.voice_loop is not None:
            self.voice_loop.interrupt()

    def action_push_to_talk(self) -> None:
        if self.voice_loop is None:
            return
        if self.mode != "push-to-talk":
            self.notify("Push-to-talk is off: F2 switches the mode", severity="warning")
            return
        talking = not self.voice_loop.listening
        self.voice_loop.set_listening(talking, end_turn=True)
        self._show_mode("push-to-talk (talking)" if talking else "push-to-talk")

    def action_cycle_mode(self) -> None:
        self.set_mode(MODES[(MODES.index(self.mode) + 1) % len(MODES)])

    def set_mode(self, mode: Mode) -> None:
        self.mode = mode
        self.settings.tui.mode = mode
        self._apply_mode()
        self._save("tui", "mode", mode)

    def _apply_mode(self) -> None:
        if self.voice_loop is not None:
            self.voice_loop.set_listening(self.mode == "hands-free", end_turn=False)
        self._show_mode()

    def _show_mode(self, mode: str | None = None) -> None:
        loop = self.voice_loop
        barge_in = loop.gate.barge_in if loop is not None else bool(self.settings.voice.barge_in)
        self.voice_panel.set_mode(mode or self.mode, barge_in, loop is not None and loop.echo is not None)

    def action_toggle_barge_in(self) -> None:
        voice = self.settings.voice
        loop = self.voice_loop
        voice.barge_in = not (loop.gate.barge_in if loop is not None else bool(voice.barge_in))
        if loop is not None:
            loop.voice.barge_in = voice.barge_in
        self._show_mode()
        self._save("voice", "barge_in", voice.barge_in)

    async def action_new_conversation(self) -> None:
        await self._settle()
        self.agent.reset()
        self.session = self.sessions.new()
        self.conversation.clear()
        self.latency_panel.clear()

    async def _settle(self) -> None:
        """Stop the turn in progress and wait until it has finished with the history, so that what
        follows (a new or reopened conversation) starts clean; its late events are ignored."""
        loop = self.voice_loop
        if loop is None:
            return
        loop.interrupt()
        await loop.until_idle(timeout=15)
        self._ignore_below = loop.generation + 1

    def action_open_session(self) -> None:
        def reopen(session_id: str | None) -> None:
            if session_id:
                self.run_worker(self.reopen(session_id))

        self.push_screen(SessionsScreen(self.sessions.list()), reopen)

    async def reopen(self, session_id: str) -> None:
        session = self.sessions.load(session_id)
        await self.action_new_conversation()
        self.session = session
        self.agent.history[:] = session.history
        self.conversation.show_saved(session.turns)

    def action_devices(self) -> None:
        from ..audio.devices import audio_devices

        inputs, outputs, problem = audio_devices()
        if not inputs and not outputs:
            problem = problem or "No audio devices on this machine: typing still works."
        voice = self.settings.voice
        self.push_screen(DevicesScreen(inputs, outputs, voice.input_device, voice.output_device, problem),
                         self._devices_chosen)

    def _devices_chosen(self, choice) -> None:
        if choice is None:
            return
        voice = self.settings.voice
        voice.input_device, voice.output_device = choice
        self._save("voice", "input_device", choice[0])
        self._save("voice", "output_device", choice[1])
        self.start_up()  # reopens the devices and runs a new loop, keeping the conversation

    def action_copy_to_knowledge(self) -> None:
        if not self.attachments:
            self.notify("Nothing attached: type or paste a file's path first")
            return
        try:
            target = copy_into(self.settings.knowledge_dir, self.attachments[-1].path)
        except OSError as exc:
            self.notify(f"Cannot copy it into the knowledge folder: {exc}", severity="error")
            return
        self.notify(f"Copied to {target}: it will be indexed")

    def action_toggle_panel(self) -> None:
        side = self.side
        side.display = not side.display
        self.settings.tui.show_panel = bool(side.display)
        self._save("tui", "show_panel", bool(side.display))

    def on_markdown_link_clicked(self, event: Markdown.LinkClicked) -> None:
        self.open_url(event.href)

    def link_to(self, path: Path, page: int | None, moment: float | None = None) -> str:
        """Markup that opens `path` (at `page`, or a recording at `moment` s) when clicked: a clickable span's
        opening tag."""
        self.links.append((Path(path), page, moment))
        return f"[@click=app.open_link({len(self.links) - 1})]"

    def action_open_link(self, index: int) -> None:
        """Open a cited file with the system's viewer (a PDF at its page where the viewer takes #page=); a
        recording cited at a moment plays from there when there is a speaker."""
        path, page, moment = self.links[index]
        self.opened.append((path, page if moment is None else moment))
        if not path.exists():
            self.notify(f"{path} no longer exists", severity="error")
            return
        player = self.audio.player if self.audio is not None else None
        if moment is not None and player is not None:
            self.run_worker(lambda: play_from(player, path, moment), thread=True, group="clip", exclusive=True)
            return
        self.open_url(path.resolve().as_uri() + (f"#page={page}" if page else ""))

    def get_system_commands(self, screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        for action in ACTIONS:
            if action.palette:
                yield SystemCommand(*action.palette, getattr(self, f"action_{action.action}"))
        for mode in MODES:
            yield SystemCommand(f"Mode: {mode}", f"Listen {mode}", lambda m=mode: self.set_mode(m))

    # -- knowledge folder --------------------------------------------------------------------------------
    def watch_folder(self) -> None:
        self.knowledge_panel.watch_folder(self.runtime.knowledge, self._stop_watch,
                                   lambda message: self.conversation.add(Notice(message, "error")))

    # -- helpers -----------------------------------------------------------------------------------------
    def _device_text(self) -> str:
        voice = self.settings.voice
        if self.audio is None:
            return ""
        mic = "none" if self.audio.frames is None else (voice.input_device or "default")
        speaker = "none" if self.audio.player is None else (voice.output_device or "default")
        return f"mic: {mic}\nspeaker: {speaker}"

    def _save(self, section: str, key: str, value) -> None:
        try:
            save_setting(self.config_path, section, key, value)
        except OSError as exc:
            self.notify(f"Cannot save the setting to {self.config_path}: {exc}", severity="error")

    async def action_quit(self) -> None:
        self._shutting_down = True
        await super().action_quit()

    async def on_unmount(self) -> None:
        self._shutting_down = True
        self._stop_watch.set()
        if self.voice_loop is not None:
            self.voice_loop.stop()
        if self.audio is not None:
            self.audio.close()
