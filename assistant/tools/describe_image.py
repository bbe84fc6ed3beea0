"""describe_image: look at a picture with the vision-language model (`vlm` role) and describe it or answer a
question about it. The picture is a file in the knowledge folder, a generated image's id, or inline data."""

from __future__ import annotations

import base64
import binascii
import contextlib
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any

from pydantic import Field

from ..contracts import Citation, ToolResult
from ..errors import InputError
from ..routing_hints import FileArgument, Routing
from ..words import PICTURE_WORDS
from .paths import knowledge_or_generated
from .registry import ToolContext, tool

MAX_INLINE_BYTES = 20 * 1024 * 1024  # decoded size of an image sent inline (MCP clients send base64)
MAX_QUESTION_CHARS = 2000
_BASE64 = re.compile(r"[A-Za-z0-9+/\-_]+={0,2}")

ImageArg = Annotated[str, Field(
    min_length=1,
    description="The picture: a path in the knowledge folder (e.g. 'photos/cat.jpg'), a generated image's id "
                "(e.g. 'gen-20261123-101500-red-bicycle-ab12cd.png', as returned by generate_image), or "
                "inline image data as a 'data:image/png;base64,...' URI or bare base64 (at most 20 MB).")]


# -- the image argument -----------------------------------------------------------------------------
def inline_image_bytes(value: str) -> bytes | None:
    """The decoded bytes when `value` is a data: URI or bare base64 of an image, else None (a path).

    Bounded: the size is checked from the text's length before anything is decoded."""
    text = value.strip()
    if text[:5].lower() == "data:":
        header, comma, payload = text.partition(",")
        if not comma:
            raise InputError("malformed data URI: no ',' before the data")
        parts = [p.strip().lower() for p in header[5:].split(";")]
        if parts[0] and not parts[0].startswith("image/"):
            raise InputError(f"the inline data is {parts[0]}, not an image")
        if "base64" not in parts[1:]:
            raise InputError("inline images must be base64 data URIs ('data:image/png;base64,...')")
        return _decode(payload)
    if len(text) < 16 or not _looks_like_base64_image(text):
        return None
    return _decode(text)


def _looks_like_base64_image(text: str) -> bool:
    from ..knowledge.images import looks_like_image

    head = "".join(text[:64].split())[:32]
    if not _BASE64.fullmatch(head):
        return False
    try:
        return looks_like_image(base64.b64decode(head.replace("-", "+").replace("_", "/"), validate=True))
    except (binascii.Error, ValueError):
        return False


def _decode(payload: str) -> bytes:
    if len(payload) * 3 // 4 > MAX_INLINE_BYTES * 1.01 + 1024:  # whitespace and padding tolerated
        raise InputError(f"inline image too large: about {len(payload) * 3 / 4 / 2**20:.1f} MB "
                         f"(at most {MAX_INLINE_BYTES // 2**20} MB)")
    compact = "".join(payload.split()).replace("-", "+").replace("_", "/")
    compact += "=" * (-len(compact) % 4)
    try:
        data = base64.b64decode(compact, validate=True)
    except (binascii.Error, ValueError):
        raise InputError("the inline image is not valid base64") from None
    if not data:
        raise InputError("the inline image is empty")
    if len(data) > MAX_INLINE_BYTES:
        raise InputError(f"inline image too large: {len(data) / 2**20:.1f} MB "
                         f"(at most {MAX_INLINE_BYTES // 2**20} MB)")
    return data


@contextlib.contextmanager
def image_file(ctx: ToolContext, image: str) -> Iterator[tuple[Path, str | None]]:
    """(a file to read, its name relative to the knowledge folder or None for inline data).

    Inline data lives in a private temporary file for the duration, so it is opened by exactly the same
    checked code as the files in the folder (header size check before decoding, formats allowed)."""
    data = inline_image_bytes(image)
    if data is None:
        root = ctx.settings.knowledge_dir
        path = knowledge_or_generated(root, ctx.settings.generated_dir, image.strip(), "image")
        yield path, path.relative_to(root.resolve()).as_posix()
        return
    with tempfile.TemporaryDirectory(prefix="assistant-inline-") as tmp:
        path = Path(tmp) / "inline-image"
        path.write_bytes(data)
        yield path, None


def open_image_argument(ctx: ToolContext, image: str, max_side: int | None = 4096) -> tuple[Any, str | None]:
    """The picture as an RGB PIL image (pixel count limited by settings.max_image_pixels) and its name."""
    from ..knowledge.extract import ExtractionError, open_image

    with image_file(ctx, image) as (path, name):
        try:
            return open_image(path, ctx.settings.max_image_pixels, max_side=max_side), name
        except ExtractionError as exc:
            raise InputError(f"{name or 'inline image'}: {exc.reason}") from None


# -- the tool ---------------------------------------------------------------------------------------
DESCRIBE_EXAMPLES = (
    "what is in this picture", "describe the photo of the garden", "look at holiday.jpg and tell me who is there",
    "what colour is the car in the image", "read the text on the sign in the photo",
    "how many people are in the picture", "what's going on in the beach photo", "describe it",
    "now describe it", "tell me what you see in the screenshot", "what breed is the dog in my photo",
    "look at the picture of the kitchen", "what does the diagram show", "is anyone smiling in the group photo",
    "what's written on the whiteboard photo", "describe the image I just made", "what's in the painting",
    "describe la foto del jardín", "décris la photo de la plage", "was ist auf dem Foto zu sehen",
)
DESCRIBE_KEYWORDS = (
    "describ* ... photo*", "describ* ... picture*", "describ* ... image*", "describ* ... screenshot*",
    "describ* ... drawing*", "describ* ... scan*", "describ* ... jpg", "describ* ... png", "^describ* it",
    "^describ* this", "^describ* that", "^look at", "look at ... photo", "look at ... picture", "look at ... image",
    "what's in ... photo", "what is in ... photo", "what's in ... picture", "what is in ... picture",
    "what's in ... image", "what is in ... image", "in the photo", "in the picture", "in the image",
    "in this photo", "in this picture", "in this image", "in my photo", "on the photo", "in the screenshot",
    "what colour ... in", "what color ... in", "describ* ... foto*", "describ* ... imagen*", "describ* ... bild*",
    "beschreib* ... bild*", "beschreib* ... foto*", "décri* ... photo*", "décri* ... image*", "decri* ... photo*",
    "decri* ... image*", "descriv* ... foto*", "descriv* ... immagin*", "se ve en",
    "auf dem foto", "auf dem bild", "sur la photo", "nella foto", "na foto")
# The router: a picture in the knowledge folder, named or described (one that is not there is said so), and the
# request as the question when it asks more than which picture.
DESCRIBE_ROUTING = Routing("look at that picture", question="question", file=FileArgument(
    "image", "image", "picture",
    words=PICTURE_WORDS | frozenset("describe describing beschreibe beschreib décris decris descrivi".split())))


@tool("""
    Look at a picture and describe it, or answer a question about it (objects, people, text, colours,
    counts, what is happening). Use it whenever the user asks about an image: a file in their knowledge
    folder, an image made with generate_image (pass its id), or an image they attached. Without a question
    you get a short description. Returns the model's answer as text.
    """, examples=DESCRIBE_EXAMPLES, keywords=DESCRIBE_KEYWORDS, requires=("vlm",), title="Describe an image",
    routing=DESCRIBE_ROUTING)
def describe_image(
    ctx: ToolContext,
    image: ImageArg,
    question: Annotated[str | None, Field(
        max_length=MAX_QUESTION_CHARS,
        description="What to find out about the picture, e.g. 'How many people are in it?'. Leave it out "
                    "for a short description.")] = None,
) -> ToolResult:
    picture, name = open_image_argument(ctx, image)  # bad input is refused before any model loads
    with ctx.manager.lease("vlm") as model:
        answer = (model.describe(picture, (question or "").strip() or None) or "").strip()
        model_name = model.name or ctx.manager.spec("vlm").source
    label = name or "inline image"
    return ToolResult(
        text=answer or f"(the model said nothing about {label})",
        citations=[Citation(name)] if name else [],
        data={"image": label, "question": question, "answer": answer, "model": model_name,
              "width": picture.width, "height": picture.height},
    )
