"""A grounded answer, start to end: the evidence for a question in a look-up's result (weighed by how rare
each word is in the index, the question's own words over those of the one it follows), and the model's answer
from it, said a sentence at a time once its facts hold up, the source quoted when one does not or when the
answer says nothing of it. Plain text out: the agent turns it into its events."""

from __future__ import annotations

from collections.abc import Callable, Generator, Sequence
from itertools import zip_longest

from ..cancel import Cancel
from ..contracts import Citation, Text, ToolResult
from ..roles import ChatModel, streaming
from .check import CheckedReply
from .asking import answerable_kind, asks_for, subject_words
from .evidence import Evidence, Passage, best_evidence, idf_weights, names, passages
from .replies import answer_messages, quoted
from ..words import EVENT_WORDS

GROUNDED_TOKENS = 120  # an answer from a passage is a sentence or two
OWN_WORDS = 2.0  # a follow-up's own words weigh more than those of the question it follows ("and groceries?")
DocumentCounts = Callable[[Sequence[str]], tuple[dict[str, int], int]]


def evidence_for(text: str, earlier: str | None, result: ToolResult, document_counts: DocumentCounts,
                 world: bool = False, answered_from: Sequence[str] = (), also: ToolResult | None = None
                 ) -> Evidence | None:
    """The passage of a look-up's result that answers the question (and the one it follows up), if any. `world`:
    the question is not about the user's own world (held to every word no file holds). `answered_from`: the files
    the question it follows was answered from; when there are any, a passage is from one of them or holds a word of
    that question (the conversation's subject). `also`: another look-up's result for the same question, its
    passages taken in turn with these (a translation's look-up, and the one of the question as it was asked: its
    own words found the note written in its language, "pot de départ")."""
    own = subject_words(text)
    words = list(dict.fromkeys(own + (subject_words(earlier) if earlier else [])))
    counts, total = document_counts(words)
    weights = idf_weights(counts, total) if total else {w: 1.0 for w in words}
    weights = {w: weight * (OWN_WORDS if w in own else 1.0) for w, weight in weights.items()}
    # "dentist appointment": the dentist's line answers without the word for the kind of event, which weighs least
    kind_words = {w for w in words if w in EVENT_WORDS} if any(w not in EVENT_WORDS for w in words) else set()
    if kind_words:
        lightest = min(weights.get(w, 1.0) for w in words if w not in kind_words) / 2
        weights.update({w: lightest for w in kind_words})
    named = names(text) or (names(earlier) if earlier else [])  # "Where is it?" after "When is Ines's party?"
    unknown = [w for w in words if total and not counts.get(w) and w not in kind_words]
    topic = [w for w in subject_words(earlier) if w not in own] if earlier and answered_from else []
    found = passages(result) if also is None else _in_turn(passages(result), passages(also))
    return best_evidence(text, found, weights, words, unknown=unknown, named=named, world=world,
                         topic=topic, topic_files=answered_from, contrasted=own if earlier and names(text) else None,
                         own=own)


def _in_turn(first: list[Passage], second: list[Passage]) -> list[Passage]:
    """Two rankings as one: their first passages, then their second ones, ..., each passage once."""
    merged = [p for pair in zip_longest(first, second) for p in pair if p is not None]
    return list(dict.fromkeys(merged))


def grounded_answer(llm: ChatModel, text: str, evidence: Evidence, earlier: str | None, language: str,
                    stop: Cancel | None, uncited: Callable[[str, list[Citation]], str]
                    ) -> Generator[str, None, tuple[str, bool]]:
    """Yields what is said, and "" once when the model's first token comes (a sentence is said only once it is
    whole and checked); returns (the whole reply, whether it was stopped). `uncited(reply, citations)` gives the
    citation to add when the reply does not name its source."""
    kind = answerable_kind(asks_for(text), evidence.text)
    checker = CheckedReply(evidence, f"{text} {earlier or ''}", language, kind, earlier)
    said: list[str] = []
    with streaming(llm.stream(answer_messages(text, evidence, earlier), tools=None, max_new_tokens=GROUNDED_TOKENS,
                              stop=stop, tool_choice="none")) as chunks:
        started = False
        for chunk in chunks:
            if isinstance(chunk, Text):
                if not started:
                    started = True
                    yield ""
                for sentence in checker.feed(chunk.text):
                    said.append(sentence)
                    yield sentence
                if checker.failed:
                    break
        else:
            for sentence in checker.finish():
                said.append(sentence)
                yield sentence
    if stop is not None and stop.is_set():
        return "".join(said), True
    reply = "".join(said).strip()
    if checker.failed or not checker.informative or not checker.answers:
        quote = quoted(evidence, language)  # (after what was said before a failed sentence, which held up)
        yield (" " if said else "") + quote
        return f"{reply} {quote}".strip(), False
    source = uncited(reply, [evidence.passage.citation])
    if source:
        yield source
    return reply + source, False
