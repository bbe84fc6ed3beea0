"""Tool schemas as a chat model is shown them: without pydantic's titles, and (for small models) cut to
the first sentence of each description with no examples."""

from __future__ import annotations


def untitled(schema: dict) -> dict:
    """Pydantic's per-field "title" repeats the name: tokens the model reads for nothing."""
    params = schema["function"]["parameters"]
    props = {k: {kk: vv for kk, vv in v.items() if kk != "title"} for k, v in params["properties"].items()}
    return {**schema, "function": {**schema["function"], "parameters": {**params, "properties": props}}}


def compact(schema: dict) -> dict:
    """For small models: first sentence of each description, no examples (they get copied verbatim)."""
    schema = untitled(schema)
    function = schema["function"]
    props = {}
    for name, prop in function["parameters"]["properties"].items():
        prop = dict(prop)
        if "description" in prop:
            prop["description"] = _first_sentence(prop["description"].split(", e.g.")[0].split(" e.g.")[0])
        props[name] = prop
    params = {**function["parameters"], "properties": props}
    return {**schema, "function": {**function, "description": _first_sentence(function["description"]),
                                   "parameters": params}}


def _first_sentence(text: str) -> str:
    text = " ".join(text.split())
    end = text.find(". ")
    return text if end < 0 else text[: end + 1]
