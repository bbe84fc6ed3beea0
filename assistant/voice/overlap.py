"""Speech over the assistant's reply (barge-in with echo cancellation): a listener's "mm-hmm" lets it go on, its
own echo is no turn, and "stop", "wait" or a new question stops it.

When the user is heard while the assistant speaks, the reply is turned down at once (`Player.duck`): that is the
moment the speech is detected. It is then stopped when there has been `interrupt_after_ms` more of speech (a
question, a sentence; the silence after a short "yeah", waited for the end of the turn, does not count), or, for a shorter one, by its words once they are recognised: an acknowledgement ("yeah",
"okay", "mm-hmm"), nothing at all (a cough, a door) or the assistant's own last words (an echo the canceller
left) turn the reply back up and are not answered; anything else ("stop", "no", "wait, what?") stops it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from ..words import ACKNOWLEDGEMENTS, STOP_WORDS

ECHO_WORDS = 40  # how much of what the assistant said last a transcript is compared with
ECHO_MATCH = 0.6  # the share of a transcript's words found, in order, in them that makes it an echo (a word
# heard a letter or two off counts: recognition mishears what the canceller leaves); at half, "What is the capital
# of France?" after "The capital of Italy is Rome." was taken for an echo


@dataclass
class Overlap:
    """Speech heard over reply `generation` from clock time `began`, not yet judged."""

    generation: int
    began: float
    ended: bool = False  # the speech has ended (its words are being recognised)
    voiced_s: float = 0.0  # speech heard since `began` (not the silence after it, waited for the end of the turn)


def words_of(text: str) -> list[str]:
    return re.findall(r"[^\W_]+(?:[-'][^\W_]+)*", text.lower())


def acknowledgement(transcript: str) -> bool:
    """Only a listener's acknowledgement ("Mm-hmm.", "Yeah, yeah.", "okay"): no stop word, nothing asked."""
    words = words_of(transcript)
    return bool(words) and len(words) <= 4 and not any(w in STOP_WORDS for w in words) and \
        "?" not in transcript and all(w in ACKNOWLEDGEMENTS for w in words)


def own_echo(transcript: str, said: str) -> bool:
    """The transcript is the assistant's own last words heard back (most of its words, in their order, each as said
    or nearly)."""
    heard, recent = words_of(transcript), words_of(said)[-ECHO_WORDS:]
    if len(heard) < 2 or not recent:
        return False
    heard = [next((w for w in recent if _nearly(h, w)), h) for h in heard]  # misheard words as they were said
    blocks = SequenceMatcher(None, heard, recent, autojunk=False).get_matching_blocks()
    return sum(b.size for b in blocks) >= ECHO_MATCH * len(heard)


def _nearly(heard: str, said: str) -> bool:
    return heard == said or (len(said) >= 5 and SequenceMatcher(None, heard, said).ratio() >= 0.75)


def lets_it_go_on(transcript: str, said: str) -> str | None:
    """Why speech heard over a reply does not stop it ("nothing", "acknowledgement", "echo"), or None: it stops."""
    if not words_of(transcript):
        return "nothing"
    if acknowledgement(transcript):
        return "acknowledgement"
    if own_echo(transcript, said) and not any(w in STOP_WORDS for w in words_of(transcript)[:2]):
        return "echo"
    return None
