"""Settings layering: defaults < TOML file < ASSISTANT_* environment < command-line flags."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from assistant.config import default_config_file, load_settings
from assistant.errors import ConfigError


@pytest.fixture
def toml(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text(
        'profile = "spark"\n'
        'device = "cpu"\n'
        'knowledge_dir = "/srv/knowledge"\n'
        "[models]\n"
        'stt = "/models/whisper"\n'
        "[models.llm]\n"
        'source = "Qwen/Qwen3-VL-8B-Instruct"\n'
        'backend = "transformers"\n'
    )
    return path


def test_defaults(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    s = load_settings()
    assert s.profile == "embedded"
    assert s.knowledge_dir == tmp_path / "knowledge"
    assert s.data_dir.is_absolute() and s.data_dir.name == "spark-assistant"
    assert s.device == "auto"
    assert s.models == {}


def test_toml_overrides_defaults(toml):
    s = load_settings(toml)
    assert s.profile == "spark"
    assert s.device == "cpu"
    assert s.knowledge_dir == Path("/srv/knowledge")
    assert s.models["stt"].source == "/models/whisper"
    assert s.models["llm"].source == "Qwen/Qwen3-VL-8B-Instruct"
    assert s.models["llm"].backend == "transformers"


def test_env_overrides_toml_and_flags_override_env(toml, monkeypatch):
    monkeypatch.setenv("ASSISTANT_PROFILE", "embedded")
    monkeypatch.setenv("ASSISTANT_DEVICE", "cuda")
    monkeypatch.setenv("ASSISTANT_MODELS__CLIP", "/models/clip")
    s = load_settings(toml)
    assert s.profile == "embedded"  # env beats the file
    assert s.device == "cuda"
    assert s.models["clip"].source == "/models/clip"
    s = load_settings(toml, profile="spark", device=None)  # a flag beats env; None means "not given"
    assert s.profile == "spark"
    assert s.device == "cuda"


def test_xdg_config_file_is_read(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    path = default_config_file()
    assert path == tmp_path / "spark-assistant" / "config.toml"
    path.parent.mkdir(parents=True)
    path.write_text('profile = "spark"\n')
    assert load_settings().profile == "spark"


def test_config_env_variable_names_the_file(toml, monkeypatch):
    monkeypatch.setenv("ASSISTANT_CONFIG", str(toml))
    assert load_settings().profile == "spark"


def test_relative_paths_become_absolute(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    s = load_settings(knowledge_dir=Path("docs"), data_dir=Path("~/x"))
    assert s.knowledge_dir == tmp_path / "docs"
    assert s.data_dir == Path(os.path.expanduser("~/x"))


@pytest.mark.parametrize("content, words", [
    ('profile = "huge"\n', "profile"),
    ('device = "tpu"\n', "device"),
    ('no_such_setting = 1\n', "no_such_setting"),
    ('profile = \n', "invalid settings"),
])
def test_bad_file_is_one_clear_error(tmp_path, content, words):
    path = tmp_path / "bad.toml"
    path.write_text(content)
    with pytest.raises(ConfigError) as info:
        load_settings(path)
    assert words in str(info.value)
    assert "\n" not in str(info.value)


def test_missing_config_file(tmp_path):
    with pytest.raises(ConfigError, match="config file not found"):
        load_settings(tmp_path / "nope.toml")
