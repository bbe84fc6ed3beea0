"""Arguments for a routed tool, read from the request itself: what to search for, which file (resolved
against the knowledge folder's real files), which pages, the picture's prompt, steps, seed and size.

Each filler gets the request and what the conversation was about (`Subject`, for "and page 3?" or
"now describe it") and returns the arguments, or a `Missing` reason when the tool cannot run (the file
the user means is not there): that is said plainly, never papered over with a guess.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence, Set
from dataclasses import dataclass, field
from typing import Any

from ..words import COMMAND_WORDS, PICTURE_WORDS, REQUEST_FILLERS
from .files import FileKind, FileMention, kind_of, resolve, spelled_alike

DESCRIBE_WORDS = frozenset("describe describing beschreibe beschreib décris decris descrivi".split())
FOLLOW_UP = re.compile(r"\b(it|that|this|them|one|ones|instead|too|also|again|another)\b|^\s*(and|now|what about"
                       r"|how about)\b", re.I)
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
            "eighth": 8, "ninth": 9, "tenth": 10, "erste": 1, "ersten": 1, "zweite": 2, "zweiten": 2, "dritte": 3,
            "dritten": 3, "première": 1, "premiere": 1, "deuxième": 2, "troisième": 3, "primera": 1, "segunda": 2,
            "tercera": 3, "prima": 1, "seconda": 2, "terza": 3}


@dataclass
class Subject:
    """What the last tool turn was about: its tool, arguments and request, and the files it touched."""
    tool: str | None  # None: the turn was answered without a tool
    arguments: dict[str, Any]
    request: str
    files: list[str] = field(default_factory=list)

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
    _mentions: dict[str, FileMention] = field(default_factory=dict, repr=False, compare=False)

    @property
    def follow_up(self) -> bool:
        return self.subject is not None and len(self.text.split()) <= 10 and bool(FOLLOW_UP.search(self.text))

    def mention(self, kind: FileKind) -> FileMention:
        if kind not in self._mentions:  # asked by the planner and by the filler: resolved once
            self._mentions[kind] = resolve(self.text, self.files, [kind])
        return self._mentions[kind]


Filler = Callable[[Request], "dict[str, Any] | Missing"]


def topic(text: str, drop: Set[str] = frozenset()) -> str:
    """The request's subject words, in order: fillers, command words (misspelt ones too) and `drop` removed."""
    words = re.findall(r"[^\W_]+(?:'[^\W_]+)?", text)
    kept = [w for w in words if w.lower() not in REQUEST_FILLERS and w.lower() not in drop
            and not _misspelt_command(w.lower())]
    return " ".join(kept)


@functools.lru_cache(maxsize=65536)  # a long text says the same words again and again
def _misspelt_command(word: str) -> bool:
    return any(spelled_alike(word, command, 0.85) for command in COMMAND_WORDS)


def spoken_request(text: str) -> str:
    """The request without leading fillers ("um so, like, ...")."""
    return re.sub(r"^(?:\s*\b(?:um+|uh+|erm|er|hmm|so|like|okay|ok|well|hey)\b[\s,.]*)+", "", text, flags=re.I).strip()


# -- per tool -----------------------------------------------------------------------------------------
def search_knowledge(request: Request) -> dict[str, Any]:
    words = {w.lower() for w in re.findall(r"\w+", request.text)}
    images = bool(words & PICTURE_WORDS)
    query = topic(request.text, PICTURE_WORDS if images else frozenset())
    if not query and request.subject is not None:  # "search for that in my notes too"
        query = request.subject.arguments.get("query") or topic(request.subject.request)
    arguments: dict[str, Any] = {"query": query or spoken_request(request.text)}
    if images:
        arguments["kind"] = "image"
    return arguments


_DOCUMENT = re.compile(r"\b(?:the|my|our|this|that)\s+((?:[^\W\d_][\w'-]*\s+){1,3}?)(manual|pdf|guide|handbook|"
                       r"booklet|instructions|datasheet|brochure|leaflet)\b", re.I)


def lookup_pdf(request: Request) -> dict[str, Any] | Missing:
    mention = request.mention("pdf")
    subject = request.subject
    file = mention.file or mention.named
    described = _DOCUMENT.search(request.text)
    if file is None and described and not request.follow_up:
        what = topic(described.group(1), {"user", "users", "owner's", "owners", "instruction", "service", "new", "old"})
        if what:  # "the washing machine manual": a PDF named like it, or one whose name means it, else say so
            file = request.closest(what, _of_kind(request.files, "pdf"))
            if file is None:
                return Missing(f"I couldn't find a {what} {described.group(2).lower()} in your knowledge folder.")
    if file is None and subject is not None and request.follow_up:
        file = subject.file_of("pdf")
    pages = page_numbers(request.text)
    if pages and file is None and subject is not None:
        file = subject.file_of("pdf")
    rest = topic(request.text, frozenset(_file_words(file)) | {"page", "pages", "pdf", "manual", "summarise",
                                                                 "summarize", "quote"})
    rest = re.sub(r"\b\d+\b|\b(first|second|third|fourth|fifth|last)\b", "", rest).strip()
    arguments: dict[str, Any] = {}
    if rest:
        arguments["question"] = spoken_request(request.text)
    elif not pages and subject is not None and subject.arguments.get("question"):  # "what about the bike one?"
        arguments["question"] = subject.arguments["question"]
    if file:
        arguments["file"] = file
    if pages:
        arguments["pages"] = pages
    if not arguments:
        arguments["question"] = spoken_request(request.text)
    return arguments


def describe_image(request: Request) -> dict[str, Any] | Missing:
    image = _file_for(request, "image")
    what = topic(request.text, PICTURE_WORDS | DESCRIBE_WORDS)
    if image is None and what:
        image = request.closest(what, _of_kind(request.files, "image"))
    if image is None:
        return Missing(f"I couldn't find a picture {_of(what)} in your knowledge folder.")
    rest = topic(request.text, PICTURE_WORDS | DESCRIBE_WORDS | frozenset(_file_words(image)))
    arguments: dict[str, Any] = {"image": image}
    if rest:
        arguments["question"] = spoken_request(request.text)
    return arguments


def transcribe_audio(request: Request) -> dict[str, Any] | Missing:
    file = _file_for(request, "audio")
    what = topic(request.text, {"transcribe", "recording", "recordings", "audio", "transcript", "said", "say"})
    if file is None and what:
        file = request.closest(what, _of_kind(request.files, "audio"))
    if file is None:
        return Missing(f"I couldn't find a recording {_of(what)} in your knowledge folder.")
    arguments: dict[str, Any] = {"file": file}
    language = re.search(r"\bin (" + "|".join(LANGUAGES) + r")\b", request.text, re.I)
    if language:
        arguments["language"] = LANGUAGES[language.group(1).lower()]
    return arguments


LANGUAGES = {"english": "en", "german": "de", "french": "fr", "spanish": "es", "italian": "it", "portuguese": "pt",
             "dutch": "nl", "japanese": "ja", "chinese": "zh", "russian": "ru", "polish": "pl", "swedish": "sv"}

_ASK_FOR_PICTURE = re.compile(
    r"^(?:(?:can|could|would|will) you(?: please)?|please|i'?d like(?: you to)?|i want(?: you to)?|"
    r"go ahead and|let'?s)?\s*(?:(?:draw|paint|sketch|render|generate|create|make|design|produce|imagine|"
    r"illustrate|show)(?: me| us)?)?\s*"
    r"(?:(?:(?:a|an|the|some)\s+)?(?:new\s+)?(?:picture|image|illustration|drawing|painting|photo|render|sketch|"
    r"artwork|pic)s?\s*(?:of|showing|with)?\s*)?", re.I)
# (Linear in the request, as every pattern over it must be: no match starts inside a run of spaces, and no two
# spaces-or-nothing (`\s*`) stand side by side, either of which would rescan a long run of spaces again and again.)
_SETTINGS = re.compile(r"(?:[,;]|(?<!\s))\s*(?:and\s+)?(?:make it\s+|with\s+|at\s+|using\s+)?"
                       r"(?:\b\d+\s*(?:steps?|schritte|pasos|étapes)\b|"
                       r"\bseed\s*(?:(?:of|=|:)\s*)?\d+\b|\b\d{2,4}\s*(?:x|×|by|\*)\s*\d{2,4}\b(?:\s*pixels)?|"
                       r"\b\d{2,4}\s*(?:(?:pixels?|px)\s*)?(?:wide|tall|high)\b(?:\s*by\b)?)", re.I)


def generate_image(request: Request) -> dict[str, Any]:
    text = spoken_request(request.text)
    arguments: dict[str, Any] = {}
    if (steps := re.search(r"\b(\d+)\s*(?:steps?|schritte|pasos|étapes)\b", text, re.I)):
        arguments["steps"] = int(steps.group(1))
    if (seed := re.search(r"\bseed\s*(?:(?:of|=|:)\s*)?(\d+)\b", text, re.I)):
        arguments["seed"] = int(seed.group(1))
    if (size := re.search(r"\b(\d{2,4})\s*(?:x|×|by|\*)\s*(\d{2,4})\b", text, re.I)):
        arguments["width"], arguments["height"] = int(size.group(1)), int(size.group(2))
    for side, words in (("width", "wide|width"), ("height", "tall|high|height")):
        if (found := re.search(rf"\b(\d{{2,4}})\s*(?:(?:pixels?|px)\s*)?(?:{words})\b|"
                               rf"\b(?:{words})\s*(?:of\s*)?(\d{{2,4}})\b", text, re.I)):
            arguments[side] = int(found.group(1) or found.group(2))
    prompt = _SETTINGS.sub("", text)
    prompt = re.sub(r"\b(?:and|then)?\s*show (?:it to )?me\b|\bfor me\b", "", prompt, flags=re.I)
    prompt = re.sub(r"^\s*(?:okay|ok|so|well|hey)?[\s,]*(?:(?:can|could|would) you[\s,]*(?:like|please|maybe)?[\s,]*)?",
                    "", prompt, flags=re.I)
    subject = request.subject
    if subject is not None and subject.tool == "generate_image" and request.follow_up:  # "make it darker"
        change = re.sub(r"^(?:now|and|ok(?:ay)?|then)?[\s,]*(?:same (?:again|thing|one)|make it|do it|try it|make one|"
                        r"do one|do another(?: one)?|another one)?[\s,]*(?:but\s+)?", "", prompt.strip(), flags=re.I)
        change = re.sub(r"\b(?:instead|too|also|again|please)\b", "", change, flags=re.I)
        change = " ".join(change.split()).strip(" ,.!?")
        base = subject.arguments.get("prompt", "")
        prompt = f"{base}, {change}" if change else base
    else:
        prompt = _ASK_FOR_PICTURE.sub("", prompt.strip(), count=1).strip(" ,.!?")
    arguments["prompt"] = prompt or text
    return arguments


FILLERS: dict[str, Filler] = {
    "search_knowledge": search_knowledge, "lookup_pdf": lookup_pdf, "describe_image": describe_image,
    "generate_image": generate_image, "transcribe_audio": transcribe_audio,
}
FILE_KINDS: dict[str, FileKind] = {"lookup_pdf": "pdf", "describe_image": "image", "transcribe_audio": "audio"}


def page_numbers(text: str) -> str | None:
    """Pages the request asks for, as lookup_pdf takes them ('3', '2-5', '1,4')."""
    found = re.search(r"\b(?:pages?|pp?\.?|seite|seiten|página|páginas|pagina|pagine)"
                      r"\s*(\d+(?:\s*(?:-|–|to|and|,|&)\s*\d+)*)", text, re.I)
    if found:
        spec = re.sub(r"\s*(?:-|–|to)\s*", "-", found.group(1))
        return re.sub(r"\s*(?:and|,|&)\s*", ",", spec)
    ordinal = re.search(r"\b(" + "|".join(ORDINALS) + r")\s+(?:page|seite|página|pagina)\b", text, re.I)
    return str(ORDINALS[ordinal.group(1).lower()]) if ordinal else None


def _file_for(request: Request, kind: FileKind) -> str | None:
    """The file the request names or describes, else (a follow-up) the one the last turn was about. A
    named file that is not there is passed on as named: the tool says it is missing."""
    mention = request.mention(kind)
    if mention.file or mention.named:
        return mention.file or mention.named
    if request.subject is not None and request.follow_up:
        return request.subject.file_of(kind)
    return None


def _of(what: str) -> str:
    """"of grandmother" for a short description; a long one (a request in another language, mostly
    unparsed) would be recited back, so "like that"."""
    return f"of {what}" if what and len(what.split()) <= 3 else "like that"


def _of_kind(files: Sequence[str], kind: FileKind) -> list[str]:
    return [f for f in files if kind_of(f) == kind]


def _file_words(name: str | None) -> list[str]:
    return re.findall(r"[^\W_]+", name.lower()) if name else []
