"""Streaming sentence splitting of an LLM's reply for TTS, and Markdown -> speakable text.

`SentenceSplitter` is fed text deltas as they arrive and hands back each sentence as soon as the next
one has begun (one character after the boundary is enough), so speech can start before the reply ends.
Segmentation is pysbd's (rule-based: abbreviations such as "Dr." and "e.g.", decimals, ellipses, URLs).
"""

from __future__ import annotations

import re

_BOUNDARY = re.compile(r"[.!?\u2026][\"'\u201d\u2019)\]]*\s+\S")  # a possible end, and the next sentence begun
_FENCE = "```"


class SentenceSplitter:
    """push(delta) -> complete sentences so far; flush() -> the rest. Sentences are stripped, never empty.

    Line breaks always end a sentence (Markdown list items, headings); a fenced code block is held back
    whole until its closing fence, and comes out as one piece.
    """

    def __init__(self, language: str = "en"):
        import pysbd

        self._segmenter = pysbd.Segmenter(language=language, clean=False, char_span=True)
        self._buffer = ""

    def push(self, delta: str) -> list[str]:
        self._buffer += delta
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


_CODE_BLOCK = re.compile(r"```.*?(?:```|\Z)", re.S)
_TABLE_RULE = re.compile(r"^[ \t]*\|?[ \t]*:?-{2,}:?[ \t]*(\|[ \t]*:?-{2,}:?[ \t]*)*\|?[ \t]*$", re.M)
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_URL = re.compile(r"\b(?:https?://|www\.)([^\s/<>()\"']+)[^\s<>()\"']*", re.I)
_INLINE_CODE = re.compile(r"`([^`\n]*)`")
_BOLD = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_ITALIC = re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?!\w)|(?<![\w_])_(?=\S)([^_\n]+?)(?<=\S)_(?![\w])")
_STRIKE = re.compile(r"~~(.+?)~~")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s*", re.M)
_BULLET = re.compile(r"^\s*(?:[-*+\u2022]|\d+[.)])\s+", re.M)
_QUOTE = re.compile(r"^\s*>\s?", re.M)
_RULE = re.compile(r"^\s*([-*_])(\s*\1){2,}\s*$", re.M)
_HTML = re.compile(r"</?[a-zA-Z][^>]*>")


def _url(match: re.Match) -> str:
    host = match.group(1).rstrip(".,;:!?")
    return host[4:] if host.lower().startswith("www.") else host


def _table_row(match: re.Match) -> str:
    cells = [c.strip() for c in match.group(0).strip().strip("|").split("|")]
    return ", ".join(c for c in cells if c) + "."


def speakable(text: str) -> str:
    """Markdown -> plain text to speak: code blocks become "(code omitted)", tables rows become
    comma-separated cells, links keep their text, URLs shrink to their host, and emphasis, headings,
    bullets, quotes and rules go."""
    text = _CODE_BLOCK.sub(" (code omitted) ", text)
    text = _TABLE_RULE.sub("", text)
    text = re.sub(r"^[ \t]*\|.*\|[ \t]*$", _table_row, text, flags=re.M)
    text = _IMAGE.sub(lambda m: m.group(1), text)
    text = _LINK.sub(lambda m: m.group(1), text)
    text = _URL.sub(_url, text)
    text = _INLINE_CODE.sub(lambda m: m.group(1), text)
    text = _RULE.sub("", text)
    text = _BOLD.sub(lambda m: m.group(2), text)
    text = _ITALIC.sub(lambda m: m.group(1) or m.group(2), text)
    text = _STRIKE.sub(lambda m: m.group(1), text)
    text = _HEADING.sub("", text)
    text = _BULLET.sub("", text)
    text = _QUOTE.sub("", text)
    text = _HTML.sub("", text)
    return " ".join(text.split())
