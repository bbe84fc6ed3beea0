"""The knowledge folder as MCP resources: `knowledge:///relative/path`, listed and read.

Images, PDFs and other binary files are read as blobs with their MIME type; Markdown and other text as text.
Every read is confined like a tool's path argument (`tools.paths.confine`: no `..` out, no absolute paths
elsewhere, no symlink out); hidden files and folders and the data dir are neither listed nor readable.
"""

from __future__ import annotations

import mimetypes
import os
from pathlib import Path
from urllib.parse import quote, unquote_to_bytes, urlsplit

from mcp.server.mcpserver.exceptions import ResourceError, ResourceNotFoundError
from mcp_types import Resource, ResourceTemplate

from ..errors import InputError
from ..knowledge.scan import display_name, is_hidden, scan
from ..tools.paths import confine

SCHEME = "knowledge"
TRANSCRIPT_SCHEME = "transcript"  # transcript:///path: an indexed recording's transcript, as text with times
MAX_LISTED = 1000  # resources/list is not paginated here: the first MAX_LISTED files (the tools search the rest)
MAX_READ_BYTES = 64 * 1024 * 1024
TEXT_MIMES = {"application/json", "application/xml", "application/x-yaml", "application/yaml", "application/toml",
              "application/javascript", "application/x-sh", "image/svg+xml"}
EXTRA_MIMES = {".md": "text/markdown", ".markdown": "text/markdown", ".toml": "application/toml",
               ".yaml": "application/yaml", ".yml": "application/yaml", ".webp": "image/webp",
               ".heic": "image/heic", ".flac": "audio/flac", ".m4a": "audio/mp4", ".opus": "audio/ogg"}


def uri_for(name: str) -> str:
    """The URI of a file by its relative name as on disk: its bytes percent-encoded, so a name that is not
    valid UTF-8 still has a URI that reads it back."""
    return f"{SCHEME}:///{quote(os.fsencode(name))}"


def guess_mime(name: str) -> str | None:
    suffix = Path(name).suffix.lower()
    return EXTRA_MIMES.get(suffix) or mimetypes.guess_type(name, strict=False)[0]


class KnowledgeResources:
    def __init__(self, settings):
        self.settings = settings

    @property
    def root(self) -> Path:
        return self.settings.knowledge_dir

    def template(self) -> ResourceTemplate:
        return ResourceTemplate(uri_template=f"{SCHEME}:///{{+path}}", name="knowledge-file",
                                title="A file in the knowledge folder",
                                description="Any file in the user's knowledge folder, by its relative path.")

    def transcript_template(self) -> ResourceTemplate:
        return ResourceTemplate(uri_template=f"{TRANSCRIPT_SCHEME}:///{{+path}}", name="recording-transcript",
                                title="The transcript of a recording", mime_type="text/plain",
                                description="What is said in an indexed recording of the knowledge folder, one "
                                            "line per segment with its start time ([03:12] ...).")

    def transcript(self, uri: str, knowledge) -> tuple[str, str]:
        """`transcript:///path` as text: "[mm:ss] words" per segment, from the index (never transcribed here)."""
        from ..timecode import clock

        parts = urlsplit(uri)
        _, name = self.resolve(f"{SCHEME}:///{parts.path.lstrip('/')}" if parts.scheme == TRANSCRIPT_SCHEME else uri)
        stored = knowledge.transcript(name)
        if stored is None:
            raise ResourceNotFoundError(f"no transcript of {name}: it is not an indexed recording "
                                        "(`assistant index` transcribes the recordings in the folder)")
        lines = [f"[{clock(start)}] {text}" for start, _end, text in stored["segments"]]
        head = f"# {name} ({clock(stored.get('duration') or 0)}, language {stored.get('language') or '?'})"
        return "\n".join([head, *lines]) + "\n", "text/plain"

    def list(self) -> list[Resource]:
        if not self.root.is_dir():
            return []
        out = []
        root = self.root.resolve()
        for found in scan(self.root, skip=(self.settings.data_dir,)):
            if found.problem:
                continue
            on_disk = found.path.relative_to(root).as_posix()  # found.name is printable, not always the name
            out.append(Resource(uri=uri_for(on_disk), name=found.name, mime_type=guess_mime(found.name),
                                size=found.size))
            if len(out) >= MAX_LISTED:
                break
        return out

    def read(self, uri: str) -> tuple[str | bytes, str]:
        path, name = self.resolve(uri)
        try:
            size = path.stat().st_size
            if size > MAX_READ_BYTES:
                raise ResourceError(f"{name} is too large to read as a resource ({size} bytes, "
                                    f"limit {MAX_READ_BYTES})")
            data = path.read_bytes()
        except OSError as exc:
            raise ResourceError(f"cannot read {name}: {exc.strerror or exc}") from None
        mime = guess_mime(name)
        if mime is None or mime.startswith("text/") or mime in TEXT_MIMES:
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError:
                text = None
            if text is not None and "\x00" not in text:
                return text, mime or "text/plain"
        return data, mime or "application/octet-stream"

    def resolve(self, uri: str) -> tuple[Path, str]:
        """The file a `knowledge:///...` URI names, or ResourceNotFoundError (with a one-line reason)."""
        parts = urlsplit(uri)
        if parts.scheme != SCHEME:
            raise ResourceNotFoundError(f"unknown resource {uri!r}: knowledge files are {SCHEME}:///relative/path")
        if parts.netloc not in ("",):
            raise ResourceNotFoundError(f"unknown resource {uri!r}: use {SCHEME}:///relative/path (three slashes)")
        name = os.fsdecode(unquote_to_bytes(parts.path)).lstrip("/")  # the name's bytes, as on disk
        if not name or is_hidden(name):
            raise ResourceNotFoundError(f"no such knowledge file: {display_name(name) or '(empty)'}")
        try:
            path = confine(self.root, name, "resource")
        except InputError as exc:
            raise ResourceNotFoundError(str(exc)) from None
        root = self.root.resolve()
        relative = path.relative_to(root)
        data_dir = self.settings.data_dir.resolve()
        in_data_dir = data_dir.is_relative_to(root) and path.is_relative_to(data_dir)
        shown = display_name(relative.as_posix())
        if is_hidden(relative) or in_data_dir:
            raise ResourceNotFoundError(f"no such knowledge file: {shown}")
        if not path.is_file():
            raise ResourceNotFoundError(f"not a regular file: {shown}")
        return path, shown
