"""Streaming sentence splitting of an LLM's reply for TTS, and Markdown -> speakable text.

`SentenceSplitter` is fed text deltas as they arrive and hands back each sentence as soon as the next
one has begun (one character after the boundary is enough), so speech can start before the reply ends.
Segmentation is pysbd's (rule-based: abbreviations such as "Dr." and "e.g.", decimals, ellipses, URLs).
"""

from __future__ import annotations

import functools
import re

_BOUNDARY = re.compile(r"[.!?\u2026][\"'\u201d\u2019)\]]*\s+\S")  # a possible end, and the next sentence begun
_CLAUSE = re.compile(r"[,;:\u2014][\"'\u201d\u2019)\]]*\s+\S")  # the end of a clause, and the next begun
_FENCE = "```"


class SentenceSplitter:
    """push(delta) -> complete sentences so far; flush() -> the rest. Sentences are stripped, never empty.

    Line breaks always end a sentence (Markdown list items, headings); a fenced code block is held back
    whole until its closing fence, and comes out as one piece. With `first_clause_words`, the first piece
    may be a clause: it ends at a comma, semicolon, colon or dash once it has that many words (speech starts
    while the rest of a long first sentence is still being written).
    """

    def __init__(self, language: str = "en", first_clause_words: int | None = None):
        import pysbd

        self._segmenter = pysbd.Segmenter(language=language, clean=False, char_span=True)
        self._buffer = ""
        self._first_clause_words = first_clause_words  # None once the first piece is out

    def push(self, delta: str) -> list[str]:
        self._buffer += delta
        out = self._pieces()
        if out:
            self._first_clause_words = None
        elif self._first_clause_words and (clause := self._first_clause()):
            out.append(clause)
            self._first_clause_words = None
        return out

    def _first_clause(self) -> str | None:
        """The buffer's first clause, when it is long enough and its sentence has not ended."""
        if self._buffer.lstrip().startswith(_FENCE):
            return None
        for match in _CLAUSE.finditer(self._buffer):
            clause = self._buffer[:match.start() + 1]
            if len(clause.split()) >= (self._first_clause_words or 0):
                self._buffer = self._buffer[match.end() - 1:]
                return clause.strip()
        return None

    def _pieces(self) -> list[str]:
        out: list[str] = []
        while True:
            head, sep, tail = self._buffer.partition("\n")
            if not sep:
                break
            if head.lstrip().startswith(_FENCE):  # a code block: wait for its closing fence
                close = self._buffer.find("\n" + _FENCE, len(head))
                if close < 0:
                    return out
                end = self._buffer.find("\n", close + 1 + len(_FENCE))
                if end < 0:
                    return out
                out.append(self._buffer[:end].strip())
                self._buffer = self._buffer[end + 1:]
                continue
            out.extend(self._split(head))
            self._buffer = tail
        if _BOUNDARY.search(self._buffer) and not self._buffer.lstrip().startswith(_FENCE):
            spans = self._segmenter.segment(self._buffer)
            if len(spans) > 1:
                out.extend(s.sent.strip() for s in spans[:-1] if s.sent.strip())
                self._buffer = self._buffer[spans[-1].start:]
        return out

    def flush(self) -> list[str]:
        """End of the reply: whatever is left, split into sentences."""
        rest, self._buffer = self._buffer, ""
        if rest.lstrip().startswith(_FENCE):
            return [rest.strip()] if rest.strip() else []
        out: list[str] = []
        for line in rest.split("\n"):
            out.extend(self._split(line))
        return out

    def _split(self, text: str) -> list[str]:
        if not text.strip():
            return []
        return [s.sent.strip() for s in self._segmenter.segment(text) if s.sent.strip()]


def split_sentences(text: str) -> list[str]:
    """All sentences of a finished text."""
    splitter = SentenceSplitter()
    return splitter.push(text) + splitter.flush()


_URL = re.compile(r"\b(?:https?://|www\.)([^\s/<>()\"']+)[^\s<>()\"']*", re.I)
_EMPHASIS = ("em_open", "em_close", "strong_open", "strong_close", "s_open", "s_close")


@functools.cache
def _markdown():
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable(["table", "strikethrough"])


def speakable(text: str) -> str:
    """Markdown -> plain text to speak, from markdown-it's tokens: code blocks become "(code omitted)",
    table rows comma-separated cells, links and images their text, URLs their host; emphasis, headings,
    bullets, quotes, rules and HTML go. Emphasis markers inside a word stay ("2*3*4" is arithmetic)."""
    out: list[str] = []
    row: list[str] | None = None
    for token in _markdown().parse(text):
        if token.type in ("fence", "code_block"):
            out.append(" (code omitted) ")
        elif token.type == "tr_open":
            row = []
        elif token.type == "tr_close" and row is not None:
            out.append(" " + ", ".join(c for c in row if c) + ". ")
            row = None
        elif token.type == "inline":
            words = _inline_text(token.children or [])
            if row is not None:
                row.append(words.strip())
            else:
                out.append(f" {words} ")
    return " ".join(_URL.sub(_url, "".join(out)).split())


def _inline_text(children) -> str:
    out: list[str] = []
    for i, child in enumerate(children):
        if child.type in ("text", "code_inline"):
            out.append(child.content)
        elif child.type == "image":
            out.append(child.content)  # its alt text
        elif child.type in ("softbreak", "hardbreak"):
            out.append(" ")
        elif child.type in _EMPHASIS:
            before = "".join(out)[-1:]
            after = next((c.content[:1] for c in children[i + 1:] if c.type == "text"), "")
            if before.isalnum() and after.isalnum():  # inside a word: not emphasis when spoken
                out.append(child.markup)
    return "".join(out)


def _url(match: re.Match) -> str:
    host = match.group(1).rstrip(".,;:!?")
    return host[4:] if host.lower().startswith("www.") else host
