"""What the router needs to know about a tool, declared with the tool: `@tool(..., routing=Routing(...))`.

The router (`assistant/routing/`, for small chat models) picks a tool by its examples and keywords, then
fills in its arguments from the request without the model. These hints say which of the tool's arguments
play which part, so the router's generic code can fill them, and how the turn goes on from there; the
router names no tool. A tool without them can still be routed to (its examples): the model then fills in
that one tool's schema.

    @tool("Transcribe ...", examples=..., keywords=...,
          routing=Routing("transcribe that recording", file=FileArgument("file", "audio", "recording", ...),
                          language="language", read_out="always"))

A tool is filled as one of three things:
- a search (`query`): the request's subject words, and the kind of file it asks for ("photos of ...");
- a picture (`picture`): the prompt and settings the request gives ("..., 20 steps, seed 7"), a follow-up
  ("make it darker") changing the last picture this tool made;
- a reading of a file (`file`, `question`, `pages`, `language`): the file named or described, resolved
  against the knowledge folder's real files (never invented), and the question when there is more to it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

FileKind = Literal["image", "pdf", "audio"]
ProbeFind = Literal["pdf", "text"]  # what the knowledge probe finds answers a request: PDF pages, other text


@dataclass(frozen=True)
class Query:
    """The tool searches: `argument` takes the request's subject words (fillers and command words removed;
    a follow-up with none searches the last search's words again). `kind`, when the tool has one, is the
    argument that narrows the search to one kind of file: "image" for a request for pictures, "audio" for
    what was said about something in a recording. `count`, when the tool has one, is the argument that says how
    many results: a look-up that answers a question asks for ANSWER_HITS of them (the passage that answers is
    often not among the first five: "When is Bruno's birthday?" ranks the birthdays list first and Bruno's own
    note, "born 14 February", seventh)."""
    argument: str = "query"
    kind: str | None = None
    count: str | None = None


ANSWER_HITS = 10


@dataclass(frozen=True)
class FileArgument:
    """The tool reads a file of one kind from the knowledge folder: the one the request names ("lake.jpg",
    misspelt too), or describes (by its name's words, or their meaning: "the coffee machine manual"), or
    the one the conversation was about ("now describe it")."""
    argument: str  # the parameter that takes it ("file", "image")
    kind: FileKind
    called: str  # what people call it, for "I couldn't find a picture of grandmother in your knowledge folder."
    words: frozenset[str] = frozenset()  # words that ask for the tool or name the kind, never which file or what
    # is asked about it ("describe", "photo", "transcribe")
    optional: bool = False  # the tool also runs without one (over every file of its kind); then a follow-up
    # about another file keeps the last question ("what about the bike one?")
    nouns: tuple[str, ...] = ()  # how a description of one such file ends ("the washing machine manual"): one
    # that fits no file is said so, without a call


@dataclass(frozen=True)
class Picture:
    """The tool makes a picture: `prompt` takes the request without its command ("draw ...") and settings,
    each setting the request gives goes to its argument, and a follow-up ("make it darker", "now in blue")
    changes the prompt of the last picture this tool made."""
    prompt: str = "prompt"
    steps: str = "steps"
    seed: str = "seed"
    width: str = "width"
    height: str = "height"


@dataclass(frozen=True)
class Routing:
    action: str  # what it was asked to do, for "Sorry, I couldn't <action>: <why>." when it failed
    query: Query | None = None
    picture: Picture | None = None
    file: FileArgument | None = None
    question: str | None = None  # the argument that takes the request itself when it asks more than which file
    pages: str | None = None  # the argument that takes the pages asked for ("page 3" -> "3", "pages 2 to 4" -> "2-4")
    language: str | None = None  # the argument that takes the language named ("in German" -> "de")
    # The result is the answer, said as it is rather than summarised by the model: "always" (a transcript),
    # or "pages" (when pages were asked for and no question: they are read out).
    read_out: Literal["never", "always", "pages"] = "never"
    answers: tuple[ProbeFind, ...] = ()  # what this tool reads when a request names no tool but the knowledge
    # probe finds the folder answers it ("When is my dentist appointment?": notes are searched)
    # Patterns over the request (each linear in its length): `signal` asks for the tool as a keyword does, for
    # what words cannot say ("17*23", "15%"); `needs` must match for the tool to be chosen at all ("how much is
    # my rent" holds no number: it is no calculation).
    signal: str | None = None
    needs: str | None = None
    # ... and a request matching `not_for` is never for the tool, whatever its words ("¿a qué hora es mi cita?"
    # holds the clock's words, but asks when the user's own appointment is: their notes say, not the clock).
    not_for: str | None = None
    works_out: bool = False  # the tool computes what its `question` argument writes out ("7850 - 2355"): arithmetic
    # over amounts the conversation said is its job too ("so how much is left after the deposit?")
    counts_days: bool = False  # the tool counts the days from one date to another that its `question` argument
    # names ("how many days are there from 28 June 2025 to 5 July 2025?"): so the days between dates the conversation
    # said ("how many days later is that?")
    converts: bool = False  # the tool converts the amount its `question` argument names into another unit ("390 km
    # in miles"): so an amount the conversation said ("what's that in miles?")
    digest: Literal["text", "hits"] = "text"  # what a small model reads of the result: its text, or (for a
    # result whose `data` holds "hits") the best hits as "file: snippet" lines
