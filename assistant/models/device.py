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


def plan_for(role: str, device: str = "auto", threads: int | None = None) -> DevicePlan:
    """Pick device and dtype for a role from the `device` setting."""
    if role in CPU_ONLY_ROLES:
        return DevicePlan("cpu", "float32", threads)
    if device == "auto":
        device = "cuda" if cuda_available() else "cpu"
    if device.startswith("cuda"):
        if not cuda_available():
            raise DeviceUnavailable(f"device {device!r} was asked for but no CUDA GPU is visible to torch "
                                    "(set device = \"auto\" or \"cpu\")")
        device = device if ":" in device else "cuda:0"
        return DevicePlan(device, "bfloat16" if _cuda_bf16() else "float16", threads)
    if device == "mps":
        return DevicePlan("mps", "float16", threads)
    return DevicePlan("cpu", "float32", threads)
