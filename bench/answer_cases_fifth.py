"""A fifth blind answer set (issue 24): written by a helper who never saw the assistant's code, only
bench/answer_cases.py (the data format and the other sets), bench/answer_cases_fourth.py (the model for this
file), bench/answer_cases_third.py, bench/answer_cases_blind.py and the docstring of bench/answer_judge.py (how
replies are judged).

It adds a fifth person's life to the knowledge folder, under `home5/`: Niamh Gallagher, who runs a small
picture-framing shop (Gallagher Framing, Manor Street, Stoneybatter, Dublin 7) with a part-time assistant,
Conor. In autumn and winter 2025 she frames prints for a hotel's refurbished rooms (the hotel's purchase order,
a delivery that moved, two extra frames), takes a stall at a Christmas market (the booking confirmation and its
rules), keeps up with her books (a bookkeeper and an accountant, a VAT return, a supplier's price rise), and is
chief bridesmaid at her sister Orla's wedding in Co. Kilkenny (the hen weekend in Galway, a dress fitting, the
couple's guest information, her speech). The files hold near-misses on purpose: a delivery moved from Friday
28 November to Wednesday 3 December, a dress fitting moved from Thursday 6 to Tuesday 11 November, 40 frames on
the order beside the 42 now wanted, the deposit paid beside the balance still open, a bookkeeper (Maeve) and an
accountant (Padraig), the hotel's designer (who picks frames) and its operations manager (who gets invoices),
the market office's number beside the site manager's and the hotel's security number beside the manager's, the
oak's old and new price per metre, the bookkeeper's old and new hourly rate, two VAT returns, the stall fee
paid and the electricity not, two of the market's three weekends (the middle one is the wedding), the
hotel's check-in for guests and for the wedding party. All dates are in 2025 (one question asks about 2026)
and their weekdays are the calendar's.

Nothing here answers the `notfound` questions of answer_cases.py, answer_cases_blind.py, answer_cases_third.py
or answer_cases_fourth.py (no dentist, passport, flight, electrician, bank PIN, vet, cat, salary, emails,
football, car insurance, holidays left, bins, driving licence, mobile contract, groomer, harness, curtains,
paint colours, dog insurance, e-card, locksmith, alpine club, and none of those sets' people), and no file of
answer_cases.py answers the `notfound` questions here.

Two fixes of form, made before its first run judged any fix (tests/test_answer_judge.py found them): Conor's
days are written "Tue/Thu/Sat" in the contacts, so the short forms are accepted too; the stall fee refunded on a
cancellation is worked out from the booking's rules, so that question is arithmetic over the PDF (as f5-maeve-year).
"""

from __future__ import annotations

# answer_cases imports this module at its end (SETS["fifth"], add_set_files). When this module is imported first,
# answer_cases sees it half-initialised; so the names it reads exist before that import, and are filled in place.
NOTES: dict[str, str] = {}
MEMOS: dict[str, str] = {}  # spoken by the packaged Piper voice into WAV files
MADE_PDFS: dict[str, list[str]] = {}  # page texts
QUESTIONS: list[Q] = []
CONVERSATIONS: list[Conversation] = []

try:  # imported as bench.answer_cases_fifth
    from .answer_cases import CALC_KINDS, FILE_KINDS, WORLD_KINDS, Conversation, Q, conv, q  # noqa: F401
except ImportError:  # bench/ on sys.path
    from answer_cases import CALC_KINDS, FILE_KINDS, WORLD_KINDS, Conversation, Q, conv, q  # noqa: F401

# -- the files --------------------------------------------------------------------------------------------
ORDER, SUPPLIERS = "home5/notes/shop/liffey-quay-order.md", "home5/notes/shop/suppliers.txt"
MARKET, BOOKS = "home5/notes/shop/christmas-market.md", "home5/notes/shop/books-and-tax.md"
WEDDING, HEN = "home5/notes/orla-wedding.md", "home5/notes/hen-galway.txt"
CONTACTS, TODO = "home5/notes/contacts.txt", "home5/notes/todo-november.txt"
HOTEL_MEMO, FITTING_MEMO = "home5/memos/liffey-quay-grainne.wav", "home5/memos/bella-bridal-call.wav"
MAEVE_MEMO, MARKET_MEMO = "home5/memos/maeve-vat.wav", "home5/memos/market-office.wav"
SPEECH_MEMO = "home5/memos/speech-ideas.wav"
PO, MARKET_PDF, GUEST_PDF = ("home5/docs/liffey-quay-po-LQH-2025-0417.pdf",
                             "home5/docs/smithfield-winter-market-booking.pdf",
                             "home5/docs/orla-daniel-guest-info.pdf")

NOTES.update({
    ORDER: (
        "# Liffey Quay Hotel - framed prints for the new rooms (floors 3 + 4)\n\n"
        "PO LQH-2025-0417 (6 October). Grainne Walsh (Walsh Interiors) picks the frames; Mark Tobin "
        "(operations manager) signs the POs + gets the invoice.\n"
        "32 x 50x70 natural oak @ 74 + ~~8~~ -> 10 x 70x100 black ash @ 129 (2 more for the corridor, see memo)\n"
        "   = 42 frames. New subtotal 3,658 + VAT 23% 841.34 = 4,499.34\n"
        "Deposit 2,091 (50% of the first total, 4,182) - PAID 10 October\n"
        "Balance 2,408.34 - goes on the invoice after delivery, 30 days\n\n"
        "Delivery: ~~Fri 28 November~~ -> Wed 3 December, 9:30, goods entrance on Bridge Lane "
        "(painters on floor 4 a week late)\n"
        "   Conor + me, borrow Mum's van (the hatchback takes max. 6 large ones)\n"
        "Every frame: 2 D-rings + 2 security fixings, label with the room number on the back\n"
        "Grainne drops the 2 extra prints in by 21 November\n"),
    SUPPLIERS: (
        "Suppliers\n\n"
        "Mouldings: Treaty Mouldings, Limerick - rep Dermot, 061 415 870. Delivers Thursdays, min. order 250 ex VAT\n"
        "  natural oak 40 mm: 11.20/m -> 12.60/m from 1 November (price rise!)\n"
        "  black ash 30 mm: 8.90/m (same as before)\n"
        "  (oak for the hotel bought Thu 30 Oct, still at 11.20)\n"
        "Glass: Clearview Glass, Ballymount - anti-reflective 50x70: 21.50 a sheet, 70x100: 39.00\n"
        "  32 + 8 sheets for the hotel ordered 14 Oct, delivered Tue 21 Oct\n"
        "Backing board, D-rings, security fixings: FramersDirect (online, free delivery over 150)\n"),
    MARKET: (
        "# Smithfield Winter Market - stall B22\n\n"
        "Booked weekends 1 + 3 ONLY: Fri 5 - Sun 7 December and Fri 19 - Sun 21 December "
        "(12-14 Dec = Orla's wedding!)\n"
        "Hours: Fri 16:00-21:00, Sat + Sun 11:00-19:00. Set-up Fri from 13:00, car off the square by 15:30\n"
        "Stall fee 2 x 225 = 450 - PAID 3 Oct. Electric hook-up 2 x 35 = 70 - NOT paid yet, by Fri 21 November\n"
        "Insurance certificate (public liability) to the office by 28 November\n"
        "Who: me every day; Conor Sat 6 + Sat 20 Dec; Mum on Sun 7 Dec\n"
        "Stock: 60 small frames with prints (A5) at 25, 20 oak mirrors at 45, gift vouchers\n"
        "Bring: gazebo + weights, LED lights, card machine, float of 150 in coins and fivers\n"),
    BOOKS: (
        "# Books + tax - Gallagher Framing\n\n"
        "Bookkeeper: Maeve Doyle - monthly books + the VAT returns. Receipts + card-machine statements to her "
        "by the 5th of each month. 45 EUR/h, about 4 h a month -> 50 EUR/h from January (see memo)\n"
        "Accountant: Padraig Kelly (Kelly & Roche, Phibsborough) - year-end accounts + my income tax return "
        "(Form 11). Fee 1,450 + VAT\n"
        "   Form 11 for 2024 + preliminary tax for 2025 (3,200): filed and paid Tue 4 November - DONE\n\n"
        "VAT every 2 months:\n"
        "   Jul-Aug: 1,964.10 - paid Fri 19 September\n"
        "   Sep-Oct: 2,318.40 (Maeve's figure) - pay on ROS by Sun 23 November\n"
        "Stock count: Wed 31 December (Padraig wants it on the day this year, not in January)\n"),
    WEDDING: (
        "# Orla + Daniel - WEDDING Sat 13 December 2025, Thomastown (Co. Kilkenny)\n\n"
        "Ceremony 13:30, St Mary's Church -> reception at Castlegrove House Hotel\n"
        "Me: chief bridesmaid + speech (max 4 minutes!). Other bridesmaids: Aisling (Daniel's sister) + Keelin "
        "(Orla's college friend)\n"
        "Dress: forest green, Bella Bridal, Capel Street - 189, PAID 20 Sept\n"
        "   fitting: ~~Thu 6 November 18:15~~ -> Tue 11 November, 17:40 (see memo) - bring the shoes!\n"
        "   collect Sat 29 November, alterations 45 - pay at collection\n"
        "Room: Castlegrove, Fri 12 + Sat 13 Dec = 2 nights at 165 (code ORDAN25), booked 20 Sept, pay at "
        "check-out\n"
        "Fri 12: rehearsal at the church 17:00, then dinner for the wedding party\n"
        "Sat: hair + make-up from 8:00 in Orla's room, 60 each, cash\n"
        "Gift: 200 into the honeymoon fund (Japan)\n"
        "Drive: approx. 125 km, 1 h 35 from Stoneybatter -> leave on the Friday by 13:00 at the latest "
        "(Conor closes the shop)\n"),
    HEN: (
        "Orla's HEN - Galway, Sat 15 - Sun 16 November\n"
        "Organised by Aisling (Daniel's sister) - NOT me, thank God. 11 of us.\n"
        "175 per person = Claddagh Quay Guesthouse (1 night, B&B) + cocktail class + dinner\n"
        "  paid 80 deposit on 2 October -> still owe Aisling 95, by Fri 7 November (Revolut)\n"
        "Train Sat: Heuston 8:35 -> Galway Ceannt 10:55 (return ticket 38.50, booked)\n"
        "Back Sun: Galway 17:15 -> Heuston 19:40\n"
        "Sat: cocktail class 15:00, dinner 19:30 at The Long Walk Kitchen\n"
        "Bring: something blue for the memory jar + a baby photo of Orla for the quiz\n"
        "Shop Sat 15 Nov: Conor opens alone, 10:00-16:00 (not until 17:30)\n"),
    CONTACTS: (
        "Numbers\n\n"
        "Orla (sister): 087 341 6620\n"
        "Mum (Bernie): 01 838 2715 (landline) / mobile 086 250 9934\n"
        "Conor Hayes (shop, Tue/Thu/Sat): 085 177 4032\n"
        "Maeve Doyle (bookkeeper - monthly books, VAT): 087 903 1146\n"
        "Padraig Kelly (accountant - year-end, tax return), Kelly & Roche, Phibsborough: 01 830 5527\n"
        "Grainne Walsh (Walsh Interiors - picks the frames for the Liffey Quay): 086 417 2290\n"
        "Mark Tobin (Liffey Quay Hotel, operations manager - POs + invoices): 01 672 9140\n"
        "Aisling Byrne (Daniel's sister, runs the hen): 083 460 1187\n"
        "Bella Bridal, Capel Street: 01 872 6634\n"
        "Smithfield Winter Market: office 01 874 3302 / on market days Declan (site manager) 087 226 9051\n"
        "Treaty Mouldings (Dermot): 061 415 870\n"),
    TODO: (
        "todo november\n"
        "[x] receipts + card statements to Maeve by Wed 5 Nov - done\n"
        "[x] Form 11 + prelim tax 3,200 - Padraig filed it Tue 4 Nov\n"
        "[ ] 95 to Aisling for the hen by Fri 7 Nov!!\n"
        "[ ] VAT Sep-Oct 2,318.40 on ROS by 23 Nov\n"
        "[ ] market: electricity 70 by Fri 21 Nov + insurance cert by 28 Nov\n"
        "[ ] order 2 more black ash frames + glass for the hotel (Treaty, Clearview)\n"
        "[ ] speech draft to Mum by Mon 1 Dec\n"
        "[ ] gazebo weights 4 x 15 kg - borrow from Conor's dad?\n"),
})

MEMOS.update({
    HOTEL_MEMO: (
        "Grainne from the Liffey Quay Hotel rang. The painters on the fourth floor are running a week behind, so "
        "they can't take the frames on Friday the twenty-eighth of November. The delivery is now on Wednesday the "
        "third of December at half past nine, at the goods entrance on Bridge Lane. And she wants two more of the "
        "big black frames for the corridor, same price as the others, one hundred and twenty-nine euros each. "
        "She'll drop the two extra prints into the shop by the twenty-first, and Mark will send an updated order."),
    FITTING_MEMO: (
        "Bella Bridal rang. The seamstress is off sick this week, so my fitting on Thursday is off. The new time "
        "is Tuesday the eleventh of November at twenty to six. I have to bring the shoes I'm wearing on the day. "
        "The alterations come to forty-five euros, and I pay that when I collect the dress on Saturday the "
        "twenty-ninth."),
    MAEVE_MEMO: (
        "Maeve rang about the VAT. For September and October it's two thousand three hundred and eighteen euros "
        "and forty cent to pay, and I should pay it on ROS before the twenty-third. She says it's more than last "
        "time because of the hotel deposit. Padraig wants the stock count done on the thirty-first of December "
        "this year, not in January like last year. And Maeve is putting her rate up to fifty euros an hour from "
        "January."),
    MARKET_MEMO: (
        "The market office rang about the stall. We're B twenty-two, in the covered row beside the Luas stop. "
        "Set-up on the Fridays is from one o'clock, and the car has to be off the square by half past three. They "
        "really want proper gazebo weights, fifteen kilos on each leg, because it gets windy on the square. And "
        "the electricity hook-up is thirty-five euros a weekend, still to be paid."),
    SPEECH_MEMO: (
        "Ideas for the speech. Open with the story of Orla's first car, the little red Micra, and how she drove "
        "it into the Murphys' hedge the day after she passed her test. Then how she met Daniel at the climbing "
        "wall in twenty nineteen, when he held her rope. Finish with a toast to the two of them. Keep it under "
        "four minutes, Mum says the best man always goes on for ages."),
})

MADE_PDFS.update({
    PO: [
        "THE LIFFEY QUAY HOTEL\nWellington Quay, Dublin 2\n\nPURCHASE ORDER LQH-2025-0417\nDate: 6 October 2025\n\n"
        "Supplier: Gallagher Framing, 41 Manor Street, Stoneybatter, Dublin 7\n"
        "Ordered by: Mark Tobin, Operations Manager. Frame selection: Grainne Walsh, Walsh Interiors\n\n"
        "1. Framed print 50 x 70 cm, natural oak 40 mm, anti-reflective glass: 32 x 74.00 = 2,368.00 EUR\n"
        "2. Framed print 70 x 100 cm, black ash 30 mm, anti-reflective glass: 8 x 129.00 = 1,032.00 EUR\n"
        "Subtotal 3,400.00 EUR\nVAT 23% 782.00 EUR\nTotal 4,182.00 EUR\n\n"
        "Deposit: 50% of the total (2,091.00 EUR) on acceptance of this order.\n"
        "Delivery: Friday 28 November 2025, to the goods entrance on Bridge Lane. Prints are supplied by the hotel.",
        "Terms and conditions\n\n"
        "Invoices: quote the PO number and address them to Mark Tobin, Operations Manager. Invoices sent to the "
        "designer cannot be paid.\n"
        "Payment: the balance within 30 days of the invoice date, by bank transfer.\n"
        "Deliveries: Monday to Friday, 9:00 to 11:30 only, at the goods entrance on Bridge Lane. No deliveries at "
        "weekends. Please ring security on arrival: 01 672 9100.\n"
        "Every frame must have two D-rings, two security fixings and a label on the back with the room number.\n"
        "Damage: items damaged in transit are replaced at the supplier's cost if reported within 5 working days "
        "of delivery.\n"
        "Changes to this order are only valid when confirmed in writing by the Operations Manager.",
    ],
    MARKET_PDF: [
        "SMITHFIELD WINTER MARKET 2025\nStall booking confirmation\n\n"
        "Booking ref: SWM25-0188\nTrader: Gallagher Framing (Niamh Gallagher) - framed prints, mirrors, vouchers\n"
        "Stall: B22, covered row (3 x 3 m), next to the Luas stop\n"
        "Weekends booked: 2 of 3 - Friday 5 to Sunday 7 December and Friday 19 to Sunday 21 December 2025\n"
        "Opening hours: Fridays 16:00 to 21:00, Saturdays and Sundays 11:00 to 19:00\n\n"
        "Stall fee: 225.00 EUR per weekend x 2 = 450.00 EUR - received 3 October 2025, thank you.\n"
        "Electricity hook-up (one socket, max. 1 kW): 35.00 EUR per weekend x 2 = 70.00 EUR - outstanding, "
        "please pay by 21 November 2025.\n\n"
        "Market office: 01 874 3302 (Monday to Friday, 10:00 to 16:00)\n"
        "On market days: site manager Declan Shiels, 087 226 9051",
        "Rules for traders\n\n"
        "Set-up: Fridays from 13:00. All vehicles must be off the square by 15:30.\n"
        "Pack-down: Sundays after 19:00; vehicles may come back onto the square from 19:30.\n"
        "Gazebos must be held down with weights of at least 15 kg per leg. No tent pegs in the cobbles.\n"
        "No generators and no open flames. One socket per stall, max. 1 kW: LED lights and card machines only, "
        "no kettles or heaters.\n"
        "Public liability insurance of at least 6.5 million EUR is required: send the certificate to the office "
        "by 28 November 2025.\n"
        "Cancellation: more than 14 days before a weekend, the fee for that weekend is refunded less 50 EUR "
        "admin; 14 days or less before it, no refund.\n"
        "Trader passes: 2 per stall. A lost pass costs 10 EUR.",
    ],
    GUEST_PDF: [
        "Orla & Daniel\nare getting married\n\nSaturday 13 December 2025\n\n"
        "Ceremony: 13:30, St Mary's Church, Thomastown, Co. Kilkenny. Please be seated by 13:15.\n"
        "Shuttle bus from the church to Castlegrove House Hotel: 14:40 and 14:55 (10 minutes).\n"
        "Drinks reception from 15:00, dinner at 17:30, the band from 21:30 until late.\n"
        "Dress code: formal. Part of the drinks reception is outdoors by the fire pits, so bring a warm layer.\n"
        "Please RSVP by 1 November, with any dietary needs, to Orla on 087 341 6620.",
        "Staying at Castlegrove\n\n"
        "Castlegrove House Hotel, Thomastown, Co. Kilkenny - reservations 056 779 3150\n"
        "Wedding rate: 165 EUR per room per night, bed and breakfast, with the code ORDAN25. Book directly with "
        "the hotel by 14 November.\n"
        "Check-in from 15:00 (from 11:00 on Friday 12 December for the wedding party); check-out by 12:00.\n"
        "Sunday 14 December: barbecue brunch at the hotel from 12:00 for everyone who is staying.\n"
        "Taxis: Nore Valley Cabs, 056 772 4411 - please book ahead, they only have 3 cars!\n"
        "Gifts: your company is the best present. If you would like to give something, there is a honeymoon "
        "fund for our trip to Japan.",
    ],
})

# facts that come back
DEC3 = ("3 december", "december 3", "3rd of december", "wednesday")
NOV28 = ("28 november", "november 28", "28th of november", "friday")
NOV23 = ("23 november", "november 23", "23rd of november", "sunday")
NOV11 = ("11 november", "november 11", "11th of november", "tuesday")
NOV6 = ("6 november", "november 6", "6th of november", "thursday")
NOV7 = ("7 november", "november 7", "7th of november", "friday")
NOV29 = ("29 november", "november 29", "29th of november", "saturday")
T0930 = ("9:30", "half past nine", "nine thirty")
T1740 = ("17:40", "5:40", "twenty to six")
T1330 = ("13:30", "1:30", "half past one")
T1300 = ("13:00", "1 pm", "1:00", "one o'clock")
B22 = ("b22", "b 22")
NOT_PAID = ("not paid", "not yet", "haven't", "have not", "hasn't", "outstanding", "still owe", "unpaid",
            "re:^no\\b")
TO_LB = ("2.2", "2.205", "2.2046", "2.20462", "0.4536", "0.45359", "0.454", "15")
TO_MI = ("1.609", "1.60934", "1.609344", "0.621", "0.62", "0.621371")

# -- the questions ----------------------------------------------------------------------------------------
QUESTIONS.extend([
    # notes
    q("f5-delivery-when", "note", "When am I delivering the frames to the Liffey Quay Hotel?", DEC3, T0930,
      cite=(ORDER, HOTEL_MEMO), spoken=True),
    q("f5-frame-count", "note", "how many frames am i making for the hotel in total now", "42",
      cite=(ORDER, HOTEL_MEMO), style="terse"),
    q("f5-balance", "note", "How much will the hotel still owe me after the deposit?", "2408.34", cite=ORDER),
    q("f5-invoice-to", "note", "Who do I send the invoice for the hotel job to?", "tobin",
      cite=(ORDER, PO, CONTACTS), pages=(2,)),
    q("f5-oak-price", "note", "What am I paying per metre for the natural oak moulding now?", "12.6",
      cite=SUPPLIERS),
    q("f5-accountant-phone", "note", "Could you give me my accountant's phone number, please?",
      "re:01 ?830 ?5527", cite=CONTACTS, style="polite"),
    q("f5-vat-due", "note", "When do I have to pay the VAT for September and October?", NOV23,
      cite=(BOOKS, TODO, MAEVE_MEMO)),
    q("f5-vat-who-fr", "note", "Qui s'occupe de mes déclarations de TVA ?", "maeve",
      cite=(BOOKS, CONTACTS, MAEVE_MEMO), style="fr"),
    q("f5-market-weekends", "note", "Which weekends am I doing the Christmas market?",
      "re:(?<![\\d.])5(?![\\d.])", "re:(?<![\\d.])19(?![\\d.])", cite=(MARKET, MARKET_PDF), pages=(1,)),
    q("f5-market-13", "note", "am i at the market the weekend of the 12th to the 14th", "wedding",
      cite=(MARKET, WEDDING, MARKET_PDF), pages=(1,), style="terse"),
    q("f5-hookup-paid", "note", "Have I paid for the electricity hook-up at the market yet?", NOT_PAID,
      ("70", "35"), cite=(MARKET, MARKET_PDF, TODO, MARKET_MEMO), pages=(1,)),
    q("f5-fitting", "note", "When's my dress fitting now?", NOV11, T1740, cite=(WEDDING, FITTING_MEMO),
      spoken=True),
    q("f5-dress-colour", "note", "what colour is my bridesmaid dress", "green", cite=WEDDING, style="terse"),
    q("f5-hen-owe", "note", "How much do I still owe Aisling for the hen?", "95", cite=(HEN, TODO), spoken=True),
    q("f5-hen-when", "note", "I keep forgetting, the hen do, what weekend is that again and where are we all "
      "going?", "re:(?<![\\d.])15(?![\\d.])", "galway", cite=HEN, style="rambling"),
    q("f5-hen-train-de", "note", "Um wie viel Uhr fährt am Samstag unser Zug nach Galway ab?",
      ("8:35", "8.35", "8 35"), cite=HEN, style="de"),
    q("f5-ceremony", "note", "What time does Orla's wedding ceremony start?", T1330, cite=(WEDDING, GUEST_PDF),
      pages=(1,)),
    q("f5-room", "note", "How many nights did I book at Castlegrove, and at what rate?", ("2", "two"), "165",
      cite=(WEDDING, GUEST_PDF), pages=(2,)),
    q("f5-leave-by", "note", "wat time do i hav to leav for kilkeny on the friday at the latst", T1300,
      cite=WEDDING, style="misspelt"),
    q("f5-conor-days", "note", "Which days does Conor work in the shop?", ("tuesday", "tue"), ("thursday", "thu"), ("saturday", "sat"),
      cite=CONTACTS),
    q("f5-mum-es", "note", "¿Cuál es el número de móvil de mi madre?", "re:086 ?250 ?9934", cite=CONTACTS,
      style="es"),
    q("f5-stock-count", "note", "When does Padraig want the stock count done?",
      ("31 december", "december 31", "31st of december", "new year's eve"), cite=(BOOKS, MAEVE_MEMO)),
    q("f5-prelim-tax", "note", "Have I paid my preliminary tax yet, and how much was it?", "3200",
      cite=(BOOKS, TODO)),
    q("f5-site-manager", "note", "ok it's saturday at the market and the power's gone at my stall, the office "
      "is surely shut at the weekend, who do I ring", "re:087 ?226 ?9051", cite=(CONTACTS, MARKET_PDF),
      pages=(1,), style="rambling"),
    # voice memos
    q("f5-why-moved", "memo", "Why did the hotel push the delivery back?", ("painters", "painting", "painter"),
      cite=(HOTEL_MEMO, ORDER)),
    q("f5-extra-price", "memo", "What are the two extra frames for the hotel going to cost them each?", "129",
      cite=(HOTEL_MEMO, ORDER, PO), pages=(1,)),
    q("f5-fitting-why", "memo", "why was my fitting moved", ("sick", "ill"), cite=FITTING_MEMO, style="terse"),
    q("f5-shoes", "memo", "What do I have to bring along to the dress fitting?", "shoes",
      cite=(FITTING_MEMO, WEDDING)),
    q("f5-maeve-rate", "memo", "What is Maeve going to charge per hour from January?", "50",
      cite=(MAEVE_MEMO, BOOKS), spoken=True),
    q("f5-gazebo", "memo", "How heavy do the gazebo weights at the market need to be?",
      ("15 kg", "15 kilos", "15 kilograms", "15 kilo"), cite=(MARKET_MEMO, MARKET_PDF, TODO), pages=(2,)),
    q("f5-stall-where", "memo", "Where exactly is my stall at the market?", B22, ("covered", "luas", "tram"),
      cite=(MARKET_MEMO, MARKET_PDF, MARKET), pages=(1,)),
    q("f5-speech-story", "memo", "What story was I going to open my speech with?", ("micra", "first car", "hedge"),
      cite=SPEECH_MEMO),
    q("f5-how-met", "memo", "were did orla and danial meet agian", "climbing", cite=SPEECH_MEMO,
      style="misspelt"),
    # PDFs
    q("f5-po-number", "pdf", "What's the PO number for the hotel job?", "re:lqh ?2025 ?0417", cite=(PO, ORDER),
      pages=(1,)),
    q("f5-damage", "pdf", "If a frame gets to the hotel damaged, how long have they got to report it?",
      ("5 working days", "five working days"), cite=PO, pages=(2,)),
    q("f5-delivery-hours", "pdf", "what hours does the hotel take deliveries",
      ("9:00", "9 am", "9 o'clock", "nine o'clock", "from 9"), ("11:30", "half past eleven"), cite=PO, pages=(2,),
      style="terse"),
    q("f5-cancel", "arithmetic", "If I cancel my last market weekend on 1 December, do I get any of the stall fee back?",
      "175", cite=MARKET_PDF, pages=(1, 2), allowed=("225", "50", "14", "18", "19")),
    q("f5-insurance", "pdf", "How much public liability cover do I need for the market?",
      ("6.5 million", "6500000", "6.5m", "6.5 m"), cite=MARKET_PDF, pages=(2,)),
    q("f5-shuttle", "pdf", "What time does the shuttle bus leave the church for the hotel?",
      ("14:40", "2:40", "twenty to three"), ("14:55", "2:55", "five to three"), cite=GUEST_PDF, pages=(1,)),
    q("f5-checkin-fr", "pdf", "À partir de quelle heure puis-je m'enregistrer à l'hôtel le vendredi 12 décembre ?",
      ("11:00", "11 h", "11 heures", "11 am"), cite=GUEST_PDF, pages=(2,), style="fr"),
    q("f5-taxi", "pdf", "Which taxi company should we book down in Thomastown?", "nore valley", cite=GUEST_PDF,
      pages=(2,), spoken=True),
    q("f5-honeymoon", "pdf", "Where are Orla and Daniel going on their honeymoon?", "japan",
      cite=(GUEST_PDF, WEDDING), pages=(2,)),
    # not in the folder
    q("f5-nf-best-man", "notfound", "Who is Daniel's best man?", spoken=True),
    q("f5-nf-alarm", "notfound", "whats the alarm code for the shop", style="terse"),
    q("f5-nf-cocktail", "notfound", "How much did the cocktail class on the hen cost on its own?"),
    q("f5-nf-band", "notfound", "What's the name of the band playing at Orla's wedding?"),
    q("f5-nf-reopen", "notfound", "When does the Liffey Quay Hotel reopen after the refurbishment?"),
    q("f5-nf-dress-de", "notfound", "Welche Farbe hat Orlas Brautkleid?", style="de"),
    q("f5-nf-vatno-fr", "notfound", "Quel est le numéro de TVA de ma boutique ?", style="fr"),
    q("f5-nf-guests-es", "notfound", "¿Cuántos invitados van a la boda de Orla?", style="es"),
    # the world
    q("f5-joyce", "general", "Who wrote Ulysses?", "joyce",
      allowed=("James", "Joyce", "1922", "Dublin", "Bloomsday", "16", "June", "1904", "Leopold", "Bloom", "Irish",
               "Ireland", "Paris", "Homer", "Odyssey", "Odysseus", "Sylvia", "Beach", "Shakespeare", "Company")),
    q("f5-counties", "general", "How many counties are there on the island of Ireland?", "32", spoken=True,
      allowed=("26", "6", "4", "Northern", "Republic", "Ireland", "Ulster", "Leinster", "Munster", "Connacht",
               "Connaught", "provinces")),
    q("f5-nore", "general", "Which river flows through Kilkenny city?", "nore",
      allowed=("Nore", "Kilkenny", "Ireland", "Barrow", "Suir", "Three", "Sisters", "Thomastown", "Inistioge",
               "New", "Ross", "Waterford", "Tipperary", "Laois", "Leinster", "140", "km")),
    q("f5-yen-es", "general", "¿Cuál es la moneda de Japón?", "yen", style="es",
      allowed=("Japón", "Japan", "JPY", "Yen", "円", "¥")),
    q("f5-pack-frames", "advice", "What's the best way to pack framed pictures in a car so the glass doesn't "
      "crack?", ("corner protectors", "corners", "bubble wrap", "blanket", "blankets", "cardboard", "upright",
                 "on edge", "on their side", "masking tape", "foam"),
      allowed=("1", "2", "3", "4", "X", "cm")),
    q("f5-nerves", "advice", "so I'm giving the bridesmaid speech at my sister's wedding in December and I get "
      "really nervous talking in front of people, how do I not fall apart up there",
      ("practise", "practice", "rehearse", "breathe", "breath", "breathing", "slow", "slowly", "notes",
       "cue cards", "water", "eye contact"), style="rambling",
      allowed=("1", "2", "3", "4", "5", "10", "minutes", "seconds")),
    # arithmetic, units, dates
    q("f5-vat-calc", "arithmetic", "whats 23 percent of 3658", "841.34", style="terse"),
    q("f5-order-sum", "arithmetic", "What is 32 times 74 plus 10 times 129?", "3658", spoken=True),
    q("f5-takings", "arithmetic", "ok so on the first Saturday I sold 14 of the small frames at 25 euro each and 6 "
      "mirrors at 45, what did I take in altogether", "620", style="rambling", allowed=("350", "270")),
    q("f5-maeve-year", "arithmetic", "If Maeve keeps doing about 4 hours a month for me, how much more will she "
      "cost me over next year at her new rate?", "240", cite=(BOOKS, MAEVE_MEMO),
      allowed=("5", "12", "20", "48", "2160", "2400")),
    q("f5-arrive", "arithmetic", "If I leave at 7:40 and the drive takes 1 h 35, when do I arrive?",
      ("9:15", "quarter past nine", "nine fifteen"), allowed=("95",)),
    q("f5-cm-in", "units", "How many inches is 70 centimetres?", "re:27\\.5[56]\\d*|27\\.6(?![\\d])",
      allowed=("2.54", "0.3937", "0.394", "27.56")),
    q("f5-km-mi", "units", "convert 125 km to miles", "re:77\\.[5-7]\\d*|(?<![\\d.])78(?![\\d.])", style="terse",
      allowed=TO_MI),
    q("f5-kg-lb", "units", "What's 15 kilograms in pounds?", "re:33\\.0[67]\\d*|33\\.1(?![\\d])", allowed=TO_LB),
    q("f5-patricks", "dates", "What day of the week is St Patrick's Day 2026?", "tuesday",
      allowed=("17", "March", "2026", "Patrick")),
    q("f5-days-between", "dates", "How many days are there from 15 November 2025 to 13 December 2025?", "28",
      allowed=("4", "weeks", "30", "15", "13")),
    q("f5-six-weeks", "dates", "What date is six weeks after Wednesday 3 December 2025?",
      ("14 january", "january 14", "14th of january"), allowed=("2026", "42", "Wednesday", "7")),
])

CONVERSATIONS.extend([
    conv("f5-hotel",
         q("f5-c1-1", "note", "How many frames is the Liffey Quay job now?", "42", cite=(ORDER, HOTEL_MEMO)),
         q("f5-c1-2", "note", "and what's the price of each size?", "74", "129", cite=(ORDER, PO), pages=(1,)),
         q("f5-c1-3", "arithmetic", "so what does that come to before VAT?", "3658", cite=ORDER),
         q("f5-c1-4", "arithmetic", "and with 23 percent VAT on top?", "4499.34", cite=ORDER),
         q("f5-c1-5", "arithmetic", "I already got 2,091 as a deposit, so how much is left to come in?", "2408.34",
           cite=ORDER)),
    conv("f5-delivery",
         q("f5-c2-1", "note", "When was I first supposed to deliver the frames to the hotel?", NOV28,
           cite=(ORDER, PO, HOTEL_MEMO), pages=(1,)),
         q("f5-c2-2", "memo", "and why did that change?", ("painters", "painting", "painter"),
           cite=(HOTEL_MEMO, ORDER)),
         q("f5-c2-3", "note", "what's the new date?", DEC3, cite=(ORDER, HOTEL_MEMO)),
         q("f5-c2-4", "dates", "How many days later is that?", ("5", "five"), cite=(ORDER, HOTEL_MEMO)),
         q("f5-c2-5", "pdf", "Which entrance do I bring them to?", ("goods entrance", "bridge lane"),
           cite=(PO, ORDER, HOTEL_MEMO), pages=(1, 2))),
    conv("f5-vat",
         q("f5-c3-1", "memo", "Would you mind telling me how much VAT I owe for September and October?", "2318.4",
           cite=(MAEVE_MEMO, BOOKS, TODO), style="polite"),
         q("f5-c3-2", "note", "and what was it for July and August?", "1964.1", cite=BOOKS),
         q("f5-c3-3", "arithmetic", "How much more is it this time?", "354.3", cite=(BOOKS, MAEVE_MEMO)),
         q("f5-c3-4", "note", "By when do I have to pay it?", NOV23, cite=(BOOKS, TODO, MAEVE_MEMO)),
         q("f5-c3-5", "general", "Which body collects taxes in Ireland?", "revenue",
           allowed=("Revenue", "Commissioners", "Irish", "Tax", "Taxes", "Customs", "ROS", "Online", "Service",
                    "Ireland", "Office"))),
    conv("f5-market",
         q("f5-c4-1", "note", "Which stall have I got at the Smithfield market?", B22,
           cite=(MARKET, MARKET_MEMO, MARKET_PDF), pages=(1,)),
         q("f5-c4-2", "pdf", "what are the opening hours on a Saturday?", ("11:00", "11 am", "11 o'clock"),
           ("19:00", "7 pm", "7:00", "7 o'clock"), cite=(MARKET_PDF, MARKET), pages=(1,)),
         q("f5-c4-3", "arithmetic", "So how many hours is that over a Saturday and a Sunday?", "16",
           cite=(MARKET_PDF, MARKET), pages=(1,), allowed=("8", "2")),
         q("f5-c4-4", "note", "How much did I pay for the stall?", "450", cite=(MARKET, MARKET_PDF), pages=(1,)),
         q("f5-c4-5", "arithmetic", "and what's it all together once I've paid the electricity as well?", "520",
           cite=(MARKET, MARKET_PDF), pages=(1,))),
    conv("f5-fitting",
         q("f5-c5-1", "note", "When was my dress fitting supposed to be originally?", NOV6, cite=WEDDING),
         q("f5-c5-2", "memo", "and when is it now?", NOV11, T1740, cite=(FITTING_MEMO, WEDDING)),
         q("f5-c5-3", "note", "how much was the dress?", "189", cite=WEDDING),
         q("f5-c5-4", "arithmetic", "with the alterations, what does it come to?", "234",
           cite=(WEDDING, FITTING_MEMO)),
         q("f5-c5-5", "note", "When can I pick it up?", NOV29, cite=(WEDDING, FITTING_MEMO))),
    conv("f5-hen",
         q("f5-c6-1", "note", "How much is the hen per person?", "175", cite=HEN),
         q("f5-c6-2", "note", "how much have I paid so far?", "80", cite=HEN),
         q("f5-c6-3", "arithmetic", "so what's left to pay?", "95", cite=(HEN, TODO)),
         q("f5-c6-4", "note", "by when does Aisling need it?", NOV7, cite=(HEN, TODO)),
         q("f5-c6-5", "units", "What's 210 kilometres in miles?", "re:130\\.[2-5]\\d*|(?<![\\d.])13[01](?![\\d.])",
           allowed=TO_MI)),
    conv("f5-wedding",
         q("f5-c7-1", "pdf", "What time's the ceremony at Orla's wedding?", T1330, cite=(GUEST_PDF, WEDDING),
           pages=(1,)),
         q("f5-c7-2", "pdf", "and by when do we have to be seated?", ("13:15", "1:15", "quarter past one"),
           cite=GUEST_PDF, pages=(1,)),
         q("f5-c7-3", "arithmetic", "If I leave at 12:50 and it's a ten-minute drive, how long have I got to spare "
           "before that?", ("15 minutes", "quarter of an hour", "15 min"), allowed=("13:00", "1:00", "10")),
         q("f5-c7-4", "pdf", "How much is the room per night with the wedding code?", "165",
           cite=(GUEST_PDF, WEDDING), pages=(2,)),
         q("f5-c7-5", "arithmetic", "I'm staying two nights, so what will I pay at check-out?", "330",
           cite=(WEDDING, GUEST_PDF), pages=(2,))),
    conv("f5-books",
         q("f5-c8-1", "note", "Who does my monthly books?", "maeve", cite=(BOOKS, CONTACTS)),
         q("f5-c8-2", "note", "and what's her number?", "re:087 ?903 ?1146", cite=CONTACTS),
         q("f5-c8-3", "memo", "What's she going to charge from January?", "50", cite=(MAEVE_MEMO, BOOKS)),
         q("f5-c8-4", "arithmetic", "how big a rise is that in percent?", "re:11\\.1\\d*|(?<![\\d.])11(?![\\d.])",
           cite=(BOOKS, MAEVE_MEMO), allowed=("45", "5", "100")),
         q("f5-c8-5", "note", "And who does the year-end accounts?", ("padraig", "kelly"), cite=(BOOKS, CONTACTS))),
    conv("f5-market-help",
         q("f5-c9-1", "general", "What's the longest river in Ireland?", "shannon",
           allowed=("Shannon", "Ireland", "Irish", "360", "km", "224", "miles", "Cavan", "Limerick", "Atlantic",
                    "Ocean", "Lough", "Derg", "Ree", "Allen", "Athlone", "Pot", "Britain", "British", "Isles")),
         q("f5-c9-2", "note", "Who's helping me at the market on the first Sunday?", ("mum", "mother", "bernie"),
           cite=MARKET),
         q("f5-c9-3", "note", "and on the Saturdays?", "conor", cite=MARKET),
         q("f5-c9-4", "pdf", "By when does the market office need my insurance certificate?", NOV28,
           cite=(MARKET_PDF, MARKET, TODO), pages=(2,)),
         q("f5-c9-5", "dates", "How many days is that before the market opens on the 5th?",
           ("7", "seven", "a week", "one week"), cite=(MARKET_PDF, MARKET), pages=(2,))),
])
