"""What the two page generators share: write the page, or with `--check` say whether it is what the code makes."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path


def main(render: Callable[[], str], out: Path, script: str, description: str) -> int:
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--check", action="store_true", help=f"exit 1 when {out.name} is out of date")
    args = parser.parse_args()
    text = render()
    if args.check:
        if not out.is_file() or out.read_text() != text:
            print(f"{out} is out of date: run python {script}", file=sys.stderr)
            return 1
        return 0
    out.write_text(text)
    print(f"wrote {out}")
    return 0
