"""The words and patterns of times of day and durations, in the languages requests come in (English, German,
French, Spanish, Italian), over a text `clock_times.normalise` has made plain (lower case, numbers in digits):
a time ("17:45", "8.15", "17h45", "19 Uhr", "10 pm", "noon", "8 in the evening"), a duration ("90 minutes", "2
hours 30 minutes", "2h30", "an hour and a half", "eine halbe Stunde", "un quart d'heure") and the words around
them ("from ... to", "after", "plus", "in", "ago", "until", "how long"). Each pattern is linear in the text's
length (no nested repetition). Used by clock_times, and the router's hints of date_time and the tools it is
told apart from (`CLOCK_TIME`)."""

from __future__ import annotations

import functools
import re

# Words for noon and midnight, and the minute of the day each is.
NAMED_TIMES: dict[str, int] = {
    "noon": 720, "midday": 720, "mittag": 720, "mittags": 720, "midi": 720, "mediodía": 720, "mediodia": 720,
    "mezzogiorno": 720, "midnight": 0, "mitternacht": 0, "minuit": 0, "medianoche": 0, "mezzanotte": 0}
# Parts of the day said after a time ("8 in the evening"): the morning's make it am, the rest pm.
DAY_PARTS = ("in the morning", "this morning", "morgens", "vormittags", "du matin", "de la mañana", "de la manana",
             "di mattina", "del mattino", "in the afternoon", "this afternoon", "in the evening", "this evening",
             "tonight", "at night", "nachmittags", "abends", "nachts", "de l'après-midi", "de l'apres-midi", "du soir",
             "de la tarde", "de la noche", "del pomeriggio", "di sera", "della sera", "di notte")


def _either(words: tuple[str, ...] | list[str]) -> str:
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s") for w in sorted(words, key=len, reverse=True)) + ")"


def clock_pattern(p: str) -> str:
    """A time of day (its groups named with `p`): "17:45", "8.15", "17h45", "17 Uhr 45", "19h", "10 pm", "noon",
    "8:30 in the evening"; or an hour alone ("10"), which only the words around it make a time."""
    return (rf"(?<![\w:.,])(?P<{p}all>(?:(?P<{p}named>{_either(list(NAMED_TIMES))})\b|(?P<{p}h>\d{{1,2}})"
            rf"(?:(?::|\.|\s?h\s?|\s?uhr\s|\s?heures?\s)(?P<{p}m>\d{{2}}))?(?![\d:]|[.,]\d)"
            rf"(?:\s?(?P<{p}mer>am|pm)\b|\s?(?P<{p}mark>uhr|h|heures?|horas?|hrs|o'clock)(?![^\W\d_]))?"
            rf"(?![^\W\d_]))(?:\s(?P<{p}part>{_either(DAY_PARTS)})\b)?)")


HOURS = r"(?:stunden|stunde|std|hours?|hrs?|heures?|horas?|ore|ora|h)(?![^\W\d_])"
MINUTES = r"(?:minuten|minutes?|minutos?|minuti|mins?)(?![^\W\d_])"
_HALF = r"(?:half|0\.5|halbe?|demie|media|mezza|mezzo)"
_FRACTIONS = (r"(?:(?:a\s|1\s|eine[rn]?\s|une?\s|una?\s)?(?:half|halben?|demi|media|mezz')|(?:a\s|1\s)?quarter\sof|"
              r"(?:3|three)\squarters\sof|(?:1\s|eine[rn]?\s)?viertel|(?:1\s|un\s)?quart\sd'|(?:1\s|un\s)?cuarto\sde|"
              r"(?:1\s|un\s)?quarto\sd')")


# A duration in hours and minutes (groups `dh`, `dhw`, `dhalf`, `dm`, `dmins`, `dfrac`: one to a pattern): "90
# minutes", "2 hours 30 minutes", "2h30", "an hour and a half", "1.5 hours", "half an hour", "a quarter of an hour",
# "eine halbe Stunde", "une demi-heure", "un quart d'heure", "media hora", "mezz'ora".
DURATION = (rf"(?<![\w:.,])(?:(?:(?P<dh>\d+(?:\.\d+)?)\s?-?\s?|(?P<dhw>an?|einer|eineinhalb|anderthalb)\s){HOURS}"
            rf"(?:\s(?:and|und|et|y|e)\s(?:a\s)?(?P<dhalf>{_HALF})\b)?"
            rf"(?:,?\s?(?:and\s|und\s|et\s|y\s|e\s)?(?P<dm>\d{{1,2}})(?:\s?-?\s?{MINUTES})?(?![\w:.]))?"
            rf"|(?P<dmins>\d+(?:\.\d+)?)\s?-?\s?{MINUTES}"
            rf"|(?P<dfrac>{_FRACTIONS})\s?-?\s?(?:an\s|a\s|un\s)?(?:hour|stunde|heure|hora|ora)\b)")


# The words around them. Articles before a time ("las 8", "le 23:45", "um 8"):
THE = r"(?:(?:the|las|la|los|les|le|die|der|um|at|à|a|alle|delle|della|dalle|ore)\s|l')?"
FROM = r"(?:from|between|von|vom|zwischen|de|du|entre|desde|dalle|dal|da|tra|fra)"
TO = r"(?:to|till|until|til|through|and|bis|und|à|a|jusqu'à|jusqu'a|et|hasta|y|alle|al|e)"
AFTER = r"(?:after|past|later\sthan|from|nach|après|apres|después\sde|despues\sde|dopo)"
BEFORE = r"(?:before|earlier\sthan|vor|avant|antes\sde|prima\sdi|prima)"
PLUS = r"(?:plus|\+|más|mas|più)"
MINUS = r"(?:minus|-|moins|menos|meno|weniger)"
IN = r"(?:in|within|dans|en|dentro\sde|tra|fra)"
LATER = r"(?:from\snow|later|hence)\b"
AGO = r"(?:ago|fa)\b"
SPAN_TO = r"(?:to|till|until|bis|à|a|alle|hasta)"  # between two times written as such, without "from"
# Words before an hour alone that make it a time ("at 9", "by 9"), and before a duration written as a time
# ("the ride is 1h20").
AT = re.compile(r"\b(?:at|by|um|à|a\slas?|alle|dalle|ore)\s$")
TAKES = re.compile(r"\b(?:is|takes?|took|lasts?|lasted|dauert|braucht|dure|prend|dura|tarda|of|for)\s"
                   r"(?:about\s|around\s|ungefähr\s|etwa\s|environ\s|unos\s|circa\s)?$")
UNTIL = r"(?:until|till|til|to|before|bis|jusqu'à|jusqu'a|hasta|para|fino|alle)"
SINCE = r"(?:since|seit|depuis|desde)"

# What is asked: how long, in minutes or in hours, what time it is or will be, when.
ASKS_HOW_LONG = re.compile(
    r"\bhow\s(?:long|much\stime)\b|\bhow\smany\s(?:minutes|hours|mins|hrs)\b|\bwie\s(?:lange?|viel\szeit)\b|"
    r"\bwie\sviele\s(?:minuten|stunden)\b|\bcombien\s(?:de\stemps|de\sminutes|d'heures)\b|"
    r"\bcu[áa]nto\s(?:tiempo|falta)\b|\bcu[áa]nt[oa]s\s(?:minutos|horas)\b|\bquanto\s(?:tempo|manca)\b|"
    r"\bquant[ie]\s(?:minuti|ore)\b|\btime\sfrom\b")
MINUTES_ASKED = re.compile(r"(?<![\d\s])\s?\b(?:minutes|mins|minuten|minutos|minuti)\b")
HOURS_ASKED = re.compile(r"(?<![\d\s])\s?\b(?:hours|hrs|stunden|heures|horas|ore)\b")
ASKS_THE_TIME = re.compile(r"\bwhat\stime\b|\bthe\stime\b|\bwhat\swill\sthe\sclock\b|\bwie\s(?:spät|spaet|viel\suhr)\b|"
                           r"\buhrzeit\b|\bquelle\sheure\b|\bqu[ée]\shora\b|\bche\sor[ae]\b|\bwhen\b")
ASKS_WHEN = re.compile(r"\b(?:when|what\stime|wann|um\swie\sviel\suhr|quand|quelle\sheure|cu[áa]ndo|qu[ée]\shora|"
                       r"quando|che\sor[ae])\b")
# A start asked for ("when should I leave?"), one given ("if I leave at 7:50"), and a time to be somewhere by.
_STARTS = (r"leave|leaves|leaving|left|start|starts|starting|started|set\soff|sets\soff|depart|departs|departed|"
           r"begin|begins|began|get\sup|wake\sup|head\sout|go|losfahren|losgehen|los|aufbrechen|abfahren|partir|"
           r"pars|salir|salgo|partire|parto|uscire")
ASKS_FOR_A_START = re.compile(rf"\b(?:{_STARTS})\b")
GIVES_A_START = re.compile(rf"\b(?:{_STARTS}|bed|sleep|asleep|schlafen|coucher|dormir|dormire)\s"
                           r"(?:at\s|um\s|à\s|a\sl[ae]s?\s|alle\s)?$")  # (getting up after bed at 23:15)
DEADLINE = re.compile(r"\b(?:by|spätestens|bis|avant|para)\s(?:the\s|las\s|le\s)?$")
# Words for days and longer: a question about them is the calendar's ("from 1 to 15 June").
CALENDAR_WORDS = re.compile(
    r"\b(?:days?|weeks?|months?|years?|fortnights?|tage?n?|wochen?|monate?n?|jahre?n?|jours?|semaines?|mois|ans|"
    r"années?|d[íi]as?|semanas?|meses|años?|giorni|settimane|mesi|anni|january|february|march|april|may|june|"
    r"july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|"
    r"people|persons|personen|personnes|personas|persone|percent|euros?|dollars?)\b")

# A time of day as the router sees it in a request (before any reading): "17:45", "10 pm", "17h45", "half past
# eight", "o'clock"; and "from 8.15 to 9.40" with hours, minutes or "how long" (not "the difference between 10.50
# and 3.25").
_WRITTEN = (r"(?<![\d:.,])\d{1,2}:[0-5]\d(?![\d:]|[.,]\d)|(?<![\d.,])\d{1,2}(?:\s?[ap]\.?m\b\.?|h[0-5]\d\b)|"
            r"\bo'?clock\b|\b(?:half|quarter)\s(?:past|to)\b|\bhalb\s(?:eins|zwei|drei|vier|fünf|sechs|sieben|acht|"
            r"neun|zehn|elf|zwölf|\d)|\bviertel\s(?:nach|vor)\b|\b(?:midnight|noon|midday)\b|"
            r"\b(?:y\s(?:media|cuarto)|menos\scuarto|et\s(?:demie|quart)|moins\sle\squart|e\s(?:mezza|un\squarto)|"
            r"meno\sun\squarto)\b")
CLOCK_TIME = rf"{_WRITTEN}|(?<![\d.,])\d{{1,2}}h\b"  # and "19h", which may be 2 hours too ("2h in minutes")
_SPAN_WORDS = (r"\b(?:minutes?|mins?|hours?|hrs?|minuten|stunden?|heures?|minutos?|horas?|minuti|ore|how\slong|"
               r"wie\slange?|combien\sde\stemps|cu[áa]nto\stiempo|quanto\stempo)\b")
TIME_SPAN = (rf"^(?=.*?{_SPAN_WORDS}).*?\b(?:from|between|von|zwischen|de|desde|entre|dalle|da|tra)\s"
             r"(?:the\s|las\s|le\s)?\d{1,2}[.:h][0-5]\d\s?(?:to|and|-|bis|und|à|a|alle|hasta|y|e|et)\s")
# A time of day after "from" or "between".
FROM_A_TIME = rf"\b(?:from|between|von|zwischen|de|desde|entre|dalle|da|tra|fra)\s(?:the\s|las\s|le\s)?(?:{CLOCK_TIME})"
# A start at an hour said bare ("if it starts at six", "we leave at 7"; not "starts at 6 euros")
STARTED_AT = (rf"\b(?:{_STARTS})\s(?:at|um|à|a\slas|alle)\s(?:[01]?\d|2[0-3]|one|two|three|four|five|six|seven|eight|"
              r"nine|ten|eleven|twelve)\b(?![.,:]\d|\s?(?:%|euros?|dollars?|pounds?|km|kg|people|percent))")
# ... and one with hours or minutes: a time to work out (a lookahead from the start of the text).
TIMES_WORKED_OUT = (rf"(?=.*?(?:{CLOCK_TIME}|{STARTED_AT}))(?=.*?\d\s?h\s\d|.*?\b(?:minutes?|mins?|hours?|hrs?|minuten|stunden?|heures?|"
                    rf"minutos?|horas?|minuti|ore)\b)")
# What asks for date_time as a keyword does: a time of day with hours or minutes, or a span from one.
CLOCK_SIGNAL = f"^{TIMES_WORKED_OUT}|{FROM_A_TIME}|{TIME_SPAN}"
# How often something is done ("how many times a day the drops in week two?", "how often do I water it?"): a
# question about the user's notes or the world, not a date nor a sum
HOW_OFTEN = (r"\bhow many times (?:a|an|per|each|every) (?:day|night|week|month|year|hour)\b|"
             r"\bhow often (?:do|does|did|should|must|can|will) (?:i|we|you|he|she|they|it)\b|"
             r"\bwie oft (?:muss|soll|nehme|nimmt)\b|\bcombien de fois par\b|\bcu[áa]ntas veces al\b")
# What is never a sum nor a conversion ("3:15 pm plus 2 hours", "from 8.15 to 9.40 in minutes"): date_time's; and
# how often something is done.
NOT_A_SUM = f"{_WRITTEN}|{TIME_SPAN}|{HOW_OFTEN}"


# Spoken times, made h:mm: "half past 8", "a quarter to 10", "20 past 6", "8 o'clock" (English), "halb 9", "viertel
# nach 8", "viertel vor 9" (German), "8 heures et demie", "9 h moins le quart" (French), "las 8 y media", "las 9
# menos cuarto" (Spanish), "le 8 e mezza", "le 9 meno un quarto" (Italian).
_SPOKEN: tuple[tuple[str, int, int], ...] = (  # pattern (the hour its last group), minutes, hours to add
    (r"\b(?:a\s)?half\spast\s(\d{1,2})", 30, 0), (r"\b(?:a\s)?quarter\spast\s(\d{1,2})", 15, 0),
    (r"\b(?:a\s)?quarter\sto\s(\d{1,2})", 45, -1), (r"\bhalb\s(\d{1,2})", 30, -1),
    (r"\bviertel\snach\s(\d{1,2})", 15, 0), (r"\b(?:viertel\svor|dreiviertel)\s(\d{1,2})", 45, -1),
    (r"\b(\d{1,2})\s?(?:h|heures?)\set\sdemie", 30, 0), (r"\b(\d{1,2})\s?(?:h|heures?)\set\squart", 15, 0),
    (r"\b(\d{1,2})\s?(?:h|heures?)\smoins\s(?:le\s)?quart", 45, -1),
    (r"\b(\d{1,2})\sy\smedia", 30, 0), (r"\b(\d{1,2})\sy\scuarto", 15, 0), (r"\b(\d{1,2})\smenos\scuarto", 45, -1),
    (r"\b(\d{1,2})\se\smezz[ao]", 30, 0), (r"\b(\d{1,2})\se\s(?:1\s|un\s)?quarto", 15, 0),
    (r"\b(\d{1,2})\smeno\s(?:1\s|un\s)?quarto", 45, -1),
    (r"\b(\d{1,2})\s(?:minutes?\s)?past\s(\d{1,2})", -1, 0), (r"\b(\d{1,2})\so'?clock", 0, 0),
)
_SPOKEN_PATTERNS = tuple((re.compile(pattern + r"(?![\d:.]|\s?h\d)"), minutes, shift)
                         for pattern, minutes, shift in _SPOKEN)


def spoken_times(t: str) -> str:
    """The text with its spoken times as h:mm on the 12-hour clock ("half past 8" -> "8:30")."""
    for pattern, minutes, shift in _SPOKEN_PATTERNS:
        t = pattern.sub(functools.partial(_spoken, minutes=minutes, shift=shift), t)
    return t


def _spoken(found: re.Match[str], minutes: int, shift: int) -> str:
    hour = int(found.group(found.lastindex or 1))
    if minutes < 0:  # "20 past 6": the minutes are its first number
        minutes = int(found.group(1))
    if not 1 <= hour <= 23 or minutes > 59:
        return found.group(0)
    hour = (hour + shift - 1) % 12 + 1 if hour <= 12 else hour + shift  # "halb 1" is 12:30, "las 20 y media" 20:30
    return f"{hour}:{minutes:02d}"
