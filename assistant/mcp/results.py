"""A tool's `ToolResult` as MCP content, and the one rule for every text a client reads: no server paths.

- text (plus a "Sources" line per citation) as text content;
- each image as image content with its caption as text right before it (many clients drop images), scaled
  down when large, thumbnails when there are several; what does not fit in a reply (clients cap one at about
  1 MiB) goes as a `resource_link` to the file instead;
- audio as audio content (`audio/wav`) with what is said as text; audio also saved in the knowledge folder
  goes as a `resource_link` too (a client that cannot take the audio inline fetches it);
- the tool's structured data as structured content, with a JSON text copy for clients that predate it;
- errors as `is_error` results with one line.

`Redactor` rewrites server paths for a client: a file in the knowledge folder becomes its relative name, other
known folders become words ("the data folder", "the Hugging Face cache", a configured model's folder), the home
directory `~`. In what the server itself writes (errors, captions, logs) any other absolute path becomes `…/`
and its last part. Every other text (a tool's result, the agent's reply, progress messages) loses the known
folders and every absolute path that leads somewhere on this machine (its parent folder exists); a path that
is only part of the user's document ("/api/v1/users") stays as written.
"""

from __future__ import annotations

import base64
import io
import json
import logging
import os
import re
import sys
from functools import partial
from pathlib import Path
from typing import Any

from mcp_types import AudioContent, CallToolResult, ContentBlock, ImageContent, ResourceLink, TextContent

from ..contracts import AudioOut, ToolResult
from ..timecode import clock
from .resources import guess_mime, uri_for

log = logging.getLogger(__name__)

# Images go back as they are when small enough for a client to show (and a model to read); larger ones are
# scaled down and sent as JPEG (a search can return several photos of many megabytes each).
MAX_IMAGE_SIDE = 1568  # one picture in a reply
THUMBNAIL_SIDE = 512  # each of several (search hits): thumbnails, with their files named beside them
MAX_IMAGE_BYTES = 600_000  # larger files go as a scaled JPEG
MAX_MEDIA_BYTES = 900_000  # base64 of all images and audio in one reply: clients cap a reply at about 1 MiB
AS_IS = {"image/png", "image/jpeg", "image/gif", "image/webp"}
MAX_JSON_COPY_CHARS = 200_000  # larger structured results go without the text copy (clients cap replies)
# An absolute path of two parts or more (not inside a URL or a relative name), its last part captured.
OTHER_PATH = re.compile(r"(?<![\w:/.~-])/(?:[^\s'\"/]+/)+([^\s'\"/]+)")


class Redactor:
    """Server paths out of texts: the knowledge folder's files by relative name, other folders by role."""

    def __init__(self, settings):
        self.root = Path(settings.knowledge_dir).resolve()
        folders: list[tuple[Path, str]] = [(settings.knowledge_dir, "")]
        folders += [(settings.data_dir, "the data folder"), (settings.model_cache_dir, "the model cache"),
                    (_hf_cache(), "the Hugging Face cache"), (Path(sys.prefix), "the Python environment")]
        for role, override in (getattr(settings, "models", None) or {}).items():
            source = str(getattr(override, "source", None) or "")
            if source.startswith(("/", "~")):  # a local model: where it is (or was meant to be) stays here
                folders.append((Path(source).expanduser(), f"the {role} model"))
        self._rules = _rules(folders)
        self._home = _rules([(Path.home(), "~")])

    def text(self, text: str) -> str:
        """A text the server wrote (an error, a caption, a log line): no absolute path at all."""
        text = _apply(self._home, _apply(self._rules, text))
        return OTHER_PATH.sub(r"…/\1", text)  # any other absolute path: its last part only

    def content(self, text: str) -> str:
        """Any other text that leaves the server (a page read word for word, a transcript, the agent's reply):
        the server's folders go, and so does every path to something on this machine; a path that is part of
        the user's document ("/api/v1/users") stays as written."""
        text = _apply(self._home, _apply(self._rules, text))
        return OTHER_PATH.sub(_on_this_machine, text)

    def relative(self, path: Path) -> str | None:
        """The file's name in the knowledge folder (None: not in it)."""
        try:
            return Path(path).resolve().relative_to(self.root).as_posix()
        except (ValueError, OSError):
            return None

    def data(self, value: Any) -> Any:
        if isinstance(value, str):
            return self.content(value)
        if isinstance(value, dict):
            return {k: self.data(v) for k, v in value.items()}
        if isinstance(value, list):
            return [self.data(v) for v in value]
        return value


def _on_this_machine(match: re.Match[str]) -> str:
    """An absolute path whose folder exists here is the server's: its last part only; else left as written."""
    path = match.group(0)
    try:
        here = os.path.isdir(os.path.dirname(path))
    except (OSError, ValueError):  # a name too long, a NUL: not a path of this machine
        here = False
    return f"…/{match.group(1)}" if here else path


def _hf_cache() -> Path:
    from ..models.resolve import hf_cache_dir

    return hf_cache_dir()


def _rules(folders: list[tuple[Path, str]]) -> list[tuple[re.Pattern[str], str]]:
    rules: list[tuple[str, str]] = []
    for folder, name in folders:
        for form in {str(folder).rstrip("/"), str(Path(folder).resolve()).rstrip("/")}:
            if form:
                rules.append((form, name))
    rules.sort(key=lambda rule: -len(rule[0]))  # the most specific folder first
    # a folder followed by "/more" (a file in it) or by anything that cannot continue a file name
    return [(re.compile(re.escape(form) + r"(/|(?![\w.~-]))"), name) for form, name in rules]


def _apply(rules: list[tuple[re.Pattern[str], str]], text: str) -> str:
    for pattern, name in rules:
        text = pattern.sub(partial(_replacement, name), text)
    return text


def _replacement(name: str, match: re.Match[str]) -> str:
    if match.group(1):
        return f"{name}/" if name else ""  # a file in the knowledge folder is named relative to it
    return name or "the knowledge folder"


def to_call_result(result: ToolResult, max_pixels: int = 100_000_000,
                   redact: Redactor | None = None) -> CallToolResult:
    clean = redact.text if redact is not None else (lambda text: text)
    clean_content = redact.content if redact is not None else (lambda text: text)
    if result.is_error:
        return error_result(clean(result.text))
    text = result.text
    if result.citations:
        sources = [f"- {c.file}" + (f" p.{c.page}" if c.page else f" @ {clock(c.time)}" if c.time is not None else "")
                   for c in result.citations]
        text = f"{text}\n\nSources:\n" + "\n".join(dict.fromkeys(sources))
    content: list[ContentBlock] = [TextContent(type="text", text=clean_content(text))]
    budget = MAX_MEDIA_BYTES - sum(_b64_size(len(a.data)) for a in result.audio if a.inline)
    side = MAX_IMAGE_SIDE if len(result.images) == 1 else THUMBNAIL_SIDE
    for image in result.images:
        caption = clean(f"Image: {image.caption} ({image.path.name})")
        try:
            data, mime, note = image_payload(image.path, image.mime, max_pixels, side)
            smaller = side
            while _b64_size(len(data)) > budget and smaller > THUMBNAIL_SIDE:  # smaller rather than left out
                smaller = max(THUMBNAIL_SIDE, smaller * 2 // 3)
                data, mime, note = image_payload(image.path, image.mime, max_pixels, smaller)
        except Exception as exc:  # unreadable now: the caption still says what it was
            log.warning("image %s not attached: %s", image.path, exc)
            content.append(TextContent(type="text", text=f"{caption} [image not attached: {clean(_reason(exc))}]"))
            continue
        if _b64_size(len(data)) > budget:  # the reply is full: the file instead
            name = redact.relative(image.path) if redact is not None else None
            content.append(TextContent(type="text", text=f"{caption} [not attached: the reply is full"
                                       + (f"; read knowledge:///{name}]" if name else "]")))
            if name:
                content.append(ResourceLink(type="resource_link", uri=uri_for(name), name=name, mime_type=image.mime))
            continue
        budget -= _b64_size(len(data))
        content.append(TextContent(type="text", text=caption + note))
        content.append(ImageContent(type="image", data=base64.b64encode(data).decode("ascii"), mime_type=mime))
    for audio in result.audio:
        content.extend(audio_blocks(audio, clean))
    structured = None
    if isinstance(result.data, dict):
        structured = dict(result.data)
        if result.citations:
            structured.setdefault("citations", [{"file": c.file, "page": c.page, "time": c.time}
                                                for c in result.citations])
        structured = redact.data(structured) if redact is not None else structured
        copy = json.dumps(structured, ensure_ascii=False, separators=(",", ":"))
        if len(copy) <= MAX_JSON_COPY_CHARS:
            content.append(TextContent(type="text", text=copy))
    return CallToolResult(content=content, structured_content=structured, is_error=False)


def _b64_size(size: int) -> int:
    return (size + 2) // 3 * 4


def audio_blocks(audio: AudioOut, clean) -> list[ContentBlock]:
    where = "" if audio.inline else f" [too long for one reply: read knowledge:///{audio.saved_as}]"
    blocks: list[ContentBlock] = [TextContent(type="text", text=clean(f"Audio ({audio.mime}): {audio.caption}")
                                              + where)]
    if audio.inline:
        blocks.append(AudioContent(type="audio", data=base64.b64encode(audio.data).decode("ascii"),
                                   mime_type=audio.mime))
    if audio.saved_as:
        blocks.append(ResourceLink(type="resource_link", uri=uri_for(audio.saved_as), name=audio.saved_as,
                                   mime_type=guess_mime(audio.saved_as) or audio.mime, size=len(audio.data)))
    return blocks


def image_payload(path: Path, mime: str, max_pixels: int, side: int = MAX_IMAGE_SIDE) -> tuple[bytes, str, str]:
    """(bytes, MIME type, caption note): the file itself when small enough, else a scaled-down JPEG."""
    from PIL import Image

    data = path.read_bytes()
    if mime in AS_IS and len(data) <= MAX_IMAGE_BYTES:
        with Image.open(io.BytesIO(data)) as probe:  # reads the header only
            if max(probe.size) <= side:
                return data, mime, ""
    from ..knowledge.images import open_image

    picture = open_image(path, max_pixels, max_side=side)  # pixel bombs refused before decoding
    out = io.BytesIO()
    picture.save(out, format="JPEG", quality=85)
    return out.getvalue(), "image/jpeg", f" [scaled to {picture.width}x{picture.height}]"


def _reason(exc: Exception) -> str:
    return " ".join((getattr(exc, "strerror", None) or str(exc) or type(exc).__name__).split())[:200]


def error_result(message: str) -> CallToolResult:
    line = " ".join(str(message).split()) or "unknown error"
    return CallToolResult(content=[TextContent(type="text", text=line)], is_error=True)
