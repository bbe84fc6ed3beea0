"""Fake roles and a scripted timeline for the voice loop, on a virtual clock (not a test module).

Everything runs inline on the event loop's thread, whose time is virtual (looptime: `@pytest.mark.looptime`
makes `asyncio.sleep` jump instead of wait). Fakes say how long their work takes with `runner.spend(s)`;
the `InlineRunner` turns that into an `asyncio.sleep`, so each step happens at a definite virtual time
and a test can assert *when* things happen. No model loads; a test takes milliseconds.

- `Script`: the microphone. `.silence(s)`, `.speech(s)`, `.until(condition)`; every 32 ms frame costs 32 ms.
- `FakeVAD`: speech probability 0.95 for a frame with sound in it, 0.02 for silence.
- `FakeSTT`: the next scripted transcript for each utterance, after `seconds`.
- `FakeTTS`: `seconds_per_word` of (silent) audio per word, made in `seconds` of compute.
- `ScriptedChat` (fakes.py) with `delays`: the chat model, `first` s before its first delta, `each` s apart.
- `VirtualSpeaker`: a player that plays in step with the virtual clock, recording what was heard.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any

import numpy as np
from fakes import ScriptedChat, ScriptedManager

from assistant.audio.frames import FRAME_S, FRAME_SAMPLES, SAMPLE_RATE, AudioFrame
from assistant.audio.player import Player
from assistant.config import VoiceSettings, load_settings
from assistant.contracts import Transcript
from assistant.models.policy import PromptPolicy
from assistant.runtime import Runtime
from assistant.voice.events import VoiceEvent
from assistant.voice.loop import VoiceLoop


class InlineRunner:
    """The loop's blocking work done inline; the time fakes `spend` passes on the virtual clock."""

    def __init__(self) -> None:
        self.owed = 0.0

    def spend(self, seconds: float) -> None:
        self.owed += seconds

    async def pay(self) -> None:
        owed, self.owed = self.owed, 0.0
        await asyncio.sleep(owed)  # also lets the other stages run, even when nothing is owed

    async def call(self, fn: Callable[..., Any], *args: Any) -> Any:
        result = fn(*args)
        await self.pay()
        return result

    async def stream(self, make: Callable[[], Iterator[Any]]) -> AsyncIterator[Any]:
        for item in make():
            await self.pay()
            yield item
        await self.pay()

    async def capture(self, frames, each, stopping) -> None:
        for frame in frames:  # the script spends each frame's 32 ms before handing it over: it "arrives"
            await self.pay()
            if stopping.is_set():
                break
            each(frame)


class Script:
    """The microphone: frames of silence (zeros) or speech (a constant level, which FakeVAD hears)."""

    def __init__(self, runner: InlineRunner):
        self.runner = runner
        self.steps: list[tuple[str, Any]] = []

    def silence(self, seconds: float) -> Script:
        self.steps.append(("frames", (0.0, seconds)))
        return self

    def speech(self, seconds: float) -> Script:
        self.steps.append(("frames", (0.1, seconds)))
        return self

    def until(self, condition: Callable[[], bool], limit_s: float = 60.0) -> Script:
        """Silence until `condition()` holds (checked before each frame)."""
        self.steps.append(("until", (condition, limit_s)))
        return self

    def then(self, action: Callable[[], Any]) -> Script:
        """Do something (press a key...) at this point of the timeline."""
        self.steps.append(("do", action))
        return self

    def frames(self) -> Iterator[AudioFrame]:
        n = 0

        def frame(level: float) -> AudioFrame:
            nonlocal n
            self.runner.spend(FRAME_S)
            n += 1
            return AudioFrame(np.full(FRAME_SAMPLES, level, np.float32), (n - 1) * FRAME_S)

        for kind, value in self.steps:
            if kind == "frames":
                level, seconds = value
                for _ in range(round(seconds / FRAME_S)):
                    yield frame(level)
            elif kind == "until":
                condition, limit_s = value
                for _ in range(round(limit_s / FRAME_S)):
                    if condition():
                        break
                    yield frame(0.0)
            else:
                value()


class FakeVAD:
    sample_rate = SAMPLE_RATE
    frame_size = FRAME_SAMPLES

    def reset(self) -> None:
        return None

    def probability(self, frame: np.ndarray) -> float:
        return 0.95 if float(np.abs(frame).max()) > 0.01 else 0.02

    def speech_segments(self, audio, threshold=0.5, min_speech_ms=250):
        return []


class FakeSTT:
    def __init__(self, runner: InlineRunner, *transcripts: str, seconds: float = 0.3):
        self.runner, self.transcripts, self.seconds = runner, list(transcripts), seconds
        self.heard: list[float] = []  # seconds of audio of each utterance
        self.languages: list[str | None] = []  # the language each was given (None: detect it)

    def transcribe(self, audio, language=None, utterance=False) -> Transcript:
        self.runner.spend(self.seconds)
        self.heard.append(len(audio) / SAMPLE_RATE)
        self.languages.append(language)
        text = self.transcripts.pop(0) if self.transcripts else ""
        return Transcript(text, "en", len(audio) / SAMPLE_RATE)


class FakeTTS:
    sample_rate = SAMPLE_RATE
    language: str | None = "en"
    speakers: tuple[str, ...] = ()

    def __init__(self, runner: InlineRunner, seconds_per_word: float = 0.4, seconds: float = 0.1):
        self.runner, self.seconds_per_word, self.seconds = runner, seconds_per_word, seconds

    def synthesize_all(self, text: str) -> np.ndarray:
        self.runner.spend(self.seconds)
        return np.zeros(int(len(text.split()) * self.seconds_per_word * SAMPLE_RATE), np.int16)

    def synthesize(self, text: str, speaker: str | None = None) -> Iterator[np.ndarray]:
        yield self.synthesize_all(text)

    def to_wav(self, text, path):
        raise NotImplementedError


class TimedChat(ScriptedChat):
    """A ScriptedChat whose deltas take time: `first` s before the first, `each` s between the others."""

    def __init__(self, runner: InlineRunner, *replies: list[str], first: float = 0.3, each: float = 0.1):
        super().__init__(*replies)
        self.runner, self.first, self.each = runner, first, each

    def _deltas(self, deltas, stop):
        for n, delta in enumerate(super()._deltas(deltas, stop)):
            self.runner.spend(self.first if n == 0 else self.each)
            yield delta


class VirtualSpeaker(Player):
    """Plays in step with the clock: whatever is asked of it, it first plays the audio due by now."""

    def __init__(self, clock: Callable[[], float], sample_rate: int = SAMPLE_RATE):
        super().__init__(sample_rate, record=True, clock=clock)
        self._at: float | None = None  # clock time up to which audio has been played

    def _advance(self) -> None:
        now = self.clock()
        if self._at is None or self._idle.is_set():
            self._at = now  # silence does not pile up
            return
        n = int((now - self._at) * self.sample_rate)
        if n > 0:
            self._pull(n, at=self._at)
            self._at += n / self.sample_rate

    def play(self, samples, generation, text="", sample_rate=None) -> bool:
        self._advance()
        return super().play(samples, generation, text, sample_rate)

    def busy(self) -> bool:
        self._advance()
        return super().busy()

    def remaining_s(self) -> float:
        self._advance()
        return super().remaining_s()

    def playback(self, generation):
        self._advance()
        return super().playback(generation)

    def stop(self, floor=None) -> float:
        self._advance()
        return super().stop(floor)


class Events:
    """Every event the loop emits, with the virtual time it came at."""

    def __init__(self, clock: Callable[[], float]):
        self.clock = clock
        self.log: list[tuple[float, VoiceEvent]] = []

    def __call__(self, event: VoiceEvent) -> None:
        self.log.append((self.clock(), event))

    def of(self, kind: type) -> list:
        return [e for _, e in self.log if isinstance(e, kind)]

    def times(self, kind: type, where: Callable[[Any], bool] = lambda e: True) -> list[float]:
        return [t for t, e in self.log if isinstance(e, kind) and where(e)]

    def states(self) -> list[str]:
        from assistant.voice.events import StateChanged

        return [e.state for e in self.of(StateChanged)]


class Rig:
    """A voice loop on fakes and the virtual clock; `run(script)` plays the script through it."""

    def __init__(self, tmp_path, *replies: list[str], transcripts: tuple[str, ...] = (), stt_s: float = 0.3,
                 first_token_s: float = 0.3, each_token_s: float = 0.1, seconds_per_word: float = 0.4,
                 tts_s: float = 0.1, turn_end: Any = None, **voice: Any):
        loop = asyncio.get_running_loop()
        self.clock = loop.time
        self.runner = InlineRunner()
        self.chat = TimedChat(self.runner, *replies, first=first_token_s, each=each_token_s)
        settings = load_settings(knowledge_dir=tmp_path / "knowledge", data_dir=tmp_path / "data")
        self.manager = ScriptedManager(settings, llm=self.chat)
        # the scripted model writes its own tool calls: the model-driven path, not the router's
        self.agent = Runtime(settings, self.manager).agent(policy=PromptPolicy(tool_routing="model"))
        self.agent.tools = {}
        self.stt = FakeSTT(self.runner, *transcripts, seconds=stt_s)
        self.tts = FakeTTS(self.runner, seconds_per_word, tts_s)
        self.player = VirtualSpeaker(self.clock)
        self.events = Events(self.clock)
        self.loop = VoiceLoop(vad=FakeVAD(), stt=self.stt, agent=self.agent, tts=self.tts, player=self.player,
                              voice=VoiceSettings(**voice), on_event=self.events, clock=self.clock,
                              runner=self.runner, turn_end=turn_end)
        self.t0 = self.clock()

    def script(self) -> Script:
        return Script(self.runner)

    async def run(self, script: Script, paced: bool = True):
        return await self.loop.run(script.frames(), paced=paced)

    def at(self, t: float) -> float:
        """A time of the timeline as a clock reading (the script starts at 0)."""
        return self.t0 + t
