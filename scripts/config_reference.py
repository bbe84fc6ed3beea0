"""Write docs/configuration.md from the settings model (assistant/config.py), so the reference cannot drift
from the code: every field with its type, default, environment variable and description (the field's
docstring).

    python scripts/config_reference.py           # rewrite docs/configuration.md
    python scripts/config_reference.py --check   # exit 1 when the file is not what the code says
"""

from __future__ import annotations

import os
import sys
import types
import typing
from pathlib import Path
from typing import Any, Literal, get_args, get_origin

from pydantic import BaseModel, SecretStr
from pydantic.fields import FieldInfo

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import generated_page  # noqa: E402
from assistant.config import McpServerSettings, ModelOverride, Settings  # noqa: E402

OUT = REPO / "docs" / "configuration.md"
ENV_PREFIX = "ASSISTANT_"

HEADER = """\
# Configuration reference

<!-- Generated from assistant/config.py by `python scripts/config_reference.py`: edit the settings' docstrings,
not this file. `make test` fails when it is out of date. -->

One settings object, layered: defaults < the TOML file < `ASSISTANT_*` environment variables < command-line
flags (`--profile`, `--knowledge`, `--data-dir`, `--device`; `assistant voice --[no-]barge-in`,
`--[no-]echo-cancellation`). The file is `--config FILE`, else `$ASSISTANT_CONFIG`, else
`~/.config/spark-assistant/config.toml`. A key the model does not have is an error (exit 2), so a typo is
never silently ignored. Nested keys take `__` in the environment: `ASSISTANT_VOICE__BARGE_IN=false`.
The terminal app writes what you change in it (mode, barge-in, devices, theme, side panel) back to the file,
keeping your comments.

```toml
profile = "spark"
knowledge_dir = "~/knowledge"

[voice]
input_device = "USB"
barge_in = true

[models]
stt = "openai/whisper-large-v3"

[models.llm]
source = "http://localhost:8000/v1"
backend = "openai"
options = { model = "Qwen/Qwen3-VL-8B-Instruct", api_key_env = "OPENAI_API_KEY", vision = true }
```
"""


def type_name(annotation: Any) -> str:
    """A type as a person reads it: "integer", "string or unset", "hands-free, push-to-talk or muted"."""
    if get_origin(annotation) is Literal:
        values = [f'"{value}"' for value in get_args(annotation)]
        return ", ".join(values[:-1]) + f" or {values[-1]}"
    if get_origin(annotation) in (typing.Union, types.UnionType):
        parts = [type_name(a) for a in get_args(annotation) if a is not type(None)]
        optional = type(None) in get_args(annotation)
        return " or ".join(parts) + (" (or unset)" if optional else "")
    if get_origin(annotation) is dict:
        key, value = get_args(annotation)
        return f"table of {type_name(key)} → {type_name(value)}"
    if get_origin(annotation) is list:
        return f"list of {type_name(get_args(annotation)[0])}"
    names = {Any: "any value", str: "string", int: "integer", float: "number", bool: "true / false", Path: "path",
             SecretStr: "string (secret)"}
    if annotation in names:
        return names[annotation]
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return "table"
    return getattr(annotation, "__name__", str(annotation))


def default_text(field: FieldInfo) -> str:
    if field.is_required():
        return "(required)"
    saved = {k: os.environ.pop(k) for k in list(os.environ) if k.startswith("XDG_")}  # the documented default
    try:
        value = field.get_default(call_default_factory=True)
    finally:
        os.environ.update(saved)
    if value is None:
        return "unset"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Path):
        text = str(value)
        home = str(Path.home())
        return f"`{'~' + text[len(home):] if text.startswith(home + '/') else text}`"
    if isinstance(value, str):
        return f'`"{value}"`'
    if isinstance(value, (dict, list)) and not value:
        return "empty"
    if isinstance(value, BaseModel):
        return "(below)"
    return f"`{value}`"


def bounds(field: FieldInfo) -> str:
    """"0–5000", "> 0" from the field's constraints."""
    low = high = None
    for meta in field.metadata:
        for name, sign in (("ge", "≥"), ("gt", ">")):
            if getattr(meta, name, None) is not None:
                low = f"{sign} {getattr(meta, name)}"
        for name, sign in (("le", "≤"), ("lt", "<")):
            if getattr(meta, name, None) is not None:
                high = f"{sign} {getattr(meta, name)}"
    return ", ".join(part for part in (low, high) if part)


def one_line(text: str | None) -> str:
    return " ".join((text or "").split()).replace("|", "\\|")


def table(model: type[BaseModel], env_prefix: str, key_prefix: str = "") -> list[str]:
    rows = ["| key | type | default | environment | what it does |", "|---|---|---|---|---|"]
    for name, field in model.model_fields.items():
        annotation = field.annotation
        if isinstance(annotation, type) and issubclass(annotation, BaseModel) and model is Settings:
            continue  # a section of its own
        kind = type_name(annotation)
        limit = bounds(field)
        if limit:
            kind += f" ({limit})"
        env = f"`{env_prefix}{name.upper()}{ {'models': '__ROLE', 'mcp_servers': '__NAME'}.get(name, '')}`"
        rows.append(f"| `{key_prefix}{name}` | {kind} | {default_text(field)} | {env} | {one_line(field.description)} |")
    return rows


def sections() -> list[tuple[str, str | None, type[BaseModel], str]]:
    """(heading, intro, model, environment prefix) for each table of the file."""
    out: list[tuple[str, str | None, type[BaseModel], str]] = [
        ("Top level", Settings.__doc__, Settings, ENV_PREFIX)]
    for name, field in Settings.model_fields.items():
        model = field.annotation
        if isinstance(model, type) and issubclass(model, BaseModel):
            out.append((f"`[{name}]`", model.__doc__, model, f"{ENV_PREFIX}{name.upper()}__"))
    out.append(("`[models.ROLE]`", ModelOverride.__doc__ + " `[models]` also takes a role's source as a plain "
                "string: `stt = \"openai/whisper-large-v3\"`.", ModelOverride, f"{ENV_PREFIX}MODELS__ROLE__"))
    out.append(("`[mcp_servers.NAME]`", McpServerSettings.__doc__, McpServerSettings,
                f"{ENV_PREFIX}MCP_SERVERS__NAME__"))
    return out


def render() -> str:
    lines = [HEADER]
    for heading, intro, model, env_prefix in sections():
        lines.append(f"## {heading}\n")
        if intro:
            lines.append(one_line(intro).replace("\\|", "|") + "\n")
        lines.extend(table(model, env_prefix))
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def main() -> int:
    return generated_page.main(render, OUT, "scripts/config_reference.py", __doc__.splitlines()[0])


if __name__ == "__main__":
    sys.exit(main())
