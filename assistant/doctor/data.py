"""Checks of the user's data: the settings file, the knowledge folder and its index, the MCP token file."""

from __future__ import annotations

import ipaddress
import stat
import time
from pathlib import Path

from ..errors import ConfigError
from .report import Check, fail, info, ok, skip, warn


def config(path: Path, error: ConfigError | None, explicit: bool) -> Check:
    if error is not None:
        return fail("config", "settings", str(error), f"correct {path}" if path.is_file() else
                    "correct the ASSISTANT_* environment variables or the command-line flags", file=str(path))
    if path.is_file():
        return ok("config", "settings", f"{path}", file=str(path))
    if explicit:  # load_settings refuses a missing explicit file, so this is not reached; kept for clarity
        return fail("config", "settings", f"{path} does not exist", "create it or drop --config", file=str(path))
    return info("config", "settings", f"built-in defaults (no {path})", file=None)


def knowledge(settings) -> list[Check]:
    from ..knowledge.catalog import Catalog
    from ..knowledge.scan import scan

    root = settings.knowledge_dir
    if not root.is_dir():
        return [warn("knowledge", "folder", f"{root} does not exist: nothing to search",
                     f"mkdir -p {root} and put images, PDFs, notes in it (or set knowledge_dir)", path=str(root))]
    found = [f for f in scan(root, skip=(settings.data_dir,))]
    refused = [f for f in found if f.problem]
    checks = [ok("knowledge", "folder", f"{root}: {len(found)} file{'s' * (len(found) != 1)}", path=str(root),
                 files=len(found))]
    path = settings.index_dir / "catalog.sqlite"
    if not path.is_file():
        if found:
            checks.append(warn("knowledge", "index", "not built yet: searches find nothing", "assistant index",
                               path=str(path)))
        else:
            checks.append(info("knowledge", "index", "not built yet (the folder is empty)", path=str(path)))
        return checks
    catalog = Catalog(path, read_only=True)
    try:
        files, problems, pending = catalog.files(), catalog.problems(), catalog.pending()
        last = catalog.last_indexed()
    finally:
        catalog.close()
    here = {f.name: f for f in found if not f.problem}
    bad = [{"file": k, "reason": v[2]} for k, v in sorted(problems.items())] + \
        [{"file": f.name, "reason": f.problem or ""} for f in refused]
    stale = [name for name, f in here.items()
             if (name not in files or (files[name].size, files[name].mtime_ns) != (f.size, f.mtime_ns))
             and problems.get(name, (None, None))[:2] != (f.size, f.mtime_ns)]
    gone = [name for name in files if name not in here]
    details = {"path": str(path), "indexed_files": len(files), "last_indexed": last, "to_index": sorted(stale),
               "removed": sorted(gone), "interrupted": len(pending), "problems": bad}
    when = time.strftime("%Y-%m-%d %H:%M", time.localtime(last)) if last else "never"
    summary = f"{len(files)} files indexed, last added {when}"
    if pending:
        checks.append(warn("knowledge", "index", f"{summary}; an indexing run was cut off", "assistant index "
                           "(finishes it, removing the partial entries)", **details))
    elif stale or gone:
        checks.append(warn("knowledge", "index", f"{summary}; {len(stale)} new or changed, {len(gone)} removed "
                           "since", "assistant index (or keep `assistant index --watch` running)", **details))
    else:
        checks.append(ok("knowledge", "index", f"{summary}; up to date", **details))
    if bad:
        shown = "; ".join(f"{p['file']}: {p['reason']}" for p in bad[:3]) + (" ..." if len(bad) > 3 else "")
        checks.append(info("knowledge", "bad files", f"{len(bad)} not indexed: {shown}", files=bad))
    return checks


def mcp(settings) -> list[Check]:
    from ..mcp.token import MIN_LENGTH, configured_token, token_file

    out = []
    value = configured_token(settings)
    path = token_file(settings)
    if value is not None:
        if len(value) < MIN_LENGTH:
            out.append(warn("mcp", "token", f"the configured token (mcp_token / ASSISTANT_MCP_TOKEN) has "
                            f"{len(value)} characters", f"use {MIN_LENGTH} or more: `python -c \"import secrets; "
                            "print(secrets.token_urlsafe(32))\"`", source="config", length=len(value)))
        else:
            out.append(ok("mcp", "token", "configured (mcp_token / ASSISTANT_MCP_TOKEN)", source="config"))
    elif not path.exists():
        out.append(info("mcp", "token", f"none yet: `assistant mcp --http` creates {path} (owner-only)",
                        source=None, path=str(path)))
    else:
        out.append(_token_file(path))
    host = settings.mcp_host
    if not _loopback(host):
        out.append(warn("mcp", "host", f"mcp_host = {host!r}: `assistant mcp --http` listens beyond this machine",
                        "keep it on 127.0.0.1 unless other machines must reach it (then a long token)", host=host))
    return out


def _token_file(path: Path) -> Check:
    st = path.lstat()
    mode = stat.S_IMODE(st.st_mode)
    details = {"source": "file", "path": str(path), "mode": f"{mode:04o}"}
    if not stat.S_ISREG(st.st_mode):
        return fail("mcp", "token", f"{path} is not a regular file", f"rm {path} (a new token is made on the "
                    "next `assistant mcp --http`)", **details)
    if mode & 0o077:
        return fail("mcp", "token", f"{path} is readable by others (mode {mode:04o})", f"chmod 600 {path} (and "
                    "consider `rm` it for a new token: others may have read it)", **details)
    return ok("mcp", "token", f"{path} (owner-only, {mode:04o})", **details)


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def skipped_for_config(sections: tuple[str, ...]) -> list[Check]:
    return [skip(section, "all", "the settings do not load (see config)") for section in sections]
