"""A third blind answer set (issue 24): written by a helper who never saw the assistant's code, only
bench/answer_cases.py (the data format and the other sets), bench/answer_cases_blind.py (the model for this
file) and the docstring of bench/answer_judge.py (how replies are judged).

It adds a third person's life to the knowledge folder, under `home3/`: Mira, a freelance illustrator in
Leipzig with a small side business (invoices to a coffee roaster, a publisher, a yoga studio and a brewery),
her partner Ole and their beagle mix Bruno. In 2025 they move flat (movers' quotes, keys, the handover of the
old flat, the new rent, measurements for the furniture), Bruno has his teeth cleaned at the vet (an estimate,
then the invoice and its aftercare sheet), a downstairs neighbour complains about his barking (a log, a memo,
the property manager's letter), they book a holiday house on the Darss for a week in August, and Mira signs
up for an Italian evening class. The files hold near-misses on purpose: a moving day that moved from
28 June to 5 July, three movers' quotes of which two were turned down, an office and a mobile number for the
movers, the practice's and the out-of-hours vet numbers, the old rent beside the new one, two vet
appointments (a booster jab in July, the teeth in August, first booked for the 12th, then the 14th) and a
check-up a week later, the vet's estimate beside the invoice, a to-do list whose state is older than the
invoice list, a holiday house turned down beside the one booked. All dates are in 2025 and their weekdays
are the calendar's.

Nothing here answers the `notfound` questions of answer_cases.py or answer_cases_blind.py (no dentist,
passport, flight, electrician, bank PIN, cat, salary, emails, football, car insurance, holidays left, bins,
driving licence or mobile contract), and no file of those sets answers the `notfound` questions here.
"""

from __future__ import annotations

# answer_cases imports this module at its end (SETS["third"], add_set_files). When this module is imported first,
# answer_cases sees it half-initialised; so the names it reads exist before that import, and are filled in place.
NOTES: dict[str, str] = {}
MEMOS: dict[str, str] = {}  # spoken by the packaged Piper voice into WAV files
MADE_PDFS: dict[str, list[str]] = {}  # page texts
QUESTIONS: list[Q] = []
CONVERSATIONS: list[Conversation] = []

try:  # imported as bench.answer_cases_third
    from .answer_cases import CALC_KINDS, FILE_KINDS, WORLD_KINDS, Conversation, Q, conv, q  # noqa: F401
except ImportError:  # bench/ on sys.path
    from answer_cases import CALC_KINDS, FILE_KINDS, WORLD_KINDS, Conversation, Q, conv, q  # noqa: F401

# -- the files --------------------------------------------------------------------------------------------
MOVE, MOVERS = "home3/notes/move/umzug-plan.md", "home3/notes/move/movers-quotes.txt"
NEWFLAT, MEASURE = "home3/notes/move/kastanienweg.md", "home3/notes/move/measurements.txt"
BRUNO, VETDATES = "home3/notes/bruno/bruno.md", "home3/notes/bruno/vet-2025.txt"
ITALIAN, HOLIDAY = "home3/notes/vhs-italiano.md", "home3/notes/urlaub/prerow.md"
INVOICES, POHL = "home3/notes/business/rechnungen-2025.md", "home3/notes/nachbarin-pohl.md"
TODO = "home3/notes/todo-juni.txt"
HARTMANN_MEMO, VET_MEMO = "home3/memos/hartmann-call.wav", "home3/memos/vet-teeth.wav"
POHL_MEMO, ITALIAN_MEMO = "home3/memos/pohl-stairs.wav", "home3/memos/italian-first-evening.wav"
ZWICKEL_MEMO = "home3/memos/zwickel-labels.wav"
VETBILL, BOOKING, LETTER = ("home3/docs/tierarzt-rechnung-TA-25-3391.pdf",
                            "home3/docs/duenenblick-booking-confirmation.pdf",
                            "home3/docs/stein-kroeger-letter-2025-04-28.pdf")

NOTES.update({
    MOVE: (
        "# UMZUG -> Kastanienweg 7, 04157 Leipzig (2nd floor, right)\n\n"
        "Moving day: ~~Sat 28 June~~ -> Saturday 5 July 2025 (Hartmann moved it, see memo)\n"
        "- truck at Gohliser Str. 12 at 7:30, 3 guys + 7.5 t truck\n"
        "- Jannik (Ole's brother) helps from 9\n"
        "- Bruno -> Greta for the day (drop off Fri evening)\n\n"
        "Keys new flat: Thursday 3 July, 16:00 - Ms Brueckner (Wohnbau Nord) at the front door. "
        "Handover protocol + photos of every room!\n"
        "Handover OLD flat: Monday 7 July, 17:00 w/ Mr Reuter (Stein & Kroeger). "
        "Meter readings + all 4 keys (2 flat, 1 cellar, 1 letterbox)\n\n"
        "Halteverbot (no-parking signs) in front of no. 12: applied 10 June, 2 signs, 58.50 EUR\n"
        "Post forwarding: 6 months, 29.90 EUR, from 4 July\n"
        "Internet: fibre activation Tuesday 8 July, tech comes betw. 8 and 12\n\n"
        "Change address: bank / health insurance / Finanzamt / VHS / vet / Lindgruen + Zwickel (invoices!)\n"),
    MOVERS: (
        "Movers - quotes (May 2025)\n\n"
        "Blitz Transporte: 1,650 EUR incl. packing, BUT only 2 movers + insurance extra (89 EUR) -> no\n"
        "Studi-Umzug Leipzig: 990 EUR - no kitchen, no boxes, cash only -> no\n"
        "Umzuege Hartmann: 1,380 EUR all in (3 movers, 7.5 t truck, kitchen down + up again, 40 boxes)\n"
        "=> booked Hartmann on 21 May. Pay by transfer within 7 days after the move.\n"
        "Daniel Hartmann: office 0341 5530 774 / mobile 0172 4418 093 (on the day)\n"),
    NEWFLAT: (
        "# Kastanienweg 7 - new flat\n\n"
        "3 rooms, 74 m2, balcony (courtyard side), cellar no. 9\n"
        "Landlord: Wohnbau Nord eG - Ms Brueckner, tel. 0341 2290 415 (Mon-Thu 9-15)\n"
        "Caretaker: Mr Szabo, 0160 7723 118 (urgent stuff only!)\n\n"
        "Rent from 1 July:\n"
        "  cold 790 + service charges 175 = 965 EUR/month\n"
        "  (old flat Gohliser Str.: 640 + 140 = 780)\n"
        "Deposit: 2,370 EUR (3x cold rent) - paid 16 June\n"
        "Dog: allowed - written OK from Wohnbau Nord on 2 June\n"
        "Garage space: 45 EUR/month - on the waiting list (no. 6)\n"),
    MEASURE: (
        "Kastanienweg - measured 3 July (w x l)\n\n"
        "living room  4.20 x 5.10 m\n"
        "bedroom      3.60 x 3.90 m  -> 1.80 bed fits, wardrobe max 2.50 wide\n"
        "studio       2.70 x 3.40 m  (north light - drawing desk here!)\n"
        "kitchen: gap for the fridge 62 cm, our fridge is 60 -> fits\n"
        "ceiling 2.65 m\n\n"
        "ordered: bed frame 'Oslo' 180x200, 449 EUR, delivery Wednesday 9 July, 12-16\n"),
    BRUNO: (
        "# Bruno\n\n"
        "Beagle mix, born 14 February 2021 (from the shelter in Taucha, with us since Oct 2022)\n"
        "Chip no.: 276 0981 0654 3217\n"
        "Weight: 13.2 kg (vet, 22 July) - was 14.6 in March, diet works!\n"
        "Food: 2 x 110 g dry food (lamb), no treats after 20:00\n"
        "Vet: Dr Yilmaz, Tierarztpraxis am Auensee, Georg-Schumann-Str. 210\n"
        "   practice 0341 4619 220 (Mon-Fri 8-12, 15-18)\n"
        "   nights/weekends -> Tierklinik Leipzig-Sued 0341 8870 900\n"
        "Worming tablet every 3 months - next: 1 October\n"
        "Dog tax: 96 EUR/year (Stadt Leipzig), tag no. 04-1187\n"
        "Dog walker: Greta Lindqvist, 0152 0398 4471, 15 EUR per walk (Tue + Thu)\n"),
    VETDATES: (
        "Bruno - vet 2025\n\n"
        "Tuesday 22 July, 10:20 - booster jab (SHPPi+L) + weigh-in, Dr Yilmaz. DONE (13.2 kg)\n"
        "Thursday 14 August, 8:00 drop-off - teeth cleaning under anaesthetic, Dr Yilmaz\n"
        "   !! no food after 20:00 the night before, water ok\n"
        "   pick up from approx. 15:00, ring first\n"
        "   (was Tue 12 Aug -> they moved it)\n"
        "Rabies: due by 30 September (last one 30 Sept 2022, 3-year vaccine)\n"),
    ITALIAN: (
        "# Italiano A2 - evening class, VHS Leipzig\n\n"
        "Course 25H-4127 'Italiano A2, Teil 1'\n"
        "Wed 18:30-20:00, Loehrstr. 3-7, room 3.08\n"
        "Teacher: Chiara Benedetti\n"
        "Starts Wednesday 17 September, 12 evenings, last one 10 December (no class 22 Oct, autumn hols)\n"
        "Fee 142 EUR - paid 29 Aug. Book: Espresso 2 (approx. 27 EUR)\n"
        "Ole does Bruno's Wed evening walk.\n"),
    HOLIDAY: (
        "# Holiday - Prerow (Darss), 23 August - 30 August 2025\n\n"
        "House 'Duenenblick', Waldstrasse 14, 18375 Prerow - upper flat, dogs OK\n"
        "booked 12 May w/ Ms Hinrichsen (owner), 038233 67012\n"
        "7 nights x 105 = 735 + final cleaning 65 + dog 8/night (56) = 856 EUR\n"
        "  250 deposit paid 12 May, rest 606 due 26 July -> transferred 24 July\n"
        "Arr. Sat from 16:00 (key safe), dep. Sat by 10:00\n"
        "Drive approx. 390 km / 4.5 h -> leave Leipzig 10:30 at the latest, break at Rostock?\n\n"
        "Also looked at: Haus Seeschwalbe, Zingst - 1,020 EUR and no dogs -> no.\n"),
    INVOICES: (
        "# Feldmann Illustration - invoices 2025\n"
        "(Kleinunternehmer, no VAT)\n\n"
        "2025-011 | Kaffeeroesterei Kolbe | coffee bag labels (3) | 640 | sent 2 May | paid 19 May\n"
        "2025-012 | Verlag Lindgruen | 14 spot illustrations, picture book | 1,200 | sent 16 May | "
        "paid 8 July (after reminder on 20 June!)\n"
        "2025-013 | Atemraum Yoga | flyer + insta templates | 280 | sent 4 June | paid 11 June\n"
        "2025-014 | Brauhaus Zwickel | 3 beer labels @ 350 | 1,050 | sent 1 July | OPEN, due 31 July\n\n"
        "Hourly rate: 45 -> 55 EUR from 1 June (new clients)\n"
        "Invoiced so far: 3,170 EUR\n"),
    POHL: (
        "Mrs Pohl (ground floor left, Gohliser Str. 12) - barking\n\n"
        "Mon 14 April: note on our door ('your dog howls all morning')\n"
        "Wed 16 April: camera - Bruno barked 4x between 9 and 12, longest 6 min\n"
        "Tue 22 April: she says 20 min. Camera: 11 min from 9:05 (postman)\n"
        "28 April: letter from Stein & Kroeger -> answer by 12 May\n"
        "Mon 5 May: sent my answer + camera log, offered dog walker Tue/Thu (Greta from 13 May)\n"
        "since then quiet. We're out in July anyway.\n"),
    TODO: (
        "todo juni\n"
        "[x] deposit Kastanienweg 2,370 -> done 16/6\n"
        "[ ] order 30 more boxes (Hartmann brings only 40)\n"
        "[ ] ring Wohnbau re garage - still on the waiting list?\n"
        "[ ] Bruno worming tablet 1 July\n"
        "[ ] invoice Zwickel!! (send 1 July)\n"
        "[ ] Lindgruen still hasn't paid -> 2nd reminder on 4 July if nothing\n"
        "[ ] VHS: register before 5 September (Italian A2)\n"
        "[ ] old paint tins -> recycling centre\n"),
})

MEMOS.update({
    HARTMANN_MEMO: (
        "Quick note. Mister Hartmann from the moving company called. They can't do Saturday the twenty-eighth "
        "of June any more, one of their trucks is broken down. The new date is Saturday the fifth of July, "
        "same time, half past seven in the morning. The price stays the same, one thousand three hundred and "
        "eighty euros, and to make up for it they'll lend us four wardrobe boxes for free."),
    VET_MEMO: (
        "Called the vet about Bruno's teeth. Doctor Yilmaz can't do Tuesday the twelfth any more, so the "
        "cleaning is now on Thursday the fourteenth of August. Drop him off at eight. No food after eight in "
        "the evening the night before, but water is fine. She said it will cost somewhere between two hundred "
        "and eighty and three hundred and forty euros, depending on whether a tooth has to come out."),
    POHL_MEMO: (
        "Tuesday, the twenty-second of April. Missus Pohl stopped me on the stairs again. She says Bruno howled "
        "for twenty minutes this morning. I checked the camera afterwards and it was eleven minutes, starting "
        "at five past nine, right when the postman came. I told her I'll find a dog walker for Tuesdays and "
        "Thursdays. She was a bit calmer after that."),
    ITALIAN_MEMO: (
        "Italian class, first evening. Homework for next Wednesday: page twenty-four, exercises three and five, "
        "and learn the numbers up to one hundred. Chiara says we should get the workbook too, it's about "
        "fourteen euros. And on the last evening, the tenth of December, we're all going to the pizzeria Da "
        "Vito after class."),
    ZWICKEL_MEMO: (
        "Brauhaus Zwickel called, Katrin from marketing. They love the three labels and they want two more, "
        "a wheat beer and a Christmas beer. Same price as before, three hundred and fifty euros each. They "
        "need the final files by the first of October. And the open invoice, she said it will be paid by the "
        "end of the month."),
})

MADE_PDFS.update({
    VETBILL: [
        "Tierarztpraxis am Auensee - Dr. med. vet. Selin Yilmaz\n"
        "Georg-Schumann-Str. 210, 04159 Leipzig - Tel. 0341 4619 220\n\n"
        "INVOICE no. TA-25-3391\nDate: 14 August 2025\n\n"
        "Patient: Bruno (dog, beagle mix, 13.2 kg)\n"
        "Owner: Mira Feldmann, Kastanienweg 7, 04157 Leipzig\n\n"
        "General anaesthetic (injection and monitoring) ........ 96.40 EUR\n"
        "Dental scaling and polishing .......................... 118.60 EUR\n"
        "Extraction of one tooth (lower left premolar) ......... 41.20 EUR\n"
        "Dental X-ray (2 images) ............................... 38.50 EUR\n"
        "Pain relief: Metacam oral suspension 1.5 mg/ml, 10 ml .. 14.90 EUR\n"
        "Total .................................................. 309.60 EUR\n\n"
        "Please pay within 14 days to IBAN DE44 8605 5592 1090 3377 41 (Sparkasse Leipzig), "
        "reference TA-25-3391.",
        "Aftercare for Bruno\n\n"
        "Tonight: only a small portion of soft food, about a third of the usual amount. Normal food again from "
        "tomorrow.\n"
        "Metacam: 0.9 ml once a day with food, for 5 days.\n"
        "No chewing bones, antlers or hard toys for 7 days.\n"
        "Check-up of the extraction site: Friday 22 August 2025 at 17:30 (about 10 minutes, no charge).\n\n"
        "Please call us at once if Bruno stops drinking, or if the bleeding has not stopped by tomorrow "
        "morning. Outside our opening hours, please contact the Tierklinik Leipzig-Sued.",
    ],
    BOOKING: [
        "Ferienhaus Duenenblick - Booking confirmation\n\n"
        "Booking no.: DB-2025-087\n"
        "Guest: Mira Feldmann, Gohliser Str. 12, 04155 Leipzig\n"
        "Apartment: upper flat (2 bedrooms, up to 4 people), Waldstrasse 14, 18375 Prerow\n"
        "Arrival: Saturday 23 August 2025, from 16:00\n"
        "Departure: Saturday 30 August 2025, by 10:00\n"
        "Guests: 2 adults, 1 dog\n\n"
        "7 nights at 105.00 EUR ...... 735.00 EUR\n"
        "Final cleaning .............. 65.00 EUR\n"
        "Dog (8.00 EUR per night) .... 56.00 EUR\n"
        "Total ....................... 856.00 EUR\n\n"
        "Deposit received on 12 May 2025: 250.00 EUR\n"
        "Balance of 606.00 EUR due by 26 July 2025.",
        "House information\n\n"
        "Keys: in the key safe to the left of the front door, code 3851. Please put both keys back in the "
        "safe when you leave.\n"
        "Dogs are welcome in the flat, but not on the beds or the sofa. Please keep your dog on a lead in "
        "the village; the dog beach is at beach access 29.\n"
        "Bed linen and towels are included. No smoking in the house.\n"
        "Cancellation: free of charge up to 30 days before arrival; after that we charge 80 percent of the "
        "total price.\n\n"
        "Your host: Frauke Hinrichsen, 038233 67012 or 0171 2280 645 (mobile, also WhatsApp)",
    ],
    LETTER: [
        "Stein & Kroeger Hausverwaltung GmbH\nEutritzscher Str. 40, 04105 Leipzig - Tel. 0341 9120 560\n\n"
        "Ms Mira Feldmann\nGohliser Str. 12\n04155 Leipzig\n\nLeipzig, 28 April 2025\n\n"
        "Gohliser Str. 12 - complaint about noise from your dog\n\n"
        "Dear Ms Feldmann,\n\n"
        "a tenant of the building has told us that your dog barks and howls for long periods on weekday "
        "mornings while you are out, most recently on 14 and 22 April 2025.\n"
        "Under section 7 of the house rules, tenants must make sure that their pets do not disturb the other "
        "residents. Please send us your comments in writing by 12 May 2025 and tell us what you will do to "
        "stop the noise. If the disturbance continues, we will have to issue a formal warning.\n\n"
        "Yours sincerely,\nTobias Kroeger\nProperty manager",
    ],
})

# facts that come back
JUL5 = ("5 july", "july 5", "5th of july", "saturday")
T0730 = ("7:30", "half past seven", "seven thirty")
AUG14 = ("14 august", "august 14", "14th of august", "thursday")
SEP17 = ("17 september", "september 17", "17th of september", "wednesday")
MAY12 = ("12 may", "may 12", "12th of may")
OCT1 = ("1 october", "october 1", "1st of october", "first of october")
TO_LB = ("2.2", "2.205", "2.2046", "2.20462", "0.4536", "0.45359", "0.454", "13.2")

# -- the questions ----------------------------------------------------------------------------------------
QUESTIONS.extend([
    # notes
    q("t-moving-day", "note", "When are we actually moving now?", JUL5, cite=(MOVE, HARTMANN_MEMO), spoken=True),
    q("t-truck-time", "note", "what time does the moving truck turn up", T0730, cite=(MOVE, HARTMANN_MEMO),
      style="terse"),
    q("t-keys", "note", "When do we get the keys for the new place?", ("3 july", "july 3", "3rd of july",
      "thursday"), ("16:00", "4 pm", "4:00", "four o'clock"), cite=MOVE),
    q("t-handover-de", "note", "Wann ist die Übergabe der alten Wohnung?", ("7 july", "july 7", "7th of july",
      "7 juli", "montag", "monday"), ("17:00", "17 uhr", "5 pm", "5:00"), cite=MOVE, style="de"),
    q("t-movers-price", "note", "How much are the movers charging us?", "1380", cite=(MOVERS, HARTMANN_MEMO)),
    q("t-blitz", "note", "why didnt we go with blitz transporte again", ("2 movers", "two movers", "only 2",
      "insurance"), cite=MOVERS, style="terse"),
    q("t-hartmann-mobile", "note", "I need to reach the mover on the day itself, what's his mobile?",
      "re:0172 ?4418 ?093", cite=MOVERS),
    q("t-new-rent", "note", "How much will we pay in rent at Kastanienweg, everything included?", "965",
      cite=NEWFLAT),
    q("t-deposit-fr", "note", "Combien avons-nous payé de caution pour le nouvel appartement ?", "2370",
      cite=(NEWFLAT, TODO), style="fr"),
    q("t-caretaker", "note", "whats the caretakers numbr at the new bulding", "re:0160 ?7723 ?118",
      cite=NEWFLAT, style="misspelt"),
    q("t-garage", "note", "Did we ever get that garage space at the new flat?", "waiting list",
      cite=(NEWFLAT, TODO)),
    q("t-vet-phone", "note", "what's the number of bruno's animal doctor", "re:0341 ?4619 ?220", cite=BRUNO,
      style="terse"),
    q("t-vet-night", "note", "ok so it's like eleven at night on a sunday and Bruno just ate something off the "
      "street and he's being weird, who do I even ring at this hour", "re:0341 ?8870 ?900", cite=BRUNO,
      style="rambling"),
    q("t-bruno-weight", "note", "How much does Bruno weigh at the moment?", "13.2",
      cite=(BRUNO, VETDATES, VETBILL), pages=(1,), spoken=True),
    q("t-worming", "note", "When is Bruno's next worm tablet due?", OCT1, cite=BRUNO),
    q("t-teeth-when", "note", "Could you please remind me when I have to bring Bruno in for his teeth?", AUG14,
      ("8:00", "8 am", "eight o'clock", "at 8"), cite=(VETDATES, VET_MEMO), style="polite"),
    q("t-booster", "note", "when did bruno get his booster jab", ("22 july", "july 22", "22nd of july",
      "tuesday"), cite=VETDATES),
    q("t-italian-room", "note", "Which room is my Italian class in?", "3.08", cite=ITALIAN, spoken=True),
    q("t-italian-start-es", "note", "¿Cuándo empieza mi curso de italiano?", SEP17 + ("17 de septiembre",
      "miércoles"), cite=ITALIAN, style="es"),
    q("t-vhs-register", "note", "By when did I have to sign up for the Italian course?",
      ("5 september", "september 5", "5th of september"), cite=TODO),
    q("t-set-off", "note", "what time do we have to set off for the Darss at the latest?",
      ("10:30", "half past ten", "ten thirty"), cite=HOLIDAY),
    q("t-lindgruen", "note", "has verlag lindgrun payed there invoice yet", ("8 july", "july 8", "8th of july"),
      cite=INVOICES, style="misspelt"),
    q("t-fridge", "note", "Will our fridge fit into the kitchen at the new flat?", ("62", "60"), cite=MEASURE),
    # voice memos
    q("t-move-why", "memo", "Why did the movers change the date?", ("truck", "trucks"), cite=HARTMANN_MEMO),
    q("t-wardrobe-boxes", "memo", "How many wardrobe boxes are the movers lending us?", ("4", "four"),
      cite=HARTMANN_MEMO, spoken=True),
    q("t-teeth-estimate", "memo", "What did the vet say Bruno's teeth would cost?", "280", "340", cite=VET_MEMO),
    q("t-teeth-food", "memo", "Until what time can Bruno eat the evening before the dental thing?",
      ("8:00", "20:00", "8 pm", "eight o'clock", "8 in the evening"), cite=(VET_MEMO, VETDATES)),
    q("t-camera", "memo", "what did the camera actually show when Mrs Pohl said he howled for twenty minutes?",
      ("11 minutes", "11 min"), cite=(POHL_MEMO, POHL)),
    q("t-homework", "memo", "italian homework??", ("page 24", "24"), "100", cite=ITALIAN_MEMO, style="terse"),
    q("t-pizzeria", "memo", "there was some plan for the end of the Italian course, a restaurant or something, "
      "what was it called", "da vito", cite=ITALIAN_MEMO, style="rambling"),
    q("t-zwickel-files", "memo", "When does the brewery need the final files for the new labels?", OCT1,
      cite=ZWICKEL_MEMO),
    # PDFs
    q("t-vet-total", "pdf", "How much was the vet bill for Bruno's teeth in the end?", "309.6", cite=VETBILL,
      pages=(1,), spoken=True),
    q("t-tooth-out", "pdf", "Did they have to pull one of Bruno's teeth?", ("premolar", "extraction",
      "extracted", "pulled", "removed", "taken out"), cite=VETBILL, pages=(1,)),
    q("t-painkiller", "pdf", "For how many days do I give Bruno the painkiller?", ("5 days", "five days"),
      cite=VETBILL, pages=(2,)),
    q("t-checkup", "pdf", "When is Bruno's check-up after the dental?", ("22 august", "august 22",
      "22nd of august", "friday"), ("17:30", "5:30", "half past five"), cite=VETBILL, pages=(2,)),
    q("t-keysafe", "pdf", "What's the code for the key safe at the holiday house?", "re:3 ?8 ?5 ?1",
      cite=BOOKING, pages=(2,), spoken=True),
    q("t-checkout-fr", "pdf", "À quelle heure doit-on quitter la maison de vacances le dernier jour ?",
      ("10:00", "10 h", "10 heures", "10 am"), cite=(BOOKING, HOLIDAY), pages=(1,), style="fr"),
    q("t-sofa", "pdf", "Is Bruno allowed on the sofa in the holiday flat?", ("not on the beds", "not on the sofa",
      "not allowed", "isn't allowed", "is not allowed", "re:^no\\b"), cite=BOOKING, pages=(2,)),
    q("t-letter-deadline", "pdf", "By when did the property management want my answer about the barking?",
      MAY12, cite=(LETTER, POHL), pages=(1,)),
    q("t-letter-warning", "pdf", "What did the Hausverwaltung say they'd do if the barking goes on?",
      "warning", cite=LETTER, pages=(1,)),
    # not in the folder
    q("t-nf-ole-phone", "notfound", "What's Ole's mobile number?"),
    q("t-nf-groomer", "notfound", "When is Bruno booked in at the groomer?"),
    q("t-nf-chiara-email", "notfound", "whats chiaras email address", style="terse"),
    q("t-nf-curtains", "notfound", "How much did the new curtains for the living room cost?"),
    q("t-nf-harness", "notfound", "What size harness does Bruno wear?"),
    q("t-nf-paint", "notfound", "Which paint colour did we pick for the bedroom?"),
    q("t-nf-dog-insurance", "notfound", "How much does Bruno's liability insurance cost per year?"),
    q("t-nf-ole-bday-es", "notfound", "¿Cuándo es el cumpleaños de Ole?", style="es"),
    # the world
    q("t-bach-de", "general", "Welcher berühmte Komponist war Thomaskantor in Leipzig?", "bach", style="de",
      allowed=("Johann", "Sebastian", "Bach", "1723", "1750", "27", "Thomaskirche", "Thomanerchor", "Leipzig")),
    q("t-prerow-sea", "general", "Which sea is Prerow on?", ("baltic", "ostsee"), spoken=True,
      allowed=("Baltic", "Sea", "Ostsee", "Darss", "Darß", "Fischland", "Zingst", "Germany", "Mecklenburg",
               "Western", "Pomerania", "Vorpommern", "Rostock", "Stralsund")),
    q("t-beagles", "general", "What were beagles originally bred for?", ("hunting", "hunt", "hare", "hares",
      "rabbit", "rabbits"), allowed=("England", "English", "Britain", "British", "Great", "scent", "hounds",
                                     "pack", "packs", "foot")),
    q("t-chocolate", "general", "why exactly is chocolate bad for dogs", "theobromine", style="terse",
      allowed=("caffeine", "methylxanthine", "methylxanthines", "dark", "milk", "cocoa")),
    q("t-wall", "general", "In which year did the Berlin Wall fall?", "1989",
      allowed=("9", "November", "Berlin", "East", "West", "Germany", "German", "GDR", "1961", "28",
               "Leipzig", "Monday", "October")),
    q("t-alone", "advice", "How can I get my dog used to being home alone without barking the whole time?",
      ("short", "gradually", "gradual", "build up", "practice", "practise", "exercise", "walk", "toy", "kong",
       "chew", "routine", "crate", "trainer"), style="rambling",
      allowed=("1", "2", "5", "10", "15", "20", "30", "60", "minutes", "Kong")),
    q("t-packing", "advice", "any tips for packing plates and glasses for a move?",
      ("paper", "newspaper", "bubble wrap", "towel", "towels", "on their side", "on edge", "upright", "label",
       "small boxes", "small box"), allowed=("1", "2", "3", "FRAGILE", "Fragile")),
    q("t-vocab", "advice", "What's a good way to learn Italian vocabulary quickly?",
      ("flashcards", "flash cards", "spaced repetition", "anki", "every day", "daily", "out loud", "aloud",
       "sentences", "practice", "practise"),
      allowed=("Anki", "Quizlet", "Duolingo", "Memrise", "Italian", "5", "10", "15", "20", "30", "minutes")),
    # arithmetic, units, dates
    q("t-seven-nights", "arithmetic", "whats 7 times 105 plus 65", "800", style="terse"),
    q("t-hours", "arithmetic", "If I charge 55 euros an hour, how much is 14 hours of work?", "770",
      spoken=True),
    q("t-km-miles", "units", "How many miles is 390 kilometres?", "re:242\\.[0-4]\\d*|(?<![\\d.])242(?![\\d.])",
      allowed=("1.609", "1.60934", "1.609344", "0.621", "0.62", "0.621371", "242.3", "242.33")),
    q("t-weekday", "dates", "What day of the week is 23 August 2025?", "saturday"),
    q("t-days-between", "dates", "How many days are there from 5 July 2025 to 23 August 2025?", "49",
      allowed=("7", "31", "18", "26", "weeks")),
])

CONVERSATIONS.extend([
    conv("t-move",
         q("t-c1-1", "note", "When's the move now?", JUL5, cite=(MOVE, HARTMANN_MEMO)),
         q("t-c1-2", "memo", "why did it change?", ("truck", "trucks"), cite=HARTMANN_MEMO),
         q("t-c1-3", "note", "and what time do they turn up?", T0730, cite=(MOVE, HARTMANN_MEMO)),
         q("t-c1-4", "dates", "How many days later is that than the original date?", ("7", "a week", "one week"),
           cite=(MOVE, HARTMANN_MEMO)),
         q("t-c1-5", "general", "What's the capital of Saxony?", "dresden",
           allowed=("Saxony", "Sachsen", "Dresden", "Germany", "Leipzig"))),
    conv("t-movers",
         q("t-c2-1", "note", "What did the three moving companies quote us?", "1650", "990", "1380", cite=MOVERS),
         q("t-c2-2", "note", "which one did we book?", "hartmann", cite=(MOVERS, MOVE, HARTMANN_MEMO)),
         q("t-c2-3", "arithmetic", "how much cheaper is that than the most expensive one?", "270", cite=MOVERS),
         q("t-c2-4", "note", "what's their office number?", "re:0341 ?5530 ?774", cite=MOVERS),
         q("t-c2-5", "note", "and when do we have to pay them?", ("7 days", "seven days", "a week"),
           cite=MOVERS)),
    conv("t-rent",
         q("t-c3-1", "note", "What's the rent at the new flat?", "965", cite=NEWFLAT),
         q("t-c3-2", "note", "And what did we pay at Gohliser Straße?", "780", cite=NEWFLAT),
         q("t-c3-3", "arithmetic", "so how much more is that a month?", "185", cite=NEWFLAT),
         q("t-c3-4", "arithmetic", "and over a whole year?", "2220", cite=NEWFLAT),
         q("t-c3-5", "note", "How big is the new flat anyway?", "74", cite=NEWFLAT)),
    conv("t-teeth",
         q("t-c4-1", "memo", "When was Bruno's teeth cleaning again?", AUG14, cite=(VET_MEMO, VETDATES)),
         q("t-c4-2", "memo", "What did the vet think it would cost?", "280", "340", cite=VET_MEMO),
         q("t-c4-3", "pdf", "And what did it actually cost?", "309.6", cite=VETBILL, pages=(1,)),
         q("t-c4-4", "arithmetic", "how far below the top of the estimate is that?", "30.4",
           cite=(VET_MEMO, VETBILL), pages=(1,)),
         q("t-c4-5", "pdf", "What reference do I put on the bank transfer?", "re:ta ?25 ?3391", cite=VETBILL,
           pages=(1,))),
    conv("t-holiday",
         q("t-c5-1", "pdf", "What's our booking number for the house in Prerow?", "re:db ?2025 ?087",
           cite=BOOKING, pages=(1,)),
         q("t-c5-2", "pdf", "How much is it altogether?", "856", cite=(BOOKING, HOLIDAY), pages=(1,)),
         q("t-c5-3", "pdf", "and how much of that is for Bruno?", "56", cite=(BOOKING, HOLIDAY), pages=(1,)),
         q("t-c5-4", "arithmetic", "So what's the total per night?", "re:122\\.(29|3)\\d*",
           cite=(BOOKING, HOLIDAY), pages=(1,), allowed=("7",)),
         q("t-c5-5", "note", "How long is the drive up there?", ("390", "4.5"), cite=HOLIDAY)),
    conv("t-italian",
         q("t-c6-1", "note", "When does my Italian class start?", SEP17, cite=ITALIAN),
         q("t-c6-2", "note", "what time?", ("18:30", "6:30", "half past six"), cite=ITALIAN),
         q("t-c6-3", "note", "and who's teaching it?", "chiara", cite=(ITALIAN, ITALIAN_MEMO)),
         q("t-c6-4", "general", "How do you say 'good evening' in Italian?", ("buonasera", "buona sera"),
           allowed=("Buonasera", "Buona", "sera", "Italian")),
         q("t-c6-5", "dates", "How many Wednesdays are there from 17 September to 10 December 2025, both "
           "included?", "13", allowed=("12", "7", "84", "2025"))),
    conv("t-barking",
         q("t-c7-1", "note", "When did Mrs Pohl first complain about Bruno?", ("14 april", "april 14",
           "14th of april", "monday"), cite=(POHL, LETTER), pages=(1,)),
         q("t-c7-2", "pdf", "By when did the Hausverwaltung want an answer from me?", MAY12, cite=(LETTER, POHL),
           pages=(1,)),
         q("t-c7-3", "note", "and when did I actually send it?", ("5 may", "may 5", "5th of may", "monday"),
           cite=POHL),
         q("t-c7-4", "dates", "How many days before the deadline was that?", ("7", "a week", "one week"),
           cite=(POHL, LETTER), pages=(1,)),
         q("t-c7-5", "advice", "What toys keep a dog busy when it's home alone?",
           ("kong", "puzzle", "chew", "snuffle", "lick mat", "treat", "treats"),
           allowed=("Kong", "KONG", "1", "2", "10", "15", "30", "minutes"))),
    conv("t-zwickel",
         q("t-c8-1", "note", "Which of my invoices is still unpaid?", "zwickel", cite=INVOICES),
         q("t-c8-2", "note", "how much is it for?", "1050", cite=INVOICES),
         q("t-c8-3", "memo", "Did they say when they'd pay?", ("end of the month", "end of july", "31 july",
           "july 31", "end of month"), cite=(ZWICKEL_MEMO, INVOICES)),
         q("t-c8-4", "memo", "What else do they want from me?", ("wheat", "christmas"), cite=ZWICKEL_MEMO),
         q("t-c8-5", "arithmetic", "If the two new labels are 350 each, how much will Zwickel have paid me in "
           "total?", "1750", cite=(INVOICES, ZWICKEL_MEMO))),
    conv("t-bruno",
         q("t-c9-1", "note", "When is Bruno's birthday?", ("14 february", "february 14", "14th of february"),
           cite=BRUNO),
         q("t-c9-2", "note", "What's his chip number?", "re:276 ?0981 ?0654 ?3217", cite=BRUNO),
         q("t-c9-3", "note", "How much dog tax do we pay for him?", "96", cite=BRUNO),
         q("t-c9-4", "arithmetic", "how much is that per month?", "8", cite=BRUNO),
         q("t-c9-5", "units", "What's 13.2 kilos in pounds?", "re:29\\.1\\d*", allowed=TO_LB)),
    conv("t-flat",
         q("t-c10-1", "note", "How big is the living room at Kastanienweg?", "4.2", "5.1", cite=MEASURE),
         q("t-c10-2", "arithmetic", "How many square metres is that?", "21.42", cite=MEASURE),
         q("t-c10-3", "units", "and in square feet?", "re:230\\.[56]\\d*|(?<![\\d.])231(?![\\d.])",
           allowed=("10.76", "10.764", "10.7639", "0.0929", "0.092903", "21.42")),
         q("t-c10-4", "note", "When's the bed coming?", ("9 july", "july 9", "9th of july", "wednesday"),
           cite=MEASURE),
         q("t-c10-5", "note", "Who's my contact at Wohnbau Nord, and what's the number?",
           ("brueckner", "brückner", "bruckner"), "re:0341 ?2290 ?415", cite=NEWFLAT)),
])
