"""Who fills a routed tool's arguments (issue 24, item 5): the router's word lists (`argument_filling = "words"`,
the default) or the chat model under the tool's JSON schema (`"model"`). With the model, the router keeps its
choice of tool and of arguments; the model's values are taken, but a file argument must name a real file (else
the router's, resolved against the folder, is used)."""

from __future__ import annotations

import pytest
from fakes import ScriptedChat, ScriptedManager
from PIL import Image

from assistant.agent import Agent, ToolCallStarted, TurnDone
from assistant.config import load_settings
from assistant.contracts import ToolCall
from assistant.errors import ConfigError
from assistant.models.policy import PromptPolicy
from assistant.routing.model_fill import FILL_PROMPT
from assistant.runtime import Runtime

WORDS = PromptPolicy(tool_results="user", compact_tools=True, tool_routing="router")
MODEL = PromptPolicy(tool_results="user", compact_tools=True, tool_routing="router", argument_filling="model")
FOX = "yeah so can you make an image of, like, a red fox"


@pytest.fixture
def routed(tmp_path, manager):
    """make(policy, *replies) -> (agent, chat): the real tools and planner, a scripted chat model."""
    root = tmp_path / "knowledge"
    (root / "photos").mkdir(parents=True)
    Image.new("RGB", (64, 48), (120, 170, 230)).save(root / "photos" / "lake.jpg")
    settings = load_settings(knowledge_dir=root, data_dir=tmp_path / "data")

    def make(policy: PromptPolicy, *replies: list) -> tuple[Agent, ScriptedChat]:
        chat = ScriptedChat(*replies)
        scripted = ScriptedManager(settings, llm=chat, text_embed=manager.get("text_embed"))
        return Runtime(settings, scripted).agent(policy=policy), chat

    return make


def _call(agent: Agent, text: str) -> tuple[str, dict, TurnDone]:
    events = list(agent.turn(text))
    [started] = [e for e in events if isinstance(e, ToolCallStarted)]
    assert isinstance(events[-1], TurnDone)
    return started.name, started.arguments, events[-1]


def test_the_model_fills_the_routed_tools_arguments_under_its_schema(routed):
    agent, chat = routed(MODEL, [ToolCall("generate_image", {"prompt": "a red fox"})])
    name, arguments, done = _call(agent, FOX)
    assert (name, arguments) == ("generate_image", {"prompt": "a red fox"})  # the model's prompt, the router's tool
    assert chat.tool_choices == ["generate_image"]  # one forced call: decoded under the tool's schema
    [[schema]] = chat.tools_offered
    assert schema["function"]["name"] == "generate_image" and "description" not in schema["function"]
    parameters = schema["function"]["parameters"]  # only the arguments the router found in the request
    assert list(parameters["properties"]) == ["prompt"] and parameters["required"] == ["prompt"]
    assert chat.prompts[0][0]["content"] == FILL_PROMPT and chat.prompts[0][-1]["content"] == FOX
    assert done.reply.startswith("Sorry, I couldn't make that picture:")  # no image model: said as it is
    assert done.timings["fill_s"] > 0 and done.timings["decide_s"] >= done.timings["fill_s"]


def test_a_file_the_model_names_must_be_a_real_file(routed):
    agent, chat = routed(MODEL, [ToolCall("describe_image", {"image": "photos/lake-at-night.jpg"})])
    name, arguments, _ = _call(agent, "um, describe the lake photo for me")
    assert name == "describe_image" and arguments["image"] == "photos/lake.jpg"  # the router's, resolved
    assert chat.tool_choices == ["describe_image"]
    agent, _ = routed(MODEL, [ToolCall("describe_image", {"image": "photos/lake.jpg"})])
    assert _call(agent, "describe lake.jpg")[1]["image"] == "photos/lake.jpg"  # a real one is taken


def test_nothing_usable_from_the_model_keeps_the_routers_arguments(routed):
    agent, _ = routed(MODEL, [ToolCall("generate_image", {"prompt": "  "})])
    assert _call(agent, "Draw a lighthouse at sunset.")[1] == {"prompt": "a lighthouse at sunset"}


def test_words_mode_is_unchanged_and_asks_the_model_nothing(routed):
    agent, chat = routed(WORDS, ["Here is your fox!"])
    name, arguments, done = _call(agent, "Draw a lighthouse at sunset.")
    assert (name, arguments) == ("generate_image", {"prompt": "a lighthouse at sunset"})
    assert chat.prompts == [] and "fill_s" not in done.timings


def test_the_option_is_checked():
    assert PromptPolicy.from_options({}).argument_filling == "words"
    assert PromptPolicy.from_options({"argument_filling": "model"}).argument_filling == "model"
    with pytest.raises(ConfigError, match="argument_filling"):
        PromptPolicy.from_options({"argument_filling": "llm"})
