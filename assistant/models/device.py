"""Where each role runs and in which precision: CUDA bf16/fp16 when a GPU is there, CPU fp32 otherwise."""

from __future__ import annotations

import functools
import sys
from dataclasses import dataclass
from pathlib import Path

from ..errors import DeviceUnavailable

# Roles whose backends are ONNX Runtime on the CPU whatever the machine: small models, a GPU would not pay
# (Piper speaks 5 s of audio in 0.16 s on two CPU cores).
CPU_ONLY_ROLES = frozenset({"vad", "turn", "tts"})


@dataclass(frozen=True)
class DevicePlan:
    device: str  # "cpu", "cuda:0", "mps"
    dtype: str  # "float32", "bfloat16", "float16"
    threads: int | None = None

    @property
    def is_cuda(self) -> bool:
        return self.device.startswith("cuda")

    @property
    def torch_dtype(self):
        import torch

        return getattr(torch, self.dtype)


@functools.cache
def cuda_available() -> bool:
    if sys.platform == "linux" and not Path("/proc/driver/nvidia").exists() and not Path("/dev/nvidia0").exists():
        return False  # no NVIDIA driver: answer without importing torch (~2 s)
    try:
        import torch
    except ImportError:
        return False
    return torch.cuda.is_available()


@functools.cache
def _cuda_bf16() -> bool:
    import torch

    return torch.cuda.is_bf16_supported()


@functools.cache
def mps_available() -> bool:
    if sys.platform != "darwin":
        return False  # Apple GPUs only: answer without importing torch
    try:
        import torch
    except ImportError:
        return False
    return torch.backends.mps.is_available()


def check_device(device: str) -> None:
    """A device that was asked for (not "auto") and is not here is an error, whichever role would run: the
    same for every command that uses a model, the ones whose models run on the CPU anyway included."""
    if device.startswith("cuda") and not cuda_available():
        raise DeviceUnavailable(f"device {device!r} was asked for but no CUDA GPU is visible to torch "
                                "(set device = \"auto\" or \"cpu\")")
    if device == "mps" and not mps_available():
        raise DeviceUnavailable("device 'mps' was asked for but this machine has no Apple GPU "
                                "(set device = \"auto\" or \"cpu\")")


def plan_for(role: str, device: str = "auto", threads: int | None = None) -> DevicePlan:
    """Pick device and dtype for a role from the `device` setting (DeviceUnavailable: see `check_device`)."""
    check_device(device)
    if role in CPU_ONLY_ROLES:
        return DevicePlan("cpu", "float32", threads)
    if device == "auto":
        device = "cuda" if cuda_available() else "cpu"
    if device.startswith("cuda"):
        device = device if ":" in device else "cuda:0"
        return DevicePlan(device, "bfloat16" if _cuda_bf16() else "float16", threads)
    if device == "mps":
        return DevicePlan("mps", "float16", threads)
    return DevicePlan("cpu", "float32", threads)
