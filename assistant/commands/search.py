"""`assistant search QUERY [--kind K] [--limit N] [--image FILE] [--json]`: search the knowledge folder."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from ..timecode import clock
from . import Invocation


def add(sub, shared) -> None:
    search = sub.add_parser("search", parents=[shared], help="search the knowledge folder")
    search.add_argument("query", nargs="?", default="", help="what to look for")
    search.add_argument("--kind", choices=["any", "image", "pdf", "text", "audio"], default="any")
    search.add_argument("--limit", type=int, default=5)
    search.add_argument("--image", type=Path, help="find images similar to this one")
    search.add_argument("--json", action="store_true")
    search.set_defaults(run=run)


def run(inv: Invocation) -> int:
    args = inv.args
    with inv.knowledge() as kb:
        result = kb.search_knowledge(args.query, args.kind, args.limit, args.image)
    if args.json:
        print(json.dumps(result.to_dict(), indent=2, ensure_ascii=False))
        return 0
    for note in result.notes:
        print(f"note: {note}", file=sys.stderr)
    if not result.hits:
        print("no results")
    for n, hit in enumerate(result.hits, 1):
        where = f"{hit.file}" + (f", page {hit.page}" if hit.page else "") + (
            f" @ {clock(hit.start)}" if hit.start is not None else "")
        print(f"{n}. {where}  [{hit.kind}, {hit.score:.4f}, {'+'.join(hit.matched_by)}]")
        if hit.snippet:
            print(f"   {hit.snippet}")
    return 0
