"""The agent with the real embedded LLM and real tools: a plain request becomes the right tool call."""

from __future__ import annotations

from dataclasses import replace

import pytest
from fakes import ScriptedChat, ScriptedManager

from assistant.agent import TextDelta, ToolCallFinished, ToolCallStarted, TurnDone
from assistant.models.policy import PromptPolicy
from assistant.config import load_settings
from assistant.runtime import Runtime


@pytest.mark.slow
def test_search_request_calls_search_knowledge_and_cites_the_file(tmp_path, manager):
    root = tmp_path / "knowledge"
    root.mkdir()
    (root / "birds.md").write_text("# Birds\n\nEmperor penguins huddle together through the Antarctic winter.\n")
    (root / "bread.md").write_text("Bake the sourdough bread at 230 degrees for forty minutes.\n")
    settings = load_settings(knowledge_dir=root, data_dir=tmp_path / "data")
    runtime = Runtime(settings, manager)  # the session's loaded models
    runtime.knowledge.index()
    events = list(runtime.agent().turn("Search my knowledge folder for penguins"))
    started = [e for e in events if isinstance(e, ToolCallStarted)]
    finished = [e for e in events if isinstance(e, ToolCallFinished)]
    done = events[-1]
    assert isinstance(done, TurnDone) and not done.interrupted
    assert started and started[0].name == "search_knowledge"
    assert "penguin" in started[0].arguments["query"].lower()
    assert not finished[0].result.is_error
    assert finished[0].result.citations[0].file == "birds.md"
    assert "birds.md" in done.reply
    assert "".join(e.text for e in events if isinstance(e, TextDelta)).strip() == done.reply.strip()
    assert done.timings["first_token_s"] > 0 and done.timings["tool_s"] > 0


# -- the agent's early stop, on a scripted stream (no model: the deltas are what the real model sent) ----------
# Qwen2.5-Coder-0.5B (transformers 5.24) streamed its call to search_knowledge in these pieces: after `"limit": 5`
# the text closed by two braces already parses as a call, but the model is still writing its arguments. It ends
# one closing brace short (the `image` parameter's schema copied as its value).
SEARCH_CALL = ['{"name": ', '"search_knowledge", ', '"arguments": ', '{"query": ', '"penguins", ', '"kind": ',
               '"any", ', '"limit": ', '5', ', ', '"image": ', '{"anyOf": ', '[{"type": ', '"string"}, ',
               '{"type": ', '"null"}], ', '"default": ', 'null, ', '"description": ', '"Find ', 'pictures', '."}}']


def _scripted_agent(tmp_path, deltas):
    from assistant.agent import Agent

    root = tmp_path / "knowledge"
    root.mkdir()
    (root / "birds.md").write_text("# Birds\n\nEmperor penguins huddle together through the Antarctic winter.\n")
    chat = ScriptedChat(deltas)
    settings = load_settings(knowledge_dir=root, data_dir=tmp_path / "data")
    runtime = Runtime(settings, ScriptedManager(settings, llm=chat))
    model_decides = replace(PromptPolicy.from_options(runtime.manager.spec("llm").options), tool_routing="model")
    agent = Agent(runtime.manager, {"search_knowledge": runtime.tools["search_knowledge"]}, runtime.context,
                  policy=model_decides, max_rounds=1)  # the model-driven path (big models), on a scripted stream
    return agent, chat


def test_a_streamed_call_is_not_cut_off_before_it_is_complete(tmp_path):
    """The agent stops a small model after its first call, but only once the call is closed: a prefix that
    parses when closed by the repair pass is still being written, and cutting it there loses the call."""
    from assistant.chat.toolcalls import complete_tool_calls

    recital = ["\n", "The function search_knowledge", " searches", " the knowledge", " folder."]
    agent, chat = _scripted_agent(tmp_path, SEARCH_CALL + ["}"] + recital)
    events = list(agent.turn("Search my knowledge folder for penguins"))
    assert chat.text_at_stop is not None  # stopped early: the recital after the call was not generated
    assert complete_tool_calls(chat.text_at_stop, {"search_knowledge"})  # ...and not before the call was whole
    started = [e for e in events if isinstance(e, ToolCallStarted)]
    assert [(e.name, e.arguments) for e in started] == [("search_knowledge", {"query": "penguins", "kind": "any",
                                                                             "limit": 5})]  # schema copy dropped


def test_a_call_one_brace_short_at_the_end_of_the_reply_still_runs(tmp_path):
    """What the model really writes: the call, one closing brace short, then end of text. It never stops
    early (the call never closes); the finished reply is repaired."""
    agent, chat = _scripted_agent(tmp_path, SEARCH_CALL[:-1] + ['."}'])
    events = list(agent.turn("Search my knowledge folder for penguins"))
    assert chat.text_at_stop is None
    finished = [e for e in events if isinstance(e, ToolCallFinished)]
    assert [(e.name, e.arguments) for e in finished] == [("search_knowledge", {"query": "penguins", "kind": "any",
                                                                              "limit": 5})]
    assert not finished[0].result.is_error
