"""Arguments for a routed tool, read from the request itself: what to search for, which file (resolved
against the knowledge folder's real files), which pages, the picture's prompt, steps, seed and size. What
each argument is, the tool declares (`Tool.routing`, `assistant/routing_hints.py`); `fill` reads them.

`fill` gets the request and what the conversation was about (`Subject`, for "and page 3?" or "now describe
it") and returns the arguments, or a `Missing` reason when the tool cannot run (the file the user means is
not there): that is said plainly, never papered over with a guess.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator, Mapping, Sequence, Set
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..routing_hints import FileArgument, FileKind, Picture, Query, Routing
from ..languages import language_of
from ..words import COMMAND_WORDS, LITTLE_WORDS, PICTURE_WORDS, QUESTION_WORDS, REQUEST_FILLERS
from .files import FileMention, kind_of, resolve, spelled_alike
from .framing import picture_prompt, subject_words

if TYPE_CHECKING:
    from ..tools.registry import Tool

FOLLOW_UP = re.compile(r"\b(it|that|this|them|one|ones|instead|too|also|again|another)\b|^\s*(and|now|what about"
                       r"|how about)\b", re.I)
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
            "eighth": 8, "ninth": 9, "tenth": 10, "erste": 1, "ersten": 1, "zweite": 2, "zweiten": 2, "dritte": 3,
            "dritten": 3, "première": 1, "premiere": 1, "deuxième": 2, "troisième": 3, "primera": 1, "segunda": 2,
            "tercera": 3, "prima": 1, "seconda": 2, "terza": 3}
# Words of a file's description that do not tell which file ("the user manual", "the new guide").
DESCRIPTION_NOISE = frozenset({"user", "users", "owner's", "owners", "instruction", "service", "new", "old"})


@dataclass
class Subject:
    """What the last tool turn was about: its tool, arguments and request, and the files it touched."""
    tool: str | None  # None: the turn was answered without a tool
    arguments: dict[str, Any]
    request: str
    files: list[str] = field(default_factory=list)
    root: str = ""  # the request a chain of follow-ups began with ("When is my physio?"), when this one followed up

    def file_of(self, kind: FileKind) -> str | None:
        return next((f for f in self.files if kind_of(f) == kind), None)


@dataclass(frozen=True)
class Missing:
    """The tool cannot run: the reason, for the user (e.g. no such picture)."""
    reason: str


@dataclass(frozen=True)
class Request:
    text: str
    files: Sequence[str]  # the knowledge folder's files
    subject: Subject | None  # what the previous tool turn was about
    # the file of a kind whose name means the same as a description ("coffee machine" ~ espresso-machine.pdf)
    closest: Callable[[str, Sequence[str]], str | None] = lambda description, files: None
    # a word the user's own files use: a word of its own, not a misspelt file name
    known: Callable[[str], bool] | None = None
    _mentions: dict[str, FileMention] = field(default_factory=dict, repr=False, compare=False)

    @property
    def follow_up(self) -> bool:
        return self.subject is not None and len(self.text.split()) <= 10 and bool(FOLLOW_UP.search(self.text))

    def mention(self, kind: FileKind) -> FileMention:
        if kind not in self._mentions:  # asked by the planner and by the filler: resolved once
            self._mentions[kind] = resolve(self.text, self.files, [kind], self.known)
        return self._mentions[kind]


Filler = Callable[[Request], "dict[str, Any] | Missing"]


def topic(text: str, drop: Set[str] = frozenset()) -> str:
    """The request's subject words, in order: fillers and the phrases said around a subject ("would you mind"),
    question words, command words (misspelt ones too), the little words of the request's language ("ist", "bei",
    "qué", "es") and `drop` removed."""
    words = subject_words(text)
    little = LITTLE_WORDS.get(language_of(text), frozenset())
    kept = [w for w in words if w.lower() not in REQUEST_FILLERS and w.lower() not in drop
            and w.lower() not in _QUESTION_WORDS and w.lower() not in little and not _misspelt_command(w.lower())]
    return " ".join(kept)


_QUESTION_WORDS = QUESTION_WORDS - {"time"}  # ("time tracking" is a subject)


@functools.lru_cache(maxsize=65536)  # a long text says the same words again and again
def _misspelt_command(word: str) -> bool:
    return any(spelled_alike(word, command, 0.85) for command in COMMAND_WORDS)


def spoken_request(text: str) -> str:
    """The request without leading fillers ("um so, like, ...")."""
    return re.sub(r"^(?:\s*\b(?:um+|uh+|erm|er|hmm|so|like|okay|ok|well|hey)\b[\s,.]*)+", "", text, flags=re.I).strip()


def fill(tool: Tool, request: Request) -> dict[str, Any] | Missing:
    """The arguments of `tool` for the request, as its routing hints describe them (`Tool.routing`)."""
    routing = tool.routing
    if routing is None:
        raise ValueError(f"{tool.name} declares no routing hints: the model fills in its arguments")
    if routing.query is not None:
        return _search(request, routing.query)
    if routing.picture is not None:
        return _picture(request, routing.picture, tool.name)
    return _reading(request, routing)


def routed(tools: Mapping[str, Tool]) -> Iterator[tuple[str, Routing]]:
    """The tools that declare routing hints, with them."""
    for name, tool in tools.items():
        if tool.routing is not None:
            yield name, tool.routing


# -- a search -----------------------------------------------------------------------------------------
def _search(request: Request, query: Query) -> dict[str, Any]:
    words = {w.lower() for w in re.findall(r"\w+", request.text)}
    images = query.kind is not None and bool(words & PICTURE_WORDS)
    found = topic(request.text, PICTURE_WORDS if images else frozenset())
    if not found and request.subject is not None:  # "search for that in my notes too"
        found = request.subject.arguments.get(query.argument) or topic(request.subject.request)
    arguments: dict[str, Any] = {query.argument: found or spoken_request(request.text)}
    if images and query.kind is not None:
        arguments[query.kind] = "image"
    return arguments


# -- a reading of a file ------------------------------------------------------------------------------
def _reading(request: Request, routing: Routing) -> dict[str, Any] | Missing:
    spec = routing.file
    subject = request.subject
    file: str | None = None
    if spec is not None:
        mention = request.mention(spec.kind)
        file = mention.file or mention.named  # a named file that is not there is passed on as named: the
        # tool says it is missing
        if file is None and spec.nouns and not request.follow_up and (described := _described(spec.nouns).search(
                request.text)):
            what = topic(described.group(1), DESCRIPTION_NOISE)
            if what:  # "the washing machine manual": a file named like it, or one whose name means it, else say so
                file = request.closest(what, _of_kind(request.files, spec.kind))
                if file is None:
                    return Missing(f"I couldn't find a {what} {described.group(2).lower()} in your knowledge folder.")
        if file is None and subject is not None and request.follow_up:
            file = subject.file_of(spec.kind)
    pages = page_numbers(request.text) if routing.pages else None
    if spec is not None and pages and file is None and subject is not None:  # "and page 3?"
        file = subject.file_of(spec.kind)
    if spec is not None and file is None and not spec.optional:
        what = topic(request.text, spec.words)
        if what:
            file = request.closest(what, _of_kind(request.files, spec.kind))
        if file is None:
            return Missing(f"I couldn't find a {spec.called} {_of(what)} in your knowledge folder.")
    arguments: dict[str, Any] = {}
    if spec is not None and file is not None and not spec.optional:
        arguments[spec.argument] = file
    if routing.question is not None:
        arguments.update(_question(request, routing, spec, file, pages))
    if spec is not None and file is not None and spec.optional:
        arguments[spec.argument] = file
    if routing.pages is not None and pages:
        arguments[routing.pages] = pages
    if routing.language is not None and (language := _language(request.text)):
        arguments[routing.language] = language
    if routing.question is not None and routing.question not in arguments and (
            not arguments or (routing.pages is not None and routing.pages not in arguments)):
        # no pages to read: the request is the question ("Who wrote the bzip2 manual?")
        arguments[routing.question] = spoken_request(request.text)
    return arguments


def _question(request: Request, routing: Routing, spec: FileArgument | None, file: str | None,
              pages: str | None) -> dict[str, Any]:
    """The request itself as the question, when it says more than which file (and pages); a follow-up about
    another file keeps the last question, for a tool that reads any file of its kind."""
    assert routing.question is not None
    rest = topic(request.text, (spec.words if spec is not None else frozenset()) | frozenset(_file_words(file)))
    if routing.pages is not None:  # numbers and ordinals are pages, not a question
        rest = re.sub(r"\b\d+\b|\b(first|second|third|fourth|fifth|last)\b", "", rest).strip()
    subject = request.subject
    if rest:
        return {routing.question: spoken_request(request.text)}
    if spec is not None and spec.optional and not pages and subject is not None and \
            subject.arguments.get(routing.question):  # "what about the bike one?"
        return {routing.question: subject.arguments[routing.question]}
    return {}


@functools.lru_cache(maxsize=32)
def _described(nouns: tuple[str, ...]) -> re.Pattern[str]:
    """"the|my ... <noun>": a description of one file ("the espresso machine manual")."""
    return re.compile(r"\b(?:the|my|our|this|that)\s+((?:[^\W\d_][\w'-]*\s+){1,3}?)(" +
                      "|".join(re.escape(n) for n in nouns) + r")\b", re.I)


LANGUAGES = {"english": "en", "german": "de", "french": "fr", "spanish": "es", "italian": "it", "portuguese": "pt",
             "dutch": "nl", "japanese": "ja", "chinese": "zh", "russian": "ru", "polish": "pl", "swedish": "sv"}
_LANGUAGE = re.compile(r"\bin (" + "|".join(LANGUAGES) + r")\b", re.I)


def _language(text: str) -> str | None:
    found = _LANGUAGE.search(text)
    return LANGUAGES[found.group(1).lower()] if found else None


# -- a picture ----------------------------------------------------------------------------------------
# (Linear in the request, as every pattern over it must be: no match starts inside a run of spaces, and no two
# spaces-or-nothing (`\s*`) stand side by side, either of which would rescan a long run of spaces again and again.)
_SETTINGS = re.compile(r"(?:[,;]|(?<!\s))\s*(?:and\s+)?(?:make it\s+|with\s+|at\s+|using\s+)?"
                       r"(?:\b\d+\s*(?:steps?|schritte|pasos|étapes)\b|"
                       r"\bseed\s*(?:(?:of|=|:)\s*)?\d+\b|\b\d{2,4}\s*(?:x|×|by|\*)\s*\d{2,4}\b(?:\s*pixels)?|"
                       r"\b\d{2,4}\s*(?:(?:pixels?|px)\s*)?(?:wide|tall|high)\b(?:\s*by\b)?)", re.I)


def _picture(request: Request, picture: Picture, tool: str) -> dict[str, Any]:
    text = spoken_request(request.text)
    arguments: dict[str, Any] = {}
    if (steps := re.search(r"\b(\d+)\s*(?:steps?|schritte|pasos|étapes)\b", text, re.I)):
        arguments[picture.steps] = int(steps.group(1))
    if (seed := re.search(r"\bseed\s*(?:(?:of|=|:)\s*)?(\d+)\b", text, re.I)):
        arguments[picture.seed] = int(seed.group(1))
    if (size := re.search(r"\b(\d{2,4})\s*(?:x|×|by|\*)\s*(\d{2,4})\b", text, re.I)):
        arguments[picture.width], arguments[picture.height] = int(size.group(1)), int(size.group(2))
    for side, words in ((picture.width, "wide|width"), (picture.height, "tall|high|height")):
        if (found := re.search(rf"\b(\d{{2,4}})\s*(?:(?:pixels?|px)\s*)?(?:{words})\b|"
                               rf"\b(?:{words})\s*(?:of\s*)?(\d{{2,4}})\b", text, re.I)):
            arguments[side] = int(found.group(1) or found.group(2))
    prompt = _SETTINGS.sub("", text)
    prompt = re.sub(r"\b(?:and|then)?\s*show (?:it to )?me\b|\bfor me\b", "", prompt, flags=re.I)
    subject = request.subject
    if subject is not None and subject.tool == tool and request.follow_up:  # "make it darker"
        change = re.sub(r"^(?:now|and|ok(?:ay)?|then)?[\s,]*(?:same (?:again|thing|one)|make it|do it|try it|make one|"
                        r"do one|do another(?: one)?|another one)?[\s,]*(?:but\s+)?", "", prompt.strip(), flags=re.I)
        change = re.sub(r"\b(?:instead|too|also|again|please)\b", "", change, flags=re.I)
        change = " ".join(change.split()).strip(" ,.!?")
        base = subject.arguments.get(picture.prompt, "")
        prompt = f"{base}, {change}" if change else base
    else:
        prompt = picture_prompt(prompt)
    arguments[picture.prompt] = prompt or text
    return arguments


def page_numbers(text: str) -> str | None:
    """Pages the request asks for, as the tools take them ('3', '2-5', '1,4')."""
    found = re.search(r"\b(?:pages?|pp?\.?|seite|seiten|página|páginas|pagina|pagine)"
                      r"\s*(\d+(?:\s*(?:-|–|to|and|,|&)\s*\d+)*)", text, re.I)
    if found:
        spec = re.sub(r"\s*(?:-|–|to)\s*", "-", found.group(1))
        return re.sub(r"\s*(?:and|,|&)\s*", ",", spec)
    ordinal = re.search(r"\b(" + "|".join(ORDINALS) + r")\s+(?:page|seite|página|pagina)\b", text, re.I)
    return str(ORDINALS[ordinal.group(1).lower()]) if ordinal else None


def _of(what: str) -> str:
    """"of grandmother" for a short description; a long one (a request in another language, mostly
    unparsed) would be recited back, so "like that"."""
    return f"of {what}" if what and len(what.split()) <= 3 else "like that"


def _of_kind(files: Sequence[str], kind: FileKind) -> list[str]:
    return [f for f in files if kind_of(f) == kind]


def _file_words(name: str | None) -> list[str]:
    return re.findall(r"[^\W_]+", name.lower()) if name else []

