"""search_knowledge and lookup_pdf: retrieval over the user's indexed knowledge folder, cited by file and page."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field

from ..contracts import Citation, ImageOut, ToolResult
from ..errors import InputError
from ..knowledge.images import image_mime
from ..knowledge.search import MAX_PAGES, parse_pages
from ..routing_hints import FileArgument, Query, Routing
from ..timecode import clock
from ..words import KNOWLEDGE_PLACES, SEARCH_VERBS, either
from .describe_image import image_file
from .registry import ToolContext, tool

_CITATIONS = {"type": "array", "items": {"type": "object", "properties": {
    "file": {"type": "string"}, "page": {"type": ["integer", "null"]}, "time": {"type": ["number", "null"]}},
    "required": ["file"]}}
SEARCH_OUTPUT = {  # ToolResult.data of search_knowledge (MCP structured content)
    "type": "object",
    "properties": {
        "query": {"type": "string"},
        "hits": {"type": "array", "items": {"type": "object", "properties": {
            "file": {"type": "string", "description": "relative to the knowledge folder"},
            "kind": {"type": "string", "enum": ["image", "pdf", "text", "audio"]},
            "page": {"type": ["integer", "null"]},
            "start": {"type": ["number", "null"], "description": "recordings: seconds from the start"},
            "score": {"type": "number"},
            "snippet": {"type": "string"},
            "text": {"type": "string", "description": "the whole passage the snippet is from"},
            "also": {"type": "array", "items": {"type": "string"}, "description": "files with the same content"},
            "matched_by": {"type": "array", "items": {"type": "string"}},
        }, "required": ["file", "kind", "page", "score", "snippet"]}},
        "notes": {"type": "array", "items": {"type": "string"}},
        "citations": _CITATIONS,
    },
    "required": ["query", "hits"],
}
PDF_OUTPUT = {  # ToolResult.data of lookup_pdf
    "type": "object",
    "properties": {
        "passages": {"type": "array", "items": {"type": "object", "properties": {
            "file": {"type": "string"}, "page": {"type": "integer"}, "text": {"type": "string"},
            "score": {"type": ["number", "null"]}}, "required": ["file", "page", "text"]}},
        "citations": _CITATIONS,
    },
    "required": ["passages"],
}

MAX_QUERY_CHARS = 1000
SNIPPET_CHARS = 240  # per hit in the text the model reads; the full snippet is in `data`


SEARCH_EXAMPLES = (
    "search my files for the invoice from the plumber", "do I have notes about the garden",
    "find documents about taxes",
    "look in my knowledge folder for travel plans", "is there anything in my notes about the birthday party",
    "find photos of the beach", "which of my files talk about the project deadline", "what did I save about recipes",
    "show me the pictures of mountains I have", "do I have a picture of a red car", "find the file about my insurance",
    "anything on the new apartment in my documents?", "search for quarterly goals", "look for the wifi password",
    "what do my notes say about the conference", "where did I write down the doctor's phone number",
    "have I got any photos with snow in them", "find images similar to this one", "search that in my files too",
    "look it up in my notes", "do I have a recording of the interview", "find my notes",
    "busca mis fotos de la playa", "cherche dans mes notes le mot de passe", "finde meine Notizen zum Urlaub",
    "cerca nei miei file la ricetta",
)
SEARCH_KEYWORDS = (
    "search*", "^find", "find my", "find ... in my", "find ... among", "look for", "look up", "look through",
    "look in", "look ... in my", "do i have", "have i got", "i've got", "have i ... saved", "is there ... in my",
    "is there ... among", "are there ... in my", "are there ... among", "which of my", "where did i",
    "what did i ... write", "what did i ... save", "what did i ... note", "did i ... save", "did i ... write",
    "did i ... note", "i ... noted", "i ... wrote down", "in my files", "in my notes", "in my documents",
    "my notes", "my files", "my documents", "my pictures", "my photos", "my knowledge",
    "busca*", "cherch*", "suche", "durchsuche", "finde", "cerca", "trouve", "encuentra", "procura",
    f"{either(SEARCH_VERBS)} ... {either(KNOWLEDGE_PLACES)}")  # "procurar nos meus arquivos"
# The router: the request's subject words are the query ("image" for pictures, "audio" for what was said about
# something in a recording); notes and recordings that answer a request naming no tool are searched.
# A how-to question asks for know-how, not for the user's files ("how do i find a file by its name in the linux
# terminal"); when a note does answer one ("how do I make grandma's lasagne"), the index probe still sends it here.
HOW_TO = (r"^\W*(?:(?:so|um|uh|ok|okay|well|hey|and)\W+)*(?:how (?:do|can|could|should|would|might) (?:i|we|you|one)\b|"
          r"how to\b|wie (?:kann|könnte|soll) (?:ich|man)\b|comment (?:puis-je|peut-on|faire|faut-il)\b|"
          r"c[oó]mo (?:puedo|hago|se)\b|come (?:posso|faccio|si)\b)")
SEARCH_ROUTING = Routing("search your files", query=Query("query", kind="kind", count="limit"), answers=("text",), digest="hits",
                         not_for=HOW_TO)


@tool("""
    Search the user's own files (their knowledge folder: notes, documents, PDFs, photos, generated
    images, recordings by what is said in them) by meaning and keywords. Use it before answering
    anything that may be in the user's files, and to find pictures ("photos of the lake", or pass
    `image` to find similar pictures). Returns the best matches, each with its file, page (PDFs) or
    time (recordings), kind and a snippet; cite them by file and page or time.
    """, examples=SEARCH_EXAMPLES, keywords=SEARCH_KEYWORDS, requires=("text_embed",), title="Search my files",
    output_schema=SEARCH_OUTPUT, routing=SEARCH_ROUTING)
def search_knowledge(
    ctx: ToolContext,
    query: Annotated[str, Field(max_length=MAX_QUERY_CHARS,
                                description="What to look for, in words, e.g. 'rainfall in the northern "
                                            "valley'. May be empty when `image` is given.")] = "",
    kind: Annotated[Literal["any", "image", "pdf", "text", "audio"], Field(
        description="Only this kind of result: 'image' (pictures), 'pdf' (PDF pages), 'text' (notes and "
                    "text files), 'audio' (recordings, by what is said), or 'any'.")] = "any",
    limit: Annotated[int, Field(ge=1, le=20, description="How many results, 1 to 20.")] = 5,
    image: Annotated[str | None, Field(
        description="Find pictures that look like this one: a path in the knowledge folder, a generated "
                    "image's id, or inline base64 image data.")] = None,
) -> ToolResult:
    query = (query or "").strip()
    if not query and not image:
        raise InputError("give a query text, or an image to find similar ones")
    if image:
        with image_file(ctx, image) as (path, _name):
            result = ctx.knowledge.search_knowledge(query, kind, limit, image=path)
    else:
        result = ctx.knowledge.search_knowledge(query, kind, limit)

    lines, citations, images = [], [], []
    for n, hit in enumerate(result.hits, 1):
        citation = Citation(hit.file, hit.page, hit.start)
        where = hit.file + (f" (page {hit.page})" if hit.page else "") + (f" @ {clock(hit.start)}"
                                                                            if hit.start is not None else "")
        also = f" (same as {', '.join(hit.also[:3])})" if hit.also else ""
        snippet = _short(hit.snippet)
        lines.append(f"{n}. {where} [{hit.kind}]{also}" + (f" {snippet}" if snippet else ""))
        citations.append(citation)
        if hit.kind == "image" and hit.image_path and Path(hit.image_path).is_file():
            images.append(ImageOut(Path(hit.image_path), hit.file, _mime(Path(hit.image_path))))
    what = f"'{query}'" if query else "the image"
    if lines:
        text = f"{len(lines)} result{'s' if len(lines) != 1 else ''} for {what}:\n" + "\n".join(lines)
    else:
        text = f"Nothing in the knowledge folder matches {what}" + (f" (kind {kind})." if kind != "any" else ".")
    if result.notes:
        text += "\nNote: " + " ".join(result.notes)
    data = result.to_dict()
    for hit in data["hits"]:
        hit.pop("image_path", None)  # a server path: the file (relative) names it
    return ToolResult(text=text, images=images, citations=citations, data=data)


PDF_EXAMPLES = (
    "what does the manual say about resetting the router", "read page 5 of report.pdf",
    "according to the user guide, how do I pair the headphones", "summarise the second page of the contract pdf",
    "check the washing machine manual for the error code", "what does the paper conclude",
    "open the thesis pdf and read the abstract", "what's on page 12 of the handbook",
    "in the lease agreement, how long is the notice period", "quote the warranty section of the dishwasher manual",
    "the oven manual, what temperature for pizza", "read me the first page of the annual report",
    "and page 4?", "what about page 7", "what does the instruction booklet say about batteries",
    "how do I clean the filter according to the vacuum manual", "what does the PDF say about safety",
    "lis la page 2 du contrat", "was steht im Handbuch über die Garantie", "que dice el manual sobre la batería",
)
PDF_KEYWORDS = (
    "manual", "manuals", "pdf", "page", "pages", "handbook", "user guide", "guide", "booklet", "according to",
    "instructions", "datasheet", "handbuch", "anleitung", "manuel", "manuale", "seite", "página", "pagina",
    "mode d'emploi")
# The router: a PDF named or described ("the espresso manual"; one that fits none is said so), the pages asked
# for (read out as they are, without a question), the question; PDF pages that answer a request are looked up.
PDF_ROUTING = Routing(
    "read that PDF", question="question", pages="pages", read_out="pages", answers=("pdf",),
    file=FileArgument("file", "pdf", "PDF", optional=True,
                      words=frozenset({"page", "pages", "pdf", "manual", "summarise", "summarize", "quote"}),
                      nouns=("manual", "pdf", "guide", "handbook", "booklet", "instructions", "datasheet",
                             "brochure", "leaflet")))


@tool("""
    Read the user's PDFs: find the passages that answer a question (across all PDFs, or in one `file`),
    or read given `pages` of one PDF word for word. Use it for questions about reports, manuals, papers
    and other PDFs in the knowledge folder, and to quote them. Returns passages labelled with file and
    page; cite them that way.
    """, examples=PDF_EXAMPLES, keywords=PDF_KEYWORDS, requires=("text_embed",), title="Look up PDFs",
    output_schema=PDF_OUTPUT, routing=PDF_ROUTING)
def lookup_pdf(
    ctx: ToolContext,
    question: Annotated[str | None, Field(max_length=MAX_QUERY_CHARS,
                                          description="The question to answer from the PDFs, e.g. 'What does "
                                                      "the committee recommend?'.")] = None,
    file: Annotated[str | None, Field(description="One PDF in the knowledge folder to search or read, e.g. "
                                                  "'reports/lake.pdf'. Needed with `pages`.")] = None,
    pages: Annotated[str | None, Field(max_length=100,
                                       description=f"Pages of `file` to read verbatim: '3', '2-5' or '1,4-6' "
                                                   f"(at most {MAX_PAGES}).")] = None,
) -> ToolResult:
    if file is not None:
        ctx.knowledge_file(file, "PDF")  # '..', paths elsewhere and links out are refused here
    numbers = parse_pages(pages) if pages is not None else None  # bad ranges refused before anything opens
    passages = ctx.knowledge.lookup_pdf(question, file, numbers)
    if not passages:
        return ToolResult(text="No passage in the PDFs answers that." if question else "Nothing found.",
                          data={"passages": []})
    blocks = [f"[{p.file}, page {p.page}]\n{p.text.strip()}" for p in passages]
    seen: dict[tuple[str, int], Citation] = {}
    for p in passages:
        seen.setdefault((p.file, p.page), Citation(p.file, p.page))
    return ToolResult(
        text="\n\n".join(blocks),
        citations=list(seen.values()),
        data={"passages": [{"file": p.file, "page": p.page, "text": p.text, "score": p.score} for p in passages]},
    )


def _short(snippet: str) -> str:
    text = " ".join((snippet or "").split())
    return text if len(text) <= SNIPPET_CHARS else text[: SNIPPET_CHARS - 1].rsplit(" ", 1)[0] + "…"


def _mime(path: Path) -> str:
    return image_mime(path) or "image/png"
