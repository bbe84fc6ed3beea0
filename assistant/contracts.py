"""The values every layer shares, on the ground floor: what a chat model streams and the tool call it may ask
for, what a tool gives back, what speech to text hears, and a picture model's defaults. Each is defined here
only; the modules that make or read them (engines, tools, Whisper, diffusers, the agent, routing, MCP) import
them from here, so no layer reaches up into another's implementation for a type.

A chat engine (`roles.ChatModel.stream`) yields typed chunks, never text to be parsed again:

    Text(text)              prose, as it is generated (brackets and code fences included: it is the reply)
    ToolCall(name, args)    a whole tool call, its arguments already a dict (the engine assembled the
                            fragments a server streams, or decoded under the tool's schema)
    Usage(...)              token counts, last

`tool_choice` says what the model may do with the tools it is offered: "auto" (call one or answer), "none",
"required" (some tool), or a tool's name (that tool: its arguments decoded under its JSON schema where the
engine can constrain decoding). `response_schema` constrains a reply to a JSON schema.

A tool (`tools.registry.Tool`) answers with a `ToolResult`: text for the model, and images, audio and
citations for people (`ImageOut`, `AudioOut`, `Citation`). Speech to text (`roles.SpeechToText`) gives a
`Transcript` of timed `Segment`s; an image generator (`roles.ImageGenerator`) has `ImageDefaults`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Literal

from .timecode import clock

Message = dict[str, Any]  # OpenAI-style: {"role": ..., "content": str | [parts], "tool_calls": [...]}
ToolSchema = dict[str, Any]  # {"type": "function", "function": {"name", "description", "parameters"}}
ToolChoice = Literal["auto", "none", "required"] | str  # ... or the name of the one tool to call


@dataclass(frozen=True)
class Text:
    """A piece of the reply's prose."""

    text: str


@dataclass
class ToolCall:
    """A call the model asks for: a tool's name and its arguments."""

    name: str
    arguments: dict[str, Any] = field(default_factory=dict)
    id: str | None = None  # the engine's id for it, when it has one (answered by a tool message with that id)


@dataclass(frozen=True)
class Usage:
    """Token counts of one reply (where the engine knows them)."""

    prompt_tokens: int = 0
    reused_tokens: int = 0  # of the prompt, taken from the cache of the last one
    new_tokens: int = 0


ChatChunk = Text | ToolCall | Usage


def text_of(chunks: Iterable[ChatChunk]) -> str:
    """The prose of a reply (its tool calls and counts left out)."""
    return "".join(c.text for c in chunks if isinstance(c, Text))


def tool_named(tools: list[ToolSchema] | None, name: str) -> ToolSchema | None:
    """The schema of the tool called `name` among `tools`."""
    return next((t for t in tools or [] if (t.get("function") or {}).get("name") == name), None)


def forced_call_schema(tools: list[ToolSchema], choice: ToolChoice) -> tuple[str | None, dict[str, Any]]:
    """The JSON schema a constrained decoder fills to make a call `choice` demands: (the tool's name, its
    parameters) for a named tool; (None, one object per tool: {"name": const, "arguments": parameters}) for
    "required"."""
    if choice not in ("auto", "none", "required"):
        tool = tool_named(tools, choice)
        if tool is None:
            raise ValueError(f"tool_choice names {choice!r}, which is not among the tools offered")
        return choice, _parameters(tool)
    options = [{"type": "object", "properties": {"name": {"const": t["function"]["name"]},
                                                 "arguments": _parameters(t)},
                "required": ["name", "arguments"], "additionalProperties": False} for t in tools]
    return None, options[0] if len(options) == 1 else {"anyOf": options}


def _parameters(tool: ToolSchema) -> dict[str, Any]:
    return tool["function"].get("parameters") or {"type": "object", "properties": {}}


# -- what a tool gives back ---------------------------------------------------------------------------
@dataclass
class Citation:
    file: str  # relative to the knowledge folder
    page: int | None = None  # PDFs
    time: float | None = None  # recordings: seconds from the start

    def label(self) -> str:
        """"report.pdf, page 3", "standup.ogg @ 03:12", or the file alone."""
        if self.page:
            return f"{self.file}, page {self.page}"
        if self.time is not None:
            return f"{self.file} @ {clock(self.time)}"
        return self.file


@dataclass
class ImageOut:
    path: Path
    caption: str  # always sent beside the image: many clients drop images
    mime: str = "image/png"


@dataclass
class AudioOut:
    data: bytes  # a whole audio file (WAV)
    caption: str  # what is said in it: sent beside the audio (many clients drop audio)
    mime: str = "audio/wav"
    saved_as: str | None = None  # the file in the knowledge folder too (relative), when it was saved
    inline: bool = True  # sent in the reply (else too long for one: `saved_as` names where it is)


@dataclass
class ToolResult:
    text: str  # what the model reads
    images: list[ImageOut] = field(default_factory=list)
    audio: list[AudioOut] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    data: dict[str, Any] | None = None  # structured result for programs
    is_error: bool = False
    seconds: float = 0.0
    unreadable: bool = False  # an error because the request could not be read (not because the tool could not run)

    @classmethod
    def error(cls, message: str, unreadable: bool = False) -> ToolResult:
        return cls(text=message, is_error=True, unreadable=unreadable)


# -- what speech to text hears ------------------------------------------------------------------------
@dataclass
class Segment:
    start: float  # seconds
    end: float
    text: str


@dataclass
class Transcript:
    text: str
    language: str | None
    duration: float  # seconds of input audio
    segments: list[Segment] = field(default_factory=list)
    speech: float | None = None  # seconds the VAD called speech; None when no VAD ran
    unheard: list[tuple[float, float]] = field(default_factory=list)  # speech with no words under it
    logprob: float | None = None  # the engine's average log-probability of its tokens (Whisper: below -1 it was
    # unsure of what it heard); None: not given

    @property
    def coverage(self) -> float | None:
        """The share of the VAD's speech with words under it; None when no VAD ran."""
        return coverage(self.speech, self.unheard)

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "coverage": self.coverage}


def coverage(speech_s: float | None, unheard_spans: Iterable[tuple[float, float]]) -> float | None:
    """The share of `speech_s` seconds of speech that has words under it, the `unheard` spans left out (1.0 with
    no speech at all); None when not measured."""
    if speech_s is None:
        return None
    if speech_s <= 0:
        return 1.0
    return round(max(0.0, 1.0 - sum(end - start for start, end in unheard_spans) / speech_s), 4)


# -- a picture model's defaults -----------------------------------------------------------------------
@dataclass(frozen=True)
class ImageDefaults:
    width: int
    height: int
    steps: int
    guidance_scale: float
