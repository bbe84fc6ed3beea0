"""Route, then fill: the tool a request needs (`ToolRouter`) and its arguments (`arguments.fill`), in
milliseconds and without the chat model. The agent uses it for small models (`PromptPolicy.tool_routing`).

A request that refers back ("now describe it", "and page 3?") leans towards the last turn's tool and takes
its file from there; a request whose file resolves (named or described) leans towards the tool for that
kind of file. What each tool takes and does, it declares (`Tool.routing`): nothing here names a tool.
"""

from __future__ import annotations

import functools
import logging
import re
import time
from collections.abc import Callable, Mapping, Sequence, Set
from pathlib import PurePosixPath
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from ..languages import language_of
from ..routing_hints import Routing
from .arguments import Missing, Request, Subject, fill, routed, topic
from .external import ExternalCandidate, ExternalRoutes, described, words_arguments
from .files import FolderFiles, asks_for, kind_of, words_of
from .router import KEYWORD_BONUS, MIN_SCORE, Route, ToolRouter

if TYPE_CHECKING:
    from ..tools.registry import Tool

log = logging.getLogger(__name__)

FOLLOW_UP_BONUS = 0.2  # a follow-up leans towards the previous turn's tool
FILE_BONUS = 0.15  # a request describing a file of a tool's kind leans towards that tool
NAMED_BONUS = 0.3  # ... and one giving its file name ("standup.wav") more
MAX_NAMES_BY_MEANING = 2000  # more files of a kind than this: names are matched by their words only
SAME_MEANING = 0.55  # a description this close (MiniLM cosine) to a file's name means that file
SIGNAL_BONUS = KEYWORD_BONUS  # a request matching a tool's declared signal pattern leans towards it as a keyword does
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
    def __init__(self, router: ToolRouter, files: FolderFiles, tools: Mapping[str, Tool],
                 probe: Callable[..., str | None] | None = None,
                 document_counts: Callable[..., tuple[dict[str, int], int]] | None = None):
        self.router = router
        self.files = files
        self.tools = tools
        self.probe = probe  # "pdf"/"text" when the knowledge folder answers a request (routing.probe)
        # how many of the index's chunks hold each word, and how many there are (how rare a word is there)
        self.document_counts = document_counts or (lambda words, kinds=None, named=False, near=False: ({w: 0 for w in words}, 0))
        self._name_vectors: dict[str, np.ndarray] = {}
        self.external: ExternalRoutes | None = None  # external MCP servers' tools (`use_external`)
        self._external_parameters: dict[str, tuple[dict[str, Any], tuple[str, ...]]] = {}

    def use_external(self, tools: Mapping[str, Tool], examples: Mapping[str, Sequence[str]]) -> None:
        """The external tools the router may choose now (`server.tool`, from their title and description) and
        their servers' examples; called as each turn begins (a text is embedded once, when first seen)."""
        if self.external is None:
            if not tools:
                return
            self.external = ExternalRoutes(self.router.embedder)
        candidates = []
        for name, tool in tools.items():
            server, _, own = name.partition(".")
            candidates.append(ExternalCandidate(name, server, described(own, tool.title, tool.description)))
        self.external.update(candidates, examples)
        self._external_parameters = {name: (tool.parameters, (*name.replace("_", " ").replace(".", " ").split(),
                                                              *(tool.title or "").lower().split()))
                                     for name, tool in tools.items()}

    def warm(self) -> None:
        """Do the first request's one-off work now: embed the examples, read the folder's file names, open
        the index the probe reads. (File names are embedded when a description first needs them.)"""
        self.router.warm()
        self.files.names()
        if self.probe is not None:
            self.probe("warm-up")

    def plan(self, text: str, subject: Subject | None = None) -> Plan:
        started = time.perf_counter()
        request = Request(text, self.files.names(), subject, self._closest, self._known)
        declared = dict(routed(self.tools))
        hints = _evidence(request, declared, self.router.keyworded(text))
        unfit = {name for name, r in declared.items() if (r.needs and not _pattern(r.needs).search(text)) or (
            r.not_for and _pattern(r.not_for).search(text))}
        route = self.router.route(text, {k: v for k, v in hints.items() if k in self.tools}, exclude=unfit)
        if self.external:  # an external server's tool, when it is clearly the best (routing/external.py)
            chosen = self.external.choose(self.router.vector(text), route.scores)
            if chosen is not None and chosen.name in self._external_parameters:
                parameters, own = self._external_parameters[chosen.name]
                scores = {**route.scores, chosen.name: chosen.score}
                plan = Plan(chosen.name, words_arguments(parameters, text, own), route=Route(chosen.name, chosen.score,
                                                                                          scores))
                plan.seconds = time.perf_counter() - started
                return plan
        tool: str | None = route.tool
        if tool is None and self.probe is not None:  # no tool asked for: do the user's own files answer it?
            tool = _answering(declared, self.probe(text))
        searcher = next(((name, r.query) for name, r in declared.items() if r.query and r.query.kind), None)
        reads = declared.get(tool or "")
        if reads is not None and reads.file is not None and reads.file.kind == "audio" and searcher is not None \
                and (about := said_about(text)):
            # "what was said in the standup about the database": the moment it was said, not the whole recording
            query = topic(about)
            if query:
                name, spec = searcher
                plan = Plan(name, route=route, arguments={spec.argument: query, str(spec.kind): "audio"})
                plan.seconds = time.perf_counter() - started
                return plan
        plan = Plan(tool, route=route)
        if tool is not None and tool in declared:
            filled = fill(self.tools[tool], request)
            if isinstance(filled, Missing) and self.probe is not None and (found := self.probe(text, True)) and (
                    instead := _answering(declared, found)) is not None:
                # no such file, but the folder's own words answer it ("When is the shed being painted?" is
                # no picture when a recording says when): a search or PDF look-up, not "I couldn't find"
                tool, filled = instead, fill(self.tools[instead], request)
                plan = Plan(tool, route=route)
            if isinstance(filled, Missing) and not _names_the_kind(declared[tool], text):
                # no such file, and the request never asked for one ("What is the population of Tokyo?" scored
                # nearest to describing a picture): a guess of the router's, not "I couldn't find a picture"
                plan = Plan(None, route=route)
            elif isinstance(filled, Missing):
                plan = Plan(None, reply=filled.reason, route=route)
            else:
                plan.arguments = filled
                plan.verbatim = _read_out(declared[tool], filled)
        plan.seconds = time.perf_counter() - started
        return plan

    def instead(self, text: str, plan: Plan, tried: Set[str], subject: Subject | None = None) -> Plan | None:
        """Another computing tool for a request `plan.tool` could not read (neither the calculator nor the clock
        reads "how many minutes from 17:45 to 19:00?" alike): the router's next choice among the tools that take
        no file, no picture and no search, not `tried`, whose needs the request meets and which it scored as likely
        as no tool; None when there is none."""
        if plan.route is None:
            return None
        declared = dict(routed(self.tools))
        no_tool = plan.route.scores.get(None, MIN_SCORE)
        for name, score in sorted(((n, v) for n, v in plan.route.scores.items() if n is not None),
                                  key=lambda item: -item[1]):
            routing = declared.get(name)
            if name in tried or routing is None or routing.file is not None or routing.picture is not None or \
                    routing.query is not None or score < min(no_tool, MIN_SCORE) or (
                        routing.needs and not _pattern(routing.needs).search(text)) or (
                        routing.not_for and _pattern(routing.not_for).search(text)):
                continue
            filled = fill(self.tools[name], Request(text, self.files.names(), subject, self._closest, self._known))
            if not isinstance(filled, Missing):
                return Plan(name, filled, route=plan.route, verbatim=_read_out(routing, filled))
        return None

    def _known(self, word: str) -> bool:
        """The user's notes or recordings use the word: it is one of their words, not a misspelt file name."""
        return bool(self.document_counts([word], ("text", "audio"))[0].get(word))

    def lookup(self, text: str, also: str = "") -> Plan | None:
        """A search of the user's files for the request's subject words (and `also`'s: the request it follows
        up), for a question about the user's own world that asked for no tool; None without a search tool."""
        searcher = next(((name, r.query) for name, r in routed(self.tools) if r.query is not None), None)
        query = " ".join(dict.fromkeys(f"{topic(also)} {topic(text)}".split()))
        if searcher is None or not query:
            return None
        name, spec = searcher
        return Plan(name, arguments={spec.argument: query})

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


def _evidence(request: Request, declared: Mapping[str, Routing], keyworded: Set[str] = frozenset()) -> dict[str, float]:
    """What the request says for each tool besides its words' meaning: it refers back to the last turn's tool
    (or, after a search, to the kind of file found), it names a file of a tool's kind or describes one while
    asking for such a file (`keyworded`: the tools whose keywords it holds), it gives picture settings."""
    subject = request.subject
    hints: dict[str, float] = {}
    if request.follow_up and subject is not None and subject.tool is not None and not keyworded - {subject.tool}:
        # (one that asks for another tool by its words does not lean back: "and in psi?" after a manual's page
        # is no new look-up, even where that tool cannot run for want of an amount)
        hints[subject.tool] = FOLLOW_UP_BONUS
        last = declared.get(subject.tool)
        if last is not None and last.query is not None and subject.files:
            # "what's the total on it?" after a search: "it" is what was found, so the tool for its kind
            it = kind_of(subject.files[0])
            hints.update({name: FOLLOW_UP_BONUS for name, r in declared.items() if r.file and r.file.kind == it})
    for name, r in declared.items():
        mention = request.mention(r.file.kind) if r.file is not None else None
        if mention is None or r.file is None:
            continue
        if mention.named:  # a file given by its name is stronger evidence than a description
            hints[name] = hints.get(name, 0.0) + NAMED_BONUS
        elif mention.file and (name in keyworded or asks_for(request.text, r.file.kind, (*r.file.words, *r.file.nouns))):
            # described, and asked for: "the memo from Marek", not "how much did Marek quote?"
            hints[name] = hints.get(name, 0.0) + FILE_BONUS
    for name, r in declared.items():  # what a tool declares asks for it: "17*23", "15%"
        if r.signal and _pattern(r.signal).search(request.text):
            hints[name] = hints.get(name, 0.0) + SIGNAL_BONUS
    if PICTURE_SETTINGS.search(request.text):  # "20 steps", "seed 42": only pictures are made with those
        for name in (name for name, r in declared.items() if r.picture is not None):
            hints[name] = hints.get(name, 0.0) + FILE_BONUS
    return hints


@functools.lru_cache(maxsize=64)
def _pattern(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.I)


def _names_the_kind(routing: Routing, text: str) -> bool:
    """The request says a word of the tool's kind of file or of asking for it ("photo", "describe", "recording"); a
    request in another language is taken to (those words are mostly English: "¿Me puedes transcribir la nota de
    voz?" is looked for again under its English words)."""
    return routing.file is None or language_of(text) != "en" or bool(
        {w.lower() for w in re.findall(r"[^\W\d_]+", text)} & routing.file.words)


def _answering(declared: Mapping[str, Routing], found: str | None) -> str | None:
    """The tool that reads what the knowledge probe found ("pdf", "text"), if one is here."""
    return next((name for name, r in declared.items() if found and found in r.answers), None)


def _read_out(routing: Routing, arguments: Mapping[str, object]) -> bool:
    """Whether the result is the answer as it is (a transcript, pages asked for), not the model's summary."""
    if routing.read_out == "pages":
        return routing.pages in arguments and routing.question not in arguments
    return routing.read_out == "always"


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


def planner_for(manager, tools: Mapping[str, Tool], context) -> Planner:
    """The agent's planner: the router on the text embedder (in numpy when it is a BERT sentence model, so a
    new process does not wait for torch), the knowledge folder's files, a probe of its index."""
    from ..knowledge.catalog import Catalog
    from ..sentence_encoder import query_encoder
    from .probe import probe

    settings = context.settings
    catalogs: list[Catalog] = []

    def catalog() -> Catalog | None:
        path = settings.index_dir / "catalog.sqlite"
        if not catalogs:
            if not path.is_file():  # nothing indexed yet
                return None
            catalogs.append(Catalog(path, read_only=True))
        return catalogs[0]

    def answered_by_knowledge(text: str, strict: bool = False) -> str | None:
        try:
            index = catalog()
            return probe(index, text, strict) if index is not None else None
        except Exception:  # an index that cannot be read: the request simply gets no tool
            log.debug("knowledge probe failed", exc_info=True)
            return None

    def document_counts(words: Sequence[str], kinds: Sequence[str] | None = None,
                        named: bool = False, near: bool = False) -> tuple[dict[str, int], int]:
        try:
            index = catalog()
            if index is not None:
                return index.document_counts(words, kinds, named, near)
        except Exception:
            log.debug("document counts failed", exc_info=True)
        return {w: 0 for w in words}, 0

    router = ToolRouter(query_encoder(manager), tools, cache=settings.data_dir / "cache",
                        model=str(manager.spec("text_embed").source))
    return Planner(router, FolderFiles(settings.knowledge_dir, skip=(settings.data_dir,)), tools,
                   answered_by_knowledge, document_counts)
