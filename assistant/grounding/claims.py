"""The checkable facts of a reply, and whether its sources hold them.

A claim is what a listener would take as a fact about their world: a number (digits or number words, money and
percentages among them), a time of day, a month or weekday, an identifier (letters and digits in one word:
"KX-4471-B", "F28"), a name (a capitalised word that does not begin a sentence), and a number's unit ("250 g" is
not "250 ml"). `unsupported` lists those of a
reply that appear neither in its sources nor in the question. Comparison is after normalising both sides the same
way: number words to digits, thousands separators dropped, trailing zeros dropped, times as h:mm on a 12-hour
clock ("17:45", "5:45 pm" and "quarter to six" are one time).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from ..tools.numbers import digits
from ..words import MONTH_NAMES, NOT_NAMES, SMALL_NUMBERS, WEEKDAY_NAMES, unaccented
from .quantities import quantities

_HOURS = {w: n for n, w in enumerate(SMALL_NUMBERS) if 1 <= n <= 12}
_SPOKEN_TIME = re.compile(r"\b(half past|quarter past|quarter to|twenty past|ten past|twenty to|ten to|five past|"
                          r"five to)\s+(\w+)\b", re.I)
_TIME = re.compile(r"\b(\d{1,2})[:.h](\d{2})\b\s*(a\.?m\.?|p\.?m\.?)?|\b(\d{1,2})\s*(a\.?m\.?|p\.?m\.?)(?!\w)"
                   r"|\b(\d{1,2})\s+o'?clock\b", re.I)
_NUMBER = re.compile(r"(?<![\w.])(?<!\d:(?=\d\d(?!\d)))-?\d+(?:[.,]\d+)*(?![\w]|:\d\d(?!\d))")  # (not the hours or
# minutes of a time: "the night number is 20" is not held up by "no food after 20:00"; a ratio's "16:9" is numbers)
_IDENTIFIER = re.compile(r"\b(?=[\w.-]*\d)(?=[\w.-]*[^\W\d_])[\w]+(?:[.-][\w]+)*\b")
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
# A number written in groups that is one fact, a phone number ("06 53 18 74 29", "0421 555 0192", "+33 6 53 18 74 29",
# "087-903-1146"): a leading 0 or +, three groups at least, no date ("05.12.2025"). It is checked whole: a reply made
# of some of its groups ("06 53 29") is not held up by each group being in the passage.
_GROUPED = re.compile(r"(?<![\w.,:/+-])(?:(?:\+\d{1,3}|0\d{0,4})(?:(?: \d{1,4}){2,}|(?:\.\d{1,4}){2,}|(?:-\d{1,4}){2,})|"
                      r"\d{1,4}(?: \d{1,4}){3,})(?![\w]|[.,:]\d)")  # (one separator throughout: "0.50 0.75" are prices;
# four groups or more need no leading 0: "18 53 74 29" is a phone number garbled)


def _grouped(text: str) -> list[re.Match[str]]:
    def a_date(parts: list[str]) -> bool:
        return len(parts) == 3 and 1 <= int(parts[0]) <= 31 and 1 <= int(parts[1]) <= 12 and len(parts[2]) in (2, 4)
    return [m for m in _GROUPED.finditer(text) if not a_date(re.split(r"[ .-]", m.group(0).lstrip("+")))]


def _joined(written: str) -> str:
    return number_key(re.sub(r"\D", "", written))


@dataclass(frozen=True)
class Claim:
    kind: str  # number | quantity | time | date | identifier | name
    text: str  # as the reply has it
    key: str  # normalised, as it is compared


def spelled_numbers(text: str) -> str:
    """Number words as digits, as the grounding compares them: read as the tools read them (`numbers.digits`),
    English ones only, and a lone "one" left (it is mostly a pronoun: "the one on the left")."""
    return digits(text, foreign=False, one_alone=True)


def _spoken_times(text: str) -> str:
    def value(match: re.Match[str]) -> str:
        phrase, hour_word = match.group(1).lower(), match.group(2).lower()
        hour = _HOURS.get(hour_word) or (int(hour_word) if hour_word.isdigit() and 1 <= int(hour_word) <= 12 else 0)
        if not hour:
            return match.group(0)
        minutes = {"half past": 30, "quarter past": 15, "twenty past": 20, "ten past": 10, "five past": 5,
                   "quarter to": -15, "twenty to": -20, "ten to": -10, "five to": -5}[phrase]
        if minutes < 0:
            hour, minutes = hour - 1 or 12, 60 + minutes
        return f"{hour}:{minutes:02d}"

    return _SPOKEN_TIME.sub(value, text)


def normalise(text: str) -> str:
    """Both sides of a comparison: NFKC, curly quotes straightened, spoken times and number words as digits."""
    text = unicodedata.normalize("NFKC", text).replace("’", "'").replace("‘", "'")
    text = re.sub(r"\b(\d+)(?:st|nd|rd|th)\b", r"\1", text)  # "the 29th" is 29
    return spelled_numbers(_spoken_times(text))


def number_key(raw: str, english: bool = False) -> str:
    """A number as it is compared; `english`: "1.400" is one point four (a German note's 48.000 is 48000)."""
    text = raw
    if re.fullmatch(r"-?\d{1,3}(,\d{3})+(\.\d+)?", text):  # 1,150 or 1,695.40
        text = text.replace(",", "")
    elif re.fullmatch(r"-?\d+,\d{1,2}", text):  # a decimal comma: 86,40
        text = text.replace(",", ".")
    elif not english and re.fullmatch(r"-?\d{1,3}(\.\d{3})+", text):  # 48.000 as thousands (German)
        text = text.replace(".", "")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.lstrip("0") or "0"


def _time_key(hour: int, minute: int) -> str:
    return f"{(hour % 12) or 12}:{minute:02d}"


# A time written with a dot ("7.30") is a time where the text says so: a word for when before it, a clock's word
# after it, or another time it runs to; else it is a number ("4.20 x 5.10 m", "12.50 EUR", "room 3.08")
_BEFORE_A_TIME = re.compile(r"(?:\b(?:at|from|until|till|to|by|before|after|around|about|approx|ca|um|ab|bis|gegen|"
                            r"vers|dès|las|alle|ore)\.?|(?<=\d)\s*[-–])\s*$", re.I)
_AFTER_AN_AMOUNT = re.compile(r"\s*(?:€|\$|£|%|(?:eur|euros?|usd|dollars?|m|cm|mm|km|kg|g|l|ml|x|×)(?![^\W\d_]))", re.I)
_AFTER_A_TIME = re.compile(r"\s*(?:(?:h|hrs|uhr|o'?clock)\b|(?:[-–]|to|until|till|bis)\s*\d{1,2}[.:]\d{2}\b)", re.I)


def _time_matches(text: str) -> list[re.Match[str]]:
    """The times of day the text writes (a dotted one only where the text says it is a time)."""
    return [m for m in _TIME.finditer(text) if m.group(1) is None or m.group(3) or
            text[m.start(1) + len(m.group(1))] != "." or (not _AFTER_AN_AMOUNT.match(text, m.end()) and (
                _said_when(text, m.start()) or _AFTER_A_TIME.match(text, m.end())))]


def _said_when(text: str, at: int) -> bool:
    """A word for when comes before `at` ("by 5.30"; not the "by" of a size: "4.20 m by 5.10 m")."""
    before = _BEFORE_A_TIME.search(text, max(0, at - 24), at)
    return before is not None and not (before.group(0).strip().lower() == "by" and
                                       re.search(r"\d", text[max(0, before.start() - 12):before.start()]))


def times(text: str) -> list[tuple[str, str]]:
    """(as written, h:mm on a 12-hour clock) for each time of day in an already normalised text."""
    return [time for m in _time_matches(text) if (time := _time_of(m)) is not None]


def _time_of(m: re.Match[str]) -> tuple[str, str] | None:
    if m.group(1) is not None:
        hour, minute = int(m.group(1)), int(m.group(2))
        if hour > 24 or minute > 59:
            return None
    else:
        hour, minute = int(m.group(4) or m.group(6)), 0
        if hour > 12:
            return None
    return m.group(0).strip(" ."), _time_key(hour, minute)


def claims(text: str, english: bool = False) -> list[Claim]:
    """The checkable facts of a (normalised or raw) text (`english`: a reply in English, whose "1.400" is 1.4)."""
    text = normalise(text)
    found: list[Claim] = []
    spans: list[tuple[int, int]] = []
    for m in _time_matches(text):
        if (time := _time_of(m)) is not None:
            found.append(Claim("time", *time))
            spans.append(m.span())
    rest = _blank(text, spans)
    grouped = _grouped(rest)
    found.extend(Claim("number", m.group(0), _joined(m.group(0))) for m in grouped)
    rest = _blank(rest, [m.span() for m in grouped])
    for m in _IDENTIFIER.finditer(rest):
        found.append(Claim("identifier", m.group(0), _ident_key(m.group(0))))
    rest = _blank(rest, [m.span() for m in _IDENTIFIER.finditer(rest)])
    for m in _NUMBER.finditer(rest):
        found.append(Claim("number", m.group(0), number_key(m.group(0).lstrip("-"), english)))
    for written, number, unit in quantities(rest):  # "250 ml", said of what the source weighs as "250 g"
        found.append(Claim("quantity", written, f"{number_key(number, english)} {unit}"))
    for sentence in _sentences(rest):
        words = list(_WORD.finditer(sentence))
        for i, m in enumerate(words):
            word = m.group(0).strip("'’-")
            lower = word.lower()
            if lower in MONTH_NAMES or lower in WEEKDAY_NAMES:
                found.append(Claim("date", word, lower))
            elif i > 0 and word[:1].isupper() and lower not in NOT_NAMES and not _after_quote(sentence, m.start()):
                found.append(Claim("name", word, lower))
    return found


def _sentences(text: str) -> list[str]:
    """The text's sentences: a full stop after a title ends none ("St. Leonhard", "Dr. Fuchs": the word after is a
    name), unless the title ends a street's name ("Main St. Just by the bridge.")."""
    parts = _SENTENCE_END.split(text)
    out: list[str] = []
    for part in parts:
        if out and (title := _TITLE_AT_END.search(out[-1])) and not title.group(1):
            out[-1] += " " + part
        else:
            out.append(part)
    return out


_SENTENCE_END = re.compile(r"(?<=[.!?:;])\s+|\n+")
_TITLE_AT_END = re.compile(r"(\S\s+[A-Z][a-z]+\s+)?\b(?:Dr|Mr|Mrs|Ms|Prof|St)\.$")  # (a street: "on Main St.")


def _after_quote(sentence: str, at: int) -> bool:
    """A capital after an opening quote or a colon begins a sentence of its own."""
    before = sentence[:at].rstrip()
    return bool(before) and before[-1] in "\"'“‘«:(—–-"


def _ident_key(text: str) -> str:
    return re.sub(r"[\W_]+", "", text.lower())


def _blank(text: str, spans: list[tuple[int, int]]) -> str:
    chars = list(text)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


class Facts:
    """What sources say, indexed for `supports`."""

    def __init__(self, *texts: str):
        self.numbers: set[str] = set()
        self.floats: dict[float, list[str]] = {}  # a number's value -> how the sources write it, in order
        self.times: set[str] = set()
        self.identifiers: dict[str, str] = {}  # compared as -> as the source writes it
        self.words: set[str] = set()
        self.units: dict[str, set[str]] = {}  # a number -> the units the sources give it
        self.grouped: dict[str, str] = {}  # a phone number's digits -> as the source writes it
        for text in texts:
            self.add(text)

    def add(self, text: str) -> None:
        text = normalise(text)
        for _written, key in times(text):
            self.times.add(key)
        for m in _TIME.finditer(text):  # a dotted time no word marks ("Dinner 19.30") may be one: the sources hold it
            if m.group(1) is not None and (time := _time_of(m)) is not None:  # both ways
                self.times.add(time[1])
        for m in _IDENTIFIER.finditer(text):  # whole identifiers only: "KX-4471" is not "KX-4471-B"
            self.identifiers.setdefault(_ident_key(m.group(0)), m.group(0))
            self.numbers.update(number_key(n) for n in re.findall(r"\d+(?:[.,]\d+)*", m.group(0)))
        for m in _NUMBER.finditer(text):
            key = number_key(m.group(0).lstrip("-"))
            self.numbers.add(number_key(m.group(0).lstrip("-"), english=True))  # "1.400": both readings
            self.numbers.add(key)
            try:
                spellings = self.floats.setdefault(float(key), [])
                if m.group(0).lstrip("-") not in spellings:
                    spellings.append(m.group(0).lstrip("-"))
            except ValueError:
                pass
        for m in re.finditer(r"(?<![\d,.:])\d+(?:[-/ ]\d+)+(?![\d,.:])", text):  # each part of a date or a phone
            self.numbers.update(number_key(part) for part in re.split(r"[-/ ]", m.group(0)))  # number (a time's
            # hours are no number of their own: "night number is 20" is not "no food after 20:00")
        for m in _grouped(text):  # a phone number whole, however grouped ("06.53.18.74.29"), and from abroad its
            written = m.group(0)  # national form ("+33 6 53 18 74 29" is "06 53 18 74 29")
            digits = re.sub(r"\D", "", written)
            keys = {_joined(written)} | ({number_key(digits[n:]) for n in (1, 2, 3)} if written.startswith("+") else set())
            for key in keys:
                self.numbers.add(key)
                self.grouped.setdefault(key, written)
        for _written, number, unit in quantities(text):
            self.units.setdefault(number_key(number), set()).add(unit)
        for word in _WORD.findall(unaccented(text)):  # (a name is said with or without its accents: "Benoit")
            self.words.update(part.lower() for part in re.split(r"[-'’]+", word) if part)
            self.words.add(word.strip("'’-").lower())

    def supports(self, claim: Claim) -> bool:
        if claim.kind == "time":
            return claim.key in self.times
        if claim.kind == "number":
            if claim.key in self.numbers:
                return True
            try:
                value = float(claim.key)
            except ValueError:
                return False
            return any(_rounds_to(source, value) for source in self.floats)
        if claim.kind == "identifier":
            return claim.key in self.identifiers
        if claim.kind == "quantity":  # a number the sources give is said with a unit they give it ("CW 24" is no
            number, unit = claim.key.split(" ", 1)  # "24 years"); a number only rounded from theirs is checked as one
            return number not in self.numbers or unit in self.units.get(number, set())
        key = unaccented(claim.key)
        return key in self.words or _stem(key) in {_stem(w) for w in self.words}

    def as_written(self, claim: Claim) -> str:
        """A fact as the source writes it: a code exactly ("2025-BK-0613", not "2025-BK0613", which the comparison,
        blind to separators and case, lets through), a phone number in its groups, an amount whole ("1,695.40 euros", not the "1,695" rounded
        from it, when no other number of the sources rounds to that); anything else as the claim has it."""
        if claim.kind == "identifier":
            return self.identifiers.get(claim.key, claim.text)
        if claim.kind == "number" and claim.key in self.grouped and re.search(r"\d[ .-]\d", claim.text):
            return self.grouped[claim.key]  # a phone number in its groups ("0160 7723 118", not "01 60 772 3 118")
        if claim.kind == "number" and claim.key not in self.numbers:
            try:
                value = float(claim.key)
            except ValueError:
                return claim.text
            rounded_from = [source for source in self.floats if _rounds_to(source, value)]
            if len(rounded_from) == 1:  # (one value, however often and however written: as first written)
                return self.floats[rounded_from[0]][0]
        return claim.text


def _rounds_to(source: float, value: float) -> bool:
    """8.05 or 8 said for 8.04672: the value is the source rounded to fewer decimals."""
    if source == value:
        return True
    decimals = len(repr(value).split(".")[1]) if "." in repr(value) and not repr(value).endswith(".0") else 0
    return round(source, decimals) == value and abs(source) >= 1


def _stem(word: str) -> str:
    return word[:-2] if word.endswith("'s") else word.rstrip("s")


def unsupported(reply: str, sources: list[str], question: str = "") -> list[Claim]:
    """The reply's claims that neither the sources nor the question hold."""
    facts = Facts(*sources, question)
    return [c for c in claims(reply) if not facts.supports(c)]
