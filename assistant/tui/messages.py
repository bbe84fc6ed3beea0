"""The voice loop's events (`voice/events.py`) as Textual messages: one class for each kind of event (and for each
kind of agent update), handled by the `on_…` method named after it. `message_for(event)` is the one place that
says which message an event becomes; the app posts it to the conversation screen.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any, Generic, TypeVar

from textual.message import Message

from ..voice.events import (AgentUpdate, Interrupted, Level, Overheard, Problem, Speaking, StateChanged,
                            TurnFinished, UserSaid, VoiceEvent)

E = TypeVar("E")


class VoiceMessage(Message, Generic[E]):
    """One voice-loop event, as it came."""

    def __init__(self, event: E):
        super().__init__()
        self.event = event

    @property
    def generation(self) -> int | None:
        """The turn it belongs to (None: none, as the microphone level)."""
        return None


class TurnMessage(VoiceMessage[E]):
    """An event of one turn (`generation`): those of turns before a new conversation are not drawn."""

    @property
    def generation(self) -> int:
        return self.event.generation  # type: ignore[attr-defined]  # every event of a turn has it


# -- the loop's state and the microphone -----------------------------------------------------------------------
class LevelMeasured(VoiceMessage[Level]):
    """The microphone level of one frame."""


class LoopStateChanged(VoiceMessage[StateChanged]):
    """Listening, hearing, thinking, speaking, muted or stopped."""


# -- a turn ---------------------------------------------------------------------------------------------------
class UserSpoke(TurnMessage[UserSaid]):
    """A turn begins: what was heard (or typed)."""


class AgentUpdated(TurnMessage[AgentUpdate]):
    """An agent event with no message of its own below: its reply is shown, nothing more."""


class ReplyTextArrived(TurnMessage[AgentUpdate]):
    """A piece of the reply's text (`event.event` is the agent's TextDelta)."""


class ToolCallBegan(TurnMessage[AgentUpdate]):
    """A tool was called (`event.event` is the agent's ToolCallStarted)."""


class ToolCallEnded(TurnMessage[AgentUpdate]):
    """A tool's result came back (`event.event` is the agent's ToolCallFinished)."""


class SentenceSpoken(TurnMessage[Speaking]):
    """A sentence went to the speaker (nothing draws it)."""


class ReplyInterrupted(TurnMessage[Interrupted]):
    """The user spoke over the reply."""


class SpeechOverheard(TurnMessage[Overheard]):
    """Speech over a reply that is no turn to answer."""


class ProblemReported(VoiceMessage[Problem]):
    """Something failed; the loop goes on listening. One of no turn (generation 0: a microphone that stopped, a
    speaker that does not play) is always shown; one of a turn from before a new conversation is not."""

    @property
    def generation(self) -> int | None:
        return self.event.generation or None


class TurnEnded(TurnMessage[TurnFinished]):
    """A turn is over: what was said and answered, and its latency record."""

    @property
    def generation(self) -> int:
        return self.event.turn.generation


def message_for(event: VoiceEvent) -> VoiceMessage:
    """The message that carries `event`."""
    return _MESSAGES[type(event)](event)


def _agent_message(update: AgentUpdate) -> VoiceMessage:
    return _agent_messages().get(type(update.event), AgentUpdated)(update)


@cache
def _agent_messages() -> dict[type, type[TurnMessage[AgentUpdate]]]:
    from ..agent import TextDelta, ToolCallFinished, ToolCallStarted  # the agent's modules load with the models

    return {TextDelta: ReplyTextArrived, ToolCallStarted: ToolCallBegan, ToolCallFinished: ToolCallEnded}


_MESSAGES: dict[type, Callable[[Any], VoiceMessage]] = {
    Level: LevelMeasured, StateChanged: LoopStateChanged, UserSaid: UserSpoke, AgentUpdate: _agent_message,
    Speaking: SentenceSpoken, Interrupted: ReplyInterrupted, Overheard: SpeechOverheard, Problem: ProblemReported,
    TurnFinished: TurnEnded,
}
