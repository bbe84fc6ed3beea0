"""A path typed or pasted into the prompt becomes an attachment for the next question.

Images go to the agent as images (a VLM looks at them directly, or `describe_image` does); a PDF's
text (its first pages, as Markdown) joins the question. Unreadable files are refused with the reason.
"""

from __future__ import annotations

import shlex
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlparse

PDF_CONTEXT_CHARS = 6000  # what a PDF adds to the question at most (the rest: copy it into knowledge/)


@dataclass
class Attachment:
    path: Path
    kind: str  # "image" | "pdf"
    text_context: str = ""  # what joins the question (PDFs)
    problem: str | None = None

    @property
    def is_image(self) -> bool:
        return self.kind == "image" and self.problem is None


def looks_like_path(text: str) -> Path | None:
    """The path in `text` when the whole input is one (quoted, file:// URL, ~), else None."""
    text = text.strip()
    if "/" not in text:  # a question, not a path (paths are pasted whole: /..., ~/..., ./..., file://...)
        return None
    whole = Path(text).expanduser()
    if whole.is_file():  # an unquoted path, spaces and all
        return whole
    if text.startswith("file://"):
        text = unquote(urlparse(text).path)
    else:
        try:
            parts = shlex.split(text)  # pasted paths come quoted or with escaped spaces
        except ValueError:
            return None
        if len(parts) != 1:
            return None
        text = parts[0]
    path = Path(text).expanduser()
    return path if path.is_file() else None


def as_attachment(text: str, max_pixels: int) -> Attachment | None:
    """An attachment when `text` is the path of an existing file (with `problem` set when it is not an
    image or PDF we can read); None when `text` is an ordinary question."""
    from ..knowledge.extract import ExtractionError, detect_kind

    path = looks_like_path(text)
    if path is None:
        return None
    try:
        kind = detect_kind(path)
    except (ExtractionError, OSError) as exc:
        return Attachment(path, "unknown", problem=f"Cannot attach {path.name}: {exc}")
    if kind == "image":
        return _image(path, max_pixels)
    if kind == "pdf":
        return _pdf(path)
    return Attachment(path, kind or "unknown", problem=f"Cannot attach {path.name}: only images and PDFs can be "
                                                       "attached (copy other files into the knowledge folder)")


def _image(path: Path, max_pixels: int) -> Attachment:
    from ..knowledge.extract import ExtractionError, open_image

    try:
        open_image(path, max_pixels).close()  # size limits, and every byte decodes, before it reaches a model
    except (ExtractionError, OSError) as exc:
        return Attachment(path, "image", problem=f"Cannot attach {path.name}: {exc}")
    return Attachment(path, "image")


def _pdf(path: Path) -> Attachment:
    from ..knowledge.extract import ExtractionError, pdf_chunks

    text, pages = "", 0
    try:
        for page in pdf_chunks(path, ocr=False):
            pages += 1
            body = "\n".join(c.text for c in page.chunks)
            text += f"\n\n[page {page.number}]\n{body}"
            if len(text) > PDF_CONTEXT_CHARS:
                text = text[:PDF_CONTEXT_CHARS] + "\n[…]"
                break
    except (ExtractionError, OSError, RuntimeError, ValueError) as exc:
        return Attachment(path, "pdf", problem=f"Cannot attach {path.name}: {exc}")
    if not text.strip():
        return Attachment(path, "pdf", problem=f"Cannot attach {path.name}: it has no text to read "
                                               "(copy it into the knowledge folder to have it read by OCR)")
    return Attachment(path, "pdf", text_context=f"\n\n[Attached PDF {path.name}:{text}\n]")


def copy_into(folder: Path, source: Path) -> Path:
    """Copy `source` into `folder` under its own name (a free variant of it when taken); the new path."""
    import shutil

    folder.mkdir(parents=True, exist_ok=True)
    target, n = folder / source.name, 1
    while target.exists():
        target, n = folder / f"{source.stem}-{n}{source.suffix}", n + 1
    shutil.copy2(source, target)
    return target
