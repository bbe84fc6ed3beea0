"""The agent with the real embedded LLM and real tools: a plain request becomes the right tool call."""

from __future__ import annotations

import pytest

from assistant.agent import TextDelta, ToolCallFinished, ToolCallStarted, TurnDone
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
