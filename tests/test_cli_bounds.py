"""Bounds on what a request may ask of the machine: routing is linear in the request."""

from __future__ import annotations

import subprocess
import sys

import pytest

# Every pattern the router and the argument fillers apply to a request, over texts that made them quadratic
# (one long word, a long run of name characters, long runs of spaces, many verbs and "about"s) and over 1 MB
# of words. Before they were linear this took many minutes (4,000 characters of one word: 0.04 s, 40,000:
# 3.8 s in file-name matching alone); now it takes a few seconds.
ROUTING_SCRIPT = r"""
import random
from assistant.routing.arguments import FILLERS, Request, Subject, page_numbers, spoken_request, topic
from assistant.routing.planner import PICTURE_SETTINGS, said_about
from assistant.routing.probe import subject_words
from assistant.routing.router import _words

FILES = ["manuals/espresso-machine.pdf", "photos/lake.jpg", "photos/cat-on-sofa.png", "recordings/standup.wav"]
vocabulary = ("what did we say about the lake photo and the espresso machine manual on page 3 draw a cat at "
              "512 by 512 with 20 steps seed 7 please transcribe the standup recording").split()
rng = random.Random(0)
texts = {
    "one long word": "a" * 120_000,
    "a long file-name-like word": "photos/" + "a." * 60_000,
    "a long run of spaces after a number": "draw 11" + " " * 120_000 + "x wide",
    "a long run of spaces after seed": "seed" + " " * 120_000 + "x",
    "many verbs and abouts": "say about a, " * 20_000 + "and more",
    "1 MB of words": " ".join(rng.choice(vocabulary) for _ in range(250_000))[:1_000_000],
}
after_a_picture = Subject("generate_image", {"prompt": "a cat"}, "draw a cat", ["photos/lake.jpg"])
for name, text in texts.items():
    print(name, flush=True)
    for subject in (None, after_a_picture):
        request = Request(text, FILES, subject)
        for fill in FILLERS.values():
            fill(request)
    page_numbers(text), spoken_request(text), topic(text), said_about(text), PICTURE_SETTINGS.search(text)
    subject_words(text), _words(text)
print("done")
"""


def test_routing_a_request_is_linear_in_its_length():
    try:
        result = subprocess.run([sys.executable, "-c", ROUTING_SCRIPT], capture_output=True, text=True, timeout=90)
    except subprocess.TimeoutExpired as exc:
        stuck = (exc.stdout or b"").decode().strip().splitlines()[-1:]
        pytest.fail(f"routing took over 90 s (a few seconds when linear); stuck on: {stuck}")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("done")
