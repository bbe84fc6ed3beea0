"""embed_text and embed_image: vectors from the workstation's embedders, for other agents' retrieval.

`embed_text` uses the text embedder (`text_embed`: MiniLM here, Qwen3-Embedding on the spark profile);
`embed_image` uses CLIP, whose image and text vectors share one space (text given with images comes back in
that space too, so a client can match captions against pictures). Rows are L2-normalised float32, rounded to
6 decimals; the model's name and dimension travel with them (vectors from different models do not compare).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any, Literal

from pydantic import Field

from ..contracts import ToolResult
from ..errors import InputError
from .describe_image import open_image_argument
from .registry import ToolContext, tool

MAX_TEXTS = 64
MAX_TEXT_CHARS = 8000
MAX_IMAGES = 16
DECIMALS = 6
BATCH = 16  # items embedded at once: large enough for the model's batching, small enough to stop soon

_VECTORS = {"type": "array", "items": {"type": "array", "items": {"type": "number"}}}
EMBED_OUTPUT = {
    "type": "object",
    "properties": {
        "model": {"type": "string"}, "dim": {"type": "integer"}, "count": {"type": "integer"},
        "vectors": {**_VECTORS, "description": "one L2-normalised vector per input, in order"},
        "text_vectors": {**_VECTORS, "description": "embed_image: one per text, in the images' space"},
    },
    "required": ["model", "dim", "count", "vectors"],
}


@tool("""
    Turn texts into embedding vectors with the workstation's text embedding model, for semantic search
    or clustering in another application. Use kind='query' for search queries and 'document' for the
    passages searched (some models embed them differently). Returns one normalised vector per text.
    """, requires=("text_embed",), title="Embed text", for_agent=False, output_schema=EMBED_OUTPUT)
def embed_text(
    ctx: ToolContext,
    texts: Annotated[list[Annotated[str, Field(max_length=MAX_TEXT_CHARS)]],
                     Field(min_length=1, max_length=MAX_TEXTS, description="The texts to embed.")],
    kind: Annotated[Literal["query", "document"], Field(description="'query' (what is searched for) or "
                                                                    "'document' (what is searched).")] = "document",
) -> ToolResult:
    model = ctx.manager.get("text_embed")
    rows = _in_batches(ctx, list(texts), lambda batch: model.embed(batch, kind=kind), "texts")
    name = ctx.manager.spec("text_embed").source
    return _result(name, [rows], len(texts), "text")


@tool("""
    Turn images (and optionally texts) into CLIP embedding vectors, in one shared space, so another
    application can search pictures by words or by example. Images are paths in the knowledge folder,
    generated image ids, or inline base64 data.
    """, requires=("clip",), title="Embed images", for_agent=False, output_schema=EMBED_OUTPUT)
def embed_image(
    ctx: ToolContext,
    images: Annotated[list[Annotated[str, Field(max_length=20_000_000)]],
                      Field(min_length=1, max_length=MAX_IMAGES, description="The images to embed.")],
    texts: Annotated[list[Annotated[str, Field(max_length=MAX_TEXT_CHARS)]] | None,
                     Field(max_length=MAX_TEXTS, description="Texts to embed in the same space (e.g. "
                                                             "captions to match against the images).")] = None,
) -> ToolResult:
    pictures = []
    for n, image in enumerate(images, 1):
        ctx.check()
        picture, _name = open_image_argument(ctx, image, max_side=1024)
        pictures.append(picture)
        ctx.progress(n, len(images), f"image {n} of {len(images)} opened")
    if not pictures:
        raise InputError("no image to embed")
    clip = ctx.manager.get("clip")
    rows = [_in_batches(ctx, pictures, clip.embed_images, "images")]
    if texts:
        rows.append(_in_batches(ctx, list(texts), clip.embed_texts, "texts"))
    return _result(clip.name or ctx.manager.spec("clip").source, rows, len(pictures), "image")


def _in_batches(ctx: ToolContext, items: list, embed: Callable[[list], Any], what: str) -> list[list[float]]:
    """Embedded BATCH at a time, so a call taken back stops between batches (`ctx.check`)."""
    rows: list[list[float]] = []
    for start in range(0, len(items), BATCH):
        ctx.check()
        rows += _rows(embed(items[start:start + BATCH]))
        if len(items) > BATCH:
            ctx.progress(min(start + BATCH, len(items)), len(items), f"{what} embedded")
    return rows


def _rows(vectors) -> list[list[float]]:
    return [[round(float(x), DECIMALS) for x in row] for row in vectors]


def _result(model: str, rows: list[list[list[float]]], count: int, what: str) -> ToolResult:
    vectors = rows[0]
    dim = len(vectors[0]) if vectors else 0
    data: dict[str, object] = {"model": model, "dim": dim, "count": count, "vectors": vectors}
    extra = ""
    if len(rows) > 1:
        data["text_vectors"] = rows[1]
        extra = f" and {len(rows[1])} text vector{'s' if len(rows[1]) != 1 else ''} in the same space"
    text = (f"{count} {what} vector{'s' if count != 1 else ''} of {dim} dimensions from {model}{extra} "
            "(the vectors are in the structured result and its JSON copy).")
    return ToolResult(text=text, data=data)
