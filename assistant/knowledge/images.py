"""Images: safe opening (size checked from the header before any pixel is decoded), metadata, OCR.

OCR runs the `tesseract` program (`apt-get install tesseract-ocr`; no Python package), with
word confidences, one thread and a time limit. Without it, OCR is reported unavailable.
"""

from __future__ import annotations

import functools
import io
import logging
import os
import re
import shutil
import subprocess
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import numpy as np
from PIL import Image, ImageOps

from .text import ExtractionError, PathLike, os_error, read_head

IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".jpe", ".jfif", ".webp", ".gif", ".bmp", ".dib", ".tif", ".tiff"}

log = logging.getLogger(__name__)

FORMATS = ("PNG", "JPEG", "WEBP", "GIF", "BMP", "TIFF")  # Pillow parses nothing else for us
MAX_PIXELS = 150_000_000  # 150 MP: every camera and phone photo fits; ~450 MB once decoded to RGB
OCR_MAX_SIDE = 2000  # larger images are scaled down for OCR: time grows with pixels
OCR_MIN_SIDE = 600  # small images (icons, crops) are scaled up: Tesseract wants tall letters

OCR_TIMEOUT = 60.0  # seconds for one image or page; Tesseract is killed after that
OCR_MIN_CONFIDENCE = 60.0  # Tesseract's per-word confidence (0-100): below it, mostly textures


@functools.cache
def _tesseract() -> tuple[str, frozenset[str]] | None:
    """The `tesseract` program and its installed languages, or None."""
    exe = shutil.which("tesseract")
    if exe is None:
        return None
    try:
        result = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return None
    langs = frozenset(line.strip() for line in result.stdout.splitlines()[1:] if line.strip())
    return (exe, langs) if result.returncode == 0 and langs else None


def ocr_available(language: str = "eng") -> bool:
    """Whether Tesseract and its data for `language` ("eng", "eng+deu", ...) are installed."""
    found = _tesseract()
    return found is not None and all(lang in found[1] for lang in language.split("+"))


def looks_like_image(head: bytes) -> bool:
    """Whether the first bytes carry the signature of one of FORMATS (Pillow's own check of each format's
    prefix, `Image.OPEN`), whether or not the rest is readable. A weak test (a bitmap is just "BM"): for
    telling data from a name; `image_format` reads the header."""
    Image.preinit()  # registers the common formats' plugins
    for name in FORMATS:
        accept = Image.OPEN.get(name, (None, None))[1]
        if accept is not None and accept(head):
            return True
    return False


def image_format(source: bytes | PathLike) -> str | None:
    """Pillow's name for the format of an image file or image bytes ("PNG", "JPEG", ...) among FORMATS,
    None when it is not one. Only the header is read; an image too large to open still has its format."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(source) if isinstance(source, bytes) else source, formats=FORMATS) as im:
                return im.format
    except Image.DecompressionBombError:
        return "oversized"  # recognised, then refused with its size when opened for its pixels
    except Exception:  # noqa: BLE001 - Pillow raises many kinds for bytes that are not an image
        return None


def image_mime(source: bytes | PathLike) -> str | None:
    """The MIME type of an image file or bytes ("image/png"...), None when it is not an image."""
    found = image_format(source)
    return Image.MIME.get(found) if found else None


@contextmanager
def _opened(path: PathLike) -> Iterator[Image.Image]:
    """Pillow's lazy open (header only), with every failure turned into an ExtractionError."""
    head = read_head(path, 32)  # missing, unreadable and empty files
    try:
        f = open(path, "rb")
    except OSError as exc:
        raise os_error(exc, path) from None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            try:
                im = Image.open(f, formats=FORMATS)
            except Image.DecompressionBombError as exc:  # over twice Image.MAX_IMAGE_PIXELS
                raise ExtractionError(f"image too large ({_declared_size(head, str(exc))} > limit)", path) from None
            except Exception:  # noqa: BLE001 - Pillow raises many kinds for bad bytes
                raise ExtractionError("unreadable image", path) from None
            with im:
                yield im
    finally:
        f.close()


def _declared_size(head: bytes, message: str) -> str:
    """"W×H pixels" from a PNG, GIF or BMP header, else the pixel count in Pillow's message."""
    if head.startswith(b"\x89PNG") and len(head) >= 24:
        w, h = int.from_bytes(head[16:20], "big"), int.from_bytes(head[20:24], "big")
    elif head.startswith(b"GIF") and len(head) >= 10:
        w, h = int.from_bytes(head[6:8], "little"), int.from_bytes(head[8:10], "little")
    elif head.startswith(b"BM") and len(head) >= 26:
        w, h = int.from_bytes(head[18:22], "little", signed=True), abs(int.from_bytes(head[22:26], "little", signed=True))
    else:
        pixels = re.search(r"\((\d+) pixels\)", message)
        return f"{int(pixels.group(1)):,} pixels" if pixels else "too many pixels"
    return f"{w}×{h} pixels"


def _check_size(im: Image.Image, max_pixels: int, path: PathLike) -> None:
    w, h = im.size
    if w <= 0 or h <= 0:
        raise ExtractionError("unreadable image", path)
    if w * h > max_pixels:
        raise ExtractionError(f"image too large ({w}×{h} pixels > limit)", path)


def image_metadata(path: PathLike, max_pixels: int = MAX_PIXELS) -> dict[str, Any]:
    """Format, width, height, mode and frame count, read from the header without decoding pixels."""
    with _opened(path) as im:
        meta: dict[str, Any] = {"format": im.format, "width": im.width, "height": im.height,
                                "mode": im.mode, "frames": 1}
        if im.width * im.height <= max_pixels:
            try:
                meta["frames"] = int(getattr(im, "n_frames", 1))
            except Exception:  # noqa: BLE001 - a broken later frame: the first one still counts
                pass
        return meta


def to_rgb(im: Image.Image) -> Image.Image:
    """RGB for any mode: transparency onto white, 16-bit and float scaled, CMYK/LAB/palette converted."""
    if im.mode in ("I", "I;16", "I;16B", "I;16L", "I;16N", "F"):
        arr = np.asarray(im, dtype=np.float32)
        lo, hi = float(arr.min()), float(arr.max())
        arr = (arr - lo) * (255.0 / (hi - lo)) if hi > lo else np.zeros_like(arr)
        return Image.fromarray(arr.astype(np.uint8), "L").convert("RGB")
    if (im.mode == "P" and "transparency" in im.info) or im.mode in ("PA", "LA", "La", "RGBa"):
        im = im.convert("RGBA")
    if im.mode == "RGBA":
        background = Image.new("RGB", im.size, (255, 255, 255))
        background.paste(im, mask=im.getchannel("A"))
        return background
    return im.convert("RGB")


def open_image(path: PathLike, max_pixels: int = MAX_PIXELS, max_side: int | None = None) -> Image.Image:
    """The image as RGB (the first frame of an animation, EXIF rotation applied).

    The pixel count comes from the header and is checked before decoding, so a tiny file declaring
    a huge image is refused at once. `max_side` scales the result down (and makes big JPEGs decode
    at a reduced size, which is much faster)."""
    with _opened(path) as im:
        _check_size(im, max_pixels, path)
        try:
            if max_side and im.format == "JPEG":
                im.draft("RGB", (max_side, max_side))
            im.load()
            try:
                rotated = ImageOps.exif_transpose(im)
            except Exception:  # noqa: BLE001 - broken EXIF: keep the pixels as stored
                rotated = im
            rgb = to_rgb(rotated)
        except MemoryError:
            raise ExtractionError("image too large to decode (out of memory)", path) from None
        except Exception:  # noqa: BLE001 - truncated or corrupt pixel data
            raise ExtractionError("unreadable image", path) from None
    if max_side and max(rgb.size) > max_side:
        rgb.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)
    return rgb


_WORD = re.compile(r"\w")


def clean_ocr_line(line: str) -> str:
    """Drop what Tesseract reads into textures: tokens that are mostly punctuation, and lines
    without a word of four letters or two words of two."""
    words = [w for w in line.split() if len(_WORD.findall(w)) * 2 >= len(w)]
    long = [w for w in words if len(_WORD.findall(w)) >= 2]
    if not long or (len(long) == 1 and len(_WORD.findall(long[0])) < 4):
        return ""
    return " ".join(words)


def ocr_paragraphs(image: Image.Image, language: str = "eng", max_side: int | None = OCR_MAX_SIDE,
                   timeout: float = OCR_TIMEOUT) -> list[str] | None:
    """Paragraphs of text Tesseract reads with confidence: [] when there is none, None when OCR is
    unavailable or failed (logged). Runs the `tesseract` program on one thread (its OpenMP
    threads slow it down many times over on a busy machine) with a time limit."""
    found = _tesseract()
    if found is None or not ocr_available(language):
        return None
    im = image.convert("L") if image.mode != "L" else image
    side = max(im.size)
    if max_side and side > max_side:
        im = im.copy()
        im.thumbnail((max_side, max_side), Image.Resampling.BILINEAR, reducing_gap=2.0)
    elif 0 < side < OCR_MIN_SIDE:
        scale = OCR_MIN_SIDE / side
        im = im.resize((max(1, round(im.width * scale)), max(1, round(im.height * scale))),
                       Image.Resampling.LANCZOS)
    buf = io.BytesIO()
    im.save(buf, format="PPM")  # PGM: no compression to spend time on
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    try:
        result = subprocess.run([found[0], "stdin", "stdout", "-l", language, "tsv"], input=buf.getvalue(),
                                capture_output=True, timeout=timeout, env=env)
    except subprocess.TimeoutExpired:
        log.warning("OCR gave up after %.0f s", timeout)
        return None
    except OSError as exc:
        log.warning("OCR failed: %s", exc)
        return None
    if result.returncode != 0:
        log.warning("OCR failed: %s", result.stderr.decode(errors="replace").strip()[-300:])
        return None
    return _paragraphs_from_tsv(result.stdout.decode("utf-8", "replace"))


def _paragraphs_from_tsv(tsv: str) -> list[str]:
    lines: dict[tuple[str, str, str], list[str]] = {}
    for row in tsv.splitlines()[1:]:
        cols = row.split("\t")
        if len(cols) < 12 or cols[0] != "5" or not cols[11].strip():
            continue
        try:
            confidence = float(cols[10])
        except ValueError:
            continue
        if confidence >= OCR_MIN_CONFIDENCE:
            lines.setdefault((cols[2], cols[3], cols[4]), []).append(cols[11].strip())
    paragraphs: dict[tuple[str, str], list[str]] = {}
    for (block, par, _), words in lines.items():
        line = clean_ocr_line(" ".join(words))
        if line:
            paragraphs.setdefault((block, par), []).append(line)
    return ["\n".join(p) for p in paragraphs.values()]


def image_ocr_text(image: Image.Image, language: str = "eng") -> str:
    """Printed text in an image, paragraphs separated by blank lines; "" when there is none or
    when OCR is unavailable (see ocr_available). Big images are scaled to OCR_MAX_SIDE first."""
    if max(image.size) > OCR_MAX_SIDE:  # scale first: no full-size RGB copy of a huge image
        image = image.copy()
        image.thumbnail((OCR_MAX_SIDE, OCR_MAX_SIDE), Image.Resampling.BILINEAR, reducing_gap=2.0)
    return "\n\n".join(ocr_paragraphs(to_rgb(image), language) or [])
