"""The answer-correctness set (issue 24): a personal knowledge folder, and questions about it and about the
world, each with the facts its reply must contain.

The folder is written here, in one place, so that the judge (`bench/answer_judge.py`) can tell whether a
number, date, time or name in a reply is in the sources: notes (`NOTES`), voice memos (`MEMOS`: the words
Piper speaks into WAV files when the folder is built; the index hears them through Whisper), two small PDFs
made with PyMuPDF (`MADE_PDFS`), two real Debian manuals (`MANUALS`: bzip2-doc and libtasn1-doc, as
tests/test_retrieval_quality.py uses them) and photos named as a phone names them (`PHOTOS`: scikit-image's
samples; nothing asks about them, they are there to be found by mistake).

A question (`Q`) has:
  - kind: note, memo, pdf (the user's files); notfound (the folder has no answer: the reply must say so);
    general, advice (the world; no file may be cited); arithmetic, units, dates (one right answer);
  - facts: groups of alternatives; the reply must contain one alternative of every group. Alternatives are
    compared after normalising both sides (case, punctuation, number words to digits, "half past ten" and
    "10:30 pm" to "10:30", thousands separators, trailing zeros); "re:" starts a regular expression matched
    against the normalised reply, "raw:" one matched against the reply as it is (lower-cased);
  - cite: the files one of which the reply should name (any other file named is a wrong citation; on a
    question with no `cite` every file named is one); pages: the PDF pages that answer it;
  - allowed: further true facts a reply may state without them counting as invented (general questions:
    "Canberra" for the capital of Australia is a fact of the answer; "Sydney" would be invented);
  - style: how it is asked (typed, terse, rambling, misspelt, polite, and other languages: de, fr, es);
  - spoken: also asked aloud (Piper -> Whisper -> the same agent), to compare with the typed answer.

A conversation (`Conversation`) is five questions asked in one agent, judged turn by turn.

Two sets: `main` (QUESTIONS, CONVERSATIONS) and `second` (SECOND, SECOND_CONVERSATIONS), written with other
words over the same folder, to check a fix tuned on `main`. Dates in the notes are in 2024 and their
weekdays are the calendar's.
"""

from __future__ import annotations

from dataclasses import dataclass

# -- the knowledge folder ---------------------------------------------------------------------------------
NOTES: dict[str, str] = {
    "notes/grandma-visit.md": (
        "# Grandma Rosa's visit\n\n"
        "Grandma Rosa arrives on Saturday 16 November on the 11:40 train from Porto. Pick her up at platform 4.\n"
        "She stays until Wednesday 20 November. She can't eat gluten.\n"
        "Bring the blue blanket for the guest room.\n"),
    "notes/appointments.md": (
        "# Appointments\n\n"
        "- Physiotherapy with Dr Okafor: Thursday 14 November at 10:30, Praxis am Markt, room 2. "
        "Bring the referral letter.\n"
        "- Car service at Autohaus Lindner: Monday 25 November at 8:15. Booking reference KX-4471-B.\n"
        "- Haircut with Mia: Friday 29 November at 17:45.\n"),
    "notes/scratch.txt": (
        "Number to remember: 73914 (the locker at the swimming pool).\n"
        "Cabin wifi: network Birchwood, password moss-lantern-58.\n"),
    "notes/budget-november.md": (
        "# November budget\n\n"
        "Rent: 1,150 euros (paid on the 1st)\n"
        "Groceries: 420 euros\n"
        "Electricity: 86.40 euros\n"
        "Gym: 39 euros\n"
        "Total planned spending: 1,695.40 euros\n"
        "Saving goal: 300 euros into the holiday account.\n"),
    "notes/recipes/lentil-soup.md": (
        "# Lentil soup (serves 4)\n\n"
        "250 g red lentils, 1 onion, 2 carrots, 1.2 litres of vegetable stock, 1 teaspoon of cumin.\n"
        "Simmer for 25 minutes, then blend half of it. Recipe from Aunt Leonie.\n"),
    "notes/work/project-heron.md": (
        "# Project Heron\n\n"
        "Kickoff: Tuesday 3 December 2024 at 14:00 in room B2.12.\n"
        "Client: Vasquez & Partners. Budget: 48,000 euros.\n"
        "First prototype due on 31 January 2025.\n"
        "Client contact: Priya Raman (priya.raman@vasquez-partners.example).\n"),
    "notes/car.txt": (
        "Car: Skoda Octavia, number plate HB-LK 512.\n"
        "Tyre pressure: front 2.3 bar, rear 2.1 bar.\n"
        "Oil last changed at 84,200 km. Next inspection due in March 2025.\n"),
    "notes/health.md": (
        "# Health\n\n"
        "Allergic to penicillin.\n"
        "Vitamin D: 1000 IU every day.\n"
        "Blood donation on 2 October: haemoglobin 14.1.\n"
        "Dr Okafor's practice phone: 0421 555 0192.\n"),
    "notes/birthdays.txt": (
        "Birthdays\n"
        "Tom: 7 April\n"
        "Lena: 22 August\n"
        "Dad: 30 December (turns 65 this year)\n"),
    "notes/books-to-read.md": (
        "# Books to read\n\n"
        "- The Left Hand of Darkness by Ursula K. Le Guin (recommended by Sam)\n"
        "- Piranesi by Susanna Clarke (from the library, due back 9 December)\n"
        "- A Fire Upon the Deep by Vernor Vinge\n"),
    "notes/garden.md": (
        "# Garden\n\n"
        "Planted the tomatoes on 12 May. Water them every 2 days in summer.\n"
        "The fig tree needs pruning in February.\n"
        "Compost delivery: 3 cubic metres from Green Valley on 8 March.\n"),
    "notes/meetings/team-2024-10-08.md": (
        "# Team meeting, 8 October 2024\n\n"
        "Present: Jonas, Aiko, Felix.\n"
        "Release 2.4 moves to 21 October. Aiko owns the database migration.\n"
        "New laptops approved: 3 at 1,400 euros each.\n"),
}

MEMOS: dict[str, str] = {  # spoken by the packaged Piper voice into WAV files
    "recordings/memo-plumber.wav": (
        "Memo for Monday. The plumber, Mister Keller, is coming on Tuesday at half past eight to fix the "
        "kitchen sink. He quoted one hundred and twenty euros."),
    "recordings/parking.wav": (
        "I parked on level three of the Central Station garage, space number forty-seven, next to the blue lift."),
    "recordings/gift-ideas.wav": (
        "Gift ideas for Lena: a pottery class, a new novel, or a yellow raincoat in size medium. "
        "The budget is about sixty euros."),
    "recordings/insurance-call.wav": (
        "I called the insurance about the broken window. The claim number is 58 26 19. "
        "They will send an assessor within ten working days."),
    "recordings/run.wav": (
        "Today's run: eight point two kilometres in forty-six minutes. The next goal is ten kilometres "
        "before the city race on the fifteenth of March."),
}

MADE_PDFS: dict[str, list[str]] = {  # page texts
    "documents/lease-agreement.pdf": [
        "Residential Lease Agreement\n\nLandlord: Helga Brandt, Am Wall 17, 28195 Bremen.\n"
        "Flat: 3B, Osterstrasse 42, Bremen.\nThe lease begins on 1 September 2023.\n"
        "Monthly rent: 1,150 euros, due on the first working day of each month.\n"
        "Deposit: 3,450 euros (three months' rent), paid into a separate savings account.",
        "Notice and house rules\n\nThe tenant may end the lease with three months' notice in writing.\n"
        "Small pets are allowed; dogs and cats need the landlord's written permission.\n"
        "Heating and water are billed once a year; the advance payment is 140 euros per month.\n"
        "Quiet hours are from 22:00 to 7:00.",
    ],
    "documents/boiler-manual.pdf": [
        "Thermera CW 24 combi boiler: operating instructions\n\n"
        "Water pressure: normal operating pressure is between 1.0 and 1.5 bar when the system is cold. "
        "Top up the system if the pressure falls below 0.8 bar. The safety valve opens at 3 bar.",
        "Fault codes\n\nF22: water pressure too low. Top up the system.\n"
        "F28: ignition failed. Check that the gas supply is on, then hold the reset button for 5 seconds.\n"
        "F75: pump fault. Call the service engineer.\n"
        "Service: have the boiler serviced once every 12 months.",
    ],
}

# file in the folder -> (Debian package, installed path): real manuals, as tests/test_retrieval_quality.py uses
MANUALS: dict[str, tuple[str, str]] = {
    "manuals/bzip2-manual.pdf": ("bzip2-doc", "/usr/share/doc/bzip2/manual.pdf.gz"),
    "manuals/libtasn1.pdf": ("libtasn1-doc", "/usr/share/doc/libtasn1-doc/libtasn1.pdf"),
}

PHOTOS: dict[str, str] = {  # file -> scikit-image sample
    "photos/IMG_20240614_183205.jpg": "astronaut",
    "photos/IMG_0932.jpg": "chelsea",
    "photos/IMG_20240803_101522.jpg": "coffee",
}

# PDF questions on the Debian manuals: a phrase of the answer that must be on the expected pages (checked when
# the folder is built, so a changed manual is reported as such): question id -> phrase
PDF_PHRASES: dict[str, str] = {}


@dataclass(frozen=True)
class Q:
    id: str
    kind: str  # note | memo | pdf | notfound | general | advice | arithmetic | units | dates
    ask: str
    facts: tuple[tuple[str, ...], ...] = ()
    cite: tuple[str, ...] = ()
    pages: tuple[int, ...] = ()
    allowed: tuple[str, ...] = ()
    style: str = "typed"
    spoken: bool = False

    @property
    def lang(self) -> str:
        return self.style if self.style in ("de", "fr", "es") else "en"


@dataclass(frozen=True)
class Conversation:
    id: str
    turns: tuple[Q, ...]


FILE_KINDS = ("note", "memo", "pdf")
CALC_KINDS = ("arithmetic", "units", "dates")
WORLD_KINDS = ("general", "advice")

GRANDMA, APPTS, SCRATCH = "notes/grandma-visit.md", "notes/appointments.md", "notes/scratch.txt"
BUDGET, SOUP, HERON = "notes/budget-november.md", "notes/recipes/lentil-soup.md", "notes/work/project-heron.md"
CAR, HEALTH, BIRTHDAYS = "notes/car.txt", "notes/health.md", "notes/birthdays.txt"
BOOKS, GARDEN, MEETING = "notes/books-to-read.md", "notes/garden.md", "notes/meetings/team-2024-10-08.md"
PLUMBER, PARKING, GIFTS = "recordings/memo-plumber.wav", "recordings/parking.wav", "recordings/gift-ideas.wav"
INSURANCE, RUN = "recordings/insurance-call.wav", "recordings/run.wav"
LEASE, BOILER = "documents/lease-agreement.pdf", "documents/boiler-manual.pdf"
BZIP2, TASN1 = "manuals/bzip2-manual.pdf", "manuals/libtasn1.pdf"

# facts that come back in several questions
T1040 = ("10:30", "half past ten", "ten thirty")
T1140 = ("11:40", "twenty to twelve")
T1745 = ("17:45", "5:45", "quarter to six")
T1400 = ("14:00", "2:00", "2 pm", "two o'clock")
T0830 = ("8:30", "half past eight", "eight thirty")
NOV16 = ("16 november", "november 16", "16th of november", "saturday")
DEC3 = ("3 december", "december 3", "3rd of december", "tuesday")
LEAP, LEAP_OK = ("yes", "re:(?<!not )is a leap year"), ("29", "February", "366", "4", "400", "100")


def q(id: str, kind: str, ask: str, *facts: tuple[str, ...] | str, cite: tuple[str, ...] | str = (),
      pages: tuple[int, ...] = (), allowed: tuple[str, ...] = (), style: str = "typed", spoken: bool = False,
      phrase: str | None = None) -> Q:
    groups = tuple((f,) if isinstance(f, str) else f for f in facts)
    cites = (cite,) if isinstance(cite, str) else cite
    if phrase is not None:
        PDF_PHRASES[id] = phrase
    return Q(id, kind, ask, groups, cites, pages, allowed, style, spoken)


# -- the main set ---------------------------------------------------------------------------------------
QUESTIONS: list[Q] = [
    # notes: personal questions, most naming no tool
    q("grandma-time", "note", "What time is Grandma Rosa coming on Saturday?", T1140, cite=GRANDMA, spoken=True),
    q("grandma-platform", "note", "which platform do i pick grandma up from", ("4", "four"), cite=GRANDMA,
      style="terse"),
    q("grandma-leaves", "note", "Until when is my grandmother staying with us?",
      ("20 november", "november 20", "20th", "wednesday"), cite=GRANDMA),
    q("grandma-diet", "note", "is there anything grandma can't eat", "gluten", cite=GRANDMA, style="terse"),
    q("grandma-fr", "note", "À quelle heure arrive le train de ma grand-mère samedi ?", T1140, cite=GRANDMA,
      style="fr"),
    q("physio-when", "note", "When is my physiotherapy appointment?", T1040,
      ("14 november", "november 14", "14th", "thursday"), cite=APPTS),
    q("physio-de", "note", "Wann ist mein Termin bei der Physiotherapie?", T1040,
      ("donnerstag", "thursday", "14"), cite=APPTS, style="de"),
    q("physio-room", "note", "um so where exactly is the physio, like which room do I go to?", ("room 2", "raum 2"),
      cite=APPTS, style="rambling"),
    q("car-service-ref", "note", "What's the booking reference for the car service?", "re:kx 4471 b", cite=APPTS),
    q("car-service-when", "note", "when do i have to bring the car in for the service", ("8:15", "quarter past eight"),
      ("25 november", "november 25", "monday", "25th"), cite=APPTS),
    q("haircut", "note", "What time's my haircut and who's doing it?", T1745, "mia", cite=APPTS),
    q("number", "note", "What was the number I wrote down?", "73914", cite=SCRATCH, spoken=True),
    q("wifi", "note", "wats the wifi pasword for the cabbin", "moss lantern 58", cite=SCRATCH, style="misspelt"),
    q("rent", "note", "How much is my rent?", ("1150",), cite=(BUDGET, LEASE)),
    q("groceries", "note", "How much did I budget for groceries in November?", "420", cite=BUDGET),
    q("electricity-es", "note", "¿Cuánto tengo previsto para la electricidad en noviembre?", "86.4", cite=BUDGET,
      style="es"),
    q("saving-goal", "note", "remind me what my saving goal was this month", "300", cite=BUDGET),
    q("soup-simmer", "note", "How long do I simmer the lentil soup?", "25 minutes", cite=SOUP),
    q("soup-lentils", "note", "how many grams of lentils go in the soup", "250", cite=SOUP, style="terse"),
    q("heron-kickoff", "note", "When's the Heron kickoff?", DEC3, T1400, cite=HERON, spoken=True),
    q("heron-budget", "note", "whats the budjet for project heron", ("48000",), cite=HERON, style="misspelt"),
    q("heron-contact", "note", "Who is my contact at the client for Project Heron?", "priya raman", cite=HERON),
    q("heron-deadline", "note", "When is the first prototype for Heron due?", ("31 january", "january 31", "31st"),
      cite=HERON),
    q("plate", "note", "What's my car's number plate?", "re:hb lk 512", cite=CAR, spoken=True),
    q("tyres-front", "note", "What pressure should the front tyres be at?", "2.3", cite=CAR),
    q("oil", "note", "at what mileage was the oil last changed", "84200", cite=CAR),
    q("allergy", "note", "Am I allergic to anything?", "penicillin", cite=HEALTH),
    # asked with a word for the kind of event ("appointment") that the note does not use
    q("donation-when", "note", "When was my blood donation appointment?", ("2 october", "october 2", "2nd"),
      cite=HEALTH),
    q("inspection-when", "note", "When is the car's inspection appointment due?", ("march 2025", "march"),
      cite=CAR),
    q("physio-phone", "note", "What's the phone number of Dr Okafor's practice?", "re:0421 ?555 ?0192",
      cite=HEALTH),
    q("lena-birthday", "note", "When is Lena's birthday?", ("22 august", "august 22", "22nd of august"),
      cite=BIRTHDAYS),
    q("dad-age", "note", "How old is Dad turning this year?", "65", cite=BIRTHDAYS),
    q("book-recommend", "note", "Who recommended The Left Hand of Darkness to me?", "sam", cite=BOOKS),
    q("tomatoes", "note", "so I'm trying to remember, when did I actually plant the tomatoes this year?",
      ("12 may", "may 12", "12th of may"), cite=GARDEN, style="rambling"),
    q("release", "note", "When does release 2.4 ship now?", ("21 october", "october 21", "21st"), cite=MEETING),
    q("migration", "note", "Who owns the database migration?", "aiko", cite=MEETING),
    # voice memos (the index heard them through Whisper)
    q("plumber-when", "memo", "When is the plumber coming?", "tuesday", T0830, cite=PLUMBER),
    q("plumber-quote", "memo", "How much did the plumber quote me?", "120", cite=PLUMBER, spoken=True),
    q("plumber-name", "memo", "what was the plumber's name again", "keller", cite=PLUMBER),
    q("parking", "memo", "Where did I park the car?", ("level 3", "third level", "3rd level"), "47", cite=PARKING),
    q("parking-space", "memo", "which parking space number was it", "47", cite=PARKING, style="terse"),
    q("gift-budget", "memo", "What's my budget for Lena's present?", "60", cite=GIFTS),
    q("raincoat-size", "memo", "what size was the raincoat I wanted to get for lena", "medium", cite=GIFTS),
    q("claim", "memo", "What's the claim number for the broken window?", ("re:58 ?26 ?19",), cite=INSURANCE),
    q("assessor", "memo", "How soon will the insurance send someone?", "10 working days", cite=INSURANCE),
    q("run-distance", "memo", "How far did I run today?", ("8.2",), cite=RUN),
    q("race-date", "memo", "When's the city race?", ("15 march", "march 15", "15th of march"), cite=RUN),
    # PDFs: generated ones and the Debian manuals (an author, a standard, a value)
    q("deposit", "pdf", "How much is the deposit on my lease?", "3450", cite=LEASE, pages=(1,)),
    q("notice", "pdf", "How much notice do I have to give to end the lease?", "3 months", cite=LEASE, pages=(2,)),
    q("landlord", "pdf", "Who is my landlord?", "helga brandt", cite=LEASE, pages=(1,)),
    q("lease-page2", "pdf", "Read me page 2 of the lease agreement.", "3 months", "140", cite=LEASE, pages=(2,),
      spoken=True),
    q("boiler-f28", "pdf", "my boiler shows F28, what does that mean", "ignition", cite=BOILER, pages=(2,)),
    q("boiler-pressure", "pdf", "What should the water pressure of the boiler be?", ("1", "1.0"), "1.5",
      cite=BOILER, pages=(1,)),
    q("bzip2-author", "pdf", "Who wrote bzip2?", "seward", cite=BZIP2, pages=(1, 2, 10), spoken=True,
      phrase="julian seward"),
    q("bzip2-corrupt", "pdf", "What exit status does bzip2 return for a corrupt compressed file?",
      "re:(status|code|value|returns?|exits?( with)?|is|of) 2( |$)", cite=BZIP2, pages=(7,),
      phrase="2 to indicate a corrupt"),
    q("bzip2-memory", "pdf", "How much memory does bunzip2 need to decompress a file made with the default "
      "block size?", "3700", cite=BZIP2, pages=(8,), phrase="require about 3700 kbytes"),
    q("bzip2-workfactor", "pdf", "what's the default workFactor in libbzip2", "30", cite=BZIP2, pages=(16,),
      phrase="default value of 30"),
    q("bzip2-keep", "pdf", "Which bzip2 option keeps the original files?", "raw:(?<![\\w-])-k\\b|--keep",
      cite=BZIP2, pages=(7,), phrase="keep (don"),
    q("bzip2-calgary", "pdf", "How many bytes did the Calgary corpus files add up to in the bzip2 manual?",
      "3141622", cite=BZIP2, pages=(9,), phrase="3,141,622"),
    q("bzip2-recover", "pdf", "How big a file could bzip2recover handle before version 1.0.2?", "512",
      cite=BZIP2, pages=(10,), phrase="512 megabytes"),
    q("bzip2-release", "pdf", "When was bzip2 1.0.8 released?", "13", "july", "2019", cite=BZIP2, pages=(2,),
      phrase="13 july 2019"),
    q("tasn1-authors", "pdf", "Who are the authors of the Libtasn1 manual?", "fiorina", "josefsson",
      "mavrogiannopoulos", cite=TASN1, pages=(1,), phrase="simon josefsson"),
    q("tasn1-standard", "pdf", "According to the libtasn1 manual, which ITU-T recommendation specifies ASN.1?",
      "x 680", cite=TASN1, pages=(4,), phrase="x.680"),
    q("tasn1-license", "pdf", "Under which licence is the libtasn1 library itself released?",
      ("lesser general public", "lgpl"), "2.1", cite=TASN1, pages=(4,), phrase="lesser general public license"),
    q("tasn1-comments", "pdf", "how do comments start in an ASN.1 definitions file for libtasn1",
      "raw:--|two dashes|double dash|two hyphens|double hyphen", cite=TASN1, pages=(5,),
      phrase="comments begin with"),
    # not in the folder: the honest answer is "I couldn't find that"
    q("nf-passport", "notfound", "What's my passport number?"),
    q("nf-dentist", "notfound", "When is my dentist appointment?"),
    q("nf-flight", "notfound", "What time is my flight to Lisbon?"),
    q("nf-tom-phone", "notfound", "What's Tom's phone number?"),
    q("nf-electrician", "notfound", "how much did the electrician charge me last month"),
    q("nf-bank", "notfound", "What's the PIN for my bank card?"),
    q("nf-de", "notfound", "Wo habe ich meinen Reisepass hingelegt?", style="de"),
    q("nf-boiler-f99", "notfound", "What does fault code F99 mean on my boiler?"),
    # the files name the thing but not what is asked of it, and the question says no "my": the 0.5B invented a year
    q("nf-blanket-bought", "notfound", "When was the blue blanket bought?"),
    q("nf-soup-first", "notfound", "When was the lentil soup first cooked?"),
    # the world: no file may be cited
    q("capital-au", "general", "What's the capital of Australia?", "canberra", allowed=("Australia",), spoken=True),
    q("austen", "general", "Who wrote Pride and Prejudice?", "austen", allowed=("Jane", "1813")),
    q("gold", "general", "what's the chemical symbol for gold", "au", style="terse", allowed=("Au",)),
    q("planet", "general", "Which is the largest planet in our solar system?", "jupiter",
      allowed=("Jupiter", "Solar System", "Earth", "11", "1300", "1,300", "1321", "318")),
    q("continents", "general", "How many continents are there?", ("7", "seven"),
      allowed=("Africa", "Antarctica", "Asia", "Australia", "Oceania", "Europe", "North America",
               "South America")),
    q("mona-lisa", "general", "Who painted the Mona Lisa?", ("da vinci", "leonardo"),
      allowed=("Leonardo", "Vinci", "Louvre", "Paris", "1503", "1506", "1519", "Italian", "Renaissance")),
    q("boil-f", "general", "At what temperature does water boil in Fahrenheit?", "212",
      allowed=("100", "Celsius", "Fahrenheit")),
    q("py-reverse", "advice", "How do I reverse a list in Python?", ("reverse", "[::-1]", "reversed"),
      allowed=("Python", "-1")),
    q("git-undo", "advice", "how do i undo my last git commit", ("git reset", "git revert", "reset", "revert"),
      allowed=("HEAD", "Git", "1", "~1")),
    q("sleep", "advice", "any tips for falling asleep faster?",
      ("screen", "caffeine", "routine", "dark", "schedule", "same time", "relax", "breath")),
    q("py-dict", "advice", "what's the easiest way to make a dictionary from two lists in python",
      ("zip",), allowed=("Python",)),
    # arithmetic, units, dates: one right answer
    q("mul-17-23", "arithmetic", "What is 17 times 23?", "391", spoken=True),
    q("pct", "arithmetic", "whats 15 percent of 240", "36", style="terse"),
    q("add", "arithmetic", "What's 1234 plus 5678?", "6912"),
    q("div", "arithmetic", "What is 144 divided by 12?", "12"),
    q("pow", "arithmetic", "What's 2 to the power of 10?", "1024"),
    q("sqrt", "arithmetic", "What is the square root of 169?", "13"),
    q("split-bill", "arithmetic", "Dinner was 86 euros for the four of us, how much does each person pay?",
      "21.5", style="rambling"),
    q("sub", "arithmetic", "seven hundred minus two hundred and fifty eight", "442", style="terse"),
    q("miles-km", "units", "How many kilometres is five miles?", "re:(?<![\\d.])8(\\.0[45]\\d*)?(?![\\d.])",
      spoken=True, allowed=("1.609", "1.60934", "1.609344", "1.61", "8.04672")),
    q("f-to-c", "units", "What's 100 degrees Fahrenheit in Celsius?", "re:37\\.[78]\\d*",
      allowed=("32", "5", "9", "5/9", "1.8", "37.78", "37.777")),
    q("kg-g", "units", "how many grams is 2.5 kilograms", "2500", allowed=("1000",)),
    q("feet-cm", "units", "How many centimetres are in 3 feet?", "re:91\\.4\\d*", allowed=("30.48", "12", "36",
                                                                                          "2.54")),
    q("hours-s", "units", "How many seconds are there in two hours?", "7200", allowed=("60", "3600")),
    q("gallon", "units", "how many litres are in a US gallon", "re:3\\.78\\d*|3\\.79", style="terse"),
    q("c-to-f", "units", "Convert 30 °C to Fahrenheit.", "86", allowed=("1.8", "9", "5", "32", "9/5")),
    q("y2k-weekday", "dates", "What day of the week was 1 January 2000?", "saturday"),
    q("days-between", "dates", "How many days are there between 3 March and 17 March?", "14"),
    q("ten-days-after", "dates", "What date is ten days after 25 December 2024?",
      ("4 january", "january 4", "4th of january"), allowed=("2025",)),
    q("leap", "dates", "Is 2024 a leap year?", LEAP, allowed=LEAP_OK),
    q("feb-2023", "dates", "How many days does February 2023 have?", "28",
      allowed=("29", "leap", "2024", "2023")),
    q("weeks-year", "dates", "How many weeks are in a year?", "52", allowed=("365", "366", "7", "1", "2")),
]


def conv(id: str, *turns: Q) -> Conversation:
    assert len(turns) == 5, id
    return Conversation(id, turns)


CONVERSATIONS: list[Conversation] = [
    conv("physio",
         q("c1-1", "note", "When is my physio appointment?", T1040, cite=APPTS),
         q("c1-2", "note", "And which room is it in?", "room 2", cite=APPTS),
         q("c1-3", "arithmetic", "What is 17 times 23?", "391"),
         q("c1-4", "units", "How many kilometres is five miles?", "re:(?<![\\d.])8(\\.0[45]\\d*)?(?![\\d.])",
           allowed=("1.609", "1.60934", "1.609344", "1.61", "8.04672")),
         q("c1-5", "note", "Who's the physiotherapist again?", "okafor", cite=APPTS)),
    conv("budget",
         q("c2-1", "note", "How much is the rent in my November budget?", "1150", cite=BUDGET),
         q("c2-2", "note", "and groceries?", "420", cite=BUDGET),
         q("c2-3", "arithmetic", "add those two together", "1570", cite=BUDGET),
         q("c2-4", "general", "What's the capital of Australia?", "canberra", allowed=("Australia",)),
         q("c2-5", "note", "What was the electricity in the budget?", "86.4", cite=BUDGET)),
    conv("car",
         q("c3-1", "memo", "Where did I park?", ("level 3", "third level", "3rd level"), cite=PARKING),
         q("c3-2", "note", "What's the plate number of my car?", "re:hb lk 512", cite=CAR),
         q("c3-3", "arithmetic", "What's 47 times 2?", "94"),
         q("c3-4", "note", "What should the rear tyres be pumped to?", "2.1", cite=CAR),
         q("c3-5", "units", "How much is 2.1 bar in psi?", "re:30(\\.[3-5]\\d*)?(?![\\d.])",
           allowed=("14.5", "14.50", "14.5038", "14.504"))),
    conv("bzip2",
         q("c4-1", "pdf", "Who wrote the bzip2 manual?", "seward", cite=BZIP2, pages=(1, 2, 10)),
         q("c4-2", "pdf", "Which exit code does bzip2 use for a corrupt file?",
           "re:(status|code|value|returns?|exits?( with)?|is|of) 2( |$)", cite=BZIP2, pages=(7,)),
         q("c4-3", "pdf", "And which one for an internal consistency error?",
           "re:(status|code|value|returns?|exits?( with)?|is|of) 3( |$)", cite=BZIP2, pages=(7,)),
         q("c4-4", "arithmetic", "What is 3700 divided by 4?", "925"),
         q("c4-5", "general", "Who painted the Mona Lisa?", ("da vinci", "leonardo"),
           allowed=("Leonardo", "Vinci", "Louvre", "Paris", "1503", "1506", "1519", "Italian", "Renaissance"))),
    conv("heron",
         q("c5-1", "note", "When is the Heron kickoff?", DEC3, cite=HERON),
         q("c5-2", "note", "Which room?", "b2.12", cite=HERON),
         q("c5-3", "dates", "How many days are there from 3 December 2024 to 31 January 2025?", "59"),
         q("c5-4", "note", "Who's the client contact for Heron?", "priya raman", cite=HERON),
         q("c5-5", "arithmetic", "What's 48,000 divided by 12?", "4000")),
    conv("grandma",
         q("c6-1", "note", "What time does grandma arrive?", T1140, cite=GRANDMA),
         q("c6-2", "note", "where is her train coming from?", "porto", cite=GRANDMA),
         q("c6-3", "arithmetic", "What's 15 percent of 60?", "9"),
         q("c6-4", "note", "Until when is she staying?", ("20 november", "november 20", "20th", "wednesday"),
           cite=GRANDMA),
         q("c6-5", "note", "Is there anything she can't eat?", "gluten", cite=GRANDMA)),
    conv("plumber",
         q("c7-1", "memo", "When's the plumber coming?", "tuesday", cite=PLUMBER),
         q("c7-2", "memo", "How much did he quote?", "120", cite=PLUMBER),
         q("c7-3", "arithmetic", "What is 120 plus 19 percent?", "142.8"),
         q("c7-4", "memo", "What's the plumber's name?", "keller", cite=PLUMBER),
         q("c7-5", "general", "At what temperature does water boil in Fahrenheit?", "212",
           allowed=("100", "Celsius", "Fahrenheit"))),
    conv("lease",
         q("c8-1", "pdf", "What's the deposit in my lease agreement?", "3450", cite=LEASE, pages=(1,)),
         q("c8-2", "pdf", "How many months of notice do I have to give?", ("3", "three"), cite=LEASE, pages=(2,)),
         q("c8-3", "pdf", "Who's the landlord?", "helga brandt", cite=LEASE, pages=(1,)),
         q("c8-4", "arithmetic", "What's 3450 divided by 3?", "1150"),
         q("c8-5", "dates", "Is 2024 a leap year?", LEAP, allowed=LEAP_OK)),
    conv("haircut",
         q("c9-1", "general", "What's the capital of Canada?", "ottawa", allowed=("Canada", "Ontario")),
         q("c9-2", "note", "What time is my haircut?", T1745, cite=APPTS),
         q("c9-3", "note", "Who's cutting it?", "mia", cite=APPTS),
         q("c9-4", "arithmetic", "How many minutes are there from 17:45 to 19:00?", "75",
           allowed=("1", "15", "60", "7:00")),
         q("c9-5", "note", "When is Lena's birthday?", ("22 august", "august 22", "22nd of august"),
           cite=BIRTHDAYS)),
    conv("run",
         q("c10-1", "memo", "How far did I run today?", "8.2", cite=RUN),
         q("c10-2", "memo", "How long did that take me?", "46", cite=RUN),
         q("c10-3", "units", "What's 8.2 kilometres in miles?", "re:5\\.1\\d*|5\\.09\\d*",
           allowed=("1.609", "1.60934", "1.609344", "0.621", "0.62", "0.621371")),
         q("c10-4", "memo", "When is the city race?", ("15 march", "march 15", "15th of march"), cite=RUN),
         q("c10-5", "dates", "How many weeks are in a year?", "52", allowed=("365", "366", "7", "1", "2"))),
]

# -- the second set: other words, same folder (for checking a fix tuned on the main set) -------------------
SECOND: list[Q] = [
    q("s-grandma-arrive", "note", "grandma rosa gets in at what time on the 16th?", T1140, cite=GRANDMA),
    q("s-blanket", "note", "What did I want to bring for the guest room?", "blue blanket", cite=GRANDMA),
    q("s-referral", "note", "What do I need to bring to the physio?", "referral", cite=APPTS),
    q("s-garage", "note", "Which garage is servicing my car?", "lindner", cite=APPTS),
    q("s-locker", "note", "what's my locker number at the pool", "73914", cite=SCRATCH),
    q("s-network", "note", "What's the name of the wifi network at the cabin?", "birchwood", cite=SCRATCH),
    q("s-gym", "note", "How much do I pay for the gym?", "39", cite=BUDGET),
    q("s-total", "note", "what's my total planned spending for november", "1695.4", cite=BUDGET),
    q("s-stock", "note", "How much stock goes into the lentil soup?", "1.2", cite=SOUP),
    q("s-soup-from", "note", "whose recipe is the lentil soup", "leonie", cite=SOUP),
    q("s-client", "note", "Which client is Project Heron for?", "vasquez", cite=HERON),
    q("s-car-model", "note", "What car do I drive?", "octavia", cite=CAR),
    q("s-inspection", "note", "When is the car's next inspection due?", "march", "2025", cite=CAR),
    q("s-vitamin", "note", "How much vitamin D do I take?", "1000", cite=HEALTH),
    q("s-tom", "note", "When's Tom's birthday?", ("7 april", "april 7", "7th of april"), cite=BIRTHDAYS),
    q("s-piranesi", "note", "When is Piranesi due back at the library?", ("9 december", "december 9", "9th"),
      cite=BOOKS),
    q("s-fig", "note", "when should i prune the fig tree", "february", cite=GARDEN),
    q("s-laptops", "note", "How many laptops were approved at the team meeting, and at what price?", ("3", "three"),
      "1400", cite=MEETING),
    q("s-sink", "memo", "What is the plumber fixing?", "sink", cite=PLUMBER),
    q("s-lift", "memo", "Which lift did I park next to?", "blue", cite=PARKING),
    q("s-run-time", "memo", "How long was my run?", "46 minutes", cite=RUN),
    q("s-pets", "pdf", "Can I keep a cat in my flat according to the lease?", "permission", cite=LEASE, pages=(2,)),
    q("s-lease-start", "pdf", "When did my lease begin?", ("1 september", "september 1", "1st of september"),
      "2023", cite=LEASE, pages=(1,)),
    q("s-boiler-service", "pdf", "How often should the boiler be serviced?",
      ("12 months", "once a year", "every year", "annually", "yearly"), cite=BOILER, pages=(2,)),
    q("s-bzip2-blocksize", "pdf", "What's the largest block size bzip2 compresses with?", "900", cite=BZIP2,
      pages=(8,), phrase="900,000 bytes"),
    q("s-tasn1-header", "pdf", "What header file does libtasn1 use?", "libtasn1 h", cite=TASN1, pages=(7,),
      phrase="libtasn1.h"),
    q("s-nf-vet", "notfound", "When is the cat's next vet appointment?"),
    q("s-nf-salary", "notfound", "How much was my salary in October?"),
    q("s-nf-aiko-email", "notfound", "What's Aiko's email address?"),
    q("s-everest", "general", "How high is Mount Everest?", "re:8,?84[89]", allowed=("8848", "8849", "8,848",
                                                                                    "8,849", "29,032", "29032")),
    q("s-mul", "arithmetic", "what's 36 times 14", "504"),
    q("s-km-m", "units", "How many metres are in 3.5 kilometres?", "3500", allowed=("1000",)),
    q("s-weekday", "dates", "What day of the week is 25 December 2024?", "wednesday"),
]

SECOND_CONVERSATIONS: list[Conversation] = [
    conv("s-trip",
         q("sc1-1", "note", "What's the password for the cabin wifi?", "moss lantern 58", cite=SCRATCH),
         q("sc1-2", "units", "How many kilometres is 30 miles?", "re:48(\\.[23]\\d*)?(?![\\d.])",
           allowed=("1.609", "1.60934", "1.609344", "48.28")),
         q("sc1-3", "memo", "Where did I leave the car?", ("level 3", "third level", "3rd level"), cite=PARKING),
         q("sc1-4", "arithmetic", "What is 250 times 4?", "1000"),
         q("sc1-5", "note", "and the number I wrote down for the locker?", "73914", cite=SCRATCH)),
    conv("s-boiler",
         q("sc2-1", "pdf", "What does F22 mean on the boiler?", ("pressure",), cite=BOILER, pages=(2,)),
         q("sc2-2", "pdf", "Below what pressure should I top it up?", "0.8", cite=BOILER, pages=(1,)),
         q("sc2-3", "general", "Who wrote Pride and Prejudice?", "austen", allowed=("Jane", "1813")),
         q("sc2-4", "pdf", "At what pressure does the safety valve open?", ("3 bar",), cite=BOILER, pages=(1,)),
         q("sc2-5", "arithmetic", "What is 1.5 minus 0.8?", "0.7")),
    conv("s-health",
         q("sc3-1", "note", "What's my haemoglobin from the blood donation?", "14.1", cite=HEALTH),
         q("sc3-2", "note", "When was that donation?", ("2 october", "october 2", "2nd of october"), cite=HEALTH),
         q("sc3-3", "dates", "How many days are there in October?", "31"),
         q("sc3-4", "note", "What am I allergic to?", "penicillin", cite=HEALTH),
         q("sc3-5", "arithmetic", "What's 1000 divided by 8?", "125")),
]

SETS = {"main": (QUESTIONS, CONVERSATIONS), "second": (SECOND, SECOND_CONVERSATIONS)}
# Sets written by people who never saw the product's code (answer_cases_blind.py, _third.py, _fourth.py, when
# they are there): each one's own files join the folder (under its own top folder), and its questions and
# conversations are a set of their own.
_FOREIGN = {}
for _name in ("blind", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth"):
    try:
        _FOREIGN[_name] = __import__(f"answer_cases_{_name}")
    except ImportError:  # pragma: no cover - these sets are optional
        continue
    SETS[_name] = (_FOREIGN[_name].QUESTIONS, _FOREIGN[_name].CONVERSATIONS)


def add_set_files(set_name: str) -> None:
    """The folder for a set: a foreign set's own files join it (only for that set: the other sets' "not found"
    questions were written for the folder without them)."""
    if (module := _FOREIGN.get(set_name)) is not None:
        NOTES.update(module.NOTES)
        MEMOS.update(module.MEMOS)
        MADE_PDFS.update(module.MADE_PDFS)


def source_texts() -> dict[str, str]:
    """The text of every file the folder holds that is text to begin with (notes, memo scripts, generated PDFs);
    the Debian manuals are read when the folder is built."""
    texts = dict(NOTES)
    texts.update(MEMOS)
    texts.update({name: "\n\n".join(pages) for name, pages in MADE_PDFS.items()})
    return texts
