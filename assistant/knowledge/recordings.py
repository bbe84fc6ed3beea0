"""Recordings (audio, and the audio track of videos) as text the index can embed and cite by time.

    kind = sniff(path)            # "audio" from the first bytes (WAV, FLAC, OGG/Opus, MP3, M4A/MP4, WebM/MKV...)
    info = probe(path, max_s)     # duration, codec, rate; a header claiming more than max_s is refused
    result = transcribe(path, stt, on_progress)    # language (detected once), duration, segments
    chunks = chunk_segments(result.segments)       # ~30-60 s each, cut at segment boundaries
    result.gap()                                   # "only 62 % of its speech was transcribed (...)", or None

Decoding streams through PyAV block by block (BLOCK_S of audio at a time, cut at the quietest moment near
the block's end so no word is split), so a long recording is never held whole in memory and its progress
shows as it is transcribed. A chunk's `page` is its start second: the index's "where in the file" slot,
which for PDFs is the page (`kind` tells them apart; `search.Hit.start` is what callers read).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from ..audio.coverage import merge
from ..contracts import Segment, coverage  # a segment's start and end: here from the recording's start
from ..timecode import clock
from .text import ExtractionError, TextChunk, read_head

__all__ = ["AUDIO_SUFFIXES", "AudioInfo", "Transcription", "blocks", "chunk_segments", "clock",
           "has_audio", "probe", "sniff", "transcribe"]

log = logging.getLogger(__name__)

SAMPLE_RATE = 16_000
BLOCK_S = 300.0  # seconds decoded and transcribed at a time
CUT_SEARCH_S = 8.0  # a block ends at the quietest 0.25 s of its last CUT_SEARCH_S seconds
CHUNK_MIN_S, CHUNK_MAX_S = 30.0, 60.0
MIN_COVERAGE = 0.95  # a transcript with words under less of the VAD's speech than this is reported
GAP_JOIN_S = 10.0  # unheard stretches closer than this are named as one
AUDIO_SUFFIXES = {".wav", ".wave", ".flac", ".ogg", ".oga", ".opus", ".mp3", ".m4a", ".aac", ".mp4", ".m4v",
                  ".mov", ".webm", ".mkv", ".mka", ".wma", ".aiff", ".aif", ".amr", ".3gp"}


def sniff(path: Path) -> bool:
    """Whether the file's first bytes are an audio or video container PyAV reads (see also `has_audio`)."""
    head = read_head(path, 64)
    sync = len(head) > 1 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0  # an MPEG audio frame
    return (
        (head[:4] in (b"RIFF", b"RF64", b"BW64") and head[8:12] in (b"WAVE", b"AVI "))
        or head[:4] in (b"fLaC", b"OggS", b"\x1aE\xdf\xa3", b"#!AM", b".snd", b"caff")  # FLAC, Ogg, EBML, CAF
        or head[:3] == b"ID3"  # MP3 with tags
        or (sync and head[1] & 0x06 != 0)  # MP3 (layers I-III)
        or (sync and head[1] & 0xF6 == 0xF0)  # AAC in ADTS (layer bits 00)
        or head[4:8] == b"ftyp"  # MP4, M4A, MOV, 3GP
        or (head[:4] == b"FORM" and head[8:12] in (b"AIFF", b"AIFC"))
        or head[:16] == bytes.fromhex("3026b2758e66cf11a6d900aa0062ce6c")  # ASF (WMA)
    )


def has_audio(path: Path) -> bool:
    """Whether PyAV finds an audio track: for a file with an audio name whose first bytes `sniff` does not
    know (a container of its own, junk before the first MP3 frame)."""
    import av

    try:
        with av.open(str(path)) as container:
            return bool(container.streams.audio)
    except Exception:  # not something PyAV reads
        return False


@dataclass
class AudioInfo:
    duration: float  # seconds, as the container says
    codec: str
    sample_rate: int
    channels: int


def probe(path: Path, max_seconds: float) -> AudioInfo:
    """The recording's header, checked: an audio stream, a duration, and not longer than `max_seconds`."""
    import av

    try:
        with av.open(str(path)) as container:
            streams = container.streams.audio
            if not streams:
                raise ExtractionError("no audio track", path)
            stream = streams[0]
            duration = None
            if stream.duration is not None and stream.time_base is not None:
                duration = float(stream.duration * stream.time_base)
            if not duration and container.duration:
                duration = container.duration / 1_000_000
            info = AudioInfo(float(duration or 0.0), stream.codec_context.name, int(stream.rate or 0),
                             int(stream.channels or 0))
    except ExtractionError:
        raise
    except Exception as exc:  # PyAV's many error types: a file it cannot open is not a recording we can read
        raise ExtractionError(f"unreadable recording ({_reason(exc)})", path) from None
    if info.duration > max_seconds:
        raise ExtractionError(f"recording too long ({info.duration / 3600:.1f} h; the limit is "
                              f"{max_seconds / 3600:g} h: setting recording_max_hours)", path)
    return info


def blocks(path: Path, max_seconds: float, block_s: float = BLOCK_S) -> Iterator[tuple[float, np.ndarray]]:
    """(start second, 16 kHz mono float32 samples) blocks of the first audio track, each cut at a quiet moment.
    Stops with an ExtractionError past `max_seconds` of decoded audio (headers can lie)."""
    import av

    block = int(block_s * SAMPLE_RATE)
    pending: list[np.ndarray] = []
    have, start, total = 0, 0, 0
    try:
        with av.open(str(path)) as container:
            stream = container.streams.audio[0]
            resampler = av.AudioResampler(format="flt", layout="mono", rate=SAMPLE_RATE)
            for packet in container.demux(stream):
                for frame in packet.decode():
                    for out in resampler.resample(frame):
                        samples = out.to_ndarray().reshape(-1).astype(np.float32, copy=False)
                        pending.append(samples)
                        have += samples.size
                        total += samples.size
                    if total > max_seconds * SAMPLE_RATE:
                        raise ExtractionError(f"recording longer than its header says (over "
                                              f"{max_seconds / 3600:g} h: setting recording_max_hours)", path)
                    while have >= block + int(CUT_SEARCH_S * SAMPLE_RATE):
                        joined = np.concatenate(pending)
                        cut = _quiet_cut(joined, block)
                        yield start / SAMPLE_RATE, joined[:cut]
                        start += cut
                        pending, have = [joined[cut:]], joined.size - cut
            for out in resampler.resample(None):
                pending.append(out.to_ndarray().reshape(-1).astype(np.float32, copy=False))
    except ExtractionError:
        raise
    except Exception as exc:
        if start == 0 and not pending:
            raise ExtractionError(f"unreadable recording ({_reason(exc)})", path) from None
        log.warning("%s: decoding stopped early (%s); indexing what was read", path.name, _reason(exc))
    rest = np.concatenate(pending) if pending else np.zeros(0, np.float32)
    if rest.size:
        yield start / SAMPLE_RATE, rest


def _quiet_cut(samples: np.ndarray, block: int) -> int:
    """The sample index, at or after `block`, of the quietest 0.25 s in the next CUT_SEARCH_S seconds."""
    window = SAMPLE_RATE // 4
    span = samples[block: block + int(CUT_SEARCH_S * SAMPLE_RATE)]
    n = span.size // window
    if n < 2:
        return block
    energy = np.square(span[: n * window].reshape(n, window)).mean(axis=1)
    return block + int(np.argmin(energy)) * window + window // 2


@dataclass
class Transcription:
    language: str | None
    duration: float
    segments: list[Segment] = field(default_factory=list)
    speech: float | None = None  # seconds the VAD called speech; None when the engine runs no VAD
    unheard: list[tuple[float, float]] = field(default_factory=list)  # speech with no words under it

    @property
    def coverage(self) -> float | None:
        """The share of the speech with words under it (None: not measured)."""
        return coverage(self.speech, self.unheard)

    def coverage_meta(self) -> dict:
        """What the index keeps about it beside the segments."""
        return {"speech": self.speech, "coverage": self.coverage, "unheard": self.unheard}

    def gap(self, minimum: float = MIN_COVERAGE) -> str | None:
        """Why the transcript is not the whole recording, when less than `minimum` of its speech has words."""
        share = self.coverage
        if share is None or share >= minimum:
            return None
        spans = merge(self.unheard, GAP_JOIN_S)
        named = ", ".join(f"{clock(a)}–{clock(b)}" for a, b in spans[:3])
        more = f" and {len(spans) - 3} more" if len(spans) > 3 else ""
        return (f"only {int(share * 100)} % of its speech was transcribed ({named}{more} missing); "
                "the words found are indexed")


def transcribe(path: Path, stt, max_seconds: float, on_progress: Callable[[float, float], None] | None = None,
               expected: float = 0.0, language: str | None = None, block_s: float = BLOCK_S) -> Transcription:
    """The whole recording, block by block (`block_s` seconds, cut in quiet moments): the language (unless
    given) is detected on the first block with speech and kept for the rest. `on_progress(seconds done, seconds
    in all)` after each block; it may raise to stop there (a call taken back)."""
    segments: list[Segment] = []
    speech: float | None = 0.0
    unheard: list[tuple[float, float]] = []
    done = 0.0
    for start, samples in blocks(path, max_seconds, block_s):
        result = stt.transcribe(samples, language=language)
        if language is None and result.text.strip():
            language = result.language
        onset = _onsets(samples)
        segments += [Segment(round(start + onset(s.start, s.end), 2), round(start + s.end, 2), s.text.strip())
                     for s in result.segments if s.text.strip()]
        speech = None if speech is None or result.speech is None else speech + result.speech
        unheard += [(round(start + a, 2), round(start + b, 2)) for a, b in result.unheard]
        done = start + samples.size / SAMPLE_RATE
        if on_progress is not None:
            on_progress(done, max(done, expected))
    return Transcription(language, round(done, 2), segments, None if speech is None else round(speech, 2), unheard)


def _onsets(samples: np.ndarray) -> Callable[[float, float], float]:
    """Where speech really begins within a segment: Whisper's segments often start at the end of the one
    before, silence included (a minute of it, after a pause); the first 100 ms loud enough moves it there."""
    frame = SAMPLE_RATE // 10
    n = samples.size // frame
    if n == 0:
        return lambda begin, end: begin
    rms = np.sqrt(np.square(samples[: n * frame].reshape(n, frame), dtype=np.float64).mean(axis=1))
    loud = rms > max(0.005, 0.15 * float(np.percentile(rms, 95)))

    def onset(begin: float, end: float) -> float:
        first, last = int(begin * 10), min(n, int(np.ceil(end * 10)))
        hits = np.flatnonzero(loud[first:last])
        if not hits.size:
            return begin
        at = int(hits[0])
        # the last word of the segment before, then a pause of a second or more: the speech is after it
        gaps = np.flatnonzero(np.diff(hits) >= 10)
        if gaps.size and hits[gaps[0]] - at < 10:
            at = int(hits[gaps[0] + 1])
        return max(begin, (first + at) / 10 - 0.1)

    return onset


def chunk_segments(segments: list[Segment], min_s: float = CHUNK_MIN_S,
                   max_s: float = CHUNK_MAX_S) -> list[tuple[float, float, TextChunk]]:
    """(start, end, chunk) of about min_s..max_s each, cut between segments; a chunk's page is its start
    second. A pause of 2 s or more ends a chunk early once it has min_s (a new topic often follows)."""
    out: list[tuple[float, float, TextChunk]] = []
    current: list[Segment] = []

    def close() -> None:
        if current:
            text = " ".join(s.text for s in current)
            out.append((current[0].start, current[-1].end, TextChunk(text, int(current[0].start), None, len(out))))
            current.clear()

    for segment in segments:
        if current:
            length = segment.end - current[0].start
            pause = segment.start - current[-1].end
            if length > max_s or (pause >= 2.0 and current[-1].end - current[0].start >= min_s):
                close()
        current.append(segment)
    close()
    return out


def _reason(exc: Exception) -> str:
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return text[:120]
