"""A grounded reply checked sentence by sentence as it streams: a sentence goes out only when every fact in it
(`claims`) is in the passage or the question; the first one that is not stops the reply, and the source's own
words are said instead (`replies.quoted`)."""

from __future__ import annotations

import re

from .claims import Claim, Facts, claims, normalise, number_key
from .asking import REQUIRED_KINDS, has_kind, names_beyond, subject_words
from .evidence import Evidence
from .matching import holds
from .replies import echoes_the_prompt
from .superseded import asks_what_it_was, no_longer_holds, replaced
from .spelling import not_an_end
from ..words import FUNCTION_WORDS

# A sentence ends at . ! ? or … and a space, except after a title or a common abbreviation ("Mr. Keller").
_END = re.compile(rf"{not_an_end()}(?<=[.!?…])[\"”')\]]*\s+(?=[^\s\d])")  # (nor before a number: "Loehrstr. 3-7")


# A number said to be rounded ("about 8 km", "roughly 1,700 euros")
_HEDGED = re.compile(r"\b(?:about|around|approximately|approx\.|roughly|nearly|almost|circa|ca\.|some|over|under|"
                     r"more than|less than|just over|just under)\s*[€$£]?\s*$", re.I)


class CheckedReply:
    def __init__(self, evidence: Evidence, question: str, language: str = "en", kind: str | None = None,
                 earlier: str | None = None):
        self.evidence = evidence
        self.question = question
        self.earlier = earlier  # the question a follow-up's prompt quotes (copied into a reply, it sinks it)
        self.kind = kind  # what the question asks for (`asking.asks_for`): the first sentence of facts holds one
        self._stated = False  # a sentence of facts was said
        self.english = language == "en"  # an English reply's "1.400" is 1.4, not 1,400
        self.facts = Facts(evidence.text, evidence.passage.text, evidence.passage.file, question)
        # the values the passage has replaced ("~~Mon 17 Nov~~ -> Mon 24 Nov"), unless the old one is asked for
        self.replaced = {} if asks_what_it_was(question) else replaced(evidence.passage.text)
        self.buffer = ""
        self.said: list[str] = []
        self.failed: list[str] = []  # the claims that sank the reply

    def feed(self, text: str) -> list[str]:
        """The sentences completed by this piece that hold up (none once one has failed)."""
        if self.failed:
            return []
        self.buffer += text
        out = []
        while not self.failed and (end := _END.search(self.buffer)):
            sentence, self.buffer = self.buffer[:end.end()], self.buffer[end.end():]
            out.extend(self._checked(sentence))
        return out

    def finish(self) -> list[str]:
        rest, self.buffer = self.buffer, ""
        return [] if self.failed or not rest.strip() else self._checked(rest)

    def _checked(self, sentence: str) -> list[str]:
        if echoes_the_prompt(sentence, self.earlier):  # ("The following up on: ...": the prompt's own words)
            self.failed = [f"the prompt's words in: {sentence.strip()}"]
            return []
        found = claims(sentence, self.english)
        labelled: dict[str, str] = {}
        for claim in found:
            if (given := self._labelled(sentence, claim)) is not None:
                labelled[claim.text] = given
        bad = [c.text for c in found if labelled.get(c.text) == "" or c.text not in labelled and (
            not self.facts.supports(c) or self._rounded_from_several(sentence, c))]  # ("room 3" for "room 3.08":
        # the number the passage gives after that word, though 2.95 rounds to 3 too and "Loehrstr. 3-7" has a 3)
        bad = bad or no_longer_holds(found, self.replaced)  # ("45 EUR/h from January" of "45 EUR/h -> 50 EUR/h")
        if not bad and found and not self._stated and self.kind in REQUIRED_KINDS and \
                not has_kind(sentence, self.kind):  # the first sentence of facts answers: "Our booking number is
            bad = [f"no {self.kind} in: {sentence.strip()}"]  # 23 August." is true, and no answer
        self._stated = self._stated or bool(found)
        if bad:
            self.failed = bad
            return []
        for claim in found:
            if claim.text in labelled:
                written = labelled[claim.text]
                sentence = re.sub(rf"(?<![\w.,-]){re.escape(claim.text)}(?![\w-]|[.,]\d)", lambda _: written, sentence,
                                  count=1)
                continue
            if self._rounded_from(claim) and _HEDGED.search(sentence.split(claim.text)[0]):
                continue  # "about 8 km": rounded, and said to be
            if (written := self.facts.as_written(claim)) != claim.text and claim.text in sentence:
                sentence = re.sub(rf"(?<![\w-]){re.escape(claim.text)}(?![\w-])", lambda _: written, sentence)
        if self.kind == "number":
            sentence = self._whole_numbers(sentence)
        self.said.append(sentence)
        return [sentence]

    def _whole_numbers(self, sentence: str) -> str:
        """A number asked for is said whole: "0341" for "office 0341 5530 774", "3-1" for ticket "3-1-7-7-4-2" (the
        model stopped short) are said as the passage has them, when one of its numbers begins so."""
        written = set(_GROUPS.findall(self.evidence.passage.text))

        def whole(m: re.Match[str]) -> str:
            said = m.group(0)
            begun = {g for g in written if g.startswith(said) and g[len(said):len(said) + 1] in (" ", "/", "-")}
            return begun.pop() if said not in written and len(begun) == 1 else said
        return _GROUPS.sub(whole, sentence)

    def _labelled(self, sentence: str, claim: Claim) -> str | None:
        """For a number said after a word the passage also puts numbers after ("room 3", "platform 4"): None when
        the passage gives that word this number, or no number (the usual check then); else the passage's number when
        it gives one that begins as the claim does ("room 3.08" for "room 3"), else "" (another: "room 7")."""
        if claim.kind != "number":
            return None
        before = re.search(rf"([^\W\d_]{{3,}})\s*[:#]?\s*{re.escape(claim.text)}(?![\w]|[.,]\d)", sentence)
        if before is None or before.group(1).lower() in FUNCTION_WORDS:
            return None
        label = before.group(1)
        given = [m.group(1) for m in re.finditer(rf"(?<![^\W_]){re.escape(label)}s?\s*[:#]?\s*(\d+(?:[.,/-]\d+)*[a-z]?)\b",
                                                self.evidence.passage.text, re.I)]
        if not given or any(number_key(g, self.english) == claim.key for g in given):
            return None
        longer = {g for g in given if re.match(rf"{re.escape(claim.text)}[.,/-]\d", g)}
        return longer.pop() if len(longer) == 1 else ""

    def _rounded_from(self, claim: Claim) -> bool:
        """A number the passage does not hold as it is said (it may hold it rounded)."""
        return claim.kind == "number" and claim.key not in self.facts.numbers

    def _rounded_from_several(self, sentence: str, claim: Claim) -> bool:
        """A number the passage only holds rounded, from several of its numbers, and not said to be rounded: "room 3"
        for "room 3.08" is said as the source has it (`Facts.as_written`) when 3.08 is the one value that rounds to
        3, else it fails; "about 8 km" for 8.04672 stands."""
        return self._rounded_from(claim) and self.facts.as_written(claim) == claim.text and \
            not _HEDGED.search(sentence.split(claim.text)[0])

    @property
    def answers(self) -> bool:
        """What was said holds the kind of thing asked for: a date or time for "when", an amount for "how much", a
        number for "what's the booking number" ("... is 23 August" is none), a name for "who"; any reply for a
        question of no such kind."""
        said = " ".join(self.said)
        if self.kind == "name":
            return names_beyond(said, self.question, self.evidence.passage.text)
        return self.kind not in REQUIRED_KINDS or has_kind(said, self.kind)

    @property
    def informative(self) -> bool:
        """The reply states something of the evidence beyond the question: a fact of it, or one of its words
        ("The answer is in your notes" is not an answer)."""
        said = normalise(" ".join(self.said))
        if not said.strip():
            return False
        answer = " ".join(self.evidence.sentences)  # (not its heading, nor the file's name)
        asked = set(subject_words(f"{self.question} {self.evidence.title or ''} {self.evidence.passage.file}"))
        evidence = Facts(answer)
        if any(evidence.supports(c) and c.key not in asked for c in claims(said)):
            return True
        new = [w for w in subject_words(answer) if w not in asked and len(w) > 3]
        return any(holds(said, w) for w in new)


# A number written in groups, or alone: "0341 5530 774", "3-1-7-7-4-2", "276 0981 0654 3217", "3851"
_GROUPS = re.compile(r"(?<![\w.,:/-])\d+(?:[ /-]\d+)*(?![\w:]|[.,]\d)")

