"""What `assistant doctor` found: one `Check` per thing looked at, and how a report is shown.

A check's status says how much it matters: `fail` (something required is broken: the exit status is 1),
`warn` (a feature is missing or degraded), `ok`, `info` (a fact worth showing), `skip` (not looked at,
with the reason). Every fail and warn carries the command or step that fixes it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Status = Literal["ok", "info", "warn", "fail", "skip"]
SCHEMA_VERSION = 1  # bumped when a field of --json changes meaning or goes away
_MARKS: dict[str, str] = {"ok": " ok ", "info": "info", "warn": "WARN", "fail": "FAIL", "skip": "skip"}


@dataclass(frozen=True)
class Check:
    section: str  # install, system, audio, compute, models, knowledge, mcp, config, deep
    name: str
    status: Status
    summary: str  # one line for people
    fix: str | None = None  # the command or step that fixes it (fail and warn)
    details: dict[str, Any] = field(default_factory=dict)  # machine-readable facts (--json)


def ok(section: str, name: str, summary: str, /, **details: Any) -> Check:
    return Check(section, name, "ok", summary, None, details)


def info(section: str, name: str, summary: str, /, **details: Any) -> Check:
    return Check(section, name, "info", summary, None, details)


def warn(section: str, name: str, summary: str, fix: str, /, **details: Any) -> Check:
    return Check(section, name, "warn", summary, fix, details)


def fail(section: str, name: str, summary: str, fix: str, /, **details: Any) -> Check:
    return Check(section, name, "fail", summary, fix, details)


def skip(section: str, name: str, why: str, /, **details: Any) -> Check:
    return Check(section, name, "skip", why, None, details)


@dataclass
class Report:
    checks: list[Check] = field(default_factory=list)
    facts: dict[str, Any] = field(default_factory=dict)  # profile, device, config file...

    def extend(self, checks: Iterable[Check]) -> None:
        self.checks.extend(checks)

    def count(self, status: Status) -> int:
        return sum(c.status == status for c in self.checks)

    @property
    def exit_code(self) -> int:
        return 1 if self.count("fail") else 0

    def to_dict(self) -> dict[str, Any]:
        return {"schema": SCHEMA_VERSION, "ok": not self.count("fail"), **self.facts,
                "counts": {s: self.count(s) for s in _MARKS},  # type: ignore[arg-type]
                "checks": [asdict(c) for c in self.checks]}

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), indent=2, ensure_ascii=False, default=str)

    def to_text(self) -> str:
        lines: list[str] = []
        section = None
        width = max((len(c.name) for c in self.checks), default=8) + 2
        for check in self.checks:
            if check.section != section:
                section = check.section
                lines.append(f"\n{section}")
            lines.append(f"  [{_MARKS[check.status]}] {check.name:<{width}}{check.summary}")
            if check.fix:
                lines.append(f"         {'':<{width}}fix: {check.fix}")
        fails, warns = self.count("fail"), self.count("warn")
        verdict = "everything required works" if not fails else f"{fails} problem{'s' * (fails != 1)} to fix"
        lines.append(f"\n{verdict}; {warns} warning{'s' * (warns != 1)}.")
        return "\n".join(lines).lstrip("\n")
