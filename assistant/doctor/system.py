"""Checks of the machine: system programs and libraries, audio devices, the compute device and memory."""

from __future__ import annotations

import shutil
import sys
from typing import Any

from .report import Check, fail, info, ok, skip, warn

_APT = "sudo apt-get install"


def tools() -> list[Check]:
    """System packages: what uses each, and the Debian package that provides it."""
    out = []
    from ..knowledge.images import ocr_available

    tesseract = shutil.which("tesseract")
    if tesseract and ocr_available():
        out.append(ok("system", "tesseract", f"OCR for scanned pages and images with text ({tesseract})",
                      path=tesseract))
    else:
        why = "has no English language data" if tesseract else "is not installed"
        out.append(warn("system", "tesseract", f"Tesseract {why}: scanned PDF pages and text in images are not "
                        "read", f"{_APT} tesseract-ocr", path=tesseract))
    portaudio = _portaudio()
    if portaudio is None:
        out.append(warn("system", "portaudio", "PortAudio is missing: no microphone or speaker (typing and "
                        "files still work)", f"{_APT} libportaudio2", library=None))
    else:
        out.append(ok("system", "portaudio", f"PortAudio {portaudio}", library=portaudio))
    for program, package, use in (("espeak-ng", "espeak-ng", "speech fixtures"), ("sox", "sox", "audio fixtures")):
        path = shutil.which(program)
        if path:
            out.append(ok("system", program, f"{path} (the test suite's {use})", path=path))
        else:
            out.append(info("system", program, f"not installed: only the test suite uses it ({_APT} {package})",
                            path=None))
    return out


def _portaudio() -> str | None:
    """PortAudio's version text, or None when the library cannot be loaded."""
    try:
        import sounddevice
    except (ImportError, OSError):
        return None
    return str(sounddevice.get_portaudio_version()[1])


def audio() -> list[Check]:
    from ..audio.devices import audio_devices

    inputs, outputs, problem = audio_devices()
    if problem:
        return [skip("audio", "devices", "not listed: PortAudio is missing (see system)")]
    out = []
    for kind, found, what in (("input", inputs, "microphone"), ("output", outputs, "speaker")):
        names = [d["name"] for d in found]
        if names:
            out.append(ok("audio", kind, f"{len(names)} {what}{'s' * (len(names) > 1)}: {', '.join(names[:3])}"
                          + (" ..." if len(names) > 3 else ""), devices=found))
        else:
            out.append(warn("audio", kind, f"no {what} found (no sound card?): "
                            + ("type instead, or `assistant voice --input FILE`" if kind == "input"
                               else "replies are shown, not spoken; `assistant voice --output FILE.wav`"),
                            f"plug in a {what} (or headset); `assistant devices` lists what PortAudio sees",
                            devices=[]))
    return out


def compute(settings) -> list[Check]:
    """The device models run on: CUDA (name, memory, bf16), MPS, or the CPU; and the memory budget."""
    from ..models.device import cuda_available

    wanted = settings.device if settings is not None else "auto"
    facts: dict[str, Any] = {"setting": wanted}
    checks = []
    if cuda_available():
        import torch

        props = torch.cuda.get_device_properties(0)
        facts.update(cuda=True, gpu=props.name, memory_gb=round(props.total_memory / 2**30, 1),
                     bf16=bool(torch.cuda.is_bf16_supported()), capability=f"{props.major}.{props.minor}",
                     torch_cuda=torch.version.cuda, count=torch.cuda.device_count())
        checks.append(ok("compute", "cuda", f"{props.name}, {facts['memory_gb']} GiB, "
                         f"{'bf16' if facts['bf16'] else 'fp16 (no bf16)'}, CUDA {torch.version.cuda}", **facts))
    else:
        facts["cuda"] = False
        if wanted.startswith("cuda"):
            checks.append(fail("compute", "cuda", f"device = {wanted!r} but torch sees no CUDA GPU",
                               "set device = \"auto\" or \"cpu\", or install CUDA torch (make setup on the GPU "
                               "machine) and check `nvidia-smi`", **facts))
        else:
            checks.append(info("compute", "cuda", "no CUDA GPU: models run on the CPU", **facts))
    if sys.platform == "darwin":
        checks.append(_mps(wanted))
    checks.append(_memory(settings))
    return checks


def _mps(wanted: str) -> Check:
    import torch

    if torch.backends.mps.is_available():
        return ok("compute", "mps", "Apple GPU (MPS) available", mps=True)
    if wanted == "mps":
        return fail("compute", "mps", "device = 'mps' but MPS is not available", "set device = \"auto\"", mps=False)
    return info("compute", "mps", "MPS not available", mps=False)


def _memory(settings) -> Check:
    import psutil

    ram = psutil.virtual_memory()
    details: dict[str, Any] = {"ram_gb": round(ram.total / 2**30, 1), "available_gb": round(ram.available / 2**30, 1)}
    if settings is None:
        return info("compute", "memory", f"{details['ram_gb']} GiB RAM, {details['available_gb']} GiB free",
                    **details)
    from ..models import ModelManager

    budget = ModelManager(settings).budget_bytes
    details["budget_gb"] = round(budget / 1e9, 1)
    source = "memory_budget_gb" if settings.memory_budget_gb else "default share of the device's memory"
    return ok("compute", "memory", f"model budget {details['budget_gb']} GB ({source}); {details['ram_gb']} GiB "
              f"RAM, {details['available_gb']} GiB free", **details)
