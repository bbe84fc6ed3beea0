"""A ninth blind answer set (issue 24): written by a helper who never saw the assistant's code, only
bench/answer_cases.py (the data format, the main folder's files and the other sets), bench/answer_cases_eighth.py
(the model for this file), bench/answer_cases_seventh.py, _sixth.py, _fifth.py, _fourth.py, _third.py and
_blind.py (skimmed, to keep clear of their people and topics, and for their `notfound` lists),
bench/answer_judge.py (its docstring and code: how replies are judged) and tests/test_answer_judge.py; of
bench/answer_eval.py only its docstring and the lines that write the made PDFs (to check that these pages fit the
text box).

It adds a ninth person's life to the knowledge folder, under `home9/`: Rohit Kulkarni, a shift supervisor on press
line 3 of an auto-components plant (Deccan Precision Components, Plant 2, Chakan MIDC, near Pune), on rotating A, B,
C and General shifts with Thursday as the weekly off, who lives in Pimple Saudagar with his wife Meera (a teacher),
their son Aarav (12, Std 7) and his father "Baba" (Vasant Kulkarni, 76: diabetic, an angioplasty in 2024), looked
after on weekdays by an attendant, Sunita tai. In February and March 2026 he juggles a shift swap with a colleague
(Imran) to go to Aarav's parent-teacher meeting, an IATF audit that moved, HR's circular with new shift timings and
bus pick-ups from 2 March, Baba's echo and treadmill test (the hospital's letter, a call that moved it, the
follow-up with the cardiologist), Baba's tablets and sugar log, Sunita's three days off and her stand-in, the
household's February spending, Aarav's fees and science exhibition, and a trip to the family village near Satara
for Gudi Padwa (the train out, the bus back). His notes are written the way a Pune factory supervisor writes them:
rupees ("Rs 14,000", "Rs 3,00,000", one amount in lakh grouping), day/month dates ("Mon 16/2", "31/3/2026"), 24-hour
shift times ("06:30-15:00") beside "10:30 am", clipped ("pd", "w/", "OT", "CL", "PTM", "PP", "LB", "Dist.", "conf.
room"), Marathi and Hindi words (Baba, tai, dada, kaka, kaku, gaon, ghar kharch, kirana), Markdown tables, a
checklist, struck-out old values.

The files hold near-misses on purpose: Baba's echo and TMT moved from Sat 14/2 9:30 (the hospital's letter) to
Mon 16/2 10:30 (a memo and the to-do list), with the letter's "reach 30 minutes early" beside the memo's "reach by
ten", the letter's reports "after 4:00 PM" beside the memo's five p.m., and the PTM at 11 on the same Saturday 14/2
(moved from Sat 7/2); the audit moved from Tue 24-Wed 25/2 to Tue 3-Wed 4/3 (both Tuesday to Wednesday); the shift
timings up to 1 March beside those from 2 March (A, B and C, and the bus pick-ups of each, 30 minutes earlier),
General unchanged; two people with similar names and different roles at the plant (Sandeep Patil, the production
manager who signs swaps, and Sandip Pawar, HR, who hands out bus passes) and two doctors Joshi (Amol, the
cardiologist, and Amit, the family doctor); two numbers for each of the hospital (the appointment desk, the
cardiologist's assistant Kavita), the school (the office, the van driver), the bus (the coordinator Ganesh, the
transport office) and the plant people (mobile, extension); Sunita's hours (9 to 6) beside her stand-in Lata's
(9 to 5) and Sunita's pay this year (Rs 14,000) beside last year's (Rs 12,500); the RO service's quote (Rs 2,400)
beside its final price (Rs 3,150); the echo and TMT package (Rs 4,500) beside the two tests' own prices; Aarav's fee
this year (Rs 38,500) beside next year's (Rs 41,200) and its first instalment (Rs 20,600); this month's light bill
beside January's; the van fee, the chemist's bill and the output target beside their old values; atorvastatin
20 mg beside the old 10 mg; fasting beside after-meal sugar, and this reading beside earlier ones; the swap's two
days (Sat 14/2 and Fri 13/3, the C shift owed) beside the science exhibition on Fri 13/3; the train out (Wed 18/3
14:25) beside the bus back (Sun 22/3 15:30). All dates are in 2026 and their weekdays are the calendar's.

Nothing here answers the `notfound` questions of answer_cases.py, answer_cases_blind.py, _third.py, _fourth.py,
_fifth.py, _sixth.py, _seventh.py or _eighth.py (no dentist, passport, flight, electrician, bank PIN, boiler,
blanket, soup, vet, cat, salary, emails, football, car insurance, holidays left (the leave taken is written, no
balance), bins, driving licence, mobile contract, groomer, harness, curtains, paint colours, dog insurance, e-card,
locksmith, alpine club, best man, alarm code, cocktail class, wedding, hotel, VAT number, door or key code, platform,
mixer, staff number, Christmas dinner, brother, recycling centre, hospital parking, thesis, dive medical or
insurance, internet bill, exam, library, birthdays, shoe sizes, fryer, farmers' market, and none of those sets'
people), and no file of any set answers the `notfound` questions here (Baba's blood group, Aarav's class teacher,
December's electricity bill, the RO technician's name, a canteen meal's price, Suresh kaka's number, the auditor's
name, the Gudi Padwa puja's time): the files were searched for each. The question about the electricity bill names
February, since the main folder's budget holds November's.

Checked before its first run (no run of bench/answer_eval.py was seen or made): tests/test_answer_judge.py passes
with this set registered (every fact of a note, memo or PDF question is in its cited files; the conversations'
turns were checked the same way), each PDF page fits the box it is written into (pymupdf's insert_textbox leaves
room on every page), with every PDF fact on its expected page of the extracted text; a right reply written here
for every question and turn (with its citation: a file name, and "page N" for a PDF) was judged with
answer_judge.judge, the cited files (a PDF's cited pages) and the conversation so far as sources: all 125 pass with
nothing invented, no wrong and no missing citation, and so do 20 right replies in other wordings ("+91 97300
62819", "9011027739", "4521873906", "Rs 300000", "020 25886100", "from three in the afternoon till half past eleven
at night", "23rd to 25th February", "Sat 14/2 at 11", "Jeudi 19/3", "twenty to ten at night", "About 7%"); 30
plausible wrong replies (the echo's old date and time, the letter's report time, the audit's old dates, the old
shift and bus times, Pawar for Patil, Amol for Amit, Sunita's hours for Lata's and the other way round, last
year's pay and fee, the quote for the final price, the separate prices for the package, the old atorvastatin dose,
an earlier sugar reading, the desk's number for Kavita's and hers for the desk's, the transport office for the
coordinator, the school office for the van driver, the train for the bus back, the swap's wrong shift and day,
made-up conversions and weekdays, invented answers to "not found" questions, January's bill given for December's)
all fail. The fixes of form this found: "the 16th" and "Monday 16" count only when no other month follows (as the
eighth), and the Indian "16/2" is accepted beside "16 February" and "Feb 16"; phone numbers may be written with or
without the space and with +91; the notes write some dates without a month or weekday, so "February" or
"January" in those replies, a date's weekday ("Wed 11/2") and the year of the fee's due date are allowed or
written in; "reach by 10", "at 11", "three in the afternoon" and a range "23 to 25 February" are accepted. Sums
and date differences over a conversation cite the file they start from (as the seventh and eighth); the weekday
of a date just said (f9-c6-5) and the conversion of a reading just said (f9-c9-4) cite none. Two questions are in
Italian (style "it", which the judge treats as English, so names are checked: the date question allows its Italian
month and weekday words).
"""

from __future__ import annotations

# answer_cases imports this module at its end (SETS["ninth"], add_set_files). When this module is imported
# first, answer_cases sees it half-initialised; so the names it reads exist before that import, and are filled in
# place.
NOTES: dict[str, str] = {}
MEMOS: dict[str, str] = {}  # spoken by the packaged Piper voice into WAV files
MADE_PDFS: dict[str, list[str]] = {}  # page texts
QUESTIONS: list[Q] = []
CONVERSATIONS: list[Conversation] = []

try:  # imported as bench.answer_cases_ninth
    from .answer_cases import CALC_KINDS, FILE_KINDS, WORLD_KINDS, Conversation, Q, conv, q  # noqa: F401
except ImportError:  # bench/ on sys.path
    from answer_cases import CALC_KINDS, FILE_KINDS, WORLD_KINDS, Conversation, Q, conv, q  # noqa: F401

# -- the files --------------------------------------------------------------------------------------------
ROSTER, PLANT = "home9/notes/plant/roster-feb-mar-2026.md", "home9/notes/plant/plant-contacts.txt"
AUDIT = "home9/notes/plant/audit-ot-line3.txt"
MEDS, SUGAR = "home9/notes/baba/medicines.md", "home9/notes/baba/sugar-bp-log.txt"
CARE = "home9/notes/baba/doctors-and-care.md"
TRIP, SCHOOL = "home9/notes/home/gaon-gudi-padwa.md", "home9/notes/home/aarav-school.txt"
KHARCH, TODO = "home9/notes/home/ghar-kharch-feb-2026.md", "home9/notes/todo.txt"
HOSP_MEMO, SUNITA_MEMO = "home9/memos/hospital-call-echo.wav", "home9/memos/sunita-tai-leave.wav"
SWAP_MEMO = "home9/memos/imran-shift-swap.wav"
CIRCULAR = "home9/docs/DPC-circular-HR-2026-07-shift-timings.pdf"
HOSP = "home9/docs/jeevan-jyoti-cardiac-tests-appointment.pdf"

NOTES.update({
    ROSTER: (
        "# Shift roster - Press shop, Line 3 - Feb/Mar 2026\n\n"
        "Weekly off: THURSDAY (MIDC staggered power day). Weeks Mon-Sun.\n"
        "Timings till 1/3: A 06:30-15:00, B 15:00-23:30, C 23:30-06:30. General 09:00-17:30.\n"
        "From Mon 2/3 new timings - see HR circular 07.\n\n"
        "| week          | my shift | remarks |\n"
        "|---------------|----------|---------|\n"
        "| 02/02 - 08/02 | C        | |\n"
        "| 09/02 - 15/02 | A        | Sat 14/2 swapped w/ Imran -> I do his B that day (PTM at 11) |\n"
        "| 16/02 - 22/02 | B        | Mon 16/2 Baba echo 10:30 am, then B shift |\n"
        "| 23/02 - 01/03 | A        | audit prep, 5S |\n"
        "| 02/03 - 08/03 | General  | IATF audit Tue 3/3 + Wed 4/3 |\n"
        "| 09/03 - 15/03 | C        | + Imran's C on Fri 13/3 (swap return) |\n"
        "| 16/03 - 22/03 | B        | CL 18/3, 20/3, 21/3 for gaon (19/3 is Thu off anyway) - sanctioned by "
        "Sandeep sir 9/3 |\n"
        "| 23/03 - 29/03 | A        | |\n"),
    PLANT: (
        "Plant contacts - DPC Plant 2, Chakan MIDC\n\n"
        "Sandeep Patil - Production Manager (my boss) - 98812 30467 - shift swaps, leave, OT approval\n"
        "Sandip Pawar - HR Executive - ext 2214 / 98909 55128 - bus pass, canteen card, PF\n"
        "   (2 Sandeeps!! Patil = production, Pawar = HR)\n"
        "Imran Shaikh - supervisor Line 4 - 97651 84302\n"
        "Ganesh More - bus coordinator Route 7 - 90110 27739 (call HIM if the bus is late, not the transport "
        "office)\n"
        "Transport office - 02135-664218\n"
        "Security gate 2 - 02135-664200\n"
        "Maintenance (press breakdown) - ext 2301, nights: Rajesh 96237 11580\n\n"
        "Line 3 operators: 14 on A, 12 on B, 9 on C\n"),
    AUDIT: (
        "IATF 16949 surveillance audit - Plant 2\n"
        "~~Tue 24/2 - Wed 25/2~~ -> Tue 3/3 - Wed 4/3 (certification body changed the dates on 6/2)\n"
        "Opening meeting Tue 3/3 9:15 am, conf. room 1. Closing meeting Wed 4/3 4 pm\n"
        "Me: General shift both days\n"
        "Line 3 checklist: 5S, control plan copies at each press, PPAP file for part 7731-B, calibration "
        "stickers on gauges, red bin log\n\n"
        "Rejection rate Line 3: Jan 1.8% (Dec 2.4%). Target below 1.5%\n"
        "Output target per shift: ~~1,080~~ 1,200 pcs from Feb\n\n"
        "OT - Feb (approved by Sandeep sir)\n"
        "06/02 - 3 h (die change)\n"
        "10/02 - 2 h\n"
        "17/02 - 2.5 h\n"
        "21/02 - 4 h (Sat stock taking)\n"),
    MEDS: (
        "# Baba's medicines (Vasant Kulkarni, 76)\n"
        "updated 10/02/2026 after Dr Amit Joshi's home visit\n\n"
        "| medicine            | dose  | when |\n"
        "|---------------------|-------|------|\n"
        "| Glimepiride 1 mg    | 1 tab | before breakfast (7:30 am) |\n"
        "| Metformin 500 mg    | 1 tab | after breakfast + after dinner |\n"
        "| Telma 40            | 1 tab | morning, 9 am |\n"
        "| Ecosprin 75         | 1 tab | after lunch |\n"
        "| Atorvastatin ~~10 mg~~ 20 mg | 1 tab | night, 10 pm (dose doubled on 10/2) |\n\n"
        "Chemist: Shree Medical, Shivar Chowk - home delivery, 10% off. Refill around the 5th.\n"
        "Jan bill Rs 3,480 (Dec Rs 3,210)\n"
        "Pill box: fill on Sunday night.\n"),
    SUGAR: (
        "Baba - sugar + BP log (glucometer, mg/dL)\n\n"
        "date       fasting   PP (2 hr after lunch)   BP\n"
        "02/02 Mon  148       212                     140/86\n"
        "05/02 Thu  141       205\n"
        "09/02 Mon  136       194                     138/84\n"
        "12/02 Thu  134       190\n"
        "16/02 Mon  --  (echo day, skipped)\n"
        "19/02 Thu  132       188                     132/80\n\n"
        "Target (Dr Amit): fasting under 130, PP under 180\n"
        "HbA1c 7.4% on 31/01 (was 7.9% in Oct)\n"),
    CARE: (
        "# Baba - doctors & care\n\n"
        "## Doctors\n"
        "- Dr Amol Joshi - cardiologist, Jeevan Jyoti Hospital, Aundh. Did his angioplasty in 2024. OPD Mon-Sat "
        "5-8 pm.\n"
        "  Assistant Kavita: 97300 62819 (appointments, WhatsApp ok)\n"
        "  Hospital appointment desk: 020-2588 6100\n"
        "  Follow-up with the echo + TMT reports: Fri 20/2, 6:15 pm, token 14\n"
        "- Dr Amit Joshi - our family doctor, Joshi Clinic, Pimple Saudagar. Evenings 6:30-9:30 pm, Sun closed.\n"
        "  Home visit Rs 700 (clinic Rs 400). Clinic: 020-2723 1187\n\n"
        "## Sunita tai (attendant)\n"
        "Mon-Sat, 9 am to 6 pm. Sundays Meera + me.\n"
        "Rs 14,000/month from Jan 2026 (was Rs 12,500 in 2025). Paid on the 5th, cash.\n"
        "Does: bath, breakfast + lunch, 9 am + after-lunch tablets, evening walk in the society garden (20 min)\n"
        "Sunita: 88060 57214. Backup: Lata (her cousin) 98503 12447\n\n"
        "## Mediclaim\n"
        "Suraksha Senior Care policy, sum insured Rs 3,00,000 - cashless only for admission, OPD tests NOT "
        "covered\n"),
    TRIP: (
        "# Gaon - Gudi Padwa 2026 (Koregaon, Dist. Satara)\n\n"
        "Gudi Padwa: Thu 19/3. Going: me, Meera, Aarav, Baba\n\n"
        "Out: Wed 18/3 - train 11029, Pune 14:25 -> Satara 18:10\n"
        "  PNR 452-1873906, Sleeper, coach S4, berths 33 (LB - Baba), 34, 36, 37. Fare Rs 1,020 for 4\n"
        "  Suresh kaka picks us up at Satara station with the jeep\n"
        "Back: Sun 22/3 - MSRTC Shivshahi (AC) 15:30 from Satara bus stand -> Swargate ~19:00\n"
        "  Baba free (75+), 3 x Rs 385\n\n"
        "Carry:\n"
        "- [ ] Baba's medicines for 5 days + glucometer strips\n"
        "- [ ] shawl for Baba (nights are cold there)\n"
        "- [ ] shrikhand from Chitale (2 kg) for kaka's house\n"
        "- [ ] saree for kaku\n"
        "- [x] Aarav's cricket bat (he insists)\n"),
    SCHOOL: (
        "Aarav - Std 7 B - Dnyandeep English Medium School, Wakad\n\n"
        "Van: Pravin dada 98231 60574 - pickup 7:10 am at society gate B, drop ~2:15 pm\n"
        "   van fee Rs 1,600/month (was 1,400 last year)\n"
        "School office: 020-2729 3312 (9 am to 1 pm)\n"
        "PTM: ~~Sat 7/2~~ Sat 14/2, 11 am (moved - teachers' training). Meera can't go (her own school) -> I go\n"
        "Science exhibition: Fri 13/3, 9:30-12:30. His project = rainwater harvesting model. Needs thermocol "
        "sheet + small pump (Rs 250)\n"
        "Fees: this year (Std 7) Rs 38,500. Next year (Std 8, 2026-27) Rs 41,200 - 1st instalment Rs 20,600 by "
        "31/3/2026\n"),
    KHARCH: (
        "# Ghar kharch - Feb 2026\n\n"
        "| item                        | Rs      | note |\n"
        "|-----------------------------|---------|------|\n"
        "| Society maintenance         | 2,850   | pd 3/2 online |\n"
        "| Sunita tai                  | 14,000  | pd 5/2 cash |\n"
        "| Baba medicines (Shree Med.) | 3,480   | Jan bill, pd 6/2 |\n"
        "| Milk (Gokul, 2 L/day)       | 3,136   | 28 days |\n"
        "| Light bill (MSEDCL)         | 1,640   | Jan was 1,410 - geyser! due 18/2 |\n"
        "| LPG cylinder (HP)           | 913     | booked Mon 9/2, came Wed 11/2 |\n"
        "| Aarav van                   | 1,600   | |\n"
        "| Kirana (D-Mart + local)     | ~9,500  | |\n"
        "| RO service (Aquaguard)      | ~~2,400~~ 3,150 | quote was 2,400, membrane also changed (+750) |\n"
        "| Baba echo + TMT package     | 4,500   | 16/2, at the hospital |\n"),
    TODO: (
        "TODO - Feb/Mar\n"
        "[x] book LPG (9/2)\n"
        "[x] Imran swap form - signed by Sandeep sir 11/2\n"
        "[x] light bill 1,640 before 18/2\n"
        "[ ] echo + TMT Mon 16/2 10:30 - leave home 9:15, reach by 10 (NOT Sat 14!)\n"
        "[ ] Baba follow-up Dr Amol Joshi Fri 20/2 6:15 pm - take the reports\n"
        "[ ] new bus pass from Sandip Pawar (HR) before 27/2 - new timings from 2/3\n"
        "[ ] audit prep: 5S line 3, control plan copies - audit now 3/3-4/3\n"
        "[ ] Aarav fees 1st instalment 20,600 by 31/3\n"
        "[ ] book Shivshahi back 22/3 (train out already booked)\n"
        "[ ] thermocol + pump for Aarav's project (exhibition Fri 13/3)\n"
        "[ ] tell Sunita tai we're away 18-22/3 - pay full month anyway\n"),
})

MEMOS.update({
    HOSP_MEMO: (
        "Call from Kavita, Doctor Amol Joshi's assistant at Jeevan Jyoti. Baba's echo and T M T on Saturday the "
        "fourteenth are cancelled, because doctor is away at a conference. The new date is Monday the sixteenth "
        "of February at ten thirty a.m. Reach by ten for registration. The reports will be ready at five p.m. the "
        "same day. Bring the old angiography C D and the list of his medicines. Light breakfast by eight, "
        "nothing after that except water."),
    SUNITA_MEMO: (
        "Sunita tai will be on leave from Monday the twenty-third to Wednesday the twenty-fifth of February. She "
        "is going to her village for a family function. Her cousin Lata will come instead, from nine a.m. to "
        "five p.m., not till six. Pay Lata directly, six hundred rupees a day, and cut it from Sunita's month."),
    SWAP_MEMO: (
        "Note to self. Imran said yes to the swap. On Saturday the fourteenth of February he does my A shift, "
        "and I do his B shift, three p.m. to eleven thirty p.m., so I can go to Aarav's P T M in the morning. "
        "Sandeep sir has to sign the swap form before Thursday. In return I take Imran's C shift on Friday the "
        "thirteenth of March."),
})

MADE_PDFS.update({
    CIRCULAR: [
        "DECCAN PRECISION COMPONENTS PVT. LTD.\nPlant 2, Plot E-41, Chakan MIDC Phase II, Pune 410501\n\n"
        "Circular No. HR/2026/07                                        Date: 10 February 2026\n\n"
        "To: All shop-floor employees, supervisors and contract staff\n"
        "Subject: Revised shift timings from Monday, 2 March 2026\n\n"
        "To reduce the plant's peak-hour power tariff, the shift timings will change from Monday, 2 March 2026:\n\n"
        "Shift        Up to 1 March 2026        From 2 March 2026\n"
        "A            06:30 - 15:00             06:00 - 14:30\n"
        "B            15:00 - 23:30             14:30 - 23:00\n"
        "C            23:30 - 06:30             23:00 - 06:00\n"
        "General      09:00 - 17:30             09:00 - 17:30 (no change)\n\n"
        "The weekly off remains Thursday. Shift handover meetings (10 minutes) start at the new shift start "
        "times. Canteen timings will change in line with the shifts; the new canteen schedule will be displayed "
        "at the canteen.\n\n"
        "R. V. Kelkar\nHead - HR & Administration",
        "Company bus - revised pick-up times (from Monday, 2 March 2026)\n\n"
        "Route 7 (Pimple Saudagar - Chakan), stop: Shivar Chowk\n"
        "A shift: 05:10 (was 05:40)\n"
        "B shift: 13:10 (was 13:40)\n"
        "C shift: 21:40 (was 22:10)\n"
        "General shift: 07:50 (no change)\n"
        "Other stops on Route 7: Kokane Chowk 5 minutes later, Nashik Phata 15 minutes later.\n\n"
        "New bus passes: collect your new bus pass from Mr. Sandip Pawar, HR Executive (ext. 2214), between "
        "09:00 and 17:00, on or before Friday, 27 February 2026. Old passes are not valid from 2 March.\n\n"
        "For a bus that is late, call the route coordinator. Transport office: 02135-664218.",
    ],
    HOSP: [
        "JEEVAN JYOTI HOSPITAL\nDepartment of Cardiology\nAundh, Pune 411007\n\n"
        "Appointment confirmation                                   Date: 5 February 2026\n\n"
        "Patient: Mr. Vasant G. Kulkarni, 76 years, Male\nUHID: JJH-2291-0457\n"
        "Consultant: Dr. Amol Joshi, MD, DM (Cardiology)\n\n"
        "Tests: 2D Echocardiography (2D Echo) and Treadmill Test (TMT)\n"
        "Date and time: Saturday, 14 February 2026, 09:30 AM\n"
        "Place: Non-Invasive Cardiology Lab, Ground Floor, Wing B\n"
        "Please reach 30 minutes early for registration.\n\n"
        "Charges: 2D Echo Rs 2,200; TMT Rs 2,800. Cardiac screening package (2D Echo and TMT in the same "
        "visit): Rs 4,500. Payable at registration. Out-patient tests are not covered under cashless "
        "insurance.\n"
        "Reports: the same day after 4:00 PM, at the reports counter.\n"
        "Consultation with reports: OPD 2, First Floor, Monday to Saturday, 5:00 PM - 8:00 PM, by appointment.\n\n"
        "Appointment desk: 020-2588 6100 (Monday to Saturday, 8:00 AM - 8:00 PM)",
        "Instructions for your tests\n\n"
        "Treadmill Test (TMT): have a light breakfast at least 2 hours before the test. No tea, coffee or "
        "smoking in the 2 hours before the test. Wear comfortable clothes and walking or sports shoes (no "
        "slippers). The test takes about 45 minutes.\n"
        "Patients on beta-blockers: ask your cardiologist whether to stop them 48 hours before the TMT.\n"
        "Diabetic patients: take your usual breakfast and tablets, and bring your glucometer.\n"
        "2D Echo: no preparation is needed.\n\n"
        "Please bring: previous reports, the angiography CD if you have one, and a list of current medicines.\n"
        "One attendant may accompany the patient. To reschedule, call the appointment desk at least 24 hours "
        "before.",
    ],
})

# facts that come back. The notes write dates the Indian way ("Mon 16/2", "31/3/2026", normalised to "16 2" and
# "31 3 2026"), the letters spell them out ("14 February 2026"); several near-misses fall on the same day of
# another month (Sat 14/2 and Sat 14/3, Fri 13/3, Wed 18/2 and 18/3), so "the 16th" and "Monday 16" count only
# when no other month follows them.
_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december")


def _date(day: int, month: str, weekday: str) -> tuple[str, ...]:
    number = _MONTHS.index(month) + 1
    others = "|".join(m for other in _MONTHS if other != month for m in (other, other[:3]))
    guard = f"(?= )(?! (?:of )?(?:{others}) )"
    return (f"{day} {month}", f"{day} {month[:3]}", f"{month[:3]} {day}",
            f"re:(?<![\\d.:])0?{day} 0?{number}(?![\\d.:])", f"re: the {day}{guard}", f"re: {weekday} {day}{guard}")


FEB11, FEB14, FEB16 = _date(11, "february", "wednesday"), _date(14, "february", "saturday"), \
    _date(16, "february", "monday")
FEB18, FEB20, FEB23 = _date(18, "february", "wednesday"), _date(20, "february", "friday"), \
    _date(23, "february", "monday")
FEB24, FEB25, FEB27 = _date(24, "february", "tuesday"), _date(25, "february", "wednesday"), \
    _date(27, "february", "friday")
MAR2, MAR3, MAR4 = _date(2, "march", "monday"), _date(3, "march", "tuesday"), _date(4, "march", "wednesday")
MAR13, MAR18 = _date(13, "march", "friday"), _date(18, "march", "wednesday")
MAR19, MAR22, MAR31 = _date(19, "march", "thursday"), _date(22, "march", "sunday"), _date(31, "march", "tuesday")
T0600 = ("6:00", "6 am", "six o'clock", "6 o'clock", "six in the morning")
T0900 = ("9:00", "9 am", "nine o'clock", "9 o'clock")
T0930 = ("9:30", "half past nine", "nine thirty")
T1000 = ("10:00", "10 am", "ten o'clock", "10 o'clock")
T1030 = ("10:30", "half past ten", "ten thirty")
T1100 = ("11:00", "11 am", "eleven o'clock", "11 o'clock")
T1425 = ("2:25", "twenty-five past two")
T1430 = ("2:30", "half past two", "two thirty")
T1500 = ("3:00", "3 pm", "three o'clock", "3 o'clock")
T1530 = ("3:30", "half past three", "three thirty")
T1700 = ("5:00", "5 pm", "five o'clock", "5 o'clock")
T1800 = ("6:00", "6 pm", "six o'clock", "6 o'clock", "six in the evening")
T1810 = ("6:10", "ten past six")
T1815 = ("6:15", "quarter past six")
T2200 = ("10:00", "10 pm", "ten o'clock", "10 o'clock", "ten at night")
T2300 = ("11:00", "11 pm", "eleven o'clock", "11 o'clock", "eleven at night")
T2330 = ("11:30", "half past eleven", "eleven thirty")
T0630 = ("6:30", "half past six", "six thirty")
C_SHIFT = "re:(?<![\\w])c(?![\\w])"
KAVITA_TEL, KAVITA_ALT = "re:(91 )?97300 ?62819", ("91", "9730062819")
DESK_TEL, DESK_ALT = "re:(020 )?2588 ?6100", ("25886100", "020")
GANESH_TEL, GANESH_ALT = "re:(91 )?90110 ?27739", ("91", "9011027739")
PRAVIN_TEL, PRAVIN_ALT = "re:(91 )?98231 ?60574", ("91", "9823160574")
LATA_TEL, LATA_ALT = "re:(91 )?98503 ?12447", ("91", "9850312447")
SANDEEP_TEL, SANDEEP_ALT = "re:(91 )?98812 ?30467", ("91", "9881230467")
MI_KM = ("1.609", "1.61", "1.60934", "1.609344", "0.621", "0.62", "0.621371")
MGDL = ("18", "18.0", "18.016", "18.02", "0.0555", "0.05551", "mg", "dL", "mmol", "L")

# -- the questions ----------------------------------------------------------------------------------------
QUESTIONS.extend([
    # notes: Baba's care
    q("f9-followup", "note", "When do we go back to Dr Amol Joshi with Baba's reports?", FEB20, T1815,
      cite=(CARE, TODO)),
    q("f9-family-doc", "note", "Which Joshi is our family doctor, the one near the house?", "amit",
      cite=CARE),
    q("f9-kavita", "note", "Could you give me the number of the cardiologist's assistant, please?", KAVITA_TEL,
      cite=CARE, style="polite", allowed=KAVITA_ALT),
    q("f9-sunita-pay", "note", "How much am I paying Sunita tai every month now?", "14000", cite=(CARE, KHARCH),
      spoken=True),
    q("f9-sunita-hours", "note", "what time does sunita tai normally leave in the evening", T1800, cite=CARE,
      style="terse"),
    q("f9-atorva", "note", "What dose of atorvastatin is Baba on now?", "20 mg", cite=MEDS, allowed=("February",)),
    q("f9-before-breakfast", "note", "Which of my father's tablets has to go in before breakfast?", "glimepiride",
      cite=MEDS),
    q("f9-metformin-it", "note", "Quante volte al giorno prende la metformina mio padre?",
      ("2", "twice", "due volte", "two"), cite=MEDS, style="it"),
    q("f9-sugar-latest", "note", "What was Baba's most recent fasting sugar reading?", "132", cite=SUGAR,
      allowed=("February",)),
    q("f9-hba1c", "note", "ok so the doctor will ask about his hba1c, what was it last time and what was it "
      "before that?", "7.4", "7.9", cite=SUGAR, style="rambling",
      allowed=("January", "October")),
    q("f9-mediclaim", "note", "How much is Baba's mediclaim cover?",
      ("re:(?<![\\d.])3 00 000(?![\\d.])", "300000", "3 lakh", "3 lakhs", "three lakh"), cite=CARE,
      allowed=("300000", "3", "lakh", "lakhs", "00", "000")),
    # notes: the plant
    q("f9-weekly-off", "note", "Which day is my weekly off at the plant?", "thursday", cite=(ROSTER, CIRCULAR),
      pages=(1,)),
    q("f9-week-mar9", "note", "What shift am I on the week of 9 March?", C_SHIFT, cite=ROSTER,
      allowed=("C", "night", "9", "15", "13")),
    q("f9-audit-when", "note", "When's the IATF audit now?", MAR3, MAR4, cite=(AUDIT, TODO, ROSTER), spoken=True),
    q("f9-swap-sign", "note", "Who has to sign my shift swap form?", ("sandeep", "patil"),
      cite=(PLANT, SWAP_MEMO, TODO)),
    q("f9-bus-late", "note", "its 5 in the morning and the company bus still hasnt shown up at the chowk, whose "
      "number should i call", GANESH_TEL, cite=PLANT, style="rambling", allowed=GANESH_ALT),
    q("f9-rejection-de", "note", "Wie hoch war die Ausschussquote von Linie 3 im Januar?", "1.8", cite=AUDIT,
      style="de"),
    # notes: home, school, the trip
    q("f9-train-when", "note", "When's our train to Satara and what time does it leave Pune?", MAR18, T1425,
      cite=TRIP, spoken=True),
    q("f9-baba-berth", "note", "wich berth did i get for baba", "33", cite=TRIP, style="misspelt"),
    q("f9-pnr", "note", "whats the PNR for the satara train", "re:452 ?1873906", cite=TRIP, style="terse",
      allowed=("4521873906",)),
    q("f9-return", "note", "How are we getting back from the village, and when?", ("shivshahi", "bus"), MAR22,
      T1530, cite=(TRIP, TODO)),
    q("f9-gudi-fr", "note", "Quel jour tombe Gudi Padwa cette année d'après mes notes ?",
      MAR19 + ("19 mars", "jeudi 19", "re:jeudi 19"), cite=TRIP, style="fr"),
    q("f9-ptm", "note", "When is Aarav's parent teacher meeting?", FEB14, T1100 + ("re:at 11(?![\\d.:])",),
      cite=SCHOOL, allowed=("11",)),
    q("f9-van-driver", "note", "What's the school van driver's number?", PRAVIN_TEL, cite=SCHOOL,
      allowed=PRAVIN_ALT),
    q("f9-fee-next", "note", "hw much is aaravs school fee gonna be next yr", "41200", cite=SCHOOL,
      style="misspelt"),
    q("f9-instalment", "note", "By when do I have to pay the first instalment of the fees, and how much is it?",
      "20600", MAR31, cite=(SCHOOL, TODO), allowed=("2026",)),
    q("f9-exhibition-es", "note", "¿Qué día es la exposición de ciencias de Aarav?",
      MAR13 + ("13 de marzo", "viernes 13", "13 marzo"), cite=(SCHOOL, TODO), style="es"),
    q("f9-light-bill", "note", "How much was the electricity bill in February?", "1640", cite=(KHARCH, TODO)),
    q("f9-lpg", "note", "wen did the gas cylindar come", FEB11, cite=KHARCH, style="misspelt"),
    # voice memos
    q("f9-echo-when", "memo", "When is Baba's echo and TMT now?", FEB16, T1030, cite=(HOSP_MEMO, TODO, ROSTER),
      spoken=True),
    q("f9-reach-by", "memo", "What time do we have to be at the hospital for registration on the echo day?",
      T1000 + ("re:by 10(?![\\d.:])",), cite=(HOSP_MEMO, TODO)),
    q("f9-echo-why", "memo", "why did the hospital move the echo", "conference", cite=HOSP_MEMO, style="terse"),
    q("f9-report-time", "memo", "What time will the echo reports be ready?", T1700, cite=HOSP_MEMO),
    q("f9-swap-hours", "memo", "So what hours am I working on Saturday the 14th then?",
      T1500 + ("3 in the afternoon",), T2330 + ("11:30 at night",),
      cite=(SWAP_MEMO, ROSTER), spoken=True),
    q("f9-owe-imran", "memo", "Which shift do I owe Imran in return, and on what day?", C_SHIFT, MAR13,
      cite=(SWAP_MEMO, ROSTER), allowed=("C",)),
    q("f9-sunita-leave", "memo", "sunita tai told me something about being off in february, which days was that "
      "again?", FEB23 + ("re:(?<![\\d.:])23 (?:to|and|until|till|through|-) 25 feb",), FEB25,
      cite=SUNITA_MEMO, style="rambling"),
    q("f9-substitute", "memo", "Who's coming in place of Sunita while she's away?", "lata",
      cite=(SUNITA_MEMO, CARE)),
    q("f9-lata-hours", "memo", "What are Lata's hours?", T0900, T1700, cite=SUNITA_MEMO),
    q("f9-lata-pay", "memo", "how much do i pay lata per day", "600", cite=SUNITA_MEMO, style="terse"),
    # PDFs
    q("f9-echo-orig", "pdf", "What date and time did the hospital's letter first give for the echo?", FEB14,
      T0930, cite=HOSP, pages=(1,)),
    q("f9-package", "pdf", "How much is the echo plus TMT package?", "4500", cite=(HOSP, KHARCH), pages=(1,),
      spoken=True),
    q("f9-separately", "pdf", "How much would the two heart tests cost if they were done separately?",
      "2200", "2800", cite=HOSP, pages=(1,), allowed=("5000",)),
    q("f9-shoes", "pdf", "What should Baba wear on his feet for the treadmill test?",
      ("sports shoes", "walking shoes", "walking or sports shoes"), cite=HOSP, pages=(2,),
      allowed=("slippers",)),
    q("f9-bring", "pdf", "Please tell me what papers and things we should carry for the heart tests.",
      ("angiography", "cd"), ("medicines", "medicine list", "list of"), cite=(HOSP, HOSP_MEMO), pages=(2,),
      style="polite"),
    q("f9-desk", "pdf", "Can you give me the hospital's appointment desk number?", DESK_TEL, cite=(HOSP, CARE),
      pages=(1,), style="polite", allowed=DESK_ALT),
    q("f9-cashless", "pdf", "Will Baba's mediclaim pay cashless for the echo?", ("not covered", "no", "isn't covered",
                                                                                  "is not covered", "won't"),
      cite=(HOSP, CARE), pages=(1,)),
    q("f9-new-a", "pdf", "From March, what are the new timings for A shift?", T0600, T1430, cite=CIRCULAR,
      pages=(1,), spoken=True),
    q("f9-bus-a", "pdf", "What time does the company bus pick me up at Shivar Chowk for A shift after the change?",
      ("5:10", "ten past five"), cite=CIRCULAR, pages=(2,)),
    q("f9-bus-pass", "pdf", "Who do I collect the new bus pass from, and by when?", ("pawar", "sandip"), FEB27,
      cite=(CIRCULAR, TODO), pages=(2,)),
    # not in the folder
    q("f9-nf-blood-group", "notfound", "What's Baba's blood group?", spoken=True),
    q("f9-nf-teacher", "notfound", "What's the name of Aarav's class teacher?"),
    q("f9-nf-dec-bill", "notfound", "How much was our MSEDCL bill for December?"),
    q("f9-nf-ro-tech", "notfound", "whats the name of the RO technician who came", style="terse"),
    q("f9-nf-canteen", "notfound", "How much does a meal cost in the plant canteen?"),
    q("f9-nf-kaka-es", "notfound", "¿Cuál es el número de teléfono de Suresh kaka?", style="es"),
    q("f9-nf-auditor-de", "notfound", "Wie heißt der Auditor, der zum IATF-Audit kommt?", style="de"),
    q("f9-nf-puja-fr", "notfound", "À quelle heure commence la puja de Gudi Padwa au village ?", style="fr"),
    # the world
    q("f9-capital-mh", "general", "What's the capital of Maharashtra?", "mumbai", spoken=True,
      allowed=("Mumbai", "Bombay", "Nagpur", "Maharashtra", "India", "winter", "second", "capital", "1960", "1",
               "May", "Vidhan", "Bhavan", "Mantralaya")),
    q("f9-republic", "general", "When is Republic Day celebrated in India?", ("26 january", "26th of january"),
      allowed=("26", "January", "1950", "1949", "26 November", "November", "Constitution", "India", "Delhi",
               "New", "Kartavya", "Path", "Rajpath", "Republic", "Day", "Indian", "Ambedkar", "B.", "R.")),
    q("f9-nehru", "general", "who was india's first prime minister", "nehru", style="terse",
      allowed=("Jawaharlal", "Nehru", "Pandit", "1947", "1964", "15", "August", "May", "27", "India", "Indian",
               "National", "Congress", "17", "Prime", "Minister", "Allahabad", "Prayagraj")),
    q("f9-fasting-normal", "general", "What's a normal fasting blood sugar for an adult?",
      ("re:(?<![\\d.])(99|100)(?![\\d.])", "re:5\\.[56]"),
      allowed=("70", "99", "100", "125", "126", "5.5", "5.6", "3.9", "6.9", "7.0", "7", "8", "mg", "dL", "mmol",
               "L", "ADA", "WHO", "American", "Diabetes", "Association", "HbA1c", "1c", "A1c", "2", "200", "140",
               "6.5", "prediabetes", "Prediabetes", "Normal", "Diabetes")),
    q("f9-day-sleep", "advice", "i do rotating night shifts, how do i sleep better during the day",
      ("dark", "blackout", "earplug", "earplugs", "eye mask", "caffeine", "routine", "schedule", "cool",
       "white noise"), style="terse",
      allowed=("7", "8", "9", "6", "4", "5", "2", "3", "1", "20", "30", "90", "hours", "minutes", "C", "°C",
               "18", "20", "65", "68", "F", "°F", "Melatonin", "melatonin")),
    q("f9-falls", "advice", "Any tips to stop my elderly father slipping in the bathroom?",
      ("grab bar", "grab bars", "non slip", "anti skid", "mat", "rail", "handrail", "shower chair", "stool",
       "light", "nightlight"),
      allowed=("1", "2", "3", "24", "grab", "bars")),
    # arithmetic, units, dates
    q("f9-ot-total", "arithmetic", "How many hours of OT did I put in in February altogether?", "11.5",
      cite=AUDIT, allowed=("3", "2", "2.5", "4")),
    q("f9-sunita-year", "arithmetic", "At her current rate, what does Sunita tai cost us for a whole year?",
      "168000", cite=CARE, allowed=("12", "14000", "168000")),
    q("f9-fee-diff", "arithmetic", "By how much did Aarav's school fee go up from this year to next?", "2700",
      cite=SCHOOL, allowed=("38500", "41200")),
    q("f9-bus-back", "arithmetic", "How much will the bus back from Satara cost us in total?", "1155",
      cite=TRIP, allowed=("3", "385", "75")),
    q("f9-gst", "arithmetic", "What's 18 percent GST on 2,400 rupees?", "432", allowed=("18", "2400", "2832")),
    q("f9-milk-math", "arithmetic", "whats 2 litres a day at 56 rupees a litre for 28 days", "3136", style="terse",
      allowed=("112",)),
    q("f9-mmol", "units", "Convert a blood sugar of 132 mg/dL to mmol/L.", "re:7\\.3\\d*",
      allowed=MGDL + ("132", "7.3", "7.33", "7.32", "7.326")),
    q("f9-height", "units", "How many centimetres is 5 feet 6 inches?",
      "re:167\\.6\\d*|(?<![\\d.])168(?![\\d.])", allowed=("2.54", "12", "66", "30.48", "167.6", "167.64", "168",
                                                         "152.4", "15.24", "60")),
    q("f9-km-mi", "units", "Pune to Satara is about 115 km, how many miles is that?",
      "re:71\\.[45]\\d*|(?<![\\d.])71(?![\\d.])", allowed=MI_KM + ("71.5", "71.46", "71.4", "71", "115")),
    q("f9-aug15", "dates", "What day of the week is 15 August 2026?", "saturday", spoken=True,
      allowed=("15", "August", "2026", "Independence", "Day", "India", "79th", "80th", "1947", "79", "80")),
    q("f9-days-to-gudi", "dates", "How many days are there from 16 February to 19 March 2026?", "31",
      allowed=("16", "19", "February", "March", "2026", "28", "12", "3", "2", "29")),
    q("f9-45-days-it", "dates", "Che giorno sarà 45 giorni dopo il 16 febbraio 2026?",
      ("2 april", "2 aprile", "re:(?<![\\d.])0?2 0?4 2026"), style="it",
      allowed=("45", "16", "febbraio", "2026", "giovedì", "Thursday", "aprile", "April", "February", "Giovedì",
               "12", "31", "28")),
])

CONVERSATIONS.extend([
    conv("f9-echo",
         q("f9-c1-1", "pdf", "When was Baba's echo booked for in the hospital's letter?", FEB14, T0930, cite=HOSP,
           pages=(1,)),
         q("f9-c1-2", "memo", "and when is it now?", FEB16, T1030, cite=(HOSP_MEMO, TODO, ROSTER)),
         q("f9-c1-3", "dates", "how many days later is that?", ("2", "two"), cite=(HOSP_MEMO, HOSP), pages=(1,),
           allowed=("14", "16", "February")),
         q("f9-c1-4", "pdf", "What do they charge for the echo and TMT together?", "4500", cite=(HOSP, KHARCH),
           pages=(1,)),
         q("f9-c1-5", "general", "What does TMT actually stand for?", ("treadmill",),
           allowed=("TMT", "Treadmill", "Test", "Stress", "ECG", "EKG", "Exercise", "Tolerance", "Bruce",
                    "protocol"))),
    conv("f9-c-shift",
         q("f9-c2-1", "pdf", "What are the C shift timings from March?", T2300, T0600, cite=CIRCULAR, pages=(1,)),
         q("f9-c2-2", "pdf", "and what were they before?", T2330, T0630, cite=(CIRCULAR, ROSTER), pages=(1,)),
         q("f9-c2-3", "arithmetic", "How many hours is the new C shift?", ("7", "seven"), cite=CIRCULAR,
           allowed=("23", "6", "11", "7")),
         q("f9-c2-4", "pdf", "What time does the bus for it come now?", ("9:40", "twenty to ten"), cite=CIRCULAR,
           pages=(2,)),
         q("f9-c2-5", "units", "How many minutes is seven hours?", "420", allowed=("60", "7"))),
    conv("f9-sunita",
         q("f9-c3-1", "memo", "When is Sunita tai on leave?", FEB23, FEB25, cite=SUNITA_MEMO),
         q("f9-c3-2", "memo", "Who comes instead?", "lata", cite=(SUNITA_MEMO, CARE)),
         q("f9-c3-3", "memo", "How much does she get per day?", "600", cite=SUNITA_MEMO),
         q("f9-c3-4", "arithmetic", "So what's that for the three days?", "1800", cite=SUNITA_MEMO,
           allowed=("3", "600")),
         q("f9-c3-5", "note", "What's her phone number?", LATA_TEL, cite=CARE, allowed=LATA_ALT)),
    conv("f9-train",
         q("f9-c4-1", "note", "What time does our train to Satara leave Pune?", T1425, cite=TRIP),
         q("f9-c4-2", "note", "and when does it get in?", T1810, cite=TRIP),
         q("f9-c4-3", "arithmetic", "How long is the journey then?",
           ("re:(?<![\\d.])3 (hours?|hrs?|h) (and )?45( min(ute)?s?)?", "225 minutes", "3:45"), cite=TRIP,
           allowed=("3", "45", "225")),
         q("f9-c4-4", "note", "Which coach are we in?", "re:(?<![\\w])s ?4(?![\\w])", cite=TRIP,
           allowed=("S4",)),
         q("f9-c4-5", "general", "Which state is Satara in?", "maharashtra",
           allowed=("Maharashtra", "India", "Satara", "Western", "Pune", "Division", "Krishna", "Koyna",
                    "Mumbai"))),
    conv("f9-audit",
         q("f9-c5-1", "note", "When was the IATF audit supposed to be at first?", FEB24, FEB25, cite=AUDIT),
         q("f9-c5-2", "note", "And when is it now?", MAR3, MAR4, cite=(AUDIT, TODO, ROSTER)),
         q("f9-c5-3", "note", "What shift am I on those days?", "general", cite=(AUDIT, ROSTER),
           allowed=("9:00", "5:30", "9", "17:30")),
         q("f9-c5-4", "note", "What's the rejection target for line 3?", "1.5", cite=AUDIT),
         q("f9-c5-5", "arithmetic", "If line 3 makes 1,200 pieces a shift, how many is that over three shifts?",
           "3600", allowed=("1200", "3"))),
    conv("f9-fees",
         q("f9-c6-1", "note", "What's Aarav's school fee this year?", "38500", cite=SCHOOL),
         q("f9-c6-2", "note", "and next year?", "41200", cite=SCHOOL),
         q("f9-c6-3", "arithmetic", "What percentage increase is that?",
           "re:(?<![\\d.])7(\\.01\\d*)? percent|(?<![\\d.])7\\.01\\d*", cite=SCHOOL,
           allowed=("2700", "38500", "41200", "7", "7.01", "7.013", "100")),
         q("f9-c6-4", "note", "When is the first instalment due?", MAR31, cite=(SCHOOL, TODO)),
         q("f9-c6-5", "dates", "What day of the week is that?", "tuesday", allowed=("31", "March", "2026"))),
    conv("f9-meds",
         q("f9-c7-1", "note", "What time does Baba take his atorvastatin?", T2200, cite=MEDS),
         q("f9-c7-2", "note", "What dose is it now?", "20 mg", cite=MEDS),
         q("f9-c7-3", "note", "And what was it before?", "10 mg", cite=MEDS),
         q("f9-c7-4", "general", "What is atorvastatin used for?", "cholesterol",
           allowed=("LDL", "HDL", "statin", "statins", "Lipitor", "HMG", "CoA", "heart", "stroke")),
         q("f9-c7-5", "note", "Which of his tablets is the one after lunch?", "ecosprin", cite=MEDS)),
    conv("f9-plant-people",
         q("f9-c8-1", "note", "Who's the production manager at the plant?", "patil", cite=PLANT),
         q("f9-c8-2", "note", "What's his mobile number?", SANDEEP_TEL, cite=PLANT, allowed=SANDEEP_ALT),
         q("f9-c8-3", "note", "And who's the HR executive?", "pawar", cite=(PLANT, CIRCULAR), pages=(2,)),
         q("f9-c8-4", "note", "What's his extension?", "2214", cite=(PLANT, CIRCULAR), pages=(2,)),
         q("f9-c8-5", "dates", "How many days are there from 10 February to 2 March 2026?", "20",
           allowed=("10", "2", "February", "March", "2026", "28", "18"))),
    conv("f9-sugar",
         q("f9-c9-1", "note", "What was Baba's fasting sugar on 2 February?", "148", cite=SUGAR),
         q("f9-c9-2", "note", "And on the 19th?", "132", cite=SUGAR),
         q("f9-c9-3", "arithmetic", "How much did it come down by?", "16", cite=SUGAR, allowed=("148", "132")),
         q("f9-c9-4", "units", "What's 132 mg/dL in mmol/L?", "re:7\\.3\\d*",
           allowed=MGDL + ("132", "7.3", "7.33", "7.32", "7.326")),
         q("f9-c9-5", "note", "What fasting level is the doctor aiming for?", "130", cite=SUGAR)),
    conv("f9-ro",
         q("f9-c10-1", "note", "What was the quote for the RO service?", "2400", cite=KHARCH),
         q("f9-c10-2", "note", "What did we actually end up paying?", "3150", cite=KHARCH),
         q("f9-c10-3", "note", "why was it more?", "membrane", cite=KHARCH, allowed=("750",)),
         q("f9-c10-4", "arithmetic", "What's 18 percent GST on 750?", "135", allowed=("18", "750", "885")),
         q("f9-c10-5", "note", "When was the light bill due?", FEB18, cite=(KHARCH, TODO))),
])
