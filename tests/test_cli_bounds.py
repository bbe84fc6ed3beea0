"""Bounds on what a request may hold and ask of the machine, as a user meets them: `ask`/`say` refuse text
over the MCP tools' bounds before any model loads, routing is linear in the request, a question too long for
the chat model's context is said as such, a device that was asked for and is not there is an error, an unknown
model role in the config is refused, a video without sound is named as such."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest
from test_cli import assert_one_line_error, run

from assistant.limits import MAX_REQUEST_CHARS, MAX_SPEECH_CHARS
from assistant.models.device import cuda_available

LONG_WORD = "a" * 120_000  # one argument: under Linux's 128 KiB limit on a single argument

# Every pattern the router and the argument fillers apply to a request, over texts that made them quadratic
# (one long word, a long run of name characters, long runs of spaces, many verbs and "about"s) and over 1 MB
# of words. Before they were linear this took many minutes (4,000 characters of one word: 0.04 s, 40,000:
# 3.8 s in file-name matching alone); now it takes a few seconds.
ROUTING_SCRIPT = r"""
import random
from assistant.routing.arguments import Request, Subject, fill, page_numbers, spoken_request, topic
from assistant.tools import all_tools
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
        for tool in all_tools().values():
            if tool.routing is not None:
                fill(tool, request)
    page_numbers(text), spoken_request(text), topic(text), said_about(text), PICTURE_SETTINGS.search(text)
    subject_words(text), _words(text)
print("done")
"""


def test_routing_a_request_is_linear_in_its_length():
    try:
        result = subprocess.run([sys.executable, "-c", ROUTING_SCRIPT], capture_output=True, text=True, timeout=90)
    except subprocess.TimeoutExpired as exc:
        out = exc.stdout or b""
        stuck = (out.decode() if isinstance(out, bytes) else out).strip().splitlines()[-1:]
        pytest.fail(f"routing took over 90 s (a few seconds when linear); stuck on: {stuck}")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("done")


def test_ask_and_say_refuse_text_over_the_bound_before_any_model_loads(tmp_path):
    # The spark profile's models are not on this machine: loading one would end in exit 3, not 2.
    started = time.perf_counter()
    result = run("--profile", "spark", "ask", LONG_WORD, tmp_path=tmp_path, timeout=60)
    assert_one_line_error(result, 2, "question is too long", "120,000 characters", f"at most {MAX_REQUEST_CHARS:,}")
    assert time.perf_counter() - started < 3  # 0.2 s here: no model, no routing (a margin for a busy machine)
    result = run("--profile", "spark", "ask", "-", tmp_path=tmp_path, stdin="lorem ipsum " * 90_000, timeout=60)
    assert_one_line_error(result, 2, "question is too long", "1,079,999 characters")
    result = run("--profile", "spark", "say", LONG_WORD, "-o", str(tmp_path / "a.wav"), tmp_path=tmp_path, timeout=60)
    assert_one_line_error(result, 2, "text is too long", f"at most {MAX_SPEECH_CHARS:,}")
    assert not (tmp_path / "a.wav").exists()


@pytest.mark.slow
def test_a_question_too_long_for_the_models_context_is_refused_in_one_line(tmp_path):
    # Under the character bound, but about 8,000 tokens: the embedded model's context is 4,096. Before, the
    # question went to llama.cpp as it was, which refused it ("exceeds the available context size", exit 1).
    question = "What does this say? " + "ꙮ" * 3900
    result = run("--knowledge", str(tmp_path / "knowledge"), "ask", question, tmp_path=tmp_path)
    assert_one_line_error(result, 2, "question is too long for the chat model", "tokens")


@pytest.mark.skipif(cuda_available(), reason="a machine without CUDA")
def test_a_device_that_is_not_here_is_an_error_for_every_command_that_uses_a_model(tmp_path):
    # say's voice runs on the CPU whatever the device, and an empty index is searched without a model: both
    # ran and exited 0 where transcribe, index and ask exited 4
    knowledge = tmp_path / "knowledge"
    knowledge.mkdir()
    wav = tmp_path / "hi.wav"
    for device, command in [("cuda", ["say", "hi", "-o", str(wav)]), ("cuda:1", ["search", "lake"]),
                            ("cuda", ["pdf", "what does it say?"]), ("mps", ["say", "hi", "-o", str(wav)])]:
        result = run("--knowledge", str(knowledge), "--device", device, *command, tmp_path=tmp_path, timeout=120)
        assert_one_line_error(result, 4, f"device {device!r} was asked for", 'set device = "auto" or "cpu"')
    assert not wav.exists()


def test_an_unknown_model_role_in_the_config_is_refused_naming_the_roles(tmp_path, monkeypatch):
    config = tmp_path / "config.toml"
    config.write_text('[models]\nstt = "/models/whisper"\nbrain = "/models/brain"\n')
    roles = "(roles: vad, turn, stt, llm, vlm, clip, image_gen, tts, text_embed)"
    assert_one_line_error(run("--config", str(config), "models", tmp_path=tmp_path), 2,
                          "unknown model role 'brain'", roles)
    monkeypatch.setenv("ASSISTANT_MODELS__SPEECH", "/models/whisper")
    assert_one_line_error(run("models", tmp_path=tmp_path), 2, "unknown model role 'speech'", roles)


def _silent_video(path):
    """A real MP4 (MPEG-4 Part 2 video, ten frames) with no audio stream."""
    import av
    import numpy as np

    with av.open(str(path), "w") as container:
        stream = container.add_stream("mpeg4", rate=10)
        stream.width, stream.height, stream.pix_fmt = 64, 48, "yuv420p"
        for i in range(10):
            frame = av.VideoFrame.from_ndarray(np.full((48, 64, 3), i * 20, np.uint8), format="rgb24")
            container.mux(stream.encode(frame))
        container.mux(stream.encode())
    return path


def test_a_video_without_sound_is_named_as_such(tmp_path):
    from assistant.audio.io import read_range
    from assistant.errors import InputError

    video = _silent_video(tmp_path / "clip.mp4")
    result = run("transcribe", str(video), tmp_path=tmp_path)  # it said "tuple index out of range"
    assert_one_line_error(result, 2, f"{video} has no audio track")
    with pytest.raises(InputError, match="clip.mp4 has no audio track"):  # a cited moment played in the app
        read_range(video, 0.0, 1.0)
