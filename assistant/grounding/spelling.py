"""Words misspelt by one letter ("budjet", "pasword", "wats"), as typed in a hurry or heard a little wrong."""

from __future__ import annotations


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
