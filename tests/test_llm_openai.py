"""The "openai" chat backend against a real local HTTP server (starlette + uvicorn in a thread) that
plays scripted replies the way vLLM / llama.cpp / Ollama do: SSE streams, JSON replies, errors."""

from __future__ import annotations

import base64
import io
import json
import socket
import threading
import time

import pytest
from PIL import Image
from scripted_llm import call_reply, serve, text_reply

from assistant.cancel import Cancel
from assistant.config import load_settings
from assistant.errors import AssistantError, ModelUnavailable
from assistant.chat.server import OpenAIChatModel, load_openai_chat
from assistant.models import ModelManager
from assistant.contracts import Text, ToolCall, Usage, text_of
from assistant.contracts import ToolResult


@pytest.fixture(scope="module")
def server():
    with serve() as scripted:
        yield scripted


@pytest.fixture
def scripted(server):
    server.reset()
    return server


@pytest.fixture
def llm(scripted):
    model = OpenAIChatModel(scripted.url, model="scripted-model")
    yield model
    model.close()


def _dead_url() -> str:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{s.getsockname()[1]}/v1"  # nothing listens once the socket closes


# -- streaming ------------------------------------------------------------------------------------
def test_text_deltas_arrive_as_the_server_sends_them(llm, scripted):
    scripted.replies.append(text_reply("Penguins ", "huddle ", "together.", delay=0.3))
    arrivals = []
    for chunk in llm.stream([{"role": "user", "content": "penguins?"}], max_new_tokens=64, temperature=0.5):
        arrivals.append((time.monotonic(), chunk))
    assert [c for _, c in arrivals] == [Text("Penguins "), Text("huddle "), Text("together."),
                                        Usage(prompt_tokens=11, new_tokens=3)]
    arrivals.pop()
    assert arrivals[-1][0] - arrivals[0][0] > 0.45  # one at a time, not all at the end
    body = scripted.requests[-1]["body"]
    assert body["stream"] is True and body["stream_options"] == {"include_usage": True}
    assert body["model"] == "scripted-model" and body["max_tokens"] == 64 and body["temperature"] == 0.5
    assert body["messages"] == [{"role": "user", "content": "penguins?"}]
    assert llm.last_stats == {"prompt_tokens": 11, "new_tokens": 3}
    assert "authorization" not in scripted.requests[-1]["headers"]


def test_chat_is_one_non_streaming_request(llm, scripted):
    scripted.replies.append(text_reply("All ", "of ", "it."))
    assert llm.chat([{"role": "user", "content": "hi"}]) == "All of it."
    assert scripted.requests[-1]["body"]["stream"] is False
    assert llm.last_stats == {"prompt_tokens": 11, "new_tokens": 3}


def test_structured_tool_calls_come_back_as_data(llm, scripted):
    """The server's tool calls arrive as ToolCall chunks, assembled from their fragments: never text."""
    scripted.replies.append(call_reply(("search_knowledge", {"query": "emperor penguins", "limit": 3}),
                                       ("describe_image", {"image": "birds/p.jpg"}), prose="Let me look."))
    tools = [{"type": "function", "function": {"name": "search_knowledge", "parameters": {"type": "object"}}}]
    chunks = list(llm.stream([{"role": "user", "content": "find penguins"}], tools=tools))
    calls = [c for c in chunks if isinstance(c, ToolCall)]
    assert [(c.name, c.arguments) for c in calls] == [
        ("search_knowledge", {"query": "emperor penguins", "limit": 3}), ("describe_image", {"image": "birds/p.jpg"})]
    assert text_of(chunks) == "Let me look." and all(c.id for c in calls)
    assert scripted.requests[-1]["body"]["tools"] == tools and "tool_choice" not in scripted.requests[-1]["body"]
    # the same through a non-streaming reply, with a call demanded by name
    scripted.replies.append(call_reply(("search_knowledge", {"query": "x"})))
    chunks = llm.reply([{"role": "user", "content": "x"}], tools=tools, tool_choice="search_knowledge")
    assert [(c.name, c.arguments) for c in chunks if isinstance(c, ToolCall)] == [("search_knowledge", {"query": "x"})]
    assert scripted.requests[-1]["body"]["tool_choice"] == {"type": "function",
                                                            "function": {"name": "search_knowledge"}}


def test_stop_event_ends_a_slow_stream_promptly_and_closes_the_connection(llm, scripted):
    scripted.replies.append(text_reply(*[f"w{i} " for i in range(50)], delay=0.4, first_delay=0.05))
    stop = Cancel()
    got = []
    stream = llm.stream([{"role": "user", "content": "talk"}], stop=stop)
    got.append(next(stream))
    stop.set()
    got += list(stream)
    assert len(got) == 1  # of the 50 words the server would send
    assert scripted.disconnected.wait(3), "the server did not see the client go"


@pytest.mark.parametrize("streamed, delay", [(True, {"first_delay": 3600}), (True, {"header_delay": 3600}),
                                             (False, {"header_delay": 3600})])
def test_stop_before_the_first_token_does_not_wait_for_the_server(llm, scripted, delay, streamed):
    """The server would take an hour to say anything: only the stop can end the call."""
    scripted.replies.append({**text_reply("late", delay=0), **delay})
    stop = Cancel()
    threading.Thread(target=lambda: scripted.received.wait(30) and stop.set(), daemon=True).start()
    messages = [{"role": "user", "content": "hi"}]
    outcome: list = []
    call = threading.Thread(target=lambda: outcome.append(
        list(llm.stream(messages, stop=stop)) if streamed else llm.chat(messages, stop=stop)))
    call.start()
    call.join(60)  # a guard against hanging the suite, not a time limit: the call ends at the stop
    assert not call.is_alive() and outcome in ([[]], [""])
    assert scripted.disconnected.wait(3), "the server did not see the client go"
    count = len(scripted.requests)
    assert list(llm.stream(messages, stop=stop)) == [] and llm.chat(messages, stop=stop) == ""  # already set
    assert len(scripted.requests) == count  # ... so no request at all


def test_closing_the_iterator_closes_the_response(llm, scripted):
    scripted.replies.append(text_reply(*["x"] * 20, delay=0.3, first_delay=0))
    stream = llm.stream([{"role": "user", "content": "hi"}])
    assert next(stream) == Text("x")
    stream.close()
    assert scripted.disconnected.wait(3)


# -- messages -------------------------------------------------------------------------------------
def test_images_tool_calls_and_tool_results_go_out_in_openai_form(scripted):
    model = OpenAIChatModel(scripted.url, model="scripted-model", vision=True)
    picture = Image.new("RGB", (6, 4), "red")
    messages = [
        {"role": "user", "content": [{"type": "image", "image": picture}, {"type": "text", "text": "what?"}]},
        {"role": "assistant", "content": "", "tool_calls": [{"id": "call_0", "type": "function", "function": {
            "name": "search_knowledge", "arguments": {"query": "q"}}}]},
        {"role": "tool", "content": "1 result", "tool_call_id": "call_0", "name": "search_knowledge"},
    ]
    list(model.stream(messages))
    sent = scripted.requests[-1]["body"]["messages"]
    image_part = sent[0]["content"][0]
    assert image_part["type"] == "image_url" and sent[0]["content"][1] == {"type": "text", "text": "what?"}
    url = image_part["image_url"]["url"]
    assert url.startswith("data:image/png;base64,")
    assert Image.open(io.BytesIO(base64.b64decode(url.split(",", 1)[1]))).size == (6, 4)
    assert sent[1]["tool_calls"][0]["function"] == {"name": "search_knowledge", "arguments": '{"query": "q"}'}
    assert sent[2]["role"] == "tool" and sent[2]["tool_call_id"] == "call_0"
    assert messages[0]["content"][0]["image"] is picture  # the caller's messages are left alone
    scripted.replies.append(text_reply("A red rectangle."))
    assert model.describe(picture) == "A red rectangle."
    assert scripted.requests[-1]["body"]["messages"][0]["content"][0]["type"] == "image_url"
    model.close()


def test_text_only_server_model_refuses_describe(llm):
    assert not llm.capabilities.vision
    with pytest.raises(AssistantError, match="not marked as a vision model"):
        llm.describe(Image.new("RGB", (2, 2)))


# -- settings, discovery, facts -------------------------------------------------------------------
def _spec(url: str, **options):
    from assistant.models.specs import PROFILE_SPECS

    return PROFILE_SPECS["embedded"]["llm"].with_source(url, "openai", options)


def test_api_key_from_the_named_environment_variable(scripted, monkeypatch):
    monkeypatch.setenv("SCRIPTED_KEY", "sk-test-123")
    model = load_openai_chat(scripted.url, _spec(scripted.url, model="scripted-model", api_key_env="SCRIPTED_KEY"),
                             None)
    list(model.stream([{"role": "user", "content": "hi"}]))
    assert scripted.requests[-1]["headers"]["authorization"] == "Bearer sk-test-123"
    model.close()


def test_model_and_context_length_discovered_from_the_server(scripted):
    model = load_openai_chat(scripted.url, _spec(scripted.url), None)
    assert scripted.requests == []  # loading contacts nothing
    assert model.context_length == 2048 and model.name == "scripted-model"
    list(model.stream([{"role": "user", "content": "hi"}]))
    assert [r["path"] for r in scripted.requests] == ["/v1/models", "/v1/chat/completions"]
    assert scripted.requests[-1]["body"]["model"] == "scripted-model"
    assert model.memory_bytes() == 0 and model.count_tokens([{"role": "user", "content": "x" * 400}]) > 100
    scripted.models = []
    with pytest.raises(ModelUnavailable, match="lists no models"):
        list(load_openai_chat(scripted.url, _spec(scripted.url), None).stream([{"role": "user", "content": "hi"}]))
    model.close()


def test_dead_server_is_model_unavailable_naming_the_url():
    url = _dead_url()
    model = load_openai_chat(url, _spec(url, model="m"), None)  # lazy: loading works
    with pytest.raises(ModelUnavailable) as info:
        list(model.stream([{"role": "user", "content": "hi"}]))
    message = str(info.value)
    assert url in message and "start it" in message and "\n" not in message


@pytest.mark.parametrize("status, server_says, error, hint", [
    (401, "Invalid API key", AssistantError, "SCRIPTED_KEY"),
    (404, "The model `nope` does not exist.", ModelUnavailable, "options.model"),
    (400, "This model's maximum context length is 2048 tokens. However, you requested 5000 tokens.",
     AssistantError, "HTTP 400"),
])
def test_http_errors_name_the_status_and_the_servers_message(scripted, status, server_says, error, hint):
    model = OpenAIChatModel(scripted.url, model="nope", api_key_env="SCRIPTED_KEY")
    for call in (lambda: list(model.stream([{"role": "user", "content": "hi"}])),
                 lambda: model.chat([{"role": "user", "content": "hi"}])):
        scripted.replies.append({"status": status, "message": server_says})
        with pytest.raises(error) as info:
            call()
        message = str(info.value)
        assert f"HTTP {status}" in message and server_says in message and hint in message
    model.close()


def test_manager_loads_the_backend_from_settings(scripted, tmp_path):
    settings = load_settings(data_dir=tmp_path, models={"llm": {
        "source": scripted.url, "backend": "openai", "options": {"model": "scripted-model", "context_length": 4000}}})
    manager = ModelManager(settings, memory_budget_bytes=1)
    llm = manager.get("llm")
    assert isinstance(llm, OpenAIChatModel) and manager.get("llm") is llm
    assert llm.context_length == 4000
    row = next(r for r in manager.status() if r.role == "llm")
    assert (row.origin, row.ready, row.loaded, row.size_bytes) == ("server", True, True, None)
    assert manager.loaded()["llm"]["bytes"] == 0
    scripted.replies.append(text_reply("hello"))
    assert text_of(llm.stream([{"role": "user", "content": "hi"}])) == "hello"
    assert manager.unload("llm")
    # a bare URL picks this backend; a URL with a file backend is a clear problem
    assert ModelManager(load_settings(data_dir=tmp_path, models={"llm": scripted.url})).spec("llm").backend == "openai"
    wrong = ModelManager(load_settings(data_dir=tmp_path, models={"llm": {"source": scripted.url,
                                                                          "backend": "transformers"}}))
    assert not wrong.locate("llm").ready and "backend" in wrong.locate("llm").problem
    with pytest.raises(ModelUnavailable, match="server URL"):
        wrong.get("llm")


# -- the agent, end to end ------------------------------------------------------------------------
def test_agent_turn_with_a_tool_call_through_the_server(scripted, tmp_path):
    from assistant.agent import TextDelta, ToolCallFinished, ToolCallStarted, TurnDone
    from assistant.runtime import Runtime

    (tmp_path / "knowledge").mkdir()
    settings = load_settings(knowledge_dir=tmp_path / "knowledge", data_dir=tmp_path / "data", models={"llm": {
        "source": scripted.url, "backend": "openai",
        "options": {"model": "scripted-model", "tool_results": "tool", "compact_tools": False,
                    "single_tool_call": False}}})
    scripted.replies += [call_reply(("search_knowledge", {"query": "penguins"})),
                         text_reply("Nothing ", "about penguins ", "in your files.")]
    runtime = Runtime(settings)
    events = list(runtime.agent().turn("Search my files for penguins"))

    started = [e for e in events if isinstance(e, ToolCallStarted)]
    finished = [e for e in events if isinstance(e, ToolCallFinished)]
    done = events[-1]
    assert [(e.name, e.arguments) for e in started] == [("search_knowledge", {"query": "penguins"})]
    assert len(finished) == 1 and not finished[0].result.is_error
    assert isinstance(done, TurnDone) and done.reply == "Nothing about penguins in your files."
    assert "".join(e.text for e in events if isinstance(e, TextDelta)) == done.reply  # the call is not shown
    first, second = (r["body"] for r in scripted.requests if r["path"] == "/v1/chat/completions")
    assert "search_knowledge" in {t["function"]["name"] for t in first["tools"]}
    call_message, tool_message = second["messages"][-2:]
    assert call_message["tool_calls"][0]["function"]["name"] == "search_knowledge"
    assert json.loads(call_message["tool_calls"][0]["function"]["arguments"]) == {"query": "penguins"}
    assert tool_message["role"] == "tool" and tool_message["tool_call_id"] == call_message["tool_calls"][0]["id"]
    assert "penguins" in tool_message["content"]
    runtime.manager.unload("llm")


def test_the_readme_config_snippet(tmp_path, monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-readme")
    config = tmp_path / "config.toml"
    config.write_text('[models.llm]\nsource = "http://localhost:8000/v1"\nbackend = "openai"\n'
                      'options = { model = "Qwen/Qwen3-VL-8B-Instruct", api_key_env = "OPENAI_API_KEY", '
                      'vision = true, context_length = 32768, timeout = 120 }\n')
    manager = ModelManager(load_settings(config, data_dir=tmp_path), memory_budget_bytes=1)
    llm = manager.get("llm")  # no server on that port: loading is lazy
    assert (llm.name, llm.capabilities.vision, llm.context_length, llm.base_url) == (
        "Qwen/Qwen3-VL-8B-Instruct", True, 32768, "http://localhost:8000/v1")
    assert llm._client.api_key == "sk-readme"  # sent as "Authorization: Bearer sk-readme"
    manager.unload("llm")


# -- the agent's own guarantees, with a scripted model ------------------------------------------------
LOOKUP_ENTERED, LOOKUP_RELEASE = threading.Event(), threading.Event()


def slow_lookup(ctx, topic: str) -> ToolResult:
    """A tool that does not finish until the test says so."""
    LOOKUP_ENTERED.set()
    LOOKUP_RELEASE.wait(60)
    return ToolResult(f"all about {topic}")


def _agent_with(scripted, tmp_path, extra_tools=()):
    from assistant.runtime import Runtime
    from assistant.tools.registry import Tool

    settings = load_settings(knowledge_dir=tmp_path / "knowledge", data_dir=tmp_path / "data", models={
        "llm": {"source": scripted.url, "backend": "openai", "options": {"model": "scripted-model"}}})
    runtime = Runtime(settings)
    agent = runtime.agent()
    for name, func in extra_tools:
        agent.tools[name] = Tool(name, "A test tool.", func)
    return agent


def test_stop_abandons_a_slow_tool_at_once_and_history_keeps_only_what_was_heard(scripted, tmp_path):
    from assistant.agent import ToolCallFinished, ToolCallStarted, TurnDone

    agent = _agent_with(scripted, tmp_path, [("slow_lookup", slow_lookup)])
    scripted.replies += [call_reply(("slow_lookup", {"topic": "otters"}))]
    stop = Cancel()
    LOOKUP_ENTERED.clear()
    LOOKUP_RELEASE.clear()
    threading.Thread(target=lambda: LOOKUP_ENTERED.wait(30) and stop.set(), daemon=True).start()
    try:
        events = list(agent.turn("Tell me about otters", stop=stop))  # returns though the tool never ends
    finally:
        LOOKUP_RELEASE.set()
    assert [e.name for e in events if isinstance(e, ToolCallStarted)] == ["slow_lookup"]
    finished = next(e for e in events if isinstance(e, ToolCallFinished))
    assert finished.result.is_error and finished.result.text == "slow_lookup was abandoned: the user interrupted"
    done = events[-1]
    assert isinstance(done, TurnDone) and done.interrupted
    agent.mark_interrupted("")
    assert agent.history == [{"role": "user", "content": "Tell me about otters"},
                             {"role": "assistant", "content": "[interrupted by the user]"}]


def test_a_failed_turn_leaves_the_history_as_it_was(scripted, tmp_path):
    agent = _agent_with(scripted, tmp_path)
    scripted.replies += [text_reply("Hello there.")]
    list(agent.turn("Hi"))
    before = [dict(m) for m in agent.history]
    scripted.replies += [{"status": 400, "message": "prompt too long"}]
    with pytest.raises(AssistantError, match="prompt too long"):
        list(agent.turn("Another question"))
    assert agent.history == before  # no unanswered user message left behind


def test_a_busy_server_is_asked_again_once(scripted):
    """The SDK retries what servers mean as "try again" (503, 429, a dropped connection): once by default."""
    model = OpenAIChatModel(scripted.url, model="scripted-model")
    scripted.replies += [{"status": 503, "message": "the engine is loading"}, text_reply("Ready.")]
    assert model.chat([{"role": "user", "content": "hi"}]) == "Ready."
    assert [r["path"] for r in scripted.requests] == ["/v1/chat/completions"] * 2
    scripted.replies += [{"status": 503, "message": "still loading"}, {"status": 503, "message": "still loading"}]
    with pytest.raises(AssistantError, match="HTTP 503: still loading"):
        model.chat([{"role": "user", "content": "hi"}])
    model.close()


def test_a_stop_during_a_servers_retry_after_ends_the_wait(scripted):
    """The server asks to come back in a minute: the wait before the retry ends at the stop."""
    model = OpenAIChatModel(scripted.url, model="scripted-model", max_retries=3)
    scripted.replies += [{"status": 503, "message": "busy", "headers": {"Retry-After": "60"}}]
    stop = Cancel()
    threading.Thread(target=lambda: scripted.received.wait(30) and stop.set(), daemon=True).start()
    outcome: list = []
    call = threading.Thread(target=lambda: outcome.append(model.chat([{"role": "user", "content": "hi"}], stop=stop)))
    call.start()
    call.join(60)  # a guard against hanging the suite: without the stop the waits add up to 30 s
    assert not call.is_alive() and outcome == [""]
    assert len(scripted.requests) == 1  # no retry after the stop
    model.close()


def test_loading_through_the_registry_contacts_nothing(scripted, tmp_path):
    """The registry checks a loaded model against its role without reading its properties (a server
    model's context length is asked of the server on first use, not at load)."""
    settings = load_settings(data_dir=tmp_path, models={"llm": {"source": scripted.url, "backend": "openai"}})
    manager = ModelManager(settings, memory_budget_bytes=1)
    llm = manager.get("llm")
    assert scripted.requests == []
    assert llm.context_length == 2048 and [r["path"] for r in scripted.requests] == ["/v1/models"]
    manager.unload("llm")
