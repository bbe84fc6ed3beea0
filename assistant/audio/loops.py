"""Whisper's repetition loops told apart from speech that is repetitive on purpose.

A decoder stuck in a loop writes the same words back to back, again and again: "I'm not sure if I can do it."
fourteen times in a row over noise, often one segment per copy. Ten similar sentences ("... on Monday ...",
"... on Tuesday ...") or a list of random words drawn from a small set compress as well as a loop (zlib ratio
2.4-3.8 over a 30 s window), but no stretch of them is an exact copy of the stretch before it. So a loop here is
a run of at least LOOP_COPIES back-to-back copies of one unit of words, LOOP_WORDS words or more in all; and a
stretch that claims more than its seconds could hold: more letters than MAX_LETTERS_PER_S, far beyond fast
speech (17 a second from the Piper voice); and a loop inside one word: a letter STRETCHED times in a row
("Rrrrrrrr...", "RUNNNNNNNN...": no word has that).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from .coverage import merge

LOOP_COPIES = 3  # a unit said three times back to back ...
LOOP_WORDS = 10  # ... and ten words or more in the run ("thank you, thank you, thank you" is speech);
MANY_COPIES = 5  # or a short unit (a word or two) five times or more ("booby, booby, booby, booby, booby")
MAX_UNIT = 40  # the longest repeated unit looked for, in words (a sentence or two)
MAX_LETTERS_PER_S = 40.0  # fast speech is 15-25 letters a second
DENSE_LETTERS = 40  # a stretch is judged by its rate only from this many letters on (timestamps are rough)
STRETCHED = 6


UNSPACED = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"  # kana and CJK ideographs: no spaces


def words(text: str) -> list[str]:
    """Lower-case words without punctuation: what a repetition is compared on. Japanese and Chinese, written
    without spaces, go by character ("うううう...", "ん ん ん ..." are Whisper's loops over noise there)."""
    return re.findall(rf"[{UNSPACED}]|[^\W{UNSPACED}]+(?:'[^\W{UNSPACED}]+)*", text.lower())


def repeated_runs(tokens: Sequence[str], copies: int = LOOP_COPIES, min_words: int = LOOP_WORDS,
                  max_unit: int = MAX_UNIT) -> list[tuple[int, int]]:
    """[start, end) word ranges that are `copies` or more back-to-back copies of one unit, `min_words` or more
    words long, or MANY_COPIES copies or more of any unit, merged where they overlap."""
    if len(tokens) < min(min_words, MANY_COPIES):
        return []
    ids = np.unique(np.asarray(tokens, dtype=object).astype(str), return_inverse=True)[1]
    runs: list[tuple[int, int]] = []
    for unit in range(1, min(max_unit, len(ids) // min(copies, MANY_COPIES)) + 1):
        same = np.concatenate([[False], ids[unit:] == ids[:-unit], [False]])  # same[i + 1]: word i == word i + unit
        edges = np.flatnonzero(np.diff(same.astype(np.int8)))
        for begin, end in zip(edges[::2], edges[1::2]):  # word i in [begin, end) equals word i + unit
            length = end - begin + unit  # a periodic stretch of this many words
            if length >= unit * MANY_COPIES or (length >= unit * copies and length >= min_words):
                runs.append((int(begin), int(begin + length)))
    return [(int(begin), int(end)) for begin, end in merge(runs)]


def implausible(text: str, seconds: float) -> bool:
    """More letters than `seconds` could hold, by far; or one letter STRETCHED times in a row."""
    count = sum(len(word) for word in words(text))
    return (count >= DENSE_LETTERS and count > MAX_LETTERS_PER_S * max(seconds, 0.0)) or bool(
        re.search(rf"([^\W\d_{UNSPACED}])\1{{{STRETCHED - 1},}}", text.lower()))


def loop_segments(texts: Sequence[str], spans: Sequence[tuple[float, float]]) -> list[int]:
    """Indexes of the segments (texts, with their (start, end) seconds) that are part of a loop: a repeated run
    across or within them, or one segment denser than speech can be."""
    tokens: list[str] = []
    owner: list[int] = []
    for n, text in enumerate(texts):
        found = words(text)
        tokens += found
        owner += [n] * len(found)
    flagged = {owner[i] for begin, end in repeated_runs(tokens) for i in range(begin, end)}
    flagged |= {n for n, (text, (start, end)) in enumerate(zip(texts, spans)) if implausible(text, end - start)}
    return sorted(flagged)
