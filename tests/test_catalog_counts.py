"""How rare a word is in the user's files (the catalog's document counts), on a real SQLite catalog on disk: the
full-text index stems words (Porter), and a stem may be another, common word."""

from __future__ import annotations

from assistant.knowledge.catalog import Catalog, ContentRow, FileRow

NOTES = {
    "party.md": "Ines's 40th: Saturday at the Krone, from 19:00.",
    "garden.md": "Plant the tulips in October, in the bed by the fence.",
    "boiler.md": "The boiler is in the cellar; the plumber comes in spring.",
    "parties.md": "Two parties in June: in the garden, and at Tom's.",
}


def _catalog(tmp_path) -> Catalog:
    catalog = Catalog(tmp_path / "catalog.sqlite")
    for n, (name, text) in enumerate(NOTES.items()):
        sha = f"{n:064x}"
        catalog.commit_content(ContentRow(sha, "text", None, {}, 1, 0, None, None), [(f"{sha}:0", None, None, text)],
                               FileRow(name, sha, len(text), 0))
    return catalog


def test_a_name_the_stemmer_makes_a_common_word_counts_only_where_it_is(tmp_path):
    catalog = _catalog(tmp_path)
    counts, total = catalog.document_counts(["ines", "in", "party", "plumber", "passport"])
    assert total == 4
    # Porter makes "ines" the word "in", which every note has; the name is in one note ("parties" is "party")
    assert counts == {"ines": 1, "in": 4, "party": 1, "plumber": 1, "passport": 0}
    catalog.close()
    read_only = Catalog(tmp_path / "catalog.sqlite", read_only=True)  # (the MCP server reads it this way)
    assert read_only.document_counts(["ines"]) == ({"ines": 1}, 4)
    read_only.close()


def test_counts_in_some_kinds_of_file_only(tmp_path):
    catalog = _catalog(tmp_path)
    sha = f"{99:064x}"
    catalog.commit_content(ContentRow(sha, "pdf", 1, {}, 1, 0, None, None),
                           [(f"{sha}:0", 1, None, "Mirrors: Melbourne, Australia. The plumber's manual.")],
                           FileRow("manual.pdf", sha, 10, 0))
    assert catalog.document_counts(["australia", "plumber"]) == ({"australia": 1, "plumber": 2}, 5)
    assert catalog.document_counts(["australia", "plumber"], ("text", "audio")) == ({"australia": 0, "plumber": 1}, 4)
    catalog.close()


def test_counts_of_the_chunks_that_write_a_word_as_a_name(tmp_path):
    """"bruno" typed in lower case is a name where a note writes it capitalised inside a sentence; a word that is
    capitalised only where a sentence or line begins is none."""
    catalog = _catalog(tmp_path)
    sha = f"{98:064x}"
    text = ("Bruno - vet 2025\nOle does Bruno's walk on Wednesday. Plant more tulips.\nBoiler: check in spring.\n"
            "Teacher: Chiara Russo\nDinner: Pasta")
    catalog.commit_content(ContentRow(sha, "text", None, {}, 1, 0, None, None), [(f"{sha}:0", None, None, text)],
                           FileRow("bruno.md", sha, len(text), 0))
    words = ["bruno", "tulips", "boiler", "krone", "ines", "chiara", "pasta"]
    counts, _ = catalog.document_counts(words, ("text", "audio"), named=True)
    assert counts == {"bruno": 1, "tulips": 0, "boiler": 0, "krone": 1, "ines": 0, "chiara": 1, "pasta": 0}
    catalog.close()


def test_the_probe_takes_the_passage_with_the_rarer_words_not_the_keyword_rankings_first(tmp_path):
    """A licence page says "party" (the Porter stemmer makes "Ines" the word "in", every page's): the notes
    answer "when is Ines's party?" when they hold the name more rarely than the pages hold "party"; a shorter
    word is no form of the question's ("part" is not "party")."""
    from assistant.routing.probe import _form, probe
    import re

    catalog = _catalog(tmp_path)
    for n in range(6):  # pages that say "in" and "party" again and again, ranked first by the keywords
        sha = f"{50 + n:064x}"
        text = "The other party in this licence, in writing, in full: a third party in any case. " * 3
        catalog.commit_content(ContentRow(sha, "pdf", 1, {}, 1, 0, None, None), [(f"{sha}:0", 1, None, text)],
                               FileRow(f"licence-{n}.pdf", sha, len(text), 0))
    counts, _ = catalog.document_counts(["ines", "party"])
    assert counts["ines"] < counts["party"]
    assert probe(catalog, "When is Ines's party?") == "text"
    assert not re.search(_form("party"), "part of the deal") and re.search(_form("party"), "two parties")
    assert re.search(_form("drive"), "driving") and re.search(_form("notes"), "note")


def test_a_word_typed_one_letter_wrong_counts_the_words_one_letter_from_it_when_asked(tmp_path):
    catalog = _catalog(tmp_path)
    assert catalog.words_near("plumbr") == ["plumber"] and catalog.words_near("tullip") == ["tulip"]  # (stems)
    assert catalog.document_counts(["plumbr", "passport"], near=True)[0] == {"plumbr": 1, "passport": 0}
    assert catalog.document_counts(["plumbr"])[0] == {"plumbr": 0}  # only when asked
    assert catalog.document_counts(["garden"], near=True)[0] == {"garden": 1}  # a word the notes hold counts itself
    catalog.close()
    read_only = Catalog(tmp_path / "catalog.sqlite", read_only=True)  # (a temporary table, on a read-only catalog too)
    assert read_only.document_counts(["plumbr"], near=True)[0] == {"plumbr": 1}
    read_only.close()


def test_a_dictionary_word_typed_wrong_counts_as_the_word_and_a_real_word_is_no_typo(tmp_path):
    catalog = _catalog(tmp_path)
    text = "The caretaker of the building is Mr Szabo; his flat is along the fence."
    sha = f"{99:064x}"
    catalog.commit_content(ContentRow(sha, "text", None, {}, 1, 0, None, None), [(f"{sha}:0", None, None, text)],
                           FileRow("caretaker.md", sha, len(text), 0))
    assert catalog.words_near("bulding") == []  # the index keeps "build": no stem one letter from it
    counts = catalog.document_counts(["bulding", "alone", "zwickel"], near=True)[0]
    # "bulding" is the dictionary's "building"; "alone" is a word, not "along" typed wrong; a name nobody wrote is none
    assert counts == {"bulding": 1, "alone": 0, "zwickel": 0}
    catalog.close()


def test_the_dictionary_tells_a_typo_from_a_word():
    from assistant.languages import a_word, spelled_as

    assert spelled_as("numbr") == "number" and spelled_as("recieve") == "receive"
    assert a_word("alone") and spelled_as("alone") is None
    assert not a_word("Zwickel") and spelled_as("Zwickel") is None  # a name near no dictionary word


def test_a_word_counts_where_a_note_writes_it_with_or_without_accents(tmp_path):
    """"café" is in the note that says "Repair Cafe", and "cafe" in the one that says "Café Luitpold": a word the
    question accents otherwise is not a word no file holds (it weighs as the rarest, and sinks the look-up)."""
    catalog = _catalog(tmp_path)
    for n, text in enumerate(["Repair Cafe Geidorf: Sat 8 Nov, 14-17h.", "Coffee with Zoë at Café Luitpold."], 50):
        sha = f"{n:064x}"
        catalog.commit_content(ContentRow(sha, "text", None, {}, 1, 0, None, None), [(f"{sha}:0", None, None, text)],
                               FileRow(f"note{n}.md", sha, len(text), 0))
    assert catalog.document_counts(["café", "cafe", "zoe", "luitpold"])[0] == {"café": 2, "cafe": 2, "zoe": 1,
                                                                              "luitpold": 1}
    counts, _ = catalog.document_counts(["zoe", "luitpold"], named=True)
    assert counts == {"zoe": 1, "luitpold": 1}
    catalog.close()
