"""A seventh blind answer set (issue 24): written by a helper who never saw the assistant's code, only
bench/answer_cases.py (the data format, the main folder's files and the other sets), bench/answer_cases_sixth.py
(the model for this file), bench/answer_cases_blind.py, _third.py, _fourth.py and _fifth.py (to keep clear of
their people and topics, and for their `notfound` lists), bench/answer_judge.py (its docstring and code: how
replies are judged) and tests/test_answer_judge.py.

It adds a seventh person's life to the knowledge folder, under `home7/`: Megan Tran, a second-year PhD student
in marine ecology at IMAS (University of Tasmania) in Hobart, who studies giant kelp transplants off Maria Island,
demonstrates in a first-year biology unit (KLA104) and shares a rented house on Burnett Street, North Hobart, with
Josh and Aroha. In February to April 2026 she runs a four-day dive survey at Maria Island (a boat from Triabunna,
a dive plan, temperature loggers), has her regulator serviced and buys a hood, prepares her mid-candidature
review (a panel, a written report, a draft for her supervisor), starts demonstrating (a rate, a timesheet, a lab
induction), gets a notice of rent increase with a routine inspection and splits a power bill (Aurora Energy),
and goes to a symposium in Geelong by the Spirit of Tasmania with a lab mate (the ferry booking, the programme,
her talk). Her notes are written the way an Australian student writes them, clipped, in dollars and 24-hour
times (A/Prof, reg, prac, rego, MCR, DSO, "Maria Is.", "N. Hobart", "1 h 15", "$58.40/h", struck-out old values).

The files hold near-misses on purpose: the survey moved from Tue 10-Fri 13 to Tue 17-Fri 20 February (both
Tuesdays), the review moved from Thu 12 March 14:00 to Wed 18 March 10:00 and its report from the 5th to the
11th (and the draft for Helen on Fri 6 March), the regulator's quote ($185) beside its final price ($223), the
hood in the shop ($119) beside the cheaper one online ($89 + $14.95), the old rent ($690, her $250) beside the
new ($735, her $265), this power bill ($486.30) beside the last ($402.15), the average daily use beside last
year's, the 2025 demonstrating rate beside 2026's, two people with similar roles (the unit coordinator Mark
Ellison, who signs timesheets, and the lab manager Jo Pratt, who hands out keys and lab coats; the skipper Dave
Kowalski and the dive safety officer Fiona Byrne; the review's chair Annette Walsh and its independent member
Lachlan Pryor; the primary supervisor Helen Marsh and the co-supervisor Craig Hollis), Helen's office and mobile
numbers, the property manager's office number beside the agency's after-hours line, the ferry's outbound cabin
beside the return's recliners, the car check-in's hour beside the foot passengers' 45 minutes, her talk
(Wed 15 April 11:40, 12 minutes) beside Craig's (Thu 16 April 9:20) and beside her review talk (20 minutes), the
early-bird fee ($420) beside the standard one ($560). All dates are in 2026 (one the rent's last rise in 2025)
and their weekdays are the calendar's.

Nothing here answers the `notfound` questions of answer_cases.py, answer_cases_blind.py, answer_cases_third.py,
answer_cases_fourth.py, answer_cases_fifth.py or answer_cases_sixth.py (no dentist, passport, flight,
electrician's bill, bank PIN, vet, pets, salary for October, emails, football, car insurance, holidays left,
bins, driving licence, mobile contract, groomer, harness, curtains, paint colours, e-card, locksmith, alpine
club, best man, alarm code, cocktail class, wedding, hotel, VAT number, door or key code, platform, mixer,
staff number, Christmas dinner, brother, recycling centre, hospital parking, and none of those sets' people),
and no file of answer_cases.py answers the `notfound` questions here (the Geelong address, the thesis deadline,
the dive medical's price, the internet bill, the unit's exam, Aroha's surname, the library's hours, dive
insurance). The questions about rent and electricity name this house or its bills, since the main folder holds
another rent and another electricity line.

Checked before its first run (no run of bench/answer_eval.py was seen or made): tests/test_answer_judge.py passes
with this set registered (every fact of a note, memo or PDF question is in its cited files); a right reply written
here for every question and turn (with its citation: a file name, and "page N" for a PDF) was judged with
answer_judge.judge, the cited files and the conversation so far as sources: all 120 pass with nothing invented,
no wrong and no missing citation, and so do 16 right replies in other wordings ("Tuesday the 17th to Friday the
20th of February", "2-5 pm", "between 10 and 12", "+61 491 ...", "quarter to eight"); 16 plausible wrong replies
(the survey's old dates, the old review date and report date, the quote instead of the final price, the old rent
share, last bill's amount, the ferry's arrival given as the check-in time, the lab manager for the timesheets,
Helen's office number for her mobile, the office number for the after-hours line, Craig's slot for hers, made-up
numbers, invented answers to "not found" questions) all fail. The fixes of form this found: "the 17" and
"Tuesday 17" count only when no other month follows (February and March 2026 share their weekdays), the plural
"Tuesdays", a range written "10 and 12" or "2 5:00" after normalising, "North" (the notes write "N. Hobart"),
"61" (an international prefix), "15 minutes" for how long the skipper waits; sums over a conversation cite the
file they start from, and the weekday of a date just said (f7-c10-4) cites none.
"""

from __future__ import annotations

# answer_cases imports this module at its end (SETS["seventh"], add_set_files). When this module is imported
# first, answer_cases sees it half-initialised; so the names it reads exist before that import, and are filled in
# place.
NOTES: dict[str, str] = {}
MEMOS: dict[str, str] = {}  # spoken by the packaged Piper voice into WAV files
MADE_PDFS: dict[str, list[str]] = {}  # page texts
QUESTIONS: list[Q] = []
CONVERSATIONS: list[Conversation] = []

try:  # imported as bench.answer_cases_seventh
    from .answer_cases import CALC_KINDS, FILE_KINDS, WORLD_KINDS, Conversation, Q, conv, q  # noqa: F401
except ImportError:  # bench/ on sys.path
    from answer_cases import CALC_KINDS, FILE_KINDS, WORLD_KINDS, Conversation, Q, conv, q  # noqa: F401

# -- the files --------------------------------------------------------------------------------------------
FIELD, REVIEW = "home7/notes/fieldwork/maria-island-feb.md", "home7/notes/phd/mid-candidature-review.md"
TEACH, HOUSE = "home7/notes/teaching/kla104-demonstrating.txt", "home7/notes/house/burnett-st.md"
GEELONG, GEAR = "home7/notes/geelong-trs2026.md", "home7/notes/dive-gear.txt"
CONTACTS, TODO = "home7/notes/contacts.txt", "home7/notes/todo.txt"
DAVE_MEMO, HELEN_MEMO = "home7/memos/dave-swell.wav", "home7/memos/helen-review.wav"
REG_MEMO, HOUSE_MEMO = "home7/memos/blue-edge-regulator.wav", "home7/memos/house-meeting.wav"
TALK_MEMO = "home7/memos/talk-practice.wav"
AURORA, RENT = "home7/docs/aurora-energy-bill-2026-02.pdf", "home7/docs/harbourside-rent-increase.pdf"
SPIRIT, PROG = "home7/docs/spirit-of-tasmania-7T4QH2.pdf", "home7/docs/trs2026-programme.pdf"

NOTES.update({
    FIELD: (
        "# Maria Is. kelp survey - Feb 2026\n\n"
        "Dates: ~~Tue 10 Feb - Fri 13 Feb~~ -> Tue 17 - Fri 20 Feb (3 m SE swell forecast, Dave called it off, "
        "see memo)\n"
        "Boat: Kestrel II, skipper Dave Kowalski. Leaves Triabunna wharf 7:30 sharp (he waits till 7:45 max)\n"
        "  -> leave N. Hobart 5:45 on the Tue, it's 1 h 15 to Triabunna\n"
        "Sleeping: Penitentiary bunk rooms, Darlington, 3 nights (Tue, Wed, Thu) - Parks booking in Ella's name\n"
        "  no shop on the island!! bring ALL food, take all rubbish back with us\n"
        "Dive plan approved by Fiona Byrne (DSO) Thu 5 Feb. Max depth 18 m, max 2 dives/day per diver\n"
        "Team: me, Ella Whitcombe, Ravi Prasad (divers) + Dave on the boat as surface attendant\n\n"
        "| day    | site           | what                                        |\n"
        "|--------|----------------|---------------------------------------------|\n"
        "| Tue 17 | Painted Cliffs | transplant plots A1-A6, survival counts     |\n"
        "| Wed 18 | Return Point   | 4 x 50 m transects, kelp + urchin density   |\n"
        "| Thu 19 | Fossil Bay     | 4 x 50 m transects, swap the temp loggers   |\n"
        "| Fri 20 | Painted Cliffs | photo quadrats, boat back to Triabunna 15:00 |\n\n"
        "Loggers: 6 HOBO temp loggers, the new ones are charged + in the blue Pelican case (old ones at Fossil "
        "Bay since Feb 2025)\n"
        "Data sheets: 40 on underwater paper (Ella has them)\n"
        "Water temp last Feb ~16 C -> 7 mm wetsuit + the new hood\n"),
    REVIEW: (
        "# Mid-candidature review (MCR)\n\n"
        "When: ~~Thu 12 Mar, 14:00~~ -> Wed 18 Mar, 10:00-11:00, IMAS Waterfront bldg, room 2.41\n"
        "  (moved: Lachlan is on the Investigator till 14 Mar)\n"
        "Written report: ~~Thu 5 Mar~~ -> Wed 11 Mar, to Annette, she sends it to the panel\n"
        "  draft to Helen by Fri 6 Mar (she wants the weekend to read it)\n\n"
        "Panel\n"
        "- Prof Annette Walsh - chair (Graduate Research Coordinator, runs the meeting)\n"
        "- Dr Lachlan Pryor (CSIRO) - independent member\n"
        "- A/Prof Helen Marsh - primary supervisor\n"
        "- Dr Craig Hollis - co-supervisor\n\n"
        "Format: 20 min talk + 40 min questions, then 10 min with the panel WITHOUT the supervisors\n"
        "Report: max 10 pages + timeline + budget\n"
        "  ch 1 lit review - done\n"
        "  ch 2 transplant survival - 2024-25 data done, writing\n"
        "  ch 3 urchin grazing (tank exp at Taroona) - running\n"
        "  ch 4 - not started\n"
        "Research budget: $3,000 over the PhD, $2,140 left -> Geelong comes out of it\n"),
    TEACH: (
        "KLA104 Life in the Sea - prac demonstrating, sem 1 2026\n"
        "Unit coordinator: Dr Mark Ellison (approves timesheets, marking questions)\n"
        "Lab manager: Jo Pratt (keys, lab coats, inductions, broken microscopes)\n\n"
        "Pracs: Tue 14:00-17:00, Life Sciences bldg, lab 214, weeks 2-12 -> first one Tue 3 Mar, last Tue 19 May\n"
        "  mid-sem break 6-10 Apr, no prac\n"
        "  Tue 14 Apr I'm in Geelong -> Mark takes my place (he OK'd it), Ravi is there as usual\n"
        "  24 students, 2 demonstrators (me + Ravi)\n"
        "Lab induction with Jo: Fri 27 Feb 10:00, lab 214 (compulsory, paid 1 h)\n\n"
        "Pay: $58.40/h (2026 rate; was $56.60/h last year)\n"
        "  claim 4 h per prac (3 h prac + 1 h prep)\n"
        "  11 pracs, minus 14 Apr -> 10 for me\n"
        "Timesheet: in by Mon 9:00 after each week, Mark approves, paid fortnightly on Thursdays\n"
        "Marking: prac reports in wk 5 and wk 10, about 12 each (my half), separate marking claim\n"),
    HOUSE: (
        "# 37 Burnett St - house money\n\n"
        "Rent: weekly, Fridays, to Harbourside Property (Karen Doyle)\n\n"
        "| who          | now (to 16 Apr) | from Fri 17 Apr |\n"
        "|--------------|-----------------|-----------------|\n"
        "| me (big room)| $250            | $265            |\n"
        "| Josh         | $230            | $245            |\n"
        "| Aroha        | $210            | $225            |\n"
        "| total        | $690            | $735            |\n\n"
        "+$45 a week, split evenly = +$15 each (house meeting Sun 15 Feb)\n\n"
        "Aurora bill (Oct-Jan): $486.30, due Mon 23 Feb - I pay it, then $162.10 each:\n"
        "  Josh - paid 13 Feb\n"
        "  Aroha - not yet, payday Thu 26 Feb\n"
        "Last bill (Jul-Oct) was $402.15. This one's more - 5 of us at Christmas, lots of hot water\n\n"
        "Routine inspection Thu 5 Mar, 10-12 (letter p. 2) - Aroha's home that morning\n"
        "Kitty: $20 each a month (cleaning stuff, loo paper, dishwasher tabs), jar on the fridge\n"),
    GEELONG: (
        "# Geelong - Temperate Reef Symposium, 14-16 Apr\n\n"
        "Rego: student early bird $420 - pay by Fri 27 Feb!! (after that $560). From my research budget\n"
        "MY TALK: Wed 15 Apr 11:40, session 3B Restoration, Room 2 - 12 min + 3 min questions\n"
        "  slides to the speaker desk by 8:30 that morning\n"
        "Ella's poster: Tue 14 Apr, poster session 16:30\n"
        "Craig's plenary Thu 16 Apr 9:20 - go and support!\n"
        "Dinner Wed 15 Apr 19:00, Cunningham Pier - $95, not in student rego -> Helen: the lab pays\n\n"
        "Spirit of Tasmania (booking 7T4QH2) - me + Ella, in my car\n"
        "  OUT Mon 13 Apr Devonport 19:30 -> Geelong Tue 6:30, inside cabin\n"
        "  BACK Fri 17 Apr Geelong 9:00 -> Devonport 19:15, recliners\n"
        "  car check-in closes 1 h before -> leave Hobart 14:30 on the 13th (3 h 20 to Devonport)\n"
        "  NOT taking tanks. No fruit/veg coming back into Tas\n"
        "  $792 all up, Ella pays me half\n"
        "Accommodation: Ella booked an Airbnb, 3 nights (Tue-Thu), she has the details\n"),
    GEAR: (
        "Dive gear\n\n"
        "Reg service - Blue Edge Dive, Sandy Bay Rd\n"
        "  dropped off Mon 2 Feb, quote $185\n"
        "  + $38 new HP seat in the 1st stage (see memo) = $223, ready Thu 12 Feb after 3pm\n"
        "  next service Feb 2027 (yearly)\n"
        "Hood 7 mm: $119 at Blue Edge; online (Scuba Depot AU) $89 + $14.95 postage, 2-5 business days\n"
        "  -> ordered online Mon 2 Feb, arrived Fri 6 Feb\n"
        "Dive medical (AS 4005.1): done Thu 22 Jan, Dr Shah, Salamanca Medical - valid 2 years -> Jan 2028\n"
        "Logbook: 112 dives as of 31 Jan; UTAS wants 10 in the last 12 months to stay current (I've got 23)\n"
        "Wetsuit 7 mm 2-piece, booties, gloves OK. Torch needs new batteries\n"),
    CONTACTS: (
        "Contacts\n\n"
        "UTAS / IMAS\n"
        "Helen Marsh (A/Prof, primary supervisor): office (03) 7010 2843 / mobile 0491 570 156 (fieldwork + "
        "emergencies only)\n"
        "Craig Hollis (Dr, co-supervisor): (03) 7010 2291\n"
        "Annette Walsh (Prof, Graduate Research Coordinator): (03) 7010 2950\n"
        "Fiona Byrne (Dive Safety Officer): 0491 570 313\n"
        "Mark Ellison (KLA104 coordinator): (03) 7010 3127\n"
        "Jo Pratt (lab manager, Life Sciences): (03) 7010 3355\n"
        "Ella Whitcombe: 0491 571 266\n"
        "Ravi Prasad: 0491 572 549\n\n"
        "Field\n"
        "Dave Kowalski (skipper, Kestrel II): 0491 573 087\n"
        "Maria Island ranger station: (03) 7010 6120\n\n"
        "House\n"
        "Josh Reid: 0491 574 118\n"
        "Aroha: 0491 575 254\n"
        "Karen Doyle, Harbourside Property Mgmt (office): (03) 7010 4478\n"
        "   after-hours urgent repairs (agency line, not Karen): 0491 576 398\n\n"
        "Other\n"
        "Blue Edge Dive, Sandy Bay Rd: (03) 7010 5531\n"
        "Mum (Launceston): (03) 7010 8812\n"),
    TODO: (
        "todo - Feb\n"
        "[x] dive plan to Fiona - approved Thu 5 Feb\n"
        "[x] reg to Blue Edge - Mon 2 Feb\n"
        "[x] book the Spirit for Geelong - booked Wed 11 Feb (7T4QH2)\n"
        "[ ] pick up reg Thu 12 Feb after 3 (they shut 5:30)\n"
        "[ ] pay Aurora $486.30 BEFORE Maria Is. (due Mon 23 Feb)\n"
        "[ ] TRS early bird rego by Fri 27 Feb ($420, after that $560)\n"
        "[ ] lab induction with Jo Fri 27 Feb 10:00\n"
        "[ ] MCR: draft to Helen Fri 6 Mar, report to Annette Wed 11 Mar (NOT the 5th any more)\n"
        "[ ] chase Aroha for her $162.10 (payday Thu 26 Feb)\n"
        "[ ] new rent $265 from Fri 17 Apr -> change my auto transfer\n"
        "[ ] batteries for the torch, charge the loggers\n"),
})

MEMOS.update({
    DAVE_MEMO: (
        "Dave Kowalski just rang about Maria Island. There's a three metre south-easterly swell forecast for the "
        "middle of next week, so he's calling it off. We'll go a week later instead, Tuesday the seventeenth to "
        "Friday the twentieth of February. Same plan, the boat leaves Triabunna at half past seven, and he'll "
        "only wait until quarter to eight. I need to tell Ella and Ravi, and ring the ranger station to move "
        "the bunk rooms."),
    HELEN_MEMO: (
        "Quick note after the meeting with Helen. My mid-candidature review is moving, because Lachlan is at sea "
        "on the Investigator until the fourteenth of March. It's now on Wednesday the eighteenth of March at ten "
        "in the morning, same room. So the written report is due to Annette on Wednesday the eleventh instead of "
        "the fifth. Helen wants the draft by Friday the sixth of March, so she can read it over the weekend. And "
        "she said keep the talk to twenty minutes, the panel always runs over."),
    REG_MEMO: (
        "Blue Edge rang about my regulator. The high pressure seat in the first stage is worn, so they're "
        "replacing it. That's thirty-eight dollars on top of the service, so two hundred and twenty-three dollars "
        "altogether. It'll be ready on Thursday the twelfth of February after three, and they close at half past "
        "five. Just as well the trip moved."),
    HOUSE_MEMO: (
        "House meeting done. The rent's going up by forty-five dollars a week from the seventeenth of April, and "
        "we agreed to split the rise evenly, so fifteen dollars each. That puts me on two hundred and sixty-five. "
        "Josh has already paid his share of the power bill. Aroha will pay hers on payday, Thursday the "
        "twenty-sixth. And Aroha will be home for the inspection on the fifth of March, because I'll be at uni."),
    TALK_MEMO: (
        "Practice run of the Geelong talk. It took fourteen and a half minutes, and I've only got twelve, plus "
        "three for questions. Cut the slide on the urchin tank experiment, it doesn't belong in this talk "
        "anyway, and merge the two maps of the sites. Ella said the survival graph needs bigger labels. Next "
        "practice with the lab is on Thursday the ninth of April at four."),
})

MADE_PDFS.update({
    AURORA: [
        "AURORA ENERGY - Tax invoice\n\n"
        "Account number: 8032 5517 46\n"
        "Invoice date: 2 February 2026\n"
        "Customer: M Tran, 37 Burnett Street, North Hobart TAS 7000\n"
        "Billing period: 28 October 2025 to 27 January 2026 (92 days)\n\n"
        "AMOUNT DUE: $486.30\n"
        "DUE DATE: Monday 23 February 2026\n\n"
        "Your last bill: $402.15 - payment received 24 November 2025, thank you.\n\n"
        "Charges\n"
        "Tariff 31 Residential light and power: 900 kWh x 30.19 c/kWh = $271.71\n"
        "Tariff 41 Residential heating and hot water: 330 kWh x 19.88 c/kWh = $65.60\n"
        "Daily supply charge: 92 days x 113.89 c/day = $104.78\n"
        "Total charges before GST: $442.09\n"
        "GST (10%): $44.21\n"
        "Total this bill: $486.30",
        "Your usage\n\n"
        "Total usage this bill: 1,230 kWh\n"
        "Average daily usage this bill: 13.4 kWh\n"
        "Average daily usage, same period last year: 14.9 kWh\n\n"
        "Ways to pay\n"
        "BPAY: biller code 2096, reference 8032551746\n"
        "Direct debit, Centrepay or in person at any Service Tasmania shop.\n"
        "Having trouble paying? Call us before the due date to talk about a payment plan.",
    ],
    RENT: [
        "HARBOURSIDE PROPERTY MANAGEMENT\nLevel 1, 22 Murray Street, Hobart TAS 7000 - (03) 7010 4478\n\n"
        "11 February 2026\n\n"
        "Ms Megan Tran and Mr Joshua Reid\n37 Burnett Street, North Hobart TAS 7000\n\n"
        "NOTICE OF RENT INCREASE\nResidential Tenancy Act 1997 (Tas)\n\n"
        "Dear Megan and Joshua,\n"
        "On behalf of the owner, we give you notice that the rent for the above premises will increase from "
        "$690.00 per week to $735.00 per week, starting on Friday 17 April 2026.\n"
        "This notice is given more than 60 days before the increase takes effect. The rent was last increased on "
        "14 March 2025. Your rent day remains Friday and the way you pay does not change.\n"
        "If you believe the increase is excessive, you may apply to the Residential Tenancy Commissioner within "
        "30 days of receiving this notice.\n\n"
        "Yours sincerely,\nKaren Doyle\nProperty Manager",
        "ROUTINE INSPECTION\n\n"
        "We will carry out a routine inspection of the premises on Thursday 5 March 2026 between 10:00 am and "
        "12:00 pm. You do not need to be present; we will use the office key if nobody is home.\n"
        "Please make sure that the smoke detectors can be reached and that the garden is tidy.\n\n"
        "Repairs\n"
        "Urgent repairs (burst pipes, no hot water, a blocked toilet, storm damage), after hours and on weekends: "
        "0491 576 398.\n"
        "Non-urgent repairs: in writing to our office, through the tenant portal.",
    ],
    SPIRIT: [
        "SPIRIT OF TASMANIA - Booking confirmation\n\n"
        "Booking number: 7T4QH2\n"
        "Booked: 11 February 2026 - Lead passenger: Ms Megan Tran\n"
        "Passengers: 2 adults (Megan Tran, Ella Whitcombe)\n"
        "Vehicle: 1 car under 5.5 m (Mazda 3 hatch)\n\n"
        "DEPARTING - Monday 13 April 2026\n"
        "Spirit of Tasmania II: Devonport 7:30 pm -> Geelong 6:30 am (Tuesday 14 April)\n"
        "Accommodation: 2-berth inside cabin, cabin 7112\n"
        "Fare: passengers and cabin $396.00, vehicle $109.00\n\n"
        "RETURNING - Friday 17 April 2026\n"
        "Spirit of Tasmania I: Geelong 9:00 am -> Devonport 7:15 pm\n"
        "Accommodation: 2 Ocean Recliners, seats R56 and R57\n"
        "Fare: passengers and recliners $178.00, vehicle $109.00\n\n"
        "Total paid: $792.00",
        "Before you sail\n\n"
        "Check-in: for vehicles, check-in opens 2 hours 30 minutes before departure and closes 1 hour before "
        "departure. Foot passengers must check in at least 45 minutes before departure.\n"
        "Gas cylinders: LPG bottles and dive cylinders may only be carried in a vehicle if they are declared at "
        "check-in. Dive cylinders must be empty, with the valve open.\n"
        "Biosecurity: fresh fruit, vegetables and plants must not be brought into Tasmania. Disposal points are "
        "provided before check-in at Geelong.\n"
        "Changes: bookings can be changed up to 48 hours before departure for a fee of $30 per booking, plus any "
        "difference in fare. Cabins cannot be changed on board.",
    ],
    PROG: [
        "TEMPERATE REEF SYMPOSIUM 2026\n"
        "Deakin University Waterfront Campus, Geelong - 14 to 16 April 2026\n"
        "Programme (as at 20 March 2026)\n\n"
        "TUESDAY 14 APRIL\n"
        "8:00 Registration opens, Costa Hall foyer\n"
        "9:00 Welcome and Acknowledgement of Country, Costa Hall\n"
        "9:30 Keynote: Dr Sophie Lindqvist, \"Marine heatwaves and the southern kelp forests\"\n"
        "11:00-16:00 Sessions 1A, 1B, 2A, 2B (Rooms 1 and 2)\n"
        "16:30-18:00 Poster session and welcome drinks, Level 2 foyer\n\n"
        "WEDNESDAY 15 APRIL\n"
        "9:00 Keynote, Costa Hall\n"
        "11:00 Session 3A Fisheries (Room 1) | Session 3B Restoration (Room 2)\n"
        "  3B: 11:00 J. Okoro; 11:20 P. Lindsay; 11:40 M. Tran (University of Tasmania), \"Giant kelp "
        "transplants at Maria Island: survival after two summers\"; 12:00 R. Fenwick; 12:20 A. Castellanos\n"
        "12:40 Lunch\n"
        "19:00 Conference dinner, Cunningham Pier (ticketed)\n\n"
        "THURSDAY 16 APRIL\n"
        "9:00 Plenary, Costa Hall\n"
        "  9:20 C. Hollis (University of Tasmania), \"Urchin barrens on Tasmania's east coast: twenty years on\"\n"
        "15:30 Student prizes and close",
        "Information for presenters and delegates\n\n"
        "Talks: 12 minutes plus 3 minutes for questions. Chairs will keep strictly to time.\n"
        "Slides: 16:9, PowerPoint or PDF, loaded at the speaker desk by 8:30 am on the day of your talk.\n"
        "Posters: A0 portrait, put up on Tuesday before 12:00.\n"
        "Student prizes: best student talk $500, best student poster $300.\n\n"
        "Registration fees (AUD, including GST)\n"
        "Student, early bird (until 27 February): $420\n"
        "Student, standard: $560\n"
        "Full, early bird: $780 - Full, standard: $920\n"
        "Student registration does not include the conference dinner ($95 a ticket).",
    ],
})

# facts that come back. February and March 2026 share their weekdays (Tue 17 Feb, Tue 17 Mar), and several
# near-misses fall on the same day of another month (Thu 5 Feb / Thu 5 Mar, Thu 12 Feb / Thu 12 Mar): so "the 17"
# and "Tuesday 17" count only when no other month follows them.
_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december")


def _date(day: int, month: str, weekday: str) -> tuple[str, ...]:
    others = "|".join(m for other in _MONTHS if other != month for m in (other, other[:3]))
    guard = f"(?= )(?! (?:of )?(?:{others}) )"
    return (f"{day} {month}", f"{day} {month[:3]}", f"re: the {day}{guard}", f"re: {weekday} {day}{guard}")


FEB5, FEB6, FEB10 = _date(5, "february", "thursday"), _date(6, "february", "friday"), _date(10, "february", "tuesday")
FEB12, FEB17 = _date(12, "february", "thursday"), _date(17, "february", "tuesday")
FEB20, FEB23 = _date(20, "february", "friday"), _date(23, "february", "monday")
FEB26, FEB27 = _date(26, "february", "thursday"), _date(27, "february", "friday")
MAR3, MAR5, MAR6 = _date(3, "march", "tuesday"), _date(5, "march", "thursday"), _date(6, "march", "friday")
MAR11, MAR12 = _date(11, "march", "wednesday"), _date(12, "march", "thursday")
MAR18, APR9 = _date(18, "march", "wednesday"), _date(9, "april", "thursday")
APR13, APR16, APR17 = _date(13, "april", "monday"), _date(16, "april", "thursday"), _date(17, "april", "friday")
T0730 = ("7:30", "half past seven", "seven thirty")
T0745 = ("7:45", "quarter to eight")
T1000 = ("10:00", "10 am", "ten o'clock", "10 o'clock")
T1200 = ("12:00", "noon", "midday", "12 pm", "twelve o'clock")
T1400 = ("2:00", "2 pm", "two o'clock", "2 o'clock")
T1500 = ("3:00", "3 pm", "after 3", "three o'clock")
T1700 = ("5:00", "5 pm", "five o'clock", "5 o'clock")
T1140 = ("11:40", "twenty to twelve", "11h40")
T0920 = ("9:20", "twenty past nine")
TEN_TO_12 = "re:(?<![\\d.:])10 (and |to |until |till )?12(?![\\d.])"  # "between 10 and 12"
TWO_TO_5 = "re:(?<![\\d.:])2 (and |to |until |till )?5:00"  # "2-5 pm"
HELEN_MOB = "re:(0|61 )?491 ?570 ?156"
CRAIG_TEL = "re:(03 )?7010 ?2291"
KAREN_TEL = "re:(03 )?7010 ?4478"
AFTER_HOURS = "re:(0|61 )?491 ?576 ?398"
TO_FT = ("3.28", "3.281", "3.2808", "3.28084", "0.3048", "59.06", "59.055")
TO_IN = ("2.54", "0.3937", "0.394", "0.39", "25.4")
C_TO_F = ("1.8", "9/5", "9", "5", "32")
TO_PSI = ("14.5", "14.50", "14.5038", "14.504", "14.50377", "2900.75", "2900.76", "2901")

# -- the questions ----------------------------------------------------------------------------------------
QUESTIONS.extend([
    # notes
    q("f7-field-dates", "note", "When am I going out to Maria Island for the kelp survey?", FEB17, FEB20,
      cite=(FIELD, DAVE_MEMO), spoken=True),
    q("f7-boat-time", "note", "what time does the boat leave triabunna", T0730, cite=(FIELD, DAVE_MEMO),
      style="terse"),
    q("f7-leave-home", "note", "What time do I have to leave home on the first morning to make the boat?",
      ("5:45", "quarter to six"), cite=FIELD, allowed=("North",)),
    q("f7-sleep", "note", "Where are we staying the nights on Maria Island?", "penitentiary", cite=FIELD),
    q("f7-max-depth", "note", "How deep are we allowed to go on the survey dives?", "18", cite=FIELD),
    q("f7-dive-plan", "note", "Who signed off on the dive plan, and when?", "fiona", FEB5, cite=(FIELD, TODO)),
    q("f7-loggers", "note", "where did i put the new temperature loggers", "pelican", cite=FIELD, style="terse"),
    q("f7-review-when", "note", "When is my mid-candidature review now?", MAR18, T1000,
      cite=(REVIEW, HELEN_MEMO), spoken=True),
    q("f7-report-due", "note", "By when does the written report for my review have to be in?", MAR11,
      cite=(REVIEW, HELEN_MEMO, TODO)),
    q("f7-chair", "note", "whos chairing my mcr panel", "walsh", cite=REVIEW, style="misspelt"),
    q("f7-independent", "note", "Who's the person from outside the uni on my review panel?", "pryor",
      cite=REVIEW),
    q("f7-prac-time", "note", "When are my KLA104 pracs each week?", ("tuesday", "tuesdays", "tue"),
      T1400 + (TWO_TO_5,), T1700 + (TWO_TO_5,), cite=TEACH),
    q("f7-timesheet", "note", "Who signs off my demonstrating hours?", "ellison", cite=TEACH),
    q("f7-pay-de", "note", "Wie viel verdiene ich pro Stunde als Demonstratorin?", "58.4", cite=TEACH,
      style="de"),
    q("f7-lab-coat", "note", "ugh I think I left my lab coat on the bus, who do I ask about getting another one "
      "for the pracs?", "pratt", cite=TEACH, style="rambling"),
    q("f7-rent-new", "note", "How much will my share of the rent at Burnett St be once it goes up?", "265",
      cite=(HOUSE, HOUSE_MEMO, TODO)),
    q("f7-rent-start", "note", "From which day does the new rent at Burnett Street apply?", APR17,
      cite=(HOUSE, HOUSE_MEMO, RENT, TODO), pages=(1,), allowed=("2026",)),
    q("f7-aurora-due", "note", "When is the Aurora bill due?", FEB23, cite=(HOUSE, TODO, AURORA), pages=(1,),
      spoken=True),
    q("f7-aroha-paid", "note", "has aroha paid me back her share of the power yet",
      ("not yet", "re:^\\s*no\\b", "hasn't", "has not", "not paid", "still owes"), FEB26,
      cite=(HOUSE, HOUSE_MEMO, TODO), style="terse"),
    q("f7-airbnb-who", "note", "Who sorted out where we're sleeping in Geelong?", "ella", cite=GEELONG),
    q("f7-talk-fr", "note", "À quelle heure je présente mon exposé à Geelong ?", T1140, cite=(GEELONG, PROG),
      pages=(1,), style="fr"),
    q("f7-leave-hobart", "note", "Could you tell me what time I should leave Hobart on the 13th to make the "
      "ferry?", ("2:30", "half past two", "14h30"), cite=GEELONG, style="polite"),
    q("f7-hood-es", "note", "¿Cuánto costaba la capucha en la tienda de buceo?", "119", cite=GEAR, style="es"),
    q("f7-medical", "note", "how long is my dive medical good for", ("2 years", "two years", "jan 2028",
                                                                    "january 2028"),
      cite=GEAR, style="terse"),
    q("f7-helen-mobile", "note", "Can you give me Helen's mobile number, please?", HELEN_MOB, cite=CONTACTS,
      style="polite", allowed=("61",)),
    q("f7-after-hours", "note", "it's 10 at night and there's no hot water at the house, which number am I "
      "supposed to ring", AFTER_HOURS, cite=(CONTACTS, RENT), pages=(2,), style="rambling",
      allowed=("61",)),
    # voice memos
    q("f7-why-moved", "memo", "Why did the Maria Island trip get pushed back a week?", "swell",
      cite=(DAVE_MEMO, FIELD)),
    q("f7-dave-wait", "memo", "How long will Dave wait for us at the wharf?", T0745 + ("15 minutes", "15 min"),
      cite=(DAVE_MEMO, FIELD), spoken=True),
    q("f7-review-why", "memo", "why did my review get moved", ("lachlan", "pryor"),
      ("sea", "investigator", "voyage"), cite=(HELEN_MEMO, REVIEW), style="terse"),
    q("f7-draft", "memo", "By when does Helen want to see my draft?", MAR6, cite=(HELEN_MEMO, REVIEW, TODO)),
    q("f7-review-talk", "memo", "How long is my talk supposed to be at the review?", ("20 minutes", "20 min"),
      cite=(HELEN_MEMO, REVIEW)),
    q("f7-reg-fault", "memo", "wat did the dive shop say was rong with my regulater", ("seat", "hp"),
      cite=(REG_MEMO, GEAR), style="misspelt"),
    q("f7-shop-close", "memo", "What time does Blue Edge close?", ("5:30", "half past five"),
      cite=(REG_MEMO, TODO)),
    q("f7-split-es", "memo", "¿Cuánto sube el alquiler para cada uno de nosotros?", "15",
      cite=(HOUSE_MEMO, HOUSE), style="es"),
    q("f7-practice-run", "memo", "How long did my practice run of the Geelong talk take?",
      ("14.5", "14 and a half", "re:14 (minutes |min )?(and )?(a half|30)"), cite=TALK_MEMO, spoken=True),
    # PDFs
    q("f7-bill", "pdf", "How much is the Aurora bill this time round?", "486.3", cite=(AURORA, HOUSE, TODO),
      pages=(1,)),
    q("f7-last-bill", "pdf", "what was the power bill before this one", "402.15", cite=(AURORA, HOUSE),
      pages=(1,), style="terse"),
    q("f7-daily-use", "pdf", "On average how much electricity does the house use a day, going by the latest "
      "bill?", "13.4", cite=AURORA, pages=(2,)),
    q("f7-last-rise", "pdf", "When did the rent at Burnett St last go up?", ("14 march 2025", "14 march"),
      cite=RENT, pages=(1,)),
    q("f7-inspection", "pdf", "When's the agent coming to inspect the house?", MAR5, T1000 + (TEN_TO_12,),
      T1200 + (TEN_TO_12,), cite=(RENT, HOUSE), pages=(2,), allowed=("10", "12")),
    q("f7-cabin", "pdf", "What cabin number have we got on the ferry over to Geelong?", "7112", cite=SPIRIT,
      pages=(1,)),
    q("f7-tanks", "pdf", "Am I allowed to take scuba tanks on the Spirit?", "empty", ("declare", "declared"),
      cite=SPIRIT, pages=(2,), spoken=True),
    q("f7-change-fr", "pdf", "Combien ça coûte de modifier ma réservation du ferry ?", "30", cite=SPIRIT,
      pages=(2,), style="fr"),
    q("f7-prize", "pdf", "What's the prize for the best student talk at the symposium?", "500", cite=PROG,
      pages=(2,)),
    q("f7-craig-talk", "pdf", "When is Craig speaking in Geelong?", APR16, T0920, cite=(PROG, GEELONG),
      pages=(1,)),
    # not in the folder
    q("f7-nf-address", "notfound", "What's the address of the place we're staying at in Geelong?", spoken=True),
    q("f7-nf-submission", "notfound", "When's the final deadline for submitting my thesis?"),
    q("f7-nf-medical-cost", "notfound", "How much did my dive medical cost?"),
    q("f7-nf-internet", "notfound", "whats the internet bill for the house each month", style="terse"),
    q("f7-nf-exam", "notfound", "When is the KLA104 exam this semester?"),
    q("f7-nf-surname-de", "notfound", "Wie heißt Aroha mit Nachnamen?", style="de"),
    q("f7-nf-library-fr", "notfound", "À quelle heure ouvre la bibliothèque de l'université le samedi ?",
      style="fr"),
    q("f7-nf-insurance-es", "notfound", "¿Cuánto pago al año por el seguro de buceo?", style="es"),
    # the world
    q("f7-bass-strait", "general", "What's the stretch of water between Tasmania and the mainland called?",
      "bass strait", spoken=True,
      allowed=("Bass", "Strait", "Tasmania", "Victoria", "Australia", "Australian", "George", "Matthew",
               "Flinders", "1798", "1799", "240", "250", "350", "km", "kilometres", "50", "60", "80", "metres",
               "King", "Island", "Tasman", "Sea", "Southern", "Ocean", "Melbourne", "Devonport", "Spirit", "of",
               "Pacific", "Indian", "Furneaux", "Group", "Cape", "Otway", "Wilsons", "Promontory")),
    q("f7-kelp-name", "general", "What's the scientific name of giant kelp?", "macrocystis",
      allowed=("Macrocystis", "pyrifera", "Laminariales", "Laminariaceae", "Phaeophyceae", "Ochrophyta",
               "Agardh", "Linnaeus", "C.Agardh", "1820", "1771", "Tasmania", "California", "Pacific", "Southern",
               "Ocean", "Hemisphere", "50", "60", "45", "30", "metres", "cm", "m")),
    q("f7-mountain-es", "general", "¿Cómo se llama la montaña que hay detrás de Hobart?",
      ("wellington", "kunanyi"), style="es",
      allowed=("1271", "1.271", "1,271", "1270", "4170", "4.170", "m", "km", "metros", "pies", "Hobart",
               "Tasmania", "Derwent")),
    q("f7-urchin", "general", "Which sea urchin has been eating the kelp off Tasmania's east coast?",
      ("centrostephanus", "long spined"),
      allowed=("Centrostephanus", "rodgersii", "Long", "Spined", "New", "South", "Wales", "NSW", "East",
               "Australian", "Current", "EAC", "Tasmania", "Tasmanian", "Victoria", "Bass", "Strait", "1978",
               "1970s", "1960s", "95", "90", "Heliocidaris", "erythrogramma", "Jasus", "edwardsii", "lobster",
               "lobsters", "rock", "Diadema", "Diadematidae", "Giant", "Kelp", "Macrocystis", "pyrifera", "2",
               "3", "4", "5", "10", "20", "50", "percent", "Southern", "Ocean", "IMAS", "University",
               "Ecklonia", "radiata")),
    q("f7-nerves", "advice", "I get really nervous before giving talks, any tips for a 12 minute conference "
      "talk?",
      ("practise", "practice", "rehearse", "rehearsing", "breathe", "breathing", "slow down", "time yourself",
       "timing", "notes", "pause"),
      allowed=("12", "3", "1", "2", "3", "4", "5", "10", "15", "30", "60", "minute", "minutes", "seconds",
               "PowerPoint", "Q&A")),
    q("f7-ears", "advice", "How do I look after my ears when I'm diving twice a day for four days?",
      ("equalise", "equalize", "equalising", "equalizing", "valsalva", "dry", "drops", "rinse", "vinegar",
       "slowly", "descend slowly", "alcohol"),
      allowed=("1", "2", "3", "4", "5", "10", "30", "50", "minutes", "hours", "Valsalva", "Toynbee", "Frenzel",
               "Edmonds", "GP", "ENT")),
    # arithmetic, units, dates
    q("f7-hood-online", "arithmetic", "How much did the hood cost online with the postage, and how much did "
      "that save me on the shop price?", "103.95", "15.05", cite=GEAR, allowed=("89", "14.95", "119")),
    q("f7-ella-owes", "arithmetic", "How much does Ella owe me for the ferry?", "396", cite=(SPIRIT, GEELONG),
      pages=(1,), allowed=("792", "2", "half")),
    q("f7-prac-pay", "arithmetic", "If I do my 10 pracs at 4 hours each, what do I earn at this year's rate?",
      "2336", cite=TEACH, allowed=("58.4", "40", "4", "10")),
    q("f7-rent-year", "arithmetic", "How much more will I pay in rent over a whole year after the rise?", "780",
      cite=(HOUSE, HOUSE_MEMO), allowed=("15", "52", "265", "250")),
    q("f7-div", "arithmetic", "whats 486.30 divided by three", "162.1", style="terse"),
    q("f7-depth-ft", "units", "How many feet is 18 metres?", "re:59\\.0\\d*|59\\.1(?![\\d])|(?<![\\d.])59(?![\\d.])",
      allowed=TO_FT + ("59", "59.1")),
    q("f7-water-f", "units", "What's 16 °C in Fahrenheit?", "re:60\\.8\\d*|(?<![\\d.])61(?![\\d.])",
      allowed=C_TO_F + ("60.8", "61", "16")),
    q("f7-bar-psi", "units", "how many psi is 200 bar", "re:(?<![\\d.])290[01](\\.\\d+)?(?![\\d])",
      style="terse", allowed=TO_PSI),
    q("f7-anzac", "dates", "What day of the week is Anzac Day 2026?", "saturday",
      allowed=("25", "April", "2026", "Anzac")),
    q("f7-days-geelong", "dates", "How many days are there from 17 February to 13 April 2026?", ("55",),
      allowed=("17", "13", "February", "March", "April", "2026", "28", "31", "11", "42")),
    q("f7-six-weeks", "dates", "What date is six weeks after Wednesday 18 March 2026?",
      ("29 april", "29 apr", "29th of april"), allowed=("2026", "Wednesday", "6", "42", "7")),
])

CONVERSATIONS.extend([
    conv("f7-survey-dates",
         q("f7-c1-1", "note", "When was the Maria Island survey first supposed to start?", FEB10,
           cite=(FIELD, DAVE_MEMO)),
         q("f7-c1-2", "memo", "and why did it move?", "swell", cite=(DAVE_MEMO, FIELD)),
         q("f7-c1-3", "note", "so when do we go now?", FEB17, cite=(FIELD, DAVE_MEMO)),
         q("f7-c1-4", "note", "How many nights are we sleeping over there?", ("3", "three"), cite=FIELD),
         q("f7-c1-5", "dates", "What date is a week after the day we come back?", FEB27,
           cite=(FIELD, DAVE_MEMO), allowed=("20", "7", "Friday"))),
    conv("f7-regulator",
         q("f7-c2-1", "note", "How much did Blue Edge quote me for the reg service?", "185", cite=GEAR),
         q("f7-c2-2", "memo", "and what's it come to in the end?", "223", cite=(REG_MEMO, GEAR)),
         q("f7-c2-3", "arithmetic", "so by what percentage did it go up?",
           "re:20\\.5\\d*|(?<![\\d.])21 percent", cite=(REG_MEMO, GEAR),
           allowed=("38", "185", "223", "20.54", "20.5", "21", "100")),
         q("f7-c2-4", "memo", "When can I pick it up?", FEB12, T1500, cite=(REG_MEMO, GEAR, TODO)),
         q("f7-c2-5", "dates", "How many days is that before the boat leaves for Maria Island?", ("5", "five"),
           cite=(GEAR, FIELD, DAVE_MEMO, REG_MEMO, TODO), allowed=("12", "17"))),
    conv("f7-mcr",
         q("f7-c3-1", "note", "When was my MCR meant to be originally?", MAR12, T1400, cite=(REVIEW, HELEN_MEMO)),
         q("f7-c3-2", "note", "and when is it now?", MAR18, T1000, cite=(REVIEW, HELEN_MEMO)),
         q("f7-c3-3", "note", "Which of my supervisors are on the panel?", "marsh", "hollis", cite=REVIEW),
         q("f7-c3-4", "note", "What's Craig's number?", CRAIG_TEL, cite=CONTACTS),
         q("f7-c3-5", "dates", "How many weeks is it from the review to my talk in Geelong?", ("4", "four"),
           cite=(REVIEW, GEELONG, PROG, HELEN_MEMO), pages=(1,), allowed=("28", "18", "15", "7"))),
    conv("f7-rent",
         q("f7-c4-1", "pdf", "What is the rent going up to, according to the agent's letter?", "735",
           cite=(RENT, HOUSE), pages=(1,)),
         q("f7-c4-2", "note", "and what will my share be?", "265", cite=(HOUSE, HOUSE_MEMO, TODO)),
         q("f7-c4-3", "arithmetic", "What's that a month, taking 52 weeks over 12 months?",
           "re:1148\\.3\\d*|(?<![\\d.])1148(?![\\d.])", cite=(HOUSE, HOUSE_MEMO),
           allowed=("52", "12", "4.33", "13780", "1148.33")),
         q("f7-c4-4", "note", "Who's the property manager again?", "doyle", cite=(HOUSE, RENT, CONTACTS),
           pages=(1,)),
         q("f7-c4-5", "note", "What's her office number?", KAREN_TEL, cite=(CONTACTS, RENT), pages=(1,))),
    conv("f7-power",
         q("f7-c5-1", "pdf", "How much is the new power bill?", "486.3", cite=(AURORA, HOUSE, TODO), pages=(1,)),
         q("f7-c5-2", "arithmetic", "how much more is that than the last one?", "84.15", cite=(AURORA, HOUSE),
           pages=(1,), allowed=("402.15", "486.3")),
         q("f7-c5-3", "note", "Who's paid me their share already?", "josh", cite=(HOUSE, HOUSE_MEMO)),
         q("f7-c5-4", "pdf", "How many kWh did we use altogether on that bill?", "1230", cite=AURORA, pages=(2,),
           allowed=("900", "330")),
         q("f7-c5-5", "units", "How many megajoules is that?", "4428", cite=AURORA, pages=(2,),
           allowed=("3.6", "1230", "4.428", "4.43", "MJ", "megajoules"))),
    conv("f7-ferry",
         q("f7-c6-1", "pdf", "When does the ferry leave Devonport on the way over?", APR13, T0730,
           cite=(SPIRIT, GEELONG), pages=(1,)),
         q("f7-c6-2", "pdf", "and what time do we get into Geelong?", ("6:30", "half past six"),
           cite=(SPIRIT, GEELONG), pages=(1,)),
         q("f7-c6-3", "arithmetic", "so how long is the crossing?", ("11 hours", "11 h", "11 hrs"),
           cite=(SPIRIT, GEELONG), pages=(1,), allowed=("7:30", "6:30", "11")),
         q("f7-c6-4", "arithmetic", "By what time do we have to check in with the car?",
           ("raw:18[:.h ]?30|6[:.]30 ?p\\.? ?m|half past six in the evening",),
           cite=(SPIRIT, GEELONG), pages=(2,), allowed=("1", "18:30", "6:30", "7:30")),
         q("f7-c6-5", "general", "Which river flows through Hobart?", "derwent",
           allowed=("Derwent", "River", "Hobart", "Tasmania", "Storm", "Bay", "Lake", "St", "Clair", "Tasman",
                    "Bridge", "Mount", "Wellington", "kunanyi", "New", "Norfolk", "215", "187", "200", "km",
                    "kilometres", "Sullivans", "Cove", "timtumili", "minanya"))),
    conv("f7-talk",
         q("f7-c7-1", "pdf", "What's my talk in Geelong called?", ("giant kelp transplants",), cite=PROG,
           pages=(1,)),
         q("f7-c7-2", "pdf", "and which room is it in?", "room 2", cite=(PROG, GEELONG), pages=(1,)),
         q("f7-c7-3", "pdf", "How long do I get?", ("12 minutes", "12 min"),
           ("3 minutes", "3 min", "15 minutes", "15 min"), cite=(PROG, GEELONG), pages=(2,)),
         q("f7-c7-4", "memo", "How long did my practice run take?", ("14.5", "14 and a half"), cite=TALK_MEMO),
         q("f7-c7-5", "arithmetic", "So how many seconds do I have to cut?",
           ("150", "2 and a half minutes", "2.5 minutes"), cite=TALK_MEMO,
           allowed=("870", "720", "60", "2.5", "14.5", "12"))),
    conv("f7-pracs",
         q("f7-c8-1", "note", "When's my first prac?", MAR3, cite=TEACH),
         q("f7-c8-2", "note", "And which lab is it in?", "214", cite=TEACH),
         q("f7-c8-3", "note", "Who's doing my prac while I'm in Geelong?", ("mark", "ellison"), cite=TEACH),
         q("f7-c8-4", "note", "What's my hourly rate this year?", "58.4", cite=TEACH),
         q("f7-c8-5", "arithmetic", "how much more is that than last year's rate?", "1.8", cite=TEACH,
           allowed=("56.6", "58.4"))),
    conv("f7-hood",
         q("f7-c9-1", "note", "How much was the hood from the online shop?", "89", cite=GEAR),
         q("f7-c9-2", "note", "plus postage?", "14.95", cite=GEAR),
         q("f7-c9-3", "units", "It's a 7 mm hood, what's that in inches?", "re:0\\.27[5-6]\\d*|0\\.28(?![\\d])",
           allowed=TO_IN + ("0.276", "0.28", "0.2756", "7")),
         q("f7-c9-4", "note", "When did it arrive?", FEB6, cite=GEAR),
         q("f7-c9-5", "general", "What's the highest mountain in Tasmania?", "ossa",
           allowed=("Mount", "Ossa", "1617", "1,617", "Tasmania", "Cradle", "Lake", "St", "Clair",
                    "National", "Park", "Overland", "Track", "Pelion", "5305", "5,305", "m", "ft", "feet",
                    "metres", "Mountain", "Legges", "Tor", "Ben", "Lomond", "Wellington", "kunanyi", "Barn",
                    "Bluff"))),
    conv("f7-deadlines",
         q("f7-c10-1", "note", "When is the lab induction with Jo?", FEB27, T1000, cite=(TEACH, TODO)),
         q("f7-c10-2", "note", "Do I get paid for it?", ("re:^\\s*yes\\b", "1 h", "1 hour", "paid"), cite=TEACH),
         q("f7-c10-3", "pdf", "And what's the early bird deadline for the symposium?", FEB27,
           cite=(PROG, GEELONG, TODO), pages=(2,)),
         q("f7-c10-4", "dates", "What day of the week is that?", "friday",
           allowed=("27", "February", "2026")),
         q("f7-c10-5", "arithmetic", "How much extra would I pay if I missed it?", "140",
           cite=(PROG, GEELONG, TODO), pages=(2,), allowed=("560", "420"))),
])
