"""`assistant models [--json]` and `assistant models pull [ROLE ...]`: what plays each role, and fetching it."""

from __future__ import annotations

import json
import sys

from ..errors import AssistantError
from . import Invocation


def add(sub, shared) -> None:
    models = sub.add_parser("models", parents=[shared], help="list the models per role, or pull them")
    models.add_argument("--json", action="store_true", help="machine-readable output")
    models.set_defaults(run=list_models)
    actions = models.add_subparsers(dest="models_command", metavar="ACTION")
    pull = actions.add_parser("pull", parents=[shared], help="download models into the HF cache")
    pull.add_argument("roles", nargs="*", metavar="ROLE", help="roles to fetch (default: every role)")
    pull.set_defaults(run=pull_models, needs_network=True)


def list_models(inv: Invocation) -> int:
    from ..models.resolve import human_size

    manager = inv.manager
    rows = manager.status()
    if inv.args.json:
        print(json.dumps({"profile": manager.settings.profile, "models": [r.to_dict() for r in rows]}, indent=2))
        return 0
    print(f"profile: {manager.settings.profile}    model cache: {manager.settings.model_cache_dir}")
    print(f"{'ROLE':<11}{'MODEL':<44}{'FROM':<12}{'OFFLINE':<9}{'SIZE':>9}  LOADED")
    for r in rows:
        print(f"{r.role:<11}{_clip(r.source, 43):<44}{r.origin:<12}{'yes' if r.ready else 'no':<9}"
              f"{human_size(r.size_bytes):>9}  {'yes' if r.loaded else 'no'}")
    for r in rows:
        if r.problem:
            print(f"\n{r.role}: {r.problem}")
    return 0


def pull_models(inv: Invocation) -> int:
    from ..models import pull
    from ..roles import ROLES

    failed = 0
    for role in inv.args.roles or ROLES:
        spec = inv.manager.spec(role)
        try:
            path = pull(spec, inv.settings.model_cache_dir)
            print(f"{role}: {spec.source} -> {path}")
        except AssistantError as exc:
            print(f"{role}: {exc}", file=sys.stderr)
            failed += 1
    return 3 if failed else 0


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
