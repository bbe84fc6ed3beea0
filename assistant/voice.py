"""`assistant voice` and `assistant devices`: the voice loop headless, on the microphone or on a file.

`build_voice_loop` is also what the TUI uses, so both run the same loop on the same Runtime.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import signal
import sys
from pathlib import Path

from .agent import TextDelta, ToolCallFinished, ToolCallStarted
from .audio.events import AgentUpdate, Interrupted, Problem, TurnFinished, UserSaid, VoiceEvent
from .audio.latency import LatencyLog
from .audio.loop import VoiceLoop
from .audio.player import InstantPlayer, Player, SimulatedSpeaker, SpeakerPlayer, output_devices
from .errors import DeviceUnavailable, InputError
from .runtime import Runtime

LATENCY_FILE = "voice-latency.jsonl"


def load_voice_models(runtime: Runtime, progress=None) -> None:
    """Load what the loop needs before it listens, so a first turn does not wait for model loading;
    `progress(role)` is told each role before it loads."""
    for role in ("vad", "stt", "tts", "llm"):
        if progress:
            progress(role)
        runtime.manager.get(role)


def build_voice_loop(runtime: Runtime, player: Player, on_event=None, agent=None, first_generation: int = 1,
                     **voice_overrides) -> VoiceLoop:
    settings = runtime.settings
    voice = settings.voice.model_copy(update=voice_overrides) if voice_overrides else settings.voice
    manager = runtime.manager
    agent = agent or runtime.agent()
    agent.warm_up()
    log = LatencyLog(settings.data_dir / LATENCY_FILE) if voice.latency_log else None
    return VoiceLoop(vad=manager.get("vad"), stt=manager.get("stt"), agent=agent, tts=manager.get("tts"),
                     player=player, voice=voice, on_event=on_event, latency_log=log, first_generation=first_generation)


def audio_devices() -> tuple[list[dict], list[dict], str | None]:
    """(inputs, outputs, why there are none: PortAudio missing) as PortAudio sees them."""
    from .audio.sources import list_devices

    try:
        return list_devices(), output_devices(), None
    except DeviceUnavailable as exc:
        return [], [], str(exc)


def devices_command(as_json: bool) -> int:
    inputs, outputs, problem = audio_devices()
    if not inputs and not outputs:
        problem = problem or "no audio devices found (no sound card on this machine)"
    if as_json:
        print(json.dumps({"inputs": inputs, "outputs": outputs, "problem": problem}, indent=2))
        return 0
    for title, devices in (("inputs", inputs), ("outputs", outputs)):
        print(f"{title}:")
        for d in devices:
            print(f"  {d['index']:>3}  {d['name']}  ({d['channels']} ch, {d['default_samplerate']:.0f} Hz)")
        if not devices:
            print("  (none)")
    if problem:
        print(f"\n{problem}; text still works: `assistant ask`, `assistant chat`, or `assistant voice --input FILE`")
    return 0


def voice_command(settings, manager, args) -> int:
    overrides = {k: v for k, v in {"barge_in": args.barge_in, "language": args.language,
                                   "input_device": args.input_device,
                                   "output_device": args.output_device}.items() if v is not None}
    if args.input is not None and not Path(args.input).is_file():
        raise InputError(f"audio file not found: {args.input}")
    if args.output is not None and not Path(args.output).parent.is_dir():
        raise InputError(f"cannot write {args.output}: folder {Path(args.output).parent} does not exist")
    runtime = Runtime(settings, manager)
    voice = settings.voice.model_copy(update=overrides)
    source = _source(args, voice)  # fails fast (no microphone) before models load
    printer = _Printer(as_json=args.json)
    if not args.json:
        print("loading models…", file=sys.stderr, flush=True)
    tts = manager.get("tts")
    player = _player(args, voice, tts.sample_rate)
    load_voice_models(runtime)
    loop = build_voice_loop(runtime, player, printer, **overrides)
    paced = args.input is None or args.realtime

    async def listen(frames):
        running = asyncio.get_running_loop()

        def first_ctrl_c() -> None:  # stop listening, finish the turn's bookkeeping; a second Ctrl-C kills
            running.remove_signal_handler(signal.SIGINT)
            loop.stop()
            source.close()

        with contextlib.suppress(NotImplementedError):
            running.add_signal_handler(signal.SIGINT, first_ctrl_c)
        return await loop.run(frames, paced=paced)

    try:
        if args.input is None:
            print("listening — speak (Ctrl-C to stop)", file=sys.stderr, flush=True)
        with source as frames:
            turns = asyncio.run(listen(frames))
    finally:
        if args.output is not None:
            player.wait_idle(timeout=60)
            player.save(args.output)
        player.close()
    if args.json:
        print(json.dumps({"turns": [t.to_dict() for t in turns], "problems": printer.problems,
                          "output": str(args.output) if args.output else None}, indent=2, ensure_ascii=False))
    elif not turns:
        print("no speech found in the input", file=sys.stderr)
    return 0


def _source(args, voice):
    from .audio.sources import MicrophoneSource, file_frames

    if args.input is not None:
        return _FileSource(file_frames(args.input, realtime=args.realtime))
    try:
        return MicrophoneSource(voice.input_device)
    except DeviceUnavailable as exc:
        raise DeviceUnavailable(f"{exc}. Text still works: `assistant ask`, `assistant chat`; or run "
                                "`assistant voice --input question.wav --output answer.wav`") from None


def _player(args, voice, sample_rate: int) -> Player:
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

    def __call__(self, event: VoiceEvent) -> None:
        if isinstance(event, Problem):
            self.problems.append(event.message)
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
        elif isinstance(event, TurnFinished):
            latency = event.turn.latency
            total = latency.get("total_s")
            print(flush=True)
            if total is not None:
                print(f"  [first audio {total:.2f} s after you stopped speaking]", file=sys.stderr, flush=True)
