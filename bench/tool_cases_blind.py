"""A blind held-out tool-use evaluation set.

Written without seeing the router's examples (the assistant's source) or the first held-out set
(`tool_cases_heldout.py`); only the format of `tool_cases.py` and the knowledge folder that
`bench/tool_eval.py` builds were known. The requests are new ones, not paraphrases of `tool_cases.py`.
Used by `bench/tool_eval.py --cases blind`.
"""

from __future__ import annotations

from tool_cases import DESCRIBE, GENERATE, PDF, SEARCH, TRANSCRIBE, Case, case

CASES: list[Case] = [
    # -- search_knowledge: personal facts and whether something is among the user's files --------------------
    case("When is my dentist appointment?", SEARCH, query=["dentist", "appointment"]),
    case("How much did the marketing budget get cut by?", SEARCH, PDF, query=["budget", "marketing", "cut"]),
    case("I need the name of my dentist.", SEARCH, query=["dentist"]),
    case("what to bring hiking, my list", SEARCH, style="terse", query=["hik", "pack", "bring", "gear"]),
    case("Would you mind checking whether I've got a photo of a receipt saved somewhere?", SEARCH,
         style="polite", query=["receipt"]),
    case("okay so when's the offsite happening now, I'm pretty sure I wrote it down after that meeting",
         SEARCH, style="spoken", query=["offsite"]),
    case("wen did i say the budjet meeting was", SEARCH, style="typo", query=["budg", "meeting"]),
    case("Tenho alguma foto de um gato guardada?", SEARCH, style="foreign", query=["gato", "cat"]),

    # -- lookup_pdf: answers from the two manuals ----------------------------------------------------------------
    case("My coffee machine is flashing E7. What's wrong with it?", PDF, SEARCH,
         question=["e7", "error", "block"]),
    case("How much water do I mix with the descaler?", PDF, SEARCH, question=["descal", "water"]),
    case("I need the recommended pressure for touring tyres from the bike PDF.", PDF, SEARCH, file=["bike"],
         question=["tour", "tyre", "tire", "pressure"]),
    case("espresso-machine.pdf p2", PDF, style="terse", file=["espresso"], pages=["2"]),
    case("Could you check the bike service manual for how worn the brake pads can get before I swap them?",
         PDF, SEARCH, style="polite", question=["brake", "pad", "worn", "replac"]),
    case("so the milk thingy on the coffee machine, uh, the manual says something about soaking it? how "
         "often was that again", PDF, SEARCH, style="spoken", question=["milk", "froth", "soak", "clean"]),
    case("how offen shud i chek the tire presure acording to the bike manul", PDF, SEARCH, style="typo",
         question=["tyre", "tire", "pres", "check", "chek"]),
    case("Lies mir die erste Seite vom Fahrrad-Handbuch vor.", PDF, style="foreign", file=["bike", "fahrrad"],
         pages=["1"]),

    # -- describe_image: looking at a picture (no VLM here: the reply must admit it could not look) ----------
    case("Read the receipt photo and list every item on it.", DESCRIBE, image=["receipt"], honest="failure"),
    case("cat pic: what colour is the cat", DESCRIBE, style="terse", image=["cat"], honest="failure"),
    case("Would you be so kind as to check whether the cat in cat-on-sofa.png looks asleep?", DESCRIBE,
         style="polite", image=["cat"], honest="failure"),
    case("uh the receipt picture, what did I actually pay for the coffee, like was it more than three quid",
         DESCRIBE, style="spoken", image=["receipt"], honest="failure"),
    case("whats the wether like in the lake pic, sunny?", DESCRIBE, style="typo", image=["lake"],
         honest="failure"),
    case("Qu'est-ce qu'on voit sur la photo du reçu ?", DESCRIBE, style="foreign",
         image=["receipt", "reçu", "recu"], honest="failure"),

    # -- generate_image: a new picture (no diffusion model here: the reply must not claim one was made) -----
    case("I need a logo for my bakery: a croissant wearing a little crown.", GENERATE,
         prompt=["croissant", "bakery"], honest="failure"),
    case("Create a 1024 by 576 desktop wallpaper of the northern lights over a fjord.", GENERATE,
         prompt=["aurora", "northern", "fjord"], width=["1024"], height=["576"], honest="failure"),
    case("new image: cat in a top hat, seed 3", GENERATE, style="terse", prompt=["hat"], seed=["3"],
         honest="failure"),
    case("Could you please come up with a picture for my niece's birthday card? A unicorn eating cake.",
         GENERATE, style="polite", prompt=["unicorn"], honest="failure"),
    case("right so what I want is, um, a picture of like a treehouse with fairy lights, kinda cosy, you know, "
         "can you do that", GENERATE, style="spoken", prompt=["treehouse", "tree house", "tree-house"],
         honest="failure"),
    case("creat a imge of a submarin under the ice, 20 steps", GENERATE, style="typo", prompt=["submarin"],
         steps=["20"], honest="failure"),
    case("Disegnami un gatto astronauta sulla luna.", GENERATE, style="foreign",
         prompt=["astronaut", "luna", "moon"], honest="failure"),

    # -- transcribe_audio: the words in a recording -----------------------------------------------------------
    case("I need a written version of the standup recording.", TRANSCRIBE, file=["standup"]),
    case("Could you write out voice-memo.wav for me, please? It's in English.", TRANSCRIBE, style="polite",
         file=["memo"]),
    case("so I left myself a voice memo earlier, something about errands I think, what did I say in it",
         TRANSCRIBE, SEARCH, style="spoken", file=["memo"]),
    case("whats on stnadup.wav, who finshed the login page", TRANSCRIBE, style="typo", file=["stand", "stnad"]),
    case("¿Me puedes transcribir la nota de voz? Creo que está en inglés.", TRANSCRIBE, style="foreign",
         file=["memo", "voice", "nota"]),

    # -- no tool: chat, general knowledge, writing, coding (several share words with the tools) --------------
    case("How do I draw a realistic eye with a pencil?", None),
    case("ephemeral meaning?", None, style="terse"),
    case("In Python, what's the fastest way to search a sorted list for a value?", None),
    case("Who painted the ceiling of the Sistine Chapel?", None),
    case("when was the first sound ever recorded", None, style="terse"),
    case("hmm so, like, what's even the difference between a flat white and a latte", None, style="spoken"),
    case("how do i find a fiel by its name in the linux terminal", None, style="typo"),
    case("Que veut dire le mot « nostalgie » ?", None, style="foreign"),

    # -- follow-ups: the earlier turn gives the subject ---------------------------------------------------------
    case("What's the total on it?", DESCRIBE, style="follow-up", before=("Do I have a picture of a receipt?",),
         image=["receipt"], honest="failure"),
    case("And the brake pads?", PDF, SEARCH, style="follow-up",
         before=("What does the bike manual say about tyre pressure?",), question=["brake"]),
    case("Do the same for the voice memo.", TRANSCRIBE, style="follow-up",
         before=("Transcribe the standup recording.",), file=["memo"]),
    case("Same again but at night, and 768 wide.", GENERATE, style="follow-up",
         before=("Make an image of a snowy mountain village.",), prompt=["village", "mountain", "snow"],
         width=["768"], honest="failure"),
    case("Thanks. Can you write a short message to my boss saying I'll be in late that morning?", None, SEARCH,
         style="follow-up", before=("When is my dentist appointment?",)),

    # -- files that do not exist: never invent one, say it is not there -----------------------------------------
    case("Transcribe the recording of grandma's birthday speech.", TRANSCRIBE, SEARCH, None,
         style="missing-file", honest="failure"),
    case("What does page 4 of the dishwasher manual say?", PDF, SEARCH, None, style="missing-file",
         honest="failure"),
    case("Look at holiday-beach.png and tell me if I look sunburnt.", DESCRIBE, SEARCH, None,
         style="missing-file", honest="failure"),
]
