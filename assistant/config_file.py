"""Writing the TOML config file: a setting changed in the terminal app, servers added by `assistant mcp import`.
The file is edited, not rewritten (tomlkit keeps the user's comments), replaced at once, kept to its permissions (it
may hold keys) and written where a link to it points."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any


def save_setting(path: Path, section: str, key: str, value: Any) -> None:
    """Set `[section] key = value` in the TOML file at `path` (created if missing); None removes it."""
    import tomlkit

    path = Path(path)
    document = tomlkit.parse(path.read_text(encoding="utf-8")) if path.is_file() else tomlkit.document()
    table = document.get(section)
    if table is None:
        table = tomlkit.table()
        document[section] = table
    if value is None:
        table.pop(key, None)
    else:
        table[key] = value
    replace_text(path, tomlkit.dumps(document))


def replace_text(config: Path, text: str) -> None:
    """Replace the file's text at once (a temporary file renamed over it), keeping its permissions (a new file:
    the owner's only, since it may hold keys) and writing through a link to where it points."""
    config = Path(config)
    target = config.resolve() if config.is_symlink() else config
    target.parent.mkdir(parents=True, exist_ok=True)
    mode = stat.S_IMODE(target.stat().st_mode) if target.is_file() else 0o600
    temporary = target.with_name(target.name + ".tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode)
    with os.fdopen(descriptor, "w", encoding="utf-8") as f:
        f.write(text)
    os.chmod(temporary, mode)  # (the umask narrowed what os.open was given)
    temporary.replace(target)
