"""Adding a tool is one function with its examples and routing hints declared with it (issue 23): the router
(`assistant/routing/`) names no tool, and a tool it has never seen is routed to and filled in from what the
tool declares, with the real MiniLM embedder."""

from __future__ import annotations

import ast
import re
from pathlib import Path
from typing import Annotated

import pytest
from pydantic import Field

from planners import planner_over

from assistant.routing import Subject, failure_reply
from assistant.routing.digest import digest
from assistant.routing_hints import FileArgument, Query, Routing
from assistant.tools import agent_tools, all_tools
from assistant.contracts import ToolResult
from assistant.tools.registry import ToolContext, tool

ROUTING = Path(__file__).resolve().parents[1] / "assistant" / "routing"
FILES = ["recordings/dawn-chorus.wav", "recordings/standup.wav", "photos/lake.jpg", "notes/recipes.md"]


def _strings(tree: ast.AST) -> list[str]:
    return [node.value for node in ast.walk(tree) if isinstance(node, ast.Constant) and isinstance(node.value, str)]


def test_no_routing_module_names_a_registered_tool():
    names = re.compile(r"\b(" + "|".join(map(re.escape, all_tools())) + r")\b")
    named = {f"{path.name}: {match}" for path in sorted(ROUTING.glob("*.py"))
             for text in _strings(ast.parse(path.read_text(encoding="utf-8"))) for match in names.findall(text)}
    assert not named, f"routing/ names tools (declare it with the tool, `Tool.routing`): {sorted(named)}"


@tool("Name the birds singing in a recording from the user's knowledge folder.",
      examples=("which birds are singing in this recording", "what bird is that in the garden recording",
                "identify the birdsong in my audio", "name the bird calls in dawn.wav",
                "what birds can you hear in the morning recording", "is that a blackbird singing in the recording"),
      keywords=("bird*", "birdsong"),
      routing=Routing("name those birds", question="question", file=FileArgument(
          "recording", "audio", "recording",
          words=frozenset({"bird", "birds", "birdsong", "singing", "recording", "identify", "name", "hear"}))))
def identify_birds(ctx: ToolContext, recording: Annotated[str, Field(description="the recording")],
                   question: str | None = None) -> ToolResult:
    return ToolResult(f"a blackbird in {recording}")


@tool("Find recipes in the user's cookbook by dish or ingredient.",
      examples=("find a recipe with chickpeas", "do I have a recipe for lasagne", "look up my pancake recipe",
                "which of my recipes use lentils", "search my cookbook for soup"),
      keywords=("recipe*", "cookbook"),
      routing=Routing("search your cookbook", query=Query("dish"), digest="hits"))
def find_recipe(ctx: ToolContext, dish: str) -> ToolResult:
    return ToolResult(f"recipes for {dish}", data={"hits": [{"file": "notes/recipes.md", "snippet": f"{dish} soup"}]})


@pytest.fixture(scope="module")
def planner(manager, tmp_path_factory):
    tools = {**agent_tools(), identify_birds.name: identify_birds, find_recipe.name: find_recipe}
    return planner_over(tmp_path_factory.mktemp("knowledge"), FILES, manager.get("text_embed"), tools)


def test_a_new_tool_is_routed_to_and_its_file_filled_in_from_what_it_declares(planner):
    plan = planner.plan("Which birds are singing in the dawn chorus recording?")
    assert (plan.tool, plan.arguments) == ("identify_birds", {"recording": "recordings/dawn-chorus.wav"})
    plan = planner.plan("Is that a blackbird singing in dawn-chorus.wav, or a thrush?")
    assert plan.tool == "identify_birds" and plan.arguments["recording"] == "recordings/dawn-chorus.wav"
    assert "thrush" in plan.arguments["question"]
    # a follow-up takes its file from the last turn
    subject = Subject("transcribe_audio", {"file": "recordings/standup.wav"}, "transcribe the standup",
                      ["recordings/standup.wav"])
    plan = planner.plan("and which birds can you hear in it?", subject)
    assert (plan.tool, plan.arguments) == ("identify_birds", {"recording": "recordings/standup.wav"})


def test_a_new_tool_says_what_is_missing_and_how_it_failed_in_its_own_words(planner):
    plan = planner.plan("Which birds are singing in the harbour recording?")
    assert plan.tool is None and plan.reply == ("I couldn't find a recording of harbour in your "
                                                "knowledge folder.")
    assert failure_reply(identify_birds, "No bird model here.") == "Sorry, I couldn't name those birds: no bird model here."


def test_a_new_search_tool_gets_its_query_and_its_hits_digested(planner):
    plan = planner.plan("Do I have a recipe for chickpea curry?")
    assert plan.tool == "find_recipe" and plan.arguments == {"dish": "recipe chickpea curry"}
    result = find_recipe(None, dish="chickpea curry")
    assert digest(find_recipe, result) == "notes/recipes.md: chickpea curry soup"
    assert failure_reply(find_recipe, "the index is busy") == "Sorry, I couldn't search your cookbook: the index is busy."
