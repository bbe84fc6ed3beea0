"""How people spell in a hurry: words misspelt by one letter ("budjet", "pasword", "wats"), as typed quickly or
heard a little wrong, and words written short ("approx. 390 km", "Mr. Keller")."""

from __future__ import annotations

import functools
import re

from ..words import SHORTENED


def one_letter_apart(a: str, b: str) -> bool:
    """One letter changed, added, dropped, or two swapped."""
    if abs(len(a) - len(b)) > 1 or a == b:
        return a == b
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]]
                                  and a[diff[1]] == b[diff[0]])
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


@functools.cache
def not_an_end() -> str:
    """Look-behinds for a full stop that ends a short form, not a sentence ("approx.", "Mr.", "e.g."), either case."""
    forms = {f for word in SHORTENED for f in (word, word.capitalize())}
    return "".join(rf"(?<!\b{re.escape(form)}\.)" for form in sorted(forms))
