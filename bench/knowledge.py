"""Knowledge index: indexing throughput against the raw libraries, re-runs, query latency, peak RSS.

A corpus is generated in a temporary folder: PDFs of multi-paragraph pages (PyMuPDF), small text and
Markdown notes, and photos (scikit-image samples, resized and cropped, JPEG and PNG). Images are
embedded by a tiny random CLIP built here (no real CLIP weights on PyPI), text by the embedded
profile's MiniLM.

1. Throughput (one child process, models loaded once): each part of the corpus (pdfs, notes,
   images) is indexed by `Indexer.run` into a fresh data dir and, interleaved with it, processed by
   the raw libraries doing the same work in the most direct way:
   - PDFs: PyMuPDF opens each file once; per page `get_text("blocks")` packed into chunks of
     800-1,200 characters (as the indexer's), and the page rendered (at most 448 px) for CLIP;
   - notes: read and packed into chunks the same way;
   - images: Pillow decode, Tesseract OCR (the `tesseract` program, as the indexer runs it), CLIP;
   then ONE sentence-transformers `encode` over all chunks (its default batch size), open_clip
   `encode_image` in batches of 32, and one chromadb write (upserts of the client's maximum batch size).
   ratio = raw seconds / index seconds (1.0: as fast as the raw libraries; the target is >= 0.8).
   The raw side does no hashing, no catalog, no keyword index, no crash-safety bookkeeping: that
   is the indexer's overhead, measured. Then the unchanged folder is indexed again (same indexer,
   and a fresh Indexer as a new process would have): nothing to embed.
2. Query latency (another child): `search_knowledge` (kind any, limit 5: dense + BM25 + CLIP,
   fused) over a real index of ~1k and then ~10k text entries, made by `Indexer.run` over short
   Markdown notes (one entry per section), a PDF and some images; p50 / p95 of distinct queries.
   Interleaved with it, query by query, the raw libraries do the same look-ups directly (the query
   encoded by sentence-transformers and open_clip, both chromadb collections queried, FTS5 bm25):
   ratio = raw p50 / search p50, and what each part costs (p50). That child's peak RSS is the
   indexer's and searcher's with a 10k-entry index (the raw side shares the text model's weights).

The machine may be shared: raw and index runs alternate in order, in the same process, under the
same conditions; the ratios are what to read, not the absolute seconds. Torch uses the same thread
count on both sides (`--threads`, default: torch's own). Prints a table, writes
bench/results/knowledge.json.

    .venv/bin/python bench/knowledge.py [--quick] [--repeat N] [--threads N]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from stamp import stamp  # noqa: E402

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path[:0] = [str(REPO), str(REPO / "tests")]  # the tiny CLIP builder
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")  # as assistant/__init__.py does: same for the raw side

FULL = {"pdfs": 20, "pages": 20, "notes": 200, "images": 50, "entries": (1_000, 10_000), "queries": 60}
QUICK = {"pdfs": 4, "pages": 10, "notes": 50, "images": 12, "entries": (1_000, 2_500), "queries": 25}
PARTS = ("pdfs", "notes", "images")
RAW_CHUNK_MIN, RAW_CHUNK_MAX = 800, 1200  # characters: the raw side's chunks, as the indexer's
RENDER_SIDE = 448  # the indexer renders PDF pages no larger than this for CLIP
CLIP_BATCH = 32

# -- corpus ----------------------------------------------------------------------------------------

TOPICS = ["cooling loop", "pump controller", "network gateway", "battery pack", "firmware update", "sensor array",
          "power supply", "storage cluster", "backup schedule", "access control", "camera module",
          "thermal sensor", "message queue", "load balancer", "water filter", "solar inverter", "wind turbine",
          "greenhouse climate", "irrigation valve", "delivery drone"]
ADJ = ["primary", "secondary", "redundant", "faulty", "calibrated", "remote", "embedded", "shared", "legacy",
       "modular", "quiet", "portable", "industrial", "nightly", "encrypted", "automatic", "manual", "spare"]
NOUN = ["valve", "relay", "fan", "circuit", "cable", "module", "gateway", "register", "buffer", "schedule",
        "log", "alarm", "threshold", "counter", "pressure", "voltage", "reading", "operator", "technician",
        "manifold", "bearing", "filter", "battery", "antenna", "switch", "panel", "meter", "controller"]
VERB = ["monitors", "reports", "limits", "resets", "records", "triggers", "adjusts", "measures", "protects",
        "balances", "stores", "replaces", "checks", "calibrates", "disables", "restarts", "logs", "cools"]
PREP = ["during", "after", "before", "while", "unless", "until", "because of", "despite"]
EVENTS = ["a power cut", "the weekly inspection", "heavy rain", "a firmware update", "peak load", "maintenance",
          "a cold start", "an overheating warning", "a network outage", "the night shift"]


def sentence(rng: random.Random, topic: str) -> str:
    forms = [
        lambda: f"The {rng.choice(ADJ)} {rng.choice(NOUN)} {rng.choice(VERB)} the {rng.choice(NOUN)} "
                f"{rng.choice(PREP)} {rng.choice(EVENTS)}.",
        lambda: f"When the {topic} {rng.choice(VERB)} a {rng.choice(NOUN)} above {rng.randint(2, 950)} units, "
                f"the {rng.choice(ADJ)} {rng.choice(NOUN)} {rng.choice(VERB)} it within {rng.randint(1, 60)} seconds.",
        lambda: f"Operators should check that the {rng.choice(NOUN)} of the {topic} stays {rng.choice(ADJ)} "
                f"{rng.choice(PREP)} {rng.choice(EVENTS)}.",
        lambda: f"In {rng.choice(['March', 'June', 'October', 'December'])} {rng.randint(2019, 2026)}, the team "
                f"replaced {rng.randint(2, 40)} {rng.choice(NOUN)}s of the {topic} after {rng.choice(EVENTS)}.",
        lambda: f"Section {rng.randint(1, 12)}.{rng.randint(1, 9)} explains how the {rng.choice(ADJ)} "
                f"{rng.choice(NOUN)} {rng.choice(VERB)} the {topic}.",
    ]
    return rng.choice(forms)()


def paragraph(rng: random.Random, topic: str, sentences: tuple[int, int]) -> str:
    return " ".join(sentence(rng, topic) for _ in range(rng.randint(*sentences)))


def make_pdf(path: Path, rng: random.Random, pages: int) -> None:
    """A manual: each page a heading and 3-4 paragraphs of body text (~1,500-2,000 characters)."""
    import pymupdf

    topic = rng.choice(TOPICS)
    doc = pymupdf.open()
    for number in range(1, pages + 1):
        page = doc.new_page(width=595, height=842)
        page.insert_text((56, 80), f"{number}. The {topic}: {rng.choice(ADJ)} {rng.choice(NOUN)}s",
                         fontsize=17, fontname="hebo")
        y = 105.0
        for _ in range(rng.randint(3, 4)):
            rect = pymupdf.Rect(56, y, 539, 800)
            left = page.insert_textbox(rect, paragraph(rng, topic, (4, 6)), fontsize=10.5, fontname="helv")
            if left < 0:
                break
            y = rect.y1 - left + 10
        page.insert_text((290, 820), str(number), fontsize=9, fontname="helv")
    doc.set_metadata({"title": f"The {topic} manual", "author": "bench"})
    doc.save(path, garbage=3, deflate=True)
    doc.close()


def make_note(path: Path, rng: random.Random) -> None:
    topic = rng.choice(TOPICS)
    body = "\n\n".join(paragraph(rng, topic, (2, 5)) for _ in range(rng.randint(1, 3)))
    if path.suffix == ".md":
        body = f"# Notes on the {topic}\n\n{body}\n"
    path.write_text(body)


def make_images(folder: Path, count: int, rng: random.Random) -> None:
    """Photos from scikit-image, resized and cropped into distinct files (JPEG and PNG)."""
    import numpy as np
    from PIL import Image
    from skimage import data

    sources = []
    for name in ("astronaut", "chelsea", "coffee", "rocket", "hubble_deep_field", "immunohistochemistry",
                 "retina", "cat", "camera", "moon", "coins", "horse", "brick", "grass", "page", "text"):
        try:
            array = getattr(data, name)()
        except Exception:  # noqa: BLE001 - a sample that needs a download (pooch) is skipped
            continue
        if array.dtype != np.uint8:
            array = (array.astype(np.float32) / max(1, array.max()) * 255).astype(np.uint8)
        sources.append((name, Image.fromarray(array).convert("RGB")))
    for i in range(count):
        name, image = sources[i % len(sources)]
        scale = rng.uniform(0.5, 1.2)
        w, h = image.size
        box = (rng.randint(0, w // 8), rng.randint(0, h // 8), w - rng.randint(0, w // 8), h - rng.randint(0, h // 8))
        variant = image.crop(box)
        variant = variant.resize((max(32, int(variant.width * scale)), max(32, int(variant.height * scale))))
        suffix = ".jpg" if i % 2 == 0 else ".png"
        variant.save(folder / f"{name}-{i:03d}{suffix}", quality=88) if suffix == ".jpg" else \
            variant.save(folder / f"{name}-{i:03d}{suffix}")


def build_corpus(root: Path, size: dict) -> dict:
    rng = random.Random(7)
    for part in PARTS:
        (root / part).mkdir(parents=True, exist_ok=True)
    for i in range(size["pdfs"]):
        make_pdf(root / "pdfs" / f"manual-{i:02d}.pdf", rng, size["pages"])
    for i in range(size["notes"]):
        sub = root / "notes" / f"folder{i % 10}"
        sub.mkdir(exist_ok=True)
        make_note(sub / f"note-{i:03d}{'.md' if i % 3 else '.txt'}", rng)
    make_images(root / "images", size["images"], rng)
    return {"pdfs": size["pdfs"], "pages": size["pdfs"] * size["pages"], "notes": size["notes"],
            "images": size["images"],
            "bytes": sum(p.stat().st_size for p in root.rglob("*") if p.is_file())}


def make_bulk_note(path: Path, rng: random.Random, sections: int) -> None:
    """A note of short sections: the chunker gives each section its own entry."""
    topic = rng.choice(TOPICS)
    parts = [f"## {rng.choice(ADJ).title()} {rng.choice(NOUN)} {k + 1}\n\n{sentence(rng, topic)}"
             for k in range(sections)]
    path.write_text(f"# Log of the {topic}\n\n" + "\n\n".join(parts) + "\n")


# -- measuring -------------------------------------------------------------------------------------

class PeakRss:
    """The process's largest resident set size while the block runs (sampled every 20 ms)."""

    def __init__(self):
        import psutil

        self._proc = psutil.Process()
        self.peak = 0
        self._stop = threading.Event()

    def _sample(self):
        while not self._stop.wait(0.02):
            self.peak = max(self.peak, self._proc.memory_info().rss)

    def __enter__(self):
        self.start = self.peak = self._proc.memory_info().rss
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, self._proc.memory_info().rss)


def mb(n: int) -> float:
    return round(n / 2**20, 1)


def settings_for(knowledge: Path, data: Path, clip: Path):
    from assistant.config import load_settings

    return load_settings(knowledge_dir=knowledge, data_dir=data, models={"clip": str(clip)})


# -- the raw libraries -----------------------------------------------------------------------------

class Raw:
    """sentence-transformers, open_clip, PyMuPDF, Pillow, tesseract and chromadb, used directly."""

    def __init__(self, text_model: Path, clip: Path):
        from assistant.compat import ensure_torchvision

        ensure_torchvision()
        import open_clip
        from sentence_transformers import SentenceTransformer

        self.text = SentenceTransformer(str(text_model), device="cpu")
        self.clip, self.preprocess = open_clip.create_model_from_pretrained(f"local-dir:{clip}", device="cpu")
        self.clip.eval()
        self.tesseract = shutil.which("tesseract")

    def run(self, part: Path, data: Path) -> dict:
        import chromadb
        import numpy as np
        import pymupdf
        import torch
        from chromadb.config import Settings as ChromaSettings
        from PIL import Image

        chunks: list[tuple[str, dict]] = []  # (text, metadata)
        visuals: list = []  # CLIP vectors, batch by batch
        visual_meta: list[dict] = []
        pending_images: list = []

        def encode_images(flush: bool = False):
            while pending_images and (flush or len(pending_images) >= CLIP_BATCH):
                batch = pending_images[:CLIP_BATCH]
                del pending_images[:CLIP_BATCH]
                with torch.inference_mode():
                    pixels = torch.stack([self.preprocess(im) for im in batch])
                    visuals.append(self.clip.encode_image(pixels, normalize=True).numpy())

        for path in sorted(p for p in part.rglob("*") if p.is_file()):
            rel = path.relative_to(part).as_posix()
            if path.suffix == ".pdf":
                with pymupdf.open(path) as doc:
                    for page in doc:
                        blocks = [b[4] for b in page.get_text("blocks") if b[6] == 0]
                        chunks += [(c, {"file": rel, "page": page.number + 1}) for c in pack(blocks)]
                        zoom = min(1.0, RENDER_SIDE / max(page.rect.width, page.rect.height))
                        pix = page.get_pixmap(matrix=pymupdf.Matrix(zoom, zoom), alpha=False)
                        pending_images.append(Image.frombytes("RGB", (pix.width, pix.height), pix.samples))
                        visual_meta.append({"file": rel, "page": page.number + 1})
                        encode_images()
            elif path.suffix in (".txt", ".md"):
                chunks += [(c, {"file": rel}) for c in pack(path.read_text().split("\n\n"))]
            else:
                with Image.open(path) as im:
                    image = im.convert("RGB")
                ocr = self.ocr(image)
                chunks.append((f"Image {rel}: {image.width}x{image.height}." + (f" Text: {ocr}" if ocr else ""),
                               {"file": rel}))
                pending_images.append(image)
                visual_meta.append({"file": rel})
                encode_images()
        encode_images(flush=True)
        texts = [c[0] for c in chunks]
        vectors = self.text.encode(texts, normalize_embeddings=True, convert_to_numpy=True)  # one call, defaults
        client = chromadb.PersistentClient(path=str(data / "chroma"),
                                           settings=ChromaSettings(anonymized_telemetry=False))
        step = max(1, min(client.get_max_batch_size(), 2000))
        for name, vecs, metas, docs in (("text", vectors, [c[1] for c in chunks], texts),
                                         ("visual", np.concatenate(visuals) if visuals else None, visual_meta, None)):
            if vecs is None or not len(vecs):
                continue
            col = client.get_or_create_collection(f"raw_{name}", configuration={"hnsw": {"space": "cosine"}},
                                                  embedding_function=None)
            ids = [f"{name}:{i}" for i in range(len(vecs))]
            for i in range(0, len(ids), step):
                col.upsert(ids=ids[i:i + step], embeddings=vecs[i:i + step].astype(np.float32),
                           metadatas=metas[i:i + step], documents=docs[i:i + step] if docs else None)
        return {"chunks": len(texts), "chars": sum(map(len, texts)), "visuals": len(visual_meta)}

    def ocr(self, image) -> str:
        """What the indexer's OCR does: grey, small images scaled up to 600 px, PGM into `tesseract ... tsv`."""
        if self.tesseract is None:
            return ""
        import io

        from PIL import Image

        im = image.convert("L")
        side = max(im.size)
        if side > 2000:
            im.thumbnail((2000, 2000), Image.Resampling.BILINEAR)
        elif side < 600:
            scale = 600 / side
            im = im.resize((round(im.width * scale), round(im.height * scale)), Image.Resampling.LANCZOS)
        buf = io.BytesIO()
        im.save(buf, format="PPM")
        out = subprocess.run([self.tesseract, "stdin", "stdout", "-l", "eng", "tsv"], input=buf.getvalue(),
                             capture_output=True, env={**os.environ, "OMP_THREAD_LIMIT": "1"}, timeout=60)
        words = [r.split("\t")[11] for r in out.stdout.decode("utf-8", "replace").splitlines()[1:]
                 if r.count("\t") >= 11 and r.split("\t")[0] == "5" and float(r.split("\t")[10]) >= 60]
        return " ".join(w for w in words if w.strip())


class RawQuery:
    """The libraries a hybrid search runs, called directly on the same index: sentence-transformers `encode` of
    the query (the text_embed role's own model object, so no second copy in memory), chromadb `query` of the
    text and picture collections, SQLite FTS5 bm25 over the catalog's chunks, open_clip `encode_text`. No
    fusion, snippets, file names or checks: that is `search_knowledge`'s overhead, measured."""

    PARTS = ("embed", "chroma_text", "fts", "clip_text", "chroma_visual")

    def __init__(self, base, clip: Path, depth: int = 20):
        import sqlite3

        import chromadb
        from chromadb.config import Settings as ChromaSettings

        from assistant.compat import ensure_torchvision
        from assistant.knowledge.catalog import _fts_query

        ensure_torchvision()
        import open_clip

        self.text = base.searcher.manager.get("text_embed").model
        self.clip, _ = open_clip.create_model_from_pretrained(f"local-dir:{clip}", device="cpu")
        self.clip.eval()
        self.tokenizer = open_clip.get_tokenizer(f"local-dir:{clip}")
        client = chromadb.PersistentClient(path=str(base.settings.index_dir / "chroma"),
                                           settings=ChromaSettings(anonymized_telemetry=False))
        self.cols = {kind: client.get_collection(name, embedding_function=None)
                     for kind, name in base.store.names.items()}
        self.db = sqlite3.connect(f"{(base.settings.index_dir / 'catalog.sqlite').as_uri()}?mode=ro", uri=True)
        self.match = _fts_query  # the same words, as one OR query
        self.depth = depth

    def run(self, query: str) -> dict[str, float]:
        import torch

        times, started = {}, time.perf_counter()

        def lap(name: str) -> None:
            nonlocal started
            now = time.perf_counter()
            times[name], started = now - started, now

        vector = self.text.encode([query], normalize_embeddings=True, convert_to_numpy=True)[0]
        lap("embed")
        self.cols["text"].query(query_embeddings=[vector], n_results=self.depth,
                                include=["distances", "metadatas", "documents"])
        lap("chroma_text")
        self.db.execute("SELECT chunk_id, sha256, page, text, bm25(chunks) FROM chunks WHERE chunks MATCH ? "
                        "ORDER BY bm25(chunks) LIMIT ?", (self.match(query), 2 * self.depth)).fetchall()
        lap("fts")
        with torch.inference_mode():
            image_query = self.clip.encode_text(self.tokenizer([query]), normalize=True)[0].numpy()
        lap("clip_text")
        self.cols["visual"].query(query_embeddings=[image_query], n_results=self.depth,
                                  include=["distances", "metadatas"])
        lap("chroma_visual")
        return times


def pack(paragraphs: list[str], low: int = RAW_CHUNK_MIN, high: int = RAW_CHUNK_MAX) -> list[str]:
    """Paragraphs joined into chunks of `low` to `high` characters; long ones cut at spaces."""
    out, cur = [], ""
    for para in paragraphs:
        para = " ".join(para.split())
        if not para:
            continue
        if cur and len(cur) >= low and len(cur) + 2 + len(para) > high:
            out.append(cur)
            cur = ""
        cur = f"{cur}\n\n{para}" if cur else para
        while len(cur) > high:
            cut = cur.rfind(" ", 0, high)
            cut = cut if cut > 0 else high
            out.append(cur[:cut])
            cur = cur[cut:].lstrip()
    if cur:
        out.append(cur)
    return out


# -- children --------------------------------------------------------------------------------------

def throughput_child(corpus: Path, work: Path, clip: Path, repeat: int) -> dict:
    from assistant.knowledge.indexer import Indexer
    from assistant.models import ModelManager

    manager = ModelManager(settings_for(corpus, work / "models-data", clip))
    embedder, clip_model = manager.get("text_embed"), manager.get("clip")
    raw = Raw(Path(manager.locate("text_embed").path), clip)
    # warm both sides up the same way (first calls allocate, JIT, fill caches)
    warm = ["A warm-up sentence about the pump controller."] * 8
    embedder.embed(warm)
    raw.text.encode(warm)
    from PIL import Image

    clip_model.embed_images([Image.new("RGB", (64, 64))] * 2)

    runs: dict[str, dict[str, list]] = {part: {"raw": [], "index": []} for part in PARTS}
    reruns: dict[str, list] = {part: [] for part in PARTS}
    for r in range(repeat):
        for k, part in enumerate(PARTS):
            order = ("raw", "index") if (r + k) % 2 == 0 else ("index", "raw")
            for mode in order:
                data = work / f"{mode}-{part}-{r}"
                with PeakRss() as rss:
                    started = time.perf_counter()
                    if mode == "raw":
                        info = raw.run(corpus / part, data)
                    else:
                        idx = Indexer(settings_for(corpus / part, data, clip), manager)
                        report = idx.run()
                        assert not report.skipped, report.skipped
                        info = {"chunks": idx.store.count("text"), "visuals": idx.store.count("visual"),
                                "files": len(report.added),
                                "chars": idx.catalog._all("SELECT sum(length(text)) FROM chunks")[0][0]}
                    seconds = time.perf_counter() - started
                runs[part][mode].append({"seconds": seconds, "peak_rss_mb": mb(rss.peak),
                                         "rss_growth_mb": mb(rss.peak - rss.start), **info})
                print(f"  {part:<7}{mode:<6}{seconds:8.2f} s  {info}", file=sys.stderr, flush=True)
                if mode == "index":
                    started = time.perf_counter()
                    again = idx.run()
                    same = time.perf_counter() - started
                    started = time.perf_counter()
                    fresh = Indexer(settings_for(corpus / part, data, clip), manager).run()
                    new = time.perf_counter() - started
                    assert not (again.added or again.updated or fresh.added or fresh.updated)
                    reruns[part].append({"same_indexer_s": same, "new_indexer_s": new,
                                         "files": again.unchanged})
    return {"runs": runs, "reruns": reruns}


def query_child(corpus: Path, work: Path, clip: Path, targets: list[int], queries: int) -> dict:
    from assistant.knowledge.base import KnowledgeBase
    from assistant.models import ModelManager

    kn = work / "query-kn"
    (kn / "bulk").mkdir(parents=True)
    shutil.copy(next((corpus / "pdfs").glob("*.pdf")), kn / "manual.pdf")
    for image in sorted((corpus / "images").iterdir())[:10]:
        shutil.copy(image, kn / image.name)
    settings = settings_for(kn, work / "query-data", clip)
    base = KnowledgeBase(settings, ModelManager(settings))
    rng = random.Random(11)
    qrng = random.Random(5)
    stages, made, sections = [], 0, 10
    for target in targets:
        entries = base.store.count("text")
        files = 0
        while entries + (files * sections) < target:
            folder = kn / "bulk" / f"b{made // 500:03d}"
            folder.mkdir(exist_ok=True)
            make_bulk_note(folder / f"log-{made:05d}.md", rng, sections)
            made += 1
            files += 1
        with PeakRss() as rss:
            started = time.perf_counter()
            report = base.index()
            seconds = time.perf_counter() - started
        assert not report.skipped, report.skipped
        count = base.store.count("text")
        asked = [f"{qrng.choice(['how does', 'why does', 'when does', 'what happens when'])} the "
                 f"{qrng.choice(ADJ)} {qrng.choice(NOUN)} {qrng.choice(VERB).rstrip('s')} the {qrng.choice(TOPICS)}"
                 f" {qrng.choice(PREP)} {qrng.choice(EVENTS)}" for _ in range(queries + 3)]
        raw = RawQuery(base, clip)
        times: list[float] = []
        raw_times: list[dict[str, float]] = []
        for n, q in enumerate(asked):  # the search and the raw libraries alternate, in turn first
            for side in ("search", "raw") if n % 2 == 0 else ("raw", "search"):
                started = time.perf_counter()
                if side == "raw":
                    parts = raw.run(q)
                else:
                    result = base.search_knowledge(q)
                    assert result.hits
                seconds_taken = time.perf_counter() - started
                if n < 3:  # the first few warm caches up
                    continue
                if side == "search":
                    times.append(seconds_taken)
                else:
                    raw_times.append(parts)
        times.sort()
        raw_totals = sorted(sum(t.values()) for t in raw_times)
        stages.append({"target": target, "text_entries": count, "visual_entries": base.store.count("visual"),
                       "files_indexed": len(report.added), "index_s": seconds,
                       "index_peak_rss_mb": mb(rss.peak),
                       "p50_ms": 1000 * statistics.median(times), "p95_ms": 1000 * p95(times),
                       "raw_p50_ms": 1000 * statistics.median(raw_totals), "raw_p95_ms": 1000 * p95(raw_totals),
                       "ratio": statistics.median(raw_totals) / statistics.median(times),
                       "raw_parts_p50_ms": {k: 1000 * statistics.median(t[k] for t in raw_times)
                                            for k in RawQuery.PARTS},
                       "queries": len(times)})
        print(f"  query {count} entries: p50 {stages[-1]['p50_ms']:.0f} ms p95 {stages[-1]['p95_ms']:.0f} ms, raw "
              f"libraries p50 {stages[-1]['raw_p50_ms']:.0f} ms (indexed {len(report.added)} files in {seconds:.1f} s)",
              file=sys.stderr, flush=True)
    base.close()
    return {"stages": stages, "peak_rss_mb": mb(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024)}


def p95(sorted_values: list[float]) -> float:
    return sorted_values[min(len(sorted_values) - 1, round(0.95 * (len(sorted_values) - 1)))]


# -- main ------------------------------------------------------------------------------------------

def child_main(args) -> None:
    if args.threads:
        import torch

        torch.set_num_threads(args.threads)
    import torch

    corpus, work, clip = Path(args.corpus), Path(args.work), Path(args.clip)
    if args.child == "throughput":
        out = throughput_child(corpus, work, clip, args.repeat)
    else:
        size = QUICK if args.quick else FULL
        out = query_child(corpus, work, clip, list(size["entries"]), size["queries"])
    out["torch_threads"] = torch.get_num_threads()
    (work / f"{args.child}.json").write_text(json.dumps(out))


def summarise(corpus_info: dict, through: dict) -> dict:
    units = {"pdfs": ("pages", corpus_info["pages"]), "notes": ("files", corpus_info["notes"]),
             "images": ("images", corpus_info["images"])}
    rows = {}
    for part in PARTS:
        raw = min(r["seconds"] for r in through["runs"][part]["raw"])
        index = min(r["seconds"] for r in through["runs"][part]["index"])
        unit, n = units[part]
        last = {m: through["runs"][part][m][-1] for m in ("raw", "index")}
        rows[part] = {"unit": unit, "count": n, "raw_s": round(raw, 3), "index_s": round(index, 3),
                      "raw_per_s": round(n / raw, 2), "index_per_s": round(n / index, 2),
                      "ratio": round(raw / index, 3),
                      "raw_chunks": last["raw"]["chunks"], "index_chunks": last["index"]["chunks"],
                      "raw_chars": last["raw"].get("chars"), "index_chars": last["index"].get("chars"),
                      "raw_peak_rss_mb": max(r["peak_rss_mb"] for r in through["runs"][part]["raw"]),
                      "index_peak_rss_mb": max(r["peak_rss_mb"] for r in through["runs"][part]["index"]),
                      "raw_rss_growth_mb": max(r["rss_growth_mb"] for r in through["runs"][part]["raw"]),
                      "index_rss_growth_mb": max(r["rss_growth_mb"] for r in through["runs"][part]["index"]),
                      "all_raw_s": [round(r["seconds"], 3) for r in through["runs"][part]["raw"]],
                      "all_index_s": [round(r["seconds"], 3) for r in through["runs"][part]["index"]]}
    raw_total = sum(r["raw_s"] for r in rows.values())
    index_total = sum(r["index_s"] for r in rows.values())
    rows["total"] = {"raw_s": round(raw_total, 3), "index_s": round(index_total, 3),
                     "ratio": round(raw_total / index_total, 3)}
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="a small corpus, 1k and 2.5k entries (2-3 minutes)")
    parser.add_argument("--repeat", type=int, default=None, help="raw/index rounds (default 1, quick 2)")
    parser.add_argument("--threads", type=int, default=None, help="torch threads on both sides")
    parser.add_argument("--skip-queries", action="store_true")
    parser.add_argument("--out", type=Path, default=HERE / "results" / "knowledge.json")
    parser.add_argument("--child", choices=["throughput", "query"])
    parser.add_argument("--corpus")
    parser.add_argument("--work")
    parser.add_argument("--clip")
    args = parser.parse_args()
    if args.child:
        child_main(args)
        return
    size = QUICK if args.quick else FULL
    repeat = args.repeat or (2 if args.quick else 1)
    tmp = Path(tempfile.mkdtemp(prefix="bench-knowledge-"))
    try:
        from tiny_models import build_tiny_clip

        started = time.perf_counter()
        corpus_info = build_corpus(tmp / "corpus", size)
        clip = build_tiny_clip(tmp / "tiny-clip")
        print(f"corpus: {corpus_info} ({time.perf_counter() - started:.1f} s to build)", file=sys.stderr)
        common = [sys.executable, __file__, "--corpus", str(tmp / "corpus"), "--clip", str(clip),
                  "--repeat", str(repeat)] + (["--threads", str(args.threads)] if args.threads else []) + \
                 (["--quick"] if args.quick else [])
        results: dict = {"machine": {"cpus": os.cpu_count(), "platform": platform.platform(),
                                     "load_average": os.getloadavg()},
                         "corpus": corpus_info, "mode": "quick" if args.quick else "full", "repeat": repeat}
        (tmp / "t").mkdir()
        subprocess.run(common + ["--child", "throughput", "--work", str(tmp / "t")], check=True)
        through = json.loads((tmp / "t" / "throughput.json").read_text())
        results["throughput"] = summarise(corpus_info, through)
        results["rerun_unchanged"] = {
            "files": sum(through["reruns"][p][-1]["files"] for p in PARTS),
            "same_indexer_s": round(sum(min(r["same_indexer_s"] for r in through["reruns"][p]) for p in PARTS), 3),
            "new_indexer_s": round(sum(min(r["new_indexer_s"] for r in through["reruns"][p]) for p in PARTS), 3)}
        results["torch_threads"] = through["torch_threads"]
        if not args.skip_queries:
            (tmp / "q").mkdir()
            subprocess.run(common + ["--child", "query", "--work", str(tmp / "q")], check=True)
            results["query"] = json.loads((tmp / "q" / "query.json").read_text())
        results["load_average_after"] = os.getloadavg()
        report(results)
        args.out.parent.mkdir(parents=True, exist_ok=True)
        results["stamp"] = stamp()
        args.out.write_text(json.dumps(results, indent=2))
        print(f"wrote {args.out}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def report(results: dict) -> None:
    t = results["throughput"]
    print(f"\nindexing throughput ({results['mode']}, best of {results['repeat']}, "
          f"torch threads {results['torch_threads']}): raw libraries vs Indexer.run")
    print(f"{'part':<8}{'count':>12}{'raw s':>9}{'index s':>9}{'raw /s':>9}{'index /s':>10}{'ratio':>7}"
          f"{'chunks raw/idx':>16}{'RSS +MB raw/idx':>17}")
    for part in PARTS:
        r = t[part]
        print(f"{part:<8}{r['count']:>6} {r['unit']:<5}{r['raw_s']:>9.2f}{r['index_s']:>9.2f}{r['raw_per_s']:>9.1f}"
              f"{r['index_per_s']:>10.1f}{r['ratio']:>7.2f}{r['raw_chunks']:>8}/{r['index_chunks']:<7}"
              f"{r['raw_rss_growth_mb']:>8.0f}/{r['index_rss_growth_mb']:<8.0f}")
    total = t["total"]
    print(f"{'total':<18}{total['raw_s']:>9.2f}{total['index_s']:>9.2f}{'':>19}{total['ratio']:>7.2f}"
          f"   (target >= 0.80)")
    rr = results["rerun_unchanged"]
    print("RSS +MB: growth of the process's resident set during the run (both sides' models are loaded in it)")
    print(f"re-run on the unchanged folder ({rr['files']} files): {rr['same_indexer_s']:.3f} s, "
          f"from a new Indexer {rr['new_indexer_s']:.3f} s")
    if "query" in results:
        print(f"\n{'search_knowledge':<18}{'text entries':>13}{'visual':>8}{'p50 ms':>9}{'p95 ms':>9}"
              f"{'raw p50':>9}{'ratio':>7}{'files':>8}{'index s':>9}")
        for s in results["query"]["stages"]:
            print(f"{'':<18}{s['text_entries']:>13}{s['visual_entries']:>8}{s['p50_ms']:>9.1f}{s['p95_ms']:>9.1f}"
                  f"{s['raw_p50_ms']:>9.1f}{s['ratio']:>7.2f}{s['files_indexed']:>8}{s['index_s']:>9.1f}")
        print("raw: the same query through the libraries directly (sentence-transformers, chromadb text and picture "
              "collections, FTS5 bm25, open_clip); its parts' p50 ms:")
        for s in results["query"]["stages"]:
            print(f"{s['text_entries']:>31}  " + ", ".join(f"{k} {v:.1f}" for k, v in s["raw_parts_p50_ms"].items()))
        print(f"peak RSS of the indexing + search process ({results['query']['stages'][-1]['text_entries']:,} "
              f"entries, models loaded): {results['query']['peak_rss_mb']:.0f} MB")


if __name__ == "__main__":
    main()
