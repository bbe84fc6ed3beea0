"""transcribe_audio: speech to text (`stt` role) for an audio file in the knowledge folder, length-bounded."""

from __future__ import annotations

import contextlib
import threading
import weakref
from pathlib import Path
from typing import Annotated

from pydantic import Field

from ..contracts import Citation, ToolResult
from ..errors import InputError, first_line
from ..knowledge import recordings
from ..knowledge.text import ExtractionError
from ..routing_hints import FileArgument, Routing
from ..timecode import clock
from ..words import RECORDINGS, SEARCH_VERBS
from .registry import ToolContext, tool

MAX_AUDIO_SECONDS = 2 * 3600
BLOCK_S = 60.0  # transcribed at a time: a call taken back stops within one block
TIME_PATTERN = r"^\s*(\d+:){0,2}\d+(\.\d+)?\s*$"

# One call at a time per loaded speech model: the STT wrappers have no lock of their own, and two
# concurrent transcriptions on a GPU double its memory. Per model instance, so nothing else waits.
_locks: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_locks_guard = threading.Lock()


TRANSCRIBE_EXAMPLES = (
    "transcribe the meeting recording", "what is said in interview.mp3", "write down what the voice note says",
    "convert the lecture audio to text", "what did they say in the podcast file", "transcribe it",
    "now transcribe it", "what's in the recording from monday", "turn the call recording into text",
    "give me a transcript of lecture3.m4a", "what did I say in my last audio note", "listen to the recording",
    "transcribe the interview in German", "what's said in the video clip",
    "transcribe la grabación", "transcris le fichier audio", "transkribiere die Aufnahme",
)
TRANSCRIBE_KEYWORDS = (
    "transcri*", "transkri*", "recording", "recordings", "i recorded", "we recorded", "audio", "voice memo",
    "voice note", "voice message", "podcast", "said in", "say in", "saying in", "enregistrement",
    "grabación", "grabacion", "aufnahme", "registrazione", "gravação")
# The router: a recording named or described (one that is not there is said so), the language named; the
# transcript is the answer, read out as it is.
# ... but a search through the recordings ("check my recordings for the bit where Sam talks about ...",
# "controlla nelle mie registrazioni se ...") is search_knowledge's.
SEARCHED_RECORDINGS = (rf"\b(?:{'|'.join(sorted(SEARCH_VERBS))})\b[^.?!]{{0,60}}?\b(?:{'|'.join(sorted(RECORDINGS))})"
                       r"\b[^.?!]{0,40}?\b(?:for|about|where|if|whether|with|pour|sur|si|nach|über|ob|por|sobre|se|per|"
                       r"su)\b")  # (bounded runs: a long request is read in linear time)
TRANSCRIBE_ROUTING = Routing(
    "transcribe that recording", language="language", read_out="always", not_for=SEARCHED_RECORDINGS,
    file=FileArgument("file", "audio", "recording",
                      words=frozenset({"transcribe", "recording", "recordings", "audio", "transcript", "said", "say"})))


@tool("""
    Transcribe speech in an audio file from the user's knowledge folder (WAV, MP3, FLAC, OGG, M4A, or a
    video's sound track; up to 2 hours) into text. Use it when the user asks what is said in a recording,
    for meeting notes, voice memos or interviews, and to read a part of one: give `start` and `end`
    (e.g. '03:00' to '05:30') to read that stretch with times. An indexed recording is read from its
    stored transcript at once. Returns the transcript, its language and timed segments.
    """, examples=TRANSCRIBE_EXAMPLES, keywords=TRANSCRIBE_KEYWORDS, requires=("stt",), title="Transcribe audio",
    routing=TRANSCRIBE_ROUTING)
def transcribe_audio(
    ctx: ToolContext,
    file: Annotated[str, Field(min_length=1,
                               description="The audio file, a path in the knowledge folder, e.g. "
                                           "'recordings/meeting.mp3'.")],
    language: Annotated[str | None, Field(pattern=r"^[a-z]{2,3}$",
                                          description="The spoken language as a code like 'en' or 'de', "
                                                      "if known; leave it out to detect it.")] = None,
    start: Annotated[str | None, Field(pattern=TIME_PATTERN, description="Read from here: '03:12', '1:02:03' or "
                                       "seconds ('192'). Default: the beginning.")] = None,
    end: Annotated[str | None, Field(pattern=TIME_PATTERN, description="Read up to here, same forms. Default: "
                                     "the end.")] = None,
) -> ToolResult:
    path = ctx.knowledge_file(file, "audio file")
    if not path.is_file():
        raise InputError(f"audio file {file!r} is not a regular file")
    name = path.relative_to(ctx.settings.knowledge_dir.resolve()).as_posix()
    begin, until = seconds_of(start), seconds_of(end)
    if begin is not None and until is not None and until <= begin:
        raise InputError(f"the end ({end}) must come after the start ({start})")
    stored = ctx.knowledge.transcript(name) if language is None else None
    if stored is not None:
        data = {"text": " ".join(s[2] for s in stored["segments"]), "language": stored.get("language"),
                "duration": stored.get("duration"), "segments": [
                    {"start": s[0], "end": s[1], "text": s[2]} for s in stored["segments"]], "stored": True}
    else:
        seconds = audio_duration(path, name)
        if seconds > MAX_AUDIO_SECONDS:
            raise InputError(f"{name} is {clock(seconds)} long; at most {clock(MAX_AUDIO_SECONDS)} can be "
                             "transcribed at once (split it first, or index it: `assistant index`)")
        data = _transcribed(ctx, path, name, seconds, language)
        data["stored"] = False
    data["file"] = name
    if begin is None and until is None:
        text = data["text"].strip()
        return ToolResult(text=text or f"(no speech found in {name})", citations=[Citation(name)], data=data)
    low, high = begin or 0.0, until if until is not None else float("inf")
    part = [s for s in data["segments"] if s["end"] > low and s["start"] < high]
    data["segments"], data["text"] = part, " ".join(s["text"] for s in part)
    lines = [f"[{clock(s['start'])}] {s['text']}" for s in part]
    where = f"{name} from {clock(low)}" + (f" to {clock(high)}" if until is not None else "")
    return ToolResult(text="\n".join(lines) if lines else f"(nothing said in {where})",
                      citations=[Citation(name, time=part[0]["start"] if part else low)], data=data)


def _transcribed(ctx: ToolContext, path: Path, name: str, seconds: float, language: str | None) -> dict:
    """The recording transcribed BLOCK_S seconds at a time, with progress after each block, and stopped
    between blocks when the call is taken back (`ctx.check`)."""
    def progress(done: float, total: float) -> None:
        ctx.check()
        ctx.progress(done, total, f"{clock(done)} of {clock(total)} transcribed")

    ctx.check()
    with ctx.manager.lease("stt") as stt:
        with _lock_for(stt):
            try:
                result = recordings.transcribe(path, stt, MAX_AUDIO_SECONDS, progress, expected=seconds,
                                               language=language, block_s=BLOCK_S)
            except ExtractionError as exc:
                raise InputError(f"{name}: {exc.reason}") from None
    segments = [{"start": s.start, "end": s.end, "text": s.text} for s in result.segments]
    return {"text": " ".join(s.text for s in result.segments), "language": result.language,
            "duration": result.duration, "segments": segments, "speech": result.speech, "unheard": result.unheard,
            "coverage": result.coverage}


def seconds_of(value: str | None) -> float | None:
    """'03:12' -> 192.0, '1:02:03' -> 3723.0, '192.5' -> 192.5."""
    if value is None or not value.strip():
        return None
    parts = [float(p) for p in value.strip().split(":")]
    seconds = 0.0
    for part in parts:
        seconds = seconds * 60 + part
    return seconds


def audio_duration(path: Path, name: str) -> float:
    """Seconds of audio, from the container's metadata; when that is missing, by decoding (stopping as soon
    as the limit is passed, so a long file costs no more than the limit)."""
    import av

    try:
        container = av.open(str(path), metadata_errors="ignore")
    except Exception as exc:  # noqa: BLE001 - PyAV raises many kinds for files it cannot read
        raise InputError(f"{name} is not an audio file PyAV can read "
                         f"({first_line(exc)})") from None
    with container:
        if not container.streams.audio:
            raise InputError(f"{name} has no audio track")
        stream = container.streams.audio[0]
        if container.duration and container.duration > 0:
            return container.duration / av.time_base
        if stream.duration and stream.time_base:
            return float(stream.duration * stream.time_base)
        total = 0.0
        try:
            for frame in container.decode(stream):
                total += frame.samples / (frame.sample_rate or 16000)
                if total > MAX_AUDIO_SECONDS:
                    break
        except Exception as exc:  # noqa: BLE001
            raise InputError(f"cannot decode audio in {name} ({first_line(exc)})") from None
        return total


def _lock_for(model):
    own = getattr(model, "_lock", None)
    if own is not None and hasattr(own, "acquire"):
        return contextlib.nullcontext()  # the wrapper serialises its own calls
    with _locks_guard:
        try:
            return _locks.setdefault(model, threading.Lock())
        except TypeError:  # not weak-referenceable: serialise by type instead
            return _locks.setdefault(type(model), threading.Lock())
