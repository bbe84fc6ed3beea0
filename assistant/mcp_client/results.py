"""An external tool's `CallToolResult` as the app's `contracts.ToolResult`: text content joined, images, audio and
resources summarised in a line each (what they are and how big; the model reads text only), structured content
kept as `data` (and as the text when there is no other), and the whole text cut at `max_chars` with a note
saying so, so a server cannot flood the chat model's context."""

from __future__ import annotations

import base64
import binascii
import json
from typing import Any

from mcp_types import (AudioContent, BlobResourceContents, CallToolResult, EmbeddedResource, ImageContent,
                       ResourceLink, TextContent, TextResourceContents)

from ..contracts import ToolResult

MAX_RESULT_CHARS = 20_000


def to_tool_result(result: CallToolResult, max_chars: int = MAX_RESULT_CHARS) -> ToolResult:
    parts = [_part(block) for block in result.content]
    data = result.structured_content if isinstance(result.structured_content, dict) else None
    text = "\n".join(p for p in parts if p)
    if not text and result.structured_content is not None:
        text = json.dumps(result.structured_content, ensure_ascii=False, default=str)
    if not text:
        text = "(the tool failed without a message)" if result.is_error else "(no content)"
    return ToolResult(text=cut(text, max_chars), data=data, is_error=result.is_error)


def cut(text: str, max_chars: int) -> str:
    """`text`, or its first `max_chars` characters and a note of how much was left out."""
    if len(text) <= max_chars:
        return text
    return text[:max_chars] + f"\n[… cut: the result has {len(text):,} characters; the first {max_chars:,} are shown]"


def _part(block: Any) -> str:
    if isinstance(block, TextContent):
        return block.text
    if isinstance(block, ImageContent):
        return f"[image: {block.mime_type}, {_size(block.data)}]"
    if isinstance(block, AudioContent):
        return f"[audio: {block.mime_type}, {_size(block.data)}]"
    if isinstance(block, ResourceLink):
        title = block.title or block.name
        return f"[resource: {title} <{block.uri}>" + (f", {block.mime_type}" if block.mime_type else "") + "]"
    if isinstance(block, EmbeddedResource):
        resource = block.resource
        if isinstance(resource, TextResourceContents):
            return f"[resource <{resource.uri}>]\n{resource.text}"
        if isinstance(resource, BlobResourceContents):
            return f"[resource <{resource.uri}>: {resource.mime_type or 'binary'}, {_size(resource.blob)}]"
    return f"[{getattr(block, 'type', type(block).__name__)} content]"


def _size(b64: str) -> str:
    try:
        size = len(base64.b64decode(b64, validate=False))
    except (binascii.Error, ValueError):
        return "unreadable data"
    return f"{size:,} bytes" if size < 10_000 else f"{size / 1024:,.0f} KiB"
