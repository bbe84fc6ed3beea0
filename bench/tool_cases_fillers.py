"""Requests wrapped in filler, for issue 24 item 5 ("clean arguments"): a picture's prompt and a search's query
must keep the subject and drop what is said around it ("yeah so can you make an image of, like, a red fox" ->
"a red fox"), in every language requests come in. Written before either way of filling arguments (word lists,
or the model under the tool's schema) was run on them. `bench/tool_eval.py` also counts the filler words left
in every prompt and query (`FILLER_WORDS` there). Used by `bench/tool_eval.py --cases fillers`.
"""

from __future__ import annotations

from tool_cases import GENERATE, PDF, SEARCH, TRANSCRIBE, Case, case

CASES: list[Case] = [
    # -- pictures ----------------------------------------------------------------------------------------------
    case("yeah so can you make an image of, like, a red fox", GENERATE, style="spoken", prompt=["red fox"],
         honest="failure"),
    case("Peux-tu me faire une image d'un renard roux, s'il te plaît ?", GENERATE, style="foreign",
         prompt=["renard", "fox"], honest="failure"),
    case("um, could you maybe draw me a little house by the sea? thanks", GENERATE, style="spoken",
         prompt=["house"], honest="failure"),
    case("Hey, I'd love a picture of an old lighthouse in a storm, if you can", GENERATE, style="polite",
         prompt=["lighthouse"], honest="failure"),
    case("Kannst du mir bitte ein Bild von einem Segelboot malen?", GENERATE, style="foreign",
         prompt=["segelboot", "sailboat", "boat"], honest="failure"),
    case("¿Puedes generar una imagen de un perro en la playa, por favor?", GENERATE, style="foreign",
         prompt=["perro", "dog"], honest="failure"),
    case("okay so like, just generate something with a mountain lake at sunrise", GENERATE, style="spoken",
         prompt=["mountain"], honest="failure"),
    case("Potresti disegnarmi un castello sulla collina?", GENERATE, style="foreign", prompt=["castello", "castle"],
         honest="failure"),
    case("so yeah, make me a pic of two cats playing chess, please", GENERATE, style="spoken", prompt=["chess"],
         honest="failure"),
    case("I was wondering if you could create an illustration of a hot air balloon over fields", GENERATE,
         style="polite", prompt=["balloon"], honest="failure"),
    # -- searches ----------------------------------------------------------------------------------------------
    case("yeah so can you search my notes for, like, the dentist thing", SEARCH, style="spoken", query=["dentist"]),
    case("Est-ce que tu peux chercher dans mes notes la liste de randonnée ?", SEARCH, style="foreign",
         query=["randonnée", "hiking", "liste"]),
    case("um do I have anything saved about, uh, the budget meeting?", SEARCH, style="spoken", query=["budget"]),
    case("Hey, could you please look through my files for the packing list?", SEARCH, style="polite",
         query=["packing"]),
    case("¿Puedes buscar en mis archivos algo sobre el presupuesto de marketing?", SEARCH, style="foreign",
         query=["presupuesto", "marketing"]),
    case("Kannst du bitte in meinen Notizen nach dem Zahnarzttermin suchen?", SEARCH, style="foreign",
         query=["zahnarzt", "dentist"]),
    case("so like, find me whatever I wrote about the team offsite, okay?", SEARCH, style="spoken",
         query=["offsite"]),
    case("Cerca nei miei appunti qualcosa sulla riunione del budget, per favore", SEARCH, style="foreign",
         query=["budget", "riunione"]),
    case("okay um search for the memo about milk and the plumber", SEARCH, TRANSCRIBE, style="spoken",
         query=["milk", "plumber"]),
    case("Could you just check my knowledge folder for tyre pressure, please?", SEARCH, PDF, style="polite",
         query=["tyre", "pressure"]),
]
