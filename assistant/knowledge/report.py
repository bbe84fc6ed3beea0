"""What an indexing run reports: progress events as it goes, and the report at its end."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass
class Progress:
    done: int
    total: int
    name: str
    action: str  # "indexing", "transcribing", "added", "updated", "renamed", "removed", "skipped", "visuals"
    detail: str = ""  # e.g. "03:12 of 45:00" while a recording is transcribed


@dataclass
class IndexReport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    renamed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0
    skipped: list[dict] = field(default_factory=list)  # new problems: {"file", "reason"}
    problems: list[dict] = field(default_factory=list)  # every file that is not indexed, and why
    visuals_added: int = 0
    notes: list[str] = field(default_factory=list)
    stopped: str = ""  # why files that are gone were not removed (most of the index; `index --prune`)
    seconds: float = 0.0

    def to_dict(self) -> dict:
        return asdict(self)
