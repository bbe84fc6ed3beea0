"""The chat engines. The embedded default, the real Qwen2.5-Coder-0.5B GGUF on llama.cpp: answers, streams,
stops, calls tools, reuses and restores its prefix, counts tokens as the template renders them. The
transformers engine (the spark profile's, and VLMs) on tiny random models. Greedy decoding throughout."""

from __future__ import annotations


import pytest

from assistant.cancel import Cancel
from assistant.chat.toolcalls import parse_tool_calls
from assistant.contracts import Text, ToolCall, Usage

SYSTEM = {"role": "system",
          "content": "You are a helpful voice assistant. When a tool fits the request, call it; otherwise answer briefly."}


def _tool(name: str, description: str, arg: str, arg_description: str) -> dict:
    return {"type": "function", "function": {
        "name": name, "description": description,
        "parameters": {"type": "object", "properties": {arg: {"type": "string", "description": arg_description}},
                       "required": [arg]}}}


TOOLS = [
    _tool("transcribe_audio", "Transcribe speech in an audio file to text.", "file", "path of the audio file"),
    _tool("search_knowledge", "Search the user's documents and notes.", "query", "what to search for"),
    _tool("generate_image", "Generate an image from a text description.", "prompt", "description of the image"),
]
TOOL_NAMES = {t["function"]["name"] for t in TOOLS}


def ask(text: str) -> list[dict]:
    return [SYSTEM, {"role": "user", "content": text}]


def texts(chunks) -> list[str]:
    return [c.text for c in chunks if isinstance(c, Text)]


@pytest.fixture(scope="module")
def llm(manager):
    return manager.get("llm")


@pytest.mark.slow
def test_facts(llm):
    from assistant.chat.llamacpp import LlamaCppChatModel

    assert isinstance(llm, LlamaCppChatModel) and not llm.capabilities.vision
    assert llm.context_length == 4096  # sized by the embedded model's prompt budget
    assert 3e8 < llm.memory_bytes() < 8e8  # the Q4_K_M file as it is, no fp32 copy
    plain = llm.count_tokens(ask("hi"))
    assert 10 < plain < llm.count_tokens(ask("hi"), TOOLS)


@pytest.mark.slow
def test_counts_tokens_as_the_template_renders_them(llm):
    for messages, tools in ((ask("What is the capital of France?"), None), (ask("Find my notes"), TOOLS)):
        llm.chat(messages, tools, max_new_tokens=1)
        assert llm.last_stats["prompt_tokens"] == llm.count_tokens(messages, tools)


@pytest.mark.slow
def test_answers_and_streams(llm):
    question = ask("What is the capital of France?")
    reply = llm.chat(question, max_new_tokens=24)
    assert "Paris" in reply
    chunks = list(llm.stream(question, max_new_tokens=24))
    deltas = texts(chunks)
    assert len(deltas) > 1 and isinstance(chunks[-1], Usage) and chunks[-1].new_tokens >= len(deltas)
    assert "".join(deltas) == reply  # greedy, and the second run reused the first one's KV cache
    assert llm.last_stats["reused_tokens"] == llm.last_stats["prompt_tokens"] - 1


@pytest.mark.slow
def test_stop_event_ends_generation_early(llm):
    stop = Cancel()
    deltas = []
    for chunk in llm.stream(ask("Write a long story about a dragon who learns to bake bread."), max_new_tokens=200,
                            stop=stop):
        deltas += texts([chunk])
        if len(deltas) == 3:
            stop.set()
    assert len(deltas) <= 5
    assert llm.last_stats["new_tokens"] < 12  # of the 200 it could have written
    # already set: nothing at all
    assert list(llm.stream(ask("Hello"), stop=stop)) == []


@pytest.mark.slow
def test_closing_the_stream_early_frees_the_model(llm):
    stream = llm.stream(ask("Count from 1 to 100."), max_new_tokens=200)
    next(stream)
    stream.close()  # the generation stops at its next token; the model takes the next request
    assert "Paris" in llm.chat(ask("What is the capital of France?"), max_new_tokens=16)


@pytest.mark.slow
@pytest.mark.parametrize("request_text, tool, argument, expected", [
    ("Transcribe the recording meeting.wav", "transcribe_audio", "file", "meeting.wav"),
    ("Search my notes for the budget meeting", "search_knowledge", "query", "budget"),
])
def test_a_required_call_comes_back_as_data_that_fits_its_schema(llm, request_text, tool, argument, expected):
    """tool_choice "required" (and a tool's name): the call is decoded under a grammar made from the schemas, so
    this 0.5B model, which writes calls as loose JSON in its prose, gives a ToolCall, and no text."""
    import jsonschema

    for choice in ("required", tool):
        chunks = list(llm.stream(ask(request_text), TOOLS, max_new_tokens=64, tool_choice=choice))
        calls = [c for c in chunks if isinstance(c, ToolCall)]
        assert [c.name for c in calls] == [tool] and not texts(chunks), chunks
        schema = next(t["function"]["parameters"] for t in TOOLS if t["function"]["name"] == tool)
        jsonschema.validate(calls[0].arguments, schema)
        assert expected in calls[0].arguments[argument]


@pytest.mark.slow
def test_a_reply_follows_a_json_schema_or_a_grammar_asked_for(llm):
    import json

    import jsonschema

    schema = {"type": "object", "properties": {"city": {"type": "string"}, "country": {"type": "string"}},
              "required": ["city", "country"], "additionalProperties": False}
    reply = "".join(texts(llm.stream(ask("Where is the Eiffel Tower?"), max_new_tokens=40, response_schema=schema)))
    jsonschema.validate(json.loads(reply), schema)
    answer = "".join(texts(llm.stream(ask("Is Paris in France?"), max_new_tokens=4, grammar='root ::= "yes" | "no"')))
    assert answer in ("yes", "no")


@pytest.mark.slow
def test_an_answer_without_tools_never_opens_as_a_call(llm):
    """tool_choice "none": whatever the conversation shows, the reply is prose (a grammar keeps it from opening
    with "{", "[" or "<"), streamed at once."""
    shown = [*ask("Search my notes for the budget meeting"), {"role": "assistant", "content": "", "tool_calls": [
        {"id": "call_0", "type": "function", "function": {"name": "search_knowledge",
                                                          "arguments": '{"query": "budget meeting"}'}}]},
             {"role": "tool", "tool_call_id": "call_0", "content": "notes/budget.md: the budget was cut by 10%."},
             {"role": "user", "content": "And search for the offsite too."}]
    reply = "".join(texts(llm.stream(shown, max_new_tokens=40, tool_choice="none")))
    assert reply.strip() and reply.lstrip()[0] not in "{[<", reply


@pytest.mark.slow
def test_answers_without_a_tool_when_none_fits(llm):
    reply = llm.chat(ask("What is the capital of France?"), TOOLS, max_new_tokens=24)
    assert parse_tool_calls(reply, TOOL_NAMES) == []
    assert "Paris" in reply


@pytest.mark.slow
def test_prefix_reuse_gives_the_same_answer(llm):
    """The system prompt + tool schemas are processed once; a later turn's output is unchanged by reuse."""
    llm.chat(ask("Transcribe the recording meeting.wav"), TOOLS, max_new_tokens=4)
    question = ask("Generate an image of a red fox in the snow")
    reused = llm.chat(question, TOOLS, max_new_tokens=48)
    stats = dict(llm.last_stats)
    llm.reset_cache()
    fresh = llm.chat(question, TOOLS, max_new_tokens=48)
    prefix = llm.count_tokens([SYSTEM], TOOLS)
    assert stats["reused_tokens"] >= prefix - 8  # all but the closing tokens of the system turn
    assert llm.last_stats["reused_tokens"] == 0
    assert reused == fresh
    (call,) = [c for c in llm.stream(question, TOOLS, max_new_tokens=48, tool_choice="required")
               if isinstance(c, ToolCall)]
    assert call.name == "generate_image" and "fox" in call.arguments["prompt"]


@pytest.mark.slow
def test_a_warmed_prefix_is_restored_after_a_restart(llm):
    """warm() keeps the KV cache of the fixed start of the prompt in a file beside the model: a new process
    (here: a second engine on the same file) restores it instead of processing the prompt again."""
    import uuid

    from assistant.chat.llamacpp import load_llamacpp_chat
    from assistant.models.specs import PROFILE_SPECS

    system = {"role": "system", "content": f"You are a careful assistant (session {uuid.uuid4().hex})."}
    prefix = [system, {"role": "user", "content": "Hello."}]
    states = set(llm._state_dir.glob("*.slot"))
    llm.warm(prefix, TOOLS)  # processed (a turn about to start), nothing kept
    assert set(llm._state_dir.glob("*.slot")) == states
    llm.warm(prefix, TOOLS, keep=True)
    [saved] = set(llm._state_dir.glob("*.slot")) - states  # this prefix's KV cache, on disk
    again = load_llamacpp_chat(llm.path, PROFILE_SPECS["embedded"]["llm"], None)
    try:
        again.warm(prefix, TOOLS, keep=True)  # restored from the file
        again.chat([system, {"role": "user", "content": "What is the capital of France?"}], TOOLS, max_new_tokens=8)
        assert again.last_stats["reused_tokens"] >= again.count_tokens([system], TOOLS) - 8
    finally:
        again.close()
        saved.unlink()


# -- the transformers engine, on tiny random models -------------------------------------------------------
def test_transformers_engine_streams_stops_and_reuses_its_prefix(tmp_path):
    from tiny_models import build_tiny_chat

    from assistant.chat.local import load_transformers_chat
    from assistant.models.device import DevicePlan
    from assistant.models.specs import ModelSpec

    folder = build_tiny_chat(tmp_path / "chat")
    model = load_transformers_chat(folder, ModelSpec("llm", str(folder), "transformers", "tiny", 0.0),
                                   DevicePlan("cpu", "float32", None))
    assert model.capabilities.reuse_prefix and not model.capabilities.vision
    messages = [{"role": "system", "content": "A fixed system prompt " * 4}, {"role": "user", "content": "hi"}]
    first = model.chat(messages, max_new_tokens=8, temperature=0.0)
    assert model.last_stats["reused_tokens"] == 0 and model.last_stats["prompt_tokens"] == model.count_tokens(messages)
    again = model.chat(messages, max_new_tokens=8)
    assert again == first and model.last_stats["reused_tokens"] == model.last_stats["prompt_tokens"] - 1
    stop = Cancel()
    deltas = []
    for delta in model.stream(messages, max_new_tokens=50, stop=stop):
        deltas.append(delta)
        stop.set()
    assert model.last_stats["new_tokens"] <= 2  # stopped at the next token
    model.reset_cache()
    model.chat(messages, max_new_tokens=2)
    assert model.last_stats["reused_tokens"] == 0


def test_vision_language_model_loads_as_vlm(tmp_path):
    """A folder whose config has a vision tower loads with AutoModelForImageTextToText + AutoProcessor."""
    from PIL import Image
    from tiny_models import build_tiny_vlm

    from assistant.chat.local import load_transformers_chat
    from assistant.models.device import DevicePlan
    from assistant.models.specs import ModelSpec

    folder = build_tiny_vlm(tmp_path / "vlm")
    spec = ModelSpec("llm", str(folder), "transformers", "tiny Qwen3-VL", 0.0)
    vlm = load_transformers_chat(folder, spec, DevicePlan("cpu", "float32", None))
    assert vlm.capabilities.vision and vlm.processor is not None
    assert vlm.context_length == 2048
    deltas = list(vlm.stream([{"role": "user", "content": "hello"}], max_new_tokens=6))
    assert vlm.last_stats["new_tokens"] == 6 and deltas[-1] == Usage(vlm.count_tokens(
        [{"role": "user", "content": "hello"}]), 0, 6) and all(isinstance(d, Text) for d in deltas[:-1])
    image = Image.new("RGB", (64, 64), (200, 10, 10))
    message = {"role": "user", "content": [{"type": "image", "image": image}, {"type": "text", "text": "what?"}]}
    assert vlm.count_tokens([message]) > vlm.count_tokens([{"role": "user", "content": "what?"}])
    vlm.chat([message], max_new_tokens=4)
    assert vlm.last_stats == {"prompt_tokens": vlm.count_tokens([message]), "reused_tokens": 0, "new_tokens": 4}


def test_one_model_serves_llm_and_vlm_in_the_spark_profile(tmp_path):
    """Spark: the same Qwen-VL plays `llm` and `vlm`; the registry loads it once and it describes images."""
    from PIL import Image
    from tiny_models import build_tiny_vlm

    from assistant.config import load_settings
    from assistant.models import ModelManager

    folder = str(build_tiny_vlm(tmp_path / "vlm"))
    mgr = ModelManager(load_settings(profile="spark", device="cpu", data_dir=tmp_path / "data",
                                     models={"llm": folder, "vlm": folder}))
    llm = mgr.get("llm")
    assert mgr.get("vlm") is llm and set(mgr.loaded()) == {"llm", "vlm"}
    answer = llm.describe(Image.new("RGB", (64, 64), (10, 200, 10)), "what colour?", max_new_tokens=3)
    assert isinstance(answer, str) and llm.last_stats["new_tokens"] == 3


@pytest.mark.slow
def test_a_long_answer_does_not_fall_into_a_loop(llm):
    # greedy decoding of the 0.5B model repeated sentences until the token limit ("The bicycle's frame is
    # made of metal or plastic, ..." 7 times); DRY sampling in the llama.cpp engine stops that
    import collections
    import re

    from assistant.agent import SYSTEM_PROMPT

    text = llm.chat([{"role": "system", "content": SYSTEM_PROMPT},  # the agent's prompt, as `assistant ask`
                     {"role": "user", "content": "Explain how a bicycle works."}], max_new_tokens=400)
    sentences = [s.strip().lower() for s in re.split(r"[.!?]", text) if len(s.split()) >= 4]
    assert len(sentences) >= 3, text
    assert max(collections.Counter(sentences).values()) == 1, text
