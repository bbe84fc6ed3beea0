"""Tool-call parsing: every shape small models write, and text that must not read as a call."""

from __future__ import annotations

import pytest

from assistant.chat.toolcalls import chunks_from_text, complete_tool_calls, parse_tool_calls, strip_tool_calls
from assistant.contracts import Text, ToolCall

KNOWN = {"transcribe_audio", "search_knowledge", "generate_image"}


@pytest.mark.parametrize("text", [
    # Qwen tags
    '<tool_call>\n{"name": "transcribe_audio", "arguments": {"file": "meeting.wav"}}\n</tool_call>',
    # a ```json fence, with prose around it (what Qwen2.5-Coder-0.5B writes)
    'Sure, I will transcribe it.\n```json\n{\n  "name": "transcribe_audio",\n  "arguments": {\n'
    '    "file": "meeting.wav"\n  }\n}\n```\nDone.',
    # bare JSON inside prose
    'Calling {"name": "transcribe_audio", "arguments": {"file": "meeting.wav"}} now.',
    # "parameters" instead of "arguments"
    '{"name": "transcribe_audio", "parameters": {"file": "meeting.wav"}}',
    # arguments as a JSON string
    '{"name": "transcribe_audio", "arguments": "{\\"file\\": \\"meeting.wav\\"}"}',
    # OpenAI style
    '{"type": "function", "function": {"name": "transcribe_audio", "arguments": "{\\"file\\": \\"meeting.wav\\"}"}}',
    # an OpenAI assistant message
    '{"role": "assistant", "tool_calls": [{"id": "c1", "type": "function", "function": '
    '{"name": "transcribe_audio", "arguments": {"file": "meeting.wav"}}}]}',
    # single quotes and a trailing comma
    "{'name': 'transcribe_audio', 'arguments': {'file': 'meeting.wav',},}",
    # Python literals inside
    "{'name': 'transcribe_audio', 'arguments': {'file': 'meeting.wav', 'diarize': False}}",
])
def test_formats(text):
    calls = parse_tool_calls(text, KNOWN)
    assert len(calls) == 1
    assert calls[0].name == "transcribe_audio"
    assert calls[0].arguments["file"] == "meeting.wav"


def test_python_literals_become_json():
    (call,) = parse_tool_calls("{'name': 'transcribe_audio', 'arguments': {'file': 'a.wav', 'x': None, 'y': True}}")
    assert call.arguments == {"file": "a.wav", "x": None, "y": True}


def test_several_calls_in_tags():
    text = ('<tool_call>{"name": "search_knowledge", "arguments": {"query": "budget"}}</tool_call>\n'
            '<tool_call>{"name": "generate_image", "arguments": {"prompt": "a red fox"}}</tool_call>')
    assert parse_tool_calls(text, KNOWN) == [ToolCall("search_knowledge", {"query": "budget"}),
                                             ToolCall("generate_image", {"prompt": "a red fox"})]


def test_list_of_calls_and_separate_fences():
    listed = '[{"name": "search_knowledge", "arguments": {"query": "q"}}, {"name": "generate_image", "arguments": {}}]'
    assert [c.name for c in parse_tool_calls(listed)] == ["search_knowledge", "generate_image"]
    fenced = ('First:\n```json\n{"name": "search_knowledge", "arguments": {"query": "q"}}\n```\nThen:\n'
              '```\n{"name": "generate_image", "arguments": {"prompt": "p"}}\n```')
    assert [c.name for c in parse_tool_calls(fenced, KNOWN)] == ["search_knowledge", "generate_image"]


def test_apostrophes_and_braces_inside_strings():
    text = 'Here: {"name": "search_knowledge", "arguments": {"query": "don\'t {panic} [now]"}} ok'
    (call,) = parse_tool_calls(text, KNOWN)
    assert call.arguments == {"query": "don't {panic} [now]"}


def test_call_without_arguments_only_when_tool_is_known():
    assert parse_tool_calls('{"name": "search_knowledge"}', KNOWN) == [ToolCall("search_knowledge", {})]
    assert parse_tool_calls('{"name": "Bob"}') == []  # data about a person, not a call
    assert parse_tool_calls('{"name": "x", "arguments": null}') == [ToolCall("x", {})]


def test_unknown_tool_is_filtered():
    text = '{"name": "find_notes", "arguments": {"notes": "budget"}}'
    assert parse_tool_calls(text, KNOWN) == []
    assert parse_tool_calls(text) == [ToolCall("find_notes", {"notes": "budget"})]  # no filter given


@pytest.mark.parametrize("text", [
    "The set {1, 2, 3} has three elements; f(x) = {x | x > 0}.",
    "In Python, d = {'a': 1} is a dict and [1, 2] a list.",
    'A JSON object like {"city": "Paris", "population": 2100000} describes data.',
    '{"name": "transcribe_audio", "arguments": {"file": }}',  # malformed
    '{"name": "transcribe_audio", "arguments": {"file": "meeting',  # cut off inside a string
    '{"name": "transcribe_audio", "arguments": "not json at all"}',
    '{"name": "transcribe_audio", "arguments": [1, 2]}',
    "",
    "No tools needed: the capital of France is Paris.",
])
def test_no_call(text):
    assert parse_tool_calls(text, KNOWN) == []
    assert parse_tool_calls(text) == []


def test_strip_tool_calls():
    text = ('Let me look that up.\n<tool_call>\n{"name": "search_knowledge", "arguments": {"query": "budget"}}\n'
            '</tool_call>')
    assert strip_tool_calls(text) == "Let me look that up."
    fenced = 'Sure.\n```json\n{"name": "transcribe_audio", "arguments": {"file": "a.wav"}}\n```\nOne moment.'
    assert strip_tool_calls(fenced) == "Sure.\n\nOne moment."
    assert strip_tool_calls("Just prose {with braces}.") == "Just prose {with braces}."
    # a call to an unknown tool stays in the prose when filtering
    unknown = 'x {"name": "nope", "arguments": {}} y'
    assert strip_tool_calls(unknown, KNOWN) == unknown


def test_missing_closing_braces_at_the_end_are_repaired():
    # Small models sometimes stop before the last braces; every value is complete, so the call stands.
    text = 'Sure. {"name": "transcribe_audio", "arguments": {"file": "meeting.wav"'
    assert parse_tool_calls(text, KNOWN) == [ToolCall("transcribe_audio", {"file": "meeting.wav"})]


def test_a_call_still_being_written_is_not_complete():
    """`complete_tool_calls` (for a reply still streaming) wants the call's JSON closed; `parse_tool_calls`
    (for a finished reply) closes what a reply cut off early left open."""
    growing = '{"name": "search_knowledge", "arguments": {"query": "penguins", "limit": 5'
    assert complete_tool_calls(growing, KNOWN) == []
    assert parse_tool_calls(growing, KNOWN) == [ToolCall("search_knowledge", {"query": "penguins", "limit": 5})]
    closed = growing + "}}"
    assert complete_tool_calls(closed, KNOWN) == parse_tool_calls(closed, KNOWN)
    assert complete_tool_calls("<tool_call>\n" + closed + "\n</tool_call>", KNOWN)


@pytest.mark.parametrize("cut", [", ", ",", ",\n  "])
def test_a_reply_cut_after_a_comma_still_yields_its_call(cut):
    text = '{"name": "search_knowledge", "arguments": {"query": "penguins", "limit": 5' + cut
    assert parse_tool_calls(text, KNOWN) == [ToolCall("search_knowledge", {"query": "penguins", "limit": 5})]


def test_a_cut_off_string_or_key_is_not_a_call():
    for text in ['{"name": "search_knowledge", "arguments": {"query": "peng',
                 '{"name": "search_knowledge", "arguments": {"query": "penguins", "limit": ']:
        assert parse_tool_calls(text, KNOWN) == []


# -- a text-only engine's reply as typed chunks -------------------------------------------------------------
SCHEMAS = [{"type": "function", "function": {"name": n, "parameters": {"type": "object"}}} for n in sorted(KNOWN)]


def _replayed(deltas, tools=SCHEMAS, choice="auto"):
    """The chunks, and how many deltas had been read when each came out (what was held back)."""
    read = []

    def source():
        for n, delta in enumerate(deltas, 1):
            read.append(n)
            yield delta

    return [(chunk, len(read)) for chunk in chunks_from_text(source(), tools, choice)]


def test_prose_streams_at_once_and_a_call_comes_out_whole_as_soon_as_it_is_closed():
    prose = _replayed(["```python\n", "print(1)\n", "```"], tools=None)  # no tools: every delta is prose, at once
    assert prose == [(Text("```python\n"), 1), (Text("print(1)\n"), 2), (Text("```"), 3)]
    call = _replayed(['{"name": "search_knowledge", ', '"arguments": {"query": "penguins"}}', " and more", "."])
    assert call[0] == (ToolCall("search_knowledge", {"query": "penguins"}), 2)  # before the rest was read
    assert [c for c, _ in call[1:]] == [Text("and more.")]
    answer = _replayed(["Penguins ", "live ", "south."])
    assert answer == [(Text("Penguins "), 1), (Text("live "), 2), (Text("south."), 3)]


def test_an_answer_that_may_call_nothing_loses_its_call_syntax_but_keeps_its_code():
    syntax = _replayed(['{"name": "search_knowledge", "arguments": {"query": "x"}}'], choice="none")
    assert syntax == []
    fenced = _replayed(["```bash\n", "ls\n", "```"], choice="none")  # code is the answer: streamed at once
    assert [n for _, n in fenced] == [1, 2, 3]


def test_a_named_tool_is_called_with_the_arguments_the_model_wrote_alone():
    [(call, _)] = _replayed(['{"query": ', '"penguins"}'], choice="search_knowledge")
    assert call == ToolCall("search_knowledge", {"query": "penguins"})
