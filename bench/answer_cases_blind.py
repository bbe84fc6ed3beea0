"""A blind answer set (issue 24): written without reading the assistant's code, only bench/answer_cases.py (the
data format) and bench/answer_judge.py's docstring (how replies are judged).

It adds a second person's life to the knowledge folder, under `life/`: a kitchen renovation with a builder
(Marek), a trip to Copenhagen, a stolen bike and its insurance claim, a broken washing machine and its warranty,
a dermatologist's letter, a child's school, a surprise party. The files hold near-misses on purpose: several
appointments on Wednesdays in March, a rejected quote beside the accepted one, an online price beside the
price paid, outbound and return trains, tiles first due on the 17th and now on the 20th, two deadlines on
24 March. All dates are in 2025 and their weekdays are the calendar's.

Nothing here answers the `notfound` questions of answer_cases.py (no dentist, passport, flight, electrician,
bank PIN, vet, salary, Tom's or Aiko's contact details), and no file of answer_cases.py answers the
`notfound` questions here.
"""

from __future__ import annotations

# answer_cases imports this module at its end (SETS["blind"], add_set_files). When this module is imported first,
# answer_cases sees it half-initialised; so the names it reads exist before that import, and are filled in place.
NOTES: dict[str, str] = {}
MEMOS: dict[str, str] = {}  # spoken by the packaged Piper voice into WAV files
MADE_PDFS: dict[str, list[str]] = {}  # page texts
QUESTIONS: list[Q] = []
CONVERSATIONS: list[Conversation] = []

try:  # imported as bench.answer_cases_blind
    from .answer_cases import CALC_KINDS, FILE_KINDS, WORLD_KINDS, Conversation, Q, conv, q  # noqa: F401
except ImportError:  # bench/ on sys.path
    from answer_cases import CALC_KINDS, FILE_KINDS, WORLD_KINDS, Conversation, Q, conv, q  # noqa: F401

# -- the files --------------------------------------------------------------------------------------------
TODO, CONTACTS = "life/notes/todo.txt", "life/notes/contacts.txt"
KITCHEN, TRIP = "life/notes/kitchen/site-meeting-marek.md", "life/notes/travel/copenhagen-may.md"
APPTS25, SCHOOL = "life/notes/appointments-spring.md", "life/notes/kids/noah-school.md"
WASHER, BIKE = "life/notes/washing-machine.txt", "life/notes/bike-stolen.txt"
BOOKCLUB, OFFSITE = "life/notes/book-club.md", "life/notes/work/offsite-2025.md"
METERS, PARTY = "life/notes/home/stadtwerke.md", "life/notes/ines-40th.md"
WASHER_MEMO, MAREK_MEMO = "life/memos/washer-repair.wav", "life/memos/marek-callback.wav"
SHED_MEMO, CPH_MEMO = "life/memos/shed-roof.wav", "life/memos/copenhagen-ideas.wav"
METER_MEMO = "life/memos/meter-reading.wav"
WARRANTY, DERM, CLAIM = ("life/docs/aurelia-wm814-warranty.pdf", "life/docs/letter-dr-halvorsen.pdf",
                         "life/docs/nordlicht-claim-letter.pdf")

NOTES.update({
    TODO: (
        "TO DO!!\n"
        "- call Marek re tiles (mobile 0176 2248 931)\n"
        "- return drill to Henrik (flat 2A) -- he needs it back by Sat\n"
        "- buy: descaler, AA batteries x8, birthday card for Ines\n"
        "- cancel FlixStream trial before 14 March!! (12.99/month after that)\n"
        "- Noah: zoo money 14.50 -> by 21 March\n"
        "- x pick up dry cleaning, ticket 3307  DONE\n"
        "- renew library card (expires 31 March)\n"
        "- send receipt + police report to bike insurance\n"),
    CONTACTS: (
        "Useful numbers\n\n"
        "Marek Nowak (kitchen, Nowak Bau): 0176 2248 931\n"
        "Zofia (babysitter, Tue/Thu evenings): 0157 3390 2264, 12 euros/hour\n"
        "Henrik Lund (neighbour, flat 2A) - has our spare key\n"
        "Ines (sister): 0151 9083 5527\n"
        "Dr Halvorsen, dermatology: 040 3318 720\n"
        "Aurelia service (washing machine): 0800 224 6610\n"),
    KITCHEN: (
        "# Kitchen - site meeting with Marek, Tue 4 March 2025\n\n"
        "Marek Nowak (Nowak Bau). Went through the plan again.\n"
        "- Worktop: oak, oiled (not the laminate).\n"
        "- Tiles: \"Lagoon Grey\" 30x60, 18 m2 at 42.50 euros/m2.\n"
        "- Final quote: 7,850 euros incl. fitting and taking away the old units.\n"
        "  (Berger Kuechen quoted 9,200 euros - said no.)\n"
        "- Deposit 30% = 2,355 euros, due by Friday 14 March.\n"
        "- Work starts Monday 24 March, takes about 3 weeks.\n"
        "- Next: Marek comes by on Thursday 13 March at 7:30 to measure for the worktop (before his other job).\n"
        "- Water off for 2 days in the first week - ask Henrik if we can use his shower.\n"),
    TRIP: (
        "# Copenhagen, 9-12 May 2025 (me, Ines, Noah)\n\n"
        "Out: Friday 9 May, EC 7412 Hamburg Hbf 08:26 -> Kobenhavn H 13:12. Coach 5, seats 61, 62, 63.\n"
        "Back: Monday 12 May, Kobenhavn H 16:05 -> Hamburg Hbf 20:51. Coach 5 again, seats 44, 45, 46.\n"
        "Hotel: Vesterbro Kro, Istedgade 18. Booking no. VK-20931. 3 nights, 1,740 DKK total (paid).\n"
        "  Check-in from 15:00, check-out by 11:00.\n"
        "Dinner: Restaurant Skagen, Saturday 10 May at 19:30, table for 3 under Ines's name.\n"
        "Ask Henrik to water the plants.\n"),
    APPTS25: (
        "# Appointments (spring)\n\n"
        "- Eye test at Optik Sommer: Wed 19 March, 11:15. Bring the old glasses.\n"
        "- Dermatology follow-up, Dr Halvorsen: Wed 26 March, 8:50. Bring the cream.\n"
        "- Parents' evening (Noah, class 3b): Tue 18 March, 18:00, room 104.\n"
        "- Tax advisor Mr Petersen: Thu 3 April, 14:30, bring the receipts folder.\n"),
    SCHOOL: (
        "# Noah - school (class 3b)\n\n"
        "Teacher: Frau Albers (only via the school app).\n"
        "Swimming: every Tuesday, bring towel + goggles.\n"
        "Zoo trip: Friday 4 April 2025, leaves 8:00, back by 15:30. Costs 14.50 euros, pay by 21 March.\n"
        "Parents' evening: Tuesday 18 March, 18:00, room 104.\n"
        "Lunch card top-up: 45 euros per month.\n"),
    WASHER: (
        "Washing machine - comparing (Feb 2025)\n"
        "Aurelia WM-814, 8 kg, 1400 rpm\n"
        "- online (hausgeraete-direkt): 629 euros + 45 delivery + 30 for taking the old one away\n"
        "- Elektro Vogt: 679 euros incl. delivery, connecting it and taking the old one away\n"
        "=> bought at Elektro Vogt on Fri 21 Feb for 679. Delivered Tue 25 Feb.\n"
        "Register for the extended warranty within 30 days! (done 2 March)\n"),
    BIKE: (
        "Bike stolen!! Fri 28 Feb 2025, outside the city library, between 14:00 and 16:30.\n"
        "Was locked to the rack (cable lock, code 2704 - obviously useless).\n"
        "Velora Tour 28, grey, frame number WTU 318 44 Z. Bought 2022 for 1,290 euros.\n"
        "Police report: Polizei Hamburg-Mitte, reference 0228-HM-7734.\n"
        "Insurance: Nordlicht, policy NV-558-20417 (household contents, bikes included).\n"),
    BOOKCLUB: (
        "# Book club\n\n"
        "Last time: Wed 5 March at Ines's - Klara and the Sun.\n"
        "Next: Wednesday 2 April, 20:00, at Colette's (Rosenweg 3). Book: The Remains of the Day.\n"
        "I'm bringing dessert (plum cake?).\n"),
    OFFSITE: (
        "# Team offsite 2025\n\n"
        "When: Thursday 22 May to Friday 23 May.\n"
        "Where: Seehotel Lindenau, by the lake (bus from the office at 8:15 on Thursday).\n"
        "14 people, budget 310 euros per head (incl. one night).\n"
        "RSVP + dietary wishes to Colette Marchand by Friday 11 April.\n"
        "Agenda draft due 2 May (me!).\n"),
    METERS: (
        "# Stadtwerke\n\n"
        "Customer number: 7700 3381 2\n"
        "Electricity meter, 1 Jan 2025: 48,213 kWh\n"
        "Water meter, 1 Jan 2025: 298.4 m3\n"
        "Monthly advance: 74 euros electricity, 31 euros water\n"),
    PARTY: (
        "# Ines's 40th - SURPRISE\n\n"
        "Saturday 26 April 2025, Gasthaus Krone (back room), from 19:00.\n"
        "32 guests confirmed. Venue deposit 200 euros - paid.\n"
        "Menu: 38 euros per person.\n"
        "Cake: Baeckerei Ohlsen, chocolate-raspberry, pick up at 11:00 on the day. 85 euros.\n"
        "Don't tell Ines! Noah brings her there \"for dinner\".\n"),
})

MEMOS.update({
    WASHER_MEMO: (
        "Okay, washing machine update. So it stopped again halfway through the wash, water still in the drum, "
        "and the display says E eighteen. Again. I rang Aurelia service, and a technician called Dominik is "
        "coming on Wednesday the twelfth of March, somewhere between ten and twelve in the morning. The ticket "
        "number is three one, seven seven, four two. The call-out fee is normally fifty-nine euros, but she "
        "said it's covered because the machine is still under warranty. Oh, and clear the space in front of it "
        "so he can pull it out."),
    MAREK_MEMO: (
        "Note to self. Marek called back about the kitchen. The tiles are late, they're now coming on the "
        "twentieth of March, not the seventeenth. He says that's fine, they still start on Monday the "
        "twenty-fourth. But he really needs the deposit by this Friday, the fourteenth, otherwise he can't "
        "order the worktop."),
    SHED_MEMO: (
        "The shed roof is leaking again at the back left corner. Henrik next door says he's got about four "
        "metres of roofing felt left over, and I can have it. So I just need two tubes of sealant, they're "
        "around eight euros each at the hardware store, and a box of clout nails. Try to do it on Saturday "
        "if it's dry."),
    CPH_MEMO: (
        "Ideas for Copenhagen. Ines wants to go to Tivoli, the entry is about one hundred and fifty kroner "
        "each. Noah wants to see the aquarium, the Blue Planet, which is out near the airport, so maybe on "
        "the Sunday. And the canal boat tour goes every thirty minutes from the harbour, it takes about an "
        "hour."),
    METER_MEMO: (
        "Meter readings, first of March. Electricity is forty-nine thousand eight hundred and seventy. "
        "Water is three hundred and twelve point five. I need to enter them on the Stadtwerke website "
        "before the fifth."),
})

MADE_PDFS.update({
    WARRANTY: [
        "AURELIA Home Appliances - Warranty Certificate\n\n"
        "Product: Aurelia WM-814 washing machine (8 kg, 1400 rpm)\nSerial number: AW814-2291-7736\n"
        "Date of purchase: 21 February 2025\nDealer: Elektro Vogt, Hamburg\n\n"
        "Manufacturer's warranty: 2 years from the date of purchase.\n"
        "Extended warranty: a further 3 years (5 years in total) if the appliance is registered at "
        "aurelia-home.example within 30 days of purchase.",
        "What the warranty covers\n\n"
        "The warranty covers faults in materials and workmanship. Repairs, spare parts and the engineer's "
        "call-out are free of charge within the first 24 months.\n"
        "From month 25 (extended warranty) spare parts stay free, but a call-out fee of 59 euros is charged.\n\n"
        "Not covered: damage caused by limescale, foreign objects in the drum or the pump (coins, hair clips, "
        "bra wires), wrong installation, and transport damage not reported within 7 days of delivery.",
        "Fault codes and service\n\n"
        "E18: the drain pump is blocked. Clean the pump filter behind the flap at the bottom right.\n"
        "E21: the door lock does not close. Check that nothing is caught in the door.\n"
        "E35: water inlet fault. Check that the tap is open.\n\n"
        "Service hotline: 0800 224 6610 (free of charge), Monday to Friday 8:00 to 18:00, "
        "Saturday 9:00 to 13:00. Please have the serial number ready.",
    ],
    DERM: [
        "Dr. med. Ingrid Halvorsen\nSpecialist in Dermatology\n"
        "Lindenstrasse 9, 20099 Hamburg - Tel. 040 3318 720\n\nHamburg, 27 February 2025\n\n"
        "Dear patient,\n\nthank you for your visit on 24 February. Findings: contact dermatitis on the backs "
        "of both hands. The patch test was positive for nickel sulphate and negative for all other tested "
        "substances (fragrance mix, latex, chromate).",
        "Treatment\n\n"
        "Mometasone 0.1% cream: apply thinly once a day, in the evening, for 10 days, then every second day "
        "for one more week. Do not use it on the face.\n"
        "Avoid contact with nickel (belt buckles, keys, coins); wear cotton gloves under rubber gloves for "
        "housework.\n\nFollow-up appointment: Wednesday 26 March 2025 at 8:50.\n\n"
        "Kind regards,\nDr Ingrid Halvorsen",
    ],
    CLAIM: [
        "Nordlicht Versicherung AG - Claims Department\nPostfach 1140, 22001 Hamburg\n\n10 March 2025\n\n"
        "Your policy: NV-558-20417 (household contents)\n"
        "Your claim: 2025-BK-0613 - theft of a bicycle on 28 February 2025\n\n"
        "Dear customer,\n\nwe have checked your claim. Your bicycle (Velora Tour 28, purchase price "
        "1,290 euros) is insured at its value as new. After the deductible of 250 euros we will pay you "
        "1,040 euros.",
        "What we still need\n\n"
        "Please send us by 24 March 2025:\n- the original purchase receipt of the bicycle,\n"
        "- the police report with its reference number.\n"
        "You can upload both at nordlicht.example/claims or send them by post.\n"
        "We will transfer the amount within 5 working days of receiving the documents, to your account "
        "ending in 8830.\n\n"
        "Your claims handler: Mr Jonte Fischer, phone 040 6688 1200 (Monday to Thursday, 9:00 to 16:00).\n\n"
        "Kind regards,\nNordlicht Versicherung AG",
    ],
})

# facts that come back
T0730 = ("7:30", "half past seven", "seven thirty")
T0826 = ("8:26", "twenty six past eight")
T0850 = ("8:50", "ten to nine", "eight fifty")
MAR14 = ("14 march", "march 14", "14th of march", "14 märz", "14 mars", "14 de marzo", "friday", "freitag")
MAR20 = ("20 march", "march 20", "20th of march")
MAR24 = ("24 march", "march 24", "24th of march")
MAR12 = ("12 march", "march 12", "12th of march", "wednesday")
APR26 = ("26 april", "april 26", "26th of april", "saturday")
E18 = "re:\\be ?18\\b"
TICKET = "re:3 ?1 ?7 ?7 ?4 ?2"
TO_LB = ("2.2", "2.205", "2.2046", "2.20462", "0.4536", "0.45359", "0.454", "17.6", "17.64")

# -- the questions ----------------------------------------------------------------------------------------
QUESTIONS.extend([
    # notes
    q("b-marek-thursday", "note", "what time is the thing with Marek on Thursday?", T0730, cite=KITCHEN,
      spoken=True),
    q("b-kitchen-quote", "note", "How much did Marek quote for the kitchen in the end?", "7850", cite=KITCHEN),
    q("b-deposit-de", "note", "Bis wann muss ich Marek die Anzahlung für die Küche überweisen?", MAR14,
      cite=(KITCHEN, MAREK_MEMO), style="de"),
    q("b-drill", "note", "Who do I have to give the drill back to?", "henrik", cite=TODO),
    q("b-dry-cleaning", "note", "wats the tikcet numbr for my dry cleening", "3307", cite=TODO, style="misspelt"),
    q("b-train-out", "note", "What time does our train to Copenhagen leave?", T0826, cite=TRIP, spoken=True),
    q("b-return-fr", "note", "Quand est-ce qu'on rentre de Copenhague ?",
      ("12 may", "may 12", "12th of may", "12 mai", "monday", "lundi"), cite=TRIP, style="fr"),
    q("b-dinner", "note", "What time is the dinner reservation in Copenhagen, and under whose name?",
      ("19:30", "7:30", "half past seven"), "ines", cite=TRIP),
    q("b-eye-test", "note", "When's my eye test?", ("19 march", "march 19", "19th of march", "wednesday"),
      ("11:15", "quarter past eleven"), cite=APPTS25),
    q("b-derm-es", "note", "¿A qué hora es mi cita con la dermatóloga?", T0850, cite=(APPTS25, DERM),
      pages=(2,), style="es"),
    q("b-parents-evening", "note", "parents evening noah when", ("18 march", "march 18", "18th of march",
      "tuesday"), ("18:00", "6:00", "6 pm", "six o'clock"), cite=(APPTS25, SCHOOL), style="terse"),
    q("b-zoo", "note", "Could you please tell me what Noah's zoo trip costs and by when I have to pay it?",
      "14.5", ("21 march", "march 21", "21st of march"), cite=(SCHOOL, TODO), style="polite"),
    q("b-washer-price", "note", "How much did I actually pay for the new washing machine?", "679", cite=WASHER),
    q("b-bookclub", "note", "where's book club next time and what are we reading",
      "colette", "remains of the day", cite=BOOKCLUB, style="terse"),
    q("b-offsite-de", "note", "Wo findet eigentlich das Team-Offsite im Mai statt?", "lindenau", cite=OFFSITE,
      style="de"),
    q("b-party-time", "note", "What time does the surprise party for Ines start?", ("19:00", "7:00", "7 pm",
      "seven o'clock"), cite=PARTY),
    q("b-cake", "note", "so for Ines's party, the cake, I have to go get it myself right? when was that again and "
      "from which bakery", ("11:00", "11 am", "eleven o'clock"), "ohlsen", cite=PARTY, style="rambling"),
    q("b-police-ref", "note", "What's the reference number on the police report for my bike?",
      "re:0228 ?hm ?7734", cite=BIKE),
    # voice memos
    q("b-washer-error", "memo", "what error was the washing machine showing", E18, cite=WASHER_MEMO),
    q("b-tech-name", "memo", "ok so the washing machine thing, the guy who's coming to fix it, what was his name "
      "again, I said it into my phone somewhere", "dominik", cite=WASHER_MEMO, style="rambling"),
    q("b-tech-when", "memo", "When is the washing machine technician coming?", MAR12, ("10", "ten"),
      cite=WASHER_MEMO),
    q("b-ticket", "memo", "what's the ticket number for the washing machine repair?", TICKET, cite=WASHER_MEMO),
    q("b-tiles", "memo", "When are the kitchen tiles arriving now?", MAR20, cite=MAREK_MEMO),
    q("b-sealant", "memo", "How many tubes of sealant do I need for the shed?", ("2", "two"), cite=SHED_MEMO,
      spoken=True),
    q("b-tivoli", "memo", "roughly how much is the tivolli entrence", "150", cite=CPH_MEMO, style="misspelt"),
    q("b-meter-march", "memo", "What was the electricity meter reading on the first of March?", "49870",
      cite=METER_MEMO),
    # PDFs
    q("b-serial", "pdf", "What's the serial number of my washing machine?", "re:aw ?814 ?2291 ?7736",
      cite=WARRANTY, pages=(1,)),
    q("b-warranty-length", "pdf", "How long is the warranty on the washer if I registered it?",
      ("5 years", "five years"), cite=WARRANTY, pages=(1,)),
    q("b-e18", "pdf", "Hello, sorry to bother you: my washing machine says E18. Could you tell me what that means?",
      ("drain pump", "pump"), cite=WARRANTY, pages=(3,), style="polite"),
    q("b-limescale", "pdf", "Does the washing machine warranty cover limescale damage?",
      ("not covered", "excluded", "does not cover", "doesn't cover", "isn't covered", "is not covered",
       "re:^no\\b"), cite=WARRANTY, pages=(2,)),
    q("b-diagnosis", "pdf", "What did the dermatologist find on my hands?", "contact dermatitis", "nickel",
      cite=DERM, pages=(1,)),
    q("b-cream", "pdf", "How often am I supposed to put the cream on, and for how long?",
      ("once a day", "once daily", "every evening", "in the evening", "each evening"), "10 days",
      cite=DERM, pages=(2,)),
    q("b-bike-claim", "pdf", "whats the claim number for the bike theft", "re:2025 ?bk ?0613", cite=CLAIM,
      pages=(1,)),
    q("b-payout", "pdf", "How much is the insurance going to pay me for the bike?", "1040", cite=CLAIM,
      pages=(1,), spoken=True),
    q("b-handler", "pdf", "Who's handling my bike claim and how do I reach him?", "fischer",
      "re:040 ?6688 ?1200", cite=CLAIM, pages=(2,)),
    # not in the folder
    q("b-nf-marek-email", "notfound", "What's Marek's email address?"),
    q("b-nf-hotel-wifi", "notfound", "what's the wifi password at our hotel in Copenhagen"),
    q("b-nf-football", "notfound", "When is Noah's football practice?"),
    q("b-nf-car-insurance", "notfound", "When does my car insurance renew?"),
    q("b-nf-holidays", "notfound", "How many days of holiday do I have left this year?"),
    q("b-nf-bins-de", "notfound", "Wann wird bei uns der Müll abgeholt?", style="de"),
    q("b-nf-licence-fr", "notfound", "Quel est le numéro de mon permis de conduire ?", style="fr"),
    q("b-nf-phone-es", "notfound", "¿Cuándo termina mi contrato del móvil?", style="es"),
    # the world
    q("b-capital-dk", "general", "What's the capital of Denmark?", "copenhagen",
      allowed=("Denmark", "Copenhagen", "København", "Zealand"), spoken=True),
    q("b-ishiguro", "general", "Who wrote The Remains of the Day?", "ishiguro",
      allowed=("Kazuo", "Ishiguro", "1989", "Booker", "Prize", "Nobel", "2017", "Japanese", "British", "English",
               "Stevens")),
    q("b-bones", "general", "how many bones does an adult human have", "206", style="terse",
      allowed=("270", "300", "Human")),
    q("b-plants", "general", "What gas do plants take in from the air to make their food?",
      ("carbon dioxide", "co2"), allowed=("CO2", "O2", "oxygen", "photosynthesis", "sunlight", "glucose")),
    q("b-loire-fr", "general", "Quel est le plus long fleuve de France ?", "loire", style="fr",
      allowed=("Loire", "France", "1006", "1 006", "1012", "1013", "1020", "km", "Atlantique", "Rhône", "Seine")),
    q("b-kettle", "advice", "how do I get the limescale out of my kettle?",
      ("vinegar", "citric", "descaler", "descaling", "lemon"),
      allowed=("1", "2", "10", "15", "20", "30", "50", "60", "1:1", "half", "hour", "minutes")),
    q("b-drain", "advice", "my bathroom sink drains super slowly, is there anything I can try myself before I "
      "call someone out?", ("baking soda", "plunger", "vinegar", "boiling water", "hot water", "trap", "snake",
                            "hair", "drain cleaner"), style="rambling",
      allowed=("1", "2", "5", "10", "15", "30", "half", "cup", "minutes", "U", "P")),
    q("b-wine-de", "advice", "Wie bekomme ich einen Rotweinfleck aus dem Teppich?",
      ("salz", "salt", "mineralwasser", "sprudel", "wasser", "water", "natron", "backpulver", "tupfen", "dab",
       "spülmittel"), style="de", allowed=("1", "2", "5", "10", "15", "30", "Minuten")),
    # arithmetic, units, dates
    q("b-mul-tiles", "arithmetic", "What's 18 times 42.50?", "765"),
    q("b-zoo-times", "arithmetic", "What's 14.50 times 3?", "43.5", spoken=True),
    q("b-annual", "arithmetic", "whats 12.99 times 12", "155.88", style="terse"),
    q("b-split", "arithmetic", "we're splitting a 1,216 euro bill between 32 people, how much is that each?",
      "38", style="rambling"),
    q("b-sqm-sqft", "units", "How many square feet is 18 square metres?",
      "re:193\\.[78]\\d*|(?<![\\d.])194(?![\\d.])",
      allowed=("10.76", "10.764", "10.7639", "0.0929", "0.092903", "193.75")),
    q("b-ml-de", "units", "Wie viele Milliliter sind 2,5 Liter?", "2500", style="de", allowed=("1000",)),
    q("b-oz-kg", "units", "how many ounces in a kilo", "re:35\\.2\\d*|35\\.3", style="terse",
      allowed=("28.35", "28.3495", "16", "2.2", "2.205", "2.20462", "1000", "35.27", "35.274")),
    q("b-weekday", "dates", "What day of the week is 9 May 2025?", "friday"),
    q("b-days-between", "dates", "How many days are there from 24 March 2025 to 14 April 2025?", "21",
      allowed=("3", "7")),
    q("b-three-weeks", "dates", "What date is three weeks after Monday 24 March 2025?",
      ("14 april", "april 14", "14th of april"), allowed=("2025", "21", "7", "Monday", "3")),
])

CONVERSATIONS.extend([
    conv("b-kitchen",
         q("b-c1-1", "note", "What did Marek quote for the kitchen?", "7850", cite=KITCHEN),
         q("b-c1-2", "note", "and how much is the deposit?", "2355", cite=KITCHEN),
         q("b-c1-3", "arithmetic", "so how much is left to pay after the deposit?", "5495", cite=KITCHEN),
         q("b-c1-4", "memo", "When are the tiles coming now?", MAR20, cite=MAREK_MEMO),
         q("b-c1-5", "note", "and which day do they start the work?", MAR24 + ("monday",), cite=(KITCHEN, MAREK_MEMO))),
    conv("b-trip",
         q("b-c2-1", "note", "What time is our train to Copenhagen?", T0826, cite=TRIP),
         q("b-c2-2", "note", "which coach are we in?", ("5", "five"), cite=TRIP),
         q("b-c2-3", "note", "And how much was the hotel for the three nights?", "1740", cite=TRIP),
         q("b-c2-4", "arithmetic", "what's that per night?", "580", cite=TRIP),
         q("b-c2-5", "general", "What language do people speak in Denmark?", "danish",
           allowed=("Danish", "Denmark", "English", "German", "Faroese", "Greenlandic"))),
    conv("b-washer",
         q("b-c3-1", "memo", "what was the washing machine complaining about again?", E18, cite=WASHER_MEMO),
         q("b-c3-2", "pdf", "what does that code mean?", ("drain pump", "pump"), cite=WARRANTY, pages=(3,)),
         q("b-c3-3", "memo", "When's the technician coming?", MAR12, cite=WASHER_MEMO),
         q("b-c3-4", "pdf", "do I have to pay for the call-out?",
           ("free", "covered", "no charge", "not have to pay", "don't have to pay", "re:^no\\b"),
           cite=(WARRANTY, WASHER_MEMO), pages=(2,)),
         q("b-c3-5", "units", "How much is 8 kilograms in pounds?", "re:17\\.6\\d*", allowed=TO_LB)),
    conv("b-bike",
         q("b-c4-1", "pdf", "how much is the insurance paying for my stolen bike?", "1040", cite=CLAIM,
           pages=(1,)),
         q("b-c4-2", "pdf", "why not the full price?", "250", ("deductible", "excess"), cite=CLAIM, pages=(1,)),
         q("b-c4-3", "arithmetic", "what percentage of 1290 is 1040?", "re:80\\.6\\d*|(?<![\\d.])81(?![\\d.])",
           allowed=("100",)),
         q("b-c4-4", "note", "Where was it stolen again?", "library", cite=BIKE),
         q("b-c4-5", "pdf", "and by when do they need the police report?", MAR24, cite=CLAIM, pages=(2,))),
    conv("b-meters",
         q("b-c5-1", "note", "What was the electricity meter reading at the start of January?", "48213",
           cite=METERS),
         q("b-c5-2", "memo", "and on the first of March?", "49870", cite=METER_MEMO),
         q("b-c5-3", "arithmetic", "how many kWh is that in between?", "1657", cite=(METERS, METER_MEMO)),
         q("b-c5-4", "dates", "How many days are there from 1 January 2025 to 1 March 2025?", "59",
           allowed=("31", "28")),
         q("b-c5-5", "arithmetic", "So what's that per month on average over the two months?", "828.5",
           allowed=("2",))),
    conv("b-party",
         q("b-c6-1", "note", "When is Ines's party?", APR26, cite=PARTY),
         q("b-c6-2", "note", "Where is it?", "krone", cite=PARTY),
         q("b-c6-3", "note", "how many people are coming?", "32", cite=PARTY),
         q("b-c6-4", "note", "and what does the menu cost per person?", "38", cite=PARTY),
         q("b-c6-5", "arithmetic", "so what's the menu for everyone together?", "1216", cite=PARTY)),
])
