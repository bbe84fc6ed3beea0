"""Is a question about the user's own world, judged by what their notes and recordings speak of?

`personal.is_personal` reads the question alone ("my", "we paid", "the electrician"). Many questions about the
user's life say none of that: "whats chiaras email address", "When does the brewery need the final files?". Their
notes answer that: they write "Chiara" as a name, and speak of "the brewery". Such a question is looked up, and when
the files hold no answer that is said: a small model asked instead invents an address or a date.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from ..words import BEFORE_THE_THING, CALENDAR_WORDS, THE_SPECIFIC_ABROAD
from . import personal
from .asking import REQUIRED_KINDS, asks_for, subject_words

# (words, kinds of file, written as a name?, or one letter from such a word?) -> (the number of passages holding
# each word, all passages)
Counts = Callable[[Sequence[str], Sequence[str], bool, bool], tuple[dict[str, int], int]]
MINE = ("text", "audio")  # notes and recordings: a manual that mentions Australia is no sign

# "the" and the word it names, past the words that describe it ("the new labels")
# (a superlative before a noun describes it: "the longest river" is a river)
_THE_THING = re.compile(rf"\bthe\s+(?:(?:{'|'.join(sorted(BEFORE_THE_THING))}|[^\W\d_]+est(?=\s+[^\W\d_]{{3,}}))\s+)*"
                        r"([^\W\d_][\w'-]*)", re.I)


def names_someone_in_the_files(text: str, counts: Counts) -> bool:
    """The question names someone or something the user's notes or recordings name ("How much did Marek quote?"),
    however it is typed ("whats chiaras email", "bruno's vet", "the tivolli entrance"). Not read in German, which capitalises every noun;
    a month is no one's name."""
    if personal.language_of(text) == "de":  # (German capitalises every noun, in the question and in its notes)
        return False
    named = personal.capitalised(text)  # capitalised in the question: any note or recording that holds the word
    if named and any(counts(named, MINE, False, False)[0].values()):
        return True
    typed = [w for w in subject_words(text) if w.isalpha()]  # ... typed in lower case: where the notes write it as
    typed += [w[:-1] for w in typed if w.endswith("s") and len(w) > 4]  # a name ("chiaras": Chiara's)
    typed = list(dict.fromkeys(w for w in typed if w not in CALENDAR_WORDS))
    # (a name typed or heard one letter wrong, "tivolli" for Tivoli, counts as the name)
    return bool(typed) and any(counts(typed, MINE, True, True)[0].values())


def the_thing_in_the_files(text: str, counts: Counts) -> bool:
    """The question asks about a thing of the user's own life, "the new ..." or "the old ..." ("the new curtains for
    the living room", "the caretaker's number at the new building", "the final files for the new labels"), and its
    notes or recordings speak of one of the things it names. A question about "the speed of light" or "the moon"
    names no such thing, though a note may mention the moon. English."""
    if personal.language_of(text) != "en" or not _SPECIFIC.search(text):
        return False
    asked = subject_words(text)
    things = [m.group(1).lower().removesuffix("'s") for m in _THE_THING.finditer(text)
              if m.group(1).lower() not in BEFORE_THE_THING and not m.group(1)[:1].isupper()]
    things = [w for w in things if w in asked]
    return bool(things) and any(counts(things, MINE, False, False)[0].values())


# "the new ...", "the old ...", "the latest ...", "the final ...": one thing of someone's life, not the world's kind of
# thing
_SPECIFIC = re.compile(r"\bthe\s+(?:new|old|next|last|latest|current|previous|upcoming|final|other)\s+[^\W\d_]", re.I)


def asked_abroad_of_their_files(asked: str, english: str, counts: Counts) -> bool:
    """A question in another language that asks for a date, a time, a number or an amount, of "the old", "the new",
    "the next" or "the last" thing ("Wann ist die Übergabe der alten Wohnung?", "À quelle heure doit-on quitter la
    maison le dernier jour ?"), or at least half of whose (English) words the user's notes or recordings hold: a small
    model's translation is loose ("What is the old apartment?") and its answer a guess, so it is looked up.
    `english`: the question translated."""
    if asks_for(asked) not in REQUIRED_KINDS:
        return False
    if _SPECIFIC_ABROAD.search(asked):  # "the old flat", "the last day": one thing of someone's life, as in English
        return True
    words = subject_words(english)
    held = counts(words, MINE, False, False)[0]
    return bool(words) and 2 * sum(1 for w in words if held.get(w)) >= len(words)


_SPECIFIC_ABROAD = re.compile(THE_SPECIFIC_ABROAD, re.I)


def about_their_world(text: str, counts: Counts) -> bool:
    """A question (not a request for know-how) about someone or something of the user's own world."""
    return personal.asks(text) and not personal.asks_how(text) and (
        personal.is_personal(text) or names_someone_in_the_files(text, counts) or the_thing_in_the_files(text, counts))
