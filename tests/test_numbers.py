"""Numbers are read in one place (`assistant/tools/numbers.py`), by the tools that compute with them and by the
grounding that checks a reply's facts: figures as the text's language writes them ("1,216" is 1216 in English,
"1.216" in German, "2,5" two and a half in both), number words as digits."""

from __future__ import annotations

import pytest

from assistant.grounding.claims import claims, normalise, unsupported
from assistant.languages import language_of
from assistant.tools.numbers import digits, figures, read


@pytest.mark.parametrize("text, decimal_comma, read_as", [
    # thousands separators
    ("1,216 euros", False, "1216 euros"),
    ("1,216,000", False, "1216000"),
    ("1.216.000", True, "1216000"),
    ("1.216.000", False, "1216000"),  # more than one group: thousands in either convention
    ("1,216.50", False, "1216.50"),
    ("1.216,50", True, "1216.50"),
    ("1\u202f216,5", True, "1216.5"),  # a narrow no-break space (French)
    ("1\u00a0216", False, "1216"),
    # one separator before three digits: the language decides
    ("1.216", True, "1216"),
    ("1.216", False, "1.216"),
    ("1,216", True, "1.216"),
    # a decimal comma that is no thousands separator, in any language
    ("2,5 Liter", True, "2.5 Liter"),
    ("2,5 litres", False, "2.5 litres"),
    ("0,750", False, "0.750"),  # no group of thousands starts with 0
    ("3,14159", False, "3.14159"),
    # what is not one number stays as it is
    ("24.12.2026", True, "24.12.2026"),
    ("10.30", True, "10.30"),
    ("1,2,3", False, "1,2,3"),
    ("2, 5 and 7", False, "2, 5 and 7"),
    ("version v1.216", False, "version v1.216"),
    ("is it 4.5.", False, "is it 4.5."),
])
def test_figures_are_read_as_their_language_writes_them(text, decimal_comma, read_as):
    assert figures(text, decimal_comma) == read_as


@pytest.mark.parametrize("text, read_as", [
    ("what's 1,216 divided by 32", "what's 1216 divided by 32"),
    ("Wie viel ist 1.216 geteilt durch 32?", "Wie viel ist 1216 geteilt durch 32?"),
    ("Wie viele Milliliter sind 2,5 Liter?", "Wie viele Milliliter sind 2.5 Liter?"),
    ("Combien font 1.216 et deux ?", "Combien font 1216 et 2 ?"),  # French ("combien", "et"): a dot groups thousands
    ("What's 1.216 plus deux?", "What's 1.216 plus 2?"),  # too few French words to tell
    ("combien de bouteilles pour les 1.216 invités ?", "combien de bouteilles pour les 1216 invités ?"),
    ("seven hundred and 1,216", "700 and 1216"),
])
def test_read_takes_the_convention_from_the_text_and_number_words_too(text, read_as):
    assert read(text) == read_as


def test_the_language_is_told_by_little_words():
    assert [language_of(t) for t in ("Wie viel ist 1.216 geteilt durch 32?", "what's 1.216 times 2",
                                     "¿Cuánto es el 20 por ciento de 1.216?")] == ["de", "en", "es"]


def test_digits_that_are_not_ascii_are_no_numbers_to_read_and_crash_nothing():
    assert digits("18 m² is five m²") == "18 m² is 5 m²"
    assert digits("٣ apples") == "٣ apples"


def test_the_grounding_reads_number_words_with_the_tools_reader():
    """claims.normalise reads number words with numbers.digits (English only, a lone "one" kept: it is mostly a
    pronoun): what it read before it reads the same, and the sums it got wrong it now gets right."""
    assert normalise("one hundred and twenty, eight point two, three thousand four hundred and fifty") == \
        "120, 8.2, 3450"
    assert normalise("the one on the left") == "the one on the left"
    assert normalise("one or two") == "one or 2"  # as before
    assert normalise("Sept 5, quatre") == "Sept 5, quatre"  # English number words only
    # once summed into one number
    assert normalise("One two three four five.") == "One 2 3 4 5."
    assert normalise("between five and six") == "between 5 and 6"
    assert normalise("at ten thirty") == "at 10 30"
    assert normalise("a dozen eggs") == "12 eggs"
    # the verdicts: a number said in words is the number in the source
    assert unsupported("The deposit is three thousand four hundred and fifty euros.", ["Deposit: 3,450 euros."]) == []
    assert unsupported("Buy a dozen eggs.", ["eggs: 12"]) == []
    assert [c.text for c in unsupported("Buy a dozen eggs.", ["eggs: 10"])] == ["12"]
    assert [c.key for c in claims("It costs twenty-five euros, the one in red.") if c.kind == "number"] == ["25"]
