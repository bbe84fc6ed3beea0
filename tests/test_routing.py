"""Route-then-fill (the embedded model's tool use): which tool a request gets and with what arguments, with
the real MiniLM embedder and no reply generation. The evaluation set's plain requests are the benchmark's
(bench/tool_eval.py scores the whole turn); here each tool's argument filling is pinned down."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from planners import planner_over

from assistant.routing import FolderFiles, Planner, Subject
from assistant.routing.files import FileMention, resolve

sys.path.append(str(Path(__file__).resolve().parents[1] / "bench"))  # after site-packages: bench/mcp.py must not shadow mcp

FILES = ["manuals/espresso-machine.pdf", "manuals/bike-service.pdf", "photos/lake.jpg", "photos/cat-on-sofa.png",
         "photos/receipt.jpg", "notes/budget-meeting.md", "notes/packing-list.txt", "recordings/standup.wav",
         "recordings/voice-memo.wav"]


@pytest.fixture(scope="module")
def planner(manager, tmp_path_factory):
    return planner_over(tmp_path_factory.mktemp("knowledge"), FILES, manager.get("text_embed"))


def test_the_evaluation_sets_plain_requests_get_the_right_tool_and_arguments(planner):
    """The target of issue 13, measured without the chat model: the right tool with the right key
    arguments for at least 90% of the plain requests (terse and polite included)."""
    from tool_cases import CASES
    from tool_eval import judge

    plain = [c for c in CASES if c.style in ("plain", "terse", "polite") and not c.before]
    right = []
    for case in plain:
        plan = planner.plan(case.request)
        call = {"name": plan.tool, "arguments": plan.arguments} if plan.tool else None
        verdict = judge(case, call, False, plan.reply or "", set(FILES))
        right.append(verdict["choice"] and verdict["arguments"])
    assert sum(right) / len(plain) >= 0.9, [c.request for c, ok in zip(plain, right) if not ok]


@pytest.mark.parametrize("request_, query, kind", [
    ("Search my notes for the budget meeting.", "budget meeting", None),
    ("um so like, do I have any notes about the dentist or something", "dentist", None),
    ("Find my pictures of cats.", "cats", "image"),
    ("Busca en mis notas la reunión de presupuesto.", "reunión presupuesto", None),
])
def test_search_requests(planner, request_, query, kind):
    plan = planner.plan(request_)
    assert plan.tool == "search_knowledge"
    assert query in plan.arguments["query"]
    assert plan.arguments.get("kind") == kind


def test_pdf_requests_resolve_the_file_and_pages_and_follow_ups_keep_the_file(planner):
    plan = planner.plan("Would you kindly open the bike service PDF and read me page 2?")
    assert (plan.tool, plan.arguments["file"], plan.arguments["pages"]) == ("lookup_pdf", "manuals/bike-service.pdf",
                                                                            "2")
    plan = planner.plan("wat does the espreso manual say abut cleaning the milk frother")
    assert plan.arguments["file"] == "manuals/espresso-machine.pdf" and "frother" in plan.arguments["question"]
    subject = Subject("lookup_pdf", {"file": "manuals/espresso-machine.pdf", "pages": "1"},
                      "Read page 1 of espresso-machine.pdf.", ["manuals/espresso-machine.pdf"])
    plan = planner.plan("And pages 3 to 4?", subject)
    assert plan.tool == "lookup_pdf" and plan.arguments == {"file": "manuals/espresso-machine.pdf", "pages": "3-4"}


def test_describe_requests_use_a_real_picture_or_say_there_is_none(planner):
    plan = planner.plan("so, um, what's happening in the lake picture, like is anyone there")
    assert plan.tool == "describe_image" and plan.arguments["image"] == "photos/lake.jpg"
    assert "anyone" in plan.arguments["question"]
    assert planner.plan("look at cat-on-sofa.png").arguments == {"image": "photos/cat-on-sofa.png"}
    missing = planner.plan("Describe the picture of my grandmother.")
    assert missing.tool is None and "couldn't find a picture of grandmother" in (missing.reply or "")
    named = planner.plan("What is in photos/dog.jpg?")  # named: passed on as named, the tool says it is missing
    assert named.tool == "describe_image" and named.arguments["image"] == "photos/dog.jpg"
    search = Subject("search_knowledge", {"query": "lake", "kind": "image"}, "Is there a photo of a lake?",
                     ["photos/lake.jpg"])
    assert planner.plan("Now describe it.", search).arguments == {"image": "photos/lake.jpg"}


def test_generate_requests_read_prompt_settings_and_changes(planner):
    plan = planner.plan("Make me a picture of a dragon made of glass, 4 steps, seed 42, 512 by 768.")
    assert plan.tool == "generate_image"
    assert plan.arguments == {"prompt": "a dragon made of glass", "steps": 4, "seed": 42, "width": 512,
                              "height": 768}
    assert planner.plan("paint a fox in the snow").arguments == {"prompt": "a fox in the snow"}
    typos = planner.plan("plz mak a imge of a red kite, 8 steps")  # "imge": a 4-letter misspelling; steps: a picture
    assert typos.tool == "generate_image" and typos.arguments["steps"] == 8 and "kite" in typos.arguments["prompt"]
    assert planner.plan("Crea un'immagine di un cane che corre.").tool == "generate_image"  # elided article
    before = Subject("generate_image", {"prompt": "a lighthouse at sunset"}, "Draw a lighthouse at sunset.")
    plan = planner.plan("Make it a watercolour instead.", before)
    assert plan.tool == "generate_image" and plan.arguments["prompt"] == "a lighthouse at sunset, a watercolour"
    # a question that asks for a fact makes no picture, unless it names one; "how about ...?" changes the last one
    for asked in ("What did the vet think it would cost?", "Why did the movers change the date?"):
        assert planner.plan(asked).tool != "generate_image", asked
    assert planner.plan("How about a watercolour instead?", before).tool == "generate_image"


def test_transcribe_requests(planner):
    assert planner.plan("transcrbe the standup recordng").arguments == {"file": "recordings/standup.wav"}
    assert planner.plan("Transcribe the voice memo in German.").arguments == {"file": "recordings/voice-memo.wav",
                                                                              "language": "de"}
    named = planner.plan("Transcribe recordings/interview.mp3.")
    assert named.tool == "transcribe_audio" and named.arguments == {"file": "recordings/interview.mp3"}


def test_every_recording_the_index_takes_can_be_named_for_transcription(planner, tmp_path):
    """One list of audio suffixes: a recording the index transcribes (.aiff, .amr, .3gp...) is a file the
    router hands to transcribe_audio, by name or described."""
    from assistant.knowledge.recordings import AUDIO_SUFFIXES
    from assistant.routing.files import kind_of

    assert {s for s in AUDIO_SUFFIXES if kind_of(f"a{s}") != "audio"} == set()
    (tmp_path / "recordings").mkdir()
    (tmp_path / "recordings" / "interview.aiff").write_bytes(b"")
    aiff = Planner(planner.router, FolderFiles(tmp_path), planner.tools)
    named = aiff.plan("Transcribe recordings/interview.aiff.")
    assert named.tool == "transcribe_audio" and named.arguments == {"file": "recordings/interview.aiff"}
    assert aiff.plan("transcribe the interview recording").arguments == {"file": "recordings/interview.aiff"}


@pytest.mark.parametrize("request_", ["What is the capital of France?", "Tell me a joke about programmers.",
                                      "Who painted the Mona Lisa?", "How do I find the area of a circle?",
                                      "Thanks, that's all for now.",  # (the time in Tokyo: date_time's)
                                      # "describe" with nothing to look at (it once meant describe_image)
                                      "Describe the history of Rome in a few sentences.",
                                      "Describe how a rainbow forms.",
                                      # nearest a picture's examples by meaning, asking for none
                                      "What is the population of Tokyo?"])
def test_conversation_needs_no_tool(planner, request_):
    plan = planner.plan(request_)
    assert plan.tool is None and plan.reply is None  # (not "I couldn't find a picture like that")


def test_a_description_that_fits_no_file_resolves_to_none():
    """Never a guess: "washing machine" shares a word with espresso-machine.pdf but is not it."""
    assert resolve("the washing machine manual", FILES, ["pdf"]).file is None
    assert resolve("the bike manual", FILES, ["pdf"]).file == "manuals/bike-service.pdf"
    assert resolve("the receipt photo", FILES, ["pdf", "audio"]).file is None  # not a picture kind asked for
    assert resolve("read tax-return.pdf", FILES, ["pdf"]).named == "tax-return.pdf"
    # a word the user's own files use is a word of its own, no misspelt file name
    recordings = ["recordings/parking.wav"]
    assert resolve("what did they say about the parkng", recordings, ["audio"]).file == "recordings/parking.wav"
    assert resolve("what did they say about the barking", recordings, ["audio"], lambda w: w == "barking").file is None
    # a request naming a PDF is not about a picture whose name shares a word with it
    assert resolve("read page 2 of lake-report.pdf", FILES, ["image"]).file is None
    assert resolve("what's in stnadup.wav?", FILES, ["audio"]) == FileMention("recordings/standup.wav", "stnadup.wav")


def test_the_routers_numpy_encoder_gives_the_sentence_transformers_vectors(manager):
    """The router embeds requests without torch (a new process would wait ~5 s for it); its MiniLM in numpy
    must give the vectors the text_embed role gives, or the router's thresholds would not hold."""
    from assistant.sentence_encoder import NumpySentenceEncoder

    found = manager.locate("text_embed")
    assert NumpySentenceEncoder.supports(found.path)
    texts = ["Search my notes for the budget meeting.", "hello", "Beschreibe das Bild vom See, bitte, und sag mir, "
             "was du siehst.", "transcrbe the standup recordng " * 40]  # the last one is cut at 256 tokens
    ours = NumpySentenceEncoder(found.path).embed(texts)
    theirs = manager.get("text_embed").embed(texts, kind="query")
    assert ours.shape == theirs.shape == (4, 384)
    assert abs(ours - theirs).max() < 1e-4


@pytest.mark.parametrize("request_text, query", [
    ("¿A qué hora es mi cita con la dermatóloga?", "cita dermatóloga"),
    ("Wann ist mein Termin bei der Physiotherapie?", "Termin Physiotherapie"),
    ("Quand est mon rendez-vous chez le dentiste ?", "rendez vous dentiste"),
    ("how long do I simmer the lentil soup", "simmer lentil soup"),
    ("search my notes about time tracking", "time tracking"),  # "time" is a subject here
])
def test_a_search_query_keeps_the_subject_in_any_language(request_text, query):
    from assistant.routing.arguments import topic

    assert topic(request_text) == query


def test_a_reply_cites_its_file_by_path_name_or_the_name_s_words_not_by_a_place_it_shares_a_word_with():
    from assistant.contracts import Citation, ToolResult
    from assistant.routing.digest import uncited_source

    found = ToolResult(text="", citations=[Citation("notes/urlaub/prerow.md")])
    assert uncited_source("The house in Prerow costs 856 euros.", found) == " (notes/urlaub/prerow.md)"
    assert uncited_source("prerow.md says it costs 856 euros.", found) == ""
    lease = ToolResult(text="", citations=[Citation("docs/lease-agreement.pdf", 2)])
    assert uncited_source("The lease agreement says three months.", lease) == ""
