"""PDFs, one page at a time: Markdown-ish text (headings, paragraphs, ruled tables) cut into chunks,
OCR (Tesseract) for pages that are only pictures, and page renderings for image embeddings.

The document is opened once and pages are loaded and dropped one by one, so memory stays flat for
documents of thousands of pages. Text comes from PyMuPDF's own text layer (3-30 ms a page here);
pymupdf4llm and PyMuPDF's layout model take 0.5-1.5 s a page on this CPU, so they are not used,
and find_tables runs without the layout model and only on pages whose ruled lines could form one.
"""

from __future__ import annotations

import fnmatch
import functools
import logging
import math
import os
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from PIL import Image

from . import images
from .text import Block, Chunker, ExtractionError, PathLike, TextChunk, read_head, read_tail

if TYPE_CHECKING:
    import pymupdf

log = logging.getLogger(__name__)


@functools.cache
def _mupdf() -> Any:
    """PyMuPDF, imported on the first PDF (0.4 s with its layout package: a turn that reads none never pays)."""
    import pymupdf

    # MuPDF reports recoverable problems on stderr; we turn them into page notes or ExtractionErrors.
    pymupdf.TOOLS.mupdf_display_errors(False)
    pymupdf.TOOLS.mupdf_display_warnings(False)
    return pymupdf


NOTE_OCR = "ocr"  # the page's text was read by OCR
NOTE_NO_TEXT = "no text"  # a blank page, or only pictures without words
NOTE_NO_OCR = "no text, OCR unavailable"  # a scanned page, and Tesseract is not installed
NOTE_OCR_FAILED = "no text, OCR failed"  # Tesseract failed or ran out of time (logged)
NOTE_UNREADABLE = "unreadable page"  # MuPDF failed on this page; the others are fine

OCR_DPI = 200
MIN_TEXT_CHARS = 30  # a page with less text than this and a big picture is treated as scanned
RENDER_MAX_PIXELS = 40_000_000
OCR_MAX_PIXELS = 16_000_000  # a poster-sized page is read at a lower resolution
_BULLETS = ("•", "◦", "▪", "‣", "●", "■", "–", "-", "*")
ENDED_SHORT = 0.25  # a line that stops this share of the block's width short of its right edge was ended, not wrapped
_LABELLED = re.compile(r"[^\W\d][\w'/&() -]{0,30}:\s")  # "Invoice date: ", "Total this bill: "


class PdfPage(NamedTuple):
    number: int  # 1-based
    chunks: list[TextChunk]
    note: str | None = None  # None, or one of the NOTE_* strings above


def open_pdf(path: PathLike, password: str | None = None) -> pymupdf.Document:
    """The opened (and, if needed, unlocked) document, or an ExtractionError saying why not."""
    head = read_head(path, 1024)
    if b"%PDF-" not in head:
        raise ExtractionError("not a PDF", path)
    complete = b"%%EOF" in read_tail(path, 4096)
    try:
        doc = _open(path)
    except ExtractionError:
        raise
    except Exception:  # noqa: BLE001 - MuPDF's FileDataError and RuntimeErrors
        raise ExtractionError("corrupt or truncated PDF", path) from None
    try:
        if doc.needs_pass:
            if not password:
                raise ExtractionError("encrypted PDF (set a password to index it)", path)
            if not doc.authenticate(password):
                raise ExtractionError("encrypted PDF (wrong password)", path)
        if doc.page_count < 1 or (doc.is_repaired and not complete):
            raise ExtractionError("corrupt or truncated PDF", path)
    except ExtractionError:
        doc.close()
        raise
    except Exception:  # noqa: BLE001
        doc.close()
        raise ExtractionError("corrupt or truncated PDF", path) from None
    return doc


def _open(path: PathLike) -> pymupdf.Document:
    name = os.fspath(path)
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:  # MuPDF takes UTF-8 names only: go through a file descriptor
        fd = os.open(name, os.O_RDONLY)
        try:
            if os.path.exists(f"/proc/self/fd/{fd}"):
                return _mupdf().open(f"/proc/self/fd/{fd}", filetype="pdf")
            with os.fdopen(os.dup(fd), "rb") as f:
                return _mupdf().open(stream=f.read(), filetype="pdf")
        finally:
            os.close(fd)
    return _mupdf().open(name, filetype="pdf")


def pdf_info(path: PathLike, password: str | None = None) -> dict[str, Any]:
    """Page count and the document's own title/author (may be empty)."""
    with open_pdf(path, password) as doc:
        meta = doc.metadata or {}
        return {"pages": doc.page_count, "title": meta.get("title") or None,
                "author": meta.get("author") or None, "encrypted": bool(doc.is_encrypted or doc.needs_pass)}


def pdf_chunks(path: PathLike, password: str | None = None, *, ocr: bool = True, ocr_dpi: int = OCR_DPI,
               language: str = "eng") -> Iterator[PdfPage]:
    """One PdfPage per page, in order. Opening errors are raised here, at the call; a page that
    MuPDF cannot read later on comes back empty with note NOTE_UNREADABLE. Pages that are only
    pictures are read by OCR (Tesseract, `language`) when it is installed."""
    doc = open_pdf(path, password)
    return _pages(doc, ocr, ocr_dpi, language)


def _pages(doc: pymupdf.Document, ocr: bool, ocr_dpi: int, language: str) -> Iterator[PdfPage]:
    chunker = Chunker()
    sizes: Counter[float] = Counter()  # characters per font size so far: the body size is the mode
    try:
        for number in range(1, doc.page_count + 1):
            try:
                blocks, note = _page_blocks(doc.load_page(number - 1), sizes, ocr, ocr_dpi, language)
            except Exception as exc:  # noqa: BLE001
                log.warning("page %d: %s", number, exc)
                blocks, note = [], NOTE_UNREADABLE
            yield PdfPage(number, chunker.page(blocks, number), note)
            if number % 100 == 0:
                _mupdf().TOOLS.store_shrink(100)  # MuPDF's resource cache: fonts, images
    finally:
        doc.close()


def _page_blocks(page: pymupdf.Page, sizes: Counter[float], ocr: bool, ocr_dpi: int,
                 language: str) -> tuple[list[Block], str | None]:
    textdict = page.get_text("dict", flags=_mupdf().TEXT_PRESERVE_WHITESPACE | _mupdf().TEXT_MEDIABOX_CLIP)
    text = "".join(s["text"] for b in textdict["blocks"] if b["type"] == 0
                   for line in b["lines"] for s in line["spans"])
    chars = sum(not c.isspace() for c in text)
    garbled = chars and text.count("\ufffd") > 0.3 * chars  # fonts without a Unicode mapping
    if garbled or (chars < MIN_TEXT_CHARS and _has_pictures(page)):
        if not (ocr and images.ocr_available(language)):
            return ([] if garbled else _blocks(textdict, [], sizes, headings=False)), NOTE_NO_OCR
        image = _render(page, ocr_dpi, None, gray=True, max_pixels=OCR_MAX_PIXELS)
        paragraphs = images.ocr_paragraphs(image, language, max_side=None)
        if paragraphs is None:
            return [], NOTE_OCR_FAILED
        blocks: list[Block] = []
        for paragraph in paragraphs:  # OCR keeps the scan's line breaks: join them as prose
            _flush(paragraph.split("\n"), blocks)
        return blocks, (NOTE_OCR if blocks else NOTE_NO_TEXT)
    if chars == 0:
        return [], NOTE_NO_TEXT
    for b in textdict["blocks"]:
        for line in b.get("lines", ()):
            for s in line["spans"]:
                sizes[round(s["size"] * 2) / 2] += len(s["text"].strip())
    return _blocks(textdict, _tables(page), sizes), None


def _has_pictures(page: pymupdf.Page) -> bool:
    area = abs(page.rect) or 1.0
    covered = sum(abs(_mupdf().Rect(info["bbox"]) & page.rect) for info in page.get_image_info())
    return covered > 0.1 * area or len(page.get_cdrawings()) >= 50  # photos, or outlined text


def _rules(page: pymupdf.Page) -> tuple[int, int]:
    """How many horizontal and vertical rules (lines, thin or framing rectangles) the page draws."""
    horizontal = vertical = 0
    for path in page.get_cdrawings():
        for item in path.get("items", ()):
            if item[0] == "l":
                (x0, y0), (x1, y1) = item[1], item[2]
                w, h = abs(x1 - x0), abs(y1 - y0)
            elif item[0] in ("re", "qu"):
                rect = _mupdf().Rect(item[1]) if item[0] == "re" else _mupdf().Quad(item[1]).rect
                w, h = rect.width, rect.height
                if w >= 8 and h >= 8:
                    horizontal, vertical = horizontal + 2, vertical + 2
                    continue
            else:
                continue
            if h < 3 and w >= 8:
                horizontal += 1
            elif w < 3 and h >= 8:
                vertical += 1
    return horizontal, vertical


def _tables(page: pymupdf.Page) -> list[tuple[pymupdf.Rect, str]]:
    """Ruled tables as (bbox, Markdown). find_tables costs 50-300 ms a page even without the
    layout model (seconds with it), so it runs only where rules cross: 3+ across and 3+ down."""
    horizontal, vertical = _rules(page)
    if horizontal < 3 or vertical < 3:
        return []
    try:
        try:
            found = page.find_tables(use_layout=False)
        except TypeError:  # PyMuPDF before the layout model
            found = page.find_tables()
        tables = []
        for table in found.tables:
            markdown = _table_markdown(table.extract())
            if markdown:
                tables.append((_mupdf().Rect(table.bbox), markdown))
        return tables
    except Exception as exc:  # noqa: BLE001 - a table we cannot read stays plain text
        log.debug("find_tables: %s", exc)
        return []


def _table_markdown(rows: list[list[str | None]]) -> str:
    cells = [[" ".join((c or "").split()).replace("|", "\\|") for c in row] for row in rows]
    cells = [row for row in cells if any(row)]
    if len(cells) < 2 or max(len(row) for row in cells) < 2:
        return ""  # a framed paragraph, not a table
    width = max(len(row) for row in cells)
    lines = ["| " + " | ".join(row + [""] * (width - len(row))) + " |" for row in cells]
    lines.insert(1, "|" + "---|" * width)
    return "\n".join(lines)


_LEADER = re.compile(r"(?:\. ?){4,}|_{4,}|…{2,}")  # "Introduction . . . . . 1": a contents line


def _heading_level(size: float, body: float, bold: bool, text: str) -> int:
    if len(text) > 150 or not any(c.isalpha() for c in text) or _LEADER.search(text):
        return 0
    ratio = size / body if body else 1.0
    if ratio >= 1.9:
        return 1
    if ratio >= 1.45:
        return 2
    if ratio >= 1.15:
        return 3
    if bold and ratio >= 0.95 and len(text) <= 80 and not text.endswith((".", ":", ",", ";")):
        return 4
    return 0


def _blocks(textdict: dict, tables: list[tuple[pymupdf.Rect, str]], sizes: Counter[float],
            headings: bool = True) -> list[Block]:
    """Paragraphs, headings (by font size against the body size, or bold standalone lines) and
    tables in the page's reading order; lines inside a table's box are replaced by the table."""
    body = sizes.most_common(1)[0][0] if sizes else 11.0
    out: list[Block] = []
    emitted: set[int] = set()
    for block in textdict["blocks"]:
        if block["type"] != 0:
            continue
        lines = []
        for line in block["lines"]:
            spans = [s for s in line["spans"] if s["text"].strip()]
            if not spans:
                continue
            text = " ".join("".join(s["text"] for s in line["spans"]).split())
            main = max(spans, key=lambda s: len(s["text"].strip()))
            bold = all(s["flags"] & 16 or "bold" in s["font"].lower() for s in spans)
            lines.append((_mupdf().Rect(line["bbox"]), text, main["size"], bold))
        all_bold = len(lines) <= 2 and all(bold for *_, bold in lines)
        start = len(out)  # headings merge only within one block
        para: list[str] = []
        ended = _ended_lines([(rect, text) for rect, text, *_ in lines])
        for (rect, text, size, bold), own_line in zip(lines, ended):
            centre = _mupdf().Point((rect.x0 + rect.x1) / 2, (rect.y0 + rect.y1) / 2)
            table = next((i for i, (bbox, _) in enumerate(tables) if centre in bbox), None)
            level = _heading_level(size, body, all_bold, text) if headings and table is None else 0
            if table is not None or level:
                _flush(para, out)
            if table is not None:
                if table not in emitted:
                    emitted.add(table)
                    out.append(Block(tables[table][1], "table"))
            elif level:
                prev = out[-1] if len(out) > start else None
                if prev and prev.kind == "heading" and prev.level == level and len(prev.text) < 150:
                    prev.text += " " + text  # a heading wrapped over two lines
                else:
                    out.append(Block(text, "heading", level))
            else:
                para.append(text + ("\n" if own_line else ""))
        _flush(para, out)
    out += [Block(md, "table") for i, (_, md) in enumerate(tables) if i not in emitted]
    return out


def _ended_lines(lines: list[tuple[Any, str]]) -> list[bool]:
    """Which lines of a block their writer ended, rather than the page wrapped: one that stops well short of the
    block's right edge, or one followed by a labelled line ("Invoice date: ..."). A bill's or a letter's lines
    ("Account number: ...", "Total this bill: $486.30") stay lines; wrapped prose is joined."""
    if len(lines) < 2:
        return [False] * len(lines)
    left, right = min(rect.x0 for rect, _ in lines), max(rect.x1 for rect, _ in lines)
    short = right - ENDED_SHORT * (right - left)
    return [rect.x1 < short or (i + 1 < len(lines) and _LABELLED.match(lines[i + 1][1]) is not None)
            for i, (rect, _) in enumerate(lines)]


def _flush(para: list[str], out: list[Block]) -> None:
    """Join a paragraph's lines: hyphenated words mended, bullets on their own lines, and a line its writer ended
    (given with its "\n") kept."""
    if not para:
        return
    text = ""
    for line in para:
        if line.startswith(_BULLETS) and line[1:2] == " ":
            text += ("\n" if text else "") + "- " + line[2:]
        elif text.endswith("-") and len(text) > 1 and text[-2].isalpha() and line[:1].islower():
            text = text[:-1] + line
        else:
            text += (" " if text and not text.endswith("\n") else "") + line
    out.append(Block(text.rstrip("\n")))
    para.clear()


def pdf_page_images(path: PathLike, password: str | None = None, dpi: float = 72,
                    max_side: int | None = 1024) -> Iterator[tuple[int, Image.Image]]:
    """(page number, RGB rendering) for each page, at `dpi` but no larger than `max_side` pixels.
    A page that cannot be rendered is skipped (and logged)."""
    doc = open_pdf(path, password)
    return _renderings(doc, dpi, max_side)


def _render(page: pymupdf.Page, dpi: float, max_side: int | None, gray: bool = False,
            max_pixels: int = RENDER_MAX_PIXELS) -> Image.Image:
    rect = page.rect
    zoom = dpi / 72
    if max_side:
        zoom = min(zoom, max_side / max(rect.width, rect.height))
    zoom = min(zoom, math.sqrt(max_pixels / (rect.width * rect.height)))
    pix = page.get_pixmap(matrix=_mupdf().Matrix(zoom, zoom), alpha=False,
                          colorspace=_mupdf().csGRAY if gray else _mupdf().csRGB)
    return Image.frombytes("L" if gray else "RGB", (pix.width, pix.height), pix.samples)


def _renderings(doc: pymupdf.Document, dpi: float, max_side: int | None) -> Iterator[tuple[int, Image.Image]]:
    try:
        for number in range(1, doc.page_count + 1):
            try:
                page = doc.load_page(number - 1)
                if page.rect.is_empty:
                    continue
                image = _render(page, dpi, max_side)
                del page
            except Exception as exc:  # noqa: BLE001
                log.warning("page %d not rendered: %s", number, exc)
                continue
            yield number, image
            if number % 100 == 0:
                _mupdf().TOOLS.store_shrink(100)
    finally:
        doc.close()


def pdf_password(settings, name: str) -> str | None:
    """The configured password for a PDF: settings.pdf_passwords maps a name or glob to it."""
    for pattern, password in settings.pdf_passwords.items():
        if fnmatch.fnmatch(name, pattern) or fnmatch.fnmatch(Path(name).name, pattern):
            return password
    return None
