"""Everything a front end needs, built once: settings, model registry, tools, tool context, agent, and
the voice loop.

The CLI commands, the TUI and the MCP server all start from a Runtime, so they share the same objects (and
the same loaded models) instead of each wiring its own.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property
from typing import TYPE_CHECKING, Any

from .config import Settings, VoiceSettings
from .models import ModelManager

if TYPE_CHECKING:
    from .agent import Agent
    from .mcp_client import McpClients
    from .audio.echo import EchoCanceller
    from .audio.player import Player
    from .tools import Tool, ToolContext
    from .voice.events import VoiceEvent
    from .voice.loop import VoiceLoop

LATENCY_FILE = "voice-latency.jsonl"  # in the data dir: one JSON line per voice turn
VOICE_ROLES = ("vad", "turn", "stt", "tts", "llm")


class Runtime:
    def __init__(self, settings: Settings, manager: ModelManager | None = None):
        self.settings = settings
        self.manager = manager or ModelManager(settings)

    @cached_property
    def tools(self) -> dict[str, Tool]:
        from .tools import all_tools

        return all_tools()

    @cached_property
    def context(self) -> ToolContext:
        from .tools.registry import ToolContext

        return ToolContext(self.settings, self.manager)

    @cached_property
    def mcp_clients(self) -> McpClients | None:
        """The external MCP servers of `[mcp_servers.NAME]` (None when there are none): one set for every agent
        of this runtime, not started here: the first agent's first turn (or warm-up) starts them, in the
        background; closed with the runtime, or at exit."""
        if not self.settings.mcp_servers:
            return None
        from .mcp_client import McpClients

        return McpClients.from_settings(self.settings)

    def close(self) -> None:
        """End the external servers' connections and programs (if they were started)."""
        clients = self.__dict__.get("mcp_clients")
        if clients is not None:
            clients.close()

    @property
    def knowledge(self):
        return self.context.knowledge

    def agent(self, context: ToolContext | None = None, **options: Any) -> Agent:
        """A new agent on the tools offered to the chat model; they run on `context` (default: the runtime's,
        e.g. a call's own for MCP's ask_assistant: its cancellation reaches the agent's tool calls)."""
        from .agent import Agent

        tools = {name: t for name, t in self.tools.items() if t.for_agent}
        options.setdefault("mcp", self.mcp_clients)
        return Agent(self.manager, tools, context or self.context, **options)

    # -- the voice loop ---------------------------------------------------------------------------------
    def load_voice_models(self, progress: Callable[[str], None] | None = None) -> None:
        """Load what the loop needs before it listens, so a first turn does not wait for model loading;
        `progress(role)` is told each role before it loads."""
        for role in VOICE_ROLES:
            if role == "turn" and not self._smart_turn(self.settings.voice):
                continue  # optional: without it, turns end after a fixed silence
            if progress:
                progress(role)
            self.manager.get(role)
        self._warm_voice_models()

    def _smart_turn(self, voice: VoiceSettings) -> bool:
        return voice.smart_turn and self.manager.locate("turn").ready

    def _warm_voice_models(self) -> None:
        from .voice.warmup import warm_voice_models

        voice, manager = self.settings.voice, self.manager
        tts = manager.get("tts")
        turn = manager.get("turn") if self._smart_turn(voice) else None
        warm_voice_models(manager.get("vad"), manager.get("stt"), tts, turn, voice.stt_language(tts.language))

    def voice_loop(self, player: Player | None, on_event: Callable[[VoiceEvent], None] | None = None,
                   agent: Agent | None = None, first_generation: int = 1, echo: EchoCanceller | None = None,
                   **voice_overrides: Any) -> VoiceLoop:
        """The voice loop on this runtime's models (the CLI's `voice` and the TUI run the same one).
        `voice_overrides` replace settings of `[voice]` for this loop (barge_in, language, devices...). `echo`: what
        cleans the microphone of the player's output (barge-in is then on by default)."""
        from .voice.latency import LatencyLog
        from .voice.loop import VoiceLoop

        voice = self.settings.voice.model_copy(update=voice_overrides) if voice_overrides else self.settings.voice
        agent = agent or self.agent()
        agent.warm_up()
        log = LatencyLog(self.settings.data_dir / LATENCY_FILE) if voice.latency_log else None
        manager = self.manager
        turn = manager.get("turn") if self._smart_turn(voice) else None
        return VoiceLoop(vad=manager.get("vad"), stt=manager.get("stt"), agent=agent, tts=manager.get("tts"),
                         player=player, voice=voice, on_event=on_event, latency_log=log,
                         first_generation=first_generation, turn_end=turn, echo=echo)
