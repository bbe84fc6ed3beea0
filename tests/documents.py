"""Real test documents, built at test time: PDFs with PyMuPDF, images with Pillow.

Every builder writes into the folder it is given and returns the path, so tests own their files.
Known facts about each document (sentences and the page they are on, table cells, headings, the
words printed in an image) are module constants that the tests assert against.
"""

from __future__ import annotations

import io
import random
import struct
import textwrap
import zlib
from pathlib import Path

import pymupdf
from PIL import Image, ImageDraw, ImageFilter, ImageFont

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")

# --- the multi-page report ----------------------------------------------------------------------
# (page, heading, sentence): each sentence is on exactly one page, under that heading.
REPORT_FACTS = [
    (1, "Introduction", "The quarterly survey counted forty-two migrating cranes near the lake."),
    (2, "Results", "Rainfall in the northern valley doubled compared with the previous spring."),
    (3, "Conclusion", "The committee recommends planting willow trees along the eastern shore."),
]
REPORT_TITLE = "Lakeside Wildlife Report"
TABLE_ROWS = [["Species", "Count", "Trend"], ["Crane", "42", "rising"], ["Heron", "17", "stable"],
              ["Osprey", "5", "falling"]]
FILLER = ("Field notes were collected every morning by volunteers who walked the same route along "
          "the water, recording each bird they saw together with the weather and the time of day. ")

# --- the scanned page and the printed image -----------------------------------------------------
SCANNED_WORDS = ["INVOICE", "PAYMENT", "BERLIN"]
SCANNED_LINES = ["INVOICE NUMBER 4711", "PAYMENT DUE IN THIRTY DAYS", "SHIPPED FROM BERLIN"]
SIGN_WORDS = ["HELLO", "WORLD", "SPARK"]


def _font(size: int, bold: bool = False) -> ImageFont.ImageFont:
    path = FONT_DIR / ("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf")
    if path.exists():
        return ImageFont.truetype(str(path), size)
    return ImageFont.load_default(size=size)


def _paragraph(page: pymupdf.Page, y: float, text: str, size: float = 11) -> float:
    """Write a wrapped paragraph at height y; return the y below it."""
    rect = pymupdf.Rect(72, y, page.rect.width - 72, page.rect.height - 40)
    spare = page.insert_textbox(rect, text, fontsize=size, fontname="helv")
    assert spare >= 0, "paragraph does not fit"
    used = rect.height - spare
    return y + used + size


def _heading(page: pymupdf.Page, y: float, text: str, size: float = 18) -> float:
    page.insert_text((72, y + size), text, fontsize=size, fontname="hebo")
    return y + size * 2


def _table(page: pymupdf.Page, y: float, rows: list[list[str]]) -> float:
    """A ruled table: text in cells plus the grid lines that find_tables() looks for."""
    col_w, row_h, x0 = 120, 20, 72
    for r, row in enumerate(rows):
        for c, cell in enumerate(row):
            page.insert_text((x0 + c * col_w + 5, y + r * row_h + 14), cell, fontsize=10,
                             fontname="hebo" if r == 0 else "helv")
    width, height = col_w * len(rows[0]), row_h * len(rows)
    for r in range(len(rows) + 1):
        page.draw_line((x0, y + r * row_h), (x0 + width, y + r * row_h), width=0.8)
    for c in range(len(rows[0]) + 1):
        page.draw_line((x0 + c * col_w, y), (x0 + c * col_w, y + height), width=0.8)
    return y + height + 20


def make_report_pdf(folder: Path, name: str = "report.pdf") -> Path:
    """Three pages: a title, a heading per page, filler paragraphs, one known sentence per page and a
    ruled table on page 2."""
    doc = pymupdf.open()
    for page_no, heading, sentence in REPORT_FACTS:
        page = doc.new_page()  # A4
        y = 60.0
        if page_no == 1:
            y = _heading(page, y, REPORT_TITLE, size=24)
        y = _heading(page, y, heading)
        y = _paragraph(page, y, FILLER * 2)
        y = _paragraph(page, y, sentence + " " + FILLER)
        if page_no == 2:
            y = _heading(page, y, "Bird counts", size=14)
            y = _table(page, y, TABLE_ROWS)
            y = _paragraph(page, y, "The table above lists the species seen most often this season.")
    doc.set_metadata({"title": REPORT_TITLE})
    path = folder / name
    doc.save(path)
    doc.close()
    return path


def make_encrypted_pdf(folder: Path, password: str, name: str = "secret.pdf") -> Path:
    doc = pymupdf.open()
    page = doc.new_page()
    _heading(page, 60, "Confidential")
    _paragraph(page, 110, "The vault combination is hidden inside the old lighthouse.")
    path = folder / name
    doc.save(path, encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw=password, owner_pw=password + "-owner")
    doc.close()
    return path


def truncated_copy(source: Path, folder: Path, fraction: float = 0.6, name: str = "truncated.pdf") -> Path:
    data = source.read_bytes()
    path = folder / name
    path.write_bytes(data[: int(len(data) * fraction)])
    return path


def make_scanned_pdf(folder: Path, name: str = "scanned.pdf") -> Path:
    """Page 1 has a text layer; page 2 is only a picture of printed text (as a scanner makes it);
    page 3 is blank."""
    img = Image.new("L", (1275, 1650), 255)  # letter size at 150 dpi
    draw = ImageDraw.Draw(img)
    for i, line in enumerate(SCANNED_LINES):
        draw.text((120, 200 + i * 110), line, fill=0, font=_font(56))
    img = img.filter(ImageFilter.GaussianBlur(0.6))  # a little scanner softness
    buf = io.BytesIO()
    img.save(buf, format="PNG")

    doc = pymupdf.open()
    page = doc.new_page()
    _heading(page, 60, "Cover letter")
    _paragraph(page, 110, "Please find the scanned invoice on the next page.")
    page = doc.new_page()
    page.insert_image(page.rect, stream=buf.getvalue())
    doc.new_page()
    path = folder / name
    doc.save(path)
    doc.close()
    return path


def make_big_pdf(folder: Path, pages: int = 1200, name: str = "big.pdf") -> Path:
    """A long text PDF, built fast (pre-wrapped lines): a heading every 10 pages, a sentence naming
    each page and about 2,300 characters of prose per page."""
    body = textwrap.wrap(FILLER * 12, 100)
    doc = pymupdf.open()
    for i in range(1, pages + 1):
        page = doc.new_page()
        lines = [f"This sentence is printed on page {i} of the long document.", *body]
        if i % 10 == 1:
            page.insert_text((72, 76), f"Chapter {i // 10 + 1}", fontsize=16, fontname="hebo")
        page.insert_text((72, 110), lines, fontsize=10, fontname="helv")
    path = folder / name
    doc.save(path, garbage=1, deflate=True)
    doc.close()
    return path


def make_text_pdf_with_text_name(folder: Path) -> Path:
    path = folder / "notes.pdf"
    path.write_text("These are plain notes, saved with the wrong extension.\n")
    return path


# --- images -------------------------------------------------------------------------------------

def photo() -> Image.Image:
    """A real photo when scikit-image is installed (its sample images), else a synthetic scene."""
    try:
        from skimage import data

        return Image.fromarray(data.chelsea()).convert("RGB")
    except Exception:  # noqa: BLE001 - no scikit-image: a drawn landscape with noise
        rng = random.Random(7)
        w, h = 800, 600
        img = Image.linear_gradient("L").resize((w, h)).convert("RGB")
        sky = Image.new("RGB", (w, h), (90, 150, 220))
        img = Image.blend(img, sky, 0.7)
        draw = ImageDraw.Draw(img)
        draw.polygon([(0, 420), (200, 250), (380, 400), (560, 220), (800, 430), (800, 600), (0, 600)],
                     fill=(60, 110, 60))
        draw.ellipse((620, 60, 720, 160), fill=(250, 220, 120))
        for _ in range(400):
            x, y = rng.randrange(w), rng.randrange(430, h)
            draw.line((x, y, x + rng.randrange(-3, 4), y - rng.randrange(4, 14)), fill=(30, 90 + rng.randrange(60), 30))
        noise = Image.effect_noise((w, h), 18).convert("RGB")
        return Image.blend(img, noise, 0.12).filter(ImageFilter.GaussianBlur(0.8))


def make_photo(folder: Path, name: str = "photo.jpg") -> Path:
    path = folder / name
    photo().save(path, quality=90)
    return path


def make_sign_png(folder: Path, name: str = "sign.png") -> Path:
    """Big dark words on a light background, like a photographed sign or a screenshot."""
    img = Image.new("RGB", (900, 420), (245, 240, 225))
    draw = ImageDraw.Draw(img)
    for i, word in enumerate(SIGN_WORDS):
        draw.text((60, 40 + i * 120), word, fill=(20, 20, 30), font=_font(90, bold=True))
    path = folder / name
    img.save(path)
    return path


def make_png_named_jpg(folder: Path) -> Path:
    path = folder / "really-a-png.jpg"
    Image.new("RGB", (64, 48), (200, 10, 10)).save(path, format="PNG")
    return path


def make_two_frame_gif(folder: Path) -> Path:
    path = folder / "anim.gif"
    first = Image.new("RGB", (40, 30), (255, 0, 0))
    second = Image.new("RGB", (40, 30), (0, 0, 255))
    first.save(path, save_all=True, append_images=[second], duration=100, loop=0)
    return path


def make_transparent_png(folder: Path) -> Path:
    path = folder / "logo.png"
    img = Image.new("RGBA", (50, 50), (0, 0, 0, 0))
    ImageDraw.Draw(img).rectangle((10, 10, 40, 40), fill=(0, 0, 0, 255))
    img.save(path)
    return path


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def make_bomb_png(folder: Path, width: int = 100_000, height: int = 100_000, name: str = "bomb.png") -> Path:
    """A valid-looking PNG of a few hundred bytes that declares width x height pixels (1 bit,
    grayscale): decoding it would need gigabytes."""
    ihdr = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    row = b"\x00" + b"\x00" * ((width + 7) // 8)
    idat = zlib.compress(row * 64, 9)  # the start of the image; the rest is never read
    data = b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", ihdr) + _png_chunk(b"IDAT", idat) + _png_chunk(b"IEND", b"")
    path = folder / name
    path.write_bytes(data)
    return path


def make_truncated_jpeg(folder: Path) -> Path:
    buf = io.BytesIO()
    photo().save(buf, format="JPEG", quality=90)
    path = folder / "cut.jpg"
    path.write_bytes(buf.getvalue()[: len(buf.getvalue()) // 3])
    return path


# --- text ---------------------------------------------------------------------------------------

MARKDOWN = """---
title: Garden notes
---

# Garden

The garden has three raised beds and a compost heap behind the shed.

## Tomatoes

Tomatoes need full sun and should be watered at the base every evening.

```python
# not a heading: a comment inside a code block
water(tomatoes)
```

Beans
-----

The beans climb the trellis on the north fence.

| Plant | Water |
|-------|-------|
| Tomato | daily |
| Bean | weekly |
"""
