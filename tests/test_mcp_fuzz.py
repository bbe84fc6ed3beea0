"""The MCP server fuzzed over stdio (issue 22): JSON-RPC messages, well formed or not, and tool arguments drawn
from each tool's own JSON schema (or anything at all), sent to one real `assistant mcp` process.

Every message that asks for an answer gets exactly one (a valid id: an answer with that id; a bad or unreadable
one: an error with id null), the server is alive afterwards, and no reply holds an absolute path that the
request did not hold itself. About a minute (FUZZ_EXAMPLES); hypothesis prints the failing message.
"""

from __future__ import annotations

import json
import os
import time
from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mcp_types import JSONRPCNotification
from test_mcp import stop
from test_mcp_robust import ABSOLUTE, RawStdio, strings

FUZZ_EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "100"))
METHODS = ["ping", "tools/list", "tools/call", "resources/list", "resources/read", "resources/templates/list",
           "prompts/list", "prompts/get", "completion/complete", "logging/setLevel", "initialize",
           "notifications/cancelled", "notifications/progress", "resources/subscribe"]
SENTINEL = "§sentinel-"

JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**63), 2**63) | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=40),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
    max_leaves=12)
GOOD_IDS = st.integers(-(2**53), 2**53) | st.text(max_size=16).filter(lambda t: not t.startswith(SENTINEL))
BAD_IDS = (st.none() | st.floats(allow_nan=False, allow_infinity=False) | st.booleans()
           | st.lists(st.integers(), max_size=2) | st.dictionaries(st.text(max_size=3), st.integers(), max_size=2))
ONE_LINE = st.text(max_size=80).filter(lambda t: not any(c in t for c in "\r\n"))


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """One server for every example, on a small folder: a note, and a recording nobody names."""
    from speech import espeak_wav

    root = tmp_path_factory.mktemp("fuzz")
    (root / "knowledge").mkdir()
    (root / "knowledge" / "notes.md").write_text("# Boat\n\nThe boat is moored at pier 4 until October.\n")
    espeak_wav("the boat is moored at pier four", root / "knowledge" / "boat.wav")
    (root / "config.toml").write_text("threads = 2\n")
    process = RawStdio(root)
    process.start()
    process.send({"jsonrpc": "2.0", "id": "tools", "method": "tools/list"})
    tools = process.answer("tools")["result"]["tools"]
    assert {t["name"] for t in tools} >= {"search_knowledge", "transcribe_audio", "ask_assistant"}, tools
    yield process, [(t["name"], t["inputSchema"]) for t in tools]
    stop(process.process)


def _valid_id(message: object) -> bool:
    request_id = message.get("id") if isinstance(message, dict) else None
    return isinstance(request_id, (str, int)) and not isinstance(request_id, bool)


def _expected(line: str) -> tuple[bool, object]:
    """(whether an answer is owed, the id it must carry)."""
    try:
        message = json.loads(line)
    except ValueError:
        return True, None
    if not isinstance(message, dict):
        return True, None
    if "id" not in message:  # a notification is never answered; one that is not well formed is (-32600)
        try:
            JSONRPCNotification.model_validate(message)
        except ValueError:
            return True, None
        return False, None
    return True, message["id"] if _valid_id(message) else None


def from_schema(schema: dict) -> st.SearchStrategy:
    """Values that fit a tool's JSON schema (the kinds pydantic writes for tool arguments), bounds included,
    and now and then values just past them."""
    if "enum" in schema:
        return st.sampled_from(schema["enum"])
    if "anyOf" in schema:
        return st.one_of([from_schema(option) for option in schema["anyOf"]])
    kind = schema.get("type")
    if kind == "object":
        properties = schema.get("properties", {})
        required = set(schema.get("required", []))
        return st.fixed_dictionaries({k: from_schema(v) for k, v in properties.items() if k in required},
                                     optional={k: from_schema(v) for k, v in properties.items() if k not in required})
    if kind == "array":
        low, high = schema.get("minItems", 0), min(schema.get("maxItems", 4), 4)
        return st.lists(from_schema(schema.get("items", {})), min_size=low, max_size=max(low, high))
    if kind == "string":
        if "pattern" in schema:
            return st.from_regex(schema["pattern"], fullmatch=True) | st.text(max_size=12)
        low = schema.get("minLength", 0)
        return st.text(min_size=low, max_size=max(low, min(schema.get("maxLength", 60), 60)))
    if kind == "integer":
        return st.integers(schema.get("minimum", -10**6) - 1, schema.get("maximum", 10**6) + 1)
    if kind == "number":
        return st.floats(allow_nan=False, allow_infinity=False)
    if kind == "boolean":
        return st.booleans()
    if kind == "null":
        return st.none()
    return JSON


def _parsed(line: str) -> object:
    try:
        return json.loads(line)
    except ValueError:
        return line


@st.composite
def lines(draw, tools):
    kind = draw(st.sampled_from(["tool", "tool", "tool", "method", "method", "garbage"]))
    if kind == "garbage":
        return draw(ONE_LINE | JSON.map(json.dumps))
    message: dict = {"jsonrpc": draw(st.sampled_from(["2.0"] * 15 + ["1.0", "2"]))}
    shape = draw(st.integers(0, 9))  # mostly requests with good ids, so that the tools themselves are reached
    if shape > 0:
        message["id"] = draw(GOOD_IDS if shape > 2 else BAD_IDS)
    if kind == "tool":
        name, schema = draw(st.sampled_from(tools))
        message["method"] = "tools/call"
        message["params"] = {"name": draw(st.sampled_from([name] * 9 + ["no_such_tool"])),
                             "arguments": draw(from_schema(schema) if draw(st.integers(0, 5)) else JSON)}
    else:
        message["method"] = draw(st.sampled_from(METHODS) | st.text(max_size=20))
        if draw(st.booleans()):
            message["params"] = draw(JSON)
    return json.dumps(message, ensure_ascii=draw(st.booleans()))


def test_every_request_is_answered_and_names_no_server_path(server):
    process, tools = server
    sent = {"n": 0}
    outcomes: Counter[str] = Counter()
    history: list[str] = []  # the server keeps its state between examples: what came before may matter
    started = time.monotonic()

    @settings(max_examples=FUZZ_EXAMPLES, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(line=lines(tools))
    def check(line: str) -> None:
        sent["n"] += 1
        history.append(line)
        sentinel = f"{SENTINEL}{sent['n']}"
        owed, request_id = _expected(line)
        process.send(line)
        process.send({"jsonrpc": "2.0", "id": sentinel, "method": "ping"})
        got: list[dict] = []

        def answered(message: dict) -> bool:
            got.append(message)
            ids = [m.get("id") for m in got if "result" in m or "error" in m]
            return sentinel in ids and (not owed or request_id in ids)

        process.read(90, answered)
        for m in got:
            if "result" in m and m.get("id") != sentinel:
                outcomes[("error" if m["result"].get("isError") else "ok") if "content" in m["result"] else "result"] += 1
            elif "error" in m:
                outcomes[f"rpc {m['error']['code']}"] += 1
        answers = [m for m in got if ("result" in m or "error" in m) and m.get("id") != sentinel]
        assert sentinel in [m.get("id") for m in got], f"the server stopped answering after {history[-3:]}: {got}"
        if owed:
            assert [m["id"] for m in answers] == [request_id], (line, answers)
            if request_id is None:
                assert answers[0]["error"]["code"] in (-32700, -32600), answers
        else:
            assert not answers, (line, answers)
        asked = "\n".join([line, *strings(_parsed(line))])
        for message in got:
            leaked = [path for text in strings(message) for path in ABSOLUTE.findall(text)
                      if path.rstrip(".,;:!?]}>") not in asked]  # a path the request held may come back
            assert not leaked, (line, leaked, message)

    check()
    assert process.process.poll() is None, "the server died"
    process.send({"jsonrpc": "2.0", "id": "last", "method": "ping"})
    assert process.answer("last", 30)["result"] == {}
    print(f"{sent['n']} messages in {time.monotonic() - started:.0f} s: {dict(outcomes)}")
