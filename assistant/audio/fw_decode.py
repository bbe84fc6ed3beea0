"""A whole clip through faster-whisper: the speech the VAD finds, one greedy pass, loops decoded again.

1. Silero VAD (faster-whisper's own) finds the speech; only that is decoded, joined, as faster-whisper's
   `vad_filter` does, and its times are mapped back to the clip's: no segment lies over silence.
2. One pass at temperature 0 without the compression-ratio fall-back: repetitive speech (ten similar
   sentences, a list of words) compresses as well as a loop, and faster-whisper sampled it at five more
   temperatures (a 60 s file took 48 s instead of 6 s) and then kept the greedy text, which was dropped.
   A segment Whisper itself took for silence (no_speech_prob > 0.6 and avg_logprob < -1), or without a word,
   is left out.
3. Segments that form a loop (`loops.loop_segments`) are decoded again (`redecode`): the audio from the end
   of the trusted segment before them to the start of the one after. Only what cannot be decoded without a
   loop is dropped.
4. The VAD's speech spans come back with the segments, for `coverage.unheard`.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .io import SAMPLE_RATE
from .redecode import Piece, heard, looping, redecode

log = logging.getLogger(__name__)

Span = tuple[float, float]


@dataclass
class Decoded:
    language: str | None
    duration: float
    pieces: list[Piece] = field(default_factory=list)
    speech: list[Span] | None = None  # the VAD's speech (clip seconds); None when no VAD ran
    looped: int = 0  # first-pass segments that formed loops (decoded again)
    dropped: int = 0  # segments dropped as invented: unsure silence, or still a loop when decoded again


def decode(model, samples: np.ndarray, language: str | None, beam_size: int, options: dict[str, Any],
           vad: bool) -> Decoded:
    """`samples`: 16 kHz float32 mono. `options`: extra faster-whisper transcribe() arguments (they win)."""
    options = dict(options)
    vad = bool(options.pop("vad_filter", vad))
    vad_parameters = options.pop("vad_parameters", None)
    duration = samples.size / SAMPLE_RATE
    speech: list[Span] | None = None
    audio, to_clip = samples, _identity
    if vad:
        from faster_whisper.vad import SpeechTimestampsMap, VadOptions, get_speech_timestamps

        params = vad_parameters if isinstance(vad_parameters, VadOptions) else VadOptions(**(vad_parameters or {}))
        chunks = get_speech_timestamps(samples, params)
        speech = [(c["start"] / SAMPLE_RATE, c["end"] / SAMPLE_RATE) for c in chunks]
        if not chunks:
            return Decoded(language, duration, [], speech)
        audio = np.concatenate([samples[c["start"]:c["end"]] for c in chunks])
        to_clip = _mapper(SpeechTimestampsMap(chunks, SAMPLE_RATE))
    first = {"beam_size": beam_size, "condition_on_previous_text": False, "compression_ratio_threshold": None,
             **options, "vad_filter": False}
    parts, info = model.transcribe(audio, language=language, **first)
    raw = list(parts)
    language = info.language
    result = Decoded(language, duration, speech=speech)
    pieces = heard(raw, 0.0, float("inf"))
    result.dropped = sum(1 for p in raw if p.text.strip()) - len(pieces)
    if looping(pieces):
        pieces = _redecode_loops(model, audio, pieces, language, beam_size, options, result)
    for piece in pieces:
        start, end = to_clip(piece.start, False), to_clip(piece.end, True)
        start = min(start, duration)  # a loop's made-up times can run past the end
        result.pieces.append(Piece(round(start, 3), round(min(max(end, start), duration), 3), piece.text,
                                   piece.logprob))
    return result


def _redecode_loops(model, audio: np.ndarray, pieces: list[Piece], language: str | None, beam_size: int,
                    options: dict[str, Any], result: Decoded) -> list[Piece]:
    """`pieces` with each looping stretch decoded again on its own (times in `audio`'s seconds)."""
    flagged = set(looping(pieces))
    out: list[Piece] = []
    n = 0
    while n < len(pieces):
        if n not in flagged:
            out.append(pieces[n])
            n += 1
            continue
        last = n
        while last + 1 in flagged:
            last += 1
        begin = out[-1].end if out else 0.0
        end = pieces[last + 1].start if last + 1 < len(pieces) else audio.size / SAMPLE_RATE
        kept, dropped = redecode(model, audio, begin, end, language, beam_size, options)
        result.looped += last - n + 1
        result.dropped += dropped
        log.debug("a loop at %.1f-%.1f s (%r...) decoded again: %d segments kept, %d still looping",
                  begin, end, pieces[n].text[:60], len(kept), dropped)
        out += kept
        n = last + 1
    return out


def _identity(seconds: float, is_end: bool) -> float:
    return seconds


def _mapper(ts_map):
    def to_clip(seconds: float, is_end: bool) -> float:
        return float(ts_map.get_original_time(seconds, is_end=is_end))

    return to_clip
