"""Work-arounds for broken installs of third-party packages.

`ensure_torchvision()`: the torchvision wheel PyPI serves beside a CPU-only torch may be a CUDA build
whose C extension (`_C.so`) needs `libc10_cuda.so`/`libcudart`. It then fails to load, and
`import torchvision` dies in `_meta_registrations.py` with
`RuntimeError: operator torchvision::nms does not exist`, taking open_clip, diffusers and
transformers' image code down with it. Those only need the pure-Python parts (transforms, models),
so when, and only when, the extension really cannot load, we declare the op schemas ourselves
(copied from torchvision's csrc/ops/*.cpp). The ops then exist without kernels: calling one (nms,
roi_align, ...) raises a clear "no kernel" error, importing works.
"""

from __future__ import annotations

import importlib.util
import logging
import sys
import threading
from pathlib import Path

log = logging.getLogger(__name__)

# Schemas of every op torchvision's Python code references (torch.ops.torchvision.*),
# as its C++ `TORCH_LIBRARY(torchvision, m)` blocks declare them.
_TORCHVISION_SCHEMAS = (
    "nms(Tensor dets, Tensor scores, float iou_threshold) -> Tensor",
    "qnms(Tensor dets, Tensor scores, float iou_threshold) -> Tensor",
    "box_iou_rotated(Tensor boxes1, Tensor boxes2) -> Tensor",
    "roi_align(Tensor input, Tensor rois, float spatial_scale, SymInt pooled_height, SymInt pooled_width, "
    "int sampling_ratio, bool aligned) -> Tensor",
    "_roi_align_backward(Tensor grad, Tensor rois, float spatial_scale, SymInt pooled_height, "
    "SymInt pooled_width, SymInt batch_size, SymInt channels, SymInt height, SymInt width, "
    "int sampling_ratio, bool aligned) -> Tensor",
    "qroi_align(Tensor input, Tensor rois, float input_scale, int input_zero_point, float rois_scale, "
    "int rois_zero_point, float spatial_scale, SymInt pooled_height, SymInt pooled_width, "
    "int sampling_ratio, bool aligned) -> Tensor",
    "ps_roi_align(Tensor input, Tensor rois, float spatial_scale, SymInt pooled_height, SymInt pooled_width, "
    "int sampling_ratio) -> (Tensor, Tensor)",
    "_ps_roi_align_backward(Tensor grad, Tensor rois, Tensor channel_mapping, float spatial_scale, "
    "SymInt pooled_height, SymInt pooled_width, int sampling_ratio, SymInt batch_size, SymInt channels, "
    "SymInt height, SymInt width) -> Tensor",
    "roi_pool(Tensor input, Tensor rois, float spatial_scale, SymInt pooled_height, SymInt pooled_width) "
    "-> (Tensor, Tensor)",
    "_roi_pool_backward(Tensor grad, Tensor rois, Tensor argmax, float spatial_scale, SymInt pooled_height, "
    "SymInt pooled_width, SymInt batch_size, SymInt channels, SymInt height, SymInt width) -> Tensor",
    "ps_roi_pool(Tensor input, Tensor rois, float spatial_scale, SymInt pooled_height, SymInt pooled_width) "
    "-> (Tensor, Tensor)",
    "_ps_roi_pool_backward(Tensor grad, Tensor rois, Tensor channel_mapping, float spatial_scale, "
    "SymInt pooled_height, SymInt pooled_width, SymInt batch_size, SymInt channels, SymInt height, "
    "SymInt width) -> Tensor",
    "deform_conv2d(Tensor input, Tensor weight, Tensor offset, Tensor mask, Tensor bias, SymInt stride_h, "
    "SymInt stride_w, SymInt pad_h, SymInt pad_w, SymInt dilation_h, SymInt dilation_w, SymInt groups, "
    "SymInt offset_groups, bool use_mask) -> Tensor",
    "_deform_conv2d_backward(Tensor grad, Tensor input, Tensor weight, Tensor offset, Tensor mask, "
    "Tensor bias, SymInt stride_h, SymInt stride_w, SymInt pad_h, SymInt pad_w, SymInt dilation_h, "
    "SymInt dilation_w, SymInt groups, SymInt offset_groups, bool use_mask) -> (Tensor, Tensor, Tensor, "
    "Tensor, Tensor)",
    "_cuda_version() -> int",
)

_lock = threading.Lock()
_done = False
_library = None  # keep the torch.library.Library alive: registrations go away with it


def _extension_loads(package_dir: Path) -> bool:
    """Try to load torchvision's C extension the way torchvision would, without importing torchvision."""
    import torch

    for lib in sorted(package_dir.glob("_C*.so")) + sorted(package_dir.glob("_C*.pyd")):
        try:
            torch.ops.load_library(str(lib))
            return True
        except (OSError, ImportError, RuntimeError) as exc:
            log.debug("torchvision extension %s does not load: %s", lib, exc)
            return False
    return False  # no extension at all: torchvision would fail the same way


def ensure_torchvision() -> None:
    """Make `import torchvision` work on a CPU torch with a CUDA torchvision wheel. Idempotent, cheap."""
    global _done, _library
    if _done:
        return
    with _lock:
        if _done:
            return
        _done = True
        if "torchvision" in sys.modules:  # already imported (successfully): nothing to fix
            return
        spec = importlib.util.find_spec("torchvision")
        if spec is None or spec.origin is None:
            return  # not installed: callers get the ordinary ImportError
        import torch

        if _extension_loads(Path(spec.origin).parent):
            return  # the real ops are registered now
        log.info("torchvision's C extension cannot load (CUDA build on a CPU torch?); declaring its op "
                 "schemas so the pure-Python parts import. torchvision.ops kernels (nms, roi_align...) "
                 "are unavailable.")
        # FRAGMENT, not DEF: it adds to the namespace whoever else declared some of it.
        _library = torch.library.Library("torchvision", "FRAGMENT")
        for schema in _TORCHVISION_SCHEMAS:
            name = schema.split("(", 1)[0]
            if not _declared(torch, name):
                _library.define(schema)


def _declared(torch, name: str) -> bool:
    try:
        getattr(torch.ops.torchvision, name)
        return True
    except (AttributeError, RuntimeError):
        return False
