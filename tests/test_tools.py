"""The tools, run through `Tool.run` exactly as the agent and the MCP server run them: schemas, each tool on a
real knowledge folder (tiny random vlm / image_gen / clip models, real MiniLM and Whisper), confinement of every
path argument, bad arguments, size bounds, and a long generation that does not hold up a search."""

from __future__ import annotations

import base64
import functools
import io
import json
import os
import shutil
import threading
import time
from pathlib import Path

import pytest
from documents import REPORT_FACTS, make_bomb_png, make_photo, make_report_pdf, make_sign_png
from PIL import Image
from speech import espeak_wav, wer
from tiny_models import build_tiny_clip, build_tiny_diffusion, build_tiny_vlm

from assistant.config import ModelOverride, load_settings
from assistant.contracts import Citation, ImageOut, ToolResult
from assistant.models import ModelManager
from assistant.roles import ROLES
from assistant.tools import Hints, Tool, ToolContext, agent_tools, all_tools

TOOLS_BY_NAME = all_tools()
TOOLS = {"describe_image", "generate_image", "search_knowledge", "lookup_pdf", "transcribe_audio", "calculate",
         "convert_units", "date_time"}
PROGRAM_TOOLS = {"synthesize_speech", "embed_text", "embed_image"}
SPOKEN = "the quick brown fox jumps over the lazy dog"
PROMPT = "a red bicycle beside the lighthouse"
NOTES = {
    "garden.md": "# Garden\n\nTomatoes need full sun and regular watering in July.\n",
    "notes/recipes.txt": "Bake the sourdough bread at 230 degrees for forty minutes.\n",
}


# -- fixtures -------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def tiny(tmp_path_factory) -> dict[str, str]:
    root = tmp_path_factory.mktemp("tiny-models")
    return {"vlm": str(build_tiny_vlm(root / "vlm")), "image_gen": str(build_tiny_diffusion(root / "sd")),
            "clip": str(build_tiny_clip(root / "clip"))}


@pytest.fixture(scope="module")
def outside(tmp_path_factory) -> Path:
    """A folder beside the knowledge folder, with a secret the tools must never read."""
    root = tmp_path_factory.mktemp("outside")
    (root / "secret.txt").write_text("the password is swordfish\n")
    Image.new("RGB", (40, 30), (0, 200, 0)).save(root / "secret.png")
    return root


@pytest.fixture(scope="module")
def ctx(tmp_path_factory, tiny, outside):
    folder = tmp_path_factory.mktemp("knowledge")
    for name, text in NOTES.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text)
    make_report_pdf(folder)
    (folder / "pictures").mkdir()
    make_photo(folder / "pictures", "cat.jpg")
    make_sign_png(folder)
    (folder / "audio").mkdir()
    espeak_wav(SPOKEN, folder / "audio" / "fox.wav")
    # ways out of the folder that must stay shut
    (folder / "link-out.png").symlink_to(outside / "secret.png")
    (folder / "link-out.wav").symlink_to(outside / "secret.txt")
    (folder / "linked-dir").symlink_to(outside, target_is_directory=True)
    settings = load_settings(knowledge_dir=folder, data_dir=tmp_path_factory.mktemp("data"), models=tiny)
    context = ToolContext(settings, ModelManager(settings))
    # Random weights rarely stop by themselves: answers of a few tokens keep each description well under a
    # second. The tool's call, model.describe(image, question), is unchanged.
    vlm = context.manager.get("vlm")
    vlm.describe = functools.partial(type(vlm).describe, vlm, max_new_tokens=6)
    report = context.knowledge.index()
    assert "report.pdf" in report.added and "pictures/cat.jpg" in report.added
    yield context
    context.knowledge.close()


def run(context: ToolContext, name: str, **arguments) -> ToolResult:
    return TOOLS_BY_NAME[name].run(arguments, context)


def ok(result: ToolResult) -> ToolResult:
    assert not result.is_error, result.text
    return result


def refused(result: ToolResult, *words: str) -> str:
    assert result.is_error, result.text
    assert "\n" not in result.text and result.text.strip() == result.text and len(result.text) <= 500
    for word in words:
        assert word in result.text, result.text
    return result.text


def data_uri(image: Image.Image | bytes, mime: str = "image/png") -> str:
    if isinstance(image, Image.Image):
        buf = io.BytesIO()
        image.save(buf, format="PNG")
        image = buf.getvalue()
    return f"data:{mime};base64,{base64.b64encode(image).decode()}"


@pytest.fixture(scope="module")
def generated(ctx):
    """One image made with generate_image, and the progress it reported."""
    calls = []
    result = TOOLS_BY_NAME["generate_image"].run(
        {"prompt": PROMPT, "negative_prompt": "fog", "steps": 3, "seed": 42, "width": 72, "height": 64},
        ctx.with_progress(lambda done, total, message: calls.append((done, total, message))))
    return ok(result), calls


# -- the registry ---------------------------------------------------------------------------------
def test_the_tools_with_schemas_written_for_a_model():
    tools = all_tools()
    assert set(tools) == TOOLS | PROGRAM_TOOLS
    assert set(agent_tools()) == TOOLS  # vectors and WAV files are for programs, not the chat model
    for name, t in tools.items():
        assert isinstance(t, Tool) and t.name == name
        assert len(t.description) > 120 and "\n\n" not in t.description
        assert t.title and isinstance(t.hints, Hints) and set(t.requires) <= set(ROLES)
        schema = t.parameters
        assert schema["type"] == "object" and schema["properties"] and schema["additionalProperties"] is False
        for arg, prop in schema["properties"].items():
            assert len(prop.get("description", "")) > 15, (name, arg)
        assert json.loads(json.dumps(t.openai_schema()))["function"]["name"] == name
    params = tools["search_knowledge"].parameters["properties"]
    assert params["kind"]["enum"] == ["any", "image", "pdf", "text", "audio"]
    assert (params["limit"]["minimum"], params["limit"]["maximum"]) == (1, 20)
    gen = tools["generate_image"].parameters
    assert gen["required"] == ["prompt"]
    steps = next(s for s in gen["properties"]["steps"]["anyOf"] if s["type"] == "integer")
    assert (steps["minimum"], steps["maximum"]) == (1, 150)
    assert tools["describe_image"].parameters["required"] == ["image"]
    assert all("ctx" not in t.parameters["properties"] for t in tools.values())  # the context is not an argument
    assert tools["transcribe_audio"].parameters["required"] == ["file"]
    assert not tools["generate_image"].hints.read_only and not tools["synthesize_speech"].hints.read_only
    assert all(t.hints.read_only for n, t in tools.items()
               if n not in ("generate_image", "synthesize_speech"))
    assert tools["describe_image"].requires == ("vlm",) and tools["embed_image"].requires == ("clip",)


def test_ask_assistant_is_served_beside_the_tools_on_an_agent_the_runtime_hands_it(tmp_path):
    """The agent sits above the tools, so its turn is not one of them: MCP serves it beside them, and each
    call gets a new agent from the runtime, its tools on the call's context (cancellation reaches them)."""
    from assistant.agent import TextDelta, ToolCallFinished, ToolCallStarted, TurnDone
    from assistant.mcp.ask import ask_assistant, mcp_registry
    from assistant.runtime import Runtime

    (tmp_path / "config.toml").write_text("")
    settings = load_settings(tmp_path / "config.toml", knowledge_dir=tmp_path, data_dir=tmp_path / "data")
    runtime = Runtime(settings)
    served = mcp_registry(runtime)
    assert list(served) == [*all_tools(), "ask_assistant"] and "ask_assistant" not in all_tools()
    ask = served["ask_assistant"]
    assert ask.requires == ("llm", "text_embed") and not ask.for_agent and not ask.hints.read_only
    assert ask.parameters["required"] == ["request"] and len(ask.description) > 120

    found = ToolResult("1 hit", citations=[Citation("notes.md", 2), Citation("notes.md", 2)])
    made: list = []

    class Turn:  # a scripted agent: one tool call, then a reply in two sentences
        closed = False

        def __init__(self, context):
            self.context = context
            made.append(self)

        def turn(self, request, stop):
            yield ToolCallStarted("search_knowledge", {"query": request})
            yield ToolCallFinished("search_knowledge", {"query": request}, found)
            yield TextDelta("The notes say so. ")
            yield TextDelta("Page two.")
            yield TurnDone("The notes say so. Page two.", [ToolCallFinished("search_knowledge", {}, found)])

        def close(self):
            self.closed = True

    steps: list = []
    context = ToolContext(settings, runtime.manager).with_progress(lambda *step: steps.append(step))
    result = ask_assistant(Turn).run({"request": "  what do   my notes say? "}, context)
    assert not result.is_error and result.text == "The notes say so. Page two.", result.text
    assert result.citations == [Citation("notes.md", 2)] and result.data["tool_calls"][0]["name"] == "search_knowledge"
    assert [s[2] for s in steps] == ["calling search_knowledge", "search_knowledge done", "The notes say so.",
                                     "Page two."]
    (agent,) = made
    assert agent.closed and agent.context.cancelled is context.cancelled  # the call's, its progress kept quiet
    assert runtime.agent(context=agent.context).context is agent.context  # what mcp_registry hands it
    assert ask_assistant(Turn).run({"request": " "}, context).is_error


def test_a_tool_is_called_directly_with_its_context(ctx):
    """No ambient state: the context is the first argument, so a test (or a program) calls the function."""
    from assistant.tools.knowledge import search_knowledge

    result = search_knowledge(ctx, query="tomatoes in July", limit=2)
    assert not result.is_error and result.citations[0].file == "garden.md"
    other = ToolContext(ctx.settings.model_copy(update={"knowledge_dir": ctx.settings.knowledge_dir / "notes"}),
                        ctx.manager)
    assert TOOLS_BY_NAME["lookup_pdf"].run({"file": "report.pdf", "pages": "1"}, other).is_error  # its own folder


# -- describe_image -------------------------------------------------------------------------------
def test_describe_a_knowledge_image(ctx):
    result = ok(run(ctx, "describe_image", image="pictures/cat.jpg", question="What animal is this?"))
    assert result.citations == [Citation("pictures/cat.jpg")]
    with Image.open(ctx.settings.knowledge_dir / "pictures" / "cat.jpg") as im:
        assert (result.data["width"], result.data["height"]) == im.size
    assert result.data["question"] == "What animal is this?"
    # random weights: gibberish, maybe nothing at all; either way the model ran on the picture
    assert result.text == (result.data["answer"] or "(the model said nothing about pictures/cat.jpg)")
    assert ctx.manager.get("vlm").last_stats["tokens"] >= 1
    again = ok(run(ctx, "describe_image", image="pictures/cat.jpg", question="What animal is this?"))
    assert again.text == result.text  # greedy decoding: the same picture and question, the same answer


def test_describe_inline_images(ctx):
    picture = Image.new("RGB", (80, 60), (200, 30, 30))
    for value in (data_uri(picture), data_uri(picture).split(",", 1)[1]):  # data: URI and bare base64
        result = ok(run(ctx, "describe_image", image=value))
        assert result.citations == [] and result.data["image"] == "inline image"
        assert (result.data["width"], result.data["height"]) == (80, 60)
    jpeg = io.BytesIO()
    picture.save(jpeg, format="JPEG")
    assert ok(run(ctx, "describe_image", image=data_uri(jpeg.getvalue(), "image/jpeg"))).data["width"] == 80


def test_describe_a_generated_image_by_its_id(ctx, generated):
    result, _ = generated
    image_id = result.data["id"]
    described = ok(run(ctx, "describe_image", image=image_id))
    assert described.citations == [Citation(f"generated/{image_id}")]
    assert (described.data["width"], described.data["height"]) == (72, 64)
    assert ok(run(ctx, "describe_image", image=f"generated/{image_id}")).text == described.text


def test_inline_images_are_bounded(ctx, tmp_path, monkeypatch):
    huge = "data:image/png;base64," + "A" * (28 * 2**20)  # ~21 MB once decoded
    decoded: list[int] = []
    real_decode = base64.b64decode
    monkeypatch.setattr(base64, "b64decode", lambda data, *a, **k: decoded.append(len(data)) or real_decode(data, *a, **k))
    refused(run(ctx, "describe_image", image=huge), "too large", "20 MB")
    monkeypatch.undo()
    assert decoded == []  # refused from the length: nothing was decoded
    bomb = make_bomb_png(tmp_path).read_bytes()  # a few hundred bytes declaring 100000x100000 pixels
    refused(run(ctx, "describe_image", image=data_uri(bomb)), "inline image", "too large")
    refused(run(ctx, "describe_image", image="data:text/plain;base64,aGVsbG8="), "not an image")
    refused(run(ctx, "describe_image", image="data:image/png;base64,***"), "not valid base64")
    refused(run(ctx, "describe_image", image="data:image/png,rawbytes"), "base64")
    not_png = base64.b64encode(b"\x89PNG\r\n\x1a\n" + b"garbage" * 10).decode()
    refused(run(ctx, "describe_image", image=not_png), "inline image", "unreadable image")


def test_describe_with_a_model_that_cannot_see(ctx, tiny):
    """A vlm role given a model that cannot describe (here a CLIP embedder) is refused by the registry's role
    contract, with a clear message, before anything runs."""
    settings = ctx.settings.model_copy(update={"models": {"vlm": ModelOverride(source=tiny["clip"],
                                                                              backend="open-clip")}})
    blind = ToolContext(settings, ModelManager(settings), ctx.knowledge)
    refused(run(blind, "describe_image", image="sign.png"), "cannot play the vlm role", "ImageDescriber")


def test_missing_images(ctx):
    refused(run(ctx, "describe_image", image="pictures/dog.jpg"), "not found", "pictures/dog.jpg")
    refused(run(ctx, "describe_image", image="gen-20000101-000000-nothing-abcdef.png"), "not found")
    refused(run(ctx, "describe_image", image="pictures"), "not a regular file")
    refused(run(ctx, "describe_image", image="garden.md"), "garden.md", "image")


# -- generate_image -------------------------------------------------------------------------------
def test_generate_saves_a_png_with_its_settings(ctx, generated):
    result, calls = generated
    path = Path(result.data["path"])
    assert path.parent == ctx.settings.generated_dir.resolve() and path.is_file()
    assert path.name.startswith("gen-") and path.suffix == ".png" and "red-bicycle" in path.name
    assert result.data["id"] == path.name and result.data["file"] == f"generated/{path.name}"
    assert calls == [(1, 3, "step 1/3"), (2, 3, "step 2/3"), (3, 3, "step 3/3")]
    with Image.open(path) as im:
        assert im.format == "PNG" and im.size == (72, 64)
        meta = im.text
    assert meta["prompt"] == PROMPT and meta["seed"] == "42" and meta["negative_prompt"] == "fog"
    assert meta["steps"] == "3" and meta["width"] == "72" and meta["height"] == "64"
    assert meta["model"] == ctx.manager.spec("image_gen").source and meta["family"] == "sd"
    settings = json.loads(meta["spark-assistant"])
    assert settings["guidance_scale"] == 7.5 and settings["seed"] == 42  # the family default, reported
    assert result.images == [ImageOut(path, result.images[0].caption)]
    assert PROMPT in result.images[0].caption and "72x64" in result.images[0].caption
    assert "seed 42" in result.images[0].caption
    assert path.name in result.text and "seed 42" in result.text
    assert result.citations == [Citation(f"generated/{path.name}")]
    assert not list(path.parent.glob(".*.tmp"))  # no temporary files left behind


def test_generated_image_is_indexed_and_found(ctx, generated):
    result, _ = generated
    assert result.data["indexed"] is True and "not indexed" not in result.text
    assert result.data["file"] in ctx.knowledge.catalog.files()
    found = ok(run(ctx, "search_knowledge", query="red bicycle lighthouse", kind="image"))
    assert found.data["hits"][0]["file"] == result.data["file"]
    assert any(i.path.name == result.data["id"] for i in found.images)


def test_generate_with_a_random_seed_reports_it_and_reproduces(ctx):
    first = ok(run(ctx, "generate_image", prompt="a small boat", steps=1))
    seed = first.data["seed"]
    assert 0 <= seed < 2**32 and f"seed {seed}" in first.text
    again = ok(run(ctx, "generate_image", prompt="a small boat", steps=1, seed=seed))
    assert again.data["id"] != first.data["id"]
    with Image.open(first.data["path"]) as a, Image.open(again.data["path"]) as b:
        assert a.tobytes() == b.tobytes()


def test_generated_image_is_returned_even_when_indexing_fails(ctx):
    class BrokenIndex:
        def index(self):
            raise RuntimeError("disk full\nand a second line")

    broken = ToolContext(ctx.settings, ctx.manager, BrokenIndex())
    result = ok(run(broken, "generate_image", prompt="a green apple", steps=1, seed=1))
    assert Path(result.data["path"]).is_file() and result.images
    assert result.data["indexed"] is False and "not indexed yet: disk full and a second line" in result.text


def test_generated_image_is_not_called_indexed_when_the_run_stops(tmp_path, ctx):
    """The folder looks emptied (most of the index gone from it): indexing changes nothing, and says so."""
    from assistant.knowledge.base import KnowledgeBase
    from assistant.knowledge.folder import PRUNE_MIN_FILES

    folder = tmp_path / "knowledge"
    folder.mkdir()
    settings = ctx.settings.model_copy(update={"knowledge_dir": folder, "data_dir": tmp_path / "data"})
    knowledge = KnowledgeBase(settings, ctx.manager)
    try:
        for n in range(PRUNE_MIN_FILES + 1):
            (folder / f"note{n}.md").write_text(f"Note number {n} about the harbour.")
        knowledge.index()
        for path in list(folder.iterdir()):
            path.unlink()
        result = ok(run(ToolContext(settings, ctx.manager, knowledge), "generate_image", prompt="a kite", steps=1,
                        seed=1))
        assert Path(result.data["path"]).is_file() and result.data["indexed"] is False
        assert "not indexed: stopped before removing" in result.text and "--prune" in result.text
    finally:
        knowledge.close()


def test_generate_refuses_a_generated_folder_that_leads_outside(tmp_path, outside, tiny):
    folder = tmp_path / "knowledge"
    folder.mkdir()
    (folder / "generated").symlink_to(outside, target_is_directory=True)
    settings = load_settings(knowledge_dir=folder, data_dir=tmp_path / "data", models=tiny)
    context = ToolContext(settings, ModelManager(settings))
    refused(run(context, "generate_image", prompt="anything", steps=1), "outside the knowledge folder")
    assert not list(outside.glob("gen-*"))


# -- search_knowledge and lookup_pdf (real MiniLM) --------------------------------------------------
@pytest.mark.parametrize("page, heading, sentence", REPORT_FACTS)
def test_search_pdf_pages_cites_file_and_page(ctx, page, heading, sentence):
    result = ok(run(ctx, "search_knowledge", query=" ".join(sentence.split()[1:6]), kind="pdf"))
    assert result.text.splitlines()[1].startswith(f"1. report.pdf (page {page}) [pdf] ")
    assert result.citations[0] == Citation("report.pdf", page)
    assert result.data["hits"][0]["page"] == page and result.images == []


def test_search_text_and_images(ctx):
    result = ok(run(ctx, "search_knowledge", query="how long to bake the bread", limit=3))
    assert result.text.splitlines()[1].startswith("1. notes/recipes.txt [text] ")
    assert "sourdough" in result.text and len(result.citations) == len(result.data["hits"]) <= 3
    similar = ok(run(ctx, "search_knowledge", image="pictures/cat.jpg", kind="image"))
    first = similar.data["hits"][0]
    assert first["file"] == "pictures/cat.jpg" and "visual" in first["matched_by"]
    cat = next(i for i in similar.images if i.caption == "pictures/cat.jpg")
    assert cat.mime == "image/jpeg" and cat.path.is_file()
    with Image.open(cat.path) as im:
        inline = ok(run(ctx, "search_knowledge", image=data_uri(im.convert("RGB")), kind="image"))
    assert inline.data["hits"][0]["file"] == "pictures/cat.jpg"


def test_search_with_nothing_to_find(ctx):
    refused(run(ctx, "search_knowledge", query="   "), "give a query")
    result = ok(run(ctx, "search_knowledge", query="zeppelin", kind="text", limit=1))
    assert len(result.data["hits"]) <= 1


def test_lookup_pdf_passages_and_pages(ctx):
    answer = ok(run(ctx, "lookup_pdf", question="How did the rainfall change in the valley?"))
    assert answer.text.startswith("[report.pdf, page 2]") and answer.citations[0] == Citation("report.pdf", 2)
    pages = ok(run(ctx, "lookup_pdf", file="report.pdf", pages="2-3"))
    assert [c.page for c in pages.citations] == [2, 3]
    assert "[report.pdf, page 3]" in pages.text and REPORT_FACTS[1][2].split()[0] in pages.text
    assert [p["page"] for p in pages.data["passages"]] == [2, 3]
    one = ok(run(ctx, "lookup_pdf", question="willow trees", file="report.pdf"))
    assert one.citations[0] == Citation("report.pdf", 3)


@pytest.mark.parametrize("arguments, words", [
    ({"pages": "1"}, ["needs a file"]),
    ({"file": "report.pdf", "pages": "1-999999999"}, ["at most 30 pages"]),
    ({"file": "report.pdf", "pages": "1-2-3"}, ["bad page range"]),
    ({"file": "report.pdf", "pages": "1-999999"}, ["at most 30 pages"]),
    ({"file": "report.pdf", "pages": "5-2"}, ["before the first"]),
    ({"file": "report.pdf", "pages": "9"}, ["has 3 pages"]),
    ({"file": "garden.md", "question": "sun"}, ["not an indexed PDF"]),
    ({"file": "missing.pdf", "question": "sun"}, ["not found", "missing.pdf"]),
    ({}, ["give a question"]),
])
def test_lookup_pdf_errors(ctx, arguments, words):
    refused(run(ctx, "lookup_pdf", **arguments), *words)


# -- transcribe_audio (real Whisper) -----------------------------------------------------------------
def test_transcribe_speech_in_the_folder(ctx):
    result = ok(run(ctx, "transcribe_audio", file="audio/fox.wav", language="en"))
    assert wer(SPOKEN, result.text) <= 0.25, result.text
    assert result.citations == [Citation("audio/fox.wav")]
    assert result.data["file"] == "audio/fox.wav" and result.data["language"] == "en"
    assert 1.0 < result.data["duration"] < 10.0 and result.data["segments"]


def test_transcribe_refuses_long_and_non_audio_files(ctx, monkeypatch):
    from assistant.tools import transcribe_audio

    monkeypatch.setattr(transcribe_audio, "MAX_AUDIO_SECONDS", 1.0)
    fresh = ctx.settings.knowledge_dir / "audio" / "fox-unindexed.wav"  # indexed ones are read, whatever their length
    shutil.copy(ctx.settings.knowledge_dir / "audio" / "fox.wav", fresh)
    try:
        refused(run(ctx, "transcribe_audio", file="audio/fox-unindexed.wav"), "audio/fox-unindexed.wav", "long",
                "at most 00:01")
    finally:
        fresh.unlink()
    monkeypatch.undo()
    refused(run(ctx, "transcribe_audio", file="pictures/cat.jpg"), "pictures/cat.jpg", "audio")
    refused(run(ctx, "transcribe_audio", file="garden.md"), "garden.md")
    refused(run(ctx, "transcribe_audio", file="audio"), "not a regular file")
    refused(run(ctx, "transcribe_audio", file="audio/none.wav"), "not found")


# -- confinement of every path argument -------------------------------------------------------------
PATH_ARGUMENTS = [
    ("describe_image", "image", {}),
    ("search_knowledge", "image", {"kind": "image"}),
    ("lookup_pdf", "file", {"pages": "1"}),
    ("lookup_pdf", "file", {"question": "password"}),
    ("transcribe_audio", "file", {}),
]
ESCAPES = ["../../etc/passwd", "/etc/passwd", "link-out.png", "link-out.wav", "linked-dir/secret.txt",
           "linked-dir/secret.png", "pictures/../../outside/secret.txt", "~/.bashrc"]


@pytest.mark.parametrize("name, argument, extra", PATH_ARGUMENTS)
@pytest.mark.parametrize("escape", ESCAPES)
def test_paths_outside_the_folder_are_refused(ctx, outside, name, argument, extra, escape):
    text = refused(run(ctx, name, **{argument: escape, **extra}), "outside the knowledge folder")
    assert "swordfish" not in text


def test_absolute_paths_inside_the_folder_are_fine(ctx):
    absolute = str(ctx.settings.knowledge_dir / "sign.png")
    assert ok(run(ctx, "describe_image", image=absolute)).citations == [Citation("sign.png")]


def test_names_that_are_not_names(ctx):
    refused(run(ctx, "describe_image", image="a\x00b"), "invalid")
    refused(run(ctx, "describe_image", image="x" * 5000), "too long")
    refused(run(ctx, "transcribe_audio", file="a/" + "b" * 300), "audio file")


# -- bad arguments ---------------------------------------------------------------------------------
@pytest.mark.parametrize("name, arguments, words", [
    ("describe_image", {}, ["bad arguments for describe_image", "image"]),
    ("describe_image", {"image": 5}, ["image", "string"]),
    ("describe_image", {"image": "sign.png", "question": "x" * 2001}, ["question", "2000"]),
    ("describe_image", {"image": "sign.png", "colour": "red"}, ["colour", "nexpected"]),
    ("search_knowledge", {"query": "bread", "limit": 0}, ["limit", "greater than or equal to 1"]),
    ("search_knowledge", {"query": "bread", "limit": 21}, ["limit", "less than or equal to 20"]),
    ("search_knowledge", {"query": "bread", "limit": "many"}, ["limit", "integer"]),
    ("search_knowledge", {"query": "bread", "kind": "video"}, ["kind", "'any', 'image', 'pdf', 'text' or 'audio'"]),
    ("search_knowledge", {"query": ["bread"]}, ["query", "string"]),
    ("lookup_pdf", {"file": "report.pdf", "pages": "1" * 101}, ["pages", "100"]),
    ("generate_image", {}, ["prompt", "missing"]),
    ("generate_image", {"prompt": ""}, ["prompt", "at least 1"]),
    ("generate_image", {"prompt": "   "}, ["prompt is empty"]),
    ("generate_image", {"prompt": "x", "steps": 0}, ["steps", "greater than or equal to 1"]),
    ("generate_image", {"prompt": "x", "steps": 151}, ["steps", "less than or equal to 150"]),
    ("generate_image", {"prompt": "x", "steps": 2.5}, ["steps", "integer"]),
    ("generate_image", {"prompt": "x", "width": 32}, ["width", "greater than or equal to 64"]),
    ("generate_image", {"prompt": "x", "width": 100}, ["width must be a multiple of 8"]),
    ("generate_image", {"prompt": "x", "width": 4096, "height": 4096, "steps": 1}, ["too big"]),
    ("generate_image", {"prompt": "x", "guidance_scale": -1}, ["guidance_scale"]),
    ("generate_image", {"prompt": "x", "seed": -1}, ["seed"]),
    ("generate_image", {"prompt": "x", "seed": 2**40}, ["seed"]),
    ("transcribe_audio", {"file": "audio/fox.wav", "language": "english"}, ["language", "pattern"]),
    ("transcribe_audio", {"file": ""}, ["file", "at least 1"]),
])
def test_bad_arguments_are_one_line_errors(ctx, name, arguments, words):
    refused(run(ctx, name, **arguments), *words)


def test_no_error_escapes_as_an_exception(ctx, monkeypatch):
    def explode(*args, **kwargs):
        raise ValueError("a library failed\nwith a long traceback-like message " + "x" * 2000)

    monkeypatch.setattr(type(ctx.knowledge), "search_knowledge", explode)
    text = refused(run(ctx, "search_knowledge", query="bread"), "search_knowledge failed: ValueError")
    assert text.endswith("…")


# -- concurrency ------------------------------------------------------------------------------------
def test_a_long_generation_does_not_hold_up_search(ctx):
    ok(run(ctx, "search_knowledge", query="bread"))  # warm: the text model is loaded
    started, release = threading.Event(), threading.Event()
    results = {}

    def slow_progress(done, total, message):  # the generator's lock is held throughout
        started.set()
        release.wait(30)

    def generate():
        results["gen"] = TOOLS_BY_NAME["generate_image"].run({"prompt": "a slow sunset", "steps": 3, "seed": 3},
                                                        ctx.with_progress(slow_progress))

    worker = threading.Thread(target=generate)
    worker.start()
    try:
        assert started.wait(60), "generation did not start"
        found = ok(run(ctx, "search_knowledge", query="when do tomatoes need watering", limit=2))
        ok(run(ctx, "lookup_pdf", file="report.pdf", pages="1"))
        assert worker.is_alive()  # answered while the generation is still held in its progress callback
    finally:
        release.set()
        worker.join(60)
    assert found.data["hits"][0]["file"] == "garden.md"
    ok(results["gen"])


def test_two_generations_on_one_model_take_turns(ctx):
    events: list[tuple[str, int]] = []
    lock = threading.Lock()

    def recorder(tag):
        def progress(done, total, message):
            with lock:
                events.append((tag, done))
            time.sleep(0.05)
        return progress

    outcomes = {}
    threads = [threading.Thread(target=lambda tag=tag: outcomes.__setitem__(tag, TOOLS_BY_NAME["generate_image"].run(
        {"prompt": f"a lantern {tag}", "steps": 3, "seed": 5}, ctx.with_progress(recorder(tag)))))
        for tag in ("a", "b")]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert all(not r.is_error for r in outcomes.values()), outcomes
    tags = [tag for tag, _ in events]
    assert sorted(tags) == ["a"] * 3 + ["b"] * 3
    assert tags in (["a"] * 3 + ["b"] * 3, ["b"] * 3 + ["a"] * 3)  # serialised by the generator's lock
    ids = {r.data["id"] for r in outcomes.values()}
    assert len(ids) == 2 and all((ctx.settings.generated_dir / i).is_file() for i in ids)


def test_derived_contexts_share_one_knowledge_base(ctx, tmp_path):
    settings = ctx.settings
    base = ToolContext(settings, ctx.manager)
    derived = [base.with_progress(lambda *a: None) for _ in range(8)]
    got = []
    barrier = threading.Barrier(8)

    def touch(c):
        barrier.wait()
        got.append(c.knowledge)

    threads = [threading.Thread(target=touch, args=(c,)) for c in derived]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len({id(k) for k in got}) == 1 and base.knowledge is got[0]
    base.knowledge.close()
    assert os.path.isdir(settings.index_dir)
