"""Which tool a request needs, decided in milliseconds by meaning: the request's embedding against example
requests for each tool (`Tool.examples`) and for answering without one (`NO_TOOL_EXAMPLES`).

A small chat model chooses among five tools from free text at about chance (measured on the embedded
Qwen2.5-Coder-0.5B, bench/tool_eval.py); a sentence embedder that is loaded anyway, compared with a few
dozen phrasings per tool, does far better and costs a few milliseconds. Each choice is scored by the
mean similarity of its closest examples; a request close to nothing gets no tool.
"""

from __future__ import annotations

import functools
import hashlib
import os
import re
import threading
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from ..words import LEAD_INS
from .files import spelled_alike

if TYPE_CHECKING:
    from ..roles import TextEmbedder
    from ..tools.registry import Tool

# Requests answered without a tool: conversation, general knowledge, advice (arithmetic, units and dates have
# tools of their own).
NO_TOOL_EXAMPLES = (
    "hello how are you", "what is the capital of Italy", "tell me a joke", "thank you",
    "explain gravity", "who wrote Hamlet", "translate hello into French", "good night",
    "what's the weather usually like in spring", "how do I boil an egg", "give me a synonym for happy",
    "what year did the Berlin wall fall", "how far is the moon", "recommend a good book", "what can you do",
    "I'm feeling tired today", "write a short poem about autumn", "how does a rainbow form",
    "what is a good packing list for a weekend trip", "bye",
    "okay", "yes please", "no thanks", "who are you", "what's the difference between a virus and bacteria",
    "hola, ¿qué tal?", "quelle est la capitale de l'Espagne", "grazie mille",
    # near misses: they share words with tools but need none
    "how do I take better photos with my phone", "what's the best way to learn to draw faces",
    "how do I find the square root of a number", "write a python function to search a list",
    "who painted the sistine chapel", "when was the first song recorded", "what does the word ephemeral mean",
    "make a shopping list for a dinner party", "write an email to my boss asking for a day off",
    "give me ideas for my daughter's birthday", "how do I search faster on google",
    "what's a good camera for beginners", "describe the water cycle", "how do microphones work",
    "describe the history of Rome", "describe how an engine works", "describe the causes of the first world war",
    "describe a typical day in ancient Egypt", "describe the taste of coffee",
    "create a workout plan for me", "make a plan for my week", "what should I name my cat",
    "is it going to be cold tomorrow", "how long should I rest between sets", "summarise the plot of Hamlet",
    "what's a good recipe with chickpeas", "how do I record my screen on a mac",
    "cuál es la capital de Portugal", "explique-moi la photosynthèse", "erzähl mir einen Witz",
    # about the user's own plans, not the calendar (their notes may say: the index is probed)
    "what time is my haircut", "what day is the meeting", "what time does the party start",
    "how many days until my birthday", "what time is Anna coming on Friday",
)

TOP_K = 2  # a choice's score: the mean similarity of its closest examples
MIN_SCORE = 0.30  # below this for every tool: no tool
KEYWORD_BONUS = 0.25  # added to a tool's score when the request holds one of its keywords
NO_EVIDENCE_MARGIN = 0.15  # a tool no keyword or hint asks for must beat "no tool" by this much
TYPO_RATIO = 0.8  # a word this close to a keyword (difflib ratio, words of 5+ letters) counts as it
SHORT_TYPO_RATIO = 0.88  # the same for a 4-letter word ("imge" ~ "image")
MAX_GAP = 4  # words allowed where a keyword says "..."
MAX_END_GAP = 12  # ... and before a last piece that ends the request ("ein Bild von ... malen$")


@dataclass(frozen=True)
class Route:
    tool: str | None  # None: answer without a tool
    score: float  # the chosen option's score (cosine similarity, -1..1)
    scores: Mapping[str | None, float]  # every option's score, for explaining and tests


class ToolRouter:
    def __init__(self, embedder: TextEmbedder, tools: Mapping[str, Tool],
                 no_tool_examples: Sequence[str] = NO_TOOL_EXAMPLES, cache: Path | None = None,
                 model: str = ""):
        self.embedder = embedder
        self.cache = cache  # a folder where the examples' vectors are kept between processes
        self.model = model  # the embedder's identity, part of the cached vectors' key
        self._examples: list[tuple[str | None, str]] = [
            (name, text) for name, tool in tools.items() for text in tool.examples]
        self._examples += [(None, text) for text in no_tool_examples]
        self._labels = [label for label, _ in self._examples]
        self._keywords = {name: tool.keywords for name, tool in tools.items()}
        self._matrix: np.ndarray | None = None
        self._lock = threading.Lock()
        self._last: tuple[str, np.ndarray] | None = None  # the last request's embedding (external tools use it too)

    def warm(self) -> None:
        """Embed the examples now (otherwise on the first request)."""
        self._examples_matrix()

    def _examples_matrix(self) -> np.ndarray:
        with self._lock:
            if self._matrix is None:
                texts = [text for _, text in self._examples]
                saved = self._saved(texts)
                if saved is not None and saved.is_file():
                    try:
                        self._matrix = np.load(saved)
                    except (OSError, ValueError):  # a damaged file: embedded again below
                        self._matrix = None
                if self._matrix is None or self._matrix.shape[0] != len(texts):
                    self._matrix = np.asarray(self.embedder.embed(texts, kind="query"), dtype=np.float32)
                    if saved is not None:
                        _save(saved, self._matrix)
            return self._matrix

    def _saved(self, texts: list[str]) -> Path | None:
        """Where the examples' vectors are kept: a file named by the embedder and the examples (a new example or
        another embedder is another file), so a new process does not embed them again (about 2 s here)."""
        if self.cache is None:
            return None
        key = hashlib.sha256("\n".join([self.model, *texts]).encode()).hexdigest()[:24]
        return self.cache / f"router-examples-{key}.npy"

    def route(self, request: str, hints: Mapping[str, float] | None = None, exclude: Collection[str] = ()) -> Route:
        """The best option for `request`; `hints` add to tools' scores (evidence the caller has, such as
        the kind of file the request names); the tools in `exclude` are not options (the request lacks what
        they need)."""
        matrix = self._examples_matrix()
        similarity = matrix @ self.vector(request)
        by_label: dict[str | None, list[float]] = {}
        for label, value in zip(self._labels, similarity.tolist()):
            by_label.setdefault(label, []).append(value)
        scores = {label: float(np.mean(sorted(values, reverse=True)[:TOP_K])) for label, values in by_label.items()}
        evidence = self.keyworded(request)
        for name in evidence:
            scores[name] += KEYWORD_BONUS
        for name, bonus in (hints or {}).items():
            if name in scores:
                scores[name] += bonus
                evidence.add(name)
        for name in exclude:
            scores.pop(name, None)
            evidence.discard(name)
        best = max(scores, key=lambda label: scores[label])
        if best is not None and (scores[best] < MIN_SCORE or (
                best not in evidence and scores[best] - scores.get(None, -1.0) < NO_EVIDENCE_MARGIN)):
            best = None
        return Route(best, scores[best], scores)

    def vector(self, request: str) -> np.ndarray:
        """The request's embedding (the last one kept: the external tools' choice reads it too)."""
        last = self._last
        if last is None or last[0] != request:
            last = (request, np.asarray(self.embedder.embed([request], kind="query"), dtype=np.float32)[0])
            self._last = last
        return last[1]

    def keyworded(self, request: str) -> set[str]:
        """The tools one of whose keywords the request holds."""
        words = _words(request)
        return {name for name, keywords in self._keywords.items() if any(mentions(words, k) for k in keywords)}


# Elided articles and pronouns ("l'enregistrement", "un'immagine", "d'une"): the word is what follows.
_ELIDED = re.compile(r"^(?:l|d|j|m|n|s|t|c|qu|un|dell|all|nell|sull|dall)'(?=\w)")


def _words(text: str) -> list[str]:
    return [_ELIDED.sub("", w) for w in re.findall(r"[\w']+", text.lower().replace("’", "'"))]


def mentions(words: Sequence[str], keyword: str) -> bool:
    """Whether the words hold `keyword`. A keyword is words in a row ("look at"); "a ... b" lets up to four
    words stand between; a word ending in "*" is a word start ("transcri*"); a leading "^" means at the
    start of the request, after lead-ins like "could you please" (a command, not "who painted ..."); "a|b"
    is either word (spelt exactly); a trailing "$" on a keyword of two pieces or more means its last piece ends
    the request, with up to MAX_END_GAP words before it ("ein Bild von ... malen$"). A close misspelling of a word
    of five or more letters counts as it."""
    at_start, at_end = keyword.startswith("^"), keyword.endswith("$")
    pieces = [piece.split() for piece in keyword.strip("^$").lower().split("...")]
    first = next((i for i, w in enumerate(words) if w not in LEAD_INS), len(words))
    starts = [first] if at_start else range(len(words))
    return any(_pieces_at(words, pieces, i, at_end) for i in starts)


def _pieces_at(words: Sequence[str], pieces: list[list[str]], i: int, at_end: bool = False) -> bool:
    for n, piece in enumerate(pieces):
        if n > 0 and at_end and n == len(pieces) - 1:  # the last piece ends the request, a sentence's length away
            last = len(words) - len(piece)
            return i <= last <= i + MAX_END_GAP and _run_at(words, piece, last)
        if n > 0:  # the next piece within the gap
            found = next((j for j in range(i, min(i + MAX_GAP + 1, len(words))) if _run_at(words, piece, j)), None)
            if found is None:
                return False
            i = found
        elif not _run_at(words, piece, i):
            return False
        i += len(piece)
    return True


def _run_at(words: Sequence[str], run: list[str], i: int) -> bool:
    return i + len(run) <= len(words) and all(_word_is(words[i + k], key) for k, key in enumerate(run))


def _word_is(word: str, key: str) -> bool:
    if "|" in key:  # one of several words ("make|create")
        return word in _alternatives(key)  # exactly: among a hundred words, some misspelling is always close
    if key.endswith("*"):
        stem = key[:-1]
        return word.startswith(stem) or (len(stem) >= 5 and _close(word[: len(stem)], stem))
    return word == key or (len(key) >= 5 and _close(word, key))


@functools.lru_cache(maxsize=64)
def _alternatives(key: str) -> frozenset[str]:
    return frozenset(key.split("|"))


def _close(word: str, key: str) -> bool:
    """A misspelling of `key` (5+ letters): close by difflib's ratio; a 4-letter word must be closer ("imge")."""
    if key.startswith(word) or word.startswith(key):
        return False  # another form of the word ("find" is not a misspelt "finde")
    return spelled_alike(word, key, TYPO_RATIO if len(word) >= 5 else SHORT_TYPO_RATIO)


def _save(path: Path, matrix: np.ndarray) -> None:
    """Written whole or not at all (a temporary file, then renamed); a folder that cannot be written is no error."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(f".{os.getpid()}.part")
        with open(partial, "wb") as out:
            np.save(out, matrix)
        os.replace(partial, path)
    except OSError:
        pass
