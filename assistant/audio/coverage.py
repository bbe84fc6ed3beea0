"""How much of a clip's speech a transcript covers: the VAD's speech spans against the transcript's segments.

Whisper's segment times are rough (a segment often ends a little before the next one starts, and the VAD pads
speech by 0.4 s each side and keeps pauses under 2 s inside a span), so each segment counts for SLACK_S more
on both sides and uncovered pieces shorter than MIN_GAP_S are not counted as unheard. The share of the speech
with words under it is `contracts.coverage` (a transcript's own property).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

SLACK_S = 0.5
MIN_GAP_S = 1.0

Span = tuple[float, float]


def unheard(speech: Sequence[Span], heard: Iterable[Span], slack: float = SLACK_S,
            min_gap: float = MIN_GAP_S) -> list[Span]:
    """The pieces of `speech` (start, end seconds, sorted) under no span of `heard`, each `min_gap` or longer."""
    covered = merge([(start - slack, end + slack) for start, end in heard])
    out: list[Span] = []
    for start, end in speech:
        at = start
        for begin, stop in covered:
            if stop <= at:
                continue
            if begin >= end:
                break
            if begin > at:
                out.append((at, begin))
            at = max(at, stop)
        if at < end:
            out.append((at, end))
    return [(round(a, 2), round(b, 2)) for a, b in out if b - a >= min_gap]


def merge(spans: Iterable[Span], gap: float = 0.0) -> list[Span]:
    """Sorted spans, those that overlap (or lie less than `gap` apart) joined."""
    out: list[Span] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1] + gap:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out
