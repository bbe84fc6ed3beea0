"""Numbers as people say them, both ways, in one place: a text's numbers made plain digits (`read`: figures as
the text's language writes them, "1,216" and "1.216" for 1216, "2,5" for 2.5; number words, "two hundred and
fifty eight" -> "258", "one point five" -> "1.5", "siebenundzwanzig" -> "27"), and a result said as a person
would ("391", "21.5", "0.7" rather than 0.7000000000000001, "about 3.14"). Used by calculate, convert_units
and date_time, and by the grounding's check of a reply's numbers (`digits`).

English number words are read fully; German, French and Spanish ones up to the millions (compounds such as
"dreihundertzwölf" and "quatre-vingt-dix" too).
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass

from ..languages import DECIMAL_COMMA, language_of

# word -> value. Kinds are told by value: below 10 a unit, 10-19 a teen, a multiple of ten up to 90 a ten;
# MULTIPLIERS multiply what came before ("three hundred"); HUNDREDS are whole hundreds (Spanish "doscientos").
_ENGLISH: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fourty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
_GERMAN: dict[str, int] = {
    "null": 0, "eins": 1, "ein": 1, "eine": 1, "zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "fuenf": 5, "sechs": 6,
    "sieben": 7, "acht": 8, "neun": 9, "zehn": 10, "elf": 11, "zwölf": 12, "zwoelf": 12, "dreizehn": 13,
    "vierzehn": 14, "fünfzehn": 15, "sechzehn": 16, "siebzehn": 17, "achtzehn": 18, "neunzehn": 19, "zwanzig": 20,
    "dreißig": 30, "dreissig": 30, "vierzig": 40, "fünfzig": 50, "sechzig": 60, "siebzig": 70, "achtzig": 80,
    "neunzig": 90,
}
_FOREIGN: dict[str, int] = {
    **_GERMAN,
    # French
    "zéro": 0, "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "sept": 7, "huit": 8, "neuf": 9,
    "dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14, "quinze": 15, "seize": 16, "vingt": 20,
    "vingts": 20, "trente": 30, "quarante": 40, "cinquante": 50, "soixante": 60,
    # Spanish
    "cero": 0, "uno": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7, "ocho": 8,
    "nueve": 9, "diez": 10, "doce": 12, "trece": 13, "catorce": 14, "quince": 15, "dieciséis": 16, "dieciseis": 16,
    "diecisiete": 17, "dieciocho": 18, "diecinueve": 19, "veinte": 20, "veintiuno": 21, "veintiún": 21,
    "veintidós": 22, "veintitrés": 23, "veinticuatro": 24, "veinticinco": 25, "veintiséis": 26, "veintisiete": 27,
    "veintiocho": 28, "veintinueve": 29, "treinta": 30, "cuarenta": 40, "cincuenta": 50, "sesenta": 60,
    "setenta": 70, "ochenta": 80, "noventa": 90,
}
_ENGLISH_MULTIPLIERS: dict[str, int] = {
    "hundred": 100, "thousand": 1000, "million": 10**6, "billion": 10**9, "trillion": 10**12}
_MULTIPLIERS: dict[str, int] = {
    **_ENGLISH_MULTIPLIERS, "hundert": 100, "tausend": 1000, "millionen": 10**6, "milliarde": 10**9, "milliarden": 10**9,
    "cent": 100, "mille": 1000, "millions": 10**6, "milliard": 10**9, "milliards": 10**9,
    "cien": 100, "ciento": 100, "mil": 1000, "millón": 10**6, "millon": 10**6, "millones": 10**6,
}
_HUNDREDS: dict[str, int] = {
    "doscientos": 200, "doscientas": 200, "trescientos": 300, "trescientas": 300, "cuatrocientos": 400,
    "quinientos": 500, "quinientas": 500, "seiscientos": 600, "setecientos": 700, "ochocientos": 800,
    "novecientos": 900,
}
_DOZEN = {"dozen": 12, "dutzend": 12}
_POINT = {"point", "komma", "virgule", "coma"}  # "one point five"
_AND = {"and", "und", "et", "y"}  # inside a number: "two hundred and five", "vingt et un", "treinta y dos"
_ARTICLES = {"a", "an"}  # "a hundred", "a dozen", "a half"
_GERMAN_PARTS = sorted([*_GERMAN, "hundert", "tausend", "und"], key=len, reverse=True)

# A word with "_" in it is a name in code ("input_zero_point"), no number; "²" is a word character, no digit.
_TOKEN = re.compile(r"\w*_\w*|[0-9]+(?:\.[0-9]+)?|[^\W\d_]+")
NUMBER = r"-?[0-9]+(?:\.[0-9]+)?"  # a number as `read` writes it, for patterns over what it has read
_NUMERAL = re.compile(r"[0-9]+(?:\.[0-9]+)?")
# A figure: digits in groups, joined by separators ("1,216.50", "1.216,50", "1 216"; not "v1.2", not "2, 5").
_FIGURE = re.compile(r"(?<![\w.,])[0-9]+(?:[.,\u00a0\u202f][0-9]+)*")
_SEPARATOR = re.compile(r"[.,\u00a0\u202f]")


@dataclass
class _Run:
    start: int
    end: int
    total: float = 0.0
    group: float = 0.0  # the part below the last multiplier
    last: int | None = None  # the last word's value (None: a multiplier came last; DIGITS: digits did)
    decimals: str | None = None  # digits after "point"
    words: int = 0  # number words in it (a run of digits alone is left as it is)
    joined: bool = False  # "und" came last ("sieben und zwanzig")

    def value(self) -> float:
        whole = self.total + self.group
        return whole + float("0." + self.decimals) if self.decimals else whole


DIGITS = -1


def _value(word: str, foreign: bool) -> int | None:
    found = _ENGLISH.get(word)
    if found is None and foreign:
        found = _FOREIGN.get(word, _HUNDREDS.get(word))
    return found


@functools.lru_cache(maxsize=4096)
def _german_compound(word: str) -> tuple[str, ...] | None:
    """"dreihundertzwölf" -> ("drei", "hundert", "zwölf"); None when the word is not made of number parts."""
    if len(word) > 60:
        return None
    best: list[tuple[str, ...] | None] = [None] * (len(word) + 1)
    best[len(word)] = ()
    for i in range(len(word) - 1, -1, -1):
        for part in _GERMAN_PARTS:
            rest = best[i + len(part)] if word.startswith(part, i) else None
            if rest is not None:
                best[i] = (part, *rest)
                break
    found = best[0]
    return found if found is not None and len(found) > 1 else None


def _tokens(text: str, foreign: bool) -> list[tuple[str, int, int]]:
    """The text's tokens (lower case) with their spans; compounds ("fifty-eight", "siebenundzwanzig") split."""
    out = []
    for m in _TOKEN.finditer(text):
        word = m.group().lower()
        parts = _german_compound(word) if foreign and word.isalpha() and word not in _FOREIGN else None
        for part in parts or (word,):
            out.append((part, m.start(), m.end()))
    return out


def _separated(text: str, end: int, start: int) -> bool:
    """Whether what stands between two tokens keeps them in one number (spaces, a hyphen)."""
    gap = text[end:start]
    return len(gap) <= 3 and gap.strip(" -") == ""


def read(text: str, foreign: bool = True, decimal_comma: bool | None = None) -> str:
    """The text with its numbers in plain digits, as code reads them: its figures (`figures`, in the text's own
    convention unless `decimal_comma` says which) and its number words (`digits`)."""
    if decimal_comma is None:
        decimal_comma = language_of(text) in DECIMAL_COMMA
    return digits(figures(text, decimal_comma), foreign)


def figures(text: str, decimal_comma: bool) -> str:
    """The text with each figure written plainly, a dot before its decimals and no separator between its
    thousands: "1,216.50" and "1.216,50" -> "1216.50", "2,5" -> "2.5". A single separator before three digits
    is read by the convention (`decimal_comma`: German, French, Spanish, Italian): "1,216" is 1216 in English
    and 1.216 in German, "1.216" the other way round. What is no one number stays as it is ("24.12.2026",
    "1,2,3", "10.30")."""
    return _FIGURE.sub(lambda m: _figure(m.group(), decimal_comma), text)


def _figure(figure: str, decimal_comma: bool) -> str:
    groups, marks = _SEPARATOR.split(figure), _SEPARATOR.findall(figure)
    if not marks:
        return figure
    *lead, last = marks
    if any(mark != last for mark in lead):  # thousands, then the decimals: "1,216.50", "1.216,50", "1 216,5"
        if len(set(lead)) == 1 and last in ".," and _thousands(groups[:-1]):
            return "".join(groups[:-1]) + "." + groups[-1]
        return figure
    if lead or last not in ".,":  # the same separator again and again, or spaces: only thousands
        return "".join(groups) if _thousands(groups) else figure
    thousands = _thousands(groups) and (decimal_comma if last == "." else not decimal_comma)
    if thousands:
        return "".join(groups)
    return f"{groups[0]}.{groups[1]}"


def _thousands(groups: list[str]) -> bool:
    """Whether digit groups are a number's thousands: 1 to 3 digits (not a leading 0), then threes."""
    return 1 <= len(groups[0]) <= 3 and groups[0][0] != "0" and all(len(g) == 3 for g in groups[1:])


def digits(text: str, foreign: bool = True, one_alone: bool = False) -> str:
    """The text with each number said in words written in digits: "seven hundred minus two hundred and
    fifty eight" -> "700 minus 258"; "a dozen" -> "12"; "one and a half" -> "1.5". `foreign`: German,
    French and Spanish number words too (else English only: "Sept" stays a month). `one_alone`: a lone "one"
    is left as it is (in a reply it is mostly a pronoun: "the one on the left")."""
    tokens = _tokens(text, foreign)
    runs: list[_Run] = []
    run: _Run | None = None
    i = 0
    while i < len(tokens):
        word, start, end = tokens[i]
        nxt = tokens[i + 1][0] if i + 1 < len(tokens) else ""
        after = tokens[i + 2][0] if i + 2 < len(tokens) else ""
        if run is not None and not _separated(text, run.end, start):
            runs.append(run)
            run = None
        taken = _take(run, word, nxt, after, start, end, foreign) if run is not None else None
        if taken is None:
            if run is not None:
                runs.append(run)
            taken = _take(None, word, nxt, after, start, end, foreign)
        if taken is None:
            run = None
            i += 1
            continue
        run, skip = taken
        if skip:
            run.end = tokens[i + skip][2]
        i += 1 + skip
    if run is not None:
        runs.append(run)
    out, at = [], 0
    for r in runs:
        if r.words and not (one_alone and text[r.start:r.end].lower() == "one"):
            out += [text[at:r.start], number_text(r.value())]
            at = r.end
    out.append(text[at:])
    return "".join(out)


def _take(run: _Run | None, word: str, nxt: str, after: str, start: int, end: int,
          foreign: bool) -> tuple[_Run, int] | None:
    """The run with `word` added (and how many following tokens it used too), or None when `word` does not
    continue it (then a new number, or no number, starts there)."""
    if run is not None and run.decimals is not None:  # "one point five six"
        value = _value(word, foreign)
        if value is not None and value < 10:
            run.decimals += str(value)
            run.end = end
            return run, 0
        return None
    if _NUMERAL.fullmatch(word):
        return None if run is not None else (_Run(start, end, group=float(word), last=DIGITS), 0)
    if run is None and word in _ARTICLES:
        if nxt in _MULTIPLIERS or nxt in _DOZEN:
            return _Run(start, end, group=1.0, last=1, words=1), 0
        if nxt == "half":
            return _Run(start, end, group=0.5, words=1), 1
        return None
    fresh = run is None
    run = run or _Run(start, end)
    nxt_value = _value(nxt, foreign)
    if word in _POINT and not fresh and nxt_value is not None and nxt_value < 10:
        run.decimals, run.end, run.words = "", end, run.words + 1
        return run, 0
    if word in _AND and not fresh:
        if nxt in _ARTICLES and after == "half":  # "one and a half"
            run.group, run.last, run.words = run.group + 0.5, None, run.words + 1
            run.end = end
            return run, 2
        if (word == "and" or foreign) and nxt_value is not None and nxt_value < 100 and \
                _connects(word, run.last, nxt_value):
            run.end, run.joined = end, True
            return run, 0
        return None
    if word in _DOZEN and not fresh:  # "a dozen", "two dozen" ("a few dozen" is no 12)
        run.group = (run.group or 1) * 12
        run.end, run.last, run.words = end, None, run.words + 1
        return run, 0
    if word in _MULTIPLIERS and (foreign or word in _ENGLISH_MULTIPLIERS):
        if word == "cent" and run.last == DIGITS:  # French hundreds after a number word only
            return None
        scale = _MULTIPLIERS[word]
        if scale == 100:
            run.group = (run.group or 1) * 100
        else:
            run.total += (run.group or 1) * scale
            run.group = 0.0
        run.end, run.last, run.words = end, None, run.words + 1
        return run, 0
    value = _value(word, foreign)
    if value is None or (not fresh and not (run.joined or _follows(run.last, value, word))):
        return None
    eighty = word.startswith("vingt") and run.last == 4  # "quatre-vingt(s)": 80
    run.group += 76 if eighty else value
    run.end, run.last, run.words, run.joined = end, 80 if eighty else value, run.words + 1, False
    return run, 0


def _follows(last: int | None, value: int, word: str) -> bool:
    """Whether a number word may come after the last one in the same number ("twenty" then "five")."""
    if last == DIGITS:
        return False
    if last is None:  # after a multiplier: anything smaller
        return True
    if word.startswith("vingt") and last == 4:
        return True
    if last == 10 and word in ("sept", "huit", "neuf"):  # "dix-sept", "soixante-dix-huit"
        return True
    if 20 <= last < 100 and last % 10 == 0:  # a ten: its unit ("twenty five"), French teens ("soixante dix")
        return value < 10 or (10 <= value < 20 and last in (60, 80))
    return last >= 100 and value < 100  # Spanish whole hundreds: "doscientos treinta"


def _connects(word: str, last: int | None, value: int) -> bool:
    """Whether "and"/"und"/"et"/"y" joins two parts of one number here."""
    if word == "and":
        return last is None  # "two hundred and five" (after a multiplier)
    if word == "und":
        return last is not None and 0 < last < 10 and value >= 20 and value % 10 == 0
    if word == "et":
        return last is not None and last >= 20 and value in (1, 11)
    return last is not None and last >= 30 and 0 < value < 10  # "y"


def number_text(value: float) -> str:
    """A number as digits, without a trailing ".0": 12.0 -> "12", 1.5 -> "1.5"."""
    if value == int(value) and abs(value) < 1e18:
        return str(int(value))
    return repr(round(value, 12)).rstrip("0").rstrip(".")


def say(value: float, places: int = 2) -> str:
    """A result as people say it: integers whole ("391", "12,500"), a value that is exact in a few decimals
    as it is ("21.5", "0.7"), others rounded ("about 3.14", "about 0.333"); huge ones in powers of ten."""
    if value < 0:
        return "minus " + say(-value, places)
    if isinstance(value, int) or (isinstance(value, float) and value.is_integer() and abs(value) < 1e15):
        whole = int(value)
        if abs(whole) >= 10**15:
            return "about " + _scientific(float(whole))
        return f"{whole:,}" if abs(whole) >= 10_000 else str(whole)
    if abs(value) >= 1e15 or (value != 0 and abs(value) < 1e-6):
        return "about " + _scientific(value)
    short = float(f"{value:.12g}")  # float noise gone: 0.7000000000000001 -> 0.7
    if short.is_integer():
        return say(int(short))
    text = f"{short:.12g}"
    decimals = len(text.split(".")[1]) if "." in text and "e" not in text else 99
    if decimals <= max(places, 3):
        return _grouped(text)
    if abs(value) >= 1:
        rounded = round(value, places)
    else:  # keep three significant digits of a small value
        rounded = float(f"{value:.3g}")
    return "about " + _grouped(number_text(rounded))


def _grouped(text: str) -> str:
    whole, _, rest = text.partition(".")
    if len(whole) > 4:
        whole = f"{int(whole):,}"
    return whole + ("." + rest if rest else "")


def _scientific(value: float) -> str:
    mantissa, exponent = f"{value:.3g}".split("e") if "e" in f"{value:.3g}" else (f"{value:.3g}", "0")
    return f"{mantissa} times ten to the power of {int(exponent)}"
