"""`assistant doctor`: what it finds on this machine (no CLIP/VLM/diffusion weights, no sound card), the exit
status, a stable --json, broken things with their fixes, and --deep running the roles that exist here."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import tiny_models
from assistant.doctor import run_doctor
from assistant.doctor.lock import LOCK_FILE, drift, normalise, read_lock

SECTIONS = ("config", "install", "system", "audio", "compute", "models", "knowledge", "mcp")
STATUSES = {"ok", "info", "warn", "fail", "skip"}


def doctor(tmp_path: Path, *args: str, env: dict | None = None, timeout: float = 300) -> subprocess.CompletedProcess:
    (tmp_path / "knowledge").mkdir(exist_ok=True)
    return subprocess.run([sys.executable, "-m", "assistant", "doctor", "--data-dir", str(tmp_path / "data"),
                           "--knowledge", str(tmp_path / "knowledge"), *args], capture_output=True, text=True,
                          timeout=timeout, env={**os.environ, "HF_HUB_OFFLINE": "1", **(env or {})})


def by_name(report: dict) -> dict[tuple[str, str], dict]:
    return {(c["section"], c["name"]): c for c in report["checks"]}


def test_json_report_on_this_machine(tmp_path):
    result = doctor(tmp_path, "--json")
    report = json.loads(result.stdout)
    checks = by_name(report)
    assert report["schema"] == 1 and report["profile"] == "embedded"
    assert [s for s in SECTIONS if any(c["section"] == s for c in report["checks"])] == list(SECTIONS)
    for check in report["checks"]:
        assert set(check) == {"section", "name", "status", "summary", "fix", "details"}
        assert check["status"] in STATUSES and check["summary"]
        if check["status"] in ("warn", "fail"):
            assert check["fix"], check  # every problem says how to fix it
    assert report["counts"] == {s: sum(c["status"] == s for c in report["checks"]) for s in STATUSES}
    # exit status: 1 exactly when something required is broken
    assert result.returncode == (1 if report["counts"]["fail"] else 0), result.stderr
    assert report["ok"] is (report["counts"]["fail"] == 0)
    # the weights PyPI cannot ship are reported with the command that fetches them; the core roles are here
    for role in ("clip", "vlm", "image_gen"):
        check = checks[("models", role)]
        assert check["status"] == "warn" and f"models pull {role}" in check["fix"], check
    for role in ("vad", "turn", "stt", "llm", "tts", "text_embed"):
        assert checks[("models", role)]["status"] == "ok", checks[("models", role)]
        assert checks[("models", role)]["details"]["origin"] == "pypi"
    assert checks[("install", "packages")]["status"] == "ok"  # the suite runs on exactly the locked versions
    assert checks[("knowledge", "index")]["status"] == "info"  # an empty folder, no index yet


def test_audio_devices_are_reported_as_portaudio_sees_them(tmp_path):
    """No sound card here: no microphone and no speaker are warnings with a way out. Wherever devices
    exist, the report lists the ones PortAudio lists."""
    report = json.loads(doctor(tmp_path, "--json").stdout)
    checks = by_name(report)
    probe = subprocess.run([sys.executable, "-c", "import json, sounddevice as sd; print(json.dumps("
                            "[[d['name'], d['max_input_channels'], d['max_output_channels']] for d in sd.query_devices()]))"],
                           capture_output=True, text=True, timeout=60)
    if probe.returncode != 0:  # PortAudio itself is missing
        assert checks[("system", "portaudio")]["status"] == "warn"
        assert "libportaudio2" in checks[("system", "portaudio")]["fix"]
        assert checks[("audio", "devices")]["status"] == "skip"
        return
    devices = json.loads(probe.stdout)
    for kind, column in (("input", 1), ("output", 2)):
        expected = [name for name, *channels in devices if channels[column - 1] > 0]
        check = checks[("audio", kind)]
        assert [d["name"] for d in check["details"]["devices"]] == expected
        assert check["status"] == ("ok" if expected else "warn")
        if not expected:
            assert "no " + ("microphone" if kind == "input" else "speaker") in check["summary"]


def test_text_report_names_each_problem_and_its_fix(tmp_path):
    result = doctor(tmp_path)
    assert "Traceback" not in result.stderr
    lines = result.stdout.splitlines()
    clip = next(i for i, line in enumerate(lines) if "] clip" in line)
    assert "WARN" in lines[clip] and "not in the Hugging Face cache" in lines[clip]
    assert "fix: assistant --profile embedded models pull clip" in lines[clip + 1]
    assert lines[-1].endswith("warnings.") or lines[-1].endswith("warning.")


def test_broken_settings_fail_and_the_rest_is_still_checked(tmp_path):
    config = tmp_path / "config.toml"
    config.write_text('device = "tpu"\n')
    result = doctor(tmp_path, "--json", "--config", str(config))
    report = json.loads(result.stdout)
    checks = by_name(report)
    assert result.returncode == 1
    assert checks[("config", "settings")]["status"] == "fail" and "device" in checks[("config", "settings")]["summary"]
    assert checks[("install", "python")]["status"] == "ok"  # the sections that need no settings still run
    assert checks[("models", "all")]["status"] == "skip"


def test_a_cuda_device_on_a_machine_without_one_fails(tmp_path):
    import torch

    if torch.cuda.is_available():
        pytest.skip("this machine has a CUDA GPU")
    result = doctor(tmp_path, "--json", "--device", "cuda")
    check = by_name(json.loads(result.stdout))[("compute", "cuda")]
    assert result.returncode == 1 and check["status"] == "fail" and "auto" in check["fix"]


def test_a_token_file_readable_by_others_fails_with_the_chmod(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    token = data / "mcp-token"
    token.write_text("x" * 43 + "\n")
    token.chmod(0o644)
    result = doctor(tmp_path, "--json")
    check = by_name(json.loads(result.stdout))[("mcp", "token")]
    assert result.returncode == 1 and check["status"] == "fail"
    assert f"chmod 600 {token}" in check["fix"]
    assert oct(token.stat().st_mode & 0o777) == "0o644"  # the doctor looks; it does not change anything
    token.chmod(0o600)
    check = by_name(json.loads(doctor(tmp_path, "--json").stdout))[("mcp", "token")]
    assert check["status"] == "ok" and check["details"]["mode"] == "0600"


def test_the_index_is_compared_with_the_folder(tmp_path, manager):
    from assistant.config import load_settings
    from assistant.runtime import Runtime

    knowledge = tmp_path / "knowledge"
    knowledge.mkdir()
    (knowledge / "lake.md").write_text("# Lake\n\nThe lake froze early this year.\n")
    (knowledge / "broken.pdf").write_bytes(b"%PDF-1.7 this is not really a PDF")
    settings = load_settings(knowledge_dir=knowledge, data_dir=tmp_path / "data")
    runtime = Runtime(settings, manager)
    runtime.knowledge.index()
    runtime.knowledge.close()
    checks = by_name(run_doctor(knowledge_dir=knowledge, data_dir=tmp_path / "data").to_dict())
    assert checks[("knowledge", "index")]["status"] == "ok", checks[("knowledge", "index")]
    assert checks[("knowledge", "index")]["details"]["indexed_files"] == 1
    assert [p["file"] for p in checks[("knowledge", "bad files")]["details"]["files"]] == ["broken.pdf"]
    (knowledge / "river.md").write_text("# River\n\nThe river is high.\n")
    (knowledge / "lake.md").unlink()
    index = by_name(run_doctor(knowledge_dir=knowledge, data_dir=tmp_path / "data").to_dict())[("knowledge", "index")]
    assert index["status"] == "warn" and index["fix"].startswith("assistant index")
    assert index["details"]["to_index"] == ["river.md"] and index["details"]["removed"] == ["lake.md"]


# -- the lock -----------------------------------------------------------------------------------------------
def test_every_requirement_of_the_project_is_locked():
    import tomllib

    project = tomllib.loads((Path(__file__).parents[1] / "pyproject.toml").read_text())["project"]
    wanted = [*project["dependencies"], *project["optional-dependencies"]["dev"]]
    pins = read_lock(LOCK_FILE)
    names = {normalise(req.split(";")[0].split("[")[0].split("=")[0].split(">")[0].split("<")[0].strip())
             for req in wanted}
    assert sorted(names - set(pins)) == []  # a dependency added to pyproject.toml without `make lock`
    assert pins["torch"].endswith("+cpu")  # the CPU build: no CUDA wheels in a CPU install


def test_drift_names_missing_and_other_versions():
    import numpy

    found = {d.name: d for d in drift({"numpy": "0.0.1", "no-such-package-here": "1.0", "pytest": _version("pytest")})}
    assert set(found) == {"numpy", "no-such-package-here"}
    assert found["numpy"].installed == numpy.__version__ and found["no-such-package-here"].installed is None


def _version(name: str) -> str:
    from importlib import metadata

    return metadata.version(name)


# -- --deep ---------------------------------------------------------------------------------------------------
@pytest.mark.slow
def test_deep_runs_the_roles_that_exist_here_and_skips_the_others(tmp_path):
    result = doctor(tmp_path, "--deep", "--json", timeout=600)
    checks = by_name(json.loads(result.stdout))
    for role in ("tts", "vad", "turn", "stt", "llm", "text_embed"):
        check = checks[("deep", role)]
        assert check["status"] == "ok", check
        assert check["details"]["device"] == "cpu" and check["details"]["load_s"] >= 0
        assert check["details"]["first_s"] > 0
    assert checks[("deep", "stt")]["details"]["words_heard"] >= 0.8  # Whisper heard what Piper said
    assert checks[("deep", "vad")]["details"]["segments"] >= 1
    assert checks[("deep", "turn")]["details"]["finished"] >= 0.5  # a whole sentence, then a pause
    assert checks[("deep", "text_embed")]["details"]["dim"] == 384
    for role in ("clip", "vlm", "image_gen"):
        assert checks[("deep", role)]["status"] == "skip" and "not on this machine" in checks[("deep", role)]["summary"]


def test_deep_on_tiny_vision_models_through_the_same_loaders(tmp_path):
    """The roles PyPI cannot ship, on tiny random-weight models in their real on-disk layouts."""
    root = tmp_path / "models"
    models = {"clip": str(tiny_models.build_tiny_clip(root / "clip")),
              "vlm": str(tiny_models.build_tiny_vlm(root / "vlm", "smolvlm")),
              "image_gen": str(tiny_models.build_tiny_diffusion(root / "sd"))}
    (tmp_path / "knowledge").mkdir()
    report = run_doctor(deep=True, roles=["clip", "vlm", "image_gen"], knowledge_dir=tmp_path / "knowledge",
                        data_dir=tmp_path / "data", models=models)
    checks = by_name(report.to_dict())
    assert [name for section, name in checks if section == "deep"] == ["clip", "vlm", "image_gen"]
    for role in ("clip", "vlm", "image_gen"):
        assert checks[("models", role)]["status"] == "ok" and checks[("models", role)]["details"]["origin"] == \
            "local path"
        check = checks[("deep", role)]
        assert check["status"] in ("ok", "warn") and check["details"]["first_s"] > 0, check  # random weights
    assert checks[("deep", "clip")]["details"]["dim"] == 32
    assert checks[("deep", "image_gen")]["details"]["size"] == [64, 64]
