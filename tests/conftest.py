"""Shared fixtures. Tests never reach the network: the HF hub is offline, models come from PyPI data
packages (assembled once into the model cache, shared across runs: the user's, or ASSISTANT_MODEL_CACHE_DIR)
or tiny random models."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import pytest

os.environ["HF_HUB_OFFLINE"] = "1"
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
# A developer's own settings must not leak into tests. The model cache is where weights are, not a setting
# that changes behaviour: ASSISTANT_MODEL_CACHE_DIR is kept (CI points it at a fresh folder).
for _name in [n for n in os.environ if n.startswith("ASSISTANT_") and n != "ASSISTANT_MODEL_CACHE_DIR"]:
    del os.environ[_name]
# No user config file is read: an empty XDG config dir. The model cache stays shared by the tests.
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


class ChromaServer:
    """A running `chroma run` on localhost, shared by the session's tests."""

    def __init__(self, url: str, log: Path):
        self.url = url
        self.log = log
        self._count = 0

    def settings(self) -> dict:
        """Settings that put a knowledge index's vectors on this server, under collection names no
        other test uses (the server outlives each test's data dir)."""
        self._count += 1
        return {"chroma_url": self.url, "chroma_prefix": f"t{os.getpid()}x{self._count}"}


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def chroma_server(tmp_path_factory):
    """One real Chroma server (`chroma run`, from the chromadb package) for the whole session; stopped at
    the end. Tests name their collections apart with `chroma_server.settings()`."""
    import shutil
    import subprocess
    import time
    import urllib.request

    chroma = os.path.join(os.path.dirname(sys.executable), "chroma")
    if not os.path.exists(chroma):
        chroma = shutil.which("chroma")
    assert chroma, "the `chroma` command (chromadb package) is not installed"
    root = tmp_path_factory.mktemp("chroma-server")
    log = root / "server.log"
    port = _free_port()
    with open(log, "wb") as out:
        server = subprocess.Popen([chroma, "run", "--path", str(root / "data"), "--host", "127.0.0.1",
                                   "--port", str(port)], stdout=out, stderr=subprocess.STDOUT,
                                  stdin=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"{url}/api/v2/heartbeat", timeout=1).read()
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    tail = log.read_text(errors="replace")[-2000:]
                    raise RuntimeError(f"chroma server did not start (exit {server.poll()}):\n{tail}") from None
                time.sleep(0.2)
        yield ChromaServer(url, log)
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=10)
