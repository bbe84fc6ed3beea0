"""Clean arguments (issue 24 item 5): a picture's prompt and a search's query keep the request's subject and drop
what is said around it (asking, hesitation, politeness, the words that ask for the tool), in the languages
requests come in; and such requests reach the right tool. The requests here are not the benchmark's sets
(bench/tool_cases_fillers*.py), which measure the same on requests these rules were not written from."""

from __future__ import annotations

import pytest

from planners import planner_over

from assistant.routing.arguments import topic
from assistant.routing.framing import picture_prompt, subject_words
from assistant.routing.router import _words, mentions


@pytest.mark.parametrize("request_text, prompt", [
    ("hmm could you please paint me a portrait of my grandfather's old dog", "a portrait of my grandfather's old dog"),
    ("okay uh generate an image of, like, three penguins on an iceberg, thanks!", "three penguins on an iceberg"),
    ("I'd really love a quick sketch of a bicycle leaning on a wall", "a bicycle leaning on a wall"),
    ("make something with a giant octopus attacking a lighthouse please", "a giant octopus attacking a lighthouse"),
    ("draw an owl reading a newspaper, you know, with little glasses", "an owl reading a newspaper, with little glasses"),
    ("sketch a fox in the snow and then make an image of it", "a fox in the snow"),
    ("show me what a city on Mars would look like", "a city on Mars"),
    ("Fais-moi un dessin d'une girafe avec un chapeau, s'il vous plaît", "une girafe avec un chapeau"),
    ("Euh, tu pourrais générer une image de la tour Eiffel sous la neige ?", "la tour Eiffel sous la neige"),
    ("Mal mir bitte eine Giraffe mit Hut", "eine Giraffe mit Hut"),
    ("Könnten Sie ein Bild von einem Leuchtturm im Sturm erstellen?", "einem Leuchtturm im Sturm"),
    ("Hazme una imagen de un gato tocando el piano, porfa", "un gato tocando el piano"),
    ("Mi disegni un'immagine di una barca a vela al tramonto, per favore?", "una barca a vela al tramonto"),
    ("Pode desenhar um cachorro andando de bicicleta? Obrigado", "um cachorro andando de bicicleta"),
    ("paint London's Big Ben", "London's Big Ben"),  # a name that is a filler elsewhere ends a subject
    ("make a sign that says thank you", "a sign that says thank you"),  # thanks end a request only after a comma
])
def test_a_pictures_prompt_is_its_subject_alone(request_text, prompt):
    assert picture_prompt(request_text) == prompt


@pytest.mark.parametrize("request_text", [
    "a cat holding a picture of a dog",  # a picture noun inside the subject is the subject's
    "a dog on the right side of a wide road",  # "right" ends no request here
    "a cloud that looks like a rabbit",
    "two robots shaking hands, watercolour",
])
def test_a_subject_without_a_frame_is_kept_whole(request_text):
    assert picture_prompt(request_text) == request_text


def test_portuguese_articles_are_no_hesitation_and_um_alone_is():
    assert picture_prompt("Desenhe um gato no telhado") == "um gato no telhado"
    assert picture_prompt("draw um a cat on a roof") == "a cat on a roof"
    assert picture_prompt("draw a cat, um, on a roof") == "a cat, on a roof"


@pytest.mark.parametrize("request_text, query", [
    ("Would you mind searching my notes for the boiler service? Thanks so much", "boiler service"),
    ("uh can you dig through my files for anything about the car lease", "car lease"),
    ("Est-ce que j'ai noté quelque chose sur la révision de la voiture ?", "révision voiture"),
    ("Hast du irgendwas in meinen Dateien über die Steuererklärung gespeichert?", "Steuererklärung"),
    ("Búscame en mis notas lo que apunté sobre el alquiler, por favor", "alquiler"),
    ("Cercami nei documenti qualcosa sulla caldaia, grazie", "caldaia"),
    ("Você pode procurar nas minhas notas a receita de bolo?", "receita bolo"),
])
def test_a_search_query_drops_the_frame_in_any_language(request_text, query):
    assert topic(request_text) == query


def test_a_picture_named_with_a_colon_is_followed_by_its_subject():
    assert picture_prompt("new picture: a lighthouse at dusk, 30 steps") == "a lighthouse at dusk, 30 steps"


def test_names_and_units_that_are_fillers_elsewhere_stay_in_a_query_and_curly_apostrophes_are_apostrophes():
    assert topic("what Ben said about the boiler") == "Ben said boiler"
    assert topic("find my dal recipe") == "dal recipe" and topic("the 12 mm drill bit") == "12 mm drill bit"
    assert topic("what’s the wifi password in my notes") == "wifi password"


def test_contractions_and_portuguese_have_are_no_query_words():
    assert topic("I've got notes on the garden somewhere, right?") == "garden"
    assert topic("Tenho alguma nota guardada sobre o jardim?") == "jardim"


def test_elided_articles_and_frame_phrases_are_not_query_words():
    assert subject_words("le musée d'Orsay, s'il te plaît") == ["le", "musée", "Orsay"]
    assert subject_words("would you mind the mind map") == ["the", "mind", "map"]  # "mind" alone is a subject


def test_a_keyword_ending_the_request_may_stand_far_from_its_first_piece():
    german = _words("Kannst du mir ein Bild von einem Boot auf dem Meer bei Nacht im Sturm malen?")
    assert mentions(german, "bild ... malen$")
    assert not mentions(german, "bild ... malen")  # seven words between: beyond the usual gap
    assert not mentions(_words("malen ist schön, das Bild auch"), "bild ... malen$")


def test_a_keyword_of_alternatives_takes_only_those_words():
    assert mentions(_words("fais-moi une image d'un chat"), "fais|faire ... image|dessin")
    assert not mentions(_words("procurar o contrato"), "produce|cuadro")  # no misspelling among a hundred words


@pytest.fixture(scope="module")
def planner(manager, tmp_path_factory):
    files = ["notes/lease.md", "recordings/standup.wav", "recordings/call-with-sam.wav", "photos/lake.jpg"]
    return planner_over(tmp_path_factory.mktemp("knowledge"), files, manager.get("text_embed"))


@pytest.mark.parametrize("request_text, tool", [
    ("Könntest du bitte ein Bild von einem roten Traktor auf einem weiten Feld im Herbst zeichnen?", "generate_image"),
    ("¿Me puedes generar una imagen de un faro?", "generate_image"),
    ("so yeah make me a pic of a teapot", "generate_image"),
    ("look through my recordings for where Sam mentions the deadline", "search_knowledge"),
    ("Guarda nelle mie registrazioni se qualcuno parla del preventivo", "search_knowledge"),
    ("Pode procurar nos meus arquivos a conta de luz?", "search_knowledge"),
    ("transcribe the call with Sam", "transcribe_audio"),
    ("Kannst du mir die Bilder vom See zeigen?", None),  # showing pictures is no request to make one
])
def test_framed_requests_reach_their_tool(planner, request_text, tool):
    plan = planner.plan(request_text)
    if tool is None:
        assert plan.tool != "generate_image"
    else:
        assert plan.tool == tool, plan
