"""Paths typed or pasted into the app: which become attachments, and what bad files say."""

from __future__ import annotations

import documents
import pytest

from assistant.tui.attachments import as_attachment, copy_into, looks_like_path

LIMIT = 100_000_000


def test_pasted_paths_in_their_usual_shapes(tmp_path, monkeypatch):
    photo = documents.make_photo(tmp_path, "my photo.jpg")
    monkeypatch.setenv("HOME", str(tmp_path))
    for typed in (str(photo), f"'{photo}'", f'"{photo}"', str(photo).replace(" ", "\\ "), photo.as_uri(),
                  "~/my photo.jpg"):
        assert looks_like_path(typed) == photo.expanduser(), typed
    for question in ("what is in my photo?", "hello", "2.5 + 3", f"{photo} and more", str(tmp_path / "none.jpg")):
        assert looks_like_path(question) is None, question


def test_an_image_and_a_pdf_attach(tmp_path):
    image = as_attachment(str(documents.make_photo(tmp_path)), LIMIT)
    assert image.is_image and image.problem is None and not image.text_context
    pdf = as_attachment(str(documents.make_report_pdf(tmp_path)), LIMIT)
    assert pdf.kind == "pdf" and pdf.problem is None and not pdf.is_image
    assert "[Attached PDF report.pdf:" in pdf.text_context and "[page 1]" in pdf.text_context
    assert len(pdf.text_context) < 6200


@pytest.mark.parametrize("make, reason", [
    (lambda d: documents.make_encrypted_pdf(d, "pw"), "password"),
    (lambda d: documents.make_bomb_png(d), "pixels"),
    (lambda d: documents.make_truncated_jpeg(d), ""),
    (lambda d: (d / "notes.docx").write_bytes(b"PK\x03\x04") and d / "notes.docx", "only images and PDFs"),
    (lambda d: (d / "fake.pdf").write_bytes(b"hello") and d / "fake.pdf", "not a PDF"),
])
def test_bad_files_are_refused_with_the_reason(tmp_path, make, reason):
    path = make(tmp_path)
    attachment = as_attachment(str(path), LIMIT)
    assert attachment is not None and attachment.problem, attachment
    assert attachment.problem.startswith(f"Cannot attach {path.name}") and reason in attachment.problem


def test_copy_into_never_overwrites(tmp_path):
    source = documents.make_photo(tmp_path, "p.jpg")
    folder = tmp_path / "knowledge"
    first, second = copy_into(folder, source), copy_into(folder, source)
    assert first == folder / "p.jpg" and second == folder / "p-1.jpg"
    assert first.read_bytes() == second.read_bytes() == source.read_bytes()
