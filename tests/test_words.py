"""Every list of common words (stopwords, fillers, lead-ins, words that never pick a file) lives in
`assistant/words.py` (issue 23): five lists once grew apart in five modules."""

from __future__ import annotations

import ast
from pathlib import Path

from assistant import words

PACKAGE = Path(__file__).resolve().parents[1] / "assistant"
MANY = 15  # a literal collection of this many plain words is a word list


def _word_lists(tree: ast.AST) -> list[int]:
    """Line numbers of literal word lists: "a b c ...".split(), or a set/tuple/list display of plain words."""
    found = []
    for node in ast.walk(tree):
        items: list[object] = []
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "split" \
                and isinstance(node.func.value, ast.Constant) and isinstance(node.func.value.value, str):
            items = list(node.func.value.value.split())
        elif isinstance(node, (ast.Set, ast.Tuple, ast.List)):
            items = [e.value if isinstance(e, ast.Constant) else None for e in node.elts]
        if len(items) >= MANY and all(isinstance(i, str) and i.replace("'", "").isalpha() for i in items):
            found.append(node.lineno)
    return found


def test_word_lists_live_in_words_py():
    elsewhere = {f"{path.relative_to(PACKAGE.parent)}:{line}" for path in PACKAGE.rglob("*.py")
                 if path.name != "words.py" for line in _word_lists(ast.parse(path.read_text(encoding="utf-8")))}
    assert not elsewhere, f"word lists outside assistant/words.py: {sorted(elsewhere)}"


def test_the_lists_are_built_on_what_they_share():
    assert words.SPOKEN_FILLERS <= words.REQUEST_FILLERS and words.SPOKEN_FILLERS <= words.LEAD_INS
    assert words.FOREIGN_FUNCTION_WORDS <= words.REQUEST_FILLERS and words.FOREIGN_FUNCTION_WORDS <= words.NOT_FILE_NAMES
    # a request's subject keeps only function words that can change what is asked
    assert words.KEPT_IN_REQUESTS <= words.FUNCTION_WORDS
    assert not words.KEPT_IN_REQUESTS & words.REQUEST_FILLERS
    assert {"not", "before", "her"} <= words.KEPT_IN_REQUESTS
