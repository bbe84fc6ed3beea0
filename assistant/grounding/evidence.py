"""Which passage of a look-up answers the question, and which of its sentences: what a small model is given.

A passage answers when it holds most of the question's subject words, each word weighed by how rare it is in
the index (`Rarity`): "passport" found nowhere outweighs "number" found in many notes, so "What's my passport
number?" is not answered with the locker number. Within the passage, the sentences (or lines) that hold the
most of those words are the evidence, with the passage's title for context.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..contracts import Citation, ToolResult
from . import personal
from .claims import claims, spelled_numbers
from .spelling import not_an_end, one_letter_apart
from ..words import (ATTRIBUTE_WORDS, CALENDAR_WORDS, FILE_WORDS, FUNCTION_WORDS, LITTLE_WORDS, MONTH_NAMES, NOT_NAMES,
                     QUESTION_WORDS, RECORDING_VERBS, REQUEST_FILLERS, SMALL_NUMBERS, VAGUE, WEEKDAY_NAMES)

MIN_COVERAGE = 0.45  # the weighed share of the question's subject words a passage must hold
MAX_SENTENCES = 3
MAX_EVIDENCE_CHARS = 400
TITLED_SENTENCES = 1  # answering by its title alone: the first sentence of the kind asked for (given two, the
# 0.5B model took the cake's pick-up time for the party's start)


@dataclass(frozen=True)
class Passage:
    file: str
    text: str
    page: int | None = None  # PDFs
    time: float | None = None  # recordings: seconds from the start
    kind: str = "text"

    @property
    def citation(self) -> Citation:
        return Citation(self.file, self.page, self.time)


@dataclass
class Evidence:
    passage: Passage
    sentences: list[str]
    coverage: float
    words: list[str] = field(default_factory=list)  # the question's subject words the passage holds
    title: str | None = None  # the passage's heading, given for context ("Appointments")

    @property
    def text(self) -> str:
        return " ".join([self.title, *self.sentences] if self.title else self.sentences)


def passages(result: ToolResult) -> list[Passage]:
    """The passages a look-up returned, best first: search hits (their snippets), or PDF passages."""
    data: dict[str, Any] = result.data or {}
    out = []
    for hit in data.get("hits") or []:
        if hit.get("kind") == "image" and not hit.get("snippet"):
            continue
        out.append(Passage(hit["file"], str(hit.get("text") or hit.get("snippet") or ""), hit.get("page"), hit.get("start"),
                           hit.get("kind") or "text"))
    for p in data.get("passages") or []:
        out.append(Passage(p["file"], str(p.get("text") or ""), p.get("page"), None, "pdf"))
    return [p for p in out if p.text.strip()]


def subject_words(text: str) -> list[str]:
    """The question's words that say what it is about (lower case, in order, once each)."""
    words = [w.lower() for w in re.findall(r"[^\W_]+(?:'[^\W_]+)?", text)]
    words = [_ORDINAL.sub(r"\1", w[:-2] if w.endswith("'s") else w) for w in words]
    if words and personal.misspelt_question_word(words[0]):  # "wats the wifi pasword"
        words = words[1:]
    skip = FUNCTION_WORDS | REQUEST_FILLERS | VAGUE | RECORDING_VERBS | QUESTION_WORDS | FILE_WORDS | \
        LITTLE_WORDS.get(personal.language_of(text), frozenset())  # ("bei", "ist" in a German question)
    return [w for w in dict.fromkeys(words) if w not in skip and _verb_stem(w) not in skip  # ("wanted": "want")
            and (len(w) >= 3 or any(c.isdigit() for c in w))]


def _verb_stem(word: str) -> str:
    """A verb without its -ed or -ing ("wanted" -> "want", "thinking" -> "think"); other words as they are ("times"
    and "rights" are subjects, not "time" and "right")."""
    for ending in ("ing", "ed"):
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            return word[: -len(ending)]
    return word


def stem(word: str) -> str:
    """A word's stem for matching ("arrives" ~ "arrive", "tyres" ~ "tyre"): endings dropped, at least 4 letters
    kept."""
    for ending in ("ing", "ed", "es", "s", "e", "y"):
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            return word[: -len(ending)]
    return word


def holds(text: str, word: str) -> bool:
    """The text has the word, or a word of the same stem; a long word also by its first letters
    ("physiotherapist" ~ "physiotherapy"), or misspelt by one letter ("budjet" ~ "budget")."""
    lowered = text.lower()
    if word in _SHORT_FORMS and re.search(rf"\b(?:{'|'.join(_SHORT_FORMS[word])})\b", lowered):
        return True  # "Jan" for January, "Sat" for Saturday
    if len(word) >= 9 and re.search(rf"(?<![^\W_]){re.escape(word[: max(6, len(word) - 3)])}", lowered):
        return True
    root = stem(word)  # (a word's endings, not another word: "boil" is not "boiler", "car" not "card" or "care")
    endings = "s|es|ed|ing" if root == word else "s|es|ed|d|ing|e|y|ies"
    if re.search(rf"(?<![^\W_]){re.escape(root)}(?:{endings})?(?![^\W_])", lowered):
        return True
    if len(word) >= 5 and re.search(rf"(?<![^\W_]){re.escape(word)}", lowered):
        return True  # a short form: "physio" for "physiotherapy"
    if len(word) >= 5 and any(word.startswith(short.lower()) and len(short) <= len(word) - 2
                              for short in _ABBREVIATED.findall(text)):
        return True  # shortened as notes shorten ("Gohliser Str." for Straße, "tel." for telephone)
    return len(word) >= 5 and not any(c.isdigit() for c in word) and any(
        one_letter_apart(word, w) for w in set(re.findall(r"[^\W\d_]{4,}", lowered)))


# A word cut short with a full stop that ends no sentence ("Str.: 640", "approx. 20"; not "... the car. Then")
_ABBREVIATED = re.compile(r"(?<![^\W_])([^\W\d_]{3,})\.(?!\s*$|\s*\n|\s+[A-ZÀ-Þ])", re.M)


# English months and weekdays as notes shorten them ("1 Jan", "Thurs 13 March")
_SHORT_FORMS = {name: [name[:3], *{"september": ["sept"], "tuesday": ["tues"], "thursday": ["thur", "thurs"]}.get(
    name, [])] for name in (*MONTH_NAMES[:12], *WEEKDAY_NAMES[:7]) if name != "may"}


def codes(text: str) -> list[str]:
    """The question's codes and numbers ("F99", "2.4", "1.0.8"): a passage that lacks one is not about it. An
    ordinal is its number ("the 16th" is "16 November")."""
    found = [w.lower() for w in re.findall(r"(?<![\w.])[^\W_]*\d[\w.]*(?<![.])", text)]
    return [_ORDINAL.sub(r"\1", w) for w in found]


_ORDINAL = re.compile(r"^(\d+)(?:st|nd|rd|th|er|e|º|ª)$")


Rarity = Callable[[Sequence[str]], dict[str, float]]  # subject words -> weight (rarer in the index: heavier)


def idf_weights(document_counts: dict[str, int], total: int) -> dict[str, float]:
    """Inverse document frequency (a word in no document weighs most: "passport" when no file has it)."""
    return {w: math.log((total + 1) / (n + 0.5)) for w, n in document_counts.items()}


def _coverage(text: str, words: Sequence[str], weights: dict[str, float]) -> tuple[float, list[str]]:
    if not words:
        return 0.0, []
    held = [w for w in words if holds(text, w)]
    total = sum(weights.get(w, 1.0) for w in words)
    return (sum(weights.get(w, 1.0) for w in held) / total if total else 0.0), held


def sentences_of(text: str) -> list[str]:
    """A passage's sentences and lines (notes are often lists), markup removed."""
    parts: list[str] = []
    label = ""  # a line that ends with a colon, over the indented lines under it ("Rent from 1 July:")
    for raw in text.splitlines():
        line = re.sub(r"^\s*(?:[#>*-]+|\d+[.)])\s*", "", raw).strip()
        indented = raw[:1].isspace()
        if not line or not indented:
            label = ""
        if line and indented and label:
            if parts and parts[-1] == label:  # the label alone answers nothing: its lines say it
                parts.pop()
            line = f"{label} {line}"  # each line under it says what it is of
        elif line.endswith(":") and not indented:
            label = line
        if line:
            parts.extend(s.strip() for s in _SENTENCE_END.split(line) if s.strip())
    if len(parts) == 1 and len(parts[0]) > MAX_EVIDENCE_CHARS:  # one long line (a recording, a flattened page)
        parts = [s for s in _LOOSE_END.split(parts[0]) if s]
    return parts


# A sentence ends at . ! or ?, but not after a title or a common abbreviation ("Mr. Keller", "Dr. Okafor", "e.g.")
_NOT_AN_END = not_an_end()
_SENTENCE_END = re.compile(rf"(?<=[.!?]){_NOT_AN_END}\s+(?=[A-Z0-9\"“])")
_LOOSE_END = re.compile(rf"(?<=[.!?]){_NOT_AN_END}\s+")


RANK_BONUS = 0.15  # the search's best hit, over its last
TYPE_BONUS = 0.25  # a sentence holding the kind of thing asked for (a name for "who", a date for "when")
_ASKS = (("name", re.compile(r"^\W*(?:who|whom|whose|wer|wem|qui|quién|quien|chi)\b|\bwho(?:'s| is| was)\b", re.I)),
         ("when", re.compile(r"\b(?:when|what time|which day|what day|what date|until when|how late|how soon|wann|quand|"
                             r"cuándo|cuando|quando|à quelle heure|a qué hora|um wie viel uhr)\b", re.I)),
         ("number", re.compile(r"\bwhat(?:'s|s| is| was) (?:the|my|our|your|his|her|their) (?:\w+ )?(?:number|code|"
                               r"pin|reference)\b", re.I)),
         ("amount", re.compile(r"\b(?:how (?:much|many|long|far|old|often|big|high|heavy|tall|wide|deep)|what(?:'s|s| is| was) "
                               r"(?:the|my|our|your|his|her|their) (?:price|cost|amount|total|budget)|wie (?:viel|viele|lange|alt)|combien|cuánto|"
                               r"cuántos|cuánta|quanto)\b", re.I)),
         ("place", re.compile(r"^\W*(?:where|wo|où|ou|dónde|donde|dove)\b|\bwhere(?:'s| is| was| are| do| does| did)\b",
                              re.I)))
_DATE_WORDS = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|"
                         r"june|july|august|september|october|november|december|mon|tue|tues|wed|thu|thurs|fri|sat|"
                         r"sun|monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|tomorrow|tonight|"
                         r"morning|afternoon|evening|noon|midnight|weekend|week|month|year|o'clock|daily|weekly|"
                         r"monthly|every)\b|\b(?:[01]?\d|2[0-3])[:.h][0-5]\d\b|\b\d{1,2}\s*(?:am|pm)\b|\b(?:[0-2]?\d|3[01])[./-](?:0?[1-9]|1[0-2])\b|"
                         r"\b(?:19|20)\d{2}\b|\b(?:half past|quarter (?:past|to)|(?:\d{1,2}|" + "|".join(SMALL_NUMBERS[1:13]) +
                         r"|twenty|twenty-five|twenty five) (?:minutes )?(?:past|to) (?:\d{1,2}|" +
                         "|".join(SMALL_NUMBERS[1:13]) + r"))\b", re.I)  # ("ten to five", not "go to Tivoli")


_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
# A date with its month named, or a time of day: what an amount or a count is not ("38.50", "3.5 kg" and "2025
# euros" are amounts).
DATE_OR_TIME = re.compile(rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}(?:\s+\d{{4}})?|\b{_MONTH}\s+\d{{1,2}}"
                           rf"(?:st|nd|rd|th)?\b(?:,?\s+\d{{4}})?|\b\d{{1,2}}:\d{{2}}\b|\b\d{{1,2}}(?:[.:]\d{{2}})?\s*[ap]\.?m\.?",
                           re.I)


_CODE = re.compile(r"\b(?=[\w-]*\d)(?=[\w-]*[^\W\d_])\w+(?:-\w+)*")  # letters and digits in one word: "WM-814"
_PHONE = re.compile(r"(?<![\d,.])\+?\d+(?:[ /-]\d+){2,}(?![\d,.])")  # "040 6688 1200"
_REQUIRED_KINDS = ("when", "number", "amount")  # (a place need not be a capitalised name: "under the blue flowerpot")


# What a question asks for, named after its question word and article: "what's the wifi password at our hotel"
# asks for a wifi password, "when does my car insurance renew" about the car insurance (the word before the verb
# that ends it), "how much is the deposit for the flat" for the deposit. (English; other languages have none.)
_ASKED_THING = re.compile(
    r"^\W*(?:(?:what|which|who)(?:'s|s| is| are| was| were)|how (?:much|many|long|often|far)(?: (?:is|are|was|were|"
    r"does|do|did))?|when(?:'s| is| are| was| were)|where(?:'s| is| are| was| were))\s+(?:the|my|our|your|his|her|"
    r"their)\s+(?P<thing>[^\W\d_][\w'-]*(?:\s+[^\W\d_][\w'-]*){0,2}?)(?=\s+(?:at|in|on|for|of|from|to|with|about|"
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
    """What kind of thing the question asks for: "name", "when", "number" (a code too), "amount" (how much or
    many), "place", or None."""
    return next((kind for kind, pattern in _ASKS if pattern.search(question)), None)


def has_kind(sentence: str, kind: str | None) -> bool:
    """The sentence holds the kind of thing `asks_for` names (a date or time for "when", an amount, ...)."""
    if kind == "when":
        return _DATE_WORDS.search(sentence) is not None
    if kind == "number":  # a number or code, not the day of a date or a time
        return re.search(r"\d", DATE_OR_TIME.sub(" ", spelled_numbers(sentence))) is not None
    if kind == "amount":  # ... nor a code's or a phone number's digits ("policy NV-558-20417" says no amount)
        rest = _PHONE.sub(" ", _CODE.sub(" ", DATE_OR_TIME.sub(" ", spelled_numbers(sentence))))
        return re.search(r"\d", rest) is not None
    if kind in ("name", "place"):
        return re.search(r"(?<=[\w,;:]\s)[A-Z][a-z]+", sentence) is not None
    return False


def names(question: str) -> list[str]:
    """The people, places and things the question names ("Ines", "Copenhagen"), lower case: a passage that lacks
    one is about someone or something else. (German capitalises every noun: no names are read from it.)"""
    return [] if personal.language_of(question) == "de" else personal.capitalised(question)


def best_evidence(question: str, found: Iterable[Passage], weights: dict[str, float] | None = None,
                  words: Sequence[str] | None = None, unknown: Iterable[str] = (),
                  named: Sequence[str] | None = None, world: bool = False) -> Evidence | None:
    """The passage holding most of the question's subject words (weighed), with its answering sentences; None
    when no passage holds enough of them. `unknown`: the subject words no file holds; `named`: the names a
    passage must hold (the question's own by default). `world`: the question is not about the user's own world, so
    a passage that lacks a word no file holds, and half of the question's words, is about something else ("the
    capital of Australia" is not in a manual that mentions Australia; "how much stock goes into the lentil soup"
    is in the recipe, though no file says "goes")."""
    words = list(words) if words is not None else subject_words(question)
    if not words:
        return None
    weights = weights or {}
    kind = asks_for(question)
    needed = codes(question)
    named = names(question) if named is None else named
    thing = asked_thing(question, words)
    unknown = set(unknown)
    best: Evidence | None = None
    best_value = 0.0
    found = list(found)
    for rank, passage in enumerate(found):
        text = passage.text + " " + _file_words(passage.file)
        coverage, held = _coverage(text, words, weights)
        if coverage < MIN_COVERAGE or not held or not all(_has_code(passage.text, c) for c in needed) or \
                not all(holds(text, name) or _spaced(name, text) for name in named):
            continue
        if thing and not _names_thing(text, thing, held, weights):
            continue  # the hotel's note, without a word of its wifi password ("Wi-Fi" is "wifi")
        # a passage whose title alone holds the subject answers with its sentences of the kind asked for, unless
        # the question also names what no file holds ("When is Ines's party?" under "Ines's 40th"; not "When is
        # my dentist appointment?" under "Appointments" when no file has "dentist")
        if world and unknown - set(held) and 2 * len(held) <= len(words):
            continue
        unheld = set(words) - set(held)
        by_title = kind is not None and not (unknown & unheld) and coverage > 0.5 and (not unheld or max(
            weights.get(w, 1.0) for w in unheld) < max(weights.get(w, 1.0) for w in held))
        title, sentences = _answering(passage.text, words, weights, kind, by_title)
        if not sentences:  # only its heading or file name holds the words: no sentence answers
            continue
        if kind in _REQUIRED_KINDS and not any(has_kind(s, kind) for s in sentences):  # "how tall is Teodor?" is not
            continue  # answered by a line that only names him
        if kind == "name" and not any(names_beyond(s, question, passage.text) for s in sentences):  # "who wrote
            continue  # The Remains of the Day?" is not answered by the line that names the book
        value = coverage + (TYPE_BONUS if any(has_kind(s, kind) for s in sentences) else 0.0) + \
            RANK_BONUS * (1 - rank / len(found))  # the search's own ranking (meaning and keywords) counts too
        if best is None or value > best_value:
            best, best_value = Evidence(passage, sentences, coverage, held, title), value
    return best if best is not None and best.sentences else None


def _names_thing(text: str, thing: Sequence[str], held: Sequence[str], weights: dict[str, float]) -> bool:
    """The passage names the thing asked for by its rarest word: "car insurance" is not the bike insurance, but a
    dentist's note answers for the "dentist appointment" though it never says "appointment"."""
    rarest = max(thing, key=lambda w: weights.get(w, 1.0))
    return rarest in held or _spaced(rarest, text)


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
                out.append((word, first))
            first = token.endswith((".", "!", "?", ":")) and token.lower() not in _TITLES
    return out


_TITLES = {"mr.", "mrs.", "ms.", "dr.", "prof.", "st."}


def _states_a_fact(sentence: str, words: Sequence[str]) -> bool:
    """The sentence says something beyond the question's own words: a number, a time, a date or a name that is not
    one of them."""
    asked = set(words)
    return any(c.key not in asked and not any(c.key.startswith(w) or w.startswith(c.key) for w in asked)
               for c in claims(sentence))


def _heading(sentence: str) -> bool:
    return len(sentence) <= 60 and not re.search(r"[\d:]", sentence) and not sentence.endswith(".")


def _spaced(word: str, text: str) -> bool:
    """The text has the word written apart or hyphenated ("WiFi" is "Wi-Fi", "PlayStation" "Play Station"), as a
    word of its own ("car" is not in "card")."""
    letters = re.sub(_APART, "", word.lower())
    pattern = f"{_APART}?".join(map(re.escape, letters))
    return bool(letters) and re.search(rf"(?<![^\W_]){pattern}(?![^\W_])", text.lower()) is not None


_APART = r"[\s\-‐–]"


def _has_code(text: str, code: str) -> bool:
    return re.search(rf"(?<![\w.]){re.escape(code)}(?![\w])", text.lower()) is not None


def _file_words(file: str) -> str:
    """A file's name says what it is about ("grandma-visit.md")."""
    return " ".join(re.findall(r"[^\W\d_]+", file.rsplit("/", 1)[-1].rsplit(".", 1)[0]))


def _answering(text: str, words: Sequence[str], weights: dict[str, float], kind: str | None = None,
               by_title: bool = False) -> tuple[str | None, list[str]]:
    """The passage's heading (when it is not among them) and its answering sentences, in their order. With
    `by_title`, a passage whose heading alone holds the words answers with its first sentences of the `kind`
    asked for (a date for "when")."""
    sentences = sentences_of(text)
    if not sentences:
        return None, []
    titled = len(sentences) > 1 and (text.lstrip().startswith("#") or _heading(sentences[0]))
    scores = [_coverage(s, words, weights)[0] for s in sentences]
    scores = [score + (TYPE_BONUS if score and has_kind(s, kind) else 0.0) for s, score in zip(sentences, scores)]
    if titled:  # a heading is context, not an answer
        title_score, scores[0] = scores[0], 0.0
    top = max(scores)
    if titled and by_title and title_score > 0 and not any(has_kind(s, kind) for s, score in zip(sentences, scores)
                                                          if score):
        # the title says what it is about, and no sentence that names it holds what is asked: the first ones
        # that do
        kind_of = [i for i in range(1, len(sentences)) if has_kind(sentences[i], kind)][:TITLED_SENTENCES]
        if kind_of:
            return sentences[0], [sentences[i] for i in kind_of]
    if top == 0:
        return None, []
    order = sorted(range(len(sentences)), key=lambda i: (-scores[i], i))
    chosen = [order[0]]
    for i in order[1:MAX_SENTENCES]:
        if scores[i] >= 0.5 * top and sum(len(sentences[j]) for j in chosen) + len(sentences[i]) <= MAX_EVIDENCE_CHARS:
            chosen.append(i)
    after = order[0] + 1
    if after < len(sentences) and after not in chosen and not _states_a_fact(sentences[order[0]], words) and \
            sum(len(sentences[j]) for j in chosen) + len(sentences[after]) <= MAX_EVIDENCE_CHARS:
        chosen.append(after)  # "Meter readings, first of March." says what; the sentence after it says how much
    title = sentences[0] if 0 not in chosen and titled else None  # whose or what it is about
    return title, [sentences[i] for i in sorted(chosen)]
