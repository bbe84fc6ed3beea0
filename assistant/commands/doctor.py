"""`assistant doctor [--json] [--deep [ROLE ...]]`: what is wrong with this install, and the fix (see doctor/)."""

from __future__ import annotations

from ..errors import InputError
from . import Invocation


def add(sub, shared) -> None:
    doctor = sub.add_parser("doctor", parents=[shared], help="check the install, devices, models, index and MCP "
                            "token; what is wrong and the command that fixes it")
    doctor.add_argument("--deep", action="store_true", help="also load every available role on its device and "
                        "run one small inference each, timed")
    doctor.add_argument("roles", nargs="*", metavar="ROLE", help="with --deep: only these roles")
    doctor.add_argument("--json", action="store_true", help="machine-readable report")
    doctor.set_defaults(run=run)


def run(inv: Invocation) -> int:
    """Builds its own settings: a broken config file is one of its findings, not a reason to stop."""
    from ..doctor import run_doctor
    from ..roles import ROLES

    args = inv.args
    unknown = [r for r in args.roles or [] if r not in ROLES]
    if unknown:
        raise InputError(f"unknown role {unknown[0]!r} (roles: {', '.join(ROLES)})")
    report = run_doctor(args.config, deep=args.deep or bool(args.roles), roles=args.roles or None,
                        profile=args.profile, knowledge_dir=args.knowledge, data_dir=args.data_dir,
                        device=args.device)
    print(report.to_json() if args.json else report.to_text(), flush=True)
    return report.exit_code
