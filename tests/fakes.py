"""Fake model roles for tests that load no model: each implements its protocol from `assistant.roles`.

- `ScriptedChat`: a ChatModel that plays scripted replies (lists of text deltas, or of typed chunks), one
  per call, and stops the way a local model does (at most one more token after `stop` is set).
- `ScriptedManager`: a ModelManager whose roles are given objects (anything not given loads for real).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from assistant.chat.toolcalls import chunks_from_text
from assistant.contracts import ChatChunk, Text, text_of
from assistant.models import ModelManager
from assistant.roles import ChatCapabilities


class ScriptedChat:
    """Replies are lists of deltas, played in order (the last one repeats). Records every prompt, and the
    reply as it stood when it first saw `stop` set."""

    def __init__(self, *replies: list[str], context_length: int = 32768, vision: bool = False):
        self.replies = [list(r) for r in replies] or [["Hello."]]
        self.name = "scripted"
        self.capabilities = ChatCapabilities(vision=vision, reuse_prefix=False, exact_token_counts=False)
        self.context_length = context_length
        self.last_stats: dict[str, float] = {}
        self.prompts: list[list[dict]] = []
        self.tools_offered: list[list[dict] | None] = []  # the tool schemas each prompt came with
        self.tool_choices: list[str] = []  # and the tool_choice
        self.warmed: list[list[dict]] = []  # the prompts warm() was given
        self.text_at_stop: str | None = None

    def count_tokens(self, messages, tools=None) -> int:
        return sum(len(str(m.get("content", ""))) for m in messages) // 4 + len(str(tools or "")) // 4

    def stream(self, messages, tools=None, max_new_tokens=512, stop=None, temperature=0.0, *, tool_choice="auto",
               response_schema=None) -> Iterator[ChatChunk]:
        """The next scripted reply as typed chunks. A script of text deltas is read the way a text-only engine
        reads its model's text (`chunks_from_text`: calls written as text become `ToolCall`s); a script holding
        `ToolCall`s plays them as they are, as an engine whose server parses calls would."""
        self.prompts.append(list(messages))
        self.tools_offered.append(tools)
        self.tool_choices.append(tool_choice)
        deltas = self.replies.pop(0) if len(self.replies) > 1 else self.replies[0]
        if any(not isinstance(d, str) for d in deltas):
            for item in self._deltas(deltas, stop):
                yield Text(item) if isinstance(item, str) else item
            return
        yield from chunks_from_text(self._deltas(deltas, stop), tools if tool_choice != "none" else None, tool_choice)

    def _deltas(self, deltas: list, stop) -> Iterator:
        """The script's items as a model produces them: at most one more after `stop` is set, none after the
        stream is closed (both recorded in `text_at_stop`)."""
        sent = ""
        try:
            for delta in deltas:
                if stop is not None and stop.is_set():
                    if self.text_at_stop is None:
                        self.text_at_stop = sent
                    yield delta  # the token already being generated
                    return
                sent += delta if isinstance(delta, str) else ""
                yield delta
        except GeneratorExit:  # closed by the consumer: generation ends here
            if self.text_at_stop is None and sent != "".join(d for d in deltas if isinstance(d, str)):
                self.text_at_stop = sent
            raise

    def chat(self, messages, tools=None, max_new_tokens=512, stop=None, temperature=0.0) -> str:
        return text_of(self.stream(messages, tools, max_new_tokens, stop, temperature))

    def describe(self, image, question=None, max_new_tokens=256) -> str:
        return "a scripted description"

    def warm(self, messages, tools=None, keep=False) -> None:
        self.warmed.append(list(messages))

    def reset_cache(self) -> None:
        return None


class ScriptedManager(ModelManager):
    """The real registry, except for the roles given here."""

    def __init__(self, settings, **roles):
        super().__init__(settings)
        self.fakes = roles

    def get(self, role):  # type: ignore[override]
        return self.fakes[role] if role in self.fakes else super().get(role)

    def lease(self, role):  # type: ignore[override]
        return contextlib.nullcontext(self.fakes[role]) if role in self.fakes else super().lease(role)
