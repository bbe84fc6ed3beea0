"""The side panel (voice state and level, latency of each turn, the knowledge folder) and the status line."""

from __future__ import annotations

from collections import deque

from textual import work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import ProgressBar, Sparkline, Static

STATE_LABELS = {
    "listening": "● listening",
    "hearing": "◉ hearing speech",
    "thinking": "… thinking",
    "speaking": "♪ speaking",
    "muted": "○ muted",
    "stopped": "○ not listening",
    "loading": "… loading models",
}


class VoicePanel(Vertical):
    """Microphone level, what the loop is doing, the listening mode and barge-in."""

    def __init__(self):
        super().__init__(id="voice-panel", classes="panel")
        self.border_title = "voice"
        self.levels: deque[float] = deque([0.0] * 40, maxlen=40)
        self.state = "loading"
        self.mode = "hands-free"
        self.barge_in = False
        self.echo_cancelled = False
        self.erle_db: float | None = None  # echo removed over the last second the speaker played
        self.echo_heard = True  # the microphone hears the speaker (False: headphones, left alone)
        self.devices = ""

    def compose(self) -> ComposeResult:
        self.state_label = Static(STATE_LABELS["loading"], id="voice-state")
        self.meter = Sparkline(list(self.levels), id="mic-level")
        self.mode_label, self.devices_label = Static("", id="voice-mode"), Static("", id="voice-devices")
        yield self.state_label
        yield self.meter
        yield self.mode_label
        yield self.devices_label

    def on_mount(self) -> None:
        self._show_mode()

    def set_state(self, state: str) -> None:
        self.state = state
        label = self.state_label
        label.update(STATE_LABELS.get(state, state))
        label.set_classes(f"state-{state}")

    def add_level(self, rms: float) -> None:
        # RMS on a log-like scale: quiet rooms are ~0.001, speech ~0.05-0.3
        self.levels.append(min(1.0, (rms * 20) ** 0.5))
        self.meter.data = list(self.levels)

    def set_mode(self, mode: str, barge_in: bool, echo_cancelled: bool = False) -> None:
        self.mode, self.barge_in, self.echo_cancelled = mode, barge_in, echo_cancelled
        self._show_mode()

    def set_echo(self, erle_db: float | None, heard: bool = True) -> None:
        """The echo removed, live (dB), or that the microphone does not hear the speaker: shown while echo
        cancellation runs."""
        if (erle_db, heard) != (self.erle_db, self.echo_heard):
            self.erle_db, self.echo_heard = erle_db, heard
            self._show_mode()

    def set_devices(self, text: str) -> None:
        self.devices = text
        self.devices_label.update(text)

    def _show_mode(self) -> None:
        if self.echo_cancelled:
            removed = f", {self.erle_db:.0f} dB removed" if self.erle_db is not None else ""
            removed = removed if self.echo_heard else ", no echo heard (headphones?)"
            echo = f"echo cancellation: on{removed}"
            barge_in = "on" if self.barge_in else "off (half-duplex)"
        else:
            echo = "echo cancellation: off"
            barge_in = "on (headphones)" if self.barge_in else "off (half-duplex)"
        self.mode_label.update(f"mode: {self.mode}\nbarge-in: {barge_in}\n{echo}")


class LatencyPanel(Vertical):
    """Per turn: end of speech -> first audio out, and its parts (the voice loop's latency record)."""

    COLUMNS = (("#", "generation"), ("total", "total_s"), ("wait", "endpoint_wait_s"), ("stt", "stt_s"),
               ("tok", "first_token_s"), ("sent", "first_sentence_s"), ("tts", "tts_first_audio_s"),
               ("tool", "tool_s"))
    KEEP = 12

    def __init__(self):
        super().__init__(id="latency-panel", classes="panel")
        self.border_title = "latency, s (end of speech → first audio)"
        self.rows: list[list[str]] = []

    def compose(self) -> ComposeResult:
        yield Static(self._table(), id="latency")

    def add_turn(self, generation: int, latency: dict) -> None:
        self.rows = (self.rows + [[str(generation)] + [_seconds(latency.get(k)) for _, k in self.COLUMNS[1:]]])
        self.rows = self.rows[-self.KEEP:]
        self.query_one("#latency", Static).update(self._table())

    def clear(self) -> None:
        self.rows = []
        self.query_one("#latency", Static).update(self._table())

    def _table(self):
        from rich import box
        from rich.table import Table

        table = Table(box=box.SIMPLE_HEAD, padding=(0, 1, 0, 0), expand=True, show_edge=False)
        for title, _ in self.COLUMNS:
            table.add_column(title, justify="right", no_wrap=True)
        for row in self.rows:
            table.add_row(*row)
        return table


def _seconds(value) -> str:
    return "–" if value is None else f"{value:.2f}"


class KnowledgePanel(Vertical):
    """The knowledge folder: files indexed, indexing progress (from the watcher), files that failed."""

    def __init__(self):
        super().__init__(id="knowledge-panel", classes="panel")
        self.border_title = "knowledge"
        self.problems: list[dict] = []

    def compose(self) -> ComposeResult:
        yield Static("not indexed yet", id="knowledge-count")
        yield ProgressBar(total=None, show_eta=False, id="knowledge-progress")
        yield Static("", id="knowledge-activity")
        yield Static("", id="knowledge-problems")

    def on_mount(self) -> None:
        self.query_one(ProgressBar).display = False  # until the first indexing run starts

    @work(thread=True, exclusive=True, group="knowledge")
    def watch_folder(self, knowledge, stop, on_problem) -> None:
        """Index the folder, then again on every change, until `stop` is set (a worker thread)."""

        def progress(p) -> None:
            self.app.call_from_thread(self.progress, p.done, p.total, p.name, p.action)

        def report(r) -> None:
            files = len(knowledge.catalog.files())
            self.app.call_from_thread(self.report, files, len(r.added), len(r.updated), len(r.removed), r.problems)
            if r.stopped:  # most of the index is gone from the folder: nothing was removed
                notice(r.stopped)

        def notice(text: str) -> None:  # watching paused (the folder went away) or resumed
            self.app.call_from_thread(lambda: self.query_one("#knowledge-activity", Static).update(text[:120]))

        try:
            knowledge.watch(stop, report, progress, notice)
        except Exception as exc:  # e.g. the text-embedding model is missing
            self.app.call_from_thread(on_problem, f"Knowledge folder: {exc}")

    def progress(self, done: int, total: int, name: str, action: str) -> None:
        bar = self.query_one(ProgressBar)
        bar.display = True
        bar.update(total=max(total, 1), progress=done)
        self.query_one("#knowledge-activity", Static).update(f"{action} {name}"[:60])

    def report(self, files: int, added: int, updated: int, removed: int, problems: list[dict]) -> None:
        self.problems = problems
        self.query_one("#knowledge-count", Static).update(f"{files} files indexed")
        changes = ", ".join(f"{n} {what}" for n, what in ((added, "added"), (updated, "updated"),
                                                           (removed, "removed")) if n)
        self.query_one("#knowledge-activity", Static).update(changes or "up to date")
        bar = self.query_one(ProgressBar)
        bar.update(total=1, progress=1)
        text = "\n".join(f"⚠ {p['file']}: {p['reason']}"[:120] for p in problems[:8])
        if len(problems) > 8:
            text += f"\n… and {len(problems) - 8} more"
        self.query_one("#knowledge-problems", Static).update(text)


class ServersPanel(Vertical):
    """Other MCP servers (`[mcp_servers.NAME]`): each one's state and how many of its tools are used, refreshed with
    the status line; shown only when some are configured."""

    MARKS = {"connected": "●", "starting": "…", "failed": "⚠", "refused": "✕", "disabled": "○", "stopped": "○"}

    def __init__(self):
        super().__init__(id="servers-panel", classes="panel")
        self.border_title = "MCP servers"
        self.lines: list[str] = []

    def compose(self) -> ComposeResult:
        yield Static("", id="servers")

    def show(self, status: dict) -> None:
        """`McpClients.status()`: server name -> ServerStatus."""
        lines = []
        for name, server in sorted(status.items()):
            line = f"{self.MARKS.get(server.state, '?')} {name}: {server.state}"
            if server.state == "connected":
                line += f", {server.tools} tool{'s' * (server.tools != 1)}"
            elif server.reason:
                line += f" ({server.reason})"
            if server.retry_in:
                line += f", again in {server.retry_in:.0f} s"
            lines.append(line[:160])
        if lines != self.lines:
            self.lines = lines
            self.query_one("#servers", Static).update("\n".join(lines))


class StatusLine(Static):
    """Profile, models loaded and their memory, GPU memory where a GPU exists."""

    def __init__(self):
        super().__init__("", id="status-line")

    def show(self, profile: str, loaded: dict[str, dict], gpu: str | None, note: str = "") -> None:
        models = ", ".join(f"{role} {info['bytes'] / 1e9:.1f} GB" if info["bytes"] >= 1e8
                           else f"{role} {info['bytes'] / 1e6:.0f} MB" for role, info in sorted(loaded.items()))
        parts = [f"profile {profile}", f"models: {models or 'none loaded'}"]
        if gpu:
            parts.append(gpu)
        if note:
            parts.append(note)
        self.update(" · ".join(parts))


def gpu_memory() -> str | None:
    """"GPU 12.3/80.0 GB" when torch is loaded and sees a CUDA device; None otherwise (never imports torch)."""
    import sys

    cuda = getattr(sys.modules.get("torch"), "cuda", None)  # torch may be half imported by a loading thread
    try:
        if cuda is None or not cuda.is_available():
            return None
        free, total = cuda.mem_get_info()
    except Exception:  # a driver problem must not break the status line
        return None
    return f"GPU {(total - free) / 1e9:.1f}/{total / 1e9:.1f} GB"
