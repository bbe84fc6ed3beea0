"""synthesize_speech: text to speech with the `tts` role (Piper here), for other assistants over MCP.

The speech comes back as a WAV file with the text beside it (clients that drop audio still get what was said).
Speech longer than MAX_INLINE_SECONDS is saved in the knowledge folder's `generated/` instead of sent inline
(clients cap a reply at about 1 MiB): the reply names the file, which clients fetch as a resource. `save=True`
saves short speech too.
"""

from __future__ import annotations

import time
from typing import Annotated

from pydantic import Field

from ..audio.io import wav_bytes
from ..contracts import AudioOut, Citation, ToolResult
from ..errors import InputError
from ..limits import MAX_SPEECH_CHARS as MAX_TEXT_CHARS
from .outputs import generated_folder, output_name, save_new
from .registry import Hints, ToolContext, tool

MAX_INLINE_SECONDS = 15.0  # 0.66 MB of 22 kHz WAV, 0.88 MB as base64: under clients' ~1 MiB reply limits
CAPTION_CHARS = 300


@tool("""
    Speak text aloud with the workstation's text-to-speech voice and return the audio (WAV), with the
    text beside it. Use it to produce narration, announcements or spoken answers as sound files. Speech
    over 15 seconds (or with save=true) is saved in the knowledge folder under generated/ and named in
    the reply (long speech only there).
    """, requires=("tts",), title="Synthesize speech", for_agent=False,
    hints=Hints(read_only=False, destructive=False, idempotent=False))
def synthesize_speech(
    ctx: ToolContext,
    text: Annotated[str, Field(min_length=1, max_length=MAX_TEXT_CHARS,
                               description="What to say, as plain sentences.")],
    voice: Annotated[str | None, Field(max_length=100, description="A speaker of a multi-speaker voice, by "
                                       "name. Default: the configured voice.")] = None,
    save: Annotated[bool, Field(description="Also save the WAV in the knowledge folder's generated/ (long "
                                            "speech is saved either way).")] = False,
) -> ToolResult:
    text = " ".join(text.split())
    if not text:
        raise InputError("nothing to say: the text is empty")
    started = time.perf_counter()
    with ctx.manager.lease("tts") as tts:
        rate = tts.sample_rate
        chunks = []
        for chunk in tts.synthesize(text, speaker=voice or None):
            ctx.check()
            chunks.append(chunk)
            ctx.progress(len(chunks), None, f"sentence {len(chunks)} spoken")
    if not chunks:
        raise InputError("nothing in the text can be spoken")
    import numpy as np

    samples = np.concatenate(chunks)
    seconds = round(samples.size / rate, 2)
    data = wav_bytes(samples, rate)
    saved = None
    inline = seconds <= MAX_INLINE_SECONDS
    if save or not inline:
        folder = generated_folder(ctx.settings)
        path = save_new(folder, lambda: output_name("speech", text, ".wav"), lambda out: out.write(data))
        saved = path.relative_to(ctx.settings.knowledge_dir.resolve()).as_posix()
    took = round(time.perf_counter() - started, 2)
    caption = text if len(text) <= CAPTION_CHARS else text[: CAPTION_CHARS - 1] + "…"
    where = f" Saved as {saved}." if saved else ""
    if not inline:
        where += " Too long to send in the reply: read the file."
    return ToolResult(
        text=f"Spoke {seconds:g} s of audio ({rate} Hz WAV) in {took:g} s.{where}",
        audio=[AudioOut(data, caption, "audio/wav", saved, inline)],
        citations=[Citation(saved)] if saved else [],
        data={"seconds": seconds, "sample_rate": rate, "bytes": len(data), "file": saved, "text": text,
              "voice": voice},
    )
