"""Is a request about the user's own world, and in which language is it asked?

A personal question ("when is my dentist appointment?", "what time is Marek coming?", "wo ist mein Pass?") is
looked up in the user's files before it is answered, and when they hold nothing about it the honest answer is
that they don't: a small model asked anyway invents a time or a number. A question about the world ("what's
the capital of Australia?") that the files don't answer is answered from the model's knowledge.
"""

from __future__ import annotations

import re

from ..languages import language_of, one_letter_apart, words_of  # (language_of: asked here by the agent, and the tests)
from ..words import (ASKING_WORDS, ASKS_OF_ME, CALENDAR_WORDS, ENGLISH_LITTLE_WORDS, FIRST_PERSON, FIRST_PLURAL, FUNCTION_WORDS,
                     ASKING_FOR_SOMETHING, HESITATIONS, LITTLE_WORDS, QUESTION_CONTRACTIONS, QUESTION_VERBS,
                     QUESTION_WORDS, WEEKDAY_NAMES)
from .claims import claims

# An event that is arranged (someone coming, a thing due): asked about with a name, it is the user's own.
_ARRANGED = re.compile(r"\b(?:coming|arriv\w*|visit\w*|due|appointment|meeting|booked|pick\w* up|leav\w+|"
                       r"stay\w*|call\w*|birthday|anniversary|wedding|holiday|trip|flight|party|dinner|"
                       r"reservation|rent|bill|budget|plan(?:s|ned|ning)?)\b", re.I)
# ... in the other languages, read only in a request in one of them ("part" is French for "leaves", English for
# "a piece")
_ARRANGED_ABROAD = re.compile(r"\b(?:kommt|ankommt|termin|fährt|abfahrt|zurück|vient|arrive|rentre\w*|retour|"
                              r"départ|part(?:ons)?|vol|viene|llega|cita|regres\w*|volvemos|salida|salimos|vuelo|"
                              r"partenza|ritorno|torniamo|volo)\b", re.I)
# What was paid, said by "we" ("how much did we pay for ...?", "combien avons-nous payé"; not "how much did
# Microsoft pay for LinkedIn?")
_PAID = re.compile(r"\b(?:pa(?:y|id|ying)|spen[dt]|owe[sd]?|bought|pay[ée]s?|payons|bezahlt|gezahlt|pagamos|pagado|"
                   r"pagu[ée]|pagato|pagati)\b", re.I)
# A day ahead, as people name the days of their own week ("on Thursday", "tomorrow", "next week"): the world's
# questions give dates with years.
_UPCOMING = re.compile(rf"\b(?:(?:on|this|next|coming|am|le|el|il) (?:{'|'.join(WEEKDAY_NAMES)})|tomorrow|tonight|"
                       r"this (?:morning|afternoon|evening|weekend|week)|next (?:week|weekend|month)|morgen|"
                       r"heute abend|demain|ce soir|mañana|esta noche|domani|stasera)\b", re.I)
# A weekday named alone, asked when or where ("what time is the thing with Marek Thursday?"); a year makes it a
# date of the calendar's ("what day of the week was 1 January 2000?")
_A_DAY = re.compile(rf"\b(?:{'|'.join(WEEKDAY_NAMES[:7])})\b", re.I)
_YEAR = re.compile(r"\b(?:1[5-9]|20)\d{2}\b")
# Things only the user has: asked when or where, an appointment or a booking is theirs ("When is the cat's next vet
# appointment?"); "what is an appointment letter?" asks neither.
_BOOKED = re.compile(r"\b(?:appointments?|reservations?|bookings?|check-?ups?|termine?|rendez-vous|citas?|"
                     r"appuntament[oi]|prenotazion[ei]|réservations?)\b", re.I)
_WHEN_OR_WHERE = re.compile(r"\b(?:when|what time|which day|what day|where|wann|wo|um wie viel uhr|quand|où|"
                            r"à quelle heure|cuándo|dónde|a qué hora|quando|dove|a che ora)\b", re.I)
# How-to and advice: "how do I ...", "what's the best way to ...", "tips for ...": the first person asks for
# know-how, not about their own records.
_ADVICE = re.compile(r"\bhow (?:do|can|could|should|would|to|might) (?:i|we|you|one)\b|\bhow to\b|\b(?:should|can|could) "
                     r"(?:i|we)\b|\btips?\b|\badvice\b|\b(?:best|good|easiest|quickest|fastest|right) way\b|\bwie kann ich\b|"
                     r"\bis there (?:a|any) (?:way|trick|fix|remedy|solution)\b|\bis there anything (?:i|we) (?:can|could)\b|\bwhat (?:can|should) (?:i|we) do\b|"
                     r"\bany (?:ideas|suggestions|tricks)\b|\bwie bekomme ich\b|\bwas kann ich\b|"
                     r"\bcomment (?:puis-je|faire)\b|\bc[oó]mo (?:puedo|hago)\b", re.I)
# What a thing of one's own cost, asked in the past of "the" thing, written in lower case ("How much did the new
# tyres cost?", "Wie viel hat der Schlüsseldienst gekostet?", "Combien a coûté le serrurier ?"): the world's such
# questions name theirs ("How much did the Apollo program cost?"), and a small model asked anyway invents a sum
_PAST_COST = re.compile(r"\b(?i:how much|what) (?i:did) (?i:the|our|my) [a-z][\w'-]*(?: [a-z][\w'-]*){0,2} (?i:cost|come to)\b|"
                        r"\b(?i:wie viel) (?i:hat|haben) (?i:der|die|das|unser\w*|mein\w*) \w+ (?:\w+ )?gekostet\b|"
                        r"\b(?i:combien) (?:a|ont) coûté (?:le|la|les|l'|notre|nos|mon|ma|mes)\s?[a-zà-ÿ]|"
                        r"\b(?i:cu[aá]nto) (?:cost[oó]|costaron) (?:el|la|los|las|nuestr[oa]s?|mis?) [a-zñáéíóú]|"
                        r"\b(?i:quanto) (?:è costat[oa]|sono costat[ei]) (?:il|lo|la|i|gli|le|l')\s?[a-zàèéìòù]")
_POSSESSIVE_NAME = re.compile(r"(?<!^)(?<![.!?]\s)\b[A-Z][a-z]+'s\b")
_NAME = re.compile(r"(?<=\s)(?<![.!?]\s)[A-Z][a-z]{2,}\b")  # not a sentence's first word
_THE_PERSON = re.compile(r"\bthe (?:plumber|electrician|landlord|landlady|dentist|doctor|vet|builder|painter|"
                         r"mechanic|gardener|cleaner|babysitter|nanny|accountant|lawyer|physio\w*|teacher|"
                         r"neighbou?r|courier|technician|contractor|client|tenant|kids?|children)\b", re.I)

# The user's home, in the languages requests come in: "bei uns", "chez nous", "at our place" say whose bins,
# boiler or street it is (not "we" as everyone: "when did we land on the moon?").
_HOME = re.compile(r"\b(?:bei (?:uns|mir)|chez (?:nous|moi)|en (?:nuestra|mi) casa|da (?:noi|me)|a casa (?:nostra|mia)|"
                   r"na (?:nossa|minha) casa|at (?:our|my) (?:place|house|flat|apartment|home))\b", re.I)
# (not "at home", "zu Hause", "en casa": "what exercises can be done at home?" is anyone's question)
_FAMILY = re.compile(r"\b(?:grandma|granny|grandpa|grandmother|grandfather|grandparents|mum|mom|mummy|mommy|dad|"
                     r"daddy|mother|father|parents|sister|brother|wife|husband|partner|boyfriend|girlfriend|son|"
                     r"daughter|aunt|auntie|uncle|cousin|niece|nephew|boss|oma|opa|mama|papa|mutter|vater|schwester|"
                     r"bruder|grand-mère|grand-père|mamie|papi|abuela|abuelo|madre|padre|hermana|hermano|nonna|"
                     r"nonno)\b", re.I)


def is_personal(text: str) -> bool:
    """The request is about the user's own life: it speaks in the first person, names someone's thing ("Tom's
    number"), asks about an arranged event with a name, a person's role or a day of the week ahead ("when is Marek
    coming?", "what time is the electrician due?", "what time is the meeting on Friday?"), or about someone on a
    day ahead ("what time is the thing with Marek on Thursday?")."""
    words = words_of(text)
    if asks_how(text) or not asks(text):
        return False
    if any(w in FIRST_PERSON or w.split("'")[0] in FIRST_PERSON for w in words):
        return True
    if language_of(text) == "en" and any(w == "me" and i > 0 and words[i - 1] not in ASKS_OF_ME
                                         for i, w in enumerate(words)):
        return True  # "... going to pay me", "... did he send me" (not "tell me", "help me"; English "me" only)
    if _PAID.search(text) and any(w in FIRST_PLURAL for w in words):
        return True
    if _PAST_COST.search(text):  # "how much did the locksmith cost?"
        return True
    if _POSSESSIVE_NAME.search(text.strip()):
        return True
    if _THE_PERSON.search(text) or _FAMILY.search(text) or _HOME.search(text):  # "the electrician", "grandma",
        return True  # "bei uns": someone or somewhere in the user's life
    named = any(m.group(0).lower() not in CALENDAR_WORDS for m in _NAME.finditer(text.strip()))
    ours = named or any(w in FIRST_PLURAL for w in words) or (  # someone named, or "we" (French "on" too)
        language_of(text) == "fr" and any(w.split("'")[-1] == "on" for w in words))
    upcoming = _UPCOMING.search(text) is not None or (  # a day of the user's week ("... Marek Thursday?", as
        _WHEN_OR_WHERE.search(text) is not None and _A_DAY.search(text) is not None and not _YEAR.search(text))  # heard)
    abroad = any(w in _FOREIGN_LITTLE_WORDS for w in words) or any(ord(c) > 127 for c in text)
    arranged = _ARRANGED.search(text) is not None or (abroad and _ARRANGED_ABROAD.search(text) is not None)
    if _BOOKED.search(text) and _WHEN_OR_WHERE.search(text):  # "when is the vet appointment?": no one else's
        return True
    return bool(arranged and (ours or upcoming) or upcoming and ours)


_FOREIGN_LITTLE_WORDS = frozenset().union(*LITTLE_WORDS.values()) - ENGLISH_LITTLE_WORDS




def asks_how(text: str) -> bool:
    """The request asks for know-how or advice ("how do I ...", "what's the best way to ...", "tips for ..."): the
    first person there asks for the world's knowledge, not about the user's records. A request whose first part
    asks something else first is read by that part ("Who's handling my bike claim, and how do I reach them?")."""
    first = _NEXT_PART.split(text.strip(), maxsplit=1)[0]
    if first != text.strip() and asks(first):
        return _ADVICE.search(first) is not None
    return _ADVICE.search(text) is not None


_NEXT_PART = re.compile(r"\s*[,;]\s*(?:and\s+)?|\s+(?:and|but)\s+(?=(?:how|what|where|when|who|which|can|could|should|"
                        r"is|are|do|does)\b)", re.I)


def capitalised(text: str) -> list[str]:
    """The capitalised words that do not begin a sentence, lower case: names, and in German every noun."""
    return list(dict.fromkeys(re.sub(r"['’]s$", "", c.key) for c in claims(text) if c.kind == "name"))


def asks(text: str) -> bool:
    """The request asks for information (a question, or "remind me ..."), rather than for something to be made
    or said ("I want a poem about cats", "I'm bored, tell me a joke"). Spoken, without a question mark: a part of
    it asks, after its hesitations ("ok so the washing machine thing, what was his name again")."""
    if "?" in text:
        return True
    first: list[str] | None = None
    for part in re.split(r"[,;:.!]", text):
        words = [w for w in words_of(part) if w not in HESITATIONS]
        if not words:  # "ok so," is no part of its own
            continue
        if first is None:
            if words[0] in ASKING_WORDS or misspelt_question_word(words[0]):
                return True
            first = words
        elif first[0] not in ASKING_FOR_SOMETHING and _asks_here(words):
            # a later part asks with a question word and its verb ("..., what was his name again"), after a first
            # part that asks for nothing to be made ("write a poem for my sister, who loves cats" asks nothing)
            return True
    return False


def _asks_here(words: list[str]) -> bool:
    return words[0] in QUESTION_CONTRACTIONS or (
        words[0] in _ASKED and len(words) > 1 and words[1] in QUESTION_VERBS)


_ASKED = ASKING_WORDS & QUESTION_WORDS  # what, when, wann, quand, cuándo, ...
_REAL_WORDS = ASKING_WORDS | FUNCTION_WORDS | ENGLISH_LITTLE_WORDS | frozenset().union(*LITTLE_WORDS.values())
_QUESTION_WORDS = ("what", "whats", "when", "where", "which", "who", "whos", "whose", "why", "how", "hows")


def misspelt_question_word(word: str) -> bool:
    """A question word typed one letter wrong ("wat", "wats", "whos", "wen", "hwo"): as the first word of a request,
    it asks. Only w- and h- words, and no real word ("well", "bill", "that" and "hat" are words of their own)."""
    return word[:1] in "wh" and word not in _REAL_WORDS and len(word) >= 3 and any(
        one_letter_apart(word, asking) for asking in _QUESTION_WORDS)


_REFERS_BACK = re.compile(r"\b(?:it|its|that|this|those|these|he|him|his|she|her|they|them|their|there|then|same|"
                          r"again|also|too|instead|er|sie|ihn|ihm|ihr|il|elle|lui|ils|él|ella|ellos)\b|"
                          # "the original date", "the old price": of the thing just talked of
                          r"\bthe (?:original|previous|earlier|old|new|other|first|second) (?:date|time|day|price|"
                          r"amount|number|address|plan)\b|"
                          r"^\s*(?:and|but|so|now|what about|how about|und|et|y|e)\b", re.I)


def refers_back(text: str) -> bool:
    """The request leans on the turn before: a pronoun or "and ..." ("and groceries?", "how much did he
    quote?"), or a question too short to stand alone ("Which room?")."""
    words = words_of(text)
    return bool(_REFERS_BACK.search(text)) or 0 < len(words) <= 2
