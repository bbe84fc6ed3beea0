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
from .asking import (REQUIRED_KINDS, answerable_kind, asked_thing, asks_for, codes, has_kind, kind_weight,
                     names_beyond, subject_words)
from .claims import claims
from .matching import holds, spaced, stem
from .spelling import not_an_end
from ..words import KIND_LABELS, OTHER_ONE

MIN_COVERAGE = 0.45  # the weighed share of the question's subject words a passage must hold
FIRST_HITS = 5  # a passage the search ranks below these answers only when it holds every subject word (the
# look-up weighs ten: Bruno's own note, seventh for "How much does Bruno weigh?", answers; a letter that says "dog"
# and "barking", seventh for "how can I get my dog used to being home alone without barking?", does not)
MAX_SENTENCES = 3
HEADING_COVERAGE = 0.75  # the weighed share of the subject a heading must name for the line below it to answer
LINES_AFTER = 3  # how far below a line naming the subject the line saying what is asked of it may be (a letter's
# heading, its greeting, "we have had to move your operation.", then the new date)
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
    answers: bool = True  # False: the passage is about the question's subject, but none of its sentences holds
    # what is asked of it ("When was the blue blanket bought?" of "Bring the blue blanket for the guest room.")

    @property
    def text(self) -> str:
        return " ".join([self.title, *self.sentences] if self.title else self.sentences)


def answers(evidence: Evidence | None) -> bool:
    """The evidence holds what is asked (not only the subject it is asked about)."""
    return evidence is not None and evidence.answers


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
    """A passage's sentences and lines (notes are often lists), markup removed. A line that ends with a colon says
    what the lines under it are of, up to a blank line or a line with a label of its own ("Rent from 1 July:" over
    "cold 790 + 175 = 965": the index keeps no indentation); a labelled line ("Vet: Dr Yilmaz, ...") over the
    lines indented under it."""
    parts: list[str] = []
    label, bare = "", False  # the label over the next lines, and whether it was a line of its own
    for raw in _tables_read(text.splitlines()):
        line = re.sub(r"^\s*(?:[#>*-]+|\d+[.)])\s*", "", raw).strip()
        indented = raw[:1].isspace()
        heading = raw.lstrip().startswith("#")
        own_label = not indented and (line.endswith(":") or _LABEL.match(line) is not None)
        if not line or heading or (not indented and (own_label or not bare)):
            label, bare = "", False
        if line and label and not own_label:
            if parts and parts[-1] == label:  # the label alone answers nothing: its lines say it
                parts.pop()
            line = f"{label} {line}"  # each line under it says what it is of
        elif line.endswith(":") and not indented and not heading:  # (its last sentence: "we have had to move
            # your operation. Your new appointment is:" over "Tuesday 28 October")
            label, bare = [s.strip() for s in _SENTENCE_END.split(line) if s.strip()][-1], True
        elif not indented and (labelled := _LABEL.match(line)):  # "Vet: Dr Yilmaz, ..." over "practice 0341 ..."
            label, bare = labelled.group(0), False
        if line:
            parts.extend(s.strip() for s in _SENTENCE_END.split(line) if s.strip())
    if len(parts) == 1 and len(parts[0]) > MAX_EVIDENCE_CHARS:  # one long line (a recording, a flattened page)
        parts = [s for s in _LOOSE_END.split(parts[0]) if s]
    return parts


def _tables_read(lines: list[str]) -> list[str]:
    """A Markdown table's rows, each with its column names ("| Tue 17 | Painted Cliffs |" under "| day | site |" is
    "day: Tue 17; site: Painted Cliffs"): a row alone says nothing of what its cells are. The header and the rule
    under it go; a row whose header is not in the passage (a chunk may begin mid-table) is its cells."""
    out: list[str] = []
    header: list[str] | None = None
    for i, line in enumerate(lines):
        cells = _cells(line)
        if cells is None:
            header = None
            out.append(line)
        elif _rule(cells):
            continue
        elif header is None and i + 1 < len(lines) and (below := _cells(lines[i + 1])) is not None and _rule(below):
            header = cells
        elif header is not None and len(header) == len(cells):
            out.append("; ".join(f"{name}: {cell}" if name else cell for name, cell in zip(header, cells) if cell))
        else:
            out.append(", ".join(cell for cell in cells if cell))
    return out


def _cells(line: str) -> list[str] | None:
    """A table row's cells ("| a | b |"), or None for a line that is no row."""
    line = line.strip()
    if not line.startswith("|") or line.count("|") < 2:
        return None
    return [cell.strip() for cell in line.strip("|").split("|")]


def _rule(cells: list[str]) -> bool:
    """The line under a table's header: "|---|:---:|"."""
    return all(re.fullmatch(r":?-+:?", cell) for cell in cells)


# A sentence ends at . ! or ?, but not after a title or a common abbreviation ("Mr. Keller", "Dr. Okafor", "e.g.")
_LABEL = re.compile(r"[^\W\d][\w' /&-]{0,30}:(?=\s)")  # "Vet:", "Dog walker:"
_NOT_AN_END = not_an_end()
_SENTENCE_END = re.compile(rf"(?<=[.!?]){_NOT_AN_END}\s+(?=[A-Z\"“])")  # (not before a number: "Loehrstr. 3-7, room
# 3.08", "approx. 20 min", "Tel. 0341 ...": a short form before a number far more often than a sentence's end)
_LOOSE_END = re.compile(rf"(?<=[.!?]){_NOT_AN_END}\s+")


RANK_BONUS = 0.15  # the search's best hit, over its last
TYPE_BONUS = 0.25  # a sentence holding the kind of thing asked for (a name for "who", a date for "when"; a part of
# the day or a span counts less: `kind_weight`)
def names(question: str) -> list[str]:
    """The people, places and things the question names ("Ines", "Copenhagen"), lower case: a passage that lacks
    one is about someone or something else. (German capitalises every noun: no names are read from it.)"""
    return [] if personal.language_of(question) == "de" else personal.capitalised(question)


def best_evidence(question: str, found: Iterable[Passage], weights: dict[str, float] | None = None,
                  words: Sequence[str] | None = None, unknown: Iterable[str] = (),
                  named: Sequence[str] | None = None, world: bool = False,
                  topic: Sequence[str] = (), topic_files: Sequence[str] = (),
                  contrasted: Sequence[str] | None = None, own: Sequence[str] | None = None) -> Evidence | None:
    """The passage holding most of the question's subject words (weighed), with its answering sentences; when none
    answers, the one most about the subject (`answers` False); None when no passage holds enough of its words. `unknown`: the subject words no file holds; `named`: the names a
    passage must hold (the question's own by default). `world`: the question is not about the user's own world, so
    a passage that lacks a word no file holds, and half of the question's words, is about something else ("the
    capital of Australia" is not in a manual that mentions Australia; "how much stock goes into the lentil soup"
    is in the recipe, though no file says "goes"). `topic`: for a follow-up, the words of the question it follows, one
    of which the passage holds unless it is from `topic_files`, the files that question was answered from ("And what
    did it actually cost?" after the vet's memo is not answered by a manual's "costs about 2300k of memory").
    `contrasted`: the words whose "other one" a line must not be about (all the words by default; a follow-up that
    names its own subject, only its own: "And what did we pay at Gohliser Straße?" after "the rent at the new flat"
    is answered by the old flat's line). `own`: the follow-up's own words, which a passage ranked below the first
    FIRST_HITS must all hold (all the words by default; "What's his chip number?" after a birthday nobody found)."""
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
    about: Evidence | None = None  # the passage most about the subject that does not answer (when none does)
    best_value = 0.0
    found = list(found)
    for rank, passage in enumerate(found):
        text = passage.text + " " + _file_words(passage.file)
        coverage, held = _coverage(text, words, weights)
        if rank >= FIRST_HITS and not set(own or words) <= set(held):
            continue
        if not all(_has_code(passage.text, c) for c in needed) or \
                not all(holds(text, name) or spaced(name, text) for name in named):
            continue
        if topic and passage.file not in topic_files and not any(holds(text, w) for w in topic):
            continue  # a follow-up stays with what the conversation is about
        # "When was the blue blanket bought?" of the note that says to bring it (no file says "bought"): about it
        if _about_it(question, text, held, words, unknown, weights) and rank < FIRST_HITS and (about is None or coverage > about.coverage):
            about = Evidence(passage, [], coverage, held, None, answers=False)
        if coverage < MIN_COVERAGE or not held:
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
        wanted = answerable_kind(kind, passage.text)  # ("what time?" of a note with no time of day: its date)
        title, sentences = _answering(passage.text, words, weights, wanted, by_title,
                                      words if contrasted is None else contrasted)
        if not sentences:  # only its heading or file name holds the words: no sentence answers
            continue
        if wanted in REQUIRED_KINDS and not any(has_kind(s, wanted) for s in sentences) or \
                kind == "name" and not any(names_beyond(s, question, passage.text) for s in sentences):
            # "how tall is Teodor?" is not answered by a line that only names him, nor "who wrote The Remains of the
            # Day?" by the line that names the book: about the subject, no answer
            if _about_it(question, text, held, words, unknown, weights) and (about is None or coverage >= about.coverage):
                about = Evidence(passage, sentences, coverage, held, title, answers=False)
            continue
        value = coverage + TYPE_BONUS * max(kind_weight(s, wanted) for s in sentences) + \
            RANK_BONUS * (1 - rank / len(found))  # the search's own ranking (meaning and keywords) counts too
        if best is None or value > best_value:
            best, best_value = Evidence(passage, sentences, coverage, held, title), value
    return best if best is not None and best.sentences else about


def _about_it(question: str, text: str, held: Sequence[str], words: Sequence[str], unknown: set[str],
              weights: dict[str, float]) -> bool:
    """A passage is about what is asked when it names the thing as the question does (two of its subject words side
    by side: "the blue blanket", "the lentil soup"), holds half of the subject words, and lacks only words no file
    holds or ones commoner than every word it holds: what it lacks is what is asked of it ("bought" of the blue
    blanket, "first cooked" of the lentil soup), not another thing ("falling asleep faster" is not about a manual's
    "falling back" and "faster")."""
    if len(held) < 2 or 2 * len(held) < len(words) or not _same_pair(question, text, held):
        return False
    rarest_held = min(weights.get(w, 1.0) for w in held)
    return all(w in unknown or weights.get(w, 1.0) < rarest_held for w in words if w not in held)


def _same_pair(question: str, text: str, held: Sequence[str]) -> bool:
    """Two of the held words follow each other in the question and in the text (as stems), and are not a name the
    world knows the question capitalises ("Blue Nights", "the Eiffel Tower": a question about them is the world's)."""
    wanted = {stem(w) for w in held}
    tokens = re.findall(r"[^\W_]+", question)
    asked = [(stem(w.lower()), i > 0 and w[:1].isupper()) for i, w in enumerate(tokens)]
    pairs = {(a, b) for (a, big_a), (b, big_b) in zip(asked, asked[1:])
             if a in wanted and b in wanted and not (big_a and big_b)}
    said = [stem(w) for w in re.findall(r"[^\W_]+", text.lower())]
    return any(pair in pairs for pair in zip(said, said[1:]))


def _names_thing(text: str, thing: Sequence[str], held: Sequence[str], weights: dict[str, float]) -> bool:
    """The passage names the thing asked for by its rarest word: "car insurance" is not the bike insurance, but a
    dentist's note answers for the "dentist appointment" though it never says "appointment"."""
    rarest = max(thing, key=lambda w: weights.get(w, 1.0))
    return rarest in held or spaced(rarest, text)


def _another_one(sentence: str, words: Sequence[str]) -> bool:
    """The sentence says it is about another one than the question's ("old flat" for "the new flat", "last
    appointment" for "the next"), and not also about the question's one."""
    said = set(re.findall(r"[^\W\d_]+", sentence.lower()))
    return any(w in OTHER_ONE and not holds(sentence, w) and said & OTHER_ONE[w] for w in words)


def _states_a_fact(sentence: str, words: Sequence[str]) -> bool:
    """The sentence says something beyond the question's own words: a number, a time, a date or a name that is not
    one of them."""
    asked = set(words)
    return any(c.key not in asked and not any(c.key.startswith(w) or w.startswith(c.key) for w in asked)
               for c in claims(sentence))


def _heading(sentence: str) -> bool:
    """A heading: a short line with no number, no label and no full stop; or one that begins in capitals
    ("SMITHFIELD WINTER MARKET 2025 Stall booking confirmation")."""
    return not sentence.endswith(".") and (len(sentence) <= 60 and not re.search(r"[\d:]", sentence) or (
        len(sentence) <= 80 and re.match(r"(?:[A-Z]{2,}[\s,&-]+){2}", sentence) is not None))


def _has_code(text: str, code: str) -> bool:
    return re.search(rf"(?<![\w.]){re.escape(code)}(?![\w])", text.lower()) is not None


def _labelled_as(sentence: str, kind: str | None) -> bool:
    """The line's label names the kind of thing asked for, and the line holds one ("Dates: Tue 17 - Fri 20 Feb" for
    "when", "Mobile: 0491 570 156" for a number)."""
    label = _LABEL.match(sentence)
    return kind is not None and label is not None and has_kind(sentence, kind) and \
        bool(set(re.findall(r"[^\W\d_]+", label.group(0).lower())) & KIND_LABELS.get(kind, frozenset()))


def _file_words(file: str) -> str:
    """A file's name says what it is about ("grandma-visit.md")."""
    return " ".join(re.findall(r"[^\W\d_]+", file.rsplit("/", 1)[-1].rsplit(".", 1)[0]))


def _answering(text: str, words: Sequence[str], weights: dict[str, float], kind: str | None = None,
               by_title: bool = False, contrasted: Sequence[str] = ()) -> tuple[str | None, list[str]]:
    """The passage's heading (when it is not among them) and its answering sentences, in their order. With
    `by_title`, a passage whose heading alone holds the words answers with its first sentences of the `kind`
    asked for (a date for "when")."""
    sentences = sentences_of(text)
    if not sentences:
        return None, []
    titled = len(sentences) > 1 and (text.lstrip().startswith("#") or _heading(sentences[0]))
    scores = worded = [_coverage(s, words, weights)[0] for s in sentences]
    scores = [score + (TYPE_BONUS * kind_weight(s, kind) if score else 0.0) for s, score in zip(sentences, scores)]
    scores = [0.0 if _another_one(s, contrasted) else score for s, score in zip(sentences, scores)]  # ("old flat" for "the
    # new flat": no answer)
    if titled:  # a heading is context, not an answer
        title_score, scores[0] = scores[0], 0.0
        if worded[0] > max((w for i, (s, w) in enumerate(zip(sentences, worded)) if i and has_kind(s, kind)),
                           default=0.0):  # the heading names the subject better than any line of the kind asked:
            # a line labelled with that kind gives it ("Dates: ..." under "Maria Is. kelp survey", not the table row
            # that says "kelp" on one of the days)
            scores = [max(score, worded[0] + TYPE_BONUS * kind_weight(s, kind)) if i and _labelled_as(s, kind)
                      and not _another_one(s, contrasted) else score
                      for i, (s, score) in enumerate(zip(sentences, scores))]
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
    best = order[0]
    named = [{w for w in words if holds(s, w)} for s in sentences]
    # the line naming most of the subject, a title too (naming all the best line names: "Your knee surgery - new
    # date" over "Physio check of the knee: ...", not "Birthdays" over "Lena: 22 August")
    anchor = 0 if titled and worded[0] > worded[best] and named[0] >= named[best] else best
    below = None
    heads = (anchor == 0 and titled or _heading(sentences[anchor]) or sentences[anchor].endswith(":")) and \
        worded[anchor] >= HEADING_COVERAGE  # (a heading naming the hotel alone says nothing of when it reopens)
    if heads and kind in REQUIRED_KINDS and not has_kind(sentences[anchor], kind) and not any(
            has_kind(s, kind) and named[i] - named[anchor] for i, s in enumerate(sentences)):
        # (no line names what the anchor does not together with what is asked: "Lena: 22 August" under "Birthdays")
        # a heading that names the subject holds nothing of the kind asked ("Your cataract operation - new
        # appointment"): the first of the next lines that does says it (not after a sentence: "Pottery class with
        # Maeve, bring an apron." is not answered by "Yoga on Tuesdays at 18:30.")
        # ("Your new appointment is: Tuesday 28 October 2025, arrival 7:00"), before a line elsewhere that names
        # less of the subject (the check-up's date at the "eye outpatient clinic")
        below = next((j for j in range(anchor + 1, min(anchor + 1 + LINES_AFTER, len(sentences)))
                      if kind_weight(sentences[j], kind) == 1.0 and not _another_one(sentences[j], contrasted)), None)
    chosen = [best] if below is None else [below] if anchor == 0 and titled else [anchor, below]
    for i in order[1:MAX_SENTENCES]:
        if i not in chosen and scores[i] >= (0.5 * top if below is None else worded[anchor]) and \
                sum(len(sentences[j]) for j in chosen) + len(sentences[i]) <= MAX_EVIDENCE_CHARS:
            chosen.append(i)
    after = best + 1
    if below is None and after < len(sentences) and after not in chosen and not _states_a_fact(sentences[best], words) \
            and sum(len(sentences[j]) for j in chosen) + len(sentences[after]) <= MAX_EVIDENCE_CHARS:
        chosen.append(after)  # "Meter readings, first of March." says what; the sentence after it says how much
    title = sentences[0] if 0 not in chosen and titled else None  # whose or what it is about
    return title, [sentences[i] for i in sorted(chosen)]
