"""What a question asks for, and what it is about: its subject words, the kind of thing it wants (a date or time
for "when", an amount for "how much", a number or code, a name for "who", a place), the thing it names ("the wifi
password" asks about the wifi), and whether a sentence holds something of that kind.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from . import personal
from .claims import spelled_numbers
from ..languages import a_word, spelled_as
from ..words import (ATTRIBUTE_WORDS, CALENDAR_WORDS, FILE_WORDS, FUNCTION_WORDS, LITTLE_WORDS, NAMING_WORDS,
                     NOT_NAMES, PLAN_WORDS, QUESTION_WORDS, RECORDING_VERBS, REQUEST_FILLERS, SMALL_NUMBERS, VAGUE)


def subject_words(text: str) -> list[str]:
    """The question's words that say what it is about (lower case, in order, once each)."""
    # (a word of letters joined by hyphens is one word: "check-up", "wi-fi", "drop-off")
    words = [w.lower() for w in re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)+(?![\w-])|[^\W_]+(?:'[^\W_]+)?", text)]
    words = [_ORDINAL.sub(r"\1", w[:-2] if w.endswith("'s") else w) for w in words]
    if words and personal.misspelt_question_word(words[0]):  # "wats the wifi pasword"
        words = words[1:]
    skip = FUNCTION_WORDS | REQUEST_FILLERS | VAGUE | RECORDING_VERBS | QUESTION_WORDS | FILE_WORDS | PLAN_WORDS | \
        LITTLE_WORDS.get(personal.language_of(text), frozenset())  # ("bei", "ist" in a German question)
    named = {w.lower() for w in re.findall(r"(?<!^)(?<![.!?]\s)\b[A-Z][a-z]+", text.strip())}  # ("Where does Theis
    # live?": a name, not "this" misspelt)
    acronyms = {w.lower() for w in re.findall(r"\b[A-Z]{2}\b", text)} - {"i", "ok", "am", "pm"}  # ("the PO number")
    return [w for w in dict.fromkeys(words) if w not in skip and _verb_stem(w) not in skip  # ("wanted": "want")
            and (len(w) >= 3 or any(c.isdigit() for c in w) or w in acronyms)
            and (w in named or not _misspelt_little_word(w, skip))]


def _misspelt_little_word(word: str, skip: frozenset[str]) -> bool:
    """A little word typed one letter wrong ("agian", "becuase", "thier"): no dictionary word, and the dictionary's
    word for it is one the question's subject never is. (Five letters at least: "Haas" is a name, not "has".)"""
    if len(word) < 5 or not word.isalpha() or a_word(word):
        return False
    fixed = spelled_as(word)
    return fixed is not None and fixed in skip


def _verb_stem(word: str) -> str:
    """A verb without its -ed or -ing ("wanted" -> "want", "thinking" -> "think"); other words as they are ("times"
    and "rights" are subjects, not "time" and "right")."""
    for ending in ("ing", "ed"):
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            return word[: -len(ending)]
    return word


def codes(text: str) -> list[str]:
    """The question's codes and numbers ("F99", "2.4", "1.0.8"): a passage that lacks one is not about it. An
    ordinal is its number ("the 16th" is "16 November")."""
    found = [w.lower() for w in re.findall(r"(?<![\w.])[^\W_]*\d[\w.]*(?<![.])", text)]
    return [_ORDINAL.sub(r"\1", w) for w in found]


_ORDINAL = re.compile(r"^(\d+)(?:st|nd|rd|th|er|e|º|ª)$")


# "what's the", "what is our", or "what" alone ("what reference do I put on the transfer?")
_THE = r"(?:'s|s| is| was)?\s+(?:(?:the|my|our|your|his|her|their)\s+)?"
# a request that names the thing it wants ("Can you give me Helen's mobile number?", "tell me the address of the
# hall", "I need the date of the review"): no question word, its noun says the kind
_REQUEST = r"(?:what|which|give|tell|send|read|show|find|get|need|want|remind)(?:\s+(?:me|us))?(?:\s+(?:of|about))?"
_NAMED = rf"\b{_REQUEST}{_THE}(?:[\w']+ ){{0,3}}"


def _named(*nouns: str) -> str:
    return rf"{_NAMED}(?:{'|'.join(nouns)})\b"


_ASKS = (("name", re.compile(r"^\W*(?:who|whom|whose|wer|wem|qui|quién|quien|chi)\b|\bwho(?:'s| is| was)\b", re.I)),
         ("time", re.compile(r"\b(?:what time|how late|um wie viel uhr|à quelle heure|a qué hora|a che ora)\b", re.I)),
         ("when", re.compile(r"\b(?:when|which day|what day|what date|until when|how soon|wann|quand|cuándo|cuando|"
                             r"quando)\b|" + _named("date"), re.I)),  # ("what time", "how late": a time of day, above)
         ("number", re.compile(_named("number", "code", "pin", "reference", "password"), re.I)),
         ("length", re.compile(r"\b(?:how long|how far|how many (?:days|weeks|months|years|hours|minutes|nights)|"
                               r"wie lange|wie weit|combien de temps|cuánto tiempo|quanto tempo|per quanto)\b", re.I)),
         ("amount", re.compile(rf"\b(?:how (?:much|many|old|often|big|high|heavy|tall|wide|deep)|what{_THE}"
                               r"(?:price|cost|amount|total|budget)|wie (?:viel|viele|lange|alt)|combien|cuánto|"
                               r"cuántos|cuánta|quanto)\b", re.I)),
         ("place", re.compile(r"^\W*(?:where|wo|où|ou|dónde|donde|dove)\b|\bwhere(?:'s| is| was| are| do| does| did)\b|"
                              + _named("address"), re.I)))
_DATE_WORDS = re.compile(r"\b(?:in|within|after)\s(?:about\s|around\s)?\d+(?:\s(?:to|or|-)\s\d+)?\s(?:days|weeks|months|"
                         r"years)\b|"  # ("delivery in 4 to 6 weeks": when, roughly)
                         r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|"
                         r"june|july|august|september|october|november|december|mon|tue|tues|wed|thu|thurs|fri|sat|"
                         r"sun|monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|tomorrow|tonight|"
                         r"morning|afternoon|evening|noon|midnight|weekend|week|month|year|o'clock|daily|weekly|"
                         r"monthly|every)\b|\b(?:[01]?\d|2[0-3])[:.h][0-5]\d\b|\b\d{1,2}\s*(?:am|pm)\b|"
                         # a date in digits ("13/7", "13.07.2019"; not the version "1.0.8" nor "1.5 bar")
                         r"(?<![\d.])(?:[0-2]?\d|3[01])(?:[/-](?:0?[1-9]|1[0-2])|\.(?:0?[1-9]|1[0-2])\.)"
                         r"(?:(?:19|20)?\d{2})?(?![\d.]\d|\d)|"
                         r"\b(?:19|20)\d{2}\b|\b(?:half past|quarter (?:past|to)|(?:\d{1,2}|" + "|".join(SMALL_NUMBERS[1:13]) +
                         r"|twenty|twenty-five|twenty five) (?:minutes )?(?:past|to) (?:\d{1,2}|" +
                         "|".join(SMALL_NUMBERS[1:13]) + r"))\b(?!\s+(?:seconds?|minutes?|hours?|days?|nights?|weeks?|"
                         r"months?|years?|times|people|persons))", re.I)  # ("ten to five", not "go to Tivoli" nor "4 to 6
# weeks")


_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
# A date with its month named, or a time of day: what an amount or a count is not ("38.50", "3.5 kg" and "2025
# euros" are amounts).
DATE_OR_TIME = re.compile(rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}(?:\s+\d{{4}})?|\b{_MONTH}\s+\d{{1,2}}"
                           rf"(?:st|nd|rd|th)?\b(?:,?\s+\d{{4}})?|\b\d{{1,2}}:\d{{2}}\b|\b\d{{1,2}}(?:[.:]\d{{2}})?\s*[ap]\.?m\.?",
                           re.I)


_LENGTH = re.compile(r"\d+(?:[.,]\d+)?\s*-?\s*(?:s|secs?|seconds?|min|mins|minutes?|h|hrs?|hours?|days?|nights?|"
                     r"weeks?|months?|years?|yrs?|decades?|m|cm|mm|km|metres?|meters?|ft|feet|foot|inch|inches|miles?)"
                     r"(?![^\W\d_])|\b(?:a|an|half an?) (?:second|minute|hour|day|night|week|fortnight|month|year)\b|"
                     r"\bfortnight\b", re.I)
# A figure said in a unit that is no money ("74 m2", "13.2 kg", "3 rooms"): no answer to what something cost
_NOT_MONEY = re.compile(r"(?<![\w.,])\d+(?:[.,]\d+)*\s?(?:m2|m²|sqm|qm|km|kg|g|cm|mm|m|l|ml|%|percent|kwh|h|hours?|min|"
                        r"minutes?|days?|weeks?|months?|years?|nights?|people|persons|rooms?|x|times|pieces?|pcs|dpt|"
                        r"dioptres?|bar|psi|°)(?![^\W\d_])|"
                        # hours from and to ("Mon-Thu 9-15"), not a price range in a currency
                        r"(?<![\w.,])(?:[01]?\d|2[0-4])\s?[-–]\s?(?:[01]?\d|2[0-4])(?![\d.,])(?!\s?(?:€|eur|euros?|\$|dollars?))",
                        re.I)
# A number that names something ("cellar no. 9", "room 3.08", "flat 4", "#12")
_NAMED_NUMBER = re.compile(rf"(?:(?<![^\W_])(?:{'|'.join(sorted(NAMING_WORDS | {'num', 'cellar', 'row'}))})\.?:?\s?#?|#)\s?"
                           r"\d+(?:[.,]\d+)*", re.I)
_WORD_OR_CODE = re.compile(r"\w+(?:-\w+)*")
_WITH_UNIT = re.compile(r"\d+(?:[.,]\d+)?[^\W\d_]{1,3}")  # an amount written with its unit: "32kg", "4h"


def _without_codes(text: str) -> str:
    """The text without its codes: words of letters and digits ("WM-814", "NV-558-20417", "E18"), not amounts
    written with their unit ("32kg", "4h")."""
    def code(m: re.Match[str]) -> str:
        word = m.group(0)
        coded = any(c.isdigit() for c in word) and any(c.isalpha() for c in word) and not _WITH_UNIT.fullmatch(word)
        return " " if coded else word
    return _WORD_OR_CODE.sub(code, text)


# a year, not an amount of money or of a unit ("€2000", "2000 €", "1999 km")
_YEAR = re.compile(r"(?<![€$£\d.,])(?<![€$£]\s)\b(?:19|20)\d{2}\b(?![.,]\d|\s*(?:€|\$|£|%)|\s*(?:eur|euros?|"
                   r"dollars?|kr|kroner|chf|kg|g|km|m|l)(?![^\W\d_]))", re.I)
_PHONE = re.compile(r"(?<![\d,.])\+?\d+(?:[ /-]\d+){2,}(?![\d,.])")  # "040 6688 1200"
REQUIRED_KINDS = ("time", "when", "number", "amount", "money", "length")  # (a place need not be a capitalised name: "under the blue flowerpot")


# What a question asks for, named after its question word and article (or whose it is: "when is Ole's birthday"):
# "what's the wifi password at our hotel"
# asks for a wifi password, "when does my car insurance renew" about the car insurance (the word before the verb
# that ends it), "how much is the deposit for the flat" for the deposit. (English; the other languages: below.)
_ASKED_THING = re.compile(
    r"^\W*(?:(?:what|which|who)(?:'s|s| is| are| was| were)|how (?:much|many|long|often|far)(?: (?:is|are|was|were|"
    r"does|do|did))?|when(?:'s| is| are| was| were)|where(?:'s| is| are| was| were))\s+(?:the|my|our|your|his|her|"
    r"their|[^\W\d_]+['’]s)\s+(?P<thing>[^\W\d_][\w'-]*(?:\s+[^\W\d_][\w'-]*){0,2}?)(?=\s+(?:at|in|on|for|of|from|to|with|about|"
    r"by|during|that|this|i|we|you|again|is|are|was|were)\b|\s*[?.!,]|\s*$)", re.I)
# ... and in French, German, Spanish and Italian: "quel est le numéro de mon permis", "was ist die Nummer meiner
# Versicherung", "cuál es el número de mi pasaporte", "qual è il codice del portone".
_ASKED_THING_ABROAD = re.compile(
    r"^\W*(?:quel(?:le)?s? (?:est|sont|était)|c'est quoi|was (?:ist|war|sind)|welche[rs]? (?:ist|war)|cu[aá]l(?:es)? "
    r"(?:es|son|era)|qu[eé] es|qual(?:e)? (?:è|e|era)|che cos'?è)\s+(?:le|la|les|l'|mon|ma|mes|notre|nos|der|die|das|"
    r"mein|meine|unser|unsere|el|la|los|las|mi|mis|nuestro|nuestra|il|lo|la|i|gli|le|l'|mio|mia|nostro|nostra)\s*"
    r"(?P<thing>[^\W\d_][\w'-]*)", re.I)
_THING_BEFORE_VERB = re.compile(
    r"^\W*(?:when|how often|how long|where|what time)\s+(?:does|do|did|will|should|can)\s+(?:the|my|our|your|his|"
    r"her|their)\s+(?P<thing>[^\W\d_][\w'-]*(?:\s+[^\W\d_][\w'-]*){0,2}?)\s+(?:be\s+|get\s+)?[^\W\d_]+"
    r"(?:\s+(?:up|out|off|in|back|away|over|done))?\s*[?.!]?\s*$", re.I)  # ("... be picked up?")


def asked_thing(question: str, words: Sequence[str]) -> list[str]:
    """The subject words that name what the question asks for ("wifi" in "what's the wifi password at our hotel in
    Copenhagen?"): a passage that holds none of them is about the place or person, not the thing. Words for an
    attribute (a name, number, address, date, price, password...) are no thing of their own, and "the X of Y" asks
    for Y's X: Y names the thing too ("the address of the dentist" is on the dentist's line)."""
    found = _ASKED_THING.search(question) or _THING_BEFORE_VERB.search(question) or \
        _ASKED_THING_ABROAD.search(question)
    if found is None:
        return []
    thing = set(subject_words(found.group("thing")))
    rest = question[found.end():]
    if _OF_WHOM.match(rest):  # "the address of the dentist": the dentist's
        thing |= set(subject_words(rest))
    thing -= ATTRIBUTE_WORDS  # ("what was the number I wrote down": the number of nothing named)
    return [w for w in words if w in thing]


_OF_WHOM = re.compile(r"\s*(?:of|de|du|des|d'|von|vom|der|del|della|di|do|da)\b", re.I)


def asks_for(question: str) -> str | None:
    """What kind of thing the question asks for: "name", "time" (of day: "what time?"), "when", "number" (a code too),
    "length" (how long or how far: a time or a distance), "amount" (how much or many), "money" (an amount paid or
    charged: "how much did the flat cost?"), "place", or None."""
    found = [(m.start(), order, kind) for order, (kind, pattern) in enumerate(_ASKS) if (m := pattern.search(question))]
    kind = min(found)[2] if found else None  # the question word that comes first ("How much was it when we ...")
    return "money" if kind == "amount" and _MONEY_ASKED.search(question) else kind  # ("how much did it cost?")


# A question for an amount of money: what something costs, what was paid, owed or charged
_MONEY_ASKED = re.compile(r"\b(?:cost|costs|costing|price|prices|paid|pay|paying|charge|charged|charging|charges|fee|fees|"
                          r"deposit|rent|spend|spent|owe|owes|owed|worth|euros?|dollars?|pounds?|kostet|kosten|bezahlt|"
                          r"miete|coûte|coute|prix|payé|loyer|cuesta|precio|pagado|costa|prezzo|pagato)\b", re.I)


def asks_for_a_code(question: str) -> bool:
    """The question asks for a code, PIN, password or reference ("whats the alarm code for the shop", "what's our
    booking reference?"): one of the user's own things, never a guess of the model's."""
    return _CODE_ASKED.search(question) is not None and (
        asks_for(question) == "number" or re.search(r"\b(?:what|which|whats|was|quel|quelle|cuál|cual)\b", question, re.I)
        is not None)


_CODE_ASKED = re.compile(r"\b(?:code|pin|password|passcode|passwort|combination|reference|ref|customer number|account "
                         r"number|policy number|booking number|membership number|code d'accès|mot de passe|contraseña|"
                         r"código)\b", re.I)


def has_kind(sentence: str, kind: str | None) -> bool:
    """The sentence holds the kind of thing `asks_for` names (a date or time for "when", an amount, ...)."""
    if kind == "time":  # a time of day ("18:30", "7.30 am", "at 8", "half past six"), not a date
        return _CLOCK.search(sentence) is not None
    if kind == "when":
        return _DATE_WORDS.search(sentence) is not None
    if kind == "number":  # a number or code, not the day of a date or a time
        return re.search(r"\d", DATE_OR_TIME.sub(" ", spelled_numbers(sentence))) is not None
    if kind == "length":  # how long or how far: a time or a distance with its unit ("4.5 h", "3 years", "390 km")
        return _LENGTH.search(spelled_numbers(sentence)) is not None
    if kind in ("amount", "money"):  # ... nor a code's, a phone number's or a year's digits ("policy NV-558-20417")
        said = spelled_numbers(sentence)
        said = _NAMED_NUMBER.sub(" ", _NOT_MONEY.sub(" ", said)) if kind == "money" else said  # (money: not "74 m2",
        # nor "cellar no. 9")
        rest = _YEAR.sub(" ", _PHONE.sub(" ", _without_codes(DATE_OR_TIME.sub(" ", said))))
        return re.search(r"\d", rest) is not None
    if kind in ("name", "place"):
        return re.search(r"(?<=[\w,;:]\s)[A-Z][a-z]+", sentence) is not None
    return False


def kind_weight(sentence: str, kind: str | None) -> float:
    """How well the sentence holds the kind asked: 1 for a date or a time of day ("Tuesday 28 October", "7:00"), less
    for a "when" that only names a part of the day or a span ("in the evening of the day of the operation", "4 to 6
    weeks after": `VAGUE_WHEN_WEIGHT`), 0 for none."""
    if not has_kind(sentence, kind):
        return 0.0
    if kind == "when" and _DATE_WORDS.search(_VAGUE_WHEN.sub(" ", sentence)) is None:
        return VAGUE_WHEN_WEIGHT
    return 1.0


VAGUE_WHEN_WEIGHT = 0.4
_VAGUE_WHEN = re.compile(r"\b(?:morning|afternoon|evening|noon|midnight|weekend|week|month|year|daily|weekly|monthly|"
                         r"every)\b|\b(?:in|within|after)\s(?:about\s|around\s)?\d+(?:\s(?:to|or|-)\s\d+)?\s(?:days|"
                         r"weeks|months|years)\b", re.I)


def answerable_kind(kind: str | None, text: str) -> str | None:
    """The kind asked, as the text can answer it: "what time?" of a text that holds no time of day is answered by its
    date ("when")."""
    return "when" if kind == "time" and not has_kind(text, "time") else kind


# A time of day: "18:30", "17h45", "18.30 Uhr", "7 pm", "half past six", "at 8" (not "room 3.08", "at 8 euros")
_CLOCK = re.compile(r"\b(?:[01]?\d|2[0-3])(?::|h(?=\d))[0-5]\d\b|\b(?:[01]?\d|2[0-3])\.[0-5]\d\s*(?:uhr|h|am|pm|a\.m\.|p\.m\.)|"
                    r"\b\d{1,2}\s*(?:am|pm|a\.m\.|p\.m\.|o'clock)|\b(?:noon|midnight|half past|quarter (?:past|to))\b|"
                    r"\b(?:at|from|after|before|until|till|um|à|a las|alle) (?:[01]?\d|2[0-3])\b(?![.,:/]\d|\s*(?:%|st|nd|rd|th|"
                    r"euros?|eur|€|\$|km|kg|m|cm|[a-z]+ \d))", re.I)


def names_beyond(sentence: str, question: str, passage: str) -> bool:
    """The sentence holds a name that the question does not: who it is ("Henrik", for "who has the drill?"). A
    capitalised word inside a sentence is one ("the plumber, Mr. Keller"); one that begins it only when the passage
    also has it inside a sentence ("Aiko owns the migration" after "Present: Jonas, Aiko"; not "Book: ...")."""
    asked = {w.lower() for w in re.findall(r"[^\W\d_]+", question)}
    inside = {w for text in (sentence, passage) for w, first in _capitalised(text) if not first}
    return any((not first or word in inside) and word.lower() not in asked | NOT_NAMES | CALENDAR_WORDS
               for word, first in _capitalised(sentence))


def _capitalised(text: str) -> list[tuple[str, bool]]:
    """Each capitalised word, and whether it begins a sentence, a line or a labelled part ("Book: The ...")."""
    out = []
    for line in text.splitlines():
        first = True
        for token in re.findall(r"\S+", line):
            if not any(c.isalnum() for c in token):  # markup: "#", "-", "*"
                continue
            word = re.sub(r"['’]s$", "", token.strip("\"'“”‘’()[]{},;:!?.*"))
            if word[:1].isupper() and word[1:].islower() and word.isalpha():
                out.append((word, first and not _DOES.match(line[line.find(token) + len(token):])))
            first = token.endswith((".", "!", "?", ":")) and token.lower() not in _TITLES
    return out


_TITLES = {"mr.", "mrs.", "ms.", "dr.", "prof.", "st."}
# A verb said of the word before it ("Henrik borrowed ...", "Aiko owns ..."): a sentence's first word is then who did
# it, not an instruction ("Bring the glasses").
_DOES = re.compile(r"\s+(?:[a-z]+(?:ed|s)|is|was|has|had|will|can|said|took|gave|got|came|went|brought|bought|left|"
                   r"paid|sent|lent|kept|made|told)\b")
