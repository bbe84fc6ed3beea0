"""`${VAR}` and `${env:VAR}` in a server's `env` and `headers` values, read from the environment when it connects
(the shape Claude Desktop's and Cursor's files use), so a token stays in the environment, not the config file."""

from __future__ import annotations

import re
from collections.abc import Mapping

_VARIABLE = re.compile(r"\$\{(?:env:)?([A-Za-z_][A-Za-z0-9_]*)\}")


class MissingVariable(Exception):
    """A value names an environment variable that is not set."""

    def __init__(self, variable: str, where: str):
        super().__init__(f"the environment variable {variable} is not set (named in {where})")
        self.variable = variable


def expand(value: str, environ: Mapping[str, str], where: str = "a value") -> str:
    """`value` with each `${VAR}` / `${env:VAR}` replaced by the variable's value; MissingVariable when unset."""

    def one(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in environ:
            raise MissingVariable(name, where)
        return environ[name]

    return _VARIABLE.sub(one, value)


def expand_all(values: Mapping[str, str], environ: Mapping[str, str], what: str) -> dict[str, str]:
    """Each value of `values` expanded (`what`: "env", "headers", named in the error)."""
    return {key: expand(value, environ, f"{what}.{key}") for key, value in values.items()}
