"""Route, then fill: the tool a request needs (`ToolRouter`) and its arguments (`arguments.FILLERS`), in
milliseconds and without the chat model. The agent uses it for small models (`PromptPolicy.tool_routing`).

A request that refers back ("now describe it", "and page 3?") leans towards the last turn's tool and takes
its file from there; a request whose file resolves (named or described) leans towards the tool for that
kind of file.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import PurePosixPath
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .arguments import FILE_KINDS, FILLERS, Missing, Request, Subject, topic
from .files import FolderFiles, kind_of, words_of
from .router import Route, ToolRouter

log = logging.getLogger(__name__)

FOLLOW_UP_BONUS = 0.2  # a follow-up leans towards the previous turn's tool
FILE_BONUS = 0.15  # a request describing a file of a tool's kind leans towards that tool
NAMED_BONUS = 0.3  # ... and one giving its file name ("standup.wav") more
MAX_NAMES_BY_MEANING = 2000  # more files of a kind than this: names are matched by their words only
SAME_MEANING = 0.55  # a description this close (MiniLM cosine) to a file's name means that file
PICTURE_SETTINGS = re.compile(r"\b\d+\s*(?:denoising\s+)?steps?\b|\bseed\s*(?:(?:of|=|:)\s*)?\d+", re.I)


@dataclass
class Plan:
    tool: str | None  # None: answer without a tool
    arguments: dict[str, Any] = field(default_factory=dict)
    reply: str | None = None  # said as it is, instead of calling: why the tool cannot run
    verbatim: bool = False  # the tool's result is the answer (a transcript, pages read out), not the model's
    route: Route | None = None
    seconds: float = 0.0


class Planner:
    def __init__(self, router: ToolRouter, files: FolderFiles, tools: Mapping[str, Any],
                 probe: Callable[..., str | None] | None = None):
        self.router = router
        self.files = files
        self.tools = tools
        self.probe = probe  # "pdf"/"text" when the knowledge folder answers a request (routing.probe)
        self._name_vectors: dict[str, np.ndarray] = {}

    def warm(self) -> None:
        """Do the first request's one-off work now: embed the examples, read the folder's file names, open
        the index the probe reads. (File names are embedded when a description first needs them.)"""
        self.router.warm()
        self.files.names()
        if self.probe is not None:
            self.probe("warm-up")

    def plan(self, text: str, subject: Subject | None = None) -> Plan:
        started = time.perf_counter()
        request = Request(text, self.files.names(), subject, self._closest)
        hints: dict[str, float] = {}
        if request.follow_up and subject is not None and subject.tool is not None:
            hints[subject.tool] = FOLLOW_UP_BONUS
        if request.follow_up and subject is not None and subject.tool == "search_knowledge" and subject.files:
            # "what's the total on it?" after a search: "it" is what was found, so the tool for its kind
            it = kind_of(subject.files[0])
            hints.update({name: FOLLOW_UP_BONUS for name, kind in FILE_KINDS.items() if kind == it})
        for name, kind in FILE_KINDS.items():
            mention = request.mention(kind)
            if mention.file or mention.named:  # a file given by its name is stronger evidence than a description
                hints[name] = hints.get(name, 0.0) + (NAMED_BONUS if mention.named else FILE_BONUS)
        if PICTURE_SETTINGS.search(text):  # "20 steps", "seed 42": only pictures are made with those
            hints["generate_image"] = hints.get("generate_image", 0.0) + FILE_BONUS
        route = self.router.route(text, {k: v for k, v in hints.items() if k in self.tools})
        tool: str | None = route.tool
        if tool is None and self.probe is not None:  # no tool asked for: do the user's own files answer it?
            found = self.probe(text)
            tool = _PROBED.get(found or "")
            tool = tool if tool in self.tools else None
        if tool == "transcribe_audio" and "search_knowledge" in self.tools and (about := said_about(text)):
            # "what was said in the standup about the database": the moment it was said, not the whole recording
            query = topic(about)
            if query:
                plan = Plan("search_knowledge", route=route, arguments={"query": query, "kind": "audio"})
                plan.seconds = time.perf_counter() - started
                return plan
        plan = Plan(tool, route=route)
        if tool is not None and tool in FILLERS:
            filled = FILLERS[tool](request)
            if isinstance(filled, Missing) and tool != "search_knowledge" and self.probe is not None and (
                    found := self.probe(text, True)) and (instead := _PROBED.get(found, "")) in self.tools:
                # no such file, but the folder's own words answer it ("When is the shed being painted?" is
                # no picture when a recording says when): a search or PDF look-up, not "I couldn't find"
                tool, filled = instead, FILLERS[instead](request)
                plan = Plan(tool, route=route)
            if isinstance(filled, Missing):
                plan = Plan(None, reply=filled.reason, route=route)
            else:
                plan.arguments = filled
                plan.verbatim = tool == "transcribe_audio" or (tool == "lookup_pdf" and "pages" in filled
                                                                and "question" not in filled)
        plan.seconds = time.perf_counter() - started
        return plan

    def _closest(self, description: str, files: Sequence[str]) -> str | None:
        """The file whose name means what the description says, if one is close enough (by the router's
        embedder: "coffee machine" finds espresso-machine.pdf, "washing machine" does not)."""
        if not files or len(files) > MAX_NAMES_BY_MEANING:
            return None
        embedder = self.router.embedder
        missing = [f for f in files if f not in self._name_vectors]
        if missing:
            vectors = embedder.embed([" ".join(words_of(PurePosixPath(f).stem)) for f in missing], kind="document")
            self._name_vectors.update(zip(missing, np.asarray(vectors, dtype=np.float32)))
        query = np.asarray(embedder.embed([description], kind="query"), dtype=np.float32)[0]
        scores = [float(self._name_vectors[f] @ query) for f in files]
        best = int(np.argmax(scores))
        return files[best] if scores[best] >= SAME_MEANING else None


_PROBED = {"pdf": "lookup_pdf", "text": "search_knowledge"}  # what the probe found -> the tool that reads it
_SAID = re.compile(r"\b(?:say|said|talk|talked|mention|mentioned|discuss|discussed)\b", re.I)
_ABOUT = re.compile(r"\babout\s+", re.I)


def said_about(text: str) -> str | None:
    """What "what was said in the standup about the database" asks about: what follows the last "about" after
    one of the verbs, to the end, trailing punctuation dropped; None when there is none, or when a comma or
    semicolon comes after it ("... about the shed, and when?"). Each step is one pass over the text (one
    pattern, `verb.*about([^,;]+?)\\W*$`, tried every verb against every "about": quadratic)."""
    text = " ".join(text.split())
    end = len(text)
    while end and not (text[end - 1].isalnum() or text[end - 1] == "_"):  # after the last word character
        end -= 1
    said = _SAID.search(text)
    if said is None:
        return None
    start = max(said.end(), text.rfind(",", 0, end) + 1, text.rfind(";", 0, end) + 1)
    about: re.Match[str] | None = None
    for about in _ABOUT.finditer(text, start):
        pass
    if about is None or about.end() >= end:
        return None
    return text[about.end():end]


def planner_for(manager, tools: Mapping[str, Any], context) -> Planner:
    """The agent's planner: the router on the text embedder (in numpy when it is a BERT sentence model, so a
    new process does not wait for torch), the knowledge folder's files, a probe of its index."""
    from ..knowledge.catalog import Catalog
    from .encoder import NumpySentenceEncoder
    from .probe import probe

    settings = context.settings
    catalogs: list[Catalog] = []

    def answered_by_knowledge(text: str, strict: bool = False) -> str | None:
        path = settings.index_dir / "catalog.sqlite"
        try:
            if not catalogs:
                if not path.is_file():  # nothing indexed yet
                    return None
                catalogs.append(Catalog(path, read_only=True))
            return probe(catalogs[0], text, strict)
        except Exception:  # an index that cannot be read: the request simply gets no tool
            log.debug("knowledge probe failed", exc_info=True)
            return None

    found = manager.locate("text_embed")
    encoder = NumpySentenceEncoder(found.path) if found.ready and found.path is not None and \
        NumpySentenceEncoder.supports(found.path) else manager.get("text_embed")
    return Planner(ToolRouter(encoder, tools), FolderFiles(settings.knowledge_dir, skip=(settings.data_dir,)), tools,
                   answered_by_knowledge)
