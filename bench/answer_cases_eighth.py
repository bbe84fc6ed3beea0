"""An eighth blind answer set (issue 24): written by a helper who never saw the assistant's code, only
bench/answer_cases.py (the data format, the main folder's files and the other sets), bench/answer_cases_seventh.py
(the model for this file), bench/answer_cases_sixth.py, _fifth.py, _fourth.py, _third.py and _blind.py (skimmed, to
keep clear of their people and topics, and for their `notfound` lists), bench/answer_judge.py (its docstring and
code: how replies are judged) and tests/test_answer_judge.py; of bench/answer_eval.py only its docstring and the
lines that write the made PDFs (to check that these pages fit the text box).

It adds an eighth person's life to the knowledge folder, under `home8/`: Marisol "Mari" Delgado, who owns and runs
a taco truck, Comal Rojo, in East Austin, Texas, with a line cook (Javi) and a prep cook (Rudy), preps at a shared
commissary kitchen, and has two young children with her husband Ben (an HVAC technician who is on call some
weekends): Teo (3, at a daycare) and Lucia (6, in first grade); her mother ("Ama") lives in San Antonio. In March
and April 2026 she renews the city's mobile food vendor permit (the health department's letter, an inspection that
moved, a checklist), gets the truck's generator repaired, works a double Saturday (a brewery lunch, then a night
market), delivers a catering order, books a two-day festival (the vendor confirmation and its rules, a booth that
moved), pays her crew, her commissary rent and her estimated taxes, and juggles daycare, school and her mother's
visit for the festival weekend. Her notes are written the way an American small-business owner writes them:
dollars, pounds, gallons, °F, miles, month/day dates ("Thu 3/19"), am/pm times ("1:30pm", "5pm-11pm"), clipped
("pd 3/3", "rec'd", "cs", "ea", "w/", "hrs", "dep", "APH", "AFD"), a few Spanish words (Ama, rajas, consome,
quesabirria, agua fresca), messy tables and lists, struck-out old values.

The files hold near-misses on purpose: the inspection moved from Tue 3/10 9am (the letter) to Thu 3/19 1:30pm (the
notes); the generator's quote ($340) beside its final price ($418, a voltage regulator on top); the festival's booth
B14 (the confirmation) beside C22 (a memo and the notes) and its main entrance beside the north gate for load-in;
the festival's Saturday hours (11-9) beside Sunday's (11-7); its fee ($475) beside last year's ($350) and its
deposit ($200) beside its balance ($275); two bookings on Saturday 3/28 (a brewery 11am-3pm, a night market
6pm-10pm, with a 5:15 set-up); a catering order bumped from 120 to 150 tacos; the permit fee ($560) beside last
year's ($495); the commissary rent ($650) beside 2025's ($600); Javi's rate ($18) beside last year's ($16.50); the
tortillas' old and new price per case; the daycare's old and new weekly tuition; this year's first estimated tax
payment ($2,150) beside last year's ($1,780); two people with similar names and different roles (Tina Alvarado, who
runs the commissary, and Trina Boyd, the festival's vendor coordinator); two numbers for Ben (cell, his work's
dispatch), for Tina (office, cell), for the small-engine shop (shop, Chuy's cell), for the pediatrician (office,
after-hours nurse line) and for the festival (the coordinator, the day-of operations line); Teo's pickup (5:30pm,
5pm on Fridays) beside Lucia's (2:50pm, 1:35pm on Wednesdays); the fresh water tank (40 gal) beside the gray
(50 gal); the cold-holding temperature beside the hot. All dates are in 2026 and their weekdays are the calendar's.

Nothing here answers the `notfound` questions of answer_cases.py, answer_cases_blind.py, _third.py, _fourth.py,
_fifth.py, _sixth.py or _seventh.py (no dentist, passport, flight, electrician, bank PIN, boiler, blanket, soup,
vet, cat, salary, emails, football, car insurance, holidays left, bins, driving licence, mobile contract, groomer,
harness, curtains, paint colours, dog insurance, e-card, locksmith, alpine club, best man, alarm code, cocktail
class, wedding, hotel, VAT number, door or key code, platform, mixer, staff number, Christmas dinner, brother,
recycling centre, hospital parking, thesis, dive medical or insurance, internet bill, exam, library, birthdays, and
none of those sets' people), and no file of any set answers the `notfound` questions here (Rudy's number, the
inspector's name, the night market's takings, Lucia's and Ben's birthdays, Teo's shoe size, a fryer's price, the
farmers' market's hours): the files were searched for each. The questions about rent name the commissary, and the
one about "my mom" names the festival weekend, since the main folder holds another rent and Grandma Rosa's visit.

Checked before its first run (no run of bench/answer_eval.py was seen or made): tests/test_answer_judge.py passes
with this set registered (every fact of a note, memo or PDF question is in its cited files), and each PDF page fits
the box it is written into, with every PDF fact on its expected page of the extracted text; a right reply written
here for every question and turn (with its citation: a file name, and "page N" for a PDF) was judged with
answer_judge.judge, the cited files and the conversation so far as sources: all 124 pass with nothing invented, no
wrong and no missing citation, and so do 38 right replies in other wordings ("3/19 at 1:30 p.m.", "Thursday the
19th at half past one", "C-22", "+1 512 555 0172", "512.555.0177", "quarter past five", "jusqu'au 31/03/2027",
"a dollar a minute", "Six in the evening"); 41 plausible wrong replies (the inspection's old date, the quote for
the final price, the old booth and gate, Tina's office number for her cell, Ben's cell for his dispatch, the
pediatrician's office for the nurse line, the weekday pickup for Friday's, the old tortilla price, tuition, tax,
permit fee and rent, the deposit for the balance, Saturday's hours for Sunday's, the night market's hours for the
brewery's, Trina for Tina, the fresh tank for the gray, made-up numbers and conversions, invented answers to "not
found" questions) all fail. The fixes of form this found: "the 19th" and "Thursday 19" count only when no other
month follows (as the seventh), and the American "3/19" is accepted beside "March 19" and "19 Mar"; phone numbers
may be written with dots; the plural "Fridays", "two things", "Nope" and a range "8 to 10 am" (its 8 a bare number)
are allowed; the memo says "C twenty-two" and "April first" (which the normalising leaves a word), so the booths
and that 1 are allowed; "your mom" and "grandma" name Ama; "31/03/2027" leaves a 03. Sums over a conversation cite
the file they start from; the conversion of a temperature just said (f8-c1-5) and a weekday (f8-c10-4) cite none.
One thing of the judge's own was seen and left alone (it is not this file's): an amount with a thousands separator
followed by a comma ("$2,150, due Wednesday") normalises to "2 150", so the fact is missed and "150" counted as
invented; the right replies here avoid that form, a model's may not (f8-q1-tax, f8-c10-1, f8-c10-2).
"""

from __future__ import annotations

# answer_cases imports this module at its end (SETS["eighth"], add_set_files). When this module is imported
# first, answer_cases sees it half-initialised; so the names it reads exist before that import, and are filled in
# place.
NOTES: dict[str, str] = {}
MEMOS: dict[str, str] = {}  # spoken by the packaged Piper voice into WAV files
MADE_PDFS: dict[str, list[str]] = {}  # page texts
QUESTIONS: list[Q] = []
CONVERSATIONS: list[Conversation] = []

try:  # imported as bench.answer_cases_eighth
    from .answer_cases import CALC_KINDS, FILE_KINDS, WORLD_KINDS, Conversation, Q, conv, q  # noqa: F401
except ImportError:  # bench/ on sys.path
    from answer_cases import CALC_KINDS, FILE_KINDS, WORLD_KINDS, Conversation, Q, conv, q  # noqa: F401

# -- the files --------------------------------------------------------------------------------------------
EVENTS, PERMIT = "home8/notes/truck/bookings-spring-2026.md", "home8/notes/truck/health-permit-renewal.txt"
GENERATOR, COMMISSARY = "home8/notes/truck/generator.txt", "home8/notes/truck/commissary.md"
CREW, PREP = "home8/notes/truck/crew.txt", "home8/notes/truck/depot-run-and-menu.md"
KIDS, MONEY = "home8/notes/family/kids-spring-2026.md", "home8/notes/money/taxes-bills-2026.txt"
CONTACTS, TODO = "home8/notes/contacts.txt", "home8/notes/todo-march.txt"
CHUY_MEMO, TRINA_MEMO = "home8/memos/chuy-generator.wav", "home8/memos/trina-booth.wav"
DAYCARE_MEMO = "home8/memos/little-acorns-pickup.wav"
FEST, APH = "home8/docs/eastside-eats-2026-vendor-confirmation.pdf", "home8/docs/aph-permit-renewal-MFV-03317.pdf"

NOTES.update({
    EVENTS: (
        "# Comal Rojo - spring 2026 bookings\n\n"
        "Regular spot: Thu + Fri nights @ Pour House lot (E 6th & Chicon) 5pm-11pm. Sat nights too if nothing "
        "booked. CLOSED Sun + Mon.\n\n"
        "| date           | where                                   | hours          | deal / status |\n"
        "|----------------|-----------------------------------------|----------------|---------------|\n"
        "| Sat 3/14       | Cedar Creek Brewing (Manor Rd)          | 12pm-6pm       | no fee, 10% of sales to "
        "them - Danny confirmed |\n"
        "| Sat 3/28       | Cedar Creek Brewing                     | 11am-3pm       | same deal (lunch) |\n"
        "| Sat 3/28       | Eastside Night Market, Plaza Saltillo   | 6pm-10pm       | $75 booth, pd 3/3 |\n"
        "| Fri 4/10       | Brightline Software catering (office, 3rd fl) | drop off 11:30am, lunch at noon | "
        "~~120~~ 150 tacos @ $3.75 = $562.50, 50% dep |\n"
        "| Sat 4/25 + Sun 4/26 | Eastside Eats Fest, Riverbend Park | see PDF        | $475 (last yr $350), "
        "booth ~~B14~~ C22 |\n"
        "| Sat 5/9        | Oak Hollow Elem. spring carnival        | 4pm-8pm        | 15% back to the PTA - "
        "Lucia's school!! |\n\n"
        "3/28 = DOUBLE. Close the brewery at 3, clean + restock at the commissary by 4:30, be at Saltillo "
        "setting up by 5:15 (market opens 6). Javi + me both, Rudy does the restock.\n"
        "Brightline: contact Alan Cho (office mgr). They bumped it from 120 to 150 on 3/6. Deposit $281.25 "
        "rec'd 3/6, other $281.25 on delivery. Want 1/3 veggie (rajas w/ corn).\n"),
    PERMIT: (
        "APH mobile food vendor permit - renewal 2026\n"
        "Permit # MFV-2026-03317 (current one runs out 3/31/26)\n"
        "Fee this yr $560 (last yr was $495) - pay online BEFORE the inspection. Late fee $50 after 3/31\n"
        "Inspection: ~~Tue 3/10 9am~~ -> Thu 3/19 1:30pm  (moved - generator's at Chuy's, can't pass w/o power)\n"
        "   rescheduled by phone 3/5, lady said be there 15 min early\n"
        "   7201 Levander Loop, Bldg C (NOT the APH office downtown)\n"
        "Need:\n"
        " - commissary letter from Tina, signed + notarized!! (she says ready Mon 3/16)\n"
        " - AFD fire sticker - propane check done 2/26, sticker good till Feb 2027\n"
        " - food manager cert (mine, exp 11/2028) + food handler cards for Javi + Rudy -> Rudy's EXPIRED, "
        "redo online ($7)\n"
        " - generator RUNNING + hot water at the hand sink (100F or more)\n"
        " - fridge temp logs, last 30 days\n"
        "Truck: 24 ft step van. Fresh water tank 40 gal, gray water 50 gal (has to be 15% bigger - OK)\n"),
    GENERATOR: (
        "Generator - Honda EU7000is\n"
        "hr meter 1,412 hrs on 3/8. Oil every 100 hrs -> last done at 1,350, next at 1,450\n"
        "Problem: trips when the AC + fridge + steam table all run. Started around 2/20\n\n"
        "Chuy's Small Engine (Chuy Salinas), Springdale Rd\n"
        "  dropped off Mon 3/9\n"
        "  quote $340 (carb clean, fuel pump, tune up)\n"
        "  -> + voltage regulator $78 (see memo) = $418 total, ready Wed 3/18 after 2pm. Cash or Zelle\n"
        "Backup: Marco's (Ben's cousin) Champion 4500 for Thu + Fri 3/12-13 at Pour House\n"
        "  too loud for festivals (74 dB) - Eastside Eats max is 65 dB @ 23 ft -> only the Honda\n"),
    COMMISSARY: (
        "# Southside Commissary Kitchen (1808 E St Elmo Rd, unit 6)\n\n"
        "Manager: Tina Alvarado - she books the prep slots + collects rent. NOT Trina (that's the festival)\n"
        "Rent: $650/mo since Jan (was $600 in 2025). Due the 1st, late after the 5th (+$25)\n"
        "Our prep slots: Tue 6am-10am, Thu 6am-10am, Fri 6am-11am (big prep for the weekend)\n"
        "  extra slot Sat 4/25 5am-7am for the fest - Tina OK'd it, $40\n"
        "Truck parks overnight in space 9\n"
        "Every night: fill fresh water, dump gray water. Used oil drum gets picked up Thu\n"
        "APH letter: Tina needed a copy of the permit + photo of the VIN plate -> sent 3/4\n"),
    CREW: (
        "Crew - 2026\n\n"
        "Javi (Javier Morales) - line cook, Thu/Fri/Sat nights. $18/hr since Jan (was $16.50 last yr)\n"
        "Rudy Garza - prep + dishes, commissary Tue/Thu/Fri mornings. $15/hr\n"
        "   food handler card EXPIRED in Feb -> has to redo it before 3/19!!\n"
        "Fest 4/25-26 need 4 people: me, Javi, Rudy + Javi's sister Daniela on the window (cash + card), "
        "$16/hr, both days\n"
        "Payroll every other Fri\n\n"
        "Hours wk of 3/2: Javi 27, Rudy 14\n"
        "Hours wk of 3/9: Javi 22 (no Sat - rained out), Rudy 12\n"),
    PREP: (
        "# Restaurant Depot run (Tue) + menu\n\n"
        "- pork shoulder 2 cs (~80 lb) @ $2.19/lb -> al pastor\n"
        "- corn tortillas 6 cs @ ~~$38.50~~ $41.75/cs (up AGAIN)\n"
        "- pineapple x6, white onion 25 lb bag, cilantro 1 cs, limes 1 cs\n"
        "- avocados 2 cs - $52/cs this wk, if over $60 use the avocado salsa only\n"
        "- chuck roast for birria 30 lb\n"
        "- guajillo 2 lb, ancho 1 lb, chile de arbol\n"
        "- cups 16 oz + lids, foil sheets, to-go boats\n\n"
        "Menu (board)\n"
        "tacos $3.75 ea or 3 for $10 - al pastor, carnitas, rajas w/ corn (veggie)\n"
        "quesabirria $4.50 ea, w/ consome cup +$2\n"
        "agua fresca $4 (horchata, jamaica)\n"
        "Fest est: ~1,400 tacos for the 2 days -> 160 lb pork, 14 cs tortillas\n"),
    KIDS: (
        "# Kids - spring 2026\n\n"
        "## Teo (3) - Little Acorns Learning Center\n"
        "drop off after 7:30am. Pick up by 5:30pm Mon-Thu, FRI by 5pm!! late fee $1/min\n"
        "tuition ~~$265~~ $285/wk starting Apr 1\n"
        "closed Fri 4/3 - Ben's off, he has him\n"
        "3 yr checkup - Dr. Patel, Mueller Pediatrics, Tue 4/14 10:15am - bring the shot record\n\n"
        "## Lucia (6, 1st grade) - Oak Hollow Elementary, Ms. Pham's class\n"
        "out at 2:50pm. Wednesdays early release 1:35pm\n"
        "spring break Mon 3/16 - Fri 3/20 -> she's at Ama's in San Antonio (drop her off Sun 3/15, Ben picks "
        "her up Sat 3/21)\n"
        "field trip to the Thinkery Thu 4/16 - $12 + permission slip by Fri 4/10. Sack lunch, nothing in glass\n"
        "carnival Sat 5/9 - we're bringing the truck\n\n"
        "## Fest weekend - Ama comes up\n"
        "Drives up from San Antonio Fri 4/24 after work, gets here ~7:30pm (80 mi, 1.5 hrs if 35 isn't a "
        "parking lot)\n"
        "Stays till Mon 4/27 morning - she starts at 2pm\n"
        "Sat: Ama has Lucia + Teo. Ben's ON CALL for Capital Air all weekend\n"
        "Sun: Ben off at 12 -> brings everybody to the fest around 3\n"
        "She sleeps in Lucia's room, Lucia in with Teo. Pan dulce from La Mexicana. Don't let her pay for "
        "groceries again\n"),
    MONEY: (
        "$$ - 2026\n\n"
        "Federal estimated tax (1040-ES)\n"
        "  Q1 due Wed 4/15: $2,150   (Q1 last yr was $1,780 - sales are up)\n"
        "  Q2 due Mon 6/15: $2,150\n"
        "TX sales tax - 8.25% here - quarterly. Jan-Mar return due Mon 4/20, about $1,930 (set aside in savings)\n"
        "Commissary $650 - on the 1st\n"
        "Eastside Eats fee $475: $200 deposit pd 3/2, balance $275 due Wed 4/1\n"
        "Truck loan $612/mo on the 15th - last payment Aug 2027\n"
        "Little Acorns $285/wk from 4/1 (auto draft Mondays)\n"
        "Square: 2.6% + 15c a swipe\n"),
    CONTACTS: (
        "Contacts\n\n"
        "Ben - cell (512) 555-0164 / Capital Air dispatch (512) 555-0190 (if he's out on a call)\n"
        "Ama - (210) 555-0127\n"
        "Tina Alvarado (commissary) - office (512) 555-0139 / cell (512) 555-0172 (text only, not before 7am)\n"
        "Trina Boyd (Eastside Eats vendor coordinator) - (512) 555-0188\n"
        "Danny Reyes (Cedar Creek Brewing, events) - (512) 555-0153\n"
        "Chuy's Small Engine - shop (512) 555-0116 / Chuy cell (512) 555-0195\n"
        "Javi - (512) 555-0148\n"
        "Rudy - new number?? get it from Javi\n"
        "Alan Cho (Brightline, office mgr) - (512) 555-0142\n"
        "Little Acorns front desk - (512) 555-0131\n"
        "Oak Hollow Elem office - (512) 555-0120\n"
        "Mueller Pediatrics - (512) 555-0109 / after-hours nurse line (512) 555-0177\n"
        "APH inspections (reschedule) - (512) 555-0123\n"),
    TODO: (
        "TODO - march\n"
        "[x] night market booth $75 - pd 3/3\n"
        "[x] Brightline deposit rec'd 3/6 ($281.25)\n"
        "[x] reschedule APH inspection -> Thu 3/19 1:30pm (NOT 3/10)\n"
        "[ ] pay APH renewal $560 online before the 19th\n"
        "[ ] Rudy - new food handler card ($7 online)!!!\n"
        "[ ] pick up generator Wed 3/18 after 2 - bring $418 cash\n"
        "[ ] commissary letter from Tina Mon 3/16\n"
        "[ ] fest balance $275 by Wed 4/1\n"
        "[ ] Lucia field trip $12 + slip by Fri 4/10\n"
        "[ ] K extinguisher - tag runs out in April, get it re-tagged before the fest\n"
        "[ ] Q1 estimated tax $2,150 by 4/15\n"
        "[ ] 8 extra cs tortillas for the fest\n"),
})

MEMOS.update({
    CHUY_MEMO: (
        "Chuy from the small engine shop called about the generator. The carburetor and the fuel pump were the "
        "main thing, but the voltage regulator is burnt out too, so that's seventy-eight dollars more. Four "
        "hundred and eighteen dollars all together. It'll be ready on Wednesday the eighteenth after two, and the "
        "shop closes at six p.m. Cash or Zelle, no cards."),
    TRINA_MEMO: (
        "Trina from Eastside Eats called. They moved us from booth B fourteen to C twenty-two, the corner spot by "
        "the main stage, because the B row is getting new power hookups. Load-in is still seven to nine on "
        "Saturday morning, but trucks come in through the north gate on Riverside Drive now, not the main "
        "entrance. She needs a photo of our fire extinguisher tags by April tenth."),
    DAYCARE_MEMO: (
        "Reminder from pick up at Little Acorns. They're closed on Friday, April third, for staff training. Ben's "
        "off that day, so he's got Teo. Tuition goes up to two hundred and eighty-five dollars a week starting "
        "April first. And they want a spare change of clothes in his cubby, and sunscreen with his name on it."),
})

MADE_PDFS.update({
    FEST: [
        "EASTSIDE EATS FEST 2026\nFood Vendor Confirmation\nRiverbend Park, Austin, Texas\n"
        "Issued: March 2, 2026\n\n"
        "Vendor: Comal Rojo (Marisol Delgado)\n"
        "Unit: food truck, 24 ft, generator Honda EU7000is\n"
        "Booth: B14 (truck row B)\n\n"
        "Festival hours\n"
        "Saturday, April 25, 2026: 11:00 AM - 9:00 PM\n"
        "Sunday, April 26, 2026: 11:00 AM - 7:00 PM\n\n"
        "Load-in: Saturday 7:00 AM - 9:00 AM through the main entrance (Gate A, Pleasant Valley Road). "
        "Vehicles not in place by 9:30 AM may lose their booth.\n"
        "Trucks stay in place overnight on Saturday; security is on site from 9:00 PM. "
        "Sunday restock: 8:00 AM - 10:00 AM, on foot or with hand carts only (no vehicles on the grounds).\n"
        "Load-out: Sunday after 7:30 PM, once the grounds are clear of visitors.\n\n"
        "Vendor fee: $475.00\n"
        "Deposit received March 2, 2026: $200.00\n"
        "Balance due by April 1, 2026: $275.00\n"
        "Included: 4 vendor wristbands and 1 vehicle parking pass.\n\n"
        "Vendor coordinator: Trina Boyd, (512) 555-0188\n"
        "Festival day operations line (April 25-26 only): (512) 555-0100",
        "Vendor rules\n\n"
        "Generators: inverter generators only, no louder than 65 dB at 23 feet. There is no shared power on "
        "site.\n"
        "Fire safety: every vendor must have a K-class extinguisher and a 2A:10BC extinguisher, with inspection "
        "tags current through the event. Send a photo of the tags to the vendor coordinator by April 10.\n"
        "Propane: cylinders secured upright, no more than 100 lb in total per vendor.\n"
        "Water and waste: grey water may not be dumped on the grounds. Used cooking oil goes in the marked drums "
        "at the north lot.\n"
        "Sales: vendors keep 100% of their sales. Card readers must be able to work offline.\n"
        "Health: a current City of Austin mobile food vendor permit must be displayed; Austin Public Health may "
        "inspect on site.\n"
        "Cancellation: cancelled by the vendor before April 1, the deposit is refunded less $50; after April 1, "
        "no refund. If the festival is cancelled for weather, fees are credited to Eastside Eats 2027.",
    ],
    APH: [
        "City of Austin - Austin Public Health\nEnvironmental Health Services Division - Mobile Food Vendor "
        "Program\n\n"
        "February 20, 2026\n\n"
        "Marisol Delgado\nComal Rojo\n2610 Lyons Road, Austin, TX 78702\n\n"
        "RE: Permit renewal - MFV-2026-03317\n\n"
        "Dear Ms. Delgado,\n"
        "Your mobile food vendor permit expires on March 31, 2026. Your annual renewal inspection has been "
        "scheduled for:\n\n"
        "Tuesday, March 10, 2026 at 9:00 AM\n"
        "Mobile Vendor Inspection Site, 7201 Levander Loop, Building C, Austin, TX 78702\n\n"
        "Renewal fee: $560.00 (mobile unit with commissary). Pay online or at the inspection site before the "
        "inspection begins. A late fee of $50.00 applies to renewals completed after March 31.\n"
        "To reschedule, call (512) 555-0123 at least 48 hours before your appointment. Please arrive 15 minutes "
        "early with the unit in operating condition.\n"
        "Once approved, the new permit is valid through March 31, 2027.",
        "Inspection checklist\n\n"
        "Bring: a commissary verification letter, signed and notarized, dated within the last 30 days; a current "
        "Austin Fire Department inspection sticker; your Certified Food Manager certificate; food handler cards "
        "for every employee; temperature logs for the last 30 days.\n"
        "The unit: a handwashing sink with hot water of at least 100°F, soap and paper towels; cold holding at "
        "41°F or below; hot holding at 135°F or above; a probe thermometer; a fresh water tank of at least "
        "30 gallons and a waste water tank at least 15% larger than the fresh water tank; the generator or shore "
        "power running for the whole inspection.\n"
        "Common reasons for failing: no hot water at the handwashing sink, expired food handler cards, a waste "
        "tank that is too small, no commissary letter.\n"
        "A unit that fails may be re-inspected once free of charge within 10 business days; after that, each "
        "re-inspection costs $85.",
    ],
})

# facts that come back. The notes write dates the American way ("Thu 3/19", normalised to "3 19"), the letters
# spell them out ("March 19, 2026" -> "19 march 2026"), and several near-misses fall on the same day of another
# month (Tue 3/10 and Fri 4/10, 3/3 and 4/3, 4/14 and 3/14): so "the 19th" and "Thursday 19" count only when no
# other month follows them.
_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december")


def _date(day: int, month: str, weekday: str) -> tuple[str, ...]:
    number = _MONTHS.index(month) + 1
    others = "|".join(m for other in _MONTHS if other != month for m in (other, other[:3]))
    guard = f"(?= )(?! (?:of )?(?:{others}) )"
    return (f"{day} {month}", f"{day} {month[:3]}", f"{month[:3]} {day}",
            f"re:(?<![\\d.:])0?{number} 0?{day}(?![\\d.:])", f"re: the {day}{guard}", f"re: {weekday} {day}{guard}")


MAR10, MAR16, MAR18 = _date(10, "march", "tuesday"), _date(16, "march", "monday"), _date(18, "march", "wednesday")
MAR19 = _date(19, "march", "thursday")
APR1, APR3, APR10 = _date(1, "april", "wednesday"), _date(3, "april", "friday"), _date(10, "april", "friday")
APR14, APR20 = _date(14, "april", "tuesday"), _date(20, "april", "monday")
APR24, APR27 = _date(24, "april", "friday"), _date(27, "april", "monday")
T0700 = ("7:00", "7 am", "seven o'clock", "7 o'clock")
T0900 = ("9:00", "9 am", "nine o'clock", "9 o'clock")
T1015 = ("10:15", "quarter past ten")
T1100 = ("11:00", "11 am", "eleven o'clock", "11 o'clock")
T1130 = ("11:30", "half past eleven", "eleven thirty")
T1330 = ("1:30", "half past one", "one thirty")
T1400 = ("2:00", "2 pm", "after 2", "two o'clock", "2 o'clock")
T1500 = ("3:00", "3 pm", "three o'clock", "3 o'clock")
T1700 = ("5:00", "5 pm", "five o'clock", "5 o'clock")
T1730 = ("5:30", "half past five", "five thirty")
T1800 = ("6:00", "6 pm", "six o'clock", "6 o'clock")
T1900 = ("7:00", "7 pm", "seven o'clock", "7 o'clock")
T1930 = ("7:30", "half past seven", "seven thirty")
T2200 = ("10:00", "10 pm", "ten o'clock", "10 o'clock")
BOOTH_NEW, BOOTH_OLD = "re:(?<![\\w])c ?22(?![\\w])", "re:(?<![\\w])b ?14(?![\\w])"
BOOTHS = ("C22", "B14", "22", "14")  # the memo says "C twenty-two", the note "C22"
TINA_CELL = "re:(1[ .])?(512[ .])?555[ .]?0172"
BEN_WORK = "re:(1[ .])?(512[ .])?555[ .]?0190"
NURSE = "re:(1[ .])?(512[ .])?555[ .]?0177"
OPS_LINE = "re:(1[ .])?(512[ .])?555[ .]?0100"
AMA_TEL = "re:(1[ .])?(210[ .])?555[ .]?0127"
C_TO_F = ("1.8", "9/5", "9", "5", "32", "5/9")
MI_KM = ("1.609", "1.61", "1.60934", "1.609344", "0.621", "0.62", "0.621371")

# -- the questions ----------------------------------------------------------------------------------------
QUESTIONS.extend([
    # notes
    q("f8-inspect-when", "note", "When's the health inspection for the truck's permit renewal?", MAR19, T1330,
      cite=(PERMIT, TODO), spoken=True),
    q("f8-inspect-where", "note", "where do i take the truck for the inspection", "levander",
      cite=(PERMIT, APH), pages=(1,), style="terse"),
    q("f8-inspect-early", "note", "ok so the lady on the phone said something about getting there early for the "
      "inspection, how early was it again?", ("15 min", "15 minutes", "quarter of an hour"), cite=(PERMIT, APH),
      pages=(1,), style="rambling"),
    q("f8-permit-fee", "note", "How much is the permit renewal costing me this year?", "560",
      cite=(PERMIT, TODO, APH), pages=(1,)),
    q("f8-tina-letter", "note", "When is Tina going to have the commissary letter for the inspection ready?",
      MAR16, cite=(PERMIT, TODO)),
    q("f8-handler-card", "note", "Is anybody on the crew walking around with an expired food handler card?",
      "rudy", cite=(PERMIT, CREW, TODO)),
    q("f8-gray-tank", "note", "How many gallons does the truck's waste water tank hold?", "50", cite=PERMIT),
    q("f8-gen-quote", "note", "What did Chuy originally quote me to fix the generator?", "340", cite=GENERATOR),
    q("f8-double-sat", "note", "what have we got booked for the truck on saturday the 28th", "cedar creek",
      ("night market", "saltillo"), cite=EVENTS, style="terse", allowed=("2",)),
    q("f8-saltillo-setup", "note", "So what time do I actually have to be at Saltillo on the 28th?",
      ("5:15", "quarter past five"), cite=EVENTS),
    q("f8-brewery-cut", "note", "What does Cedar Creek get out of it when we park at the brewery?",
      "10 percent", cite=EVENTS),
    q("f8-catering-fr", "note", "À quelle heure je dois livrer les tacos chez Brightline ?", T1130, cite=EVENTS,
      style="fr"),
    q("f8-commissary-rent", "note", "hows much is the comissary rent now", "650", cite=(COMMISSARY, MONEY),
      style="misspelt"),
    q("f8-prep-who", "note", "Who do I talk to about changing our prep slots at the kitchen?",
      ("alvarado", "re:(?<!\\w)tina(?!\\w)"), cite=(COMMISSARY, CONTACTS)),
    q("f8-tina-cell", "note", "What's Tina's cell number?", TINA_CELL, cite=(CONTACTS, COMMISSARY),
      allowed=("1",)),
    q("f8-window", "note", "Who's taking the money at the window during the festival?", "daniela", cite=CREW),
    q("f8-teo-friday", "note", "What time do I have to be at the daycare for pickup on a Friday?", T1700, cite=KIDS,
      spoken=True, allowed=("Fridays",)),
    q("f8-lucia-wed", "note", "lucia gets out early on wednesdays right? what time", "1:35", cite=KIDS,
      style="terse"),
    q("f8-spring-break", "note", "Where's Lucia spending her spring break?",
      ("san antonio", "ama", "grandma", "grandmother", "abuela"), cite=KIDS),
    q("f8-checkup-de", "note", "Wann ist Teos Vorsorgeuntersuchung beim Kinderarzt?", APR14, T1015, cite=KIDS,
      style="de"),
    q("f8-mom-arrives", "note", "When's my mom getting in for the festival weekend?", APR24, T1930, cite=KIDS),
    q("f8-kids-saturday", "note", "who's watching the kids while we're at the fest on saturday",
      ("ama", "mom", "mother", "grandma", "grandmother", "abuela"), cite=KIDS, style="terse"),
    q("f8-q1-tax", "note", "How much is my first quarter estimated tax payment?", "2150", cite=(MONEY, TODO),
      spoken=True),
    q("f8-sales-tax-due", "note", "When do I have to file the sales tax return for January to March?", APR20,
      cite=MONEY),
    q("f8-tortillas", "note", "What are we paying for a case of corn tortillas now?", "41.75", cite=PREP),
    q("f8-three-es", "note", "¿Cuánto cuestan tres tacos con la oferta?", "10", cite=PREP, style="es"),
    q("f8-ben-dispatch", "note", "Could you give me the number for Ben's dispatch at work, please?", BEN_WORK,
      cite=CONTACTS, style="polite", allowed=("1",)),
    q("f8-nurse-line", "note", "Teo's running a fever and it's like nine at night, who do I even call at the "
      "pediatrician's at this hour?", NURSE, cite=CONTACTS, style="rambling", allowed=("1",)),
    # voice memos
    q("f8-gen-final", "memo", "How much is the generator repair going to be in the end?", "418",
      cite=(CHUY_MEMO, GENERATOR, TODO), spoken=True),
    q("f8-gen-fault", "memo", "wat else was rong with the genrator besides the carb", "voltage regulator",
      cite=(CHUY_MEMO, GENERATOR), style="misspelt"),
    q("f8-gen-ready", "memo", "When can I pick the generator up?", MAR18, T1400, cite=(CHUY_MEMO, GENERATOR, TODO)),
    q("f8-chuy-closes", "memo", "What time does Chuy's shop close?", T1800 + ("six in the evening",),
      cite=CHUY_MEMO),
    q("f8-booth", "memo", "What booth are we in at Eastside Eats?", BOOTH_NEW, cite=(TRINA_MEMO, EVENTS),
      spoken=True, allowed=BOOTHS),
    q("f8-gate", "memo", "so where do we drive in for load-in at the fest?", "north gate", cite=TRINA_MEMO),
    q("f8-tag-photo", "memo", "By when does Trina need the photo of the extinguisher tags?", APR10,
      cite=(TRINA_MEMO, FEST), pages=(2,)),
    q("f8-daycare-es", "memo", "¿Qué día está cerrada la guardería de Teo en abril?",
      ("3 april", "3 de abril", "re:viernes 3\\b", "3 abril"), cite=(DAYCARE_MEMO, KIDS), style="es"),
    q("f8-tuition", "memo", "how much is daycare a week from april", "285", cite=(DAYCARE_MEMO, KIDS, MONEY),
      style="terse", allowed=("1", "April")),
    q("f8-cubby", "memo", "What do I need to put in Teo's cubby?", "clothes", "sunscreen", cite=DAYCARE_MEMO),
    # PDFs
    q("f8-fest-sunday", "pdf", "What are the festival hours on the Sunday?", T1100, T1900, cite=FEST, pages=(1,)),
    q("f8-fest-balance", "pdf", "How much do I still owe for the festival, and by when?", "275", APR1,
      cite=(FEST, MONEY, TODO), pages=(1,)),
    q("f8-restock", "pdf", "if we run low on stuff saturday night can we drive the truck out and back in sunday "
      "morning to restock?", ("foot", "hand cart", "hand carts", "no vehicles"), cite=FEST, pages=(1,),
      style="rambling", allowed=("8", "10")),
    q("f8-noise", "pdf", "What's the noise limit for generators at Eastside Eats?", "65",
      cite=(FEST, GENERATOR), pages=(2,)),
    q("f8-rainout", "pdf", "What happens to the festival fee if the whole thing gets rained out?",
      ("credited", "credit"), "2027", cite=FEST, pages=(2,)),
    q("f8-ops-line", "pdf", "What number do I call on festival day if something goes wrong?", OPS_LINE,
      cite=FEST, pages=(1,), allowed=("1",)),
    q("f8-hot-hold", "pdf", "What temperature does hot food have to be kept at for the inspection?", "135",
      cite=APH, pages=(2,), spoken=True),
    q("f8-reinspect", "pdf", "If we fail the inspection, what does it cost to get re-inspected?",
      ("free", "no charge"), "85", cite=APH, pages=(2,)),
    q("f8-valid-fr", "pdf", "Jusqu'à quand le nouveau permis sera-t-il valable ?",
      ("31 march 2027", "31 mars 2027", "re:(?<![\\d.])0?3 31 2027", "re:31 0?3 2027"), cite=APH, pages=(1,),
      style="fr", allowed=("3",)),
    q("f8-letter", "pdf", "What does the commissary letter need for the inspection?", ("notarized", "notarised"),
      "30 days", cite=(APH, PERMIT), pages=(2,)),
    # not in the folder
    q("f8-nf-rudy-phone", "notfound", "What's Rudy's cell number?"),
    q("f8-nf-inspector", "notfound", "What's the name of the inspector who's doing the truck on the 19th?"),
    q("f8-nf-market-sales", "notfound", "How much did we take at the Eastside Night Market?"),
    q("f8-nf-lucia-bday", "notfound", "When's Lucia's birthday?", spoken=True),
    q("f8-nf-shoes", "notfound", "wat size shoes does teo wear now", style="misspelt"),
    q("f8-nf-ben-de", "notfound", "Wann hat Ben Geburtstag?", style="de"),
    q("f8-nf-fryer-fr", "notfound", "Combien a coûté la nouvelle friteuse du food truck ?", style="fr"),
    q("f8-nf-farmers-es", "notfound", "¿A qué hora abre el mercado de agricultores los domingos?", style="es"),
    # the world
    q("f8-capital-tx", "general", "What's the capital of Texas?", "austin", spoken=True,
      allowed=("Austin", "Texas", "Travis", "County", "Colorado", "River", "1839", "Capitol", "Houston", "Dallas",
               "San", "Antonio", "Stephen", "F.", "Republic", "of")),
    q("f8-river", "general", "what river goes thru downtown austin", "colorado", style="terse",
      allowed=("Colorado", "River", "Lady", "Bird", "Lake", "Town", "Austin", "Texas", "Travis", "Highland",
               "Lakes", "Longhorn", "Dam", "Tom", "Miller", "Mansfield", "Gulf", "of", "Mexico", "Matagorda", "Bay",
               "Johnson", "Barton", "Creek", "Springs", "Zilker", "Park", "Congress", "Avenue", "Bridge", "Ann",
               "W.", "Richards", "Lower", "1960", "2007", "1,387", "1387", "862", "1,390", "2,232", "km",
               "miles", "mi", "West")),
    q("f8-chicken", "general", "What internal temperature does chicken have to reach to be safe, in Fahrenheit?",
      "165", allowed=("74", "73.9", "Celsius", "Fahrenheit", "USDA", "F", "C", "°F", "°C", "160", "175", "180",
                      "3", "5", "10", "1", "2", "minutes")),
    q("f8-income-tax", "general", "Does Texas have a state income tax?",
      ("re:^\\s*(no|nope)\\b", "doesn't", "does not", "no state income tax"),
      allowed=("Texas", "Alaska", "Florida", "Nevada", "South", "Dakota", "Tennessee", "Washington", "Wyoming",
               "New", "Hampshire", "New Hampshire", "9", "8", "7", "6.25", "8.25", "2", "2019", "1991", "Texans",
               "Nope", "Constitution", "Proposition", "4", "sales", "property", "franchise", "federal", "IRS")),
    q("f8-cinco-es", "general", "¿Qué se celebra el Cinco de Mayo?", "puebla", style="es",
      allowed=("1862", "5", "1861", "1867", "16", "1810", "6000", "6.000", "4000", "4.000", "2", "8000",
               "8.000", "1", "2", "3", "4")),
    q("f8-tortilla-warm", "advice", "Any tips for keeping 150 corn tortillas warm for a catering drop-off?",
      ("towel", "cooler", "foil", "warmer", "damp", "steam", "insulated", "cambro", "wrap"),
      allowed=("150", "1", "2", "3", "4", "5", "10", "12", "15", "20", "25", "30", "45", "60", "140", "150",
               "165", "170", "180", "200", "250", "300", "F", "°F", "Cambro", "Styrofoam", "Igloo", "Coleman",
               "Yeti", "Ziploc", "Instant", "Pot", "minutes", "hours")),
    q("f8-toddler-bed", "advice", "My 3 year old keeps climbing into our bed every night, any tips?",
      ("routine", "consistent", "consistency", "reward", "sticker", "walk him back", "back to his bed",
       "return him", "night light", "praise", "calm"),
      allowed=("3", "1", "2", "4", "5", "7", "10", "14", "15", "20", "30", "minutes", "weeks", "nights",
               "OK", "Okay", "Wake", "OK-to-wake", "Gro", "Hatch", "Ferber", "Supernanny", "AAP")),
    # arithmetic, units, dates
    q("f8-mul", "arithmetic", "whats 150 times 3.75", "562.5", style="terse"),
    q("f8-tax-pct", "arithmetic", "What's 8.25 percent of 1,200?", "99", allowed=("8.25", "1200", "0.0825")),
    q("f8-javi-week", "arithmetic", "If Javi works 27 hours this week, what do I owe him at his rate?", "486",
      cite=CREW, allowed=("18", "27")),
    q("f8-tortilla-diff", "arithmetic", "How much more is a case of tortillas than before, and what's that extra "
      "on the 6 cases I buy?", "3.25", "19.5", cite=PREP, allowed=("38.5", "41.75", "6", "231", "250.5")),
    q("f8-gal-l", "units", "How many liters is a 40 gallon water tank?",
      "re:151\\.[34]\\d*|(?<![\\d.])151(?![\\d.])", allowed=("3.785", "3.78541", "3.79", "151.4", "151.42", "40",
                                                            "151", "US")),
    q("f8-f-c", "units", "What's 135 degrees Fahrenheit in Celsius?", "re:57\\.2\\d*|(?<![\\d.])57(?![\\d.])",
      allowed=C_TO_F + ("57.2", "57.22", "57.222", "135", "103", "57")),
    q("f8-lb-kg", "units", "How many kilos is 80 pounds of pork?", "re:36\\.[23]\\d*|(?<![\\d.])36(?![\\d.])",
      spoken=True, allowed=("0.4536", "0.453592", "0.45", "0.454", "2.2", "2.205", "2.20462", "36.29", "36.3",
                            "36.287", "80", "36")),
    q("f8-mi-km", "units", "San Antonio's about 80 miles from Austin, what's that in kilometers?",
      "re:128\\.[7-8]\\d*|(?<![\\d.])129(?![\\d.])", allowed=MI_KM + ("128.7", "128.75", "128.748", "129", "80")),
    q("f8-july4", "dates", "What day of the week is July 4, 2026?", "saturday",
      allowed=("4", "July", "2026", "Independence", "Day", "250", "250th", "1776", "Friday", "3", "observed")),
    q("f8-days-fest", "dates", "How many days are there from March 19 to April 25, 2026?", "37",
      allowed=("19", "25", "March", "April", "2026", "12", "31", "6", "5", "1", "7")),
    q("f8-90-days", "dates", "What date is 90 days after March 31, 2026?", ("29 june", "june 29", "29th of june"),
      allowed=("2026", "90", "Monday", "30", "31", "61", "29", "June", "April", "May", "March")),
])

CONVERSATIONS.extend([
    conv("f8-inspection",
         q("f8-c1-1", "note", "When was the health inspection supposed to be originally?", MAR10, T0900,
           cite=(PERMIT, APH), pages=(1,)),
         q("f8-c1-2", "note", "and when is it now?", MAR19, T1330, cite=(PERMIT, TODO)),
         q("f8-c1-3", "dates", "how many days later is that?", ("9", "nine"), cite=(PERMIT, APH, TODO), pages=(1,),
           allowed=("10", "19", "March")),
         q("f8-c1-4", "pdf", "How hot does the water at the hand sink have to be?", "100", cite=(APH, PERMIT),
           pages=(2,)),
         q("f8-c1-5", "units", "what's that in Celsius?", "re:37\\.[78]\\d*|(?<![\\d.])38(?![\\d.])",
           allowed=C_TO_F + ("100", "37.8", "37.78", "37.778", "37.7", "38"))),
    conv("f8-generator",
         q("f8-c2-1", "note", "What did Chuy quote me for the generator?", "340", cite=GENERATOR),
         q("f8-c2-2", "memo", "And what's it come to now?", "418", cite=(CHUY_MEMO, GENERATOR, TODO)),
         q("f8-c2-3", "arithmetic", "so what percent more is that than the quote?",
           "re:22\\.9\\d*|(?<![\\d.])23 percent", cite=(CHUY_MEMO, GENERATOR),
           allowed=("78", "340", "418", "22.94", "22.9", "23", "100")),
         q("f8-c2-4", "memo", "When's it ready?", MAR18, T1400, cite=(CHUY_MEMO, GENERATOR, TODO)),
         q("f8-c2-5", "general", "By the way, what does a voltage regulator actually do on a generator?",
           ("steady", "constant", "stable", "consistent", "fluctuat", "even", "regulates the voltage",
            "controls the voltage"),
           allowed=("AVR", "AC", "DC", "120", "240", "V", "volts", "Hz", "60", "50", "RPM"))),
    conv("f8-saturday",
         q("f8-c3-1", "note", "What's on for the truck on Saturday March 28?", "cedar creek",
           ("night market", "saltillo"), cite=EVENTS),
         q("f8-c3-2", "note", "What are the hours at the brewery?", T1100, T1500, cite=EVENTS),
         q("f8-c3-3", "note", "and the second one?", T1800, T2200, cite=EVENTS),
         q("f8-c3-4", "arithmetic", "How many hours are we serving that day altogether?", ("8", "eight"),
           cite=EVENTS, allowed=("4", "11", "3", "6", "10")),
         q("f8-c3-5", "general", "What's the state flower of Texas?", "bluebonnet",
           allowed=("Bluebonnet", "Bluebonnets", "Lupinus", "texensis", "subcarnosus", "1901", "1971", "Texas",
                    "Lady", "Bird", "Johnson", "March", "April", "spring", "Hill", "Country"))),
    conv("f8-festival-money",
         q("f8-c4-1", "pdf", "What's the vendor fee for Eastside Eats this year?", "475", cite=(FEST, EVENTS, MONEY),
           pages=(1,)),
         q("f8-c4-2", "note", "What was it last year?", "350", cite=EVENTS),
         q("f8-c4-3", "arithmetic", "how much more is that", "125", cite=EVENTS, allowed=("475", "350")),
         q("f8-c4-4", "pdf", "How much of it did I put down as a deposit?", "200", cite=(FEST, MONEY), pages=(1,)),
         q("f8-c4-5", "dates", "How many days after the balance is due is the festival?", ("24", "twenty-four"),
           cite=(FEST, MONEY, TODO), pages=(1,),
           allowed=("1", "25", "April", "Saturday", "Wednesday", "2026", "275"))),
    conv("f8-booth",
         q("f8-c5-1", "pdf", "What booth does the festival confirmation give us?", BOOTH_OLD, cite=FEST,
           pages=(1,), allowed=BOOTHS),
         q("f8-c5-2", "memo", "Is that still right?", BOOTH_NEW, cite=(TRINA_MEMO, EVENTS),
           allowed=BOOTHS),
         q("f8-c5-3", "memo", "Why did they move us?", ("power",), cite=TRINA_MEMO),
         q("f8-c5-4", "memo", "And which way do we come in for load-in now?", "north gate", cite=TRINA_MEMO),
         q("f8-c5-5", "pdf", "What time does load-in start on the Saturday?", T0700, cite=(FEST, TRINA_MEMO),
           pages=(1,))),
    conv("f8-kids",
         q("f8-c6-1", "note", "What time does Lucia get out of school?", "2:50", cite=KIDS),
         q("f8-c6-2", "note", "and Teo's daycare pickup, Monday to Thursday?", T1730, cite=KIDS),
         q("f8-c6-3", "note", "What's the late fee if I don't make it?",
           ("re:(?<![\\d.])1 (a |per |each |every )?min(ute)?\\b", "re:dollar (a|per|each|every) min"),
           cite=KIDS),
         q("f8-c6-4", "arithmetic", "If I'm 12 minutes late, how much is that?", "12", cite=KIDS,
           allowed=("1", "12")),
         q("f8-c6-5", "memo", "When's the daycare closed again?", APR3, cite=(DAYCARE_MEMO, KIDS))),
    conv("f8-catering",
         q("f8-c7-1", "note", "How many tacos is Brightline getting?", "150", cite=EVENTS),
         q("f8-c7-2", "note", "At what price each?", "3.75", cite=(EVENTS, PREP)),
         q("f8-c7-3", "arithmetic", "What's the total then?", "562.5", cite=EVENTS, allowed=("150", "3.75")),
         q("f8-c7-4", "note", "How much have they paid me already?", "281.25", cite=(EVENTS, TODO)),
         q("f8-c7-5", "note", "Who's my contact over there?", "cho", cite=(EVENTS, CONTACTS))),
    conv("f8-ama",
         q("f8-c8-1", "note", "When is Ama coming up for the fest?", APR24, cite=KIDS),
         q("f8-c8-2", "note", "And when does she head back?", APR27, cite=KIDS),
         q("f8-c8-3", "units", "She drives about 80 miles each way, how many km is the round trip?",
           "re:257\\.[45]\\d*|(?<![\\d.])25[78](?![\\d.])",
           allowed=MI_KM + ("160", "80", "128.7", "128.75", "257.5", "257.49", "257.4", "257", "258", "2")),
         q("f8-c8-4", "note", "What's her phone number?", AMA_TEL, cite=CONTACTS, allowed=("1",)),
         q("f8-c8-5", "note", "Where's Ben going to be on the Saturday of the fest?", "on call", cite=KIDS)),
    conv("f8-crew",
         q("f8-c9-1", "note", "What's Javi's hourly rate?", "18", cite=CREW),
         q("f8-c9-2", "note", "What was it last year?", "16.5", cite=CREW),
         q("f8-c9-3", "arithmetic", "He did 27 hours the week of March 2nd, what's his pay for that week?", "486",
           cite=CREW, allowed=("27", "18")),
         q("f8-c9-4", "note", "And how many hours did Rudy do that week?", "14", cite=CREW),
         q("f8-c9-5", "arithmetic", "what do the two of them cost me together for that week?", "696", cite=CREW,
           allowed=("15", "210", "486", "14", "27", "18"))),
    conv("f8-taxes",
         q("f8-c10-1", "note", "How much is the Q1 estimated tax this year?", "2150", cite=(MONEY, TODO)),
         q("f8-c10-2", "note", "And what did I pay for Q1 last year?", "1780", cite=MONEY),
         q("f8-c10-3", "arithmetic", "By what percentage did it go up?",
           "re:20\\.[78]\\d*|(?<![\\d.])21 percent", cite=MONEY,
           allowed=("370", "1780", "2150", "20.79", "20.8", "21", "100")),
         q("f8-c10-4", "dates", "What day of the week is April 15 this year?", "wednesday",
           allowed=("15", "April", "2026")),
         q("f8-c10-5", "general", "Which federal agency collects income tax in the US?",
           ("irs", "internal revenue service"),
           allowed=("IRS", "Internal", "Revenue", "Service", "Treasury", "Department", "US", "U.S.", "United",
                    "States", "1862", "1953", "Bureau"))),
])
