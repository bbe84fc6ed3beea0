"""The conversation screen: the conversation, the side panels, the status line and the prompt.

It draws the voice loop's messages (messages.py) as the app posts them, sends what is typed into the same loop
(`VoiceLoop.say_text`), so spoken and typed turns share one conversation and one agent, and does what the keys
of actions.py ask: listening mode, barge-in, a new or reopened conversation, the settings dialog, citations.
"""

from __future__ import annotations

import threading
from collections.abc import Awaitable, Callable
from functools import wraps
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar, cast

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Header, Input

from ..config import Mode, Settings
from ..limits import MAX_REQUEST_CHARS
from ..voice.events import OVERHEARD
from .attachments import Attachment, as_attachment, copy_into
from .audio_setup import play_from
from .conversation import Conversation, Notice, UserTurn
from .messages import (AgentUpdated, LevelMeasured, LoopStateChanged, ProblemReported, ReplyInterrupted,
                       ReplyTextArrived, SpeechOverheard, ToolCallBegan, ToolCallEnded, TurnEnded, UserSpoke,
                       VoiceMessage)
from .panels import KnowledgePanel, LatencyPanel, ServersPanel, StatusLine, VoicePanel, gpu_memory
from .screens import SessionsScreen
from .sessions import SessionStore
from .listening import ListeningControls

if TYPE_CHECKING:
    from .app import AssistantApp

M = TypeVar("M", bound=VoiceMessage)
Handler = Callable[["ConversationScreen", M], Awaitable[None]]


def drawn(handler: Handler[M]) -> Handler[M]:
    """A handler of the voice loop's messages, skipped while the app closes and for the turns from before a new
    conversation (still winding down when it was asked for)."""

    @wraps(handler)
    async def handle(screen: ConversationScreen, message: M) -> None:
        generation = message.generation
        if not screen.assistant.shutting_down and (generation is None or generation >= screen.first_generation):
            await handler(screen, message)

    return handle


class ConversationScreen(ListeningControls, Screen):
    AUTO_FOCUS = "#prompt"

    class Ready(Message):
        """The screen is up: the app may start the models and the voice loop, which draw on it."""

    def __init__(self, settings: Settings):
        super().__init__()
        self.settings = settings
        self.mode: Mode = settings.tui.mode
        self.sessions = SessionStore(settings.data_dir / "sessions")
        self.session = self.sessions.new()
        self.attachments: list[Attachment] = []
        self.waiting: list[tuple[str, list[Attachment]]] = []  # typed before the models were ready
        self.status_note = ""
        self.links: list[tuple[Path, int | None, float | None]] = []  # clickable citations, by index
        self.opened: list[tuple[Path, float | None]] = []  # citations opened: (file, page or moment)
        self.first_generation = 0  # turns before this one are not drawn (a new conversation began)
        self._stop_watch = threading.Event()

    @property
    def assistant(self) -> AssistantApp:
        """The app: the runtime, the agent and the voice loop it started."""
        return cast("AssistantApp", self.app)

    # -- layout ---------------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        self.conversation = Conversation(self.settings.knowledge_dir, self.link_to, id="conversation")
        self.voice_panel, self.latency_panel, self.knowledge_panel = VoicePanel(), LatencyPanel(), KnowledgePanel()
        self.servers_panel = ServersPanel()
        self.status_line = StatusLine()
        self.prompt = Input(placeholder="Type a question, or speak. A file path attaches it.", id="prompt")
        yield Header(show_clock=False)
        with Horizontal(id="main"):
            yield self.conversation
            with Vertical(id="side") as self.side:
                yield self.voice_panel
                yield self.latency_panel
                yield self.knowledge_panel
                if self.settings.mcp_servers:
                    yield self.servers_panel
        yield self.status_line
        yield self.prompt
        yield Footer()

    def on_mount(self) -> None:
        self.side.display = self.settings.tui.show_panel
        self.show_mode()
        self.refresh_status()
        self.set_interval(2.0, self.refresh_status)
        self.post_message(self.Ready())

    def on_unmount(self) -> None:
        self._stop_watch.set()

    # -- what the app's start-up tells -----------------------------------------------------------------
    def note(self, text: str) -> None:
        """A word on the status line (models loading)."""
        self.status_note = text
        self.refresh_status()

    def notice(self, text: str, kind: str = "info"):
        """A notice in the conversation (await the result to know it is shown)."""
        return self.conversation.add(Notice(text, kind))

    def loop_started(self) -> None:
        """The voice loop is about to run: it listens as the mode says; the panel names the devices."""
        self.apply_mode()
        audio = self.assistant.audio
        if audio is not None:
            self.voice_panel.set_devices(audio.describe(self.settings.voice.input_device,
                                                        self.settings.voice.output_device))

    def send_waiting(self) -> None:
        """The loop runs: what was typed while the models loaded is asked now."""
        for text, attachments in self.waiting:
            self.send(text, attachments)
        self.waiting.clear()

    def watch_folder(self) -> None:
        """Index the knowledge folder, and again on every change, until the screen goes."""
        self.knowledge_panel.watch_folder(self.assistant.runtime.knowledge, self._stop_watch,
                                          lambda message: self.notice(message, "error"))

    def refresh_status(self) -> None:
        app = self.assistant
        if app.shutting_down or not self.status_line.is_attached:
            return
        self.status_line.show(self.settings.profile, app.runtime.manager.loaded(), gpu_memory(), self.status_note)
        loop = app.voice_loop
        if loop is not None and loop.echo is not None:
            stats = loop.echo.stats()
            self.voice_panel.set_echo(stats.erle_db, stats.echo_heard)
        clients = app.runtime.mcp_clients
        if clients is not None and self.servers_panel.is_attached:
            if app.start:
                clients.start()  # (in the background; at once the second time)
            self.servers_panel.show(clients.status())

    # -- the voice loop's messages ---------------------------------------------------------------------------
    @drawn
    async def on_level_measured(self, message: LevelMeasured) -> None:
        self.voice_panel.add_level(message.event.rms)

    @drawn
    async def on_loop_state_changed(self, message: LoopStateChanged) -> None:
        self.voice_panel.set_state(message.event.state)

    @drawn
    async def on_user_spoke(self, message: UserSpoke) -> None:
        if message.event.spoken:
            self.conversation.add(UserTurn(message.event.text, spoken=True))
        await self.conversation.reply(message.generation)

    @drawn
    async def on_agent_updated(self, message: AgentUpdated) -> None:
        await self.conversation.reply(message.generation)

    @drawn
    async def on_reply_text_arrived(self, message: ReplyTextArrived) -> None:
        await self.conversation.append_text(message.generation, message.event.event.text)

    @drawn
    async def on_tool_call_began(self, message: ToolCallBegan) -> None:
        call = message.event.event
        await self.conversation.tool_started(message.generation, call.name, call.arguments)

    @drawn
    async def on_tool_call_ended(self, message: ToolCallEnded) -> None:
        call = message.event.event
        await self.conversation.tool_finished(message.generation, call.name, call.result)

    @drawn
    async def on_reply_interrupted(self, message: ReplyInterrupted) -> None:
        (await self.conversation.reply(message.generation)).mark_interrupted(message.event.heard)

    @drawn
    async def on_speech_overheard(self, message: SpeechOverheard) -> None:
        heard = message.event
        if heard.text:
            self.notice(f"Heard over the reply, not answered ({OVERHEARD[heard.why]}): {heard.text}")

    @drawn
    async def on_problem_reported(self, message: ProblemReported) -> None:
        self.notice(message.event.message, "error")

    @drawn
    async def on_turn_ended(self, message: TurnEnded) -> None:
        turn = message.event.turn
        self.session.turns.append(turn.to_dict())
        self.session.history = self.assistant.agent.history
        try:
            self.sessions.save(self.session)
        except OSError as exc:
            self.notify(f"Cannot save the conversation: {exc}", severity="error")
        if not turn.typed:
            self.latency_panel.add_turn(turn.generation, turn.latency)
        widget = await self.conversation.reply(turn.generation)
        await widget.finish(turn.reply, turn.interrupted, turn.spoken)
        if self.assistant.agent.pending is not None:  # it asked before running a tool that may change something
            self.notice("F6: yes, run it · F7: no (or say or type yes or no)", "info")

    def action_answer_yes(self) -> None:
        self._answer("yes")

    def action_answer_no(self) -> None:
        self._answer("no")

    def _answer(self, word: str) -> None:
        if self.assistant.agent.pending is None:
            self.notify("Nothing was asked: F6 and F7 answer the assistant's question before it runs a tool")
            return
        self.ask(word)

    # -- typing ---------------------------------------------------------------------------------------------
    @on(Input.Submitted, "#prompt")
    def submitted(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        event.input.value = ""
        if not text:
            return
        if len(text) > MAX_REQUEST_CHARS:  # kept in the box to shorten, as `ask` and MCP refuse it too
            event.input.value = event.value
            self.notice(f"That is too long to ask ({len(text):,} characters; at most {MAX_REQUEST_CHARS:,}): "
                        "shorten it, or save it in the knowledge folder and ask about it.", "error")
            return
        attachment = as_attachment(text, self.settings.max_image_pixels)
        if attachment is not None:
            if attachment.problem:
                self.notice(attachment.problem, "error")
                return
            self.attachments.append(attachment)
            self.notice(f"Attached {attachment.path.name} to your next question. "
                        "Ctrl+S copies it into the knowledge folder.", "info")
            return
        attachments, self.attachments = self.attachments, []
        self.ask(text, attachments)

    def ask(self, text: str, attachments: list[Attachment] | None = None) -> None:
        """A typed turn: shown, then sent (kept until the models are loaded)."""
        attachments = attachments or []
        self.conversation.add(UserTurn(text, spoken=False, attachments=[a.path for a in attachments]))
        loop = self.assistant.voice_loop
        if loop is None or loop.state == "stopped":
            self.waiting.append((text, attachments))
            if self.assistant.start:
                self.note("your question will be answered once the models are loaded")
            return
        self.send(text, attachments)

    def send(self, text: str, attachments: list[Attachment]) -> None:
        loop = self.assistant.voice_loop
        assert loop is not None, "the loop runs before anything is sent"
        context = "".join(a.text_context for a in attachments)
        images = [a.path for a in attachments if a.is_image]
        loop.say_text(text + context, images or None)

    # -- conversations --------------------------------------------------------------------------------------
    async def action_new_conversation(self) -> None:
        await self._settle()
        self.assistant.agent.reset()
        self.session = self.sessions.new()
        self.conversation.clear()
        self.latency_panel.clear()

    async def _settle(self) -> None:
        """Stop the turn in progress and wait until it has finished with the history, so that what
        follows (a new or reopened conversation) starts clean; its late messages are not drawn."""
        loop = self.assistant.voice_loop
        if loop is None:
            return
        loop.interrupt()
        await loop.until_idle(timeout=15)
        self.first_generation = loop.generation + 1

    def action_open_session(self) -> None:
        def reopen(session_id: str | None) -> None:
            if session_id:
                self.run_worker(self.reopen(session_id))

        self.app.push_screen(SessionsScreen(self.sessions.list()), reopen)

    async def reopen(self, session_id: str) -> None:
        session = self.sessions.load(session_id)
        await self.action_new_conversation()
        self.session = session
        self.assistant.agent.history[:] = session.history
        self.conversation.show_saved(session.turns)

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
        self.assistant.save_setting("tui", "show_panel", bool(side.display))

    # -- citations ------------------------------------------------------------------------------------------
    def link_to(self, path: Path, page: int | None, moment: float | None = None) -> str:
        """Markup that opens `path` (at `page`, or a recording at `moment` s) when clicked: a clickable span's
        opening tag."""
        self.links.append((Path(path), page, moment))
        return f"[@click=screen.open_link({len(self.links) - 1})]"

    def action_open_link(self, index: int) -> None:
        """Open a cited file with the system's viewer (a PDF at its page where the viewer takes #page=); a
        recording cited at a moment plays from there when there is a speaker."""
        path, page, moment = self.links[index]
        self.opened.append((path, page if moment is None else moment))
        if not path.exists():
            self.notify(f"{path} no longer exists", severity="error")
            return
        audio = self.assistant.audio
        player = audio.player if audio is not None else None
        if moment is not None and player is not None:
            self.run_worker(lambda: play_from(player, path, moment), thread=True, group="clip", exclusive=True)
            return
        self.app.open_url(path.resolve().as_uri() + (f"#page={page}" if page else ""))
