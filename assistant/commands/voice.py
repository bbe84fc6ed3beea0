"""`assistant voice`: the voice loop headless, on the microphone and speaker, or on files
(`--input question.wav [--output answer.wav] [--realtime] [--json]`)."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import signal
import sys
import time
from dataclasses import asdict
from pathlib import Path

from typing import TYPE_CHECKING

from ..errors import DeviceUnavailable, InputError
from . import Invocation

if TYPE_CHECKING:
    from ..audio.player import Player
    from ..voice.events import VoiceEvent


def add(sub, shared) -> None:
    voice = sub.add_parser("voice", parents=[shared], help="talk to the agent: microphone and speaker, or "
                           "--input FILE (one or more turns) and --output FILE.wav")
    voice.add_argument("--input", "-i", type=Path, metavar="FILE", help="speech to answer (any audio format) "
                       "instead of the microphone")
    voice.add_argument("--output", "-o", type=Path, metavar="FILE.wav", help="write the spoken replies here "
                       "instead of playing them")
    voice.add_argument("--realtime", action="store_true", help="feed --input at the speed it would be spoken "
                       "(and play the replies in real time), so barge-in and half-duplex behave as live")
    voice.add_argument("--barge-in", action=argparse.BooleanOptionalAction, default=None,
                       help="let speech interrupt the reply (default: on while echo cancellation runs, else off: "
                            "half-duplex; on without it needs headphones)")
    voice.add_argument("--echo-cancellation", action=argparse.BooleanOptionalAction, default=None,
                       help="take the assistant's own voice out of the microphone (default: on where "
                            "pywebrtc-audio loads)")
    voice.add_argument("--language", help="language code for speech recognition "
                                          "(default: the voice's language; auto: detect it once)")
    voice.add_argument("--input-device", type=_device, help="microphone: PortAudio index or name (see `devices`)")
    voice.add_argument("--output-device", type=_device, help="speaker: PortAudio index or name")
    voice.add_argument("--json", action="store_true", help="transcripts, replies, tool calls and latency records")
    voice.set_defaults(run=run)


def _device(value: str) -> str | int:
    return int(value) if value.isdigit() else value


def run(inv: Invocation) -> int:
    args, settings, manager = inv.args, inv.settings, inv.manager
    overrides = {k: v for k, v in {"barge_in": args.barge_in, "echo_cancellation": args.echo_cancellation,
                                   "language": args.language,
                                   "input_device": args.input_device,
                                   "output_device": args.output_device}.items() if v is not None}
    if args.input is not None and not Path(args.input).is_file():
        raise InputError(f"audio file not found: {args.input}")
    if args.output is not None and not Path(args.output).parent.is_dir():
        raise InputError(f"cannot write {args.output}: folder {Path(args.output).parent} does not exist")
    runtime = inv.runtime
    voice = settings.voice.model_copy(update=overrides)
    printer = _Printer(as_json=args.json)
    from ..audio.echo import canceller

    echo = canceller(voice.echo_cancellation, report=printer.problem) if args.input is None else None
    source = _source(args, voice, printer.problem, echo)  # fails fast (no microphone) before models load
    if not args.json:
        print("loading models…", file=sys.stderr, flush=True)
    tts = manager.get("tts")
    loop = player = None
    turns: list = []
    with _terminate_interrupts(printer):
        try:
            runtime.load_voice_models()
            player = _player(args, voice, tts.sample_rate)  # opened once loading is over (no underruns meanwhile)
            from ..audio.player import SpeakerPlayer

            if echo is not None and isinstance(player, SpeakerPlayer):
                player.far_end = echo.far  # the echo canceller's reference: what the speaker plays
            elif echo is not None:  # no speaker the microphone could hear (a file, a stand-in): nothing to cancel
                source.drop_echo()
                echo = None
            loop = runtime.voice_loop(player, printer, echo=echo, **overrides)
            if args.input is None:
                print("listening — speak (Ctrl-C to stop)", file=sys.stderr, flush=True)
            with source as frames:
                paced = args.input is None or args.realtime
                turns = asyncio.run(_listen(loop, source, frames, printer, paced))
        except KeyboardInterrupt:  # Ctrl-C or SIGTERM while the models loaded: the record all the same
            printer.stopped_by = printer.stopped_by or "SIGINT"
            turns = list(loop.turns) if loop is not None else []
        finally:
            if player is not None:
                if args.output is not None:
                    player.wait_idle(timeout=60)
                    player.save(args.output)
                player.close()
    if args.json:
        print(json.dumps({"turns": [t.to_dict() for t in turns], "problems": printer.problems,
                          "interruptions": printer.interruptions, "heard": printer.heard,
                          "stopped_by": printer.stopped_by,
                          "output": str(args.output) if args.output else None,
                          "echo_cancellation": asdict(echo.stats()) if echo is not None else None},
                         indent=2, ensure_ascii=False), flush=True)
    elif not turns:
        print("no speech found in the input", file=sys.stderr)
    return 0


async def _listen(loop, source, frames, printer: _Printer, paced: bool):
    running = asyncio.get_running_loop()

    def first_signal(signum: int) -> None:  # stop listening, finish the turn's bookkeeping, print the record;
        for each in (signal.SIGINT, signal.SIGTERM):  # a second Ctrl-C ends the process at once
            running.remove_signal_handler(each)
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        printer.stopped_by = signal.Signals(signum).name
        loop.stop()
        source.close()  # never waits on the device (devices.shut)

    for each in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):  # Windows; not the main thread
            running.add_signal_handler(each, first_signal, each)
    return await loop.run(frames, paced=paced)


@contextlib.contextmanager
def _terminate_interrupts(printer: _Printer):
    """SIGTERM raises KeyboardInterrupt, as Ctrl-C does, until listening starts (then `_listen` handles both)."""
    def interrupt(signum, frame):
        printer.stopped_by = "SIGTERM"
        raise KeyboardInterrupt

    try:
        previous = signal.signal(signal.SIGTERM, interrupt)
    except ValueError:  # not the main thread
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _source(args, voice, report, echo=None):
    from ..audio.sources import MicrophoneSource, file_frames

    if args.input is not None:
        return _FileSource(file_frames(args.input, realtime=args.realtime))
    try:
        return MicrophoneSource(voice.input_device, report=report, echo=echo)
    except DeviceUnavailable as exc:
        raise DeviceUnavailable(f"{exc}. Text still works: `assistant ask`, `assistant chat`; or run "
                                "`assistant voice --input question.wav --output answer.wav`") from None


def _player(args, voice, sample_rate: int) -> Player:
    from ..audio.player import InstantPlayer, SimulatedSpeaker, SpeakerPlayer

    if args.output is not None:  # a file: played in real time when the input is, else at once
        return SimulatedSpeaker(sample_rate) if args.realtime else InstantPlayer(sample_rate)
    if args.input is not None and not args.realtime:
        return InstantPlayer(sample_rate)
    try:
        return SpeakerPlayer(sample_rate, voice.output_device)
    except DeviceUnavailable as exc:
        print(f"assistant: {exc}", file=sys.stderr)
        return SimulatedSpeaker(sample_rate)  # replies still print; timing stays as if spoken


class _FileSource:
    """A file's frames with the context-manager shape of MicrophoneSource."""

    def __init__(self, frames):
        self.frames = frames

    def __enter__(self):
        return self.frames

    def __exit__(self, *exc):
        return None

    def close(self) -> None:
        return None


class _Printer:
    """Prints the conversation as it happens (nothing in --json mode: the JSON comes at the end)."""

    def __init__(self, as_json: bool):
        self.as_json = as_json
        self.problems: list[str] = []
        self.interruptions: list[dict] = []  # barge-ins, with when the speech was detected (time.perf_counter)
        self.heard: list[dict] = []  # every spoken transcript, answered or not, with when it was (time.perf_counter)
        self.stopped_by: str | None = None  # the signal that ended listening (SIGINT, SIGTERM)

    def problem(self, message: str) -> None:
        """A problem told by the microphone (from its thread)."""
        from ..voice.events import Problem

        self(Problem(message))

    def __call__(self, event: VoiceEvent) -> None:
        from ..agent import TextDelta, ToolCallFinished, ToolCallStarted
        from ..voice.events import OVERHEARD, AgentUpdate, Interrupted, Overheard, Problem, TurnFinished, UserSaid

        if isinstance(event, Problem):
            self.problems.append(event.message)
        if isinstance(event, Interrupted):
            self.interruptions.append(asdict(event))
        if isinstance(event, UserSaid) and event.spoken or isinstance(event, Overheard):
            at = event.at if event.at is not None else time.perf_counter()  # (recognised at, on the loop's clock)
            self.heard.append({"text": event.text, "at": at, "generation": event.generation,
                               "not_answered": event.why if isinstance(event, Overheard) else None})
        if self.as_json:
            return
        if isinstance(event, UserSaid):
            print(f"\nyou{'' if event.spoken else ' (typed)'}: {event.text}\nassistant: ", end="", flush=True)
        elif isinstance(event, AgentUpdate):
            inner = event.event
            if isinstance(inner, TextDelta):
                print(inner.text, end="", flush=True)
            elif isinstance(inner, ToolCallStarted):
                print(f"\n  [{inner.name} {json.dumps(inner.arguments, ensure_ascii=False)}]", flush=True)
            elif isinstance(inner, ToolCallFinished):
                print(f"  [{inner.name}: {'error, ' if inner.result.is_error else ''}{inner.result.seconds:.1f} s]",
                      flush=True)
        elif isinstance(event, Problem):
            print(f"\nassistant: {event.message}", file=sys.stderr, flush=True)
        elif isinstance(event, Interrupted):
            print(f"\n  [interrupted after: {event.heard!r}]", flush=True)
        elif isinstance(event, Overheard):
            print(f"\n  [heard over the reply, not answered ({OVERHEARD[event.why]}): {event.text!r}]", flush=True)
        elif isinstance(event, TurnFinished):
            latency = event.turn.latency
            total = latency.get("total_s")
            print(flush=True)
            if total is not None:
                print(f"  [first audio {total:.2f} s after you stopped speaking]", file=sys.stderr, flush=True)
