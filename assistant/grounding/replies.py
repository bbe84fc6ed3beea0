"""What is said from the user's files: the prompt that gives a small model only the answering sentences, the
source's own words when the model's reply does not hold up, and the honest "not found"."""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from ..timecode import clock
from .evidence import Evidence, Passage

ANSWER_INSTRUCTIONS = ("You answer the user's question from a passage of their own files. Use only facts the "
                       "passage states, copied exactly (names, numbers, dates, times). Answer in one short spoken "
                       "sentence, in the language of the question. If the passage does not answer it, say so.")
NOT_FOUND = {
    "en": "I couldn't find that in your files.",
    "de": "Dazu habe ich in deinen Dateien nichts gefunden.",
    "fr": "Je n'ai rien trouvé à ce sujet dans tes fichiers.",
    "es": "No encontré nada sobre eso en tus archivos.",
    "it": "Non ho trovato niente al riguardo nei tuoi file.",
}
_SAYS = {"en": "says", "de": "sagt", "fr": "dit", "es": "dice", "it": "dice"}


_FOLLOWING_UP, _PASSAGE_FROM, _QUESTION = "Following up on", "Passage from", "Question"
# The prompt's own framing, as a small model copies it into a reply ("The following up on: ...", "Passage from ...")
_FRAMING = re.compile(rf"\b{_FOLLOWING_UP.split()[0][:6]}\w*[ -]up on\s*[:\"“]|\b{_PASSAGE_FROM} \S+\.[A-Za-z0-9]{{2,4}}\b",
                      re.I)  # (not "Kessler will follow up on the tiles", "your passage from Calais")


def answer_messages(question: str, evidence: Evidence, earlier: str | None = None) -> list[dict[str, str]]:
    """The whole prompt of a grounded answer: instructions, the passage's answering sentences with where they
    come from, the question (after the one it follows up, when it refers back)."""
    asked = f'({_FOLLOWING_UP}: "{earlier}")\n{question}' if earlier else question
    return [{"role": "system", "content": ANSWER_INSTRUCTIONS},
            {"role": "user", "content": f"{_PASSAGE_FROM} {where(evidence.passage)}:\n{evidence.text}\n\n"
                                        f"{_QUESTION}: {asked}"}]


def echoes_the_prompt(sentence: str, earlier: str | None = None) -> bool:
    """A reply's sentence that copies the prompt's framing or the earlier question it quotes: no answer, and no
    internal text ever reaches the user."""
    if _FRAMING.search(sentence):
        return True
    if not earlier:
        return False
    said, asked = " ".join(sentence.lower().split()), " ".join(earlier.lower().split())
    return len(asked.split()) >= 4 and asked.rstrip("?.! ") in said


def where(passage: Passage) -> str:
    """"notes/plumber.md", "manual.pdf, page 3", "memo.wav @ 0:42"."""
    if passage.page is not None:
        return f"{passage.file}, page {passage.page}"
    if passage.time is not None:
        return f"{passage.file} @ {clock(passage.time)}"
    return passage.file


def quoted(evidence: Evidence, language: str = "en") -> str:
    """The source's own words with their citation: said instead of a reply that failed its check."""
    passage = evidence.passage
    name = PurePosixPath(passage.file).name
    label = f"{name}, page {passage.page}" if passage.page is not None else \
        f"{name} at {clock(passage.time)}" if passage.time is not None else name
    words = " ".join(evidence.sentences).strip()
    return f"{label} {_SAYS.get(language, 'says')}: “{words}”"


def not_found(language: str = "en") -> str:
    return NOT_FOUND.get(language, NOT_FOUND["en"])
