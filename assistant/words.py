"""Words that say little about what is asked, in one place: the keyword search's stopwords, the fillers and
command words the router removes from a request, the words that never pick a file, the lead-ins before a
request's verb, the vague words of spoken questions; and the words that name pictures.

They are separate lists because they do separate jobs, and each job was measured with its own (the router's
tests and bench/tool_eval.py): a search query keeps "not", "after" and "her", which the keyword index may
drop; a file name is never picked by "photo" or "manual", which a search for photos must keep. What they
share is written once below and built on.
"""

from __future__ import annotations

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

# A request's words that carry no subject (`routing.arguments.topic` removes them): the above, and command
# words, the knowledge folder itself, contractions' remains, and more of the other languages.
REQUEST_FILLERS = (SPOKEN_FILLERS | FOREIGN_FUNCTION_WORDS | (FUNCTION_WORDS - KEPT_IN_REQUESTS) | frozenset("""
hello basically you know mine us anything something whats whether also still instead
search find look looking show tell give get check see open read want need love
files file folder folders knowledge notes note documents document saved save wrote write written
mention mentions mentioned among stuff things thing everything
s t ll re ve d m
busca buscar mi un una por favor sobre cherche dans sur une suche finde nach über cerca nei miei gli per au aux al
""".split()))

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
thanks thank""".split())

# Words for pictures, in the languages requests come in: a search for them is a search for images.
PICTURE_WORDS = frozenset("photo photos foto fotos picture pictures pic pics image images snapshot snapshots "
                          "screenshot screenshots bild bilder imagen imágenes immagine immagini".split())
