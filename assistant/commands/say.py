"""`assistant say TEXT -o FILE.wav`: text to speech with the tts role."""

from __future__ import annotations

import sys
from pathlib import Path

from ..errors import InputError
from ..limits import MAX_SPEECH_CHARS, check_length
from . import Invocation


def add(sub, shared) -> None:
    say = sub.add_parser("say", parents=[shared], help="text to speech (tts role) into a WAV file")
    say.add_argument("text", help="what to say ('-' reads standard input)")
    say.add_argument("--output", "-o", type=Path, required=True, metavar="FILE.wav")
    say.set_defaults(run=run)


def run(inv: Invocation) -> int:
    text, output = inv.args.text, inv.args.output
    if text == "-":
        text = sys.stdin.read()
    if not text.strip():
        raise InputError("nothing to say: the text is empty")
    check_length(text.strip(), "the text", MAX_SPEECH_CHARS)  # before the voice loads
    if not output.parent.is_dir():
        raise InputError(f"cannot write {output}: folder {output.parent} does not exist")
    inv.manager.get("tts").to_wav(text, output)
    print(output)
    return 0
