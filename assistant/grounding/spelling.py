"""Words written short ("approx. 390 km", "Mr. Keller"): a full stop that ends no sentence. (Words misspelt by one
letter, "budjet" or "wats": `languages.one_letter_apart`.)"""

from __future__ import annotations

import functools
import re

from ..words import SHORTENED


@functools.cache
def not_an_end() -> str:
    """Look-behinds for a full stop that ends a short form, not a sentence ("approx.", "Mr.", "e.g."), either case;
    or an initial ("J. Byrne", "N. Hobart")."""
    forms = {f for word in SHORTENED for f in (word, word.capitalize())}
    return "".join(rf"(?<!\b{re.escape(form)}\.)" for form in sorted(forms)) + r"(?<!\b[A-Z]\.)"
