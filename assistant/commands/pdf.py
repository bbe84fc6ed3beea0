"""`assistant pdf QUESTION [--file F]` (passages with file and page) or `--file F --pages 3-5` (verbatim)."""

from __future__ import annotations

import json

from . import Invocation


def add(sub, shared) -> None:
    pdf = sub.add_parser("pdf", parents=[shared], help="answer from the PDFs, or read pages of one verbatim")
    pdf.add_argument("question", nargs="?", help="what to find in the PDFs")
    pdf.add_argument("--file", help="one PDF in the knowledge folder")
    pdf.add_argument("--pages", help="pages of --file to read verbatim: 3, 2-5 or 1,4-6")
    pdf.add_argument("--limit", type=int, default=5)
    pdf.add_argument("--json", action="store_true")
    pdf.set_defaults(run=run)


def run(inv: Invocation) -> int:
    args = inv.args
    with inv.knowledge() as kb:
        passages = kb.lookup_pdf(args.question, args.file, args.pages, args.limit)
    if args.json:
        print(json.dumps([{"file": p.file, "page": p.page, "text": p.text, "score": p.score} for p in passages],
                         indent=2, ensure_ascii=False))
        return 0
    if not passages:
        print("nothing found")
    for p in passages:
        print(f"[{p.file}, page {p.page}]" + (f"  ({p.score:.4f})" if p.score is not None else ""))
        print(p.text if args.pages else f"   {p.text}")
        print()
    return 0
