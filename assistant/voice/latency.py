"""The per-turn latency record: end of the user's speech -> first audio out, and the parts of that wait.

Marks are `time.perf_counter()` values set by the voice loop as the turn passes each stage; the parts
are the gaps between consecutive marks, so they add up to the total exactly:

    speech end ─ endpoint_wait ─► detected ─ stt ─► transcribed ─ first_token ─► first token
        ─ first_sentence ─► first sentence ─ tts_first_audio ─► first audio ready ─ output ─► first audio out

Tool calls happen between the first token (the model starts with its call) and the first sentence, so
`tool_s` is reported beside the parts, as the share of `first_sentence_s` spent in tools.
"""

from __future__ import annotations

import json
import logging
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

MARKS = ("speech_end", "detected", "transcribed", "first_token", "first_sentence", "first_audio_ready",
         "first_audio_out")
PARTS = ("endpoint_wait_s", "stt_s", "first_token_s", "first_sentence_s", "tts_first_audio_s", "output_s")


@dataclass
class TurnClock:
    speech_end: float | None = None
    detected: float | None = None
    transcribed: float | None = None
    first_token: float | None = None
    first_sentence: float | None = None
    first_audio_ready: float | None = None
    first_audio_out: float | None = None
    tool_s: float = 0.0
    stt_audio_s: float = 0.0  # seconds of speech transcribed
    finished_p: float | None = None  # the end-of-turn model's verdict when it ended the turn
    reply_done: float | None = None  # the agent finished its reply

    def mark(self, name: str, at: float) -> None:
        """Set a mark once (the first time a stage is reached counts)."""
        if getattr(self, name) is None:
            setattr(self, name, at)

    def record(self) -> dict[str, Any]:
        """Parts in seconds (None where the turn never got there), their total, and the tool time."""
        marks = [getattr(self, m) for m in MARKS]
        out: dict[str, Any] = {}
        for part, a, b in zip(PARTS, marks, marks[1:]):
            out[part] = round(b - a, 4) if a is not None and b is not None else None
        complete = all(m is not None for m in marks)
        out["total_s"] = round(sum(out[p] for p in PARTS), 4) if complete else None
        out["tool_s"] = round(self.tool_s, 4)
        if self.reply_done is not None and self.first_audio_out is not None:
            out["audio_before_reply_done_s"] = round(self.reply_done - self.first_audio_out, 4)
        if self.transcribed is not None and self.detected is not None and self.stt_audio_s:
            out["stt_rtf"] = round((self.transcribed - self.detected) / self.stt_audio_s, 4)
        if self.finished_p is not None:
            out["turn_finished_p"] = round(self.finished_p, 4)
        return out


class LatencyLog:
    """Appends one JSON line per turn to a file (the data dir's voice-latency.jsonl)."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self._lock = threading.Lock()

    def write(self, entry: dict[str, Any]) -> None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self._lock, self.path.open("a", encoding="utf-8") as f:
                f.write(json.dumps(entry, ensure_ascii=False) + "\n")
        except OSError as exc:  # a full disk or read-only data dir must not stop the conversation
            log.warning("cannot write the latency log %s: %s", self.path, exc)
