"""The conversation column: user turns, streamed Markdown replies, tool-call rows, images, notices."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Collapsible, Markdown, Static
from textual.widgets.markdown import MarkdownStream


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)


class UserTurn(Static):
    def __init__(self, text: str, spoken: bool, attachments: list[Path] | None = None):
        label = "you · spoken" if spoken else "you"
        extra = "".join(f"\n[dim]📎 {_escape(str(p))}[/dim]" for p in attachments or [])
        super().__init__(f"[b]{label}[/b]\n{_escape(text)}{extra}", classes="user-turn")
        self.text = text
        self.spoken = spoken


class AssistantTurn(Vertical):
    """A reply streaming in as Markdown: fragments are batched while it streams (Textual's MarkdownStream),
    and the whole text is rendered once more when it is complete."""

    def __init__(self, generation: int):
        super().__init__(classes="assistant-turn")
        self.generation = generation
        self.text = ""
        self.finished = False
        self.interrupted = False
        self._stream: MarkdownStream | None = None
        self.markdown = Markdown("", classes="reply")

    def compose(self) -> ComposeResult:
        yield Static("[b]assistant[/b]", classes="speaker")
        yield self.markdown

    async def append(self, delta: str) -> None:
        self.text += delta
        if self._stream is None:
            self._stream = Markdown.get_stream(self.markdown)
        await self._stream.write(delta)

    async def finish(self, reply: str, interrupted: bool = False, heard: str = "") -> None:
        if self._stream is not None:
            await self._stream.stop()
            self._stream = None
        self.finished = True
        if not (interrupted and self.text):  # interrupted: it keeps what was shown before the interruption
            self.text = reply or self.text
        await self.markdown.update(self.text)
        if interrupted:
            self.mark_interrupted(heard)

    def mark_interrupted(self, heard: str) -> None:
        if self.interrupted:
            return
        self.interrupted = True
        self.add_class("interrupted")
        said = f" after “{_escape(heard)}”" if heard else " before it spoke"
        self.mount(Static(f"[i]interrupted{said}[/i]", classes="interrupted-note"))


class ToolCallRow(Collapsible):
    """One tool call: collapsed to name, duration and a one-line result; expanded to arguments, the full
    result and its citations (links that open the file)."""

    def __init__(self, name: str, arguments: dict, knowledge_dir: Path,
                 open_link: Callable[[Path, int | None, float | None], str]):
        self.open_link = open_link
        self.name_ = name
        self.arguments = arguments
        self.knowledge_dir = knowledge_dir
        self.result = None
        super().__init__(Static(f"arguments: {_escape(json.dumps(arguments, ensure_ascii=False))}",
                                classes="tool-arguments"),
                         title=f"⚙ {name} …", collapsed=True, classes="tool-call")

    def finish(self, result) -> None:
        self.result = result
        status = "error" if result.is_error else f"{result.seconds:.1f} s"
        self.title = f"⚙ {self.name_} ({status}) — {_summary(result.text)}"
        if result.is_error:
            self.add_class("tool-error")
        body = self.query_one(Collapsible.Contents)
        text = result.text.strip()
        if len(text) > 4000:
            text = text[:4000] + " …"
        body.mount(Static(_escape(text), classes="tool-result"))
        if result.citations:
            links = [self.open_link(self.knowledge_dir / c.file, c.page, c.time) + _escape(c.label()) + "[/]"
                     for c in result.citations]
            body.mount(Static("sources: " + " · ".join(links), classes="tool-citations"))


def _summary(text: str, width: int = 70) -> str:
    line = next((x.strip() for x in text.splitlines() if x.strip()), "")
    return line if len(line) <= width else line[: width - 1] + "…"


class ImageRow(Vertical):
    """An image in the conversation: drawn in the terminal where it can be (Kitty/Sixel graphics, or
    Unicode half blocks), and always named by its path."""

    def __init__(self, path: Path, caption: str = "",
                 open_link: Callable[[Path, int | None, float | None], str] | None = None):
        super().__init__(classes="image-row")
        self.path = Path(path)
        self.caption = caption
        self.open_link = open_link

    def compose(self) -> ComposeResult:
        try:
            from textual_image.widget import Image

            yield Image(str(self.path), classes="image")
        except Exception as exc:  # not importable, or an image it cannot read: the path still shows
            yield Static(f"[dim](cannot draw the image here: {_escape(str(exc))})[/dim]")
        caption = f" — {self.caption}" if self.caption else ""
        name = _escape(str(self.path))
        link = f"{self.open_link(self.path, None, None)}{name}[/]" if self.open_link else name
        yield Static(f"🖼 {link}{_escape(caption)}", classes="image-path")


class Notice(Static):
    def __init__(self, text: str, kind: str = "info"):
        super().__init__(_escape(text), classes=f"notice notice-{kind}")


class Conversation(VerticalScroll):
    """Everything said so far, turn by turn; keeps scrolled to the end while new content arrives.

    `link_to(path, page)` gives the markup that opens a cited file (the conversation screen owns what clicking
    does)."""

    def __init__(self, knowledge_dir: Path, link_to: Callable[[Path, int | None, float | None], str], **kwargs):
        super().__init__(**kwargs)
        self.knowledge_dir = knowledge_dir
        self.link_to = link_to
        self.replies: dict[int, AssistantTurn] = {}  # by generation
        self._tool_rows: dict[int, list[ToolCallRow]] = {}

    def add(self, widget):
        """Mount `widget` at the end (await the result to know it is mounted)."""
        mounted = self.mount(widget)
        self.scroll_end(animate=False)
        return mounted

    def clear(self) -> None:
        self.replies.clear()
        self._tool_rows.clear()
        self.remove_children()

    async def reply(self, generation: int) -> AssistantTurn:
        """The reply widget of a turn, created (at the end) on first use."""
        widget = self.replies.get(generation)
        if widget is None:
            widget = self.replies[generation] = AssistantTurn(generation)
            await self.add(widget)
        return widget

    async def append_text(self, generation: int, text: str) -> None:
        """The reply's text streams in."""
        await (await self.reply(generation)).append(text)
        self.scroll_end(animate=False)

    async def tool_started(self, generation: int, name: str, arguments: dict) -> None:
        """A tool call: a row above the reply's text."""
        widget = await self.reply(generation)
        row = ToolCallRow(name, arguments, self.knowledge_dir, self.link_to)
        self._tool_rows.setdefault(generation, []).append(row)
        await widget.mount(row, before=widget.markdown)
        self.scroll_end(animate=False)

    async def tool_finished(self, generation: int, name: str, result) -> None:
        """A tool's result: in its row, and the images it produced above the reply's text."""
        widget = await self.reply(generation)
        pending = [r for r in self._tool_rows.get(generation, []) if r.result is None and r.name_ == name]
        if pending:
            pending[0].finish(result)
        for image in result.images:
            await widget.mount(ImageRow(image.path, image.caption, self.link_to), before=widget.markdown)
        self.scroll_end(animate=False)

    def show_saved(self, turns: list[dict]) -> None:
        """A reopened conversation: its turns as they were said and answered."""
        for turn in turns:
            self.add(UserTurn(turn["transcript"], spoken=not turn.get("typed")))
            self.add(Markdown(turn["reply"] + (" *(interrupted)*" if turn.get("interrupted") else ""),
                              classes="assistant-turn reopened"))
