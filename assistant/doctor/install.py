"""Checks of the Python install: the interpreter and its environment, the packages against the lock, torch."""

from __future__ import annotations

import sys
from importlib import metadata

from .lock import LOCK_FILE, drift, read_lock
from .report import Check, fail, info, ok, warn

SECTION = "install"
_SETUP = "`bash scripts/setup.sh` in the spark-assistant checkout (what `make` runs when the lock changes)"


def checks() -> list[Check]:
    return [_python(), _packages(), _torch()]


def _python() -> Check:
    version = ".".join(map(str, sys.version_info[:3]))
    in_venv = sys.prefix != sys.base_prefix
    where = f"virtual environment {sys.prefix}" if in_venv else f"no virtual environment ({sys.executable})"
    if sys.version_info < (3, 11):
        return fail(SECTION, "python", f"Python {version}: 3.11 or newer is needed", "install Python 3.11+, then "
                    + _SETUP, version=version, venv=in_venv, executable=sys.executable)
    if not in_venv:
        return warn(SECTION, "python", f"Python {version}, {where}", "install into a virtual environment: "
                    + _SETUP, version=version, venv=False, executable=sys.executable)
    return ok(SECTION, "python", f"Python {version} in the {where}", version=version, venv=True,
              executable=sys.executable)


def _packages() -> Check:
    if not LOCK_FILE.is_file():
        return info(SECTION, "packages", "no lock file beside this install (not a source checkout): versions "
                    "not compared", lock=None)
    pins = read_lock(LOCK_FILE)
    off = drift(pins)
    details = {"lock": str(LOCK_FILE), "locked": len(pins),
               "differ": [{"name": d.name, "locked": d.locked, "installed": d.installed} for d in off]}
    if not off:
        return ok(SECTION, "packages", f"all {len(pins)} packages at the versions in {LOCK_FILE.name}", **details)
    missing = [d for d in off if d.installed is None]
    shown = ", ".join(f"{d.name} {d.installed or 'missing'} (lock {d.locked})" for d in off[:4])
    more = f" and {len(off) - 4} more" if len(off) > 4 else ""
    summary = f"{len(off)} of {len(pins)} packages differ from {LOCK_FILE.name}: {shown}{more}"
    if missing:
        return fail(SECTION, "packages", summary, _SETUP, **details)
    return warn(SECTION, "packages", summary, f"{_SETUP} installs the locked versions", **details)


def _torch() -> Check:
    try:
        version = metadata.version("torch")
    except metadata.PackageNotFoundError:
        return fail(SECTION, "torch", "torch is not installed", _SETUP, version=None)
    try:
        vision = metadata.version("torchvision")
    except metadata.PackageNotFoundError:
        vision = None
    build = "CUDA" if "+cu" in version else "CPU" if "+cpu" in version else "default"
    summary = f"torch {version} ({build} build), torchvision {vision or 'missing'}"
    return ok(SECTION, "torch", summary, version=version, build=build, torchvision=vision)
