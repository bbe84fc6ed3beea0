"""Write settings changed in the app back to the TOML config file, keeping the user's comments."""

from __future__ import annotations

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
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(tomlkit.dumps(document), encoding="utf-8")
    tmp.replace(path)
