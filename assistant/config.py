"""One settings object, layered: defaults < TOML file < ASSISTANT_* environment < command-line flags.

The TOML file is `--config FILE`, else `$ASSISTANT_CONFIG`, else `config.toml` in the XDG config dir
(`~/.config/spark-assistant/config.toml`) when it exists. Example::

    profile = "spark"
    knowledge_dir = "~/knowledge"
    device = "cuda"

    [models]
    stt = "openai/whisper-large-v3"          # a Hugging Face repo id ...
    clip = "/models/my-open-clip"            # ... or a local path
    [models.llm]
    source = "Qwen/Qwen3-VL-8B-Instruct"
    backend = "transformers"

Environment: `ASSISTANT_PROFILE=spark`, `ASSISTANT_MODELS__STT=/path`, `ASSISTANT_DEVICE=cpu`, ...
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Literal

import platformdirs
from pydantic import BaseModel, Field, SecretStr, field_validator
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

from .errors import ConfigError
from .roles import ROLES

APP_NAME = "spark-assistant"
Profile = Literal["embedded", "spark"]


def default_config_file() -> Path:
    return platformdirs.user_config_path(APP_NAME) / "config.toml"


class ModelOverride(BaseModel):
    """A user's choice for one role: a Hugging Face repo id or a local path, optionally its backend."""

    source: str
    backend: str | None = None
    options: dict[str, Any] = Field(default_factory=dict)


class VoiceSettings(BaseModel):
    """The voice loop: devices, end of turn, interruptions."""

    model_config = {"extra": "forbid"}

    input_device: str | int | None = None  # PortAudio index or name substring; None: the default
    output_device: str | int | None = None
    # Echo cancellation (WebRTC AEC3): the assistant's own voice is taken out of the microphone, so it can be
    # interrupted on open speakers. On where the library loads; off: the raw microphone.
    echo_cancellation: bool = True
    # Barge-in (speaking over the assistant stops it). None: on while echo cancellation runs, else off. True
    # without echo cancellation needs headphones (on speakers it would interrupt itself). Off: half-duplex (the
    # mic is ignored while it speaks, and `echo_tail_ms` after).
    barge_in: bool | None = None
    # With barge-in, speech over a reply turns it down at its first voiced frame and stops it once it has lasted
    # this long; shorter speech is judged by its words ("mm-hmm", "yeah", a cough or the reply's own echo let it
    # go on; "stop" stops it, unanswered). 0: speech stops it at once (after `min_speech_ms`).
    interrupt_after_ms: int = Field(default=1000, ge=0, le=5000)
    echo_tail_ms: int = Field(default=300, ge=0, le=5000)
    end_silence_ms: int = Field(default=500, ge=100, le=5000)  # silence that ends a turn (no end-of-turn model)
    # Smart Turn (the `turn` role) judges a pause of `pause_ms` from the audio: finished -> the turn ends there;
    # unfinished -> it ends after `unfinished_silence_ms`. The pause also starts speech recognition early.
    smart_turn: bool = True
    pause_ms: int = Field(default=200, ge=64, le=2000)
    # the chat model starts on the words heard at a pause, before the end of the turn is confirmed (what it
    # writes is kept if the turn ends there, thrown away if the user goes on; tools wait for the confirmation)
    preemptive: bool = True
    unfinished_silence_ms: int = Field(default=1500, ge=200, le=10000)
    # speech starts at the first clause (a comma after this many words) of a long first sentence; 0: whole
    first_clause_words: int = Field(default=4, ge=0, le=100)
    min_speech_ms: int = Field(default=250, ge=32, le=5000)  # shorter bursts are ignored (and never interrupt)
    pre_roll_ms: int = Field(default=300, ge=0, le=2000)
    vad_threshold: float = Field(default=0.5, gt=0, lt=1)
    max_utterance_s: float = Field(default=30, gt=1, le=600)
    # Whisper language code ("en"); None: the voice's language (Piper's voice config names it), so no
    # detection is needed; "auto": detected on the first turn, then kept
    language: str | None = None
    latency_log: bool = True  # JSON lines in data_dir/voice-latency.jsonl

    def stt_language(self, voice_language: str | None) -> str | None:
        """The language Whisper is told: the setting, else the TTS voice's (answers are spoken in it); None
        ("auto", or a voice that names none): detect it."""
        language = self.language or voice_language
        return None if language == "auto" else language


Mode = Literal["hands-free", "push-to-talk", "muted"]


class TuiSettings(BaseModel):
    """The terminal app; what is changed in the app is saved back to the config file."""

    model_config = {"extra": "forbid"}

    theme: str = "textual-dark"
    mode: Mode = "hands-free"
    show_panel: bool = True  # the side panel (voice, latency, knowledge)


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="ASSISTANT_",
        env_nested_delimiter="__",
        extra="forbid",
        validate_default=True,
    )

    profile: Profile = "embedded"
    knowledge_dir: Path = Path("knowledge")
    data_dir: Path = Field(default_factory=lambda: platformdirs.user_data_path(APP_NAME))
    # Assembled / converted weights (large, shared by every data dir of this user).
    model_cache_dir: Path = Field(default_factory=lambda: platformdirs.user_cache_path(APP_NAME) / "models")
    device: str = "auto"  # auto | cpu | cuda | cuda:N | mps
    memory_budget_gb: float | None = None  # None: a share of the device's memory
    threads: int | None = None  # CPU threads for torch/onnxruntime; None: library default
    models: dict[str, ModelOverride] = Field(default_factory=dict)
    # Knowledge index
    chroma_url: str | None = None  # e.g. "http://127.0.0.1:8000" (`chroma run`); None: on disk in data_dir
    chroma_prefix: str = Field(default="knowledge", pattern=r"^[A-Za-z0-9][A-Za-z0-9_-]{2,60}$")  # collection names
    pdf_passwords: dict[str, str] = Field(default_factory=dict)  # file name or glob -> password
    max_image_pixels: int = 100_000_000  # larger images are refused (decompression bombs)
    recording_max_hours: float = Field(default=4.0, gt=0)  # longer recordings are reported, not transcribed
    # MCP server (`assistant mcp --http`): the bearer token (else generated into data_dir/mcp-token),
    # where to listen, extra Host names to accept ("name" on any port, or "name:port"; e.g. the machine's LAN
    # name or a reverse proxy's), the request body limit; whether tools whose model is missing are listed
    # anyway; how often to look for models that appeared (tools/list_changed), in seconds.
    mcp_token: SecretStr | None = None
    mcp_host: str = "127.0.0.1"
    mcp_port: int = Field(default=8765, ge=0, le=65535)
    mcp_allowed_hosts: list[str] = Field(default_factory=list)
    mcp_max_body_mb: float = Field(default=25.0, gt=0)
    mcp_list_all_tools: bool = False
    mcp_tools_check_s: float = Field(default=5.0, gt=0)
    voice: VoiceSettings = Field(default_factory=VoiceSettings)
    tui: TuiSettings = Field(default_factory=TuiSettings)

    @field_validator("models", mode="before")
    @classmethod
    def _models_from_strings(cls, value: Any) -> Any:
        if isinstance(value, dict):
            return {role: {"source": v} if isinstance(v, str) else v for role, v in value.items()}
        return value

    @field_validator("models", mode="after")
    @classmethod
    def _models_known(cls, value: dict[str, ModelOverride]) -> dict[str, ModelOverride]:
        if value:
            unknown = sorted(set(value) - set(ROLES))
            if unknown:
                raise ValueError(f"unknown model role {unknown[0]!r} (roles: {', '.join(ROLES)})")
        return value

    @field_validator("knowledge_dir", "data_dir", "model_cache_dir", mode="after")
    @classmethod
    def _absolute(cls, value: Path) -> Path:
        return Path(os.path.abspath(value.expanduser()))

    @field_validator("device")
    @classmethod
    def _device_known(cls, value: str) -> str:
        base = value.split(":", 1)[0]
        if base not in {"auto", "cpu", "cuda", "mps"}:
            raise ValueError(f"unknown device {value!r} (auto, cpu, cuda, cuda:N or mps)")
        return value

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        # First wins: command-line flags (passed as init kwargs) > environment > TOML file > defaults.
        return init_settings, env_settings, TomlConfigSettingsSource(settings_cls)

    @property
    def index_dir(self) -> Path:
        return self.data_dir / "index"

    @property
    def generated_dir(self) -> Path:
        return self.knowledge_dir / "generated"


def load_settings(config_file: str | Path | None = None, **flags: Any) -> Settings:
    """Build the settings. `flags` are command-line values; None means "not given"."""
    explicit = config_file or os.environ.get("ASSISTANT_CONFIG")
    path = Path(explicit).expanduser() if explicit else default_config_file()
    if explicit and not path.is_file():
        raise ConfigError(f"config file not found: {path}")
    given = {k: v for k, v in flags.items() if v is not None}
    layered = type(
        "Settings",
        (Settings,),
        {"model_config": {**Settings.model_config, "toml_file": path if path.is_file() else None}},
    )
    try:
        return layered(**given)
    except Exception as exc:  # pydantic ValidationError or a TOML syntax error
        raise ConfigError(f"invalid settings ({path if path.is_file() else 'environment/flags'}): "
                          f"{_one_line(exc)}") from exc


def _one_line(exc: Exception) -> str:
    errors = getattr(exc, "errors", None)
    if callable(errors):
        parts = [f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in errors()]
        return "; ".join(parts)
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__
