"""The `assistant` command: parse flags, build settings and the model registry, dispatch a subcommand.

Errors meant for people (missing file, unreadable audio, unknown role, missing model) end as one line
on stderr and a non-zero exit code (see errors.py), never a traceback; `-v` shows tracebacks.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .config import load_settings
from .errors import AssistantError, InputError


def _global_flags(parser: argparse.ArgumentParser, default) -> None:
    # On the main parser and on every subcommand, so `assistant --profile spark models` and
    # `assistant models --profile spark` both work. Subcommands use SUPPRESS to not clobber the first.
    parser.add_argument("--profile", choices=["embedded", "spark"], default=default,
                        help="model profile (default: embedded)")
    parser.add_argument("--knowledge", type=Path, default=default, metavar="DIR", help="knowledge folder")
    parser.add_argument("--data-dir", type=Path, default=default, metavar="DIR", help="data folder")
    parser.add_argument("--config", type=Path, default=default, metavar="FILE", help="TOML config file")
    parser.add_argument("--device", default=default, help="auto, cpu, cuda, cuda:N or mps")
    parser.add_argument("-v", "--verbose", action="store_true", default=default or False,
                        help="log progress and show tracebacks")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="assistant",
        description="spark-assistant: a local, voice-first, multimodal assistant. With no command it "
                    "opens the terminal app (speak or type).",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    _global_flags(parser, None)
    shared = argparse.ArgumentParser(add_help=False)
    _global_flags(shared, argparse.SUPPRESS)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    ask = sub.add_parser("ask", parents=[shared], help="one turn with the agent (tools included), streamed")
    ask.add_argument("text", help="the question ('-' reads standard input)")
    ask.add_argument("--image", type=Path, action="append", help="attach an image (repeatable)")
    ask.add_argument("--json", action="store_true", help="reply, tool calls with arguments and results, timings")

    sub.add_parser("tui", parents=[shared], help="the terminal app: speak or type (also what plain `assistant` runs)")

    chat = sub.add_parser("chat", parents=[shared], help="text chat with the local model (streamed)")
    chat.add_argument("--max-tokens", type=int, default=512)

    models = sub.add_parser("models", parents=[shared], help="list the models per role, or pull them")
    models.add_argument("--json", action="store_true", help="machine-readable output")
    models_sub = models.add_subparsers(dest="models_command", metavar="ACTION")
    pull = models_sub.add_parser("pull", parents=[shared], help="download models into the HF cache")
    pull.add_argument("roles", nargs="*", metavar="ROLE", help="roles to fetch (default: every role)")

    transcribe = sub.add_parser("transcribe", parents=[shared], help="speech to text (stt role)")
    transcribe.add_argument("file", type=Path, help="an audio or video file (any format PyAV decodes)")
    transcribe.add_argument("--language", help="language code, e.g. en (default: detect)")
    transcribe.add_argument("--json", action="store_true", help="text, language and timed segments as JSON")

    index = sub.add_parser("index", parents=[shared], help="index the knowledge folder (incremental)")
    index.add_argument("--rebuild", action="store_true", help="drop the index and build it again")
    index.add_argument("--watch", action="store_true", help="keep indexing as files change")
    index.add_argument("--json", action="store_true", help="the report as JSON (with every skipped file)")

    search = sub.add_parser("search", parents=[shared], help="search the knowledge folder")
    search.add_argument("query", nargs="?", default="", help="what to look for")
    search.add_argument("--kind", choices=["any", "image", "pdf", "text"], default="any")
    search.add_argument("--limit", type=int, default=5)
    search.add_argument("--image", type=Path, help="find images similar to this one")
    search.add_argument("--json", action="store_true")

    mcp = sub.add_parser("mcp", parents=[shared], help="serve the tools and knowledge files over MCP (stdio; --http)")
    mcp.add_argument("--http", action="store_true", help="streamable HTTP at /mcp instead of stdio (bearer token)")
    mcp.add_argument("--host", help="address to bind with --http (default: 127.0.0.1, or mcp_host)")
    mcp.add_argument("--port", type=int, help="port with --http (default: 8765, or mcp_port)")
    mcp.add_argument("--show-token", action="store_true", help="print the HTTP bearer token (creating it if needed)")

    pdf = sub.add_parser("pdf", parents=[shared], help="answer from the PDFs, or read pages of one verbatim")
    pdf.add_argument("question", nargs="?", help="what to find in the PDFs")
    pdf.add_argument("--file", help="one PDF in the knowledge folder")
    pdf.add_argument("--pages", help="pages of --file to read verbatim: 3, 2-5 or 1,4-6")
    pdf.add_argument("--limit", type=int, default=5)
    pdf.add_argument("--json", action="store_true")

    voice = sub.add_parser("voice", parents=[shared], help="talk to the agent: microphone and speaker, or "
                           "--input FILE (one or more turns) and --output FILE.wav")
    voice.add_argument("--input", "-i", type=Path, metavar="FILE", help="speech to answer (any audio format) "
                       "instead of the microphone")
    voice.add_argument("--output", "-o", type=Path, metavar="FILE.wav", help="write the spoken replies here "
                       "instead of playing them")
    voice.add_argument("--realtime", action="store_true", help="feed --input at the speed it would be spoken "
                       "(and play the replies in real time), so barge-in and half-duplex behave as live")
    voice.add_argument("--barge-in", action=argparse.BooleanOptionalAction, default=None,
                       help="let speech interrupt the reply (use with headphones; default: off, half-duplex)")
    voice.add_argument("--language", help="language code for speech recognition (default: detect)")
    voice.add_argument("--input-device", type=_device, help="microphone: PortAudio index or name (see `devices`)")
    voice.add_argument("--output-device", type=_device, help="speaker: PortAudio index or name")
    voice.add_argument("--json", action="store_true", help="transcripts, replies, tool calls and latency records")

    devices = sub.add_parser("devices", parents=[shared], help="list audio input and output devices")
    devices.add_argument("--json", action="store_true")

    doctor = sub.add_parser("doctor", parents=[shared], help="check the install, devices, models, index and MCP "
                            "token; what is wrong and the command that fixes it")
    doctor.add_argument("--deep", action="store_true", help="also load every available role on its device and "
                        "run one small inference each, timed")
    doctor.add_argument("roles", nargs="*", metavar="ROLE", help="with --deep: only these roles")
    doctor.add_argument("--json", action="store_true", help="machine-readable report")

    say = sub.add_parser("say", parents=[shared], help="text to speech (tts role) into a WAV file")
    say.add_argument("text", help="what to say ('-' reads standard input)")
    say.add_argument("--output", "-o", type=Path, required=True, metavar="FILE.wav")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING, stream=sys.stderr,
                        format="%(levelname)s %(name)s: %(message)s")
    if not args.verbose:  # library chatter (weight-loading bars, advisories) is noise on a terminal
        os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
        os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    try:
        return _dispatch(args)
    except AssistantError as exc:
        if args.verbose:
            logging.exception("failed")
        print(f"assistant: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # a bug or an unforeseen library error: still one line unless -v
        if args.verbose:
            raise
        print(f"assistant: unexpected error: {type(exc).__name__}: {exc} (run with -v for details)",
              file=sys.stderr)
        return 1


def _dispatch(args: argparse.Namespace) -> int:
    from .models import ModelManager

    if args.command == "doctor":  # before the settings load: a broken config file is one of its findings
        from .doctor import doctor_command

        return doctor_command(args)
    settings = load_settings(args.config, profile=args.profile, knowledge_dir=args.knowledge,
                             data_dir=args.data_dir, device=args.device)
    manager = ModelManager(settings)
    command = args.command or "tui"
    if command == "models":
        if args.models_command == "pull":
            return _models_pull(manager, args.roles)
        return _models_list(manager, args.json)
    if command == "transcribe":
        return _transcribe(manager, args.file, args.language, args.json)
    if command == "say":
        return _say(manager, args.text, args.output)
    if command == "devices":
        from .voice import devices_command

        return devices_command(args.json)
    if command == "voice":
        from .voice import voice_command

        return voice_command(settings, manager, args)
    if command == "ask":
        from .ask import ask_command

        return ask_command(settings, manager, args.text, args.image or [], args.json)
    if command == "index":
        from .knowledge.commands import index_command

        return index_command(settings, manager, args.rebuild, args.watch, args.json)
    if command == "pdf":
        from .knowledge.commands import pdf_command

        return pdf_command(settings, manager, args.question, args.file, args.pages, args.limit, args.json)
    if command == "search":
        from .knowledge.commands import search_command

        return search_command(settings, manager, args.query, args.kind, args.limit, args.image, args.json)
    if command == "mcp":
        from .mcp.command import mcp_command

        return mcp_command(settings, manager, args)
    if command == "tui":
        if not (sys.stdin.isatty() and sys.stdout.isatty()):
            raise InputError("the terminal app needs an interactive terminal; from scripts use `assistant ask "
                             "TEXT`, `assistant voice --input FILE` or `assistant chat`")
        from .config import default_config_file
        from .tui import run_tui

        return run_tui(settings, manager, args.config or os.environ.get("ASSISTANT_CONFIG") or default_config_file())
    from .repl import run_chat

    return run_chat(manager, max_new_tokens=getattr(args, "max_tokens", 512))


def _models_list(manager, as_json: bool) -> int:
    from .models.resolve import human_size

    rows = manager.status()
    if as_json:
        print(json.dumps({"profile": manager.settings.profile, "models": [r.to_dict() for r in rows]}, indent=2))
        return 0
    print(f"profile: {manager.settings.profile}    model cache: {manager.settings.model_cache_dir}")
    print(f"{'ROLE':<11}{'MODEL':<44}{'FROM':<12}{'OFFLINE':<9}{'SIZE':>9}  LOADED")
    for r in rows:
        print(f"{r.role:<11}{_clip(r.source, 43):<44}{r.origin:<12}{'yes' if r.ready else 'no':<9}"
              f"{human_size(r.size_bytes):>9}  {'yes' if r.loaded else 'no'}")
    problems = [r for r in rows if r.problem]
    for r in problems:
        print(f"\n{r.role}: {r.problem}")
    return 0


def _models_pull(manager, roles: list[str]) -> int:
    from .models import pull
    from .models.specs import ROLES

    failed = 0
    for role in roles or ROLES:
        spec = manager.spec(role)
        try:
            path = pull(spec, manager.settings.model_cache_dir)
            print(f"{role}: {spec.source} -> {path}")
        except AssistantError as exc:
            print(f"{role}: {exc}", file=sys.stderr)
            failed += 1
    return 3 if failed else 0


def _transcribe(manager, file: Path, language: str | None, as_json: bool) -> int:
    from .audio.io import read_audio

    audio = read_audio(file)  # fails fast on a missing or unreadable file, before loading a model
    transcript = manager.get("stt").transcribe(audio, language=language)
    if as_json:
        print(json.dumps(transcript.to_dict(), indent=2, ensure_ascii=False))
    else:
        print(transcript.text)
    return 0


def _say(manager, text: str, output: Path) -> int:
    if text == "-":
        text = sys.stdin.read()
    if not text.strip():
        raise InputError("nothing to say: the text is empty")
    if not output.parent.is_dir():
        raise InputError(f"cannot write {output}: folder {output.parent} does not exist")
    manager.get("tts").to_wav(text, output)
    print(output)
    return 0


def _device(value: str) -> str | int:
    return int(value) if value.isdigit() else value


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


if __name__ == "__main__":
    sys.exit(main())
