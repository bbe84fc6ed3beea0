"""How the agent prompts one chat model: resolved once from the `llm` spec's options, then given to the agent.
It lives with the model registry because it is part of a model's spec (its option keys are checked there).

Small models need help that big ones do not (measured on Qwen2.5-Coder-0.5B: it loops on `role: tool`
messages and recites example calls from long tool descriptions), so these are per-model settings, and a
model the user chooses does not inherit the embedded model's (`specs.SMALL_MODEL_TUNING`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any, Literal

from ..errors import ConfigError


@dataclass(frozen=True)
class PromptPolicy:
    tool_results: Literal["tool", "user"] = "tool"  # tool results as `tool` messages, or as a user message
    compact_tools: bool = False  # first sentence of each description, no examples
    single_tool_call: bool = False  # one call per round; stop the model once that call is complete
    context_tokens: int | None = None  # the prompt budget (None: the model's context length)
    # who picks the tool: the model itself ("model"), or the router with arguments read from the request
    # ("router": routing.Planner, for a small model that cannot choose reliably; the model only answers)
    tool_routing: Literal["model", "router"] = "model"
    # with the router, who fills the chosen tool's arguments: the word lists ("words": `routing.arguments`), or
    # the model under the tool's JSON schema ("model": `routing.model_fill`, a constrained generation per call)
    argument_filling: Literal["words", "model"] = "words"
    # with the router, the most sentences (or list lines) an answer from the model's own knowledge may have (None:
    # no limit): a small model's long lists are where its invented names and numbers come from, and a spoken answer
    # is short
    answer_sentences: int | None = None

    @classmethod
    def from_options(cls, options: Mapping[str, Any]) -> PromptPolicy:
        """The policy in a model's options (`models.llm.options`); other option keys belong to the backend."""
        given = {k: options[k] for k in OPTION_KEYS if k in options}
        if given.get("tool_results", "tool") not in ("tool", "user"):
            raise ConfigError(f"models.llm.options.tool_results must be \"tool\" or \"user\", not "
                              f"{given['tool_results']!r}")
        if given.get("tool_routing", "model") not in ("model", "router"):
            raise ConfigError(f"models.llm.options.tool_routing must be \"model\" or \"router\", not "
                              f"{given['tool_routing']!r}")
        if given.get("argument_filling", "words") not in ("words", "model"):
            raise ConfigError(f"models.llm.options.argument_filling must be \"words\" or \"model\", not "
                              f"{given['argument_filling']!r}")
        context = given.get("context_tokens")
        if context is not None and (not isinstance(context, int) or context < 512):
            raise ConfigError(f"models.llm.options.context_tokens must be a whole number of at least 512, not "
                              f"{context!r}")
        sentences = given.get("answer_sentences")
        if sentences is not None and (not isinstance(sentences, int) or isinstance(sentences, bool) or sentences < 1):
            raise ConfigError(f"models.llm.options.answer_sentences must be a whole number of at least 1, not "
                              f"{sentences!r}")
        return cls(tool_results=given.get("tool_results", "tool"), compact_tools=bool(given.get("compact_tools")),
                   single_tool_call=bool(given.get("single_tool_call")), context_tokens=context,
                   tool_routing=given.get("tool_routing", "model"),
                   argument_filling=given.get("argument_filling", "words"), answer_sentences=sentences)


OPTION_KEYS = frozenset(f.name for f in fields(PromptPolicy))
