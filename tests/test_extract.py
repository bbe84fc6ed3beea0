"""Extraction from real documents built at test time (tests/documents.py): PDFs (text, tables,
encrypted, truncated, scanned, 1,200 pages), photos and printed images, Markdown and text files,
and every kind of bad input, which must end in an ExtractionError with a reason for people."""

from __future__ import annotations

import io
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil
import pymupdf
import pytest
from PIL import Image

import documents as D
from assistant.knowledge import images as images_module
from assistant.knowledge.extract import (
    NOTE_NO_OCR,
    NOTE_NO_TEXT,
    NOTE_OCR,
    ExtractionError,
    TextChunk,
    detect_kind,
    image_metadata,
    image_ocr_text,
    ocr_available,
    open_image,
    pdf_chunks,
    pdf_info,
    pdf_page_images,
    text_chunks,
)

pytestmark = pytest.mark.timeout(120)  # nothing here may hang

needs_ocr = pytest.mark.skipif(not ocr_available(), reason="tesseract-ocr is not installed")


@pytest.fixture(scope="module")
def docs(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("docs")


@pytest.fixture(scope="module")
def report(docs) -> Path:
    return D.make_report_pdf(docs)


def reason(call) -> str:
    with pytest.raises(ExtractionError) as info:
        result = call()
        if hasattr(result, "__next__"):  # generators: errors may only come while iterating
            list(result)
    assert str(info.value).strip() and "\n" not in str(info.value)
    return info.value.reason


def all_chunks(path, **kwargs) -> list[TextChunk]:
    return [chunk for page in pdf_chunks(path, **kwargs) for chunk in page.chunks]


# --- kinds, by content ----------------------------------------------------------------------------

def test_kind_comes_from_the_content_not_the_name(docs, report):
    assert detect_kind(report) == "pdf"
    assert detect_kind(D.make_photo(docs)) == "image"
    assert detect_kind(D.make_png_named_jpg(docs)) == "image"
    assert detect_kind(D.make_two_frame_gif(docs)) == "image"
    pdf_named_txt = docs / "actually-a.txt"
    shutil.copy(report, pdf_named_txt)
    assert detect_kind(pdf_named_txt) == "pdf"
    for name in ("notes.md", "notes.markdown", "notes.txt"):
        (docs / name).write_text("# Notes\n\nSome text.\n")
        assert detect_kind(docs / name) == "text"
    (docs / "archive.docx").write_bytes(b"PK\x03\x04" + bytes(100))
    assert detect_kind(docs / "archive.docx") is None  # not ours: skipped quietly
    (docs / "bmw.txt").write_text("BMW cars are made in Munich.\n")  # starts like a BMP
    assert detect_kind(docs / "bmw.txt") == "text"


@pytest.mark.parametrize("fmt, suffix", [("PNG", ".png"), ("JPEG", ".jpg"), ("WEBP", ".webp"), ("GIF", ".gif"),
                                          ("BMP", ".bmp"), ("TIFF", ".tif")])
def test_every_supported_image_format_opens(docs, fmt, suffix):
    path = docs / f"format{suffix}"
    D.photo().resize((120, 90)).save(path, format=fmt)
    assert detect_kind(path) == "image"
    meta = image_metadata(path)
    assert (meta["format"], meta["width"], meta["height"], meta["frames"]) == (fmt, 120, 90, 1)
    image = open_image(path)
    assert image.mode == "RGB" and image.size == (120, 90)


def test_names_that_lie_about_the_content(docs):
    assert reason(lambda: detect_kind(D.make_text_pdf_with_text_name(docs))) == "not a PDF"
    assert reason(lambda: pdf_chunks(D.make_text_pdf_with_text_name(docs))) == "not a PDF"
    garbage = docs / "garbage.png"
    garbage.write_bytes(random.Random(1).randbytes(5000))
    assert reason(lambda: detect_kind(garbage)) == "unreadable image"
    assert reason(lambda: open_image(garbage)) == "unreadable image"
    png_as_jpg = D.make_png_named_jpg(docs)
    assert image_metadata(png_as_jpg)["format"] == "PNG"
    assert open_image(png_as_jpg).getpixel((0, 0)) == (200, 10, 10)


@pytest.mark.parametrize("name", ["empty.pdf", "empty.png", "empty.md", "empty.txt", "empty.bin"])
def test_empty_files(docs, name):
    (docs / name).write_bytes(b"")
    assert reason(lambda: detect_kind(docs / name)) == "empty file"
    call = {".pdf": pdf_chunks, ".png": open_image, ".md": text_chunks, ".txt": text_chunks,
            ".bin": image_metadata}[Path(name).suffix]
    assert reason(lambda: call(docs / name)) == "empty file"


def test_missing_file_and_folder(docs):
    assert reason(lambda: detect_kind(docs / "nope.pdf")) == "file not found"
    assert reason(lambda: pdf_chunks(docs)).startswith("unsupported file type")
    assert reason(lambda: text_chunks(docs / "nope.md")) == "file not found"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_is_refused_without_blocking(docs):
    fifo = docs / "pipe.md"
    os.mkfifo(fifo)
    for call in (detect_kind, text_chunks, open_image, pdf_chunks):
        assert reason(lambda: call(fifo)) == "unsupported file type (not a regular file)"


# --- PDFs -----------------------------------------------------------------------------------------

def test_pdf_text_has_pages_headings_and_a_table(report):
    pages = list(pdf_chunks(report))
    assert [p.number for p in pages] == [1, 2, 3]
    assert all(p.note is None for p in pages)
    chunks = [c for p in pages for c in p.chunks]
    assert [c.index for c in chunks] == list(range(len(chunks)))
    for page, heading, sentence in D.REPORT_FACTS:
        found = [c for c in chunks if sentence in c.text]
        assert len(found) == 1, sentence
        assert found[0].page == page and found[0].heading == heading
        assert f"## {heading}" in found[0].text
    assert chunks[0].text.startswith(f"# {D.REPORT_TITLE}\n")
    table = next(c for c in chunks if "| Crane |" in c.text)
    assert table.page == 2 and table.heading == "Bird counts"
    rows = [line for line in table.text.splitlines() if line.startswith("|")]
    assert rows[0] == "| Species | Count | Trend |" and rows[1] == "|---|---|---|"
    assert rows[2:] == ["| Crane | 42 | rising |", "| Heron | 17 | stable |", "| Osprey | 5 | falling |"]
    assert "Species\nCount" not in table.text  # the table's cells are not repeated as loose lines
    assert pdf_info(report) == {"pages": 3, "title": D.REPORT_TITLE, "author": None, "encrypted": False}


def test_encrypted_pdf(docs):
    path = D.make_encrypted_pdf(docs, password="open sesame")
    assert detect_kind(path) == "pdf"
    assert reason(lambda: pdf_chunks(path)) == "encrypted PDF (set a password to index it)"
    assert reason(lambda: pdf_chunks(path, password="wrong")) == "encrypted PDF (wrong password)"
    chunks = all_chunks(path, password="open sesame")
    assert any("vault combination is hidden inside the old lighthouse" in c.text for c in chunks)
    assert chunks[0].heading == "Confidential"
    assert [n for n, _ in pdf_page_images(path, password="open sesame")] == [1]


@pytest.mark.parametrize("fraction", [0.05, 0.3, 0.6, 0.9, 0.99])
def test_truncated_pdf(docs, report, fraction):
    path = D.truncated_copy(report, docs, fraction, name=f"cut-{fraction}.pdf")
    assert detect_kind(path) == "pdf"
    assert reason(lambda: pdf_chunks(path)) == "corrupt or truncated PDF"
    assert reason(lambda: pdf_page_images(path)) == "corrupt or truncated PDF"


def test_damaged_pdfs_never_escape_as_other_exceptions(docs, report):
    """Bytes flipped at random: either pages come out or an ExtractionError; nothing else."""
    data = bytearray(report.read_bytes())
    rng = random.Random(42)
    outcomes = set()
    for i in range(25):
        broken = bytearray(data)
        for _ in range(rng.choice([1, 10, 200])):
            broken[rng.randrange(20, len(broken))] = rng.randrange(256)
        path = docs / f"damaged-{i}.pdf"
        path.write_bytes(bytes(broken))
        try:
            pages = list(pdf_chunks(path))
            list(pdf_page_images(path, max_side=64))
            outcomes.add("read")
            assert all(p.number == n for n, p in enumerate(pages, 1))
        except ExtractionError as exc:
            outcomes.add(exc.reason)
    header_only = docs / "header-only.pdf"
    header_only.write_bytes(b"%PDF-1.7\n" + random.Random(3).randbytes(4000))
    assert reason(lambda: pdf_chunks(header_only)) == "corrupt or truncated PDF"
    assert "read" in outcomes


def test_scanned_page_is_read_by_ocr_or_marked(docs, monkeypatch):
    path = D.make_scanned_pdf(docs)
    if ocr_available():
        started = time.perf_counter()
        pages = list(pdf_chunks(path))
        print(f"\nscanned PDF, 3 pages with 1 OCR'd: {time.perf_counter() - started:.2f} s")
        assert [p.note for p in pages] == [None, NOTE_OCR, NOTE_NO_TEXT]
        text = " ".join(c.text for c in pages[1].chunks).upper()
        for word in D.SCANNED_WORDS:
            assert word in text
        assert "4711" in text
        assert all(c.page == 2 for c in pages[1].chunks)
    monkeypatch.setattr(images_module, "_tesseract", lambda: None)
    pages = list(pdf_chunks(path))
    assert [p.note for p in pages] == [None, NOTE_NO_OCR, NOTE_NO_TEXT]
    assert pages[1].chunks == [] and "scanned invoice" in pages[0].chunks[0].text
    assert [p.note for p in pdf_chunks(path, ocr=False)][1] == NOTE_NO_OCR


def test_page_images(report):
    rendered = list(pdf_page_images(report, max_side=224))
    assert [n for n, _ in rendered] == [1, 2, 3]
    for _, image in rendered:
        assert image.mode == "RGB" and max(image.size) == 224
        assert image.convert("L").getextrema()[0] < 100  # there is dark ink on the page
    number, image = next(pdf_page_images(report, dpi=72, max_side=None))
    assert (number, image.size) == (1, (595, 842))  # A4 at 72 dpi


def test_non_utf8_file_name(docs, report):
    try:
        path = Path(os.fsdecode(docs) + "/" + os.fsdecode(b"caf\xe9-r\xe9sum\xe9.pdf"))
        shutil.copy(report, path)
    except (OSError, UnicodeError):
        pytest.skip("this file system wants UTF-8 names")
    assert detect_kind(path) == "pdf"
    assert any(D.REPORT_FACTS[0][2] in c.text for c in all_chunks(path))
    assert len(list(pdf_page_images(path, max_side=50))) == 3
    empty = path.with_suffix(".md")
    empty.write_bytes(b"")
    message = str(pytest.raises(ExtractionError, text_chunks, empty).value)
    assert message.encode("utf-8") and message.endswith("empty file")


def test_1200_page_pdf_in_bounded_memory(docs):
    # built in another process, so that its memory does not hide this one's growth
    started = time.perf_counter()
    code = f"import documents; documents.make_big_pdf(__import__('pathlib').Path({str(docs)!r}), 1200)"
    subprocess.run([sys.executable, "-c", code], cwd=Path(__file__).parent, check=True, timeout=120)
    path = docs / "big.pdf"
    built = time.perf_counter() - started
    process = psutil.Process()
    rss_before = peak = process.memory_info().rss
    started = time.perf_counter()
    count, chunk_count, headings = 0, 0, {}
    for page in pdf_chunks(path):
        count += 1
        assert page.number == count and page.note is None
        chunk_count += len(page.chunks)
        assert f"printed on page {count} of the long" in page.chunks[0].text
        assert all(c.page == count and len(c.text) <= 1250 for c in page.chunks)
        headings[count] = page.chunks[-1].heading
        if count == 2:  # a long page is cut at sentences, with the last sentence repeated
            first, second = page.chunks[0].text, page.chunks[1].text
            assert first.endswith(".") and first.endswith(second.split(". ")[0] + ".")
        if count % 25 == 0:
            peak = max(peak, process.memory_info().rss)
    elapsed = time.perf_counter() - started
    growth = (peak - rss_before) / 2**20
    print(f"\n1,200-page PDF: built in {built:.1f} s; {chunk_count} chunks in {elapsed:.1f} s "
          f"({elapsed / count * 1000:.1f} ms a page); RSS growth {growth:.1f} MB")
    assert count == 1200 and chunk_count >= 2400
    assert headings[537] == "Chapter 54" and headings[1200] == "Chapter 120"
    assert growth < 150  # streamed page by page (how fast: bench/knowledge.py)


# --- images ---------------------------------------------------------------------------------------

def test_photo_and_metadata(docs):
    path = D.make_photo(docs)
    meta = image_metadata(path)
    assert meta["format"] == "JPEG" and meta["frames"] == 1
    image = open_image(path)
    assert image.mode == "RGB" and image.size == (meta["width"], meta["height"])
    small = open_image(path, max_side=128)
    assert max(small.size) == 128


def test_gif_first_frame_and_transparency(docs):
    gif = D.make_two_frame_gif(docs)
    assert image_metadata(gif)["frames"] == 2
    assert open_image(gif).getpixel((5, 5)) == (255, 0, 0)
    logo = open_image(D.make_transparent_png(docs))
    assert logo.getpixel((0, 0)) == (255, 255, 255) and logo.getpixel((25, 25)) == (0, 0, 0)


def test_exif_rotation_is_applied(docs):
    path = docs / "rotated.jpg"
    exif = Image.Exif()
    exif[0x0112] = 6  # "rotate 90° clockwise to display"
    Image.new("RGB", (80, 40), (0, 128, 0)).save(path, exif=exif)
    assert open_image(path).size == (40, 80)


def test_decompression_bombs_are_refused_before_decoding(docs):
    huge = D.make_bomb_png(docs, 100_000, 100_000)  # beyond Pillow's own hard limit
    assert huge.stat().st_size < 1000
    process = psutil.Process()
    rss_before = process.memory_info().rss
    assert reason(lambda: open_image(huge)) == "image too large (100000×100000 pixels > limit)"
    big = D.make_bomb_png(docs, 12_000, 13_000, name="bomb2.png")  # past our limit, under Pillow's
    assert reason(lambda: open_image(big)) == "image too large (12000×13000 pixels > limit)"
    assert process.memory_info().rss - rss_before < 100 * 2**20  # not decoded: 12000×13000 RGB is 468 MB
    assert image_metadata(big)["width"] == 12_000  # the header alone is safe to read
    small_limit = reason(lambda: open_image(D.make_photo(docs), max_pixels=1000))
    assert small_limit.startswith("image too large (") and "pixels > limit" in small_limit


def test_broken_images(docs):
    assert reason(lambda: open_image(D.make_truncated_jpeg(docs))) == "unreadable image"
    source = io.BytesIO()
    D.photo().resize((200, 150)).save(source, format="PNG")
    data = bytearray(source.getvalue())
    rng = random.Random(5)
    for i in range(20):
        broken = bytearray(data)
        for _ in range(20):
            broken[rng.randrange(8, len(broken))] = rng.randrange(256)
        path = docs / f"broken-{i}.png"
        path.write_bytes(bytes(broken))
        try:
            assert open_image(path).mode == "RGB"
        except ExtractionError as exc:
            assert exc.reason in ("unreadable image",) or exc.reason.startswith("image too large")


@needs_ocr
def test_ocr_reads_printed_words(docs):
    image = open_image(D.make_sign_png(docs))
    text = image_ocr_text(image)
    for word in D.SIGN_WORDS:
        assert word.lower() in text.lower()


@needs_ocr
def test_ocr_of_a_photo_is_quiet(docs):
    image = D.photo()
    text = image_ocr_text(image)
    assert len(text) < 40  # no pages of texture read as letters


def test_ocr_unavailable_gives_empty_text(docs, monkeypatch):
    monkeypatch.setattr(images_module, "_tesseract", lambda: None)
    assert not ocr_available()
    assert image_ocr_text(open_image(D.make_sign_png(docs))) == ""


# --- text and Markdown ----------------------------------------------------------------------------

def test_markdown_headings(docs):
    path = docs / "garden.md"
    path.write_text(D.MARKDOWN)
    chunks = text_chunks(path)
    assert all(c.page is None for c in chunks)

    def chunk_with(words: str) -> TextChunk:
        return next(c for c in chunks if words in c.text)

    assert "title: Garden notes" in chunks[0].text
    assert chunk_with("three raised beds").heading == "Garden"
    assert chunk_with("full sun").heading == "Tomatoes"
    assert chunk_with("water(tomatoes)").heading == "Tomatoes"  # the # inside code is no heading
    assert chunk_with("trellis").heading == "Beans"  # setext heading
    table = chunk_with("| Tomato | daily |")
    assert table.heading == "Beans" and "| Plant | Water |" in table.text


def test_long_text_is_cut_at_sentences_with_overlap(docs):
    sentences = [f"Sentence number {i} talks about the weather on day {i} of the journey." for i in range(200)]
    paragraphs = ["\n".join(sentences[i:i + 10]).replace("\n", " ") for i in range(0, 200, 10)]
    path = docs / "long.txt"
    path.write_text("\n\n".join(paragraphs))
    chunks = text_chunks(path)
    assert len(chunks) > 10
    assert all(600 <= len(c.text) <= 1200 for c in chunks[:-1])
    assert all(c.text.endswith(".") and c.text[0].isupper() for c in chunks)
    joined = " ".join(c.text for c in chunks)
    assert all(s in joined for s in sentences)
    overlaps = sum(chunks[i + 1].text.split(". ")[0] + "." in chunks[i].text for i in range(len(chunks) - 1))
    assert overlaps >= len(chunks) // 2
    assert all(c.heading is None for c in chunks)  # .txt: no Markdown headings


def test_text_encodings_never_crash(docs):
    (docs / "latin.txt").write_bytes("Caf\xe9 cr\xe8me, na\xefve r\xe9sum\xe9.".encode("cp1252"))
    assert "Café crème" in text_chunks(docs / "latin.txt")[0].text
    (docs / "utf16.md").write_bytes("# Überschrift\n\nGrüße aus Köln.".encode("utf-16"))
    chunk = text_chunks(docs / "utf16.md")[0]
    assert chunk.heading == "Überschrift" and "Grüße aus Köln." in chunk.text
    (docs / "mixed.txt").write_bytes(b"ok \x81\x8d\x8f\x90\x9d \xff\xfe\xfd end\r\nline two")
    assert re.search(r"ok .* end\nline two", text_chunks(docs / "mixed.txt")[0].text)
    (docs / "binary.txt").write_bytes(bytes(range(256)) * 10)
    assert reason(lambda: text_chunks(docs / "binary.txt")) == "unsupported file type (binary content)"
    (docs / "blank.md").write_text("   \n\n\t\n")
    assert reason(lambda: text_chunks(docs / "blank.md")) == "empty file"


# --- unreadable files -----------------------------------------------------------------------------

def _reasons_for_unreadable(folder: Path) -> dict[str, str]:
    out = {}
    for name, call in [("doc.pdf", pdf_chunks), ("doc.pdf", detect_kind), ("pic.png", open_image),
                       ("pic.png", image_metadata), ("notes.md", text_chunks)]:
        try:
            call(folder / name)
            out[f"{name}:{call.__name__}"] = "no error"
        except ExtractionError as exc:
            out[f"{name}:{call.__name__}"] = exc.reason
        except Exception as exc:  # noqa: BLE001 - reported, and the test fails on it
            out[f"{name}:{call.__name__}"] = f"{type(exc).__name__}: {exc}"
    return out


def test_permission_denied(report):
    folder = Path(tempfile.mkdtemp(prefix="extract-perm-"))
    try:
        folder.chmod(0o755)
        shutil.copy(report, folder / "doc.pdf")
        Image.new("RGB", (10, 10)).save(folder / "pic.png")
        (folder / "notes.md").write_text("# hi\n")
        for name in ("doc.pdf", "pic.png", "notes.md"):
            (folder / name).chmod(0)
        if os.access(folder / "doc.pdf", os.R_OK):  # root reads anything: check as "nobody"
            if not hasattr(os, "fork"):
                pytest.skip("running as root and cannot drop privileges here")
            read_end, write_end = os.pipe()
            pid = os.fork()
            if pid == 0:  # the child: become nobody, try, report, leave at once
                try:
                    os.close(read_end)
                    os.setgid(65534)
                    os.setuid(65534)
                    result = json.dumps(_reasons_for_unreadable(folder)).encode()
                except BaseException as exc:  # noqa: BLE001
                    result = json.dumps({"child": repr(exc)}).encode()
                os.write(write_end, result)
                os._exit(0)
            os.close(write_end)
            with os.fdopen(read_end, "rb") as pipe:
                reasons = json.loads(pipe.read() or b"{}")
            os.waitpid(pid, 0)
        else:
            reasons = _reasons_for_unreadable(folder)
        assert reasons and set(reasons.values()) == {"unreadable file (permission denied)"}, reasons
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def test_a_bills_lines_stay_lines_and_wrapped_prose_is_joined(docs):
    """A bill or a letter writes one thing a line ("Invoice date: ...", "Total: ..."): joined as prose they were one
    run-on sentence, and the answer's line could not be told from its neighbours'. Wrapped prose is still one
    paragraph."""
    prose = ("Thank you for choosing us. Your plan renews every month on the same day unless you cancel it in "
             "writing at least fourteen days before the renewal date, by post or through your online account.")
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_textbox(pymupdf.Rect(60, 60, 540, 780), "STADTWERKE NORD - Invoice\nCustomer no.: 40 1187 22\n"
                        "Invoice date: 3 March 2026\nAmount due: 212.40 EUR\nDue date: 20 March 2026\n\n" + prose,
                        fontsize=12)
    path = docs / "invoice.pdf"
    doc.save(path)
    [first] = list(pdf_chunks(path))
    text = "\n".join(c.text for c in first.chunks)
    lines = text.splitlines()
    assert "Invoice date: 3 March 2026" in lines and "Amount due: 212.40 EUR" in lines
    assert "Due date: 20 March 2026" in lines
    assert prose in text  # (wrapped over three lines, joined)
