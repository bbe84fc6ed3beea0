"""Words that say little about what is asked, in one place: the keyword search's stopwords, the fillers and
command words the router removes from a request, the words that never pick a file, the lead-ins before a
request's verb, the vague words of spoken questions; and the words that name pictures.

They are separate lists because they do separate jobs, and each job was measured with its own (the router's
tests and bench/tool_eval.py): a search query keeps "not", "after" and "her", which the keyword index may
drop; a file name is never picked by "photo" or "manual", which a search for photos must keep. What they
share is written once below and built on.
"""

from __future__ import annotations

import unicodedata


def plain(word: str) -> str:
    """`word` lower-cased without accents ("génère" -> "genere"): spoken requests come back spelt either way."""
    return unaccented(word.lower().replace("’", "'"))


def unaccented(text: str) -> str:
    """`text` without its letters' accents, case kept ("Benoît" -> "Benoit", "Café" -> "Cafe"); other letters stay
    ("ß", "ø"). Notes and questions write accents either way."""
    if text.isascii():
        return text
    return unicodedata.normalize("NFC", "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c)))


def either(words: frozenset[str]) -> str:
    """A router keyword's word that is any of `words`, with or without accents ("génère|genere|...")."""
    return "|".join(sorted(set(words) | {plain(w) for w in words}))

# English words found in nearly every passage: as keywords they only add noise to a ranking (the index's
# full-text search drops them, and so does the knowledge probe).
FUNCTION_WORDS = frozenset("""a about above after again all am an and any are as at be been before being below
between both but by can could did do does doing down during each few for from further had has have having he
her here hers him his how i if in into is it its itself just me more most my no nor not now of off on once only
or other our ours out over own same she should so some such than that the their theirs them then there these
they this those through to too under until up very was we were what when where which while who whom why will
with would you your yours""".split())

# Function words a request's subject keeps ("notes from before the move", "photos of her", "not the old one"):
# the router never removed them.
KEPT_IN_REQUESTS = frozenset("""above after all as before being below between both but doing during each few
further having he her hers him his into itself more most no nor not off once only other ours out over own same
she should such their theirs them they under until very while whom yours""".split())

# Articles, prepositions and possessives of the other languages requests come in (Spanish, French, German,
# Italian).
FOREIGN_FUNCTION_WORDS = frozenset("""de du des la le les el los las en der die das dem den vom von zum zur il lo
di del della mis mes meine meinen mein mon ma mio mia""".split())

# What people say around a request: hesitations, greetings, politeness, hedges ("um so, like, maybe ...").
SPOKEN_FILLERS = frozenset("um uh erm er hmm like so okay ok well hey hi please kindly just maybe actually".split())

# -- what is said around a request's subject, in the languages requests come in (English, French, German,
# Spanish, Italian, Portuguese): `routing.framing` cuts a picture's prompt out of them, and a search's query
# drops them (REQUEST_FILLERS below). Written without accents' help: `framing.plain` compares words unaccented.
HESITATIONS = SPOKEN_FILLERS | frozenset("""umm uhh uhm mm hm yeah yep yes right alright basically kinda sorta
literally honestly anyway euh bah ben bon alors donc genre enfin voilà äh ähm öh naja halt eben also eh pues bueno
este vale ehm cioè tipo beh allora dunque ecco então né bem pronto quoi oye oiga dai boh insomma ei olha
sabe""".split())
# Asking: "could you", "I was wondering if", "je voudrais", "kannst du", "¿puedes?", "potresti", "você pode".
ASKING = frozenset("""can could would will you i i'd id i'm im want wanted need needed like love wondering wonder
was were if let's lets ahead try please do get me us we
peux pouvez pourrais pourriez tu vous je voudrais veux voulez aimerais est-ce est ce que moi nous
kannst können könntest könnten würdest würden würde du ihr ich möchte möchten will hätte gern gerne mir uns mal
hab habe hast
puedes puede podrías podría podrias podria quiero quisiera querría gustaría gustaria tú usted me nos yo
puoi può potresti potrebbe vorrei voglio mi ci io
podes pode poderia podia você voce quero queria gostaria eu tenho tens temos""".split())
# Politeness, thanks and their phrases' words ("s'il te plaît", "per favore", "se puder").
POLITENESS = frozenset("""please pls plz kindly thanks thank cheers merci plaît plait bitte danke dankeschön
favor gracias favore grazie obrigado obrigada puder appreciated appreciate valeu porfa porfavor""".split())
# The politeness that may end a request without a comma ("a red fox please"); thanks end one only after a comma or
# a stop ("a sign that says thank you" is a subject).
PLEASE = frozenset("please pls plz kindly bitte favor favore plaît plait puder porfa porfavor".split())
# Phrases said around a subject rather than of it ("would you mind", "s'il te plaît", "no sé", "much appreciated").
FRAME_PHRASES = ("would you mind", "do you mind", "if you don't mind", "if you do not mind", "if you can",
                 "if you could", "if you would", "if possible", "if that's possible", "when you can",
                 "when you get a chance", "for me", "thank you", "thanks a lot", "thanks so much", "thank you so much",
                 "much appreciated", "i'd appreciate it", "i'd appreciate that", "i appreciate it", "you know",
                 "i mean", "dig through", "go through", "look through", "s'il te plaît", "s'il vous plaît",
                 "pour moi", "je sais pas", "je ne sais pas", "für mich", "wenn möglich", "wenn's geht", "weißt du",
                 "keine ahnung", "por favor", "para mí", "si puedes", "si es posible", "no sé", "per favore",
                 "per me", "se puoi", "se possibile", "non so", "se puder", "se possível", "para mim", "sei lá")
# Verbs that ask for a picture (imperatives, infinitives, and the forms with a pronoun joined on: "dibújame",
# "disegnarmi", "fammi").
PICTURE_VERBS = frozenset("""draw paint sketch render generate create make design produce imagine illustrate doodle
dessine dessiner dessinez peins peindre peignez fais faire faites génère générer générez crée créer créez
imagine imaginer illustre réalise réaliser
zeichne zeichnen zeichnest male malen malst mal erstelle erstellen erstellst generiere generieren mache machen mach
erzeuge erzeugen entwirf entwerfen
dibuja dibujar dibújame dibujame dibújeme pinta pintar píntame pintame genera generar genérame crea crear créame
hazme haz hacer hágame diseña diseñar imagina imaginar
disegna disegnare disegnami disegnarmi dipingi dipingere dipingimi genera generare generami generarmi crea creare
creami crearmi fammi fare fai faresti realizza realizzare immagina
desenhe desenha desenhar pinte pintar gere gera gerar crie cria criar faça faz fazer imagine""".split())
# Verbs of the above that mean "make" or "do" as often ("fais une recherche", "mach mal", "cosa posso fare"): with a
# picture noun they ask for a picture only when the noun is one that is made, not taken ("photo").
MAKING_VERBS = frozenset("""make produce fais faire faites mach mache machen mal hazme haz hacer hágame fammi fare fai
faresti faça faz fazer realizza realizzare réalise réaliser""".split())
# Verbs that come last in a German or Portuguese request ("... ein Bild von einem Boot malen?").
FINAL_PICTURE_VERBS = frozenset("""malen zeichnen erstellen generieren erzeugen entwerfen desenhar gerar
criar""".split())
# Nouns for a picture, and words that name one as "something": "an image of", "ein Bild von", "something with".
PICTURE_NOUNS = frozenset("""image images picture pictures pic pics illustration illustrations drawing drawings
painting paintings photo photos render rendering sketch sketches artwork art wallpaper wallpapers graphic
dessin dessins peinture tableau bild bilder zeichnung gemälde grafik foto fotos imagen imágenes dibujo
ilustración pintura cuadro immagine immagini disegno illustrazione dipinto quadro imagem imagens desenho
ilustração""".split())
# Picture nouns that also name tables ("fais un tableau de mes dépenses", "un cuadro comparativo") or photos taken:
# no sign of a picture to make on their own.
TABLE_OR_PHOTO = frozenset("tableau cuadro quadro photo photos foto fotos art artwork".split())
SOMETHING = frozenset("""something anything one quelque chose truc etwas was algo alguna algún qualcosa
qualcosina alguma algum coisa irgendwas irgendetwas irgendwelche nada""".split())
# What joins a picture noun to its subject: "of", "showing", "de", "von", "di", "com".
OF_WORDS = frozenset("""of showing with depicting featuring about like de d' du des von vom mit zu avec di del
della dello dei degli delle con do da dos das com sobre""".split())
# Pronouns after a verb: "draw me", "make us", "dessine-moi", "mal mir".
OBJECT_PRONOUNS = frozenset("me us moi nous mir uns mi ci nos".split())
# Articles, before a subject or a picture noun ("a", "une", "einem", "um").
ARTICLES = frozenset("""a an the some any my our this that un une le la les des l' du un' una uno il lo gli el los
las ein eine einen einem einer einige o os as um uma""".split())
LITTLE_ADJECTIVES = frozenset("""little small quick simple nice new cool good big beautiful pretty petit petite nouvelle
nouveau kleines kleine neues schönes pequeño pequeña nueva nuevo bonita piccolo piccola nuova nuovo bella
pequeno pequena nova novo bonito""".split())  # "a quick sketch of", "un petit dessin de"
ELIDED = frozenset("d l j m n s t c qu un dell all nell sull dall".split())  # "d'un", "l'image", "s'il"
# Hesitations that end a request without a comma before them ("a fox thanks", "a fox okay?"); "right" or "well"
# may end a subject ("a dog on the right").
TRAILING_HESITATIONS = frozenset("um umm uh uhh uhm erm hmm ok okay yeah yep maybe euh bah quoi äh ähm ehm beh".split())
# Words that ask for a search of the user's files, and the places searched ("in my notes", "dans mes fichiers").
SEARCH_VERBS = frozenset("""search searching find finding look looking check checking browse browsing chercher cherche cherches trouve trouver
regarde fouille suche suchen finde finden schau schaue nachsehen busca buscar buscas encuentra encontrar
revisa cerca cercare cercami trova trovare guarda controlla procura procurar procure encontra verifica
búscalo búscame búscamelo encuéntralo encuéntrame cerchi cercheresti cercalo trovami""".split())
# Recordings, in the plural: the collection searched ("check my recordings for ..."), not one to transcribe.
RECORDINGS = frozenset("""recordings memos voicemails enregistrements mémos aufnahmen sprachnachrichten
sprachnotizen grabaciones audios registrazioni vocali gravações gravacoes""".split())
# Saying that something was kept, in the other languages ("what did I save" is RECORDING_VERBS'): "qué guardé".
KEPT_VERBS = frozenset("""guardé guardado guardaste apunté anoté anotado escribí noté notée écrit écrite
enregistré sauvegardé gardé rangé abgelegt gespeichert notiert aufgeschrieben geschrieben salvato annotato scritto segnato
salvai salvei guardei guardada guardadas guardados anotei escrevi""".split())
# Words that start a part of a sentence the way "like" does ("..., genre en aquarelle").
LIKE_WORDS = frozenset("genre tipo cioè sozusagen".split())
# What a request points back with ("and make a picture of that").
POINTING_BACK = frozenset("""that it this them one ça cela le la les das es ihn lo eso esto questo quello isso
isto""".split())
# Words that join one part of a request to the next.
AND_WORDS = frozenset("and then et puis und dann y luego e poi depois".split())
KNOWLEDGE_PLACES = frozenset("""notes note files file folder folders documents document recordings saved stuff
knowledge fichiers fichier dossier documents enregistrements notizen notiz dateien datei ordner dokumente
aufnahmen archivos archivo carpeta notas documentos grabaciones appunti nota cartella documenti registrazioni
arquivos arquivo anotações anotacoes gravações gravacoes""".split())

# Words of the lists above that are someone's or something's name as often ("Ben", "Vale", "dal", "EU", "12 mm",
# "mi tipo de sangre", "bon de commande", "est" for east): a search query keeps them.
SUBJECTS_TOO = frozenset("ben dal mm id eu dossier genre vale pronto est este bon tipo".split())
# A request's words that carry no subject (`routing.arguments.topic` removes them): the above, and command
# words, the knowledge folder itself, contractions' remains, and more of the other languages.
REQUEST_FILLERS = (SPOKEN_FILLERS | FOREIGN_FUNCTION_WORDS | (FUNCTION_WORDS - KEPT_IN_REQUESTS) | frozenset("""
hello basically you know mine us anything something whats whether also still instead
search find look looking show tell give get check see open read want need love
files file folder folders knowledge notes note documents document saved save wrote write written
mention mentions mentioned among stuff things thing everything
s t ll re ve d m
busca buscar mi un una por favor sobre cherche dans sur une suche finde nach über cerca nei miei gli per au aux al
i've i'm i'd i'll we've we're you've you're what's that's there's it's let's got somewhere anywhere
whatever o os uma en em na nas nos meus minhas minha meu mes mis in im auf dans sul sulla sullo sui sulle nel nella
nello negli nelle dal dalla alla allo agli dello degli delle dos das pelo pela
""".split()) | HESITATIONS | (ASKING - KEPT_IN_REQUESTS - {"vous"}) | POLITENESS | SEARCH_VERBS |
                   KNOWLEDGE_PLACES | KEPT_VERBS | (SOMETHING - {"one"}) | {"ones"}) - SUBJECTS_TOO


# Command words the router also removes when misspelt ("serach", "transcirbe").
COMMAND_WORDS = ("search", "files", "folder", "documents", "knowledge", "transcribe", "describe", "picture",
                 "recording")

# Words that say what kind of thing a file is, or that any request holds: they never pick a file by its name.
NOT_FILE_NAMES = FOREIGN_FUNCTION_WORDS | frozenset("""
a an the my our your his her their this that these those of in on at to for from with and or by about it its
me i you we please file files folder document documents doc docs pdf pdfs manual manuals guide handbook
photo photos foto fotos picture pictures pic pics image images img screenshot recording recordings audio
note notes page pages one first second third last new old what whats is are was were does do did say
says said describe transcribe read open look show tell find search dei""".split())

# Words before a request's verb that do not change what is asked ("could you please draw ...").
LEAD_INS = SPOKEN_FILLERS | frozenset("now then and can could would will you i i'd id want need to also go ahead "
                                      "right alright".split())

# Words that make up spoken questions rather than their subject ("I need to know what the wifi password is").
VAGUE = frozenset("""need want know think remember sure pretty really actually happening happened going thing
things name again wrong right tell said says saying mean means meant meaning definition kind sort maybe please
thanks thank someone somebody anyone anybody everyone everybody nobody today now currently moment nowadays lately
anyway anyhow ever even roughly approximately forget forgets forgetting forgot forgotten keep already""".split())  # (what a
# question says of its own asking, not of its subject: "at the moment", "anyway", "roughly how much", "I keep
# forgetting", "I've already paid 150")

# Words for the kind of event a question asks about, which a note often leaves out ("When is my dentist
# appointment?" of "Dentist: Tuesday 9 December at 14:30"): the rest of the question names it.
EVENT_WORDS = frozenset("""appointment appointments session sessions slot slots termin termine rendez-vous rendezvous
rdv cita citas appuntamento appuntamenti consulta""".split())  # (not "booking": a booking number is a thing of its own)

# Words for pictures, in the languages requests come in: a search for them is a search for images.
PICTURE_WORDS = frozenset("photo photos foto fotos picture pictures pic pics image images snapshot snapshots "
                          "screenshot screenshots bild bilder imagen imágenes immagine immagini".split())

# Words that ask for a file of one kind, or for what is done with one, in the languages requests come in: a
# request that holds none of them (nor the tool's own words) is not about a file whose name shares one of its
# words ("How much did Marek quote?" is no request for marek-callback.wav; "play Marek's memo" is).
FILE_KIND_WORDS: dict[str, frozenset[str]] = {
    "audio": frozenset("""recording recordings recorded audio audios memo memos voicemail voicemails voice clip clips
podcast podcasts transcript transcripts transcribe listen play replay wav mp3 m4a grabación grabacion grabaciones
grabé transcribir escucha aufnahme aufnahmen sprachnachricht sprachnotiz sprachmemo transkribiere
anhören enregistrement enregistrements mémo vocal transcris écoute registrazione registrazioni vocale trascrivi
ascolta""".split()),
    "image": PICTURE_WORDS | frozenset("""photograph photographs drawing drawings painting paintings scan scans selfie
selfies jpg jpeg png describe beschreibe beschreib décris decris descrivi""".split()),
    "pdf": frozenset("""pdf pdfs manual manuals guide guides handbook booklet instructions datasheet brochure leaflet
letter letters contract report paper document documents page pages handbuch anleitung brief vertrag dokument seite
manuel lettre contrat manuale lettera contratto pagina carta contrato documento página""".split()),
}

# -- answers from the user's files (assistant/grounding/) ------------------------------------------
# Number words below twenty, in order (their place is their value).
SMALL_NUMBERS = tuple("""zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen
sixteen seventeen eighteen nineteen""".split())
MONTH_NAMES = ("january february march april may june july august september october november december "
          "januar februar märz maerz juni juli oktober dezember janvier février fevrier mars avril mai juin "
          "juillet août aout septembre octobre novembre décembre enero febrero marzo abril mayo junio julio agosto "
          "septiembre octubre noviembre diciembre").split()

WEEKDAY_NAMES = ("monday tuesday wednesday thursday friday saturday sunday montag dienstag mittwoch donnerstag freitag "
            "samstag sonntag lundi mardi mercredi jeudi vendredi samedi dimanche lunes martes miércoles miercoles "
            "jueves viernes sábado sabado domingo lunedì martedì mercoledì giovedì venerdì sabato domenica").split()

# A word a question asks by, and the words notes write for it instead ("When is Bruno's birthday?" of "born 14
# February 2021"; "Which invoice is still unpaid?" of "OPEN, due 31 July"; "the apartment" of "the flat"): one way
# only ("When is the shop open?" asks for no unpaid invoice). English.
NOTES_SAY_INSTEAD: dict[str, tuple[str, ...]] = {
    "birthday": ("born",), "birthdays": ("born",),
    "unpaid": ("outstanding", "open", "not paid", "owed", "owes"), "owes": ("not paid", "unpaid", "outstanding"),
    "owe": ("not paid", "unpaid", "outstanding"), "outstanding": ("not paid", "unpaid", "open"),
    "apartment": ("flat",), "flat": ("apartment",),
    "vet": ("veterinary", "veterinarian"), "doctor": ("gp", "physician"),
    "phone": ("tel", "telephone", "mobile"), "telephone": ("tel", "phone", "mobile"),
    "teaching": ("teacher",), "teaches": ("teacher",), "teach": ("teacher",),
    "weekend": ("saturday", "sunday"),
}

# Words written short with a full stop that ends no sentence ("Mr. Keller", "approx. 390 km", "tel. 0341 ...").
SHORTENED = ("mr mrs ms dr prof st no nr vs e.g i.e approx ca incl excl tel est avg fig vol pp str appt dept "
             "hbf").split()

# Month and weekday names: capitalised, but no one's name.
CALENDAR_WORDS = frozenset(MONTH_NAMES) | frozenset(WEEKDAY_NAMES)

# Capitalised words that claim nothing: pronouns, titles, the assistant's own words and units.
NOT_NAMES = frozenset("""i i'm i've i'd i'll ok okay dr mr mrs ms mx prof st pdf pdfs ai celsius fahrenheit yes no
it it's the a an your my you our this that these those he she they we his her their there here page am pm
mister according""".split())

# Words for what something has rather than what it is: "what's the wifi password" asks about the wifi, "the
# number" about whatever it is the number of.
ATTRIBUTE_WORDS = frozenset("""name names number numbers address date time price cost code password pin phone email
contact reference size colour color nummer adresse datum preis code nom numéro prix nombre número dirección fecha
precio nome numero indirizzo data prezzo""".split())
# Words of a question that say how something was kept, not what it is about ("the number I wrote down").
RECORDING_VERBS = frozenset("""wrote write written writing noted note saved save put told tell said say mentioned
mention recorded record remind reminded remember again exactly actually""".split())

# Words for the files themselves, which name where to look rather than what is asked.
FILE_WORDS = frozenset("""pdf pdfs file files page pages document documents doc docs note notes recording
recordings memo memos folder txt md wav""".split())

# Question words in the languages requests come in, which are no subject.
QUESTION_WORDS = frozenset("""what whats which who whom whose when where why how much many long often
wann wie wo was wer welche welcher welches warum quand quel quelle quels quelles où comment combien qui
cuándo cuando cuánto cuanto cuánta cuánta qué que quién donde dónde cómo time soon hora heure uhr uhrzeit ora
far tall high heavy wide deep big old""".split())

# A later part of a spoken request asks with a question word and its verb, or a question word's contraction,
# after a first part that asks for nothing to be made (grounding/personal.asks).
QUESTION_CONTRACTIONS = frozenset("what's whats who's whos where's when's how's".split())
QUESTION_VERBS = frozenset("""is are was were did does do will can could should would has have had time many much
long often far old ist sind war waren wird hat haben kann soll est sont était a es son era está fue è sono
ha""".split())  # (what *was*, how *many*, wann *ist*, quand *est*, cuándo *es*)
ASKING_FOR_SOMETHING = frozenset("""write tell make draw give show create compose sing play translate schreib schreibe
erzähl erzähle mach zeig écris raconte fais montre escribe cuéntame cuenta haz muestra scrivi racconta fai
mostra""".split())

# The verbs and little words before "me" that ask the assistant for something ("tell me", "help me", "for me"),
# where "me" is not the user's own affairs ("how much will the insurance pay me?").
ASKS_OF_ME = ASKING_FOR_SOMETHING | frozenset("""help let remind teach explain find get bring read send ask to for with
about give show surprise quiz recommend suggest affect entertain cheer motivate wake excuse""".split())

# Words between "the" and the thing it names ("the new labels", "the final files").
# A note's label that says what kind of thing its line gives ("Dates: Tue 17 - Fri 20 Feb", "Mobile: 0491 ..."), by
# the kind a question asks for (`grounding.asking.asks_for`)
_MONEY_LABELS = "price prices cost costs fee fees total amount rent paid preis kosten prix coût precio"
KIND_LABELS: dict[str, frozenset[str]] = {
    "when": frozenset("when date dates wann datum termin quand fecha fechas".split()),
    "time": frozenset("time times start starts uhrzeit heure hora".split()),
    "place": frozenset("where address location venue place adresse ort lieu dirección".split()),
    "number": frozenset("phone tel mobile cell number no nr code ref reference pin telefon handy".split()),
    "money": frozenset(_MONEY_LABELS.split()),
    "amount": frozenset("total amount".split()),  # ("how big?" is no "Rent:")
}
BEFORE_THE_THING = frozenset("""new old next last latest current previous upcoming first final other whole main big
small little same""".split())
# A question's word for which one it means, and the words of a line that mean another one ("the rent at the new flat"
# is not the line "(old flat: 640 + 140 = 780)")
OTHER_ONE = {"new": frozenset("old previous former".split()), "old": frozenset("new".split()),
             "next": frozenset("last previous".split()), "last": frozenset("next".split()),
             "current": frozenset("old previous former".split())}
# ... "the old", "the new", "the next", "the last" in the other languages requests come in, after their articles
# and first-person words ("der alten Wohnung", "le dernier jour", "el próximo pago", "il nuovo contratto")
THE_SPECIFIC_ABROAD = (r"\b(?:der|die|das|den|dem|des|unser\w*|mein\w*)\s+(?:alt|neu|nächst|letzt)(?:e|en|er|es|em)?\b|"
                       r"\b(?:le|la|les|l'|notre|nos|mon|ma|mes)\s*(?:ancien(?:ne)?s?|nouve(?:au|l|lle)s?|"
                       r"prochaine?s?|derni(?:er|ère)s?)\b|"
                       r"\b(?:el|la|los|las|nuestr[oa]s?|mis?)\s+(?:antigu[oa]s?|viej[oa]s?|nuev[oa]s?|próxim[oa]s?|"
                       r"últim[oa]s?)\b|"
                       r"\b(?:il|la|lo|i|gli|le|l'|nostr[oaie]|mi[oaie])\s*(?:vecchi[oaie]|nuov[oaie]|prossim[oaie]|"
                       r"ultim[oaie])\b")

# First-person words, in the languages requests come in (English, German, French, Spanish, Italian).
FIRST_PERSON = frozenset("""i i'm i've i'd i'll my mine myself
ich mich mir mein meine meinen meinem meiner meines
je j' moi mon ma mes
yo mi mis conmigo tengo
io mio mia miei mie""".split())

# First-person possessives, singular and plural, in the languages requests come in: "what time is my ...", "when
# is our ..." ask about the user's own things.
OWN_WORDS = frozenset("""my our mi mis nuestro nuestra nuestros nuestras mon ma mes notre nos mein meine meinen
meinem meiner meines unser unsere unseren unserem unserer unseres mio mia miei mie nostro nostra nostri
nostre""".split())

# "We" and "our" speak for everyone as often as for a household ("our solar system"): about the user's own life
# only with an arranged event or someone they know.
FIRST_PLURAL = frozenset("""we we're we've our ours wir uns unser unsere unseren nous notre nos nosotros nuestra
nuestro nuestras nuestros noi nostro nostra""".split())

ASKING_WORDS = frozenset("""what whats what's when where who whom whose which why how is are am was were do does did
have has had can could will would should shall remind tell wann wo wie was wer welche welcher welches ist sind
hast habe hatte quand où comment combien qui quel quelle quels quelles est cuándo cuando dónde donde cómo qué
quién cuánto cuánta cuántos tengo hay quando dove come chi quanto""".split())

LITTLE_WORDS = {
    "de": frozenset("ich mein meine meinen mir mich wir unser ist sind der die das den dem und nicht wann wo wie was "
                    "wer welche welcher habe hat bei mit für auf zu ein eine einen im vom zum".split()),
    "fr": frozenset("je mon ma mes est sont le la les et pas quand où comment quel quelle qui ai avec pour sur "
                    "un une du des au aux à ce cette chez combien".split()),
    "es": frozenset("yo mi mis es son el la los las y no cuándo cuando dónde donde cómo qué quién tengo con para "
                    "por un una del al está esta cuánto cuánta cuántos cuántas cuál cuáles nuestro nuestra nosotros "
                    "hay".split()),
    "it": frozenset("io mio mia miei è sono il lo la gli le e non quando dove come che chi ho con per un una del "
                    "della al".split()),
}

ENGLISH_LITTLE_WORDS = frozenset("""i my me we our is are was were the a an and not when where how what who which time do does
did have has to of in on at for with it this that you your there""".split())

# -- arithmetic said in sentences (assistant/tools/word_problems.py) -----------------------------------
# Words for a percentage, and the question words that ask for one ("what percentage of 1290 is 1040?"), in the
# languages requests come in (English, German, French, Spanish, Italian).
PERCENT_WORDS = ("percent", "percentage", "per cent", "%", "prozent", "prozentsatz", "pour cent", "pourcentage",
                 "por ciento", "porcentaje", "per cento", "percentuale")
HOW_MUCH_WORDS = ("what", "which", "how many", "how much", "wie viel", "wie viele", "wieviel", "welcher", "welchen",
                  "quel", "quelle", "combien de", "qué", "que", "cuánto", "cuanto", "che", "quale", "quanti")
# Who a sum is shared between, counted ("32 people", "4 ways", "there are 32 of us").
PEOPLE_WORDS = frozenset("""people persons friends guests colleagues kids children adults players members guys ways
personen leute freunde gäste kollegen kinder personnes amis invités gens enfants personas amigos invitados niños
persone amici ospiti bambini""".split())
# Words before those a sum is shared among ("between 32", "entre 4"), and words that share a sum out.
AMONG_WORDS = frozenset("between among amongst zwischen unter parmi entre tra fra".split())
SHARING_WORDS = AMONG_WORDS | frozenset("""split splits splitting share shares shared sharing divide divides divided
dividing teilen teilt geteilt aufteilen aufgeteilt partager partagé partagée partagent diviser divisé repartir
repartido dividir dividido compartir dividere diviso condividere""".split())
# What each one gets or pays: "each", "everyone", or "per" with a word for one person ("per head", "pro Kopf").
EACH_WORDS = frozenset("""each everyone everybody apiece jeder jede jeden chacun chacune cada ciascuno ognuno""".split())
PER_WORDS = frozenset("per pro par por al each".split())
PERSON_WORDS = frozenset("person head capita kopf personne tête persona cabeza testa".split())
# What "a" makes a rate of ("a month", "a head"; not "a file"): a person, and spans of time.
A_RATE_WORDS = PERSON_WORDS | frozenset("night day week month year hour".split())

# Words that ask for arithmetic over amounts already said ("so how much is left after the deposit?", "what's that
# per night?"): the above (sharing, each, per, percent), and the operations, in the languages requests come in.
OPERATION_WORDS = SHARING_WORDS | EACH_WORDS | PER_WORDS | frozenset(w for w in PERCENT_WORDS if " " not in w) | \
    frozenset("""total altogether together sum add plus minus subtract left remaining remain rest difference
average mean times multiply multiplied double twice half more less combined insgesamt zusammen gesamt übrig
unterschied differenz jeweils durchschnitt durchschnittlich mal hälfte doppelt ensemble reste différence moyenne
fois moitié juntos queda resto diferencia promedio veces mitad doble totale insieme resta differenza media volte
metà doppio""".split())
# Words that ask for the mean of the amounts a request lists ("... 214.50 in September and 187.20 in October, what's
# that on average?"), and for their sum ("34, 62 and 26, what's that altogether?").
AVERAGE_WORDS = frozenset("""average mean averaged durchschnitt durchschnittlich schnitt moyenne promedio media""".split())
TOTAL_WORDS = frozenset("""total altogether together combined sum insgesamt zusammen gesamt summe ensemble somme
juntos suma totale insieme somma""".split())
# A rise or a drop asked in percent of two amounts said before ("how big a rise is that in percent?", "by what
# percentage did it go down?"; grounding/worked_out.py), in the languages requests come in.
RISE_WORDS = frozenset("""rise raise rises increase increased more higher dearer grown grew steigerung erhöhung
mehr teurer hausse augmentation aumento subida""".split())  # (not "up": "turned up", "came up")
DROP_WORDS = frozenset("""drop dropped fall fell decrease decreased less lower cheaper reduction discount
weniger billiger rückgang baisse moins réduction bajada menos descuento""".split())
# Comparatives that ask how far apart two amounts are ("how much cheaper is Kessler?", "how much longer is the drive?";
# not "how much water" or "how much power", which end in -er too).
COMPARATIVES = frozenset("""cheaper dearer costlier pricier more less fewer bigger smaller larger longer shorter higher
lower further farther later earlier sooner heavier lighter older younger faster slower quicker warmer colder hotter
cooler wider narrower taller deeper thicker thinner greater steeper""".split())
# Words that ask what a value was before it changed ("When was it supposed to be originally?", "the old price";
# grounding/superseded.py; "and before?" at a question's end), in the languages requests come in.
EARLIER_VALUE_WORDS = frozenset("""original originally old previous previously earlier initial initially planned
formerly supposed ursprünglich ursprünglichen vorher früher alte alten ancien ancienne avant initialement
prévu antes anterior antiguo previsto""".split())
# ... of which these say only which value is asked (the one before the change), not what it is of: no subject word of
# a question ("When was the survey first supposed to start?": no note says "supposed"; "old" says which flat)
PLAN_WORDS = EARLIER_VALUE_WORDS - frozenset("old alte alten ancien ancienne antiguo".split())
# Plural words after a number that count no things one could price ("20 years", "3 times", "2 percent"): no count
# whose rate the files might give (grounding/worked_out.py `counted`).
COUNTLESS = frozenset("""years times percent cents euros dollars pounds degrees metres meters kilometres kilometers
miles grams kilograms kilos litres liters""".split())
# Words a number names something after ("invoice 17", "flat 3", "room 4", "flight 447", "page 2"): no amount.
NAMING_WORDS = frozenset("""invoice invoices bill flat flats apartment room rooms number numbers no nr flight flights
bus line page pages chapter house table seat order orders version gate platform route level floor unit apt item items
week day step question exercise exercises model class grade size track box boxes rechnung wohnung zimmer seite
facture chambre page factura habitación página fattura camera pagina""".split())
# Words that follow an amount in a list of them besides the little words: a unit, "and" abroad, "each", "what"
AFTER_AN_AMOUNT = frozenset("""km kg g m cm mm l ml mi lb lbs oz min h kwh und et y e im am au each per what
whats""".split())
# What a number counts rather than an amount of money or a measure ("over 3 months", "for 4 people", "2 times"):
# not one of the amounts to add up or average.
COUNTED_WORDS = frozenset("""times months month weeks week days day years year nights hours people persons""".split())


# -- speech over the assistant's reply (voice/overlap.py) -----------------------------------------------------
# A listener's acknowledgement: said while the assistant speaks, it lets it go on ("mm-hmm", "yeah", "okay"),
# in the languages requests come in; a cough is heard as nothing at all.
ACKNOWLEDGEMENTS = frozenset("""mm mmm mhm mm-hmm mmhmm hmm hm uh-huh uhhuh uh huh ah oh aha yeah yep yes yup ok okay
right alright sure cool nice great good fine exactly true indeed totally gotcha got it i see see thanks thank you
oui ouais d'accord voilà ja jaa genau okay stimmt klar gut sí si vale claro vero certo sim""".split())
# ... and what stops it, however short: "stop", "wait", "no", "hold on" (in the same languages)
STOP_WORDS = frozenset("""stop wait no nope hold pause quiet enough shush sorry cancel halt arrête attends non stopp
warte nein halt moment para espera basta aspetta""".split())

# -- answers to "Shall I ...? Say yes or no." (the agent asks before an external tool that may change or delete
# something): a reply made only of these words and phrases (unaccented, lower case; with politeness around it) is a
# yes or a no (`agent.external.yes_or_no`); anything else is a new request.
YES_WORDS = frozenset("""yes yeah yea yep yup ya sure ok okay k alright affirmative certainly absolutely definitely
confirm confirmed proceed correct right fine indeed ja jawohl jo klar genau gerne oui ouais si claro vale dale sim
certo""".split())
YES_PHRASES = frozenset({"do it", "go ahead", "go for it", "please do", "of course", "yes please", "sounds good",
                         "that's fine", "why not", "d'accord", "bien sur", "vas y", "allez y", "mach das",
                         "mach es", "na klar", "por supuesto", "hazlo", "adelante", "va bene", "pode ser", "faz isso"})
NO_WORDS = frozenset("""no nope nah nay negative cancel stop abort don't dont never nein nicht non nao niente
annulla""".split())
NO_PHRASES = frozenset({"do not", "don't do it", "do not do it", "not now", "never mind", "nevermind", "no thanks",
                        "no thank you", "please don't", "better not", "forget it", "leave it", "lass es", "pas maintenant",
                        "laisse tomber", "mejor no", "ni hablar", "melhor nao"})
# Said around a yes or a no without changing it ("yes please", "no, thanks").
ANSWER_POLITENESS = frozenset("please thanks thank you bitte danke merci gracias grazie obrigado obrigada".split())

# Words of a question about how far apart two dates or times are ("how many days later", "in hours"): not its subject
SPAN_WORDS = frozenset("day days week weeks later earlier after before apart between then hour hours minute minutes "
                       "long".split())
