"""The knowledge indexer (issue 3): incremental accounting, bad input, crash safety, a missing or
changed CLIP model, and scale.

Everything is real: chromadb on disk, the embedded profile's MiniLM text embedder, a tiny random
open_clip model built here, PDFs and images from tests/documents.py. The tests that depend on the
vector store (incremental runs, crash safety, CLIP later, model change) run twice: on disk and on a
real `chroma run` server (the session's `chroma_server` fixture). The registries are shared by
the tests of this module (one per model configuration), so each model loads once.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import pytest

import documents as D
from tiny_models import build_tiny_clip

from assistant.config import load_settings
from assistant.embeddings import TextEmbedder
from assistant.knowledge import scan as scan_module
from assistant.knowledge.catalog import Catalog
from assistant.knowledge.extract import ocr_available
from assistant.knowledge.indexer import Indexer, IndexReport
from assistant.knowledge.store import IndexMismatch, VectorStore
from assistant.models import ModelManager
from assistant.vision.clip import ClipEmbedder

REPO = Path(__file__).resolve().parent.parent


# -- fixtures and helpers --------------------------------------------------------------------------

@pytest.fixture(scope="module")
def clip_a(tmp_path_factory) -> Path:
    return build_tiny_clip(tmp_path_factory.mktemp("clip-a"))


@pytest.fixture(scope="module")
def clip_b(tmp_path_factory) -> Path:
    """Same architecture, another folder: to the index, another model."""
    return build_tiny_clip(tmp_path_factory.mktemp("clip-b"))


@pytest.fixture(scope="module")
def make_indexer(manager, session_data_dir):
    """make_indexer(tmp, clip=None, knowledge=None, data=None, models=None, **settings) -> a fresh
    Indexer (its own catalog and store objects, as a new process would have) over tmp/"kn" and
    tmp/"data"; registries are shared per model configuration."""
    managers = {"{}": manager}

    def make(tmp: Path, clip: Path | None = None, knowledge: Path | None = None, data: Path | None = None,
             models: dict | None = None, **settings) -> Indexer:
        chosen = {**({"clip": str(clip)} if clip else {}), **(models or {})}
        key = json.dumps(chosen, sort_keys=True)
        if key not in managers:
            managers[key] = ModelManager(load_settings(data_dir=session_data_dir, models=chosen))
        config = load_settings(knowledge_dir=knowledge or tmp / "kn", data_dir=data or tmp / "data",
                               models=chosen, **settings)
        return Indexer(config, managers[key])

    return make


@pytest.fixture(params=["disk", "server"])
def store_at(request) -> dict:
    """Where the vectors live, as settings: chromadb on disk in the data dir, or the session's real Chroma
    server (`chroma run`) under collection names of this test's own."""
    if request.param == "disk":
        return {}
    return request.getfixturevalue("chroma_server").settings()


@pytest.fixture
def embedded(monkeypatch) -> Counter:
    """How many texts and images were embedded (by any indexer) since the last `clear()`."""
    counts: Counter = Counter()
    embed, embed_images = TextEmbedder.embed, ClipEmbedder.embed_images

    def text(self, texts, *args, **kwargs):
        counts["texts"] += 1 if isinstance(texts, str) else len(texts)
        return embed(self, texts, *args, **kwargs)

    def images(self, batch, *args, **kwargs):
        counts["images"] += len(batch)
        return embed_images(self, batch, *args, **kwargs)

    monkeypatch.setattr(TextEmbedder, "embed", text)
    monkeypatch.setattr(ClipEmbedder, "embed_images", images)
    return counts


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def entries(idx: Indexer, kind: str, sha256: str | None = None) -> list[dict]:
    """The metadata of every vector entry of a collection (of one content hash)."""
    col = idx.store.existing(kind)
    if col is None:
        return []
    got = col.get(where={"sha256": sha256} if sha256 else None, include=["metadatas"])
    return [dict(m, id=i) for i, m in zip(got["ids"], got["metadatas"])]


def counts(idx: Indexer) -> tuple[int, int]:
    return idx.store.count("text"), idx.store.count("visual")


def sha_of(idx: Indexer, name: str) -> str:
    return idx.catalog.files()[name].sha256


def lexical_files(idx: Indexer, word: str) -> set[str]:
    """The files whose keyword-index chunks contain `word`."""
    shas = {hit.sha256 for hit in idx.catalog.lexical(word, limit=100)}
    return {p for paths in idx.catalog.paths_of(shas).values() for p in paths} | (
        {"<orphan>"} if shas - set(idx.catalog.paths_of(shas)) else set())


def assert_consistent(idx: Indexer) -> None:
    """One truth across the catalog, the keyword index and chromadb: every file's content is indexed,
    every indexed content belongs to a file, each has exactly the entries it recorded (no duplicates,
    none missing) and no vector or chunk belongs to unknown content."""
    catalog = idx.catalog
    files = catalog.files()
    contents = {c.sha256: c for c in catalog.contents()}
    assert catalog.pending() == [], "a file's entries were left half-written"
    assert {f.sha256 for f in files.values()} == set(contents), "files and indexed contents disagree"
    assert not set(files) & set(catalog.problems()), "a file is both indexed and a problem"
    for kind, recorded in (("text", "chunks"), ("visual", "visuals")):
        metas = entries(idx, kind)
        ids = [m["id"] for m in metas]
        assert len(ids) == len(set(ids))
        per_content = Counter(m["sha256"] for m in metas)
        assert set(per_content) <= set(contents), f"orphan {kind} vectors"
        for sha, content in contents.items():
            assert per_content.get(sha, 0) == getattr(content, recorded), (kind, sha, content)
    fts = dict(catalog._all("SELECT sha256, count(*) FROM chunks GROUP BY sha256"))
    assert set(fts) <= set(contents), "orphan keyword chunks"
    for sha, content in contents.items():
        assert fts.get(sha, 0) == content.chunks


def assert_idle(report: IndexReport) -> None:
    assert (report.added, report.updated, report.renamed, report.removed, report.skipped) == ([], [], [], [], [])


# -- incremental runs ------------------------------------------------------------------------------

def test_incremental_runs(tmp_path, make_indexer, clip_a, embedded, store_at):
    kn = tmp_path / "kn"
    write(kn / "alpha.txt", "The alpha note talks about zebras grazing on the savanna at dawn.")
    write(kn / "sub" / "beta.md", "# Beta\n\nBeta notes describe volcanoes erupting near the coast.")
    write(kn / "sub" / "deeper" / "gamma.txt", "Gamma explains how glaciers carve valleys over millennia.")
    D.make_report_pdf(kn / "sub")
    D.make_transparent_png(kn / "sub" / "deeper")
    # ignored: hidden files and folders, and the data dir inside the knowledge folder
    write(kn / ".hidden.txt", "hidden notes about quokkas")
    write(kn / ".git" / "notes.txt", "hidden folder notes about quokkas")
    data = kn / "index-data"
    write(data / "stray.txt", "a file in the data dir about quokkas")
    visible = {"alpha.txt", "sub/beta.md", "sub/deeper/gamma.txt", "sub/report.pdf", "sub/deeper/logo.png"}

    idx = make_indexer(tmp_path, clip=clip_a, data=data, **store_at)
    progress = []
    report = idx.run(on_progress=progress.append)
    assert set(report.added) == visible and len(report.added) == len(visible)
    assert report.unchanged == 0 and report.skipped == [] and report.problems == [] and report.notes == []
    assert set(idx.catalog.files()) == visible
    assert (data / "index" / "chroma").exists() == (not store_at)  # on the server, no vectors on disk
    assert lexical_files(idx, "quokkas") == set()
    assert {(p.name, p.action) for p in progress if p.action == "added"} == {(n, "added") for n in visible}
    assert embedded["texts"] > 0 and embedded["images"] == 1 + 3  # the logo and the report's 3 pages
    before = counts(idx)
    assert before[0] > 5 and before[1] == 4
    assert_consistent(idx)

    # unchanged folder: nothing embedded, nothing written, in no time; also from a new process
    for again in (idx, make_indexer(tmp_path, clip=clip_a, data=data, **store_at)):
        embedded.clear()
        report = again.run()
        assert_idle(report)
        assert report.unchanged == len(visible) and report.visuals_added == 0
        assert not embedded and counts(again) == before
        assert report.seconds < 1.0

    # touched (same content, new mtime): unchanged, not "renamed"
    alpha = kn / "alpha.txt"
    st = alpha.stat()
    os.utime(alpha, ns=(st.st_atime_ns, st.st_mtime_ns + 5_000_000_000))
    report = idx.run()
    assert_idle(report)
    assert report.unchanged == len(visible) and not embedded
    assert idx.catalog.files()["alpha.txt"].mtime_ns == alpha.stat().st_mtime_ns

    # renames (a file, and an image between folders): no re-embedding, the catalog follows
    gamma_sha, logo_sha = sha_of(idx, "sub/deeper/gamma.txt"), sha_of(idx, "sub/deeper/logo.png")
    (kn / "sub" / "deeper" / "gamma.txt").rename(kn / "gamma-moved.txt")
    (kn / "sub" / "deeper" / "logo.png").rename(kn / "sub" / "logo-moved.png")
    report = idx.run()
    assert sorted(report.renamed) == ["gamma-moved.txt", "sub/logo-moved.png"]
    assert (report.added, report.updated, report.removed) == ([], [], [])
    assert not embedded and counts(idx) == before
    files = idx.catalog.files()
    assert "sub/deeper/gamma.txt" not in files and files["gamma-moved.txt"].sha256 == gamma_sha
    assert files["sub/logo-moved.png"].sha256 == logo_sha
    assert lexical_files(idx, "glaciers") == {"gamma-moved.txt"}
    assert_consistent(idx)

    # a copy: content already indexed, so it costs a catalog row
    shutil.copy(alpha, kn / "sub" / "alpha-copy.txt")
    report = idx.run()
    assert report.added == ["sub/alpha-copy.txt"] and report.renamed == [] and report.removed == []
    assert not embedded and counts(idx) == before
    assert lexical_files(idx, "zebras") == {"alpha.txt", "sub/alpha-copy.txt"}
    assert_consistent(idx)

    # a changed file replaces its entries: the old chunks leave chromadb and the keyword index
    write(kn / "gamma-moved.txt", "Gamma now explains how penguins huddle together in the Antarctic winter.")
    embedded.clear()
    report = idx.run()
    assert report.updated == ["gamma-moved.txt"] and report.added == [] and report.removed == []
    assert embedded["texts"] >= 1 and embedded["images"] == 0
    assert entries(idx, "text", gamma_sha) == [] and idx.catalog.content(gamma_sha) is None
    assert lexical_files(idx, "glaciers") == set()
    assert lexical_files(idx, "penguins") == {"gamma-moved.txt"}
    new_sha = sha_of(idx, "gamma-moved.txt")
    assert len(entries(idx, "text", new_sha)) == idx.catalog.content(new_sha).chunks >= 1
    assert_consistent(idx)

    # a changed file whose old content another file still has: that content stays
    alpha_sha = sha_of(idx, "alpha.txt")
    write(alpha, "Alpha was rewritten to describe lighthouses on rocky islands.")
    report = idx.run()
    assert report.updated == ["alpha.txt"]
    assert idx.catalog.content(alpha_sha) is not None and entries(idx, "text", alpha_sha)
    assert lexical_files(idx, "zebras") == {"sub/alpha-copy.txt"}
    assert_consistent(idx)

    # deletes: the last file with a content takes its entries along; the pdf its pages' vectors too
    pdf_sha = sha_of(idx, "sub/report.pdf")
    assert len(entries(idx, "visual", pdf_sha)) == 3
    (kn / "sub" / "alpha-copy.txt").unlink()
    (kn / "sub" / "report.pdf").unlink()
    embedded.clear()
    report = idx.run()
    assert sorted(report.removed) == ["sub/alpha-copy.txt", "sub/report.pdf"]
    assert (report.added, report.updated, report.renamed) == ([], [], [])
    assert not embedded
    for sha in (alpha_sha, pdf_sha):
        assert idx.catalog.content(sha) is None
        assert entries(idx, "text", sha) == [] and entries(idx, "visual", sha) == []
    assert lexical_files(idx, "zebras") == set() and lexical_files(idx, "cranes") == set()
    assert set(idx.catalog.files()) == {"alpha.txt", "sub/beta.md", "gamma-moved.txt", "sub/logo-moved.png"}
    assert not any(p.startswith("index-data") for p in idx.catalog.files())
    assert_consistent(idx)


def test_rename_and_edit_in_one_run(tmp_path, make_indexer, embedded, store_at):
    """Two files swapping content, a file renamed onto a deleted one's name: still exact."""
    kn = tmp_path / "kn"
    a = write(kn / "a.txt", "Apples ripen in the orchard during late summer.")
    b = write(kn / "b.txt", "Bicycles need their chains oiled after rain.")
    c = write(kn / "c.txt", "Canoes glide silently across the misty lake.")
    idx = make_indexer(tmp_path, **store_at)
    idx.run()
    before = counts(idx)
    a_text, b_text = a.read_text(), b.read_text()
    a.write_text(b_text)
    b.write_text(a_text)
    c.rename(kn / "d.txt")
    embedded.clear()
    report = idx.run()
    assert sorted(report.updated) == ["a.txt", "b.txt"] and report.renamed == ["d.txt"]
    assert report.removed == [] and report.added == []
    assert counts(idx) == before
    assert lexical_files(idx, "apples") == {"b.txt"} and lexical_files(idx, "bicycles") == {"a.txt"}
    assert lexical_files(idx, "canoes") == {"d.txt"}
    assert_consistent(idx)


# -- bad input -------------------------------------------------------------------------------------

def test_bad_input_never_stops_indexing(tmp_path, make_indexer, monkeypatch):
    kn = tmp_path / "kn"
    kn.mkdir()
    outside = tmp_path / "outside"
    write(outside / "private.txt", "Private notes about the secret harbour that must not be indexed.")
    write(kn / "good.txt", "A perfectly ordinary note about baking sourdough bread.")
    (kn / "empty.txt").write_bytes(b"")
    D.truncated_copy(D.make_report_pdf(tmp_path), kn)  # truncated.pdf
    D.make_encrypted_pdf(kn, "pw")  # secret.pdf
    D.make_png_named_jpg(kn)  # really-a-png.jpg: an image all the same
    D.make_bomb_png(kn)  # 10^10 pixels declared
    D.make_truncated_jpeg(kn)  # cut.jpg
    D.make_text_pdf_with_text_name(kn)  # notes.pdf: text, not a PDF
    (kn / "garbage.pdf").write_bytes(b"\x00\x17garbage" + bytes(range(256)) * 16)
    (kn / "escape.txt").symlink_to(outside / "private.txt")
    (kn / "escape-dir").symlink_to(outside, target_is_directory=True)
    (kn / "dangling.txt").symlink_to(kn / "nowhere.txt")
    os.mkfifo(kn / "pipe.txt")  # reading it would block forever
    latin1 = os.path.join(os.fsencode(kn), b"caf\xe9-notes.txt")  # not valid UTF-8
    with open(latin1, "wb") as f:
        f.write(b"Notes saved under a Latin-1 file name about espresso.")
    locked = write(kn / "locked.txt", "Nobody may read this.")
    locked.chmod(0)
    if os.geteuid() == 0:  # root reads everything: make the permission check see what a user would
        access = os.access
        monkeypatch.setattr(scan_module.os, "access",
                            lambda p, mode, **kw: False if Path(p).name == locked.name else access(p, mode, **kw))

    idx = make_indexer(tmp_path)
    report = idx.run()
    json.dumps(report.to_dict())  # `assistant index --json`

    expected = {  # file -> a word of the reason
        "empty.txt": "empty",
        "truncated.pdf": "truncated",
        "secret.pdf": "encrypted",
        "bomb.png": "too large",
        "cut.jpg": "image",
        "notes.pdf": "not a pdf",
        "garbage.pdf": "not a pdf",
        "escape.txt": "outside",
        "escape-dir": "outside",
        "dangling.txt": "unreadable",
        "pipe.txt": "not a regular file",
        "locked.txt": "unreadable",
    }
    reported = Counter(s["file"] for s in report.skipped)
    assert set(reported) == set(expected) and set(reported.values()) == {1}, report.skipped
    reasons = {s["file"]: s["reason"] for s in report.skipped}
    for name, word in expected.items():
        assert word in reasons[name].lower(), (name, reasons[name])
    assert report.problems == sorted(report.skipped, key=lambda p: p["file"])

    files = idx.catalog.files()
    assert set(files) == {"good.txt", "really-a-png.jpg", "caf\\xe9-notes.txt"}
    for name in files:
        name.encode("utf-8")  # printable, storable, sendable as JSON
    assert lexical_files(idx, "espresso") == {"caf\\xe9-notes.txt"}
    assert lexical_files(idx, "harbour") == set()  # the symlink was not followed
    assert idx.catalog.content(files["really-a-png.jpg"].sha256).kind == "image"
    assert_consistent(idx)

    # again: nothing new to report, the same problems listed
    report2 = idx.run()
    assert_idle(report2)
    assert report2.problems == report.problems and report2.unchanged == 3

    # a password for the encrypted PDF: a wrong one is reported (once), the right one indexes it
    wrong = make_indexer(tmp_path, pdf_passwords={"secret.pdf": "nope"})
    report = wrong.run()
    assert [s["file"] for s in report.skipped] == ["secret.pdf"]
    assert "wrong password" in report.skipped[0]["reason"]
    assert wrong.run().skipped == []
    right = make_indexer(tmp_path, pdf_passwords={"*.pdf": "pw"})
    report = right.run()
    assert report.added == ["secret.pdf"] and report.skipped == []
    assert "secret.pdf" not in {p["file"] for p in report.problems}
    assert lexical_files(right, "lighthouse") == {"secret.pdf"}

    # problems are forgotten with their file, and a fixed file is indexed
    (kn / "bomb.png").unlink()
    (kn / "empty.txt").write_text("No longer empty: a note about tulips.")
    report = right.run()
    assert report.added == ["empty.txt"] and report.removed == [] and report.skipped == []
    assert {p["file"] for p in report.problems} == set(expected) - {"secret.pdf", "bomb.png", "empty.txt"}
    assert_consistent(right)

    # a good file turned bad loses its entries and becomes a problem
    (kn / "good.txt").write_bytes(b"")
    report = right.run()
    assert report.skipped == [{"file": "good.txt", "reason": "empty file"}] and report.updated == []
    assert "good.txt" not in right.catalog.files() and lexical_files(right, "sourdough") == set()
    assert_consistent(right)


def test_encrypted_pdf_with_password_configured_from_the_start(tmp_path, make_indexer):
    kn = tmp_path / "kn"
    kn.mkdir()
    D.make_encrypted_pdf(kn, "pw")
    idx = make_indexer(tmp_path, pdf_passwords={"secret.pdf": "pw"})
    report = idx.run()
    assert report.added == ["secret.pdf"] and report.problems == []
    content = idx.catalog.content(sha_of(idx, "secret.pdf"))
    assert content.kind == "pdf" and content.pages == 1 and content.chunks >= 1
    assert_consistent(idx)


def test_decompression_bomb_limit_comes_from_settings(tmp_path, make_indexer):
    kn = tmp_path / "kn"
    kn.mkdir()
    D.make_photo(kn)  # well under the default limit
    idx = make_indexer(tmp_path, max_image_pixels=10_000)
    report = idx.run()
    assert [s["file"] for s in report.skipped] == ["photo.jpg"]
    assert "too large" in report.skipped[0]["reason"]


# -- crash safety ----------------------------------------------------------------------------------

class Killed(BaseException):
    """Stands for SIGKILL: nothing below the raise runs, and cleanup code must not run either."""


def _no_cleanup(monkeypatch) -> None:
    """A killed process deletes nothing on its way out: the indexer's own rollback is disabled."""
    monkeypatch.setattr(Indexer, "_drop", lambda self, sha: None)


def test_kill_after_vectors_before_commit(tmp_path, make_indexer, clip_a, monkeypatch, store_at):
    kn = tmp_path / "kn"
    for name in ("a.txt", "b.txt", "z.txt"):
        write(kn / name, f"File {name} is about the {name[0]}-team's trip to the mountains.")
    D.make_report_pdf(kn)
    D.make_photo(kn)
    idx = make_indexer(tmp_path, clip=clip_a, **store_at)
    commit = Catalog.commit_content

    def dying_commit(self, row, chunks, file):
        if file.path == "report.pdf":  # every vector of the report is written; the catalog knows nothing
            raise Killed
        return commit(self, row, chunks, file)

    monkeypatch.setattr(Catalog, "commit_content", dying_commit)
    _no_cleanup(monkeypatch)
    with pytest.raises(Killed):
        idx.run()
    monkeypatch.undo()
    (pending,) = idx.catalog.pending()
    assert len(entries(idx, "text", pending)) > 0 and len(entries(idx, "visual", pending)) == 3
    assert "report.pdf" not in idx.catalog.files()

    fresh = make_indexer(tmp_path, clip=clip_a, **store_at)
    report = fresh.run()
    assert sorted(report.added) == ["report.pdf", "z.txt"]  # the files the killed run never committed
    assert report.unchanged == 3
    assert set(fresh.catalog.files()) == {"a.txt", "b.txt", "photo.jpg", "report.pdf", "z.txt"}
    assert_consistent(fresh)
    assert_idle(fresh.run())


def test_kill_between_forgetting_a_file_and_deleting_its_vectors(tmp_path, make_indexer, monkeypatch, store_at):
    kn = tmp_path / "kn"
    write(kn / "keep.txt", "Keep this note about owls.")
    gone = write(kn / "gone.txt", "This note about badgers will be deleted.")
    idx = make_indexer(tmp_path, **store_at)
    idx.run()
    sha = sha_of(idx, "gone.txt")
    gone.unlink()

    def dying_delete(self, sha256, kind=None):
        raise Killed

    monkeypatch.setattr(VectorStore, "delete_content", dying_delete)
    with pytest.raises(Killed):
        idx.run()
    monkeypatch.undo()
    assert "gone.txt" not in idx.catalog.files() and entries(idx, "text", sha)  # vectors nobody points at

    fresh = make_indexer(tmp_path, **store_at)
    assert_idle(fresh.run())
    assert entries(fresh, "text", sha) == [] and lexical_files(fresh, "badgers") == set()
    assert_consistent(fresh)


@pytest.mark.parametrize("killed_after", ["store reset", "catalog clear"])
def test_kill_during_rebuild(tmp_path, make_indexer, clip_a, monkeypatch, killed_after, store_at):
    kn = tmp_path / "kn"
    write(kn / "note.txt", "A note about rebuilding the index from scratch.")
    D.make_photo(kn)
    idx = make_indexer(tmp_path, clip=clip_a, **store_at)
    idx.run()
    target, method = (VectorStore, "reset") if killed_after == "store reset" else (Catalog, "clear")
    real = getattr(target, method)

    def dying(self, *args, **kwargs):
        real(self, *args, **kwargs)
        raise Killed

    monkeypatch.setattr(target, method, dying)
    with pytest.raises(Killed):
        idx.run(rebuild=True)
    monkeypatch.undo()

    fresh = make_indexer(tmp_path, clip=clip_a, **store_at)
    report = fresh.run()
    assert set(fresh.catalog.files()) == {"note.txt", "photo.jpg"}
    assert counts(fresh)[0] >= 2 and counts(fresh)[1] == 1
    assert_consistent(fresh)
    assert report.skipped == []


_KILL_SCRIPT = r"""
import json, sys
sys.path[:0] = [sys.argv[1], sys.argv[1] + "/tests"]
from assistant.config import load_settings
from assistant.knowledge.indexer import Indexer
from assistant.knowledge.store import VectorStore
from assistant.models import ModelManager

settings = load_settings(**json.loads(sys.argv[2]))
add = VectorStore.add

def reporting_add(self, kind, model, ids, vectors, metadatas, documents=None):
    add(self, kind, model, ids, vectors, metadatas, documents)
    print("added", kind, metadatas[0].get("kind"), len(ids), flush=True)

VectorStore.add = reporting_add
Indexer(settings, ModelManager(settings)).run()
print("done", flush=True)
"""


def test_sigkill_while_indexing_a_big_pdf(tmp_path, make_indexer, clip_a):
    """A real indexer process, SIGKILLed while it writes a long PDF's vectors."""
    PAGES = 60  # about 150 text chunks: the kill comes after the 2nd of 3 batches
    kn = tmp_path / "kn"
    for i in range(4):
        write(kn / f"a{i}.txt", f"Short note number {i} about kites flying over the dunes.")
    D.make_big_pdf(kn, pages=PAGES, name="big.pdf")
    write(kn / "zz-after.txt", "A note indexed after the big PDF, about meteors.")
    config = {"knowledge_dir": str(kn), "data_dir": str(tmp_path / "data"), "models": {"clip": str(clip_a)}}
    proc = subprocess.Popen([sys.executable, "-c", _KILL_SCRIPT, str(REPO), json.dumps(config)],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, cwd=REPO)
    watchdog = threading.Timer(240, proc.kill)
    watchdog.start()
    lines = []
    try:
        for line in proc.stdout:
            lines.append(line.split())
            if sum(1 for words in lines if words[1:3] == ["text", "pdf"]) == 2:
                os.kill(proc.pid, signal.SIGKILL)  # half-way through the PDF's text vectors
                break
        proc.wait(timeout=60)
    finally:
        watchdog.cancel()
        proc.kill()
    assert proc.returncode == -signal.SIGKILL, lines
    assert ["done"] not in lines

    idx = make_indexer(tmp_path, clip=clip_a)
    assert len(idx.catalog.pending()) == 1
    report = idx.run()
    assert sorted(report.added) == ["big.pdf", "zz-after.txt"] and report.unchanged == 4
    content = idx.catalog.content(sha_of(idx, "big.pdf"))
    assert content.pages == PAGES and content.visuals == PAGES and content.chunks >= PAGES
    assert_consistent(idx)
    pages = {m["page"] for m in entries(idx, "text", content.sha256)}
    assert pages == set(range(1, PAGES + 1))


# -- models ----------------------------------------------------------------------------------------

def test_images_without_clip_then_with_it(tmp_path, make_indexer, clip_a, embedded, store_at):
    kn = tmp_path / "kn"
    kn.mkdir()
    D.make_sign_png(kn)
    D.make_photo(kn)
    D.make_report_pdf(kn)
    write(kn / "note.txt", "A plain note about kayaks.")
    os.rename(os.fsencode(D.make_png_named_jpg(kn)), os.path.join(os.fsencode(kn), b"d\xe9j\xe0-vu.png"))
    idx = make_indexer(tmp_path, **store_at)  # the embedded profile's CLIP (a Hugging Face repo) is not here
    if idx.visual_model() is not None:
        pytest.skip("the embedded profile's clip model is in this machine's Hugging Face cache")
    report = idx.run()
    assert len(report.added) == 5 and report.skipped == []
    assert any("clip" in note and "missing" in note for note in report.notes), report.notes
    assert counts(idx)[1] == 0 and embedded["images"] == 0
    for name in ("sign.png", "photo.jpg"):
        sha = sha_of(idx, name)
        content = idx.catalog.content(sha)
        assert content.kind == "image" and content.visuals == 0 and content.visual_model is None
        assert content.meta["width"] > 0 and content.meta["format"] in ("PNG", "JPEG")
        assert [m["kind"] for m in entries(idx, "text", sha)] == ["image"]  # found by metadata / OCR text
    if ocr_available():
        assert lexical_files(idx, "spark") == {"sign.png"}
    assert_consistent(idx)
    text_before = counts(idx)[0]

    embedded.clear()
    with_clip = make_indexer(tmp_path, clip=clip_a, **store_at)
    report = with_clip.run()
    assert_idle(report)
    assert report.notes == [] and report.unchanged == 5
    assert report.visuals_added == 4  # three images (one with a non-UTF-8 name) and the PDF
    assert embedded["texts"] == 0 and embedded["images"] == 3 + 3
    assert counts(with_clip) == (text_before, 6)
    assert with_clip.store.model_of("visual") == (str(clip_a), 32)
    for name in ("sign.png", "photo.jpg", "report.pdf", "d\\xe9j\\xe0-vu.png"):
        assert with_clip.catalog.content(sha_of(with_clip, name)).visual_model == str(clip_a)
    assert_consistent(with_clip)

    embedded.clear()
    report = with_clip.run()
    assert report.visuals_added == 0 and not embedded


def test_model_change_needs_rebuild(tmp_path, make_indexer, manager, clip_a, clip_b, store_at):
    kn = tmp_path / "kn"
    write(kn / "note.txt", "A note about changing models.")
    D.make_photo(kn)
    make_indexer(tmp_path, clip=clip_a, **store_at).run()

    other = make_indexer(tmp_path, clip=clip_b, **store_at)
    with pytest.raises(IndexMismatch) as error:
        other.run()
    assert "--rebuild" in str(error.value) and str(clip_b) in str(error.value)
    assert other.store.model_of("visual") == (str(clip_a), 32)  # nothing was mixed in
    assert other.catalog.pending() == []

    report = other.run(rebuild=True)
    assert sorted(report.added) == ["note.txt", "photo.jpg"]
    assert other.store.model_of("visual") == (str(clip_b), 32)
    assert counts(other)[1] == 1
    assert_consistent(other)
    assert_idle(other.run())

    # the text model too (another folder with the same files is another model to the index)
    link = tmp_path / "minilm-elsewhere"
    link.symlink_to(manager.locate("text_embed").path, target_is_directory=True)
    text_changed = make_indexer(tmp_path, clip=clip_b, models={"text_embed": str(link)}, **store_at)
    with pytest.raises(IndexMismatch) as error:
        text_changed.run()
    assert "text" in str(error.value) and "--rebuild" in str(error.value)


# -- scale -----------------------------------------------------------------------------------------

WORDS = ("river", "castle", "engine", "garden", "violin", "harbor", "planet", "bakery", "meadow", "tunnel")


@pytest.mark.slow
def test_thousand_files_then_a_rerun_reads_none_of_them(tmp_path, make_indexer, clip_a, capsys, monkeypatch):
    from PIL import Image

    kn = tmp_path / "kn"
    for i in range(1000):
        write(kn / f"folder{i % 20:02d}" / f"note{i:04d}.txt",
              f"Note {i} is about the {WORDS[i % 10]} and the {WORDS[(i // 10) % 10]}. "
              f"It was written on day {i % 365} of the year by author {i % 37}.")
    for i in range(5):
        Image.new("RGB", (64, 48), (40 * i, 200 - 30 * i, 90)).save(kn / f"image{i}.png")
    idx = make_indexer(tmp_path, clip=clip_a)

    started = time.perf_counter()
    report = idx.run()
    first = time.perf_counter() - started
    assert len(report.added) == 1005 and report.skipped == []
    assert counts(idx) == (1005, 5)

    import assistant.knowledge.indexer as indexer_module

    hashed: list = []  # unchanged files are known by size and time: not one is read again (timings: bench/)
    real_sha256 = indexer_module._sha256
    monkeypatch.setattr(indexer_module, "_sha256", lambda path: hashed.append(path) or real_sha256(path))
    report = idx.run()
    assert report.unchanged == 1005 and report.added == [] and hashed == []

    report = make_indexer(tmp_path, clip=clip_a).run()  # a new process's view (models already loaded)
    assert report.unchanged == 1005 and hashed == []
    with capsys.disabled():
        print(f"\n1,005 files: first index {first:.1f} s")
    assert_consistent(idx)
