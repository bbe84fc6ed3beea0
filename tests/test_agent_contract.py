"""The turn contract (issue 23): tool calls are data from the engine to the tool, any reply streams at once, and a
stop reaches the tool that is running.

- A reply that opens with a code fence is spoken while the model is still writing it (the agent held back any
  reply opening with "{", "[" or "```" until it was complete).
- A barge-in during generate_image stops the generation within one step (the tool's context follows the turn's
  stop), and a tool abandoned that way never makes the next one wait.
"""

from __future__ import annotations

import threading
import time

import pytest
from fakes import ScriptedChat, ScriptedManager
from tiny_models import build_tiny_diffusion
from voice_fakes import Rig

from assistant.cancel import Cancel
from assistant.config import load_settings
from assistant.contracts import Text, ToolCall
from assistant.models.policy import PromptPolicy
from assistant.runtime import Runtime
from assistant.voice.events import Speaking, TurnFinished


@pytest.mark.looptime
async def test_a_reply_opening_with_a_code_fence_is_spoken_before_it_is_complete(tmp_path):
    reply = [Text("```bash\nls -la\n```\n"), Text("This lists every file."), Text(" Hidden ones"),
             Text(" are included."), Text(" So are their sizes.")]
    rig = Rig(tmp_path, reply, transcripts=("how do I list files",), first_token_s=0.2, each_token_s=1.0)
    [turn] = await rig.run(rig.script().silence(0.5).speech(1.0).silence(10.0))
    [first_spoken, *_] = rig.events.times(Speaking)
    [finished] = rig.events.times(TurnFinished)
    assert first_spoken < finished - 2.0, (first_spoken, finished)  # heard while three deltas were still to come
    assert turn.reply.startswith("```bash") and "This lists every file." in turn.spoken


@pytest.fixture(scope="module")
def diffusion(tmp_path_factory):
    return build_tiny_diffusion(tmp_path_factory.mktemp("sd") / "sd")


def _drawing_agent(tmp_path, diffusion, *replies, progress=None):
    (tmp_path / "knowledge").mkdir(exist_ok=True)
    settings = load_settings(knowledge_dir=tmp_path / "knowledge", data_dir=tmp_path / "data",
                             models={"image_gen": str(diffusion)}, threads=2)
    chat = ScriptedChat(*replies)
    runtime = Runtime(settings, ScriptedManager(settings, llm=chat))
    if progress is not None:
        runtime.context.progress = progress
    return runtime.agent(policy=PromptPolicy(tool_routing="model")), chat


def test_a_barge_in_stops_a_generation_within_a_step_and_frees_its_thread(tmp_path, diffusion):
    steps: list[float] = []

    def progress(done, total=None, message=None):
        steps.append(time.perf_counter())

    draw = [ToolCall("generate_image", {"prompt": "a lighthouse at dusk", "steps": 150, "width": 64, "height": 64})]
    agent, _chat = _drawing_agent(tmp_path, diffusion, draw, draw, [ToolCall("generate_image", {
        "prompt": "a small boat", "steps": 2, "width": 64, "height": 64, "seed": 1})], ["Here it is."],
        progress=progress)
    for _ in range(2):  # two generations, each stopped by a barge-in after its first steps
        stop = Cancel()
        seen = len(steps)
        turn = threading.Thread(target=lambda s=stop: list(agent.turn("Draw a lighthouse", stop=s)))
        turn.start()
        deadline = time.monotonic() + 120
        while len(steps) < seen + 3 and time.monotonic() < deadline and turn.is_alive():
            time.sleep(0.01)
        assert len(steps) >= seen + 3, "the generation did not start"
        stop.set()
        at_stop = len(steps)
        turn.join(10)
        assert not turn.is_alive(), "the turn waited for the tool it abandoned"
        step = (steps[-1] - steps[seen]) / max(1, len(steps) - seen - 1)
        time.sleep(max(1.0, 10 * step))  # ten steps' time: the generation would have gone on
        assert len(steps) - at_stop <= 1, f"{len(steps) - at_stop} steps after the stop"
    started = time.perf_counter()  # the next tool starts at once: nothing abandoned holds its place
    events = list(agent.turn("Draw a boat", stop=Cancel()))
    done = events[-1]
    assert [c.name for c in done.tool_calls] == ["generate_image"] and not done.tool_calls[0].result.is_error
    assert time.perf_counter() - started < 60
    assert done.reply == "Here it is."
