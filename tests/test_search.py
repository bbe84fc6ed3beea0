"""Retrieval over a real index: hybrid search, image similarity, PDF look-up, watch mode, the CLI."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
import time

import pytest
from documents import REPORT_FACTS, make_photo, make_report_pdf, make_sign_png
from tiny_models import build_tiny_clip

from assistant.config import load_settings
from assistant.errors import InputError, ModelUnavailable
from assistant.knowledge.base import KnowledgeBase
from assistant.models import ModelManager

NOTES = {
    "garden.md": "# Garden\n\nTomatoes need full sun and regular watering in July.\n",
    "notes/recipes.txt": "Bake the sourdough bread at 230 degrees for forty minutes.\n",
    "notes/travel.md": "# Trip\n\nThe night train from Vienna reaches Venice at dawn.\n",
}


@pytest.fixture(scope="module")
def tiny_clip(tmp_path_factory):
    return build_tiny_clip(tmp_path_factory.mktemp("clip"))


@pytest.fixture(scope="module")
def kb(tmp_path_factory, tiny_clip):
    root = tmp_path_factory.mktemp("knowledge")
    for name, text in NOTES.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    make_report_pdf(root)
    (root / "pictures").mkdir()
    make_photo(root / "pictures", "cat.jpg")
    make_sign_png(root)
    shutil.copy(root / "garden.md", root / "notes" / "garden-copy.md")
    settings = load_settings(knowledge_dir=root, data_dir=tmp_path_factory.mktemp("data"),
                             models={"clip": str(tiny_clip)})
    base = KnowledgeBase(settings, ModelManager(settings))
    report = base.index()
    assert not report.skipped, report.skipped
    yield base
    base.close()


@pytest.mark.parametrize("query, file", [
    ("when does the train arrive in Venice", "notes/travel.md"),
    ("how long to bake bread", "notes/recipes.txt"),
    ("tomato plants sunlight", "garden.md"),
])
def test_text_queries_find_the_right_file_first(kb, query, file):
    hits = kb.search_knowledge(query).hits
    assert hits[0].file == file or file in hits[0].also
    assert hits[0].kind == "text" and hits[0].snippet


@pytest.mark.parametrize("page, heading, sentence", REPORT_FACTS)
def test_pdf_hits_cite_the_page(kb, page, heading, sentence):
    words = " ".join(sentence.split()[1:6])
    hit = kb.search_knowledge(words, kind="pdf").hits[0]
    assert (hit.file, hit.page) == ("report.pdf", page)
    assert any(w in hit.snippet for w in sentence.split()[2:5])


def test_duplicate_files_collapse_into_one_hit(kb):
    hits = kb.search_knowledge("tomatoes full sun watering").hits
    gardens = [h for h in hits if "garden" in h.file]
    assert len(gardens) == 1
    assert {gardens[0].file, *gardens[0].also} == {"garden.md", "notes/garden-copy.md"}


def test_kind_filter_and_keyword_match(kb):
    hits = kb.search_knowledge("sourdough", kind="text").hits
    assert hits and all(h.kind == "text" for h in hits)
    assert "keywords" in hits[0].matched_by and hits[0].file == "notes/recipes.txt"
    assert all(h.kind == "pdf" for h in kb.search_knowledge("sourdough", kind="pdf").hits)


def test_images_are_found_and_similar_images_by_image(kb):
    image_hits = kb.search_knowledge("a photo", kind="image", limit=5).hits
    assert {h.file for h in image_hits} == {"pictures/cat.jpg", "sign.png"}
    assert all(h.image_path and os.path.isfile(h.image_path) for h in image_hits)
    same = kb.search_knowledge(image=kb.settings.knowledge_dir / "pictures" / "cat.jpg", kind="image").hits
    assert same[0].file == "pictures/cat.jpg"  # an image is most similar to itself
    assert "visual" in same[0].matched_by


def test_lookup_pdf_passages_and_verbatim_pages(kb):
    passages = kb.lookup_pdf("How did the rainfall change in the valley?")
    assert passages[0].file == "report.pdf" and passages[0].page == 2
    pages = kb.lookup_pdf(file="report.pdf", pages="2-3")
    assert [p.page for p in pages] == [2, 3]
    assert REPORT_FACTS[1][2].split()[0] in pages[0].text
    assert REPORT_FACTS[2][2].split()[-1].rstrip(".") in pages[1].text
    one = kb.lookup_pdf("willow trees", file="report.pdf")
    assert one[0].page == 3


@pytest.mark.parametrize("kwargs, words", [
    ({"file": "../../etc/passwd", "pages": "1"}, "outside the knowledge folder"),
    ({"file": "/etc/passwd", "pages": "1"}, "outside the knowledge folder"),
    ({"file": "garden.md", "question": "sun"}, "not an indexed PDF"),
    ({"file": "report.pdf", "pages": "9"}, "has 3 pages"),
    ({"file": "report.pdf", "pages": "x-y"}, "bad page range"),
    ({"file": "report.pdf", "pages": "1-999999999"}, "at most 30 pages"),
    ({"question": "  "}, "give a question"),
])
def test_lookup_pdf_errors(kb, kwargs, words):
    with pytest.raises(InputError, match=words):
        kb.lookup_pdf(**kwargs)


def test_search_argument_errors(kb):
    with pytest.raises(InputError, match="unknown kind"):
        kb.search_knowledge("x", kind="video")
    with pytest.raises(InputError, match="limit"):
        kb.search_knowledge("x", limit=0)
    with pytest.raises(InputError, match="query text or an image"):
        kb.search_knowledge("")


def test_image_query_without_clip_is_a_clear_error(tmp_path):
    settings = load_settings(knowledge_dir=tmp_path / "k", data_dir=tmp_path / "d")
    base = KnowledgeBase(settings, ModelManager(settings))
    with pytest.raises(ModelUnavailable, match="needs the clip model"):
        base.search_knowledge(image=make_photo(tmp_path))
    base.close()


def test_watch_picks_up_new_changed_and_deleted_files(tmp_path, manager):
    root = tmp_path / "k"
    root.mkdir()
    settings = load_settings(knowledge_dir=root, data_dir=tmp_path / "d")
    base = KnowledgeBase(settings, manager)  # the session's warm text embedder
    reports, stop = [], threading.Event()
    thread = threading.Thread(target=base.watch, args=(stop, reports.append), daemon=True)
    thread.start()

    def wait_for(predicate, what):  # (how soon: bench/knowledge.py; this only waits, up to a guard)
        deadline = time.monotonic() + 60
        while not predicate():
            if time.monotonic() > deadline:
                raise AssertionError(f"watch did not pick up {what}")
            time.sleep(0.05)

    try:
        wait_for(lambda: reports, "the first run")  # the folder is watched from before that run
        (root / "new.md").write_text("Zebras graze on the savanna at sunrise.")
        wait_for(lambda: any("new.md" in r.added for r in reports), "a new file")
        assert base.search_knowledge("zebras savanna").hits[0].file == "new.md"
        (root / "new.md").write_text("Penguins huddle together through the polar winter.")
        wait_for(lambda: any("new.md" in r.updated for r in reports), "a change")
        (root / "new.md").unlink()
        wait_for(lambda: any("new.md" in r.removed for r in reports), "a delete")
        assert not base.search_knowledge("penguins polar winter").hits
    finally:
        stop.set()
        thread.join(timeout=5)
        base.close()


def test_a_file_added_during_the_first_run_is_picked_up(tmp_path, manager):
    """The folder is watched from before the first run: a note dropped in while that run indexes is found
    by the next run, without waiting for some other change."""
    root = tmp_path / "k"
    root.mkdir()
    (root / "first.md").write_text("The first note is about lighthouses.")
    base = KnowledgeBase(load_settings(knowledge_dir=root, data_dir=tmp_path / "d"), manager)
    reports, stop = [], threading.Event()

    def progress(event) -> None:
        if not (root / "late.md").exists():
            (root / "late.md").write_text("A late note about glaciers.")

    thread = threading.Thread(target=base.watch, args=(stop, reports.append, progress), daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 60  # a guard: without the early watch it would never come
        while not any("late.md" in r.added for r in reports):
            assert time.monotonic() < deadline, f"late.md was not picked up: {[r.added for r in reports]}"
            time.sleep(0.05)
        assert reports[0].added == ["first.md"]
    finally:
        stop.set()
        thread.join(timeout=5)
        base.close()


def test_index_on_a_chroma_server(tmp_path, manager, chroma_server):
    root = tmp_path / "k"
    root.mkdir()
    for name, text in NOTES.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    settings = load_settings(knowledge_dir=root, data_dir=tmp_path / "d", **chroma_server.settings())
    base = KnowledgeBase(settings, manager)
    try:
        report = base.index()
        assert sorted(report.added) == sorted(NOTES)
        assert not (tmp_path / "d" / "index" / "chroma").exists()  # vectors live on the server
        assert base.store.count("text") == 3
        server_names = {c.name for c in base.store.client.list_collections()}
        assert f"{settings.chroma_prefix}_text" in server_names
        assert base.search_knowledge("night train to Venice").hits[0].file == "notes/travel.md"
        (root / "garden.md").unlink()
        assert base.index().removed == ["garden.md"]
        assert base.store.count("text") == 2
    finally:
        base.close()


def test_a_search_and_indexing_go_on_after_another_client_rebuilt_the_index(tmp_path, manager):
    """The store keeps its chromadb collections between searches (a look-up per search cost a millisecond each,
    a round trip on a server); one that another client deleted meanwhile (`assistant index --rebuild` in another
    process) is looked up again, for searching and for writing."""
    root = tmp_path / "k"
    for name, text in NOTES.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    settings = load_settings(knowledge_dir=root, data_dir=tmp_path / "d")
    first, other = KnowledgeBase(settings, manager), KnowledgeBase(settings, manager)
    try:
        first.index()
        assert first.search_knowledge("night train to Venice").hits[0].file == "notes/travel.md"
        assert sorted(other.index(rebuild=True).added) == sorted(NOTES)  # new collections under the same names
        hits = first.search_knowledge("night train to Venice").hits
        assert hits[0].file == "notes/travel.md" and "text" in hits[0].matched_by
        other.store.reset()  # deleted again; `first` then writes a new file's vectors
        (root / "notes" / "boat.md").write_text("The ferry to Hydra leaves the harbour at seven.\n")
        assert first.index().added == ["notes/boat.md"]
        hit = first.search_knowledge("when does the ferry leave").hits[0]
        assert hit.file == "notes/boat.md" and "text" in hit.matched_by
        assert first.store.count("text") == other.store.count("text") == 1
    finally:
        first.close()
        other.close()


def test_a_search_of_an_empty_index_loads_no_model(tmp_path):
    (tmp_path / "k").mkdir()
    settings = load_settings(knowledge_dir=tmp_path / "k", data_dir=tmp_path / "d")
    manager = ModelManager(settings)
    base = KnowledgeBase(settings, manager)
    try:
        base.index()
        assert base.search_knowledge("anything at all").hits == []
        assert manager.loaded() == {}
    finally:
        base.close()


def test_cli_index_and_search(tmp_path):
    root = tmp_path / "k"
    root.mkdir()
    (root / "a.md").write_text("Lighthouses guide ships past the rocky coast at night.")
    (root / "empty.pdf").write_bytes(b"")
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    base = [sys.executable, "-m", "assistant", "--knowledge", str(root), "--data-dir", str(tmp_path / "d")]
    out = subprocess.run([*base, "index", "--json"], capture_output=True, text=True, env=env, timeout=300)
    assert out.returncode == 0, out.stderr
    report = json.loads(out.stdout)
    assert report["added"] == ["a.md"]
    assert report["skipped"] == [{"file": "empty.pdf", "reason": "empty file"}]
    assert "clip model" in out.stderr or "clip model" in " ".join(report["notes"])
    out = subprocess.run([*base, "search", "ships near rocks", "--json"], capture_output=True, text=True, env=env,
                         timeout=300)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["hits"][0]["file"] == "a.md"
    out = subprocess.run([*base, "index"], capture_output=True, text=True, env=env, timeout=300)
    assert "1 unchanged" in out.stdout and "0 skipped" in out.stdout
