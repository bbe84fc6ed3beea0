"""Incremental indexing of the knowledge folder: scan, skip what is unchanged, embed what is new.

Per file: unchanged (size, mtime) -> nothing; known content (rename, copy) -> a catalog row; new
content -> extract, embed, write vectors, then commit it in the catalog in one transaction. New small
files are embedded and written in batches across files, PDFs streamed on their own (writer.py); each
file is committed alone once all its vectors are written. A crash before its commit leaves a `pending`
mark, and the next run removes that content's partial vectors first.
One bad file is reported (once) and never stops the run. A knowledge folder that is missing or unreadable,
or a run that would remove most of the index, changes nothing (folder.py).
"""

from __future__ import annotations

import hashlib
import logging
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import AssistantError, ModelUnavailable
from . import extract, folder, recordings
from .catalog import Catalog, FileRow
from .pdf import pdf_password
from .report import IndexReport, Progress
from .scan import Found, real_path
from .store import VectorStore
from .writer import STREAM_TEXTS, NewContent, Outcome, VectorWriter, text_rows

log = logging.getLogger(__name__)
_REBUILD = "rebuild"  # a `pending` marker while a rebuild empties the store and the catalog


@dataclass
class _Job:
    """One file to index; a file whose new content waits in the writer's queue is settled later."""

    item: Found
    old: FileRow | None  # what the catalog had for this path
    known_problem: tuple[int, int, str] | None
    done: int  # its place in the scan, for progress
    row: FileRow | None = None  # once hashed

    @property
    def hashed(self) -> FileRow:
        assert self.row is not None, "the file is hashed before its content is handled"
        return self.row


@dataclass
class _Run:
    report: IndexReport
    writer: VectorWriter
    moved: dict[str, list[str]]  # content of files that are gone -> their names (renames)
    on_progress: Callable[[Progress], None] | None = None
    total: int = 0
    settled: list[tuple[int, str, str]] = field(default_factory=list)  # (done, name, action) to report


class Indexer:
    def __init__(self, settings, manager, store: VectorStore | None = None, catalog: Catalog | None = None):
        self.settings = settings
        self.manager = manager
        self.root = settings.knowledge_dir
        self.catalog = catalog or Catalog(settings.index_dir / "catalog.sqlite")
        self.store = store or VectorStore.for_settings(settings)
        self._lock = threading.Lock()

    # -- models -----------------------------------------------------------------------------------
    def text_model(self) -> str:
        return self.manager.spec("text_embed").source

    def visual_model(self) -> str | None:
        """The CLIP model if its weights are here, else None (images then go by OCR text and metadata)."""
        return self.manager.spec("clip").source if self.manager.locate("clip").ready else None

    # -- runs -------------------------------------------------------------------------------------
    def run(self, rebuild: bool = False, on_progress: Callable[[Progress], None] | None = None,
            prune: bool = False) -> IndexReport:  # prune: remove what is gone even if it is most of the index
        with self._lock:
            started = time.perf_counter()
            report = IndexReport()  # a folder that cannot be listed, or most files gone: nothing changes
            found, report.notes, report.stopped = folder.prepare(self.root, (self.settings.data_dir,),
                                                                 self.catalog.files(), rebuild, prune)
            if report.stopped:
                return self._finished(report, started)
            if rebuild:
                self._rebuild()
            self._recover()
            self._check_models()
            visual_model = self.visual_model()
            if visual_model is None:
                report.notes.append(f"clip model {self.manager.spec('clip').source} missing: images and PDF "
                                    "pages are indexed by their text only (`assistant models` says how to get "
                                    "it; `assistant index` then adds image embeddings)")
            known = self.catalog.files()
            problems = self.catalog.problems()
            missing = folder.missing(known, found)
            # content of files that are gone: a new path with the same content is a rename, not a new file
            moved: dict[str, list[str]] = {}
            for name in missing:
                moved.setdefault(known[name].sha256, []).append(name)
            for name in folder.missing(problems, found):  # a bad file that was deleted: no longer a problem
                self.catalog.remove_file(name)
            writer = VectorWriter(self.catalog, self.store, self.manager, visual_model, self._drop)
            run = _Run(report, writer, moved, on_progress, len(found))
            for done, item in enumerate(found, 1):
                old = known.get(item.name)
                if old and (old.size, old.mtime_ns) == (item.size, item.mtime_ns):
                    report.unchanged += 1
                    continue
                known_problem = problems.get(item.name)
                if (known_problem and known_problem[:2] == (item.size, item.mtime_ns)
                        and not self._retry(item.name, known_problem[2])):
                    continue  # a known bad file, unchanged: already reported
                _emit(on_progress, done, len(found), item.name, "indexing")
                action = self._index_one(run, _Job(item, old, known_problem, done))
                if action is not None:  # else it waits in the writer's queue
                    run.settled.append((done, item.name, action))
                self._progress(run, on_progress, len(found))
            self._settle(run, writer.flush())
            self._progress(run, on_progress, len(found))
            not_renamed = {name for names in moved.values() for name in names}
            gone = [name for name in missing if name in not_renamed]
            if not prune and (stop := folder.removal_stop(len(gone), len(known), self.root)):
                report.stopped, gone = stop, []
            for n, name in enumerate(gone, 1):
                self._forget(name)
                report.removed.append(name)
                _emit(on_progress, n, len(gone), name, "removed")
            if visual_model:
                report.visuals_added = self._add_missing_visuals(writer, on_progress)
            return self._finished(report, started)

    def _finished(self, report: IndexReport, started: float) -> IndexReport:
        report.problems = [{"file": p, "reason": r[2]} for p, r in sorted(self.catalog.problems().items())]
        report.seconds = round(time.perf_counter() - started, 3)
        return report

    def _index_one(self, run: _Run, job: _Job) -> str | None:
        """The file's action, or None while its new content waits in the writer's queue."""
        item = job.item
        try:
            if item.problem:
                raise extract.ExtractionError(item.problem)
            sha = _sha256(item.path)
            job.row = FileRow(item.name, sha, item.size, item.mtime_ns)
            queued = run.writer.queued(sha)
            if queued is not None:  # this new content twice in one run: embedded once
                queued.jobs.append(job)
                return None
            if self.catalog.content(sha) is not None:  # content already indexed: nothing to embed
                return self._known_content(run, job)
            kind = extract.detect_kind(item.path)
            if kind is None:
                raise extract.ExtractionError("unsupported file type")
            if kind == "pdf":
                return self._index_pdf(run, job)
            if kind == "audio":
                return self._index_recording(run, job)
            if kind == "image":
                content = self._image(job, run.writer.visual_model)
            else:
                content = NewContent(job.hashed, "text", None, {}, text_rows(sha, extract.text_chunks(item.path)))
            content.jobs.append(job)
            self._settle(run, run.writer.add(content))
            return None
        except Exception as exc:
            return self._fail(run, job, exc)

    def _known_content(self, run: _Run, job: _Job) -> str:
        old, sha = job.old, job.hashed.sha256
        self.catalog.set_file(job.hashed)
        if old and old.sha256 == sha:  # touched, not changed
            return self._finish(run, job, "unchanged")
        if old:  # changed into content another file has
            return self._finish(run, job, "updated")
        if run.moved.get(sha):  # the same content left another path: a rename
            self.catalog.remove_file(run.moved[sha].pop())
            return self._finish(run, job, "renamed")
        return self._finish(run, job, "added")  # a copy

    def _finish(self, run: _Run, job: _Job, action: str) -> str:
        """A file indexed: reported, and its old content dropped if no file has that any more."""
        old = job.old
        if old and old.sha256 != job.hashed.sha256 and not self.catalog.paths_of([old.sha256]):
            self._drop(old.sha256)
        if action == "unchanged":
            run.report.unchanged += 1
        else:
            getattr(run.report, action).append(job.item.name)
        return action

    def _settle(self, run: _Run, outcomes: list[Outcome]) -> None:
        """The files of contents the writer has committed (or could not write): reported now."""
        for content, error in outcomes:
            for n, job in enumerate(content.jobs):
                try:
                    if error is not None:
                        raise error
                    if n:  # a copy met in the same run: its content is there now
                        self.catalog.set_file(job.hashed)
                    action = self._finish(run, job, "updated" if job.old else "added")
                except Exception as exc:
                    action = self._fail(run, job, exc)
                run.settled.append((job.done, job.item.name, action))

    @staticmethod
    def _progress(run: _Run, on_progress, total: int) -> None:
        for done, name, action in run.settled:
            _emit(on_progress, done, total, name, action)
        run.settled.clear()

    def _fail(self, run: _Run, job: _Job, exc: Exception) -> str:
        """A file that cannot be indexed: recorded with the reason (reported once); old entries go."""
        if isinstance(exc, ModelUnavailable):
            raise exc  # every file would fail the same way: stop with the clear message
        if isinstance(exc, (extract.ExtractionError, OSError)):
            reason = getattr(exc, "reason", None) or str(exc)
        elif isinstance(exc, AssistantError):
            reason = str(exc)
        else:  # a library failing on a strange file must not stop the run
            log.warning("indexing %s failed", job.item.name, exc_info=exc)
            reason = f"could not be indexed ({type(exc).__name__}: {exc})"
        item = job.item
        if job.old is not None:  # the file changed into something we cannot index: its old entries go
            self._forget(item.name)
        self.catalog.set_problem(item.name, item.size, item.mtime_ns, reason)
        if job.known_problem != (item.size, item.mtime_ns, reason):  # each problem is reported once
            run.report.skipped.append({"file": item.name, "reason": reason})
        return "skipped"

    # -- one file's content -----------------------------------------------------------------------
    def _index_pdf(self, run: _Run, job: _Job) -> str:
        """A PDF is written on its own, streamed in bounded batches, after the files queued before it."""
        self._settle(run, run.writer.flush())
        item, sha, writer = job.item, job.hashed.sha256, run.writer
        password = self._password(item.name)
        meta = extract.pdf_info(item.path, password)
        self.catalog.begin_content(sha)
        try:
            rows = text_rows(sha, [c for page in extract.pdf_chunks(item.path, password) for c in page.chunks])
            visuals = writer.write_visuals(sha, "pdf", self._pages(item.path, password)) if writer.visual_model else 0
            for i in range(0, len(rows), STREAM_TEXTS):
                writer.write_texts([(row, sha, "pdf") for row in rows[i:i + STREAM_TEXTS]])
            self.catalog.commit_content(writer.content_row(sha, "pdf", meta.get("pages"), meta, len(rows), visuals),
                                        rows, job.hashed)
        except BaseException:
            self._drop(sha)
            raise
        return self._finish(run, job, "updated" if job.old else "added")

    def _index_recording(self, run: _Run, job: _Job) -> str:
        """A recording: transcribed block by block (progress as it goes), chunked by time, written on its own.
        Nothing is written until the transcript is whole: a crash while transcribing leaves no trace."""
        self._settle(run, run.writer.flush())
        item, sha, writer = job.item, job.hashed.sha256, run.writer
        limit = self.settings.recording_max_hours * 3600
        info = recordings.probe(item.path, limit)

        def progress(done: float, total: float) -> None:
            if run.on_progress is not None:
                run.on_progress(Progress(job.done, run.total, item.name, "transcribing",
                                         f"{recordings.clock(done)} of {recordings.clock(total)}"))

        progress(0.0, info.duration)
        with self.manager.lease("stt") as stt:
            heard = recordings.transcribe(item.path, stt, limit, progress, info.duration)
        if not heard.segments:
            raise extract.ExtractionError("no speech found")
        spans = recordings.chunk_segments(heard.segments)
        rows = text_rows(sha, [chunk for _, _, chunk in spans])
        meta = {"duration": heard.duration, "language": heard.language, "codec": info.codec,
                "sample_rate": info.sample_rate, "channels": info.channels,
                "segments": [[s.start, s.end, s.text] for s in heard.segments], **heard.coverage_meta()}
        self.catalog.begin_content(sha)
        try:
            for i in range(0, len(rows), STREAM_TEXTS):
                writer.write_texts([(row, sha, "audio") for row in rows[i:i + STREAM_TEXTS]])
            self.catalog.commit_content(writer.content_row(sha, "audio", None, meta, len(rows), 0), rows, job.hashed)
        except BaseException:
            self._drop(sha)
            raise
        if (gap := heard.gap()) is not None:  # the words found stay indexed; the gap is a problem, reported once
            self.catalog.set_problem(item.name, item.size, item.mtime_ns, gap)
            if job.known_problem != (item.size, item.mtime_ns, gap):
                run.report.skipped.append({"file": item.name, "reason": gap})
        return self._finish(run, job, "updated" if job.old else "added")

    def _image(self, job: _Job, visual_model: str | None) -> NewContent:
        item = job.item
        meta = extract.image_metadata(item.path, self.settings.max_image_pixels)
        image = extract.open_image(item.path, self.settings.max_image_pixels)
        ocr = extract.image_ocr_text(image) if extract.ocr_available() else ""
        meta["ocr"] = bool(ocr)
        described = (f"Image {item.name}: {meta.get('format', '')} {meta.get('width')}x{meta.get('height')}."
                     + (f" Text in the image: {ocr}" if ocr else ""))
        chunks = [extract.TextChunk(described, None, None, 0)]
        return NewContent(job.hashed, "image", None, meta, text_rows(job.hashed.sha256, chunks),
                          [(None, image)] if visual_model else [])

    def _pages(self, path: Path, password: str | None) -> Iterator[tuple[int | None, Any]]:
        return extract.pdf_page_images(path, password, max_side=448)

    def _add_missing_visuals(self, writer: VectorWriter, on_progress) -> int:
        """Content indexed while the clip model was missing gets its image embeddings now."""
        todo = [c for c in self.catalog.contents() if c.kind in ("image", "pdf") and c.visual_model is None]
        names = self.catalog.paths_of(c.sha256 for c in todo)
        added = 0
        for done, content in enumerate(todo, 1):
            path = real_path(self.root, names[content.sha256][0]) if content.sha256 in names else None
            if path is None:
                continue
            _emit(on_progress, done, len(todo), names[content.sha256][0], "visuals")
            self.catalog.begin_content(content.sha256)
            try:
                if content.kind == "pdf":
                    images = self._pages(path, self._password(names[content.sha256][0]))
                else:
                    images = iter([(None, extract.open_image(path, self.settings.max_image_pixels))])
                count = writer.write_visuals(content.sha256, content.kind, images)
            except ModelUnavailable:
                self._recover()
                raise
            except Exception as exc:  # one bad file must not stop the others
                log.warning("image embeddings for %s failed: %s", path, exc)
                self._recover()
                continue
            self.catalog.set_visuals(content.sha256, count, writer.visual_model)
            added += 1
        return added

    # -- upkeep -----------------------------------------------------------------------------------
    def _check_models(self) -> None:
        """Refuse to mix vectors of two models: the store raises IndexMismatch with the fix."""
        self.store.check_model("text", self.text_model())
        current = self.visual_model()
        if current is not None:
            self.store.check_model("visual", current)

    def _rebuild(self) -> None:
        """Empty the store and the catalog; the marker makes a rebuild cut off half-way finish next run."""
        self.catalog.begin_content(_REBUILD)
        self.store.reset()
        self.catalog.clear()

    def _recover(self) -> None:
        """Remove vectors of content whose indexing was cut off (a crash, a kill) and of content no
        file points at any more (a kill between forgetting a file and deleting its vectors)."""
        pending = self.catalog.pending()
        if _REBUILD in pending:
            self._rebuild()
            return
        for sha in self.catalog.orphans():
            self._drop(sha)
        for sha in pending:
            content = self.catalog.content(sha)
            if content is None:
                self._drop(sha)
            else:  # only its image embeddings were being added
                self.store.delete_content(sha, kind="visual")
                self.catalog.set_visuals(sha, 0, None)

    def _forget(self, name: str) -> None:
        orphan = self.catalog.remove_file(name)
        if orphan:
            self._drop(orphan)

    def _drop(self, sha: str) -> None:
        self.store.delete_content(sha)
        self.catalog.drop_content(sha)

    def _retry(self, name: str, reason: str) -> bool:
        """Whether a known, unchanged bad file is worth another try: an encrypted PDF once a
        password is configured for it (a wrong one is retried but not reported again)."""
        return reason.startswith("encrypted") and self._password(name) is not None

    def _password(self, name: str) -> str | None:
        return pdf_password(self.settings, name)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def _emit(callback, done: int, total: int, name: str, action: str) -> None:
    if callback is not None:
        callback(Progress(done, total, name, action))

