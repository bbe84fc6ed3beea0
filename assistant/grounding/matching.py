"""Whether a text holds a word as people write it: by its stem ("arrives" ~ "arrive"), by its first letters
("physio" ~ "physiotherapy"), written apart or hyphenated ("Wi-Fi"), shortened ("Jan", "tel.", "Dr."), misspelt by
one letter ("budjet"), or by the word notes write instead ("born" for a birthday)."""

from __future__ import annotations

import re

from ..languages import a_word, one_letter_apart, spelled_as
from ..words import MONTH_NAMES, NOTES_SAY_INSTEAD, SHORTENED, WEEKDAY_NAMES, unaccented
from .quantities import UNITS


def stem(word: str) -> str:
    """A word's stem for matching ("arrives" ~ "arrive", "tyres" ~ "tyre"): endings dropped, at least 4 letters
    kept."""
    for ending in ("ing", "ed", "es", "s", "e", "y"):
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            return word[: -len(ending)]
    return word


def holds(text: str, word: str, instead: bool = True, loose: bool = True) -> bool:
    """The text has the word, or a word of the same stem; a long word also by its first letters
    ("physiotherapist" ~ "physiotherapy"), or misspelt by one letter ("budjet" ~ "budget"); with `instead`, also a
    word notes write for it (`NOTES_SAY_INSTEAD`); `loose` False: no misspelling either way. Accents are written
    either way ("café" ~ "Cafe", "Benoit" ~ "Benoît")."""
    if not (text.isascii() and word.isascii()):
        text, word = unaccented(text), unaccented(word)
    if "-" in word:  # "check-up": "Check-up", "check up", "checkup"
        return spaced(word, text)
    if word in ("number", "numbers") and _NUMBER_SHORT.search(text):
        return True  # "Chip no.: 276 ...", "Booking no. DB-2025-087", "Nr. 9"
    if (titled := _TITLE_SHORT.get(stem(word))) and any(
            not _STREET_NAME.search(text, 0, m.start()) for m in re.finditer(rf"(?<![^\W_])(?:{titled})\.?\s+[A-Z][a-z]", text)):
        return True  # "Dr. Fuchs", "Dr Okafor" for the doctor; "St. Leonhard" for the saint (not "Elm Dr. 12")
    lowered = text.lower()
    if word in _SHORT_FORMS and re.search(rf"\b(?:{'|'.join(f.capitalize() for f in _SHORT_FORMS[word])})\b", text):
        return True  # "Jan" for January, "Sat" for Saturday
    if len(word) >= 9 and re.search(rf"(?<![^\W_]){re.escape(word[: max(6, len(word) - 3)])}", lowered):
        return True
    root = stem(word)  # (a word's endings, not another word: "boil" is not "boiler", "car" not "card" or "care")
    endings = "s|es|ed|ing" if root == word else "s|es|ed|d|ing|e|y|ies"
    forms = rf"{re.escape(root)}(?:{endings})?"
    if root == word and word.endswith("e"):  # "move": "moved", "moving"
        forms += rf"|{re.escape(word)}d|{re.escape(word[:-1])}ing"
    if re.search(rf"(?<![^\W_])(?:{forms})(?![^\W_])", lowered):
        return True
    if len(word) >= 5 and re.search(rf"(?<![^\W_]){re.escape(word)}", lowered):
        return True  # a short form: "physio" for "physiotherapy"
    if written_as_a_unit(text, word) or (word.endswith("s") and 2 <= len(word) - 1 <= 5 and not a_word(word) and
                                         re.search(rf"(?<![^\W_]){re.escape(word[:-1].upper())}(?![^\W_])", text)):
        return True  # "euros" for "39 €", "square metre" for "€/m²"; "TGVs" for "TGV" (not "gas" for "GA", a word)
    if len(word) >= 5 and any(word.startswith(short.lower()) and len(short) <= len(word) - 2 and short.lower() in
                              SHORTENED for short in _ABBREVIATED.findall(text)):
        return True  # shortened as notes shorten ("Gohliser Str." for Straße, "tel." for telephone)
    if loose and len(word) >= 5 and word.isalpha() and not a_word(word) and (fixed := spelled_as(word)) and \
            holds(text, fixed, instead, loose=False):  # (as it is spelt, not one letter from that again: "colour" is
        # "color", never "Conor")
        return True  # misspelt: "docters" is "doctors", and so "Dr."
    if instead and any(spaced(other, text) if " " in other else holds(text, other, instead=False, loose=False)
                       for other in NOTES_SAY_INSTEAD.get(word, ())):
        return True  # "born 14 February" for the birthday
    return loose and len(word) >= 5 and not any(c.isdigit() for c in word) and any(
        one_letter_apart(word, w) for w in set(re.findall(r"[^\W\d_]{4,}", lowered)))


# Titles as they are written before a name ("Dr. Fuchs", "Dr Okafor", "Mr. Keller", "St. Leonhard"), by the stem
# of the word for them
_TITLE_SHORT = {"doctor": "Dr|dr", "mister": "Mr|mr", "professor": "Prof|prof",
                "saint": "St|st", "mount": "Mt|mt"}
_STREET_NAME = re.compile(r"[A-Z][a-z]+[ \t]+$")  # a capitalised word just before: "Elm Dr.", "Main St." is a street
_NUMBER_SHORT = re.compile(r"(?<![^\W_])(?:no|nr|num)\.\s*:?\s*[A-Za-z-]*\d|nº\s*\d|#\s?\d", re.I)  # a number, as written
# A word cut short with a full stop that ends no sentence ("Str.: 640", "approx. 20"; not "... the car. Then")
_ABBREVIATED = re.compile(r"(?<![^\W_])([^\W\d_]{3,})\.(?!\s*$|\s*\n|\s+[A-ZÀ-Þ])", re.M)


# English months and weekdays as notes shorten them, capitalised ("1 Jan", "Thurs 13 March"; not "the sun")
_SHORT_FORMS = {name: [name[:3], *{"september": ["sept"], "tuesday": ["tues"], "thursday": ["thur", "thurs"]}.get(
    name, [])] for name in (*MONTH_NAMES[:12], *WEEKDAY_NAMES[:7]) if name != "may"}


def written_as_a_unit(text: str, word: str) -> bool:
    """The text writes the unit the word names as units are written, after an amount ("39 €", "16,5 m²", "€/m²") or a
    sign before one ("€39"): "euros", "metre" ("square metre": m²), "square", "kilometres"."""
    unit = UNITS.get(word)
    wanted = {"m2", "ft2"} if word == "square" else {unit, f"{unit}2"} if unit in ("m", "ft") else {unit} if unit else set()
    if not wanted or unit == "pound":  # (pounds are money or a weight: "£12" is no suitcase's weight)
        return False
    spellings = sorted((s for s, u in UNITS.items() if u in wanted), key=len, reverse=True)
    words = "|".join(re.escape(s) for s in spellings if len(s) >= 3)  # ("EUR" or "eur"; but "5G" is no 5 grams)
    short = "|".join(re.escape(s) for s in spellings if len(s) < 3)
    amount = r"\d\s?(?:(?:[€$£]|(?i:eur))\s?/\s?)?"  # after an amount, or its price per ("38,90 €/m²"; not "km/h")
    signs = "|".join(re.escape(s) for s in spellings if not s[0].isalpha())
    return bool(words) and re.search(rf"{amount}(?:{words})(?![^\W_])", text, re.I) is not None or \
        bool(short) and re.search(rf"{amount}(?:{short})(?![^\W_])", text) is not None or \
        bool(signs) and re.search(rf"(?:{signs})\s?\d", text) is not None


def spaced(word: str, text: str) -> bool:
    """The text has the word written apart or hyphenated ("WiFi" is "Wi-Fi", "PlayStation" "Play Station"), as a
    word of its own ("car" is not in "card")."""
    word, text = unaccented(word), unaccented(text)
    letters = re.sub(_APART, "", word.lower())
    pattern = f"{_APART}?".join(map(re.escape, letters))
    return bool(letters) and re.search(rf"(?<![^\W_]){pattern}(?![^\W_])", text.lower()) is not None


_APART = r"[\s\-‐–]"
