"""What a chat model is shown besides its messages' text: tool schemas without pydantic's titles (for small
models cut to the first sentence of each description, with no examples), and pictures (a question about one,
a PNG data URI for a server)."""

from __future__ import annotations

from typing import Any

from ..roles import DESCRIBE_QUESTION


def image_question(image: Any, question: str | None = None) -> list[dict]:
    """Chat messages asking a vision-language chat model about one image (a short description if no question)."""
    return [{"role": "user", "content": [{"type": "image", "image": image},
                                         {"type": "text", "text": (question or "").strip() or DESCRIBE_QUESTION}]}]


def png_data_uri(image: Any) -> str:
    """A PIL image (or a data URI already) as a PNG data URI. Files are opened by the caller, with the
    knowledge folder's safety limits (`knowledge.images.open_image`)."""
    import base64
    import io

    if isinstance(image, str) and image.startswith("data:"):
        return image
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()


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
