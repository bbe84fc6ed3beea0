"""External MCP servers' tools as the router's candidates (issue 27): a tool `server.tool` is known by its title (or
its name in words, "delete note"), the first sentences of its description, and the requests its server's settings
give (`[mcp_servers.NAME] examples`, in the user's words). Each text is embedded once and kept while the tool (or
example) exists: a server connecting late or changing its list embeds only what is new, never the local tools'
examples again.

Adding a server must not take requests from the local tools or from "no tool", so an external tool is chosen only
when it is clearly the best option (`ExternalRoutes.choose`):

- by its server's examples (they count like a local tool's): the closest one at least EXAMPLE_MIN, above "no tool"
  by the margin a local tool without keywords needs (NO_EVIDENCE_MARGIN), and above every local tool (its keyword
  bonus counted) by LOCAL_MARGIN. Which of the server's tools: each example belongs to the tool whose title or
  description is closest to it, and the tool whose closest example and own words together are closest to the
  request is chosen ("look up my note about the dentist" is `lookup`'s, though "Delete a note." shares a word);
- known only from its title and description (a server's author's words, not the user's): at least DESCRIBED_MIN,
  and DESCRIBED_MARGIN above "no tool" and above every local tool.

Measured on MiniLM: a request in an example's words scores 0.75-0.8 against it, unrelated requests at most 0.42; a
request in a description's words ("delete the note shopping.md" / "Delete a note.") 0.77-0.85, unrelated ones at
most 0.43 ("say hello back to me" / "Say the text back." is 0.43 with "no tool" at 0.53).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

import numpy as np

from .arguments import topic
from .router import NO_EVIDENCE_MARGIN

if TYPE_CHECKING:
    from ..roles import TextEmbedder

EXAMPLE_MIN = 0.50  # a server's example this close to the request (cosine) speaks for the server
EXAMPLE_MARGIN = NO_EVIDENCE_MARGIN  # ... and above "no tool" by what a local tool without keywords needs
LOCAL_MARGIN = 0.10  # ... and above every local tool by this much
DESCRIBED_MIN = 0.55  # a tool known only from its own words: its title or description at least this close
DESCRIBED_MARGIN = 0.25  # ... and this far above "no tool" and every local tool
DESCRIPTION_SENTENCES = 2
MAX_TEXT = 300  # characters of a description embedded
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_FILE_NAME = re.compile(r"(?<![\w/.-])[\w~./-]*\w\.[A-Za-z][A-Za-z0-9]{0,4}(?![\w/])")  # "shopping.md", "a/b.txt"


@dataclass(frozen=True)
class ExternalCandidate:
    """One external tool as the router knows it."""

    name: str  # "server.tool"
    server: str
    described: tuple[str, ...]  # its title (or name in words) and the first sentences of its description


@dataclass(frozen=True)
class ExternalChoice:
    name: str
    score: float
    by: Literal["examples", "description"]


def described(tool: str, title: str | None, description: str) -> tuple[str, ...]:
    """The texts a tool is known by: its title, its name in words, the first sentences of its description."""
    lead = " ".join(_SENTENCE_END.split(" ".join(description.split()))[:DESCRIPTION_SENTENCES])[:MAX_TEXT]
    texts = [title or "", tool.replace("_", " ").replace("-", " "), lead]
    return tuple(dict.fromkeys(t.strip() for t in texts if t.strip()))


class ExternalRoutes:
    """The external tools the router may choose, refreshed as their servers come and go (`update`)."""

    def __init__(self, embedder: TextEmbedder):
        self.embedder = embedder
        self._vectors: dict[str, np.ndarray] = {}  # text -> its vector, kept while a tool or example says it
        self._tools: dict[str, tuple[str, np.ndarray]] = {}  # name -> (server, its texts' vectors)
        self._servers: dict[str, np.ndarray] = {}  # server -> its examples' vectors
        self._owners: dict[str, list[str]] = {}  # server -> the tool each of its examples is closest to
        self._lock = threading.Lock()

    def __bool__(self) -> bool:
        return bool(self._tools)

    def update(self, candidates: Sequence[ExternalCandidate], examples: Mapping[str, Sequence[str]]) -> None:
        """The candidates now (and their servers' examples); only texts not seen before are embedded."""
        servers = {c.server for c in candidates}
        wanted = [t for c in candidates for t in c.described]
        wanted += [t for server in servers for t in examples.get(server, ()) if t.strip()]
        with self._lock:
            missing = list(dict.fromkeys(t for t in wanted if t not in self._vectors))
            if missing:
                vectors = np.asarray(self.embedder.embed(missing, kind="query"), dtype=np.float32)
                self._vectors.update(zip(missing, vectors))
            self._vectors = {t: self._vectors[t] for t in dict.fromkeys(wanted)}
            self._tools = {c.name: (c.server, np.stack([self._vectors[t] for t in c.described]))
                           for c in candidates if c.described}
            self._servers = {s: np.stack([self._vectors[t] for t in examples[s] if t.strip()])
                             for s in servers if any(t.strip() for t in examples.get(s, ()))}
            self._owners = {s: [max((n for n, (owner, _) in self._tools.items() if owner == s),
                                    key=lambda n: float(np.max(self._tools[n][1] @ row))) for row in matrix]
                            for s, matrix in self._servers.items()}

    def choose(self, vector: np.ndarray, scores: Mapping[str | None, float]) -> ExternalChoice | None:
        """The external tool for the request whose embedding is `vector`, given the local options' `scores`
        (the router's: "no tool" under None); None when none is clearly better than them."""
        with self._lock:
            tools, servers, owners = dict(self._tools), dict(self._servers), dict(self._owners)
        no_tool = scores.get(None, -1.0)
        local = max((v for k, v in scores.items() if k is not None), default=-1.0)
        own = {name: float(np.max(matrix @ vector)) for name, (_, matrix) in tools.items()}
        choices: list[ExternalChoice] = []
        for server, matrix in servers.items():
            similarity = (matrix @ vector).tolist()
            score = max(similarity)
            if score >= EXAMPLE_MIN and score - no_tool >= EXAMPLE_MARGIN and score - local >= LOCAL_MARGIN:
                closest: dict[str, float] = {}  # each tool's closest example
                for owner, value in zip(owners[server], similarity):
                    closest[owner] = max(closest.get(owner, 0.0), value)
                name = max((n for n, (s, _) in tools.items() if s == server),
                           key=lambda n: closest.get(n, 0.0) + own[n], default=None)
                if name is not None:
                    choices.append(ExternalChoice(name, score, "examples"))
        for name, score in own.items():
            if score >= DESCRIBED_MIN and score - max(no_tool, local) >= DESCRIBED_MARGIN:
                choices.append(ExternalChoice(name, score, "description"))
        return max(choices, key=lambda c: c.score, default=None)


def words_arguments(parameters: Mapping[str, Any], text: str, own_words: Sequence[str] = ()) -> dict[str, Any]:
    """The arguments of a tool whose only parameter is a string, read from the request: a file name it gives
    ("shopping.md") as it is, else its subject words (less the tool's own words, `own_words`); {} for any other
    schema, or when nothing is left (the model fills those)."""
    properties = parameters.get("properties") or {}
    if len(properties) != 1:
        return {}
    ((key, spec),) = properties.items()
    if not isinstance(spec, Mapping) or spec.get("type") != "string" or spec.get("enum"):
        return {}
    named = _FILE_NAME.findall(text)
    value = named[0] if named else topic(text, frozenset(w.lower() for w in own_words))
    return {key: value} if value.strip() else {}


def named_files(text: str) -> list[str]:
    """The file names a request gives ("delete notes/shopping.md"): the only paths a model may fill in."""
    return _FILE_NAME.findall(text)
