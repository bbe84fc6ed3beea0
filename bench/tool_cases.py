"""The tool-use evaluation set: requests a user makes, the tool each needs, and the arguments that matter.

Every case names the tools that are right for it (`None`: answer without a tool) and, per argument, words
one of which the argument must contain (case-insensitive; a list means "any of these"). `before` holds
earlier turns of the same conversation (follow-ups), and `honest` what the reply must admit: "failure"
when the request cannot succeed here (a missing file, a model this machine lacks). Every reply is also
checked for call JSON or tool-schema text, which must never be shown or spoken.

The knowledge folder these refer to is built by `bench/tool_eval.py` (`FOLDER`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

SEARCH, PDF, DESCRIBE, GENERATE, TRANSCRIBE = ("search_knowledge", "lookup_pdf", "describe_image",
                                              "generate_image", "transcribe_audio")
CALC, CONVERT, DATE = "calculate", "convert_units", "date_time"


@dataclass(frozen=True)
class Case:
    request: str
    tools: tuple[str | None, ...]  # the first call's tool must be one of these (None: no call)
    args: dict[str, str | list[str]] = field(default_factory=dict)
    style: str = "plain"  # plain, terse, polite, spoken, typo, foreign, follow-up, missing-file
    before: tuple[str, ...] = ()
    honest: str | None = None  # "failure": the reply must say that it did not work / was not found
    without: tuple[str, ...] = ()  # filler words of this request that its prompt or query must not keep


def case(request: str, *tools: str | None, style: str = "plain", before: tuple[str, ...] = (),
         honest: str | None = None, without: tuple[str, ...] = (), **args: str | list[str]) -> Case:
    return Case(request, tools, args, style, before, honest, tuple(w.lower() for w in without))


CASES: list[Case] = [
    # -- search_knowledge: the user's own files, by meaning --------------------------------------------------
    case("Search my notes for the budget meeting.", SEARCH, query=["budget"]),
    case("Do I have anything about the marketing budget in my files?", SEARCH, query=["marketing", "budget"]),
    case("find packing list", SEARCH, PDF, style="terse", query=["packing"]),
    case("Could you please look through my knowledge folder for anything on hiking?", SEARCH, style="polite",
         query=["hiking", "hike"]),
    case("um so like, do I have any notes about the dentist appointment or something", SEARCH, style="spoken",
         query=["dentist"]),
    case("serch my fils for the budgt meeting", SEARCH, style="typo", query=["budg"]),
    case("Is there a photo of a lake among my pictures?", SEARCH, style="plain", query=["lake"]),
    case("Find my pictures of cats.", SEARCH, query=["cat"]),
    case("Which of my files mention the espresso machine?", SEARCH, PDF, query=["espresso"]),
    case("Busca en mis notas la reunión de presupuesto.", SEARCH, style="foreign",
         query=["presupuesto", "budget", "reunión"]),
    case("Suche in meinen Dateien nach der Packliste.", SEARCH, style="foreign", query=["packliste", "packing"]),
    case("What did I write down about the team offsite?", SEARCH, query=["offsite"]),
    case("Look up anything I saved about tyre pressure.", SEARCH, PDF, query=["tyre", "tire", "pressure"]),

    # -- lookup_pdf: reading the user's PDFs ----------------------------------------------------------------
    case("What does the espresso machine manual say about descaling?", PDF, SEARCH, question=["descal"]),
    case("How often should I descale the espresso machine, according to its manual?", PDF, SEARCH,
         question=["descal"]),
    case("Read page 3 of espresso-machine.pdf.", PDF, file=["espresso"], pages=["3"]),
    case("What does error E4 mean on my espresso machine? Check the manual.", PDF, SEARCH, question=["e4", "error"]),
    case("According to bike-service.pdf, what tyre pressure should I use?", PDF, file=["bike"],
         question=["tyre", "tire", "pressure"]),
    case("bike manual brake pads", PDF, SEARCH, style="terse"),
    case("Hey, uh, what does my bike manual say about when to change the brake pads?", PDF, SEARCH,
         style="spoken", question=["brake"]),
    case("Would you kindly open the bike service PDF and read me page 2?", PDF, style="polite", file=["bike"],
         pages=["2"]),
    case("wat does the espreso manual say abut cleaning the milk frother", PDF, SEARCH, style="typo",
         question=["milk", "frother", "clean"]),
    case("Que dit le manuel de la machine à espresso sur le détartrage ?", PDF, SEARCH, style="foreign"),
    case("Summarise the first page of the espresso machine manual.", PDF, file=["espresso"], pages=["1"]),

    # -- describe_image: looking at a picture (no VLM on this machine: the reply must say it could not look)
    case("What is in photos/lake.jpg?", DESCRIBE, image=["lake"], honest="failure"),
    case("Describe the picture of the cat.", DESCRIBE, image=["cat"], honest="failure"),
    case("How much was the total on the receipt photo?", DESCRIBE, image=["receipt"], honest="failure"),
    case("look at cat-on-sofa.png", DESCRIBE, style="terse", image=["cat"], honest="failure"),
    case("Could you please tell me what colour the sofa is in my cat photo?", DESCRIBE, style="polite",
         image=["cat"], honest="failure"),
    case("so, um, what's happening in the lake picture, like is anyone there", DESCRIBE, style="spoken",
         image=["lake"], honest="failure"),
    case("descrbe the lake foto", DESCRIBE, style="typo", image=["lake"], honest="failure"),
    case("Beschreibe das Bild vom See.", DESCRIBE, style="foreign", image=["lake"], honest="failure"),

    # -- generate_image: making a picture (no diffusion model here: the reply must not claim one was made)
    case("Draw a lighthouse at sunset.", GENERATE, prompt=["lighthouse"], honest="failure"),
    case("Generate an image of a red bicycle leaning on a brick wall.", GENERATE, prompt=["bicycle"],
         honest="failure"),
    case("Make me a picture of a dragon made of glass, 4 steps, seed 42.", GENERATE, prompt=["dragon"],
         steps=["4"], seed=["42"], honest="failure"),
    case("paint a fox in the snow", GENERATE, style="terse", prompt=["fox"], honest="failure"),
    case("Would you please create an illustration of a cosy cabin in the woods?", GENERATE, style="polite",
         prompt=["cabin"], honest="failure"),
    case("okay so can you like, imagine a robot making pancakes and show me", GENERATE, style="spoken",
         prompt=["robot"], honest="failure"),
    case("genrate a pictur of a blue whale", GENERATE, style="typo", prompt=["whale"], honest="failure"),
    case("Dessine-moi un mouton.", GENERATE, style="foreign", prompt=["sheep", "mouton"], honest="failure"),
    case("Render a watercolour of Venice, 512 by 512.", GENERATE, prompt=["venice"], width=["512"],
         honest="failure"),

    # -- transcribe_audio: what is said in a recording -------------------------------------------------------
    case("What is said in recordings/standup.wav?", TRANSCRIBE, file=["standup"]),
    case("Transcribe the voice memo.", TRANSCRIBE, file=["memo"]),
    case("transcribe standup.wav", TRANSCRIBE, style="terse", file=["standup"]),
    case("Could you please tell me what I said in my voice memo recording?", TRANSCRIBE, style="polite",
         file=["memo"]),
    case("uh what did people say in the standup recording", TRANSCRIBE, style="spoken", file=["standup"]),
    case("transcrbe the standup recordng", TRANSCRIBE, style="typo", file=["standup"]),
    case("Transcris l'enregistrement du standup, s'il te plaît.", TRANSCRIBE, style="foreign", file=["standup"]),

    # -- no tool: conversation and general knowledge ---------------------------------------------------------
    case("Hello! How are you today?", None),
    case("What is the capital of France?", None),
    case("What is 2 plus 2?", CALC, expression=["2 plus 2"]),  # (no tool until calculate came, issue 24)
    case("Thanks, that's all for now.", None),
    case("Tell me a joke about programmers.", None),
    case("Why is the sky blue?", None),
    case("how many legs does a spider have", None, style="terse"),
    case("Wie spät ist es in Tokio, ungefähr?", DATE, style="foreign", question=["tokio"]),  # (no tool before
    # date_time, issue 24)
    case("Can you explain what a prime number is?", None),
    case("Translate 'good morning' into Spanish.", None),

    # -- calculate, convert_units, date_time: numbers come from code (issue 24) -----------------------------------
    case("What is 17 times 23?", CALC, expression=["17 times 23"]),
    case("What's 15 percent of 240?", CALC, expression=["15 percent of 240"]),
    case("How much is 86 euros split between four people?", CALC, expression=["86 euros"]),
    case("What is the square root of 169?", CALC, expression=["169"]),
    case("120 plus 19 percent", CALC, style="terse", expression=["120"]),
    case("2^10", CALC, style="terse", expression=["2^10"]),
    case("Could you please work out seven hundred minus two hundred and fifty eight?", CALC, style="polite",
         expression=["seven hundred"]),
    case("um so what's like 48,000 divided by 12", CALC, style="spoken", expression=["48,000"]),
    case("whats 144 devided by 12", CALC, style="typo", expression=["144"]),
    case("Wie viel ist sieben mal acht?", CALC, style="foreign", expression=["sieben"]),
    case("How many kilometres is five miles?", CONVERT, quantity=["five miles"]),
    case("Convert 100 degrees Fahrenheit to Celsius.", CONVERT, quantity=["100 degrees"]),
    case("2.1 bar in psi", CONVERT, style="terse", quantity=["2.1 bar"]),
    case("Would you mind converting 2.5 kg into grams?", CONVERT, style="polite", quantity=["2.5 kg"]),
    case("uh how many litres is a US gallon", CONVERT, style="spoken", quantity=["gallon"]),
    case("convrt 30 degrees celsius to fahrenheit", CONVERT, style="typo", quantity=["30 degrees"]),
    case("Wie viele Kilometer sind 10 Meilen?", CONVERT, style="foreign", quantity=["10 meilen"]),
    case("What time is it?", DATE, question=["time"]),
    case("What day of the week was 1 January 2000?", DATE, question=["1 january 2000"]),
    case("How many days until Christmas?", DATE, question=["christmas"]),
    case("is 2028 a leap year", DATE, style="terse", question=["2028"]),
    case("Could you tell me what the date will be in 90 days, please?", DATE, style="polite", question=["90 days"]),
    case("hmm so how many days are there in February 2024", DATE, style="spoken", question=["february"]),
    case("how many days untill christmas", DATE, style="typo", question=["christmas"]),
    case("Welcher Tag ist heute?", DATE, style="foreign", question=["heute"]),
    # ... asked as people ask: shares, sharing, decimal commas, a weekday with its date (issue 24, item 3)
    case("What percent of 640 is 48?", CALC, expression=["640"]),
    case("Quel pourcentage de 250 représentent 40 euros ?", CALC, style="foreign", expression=["250"]),
    case("so like we're four people and the taxi was 58 euros, how much does everyone owe", CALC, style="spoken",
         expression=["58"]),
    case("Wie viele Zentimeter sind 1,5 Meter?", CONVERT, style="foreign", quantity=["1,5"]),
    case("What day is 14 days after Friday 2 May 2025?", DATE, question=["2 may"]),
    # ... and requests that are none of these, though they share words or numbers with them
    case("How much is my rent?", None, SEARCH),
    case("What's the capital of Australia?", None),
    case("When is my dentist appointment?", SEARCH, query=["dentist"]),
    case("Read page 2 of the lease.", PDF, None, style="missing-file", honest="failure"),

    # -- follow-ups: the previous turn gives the subject -------------------------------------------------------
    case("Now describe it.", DESCRIBE, style="follow-up", before=("Is there a photo of a lake in my files?",),
         image=["lake"], honest="failure"),
    case("And page 3?", PDF, style="follow-up", before=("Read page 1 of espresso-machine.pdf.",),
         file=["espresso"], pages=["3"]),
    case("Now transcribe it.", TRANSCRIBE, style="follow-up",
         before=("Do I have a recording of the standup?",), file=["standup"]),
    case("Make it a watercolour instead.", GENERATE, style="follow-up", before=("Draw a lighthouse at sunset.",),
         prompt=["lighthouse"], honest="failure"),
    case("What about the bike one?", PDF, SEARCH, style="follow-up",
         before=("What does the espresso machine manual say about cleaning?",)),
    case("Search for that in my notes too.", SEARCH, style="follow-up",
         before=("What is a good packing list for a hiking trip?",), query=["pack", "hik"]),

    # -- files that do not exist: never invent one, say it is not there -----------------------------------------
    case("What is in photos/dog.jpg?", DESCRIBE, None, style="missing-file", honest="failure"),
    case("Transcribe recordings/interview.mp3.", TRANSCRIBE, None, style="missing-file", honest="failure"),
    case("Read page 2 of tax-return-2025.pdf.", PDF, None, style="missing-file", honest="failure"),
    case("Describe the picture of my grandmother.", DESCRIBE, SEARCH, None, style="missing-file",
         honest="failure"),
    case("What does the washing machine manual say about the spin cycle?", PDF, SEARCH, None,
         style="missing-file", honest="failure"),
]
