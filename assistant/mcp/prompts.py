"""Prompts (ready-made requests that use the tools) and completions of file names from the knowledge folder.

Completions (`completion/complete`) suggest the folder's real files for arguments that name one: the prompts'
file arguments, the resource template's `path`, and, for clients that ask with a tool's name as the
reference, the tools' file arguments (lookup_pdf.file, describe_image.image, transcribe_audio.file, ...).
Matching is case-insensitive: names that start with the typed text first, then names with a word that does,
then names that contain it; at most 100 (the spec's limit) with the total beside them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from mcp.shared.exceptions import MCPError
from mcp_types import INVALID_PARAMS, Completion, GetPromptResult, PromptMessage, TextContent
from mcp_types import Prompt as MCPPrompt
from mcp_types import PromptArgument as MCPPromptArgument

from ..routing.files import FolderFiles, kind_of

MAX_VALUES = 100
ANY = "any"  # any file


@dataclass(frozen=True)
class Argument:
    name: str
    description: str
    required: bool = True
    files: str | None = None  # "pdf" | "image" | "audio" | ANY: the argument names a file of that kind


@dataclass(frozen=True)
class PromptSpec:
    name: str
    title: str
    description: str
    arguments: tuple[Argument, ...]
    render: Callable[[dict[str, str]], str]


def _summarise(args: dict[str, str]) -> str:
    focus = f", focusing on {args['focus']}" if args.get("focus") else ""
    return (f"Summarise the PDF {args['file']} from my knowledge folder{focus}. Read it with the lookup_pdf tool "
            f"(file=\"{args['file']}\"; give pages to read them word for word), then write a short summary: the "
            "main points as a list, each with the page it comes from.")


def _photos(args: dict[str, str]) -> str:
    return (f"Find photos of {args['subject']} in my knowledge folder: call search_knowledge with "
            f"query=\"{args['subject']}\" and kind=\"image\", then list the matching pictures by file name with "
            "a one-line caption each. Say so if none matches.")


def _transcript(args: dict[str, str]) -> str:
    return (f"Transcribe the recording {args['file']} from my knowledge folder with the transcribe_audio tool, "
            "then give a short summary of what is said, with the times of the main points.")


def _describe(args: dict[str, str]) -> str:
    question = args.get("question") or "Describe it in detail: who or what is in it, where, and what is happening."
    return f"Look at the picture {args['image']} in my knowledge folder with the describe_image tool. {question}"


PROMPTS: tuple[PromptSpec, ...] = (
    PromptSpec("summarise_pdf", "Summarise a PDF", "Summarise one PDF of the knowledge folder, citing pages.",
               (Argument("file", "The PDF, relative to the knowledge folder (e.g. reports/lake.pdf).", files="pdf"),
                Argument("focus", "What the summary should concentrate on (optional).", required=False)),
               _summarise),
    PromptSpec("find_photos", "Find photos", "Find the pictures of something in the knowledge folder.",
               (Argument("subject", "What the photos show, e.g. 'the lake in winter'."),), _photos),
    PromptSpec("transcribe_recording", "Transcribe a recording",
               "Transcribe a recording of the knowledge folder and summarise it with times.",
               (Argument("file", "The recording, relative to the knowledge folder.", files="audio"),), _transcript),
    PromptSpec("describe_picture", "Describe a picture", "Describe a picture of the knowledge folder, or ask "
               "about it.", (Argument("image", "The picture, relative to the knowledge folder.", files="image"),
                             Argument("question", "A question about it (optional).", required=False)), _describe),
)
BY_NAME = {p.name: p for p in PROMPTS}
# Tool arguments that name files: completed for clients that ask with a tool's name as the reference.
TOOL_FILE_ARGUMENTS = {("lookup_pdf", "file"): "pdf", ("describe_image", "image"): "image",
                       ("search_knowledge", "image"): "image", ("transcribe_audio", "file"): "audio",
                       ("embed_image", "images"): "image"}


def list_prompts() -> list[MCPPrompt]:
    return [MCPPrompt(name=p.name, title=p.title, description=p.description,
                      arguments=[MCPPromptArgument(name=a.name, description=a.description, required=a.required)
                                 for a in p.arguments]) for p in PROMPTS]


def get_prompt(name: str, arguments: dict[str, str] | None, files: FolderFiles) -> GetPromptResult:
    spec = BY_NAME.get(name)
    if spec is None:
        raise MCPError(INVALID_PARAMS, f"unknown prompt {name!r}; the prompts are: {', '.join(BY_NAME)}")
    given = {k: " ".join(str(v).split()) for k, v in (arguments or {}).items() if str(v).strip()}
    unknown = sorted(set(given) - {a.name for a in spec.arguments})
    if unknown:
        raise MCPError(INVALID_PARAMS, f"{name}: unexpected argument {', '.join(unknown)}")
    for argument in spec.arguments:
        value = given.get(argument.name)
        if value is None:
            if argument.required:
                raise MCPError(INVALID_PARAMS, f"{name}: missing argument {argument.name}")
            continue
        if argument.files and value.strip("/") not in files.names():
            raise MCPError(INVALID_PARAMS, f"{name}: no file {value!r} in the knowledge folder")
    text = spec.render(given)
    return GetPromptResult(description=spec.description,
                           messages=[PromptMessage(role="user", content=TextContent(type="text", text=text))])


def complete(ref_type: str, ref_name: str, argument: str, typed: str, files: FolderFiles,
             templates: dict[str, str]) -> Completion:
    """Suggestions for one argument; no suggestions (not an error) for what names no file."""
    kind: str | None = None
    if ref_type == "ref/prompt":
        spec = BY_NAME.get(ref_name)
        if spec is not None:
            kind = next((a.files for a in spec.arguments if a.name == argument), None)
        else:
            kind = TOOL_FILE_ARGUMENTS.get((ref_name, argument))
    elif ref_type == "ref/resource" and argument == "path":
        kind = templates.get(ref_name)  # the resource template's files: any, or recordings
    if kind is None:
        return Completion(values=[], total=0, has_more=False)
    names = [n for n in files.names() if kind == ANY or kind_of(n) == kind]
    found = matching(names, typed)
    return Completion(values=found[:MAX_VALUES], total=len(found), has_more=len(found) > MAX_VALUES)


def matching(names: list[str], typed: str) -> list[str]:
    key = typed.strip().lower().lstrip("/")
    if not key:
        return sorted(names, key=str.lower)
    starts, word_starts, contains = [], [], []
    for name in sorted(names, key=str.lower):
        low = name.lower()
        if low.startswith(key) or Path(low).name.startswith(key):
            starts.append(name)
        elif any(w.startswith(key) for w in _words(low)):
            word_starts.append(name)
        elif key in low:
            contains.append(name)
    return starts + word_starts + contains


def _words(name: str) -> list[str]:
    return [w for w in "".join(c if c.isalnum() else " " for c in name).split() if w]
