"""A fourth blind answer set (issue 24): written by a helper who never saw the assistant's code, only
bench/answer_cases.py (the data format and the other sets), bench/answer_cases_third.py (the model for this
file), bench/answer_cases_blind.py and the docstring of bench/answer_judge.py (how replies are judged).

It adds a fourth person's life to the knowledge folder, under `home4/`: Ferdinand Kogler, a retired maths
teacher in Graz-Geidorf, his wife Gitti, their daughter Sabine and her son Valentin. In autumn 2025 Ferdinand
sings bass in his parish choir's performance of Haydn's Creation (rehearsals, ticket money he collects for
family and neighbours, the printed programme), has a cataract operation on his right eye as a day patient
(a pre-op check at his GP, a date that moved, the clinic's letter with its aftercare page, the eye drops),
volunteers at a repair café (his repair log, a record player waiting for a belt, the café's rules sheet),
and builds a stage clock for his grandson's school play. The files hold near-misses on purpose: an
orchestra rehearsal moved from Saturday 22 to Friday 21 November, an operation moved from 21 to 28 October,
the clinic's day number beside its emergency number, a declined toric lens beside the standard one, the
concert's arrival time and the school play's (both 16:30), two eye drops with different schedules, ticket
money of which part is paid and part is not, a role in the play that changed, the donation totals of two
months. All dates are in 2025 and their weekdays are the calendar's.

Nothing here answers the `notfound` questions of answer_cases.py, answer_cases_blind.py or
answer_cases_third.py (no dentist, passport, flight, electrician, bank PIN, cat, salary, emails, football,
car insurance, holidays left, bins, driving licence, mobile contract, groomer, harness, curtains, paint
colours, dog insurance, and none of those sets' people), and no file of answer_cases.py answers the
`notfound` questions here.
"""

from __future__ import annotations

# answer_cases imports this module at its end (SETS["fourth"], add_set_files). When this module is imported first,
# answer_cases sees it half-initialised; so the names it reads exist before that import, and are filled in place.
NOTES: dict[str, str] = {}
MEMOS: dict[str, str] = {}  # spoken by the packaged Piper voice into WAV files
MADE_PDFS: dict[str, list[str]] = {}  # page texts
QUESTIONS: list[Q] = []
CONVERSATIONS: list[Conversation] = []

try:  # imported as bench.answer_cases_fourth
    from .answer_cases import CALC_KINDS, FILE_KINDS, WORLD_KINDS, Conversation, Q, conv, q  # noqa: F401
except ImportError:  # bench/ on sys.path
    from answer_cases import CALC_KINDS, FILE_KINDS, WORLD_KINDS, Conversation, Q, conv, q  # noqa: F401

# -- the files --------------------------------------------------------------------------------------------
CHOIR, TICKETS = "home4/notes/chor/schoepfung-2025.md", "home4/notes/chor/karten.txt"
EYE, MEDS = "home4/notes/gesundheit/grauer-star.md", "home4/notes/gesundheit/medikamente.txt"
REPAIR, LOG = "home4/notes/repaircafe/repaircafe-geidorf.md", "home4/notes/repaircafe/log-2025.txt"
THEATER, TODO = "home4/notes/valentin-theater.md", "home4/notes/todo-oktober.txt"
CONTACTS = "home4/notes/kontakte.txt"
CHOIR_MEMO, EYE_MEMO = "home4/memos/chor-orchesterprobe.wav", "home4/memos/augenklinik-anruf.wav"
GP_MEMO, HAAS_MEMO = "home4/memos/befund-dr-fuchs.wav", "home4/memos/repaircafe-haas.wav"
VAL_MEMO = "home4/memos/valentin-anruf.wav"
EYE_LETTER, PROGRAMME, RULES = ("home4/docs/augenklinik-op-termin-2025-10-28.pdf",
                                "home4/docs/schoepfung-programm.pdf",
                                "home4/docs/repaircafe-so-funktionierts.pdf")

NOTES.update({
    CHOIR: (
        "# Chor St. Leonhard - Haydn 'Die Schoepfung' (The Creation)\n\n"
        "CONCERT: Sun 30 November 2025, 18:00, Pfarrkirche St. Leonhard\n"
        "  concert day: be there 16:30 (sacristy), warm-up 16:45\n"
        "  dress: black suit, white shirt, dark-red choir tie (Renate hands them out at the Generalprobe)\n\n"
        "Rehearsals: every Tue 19:00-21:30, Pfarrsaal (basement) - NOT on Tue 28 October (OP!)\n"
        "Extra:\n"
        "- Probentag Sat 15 November, 10:00-16:00, Pfarrsaal (soup at lunch, 5 EUR)\n"
        "- Orchestra rehearsal: ~~Sat 22 November 10:00~~ -> Fri 21 November, 18:30, in the church "
        "(wedding on the Sat, see memo)\n"
        "- Generalprobe (dress rehearsal): Sat 29 November, 14:00, church\n\n"
        "Me: Bass 2, row 3, folder no. 37\n"
        "Conductor: Irene Wallner\n"
        "Score: Peters vocal score 16.80 EUR - paid. PENCIL only, no pens!\n"
        "Choir fee: 65 EUR per semester (paid 9 Sept)\n"
        "Learn: 'Die Himmel erzaehlen' (The Heavens Are Telling) by heart (basses!), "
        "fugue in 'Vollendet ist das grosse Werk' bars 45-60, Bass 2 entry\n"),
    TICKETS: (
        "Karten Schoepfung 30 Nov - my orders, via Renate (choir treasurer)\n"
        "Kat. A 34 / Kat. B 26 / kids under 15: 10 EUR\n\n"
        "- Gitti: 1x A = 34 (household money)\n"
        "- Sabine + Mario: 2x B = 52, Valentin 1x kids = 10 -> 62 (Sabine paid 14 October)\n"
        "- Fam. Wurzer (Top 7, 2nd floor): 2x A = 68 - NOT PAID YET\n"
        "- Erwin (old colleague from school): wanted 2, now only 1 (Kat. B) = 26 (his wife is ill) "
        "- paid cash 7 Oct\n\n"
        "Total for Renate: 34 + 62 + 68 + 26 = 190 EUR -> hand over by Tue 18 November (rehearsal)\n"),
    EYE: (
        "# Grauer Star (cataract) - RIGHT eye first\n\n"
        "Univ.-Augenklinik Graz (LKH-Univ. Klinikum), Auenbruggerplatz 4 - Tagesklinik, level 2\n"
        "Surgeon: OA Dr. Bernhard Trummer\n\n"
        "Vorunters. / biometry: Mon 6 October 9:40 - done (2 h, pupils dilated, no reading afterwards)\n"
        "Lens: standard monofocal, 21.0 dpt (OeGK pays). Toric lens offered, 680 EUR extra per eye "
        "-> declined (astigmatism only 0.75)\n"
        "Pre-op check at the GP (Dr Fuchs): Wed 15 October, 8:15, FASTING (blood + ECG)\n\n"
        "OP: ~~Tue 21 October~~ -> Tue 28 October 2025 (moved, see memo), be there 7:00\n"
        "   nothing to eat from midnight, clear water until 5:00\n"
        "   Ramipril in the morning as usual, with a sip of water\n"
        "   Sabine picks me up approx. 12:30-13:00 (NOT allowed to go home alone, not even by tram)\n"
        "Check-up: Wed 29 October, 8:30, Augenambulanz (Mario takes me)\n"
        "Left eye: approx. 8-10 weeks later, date tbd\n\n"
        "Phones:\n"
        "   Augenambulanz / appointments 0316 385 81230 (Mon-Fri 7:30-14:00)\n"
        "   nights + weekends: Augen-Notaufnahme 0316 385 13470\n"
        "Reading glasses: do NOT buy new ones before 4-6 weeks after the OP!\n"),
    MEDS: (
        "Medikamente - Stand Oktober 2025\n\n"
        "morning: Ramipril 5 mg (blood pressure) - also on the OP day, with a sip of water\n"
        "evening: Atorvastatin 20 mg (cholesterol)\n"
        "if needed: Magnesium 300 mg (cramps in the calves at night)\n"
        "NO Aspirin any more since 2023 (Dr Fuchs)\n\n"
        "Eye drops after the OP (right eye), from the evening of 28 October:\n"
        "  Floxal: 4x a day, 7 days\n"
        "  Inflanefran forte: 5x a day week 1 / 3x week 2 / 1x week 3, then stop\n"
        "  -> 5 min between the two!\n"
        "Pharmacy: Apotheke am Geidorfplatz (order the drops 2 days ahead)\n"),
    REPAIR: (
        "# Repair Cafe Geidorf\n\n"
        "Every 2nd Saturday of the month, 14:00-17:30 (set-up from 13:15), Stadtteiltreff Geidorf, "
        "Schubertstrasse 34\n"
        "Organiser: Martina Url\n"
        "My table: radios, record players, clocks - the mechanical stuff. Kurt: lamps + toasters. "
        "Aylin: sewing.\n\n"
        "Autumn: 13 September (done), 11 October (done), 8 November, 13 December (only until 16:00, then punch)\n"
        "Parts I buy myself: keep the receipts -> Martina refunds from the donation box ('Auslagen' form)\n"
        "   still open: 23.80 EUR (2 drive belts + contact spray)\n"
        "Cake rota: my turn on 8 November -> ask Gitti for an Apfelstrudel\n"),
    LOG: (
        "Repair log 2025 - my table\n\n"
        "13 September: Grundig radio (Mr Lechner) - tuning cord snapped -> new cord, WORKS\n"
        "13 September: Braun alarm clock - gear broken, no spare part -> not fixed\n"
        "13 September: Dual record player (Mrs Haas) - belt worn out -> belt ordered (11.90), "
        "she comes back on 8 November.\n"
        "11 October: cuckoo clock (Mrs Pammer) - chain off, cleaned + oiled -> WORKS\n"
        "11 October: Philips cassette deck - motor dead -> not worth it, told him to recycle it\n"
        "11 October: sewing machine -> passed on to Aylin\n\n"
        "So far this year: 19 items at my table, 13 fixed\n"
        "Donations: September 214.50 / October 187.20\n"),
    THEATER: (
        "# Valentin - school play 'Das kleine Gespenst' (VS Andritz, class 4a)\n\n"
        "Valentin = ~~Wachtmeister (policeman)~~ -> the MAYOR (Buergermeister)!! (see memo)\n"
        "Performances, school gym:\n"
        "  Thu 4 December, 17:00 - for families  <- we go to this one, me + Gitti\n"
        "  Fri 5 December, 9:30 - only for the school\n"
        "  be there 16:30 for seats. Free entry, donation for the class trip\n"
        "Teacher: Mrs Leitner (only via Sabine)\n\n"
        "My job: the town hall clock for the stage, approx. 1 m high, plywood, the hands must move!\n"
        "  -> bring it to school Mon 24 November, 14:00 (stage set-up)\n"
        "Costume: top hat (Gitti, Fasching box in the cellar) + golden chain (cardboard, Valentin makes it)\n"
        "Gitti bakes a Gugelhupf for the buffet\n"),
    TODO: (
        "todo oktober\n"
        "[x] GP pre-op check Wed 15 October, 8:15, fasting -> done, all fine\n"
        "[ ] Fam. Wurzer: ticket money, 68 EUR !!\n"
        "[ ] 190 to Renate by 18 November\n"
        "[ ] plywood 6 mm + 2 brass clock hands for the Rathaus clock -> Baumarkt, approx. 35 EUR\n"
        "[ ] eye drops from the pharmacy BEFORE 28 October (prescription from Dr Fuchs)\n"
        "[ ] Martina: refund 23.80 for belts + contact spray\n"
        "[ ] Jahreskarte Graz Linien runs out 31 October -> renew\n"
        "[ ] no choir on Tue 28 October -> tell Irene\n"),
    CONTACTS: (
        "Wichtige Nummern\n\n"
        "Sabine (daughter): 0664 2107 583\n"
        "Mario (son-in-law): 0699 1834 2260\n"
        "Dr. Andrea Fuchs (GP), Koerblergasse 17: 0316 674 290\n"
        "Augenambulanz LKH: 0316 385 81230 / Augen-Notaufnahme (nights, weekends): 0316 385 13470\n"
        "Renate Holzer (choir treasurer): 0650 9120 448\n"
        "Irene Wallner (conductor): no number - only via the choir WhatsApp group\n"
        "Martina Url (Repair Cafe): 0664 3829 115\n"
        "Fam. Wurzer: Top 7, 2nd floor\n"),
})

MEMOS.update({
    CHOIR_MEMO: (
        "Note from Tuesday's rehearsal. Irene says the orchestra rehearsal can't be on Saturday the "
        "twenty-second after all, there's a wedding in the church that day. So it's now on Friday the "
        "twenty-first of November, at half past six in the evening, in the church. On the concert day we meet "
        "at half past four in the sacristy, and the warm-up starts at quarter to five. The basses have to know "
        "The Heavens Are Telling by heart. And bring a pencil, no pens in the scores."),
    EYE_MEMO: (
        "The eye clinic rang this morning. Doctor Trummer is away at a congress on the twenty-first, so my "
        "operation is moved to Tuesday the twenty-eighth of October. I still have to be there at seven in the "
        "morning, and nothing to eat after midnight. The check-up is the next morning at half past eight. "
        "She said to plan for about half a day, so Sabine should pick me up at around one."),
    GP_MEMO: (
        "Results from Doctor Fuchs. The blood tests are all fine and the heart trace is normal. My blood "
        "pressure was one hundred and thirty-eight over eighty-five, which she says is okay for my age. So the "
        "operation can go ahead. I keep taking the Ramipril as usual, also on the morning of the operation. "
        "She sends the results to the eye clinic herself, by fax, so I don't have to take anything along. "
        "Next appointment with her is in January."),
    HAAS_MEMO: (
        "Repair café. The new belt for Missus Haas's record player came today, eleven euros ninety. I tried it "
        "at home and it turns, but a bit too fast, about thirty-four instead of thirty-three. So I still have "
        "to adjust the speed. I'll finish it at the café on the eighth of November, she's coming at two. And "
        "Kurt can't come in November, so I'll take the lamps as well."),
    VAL_MEMO: (
        "Valentin just called, very proud. He's going to be the mayor in the school play now, not the "
        "policeman, because Leon broke his arm. He needs a top hat and a big golden chain. The performance for "
        "the families is on Thursday the fourth of December at five in the afternoon, and Sabine says we "
        "should be there by half past four to get good seats. Oh, and his teacher asked whether I could build "
        "the town hall clock, about one metre high, by the twenty-fourth of November."),
})

MADE_PDFS.update({
    EYE_LETTER: [
        "LKH-Univ. Klinikum Graz - Universitaets-Augenklinik\n"
        "Auenbruggerplatz 4, 8036 Graz - Appointments: 0316 385 81230\n\n"
        "Mr Ferdinand Kogler\nHeinrichstrasse 52/7\n8010 Graz\n\nGraz, 16 October 2025\n\n"
        "Your cataract operation - new appointment\n\n"
        "Dear Mr Kogler,\n\n"
        "we have had to move your operation. Your new appointment is:\n"
        "Tuesday 28 October 2025, arrival 7:00, day clinic (Tagesklinik), level 2, registration desk B.\n\n"
        "Procedure: cataract surgery of the right eye with implantation of an artificial lens "
        "(monofocal, 21.0 dioptres), under local anaesthetic.\n"
        "Surgeon: OA Dr. Bernhard Trummer\n\n"
        "Please bring your e-card, a list of your medicines and the results of your pre-operative check-up, "
        "unless your GP sends them to us directly. Do not wear make-up or face cream on the day.\n"
        "Do not eat for 6 hours before your arrival; clear water is allowed up to 2 hours before.\n"
        "You may not go home on your own: please arrange for someone to collect you. Expect to stay for "
        "about 4 to 5 hours.\n\n"
        "Check-up: Wednesday 29 October 2025 at 8:30, eye outpatient clinic (Augenambulanz), ground floor.",
        "After your cataract operation\n\n"
        "Eye drops (start in the evening of the day of the operation):\n"
        "- Floxal (antibiotic): 1 drop 4 times a day for 7 days.\n"
        "- Inflanefran forte (anti-inflammatory): 1 drop 5 times a day in week 1, 3 times a day in week 2, "
        "once a day in week 3, then stop.\n"
        "Wash your hands first. Wait at least 5 minutes between the two kinds of drops.\n\n"
        "Wear the eye shield at night for the first 7 nights. Do not rub or press the eye.\n"
        "No swimming pool, sauna or dusty work for 2 weeks. Avoid bending down and do not lift more than 5 kg "
        "in the first week.\n"
        "Reading, television and walks are fine from the next day. Showering and washing your hair: from the "
        "second day, keep soap and water out of the eye.\n"
        "Your sight may be blurred for a few days. Have your eyes tested for new glasses 4 to 6 weeks after "
        "the operation.\n\n"
        "Call us at once if the eye becomes more painful or redder, or if your sight gets worse: "
        "Monday to Friday 7:30 to 14:00 on 0316 385 81230, at all other times the eye emergency department "
        "on 0316 385 13470.",
    ],
    PROGRAMME: [
        "Chor St. Leonhard Graz\n\n"
        "Joseph Haydn: DIE SCHOEPFUNG (The Creation)\nOratorio in three parts\n\n"
        "Sunday 30 November 2025, 18:00\nPfarrkirche St. Leonhard, Leonhardplatz 14, 8010 Graz\n\n"
        "Gabriel / Eva (soprano): Magdalena Rauch\n"
        "Uriel (tenor): Florian Edlinger\n"
        "Raphael / Adam (bass): Matthias Kainz\n"
        "Kammerorchester Geidorf\n"
        "Chor St. Leonhard\n"
        "Conductor: Irene Wallner\n\n"
        "Duration: about 1 hour 50 minutes, including one interval of 20 minutes after Part Two.\n\n"
        "Tickets: Category A 34 EUR, Category B 26 EUR, children and pupils under 15: 10 EUR.\n"
        "Advance sale at the parish office (Monday to Friday 9:00 to 12:00) and from all choir members.\n"
        "The box office opens at 17:15. Wheelchair places: please book in advance.",
        "Chor St. Leonhard - our next dates\n\n"
        "Adventsingen (Advent carols with the children's choir): Sunday 21 December 2025, 16:00, "
        "Pfarrkirche St. Leonhard. Free entry; the retiring collection goes to the church roof.\n\n"
        "New singers are welcome, especially tenors! We rehearse every Tuesday from 19:00 to 21:30 in the "
        "Pfarrsaal St. Leonhard. Contact: Renate Holzer, 0650 9120 448.\n\n"
        "Please do not take photos or make recordings during the concert.",
    ],
    RULES: [
        "Repair Cafe Geidorf - how it works\n\n"
        "Every second Saturday of the month, 14:00 to 17:30, Stadtteiltreff Geidorf, Schubertstrasse 34.\n"
        "Dates this autumn: 13 September, 11 October, 8 November, 13 December (until 16:00).\n\n"
        "Registration at the front desk from 13:45; last registration at 17:00.\n"
        "Please bring at most 2 items per person, and whatever belongs to them: charger, remote control, "
        "manual, spare parts.\n"
        "Our volunteers repair free of charge. Spare parts are paid for by the visitor. We are glad of a "
        "donation for the cafe (suggested: 5 to 10 EUR per item).\n"
        "We cannot take microwave ovens, gas appliances or swollen batteries.\n"
        "Repairs are at your own risk; we give no guarantee.\n"
        "Items that are not collected within 3 months go to recycling.\n\n"
        "Contact: Martina Url, 0664 3829 115",
    ],
})

# facts that come back
NOV30 = ("30 november", "november 30", "30th of november", "sunday")
NOV21 = ("21 november", "november 21", "21st of november", "friday")
NOV18 = ("18 november", "november 18", "18th of november", "tuesday")
NOV24 = ("24 november", "november 24", "24th of november", "monday")
NOV8 = ("8 november", "november 8", "8th of november", "saturday")
OCT28 = ("28 october", "october 28", "28th of october", "tuesday")
OCT29 = ("29 october", "october 29", "29th of october", "wednesday")
DEC4 = ("4 december", "december 4", "4th of december", "thursday")
T1800 = ("18:00", "6 pm", "6:00", "six o'clock")
T1630 = ("16:30", "4:30", "half past four")
T0700 = ("7:00", "7 am", "seven o'clock", "at 7")
T1700 = ("17:00", "5 pm", "5:00", "five o'clock", "at 5")
T0830 = ("8:30", "half past eight", "eight thirty")
EMERGENCY = "re:0316 ?385 ?13470"
TO_LB = ("2.2", "2.205", "2.2046", "2.20462", "0.4536", "0.45359", "0.454", "10")

# -- the questions ----------------------------------------------------------------------------------------
QUESTIONS.extend([
    # notes
    q("f4-concert-when", "note", "When is our big concert?", NOV30, T1800, cite=(CHOIR, PROGRAMME), pages=(1,),
      spoken=True),
    q("f4-concert-arrive", "note", "what time do i have to be at the church on the day of the concert", T1630,
      cite=(CHOIR, CHOIR_MEMO), style="terse"),
    q("f4-orchestra", "note", "When is the rehearsal with the orchestra now?", NOV21,
      ("18:30", "6:30", "half past six"), cite=(CHOIR, CHOIR_MEMO)),
    q("f4-voice-part", "note", "wich voice part do i sing in the choir agian", "bass", cite=CHOIR,
      style="misspelt"),
    q("f4-fee-de", "note", "Wie viel zahle ich eigentlich pro Semester für den Chor?", "65", cite=CHOIR,
      style="de"),
    q("f4-ticket-total", "note", "How much money do I have to pass on to Renate for the concert tickets?", "190",
      cite=(TICKETS, TODO)),
    q("f4-owes", "note", "Who still owes me money for their concert tickets?", "wurzer", cite=(TICKETS, TODO)),
    q("f4-erwin", "note", "How many tickets is Erwin taking in the end?", ("1", "one", "a single", "just one"),
      cite=TICKETS),
    q("f4-op-when", "note", "When is my eye operation?", OCT28, T0700, cite=(EYE, EYE_MEMO, EYE_LETTER),
      pages=(1,), spoken=True),
    q("f4-which-eye", "note", "which eye gets done first", "right", cite=(EYE, EYE_LETTER), pages=(1,),
      style="terse"),
    q("f4-toric", "note", "What would the special lens for my astigmatism have cost extra?", "680", cite=EYE),
    q("f4-pickup", "note", "Who's taking me home after the cataract surgery?", "sabine", cite=(EYE, EYE_MEMO)),
    q("f4-eye-emergency", "note", "ok it's sunday evening, a few days after the op, and my eye is suddenly really "
      "red and it hurts, the clinic is surely shut, which number do I ring", EMERGENCY,
      cite=(EYE, CONTACTS, EYE_LETTER), pages=(2,), style="rambling"),
    q("f4-daughter-fr", "note", "Quel est le numéro de téléphone de ma fille ?", "re:0664 ?2107 ?583",
      cite=CONTACTS, style="fr"),
    q("f4-gp-phone", "note", "whats my docters number, dr fuchs", "re:0316 ?674 ?290", cite=CONTACTS,
      style="misspelt"),
    q("f4-bp-pill", "note", "Could you please tell me which tablet I take for my blood pressure?", "ramipril",
      cite=(MEDS, GP_MEMO, EYE), style="polite"),
    q("f4-repair-nov", "note", "When's the repair café in November?", NOV8, cite=(REPAIR, LOG, RULES, HAAS_MEMO),
      pages=(1,)),
    q("f4-donations-oct", "note", "how much was in the donation box at the october repair cafe", "187.2",
      cite=LOG, style="terse"),
    q("f4-lechner", "note", "What did I fix on Mr Lechner's radio?", ("tuning cord", "cord"), cite=LOG),
    q("f4-val-role", "note", "What part does Valentin play in the school play?",
      ("mayor", "bürgermeister", "buergermeister", "burgermeister"), cite=(THEATER, VAL_MEMO), spoken=True),
    q("f4-play-when", "note", "when is valentins play for the families", DEC4, T1700, cite=(THEATER, VAL_MEMO),
      style="terse"),
    q("f4-clock-deadline", "note", "By when does the clock for the school stage have to be ready?", NOV24,
      cite=(THEATER, VAL_MEMO)),
    # voice memos
    q("f4-orch-why", "memo", "Why did the orchestra rehearsal have to move?", "wedding", cite=(CHOIR_MEMO, CHOIR)),
    q("f4-by-heart", "memo", "What do we basses have to learn by heart for the concert?",
      ("heavens are telling", "himmel erzählen", "himmel erzaehlen"), cite=(CHOIR_MEMO, CHOIR)),
    q("f4-op-why", "memo", "why was my cataract op postponed", "congress", cite=EYE_MEMO, style="terse"),
    q("f4-bp", "memo", "What was my blood pressure at the doctor's?", "138", "85", cite=GP_MEMO, spoken=True),
    q("f4-fax", "memo", "Do I need to take my GP's results to the eye clinic myself?",
      ("fax", "faxes", "faxed", "sends", "send them", "re:^no\\b"), cite=(GP_MEMO, EYE_LETTER), pages=(1,)),
    q("f4-haas", "memo", "What's still wrong with Mrs Haas's record player?", ("too fast", "fast", "34"),
      cite=HAAS_MEMO),
    q("f4-leon", "memo", "How come Valentin got the bigger role in the end?", ("broke his arm", "broken arm", "arm"),
      cite=VAL_MEMO),
    q("f4-costume", "memo", "what does valentin need for his costume", ("top hat", "hat"), "chain",
      cite=(VAL_MEMO, THEATER), style="terse"),
    # PDFs
    q("f4-lens", "pdf", "What kind of lens are they putting in my eye, and how strong is it?", "monofocal",
      ("21 dioptres", "21 diopters", "21 dpt", "21 d"), cite=(EYE_LETTER, EYE), pages=(1,)),
    q("f4-floxal-days", "pdf", "How long do I take the antibiotic eye drops for?",
      ("7 days", "seven days", "a week", "one week", "1 week"), cite=(EYE_LETTER, MEDS), pages=(2,), spoken=True),
    q("f4-week-two", "pdf", "how many times a day the inflanefran in week two", ("3 times", "3x", "three times"),
      cite=(EYE_LETTER, MEDS), pages=(2,), style="terse"),
    q("f4-pool-fr", "pdf", "Pendant combien de temps après l'opération dois-je éviter la piscine ?",
      ("2 weeks", "two weeks", "2 semaines", "deux semaines", "14 days", "14 jours"), cite=EYE_LETTER, pages=(2,),
      style="fr"),
    q("f4-tenor", "pdf", "Who sings the tenor solos in the Creation?", "edlinger", cite=PROGRAMME, pages=(1,)),
    q("f4-advent", "pdf", "When is the Advent singing at St. Leonhard?",
      ("21 december", "december 21", "21st of december", "sunday"), ("16:00", "4 pm", "4:00", "four o'clock"),
      cite=PROGRAMME, pages=(2,)),
    q("f4-uncollected", "pdf", "What happens to things that people never pick up again from the repair café?",
      ("recycling", "recycled"), ("3 months", "three months"), cite=RULES, pages=(1,)),
    # not in the folder
    q("f4-nf-conductor", "notfound", "What's Irene Wallner's phone number?"),
    q("f4-nf-val-bday", "notfound", "When is Valentin's birthday?", spoken=True),
    q("f4-nf-sabine-address", "notfound", "what's sabine's home address", style="terse"),
    q("f4-nf-kurt", "notfound", "What did Kurt repair at the repair café in October?"),
    q("f4-nf-spring", "notfound", "When is the choir's spring concert next year?"),
    q("f4-nf-ecard", "notfound", "What's my e-card number?"),
    q("f4-nf-locksmith-de", "notfound", "Wie viel hat der Schlüsseldienst gekostet?", style="de"),
    q("f4-nf-alpine-fr", "notfound", "Combien coûte ma cotisation au club alpin ?", style="fr"),
    # the world
    q("f4-river", "general", "Which river flows through Graz?", "mur",
      allowed=("Mur", "Graz", "Austria", "Styria", "Steiermark", "Drava", "Drau", "Danube", "Slovenia", "Croatia",
               "Hungary", "Alps", "Murinsel", "Schlossberg", "Salzburg", "Lungau", "453", "464", "km")),
    q("f4-preussler-de", "general", "Wer hat das Kinderbuch 'Das kleine Gespenst' geschrieben?",
      ("preußler", "preussler"), style="de",
      allowed=("Otfried", "Preußler", "1966", "1923", "2013", "Hotzenplotz", "Krabat", "Hexe", "Wassermann")),
    q("f4-glockner", "general", "What's the highest mountain in Austria?", ("grossglockner", "großglockner",
      "glockner"), spoken=True,
      allowed=("Großglockner", "Grossglockner", "Glockner", "3798", "3,798", "3.798", "12,461", "12461", "Hohe",
               "Tauern", "Carinthia", "Kärnten", "Tyrol", "Tirol", "East", "Eastern", "Austria", "Alps")),
    q("f4-voice", "advice", "big concert coming up end of november and my voice gets tired quite quickly these "
      "days, what can i do in the days before to keep it in shape", ("water", "hydrated", "hydrate", "warm up",
      "rest", "sleep", "steam", "honey", "humidifier", "shouting", "whispering", "alcohol"), style="rambling",
      allowed=("1", "2", "3", "5", "10", "15", "20", "30", "minutes", "hours")),
    q("f4-drops-tips", "advice", "Any tips for putting in eye drops by myself? I always miss the eye.",
      ("tilt", "lower lid", "pocket", "mirror", "lie down", "lying down", "look up", "inner corner",
       "wash your hands"), allowed=("1", "2", "5", "30", "60", "seconds", "minutes")),
    # arithmetic, units, dates
    q("f4-tickets-sum", "arithmetic", "whats 2 times 34 plus 3 times 26", "146", style="terse"),
    q("f4-mul", "arithmetic", "What is 148 times 12?", "1776", spoken=True),
    q("f4-avg", "arithmetic", "so we got 214 euros 50 in september and 187 euros 20 in october in the donation box, "
      "whats that on average per month", "200.85", style="rambling"),
    q("f4-kg-lb", "units", "What's 10 kilograms in pounds?", "re:22\\.0[45]\\d*", allowed=TO_LB),
    q("f4-c-f", "units", "How much is 18 degrees Celsius in Fahrenheit?", "64.4",
      allowed=("1.8", "9", "5", "32", "9/5")),
    q("f4-xmas-eve", "dates", "What day of the week is Christmas Eve 2025?", "wednesday",
      allowed=("24", "December", "2025")),
    q("f4-days-between", "dates", "How many days are there from 28 October 2025 to 30 November 2025?", "33",
      allowed=("31", "3", "30", "4", "5", "weeks")),
])

CONVERSATIONS.extend([
    conv("f4-concert",
         q("f4-c1-1", "note", "When is the Haydn concert?", NOV30, cite=(CHOIR, PROGRAMME), pages=(1,)),
         q("f4-c1-2", "pdf", "Who's conducting it?", "wallner", cite=(PROGRAMME, CHOIR), pages=(1,)),
         q("f4-c1-3", "pdf", "What do the tickets cost?", "34", "26", cite=(PROGRAMME, TICKETS), pages=(1,)),
         q("f4-c1-4", "arithmetic", "so two category A and one children's ticket, how much is that?", "78",
           cite=(PROGRAMME, TICKETS), pages=(1,)),
         q("f4-c1-5", "general", "In which country was Haydn born?", "austria",
           allowed=("Austria", "Rohrau", "Lower", "Niederösterreich", "1732", "31", "March", "Joseph", "Haydn",
                    "Hungary", "Hungarian", "Habsburg", "Holy", "Roman", "Empire", "Archduchy", "Vienna"))),
    conv("f4-tickets",
         q("f4-c2-1", "note", "How much ticket money am I collecting for Renate altogether?", "190",
           cite=(TICKETS, TODO)),
         q("f4-c2-2", "note", "who hasn't paid yet?", "wurzer", cite=(TICKETS, TODO)),
         q("f4-c2-3", "note", "how much do they owe me?", "68", cite=(TICKETS, TODO)),
         q("f4-c2-4", "arithmetic", "So how much have I actually got in so far?", "122", cite=TICKETS),
         q("f4-c2-5", "note", "And by when do I have to hand it over?", NOV18, cite=(TICKETS, TODO))),
    conv("f4-operation",
         q("f4-c3-1", "note", "When is my cataract operation now?", OCT28, cite=(EYE, EYE_MEMO, EYE_LETTER),
           pages=(1,)),
         q("f4-c3-2", "memo", "and why was it moved?", "congress", cite=EYE_MEMO),
         q("f4-c3-3", "note", "What was the original date?", ("21 october", "october 21", "21st of october",
           "tuesday"), cite=EYE),
         q("f4-c3-4", "dates", "How many days later is the new one?", ("7", "a week", "one week"),
           cite=(EYE, EYE_MEMO)),
         q("f4-c3-5", "pdf", "When's the check-up afterwards?", OCT29, T0830, cite=(EYE_LETTER, EYE), pages=(1,))),
    conv("f4-drops",
         q("f4-c4-1", "pdf", "Which eye drops do I get after the operation?", "floxal", "inflanefran",
           cite=(EYE_LETTER, MEDS), pages=(2,)),
         q("f4-c4-2", "pdf", "How often do I put in the Floxal?", ("4 times", "4x", "four times"),
           cite=(EYE_LETTER, MEDS), pages=(2,)),
         q("f4-c4-3", "arithmetic", "How many drops is that over the whole course?", "28", cite=(EYE_LETTER, MEDS),
           pages=(2,)),
         q("f4-c4-4", "pdf", "and how long do I wait between the two kinds?", ("5 minutes", "5 min"),
           cite=(EYE_LETTER, MEDS), pages=(2,)),
         q("f4-c4-5", "arithmetic", "And how many drops of the Inflanefran in total over the three weeks?", "63",
           cite=(EYE_LETTER, MEDS), pages=(2,))),
    conv("f4-repair",
         q("f4-c5-1", "note", "How many items did I manage to fix at the repair café this year?", "13", cite=LOG),
         q("f4-c5-2", "note", "out of how many?", "19", cite=LOG),
         q("f4-c5-3", "arithmetic", "what percentage is that?", "re:68\\.4\\d*|(?<![\\d.])68(?![\\d.])", cite=LOG,
           allowed=("100",)),
         q("f4-c5-4", "note", "How much did the donations come to in September and in October?", "214.5", "187.2",
           cite=LOG),
         q("f4-c5-5", "arithmetic", "and both months together?", "401.7", cite=LOG)),
    conv("f4-valentin",
         q("f4-c6-1", "memo", "What role has Valentin got in the school play?",
           ("mayor", "bürgermeister", "buergermeister", "burgermeister"), cite=(VAL_MEMO, THEATER)),
         q("f4-c6-2", "memo", "Why did he get it?", ("broke his arm", "broken arm", "arm"), cite=VAL_MEMO),
         q("f4-c6-3", "note", "When's the performance we're going to?", DEC4, T1700, cite=(THEATER, VAL_MEMO)),
         q("f4-c6-4", "dates", "How many days after the Creation concert is that?", ("4", "four"),
           cite=(THEATER, CHOIR), allowed=("30",)),
         q("f4-c6-5", "general", "What's the capital of Styria?", "graz",
           allowed=("Styria", "Steiermark", "Graz", "Austria"))),
    conv("f4-doctor",
         q("f4-c7-1", "memo", "What did Dr Fuchs say about my blood tests?", ("fine", "normal", "ok", "okay", "good"),
           cite=GP_MEMO),
         q("f4-c7-2", "memo", "what was my blood pressure?", "138", "85", cite=GP_MEMO),
         q("f4-c7-3", "advice", "How could I bring it down a bit without taking more pills?",
           ("salt", "exercise", "walk", "walking", "weight", "alcohol", "stress", "sleep", "potassium",
            "vegetables"), allowed=("1", "2", "3", "5", "6", "10", "20", "30", "150", "minutes", "DASH")),
         q("f4-c7-4", "note", "Which pill do I take for it?", "ramipril", cite=(MEDS, GP_MEMO)),
         q("f4-c7-5", "note", "and how many milligrams?", "re:(?<![\\d.])5 ?(mg|milligrams?)\\b", cite=MEDS)),
    conv("f4-concert-day",
         q("f4-c8-1", "memo", "What time is the warm-up on the concert day?", ("16:45", "4:45", "quarter to five"),
           cite=(CHOIR_MEMO, CHOIR)),
         q("f4-c8-2", "pdf", "and when does the box office open?", ("17:15", "5:15", "quarter past five"),
           cite=PROGRAMME, pages=(1,)),
         q("f4-c8-3", "pdf", "how long's the interval?", ("20 minutes", "20 min"), cite=PROGRAMME, pages=(1,)),
         q("f4-c8-4", "arithmetic", "If it starts at six and lasts an hour and fifty minutes, what time does it end?",
           ("19:50", "7:50", "ten to eight"), allowed=("18:00", "6:00", "1", "50", "110")),
         q("f4-c8-5", "note", "When's the dress rehearsal?", ("29 november", "november 29", "29th of november",
           "saturday"), ("14:00", "2 pm", "2:00", "two o'clock"), cite=CHOIR)),
])
