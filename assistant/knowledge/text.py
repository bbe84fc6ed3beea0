"""The shared base of extraction (the error, file access, chunking) and plain-text/Markdown files.

Chunks are ~800-1200 characters, cut at paragraph, then sentence, then word boundaries; a chunk
that continues a paragraph starts with the previous chunk's last sentence (a small overlap). Each
chunk carries its page (None for text files) and the nearest heading above it.
"""

from __future__ import annotations

import codecs
import errno
import os
import re
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from assistant.errors import InputError

PathLike = str | os.PathLike[str]

MAX_CHARS = 1200  # a chunk is at most about this long
MIN_CHARS = 800  # below this, a chunk takes the next paragraph's sentences to fill up
OVERLAP = 200  # at most this much of a chunk is repeated at the start of the next one
MAX_TEXT_BYTES = 64 * 1024 * 1024
TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown"}
MARKDOWN_SUFFIXES = {".md", ".markdown"}


class ExtractionError(InputError):
    """A file that cannot be indexed; `reason` is short and meant for people ("empty file")."""

    def __init__(self, reason: str, path: PathLike | None = None) -> None:
        self.reason = reason
        self.path = Path(path) if path is not None else None
        super().__init__(f"{display_name(path)}: {reason}" if path is not None else reason)


def display_name(path: PathLike | None) -> str:
    """The file's name, printable even when it is not valid UTF-8 on disk."""
    name = os.fspath(path) if path is not None else ""
    if isinstance(name, bytes):
        name = os.fsdecode(name)
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def os_error(exc: OSError, path: PathLike) -> ExtractionError:
    if isinstance(exc, PermissionError) or exc.errno in (errno.EACCES, errno.EPERM):
        return ExtractionError("unreadable file (permission denied)", path)
    if isinstance(exc, FileNotFoundError):
        return ExtractionError("file not found", path)
    if isinstance(exc, IsADirectoryError):
        return ExtractionError("unsupported file type (a folder)", path)
    return ExtractionError(f"unreadable file ({exc.strerror or exc})", path)


def read_head(path: PathLike, size: int = 64) -> bytes:
    """The first bytes of a file; ExtractionError for a missing, unreadable or empty file, and for
    anything but a regular file (reading a FIFO or a device could block for ever)."""
    try:
        mode = os.stat(path).st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(errno.EISDIR, "is a folder")
        if not stat.S_ISREG(mode):
            raise ExtractionError("unsupported file type (not a regular file)", path)
        with open(path, "rb") as f:
            head = f.read(size)
    except OSError as exc:
        raise os_error(exc, path) from None
    if not head:
        raise ExtractionError("empty file", path)
    return head


def read_tail(path: PathLike, size: int = 2048) -> bytes:
    try:
        with open(path, "rb") as f:
            f.seek(0, os.SEEK_END)
            f.seek(max(0, f.tell() - size))
            return f.read()
    except OSError as exc:
        raise os_error(exc, path) from None


@dataclass
class TextChunk:
    text: str
    page: int | None  # 1-based page of a PDF; None for text files and images
    heading: str | None  # the nearest heading above the chunk
    index: int  # 0-based position among the file's chunks: f"{file}#{index}" is a stable id


@dataclass
class Block:
    """One unit of a page in reading order, before chunking."""

    text: str
    kind: Literal["heading", "para", "table", "code"] = "para"
    level: int = 0  # 1-6 for headings


_SPLIT = re.compile(r"((?<=[.!?…])[ \t]+|\n)")


def _pieces(text: str, limit: int) -> Iterable[tuple[str, str]]:
    """(piece, separator before it): sentences and lines, long ones cut at words, then hard."""
    parts = _SPLIT.split(text)
    for i in range(0, len(parts), 2):
        sentence = parts[i].strip()
        if not sentence:
            continue
        sep = "\n" if i and "\n" in parts[i - 1] else " "
        while len(sentence) > limit:
            cut = sentence.rfind(" ", limit // 2, limit)
            cut = cut if cut > 0 else limit
            yield sentence[:cut].rstrip(), sep
            sentence, sep = sentence[cut:].lstrip(), " "
        if sentence:
            yield sentence, sep


def _overlap(text: str) -> str:
    """The last sentence of a chunk, or its last words, to repeat at the start of the next."""
    tail = text[-(OVERLAP + 200):]
    last = re.split(r"(?<=[.!?…])\s+|\n", tail)[-1].strip()
    if 0 < len(last) <= OVERLAP and not last.startswith(("|", "#", "```")):
        return last
    if len(last) > OVERLAP:
        cut = last.find(" ", len(last) - OVERLAP)
        return last[cut + 1:] if cut > 0 else ""
    return ""


class Chunker:
    """Packs a file's blocks into TextChunks page by page; the heading carries over pages."""

    def __init__(self, max_chars: int = MAX_CHARS, min_chars: int = MIN_CHARS) -> None:
        self.max_chars, self.min_chars = max_chars, min_chars
        self.heading: str | None = None
        self.index = 0

    def page(self, blocks: Iterable[Block], page: int | None) -> list[TextChunk]:
        out: list[TextChunk] = []
        cur, has_body, cur_heading = "", False, self.heading
        limit = self.max_chars - OVERLAP - 4  # room for the overlap and a separator

        def flush(carry: str = "") -> None:
            nonlocal cur, has_body, cur_heading
            if has_body and cur.strip():
                out.append(TextChunk(cur.strip(), page, cur_heading, self.index))
                self.index += 1
            cur, has_body, cur_heading = carry, bool(carry), self.heading

        for block in blocks:
            text = block.text.strip()
            if not text:
                continue
            if block.kind == "heading":
                if has_body:  # a chunk belongs to one section, however short
                    flush()
                self.heading = text
                if not has_body:
                    cur_heading = text
                line = "#" * max(1, min(block.level, 6)) + " " + text
                cur = f"{cur}\n\n{line}" if cur else line
                continue
            if has_body and len(cur) >= self.min_chars and len(cur) + 2 + len(text) > self.max_chars:
                flush(_overlap(cur) if block.kind == "para" else "")
            if block.kind == "para":
                pieces = list(_pieces(text, limit))
            else:  # tables and code: cut between lines only
                pieces = [(line, "\n") for line in text.split("\n")]
                pieces = [p for line, sep in pieces for p in _pieces_hard(line, sep, limit)]
            table_head = "\n".join(text.split("\n")[:2]) if block.kind == "table" else ""
            for k, (piece, sep) in enumerate(pieces):
                sep = "\n\n" if k == 0 else sep
                if has_body and len(cur) + len(sep) + len(piece) > self.max_chars:
                    if block.kind == "para":
                        carry = _overlap(cur)
                    elif block.kind == "table" and k > 2 and len(table_head) < limit // 2:
                        carry, sep = table_head, "\n"
                    else:
                        carry = ""
                    flush(carry)
                cur = f"{cur}{sep}{piece}" if cur else piece
                has_body = True
        flush()
        return out


def _pieces_hard(line: str, sep: str, limit: int) -> Iterable[tuple[str, str]]:
    while len(line) > limit:
        yield line[:limit], sep
        line, sep = line[limit:], ""
    yield line, sep


# --- text files ---------------------------------------------------------------------------------

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def decode_text(data: bytes) -> str:
    """Bytes to text without ever failing: BOMs, then UTF-8, then Windows-1252, then UTF-8 with
    replacement characters. Line ends become \\n; control characters go."""
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        text = data.decode("utf-32", "replace")
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = data.decode("utf-16", "replace")
    else:
        if data.startswith(codecs.BOM_UTF8):
            data = data[3:]
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            try:
                text = data.decode("cp1252")
            except UnicodeDecodeError:
                text = data.decode("utf-8", "replace")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", text)


def looks_binary(head: bytes) -> bool:
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    return b"\x00" in head


_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_ATX = re.compile(r"^\s{0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_SETEXT = re.compile(r"^\s{0,3}(=+|-+)[ \t]*$")


def markdown_blocks(text: str) -> list[Block]:
    """Headings (ATX and setext), paragraphs, tables and fenced code; front matter is a paragraph."""
    lines = text.split("\n")
    blocks: list[Block] = []
    para: list[str] = []
    i = 0

    def flush() -> None:
        if para:
            body = "\n".join(para).strip()
            if body:
                is_table = all(line.lstrip().startswith("|") for line in para if line.strip())
                blocks.append(Block(body, "table" if is_table else "para"))
            para.clear()

    if lines and lines[0].strip() == "---":
        end = next((j for j in range(1, min(len(lines), 200)) if lines[j].strip() in ("---", "...")), None)
        if end is not None:
            blocks.append(Block("\n".join(lines[1:end]).strip()))
            i = end + 1
    while i < len(lines):
        line = lines[i]
        fence = _FENCE.match(line)
        if fence:
            flush()
            marker = fence.group(1)
            j = i + 1
            while j < len(lines) and not lines[j].strip().startswith(marker):
                j += 1
            blocks.append(Block("\n".join(lines[i:j + 1]), "code"))
            i = j + 1
            continue
        atx = _ATX.match(line)
        setext = _SETEXT.match(line)
        if atx:
            flush()
            if atx.group(2):
                blocks.append(Block(atx.group(2).strip(), "heading", len(atx.group(1))))
        elif setext and len(para) == 1 and not para[0].lstrip().startswith("|"):
            blocks.append(Block(para[0].strip(), "heading", 1 if setext.group(1)[0] == "=" else 2))
            para.clear()
        elif not line.strip():
            flush()
        else:
            para.append(line.rstrip())
        i += 1
    flush()
    return blocks


def plain_blocks(text: str) -> list[Block]:
    return [Block(p.strip()) for p in re.split(r"\n[ \t]*\n", text) if p.strip()]


def text_chunks(path: PathLike, max_bytes: int = MAX_TEXT_BYTES) -> list[TextChunk]:
    """Chunks of a .txt/.md file (Markdown headings tracked for .md/.markdown)."""
    read_head(path, 1)
    try:
        with open(path, "rb") as f:
            data = f.read(max_bytes + 1)
    except OSError as exc:
        raise os_error(exc, path) from None
    if not data:
        raise ExtractionError("empty file", path)
    if len(data) > max_bytes:
        raise ExtractionError(f"text file too large (over {max_bytes // 2**20} MB)", path)
    if looks_binary(data[:8192]):
        raise ExtractionError("unsupported file type (binary content)", path)
    text = decode_text(data)
    if not text.strip():
        raise ExtractionError("empty file", path)
    markdown = Path(path).suffix.lower() in MARKDOWN_SUFFIXES
    return Chunker().page(markdown_blocks(text) if markdown else plain_blocks(text), None)
