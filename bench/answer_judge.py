"""The judge of bench/answer_eval.py (issue 24): is a reply right, does it invent, does it cite the right file,
and does it say so when the folder has no answer? Pure text work: no model is loaded here, so
tests/test_answer_judge.py checks it directly.

Normalising (`canon`), applied to replies, facts and sources alike: Unicode NFKC, lower case; number words
to digits ("forty-six" -> 46, "one hundred and twenty" -> 120, "eight point two" -> 8.2, "third" -> 3);
times to a 12-hour "h:mm" ("17:45", "5:45 pm", "quarter to six" -> 5:45; "half past eight", "8.30 am",
"at 8.30", "2 pm", "11 h 40" are times too); thousands separators dropped ("1,150" -> 1150); a decimal comma
read as a point ("21,50" -> 21.5); trailing zeros dropped ("86.40" -> 86.4); ordinal endings dropped
("22nd" -> 22); dates as "22 august" ("August 22nd", "the 22nd of August"); "%" and "per cent" -> "percent";
other punctuation -> spaces.

Facts right: every group of a question's facts has one alternative in the normalised reply, as whole words
("re:" alternatives are regular expressions over the normalised reply, "raw:" over the reply as it is).

Invented facts (`claims`, `invented`): what a reply states that can be checked, once file names, their pages
and times (citations) and `code` are taken out:
  - numbers (digits or number words; "one" is not counted: it is mostly a pronoun), with money and
    percentages among them, and each part of a date or phone number;
  - times of day (h:mm, after normalising);
  - identifiers (letters and digits in one word: "F28", "bzip2", "B2.12");
  - dates' words: month and weekday names, anywhere in the sentence;
  - names: capitalised words that do not begin a sentence, and runs of two or more capitalised words
    anywhere ("Julian Seward wrote ..."); a few words that are capitalised but claim nothing ("I", "OK",
    "Dr", "PDF", "Celsius", ...) are left out. Names are only checked in English replies to English
    questions (German capitalises every noun).
Each is supported when it is in the sources (what the turn's tools returned, the whole text of a note or
memo the reply cites, the conversation so far: earlier questions, replies and sources), in the question,
or among the question's facts and `allowed` words. A number also matches a source number it rounds
("8" or "8.05" for 8.04672). A word matches a word of the sources (case-insensitive). Whatever is not
supported is listed, so a person can check each one.

Citations (`citations`): files of the folder named in the reply (by path or file name), file-like words
that name no file there ("report.pdf" when there is none), and "page N" next to a PDF's name. A wrong
citation is a named file that the question does not expect (on a general, arithmetic or "not found"
question every named file is one), a file that does not exist, or a PDF page that is not an answering page.

Honest "not found": the reply says it could not find it ("I couldn't find ...", "there's no mention of ...",
"your notes don't say ...") and states no invented fact.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from pathlib import PurePosixPath
from typing import Any

# -- number words ---------------------------------------------------------------------------------------
_UNITS = {w: i for i, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve "
                                     "thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split())}
_TENS = {w: 10 * i for i, w in enumerate("_ _ twenty thirty forty fifty sixty seventy eighty ninety".split(), 0)
         if w != "_"}
_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
_ORDINALS = {"third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9,
             "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15,
             "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
             "thirtieth": 30}
_TAIL_ORDINALS = {"first": 1, "second": 2, **_ORDINALS}  # "twenty-first": only after a tens word
_NUMBER_WORD = "|".join(sorted([*_UNITS, *_TENS, *_SCALES, *_ORDINALS], key=len, reverse=True))
_DIGIT_WORD = "|".join(w for w, v in _UNITS.items() if v < 10)
_RUN = re.compile(
    rf"\b(?:{_NUMBER_WORD})\b(?:(?:[\s-]+|\s+and\s+)(?:(?:{_NUMBER_WORD}|(?:first|second))\b|"
    rf"point(?:\s+(?:{_DIGIT_WORD})\b)+))*(?:\s+point(?:\s+(?:{_DIGIT_WORD})\b)+)?")


def _parse_run(run: str) -> str:
    """"one hundred and twenty" -> "120"; "ten thirty" -> "10 30"; "eight point two" -> "8.2"."""
    words = re.findall(r"[a-z]+", run)
    out: list[str] = []
    total, cur, last = 0, 0, None  # last: kind of the previous word (None: no number begun)
    i = 0

    def flush() -> None:
        nonlocal total, cur, last
        if last is not None:
            out.append(str(total + cur))
        total, cur, last = 0, 0, None

    while i < len(words):
        w = words[i]
        if w == "and":
            if last not in ("hundred", "scale"):
                flush()
                out.append("and")
            i += 1
            continue
        if w == "point" and last is not None:
            digits = ""
            while i + 1 < len(words) and words[i + 1] in _UNITS and _UNITS[words[i + 1]] < 10:
                digits += str(_UNITS[words[i + 1]])
                i += 1
            out.append(f"{total + cur}.{digits}" if digits else str(total + cur))
            total, cur, last = 0, 0, None
            i += 1
            continue
        if w in _TAIL_ORDINALS and last == "tens":
            cur += _TAIL_ORDINALS[w]
            flush()
        elif w in _ORDINALS:
            if last not in (None, "hundred", "scale"):
                flush()
            cur += _ORDINALS[w]
            last = "unit"
            flush()
        elif w in _UNITS and _UNITS[w] < 10:
            if last not in (None, "tens", "hundred", "scale"):
                flush()
            cur += _UNITS[w]
            last = "unit"
        elif w in _UNITS:
            if last not in (None, "hundred", "scale"):
                flush()
            cur += _UNITS[w]
            last = "teen"
        elif w in _TENS:
            if last not in (None, "hundred", "scale"):
                flush()
            cur += _TENS[w]
            last = "tens"
        elif w == "hundred":
            cur = (cur or 1) * 100
            last = "hundred"
        elif w in _SCALES:
            total += (cur or 1) * _SCALES[w]
            cur = 0
            last = "scale"
        else:  # "first"/"second" not after a tens word: left as words
            flush()
            out.append(w)
        i += 1
    flush()
    return " ".join(out)


def number_words_to_digits(text: str) -> str:
    return _RUN.sub(lambda m: _parse_run(m.group(0)), text)


# -- normalising ----------------------------------------------------------------------------------------
_AMPM = r"(?:a\.?\s?m\.?|p\.?\s?m\.?)(?![a-z])"


def _clock(hour: int, minute: int) -> str:
    return f"{hour % 12 or 12}:{minute:02d}"


def _times(t: str) -> str:
    t = re.sub(rf"\b([01]?\d|2[0-3])[:.]([0-5]\d)\s*{_AMPM}", lambda m: _clock(int(m[1]), int(m[2])), t)
    t = re.sub(r"\b([01]?\d|2[0-3])\s?h\s?([0-5]\d)\b", lambda m: _clock(int(m[1]), int(m[2])), t)  # 11h40
    t = re.sub(r"(?<=\bat )([01]?\d|2[0-3])\.([0-5]\d)\b(?!\.\d)", lambda m: _clock(int(m[1]), int(m[2])), t)
    t = re.sub(r"(?<![\d:.])([01]?\d|2[0-3]):([0-5]\d)(?![\d])", lambda m: _clock(int(m[1]), int(m[2])), t)
    t = re.sub(r"\b([01]?\d|2[0-3]) ([0-5]\d) " + _AMPM, lambda m: _clock(int(m[1]), int(m[2])), t)
    t = re.sub(rf"\b(1[0-2]|0?[1-9])\s*(?:{_AMPM}|o'?\s?clock\b|uhr\b)", lambda m: _clock(int(m[1]), 0), t)
    t = re.sub(r"\bhalf past (1[0-2]|0?[1-9])\b", lambda m: _clock(int(m[1]), 30), t)
    t = re.sub(r"\bquarter past (1[0-2]|0?[1-9])\b", lambda m: _clock(int(m[1]), 15), t)
    t = re.sub(r"\bquarter to (1[0-2]|0?[1-9])\b", lambda m: _clock(int(m[1]) - 1, 45), t)
    t = re.sub(r"\b(5|10|20|25) to (1[0-2]|[1-9])\b(?! ?(?:\d|percent|per|or|and|[a-z]+s\b))",
               lambda m: _clock(int(m[2]) - 1, 60 - int(m[1])), t)
    return t


def _numbers(t: str) -> str:
    t = re.sub(r"(?<![\d,.])\d{1,3}(?:,\d{3})+(?!\d|,\d)", lambda m: m[0].replace(",", ""), t)
    t = re.sub(r"(?<![\d,.])(\d+),(\d{1,2})(?![\d,])", r"\1.\2", t)  # a decimal comma

    def trim(m: re.Match) -> str:
        frac = m[2].rstrip("0")
        return f"{m[1]}.{frac}" if frac else m[1]

    t = re.sub(r"(?<![\d.])(\d+)\.(\d+)(?![\d]|\.\d)", trim, t)
    return re.sub(r"\b(\d+)(?:st|nd|rd|th)\b", r"\1", t)


_MONTH = "january|february|march|april|may|june|july|august|september|october|november|december"


def canon(text: str) -> str:
    """The text as facts are compared: see the module's docstring. Padded with spaces: " 10:30 euros "."""
    t = unicodedata.normalize("NFKC", text).lower()
    t = t.replace("\u2019", "'").replace("\u2018", "'").replace("\u2013", "-").replace("\u2014", "-")
    t = re.sub(r"\bper\s?cent\b", " percent", t).replace("%", " percent ")
    t = number_words_to_digits(t)
    t = _times(t)
    t = _numbers(t)
    t = re.sub(r"[^\w:.]+", " ", t)
    t = re.sub(r"(?<!\d)[.:]|[.:](?!\d)", " ", t)
    t = re.sub(rf"\b(\d{{1,2}}) (?:of )?({_MONTH})\b", r"\1 \2", t)  # dates: "22 of august" -> "22 august"
    t = re.sub(rf"\b({_MONTH}) (?:the )?(\d{{1,2}})\b(?![.:]\d)", r"\2 \1", t)  # "august 22" -> "22 august"
    return " " + " ".join(t.split()) + " "


def has_fact(alternative: str, reply: str, normal: str | None = None) -> bool:
    normal = canon(reply) if normal is None else normal
    if alternative.startswith("re:"):
        return re.search(alternative[3:], normal) is not None
    if alternative.startswith("raw:"):
        return re.search(alternative[4:], unicodedata.normalize("NFKC", reply).lower()) is not None
    return canon(alternative) in normal


def missing_facts(facts: Iterable[Iterable[str]], reply: str) -> list[list[str]]:
    """The groups of which the reply has no alternative."""
    normal = canon(reply)
    return [list(group) for group in facts if not any(has_fact(a, reply, normal) for a in group)]


# -- citations --------------------------------------------------------------------------------------------
FILE_LIKE = re.compile(r"(?<![\w/.-])[\w][\w./-]*\.(?:pdf|md|txt|wav|mp3|ogg|m4a|flac|jpe?g|png|gif|webp|heic|"
                       r"docx?|odt|csv|json|html?)\b", re.I)
PAGE = re.compile(r"\b(?:pages?|p\.)\s*(\d+)(?:\s*(?:-|–|to|and)\s*(\d+))?", re.I)


def _mentions(reply: str, files: Iterable[str]) -> list[tuple[int, int, str | None, str]]:
    """(start, end, file or None when no such file, text) for each file named in the reply."""
    spans: list[tuple[int, int, str | None, str]] = []
    taken: list[tuple[int, int]] = []
    names = []
    for f in files:
        names.append((f, f))
        names.append((PurePosixPath(f).name, f))
    for name, f in sorted(names, key=lambda n: len(n[0]), reverse=True):
        for m in re.finditer(rf"(?<![\w/.-]){re.escape(name)}(?![\w])", reply, re.I):
            if not any(s < m.end() and m.start() < e for s, e in taken):
                spans.append((m.start(), m.end(), f, m[0]))
                taken.append((m.start(), m.end()))
    for m in FILE_LIKE.finditer(reply):
        if not any(s < m.end() and m.start() < e for s, e in taken):
            spans.append((m.start(), m.end(), None, m[0]))
            taken.append((m.start(), m.end()))
    return sorted(spans)


def citations(reply: str, files: Iterable[str]) -> list[dict[str, Any]]:
    """The files a reply names: [{"file", "known", "pages"}], in order, each once. A "page N" belongs to the
    PDF named nearest before it (or after it, when none is before)."""
    mentions = _mentions(reply, files)
    out: dict[str, dict[str, Any]] = {}
    for _, _, f, text in mentions:
        key = f or text
        out.setdefault(key, {"file": key, "known": f is not None, "pages": []})
    pdfs = [(s, f or text) for s, _, f, text in mentions if (f or text).lower().endswith(".pdf")]
    for m in PAGE.finditer(reply):
        if not pdfs:
            break
        before = [p for p in pdfs if p[0] < m.start()]
        owner = (before[-1] if before else pdfs[0])[1]
        first, last = int(m[1]), int(m[2] or m[1])
        pages = out[owner]["pages"]
        pages.extend(p for p in range(first, min(last, first + 50) + 1) if p not in pages)
    return list(out.values())


def wrong_citations(cited: list[dict[str, Any]], expected: Iterable[str], pages: Iterable[int]) -> list[str]:
    """Each cited file that is not right here, with why."""
    expected, pages = tuple(expected), tuple(pages)
    wrong = []
    for c in cited:
        if not c["known"]:
            wrong.append(f"{c['file']}: no such file")
        elif not expected:
            wrong.append(f"{c['file']}: cited where no file answers")
        elif c["file"] not in expected:
            wrong.append(f"{c['file']}: expected {' or '.join(expected)}")
        elif pages and c["pages"] and not set(c["pages"]) & set(pages):
            wrong.append(f"{c['file']} page {', '.join(map(str, c['pages']))}: the answer is on page "
                         f"{' or '.join(map(str, pages))}")
    return wrong


# -- invented facts ----------------------------------------------------------------------------------------
MONTHS = ("january february march april may june july august september october november december").split()
WEEKDAYS = "monday tuesday wednesday thursday friday saturday sunday".split()
_MONTH_ABBR = {m[:3]: m for m in MONTHS} | {"sept": "september"}
_DAY_ABBR = {d[:3]: d for d in WEEKDAYS}
# capitalised words that claim nothing: pronouns, titles, units and formats
NOT_NAMES = {
    "i", "i'm", "i'll", "i've", "i'd", "ok", "okay", "mr", "mrs", "ms", "dr", "mister", "am", "pm", "a.m", "p.m",
    "celsius", "fahrenheit", "kelvin", "pdf", "wi-fi", "wifi", "vat", "id", "pin", "url", "faq", "yes", "no",
    "note", "notes", "page", "sorry", "unfortunately", "however", "please", "hello", "hi", "sure", "also",
}
# a sentence's first word is only checked when a second capitalised word follows it (a run); these then
# do not start the name ("The Left Hand of Darkness": "Left Hand", "Darkness")
_STARTERS = {"the", "a", "an", "this", "that", "these", "those", "it", "its", "it's", "you", "your", "yes", "no",
             "sure", "in", "on", "at", "for", "to", "from", "by", "with", "as", "of", "according", "based",
             "and", "but", "or", "so", "if", "there", "here", "my", "we", "he", "she", "they", "his", "her",
             "their", "our", "when", "what", "which", "who", "where", "why", "how", "is", "are", "was", "were",
             "do", "does", "did", "can", "could", "will", "would", "should", "then", "also", "just", "note",
             "sorry", "unfortunately", "however", "please", "ok", "okay", "hello", "hi", "well", "great", "thanks",
             "mr", "mrs", "ms", "dr", "mister"}
_ABBREVIATIONS = {"mr.", "mrs.", "ms.", "dr.", "st.", "no.", "e.g.", "i.e.", "vs.", "approx.", "ca.", "p.", "pp.",
                  "prof.", "jr.", "sr.", "fig.", "vol."}
_PARTICLES = {"da", "de", "di", "del", "du", "von", "van", "le", "la", "of", "&"}
_CAPITAL = re.compile(r"^[A-ZÀ-ÖØ-Þ]")


def strip_citations(reply: str, files: Iterable[str]) -> str:
    """The reply without the files it names (and their pages or times) and without code."""
    text = re.sub(r"```.*?```|`[^`\n]*`", " ", reply, flags=re.S)
    for start, end, _, _ in reversed(_mentions(text, files)):
        tail = re.match(r"\s*,?\s*(?:(?:pages?|p\.)\s*\d+(?:\s*(?:-|–|to|and)\s*\d+)?|@\s*\d{1,2}:\d{2}(?::\d{2})?)",
                        text[end:])
        end += tail.end() if tail else 0
        text = text[:start] + " " + text[end:]
    return text


def _name_runs(text: str) -> list[list[str]]:
    """Runs of capitalised words, the first word of a sentence dropped unless a capitalised word follows."""
    runs: list[list[str]] = []
    run: list[str] = []
    run_starts_sentence = False
    sentence_start = True
    for raw in re.findall(r"\S+", text.replace("*", " ").replace("#", " ")):
        word = raw.strip("\"'“”‘’()[]{}<>,;:!?.")
        word = re.sub(r"['’]s$", "", word)
        capital = bool(word) and bool(_CAPITAL.match(word)) and not word[:1].isdigit()
        if capital:
            if not run:
                run_starts_sentence = sentence_start
            run.append(word)
        elif run and word.lower() in _PARTICLES:
            run.append(word)
        else:
            if run:
                runs.append(_trim(run, run_starts_sentence))
            run = []
        sentence_start = (bool(re.search(r"[.!?:]['\")\]]*$", raw)) and raw.lower() not in _ABBREVIATIONS) or \
            raw in ("-", "*", "•") or bool(re.fullmatch(r"\d+[.)]", raw))
        if sentence_start and run:
            runs.append(_trim(run, run_starts_sentence))
            run = []
    if run:
        runs.append(_trim(run, run_starts_sentence))
    return [r for r in runs if r]


def _trim(run: list[str], at_sentence_start: bool) -> list[str]:
    while run and run[-1].lower() in _PARTICLES:
        run = run[:-1]
    if not run:  # ("Le total est de 12 €.": a particle alone, no name)
        return []
    if at_sentence_start:
        if len(run) == 1:
            return []
        if run[0].lower() in _STARTERS:
            run = run[1:]
            if len(run) == 1 and run[0].lower() not in MONTHS + WEEKDAYS:
                return run  # "The Heron ..." -> "Heron": mid-sentence after all
    return [w for w in run if w.lower() not in _PARTICLES]


def claims(reply: str, files: Iterable[str] = (), names: bool = True) -> list[dict[str, str]]:
    """What the reply states that can be checked: [{"type": number|time|identifier|date|name, "text"}]."""
    text = strip_citations(reply, files)
    found: list[dict[str, str]] = []
    # "one" is mostly a pronoun ("the one I wrote"), and "a"/"an" no number: neither is counted
    normal = canon(re.sub(r"\bone\b(?![\s-]+(?:hundred|thousand|million|point))", " ", text, flags=re.I))
    for m in re.finditer(r"(?<![\w.:])\d{1,2}:\d{2}(?![\w:])", normal):
        found.append({"type": "time", "text": m[0]})
    for token in re.sub(r"(?<![\w.:])\d{1,2}:\d{2}(?![\w:])", " ", normal).split():
        if re.fullmatch(r"\d+(?:\.\d+)?", token):
            found.append({"type": "number", "text": token})
        elif re.search(r"\d", token) and re.search(r"[a-z]", token):
            found.append({"type": "identifier", "text": token})
    lowered = unicodedata.normalize("NFKC", text).lower()
    for word in re.findall(r"[a-z]+", lowered):
        if word in MONTHS or word in WEEKDAYS:
            found.append({"type": "date", "text": word})
    if names:
        for run in _name_runs(unicodedata.normalize("NFKC", text)):
            for word in run:
                low = word.lower().strip(".-")
                if not low or low in NOT_NAMES or low in MONTHS or low in WEEKDAYS or re.search(r"\d", low):
                    continue  # dates and identifiers are counted above
                if low in _MONTH_ABBR or low in _DAY_ABBR:
                    found.append({"type": "date", "text": _MONTH_ABBR.get(low) or _DAY_ABBR[low]})
                else:
                    found.append({"type": "name", "text": word})
    return found


class Support:
    """What a turn's reply may state: the sources, the question and the conversation so far, normalised once."""

    def __init__(self, texts: Iterable[str]):
        normal = " ".join(canon(t) for t in texts if t)
        self.tokens = set(normal.split())
        self.numbers = [float(t) for t in self.tokens if re.fullmatch(r"\d+(?:\.\d+)?", t)]
        self.words = self.tokens | {w for t in self.tokens for w in re.split(r"[_.:]", t) if w}
        # a source's "Sat" or "Feb" supports a reply's "Saturday" or "February" (and the other way round: both
        # are claimed as the whole name)
        self.words |= {_DAY_ABBR.get(w) or _MONTH_ABBR[w] for w in self.words if w in _DAY_ABBR or w in _MONTH_ABBR}

    def has(self, claim: dict[str, str]) -> bool:
        text = claim["text"]
        if claim["type"] == "number":
            if text in self.tokens:
                return True
            value = float(text)
            places = len(text.split(".")[1]) if "." in text else 0
            return any(n == value or round(n, places) == value for n in self.numbers)
        if claim["type"] in ("time", "identifier"):
            return text in self.tokens
        word = canon(text).strip()
        return all(part in self.words for part in word.split())


def invented(reply: str, support: Support, files: Iterable[str] = (), names: bool = True) -> list[dict[str, str]]:
    """The claims of a reply that are in none of the support's texts (each once)."""
    seen, out = set(), []
    for claim in claims(reply, files, names):
        key = (claim["type"], claim["text"].lower())
        if key not in seen and not support.has(claim):
            seen.add(key)
            out.append(claim)
    return out


# -- "not found" ---------------------------------------------------------------------------------------
ADMITS_NOT_FOUND = re.compile(
    r"\b(?:couldn'?t|could not|can'?t|cannot|didn'?t|did not|unable to|wasn'?t able to|was not able to)\s+"
    r"(?:find|locate|see|spot|tell|answer)\b|"
    r"\bno\s+(?:information|mention|record|records|note|notes|details|data|entry|entries|match|matches|results?|"
    r"such|reference|file|files)\b|"
    r"\bnot\s+(?:mentioned|found|listed|recorded|stated|specified|available|in your|anywhere)\b|"
    r"\bnothing\s+(?:about|on|in|matches|mentions|that)\b|"
    r"\b(?:don'?t|do not|doesn'?t|does not)\s+(?:have|see|know|mention|say|contain|include|appear)\b|"
    r"\bisn'?t\s+(?:mentioned|in|listed)\b|"
    r"nichts? gefunden|keine (?:information|angabe|notiz)|pas trouv|rien trouv|aucune|no encontr|no hay", re.I)


def admits_not_found(reply: str) -> bool:
    return ADMITS_NOT_FOUND.search(reply) is not None


# -- one reply ---------------------------------------------------------------------------------------------
def judge(question: Any, reply: str, sources: Iterable[str], files: Iterable[str],
          context: Iterable[str] = ()) -> dict[str, Any]:
    """Judges one reply to `question` (an answer_cases.Q). `sources`: the texts the turn drew on (its tools'
    results, the cited notes and memos); `context`: the conversation so far (earlier questions, replies and
    sources); `files`: the folder's files."""
    files = list(files)
    facts_alternatives = [a for group in question.facts for a in group if not a.startswith(("re:", "raw:"))]
    support = Support([question.ask, *sources, *context, *question.allowed, *facts_alternatives])
    cited = citations(reply, files)
    wrong = wrong_citations(cited, question.cite, question.pages)
    made_up = invented(reply, support, files, names=question.lang == "en")
    admits = admits_not_found(reply)
    row: dict[str, Any] = {"cited": cited, "wrong_citations": wrong, "invented": made_up,
                           "admits_not_found": admits}
    if question.kind == "notfound":
        row["honest_not_found"] = admits and not made_up
    else:
        missing = missing_facts(question.facts, reply)
        row["facts_right"] = not missing
        row["missing_facts"] = missing
        row["false_not_found"] = admits and bool(missing)
        row["citation_missing"] = bool(question.cite) and not any(c["file"] in question.cite for c in cited)
    return row
