"""Speech over the assistant's reply (barge-in with echo cancellation): a listener's "mm-hmm" lets it go on, its
own echo is no turn, and "stop", "wait" or a new question stops it.

When the user is heard while the assistant speaks, the reply is turned down at its first voiced frame
(`Player.duck`): that is the moment the speech is detected, and the rest of it is heard over a quieter echo. A
burst too short to be speech turns it back up. It is stopped when there has been `interrupt_after_ms` of speech
(a question, a sentence; the silence after a short "yeah", waited for the end of the turn, does not count), or,
for a shorter one, by its words once they are recognised: an acknowledgement ("yeah", "okay", "mm-hmm"), nothing
at all (a cough, a door) or the assistant's own last words (an echo the canceller left) turn the reply back up
and are not answered; anything else ("wait, what?", a question) stops it, and only "stop" or "wait" is not
answered: the assistant goes quiet and listens.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import TYPE_CHECKING

from ..words import ACKNOWLEDGEMENTS, STOP_WORDS

if TYPE_CHECKING:
    from ..audio.frames import Utterance
    from ..audio.player import Player
    from .endpointer import Endpointer

RELEASE_S = 0.2  # a burst too short to be speech, this long silent, turns the reply back up
UNSURE_LOGPROB = -1.0  # below this average token log-probability Whisper was guessing (its own threshold for a
# failed decode); measured on speech over a reply after cancellation: "mm-hmm", "uh-huh", "hmm" came out as words
# at -1.0 to -3.5, short requests ("tell me more", "next one", "what time?") at -0.16 to -0.97
STALE_S = 30.0  # speech over a reply whose words never came is forgotten after this long
ECHO_WORDS = 40  # how much of what the assistant said last a transcript is compared with
ECHO_MATCH = 0.6  # the share of a transcript's words found, in order, in them that makes it an echo (a word
# heard a letter or two off counts: recognition mishears what the canceller leaves); at half, "What is the capital
# of France?" after "The capital of Italy is Rome." was taken for an echo


@dataclass
class Overlap:
    """Speech heard over reply `generation` from clock time `began` (audio time `speech_t`), not yet judged."""

    generation: int
    began: float
    speech_t: float
    voiced_s: float = 0.0  # speech heard since `began` (not the silence after it, waited for the end of the turn)
    quiet_s: float = 0.0  # silence since the last voiced frame
    playing: bool = True  # the speaker was playing when it began (if not, it cannot be the reply's echo)


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


def lets_it_go_on(transcript: str, said: str, logprob: float | None = None) -> str | None:
    """Why short speech heard over a reply does not stop it ("nothing", "acknowledgement", "unsure": recognition
    was unsure of the words and none asks to stop, "echo"), or None: it stops."""
    if not words_of(transcript):
        return "nothing"
    if acknowledgement(transcript):
        return "acknowledgement"
    if logprob is not None and logprob < UNSURE_LOGPROB and not any(w in STOP_WORDS for w in words_of(transcript)):
        return "unsure"  # Whisper guesses words for a hum ("mm-hmm" as "have a mom"): not enough to stop a reply
    if own_echo(transcript, said) and not any(w in STOP_WORDS for w in words_of(transcript)[:2]):
        return "echo"
    return None


def stop_only(transcript: str) -> bool:
    """Only words that stop a reply ("Stop.", "No, wait.", "Hold on"): the user wants quiet, or to go on
    speaking; nothing to answer."""
    words = words_of(transcript)
    return bool(words) and len(words) <= 4 and "?" not in transcript and any(w in STOP_WORDS for w in words) and \
        all(w in STOP_WORDS or w in _FILLERS for w in words)  # ("Sorry?" asks for it again: answered)


_FILLERS = frozenset("on it a second sec minute please just".split())  # "hold on", "stop it", "wait a second"


class BargeIn:
    """Speech over a reply, from its first voiced frame to its verdict.

    The capture thread calls `frame` for every frame the endpointer took: on the first voiced frame of speech
    over a reply, the reply is turned down (the detection); a burst that ends before it counts as speech
    (`min_speech_ms`) turns it back up; speech that goes on for `interrupt_after_s` stops it; speech that ends
    sooner waits for its words. The event loop calls `judge` with each recognised utterance: only the speech
    whose start it holds is judged by it. The reply stays down while any speech over it is live or waiting for
    its words ("mm-hmm ... what about Mars?": two). One lock over the state, which both threads change.
    """

    def __init__(self, player: Player, active: Callable[[], int | None], stop: Callable[[int, float], bool],
                 clock: Callable[[], float], interrupt_after_s: float, threshold: float):
        self.player = player
        self.active = active  # the reply speech may stop now (barge-in allowed, a reply being answered), or None
        self.stop = stop  # (generation, detected at) -> the reply was stopped (it was still the active one)
        self.clock = clock
        self.interrupt_after_s = interrupt_after_s
        self.threshold = threshold
        self._lock = threading.Lock()
        self._live: Overlap | None = None  # speech being heard over a reply
        self._waiting: list[Overlap] = []  # speech over a reply that ended short, waiting for its words
        self._cut_by: list[Overlap] = []  # speech that went on over a reply and stopped it, not yet recognised

    def frame(self, heard: Endpointer, frame_s: float, ended: bool) -> None:
        """A frame the endpointer took (capture thread); `ended`: it ended an utterance."""
        voiced = heard.last_probability >= self.threshold
        stop: Overlap | None = None
        with self._lock:
            now = self.clock()
            if any(now - o.began >= STALE_S for o in self._waiting + self._cut_by):  # words that never came
                self._waiting = [o for o in self._waiting if now - o.began < STALE_S]
                self._cut_by = [o for o in self._cut_by if now - o.began < STALE_S]
                self._turn_up_if_clear()
            live = self._live
            if live is None:
                if not voiced or (began := heard.speech_began) is None or (generation := self.active()) is None:
                    return
                self._live = Overlap(generation, now, began, voiced_s=frame_s, playing=self.player.busy())
                self.player.duck()
                return
            live.voiced_s += frame_s if voiced else 0.0
            live.quiet_s = 0.0 if voiced else live.quiet_s + frame_s
            if ended:
                self._end_live()
            elif heard.speech_began is None or (not heard.speech_confirmed and live.quiet_s >= RELEASE_S):
                self._live = None  # too short to be speech (a click, a breath): nothing was said (yet)
                self._turn_up_if_clear()
            elif live.voiced_s >= self.interrupt_after_s:
                self._live, stop = None, live  # it goes on: the user takes the turn
                self._cut_by.append(live)
        if stop is not None:
            self._stop(stop)

    def flushed(self) -> None:
        """The endpointer was flushed into an utterance (push-to-talk released): live speech waits for its words."""
        with self._lock:
            if self._live is not None:
                self._end_live()

    def dropped(self) -> None:
        """The microphone was closed: live speech is dropped unheard, and the reply turned back up if nothing else
        said over it waits for its words."""
        with self._lock:
            self._live = None
            self._turn_up_if_clear()

    def judge(self, utterance: Utterance, transcript: str, logprob: float | None = None) -> tuple[int, str] | None:
        """An utterance recognised (event loop): (the reply it was heard over, why) when it is no turn to answer
        (`lets_it_go_on`'s reasons, or "stop"); None: answer it. Short speech over a reply that asks nothing
        ("mm-hmm", a cough, its own echo) turns it back up; one that asks to stop stops it; speech that stopped
        it is no turn either when it was its own echo or only "stop"."""
        with self._lock:
            overlap = next((o for o in self._waiting if _holds(utterance, o)), None)
            cut = next((o for o in self._cut_by if _holds(utterance, o)), None)
            if overlap is not None:
                self._waiting.remove(overlap)
            if cut is not None:
                self._cut_by.remove(cut)
        if overlap is not None:
            if (why := lets_it_go_on(transcript, self._echo_of(overlap), logprob)) is not None:
                with self._lock:
                    self._turn_up_if_clear()
                return overlap.generation, why
            self._stop(overlap)
            return (overlap.generation, "stop") if stop_only(transcript) else None
        if cut is not None:
            if stop_only(transcript):
                return cut.generation, "stop"
            if lets_it_go_on(transcript, self._echo_of(cut)) == "echo":
                return cut.generation, "echo"
        return None

    def said_lately(self, generation: int) -> str:
        """What the assistant was heard saying in reply `generation` and the one before it (an echo of a reply
        cut a moment ago is an echo too)."""
        return " ".join(self.player.heard(g) for g in (generation - 1, generation) if g > 0)

    def _echo_of(self, overlap: Overlap) -> str:
        """What an echo heard in `overlap` could hold: the reply's last words, if it was playing then (a question
        said while the answer is still being thought of, repeating the last reply's words, is no echo)."""
        return self.said_lately(overlap.generation) if overlap.playing else ""

    def _end_live(self) -> None:
        assert self._live is not None
        self._waiting.append(self._live)  # short: judged by its words
        self._live = None

    def _turn_up_if_clear(self) -> None:
        """(under the lock) The reply back up, unless speech over it is live or waiting for its words."""
        if self._live is None and not self._waiting:
            self.player.unduck()

    def _stop(self, overlap: Overlap) -> None:
        """Speech over a reply is a turn of the user's: the reply stops, if it is still the one spoken over."""
        if not self.stop(overlap.generation, overlap.began):
            with self._lock:  # the reply ended meanwhile
                self._turn_up_if_clear()


def _holds(utterance: Utterance, overlap: Overlap) -> bool:
    return utterance.start_t - 1e-6 <= overlap.speech_t < utterance.end_t
