"""transcribe_audio: speech to text (`stt` role) for an audio file in the knowledge folder, length-bounded."""

from __future__ import annotations

import contextlib
import threading
import weakref
from pathlib import Path
from typing import Annotated

from pydantic import Field

from ..errors import InputError, first_line
from .registry import Citation, ToolContext, ToolResult, tool

MAX_AUDIO_SECONDS = 2 * 3600

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


@tool("""
    Transcribe speech in an audio file from the user's knowledge folder (WAV, MP3, FLAC, OGG, M4A, or a
    video's sound track; up to 2 hours) into text. Use it when the user asks what is said in a recording,
    for meeting notes, voice memos or interviews. Returns the transcript; the detected language and timed
    segments come with it.
    """, examples=TRANSCRIBE_EXAMPLES, keywords=TRANSCRIBE_KEYWORDS, requires=("stt",), title="Transcribe audio")
def transcribe_audio(
    ctx: ToolContext,
    file: Annotated[str, Field(min_length=1,
                               description="The audio file, a path in the knowledge folder, e.g. "
                                           "'recordings/meeting.mp3'.")],
    language: Annotated[str | None, Field(pattern=r"^[a-z]{2,3}$",
                                          description="The spoken language as a code like 'en' or 'de', "
                                                      "if known; leave it out to detect it.")] = None,
) -> ToolResult:
    path = ctx.knowledge_file(file, "audio file")
    if not path.is_file():
        raise InputError(f"audio file {file!r} is not a regular file")
    name = path.relative_to(ctx.settings.knowledge_dir.resolve()).as_posix()
    seconds = audio_duration(path, name)
    if seconds > MAX_AUDIO_SECONDS:
        raise InputError(f"{name} is {_clock(seconds)} long; at most {_clock(MAX_AUDIO_SECONDS)} can be "
                         "transcribed at once (split it first)")
    with ctx.manager.lease("stt") as stt:
        with _lock_for(stt):
            transcript = stt.transcribe(path, language=language)
    text = transcript.text.strip()
    data = transcript.to_dict()
    data["file"] = name
    return ToolResult(
        text=text or f"(no speech found in {name})",
        citations=[Citation(name)],
        data=data,
    )


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


def _clock(seconds: float) -> str:
    seconds = int(round(seconds))
    hours, rest = divmod(seconds, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}"
