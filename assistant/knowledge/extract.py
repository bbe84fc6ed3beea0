"""Extraction: one file of the knowledge folder into pieces an indexer can embed and cite.

    kind = detect_kind(path)                     # "image" | "pdf" | "text" | "audio" | None (not ours)
    for page in pdf_chunks(path):                # PdfPage(number, chunks, note), one page at a time
    for number, image in pdf_page_images(path):  # renderings for image embeddings
    image = open_image(path); image_ocr_text(image)
    text_chunks(path)                            # .txt / .md
    recordings.probe / transcribe / chunk_segments  # audio and video files (recordings.py)

Every problem with a file is an ExtractionError whose `reason` is short and meant for people.
The kind of a file is decided by its content, not its name: a PNG called photo.jpg is an image,
a text file called report.pdf is "not a PDF".
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from . import recordings
from .images import (
    IMAGE_SUFFIXES,
    MAX_PIXELS,
    image_metadata,
    image_ocr_text,
    image_format,
    ocr_available,
    open_image,
)
from .pdf import (
    NOTE_NO_OCR,
    NOTE_NO_TEXT,
    NOTE_OCR,
    NOTE_OCR_FAILED,
    NOTE_UNREADABLE,
    PdfPage,
    pdf_chunks,
    pdf_info,
    pdf_page_images,
)
from .text import TEXT_SUFFIXES, ExtractionError, PathLike, TextChunk, looks_binary, read_head, text_chunks

__all__ = [
    "MAX_PIXELS", "NOTE_NO_OCR", "NOTE_NO_TEXT", "NOTE_OCR", "NOTE_OCR_FAILED", "NOTE_UNREADABLE", "ExtractionError", "Kind",
    "PdfPage", "TextChunk", "detect_kind", "image_metadata", "image_ocr_text", "ocr_available",
    "open_image", "pdf_chunks", "pdf_info", "pdf_page_images", "text_chunks",
]

Kind = Literal["image", "pdf", "text", "audio"]


def detect_kind(path: PathLike) -> Kind | None:
    """What the file is, from its first bytes (then its name for text files).

    None: a file we do not index (a .docx, a .zip, ...), to be skipped quietly. ExtractionError:
    a file we should index but cannot (empty, unreadable, a .pdf or image name on other bytes)."""
    head = read_head(path, 1024)
    suffix = Path(path).suffix.lower()
    # the PDF header may follow a little junk: accepted then only for .pdf names
    if head.startswith(b"%PDF-") or (suffix == ".pdf" and b"%PDF-" in head):
        return "pdf"
    if image_format(path) is not None:  # Pillow reads the header (a text starting "BM" is no bitmap)
        return "image"
    if recordings.sniff(Path(path)):
        return "audio"
    if suffix == ".pdf":
        raise ExtractionError("not a PDF", path)
    if suffix in recordings.AUDIO_SUFFIXES:
        if recordings.has_audio(Path(path)):
            return "audio"
        raise ExtractionError("not a recording (unknown content)", path)
    if suffix in IMAGE_SUFFIXES:
        raise ExtractionError("unreadable image", path)
    if suffix in TEXT_SUFFIXES:
        if looks_binary(head):
            raise ExtractionError("unsupported file type (binary content)", path)
        return "text"
    return None
