"""The bearer token for `assistant mcp --http`.

Taken from the settings (`mcp_token` in the config file, or `ASSISTANT_MCP_TOKEN`), else generated on first use
and kept in `<data dir>/mcp-token`, readable by its owner only (0600, created that way: never world-readable,
not even for an instant). `assistant mcp --show-token` prints it.
"""

from __future__ import annotations

import logging
import os
import secrets
import stat
from dataclasses import dataclass
from pathlib import Path

from ..errors import ConfigError

log = logging.getLogger(__name__)

TOKEN_FILE = "mcp-token"
MIN_LENGTH = 16


@dataclass(frozen=True)
class Token:
    value: str
    source: str  # "config" (settings/environment) or the file it is stored in
    explicit: bool  # configured by the user (not generated)


def token_file(settings) -> Path:
    return settings.data_dir / TOKEN_FILE


def configured_token(settings) -> str | None:
    secret = settings.mcp_token
    value = secret.get_secret_value().strip() if secret is not None else ""
    return value or None


def resolve_token(settings) -> Token:
    """The token to require: the configured one, else the stored one, else a new stored one."""
    value = configured_token(settings)
    if value is not None:
        if len(value) < MIN_LENGTH:
            log.warning("the configured MCP token is short (%d characters); use %d or more", len(value), MIN_LENGTH)
        return Token(value, "config (mcp_token / ASSISTANT_MCP_TOKEN)", explicit=True)
    path = token_file(settings)
    stored = _read(path)
    if stored is not None:
        return Token(stored, str(path), explicit=False)
    return Token(_create(path), str(path), explicit=False)


def _read(path: Path) -> str | None:
    try:
        st = path.stat()
    except FileNotFoundError:
        return None
    if not stat.S_ISREG(st.st_mode):
        raise ConfigError(f"{path} is not a regular file; remove it to get a new MCP token")
    if st.st_mode & 0o077:  # someone loosened it: tighten, the token itself is still ours
        log.warning("%s was readable by others; setting owner-only permissions", path)
        os.chmod(path, 0o600)
    value = path.read_text(encoding="utf-8").strip()
    if not value:
        raise ConfigError(f"{path} is empty; remove it to get a new MCP token")
    return value


def _create(path: Path) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    value = secrets.token_urlsafe(32)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
    try:
        os.write(fd, (value + "\n").encode())
        os.fsync(fd)
    finally:
        os.close(fd)
    try:
        os.link(tmp, path)  # atomic and never replaces: two first runs racing agree on one token
    except FileExistsError:
        value = _read(path) or value
    except OSError:  # a file system without hard links
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    log.info("generated an MCP token in %s", path)
    return value
