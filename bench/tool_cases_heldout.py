"""A held-out tool-use evaluation set, written without seeing the router's examples or keywords.

Same format and conventions as `bench/tool_cases.py` (first tool(s) acceptable, key-argument word checks,
`honest="failure"` where the request cannot succeed here, `before` for follow-ups), but different requests,
so the set measures how the router generalises rather than how well it matches its own examples. It refers
to the knowledge folder built by `bench/tool_eval.py`. Used by `bench/tool_eval.py --cases heldout`.
"""

from __future__ import annotations

from tool_cases import DESCRIBE, GENERATE, PDF, SEARCH, TRANSCRIBE, Case, case

CASES: list[Case] = [
    # -- search_knowledge: the user's own files, by meaning --------------------------------------------------
    case("Did I save anything about water filters?", SEARCH, query=["filter"]),
    case("When's my dentist appointment? I think I noted it down somewhere.", SEARCH,
         query=["dentist", "appointment"]),
    case("find receipt", SEARCH, style="terse", query=["receipt"]),
    case("Would you mind checking whether I've got a photo of my cat on the couch somewhere?", SEARCH,
         style="polite", query=["cat", "couch", "sofa"]),
    case("hmm when did we say the team trip got moved to, I jotted it down after the budget thing", SEARCH,
         style="spoken", query=["trip", "offsite", "move", "budget", "meeting"]),
    case("do i hav any notes on wat to bring hikng", SEARCH, style="typo", query=["hik", "bring", "pack"]),
    case("Cerca tra i miei file le foto del lago.", SEARCH, style="foreign", query=["lago", "lake"]),

    # -- lookup_pdf: reading the user's PDFs ----------------------------------------------------------------
    case("What pressure should touring tyres be at? It's in my bike service manual.", PDF, SEARCH,
         question=["pressure", "tyre", "tire", "touring"]),
    case("Summarise bike-service.pdf for me.", PDF, file=["bike"]),
    case("espresso manual p2", PDF, style="terse", file=["espresso"], pages=["2"]),
    case("Could you check bike-service.pdf and tell me how worn the brake pads can get before I replace them, "
         "please?", PDF, style="polite", file=["bike"], question=["brake", "pad"]),
    case("uh how much water am I supposed to put in for the descaling thing, it's in the coffee machine manual "
         "somewhere", PDF, SEARCH, style="spoken", question=["descal", "water"]),
    case("wats on page 1 of the bike servce pdf", PDF, style="typo", file=["bike"], pages=["1"]),
    case("Was steht im Handbuch der Espressomaschine zum Fehler E7?", PDF, SEARCH, style="foreign",
         question=["e7"]),

    # -- describe_image: looking at a picture (no VLM on this machine: the reply must say it could not look)
    case("Is the cat in cat-on-sofa.png asleep or awake?", DESCRIBE, image=["cat"], honest="failure"),
    case("receipt.jpg total?", DESCRIBE, style="terse", image=["receipt"], honest="failure"),
    case("Would you be so kind as to look at lake.jpg and tell me whether it looks like summer?", DESCRIBE,
         style="polite", image=["lake"], honest="failure"),
    case("whats the cat doin in the sofa pic", DESCRIBE, style="typo", image=["cat", "sofa"], honest="failure"),
    case("¿Qué se ve en la foto del gato?", DESCRIBE, style="foreign", image=["cat", "gato"], honest="failure"),

    # -- generate_image: making a picture (no diffusion model here: the reply must not claim one was made)
    case("Could you please create an image of a mountain at dawn, 768 wide by 512 tall?", GENERATE,
         style="polite", prompt=["mountain"], width=["768"], height=["512"], honest="failure"),
    case("pic of a penguin surfing", GENERATE, style="terse", prompt=["penguin"], honest="failure"),
    case("uh can you do like a cartoon of a dog in sunglasses, just for a laugh", GENERATE, style="spoken",
         prompt=["dog"], honest="failure"),
    case("make a imgae of a castel on a hil, seed 7", GENERATE, style="typo", prompt=["castel", "castle"],
         seed=["7"], honest="failure"),
    case("Crea un'immagine di un gatto astronauta nello spazio.", GENERATE, style="foreign",
         prompt=["gatto", "cat", "astronaut"], honest="failure"),

    # -- transcribe_audio: what is said in a recording -------------------------------------------------------
    case("Can you write out what I said in my voice memo?", TRANSCRIBE, file=["memo"]),
    case("voice-memo.wav to text", TRANSCRIBE, style="terse", file=["memo"]),
    case("Please could you type up what was said in standup.wav?", TRANSCRIBE, style="polite", file=["standup"]),
    case("what was on that memo I recorded, I can't remember what I had to buy", TRANSCRIBE, SEARCH,
         style="spoken", file=["memo"]),
    case("Was wird in der Standup-Aufnahme gesagt?", TRANSCRIBE, style="foreign", file=["standup"]),

    # -- no tool: conversation, general knowledge, maths, advice, writing (some share words with tools) -------
    case("How do I find the area of a circle?", None),
    case("What's a good way to describe a sunset in a poem?", None),
    case("Create a to-do list for moving house.", None),
    case("What does 'transcribe' mean?", None),
    case("Who painted the Mona Lisa?", None),
    case("15% of 240", "calculate", style="terse"),  # (no tool until calculate came: issue 24)
    case("any tips for taking nicer photos of my cat? she never sits still", None, style="spoken"),
    case("Quelle est la différence entre un expresso et un cappuccino ?", None, style="foreign"),

    # -- follow-ups: the previous turn gives the subject -------------------------------------------------------
    case("What's the total on it?", DESCRIBE, style="follow-up", before=("Find my photo of the receipt.",),
         image=["receipt"], honest="failure"),
    case("and E7?", PDF, SEARCH, style="follow-up",
         before=("What does the espresso machine manual say about error E4?",), question=["e7"]),
    case("Now do the voice memo.", TRANSCRIBE, style="follow-up", before=("Transcribe standup.wav.",),
         file=["memo"]),
    case("Same again but at night, and make it 1024 wide.", GENERATE, style="follow-up",
         before=("Generate a picture of a cabin by a lake.",), prompt=["cabin"], width=["1024"], honest="failure"),
    case("Thanks. Roughly how many psi is that?", None, style="follow-up",
         before=("What tyre pressure does the bike manual recommend for road tyres?",)),

    # -- files that do not exist: never invent one, say it is not there -----------------------------------------
    case("Transcribe the recording of my call with the landlord.", TRANSCRIBE, SEARCH, None, style="missing-file",
         honest="failure"),
    case("Can you tell me who's in photos/wedding-2019.jpg?", DESCRIBE, None, style="missing-file",
         honest="failure"),
    case("What did I note down about the car insurance renewal?", SEARCH, None, style="missing-file",
         honest="failure"),
]
