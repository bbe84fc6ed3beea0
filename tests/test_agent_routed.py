"""The agent on the embedded model's path (`tool_routing: router`): the planner picks the tool and its
arguments, the real tool runs, and the model (scripted here) only answers from the result. Failures are
said as they are, and the model never sees tool schemas nor gets to claim a tool's success."""

from __future__ import annotations

import pytest
from documents import make_report_pdf
from fakes import ScriptedChat, ScriptedManager
from speech import espeak_wav

from assistant.agent import NO_ANSWER, Agent, TextDelta, ToolCallFinished, ToolCallStarted, TurnDone
from assistant.models.policy import PromptPolicy
from assistant.config import load_settings
from assistant.routing_hints import ANSWER_HITS
from assistant.runtime import Runtime

ROUTED = PromptPolicy(tool_results="user", tool_routing="router")


@pytest.fixture
def routed(tmp_path, manager):
    """(make_agent, knowledge folder): an agent on a scripted model, with the real tools and the real
    embedder and speech-to-text of the session's manager."""
    root = tmp_path / "knowledge"
    root.mkdir()
    settings = load_settings(knowledge_dir=root, data_dir=tmp_path / "data")

    def make(*replies: list[str], policy: PromptPolicy = ROUTED) -> tuple[Agent, ScriptedChat]:
        chat = ScriptedChat(*replies)
        scripted = ScriptedManager(settings, llm=chat, text_embed=manager.get("text_embed"), stt=manager.get("stt"))
        runtime = Runtime(settings, scripted)
        return runtime.agent(policy=policy), chat

    return make, root


def _turn(agent: Agent, text: str) -> tuple[list, TurnDone]:
    events = list(agent.turn(text))
    done = events[-1]
    assert isinstance(done, TurnDone)
    assert "".join(e.text for e in events if isinstance(e, TextDelta)).strip() == done.reply.strip()
    return events, done


def _calls(events) -> list[tuple[str, dict]]:
    return [(e.name, e.arguments) for e in events if isinstance(e, ToolCallStarted)]


def test_a_search_request_runs_the_search_and_the_model_answers_from_its_result(routed):
    make, root = routed
    (root / "birds.md").write_text("# Birds\n\nEmperor penguins huddle together through the Antarctic winter.\n")
    (root / "bread.md").write_text("Bake the sourdough bread at 230 degrees for forty minutes.\n")
    agent, chat = make(["Penguins huddle through the winter (birds.md)."])
    agent.context.knowledge.index()
    events, done = _turn(agent, "Search my knowledge folder for penguins")
    [(name, arguments)] = _calls(events)
    assert name == "search_knowledge" and "penguins" in arguments["query"]
    [finished] = [e for e in events if isinstance(e, ToolCallFinished)]
    assert finished.result.citations[0].file == "birds.md"
    assert chat.tools_offered == [None]  # the model only answers: no tool schemas to recite
    handed = chat.prompts[0][-1]["content"]  # the answering passage's sentences, then the request
    assert handed.startswith("Passage from birds.md:\n") and "Emperor penguins huddle" in handed
    assert "bread" not in handed and handed.endswith("Question: Search my knowledge folder for penguins")
    assert [m["role"] for m in agent.history] == ["user", "assistant"]  # the passage is not kept
    assert done.reply == "Penguins huddle through the winter (birds.md)."
    assert done.timings["decide_s"] > 0  # the planner decided (its speed is bench/tool_eval.py's)


def test_a_pdf_follow_up_reads_the_next_page_of_the_same_file(routed):
    """Pages asked for are read out as they are (the model would only paraphrase them)."""
    make, root = routed
    make_report_pdf(root)
    agent, chat = make(["The table lists the species seen most often."])
    agent.context.knowledge.index()
    first, _ = _turn(agent, "Read page 1 of report.pdf.")
    assert _calls(first) == [("lookup_pdf", {"file": "report.pdf", "pages": "1"})]
    second, done = _turn(agent, "And page 2?")
    assert _calls(second) == [("lookup_pdf", {"file": "report.pdf", "pages": "2"})]
    [finished] = [e for e in second if isinstance(e, ToolCallFinished)]
    assert not finished.result.is_error and [c.page for c in finished.result.citations] == [2]
    assert done.reply == finished.result.text and "Bird counts" in done.reply
    assert chat.prompts == []
    questions, done = _turn(agent, "What does report.pdf say about bird counts?")  # a question: the model answers
    assert _calls(questions)[0][0] == "lookup_pdf"
    assert done.reply.startswith("The table lists the species seen most often. (report.pdf, page 2)")


def test_a_recording_is_transcribed_by_its_described_name(routed, tmp_path):
    make, root = routed
    (root / "recordings").mkdir()
    espeak_wav("Remember to water the tomatoes on Friday.", root / "recordings" / "garden-memo.wav")
    agent, chat = make(["It says to water the tomatoes on Friday."])
    events, done = _turn(agent, "what do I say in the garden memo recording?")
    assert _calls(events) == [("transcribe_audio", {"file": "recordings/garden-memo.wav"})]
    [finished] = [e for e in events if isinstance(e, ToolCallFinished)]
    assert "tomato" in finished.result.text.lower()
    assert done.reply == finished.result.text and chat.prompts == []  # the transcript itself is the answer
    # a question after it follows it up: looked up with what the recording was asked about
    (root / "garden.md").write_text("# Garden\n\nTomato seedlings: 12, bought at the market for 9 euros.\n")
    agent.context.knowledge.index()
    events, _ = _turn(agent, "and how much did they cost?")
    [(name, arguments)] = _calls(events)
    assert name == "search_knowledge" and "garden" in arguments["query"].lower()


def test_a_failed_tool_is_said_plainly_and_the_model_cannot_claim_success(routed):
    """No image model on this machine: the user hears that it could not be made, not "here is your image"
    (what the scripted model would say if asked)."""
    make, _ = routed
    agent, chat = make(["Here is your lighthouse!"])
    events, done = _turn(agent, "Draw a lighthouse at sunset.")
    assert _calls(events) == [("generate_image", {"prompt": "a lighthouse at sunset"})]
    [finished] = [e for e in events if isinstance(e, ToolCallFinished)]
    assert finished.result.is_error
    assert done.reply.startswith("Sorry, I couldn't make that picture:") and "lighthouse" not in done.reply.lower()
    assert chat.prompts == []  # the model was not asked


def test_a_picture_that_is_not_there_is_said_so_without_calling_anything(routed):
    make, root = routed
    (root / "photos").mkdir()
    (root / "photos" / "lake.jpg").write_bytes(b"")
    agent, chat = make(["A lovely picture of your grandmother."])
    events, done = _turn(agent, "Describe the picture of my grandmother.")
    assert _calls(events) == [] and chat.prompts == []
    assert done.reply == "I couldn't find a picture of grandmother in your knowledge folder."


def test_a_describe_request_names_the_real_file(routed):
    make, root = routed
    from documents import make_photo

    (root / "photos").mkdir()
    make_photo(root / "photos", "harbour-at-dusk.jpg")
    agent, chat = make(["It shows boats."])
    events, done = _turn(agent, "What colour are the boats in the harbour photo?")
    [(name, arguments)] = _calls(events)
    assert name == "describe_image" and arguments["image"] == "photos/harbour-at-dusk.jpg"
    assert "boats" in arguments["question"]


def test_conversation_gets_no_tool_and_call_syntax_never_reaches_the_user(routed):
    make, _ = routed
    agent, chat = make(["Paris."], ['{"name": "search_knowledge", "arguments": {"query": "joke"}}'])
    events, done = _turn(agent, "What is the capital of France?")
    assert _calls(events) == [] and done.reply == "Paris." and chat.tools_offered == [None]
    assert "call it" not in chat.prompts[0][0]["content"]  # no tool instructions for a model offered none
    events, done = _turn(agent, "Tell me a joke.")
    assert _calls(events) == [] and done.reply == NO_ANSWER


def test_a_taken_back_turn_is_not_what_a_follow_up_refers_to(routed):
    """The voice loop takes back a reply begun on a pause when the user goes on: a follow-up after that
    refers to the turn before, not to the discarded one."""
    make, root = routed
    make_report_pdf(root)
    agent, chat = make(["Done."])
    agent.context.knowledge.index()
    _turn(agent, "Read page 1 of report.pdf.")
    saved = agent.checkpoint()
    (root / "recordings").mkdir()
    espeak_wav("Hello.", root / "recordings" / "note.wav")
    _turn(agent, "Transcribe recordings/note.wav.")
    agent.restore(saved)
    events, _ = _turn(agent, "And page 2?")
    assert _calls(events) == [("lookup_pdf", {"file": "report.pdf", "pages": "2"})]


def test_a_question_the_users_notes_answer_is_searched_for_even_without_asking(routed):
    """"When is my dentist appointment?" names no tool, but a note answers it: the keyword probe of the
    index finds it. A general question the notes do not touch gets no tool."""
    make, root = routed
    (root / "dentist.txt").write_text("Dentist appointment on Tuesday at 9:30 with Dr Rivera.\n")
    (root / "recipes.md").write_text("# Pancakes\n\nMix flour, milk and two eggs; rest the batter for an hour.\n")
    agent, chat = make(["It is on Tuesday at 9:30."], ["Paris."])
    agent.context.knowledge.index()
    events, done = _turn(agent, "When is my dentist appointment?")
    [(name, arguments)] = _calls(events)
    assert name == "search_knowledge" and "dentist" in arguments["query"]
    assert arguments["limit"] == ANSWER_HITS  # an answer is looked for among more passages than a listing shows
    assert done.reply == "It is on Tuesday at 9:30. (dentist.txt)"  # the source named when the model did not
    events, done = _turn(agent, "What is the capital of France?")
    assert _calls(events) == [] and done.reply == "Paris."


def test_a_personal_question_the_files_do_not_answer_is_never_guessed(routed):
    """Issue 24: "What's my passport number?" with a note holding another number is looked up, and the honest
    answer is that the files don't say; the model is not asked (it would make a number up)."""
    make, root = routed
    (root / "scratch.txt").write_text("Number to remember: 73914 (the locker at the swimming pool).\n")
    (root / "garden.md").write_text("Planted the tomatoes on 12 May. Water them every 2 days in summer.\n")
    agent, chat = make(["Your passport number is 73914."])
    agent.context.knowledge.index()
    events, done = _turn(agent, "What's my passport number?")
    assert [name for name, _ in _calls(events)] == ["search_knowledge"]
    assert done.reply == "I couldn't find that in your files." and chat.prompts == []


def test_an_invented_fact_is_replaced_by_the_source_s_own_words(routed):
    make, root = routed
    (root / "appointments.md").write_text("# Appointments\n\n- Haircut with Mia: Friday 29 November at 17:45.\n"
                                          "- Car service: Monday 25 November at 8:15.\n")
    agent, chat = make(["Your haircut is with Mia at 6:30 pm."], ["Your haircut is with Mia at 17:45 on Friday."])
    agent.context.knowledge.index()
    _, invented = _turn(agent, "When is my haircut?")
    assert invented.reply == "appointments.md says: “Haircut with Mia: Friday 29 November at 17:45.”"
    assert "6:30" not in invented.reply and "Car service" not in invented.reply
    handed = chat.prompts[0][-1]["content"]  # the answering line, not the whole note
    assert "Haircut with Mia" in handed and "Car service" not in handed
    _, right = _turn(agent, "When is my haircut?")
    assert right.reply == "Your haircut is with Mia at 17:45 on Friday. (appointments.md)"


def test_a_question_about_the_world_cites_no_unrelated_file(routed):
    make, root = routed
    (root / "boiler.md").write_text("The boiler's water pressure should be between 1.0 and 1.5 bar.\n")
    agent, chat = make(["Water boils at 212 degrees Fahrenheit."])
    agent.context.knowledge.index()
    events, done = _turn(agent, "At what temperature does water boil in Fahrenheit?")
    assert done.reply == "Water boils at 212 degrees Fahrenheit."  # (a look-up may run: it found no answer)
    assert [m["role"] for m in chat.prompts[0]] == ["system", "user"]  # on its own, as on a first turn


def test_a_question_about_the_user_s_world_is_never_answered_from_the_model_s_head(routed):
    """No "my", but the notes name it: a person typed in lower case ("chiaras email") or "the" thing the notes speak
    of ("the caretaker"). Not found in them, that is said, and no number or address is made up; a question about
    the world is still answered, and so is one that asks how to do something."""
    make, root = routed
    (root / "flat.md").write_text("# New flat\n\nCaretaker: Mr Szabo (urgent things only).\n")
    (root / "italian.md").write_text("Course with Chiara Russo, Wednesdays 18:30, room 3.08.\n")
    agent, chat = make(["Try flashcards every day."])  # (the model is asked only the last question)
    agent.context.knowledge.index()
    for asked in ("whats the caretakers numbr at the new bulding", "whats chiaras email address"):
        agent.reset()
        _, done = _turn(agent, asked)
        assert done.reply == "I couldn't find that in your files.", asked
    agent.reset()
    _, done = _turn(agent, "What's a good way to learn Italian vocabulary? How do you do it quickly?")
    assert done.reply == "Try flashcards every day."


def test_a_question_about_what_the_files_name_but_do_not_answer_is_not_answered_from_the_model_s_head(routed):
    """No "my" and no name, but a note speaks of the very thing ("the rowing club", its words side by side) and not
    of what is asked of it: the 0.5B invented "in 1960". The honest answer is that the files don't say."""
    make, root = routed
    (root / "lake.md").write_text("# Lake\n\nThe rowing club moved its boats to the north shore.\n")
    agent, chat = make(["The rowing club moved its boats in 1960."])
    agent.context.knowledge.index()
    events, done = _turn(agent, "when did the rowing club move its boats?")
    assert [name for name, _ in _calls(events)] == ["search_knowledge"]
    assert done.reply == "I couldn't find that in your files." and chat.prompts == []


def test_a_code_the_files_do_not_hold_is_never_guessed(routed):
    """"whats the alarm code for the shop": no "my", and no file says it; the 0.5B answered "12345". A code, PIN,
    password or reference is one of the user's own things: the files' answer or none."""
    make, root = routed
    (root / "shop.md").write_text("# Shop\n\nOpening hours: Tue-Sat 10:00-18:00. Keys: Conor has the spare set.\n")
    agent, chat = make(["The alarm code for the shop is 12345."])
    agent.context.knowledge.index()
    events, done = _turn(agent, "whats the alarm code for the shop")
    assert done.reply == "I couldn't find that in your files." and chat.prompts == []


def test_a_note_that_names_the_event_without_the_word_appointment_answers_when_it_is(routed):
    """A first-time user's folder of two notes: "When is my dentist appointment?" of "Dentist: Dr Lindqvist, Tuesday
    9 December at 14:30" (no "appointment" in any file, which made it weigh most). The word for the kind of event
    weighs least; without a note about a dentist it is still not found."""
    make, root = routed
    (root / "dentist.md").write_text("Dentist: Dr Lindqvist, Tuesday 9 December at 14:30, Hauptstrasse 12.\n")
    (root / "garden.md").write_text("Planted the tomatoes on 12 May.\n")
    agent, chat = make(["Your dentist appointment is on Tuesday 9 December at 14:30."])
    agent.context.knowledge.index()
    _, done = _turn(agent, "When is my dentist appointment?")
    assert done.reply == "Your dentist appointment is on Tuesday 9 December at 14:30. (dentist.md)"
    agent.reset()
    _, done = _turn(agent, "When is my vet appointment?")
    assert done.reply == "I couldn't find that in your files." and len(chat.prompts) == 1


def test_a_follow_up_is_looked_up_with_the_question_it_follows_and_a_new_question_stands_alone(routed):
    """Issue 24, item 4: "And which room?" after the kickoff is about the kickoff (not the physio's room), and
    a question that does not refer back is asked as on a first turn, with no earlier file in its prompt."""
    make, root = routed
    (root / "heron.md").write_text("# Project Heron\n\nKickoff: Tuesday 3 December at 14:00 in room B2.12.\n")
    (root / "appointments.md").write_text("Physiotherapy: Thursday 14 November at 10:30, room 2.\n")
    agent, chat = make(["The kickoff is on Tuesday 3 December at 14:00."], ["It is in room B2.12."],
                       ["It starts at 14:00."], ["Canberra is the capital of Australia."])
    agent.context.knowledge.index()
    _turn(agent, "When is the Heron kickoff?")
    events, room = _turn(agent, "And which room?")
    [(name, arguments)] = _calls(events)
    assert name == "search_knowledge" and "heron" in arguments["query"].lower()
    assert room.reply == "It is in room B2.12. (heron.md)"
    # a follow-up's follow-up: the subject the chain began with, not every turn's words since
    events, start = _turn(agent, "And at what time?")
    assert start.reply == "It starts at 14:00. (heron.md)"
    [(name, arguments)] = _calls(events)
    assert "heron" in arguments["query"].lower() and "room" not in arguments["query"].lower()
    _, world = _turn(agent, "What's the capital of Australia?")
    assert world.reply == "Canberra is the capital of Australia."
    assert [m["role"] for m in chat.prompts[-1]] == ["system", "user"]
    assert all("From my files" not in str(m["content"]) and "My request was" not in str(m["content"])
               for m in agent.history)  # no digest or instruction kept, so none can be said back


def test_a_question_in_another_language_is_looked_up_again_in_english(routed):
    """Issue 24, item 1 ("in any language the speech recogniser hears"): English notes, a Spanish question. As
    asked, the search finds nothing that answers; the model's English translation is searched, and the answer is
    checked against that evidence as any answer is."""
    make, root = routed
    (root / "health.md").write_text("# Health\n\nDermatologist, Dr Varga: Wednesday 26 March at 8:50.\n"
                                    "Eye test at Optik Sommer: Wednesday 19 March at 11:15.\n")
    agent, chat = make(["What is my dermatologist's name?"], ["Tu médica de la piel se llama Varga."])
    agent.context.knowledge.index()
    events, done = _turn(agent, "¿Cómo se llama mi médica de la piel?")
    searches = [arguments["query"] for name, arguments in _calls(events) if name == "search_knowledge"]
    assert len(searches) == 2 and "dermatologist" in searches[1].lower()
    assert done.reply == "Tu médica de la piel se llama Varga. (health.md)"
    assert "Optik" not in chat.prompts[-1][-1]["content"]  # the answering line only

def test_a_question_about_someone_named_in_a_recording_is_looked_up_not_transcribed(routed):
    """Issue 24: with marek-callback.wav in the folder, "How much did Marek quote for the kitchen?" is answered
    from the note that says it, not by transcribing the recording that shares his name."""
    make, root = routed
    (root / "memos").mkdir()
    espeak_wav("Marek called back. The tiles are coming on the twentieth.", root / "memos" / "marek-callback.wav")
    (root / "kitchen.md").write_text("# Kitchen\n\nMarek quoted 7,850 euros for the kitchen, fitting included.\n")
    agent, chat = make(["Marek quoted 7,850 euros."])
    agent.context.knowledge.index()
    events, done = _turn(agent, "How much did Marek quote for the kitchen?")
    [(name, arguments)] = _calls(events)
    assert name == "search_knowledge" and "marek" in arguments["query"].lower()
    assert "7,850" in done.reply and "kitchen.md" in done.reply


def test_the_time_of_ones_own_appointment_is_looked_up_not_read_off_the_clock(routed):
    """Issue 24: "¿A qué hora es mi cita con la dermatóloga?" asks when the user's appointment is: searched in
    their notes, not answered with the current time."""
    make, root = routed
    (root / "citas.md").write_text("Cita con la dermatóloga, la doctora Halvorsen: miércoles 26 de marzo a las 8:50.\n")
    agent, chat = make(["Tu cita es a las 8:50."])
    agent.context.knowledge.index()
    events, done = _turn(agent, "¿A qué hora es mi cita con la dermatóloga?")
    assert [name for name, _ in _calls(events)] == ["search_knowledge"]
    assert "8:50" in done.reply


def test_a_how_to_question_a_note_answers_is_still_searched(routed):
    """A how-to question is no search by its words (it asks for know-how), but the index probe finds the note
    that answers it."""
    make, root = routed
    (root / "recipes.md").write_text("# Grandma's lasagne\n\nLayer the pasta with ragù and béchamel, bake for 40 "
                                     "minutes at 180 degrees.\n")
    agent, chat = make(["Bake it for 40 minutes at 180 degrees."])
    agent.context.knowledge.index()
    events, done = _turn(agent, "How do I make grandma's lasagne?")
    assert [name for name, _ in _calls(events)] == ["search_knowledge"]
    assert "40 minutes" in done.reply


def test_a_tool_that_cannot_run_is_said_so_not_replaced_by_a_search(routed):
    """A personal question the clock cannot read is looked up instead ("what time is grandma coming?"); one whose
    tool cannot run here (no picture model installed) is said as it is, not answered from the photo's index entry
    by a model that then invents the sofa's colour."""
    from PIL import Image

    make, root = routed
    Image.new("RGB", (64, 48), (120, 80, 40)).save(root / "cat-on-sofa.png")
    (root / "grandma.md").write_text("Grandma arrives on Saturday at 11:40, platform 4.\n")
    agent, chat = make(["She arrives on Saturday at 11:40."])
    agent.context.knowledge.index()
    events, done = _turn(agent, "what colour is the sofa in my cat-on-sofa.png photo?")
    assert [name for name, _ in _calls(events)] == ["describe_image"]
    assert "sofa" not in done.reply.lower() or "couldn't" in done.reply.lower() or "not" in done.reply.lower()
    assert not chat.prompts  # the model was never asked to answer from anything
    events, done = _turn(agent, "What time does grandma arrive?")
    assert "11:40" in done.reply and "search_knowledge" in [name for name, _ in _calls(events)]


def test_a_question_naming_someone_the_files_name_is_never_answered_from_the_model_s_head(routed):
    make, root = routed
    (root / "kitchen.md").write_text("# Kitchen\n\nTeodor from Nowak Bau measures the worktop on Thursday at 7:30.\n")
    agent, chat = make(["Jupiter has 95 known moons."])
    agent.context.knowledge.index()
    _, done = _turn(agent, "How tall is Teodor?")
    assert done.reply == "I couldn't find that in your files." and not chat.prompts
    _, world = _turn(agent, "How many moons does Jupiter have?")  # named in no file: the world's question
    assert world.reply == "Jupiter has 95 known moons." and len(chat.prompts) == 1


def test_a_picture_named_in_another_language_is_looked_for_under_its_english_name(routed):
    """"la photo du reçu" names no file as it is (the files' names are English, and so is the embedder that matches
    names by meaning): the model's English translation finds photos/receipt.jpg, and the picture is described with
    the question as the user asked it. A translation that still names no file leaves the honest "not found"."""
    from PIL import Image

    make, root = routed
    (root / "photos").mkdir()
    Image.new("RGB", (64, 48), (250, 250, 250)).save(root / "photos/receipt.jpg")
    agent, chat = make(["What can you see in the photo of the receipt?"])
    events, done = _turn(agent, "Qu'est-ce qu'on voit sur la photo du reçu ?")
    [(name, arguments)] = _calls(events)
    assert name == "describe_image" and arguments["image"] == "photos/receipt.jpg"
    assert arguments.get("question", "Qu'est-ce qu'on voit sur la photo du reçu ?").startswith("Qu'est-ce")
    agent, chat = make(["What can you see in the photo of the giraffe?"])
    events, done = _turn(agent, "Qu'est-ce qu'on voit sur la photo de la girafe ?")
    assert _calls(events) == [] and done.reply.startswith("I couldn't find a picture"), done.reply


def test_a_question_routed_to_the_pdfs_that_names_no_file_nor_kind_searches_every_file(routed):
    """"what does one box cover?" of the tiles a note counts: the router took it for a PDF's question, and a manual's
    "front cover" answered it, cited; a question that names no file and no kind of file is looked up in every file,
    and the manual is no answer to it."""
    import pymupdf

    make, root = routed
    (root / "tiles.md").write_text("# Tiles for the bathroom\n\nSold by the box: 1.44 m² per box, 56.02 EUR a box.\n")
    manual = pymupdf.open()
    page = manual.new_page()
    page.insert_text((72, 72), "Front cover. This manual covers the library's functions and its error codes.")
    manual.save(root / "library-manual.pdf")
    agent, chat = make(["One box covers 1.44 m²."])
    agent.context.knowledge.index()
    events, done = _turn(agent, "what does one box cover?")
    assert [name for name, _ in _calls(events)] == ["search_knowledge"]
    assert "library-manual.pdf" not in done.reply and "front cover" not in done.reply.lower()


def test_an_answer_from_the_model_s_own_knowledge_is_cut_to_the_sentences_the_policy_allows():
    """A small model's long list is where its invented names and numbers come from, and a spoken answer is short:
    with `answer_sentences`, the model is stopped after that many sentences (or lines of a list); a list's "1." and
    "Dr." end none."""
    from assistant.agent.messages import sentences_end

    listed = "Here are some tips:\n\n1. Keep it dry.\n2. Air the room.\n3. Use Dr. Beck's spray. 4. More"
    assert listed[:sentences_end(listed, 3)] == "Here are some tips:\n\n1. Keep it dry.\n2. Air the room."
    prose = "It opened in 1994. It links two countries. It is 50 km long. It cost a lot."
    assert prose[:sentences_end(prose, 2)] == "It opened in 1994. It links two countries."
    assert sentences_end("One sentence only", 1) is None
    assert PromptPolicy.from_options({"answer_sentences": 3}).answer_sentences == 3
    with pytest.raises(Exception, match="answer_sentences"):
        PromptPolicy.from_options({"answer_sentences": 0})


def test_a_world_answer_stops_after_the_policy_s_sentences(routed):
    make, _ = routed
    long = ("The Channel Tunnel opened in 1994. It links Folkestone and Coquelles. It is 50 km long. "
            "It cost 4.65 billion pounds. Eurostar trains use it.")
    agent, chat = make([long], policy=PromptPolicy(tool_results="user", tool_routing="router", answer_sentences=2))
    events, done = _turn(agent, "When did the Channel Tunnel open?")
    assert done.reply == "The Channel Tunnel opened in 1994. It links Folkestone and Coquelles."
