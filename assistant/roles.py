"""What each model role must provide: one `Protocol` per role, the contract the rest of the code relies on.

A backend (`models/backends.py`) loads a model for a role and returns an object that satisfies the role's
protocol; the registry checks that when it loads one (`ROLE_PROTOCOLS`), and `ModelManager.get("stt")`
is typed as a `SpeechToText`, so nothing else needs to know which backend is behind a role. Fakes for
tests implement the same protocols.

    role        protocol         backends
    vad         VoiceActivity    silero-onnx
    turn        TurnEnd          smart-turn (Smart Turn v3.2, ONNX)
    stt         SpeechToText     faster-whisper, transformers-whisper
    llm         ChatModel        llama.cpp (GGUF), transformers (local), openai (a server)
    vlm         ImageDescriber   transformers-vlm, or the llm when it sees images (capabilities.vision)
    clip        ImageEmbedder    open-clip
    image_gen   ImageGenerator   diffusers
    tts         TextToSpeech     piper
    text_embed  TextEmbedder     sentence-transformers
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Protocol, get_args, runtime_checkable

from .contracts import ChatChunk, ImageDefaults, Message, ToolCall, ToolChoice, ToolSchema, Transcript

if TYPE_CHECKING:
    import numpy as np
    from PIL.Image import Image

DESCRIBE_QUESTION = "Describe this image in one or two sentences."  # a picture's question when none is asked

Role = Literal["vad", "turn", "stt", "llm", "vlm", "clip", "image_gen", "tts", "text_embed"]
ROLES: tuple[str, ...] = get_args(Role)  # the roles, written once (config, the registry, doctor read them here)


class StopSignal(Protocol):
    """What long work watches to end early (a `cancel.Cancel`): asked between steps, or told through a
    callback (a blocked network read is ended that way)."""

    def is_set(self) -> bool: ...

    def on_set(self, callback: Callable[[], None]) -> Callable[[], None]: ...


@dataclass(frozen=True)
class ChatCapabilities:
    vision: bool = False  # images may be in the messages, and describe() works
    reuse_prefix: bool = False  # the KV cache of the last prompt is kept: processing the fixed prefix once pays
    exact_token_counts: bool = True  # count_tokens uses the model's tokenizer (else it is an estimate)


@runtime_checkable
class ChatModel(Protocol):
    """A chat model: streams replies to OpenAI-style messages as typed chunks (`contracts.ChatChunk`: prose,
    whole tool calls, usage); a tool call is data from the engine on, never text to parse again."""

    @property
    def name(self) -> str: ...

    @property
    def capabilities(self) -> ChatCapabilities: ...

    @property
    def context_length(self) -> int: ...

    last_stats: dict[str, float]  # prompt_tokens, reused_tokens, new_tokens of the last call (where known)

    def count_tokens(self, messages: list[Message], tools: list[ToolSchema] | None = None) -> int: ...

    def stream(self, messages: list[Message], tools: list[ToolSchema] | None = None, max_new_tokens: int = 512,
               stop: StopSignal | None = None, temperature: float = 0.0, *, tool_choice: ToolChoice = "auto",
               response_schema: dict[str, Any] | None = None) -> Iterator[ChatChunk]:
        """`Text` as it is generated, each `ToolCall` whole, `Usage` last. `tool_choice`: "auto", "none",
        "required" or a tool's name (that call, its arguments under the tool's schema); `response_schema`: the
        reply is JSON of that schema. Setting `stop` (or closing the iterator) ends it promptly."""
        ...

    def chat(self, messages: list[Message], tools: list[ToolSchema] | None = None, max_new_tokens: int = 512,
             stop: StopSignal | None = None, temperature: float = 0.0) -> str:
        """The reply's prose, whole."""
        ...

    def describe(self, image: Image, question: str | None = None, max_new_tokens: int = 256) -> str:
        """Only when `capabilities.vision`; otherwise an InputError."""
        ...

    def warm(self, messages: list[Message], tools: list[ToolSchema] | None = None, keep: bool = False) -> None:
        """Get ready for prompts that start like this one: engines that keep a KV cache process it now (with
        `keep`, they may also keep it across starts); a no-op elsewhere."""
        ...

    def reset_cache(self) -> None: ...


@runtime_checkable
class ImageDescriber(Protocol):
    """The vlm role: answers a question about a picture (without one: DESCRIBE_QUESTION)."""

    @property
    def name(self) -> str: ...

    def describe(self, image: Image, question: str | None = None, max_new_tokens: int = 256) -> str: ...


@runtime_checkable
class SpeechToText(Protocol):
    def transcribe(self, audio: np.ndarray | str | Path, language: str | None = None,
                   utterance: bool = False) -> Transcript:
        """16 kHz mono float32 samples, or a file; `language` None: detected. `utterance`: the audio is one
        utterance a VAD already cut out (the voice loop), so no second VAD pass and no timestamps within it
        are needed (an engine may skip them)."""
        ...


@runtime_checkable
class TextToSpeech(Protocol):
    sample_rate: int
    language: str | None  # the voice's language (ISO 639-1, e.g. "en"), when it names one
    speakers: tuple[str, ...]  # the voices a multi-speaker model offers by name (empty: one voice)

    def synthesize(self, text: str, speaker: str | None = None) -> Iterator[np.ndarray]:
        """int16 mono samples at `sample_rate`, one array per sentence, as each is ready; `speaker`: one of
        `speakers` (None: the model's default)."""
        ...

    def synthesize_all(self, text: str) -> np.ndarray: ...

    def to_wav(self, text: str, path: str | Path) -> Path: ...


@runtime_checkable
class VoiceActivity(Protocol):
    """Speech probability per 32 ms frame of 16 kHz audio; stateful per stream (`reset` between streams)."""

    sample_rate: int
    frame_size: int

    def reset(self) -> None: ...

    def probability(self, frame: np.ndarray) -> float: ...

    def speech_segments(self, audio: np.ndarray, threshold: float = 0.5,
                        min_speech_ms: int = 250) -> list[tuple[float, float]]: ...


@runtime_checkable
class TurnEnd(Protocol):
    """Semantic end of turn: is the speech (16 kHz mono, ending with a pause) a finished turn?"""

    def complete(self, samples: np.ndarray) -> float:
        """The probability that the speaker has finished."""
        ...


@runtime_checkable
class TextEmbedder(Protocol):
    dim: int

    def embed(self, texts: list[str], batch_size: int = 64,
              kind: Literal["query", "document"] = "document") -> np.ndarray:
        """(len(texts), dim) float32, rows L2-normalised."""
        ...


@runtime_checkable
class ImageEmbedder(Protocol):
    """CLIP: images and texts in one space (rows L2-normalised)."""

    name: str
    dim: int

    def embed_images(self, images: Sequence[Image]) -> np.ndarray: ...

    def embed_texts(self, texts: Sequence[str]) -> np.ndarray: ...


@runtime_checkable
class ImageGenerator(Protocol):
    name: str
    family: str  # sd, sdxl, sd-turbo, flux-schnell, ...
    defaults: ImageDefaults

    def generate(self, prompt: str, negative_prompt: str | None = None, width: int | None = None,
                 height: int | None = None, steps: int | None = None, guidance_scale: float | None = None,
                 seed: int | None = None, on_step: Callable[[int, int], None] | None = None) -> Image:
        """A PIL image; the seed used is in `image.info["seed"]`; `on_step(done, total)` may raise to cancel."""
        ...


def protocol_members(protocol: type) -> list[str]:
    """The names a protocol asks for: its methods, properties and declared attributes."""
    names = {n for n in vars(protocol) if not n.startswith("_")} | set(getattr(protocol, "__annotations__", {}))
    return sorted(names)


ROLE_PROTOCOLS: dict[str, type] = {
    "vad": VoiceActivity, "turn": TurnEnd, "stt": SpeechToText, "llm": ChatModel, "vlm": ImageDescriber, "clip": ImageEmbedder,
    "image_gen": ImageGenerator, "tts": TextToSpeech, "text_embed": TextEmbedder,
}


@contextmanager
def streaming(chunks: Iterator[ChatChunk]) -> Iterator[Iterator[ChatChunk]]:
    """A chat model's stream, closed when the block ends however it ends (an engine stops generating when its stream
    is closed: an answer cut short, a forced call taken, a barge-in)."""
    try:
        yield chunks
    finally:
        close = getattr(chunks, "close", None)
        if close is not None:
            close()


def forced_call(llm: ChatModel, messages: list[Message], schema: ToolSchema, max_new_tokens: int,
                stop: StopSignal | None = None) -> dict[str, Any] | None:
    """The arguments the model writes for the one tool `schema` offers, its call forced (decoded under the
    schema where the engine can); None when it wrote none (stopped, or nothing usable)."""
    name = schema["function"]["name"]
    with streaming(llm.stream(messages, tools=[schema], max_new_tokens=max_new_tokens, stop=stop,
                              tool_choice=name)) as chunks:
        for chunk in chunks:
            if isinstance(chunk, ToolCall) and chunk.name == name:
                return chunk.arguments
    return None
