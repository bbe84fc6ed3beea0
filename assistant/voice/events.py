"""What the voice loop tells its front end (the CLI prints these, the TUI draws them).

Every event carries the `generation` (turn number) it belongs to where it has one.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

State = Literal["listening", "hearing", "thinking", "speaking", "muted", "stopped"]


@dataclass
class StateChanged:
    state: State


@dataclass
class Level:
    """Microphone level of one frame (RMS, 0..1) and the VAD's speech probability for it."""

    rms: float
    speech_probability: float


@dataclass
class UserSaid:
    text: str
    generation: int
    spoken: bool = True  # False: typed
    at: float | None = None  # when the words were recognised (the loop's clock)


@dataclass
class Overheard:
    """Speech over a reply that is no turn to answer: `why` "acknowledgement", "nothing" (a cough), "unsure" (words
    recognition was unsure of), "echo" (the reply's own words heard back) or "stop" (it stopped the reply, and
    asked for nothing else)."""

    text: str
    why: str
    generation: int  # the reply it was heard over
    at: float | None = None  # when the words were recognised (the loop's clock)


OVERHEARD = {"acknowledgement": "an acknowledgement", "nothing": "no words", "unsure": "not clearly heard",
             "echo": "the reply's own echo",
             "stop": "it asked to stop"}  # Overheard.why, as the front ends say it


@dataclass
class AgentUpdate:
    """An agent event (TextDelta, ToolCallStarted, ToolCallFinished; see agent.py) of one turn."""

    event: Any
    generation: int


@dataclass
class Speaking:
    sentence: str  # the speakable text sent to TTS
    generation: int


@dataclass
class Interrupted:
    generation: int
    heard: str  # what had been played when the user spoke over it
    stop_s: float  # speech detected -> output silent
    detected_at: float = 0.0  # when the speech was detected, on the loop's clock (time.perf_counter by default)


@dataclass
class Problem:
    """Something failed (a model missing, a server down); the loop goes on listening."""

    message: str
    generation: int = 0


@dataclass
class VoiceTurn:
    """One finished turn: what was heard, what was answered and spoken, the tools, the latency record."""

    generation: int
    transcript: str
    reply: str
    spoken: str
    interrupted: bool
    tool_calls: list[dict[str, Any]] = field(default_factory=list)
    latency: dict[str, Any] = field(default_factory=dict)
    typed: bool = False

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class TurnFinished:
    turn: VoiceTurn


VoiceEvent = (StateChanged | Level | UserSaid | Overheard | AgentUpdate | Speaking | Interrupted | Problem
              | TurnFinished)
