"""The agent's replies in the voice loop: one at a time, some begun before their turn is confirmed.

A `Reply` is the agent answering one request: its `Turn`, the events produced so far (a `StageQueue`), and
the task producing them on the runner. `Replies` begins them, confirms them and takes them back:

- `begin(text, tentative=False)`: the active turn's reply.
- `begin(text, tentative=True)`: preemptive generation, on the words heard at a pause while the end of the
  turn is still being confirmed. It generates, but holds before any tool call (the runner's stream is
  pulled, so the tool has not started) and nothing of it is shown or spoken until `confirm` adopts it.
- `discard(reply)`: the user went on. The reply is stopped and the agent's conversation restored as it was
  before it; `settled()` waits for that, and `begin` is only called once nothing is being taken back, so the
  agent never runs two replies at once.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..agent import AgentEvent, ToolCallStarted, TurnDone
from ..errors import AssistantError, first_line
from .events import Problem, VoiceEvent
from .runner import Runner
from .turns import StageQueue, Turn, TurnController

if TYPE_CHECKING:
    from ..agent.external_calls import Checkpoint
    from ..agent import Agent

log = logging.getLogger(__name__)


@dataclass
class Reply:
    turn: Turn
    events: StageQueue[AgentEvent | None]  # None: the agent is done
    checkpoint: Checkpoint  # the agent's conversation before it
    go: asyncio.Event = field(default_factory=asyncio.Event)  # confirmed or discarded: on past tool calls
    pump: asyncio.Task | None = None
    discarded: bool = False


class Replies:
    def __init__(self, agent: Agent, control: TurnController, runner: Runner, emit: Callable[[VoiceEvent], None]):
        self.agent, self.control, self.runner, self.emit = agent, control, runner, emit
        self._discarding: list[asyncio.Future] = []  # replies being taken back

    @property
    def discarding(self) -> bool:
        return bool(self._discarding)

    def begin(self, text: str, images: list | None = None, tentative: bool = False) -> Reply:
        turn = self.control.reserve() if tentative else self.control.begin()
        reply = Reply(turn, StageQueue(self.control), self.agent.checkpoint())
        if not tentative:
            reply.go.set()
        reply.pump = asyncio.create_task(self._pump(reply, text, images))
        return reply

    def confirm(self, reply: Reply) -> bool:
        """The turn a tentative reply was begun for is real: it becomes the active turn (False, and it is
        discarded, when an interruption made it stale meanwhile)."""
        if reply.discarded or self.control.stale(reply.turn.generation):
            self.discard(reply)
            return False
        self.control.adopt(reply.turn)
        reply.go.set()
        return True

    def discard(self, reply: Reply) -> None:
        """A tentative reply that will not be used: stop it, and give the conversation back as it was."""
        if reply.discarded:
            return
        reply.discarded = True
        reply.turn.cancel.set()
        reply.go.set()
        self.control.release(reply.turn)

        async def take_back() -> None:
            if reply.pump is not None:
                await asyncio.gather(reply.pump, return_exceptions=True)
            self.agent.restore(reply.checkpoint)

        self._discarding.append(asyncio.ensure_future(take_back()))

    async def settled(self) -> None:
        """Every discarded reply has stopped and its conversation is restored."""
        while self._discarding:
            await self._discarding.pop(0)

    async def finish(self, reply: Reply) -> None:
        """The turn is over: whatever still runs for it ends now."""
        reply.turn.cancel.set()
        if reply.pump is not None:
            await asyncio.gather(reply.pump, return_exceptions=True)
        self.control.end(reply.turn)

    async def _pump(self, reply: Reply, text: str, images: list | None) -> None:
        """The agent's turn (its blocking work on the runner); every event goes to the reply's queue, the
        final TurnDone even when the turn was interrupted (it carries what the history needs)."""
        turn = reply.turn
        try:
            async for event in self.runner.stream(lambda: self.agent.turn(text, images=images, stop=turn.cancel)):
                reply.events.put(event, None if isinstance(event, TurnDone) else turn.generation)
                if isinstance(event, ToolCallStarted):
                    await reply.go.wait()  # a tentative reply's tool runs once its turn is confirmed
        except Exception as exc:
            await reply.go.wait()
            if not reply.discarded:  # a tentative reply's problem is the turn's once it is confirmed
                if not isinstance(exc, AssistantError):
                    log.error("the agent failed", exc_info=exc)
                self.emit(Problem(first_line(exc), turn.generation))
        finally:
            reply.events.put(None, None)
