"""The router's example vectors are kept between processes (a cold `ask` embedded all of them, about 2 s): one
file per embedder and example list, written whole, and a damaged or foreign file is embedded again."""

from __future__ import annotations

import numpy as np

from assistant.routing.router import ToolRouter
from assistant.tools import agent_tools


class CountingEmbedder:
    """A deterministic stand-in for MiniLM that counts the texts it embeds."""

    def __init__(self) -> None:
        self.texts = 0

    def embed(self, texts, kind="document"):
        self.texts += len(texts)
        rng = [np.random.default_rng(abs(hash(t)) % 2**32).standard_normal(8) for t in texts]
        return np.asarray([v / np.linalg.norm(v) for v in rng], dtype=np.float32)


def test_the_examples_are_embedded_once_across_routers_and_again_for_another_model(tmp_path):
    tools = agent_tools()
    first = CountingEmbedder()
    ToolRouter(first, tools, cache=tmp_path, model="minilm").warm()
    assert first.texts > 50 and len(list(tmp_path.glob("router-examples-*.npy"))) == 1
    again = CountingEmbedder()
    router = ToolRouter(again, tools, cache=tmp_path, model="minilm")
    router.route("what is 17 times 23")
    assert again.texts == 1  # only the request
    other = CountingEmbedder()
    ToolRouter(other, tools, cache=tmp_path, model="another-model").warm()
    assert other.texts == first.texts and len(list(tmp_path.glob("router-examples-*.npy"))) == 2


def test_a_damaged_cache_file_is_embedded_again(tmp_path):
    tools = agent_tools()
    ToolRouter(CountingEmbedder(), tools, cache=tmp_path, model="m").warm()
    [saved] = tmp_path.glob("router-examples-*.npy")
    saved.write_bytes(b"not numpy")
    embedder = CountingEmbedder()
    ToolRouter(embedder, tools, cache=tmp_path, model="m").warm()
    assert embedder.texts > 50 and np.load(saved).shape[0] == embedder.texts
