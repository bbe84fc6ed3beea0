"""`assistant transcribe FILE [--language xx] [--json]`: speech to text with the stt role."""

from __future__ import annotations

import json
from pathlib import Path

from . import Invocation


def add(sub, shared) -> None:
    transcribe = sub.add_parser("transcribe", parents=[shared], help="speech to text (stt role)")
    transcribe.add_argument("file", type=Path, help="an audio or video file (any format PyAV decodes)")
    transcribe.add_argument("--language", help="language code, e.g. en (default: detect)")
    transcribe.add_argument("--json", action="store_true", help="text, language and timed segments as JSON")
    transcribe.set_defaults(run=run)


def run(inv: Invocation) -> int:
    from ..audio.io import read_audio

    audio = read_audio(inv.args.file)  # fails fast on a missing or unreadable file, before loading a model
    transcript = inv.manager.get("stt").transcribe(audio, language=inv.args.language)
    if inv.args.json:
        print(json.dumps(transcript.to_dict(), indent=2, ensure_ascii=False))
    else:
        print(transcript.text)
    return 0
