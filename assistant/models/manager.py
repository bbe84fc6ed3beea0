"""The model registry at run time: role -> spec -> local files -> one loaded instance, on demand.

- Lazy: nothing loads until a role is first asked for.
- One instance per model per process: roles that name the same model and backend share it (the spark
  profile's Qwen-VL is both `llm` and `vlm`). Thread-safe: concurrent first requests load once.
- A memory budget with least-recently-used unloading; `lease()` pins a model while it is in use.
"""

from __future__ import annotations

import contextlib
import gc
import inspect
import logging
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, overload

from ..config import Settings
from ..errors import InputError, ModelUnavailable
from ..roles import (ROLE_PROTOCOLS, ROLES, ChatModel, ImageDescriber, ImageEmbedder, ImageGenerator, SpeechToText,
                     TextEmbedder, TextToSpeech, TurnEnd, VoiceActivity, protocol_members)
from .backends import loader_for
from .device import DevicePlan, cuda_available, plan_for
from .resolve import Resolved, disk_size, is_server_url, locate, materialise
from .specs import ALIASES, PROFILE_SPECS, ModelSpec

log = logging.getLogger(__name__)


@dataclass
class _Slot:
    key: tuple
    model: Any
    bytes: int
    plan: DevicePlan
    load_seconds: float
    roles: set[str] = field(default_factory=set)
    last_used: float = field(default_factory=time.monotonic)
    leases: int = 0


@dataclass(frozen=True)
class RoleStatus:
    role: str
    source: str
    title: str
    backend: str
    origin: str
    ready: bool
    size_bytes: int | None
    loaded: bool
    device: str | None
    problem: str | None

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


class ModelManager:
    def __init__(self, settings: Settings, memory_budget_bytes: int | None = None):
        self.settings = settings
        self._budget = memory_budget_bytes
        self._lock = threading.RLock()
        self._load_locks: dict[tuple, threading.Lock] = {}
        self._slots: dict[tuple, _Slot] = {}

    @property
    def budget_bytes(self) -> int:
        if self._budget is None:
            self._budget = _default_budget(self.settings)
        return self._budget

    # -- what plays each role -------------------------------------------------------------------
    def spec(self, role: str) -> ModelSpec:
        if role not in ROLES:
            raise InputError(f"unknown model role {role!r} (roles: {', '.join(ROLES)})")
        spec = PROFILE_SPECS[self.settings.profile][role]
        override = self.settings.models.get(role)
        if override is None:
            return spec
        source, backend, options = override.source, override.backend, override.options
        if source in ALIASES:
            source, alias_backend, alias_options = ALIASES[source]
            backend, options = backend or alias_backend, {**alias_options, **options}
        elif backend is None and is_server_url(source):
            backend = "openai"  # the one server backend
        return spec.with_source(source, backend, options)

    def locate(self, role: str) -> Resolved:
        return locate(self.spec(role), self.settings.model_cache_dir)

    def plan(self, role: str) -> DevicePlan:
        return plan_for(role, self.settings.device, self.settings.threads)

    # -- loading ----------------------------------------------------------------------------------
    @overload
    def get(self, role: Literal["vad"]) -> VoiceActivity: ...
    @overload
    def get(self, role: Literal["turn"]) -> TurnEnd: ...
    @overload
    def get(self, role: Literal["stt"]) -> SpeechToText: ...
    @overload
    def get(self, role: Literal["llm"]) -> ChatModel: ...
    @overload
    def get(self, role: Literal["vlm"]) -> ImageDescriber: ...
    @overload
    def get(self, role: Literal["clip"]) -> ImageEmbedder: ...
    @overload
    def get(self, role: Literal["image_gen"]) -> ImageGenerator: ...
    @overload
    def get(self, role: Literal["tts"]) -> TextToSpeech: ...
    @overload
    def get(self, role: Literal["text_embed"]) -> TextEmbedder: ...
    @overload
    def get(self, role: str) -> Any: ...

    def get(self, role: str) -> Any:
        """The loaded model for a role, loading it (and unloading others for room) if needed. It satisfies
        the role's protocol (`roles.py`): a loader that returns something else is a ModelUnavailable."""
        spec = self.spec(role)
        plan = self.plan(role)
        path = materialise(spec, self.settings.model_cache_dir)
        key = (spec.backend, str(path), plan)
        with self._lock:
            slot = self._slots.get(key)
            if slot is not None:
                if role not in slot.roles:  # one model for two roles (spark's Qwen-VL: llm and vlm)
                    _check_contract(role, spec, slot.model)
                    slot.roles.add(role)
                slot.last_used = time.monotonic()
                return slot.model
            load_lock = self._load_locks.setdefault(key, threading.Lock())
        with load_lock:  # one load per model; other threads asking for it wait here
            with self._lock:
                if key in self._slots:
                    return self.get(role)
            self._make_room(_disk_bytes(path), keep=key)
            log.info("loading %s model %s on %s (%s)", role, spec.source, plan.device, plan.dtype)
            started = time.perf_counter()
            model = loader_for(spec.backend)(path, spec, plan)
            _check_contract(role, spec, model)
            seconds = time.perf_counter() - started
            size = _memory_bytes(model, path)
            with self._lock:
                self._slots[key] = _Slot(key, model, size, plan, seconds, {role})
            log.info("loaded %s in %.1f s (%.0f MB)", role, seconds, size / 1e6)
            return model

    @overload
    def lease(self, role: Literal["stt"]) -> contextlib.AbstractContextManager[SpeechToText]: ...
    @overload
    def lease(self, role: Literal["vlm"]) -> contextlib.AbstractContextManager[ImageDescriber]: ...
    @overload
    def lease(self, role: Literal["image_gen"]) -> contextlib.AbstractContextManager[ImageGenerator]: ...
    @overload
    def lease(self, role: str) -> contextlib.AbstractContextManager[Any]: ...

    def lease(self, role: str) -> contextlib.AbstractContextManager[Any]:
        """Use a model with the guarantee that it is not unloaded for room meanwhile."""
        return self._lease(role)

    @contextlib.contextmanager
    def _lease(self, role: str) -> Iterator[Any]:
        model = self.get(role)
        slot = self._slot_of(model)
        with self._lock:
            slot.leases += 1
        try:
            yield model
        finally:
            with self._lock:
                slot.leases -= 1
                slot.last_used = time.monotonic()

    def unload(self, role: str) -> bool:
        with self._lock:
            keys = [k for k, s in self._slots.items() if role in s.roles]
            for key in keys:
                self._drop(key)
        if keys:
            _free_memory()
        return bool(keys)

    def loaded(self) -> dict[str, dict[str, Any]]:
        with self._lock:
            return {role: {"bytes": s.bytes, "device": s.plan.device, "load_seconds": round(s.load_seconds, 2)}
                    for s in self._slots.values() for role in sorted(s.roles)}

    def used_bytes(self) -> int:
        with self._lock:
            return sum(s.bytes for s in self._slots.values())

    def status(self) -> list[RoleStatus]:
        loaded = self.loaded()
        rows = []
        for role in ROLES:
            found = self.locate(role)
            spec = found.spec
            rows.append(RoleStatus(
                role=role, source=spec.source, title=spec.title, backend=spec.backend, origin=found.origin,
                ready=found.ready, size_bytes=found.size_bytes(), loaded=role in loaded,
                device=loaded.get(role, {}).get("device"), problem=found.problem,
            ))
        return rows

    # -- memory -----------------------------------------------------------------------------------
    def _make_room(self, needed: int, keep: tuple) -> None:
        with self._lock:
            evicted = False
            while self.used_bytes() + needed > self.budget_bytes:
                idle = [s for s in self._slots.values() if s.leases == 0 and s.key != keep]
                if not idle:
                    log.warning("memory budget %.1f GB exceeded: every loaded model is in use",
                                self.budget_bytes / 1e9)
                    break
                victim = min(idle, key=lambda s: s.last_used)
                log.info("unloading %s to make room", ", ".join(sorted(victim.roles)))
                self._drop(victim.key)
                evicted = True
        if evicted:
            _free_memory()

    def _drop(self, key: tuple) -> None:
        slot = self._slots.pop(key)
        close = getattr(slot.model, "close", None)
        if callable(close):
            close()

    def _slot_of(self, model: Any) -> _Slot:
        with self._lock:
            return next(s for s in self._slots.values() if s.model is model)


def _check_contract(role: str, spec: ModelSpec, model: Any) -> None:
    """The loaded object has every member of its role's protocol. Looked up statically: `isinstance` with a
    protocol reads its properties, and a server model's `context_length` would ask the server."""
    protocol = ROLE_PROTOCOLS[role]
    missing = [name for name in protocol_members(protocol) if not _has_static(model, name)]
    if missing:
        raise ModelUnavailable(f"{spec.source} (backend {spec.backend}) cannot play the {role} role: "
                               f"{type(model).__name__} is not a {protocol.__name__} (no {', '.join(missing)})")


def _has_static(obj: Any, name: str) -> bool:
    try:
        inspect.getattr_static(obj, name)
    except AttributeError:
        return False
    return True


def _memory_bytes(model: Any, path: Path | str) -> int:
    measure = getattr(model, "memory_bytes", None)
    if callable(measure):
        try:
            return int(measure())
        except Exception:  # a best-effort number; fall back to the size on disk
            pass
    return _disk_bytes(path)


def _disk_bytes(path: Path | str) -> int:
    """Size on disk; 0 for a model on a server (a URL)."""
    return disk_size(path) if isinstance(path, Path) else 0


def _default_budget(settings: Settings) -> int:
    if settings.memory_budget_gb:
        return int(settings.memory_budget_gb * 1e9)
    if settings.device != "cpu" and cuda_available():
        import torch

        return int(torch.cuda.get_device_properties(0).total_memory * 0.9)
    import psutil

    return int(psutil.virtual_memory().total * 0.6)


def _free_memory() -> None:
    gc.collect()
    torch = sys.modules.get("torch")
    if torch is not None and torch.cuda.is_available():
        torch.cuda.empty_cache()
