"""A stretch where Whisper looped, decoded again on its own (faster-whisper, no conditioning on earlier text).

1. Greedily, with word times: the words before the first loop are kept, with their times, and decoding goes on
   from the last of them. Whisper often transcribes the start of a window right and then repeats one word to
   the token limit ("... basket, orange, purple, purple, purple, ..."); from where the good words end, a new
   window decodes well. Deterministic, and as cheap as the pass that looped.
2. A stretch that loops from its first word is decoded at each fall-back temperature (FALLBACK_TEMPERATURES,
   FALLBACK_SAMPLES samples each). A result is kept when it has no loop, Whisper is sure of it (average
   log-probability LOGPROB_MIN or more) and another decode at another temperature says much the same words
   (AGREE): speech comes out alike each time, while over voice-like noise each sample invents a different
   sentence. faster-whisper's own fall-back cannot do this: it judges by the compression ratio, which a list
   of words fails at every temperature, and then keeps the likeliest result, the loop. When no two decodes
   agree, nothing of the stretch is kept; GIVE_UP temperatures in a row without a usable result end the
   search (voice-like noise loops at every temperature, and each costs a whole decode). CTranslate2's
   sampling cannot be seeded (set_random_seed does not reach its worker threads, OpenNMT/CTranslate2#1757):
   the agreement keeps run-to-run differences to the wording.
"""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any

import numpy as np

from .io import SAMPLE_RATE
from .loops import implausible, loop_segments, repeated_runs, words

FALLBACK_TEMPERATURES = (0.2, 0.4, 0.6, 0.8, 1.0)  # faster-whisper's after 0 (the greedy decode that looped)
FALLBACK_SAMPLES = 3  # faster-whisper's best_of at the sampling temperatures (its default: 5)
GIVE_UP = 3  # temperatures in a row with nothing loop-free and sure: the rest would not do better
LOGPROB_MIN = -1.0  # a sampled decode is trusted only this sure of itself (faster-whisper's log_prob_threshold)
AGREE = 0.5  # ... and when another decode at another temperature says the same words (difflib's ratio)
MIN_SPAN_S = 1.0  # less audio than this left: not decoded again
MAX_WINDOWS = 20  # greedy windows for one stretch at most


@dataclass
class Piece:
    start: float  # seconds in the audio decoded (joined speech)
    end: float
    text: str
    logprob: float = 0.0  # Whisper's average log-probability of its tokens (of its 30 s window)


def unsure_silence(no_speech_prob: float, avg_logprob: float) -> bool:
    return no_speech_prob > 0.6 and avg_logprob < -1.0


def heard(parts, offset: float, end: float) -> list[Piece]:
    """faster-whisper's segments as pieces (times plus `offset`, at most `end`): those with words that Whisper
    did not itself take for silence."""
    return [Piece(offset + p.start, min(offset + p.end, end), p.text.strip(), p.avg_logprob) for p in parts
            if words(p.text) and not unsure_silence(p.no_speech_prob, p.avg_logprob)]


def looping(pieces: list[Piece]) -> list[int]:
    return loop_segments([p.text for p in pieces], [(p.start, p.end) for p in pieces])


def redecode(model, audio: np.ndarray, begin: float, end: float, language: str | None, beam_size: int,
             options: dict[str, Any]) -> tuple[list[Piece], int]:
    """The audio from `begin` to `end` (seconds) decoded again -> (pieces, looping segments left out)."""
    out: list[Piece] = []
    at = begin
    for _ in range(MAX_WINDOWS):
        if end - at < MIN_SPAN_S:
            break
        good, looped = _greedy(model, audio, at, end, language, beam_size, options)
        out += good
        if not looped:
            return out, 0
        if not good or good[-1].end < at + MIN_SPAN_S:  # loops from (about) its first word
            sampled, dropped = _sampled(model, audio, at if not good else good[-1].end, end, language,
                                        beam_size, options)
            return out + sampled, dropped
        at = good[-1].end
    return out, 0


def _greedy(model, audio: np.ndarray, begin: float, end: float, language: str | None, beam_size: int,
            options: dict[str, Any]) -> tuple[list[Piece], bool]:
    """The words before the first loop, as pieces with word times; and whether a loop came after them."""
    settings = {"beam_size": beam_size, **options, "temperature": 0.0, "word_timestamps": True,
                "without_timestamps": False, "compression_ratio_threshold": None,
                "condition_on_previous_text": False, "vad_filter": False}
    parts, _ = model.transcribe(audio[int(begin * SAMPLE_RATE):int(end * SAMPLE_RATE)], language=language,
                                **settings)
    spoken = [p for p in parts if words(p.text) and not unsure_silence(p.no_speech_prob, p.avg_logprob)]
    said = [(n, w) for n, p in enumerate(spoken) for w in (p.words or [])]  # (segment, word) in order
    tokens, owner = [], []
    for i, (_, w) in enumerate(said):
        for token in words(w.word):
            tokens.append(token)
            owner.append(i)
    runs = repeated_runs(tokens)
    cut = owner[runs[0][0]] if runs else len(said)
    dense = [n for n, p in enumerate(spoken) if implausible(p.text, p.end - p.start)]
    if dense:
        cut = min(cut, next((i for i, (m, _) in enumerate(said) if m >= dense[0]), len(said)))
    pieces = []
    for n, p in enumerate(spoken):
        mine = [w for m, w in said[:cut] if m == n]
        text = "".join(w.word for w in mine).strip()
        if words(text):
            pieces.append(Piece(begin + mine[0].start, min(begin + mine[-1].end, end), text, p.avg_logprob))
    return pieces, cut < len(said) or bool(dense)


def _sampled(model, audio: np.ndarray, begin: float, end: float, language: str | None, beam_size: int,
             options: dict[str, Any]) -> tuple[list[Piece], int]:
    """The first loop-free, sure result that another temperature agrees with; else nothing."""
    part = audio[int(begin * SAMPLE_RATE):int(end * SAMPLE_RATE)]
    tries: list[list[Piece]] = []
    dropped = 0
    for temperature in FALLBACK_TEMPERATURES:
        if len(tries) >= GIVE_UP and not any(tries[-GIVE_UP:]):
            break
        settings = {"beam_size": beam_size, "best_of": FALLBACK_SAMPLES, **options, "temperature": temperature,
                    "compression_ratio_threshold": None, "condition_on_previous_text": False, "vad_filter": False}
        parts, _ = model.transcribe(part, language=language, **settings)
        pieces = heard(parts, begin, end)
        loops = set(looping(pieces))
        clean = [p for i, p in enumerate(pieces) if i not in loops and p.logprob >= LOGPROB_MIN]
        dropped = max(dropped, len(pieces) - len(clean))
        for earlier in tries:
            if clean and earlier and agree(earlier, clean):
                return earlier, dropped
        tries.append(clean)
    return [], dropped


def agree(a: list[Piece], b: list[Piece]) -> bool:
    """Whether two decodes of the same audio say much the same words in the same order."""
    first, second = words(" ".join(p.text for p in a)), words(" ".join(p.text for p in b))
    return SequenceMatcher(None, first, second, autojunk=False).ratio() >= AGREE
