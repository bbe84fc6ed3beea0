"""What a conversation holds between turns: its messages (the history sent to the chat model), what each turn was
about (for follow-ups: "and page 3?") and the evidence its answers came from (whose numbers later turns may work
with, citing it; never shown to the model). The three stay in step: a message dropped to fit the context takes what
was remembered of it along, and a checkpoint restored takes back what came after it."""

from __future__ import annotations

from typing import Any

from ..contracts import Citation
from ..routing import Subject
from .messages import is_request, without_citations

SUBJECTS_KEPT = 8
SOURCES_KEPT = 4


class Conversation:
    def __init__(self) -> None:
        self.history: list[dict[str, Any]] = []
        self._subjects: list[tuple[int, Subject]] = []  # (history length when asked, what the turn was about)
        self._sources: list[tuple[int, str, Citation]] = []  # (history length, the evidence, where that is)

    def clear(self) -> None:
        self.history.clear()
        self._subjects.clear()
        self._sources.clear()

    def restore(self, history: list[dict[str, Any]]) -> None:
        """Back to `history` (an earlier copy of this one): what was remembered after it goes."""
        self.history[:] = history
        self._subjects[:] = [(at, subject) for at, subject in self._subjects if at <= len(history)]
        self._sources[:] = [source for source in self._sources if source[0] <= len(history)]

    def forget_first(self, count: int) -> None:
        """Drop the oldest `count` messages; what was remembered of them goes, the rest keeps its place."""
        del self.history[:count]
        self._subjects[:] = [(at - count, subject) for at, subject in self._subjects if at >= count]
        self._sources[:] = [(at - count, text, cited) for at, text, cited in self._sources if at >= count]

    # -- what the conversation is about (the planner's follow-ups) -----------------------------------
    def subject(self) -> Subject | None:
        return self._subjects[-1][1] if self._subjects else None

    def remember(self, request: str, tool: str | None, arguments: dict[str, Any], files: list[str],
                 root: str = "") -> None:
        named = [v for k, v in arguments.items() if k in ("file", "image") and isinstance(v, str)]
        self._subjects.append((len(self.history), Subject(tool, dict(arguments), request, [*named, *files], root)))
        del self._subjects[:-SUBJECTS_KEPT]

    # -- what was said, and what it came from --------------------------------------------------------
    def keep_source(self, text: str, citation: Citation) -> None:
        """The evidence this turn's answer came from, and where: its numbers may be worked with in the next
        turns, citing it."""
        self._sources.append((len(self.history), text, citation))
        del self._sources[:-SOURCES_KEPT]

    def recent_sources(self, exchanges: int = 3) -> list[tuple[str, Citation]]:
        """The evidence the last exchanges' answers came from, with where it is, oldest first."""
        since = self._since(exchanges)
        return [(text, cited) for at, text, cited in self._sources if at >= since]

    def recent_facts(self, exchanges: int = 3, evidence: bool = True) -> list[str]:
        """What the last exchanges said (questions, answers without their citations) and, with `evidence`, the
        evidence their answers came from, oldest first."""
        since = self._since(exchanges)
        said = [(i, without_citations(text)) for i, (text, _) in self._said(since)]
        kept = [(at, text) for at, text, _ in self._sources if at >= since] if evidence else []
        return [text for _, text in sorted([*said, *kept], key=lambda item: item[0])]

    def recent_exchanges(self, exchanges: int = 3) -> list[tuple[str, str]]:
        """The last exchanges' questions and answers (without their citations), oldest first."""
        pairs: list[tuple[str, str]] = []
        for _, (text, asked) in self._said(self._since(exchanges)):
            if asked:
                pairs.append((text, ""))
            elif pairs:
                pairs[-1] = (pairs[-1][0], text)
        return pairs

    def mark_interrupted(self, spoken: str) -> None:
        """After a barge-in: the last request's answer (tool rounds included) becomes only what was actually
        heard, marked as interrupted."""
        request = max((i for i, m in enumerate(self.history) if is_request(m)), default=None)
        if request is None:
            return
        del self.history[request + 1:]
        self.history.append({"role": "assistant", "content": f"{spoken.strip()} [interrupted by the user]".strip()})

    def _since(self, exchanges: int) -> int:
        """Where the last `exchanges` exchanges begin in the history."""
        requests = [i for i, m in enumerate(self.history) if is_request(m)]
        return requests[-exchanges] if len(requests) >= exchanges else 0

    def _said(self, since: int) -> list[tuple[int, tuple[str, bool]]]:
        """The requests and answers from `since` on (not a tool's result handed to the model), answers without
        their citations: (where, (text, whether it was asked))."""
        return [(i, (str(m["content"]), True) if is_request(m) else (without_citations(str(m["content"])), False))
                for i, m in enumerate(self.history[since:], since)
                if (is_request(m) or m["role"] == "assistant") and isinstance(m.get("content"), str) and
                m["content"].strip()]
