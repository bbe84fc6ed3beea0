"""A knowledge folder that is missing, unreadable, emptied or vanishing never empties the index (issue 22).

Real components: chromadb on disk, the session's MiniLM, real watchfiles, the `assistant` command in a
subprocess. Unreadable folders are made with chmod 000; as root, where permission bits do not stop
reading, the command runs under `setpriv` without the capabilities that bypass them.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from assistant.config import load_settings
from assistant.knowledge.base import KnowledgeBase
from assistant.knowledge.catalog import Catalog
from assistant.knowledge.folder import PRUNE_MIN_FILES, FolderUnavailable
from assistant.knowledge.indexer import Indexer

MANY = PRUNE_MIN_FILES + 2  # enough files for the mass-removal rule
TOPICS = ["lighthouses", "glaciers", "beekeeping", "sourdough", "tides", "orchids", "comets", "violins",
          "marmots", "kilns", "lanterns", "canals", "falcons", "quarries"]


def write_notes(root: Path, count: int, folder: str = "", start: int = 0) -> list[str]:
    """`count` distinct notes (distinct sizes too) under root/folder; their catalog names."""
    names = []
    for n in range(start, start + count):
        name = f"{folder}/note{n}.md" if folder else f"note{n}.md"
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"# Note {n}\n\nThis note is about {TOPICS[n % len(TOPICS)]}." + " More." * n + "\n")
        names.append(name)
    return names


def indexer(tmp_path: Path, manager, root: Path) -> Indexer:
    """A fresh indexer (its own catalog and store, as a new process has) over root, with tmp_path/"data"."""
    return Indexer(load_settings(knowledge_dir=root, data_dir=tmp_path / "data"), manager)


def catalog_files(tmp_path: Path) -> set[str]:
    catalog = Catalog(tmp_path / "data" / "index" / "catalog.sqlite", read_only=True)
    try:
        return set(catalog.files())
    finally:
        catalog.close()


def assistant(tmp_path: Path, *args: str, prefix: tuple[str, ...] = ()) -> subprocess.CompletedProcess:
    """The real `assistant` command (the venv's script), with this test's data dir."""
    script = Path(sys.executable).parent / "assistant"
    command = [str(script)] if script.exists() else [sys.executable, "-m", "assistant"]
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASSISTANT_") or k == "ASSISTANT_MODEL_CACHE_DIR"}
    env.update(HF_HUB_OFFLINE="1", TOKENIZERS_PARALLELISM="false")
    return subprocess.run([*prefix, *command, "--data-dir", str(tmp_path / "data"), *args], capture_output=True,
                          text=True, timeout=300, env=env)


def one_line_error(result: subprocess.CompletedProcess) -> str:
    assert result.returncode == 2, (result.returncode, result.stdout, result.stderr)
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    return lines[0]


@pytest.fixture
def unprivileged() -> tuple[str, ...]:
    """A command prefix under which a chmod 000 folder cannot be read: none for a normal user; as root,
    setpriv without CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH (root then gets the owner's permission bits)."""
    if os.geteuid() != 0:
        return ()
    caps = "-dac_override,-dac_read_search"
    prefix = (shutil.which("setpriv") or "setpriv", f"--inh-caps={caps}", f"--bounding-set={caps}", "--")
    try:
        works = subprocess.run([*prefix, "true"], capture_output=True).returncode == 0
    except OSError:
        works = False
    if not works:
        pytest.skip("running as root, where chmod 000 does not stop reading, and setpriv cannot drop the "
                    "capabilities that bypass it here")
    return prefix


# -- a folder that is missing or cannot be listed -------------------------------------------------------

def test_a_missing_folder_is_an_error_and_the_index_stays(tmp_path, manager):
    root = tmp_path / "kn"
    names = write_notes(root, 3)
    first = indexer(tmp_path, manager, root)
    assert sorted(first.run().added) == sorted(names)
    vectors = first.store.count("text")

    typo = tmp_path / "kn-typo"
    with pytest.raises(FolderUnavailable) as raised:
        indexer(tmp_path, manager, typo).run()
    assert raised.value.exit_code == 2
    assert str(typo) in str(raised.value) and "mkdir" in str(raised.value) and "\n" not in str(raised.value)
    assert not typo.exists()  # not created: something is indexed, so it is a mistake to report

    root.rename(tmp_path / "elsewhere")  # a drive unplugged, a folder moved away
    with pytest.raises(FolderUnavailable, match="does not exist"):
        indexer(tmp_path, manager, root).run()
    with pytest.raises(FolderUnavailable, match="does not exist"):
        indexer(tmp_path, manager, root).run(rebuild=True)
    (tmp_path / "elsewhere").rename(root)

    again = indexer(tmp_path, manager, root)
    assert set(again.catalog.files()) == set(names) and again.store.count("text") == vectors
    report = again.run()
    assert report.unchanged == 3 and report.removed == [] and report.added == []


def test_a_folder_path_that_is_a_file_is_an_error_and_the_index_stays(tmp_path, manager):
    """Cannot be listed, even by root: a knowledge path that is a file."""
    root = tmp_path / "kn"
    names = write_notes(root, 3)
    indexer(tmp_path, manager, root).run()
    a_file = tmp_path / "notes.txt"
    a_file.write_text("not a folder")
    with pytest.raises(FolderUnavailable, match="is not a folder"):
        indexer(tmp_path, manager, a_file).run()
    assert set(indexer(tmp_path, manager, root).catalog.files()) == set(names)


def test_a_new_users_missing_folder_is_created(tmp_path, manager):
    """Nothing indexed yet: the folder is created on first use (nothing can be lost), and the report says so."""
    root = tmp_path / "knowledge"
    report = indexer(tmp_path, manager, root).run()
    assert root.is_dir() and report.added == [] and report.removed == []
    assert any(f"created the knowledge folder {root}" in note for note in report.notes)


# -- most of the index gone ------------------------------------------------------------------------------

def test_an_emptied_folder_stops_before_removing_and_prune_removes(tmp_path, manager):
    root = tmp_path / "kn"
    names = write_notes(root, MANY)
    idx = indexer(tmp_path, manager, root)
    assert len(idx.run().added) == MANY
    vectors = idx.store.count("text")

    moved = tmp_path / "moved"  # a whole folder moved: renames, not removals, so the rule stays out of the way
    root.rename(moved)
    root.mkdir()
    moved.rename(root / "archive")
    report = indexer(tmp_path, manager, root).run()
    assert not report.stopped and len(report.renamed) == MANY and report.removed == []

    for path in (root / "archive").iterdir():  # an emptied folder, as an empty mount point looks
        path.unlink()
    kept = set(catalog_files(tmp_path))
    report = indexer(tmp_path, manager, root).run()
    assert report.removed == [] and f"{MANY} of the {MANY}" in report.stopped and "--prune" in report.stopped
    assert report.to_dict()["stopped"] == report.stopped
    rebuilt = indexer(tmp_path, manager, root).run(rebuild=True)  # a rebuild would drop them all as well
    assert rebuilt.stopped and rebuilt.removed == []
    idx = indexer(tmp_path, manager, root)
    assert set(idx.catalog.files()) == kept and idx.store.count("text") == vectors

    pruned = idx.run(prune=True)
    assert not pruned.stopped and len(pruned.removed) == MANY
    assert idx.catalog.files() == {} and idx.store.count("text") == 0

    # the rule only stops runs that remove more than half, and more than PRUNE_MIN_FILES files
    names = write_notes(root, MANY)
    assert len(idx.run().added) == MANY
    for name in names[: MANY // 2]:  # half of them: removed as before
        (root / name).unlink()
    report = idx.run()
    assert not report.stopped and len(report.removed) == MANY // 2
    for name in names[MANY // 2:]:  # all that is left, but few files
        (root / name).unlink()
    report = idx.run()
    assert not report.stopped and len(report.removed) == MANY - MANY // 2


def test_the_rule_holds_when_the_gone_files_only_look_renamed(tmp_path, manager):
    """Files of the same sizes as the gone ones pass the check made before hashing (they may be renames);
    once hashed they are new content, and the removals are stopped all the same."""
    root = tmp_path / "kn"
    names = write_notes(root, MANY)
    idx = indexer(tmp_path, manager, root)
    idx.run()
    for name in names:
        path = root / name
        path.with_name("other-" + path.name).write_text(path.read_text().swapcase())  # same size, new content
        path.unlink()
    report = idx.run()
    assert len(report.added) == MANY and report.renamed == [] and report.removed == []
    assert f"{MANY} of the {MANY}" in report.stopped
    assert set(names) <= set(idx.catalog.files())


# -- through the `assistant` command ------------------------------------------------------------------------

def test_the_command_exits_2_on_a_missing_or_emptied_folder_and_keeps_the_index(tmp_path, manager):
    root = tmp_path / "kn"
    names = set(write_notes(root, MANY))
    first = indexer(tmp_path, manager, root)
    first.run()
    first.catalog.close()

    typo = tmp_path / "knowlege"
    line = one_line_error(assistant(tmp_path, "--knowledge", str(typo), "index"))
    assert str(typo) in line and "does not exist" in line
    assert catalog_files(tmp_path) == names and not typo.exists()

    for path in root.iterdir():
        path.unlink()
    line = one_line_error(assistant(tmp_path, "--knowledge", str(root), "index"))
    assert f"stopped before removing {MANY} of the {MANY}" in line and "--prune" in line
    as_json = assistant(tmp_path, "--knowledge", str(root), "index", "--json")
    assert as_json.returncode == 2 and "--prune" in json.loads(as_json.stdout)["stopped"]
    assert catalog_files(tmp_path) == names

    pruned = assistant(tmp_path, "--knowledge", str(root), "index", "--prune", "--json")
    assert pruned.returncode == 0, pruned.stderr
    assert set(json.loads(pruned.stdout)["removed"]) == names and catalog_files(tmp_path) == set()


def test_an_unreadable_sub_folder_is_reported_and_its_files_kept(tmp_path, manager, unprivileged):
    root = tmp_path / "kn"
    names = set(write_notes(root, 3) + write_notes(root, 3, "private", start=3))
    indexer(tmp_path, manager, root).run()
    (root / "private").chmod(0)
    try:
        result = assistant(tmp_path, "--knowledge", str(root), "index", "--json", prefix=unprivileged)
    finally:
        (root / "private").chmod(0o755)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["removed"] == []
    assert [p["file"] for p in report["skipped"]] == ["private"]
    assert "unreadable folder" in report["skipped"][0]["reason"]
    assert catalog_files(tmp_path) == names

    report = indexer(tmp_path, manager, root).run()  # readable again: nothing to redo, no problem left
    assert report.unchanged == 6 and report.removed == [] and report.problems == []


def test_an_unreadable_folder_is_an_error_through_the_command(tmp_path, manager, unprivileged):
    root = tmp_path / "kn"
    names = set(write_notes(root, 3))
    indexer(tmp_path, manager, root).run()
    root.chmod(0)
    try:
        result = assistant(tmp_path, "--knowledge", str(root), "index", prefix=unprivileged)
    finally:
        root.chmod(0o755)
    line = one_line_error(result)
    assert "cannot read the knowledge folder" in line and str(root) in line
    assert catalog_files(tmp_path) == names


# -- watch mode ------------------------------------------------------------------------------------------

def test_watch_pauses_while_the_folder_is_gone_and_resumes_when_it_is_back(tmp_path, manager):
    root = tmp_path / "kn"
    names = write_notes(root, 3)
    base = KnowledgeBase(load_settings(knowledge_dir=root, data_dir=tmp_path / "data"), manager)
    reports, notices, stop = [], [], threading.Event()
    thread = threading.Thread(target=base.watch, args=(stop, reports.append, None, notices.append), daemon=True)
    thread.start()

    def wait_for(predicate, what: str, timeout: float = 60.0) -> None:  # a bound, not a measure
        deadline = time.monotonic() + timeout
        while not predicate():
            assert thread.is_alive(), f"watching stopped while waiting for {what}"
            assert time.monotonic() < deadline, f"no {what}: reports {reports}, notices {notices}"
            time.sleep(0.05)

    def paused() -> int:
        return sum("paused" in n for n in notices)

    try:
        wait_for(lambda: reports and sorted(reports[0].added) == sorted(names), "first run")
        away = tmp_path / "away"
        root.rename(away)  # unplugged
        wait_for(lambda: paused() == 1, "pause")
        time.sleep(1.0)  # a while paused: nothing runs, nothing is removed
        assert all(r.removed == [] for r in reports) and set(base.catalog.files()) == set(names)
        assert paused() == 1  # said once
        write_notes(away, 1, start=3)
        away.rename(root)  # plugged back in, with one more note
        wait_for(lambda: any(r.added == ["note3.md"] for r in reports), "incremental run on return")
        assert any("back" in n for n in notices) and all(r.removed == [] for r in reports)
        write_notes(root, 1, start=4)  # watched again, not only polled
        wait_for(lambda: any(r.added == ["note4.md"] for r in reports), "a change after the return")

        shutil.rmtree(root)  # deleted, then created again
        wait_for(lambda: paused() == 2, "second pause")
        root.mkdir()
        write_notes(root, 1, start=5)
        wait_for(lambda: any(r.added == ["note5.md"] for r in reports), "the re-created folder's note")
        assert set(base.catalog.files()) == {"note5.md"}  # the deleted folder's files went, as deleted files do
    finally:
        stop.set()
        thread.join(timeout=10)
        base.close()
    assert not thread.is_alive()


def test_watch_refuses_a_missing_folder_at_start(tmp_path, manager):
    root = tmp_path / "kn"
    names = write_notes(root, 2)
    indexer(tmp_path, manager, root).run()
    base = KnowledgeBase(load_settings(knowledge_dir=tmp_path / "typo", data_dir=tmp_path / "data"), manager)
    errors: list[Exception] = []
    stop = threading.Event()

    def watch() -> None:
        try:
            base.watch(stop)
        except Exception as exc:
            errors.append(exc)

    thread = threading.Thread(target=watch, daemon=True)
    thread.start()
    thread.join(timeout=30)  # it refuses at once; a bound, so that watching instead fails the test
    stop.set()
    thread.join(timeout=10)
    try:
        assert len(errors) == 1 and isinstance(errors[0], FolderUnavailable), errors
        assert "does not exist" in str(errors[0])
        assert set(base.catalog.files()) == set(names) and not (tmp_path / "typo").exists()
    finally:
        base.close()
