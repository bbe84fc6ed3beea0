"""Vision roles (clip, vlm, image_gen) on tiny random-weight models built offline in seconds, loaded through
the loader functions and through the registry; plus the torchvision work-around they all depend on."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from assistant.compat import ensure_torchvision
from assistant.errors import InputError, ModelUnavailable
from assistant.models.device import DevicePlan
from assistant.models.specs import PROFILE_SPECS

import tiny_models

CPU = DevicePlan("cpu", "float32")
# diffusers' Euler scheduler under numpy 2 (library code, harmless)
pytestmark = pytest.mark.filterwarnings("ignore:__array__ implementation doesn't accept a copy:DeprecationWarning")


def spec_for(role: str, folder: Path, **options):
    """The embedded profile's spec for `role`, pointed at a local folder (as `models.<role> = "/path"` does)."""
    return PROFILE_SPECS["embedded"][role].with_source(str(folder), options=options)


def picture(seed: int, size=(120, 90), mode="RGB") -> Image.Image:
    pixels = np.random.default_rng(seed).integers(0, 256, (size[1], size[0], 3), dtype=np.uint8)
    return Image.fromarray(pixels).convert(mode)


# -- torchvision work-around ---------------------------------------------------------------------------

def test_ensure_torchvision_lets_open_clip_and_transforms_import_in_a_fresh_process():
    code = (
        "from assistant.compat import ensure_torchvision\n"
        "ensure_torchvision(); ensure_torchvision()\n"
        "import torchvision.transforms as T, open_clip\n"
        "from PIL import Image\n"
        "x = T.Compose([T.Resize(16), T.ToTensor()])(Image.new('RGB', (40, 30)))\n"
        "assert tuple(x.shape) == (3, 16, 21), x.shape\n"
        "print('ok', open_clip.__version__)\n"
    )
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                          cwd=Path(__file__).parent.parent, env=env)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.startswith("ok ")


def test_ensure_torchvision_is_idempotent():
    ensure_torchvision()
    ensure_torchvision()
    import torchvision
    import torchvision.transforms  # noqa: F401

    assert torchvision.__version__


# -- CLIP ------------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def clip_dir(tmp_path_factory) -> Path:
    return tiny_models.build_tiny_clip(tmp_path_factory.mktemp("tiny-clip"))


@pytest.fixture(scope="module")
def clip(clip_dir):
    from assistant.vision.clip import load_open_clip

    return load_open_clip(clip_dir, spec_for("clip", clip_dir), CPU)


def test_tiny_clip_has_the_hugging_face_open_clip_layout(clip_dir):
    assert {p.name for p in clip_dir.iterdir()} == {"open_clip_config.json", "open_clip_model.safetensors"}


def test_clip_image_embeddings_are_normalised_and_deterministic(clip):
    images = [picture(1), picture(2), picture(1)]
    vectors = clip.embed_images(images)
    assert vectors.shape == (3, clip.dim) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert np.allclose(vectors[0], vectors[2], atol=1e-6)  # same picture, same vector
    assert not np.allclose(vectors[0], vectors[1], atol=1e-3)
    assert np.allclose(clip.embed_images([picture(1)])[0], vectors[0], atol=1e-5)  # batch-independent


def test_clip_batches_and_odd_image_modes(clip):
    images = [picture(i) for i in range(5)]
    whole = clip.embed_images(images)
    clip.batch_size = 2
    try:
        assert np.allclose(clip.embed_images(images), whole, atol=1e-5)
    finally:
        clip.batch_size = 32
    odd = clip.embed_images([picture(1, mode="L"), picture(2, mode="RGBA"), picture(3, mode="P")])
    assert odd.shape == (3, clip.dim)


def test_clip_text_embeddings_share_the_image_space(clip):
    texts = clip.embed_texts(["a photo of a cat", "a diagram", "a photo of a cat"])
    assert texts.shape == (3, clip.dim) == (3, clip.embed_images([picture(0)]).shape[1])
    assert texts.dtype == np.float32
    assert np.allclose(np.linalg.norm(texts, axis=1), 1.0, atol=1e-5)
    assert np.allclose(texts[0], texts[2]) and not np.allclose(texts[0], texts[1], atol=1e-3)
    assert clip.embed_texts(["word " * 500]).shape == (1, clip.dim)  # cut to the context length
    assert clip.embed_texts([]).shape == (0, clip.dim)
    assert clip.embed_images([]).shape == (0, clip.dim)


def test_clip_reports_its_size_and_rejects_non_images(clip, clip_dir):
    on_disk = (clip_dir / "open_clip_model.safetensors").stat().st_size
    assert 0.9 * on_disk < clip.memory_bytes() < 1.1 * on_disk
    assert clip.name == str(clip_dir)
    with pytest.raises(InputError):
        clip.embed_images(["not an image"])
    with pytest.raises(InputError):
        clip.embed_texts("one string, not a list")


def test_clip_loader_explains_a_folder_that_is_not_open_clip(tmp_path):
    from assistant.vision.clip import load_open_clip

    with pytest.raises(ModelUnavailable, match="open_clip"):
        load_open_clip(tmp_path, spec_for("clip", tmp_path, arch=None), CPU)


# -- vision-language model -----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def vlm_dirs(tmp_path_factory) -> dict[str, Path]:
    return {}


def _vlm_dir(vlm_dirs, tmp_path_factory, family: str) -> Path:
    if family not in vlm_dirs:
        vlm_dirs[family] = tiny_models.build_tiny_vlm(tmp_path_factory.mktemp(f"tiny-{family}"), family)
    return vlm_dirs[family]


@pytest.mark.parametrize("family", tiny_models.VLM_FAMILIES)
def test_vlm_describes_and_answers_greedily(family, vlm_dirs, tmp_path_factory):
    from assistant.vision.vlm import VisionLanguageModel, load_vlm

    folder = _vlm_dir(vlm_dirs, tmp_path_factory, family)
    vlm = load_vlm(folder, spec_for("vlm", folder), CPU)
    assert isinstance(vlm, VisionLanguageModel)
    description = vlm.describe(picture(1, size=(300, 200)), max_new_tokens=6)
    assert isinstance(description, str)  # random weights: gibberish, but generation ran
    assert 1 <= vlm.last_stats["tokens"] <= 6 and vlm.last_stats["prompt_tokens"] > 6
    answer = vlm.describe(picture(1, size=(300, 200)), "What colour is it?", max_new_tokens=6)
    assert answer == vlm.describe(picture(1, size=(300, 200)), "What colour is it?", max_new_tokens=6)
    assert vlm.memory_bytes() > 0


def test_vlm_serialises_calls_from_threads(vlm_dirs, tmp_path_factory):
    from assistant.vision.vlm import load_vlm

    folder = _vlm_dir(vlm_dirs, tmp_path_factory, "qwen3_vl")
    vlm = load_vlm(folder, spec_for("vlm", folder), CPU)
    expected = [vlm.describe(picture(i), f"question {i}", max_new_tokens=4) for i in range(3)]
    results: dict[int, str] = {}
    threads = [threading.Thread(target=lambda i=i: results.__setitem__(
        i, vlm.describe(picture(i), f"question {i}", max_new_tokens=4))) for i in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert [results[i] for i in range(3)] == expected


def test_vlm_rejects_bad_input_and_bad_folders(vlm_dirs, tmp_path_factory, tmp_path):
    from assistant.vision.vlm import load_vlm

    folder = _vlm_dir(vlm_dirs, tmp_path_factory, "qwen3_vl")
    vlm = load_vlm(folder, spec_for("vlm", folder), CPU)
    with pytest.raises(InputError):
        vlm.describe(picture(1), max_new_tokens=0)
    with pytest.raises(InputError):
        vlm.describe(b"bytes, not an image")
    with pytest.raises(ModelUnavailable):
        load_vlm(tmp_path, spec_for("vlm", tmp_path), CPU)


# -- image generation ----------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def sd_dir(tmp_path_factory) -> Path:
    return tiny_models.build_tiny_diffusion(tmp_path_factory.mktemp("tiny-sd"))


@pytest.fixture(scope="module")
def image_gen(sd_dir):
    from assistant.vision.imagegen import load_diffusers

    # The embedded spec asks for the fp16 variant; the folder has none, so plain files are used.
    return load_diffusers(sd_dir, spec_for("image_gen", sd_dir), CPU)


def test_tiny_diffusion_has_the_diffusers_layout(sd_dir):
    for part in ("model_index.json", "unet/config.json", "vae/config.json", "text_encoder/config.json",
                 "scheduler/scheduler_config.json", "unet/diffusion_pytorch_model.safetensors"):
        assert (sd_dir / part).is_file(), part
    assert any((sd_dir / "tokenizer").iterdir())


def test_generate_gives_the_requested_size_and_reports_each_step(image_gen):
    steps: list[tuple[int, int]] = []
    image = image_gen.generate("a red bicycle", width=96, height=64, steps=3, seed=7,
                               on_step=lambda done, total: steps.append((done, total)))
    assert isinstance(image, Image.Image) and image.size == (96, 64) and image.mode == "RGB"
    assert steps == [(1, 3), (2, 3), (3, 3)]
    assert image.info["seed"] == 7


def test_generate_is_reproducible_by_seed(image_gen):
    first = np.asarray(image_gen.generate("a lighthouse", steps=2, seed=1))
    again = np.asarray(image_gen.generate("a lighthouse", steps=2, seed=1))
    other = np.asarray(image_gen.generate("a lighthouse", steps=2, seed=2))
    assert first.shape == (64, 64, 3)  # the tiny model's native size is the default
    assert np.array_equal(first, again) and not np.array_equal(first, other)
    with_negative = image_gen.generate("a lighthouse", negative_prompt="fog", steps=2, guidance_scale=5.0)
    assert with_negative.size == (64, 64) and isinstance(with_negative.info["seed"], int)


def test_family_defaults(image_gen):
    from assistant.vision.imagegen import FAMILY_DEFAULTS, ImageGenerator, detect_family

    assert image_gen.family == "sd"
    assert (image_gen.defaults.width, image_gen.defaults.steps, image_gen.defaults.guidance_scale) == (64, 30, 7.5)
    pipe = image_gen._pipe
    assert detect_family(pipe, "/hf/models--stabilityai--sd-turbo/snapshots/abc") == "sd-turbo"
    turbo = ImageGenerator(pipe, "sd-turbo", "sd-turbo")
    assert turbo.defaults == FAMILY_DEFAULTS["sd-turbo"]  # 512 px, 1 step, no guidance, whatever the config
    custom = ImageGenerator(pipe, "sd", "mine", {"steps": 2, "width": 128})
    assert (custom.defaults.steps, custom.defaults.width, custom.defaults.height) == (2, 128, 64)


@pytest.mark.parametrize("bad", [
    {"prompt": "   "},
    {"width": 100},                    # not a multiple of 8
    {"height": 32},                    # below the minimum
    {"width": 4096, "height": 4096},   # too many pixels
    {"width": 64.0},
    {"steps": 0},
    {"steps": 1000},
    {"steps": 2.5},
    {"guidance_scale": -1.0},
    {"seed": -1},
])
def test_generate_bounds_raise_input_error(image_gen, bad):
    called = []
    with pytest.raises(InputError):
        image_gen.generate(**{"prompt": "a cat", **bad}, on_step=lambda *a: called.append(a))
    assert not called  # checked before any work


def test_a_failing_progress_callback_cancels_and_frees_the_generator(image_gen):
    class Stop(Exception):
        pass

    def stop(done, total):
        raise Stop

    with pytest.raises(Stop):
        image_gen.generate("a cat", steps=3, seed=1, on_step=stop)
    assert image_gen.generate("a cat", steps=1, seed=1).size == (64, 64)  # the lock was released


def test_variant_files_are_used_when_present(tmp_path):
    from assistant.vision.imagegen import load_diffusers

    folder = tiny_models.build_tiny_diffusion(tmp_path / "fp16-only", variant="fp16")
    assert (folder / "unet" / "diffusion_pytorch_model.fp16.safetensors").is_file()
    generator = load_diffusers(folder, spec_for("image_gen", folder, family="sd-turbo"), CPU)
    assert generator.defaults.steps == 1
    assert generator.generate("a cat", width=64, height=64, seed=3).size == (64, 64)


def test_diffusers_loader_explains_a_folder_that_is_not_a_pipeline(tmp_path):
    from assistant.vision.imagegen import load_diffusers

    with pytest.raises(ModelUnavailable, match="model_index.json"):
        load_diffusers(tmp_path, spec_for("image_gen", tmp_path), CPU)


# -- through the registry ------------------------------------------------------------------------------

def test_vision_roles_through_the_registry(tmp_path, clip_dir, sd_dir, vlm_dirs, tmp_path_factory):
    from assistant.config import load_settings
    from assistant.models import ModelManager
    from assistant.vision.clip import ClipEmbedder
    from assistant.vision.imagegen import ImageGenerator
    from assistant.vision.vlm import VisionLanguageModel

    vlm_dir = _vlm_dir(vlm_dirs, tmp_path_factory, "qwen3_vl")
    settings = load_settings(data_dir=tmp_path / "data",
                             models={"clip": str(clip_dir), "vlm": str(vlm_dir), "image_gen": str(sd_dir)})
    manager = ModelManager(settings)

    clip = manager.get("clip")
    assert isinstance(clip, ClipEmbedder) and manager.get("clip") is clip
    assert clip.embed_images([picture(1)]).shape == clip.embed_texts(["x"]).shape == (1, clip.dim)
    assert manager.loaded()["clip"]["bytes"] == clip.memory_bytes()

    vlm = manager.get("vlm")
    assert isinstance(vlm, VisionLanguageModel)
    assert isinstance(vlm.describe(picture(2), max_new_tokens=3), str) and vlm.last_stats["tokens"] >= 1

    generator = manager.get("image_gen")
    assert isinstance(generator, ImageGenerator)
    steps = []
    image = generator.generate("a boat", width=64, height=128, steps=2, seed=1, on_step=lambda *a: steps.append(a))
    assert image.size == (64, 128) and len(steps) == 2

    assert set(manager.loaded()) == {"clip", "vlm", "image_gen"}
    assert manager.unload("image_gen") and "image_gen" not in manager.loaded()
    with pytest.raises(RuntimeError, match="unloaded"):
        generator.generate("a boat", steps=1)
