"""External MCP servers' tools on the embedded model's path (issue 27, `tool_routing = "router"`): the router
chooses a server's tool for a request in the words of the server's `examples` (or of the tool's own description),
never for unrelated requests; a read-only tool runs and its result is answered, a destructive one is asked about
and runs on a yes; a failure is said as it is. A real SDK server (`tests/mcp_test_server.py`) and the real MiniLM
embedder; the chat model is scripted."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest
from fakes import ScriptedChat, ScriptedManager

from assistant.agent import TextDelta, ToolCallFinished, ToolCallStarted, TurnDone
from assistant.config import McpServerSettings, load_settings
from assistant.contracts import ToolCall
from assistant.models.policy import PromptPolicy
from assistant.routing.external import ExternalCandidate, ExternalRoutes, described, words_arguments
from assistant.runtime import Runtime

SERVER = str(Path(__file__).resolve().parent / "mcp_test_server.py")
ROUTED = PromptPolicy(tool_results="user", tool_routing="router")
EXAMPLES = ["look up my note about the dentist", "look up the plumber's phone number",
            "delete my note about the party"]


class Rig:
    def __init__(self, tmp_path: Path, manager, *replies: list):
        root = tmp_path / "knowledge"
        root.mkdir()
        self.calls_file = tmp_path / "calls.txt"
        servers = {"files": McpServerSettings(command=sys.executable, args=[SERVER], timeout=20, examples=EXAMPLES,
                                              env={"TEST_MCP_CALLS": str(self.calls_file)})}
        settings = load_settings(knowledge_dir=root, data_dir=tmp_path / "data").model_copy(
            update={"mcp_servers": servers})
        self.chat = ScriptedChat(*replies)
        scripted = ScriptedManager(settings, llm=self.chat, text_embed=manager.get("text_embed"))
        self.runtime = Runtime(settings, scripted)
        self.agent = self.runtime.agent(policy=ROUTED)

    def turn(self, text: str) -> tuple[list, TurnDone]:
        events = list(self.agent.turn(text))
        done = events[-1]
        assert isinstance(done, TurnDone)
        assert "".join(e.text for e in events if isinstance(e, TextDelta)).strip() == done.reply.strip()
        return events, done

    def plan(self, text: str):
        self.agent.refresh_external()
        assert self.agent.planner is not None
        return self.agent.planner.plan(text)

    def server_calls(self) -> list[str]:
        return self.calls_file.read_text().splitlines() if self.calls_file.exists() else []


@pytest.fixture
def rig_of(tmp_path, manager):
    made: list[Rig] = []

    def make(*replies: list) -> Rig:
        made.append(Rig(tmp_path, manager, *replies))
        return made[-1]

    yield make
    for rig in made:
        rig.runtime.close()


def started(events) -> list[tuple[str, dict]]:
    return [(e.name, e.arguments) for e in events if isinstance(e, ToolCallStarted)]


def test_a_request_in_the_words_of_an_example_runs_the_read_only_tool_and_its_result_is_answered(rig_of):
    rig = rig_of(["The dentist's number is in your note: value of dentist."])
    events, done = rig.turn("Could you look up my note about the dentist?")
    assert started(events) == [("files.lookup", {"key": "dentist"})]  # the one string argument, from the words
    [finished] = [e for e in events if isinstance(e, ToolCallFinished)]
    assert finished.result.text == "value of dentist"
    assert rig.server_calls() == ["lookup dentist"]
    assert done.reply == "The dentist's number is in your note: value of dentist."
    assert rig.chat.tools_offered == [None] and rig.chat.tool_choices == ["none"]  # answered, offered no tools
    handed = rig.chat.prompts[0][-1]["content"]
    assert "value of dentist" in handed and "external server's data" in handed


def test_a_destructive_tool_is_asked_about_and_runs_on_yes(rig_of):
    rig = rig_of(["I deleted the barbecue note."])
    events, done = rig.turn("Delete my note about the barbecue")
    assert done.reply == "Shall I run delete_note on the files server (name: 'barbecue')? Say yes or no."
    assert not started(events) and rig.server_calls() == [] and rig.chat.prompts == []
    events, done = rig.turn("yes")
    assert started(events) == [("files.delete_note", {"name": "barbecue"})]
    assert rig.server_calls() == ["delete_note barbecue"]
    assert done.reply == "I deleted the barbecue note." and rig.chat.tools_offered == [None]
    _, done = rig.turn("Delete my note about the barbecue")  # asked again; a no drops it
    _, done = rig.turn("no")
    assert done.reply == "Okay, I won't." and rig.server_calls() == ["delete_note barbecue"]


def test_a_tool_known_only_from_its_description_is_chosen_for_its_own_words_and_filled_by_the_model(rig_of):
    rig = rig_of([ToolCall("files__echo", {"text": "hello there"})], ["hello there"])
    _, done = rig.turn("echo hello there")  # unannotated: asked about
    assert done.reply == "Shall I run echo on the files server (text: 'hello there')? Say yes or no."
    assert rig.chat.tool_choices == ["files__echo"]  # the model wrote the arguments, under the schema
    events, done = rig.turn("sure")
    assert started(events) == [("files.echo", {"text": "hello there"})] and done.reply == "hello there"


def test_a_failure_is_said_as_it_is(rig_of):
    rig = rig_of()
    rig.turn("Delete my note about the barbecue")
    clients = rig.runtime.mcp_clients
    assert clients is not None
    clients.close()  # the server is gone before the yes
    events, done = rig.turn("yes")
    assert started(events) == [("files.delete_note", {"name": "barbecue"})]
    assert done.reply.startswith("Sorry, I couldn't run delete_note on the files server: ")
    assert rig.chat.prompts == []  # never handed to the model to dress up


@pytest.mark.parametrize("text,local", [
    ("What is the capital of France?", None), ("Tell me a joke", None), ("What is 17 times 23?", "calculate"),
    ("Search my notes for the lake", "search_knowledge"), ("How do I boil an egg?", None),
    ("What time is it?", "date_time"), ("Draw a cat on a sofa", "generate_image"),
    ("Find my notes about the budget", "search_knowledge"),
])
def test_unrelated_requests_do_not_go_to_the_server(rig_of, text, local):
    rig = rig_of()
    plan = rig.plan(text)
    assert not str(plan.tool).startswith("files.")
    assert local is None or plan.tool == local
    planner = rig.agent.planner
    assert planner is not None and planner.external is not None and "files.lookup" in planner.external._tools


def test_the_candidates_follow_the_servers_list_without_embedding_the_local_examples_again(rig_of):
    rig = rig_of()
    assert rig.plan("Look up the plumber's phone number").tool == "files.lookup"
    planner = rig.agent.planner
    assert planner is not None and planner.external is not None
    local, vectors = planner.router._matrix, dict(planner.external._vectors)
    clients = rig.runtime.mcp_clients
    assert clients is not None and not clients.call("files.add_tool", {"name": "water_plants"}).is_error
    deadline = time.monotonic() + 10
    while "files.water_plants" not in {t.name for t in clients.tools()}:
        assert time.monotonic() < deadline
        time.sleep(0.05)
    assert rig.plan("water the plants").tool == "files.water_plants"  # by its name and description
    assert planner.router._matrix is local  # the local tools' examples: not embedded again
    assert all(planner.external._vectors[t] is v for t, v in vectors.items())  # nor the server's texts


def test_choices_and_words(manager):
    routes = ExternalRoutes(manager.get("text_embed"))
    routes.update([ExternalCandidate("home.turn_on", "home", described("turn_on", None, "Turn on a light or a device "
                                                                       "in the home. Needs the device's name."))],
                  {"home": []})
    vector = manager.get("text_embed").embed(["turn on the living room lamp"], kind="query")[0]
    assert routes.choose(vector, {None: 0.2, "calculate": 0.1}).name == "home.turn_on"
    assert routes.choose(vector, {None: 0.45}) is None  # known only from its description: far above "no tool"
    assert routes.choose(vector, {None: 0.2, "search_knowledge": 0.5}) is None  # ... and every local tool
    string = {"properties": {"name": {"type": "string"}}}
    assert words_arguments(string, "delete notes/shopping.md please", ["delete"]) == {"name": "notes/shopping.md"}
    assert words_arguments(string, "delete my note about the party", ["delete", "note"]) == {"name": "party"}
    assert words_arguments({"properties": {"a": {"type": "string"}, "b": {"type": "integer"}}}, "x y") == {}
