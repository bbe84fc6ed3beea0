"""A sixth blind answer set (issue 24): written by a helper who never saw the assistant's code, only
bench/answer_cases.py (the data format and the other sets), bench/answer_cases_fifth.py (the model for this
file), the `notfound` lists of answer_cases_blind.py, _third.py and _fourth.py, and the docstring of
bench/answer_judge.py (how replies are judged).

It adds a sixth person's life to the knowledge folder, under `home6/`: Hannah Whitfield, a nurse from Leeds
who works twelve-hour day and night shifts in the cardiac intensive care unit (USIC) of the Hôpital de la
Croix-Rousse in Lyon and lives in a flat on the rue d'Austerlitz (Lyon 4e). In November and December 2025 she
has her bath replaced by a walk-in shower (an artisan's quote in French, a deposit paid and a balance open, a
start date that moved, tiles she buys herself and that ran short, the building manager's letter with its rules
and the quarter's service charges, the caretaker's warnings), swaps a night shift with a colleague, goes to
her emergency-care refresher course and an occupational-health check, organises the collection for a retiring
care assistant's leaving do, and goes home to Leeds for Christmas by TGV, Eurostar and LNER (the Eurostar
booking, presents for her niece and nephew). Her notes mix English with French words (devis, acompte, solde,
cadre, gardienne, régie) and write times the French way (19h00, 7h15). The files hold near-misses on purpose:
the works moved from Monday 17 to Monday 24 November (both Mondays), the tiled area that grew from 14 to
16.5 m² (11 boxes bought, 13 needed), the deposit paid beside the balance open, the quote's total beside the
new one, the tile shop's price beside the cheaper online one, the day cadre (Nathalie Morel, who signs swaps)
and the night cadre (Sandrine Moreau), the building manager (Claire Lambert) and the caretaker (Mme Lopes),
the plumber who runs the firm (Benoît Ferrand), his tiler (Yannick) and the firm's office, office and mobile
numbers, Mum's landline and mobile, the night she gave away (Saturday 22 November) and the one she took
(Thursday 27 November), the occupational-health check moved from Wednesday 19 to Thursday 20 November, the
quote's working hours (8h00-17h00) beside the building's hours for noisy work, the collection's 19 payers of
26, a present that changed (a spa weekend -> a balloon flight), the outbound and return trains, the
Eurostar's outbound seat in Standard beside the return in Standard Premier, the gates' 30 minutes beside the
90 recommended at Christmas. The budget table writes amounts the French way (3.362,70), which the judge's
normalising reads as other numbers ("4.534,86" -> "4.534 86"): its total is asked with a pattern that takes both
ways, and the other amounts asked are also written plainly elsewhere (3362,70 in salle-de-bain.md). All dates are in 2025 (one question asks about January 2026) and their weekdays are the
calendar's.

Nothing here answers the `notfound` questions of answer_cases.py, answer_cases_blind.py, answer_cases_third.py,
answer_cases_fourth.py or answer_cases_fifth.py (no dentist, passport, flight, electrician, bank PIN, vet, cat,
salary, emails, football, car insurance, holidays left, bins collection, driving licence, mobile contract,
groomer, harness, curtains, paint colours, dog insurance, e-card, locksmith, alpine club, best man, shop alarm
code, cocktail class, wedding band, hotel reopening, bride's dress, VAT number, wedding guests, and none of
those sets' people), and no file of answer_cases.py answers the `notfound` questions here (a door code, the
TGV's platform, the mixer's brand, a staff number, the ward's Christmas dinner, her brother's partner, the
recycling centre's hours, hospital parking).

Checked before its first run judged any fix: tests/test_answer_judge.py passed as written; a right reply written
here for every question and turn was then judged (answer_judge.judge, the cited files and the conversation so far
as sources), which found three fixes of form: a "no" at the start of a reply is matched as "re:^\\s*no\\b" (the
normalised reply begins with a space), the results of unit conversions and sums given as patterns are also
`allowed` (so that stating them counts as supported), and an English reply about the French letter may name the
weekdays it writes in French.
"""

from __future__ import annotations

# answer_cases imports this module at its end (SETS["sixth"], add_set_files). When this module is imported first,
# answer_cases sees it half-initialised; so the names it reads exist before that import, and are filled in place.
NOTES: dict[str, str] = {}
MEMOS: dict[str, str] = {}  # spoken by the packaged Piper voice into WAV files
MADE_PDFS: dict[str, list[str]] = {}  # page texts
QUESTIONS: list[Q] = []
CONVERSATIONS: list[Conversation] = []

try:  # imported as bench.answer_cases_sixth
    from .answer_cases import CALC_KINDS, FILE_KINDS, WORLD_KINDS, Conversation, Q, conv, q  # noqa: F401
except ImportError:  # bench/ on sys.path
    from answer_cases import CALC_KINDS, FILE_KINDS, WORLD_KINDS, Conversation, Q, conv, q  # noqa: F401

# -- the files --------------------------------------------------------------------------------------------
PLANNING, AFGSU = "home6/notes/work/planning-nov-dec.md", "home6/notes/work/afgsu-recyclage.txt"
POT, BATH = "home6/notes/work/pot-de-depart-martine.md", "home6/notes/flat/salle-de-bain.md"
TILES, BUDGET = "home6/notes/flat/carrelage.txt", "home6/notes/flat/budget-travaux.md"
XMAS, CONTACTS, TODO = "home6/notes/christmas-leeds.md", "home6/notes/contacts.txt", "home6/notes/todo.txt"
FERRAND_MEMO, SWAP_MEMO = "home6/memos/ferrand-delay.wav", "home6/memos/julien-swap.wav"
LOPES_MEMO, GIFTS_MEMO = "home6/memos/mme-lopes-hall.wav", "home6/memos/presents-leeds.wav"
CAKE_MEMO = "home6/memos/martine-cake.wav"
DEVIS, SYNDIC, EUROSTAR = ("home6/docs/devis-ferrand-2025-0934.pdf",
                           "home6/docs/regie-des-pentes-travaux.pdf",
                           "home6/docs/eurostar-QX7R2M.pdf")

NOTES.update({
    PLANNING: (
        "# Planning USIC - nov/déc 2025 (Croix-Rousse, 4e étage)\n\n"
        "J = jour 7h00-19h15 | N = nuit 19h00-7h15 | F = formation | CA = congés\n"
        "Cadre (days): Nathalie Morel - signs the swaps. Cadre de nuit: Sandrine Moreau\n\n"
        "| semaine   | lun | mar | mer | jeu | ven | sam | dim |\n"
        "|-----------|-----|-----|-----|-----|-----|-----|-----|\n"
        "| 17-23 nov | J   | J   | -   | -   | N   | ~~N~~ -> - | - |\n"
        "| 24-30 nov | -   | -   | J   | ~~-~~ -> N | - | J | J |\n"
        "| 1-7 déc   | -   | F   | J   | J   | -   | -   | N   |\n"
        "| 8-14 déc  | N   | -   | -   | J   | - (pot Martine) | J | J |\n"
        "| 15-21 déc | -   | J   | N   | N   | -   | -   | CA  |\n"
        "| 22-28 déc | CA  | CA  | CA  | CA  | CA  | CA  | J   |\n\n"
        "Swap with Julien Roche: he does my night Sat 22 Nov, I do his night Thu 27 Nov. Nathalie signed the "
        "form 6 Nov.\n"
        "F = AFGSU recyclage Tue 2 Dec (see afgsu note)\n"
        "Nights in Dec before Leeds: 7, 8, 17, 18 Dec -> 4 nights\n"
        "Back at work Sun 28 Dec, J at 7h00 (!!) - the TGV back gets in at 21h56 the night before\n"),
    AFGSU: (
        "AFGSU 2 - recyclage (every 4 years, mine runs out Jan 2026)\n"
        "Tue 2 Dec 2025, 8h30 -> 17h00\n"
        "CESU 69, Hôpital Édouard Herriot, pavillon N, salle 3  (NOT at the Croix-Rousse!)\n"
        "Counts as a work day (F on the planning). No lunch provided -> bring something\n"
        "Trainer: Dr Ilyes Benali (SAMU 69)\n"
        "Bring: carte professionnelle + the old AFGSU attestation (2021)\n"
        "Getting there: metro C to Hôtel de Ville, metro A to Bellecour, then metro D to Grange Blanche, about "
        "40 min from home\n"),
    POT: (
        "# Pot de départ - Martine Giraud (aide-soignante, 38 years on the ward!)\n\n"
        "Fri 12 Dec, 14h30, salle de pause 4e étage (between lunch and the afternoon rounds)\n"
        "Nathalie Morel OK'd it, max 1 hour. Sandrine Moreau brings the night team's card.\n\n"
        "Cagnotte: 10 € each, 26 names on the list\n"
        "  paid so far: 19 -> 190 € in the envelope (in my locker at work, NOT at home)\n"
        "  still to pay: 7 -> Karim, Lucie B., Dr Fabre, Océane, Théo, Agnès, Marc\n"
        "Present: ~~spa weekend in Évian (280 €)~~ -> balloon flight over the Beaujolais for 2 (Montgolfières du "
        "Lyonnais) 229 € + bouquet 31 € = 260 €\n"
        "  voucher valid 18 months; her daughter lives in Villefranche, she loves it up there\n"
        "Cake: forêt-noire for 24, Boulangerie Saint-Vincent, 72 € - paid by the service (Nathalie), pick-up see "
        "memo\n"
        "Card: going round days + nights, back to me by Wed 10 Dec\n"),
    BATH: (
        "# Salle de bain - baignoire -> douche à l'italienne\n\n"
        "Ferrand Rénovation: Benoît Ferrand (plombier, the boss) + Yannick (carreleur, his tiler)\n"
        "Devis 2025-0934 of 8 Oct, signed 13 Oct. Acompte 30% = 969,21 € paid 13 Oct (virement)\n\n"
        "Start: ~~Mon 17 Nov~~ -> Mon 24 Nov, 8h00 (shower tray delivered late, see memo)\n"
        "  (for the 17th Mme Lopes was going to let them in, I'm on days - not needed any more)\n"
        "Duration: 8 working days -> done Wed 3 Dec if all goes well\n"
        "Water cut in the flat Tue 25 Nov, 9h00-12h00 (fill the kettle + jugs!)\n"
        "Rubble: Ferrand takes it away (it's in the devis) - NOT in the building's bins\n"
        "Lift: covers on the walls, Mme Lopes has the key for the lift's service mode\n\n"
        "Shower tray 90x140 extra-flat, fixed glass screen 120 cm, thermostatic mixer\n"
        "Tiles: I buy them myself (see carrelage.txt). Yannick remeasured on 5 Nov: ~~14 m²~~ -> 16,5 m² "
        "(the wall behind the WC as well)\n"
        "  -> extra laying 2,5 m² x 48 € = 120 € HT + TVA 10% = 132 € TTC (Benoît OK'd it by text)\n"
        "New total 3362,70 € TTC -> balance to pay at the end: 2393,49 €\n"
        "Réception des travaux: Fri 5 Dec, 10h00, walk round with Benoît BEFORE paying the balance\n"
        "No shower for 24 h after the silicone joints are done\n"),
    TILES: (
        "Tiles - carrelage salle de bain\n"
        "Grès cérame 60x60 \"Terrazzo gris\", Carrelages du Rhône (Vénissieux): 38,90 €/m²\n"
        "  sold by the box: 1,44 m² per box = 56,02 € a box\n"
        "  online (carrelage-direct) same tile 34,50 €/m² but delivery 49 € + 3 weeks -> no\n"
        "Need: surface + 10% for cuts\n"
        "  ~~14 m² + 10% = 15,4 m² -> 11 boxes~~ (bought 11 boxes on Sat 18 Oct, 616,22 €, in the cellar)\n"
        "  16,5 m² + 10% = 18,15 m² -> 13 boxes -> buy 2 more, SAME LOT n° 2291-B (colour shade!)\n"
        "Glue: 5 bags x 25 kg flexible tile adhesive (Yannick's list), grey grout 2 x 5 kg\n"
        "Trims: 4 aluminium profiles of 2,50 m\n"
        "Shop open Mon-Fri until 18h30, Sat 9h00-18h00\n"),
    BUDGET: (
        "# Budget travaux salle de bain\n\n"
        "| poste                          | prévu    | payé     | reste    |\n"
        "|--------------------------------|----------|----------|----------|\n"
        "| Ferrand (devis + 2,5 m²)       | 3.362,70 | 969,21   | 2.393,49 |\n"
        "| Carrelage, 13 boxes            | 728,26   | 616,22   | 112,04   |\n"
        "| Vanity unit (IKEA)             | 289,00   | 289,00   | 0        |\n"
        "| Mirror + light                 | 94,90    | -        | 94,90    |\n"
        "| Bits (silicone, grout, trims)  | 60,00    | 23,40    | 36,60    |\n"
        "| TOTAL                          | 4.534,86 | 1.897,83 | 2.637,03 |\n\n"
        "Put aside on the Livret A for it: 5000 € -> about 465 € left over after everything\n"
        "No MaPrimeRénov for just a bathroom (checked)\n"),
    XMAS: (
        "# Christmas in Leeds (Callum + the kids, Mum)\n\n"
        "OUT Sun 21 Dec\n"
        "- TGV Lyon Part-Dieu 7h04 -> Paris Gare de Lyon 9h00 (39 €, voiture 14 place 82)\n"
        "- RER D Gare de Lyon -> Gare du Nord, 1 stop, allow 30-40 min\n"
        "- Eurostar Paris Nord 11:13 -> St Pancras 12:30 (see booking)\n"
        "- LNER King's Cross 14:03 -> Leeds 16:19 (£61.40 return, with railcard) - Callum picks me up\n"
        "BACK Sat 27 Dec\n"
        "- LNER Leeds 10:45 -> King's Cross 13:02\n"
        "- Eurostar St Pancras 15:01 -> Paris Nord 18:20\n"
        "- TGV Paris Gare de Lyon 19:56 -> Lyon Part-Dieu 21:56 (45 €)\n\n"
        "Sleeping at Callum's (Roundhay) 21-24, at Mum's (Headingley) 24-27\n"
        "Boxing Day: panto at the Leeds Grand 14:00, Callum has the 5 tickets\n"
        "Presents: see memo. Mum: silk scarf from the Croix-Rousse market, got it (35 €) + papillotes\n"
        "Bring back: 3 boxes of Yorkshire Tea for the night team\n"),
    CONTACTS: (
        "Contacts\n\n"
        "Ferrand Rénovation - office (Mme Ferrand, quotes + invoices): 04 78 29 63 10\n"
        "   Benoît Ferrand (plumber, on site) mobile: 06 71 24 58 09\n"
        "   Yannick Perrin (tiler): 06 48 90 13 72\n"
        "Régie des Pentes (syndic) - Claire Lambert, gestionnaire: 04 78 30 52 44\n"
        "Mme Lopes (gardienne, mornings only): 06 22 81 47 35\n"
        "USIC nurses' station (4e): 04 26 73 18 52\n"
        "Nathalie Morel (cadre, days): 04 26 73 18 40\n"
        "Sandrine Moreau (cadre de nuit): 04 26 73 19 99, bip 612\n"
        "Julien Roche (IDE, nights): 06 53 18 74 29\n"
        "Carrelages du Rhône, Vénissieux: 04 72 50 16 83\n"
        "Boulangerie Saint-Vincent: 04 78 28 35 61\n\n"
        "UK\n"
        "Callum (brother): +44 7700 900431\n"
        "Mum: 0113 496 0872 (landline) / mobile +44 7700 900218\n"),
    TODO: (
        "todo nov\n"
        "[x] acompte Ferrand 969,21 - paid 13 Oct\n"
        "[x] déclaration de travaux to the régie - sent 20 Oct\n"
        "[x] swap form Julien -> Nathalie (signed 6 Nov)\n"
        "[ ] Q4 charges 451,10 € to the régie before Sat 15 Nov!\n"
        "[ ] 2 more boxes of tiles, SAME LOT 2291-B, in the flat by Wed 26 Nov\n"
        "[ ] médecine du travail: ~~Wed 19 Nov 9h20~~ -> Thu 20 Nov 10h40, bâtiment C - bring my vaccination "
        "record\n"
        "[ ] empty the bathroom cupboards before Mon 24\n"
        "[ ] chase the 7 who haven't paid for Martine\n"
        "[ ] presents for Isla, Rory, Callum before 20 Dec\n"
        "[ ] Livret A -> current account 2393,49 for Ferrand's balance before Fri 5 Dec\n"),
})

MEMOS.update({
    FERRAND_MEMO: (
        "Benoît Ferrand rang about the bathroom. The shower tray is coming late from the supplier, so they can't "
        "start on Monday the seventeenth. They'll start on Monday the twenty-fourth of November instead, at eight "
        "o'clock. It should still take about eight working days. He'll cut the water in the flat on the Tuesday, "
        "the twenty-fifth, from nine till twelve. And Yannick needs the two extra boxes of tiles in the flat by "
        "Wednesday the twenty-sixth, otherwise he can't start on the walls."),
    SWAP_MEMO: (
        "Note to self. Julien asked if we can swap nights. He does my night on Saturday the twenty-second of "
        "November, and I do his on Thursday the twenty-seventh. It has to be Nathalie who signs the swap form, "
        "not Sandrine, because Nathalie does the planning. So I'll give it to her on Monday."),
    LOPES_MEMO: (
        "Talked to Madame Lopes in the hall. She'll put the notice up about the water for the twenty-fifth, it has "
        "to go up two days before. She's got the key to put the lift in service mode for the workmen, but only "
        "in the mornings, she's gone after half past eleven. She says the people on the second floor put their "
        "rubble in the building's bins last year and the régie fined them a hundred and fifty euros. So make sure "
        "Ferrand takes everything away."),
    GIFTS_MEMO: (
        "Christmas presents for Leeds. Isla wants the Guignol puppet from the little shop in Vieux Lyon, it's about "
        "twenty-four euros. Rory is mad about fire engines, so the wooden fire engine from the toy shop on the "
        "Grande Rue, thirty-two euros. For Callum, a nice bottle of Beaujolais, not more than twenty euros. Mum's "
        "scarf is already bought. It all has to fit in the small suitcase, so nothing too big."),
    CAKE_MEMO: (
        "For Martine's party. The forêt-noire is ordered at the Boulangerie Saint-Vincent, for twenty-four people. "
        "I pick it up on Friday the twelfth at one o'clock, on my way in. Nathalie pays for it out of the "
        "service's money, seventy-two euros, so I don't pay anything. Karim is bringing the cider and Lucie the "
        "crisps. Don't forget the candles. The card and the envelope are in my locker."),
})

MADE_PDFS.update({
    DEVIS: [
        "FERRAND RÉNOVATION\nPlomberie - sanitaire - carrelage\n14 rue Hénon, 69004 Lyon - 04 78 29 63 10\n\n"
        "DEVIS N° 2025-0934\nLyon, le 8 octobre 2025\n\n"
        "Client : Mme Hannah Whitfield, 27 rue d'Austerlitz, 69004 Lyon (3e étage gauche)\n"
        "Objet : remplacement de la baignoire par une douche à l'italienne\n\n"
        "1. Dépose de la baignoire et de la faïence existante, évacuation des gravats en déchetterie : 380,00 €\n"
        "2. Receveur extra-plat 90 x 140 cm + bonde : 460,00 €\n"
        "3. Paroi de douche fixe, verre 8 mm, 120 cm : 395,00 €\n"
        "4. Plomberie : alimentation, évacuation, mitigeur thermostatique : 640,00 €\n"
        "5. Étanchéité sous carrelage (zone douche) : 210,00 €\n"
        "6. Pose carrelage sol et murs, 14 m² x 48,00 € (carrelage fourni par le client) : 672,00 €\n"
        "7. Pose du meuble vasque (fourni par le client) : 180,00 €\n\n"
        "Total HT : 2937,00 €\n"
        "TVA 10 % (travaux de rénovation, logement de plus de 2 ans) : 293,70 €\n"
        "Total TTC : 3230,70 €",
        "Conditions\n\n"
        "Acompte de 30 % à la signature : 969,21 €. Solde à la réception des travaux.\n"
        "Durée estimée des travaux : 8 jours ouvrés. Date de début à convenir selon la livraison du receveur.\n"
        "Horaires du chantier : du lundi au vendredi, de 8h00 à 17h00.\n"
        "Validité du devis : 3 mois.\n"
        "Garantie décennale (10 ans) : Mutuelle du Bâtiment Rhône-Alpes, contrat n° BT-558214.\n"
        "Tout travail supplémentaire fera l'objet d'un avenant signé par le client.\n"
        "Paiement par virement ou par chèque.\n\n"
        "Bon pour accord, le 13/10/2025 - H. Whitfield",
    ],
    SYNDIC: [
        "RÉGIE DES PENTES - Syndic de copropriété\n3 place Colbert, 69001 Lyon - 04 78 30 52 44\n\n"
        "Lyon, le 29 octobre 2025\n\n"
        "Mme Hannah Whitfield, 27 rue d'Austerlitz, 69004 Lyon\n\n"
        "Objet : travaux dans votre salle de bain\n\n"
        "Madame,\n"
        "Nous accusons réception de votre déclaration de travaux du 20 octobre 2025. Les travaux ne touchant pas "
        "aux parties communes, aucune autorisation de l'assemblée générale n'est nécessaire. Nous vous rappelons "
        "toutefois le règlement de copropriété :\n"
        "- travaux bruyants uniquement du lundi au vendredi de 8h00 à 12h00 et de 14h00 à 18h00, le samedi de "
        "9h00 à 12h00 ; aucun travaux bruyants le dimanche et les jours fériés ;\n"
        "- les gravats ne doivent en aucun cas être déposés dans les conteneurs de l'immeuble ;\n"
        "- l'ascenseur doit être protégé par des housses ; charge maximale 450 kg ;\n"
        "- toute coupure d'eau doit être annoncée par affichage dans le hall 48 heures à l'avance.\n"
        "La gardienne, Mme Lopes, est présente du lundi au vendredi de 7h30 à 11h30.\n\n"
        "Veuillez agréer, Madame, nos salutations distinguées.\n"
        "Claire Lambert, gestionnaire de copropriété",
        "APPEL DE FONDS - 4e trimestre 2025\n\n"
        "Copropriété du 27 rue d'Austerlitz, 69004 Lyon - lot n° 14 (Mme Whitfield)\n\n"
        "Provision sur charges : 412,60 €\n"
        "Fonds de travaux (loi ALUR) : 38,50 €\n"
        "Total à régler : 451,10 €\n\n"
        "À régler avant le 15 novembre 2025, par virement (IBAN au dos) ou par prélèvement.",
    ],
    EUROSTAR: [
        "EUROSTAR - Booking confirmation\n\n"
        "Booking reference: QX7R2M\n"
        "Booked on 2 October 2025 - Lead passenger: Ms Hannah Whitfield - 1 adult\n\n"
        "OUTBOUND - Sunday 21 December 2025\n"
        "Eurostar 9014: Paris Gare du Nord 11:13 -> London St Pancras International 12:30 (local times)\n"
        "Standard - Coach 12, Seat 45 (window)\n\n"
        "RETURN - Saturday 27 December 2025\n"
        "Eurostar 9039: London St Pancras International 15:01 -> Paris Gare du Nord 18:20 (local times)\n"
        "Standard Premier - Coach 3, Seat 71 - light meal included\n\n"
        "Fares: outbound 89.00 EUR, return 112.00 EUR\n"
        "Total paid: 201.00 EUR",
        "Before you travel\n\n"
        "Check-in: gates close 30 minutes before departure. Passengers who arrive after the gates close cannot "
        "travel on that train.\n"
        "During the Christmas holidays we recommend arriving at Paris Gare du Nord 90 minutes before departure, "
        "as the queues at the border checks can be long.\n"
        "Luggage: up to 2 large items (max. 85 cm long) and 1 small item per passenger. There is no weight limit, "
        "but you must be able to carry your bags yourself. Label every bag with your name.\n"
        "Exchanges: Standard tickets can be exchanged up to 7 days after the original departure date for a fee "
        "of 30 EUR per person per journey, plus any difference in fare. Standard Premier tickets can be exchanged "
        "free of charge until 7 days before departure. Tickets are not refundable.\n"
        "Every passenger needs a valid travel document for the border checks.",
    ],
})

# facts that come back (no weekday alternatives where a near-miss falls on the same weekday)
NOV17 = ("17 november", "november 17", "17 nov", "nov 17", "the 17")
NOV24 = ("24 november", "november 24", "24 nov", "nov 24", "the 24")
NOV25 = ("25 november", "november 25", "25 nov", "nov 25", "the 25")
NOV26 = ("26 november", "november 26", "26 nov", "nov 26", "the 26")
NOV22 = ("22 november", "november 22", "22 nov", "nov 22", "the 22")
NOV27 = ("27 november", "november 27", "27 nov", "nov 27", "the 27")
NOV20 = ("20 november", "november 20", "20 nov", "nov 20", "the 20")
NOV19 = ("19 november", "november 19", "19 nov", "nov 19", "the 19")
NOV15 = ("15 november", "november 15", "15 nov", "nov 15", "15 novembre")
DEC3 = ("3 december", "december 3", "3 dec", "dec 3", "the 3")
DEC5 = ("5 december", "december 5", "5 dec", "dec 5", "the 5")
DEC12 = ("12 december", "december 12", "12 dec", "dec 12", "the 12")
DEC28 = ("28 december", "december 28", "28 dec", "dec 28", "the 28")
T0800 = ("8:00", "8 am", "8 o'clock", "eight o'clock")
T1900 = ("7:00", "7 pm", "19h", "7 o'clock", "seven o'clock")
T0715 = ("7:15", "quarter past seven")
T1430 = ("14:30", "2:30", "half past two", "14h30")
T1300 = ("13:00", "1 pm", "1:00", "one o'clock", "1 o'clock")
T1040 = ("10:40", "twenty to eleven")
T0830 = ("8:30", "half past eight", "eight thirty")
T1000 = ("10:00", "10 am", "ten o'clock", "10 o'clock")
T0900 = ("9:00", "9 am", "nine o'clock", "9 o'clock")
T1200 = ("12:00", "noon", "midday", "twelve o'clock", "12 o'clock")
T1113 = ("11:13", "eleven thirteen")
NIGHT = ("night", "nuit", "nights")
HERRIOT = ("herriot",)
BENOIT_MOB = "re:0?6[ .]?71[ .]?24[ .]?58[ .]?09"
JULIEN_MOB = "re:0?6[ .]?53[ .]?18[ .]?74[ .]?29"
LAMBERT_TEL = "re:0?4[ .]?78[ .]?30[ .]?52[ .]?44"
TRAY = ("shower tray", "tray", "receveur")
TO_SQFT = ("m2", "m²", "10.76", "10.764", "10.7639", "0.0929", "0.092903", "0.093")
TO_IN = ("2.54", "0.3937", "0.394", "0.39")
C_TO_F = ("1.8", "9/5", "9", "5", "32")

# -- the questions ----------------------------------------------------------------------------------------
QUESTIONS.extend([
    # notes
    q("f6-works-start", "note", "When are Ferrand's guys starting on my bathroom?", NOV24, T0800,
      cite=(BATH, FERRAND_MEMO), spoken=True),
    q("f6-balance", "note", "How much will I still owe Ferrand once the bathroom's finished?", "2393.49",
      cite=(BATH, BUDGET, TODO)),
    q("f6-acompte", "note", "how much was the acompte and when did i pay it", "969.21",
      ("13 october", "october 13", "13 oct", "oct 13", "13 octobre", "re:13 10 2025"),
      cite=(BATH, TODO, DEVIS), pages=(2,), style="terse"),
    q("f6-tile-area", "note", "How many square metres of tiling is it now?", "16.5", cite=(BATH, TILES)),
    q("f6-lot", "note", "Which batch do the extra tile boxes have to come from?", "re:2291 ?b",
      cite=(TILES, TODO)),
    q("f6-tile-price", "note", "What do the tiles cost per square metre at Carrelages du Rhône?", "38.9",
      cite=TILES),
    q("f6-water-off", "note", "When's the water going to be off in the flat?", NOV25, T0900, T1200,
      cite=(BATH, FERRAND_MEMO)),
    q("f6-reception", "note", "Could you remind me when I'm doing the walk-round with Benoît before I pay him "
      "the rest?", DEC5, T1000, cite=BATH, style="polite"),
    q("f6-shift-27", "note", "What time do I start work on Thursday the 27th?", NIGHT, T1900,
      cite=(PLANNING, SWAP_MEMO), spoken=True),
    q("f6-sat-22", "note", "am i working on saturday the 22nd of november",
      ("julien", "swap", "swapped", "not working", "re:^\\s*no\\b", "day off", "you're off", "you are off"),
      cite=(PLANNING, SWAP_MEMO), style="terse"),
    q("f6-nights-dec", "note", "I'm trying to work out how tired I'll be when I get home, how many night shifts "
      "have I got in December before I go off to Leeds?", ("4", "four"), cite=PLANNING, style="rambling"),
    q("f6-back-at-work", "note", "When am I back at work after Christmas, and on which shift?", DEC28,
      ("day", "jour", "7:00"), cite=PLANNING),
    q("f6-afgsu-where", "note", "Where's my AFGSU refresher?", HERRIOT, cite=AFGSU),
    q("f6-afgsu-de", "note", "Um wie viel Uhr fängt meine AFGSU-Fortbildung am 2. Dezember an?", T0830,
      cite=AFGSU, style="de"),
    q("f6-occ-health", "note", "When is my occupational health check?", NOV20, T1040, cite=TODO),
    q("f6-unpaid", "note", "How many people still haven't chipped in for Martine's present?", ("7", "seven"),
      cite=POT),
    q("f6-present", "note", "What are we giving Martine in the end?", ("balloon", "montgolfière",
                                                                      "montgolfiere", "hot air"),
      cite=POT, spoken=True),
    q("f6-pot-fr", "note", "À quelle heure commence le pot de départ de Martine ?", T1430, cite=POT, style="fr"),
    q("f6-tgv-out", "note", "What time's my train from Part-Dieu on the 21st?", ("7:04", "7h04"), cite=XMAS),
    q("f6-leeds-arrive", "note", "wat time do i get in to leeds on the 21st", ("16:19", "4:19"), cite=XMAS,
      style="misspelt"),
    q("f6-benoit-mobile", "note", "Could you give me Benoît Ferrand's mobile number, please?", BENOIT_MOB,
      cite=CONTACTS, style="polite"),
    q("f6-mum-es", "note", "¿Cuál es el número fijo de mi madre en Leeds?", "re:0113 ?496 ?0872", cite=CONTACTS,
      style="es"),
    q("f6-left-over", "note", "so once all the bathroom stuff is paid for, roughly how much is going to be "
      "left of what I put aside in the Livret A?", "465", cite=BUDGET, style="rambling"),
    q("f6-budget-total", "note", "What does the whole bathroom come to in my budget table?",
      "re:4534\\.86|4\\.534 86", cite=BUDGET, allowed=("4534.86", "4,534.86", "4.534,86")),
    # voice memos
    q("f6-why-late", "memo", "Why did the bathroom start get pushed back?", TRAY, cite=(FERRAND_MEMO, BATH)),
    q("f6-boxes-by", "memo", "Would you tell me by when Yannick needs the extra boxes of tiles in the flat?", NOV26,
      cite=(FERRAND_MEMO, TODO), style="polite"),
    q("f6-fine", "memo", "What happened to the neighbours who put their rubble in the building's bins?",
      ("fined", "fine"), "150", cite=LOPES_MEMO, spoken=True),
    q("f6-lopes-hours", "memo", "until when is mme lopes around in the mornings", ("11:30", "half past eleven"),
      cite=(LOPES_MEMO, SYNDIC), pages=(1,), style="terse"),
    q("f6-isla", "memo", "What did I want to get Isla for Christmas?", ("guignol", "puppet"), cite=GIFTS_MEMO,
      spoken=True),
    q("f6-rory-price", "memo", "how much was the fire engin for rory", "32", cite=GIFTS_MEMO, style="misspelt"),
    q("f6-callum-es", "memo", "¿Cuánto quería gastar como máximo en el regalo de Callum?", "20", cite=GIFTS_MEMO,
      style="es"),
    q("f6-cake-pickup", "memo", "When do I pick up the cake for Martine's party?", DEC12, T1300,
      cite=CAKE_MEMO),
    q("f6-karim", "memo", "wats karim bringing to martines party", "cider", cite=CAKE_MEMO, style="misspelt"),
    # PDFs
    q("f6-devis-no", "pdf", "What's the number on Ferrand's quote?", "re:2025 ?0934", cite=(DEVIS, BATH),
      pages=(1,)),
    q("f6-tva-rate", "pdf", "What VAT rate is Ferrand charging me?", "10 percent", cite=(DEVIS, BATH),
      pages=(1,)),
    q("f6-guarantee", "pdf", "How long is Ferrand's work guaranteed for?",
      ("décennale", "decennale", "10 ans", "10 years", "ten years", "decennial", "10 year", "ten year"),
      cite=DEVIS, pages=(2,)),
    q("f6-saturday", "pdf", "Are the workmen allowed to make noise on a Saturday, and when?", T0900, T1200,
      cite=SYNDIC, pages=(1,), allowed=("Saturdays", "samedi")),
    q("f6-lift", "pdf", "What's the maximum load of the lift in my building?", "450", cite=SYNDIC, pages=(1,)),
    q("f6-charges", "pdf", "How much are this quarter's service charges and by when do I pay them?", "451.1",
      NOV15, cite=(SYNDIC, TODO), pages=(2,)),
    q("f6-seat", "pdf", "Which coach and seat am I in on the Eurostar going out?", "12", "45", cite=EUROSTAR,
      pages=(1,)),
    q("f6-exchange-fr", "pdf", "Combien coûte un échange de mon billet Eurostar aller ?", "30", cite=EUROSTAR,
      pages=(2,), style="fr"),
    # not in the folder
    q("f6-nf-door-code", "notfound", "what's the door code for my building", style="terse", spoken=True),
    q("f6-nf-platform", "notfound", "Which platform does my TGV to Paris leave from on the 21st?"),
    q("f6-nf-mixer", "notfound", "Which brand of shower mixer is Ferrand putting in?"),
    q("f6-nf-staff-no", "notfound", "What's my staff number at the hospital?"),
    q("f6-nf-ward-dinner", "notfound", "How much is the ward's Christmas dinner this year?"),
    q("f6-nf-partner-de", "notfound", "Wie heißt die Partnerin von meinem Bruder Callum?", style="de"),
    q("f6-nf-tip-fr", "notfound", "À quelle heure ferme la déchetterie le samedi ?", style="fr"),
    q("f6-nf-parking-es", "notfound", "¿Cuánto pago al mes por el aparcamiento del hospital?", style="es"),
    # the world
    q("f6-rivers", "general", "Which two rivers meet in Lyon?", ("rhône", "rhone"), ("saône", "saone"),
      spoken=True,
      allowed=("Rhône", "Rhone", "Saône", "Saone", "Lyon", "Confluence", "Presqu'île", "Presqu'ile", "Perrache",
               "Mediterranean", "Sea", "France", "French", "Fourvière", "Croix", "Rousse", "Alps", "Geneva",
               "Lake", "Switzerland", "Swiss", "Arles", "Camargue", "Vosges", "La", "Mulatière", "Mulatiere")),
    q("f6-lumiere-fr", "general", "Quels frères lyonnais ont inventé le cinématographe ?", ("lumière", "lumiere"),
      style="fr",
      allowed=("Auguste", "Louis", "Lumière", "Lumiere", "1895", "1894", "Lyon", "Monplaisir", "Paris", "Grand",
               "Café", "Cafe", "Capucines", "28", "décembre", "December", "mars", "March", "19", "22", "Sortie",
               "Usine", "Institut", "Antoine", "Besançon", "Besancon", "Salon", "Indien", "Edison", "France")),
    q("f6-tunnel", "general", "What year did the Channel Tunnel open?", "1994",
      allowed=("6", "May", "Queen", "Elizabeth", "II", "Mitterrand", "François", "Francois", "Eurostar",
               "November", "14", "Folkestone", "Calais", "Coquelles", "Cheriton", "France", "Britain", "England",
               "UK", "50", "50.45", "38", "37.9", "31", "Eurotunnel", "LeShuttle", "Le", "Shuttle", "1988",
               "1990", "1993", "Sangatte", "Kent", "Strait", "Dover", "Channel", "English")),
    q("f6-aire-es", "general", "¿Qué río atraviesa Leeds?", "aire", style="es",
      allowed=("Aire", "Leeds", "Liverpool", "Canal", "Ouse", "Humber", "Calder", "Inglaterra", "England",
               "Yorkshire", "West", "Oeste", "Reino", "Unido", "Malham", "Airmyn", "Goole", "Skipton", "Kirkstall",
               "Castleford", "Bingley", "Shipley", "127", "km", "71", "113", "70", "milla", "millas")),
    q("f6-silicone", "advice", "How do I stop the silicone round my new shower going mouldy?",
      ("ventilate", "ventilation", "extractor", "fan", "dry", "squeegee", "wipe", "open the window",
       "open a window", "air", "airing", "mould resistant", "anti mould", "antifungal", "anti fungal",
       "vinegar", "bleach"),
      allowed=("1", "2", "3", "4", "5", "24", "48", "10", "15", "20", "30", "minutes", "hours", "week", "weeks")),
    q("f6-alert", "advice", "any tips for staying alert on a night shift without drinking loads of coffee?",
      ("nap", "napping", "light", "bright", "snack", "snacks", "protein", "water", "hydrated", "hydration",
       "walk", "move", "moving", "stretch", "stretching", "cold water", "fresh air"),
      allowed=("1", "2", "3", "4", "5", "10", "15", "20", "30", "45", "90", "minutes", "hours", "3am", "3:00",
               "4:00", "B12")),
    # arithmetic, units, dates
    q("f6-tiles-online", "arithmetic", "What would the 13 boxes of tiles have cost from the online shop, delivery "
      "included?", "694.84", cite=TILES,
      allowed=("645.84", "18.72", "1.44", "13", "34.5", "49", "728.26", "33.42", "56.02", "38.9")),
    q("f6-eurostar-time", "arithmetic", "How long is the Eurostar ride on the way out, given London's an hour "
      "behind Paris?", ("137 minutes", "re:(?<![\\d.:])2 (hours?|hrs?|h)( and)? 17", "2:17"), cite=EUROSTAR,
      pages=(1,), allowed=("11:13", "12:30", "13:30", "1", "2", "17", "60", "137", "2:17")),
    q("f6-trains-total", "arithmetic", "How much am I spending in euros on the trains for Christmas, the two "
      "TGVs and the Eurostar together?", "285", cite=(XMAS, EUROSTAR), pages=(1,),
      allowed=("39", "45", "84", "89", "112", "201")),
    q("f6-vat-new", "arithmetic", "whats 10 percent of 3057", "305.7", style="terse"),
    q("f6-night-hours", "arithmetic", "What's 4 times 12.25?", "49", spoken=True),
    q("f6-sqft", "units", "How many square feet is 16.5 square metres?",
      "re:177\\.[56]\\d*|(?<![\\d.])178(?![\\d.])",
      allowed=TO_SQFT + ("177.6", "177.60", "177.604", "178")),
    q("f6-fever-f", "units", "What's 38.5 °C in Fahrenheit?", "re:101\\.3\\d*", allowed=C_TO_F + ("101.3",)),
    q("f6-cm-in", "units", "how many inches is 140 cm", "re:55\\.1\\d*|(?<![\\d.])55(?![\\d.])", style="terse",
      allowed=TO_IN + ("55.1", "55.12", "55")),
    q("f6-xmas-day", "dates", "What day of the week is Christmas Day 2025?", "thursday",
      allowed=("25", "December", "2025", "Christmas")),
    q("f6-days-works", "dates", "How many days are there from 24 November to 5 December 2025?", ("11", "eleven"),
      allowed=("24", "5", "30", "November", "December", "2025", "6", "7")),
    q("f6-four-weeks", "dates", "What date is four weeks after Friday 12 December 2025?",
      ("9 january", "january 9", "9th of january"), allowed=("2026", "28", "Friday", "7", "4")),
])

CONVERSATIONS.extend([
    conv("f6-start-dates",
         q("f6-c1-1", "note", "When were Ferrand's guys first supposed to start on the bathroom?", NOV17,
           cite=(BATH, FERRAND_MEMO)),
         q("f6-c1-2", "memo", "and why did that change?", TRAY, cite=(FERRAND_MEMO, BATH)),
         q("f6-c1-3", "note", "so when is it now?", NOV24, cite=(BATH, FERRAND_MEMO)),
         q("f6-c1-4", "dates", "How many days later is that?", ("7", "seven", "a week", "one week"),
           cite=(BATH, FERRAND_MEMO)),
         q("f6-c1-5", "note", "If it takes the eight working days, when should they be done?", DEC3, cite=BATH)),
    conv("f6-ferrand-money",
         q("f6-c2-1", "pdf", "What was the total on Ferrand's quote, VAT included?", "3230.7", cite=DEVIS,
           pages=(1,)),
         q("f6-c2-2", "note", "and how much does the extra tiling add to that?", "132", cite=BATH),
         q("f6-c2-3", "arithmetic", "so what's the new total?", "3362.7", cite=(BATH, DEVIS), pages=(1,)),
         q("f6-c2-4", "note", "How much did I pay up front?", "969.21", cite=(BATH, DEVIS, TODO, BUDGET),
           pages=(2,)),
         q("f6-c2-5", "arithmetic", "so how much is left to pay at the end?", "2393.49",
           cite=(BATH, BUDGET, TODO))),
    conv("f6-tiles",
         q("f6-c3-1", "note", "How many boxes of tiles did I buy in October?", ("11", "eleven"), cite=TILES),
         q("f6-c3-2", "note", "what does one box cover?", "1.44", cite=TILES),
         q("f6-c3-3", "arithmetic", "So how many square metres is that altogether?", "15.84", cite=TILES),
         q("f6-c3-4", "note", "And how much do I need now, with the 10 percent for cuts?", "18.15", cite=TILES),
         q("f6-c3-5", "units", "What's 18.15 square metres in square feet?",
           "re:195\\.[34]\\d*|(?<![\\d.])195(?![\\d.])",
           allowed=TO_SQFT + ("195.4", "195.36", "195.365", "195"))),
    conv("f6-swap",
         q("f6-c4-1", "note", "Which shift did I give Julien?", NOV22, NIGHT, cite=(PLANNING, SWAP_MEMO)),
         q("f6-c4-2", "memo", "and which one am I doing for him?", NOV27, cite=(SWAP_MEMO, PLANNING)),
         q("f6-c4-3", "note", "What time does a night start and finish?", T1900, T0715, cite=PLANNING),
         q("f6-c4-4", "arithmetic", "So how long is one night, in hours?",
           ("12.25", "12:15", "re:12 (hours? )?(and )?(a quarter|15)"), cite=PLANNING),
         q("f6-c4-5", "note", "What's Julien's number?", JULIEN_MOB, cite=CONTACTS)),
    conv("f6-martine",
         q("f6-c5-1", "note", "When is Martine's leaving do?", DEC12, T1430, cite=POT),
         q("f6-c5-2", "note", "how many names are on the collection list?", "26", cite=POT),
         q("f6-c5-3", "note", "and how many have paid so far?", "19", cite=POT),
         q("f6-c5-4", "arithmetic", "so how much is still to come in, at 10 euros each?", "70", cite=POT),
         q("f6-c5-5", "general", "Which grape is Beaujolais made from?", "gamay",
           allowed=("Gamay", "Noir", "Blanc", "Jus", "Beaujolais", "Nouveau", "Burgundy", "Bourgogne", "France",
                    "Chardonnay", "Pinot", "Villages", "Cru", "Crus", "10", "ten", "Morgon", "Fleurie",
                    "Moulin", "Vent", "Brouilly", "Lyon", "November", "Thursday", "Third", "3"))),
    conv("f6-leeds-out",
         q("f6-c6-1", "note", "What time does my TGV leave Lyon on the 21st?", ("7:04", "7h04"), cite=XMAS),
         q("f6-c6-2", "pdf", "and the Eurostar from Paris?", T1113, cite=(EUROSTAR, XMAS), pages=(1,)),
         q("f6-c6-3", "arithmetic", "If I get to Gare du Nord as early as Eurostar recommends at Christmas, what "
           "time is that?", ("9:43", "9h43", "re:17 (minutes )?to 10"), cite=EUROSTAR, pages=(1, 2),
           allowed=("90", "11:13")),
         q("f6-c6-4", "note", "When does the TGV get into Gare de Lyon?", T0900, cite=XMAS),
         q("f6-c6-5", "arithmetic", "so how long have I got to get across Paris?", ("43", "forty-three"),
           cite=(XMAS, EUROSTAR), pages=(1, 2), allowed=("9:00", "9:43", "30", "40"))),
    conv("f6-presents",
         q("f6-c7-1", "memo", "What am I getting Rory for Christmas?", ("fire engine",), cite=GIFTS_MEMO),
         q("f6-c7-2", "memo", "how much is it?", "32", cite=GIFTS_MEMO),
         q("f6-c7-3", "memo", "and Isla's puppet?", "24", cite=GIFTS_MEMO),
         q("f6-c7-4", "arithmetic", "With Callum's wine at the most, what does that all come to?", "76",
           cite=GIFTS_MEMO, allowed=("20",)),
         q("f6-c7-5", "units", "My small suitcase is 55 cm tall, what's that in inches?",
           "re:21\\.6[5-7]\\d*|21\\.7(?![\\d])|(?<![\\d.])22(?![\\d.])",
           allowed=TO_IN + ("21.65", "21.7", "21.654", "22"))),
    conv("f6-building",
         q("f6-c8-1", "pdf", "According to the régie's letter, when can the workmen make noise on weekdays?",
           T0800 + ("8h00",), T1200, ("14:00", "2:00", "2 pm", "14h00"), ("18:00", "6:00", "6 pm", "18h00"),
           cite=SYNDIC, pages=(1,), allowed=("Monday", "Friday", "lundi", "vendredi")),
         q("f6-c8-2", "pdf", "and what hours does Ferrand's quote say they work?", T0800 + ("8h00",),
           ("17:00", "5:00", "5 pm", "17h00"), cite=DEVIS, pages=(2,)),
         q("f6-c8-3", "pdf", "Who's my contact at the régie?", "lambert", cite=(SYNDIC, CONTACTS), pages=(1,)),
         q("f6-c8-4", "note", "and what's her number?", LAMBERT_TEL, cite=(CONTACTS, SYNDIC), pages=(1,)),
         q("f6-c8-5", "general", "How many arrondissements does Lyon have?", ("9", "nine"),
           allowed=("Lyon", "Paris", "20", "Marseille", "16", "1", "1er", "1st", "9e", "9th", "Métropole",
                    "Metropole", "1852", "1964", "Rhône", "Rhone"))),
    conv("f6-occ-health",
         q("f6-c9-1", "note", "When's my médecine du travail appointment now?", NOV20, T1040, cite=TODO),
         q("f6-c9-2", "note", "and when was it before?", NOV19, ("9:20", "9h20"), cite=TODO),
         q("f6-c9-3", "note", "Am I working that day?",
           ("re:^\\s*no\\b", "not working", "day off", "you're off", "you are off", "off", "not on the rota",
            "no shift"), cite=(PLANNING, TODO)),
         q("f6-c9-4", "note", "What do I have to bring?", "vaccination", cite=TODO),
         q("f6-c9-5", "units", "What's a temperature of 37.8 °C in Fahrenheit?", "re:100(\\.0\\d*)?(?![\\d.])",
           allowed=C_TO_F + ("100", "100.04", "100.0"))),
    conv("f6-afgsu",
         q("f6-c10-1", "note", "Where is the AFGSU refresher on the 2nd?", HERRIOT, cite=AFGSU),
         q("f6-c10-2", "note", "how do I get there from home?", ("metro d", "grange blanche", "line d"),
           cite=AFGSU),
         q("f6-c10-3", "note", "what time does it finish?", ("17:00", "5 pm", "5:00", "17h00"), cite=AFGSU),
         q("f6-c10-4", "arithmetic", "So how many hours is that from the start?",
           ("8.5", "re:8 and a half", "re:8 (hours?|h) (and )?30", "510 minutes"), cite=AFGSU),
         q("f6-c10-5", "dates", "How many days is it from the course to when I leave for Leeds?",
           ("19", "nineteen"), cite=(AFGSU, PLANNING, XMAS), allowed=("2", "21", "December"))),
])
