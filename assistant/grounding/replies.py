"""What is said from the user's files: the prompt that gives a small model only the answering sentences, the
source's own words when the model's reply does not hold up, and the honest "not found"."""

from __future__ import annotations

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


def answer_messages(question: str, evidence: Evidence, earlier: str | None = None) -> list[dict[str, str]]:
    """The whole prompt of a grounded answer: instructions, the passage's answering sentences with where they
    come from, the question (after the one it follows up, when it refers back)."""
    asked = f'(Following up on: "{earlier}")\n{question}' if earlier else question
    return [{"role": "system", "content": ANSWER_INSTRUCTIONS},
            {"role": "user", "content": f"Passage from {where(evidence.passage)}:\n{evidence.text}\n\n"
                                        f"Question: {asked}"}]


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
