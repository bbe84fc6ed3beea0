"""A picture's prompt cut out of the request around it: "yeah so can you make an image of, like, a red fox" ->
"a red fox", "Kannst du mir bitte ein Bild von einem Segelboot malen?" -> "einem Segelboot", in the languages
requests come in (the words are `assistant/words.py`'s).

A request frames its subject: first the asking ("could you", "je voudrais", "kannst du mir bitte"), then what is
asked for ("draw me", "an image of", "something with"), and last the politeness ("please", "s'il te plaît", "if
you can") or, in German, the verb ("... malen?"). The frame starts at an anchor: a picture verb that is asked for
(at the start, or after "could you"), or a picture noun joined to what follows ("an image of", "ein Bild von").
The prompt is what lies between the frame's two ends, in the user's own words and case; hesitations standing
alone inside it ("um", ", like,"), asides (", you know,", "no sé") and a last part that only asks again ("and yeah
make a picture of that") are dropped. Without an anchor only the hesitations and asking at the edges go. Settings
(steps, seed, size) are taken out before (`arguments._picture`). A search's query is read with the same words
(`subject_words`: the frame phrases and elided articles gone; `arguments.topic` drops the rest).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..words import (AND_WORDS, ARTICLES, ASKING, ELIDED, FINAL_PICTURE_VERBS, FRAME_PHRASES, HESITATIONS, LIKE_WORDS,
                     LITTLE_ADJECTIVES, OBJECT_PRONOUNS, OF_WORDS, PICTURE_NOUNS, PICTURE_VERBS, POINTING_BACK,
                     PLEASE, POLITENESS, SOMETHING, TRAILING_HESITATIONS, plain)


def _plain_set(words: frozenset[str]) -> frozenset[str]:
    return frozenset(plain(w) for w in words)


_HESITATIONS, _ASKING, _POLITENESS = _plain_set(HESITATIONS), _plain_set(ASKING), _plain_set(POLITENESS)
_VERBS, _FINAL_VERBS, _NOUNS = _plain_set(PICTURE_VERBS), _plain_set(FINAL_PICTURE_VERBS), _plain_set(PICTURE_NOUNS)
_SOMETHING, _OF, _PRONOUNS = _plain_set(SOMETHING), _plain_set(OF_WORDS), _plain_set(OBJECT_PRONOUNS)
_ARTICLES, _LITTLE, _ENDING = _plain_set(ARTICLES), _plain_set(LITTLE_ADJECTIVES), _plain_set(TRAILING_HESITATIONS)
_LIKE, _BACK, _AND = _plain_set(LIKE_WORDS), _plain_set(POINTING_BACK), _plain_set(AND_WORDS)
_PLEASE = _plain_set(PLEASE)  # ending a request with no comma before it; thanks end one only after a comma
_THANKS = _POLITENESS - _PLEASE
_LIKE_ALONE = re.compile(r"(?:^|,)\s*(?:like|tipo|genre|so)\s*,", re.I)  # ", like," said to think
# Hesitations standing alone inside a subject: "uh", "erm", "euh" anywhere, "um" (Portuguese's "a") beside a comma.
_HESITATION_ALONE = re.compile(r"(?:^|(?<=[\s,]))(?:(?:u+h+|e+r+m+|ehm|euh|äh+m?|öh+|hmm+)(?=[\s,.!?]|$)|"
                               r"(?<=,)\s*u+m+(?=[\s,.!?]|$)|u+m+(?=,))[,.]?\s*", re.I)
_LOOKS_LIKE = re.compile(r"(?:show\s+(?:me|us)\s+)?(?:what|how)\s+"
                         r"(?:(.+?)\s+(?:would|might|could|will|does|do)\s+look(?:\s+like)?|"
                         r"(?:would|might|could|does|do)\s+(.+?)\s+look(?:\s+like)?)", re.I)
_EDGES = " \t\n,.;:!?¿¡-–—\"'“”«»()"
_PHRASES: frozenset[tuple[str, ...]] = frozenset()  # FRAME_PHRASES as words (set below, once _words is defined)
_LOOK_AHEAD = 4  # words between a verb and the picture noun it asks for ("make me a quick sketch of")


@dataclass(frozen=True)
class _Word:
    key: str  # plain()
    start: int
    end: int
    set_off: bool = False  # a comma (or a stop) before it: ", right?", ", please"
    after_colon: bool = False  # "new image: a cat in a top hat"


def picture_prompt(text: str) -> str:
    """What the picture should show, cut out of `text`; "" when nothing is left."""
    words = _words(text)
    first = _subject_start(words)
    last = _subject_end(words, first)
    if first >= last:
        return ""
    prompt = _joined_parts(text, words, _subject_parts(words, first, last))
    prompt = _HESITATION_ALONE.sub(" ", _LIKE_ALONE.sub(",", prompt))
    prompt = re.sub(r"\s+(?=[,.!?])|(?<=,),+", "", " ".join(prompt.split())).strip(_EDGES)
    looks = _LOOKS_LIKE.fullmatch(prompt)  # "(show me) what a dragon would look like"
    return (looks.group(1) or looks.group(2)).strip(_EDGES) if looks else prompt


def subject_words(text: str) -> list[str]:
    """The words of `text` as written, without the phrases said around a subject ("would you mind", "s'il te
    plaît", FRAME_PHRASES) and elided articles and pronouns ("j'ai" -> "ai", "d'Orsay" -> "Orsay")."""
    words = _words(text)
    keys = [w.key for w in words]
    dropped: set[int] = set()
    for phrase in _PHRASES:
        for i in range(len(keys) - len(phrase) + 1):
            if tuple(keys[i:i + len(phrase)]) == phrase:
                dropped.update(range(i, i + len(phrase)))
    return [text[w.start:w.end].replace("’", "'") for i, w in enumerate(words)
            if i not in dropped and not w.key.endswith("'")]


def _subject_parts(words: list[_Word], first: int, last: int) -> list[tuple[int, int]]:
    """The parts of the subject (word ranges between commas and stops, and before "and") that say something: a
    part that is only hesitation or politeness (", you know,", "no sé,", "? Valeu") goes, and so does a last part
    that only asks for the picture again ("and yeah make a picture of that"). A part's leading "genre" goes."""
    starts = [i for i in range(first, last) if i == first or words[i].set_off or words[i].key in _AND]
    parts = [(a, b) for a, b in zip(starts, starts[1:] + [last])]
    parts = [(a + 1 if words[a].key in _LIKE and b - a > 1 else a, b) for a, b in parts]
    kept = [(a, b) for a, b in parts if not _said_around(words, a, b)]
    while len(kept) > 1 and _asks_again(words, *kept[-1]):
        kept.pop()
    return kept or parts[:1]


def _said_around(words: list[_Word], a: int, b: int) -> bool:
    keys = tuple(w.key for w in words[a:b])
    return keys in _PHRASES or all(k in _HESITATIONS or k in _POLITENESS or k in _AND for k in keys)


def _asks_again(words: list[_Word], a: int, b: int) -> bool:
    return all(_framing(w.key) or w.key in _VERBS or w.key in _NOUNS or w.key in _OF or w.key in _ARTICLES or
               w.key in _BACK or w.key in _AND or w.key in _SOMETHING for w in words[a:b])


def _joined_parts(text: str, words: list[_Word], parts: list[tuple[int, int]]) -> str:
    """The parts' text, each as the user wrote it, joined by what stood between them or by a comma."""
    pieces = []
    for n, (a, b) in enumerate(parts):
        if n and parts[n - 1][1] == a:  # adjacent: the text between them as it was
            pieces.append(text[words[a - 1].end:words[a].start])
        elif n:
            pieces.append(", ")
        pieces.append(text[words[a].start:words[b - 1].end])
    return "".join(pieces)


def _words(text: str) -> list[_Word]:
    """The words, with an elided article or pronoun a word of its own ("d'un" -> "d'", "un")."""
    found: list[_Word] = []
    for match in re.finditer(r"[^\W_]+(?:['’][^\W_]+)*", text):
        word, start = match.group(), match.start()
        gap = text[found[-1].end if found else 0:start]
        set_off, after_colon = bool(re.search(r"[,;.!?]", gap)), ":" in gap
        head, apostrophe, rest = word.replace("’", "'").partition("'")
        if apostrophe and rest and head.lower() in ELIDED:
            found.append(_Word(plain(head) + "'", start, start + len(head) + 1, set_off, after_colon))
            found.append(_Word(plain(rest), start + len(head) + 1, match.end()))
        else:
            found.append(_Word(plain(word), start, match.end(), set_off, after_colon))
    return found


def _framing(key: str) -> bool:
    return key in _HESITATIONS or key in _ASKING or key in _POLITENESS or key in _PRONOUNS


def _subject_start(words: list[_Word]) -> int:
    """The first word of the subject: after the frame's anchor and what follows it, or after the leading
    hesitations and asking where there is no anchor."""
    reach = max(3, (len(words) * 2 + 2) // 3)  # the frame comes first: an anchor late in a request is subject
    for i, word in enumerate(words[:reach]):
        if word.key in _NOUNS and _joined(words, i) and _framed(words, i):
            return _past_joins(words, i + 1)
        if word.key in _VERBS and _asked(words, i):
            return _after_verb(words, i + 1)
    i = 0
    while i < len(words) and _framing(words[i].key):
        i += 1
    return i if i < len(words) else 0


def _joined(words: list[_Word], i: int) -> bool:
    """Whether the picture noun at `i` is joined to a subject after it ("image of", "Bild von", "photo d'",
    "image: ...")."""
    return i + 1 < len(words) and (words[i + 1].key in _OF or words[i + 1].after_colon)


def _framed(words: list[_Word], i: int) -> bool:
    """Whether the picture noun at `i` is what is asked for, not part of the subject ("a cat holding a picture
    of a dog"): frame words, articles and picture verbs before it, or an asking word in the four before it."""
    before = [w.key for w in words[:i]]
    return all(_framing(k) or k in _ARTICLES or k in _LITTLE or k in _VERBS or k in _SOMETHING for k in before) or \
        any(k in _ASKING for k in before[-4:])


def _asked(words: list[_Word], i: int) -> bool:
    """Whether the verb at `i` is what the request asks for: only frame words before it, or an asking word in
    the three before it ("I was wondering if you could create")."""
    before = [w.key for w in words[:i]]
    return all(_framing(k) for k in before) or any(k in _ASKING for k in before[-3:])


def _after_verb(words: list[_Word], i: int) -> int:
    """Past the pronouns after a picture verb and a picture noun or "something" it names with its join word
    ("me a quick sketch of", "something with", "une image d'")."""
    while i < len(words) and (words[i].key in _PRONOUNS or words[i].key in _POLITENESS or _hesitation(words, i)):
        i += 1
    for j in range(i, min(i + _LOOK_AHEAD, len(words))):
        key = words[j].key
        if (key in _NOUNS or key in _SOMETHING) and _joined(words, j) and all(
                w.key in _ARTICLES or w.key in _LITTLE or _hesitation(words, k) for k, w in enumerate(words[i:j], i)):
            return _past_joins(words, j + 1)
    return i


def _hesitation(words: list[_Word], i: int) -> bool:
    """Whether the word at `i` is a hesitation: "um" is one before an article ("draw um a cat"), and Portuguese's
    "a" before a noun ("desenhe um gato")."""
    key = words[i].key
    if key not in _HESITATIONS:
        return False
    return key not in _ARTICLES or (i + 1 < len(words) and words[i + 1].key in _ARTICLES)


def _past_joins(words: list[_Word], i: int) -> int:
    """Past the join words and hesitations after a picture noun ("of, like, a red fox"); `i` is the word after
    the noun."""
    if i < len(words) and words[i].after_colon:  # "image: cat in a top hat"
        return i
    while i < len(words) and (words[i].key in _OF or _hesitation(words, i)) and i + 1 < len(words):
        i += 1
    return i


def _subject_end(words: list[_Word], first: int) -> int:
    """One past the subject's last word: politeness, thanks and hesitations at the end, a phrase of them ("if you
    don't mind", "s'il te plaît"), and a verb that ends a German request, are not the subject."""
    last = len(words)
    while last > first:
        keys = [w.key for w in words[first:last]]
        tail = next((len(t) for t in _PHRASES if len(t) < len(keys) and tuple(keys[-len(t):]) == t and (
            words[last - len(t)].set_off or t[0] not in _THANKS)), 0)  # ("a sign that says thank you")
        if tail:
            last -= tail
        elif (keys[-1] in _POLITENESS and (keys[-1] in _PLEASE or words[last - 1].set_off)) or (
                keys[-1] in _HESITATIONS and (
                keys[-1] in _ENDING or words[last - 1].set_off)) or (
                keys[-1] in _FINAL_VERBS and len(keys) > 1) or (keys[-1] in _PRONOUNS and len(keys) > 1 and
                                                                 keys[-2] in _FINAL_VERBS | _VERBS):
            last -= 1
        else:
            break
    return last


_PHRASES = frozenset(tuple(w.key for w in _words(phrase)) for phrase in FRAME_PHRASES)
