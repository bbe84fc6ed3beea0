"""The judge of the answer-correctness benchmark (bench/answer_judge.py, issue 24) on replies written here: it
accepts a fact however it is written, counts what a reply invents, and flags a wrong citation. No model."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.append(str(Path(__file__).resolve().parents[1] / "bench"))  # after site-packages: bench/mcp.py

from answer_cases import CONVERSATIONS, QUESTIONS, SECOND, SECOND_CONVERSATIONS, Q, source_texts  # noqa: E402
from answer_judge import Support, canon, citations, invented, judge, missing_facts  # noqa: E402

FILES = ["notes/grandma-visit.md", "notes/budget-november.md", "recordings/memo-plumber.wav",
         "manuals/bzip2-manual.pdf", "photos/IMG_0932.jpg"]
GRANDMA = source_texts()["notes/grandma-visit.md"]


@pytest.mark.parametrize("reply", [
    "She arrives at 11:40.", "Her train gets in at 11.40 am.", "At twenty to twelve.", "11:40 a.m. on Saturday",
])
def test_a_time_however_it_is_written(reply):
    assert not missing_facts([("11:40",)], reply)


@pytest.mark.parametrize("reply, fact", [
    ("The plumber comes at half past eight.", "8:30"),
    ("Your haircut is at 5:45 pm.", "17:45"),
    ("Your haircut is at quarter to six.", "17:45"),
    ("The kickoff is at 2 pm.", "14:00"),
    ("He quoted one hundred and twenty euros.", "120"),
    ("He quoted €120.", "120"),
    ("The total is 1,695.40 euros.", "1695.4"),
    ("Each of you pays 21,50 €.", "21.5"),
    ("You ran eight point two kilometres.", "8.2"),
    ("The race is on the fifteenth of March.", "15 march"),
    ("Lena's birthday is on the 22nd of August.", "22 august"),
    ("Give three months' notice.", "3 months"),
    ("The Calgary corpus totals 3,141,622 bytes.", "3141622"),
    ("The first payment is $2,150, due on 15 April.", "2150"),  # (a comma after the amount)
    ("It was specified in X.680.", "X.680"),
])
def test_equivalent_forms(reply, fact):
    assert not missing_facts([(fact,)], reply), (reply, canon(reply), canon(fact))


def test_a_missing_or_wrong_fact():
    assert missing_facts([("11:40",), ("porto",)], "She arrives at 11:40.") == [["porto"]]
    assert missing_facts([("11:40",)], "She arrives at 11:04.") == [["11:40"]]
    assert missing_facts([("391",)], "17 times 23 is 3910.") == [["391"]]  # whole numbers, not digits in one
    assert not missing_facts([("re:kx 4471 b",)], "The reference is KX-4471-B.")
    assert not missing_facts([("raw:(?<![\\w-])-k\\b|--keep",)], "Use bzip2 -k to keep them.")
    assert missing_facts([("raw:(?<![\\w-])-k\\b|--keep",)], "Use bzip2 -f.")


def test_invented_numbers_dates_times_and_names_are_counted():
    support = Support([GRANDMA, "What time is Grandma Rosa coming on Saturday?"])
    reply = ("Grandma Rosa arrives on Saturday 16 November at 11:40 from Porto, platform 4. "
             "She stays until Friday 22 November; Uncle Bernard picks her up at 9:15 in Lisbon.")
    made_up = invented(reply, support, FILES)
    assert sorted((c["type"], c["text"]) for c in made_up) == [
        ("date", "friday"), ("name", "Bernard"), ("name", "Lisbon"), ("name", "Uncle"), ("number", "22"),
        ("time", "9:15")]


def test_what_the_sources_or_question_hold_is_not_invented():
    support = Support([GRANDMA, "Quoted one hundred and twenty euros.", "What is 17 times 23?"])
    reply = ("Grandma Rosa's train from Porto gets in at twenty to twelve on Saturday the 16th. "
             "The quote was 120 euros, and 17 times 23 is what you asked.")
    assert invented(reply, support, FILES) == []
    # a number that rounds a source's: "about 8 km" for 8.04672
    assert invented("Five miles is about 8 km, or 8.05 km.", Support(["5 miles is 8.04672 km"])) == []
    assert [c["text"] for c in invented("Five miles is 8.5 km.", Support(["5 miles is 8.04672 km"]))] == ["8.5"]
    # a source's abbreviated weekday or month supports the reply's, written either way
    assert invented("He needs the drill back by Sat.", Support(["he needs it back by Sat"])) == []
    assert invented("It was stolen on Friday 28 February.", Support(["Fri 28 Feb 2025"])) == []
    assert [c["text"] for c in invented("He needs it back by Sun.", Support(["back by Sat"]))] == ["sunday"]


def test_citations_code_and_pronouns_claim_nothing():
    support = Support(["The memo says the plumber comes on Tuesday."])
    reply = ("The plumber comes on Tuesday (recordings/memo-plumber.wav @ 00:03). See bzip2-manual.pdf, page 7. "
             "One of your photos, IMG_0932.jpg, is unrelated. Run `ls -la /tmp/42`.")
    assert invented(reply, support, FILES) == []


def test_a_sentence_first_word_alone_is_not_a_name_but_a_run_is():
    support = Support(["bzip2 was written by someone"])
    assert invented("Yesterday it rained.", support) == []
    assert [c["text"] for c in invented("Julian Seward wrote it.", support)] == ["Julian", "Seward"]
    assert [c["text"] for c in invented("It was written by Seward.", support)] == ["Seward"]
    assert [c["text"] for c in invented("The plumber, Mr. Keller, comes.", support)] == ["Keller"]
    assert invented("Julian Seward wrote it.", support, names=False) == []
    # a French article opening a sentence is no name, and no crash ("Le total est de 12 €.")
    assert [c["text"] for c in invented("It's fine. Le pot is at noon. La gardienne knows.", support)] == []


def test_citations_by_path_name_and_page():
    reply = ("It is on page 7 of bzip2-manual.pdf; see also notes/grandma-visit.md and report.pdf. "
             "Budget-November.md agrees.")
    cited = citations(reply, FILES)
    assert cited == [
        {"file": "manuals/bzip2-manual.pdf", "known": True, "pages": [7]},
        {"file": "notes/grandma-visit.md", "known": True, "pages": []},
        {"file": "report.pdf", "known": False, "pages": []},
        {"file": "notes/budget-november.md", "known": True, "pages": []},
    ]


def _q(kind: str, facts=(), cite=(), pages=(), allowed=(), style="typed") -> Q:
    return Q("t", kind, "What time is Grandma Rosa coming on Saturday?", tuple(facts), tuple(cite), tuple(pages),
             tuple(allowed), style)


def test_judge_flags_a_wrong_citation():
    question = _q("note", [("11:40",)], ["notes/grandma-visit.md"])
    right = judge(question, "At 11:40 (notes/grandma-visit.md).", [GRANDMA], FILES)
    assert right["facts_right"] and right["wrong_citations"] == [] and not right["citation_missing"]
    wrong = judge(question, "At 11:40 (manuals/bzip2-manual.pdf, page 3).", [GRANDMA], FILES)
    assert wrong["facts_right"] and wrong["wrong_citations"] == [
        "manuals/bzip2-manual.pdf: expected notes/grandma-visit.md"] and wrong["citation_missing"]
    invented_file = judge(question, "At 11:40 (notes/grandma.md).", [GRANDMA], FILES)
    assert invented_file["wrong_citations"] == ["notes/grandma.md: no such file"]


def test_judge_pages_and_general_questions():
    pdf = _q("pdf", [("seward",)], ["manuals/bzip2-manual.pdf"], [1, 2, 10])
    assert judge(pdf, "Julian Seward (bzip2-manual.pdf, page 2).", ["Julian Seward"], FILES)["wrong_citations"] == []
    assert judge(pdf, "Julian Seward (bzip2-manual.pdf, page 30).", ["Julian Seward"],
                 FILES)["wrong_citations"] == ["manuals/bzip2-manual.pdf page 30: the answer is on page 1 or 2 or 10"]
    general = _q("arithmetic", [("391",)])
    row = judge(general, "17 times 23 is 391 (notes/budget-november.md).", [], FILES)
    assert row["facts_right"] and row["wrong_citations"] == ["notes/budget-november.md: cited where no file answers"]
    assert judge(general, "17 times 23 is 391.", [], FILES)["wrong_citations"] == []


def test_judge_not_found():
    question = _q("notfound")
    honest = judge(question, "I couldn't find your passport number in your files.", [], FILES)
    assert honest["honest_not_found"] and honest["admits_not_found"]
    made_up = judge(question, "Your passport number is C4F7729.", [], FILES)
    assert not made_up["honest_not_found"] and [c["text"] for c in made_up["invented"]] == ["c4f7729"]
    # admits, but then invents: not honest
    assert not judge(question, "I couldn't find it, but it might be 48213.", [], FILES)["honest_not_found"]
    answerable = judge(_q("note", [("11:40",)], ["notes/grandma-visit.md"]),
                       "Your notes don't say when she comes.", [GRANDMA], FILES)
    assert answerable["false_not_found"] and not answerable["facts_right"]
    # the assistant's own words for it in German, French and Spanish
    for style, reply in (("de", "Dazu habe ich in deinen Dateien nichts gefunden."),
                         ("fr", "Je n'ai rien trouvé à ce sujet dans tes fichiers."),
                         ("es", "No encontré nada sobre eso en tus archivos.")):
        assert judge(_q("notfound", style=style), reply, [], FILES)["honest_not_found"], reply


def test_names_are_not_checked_in_other_languages():
    question = _q("note", [("10:30",)], style="de")
    row = judge(question, "Ihr Termin ist am Donnerstag um 10:30 Uhr in der Praxis.", ["Thursday 10:30"], FILES)
    assert row["facts_right"] and row["invented"] == []


def test_the_sets_are_well_formed():
    from answer_cases import SETS

    for questions, conversations in SETS.values():  # (and the foreign sets': blind, third)
        every = questions + [t for c in conversations for t in c.turns]
        assert len({q.id for q in every}) == len(every)
        assert all(len(c.turns) == 5 for c in conversations)
        turns = {t.id for c in conversations for t in c.turns}
        for q in every:
            assert (q.kind == "notfound") == (not q.facts), q.id
            if q.kind in ("arithmetic", "dates", "units") and (q.id in turns or q.cite):  # a sum over the conversation's
                continue  # facts, or the files' ("how much more will she charge me a year?"), cites them
            assert (q.kind in ("note", "memo", "pdf")) == bool(q.cite), q.id
            assert not q.pages or any(c.endswith(".pdf") for c in q.cite), q.id
    assert len(QUESTIONS) >= 80 and len(CONVERSATIONS) >= 10
    texts = source_texts()
    for q in QUESTIONS + SECOND:  # every fact of a note or memo is in that file (the manuals are checked at run time)
        if q.kind in ("note", "memo") or (q.kind == "pdf" and q.cite[0] in texts):
            text = " ".join(texts[f] for f in q.cite)
            assert not missing_facts(q.facts, text), q.id
    from answer_cases import _FOREIGN

    for module in _FOREIGN.values():  # ... and of the foreign sets, in their own files
        own = {**module.NOTES, **module.MEMOS, **{name: "\n\n".join(pages) for name, pages in module.MADE_PDFS.items()}}
        for q in module.QUESTIONS:
            if q.kind in ("note", "memo", "pdf") and all(f in own for f in q.cite):
                assert not missing_facts(q.facts, " ".join(own[f] for f in q.cite)), q.id
