"""The docs say only what exists: every `assistant` command and flag they show is one the command line takes (the
parser that prints `--help`), every config key and `ASSISTANT_*` variable they show is a real setting, every
link between them leads to a file, and the generated pages (the configuration reference, the performance
tables) are what their scripts make of the code and the results today."""

from __future__ import annotations

import argparse
import importlib.util
import re
import sys
import tomllib
from pathlib import Path

import pytest
from pydantic import BaseModel

from assistant.cli import build_parser
from assistant.config import McpServerSettings, ModelOverride, Settings
from assistant.roles import ROLES

REPO = Path(__file__).resolve().parents[1]
PAGES = [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]
_FENCE = re.compile(r"^```(\w*)\n(.*?)^```", re.S | re.M)
_INLINE = re.compile(r"`([^`\n]+)`")
# `assistant` run as a command: not a path (assistant/voice), nor part of a name (spark-assistant)
_COMMAND = re.compile(r"(?:(?<=^)|(?<=[\s/(]))assistant(?=\s|$)((?:[ \t]+[^\s#`|;&)]+)*)", re.M)
_ENV = re.compile(r"\bASSISTANT_[A-Z0-9_]+\b")
_LINK = re.compile(r"\]\(([^)#\s]+)(?:#[^)]*)?\)")
NOT_SETTINGS = {"ASSISTANT_CONFIG"}  # read by load_settings itself: which file to read the settings from


def blocks(text: str) -> list[tuple[str, str]]:
    return [(m.group(1), m.group(2)) for m in _FENCE.finditer(text)]


def code(text: str) -> list[str]:
    """What a page shows as code: its fenced blocks (shell and text) and its inline code outside them."""
    fenced = [re.sub(r"(?:^|\s)#.*$", "", body, flags=re.M) for lang, body in blocks(text)  # (not comments)
              if lang in ("", "sh", "bash", "shell", "text", "console")]
    prose = _FENCE.sub("", text)
    return fenced + _INLINE.findall(prose)


def _subparsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def _options(parser: argparse.ArgumentParser) -> set[str]:
    return {flag for action in parser._actions for flag in action.option_strings}


def _takes_value(parser: argparse.ArgumentParser, flag: str) -> bool:
    return any(flag in a.option_strings and a.nargs != 0 and not isinstance(a, argparse.BooleanOptionalAction)
               for a in parser._actions)


def check_command(words: list[str], root: argparse.ArgumentParser) -> list[str]:
    """What is wrong with `assistant WORDS...` as the docs show it (placeholders such as FILE, [--json] and
    ROLE ... are fine)."""
    parser, problems, skip = root, [], False
    for word in words:
        if skip:  # the value of the flag before it
            skip = False
            continue
        token = word.strip("[]{}.,:'\"")
        if token.startswith("-") and len(token) > 1 and token != "--":
            flag = token.split("=", 1)[0]
            flags = [flag.replace("[no-]", ""), flag.replace("[no-]", "no-")] if "[no-]" in flag else [flag]
            for one in flags:
                if one not in _options(parser) | _options(root):
                    problems.append(f"{one} is no option of `{parser.prog}`")
            skip = "=" not in token and not word.endswith("]") and _takes_value(parser, flags[0]) and \
                not word.startswith("[")
            continue
        sub = _subparsers(parser)
        if sub and token in sub:
            parser = sub[token]
        elif sub and parser is root and re.fullmatch(r"[a-z]+", token):
            problems.append(f"{token!r} is no command")
    return problems


def test_every_command_and_flag_shown_exists():
    root = build_parser()
    wrong = []
    for page in PAGES:
        for shown in code(page.read_text()):
            for match in _COMMAND.finditer(shown):
                words = match.group(1).split()
                for problem in check_command(words, root):
                    wrong.append(f"{page.name}: `assistant{match.group(1)}`: {problem}")
    assert not wrong, "\n".join(wrong)
    assert any(_COMMAND.search(c) for c in code((REPO / "docs" / "usage.md").read_text()))  # (the scan finds them)


def test_the_check_catches_a_wrong_flag_and_command():
    root = build_parser()
    assert check_command(["voice", "--barge-in", "-i", "q.wav"], root) == []
    assert check_command(["index", "--whatch"], root) == ["--whatch is no option of `assistant index`"]
    assert check_command(["transcibe", "talk.m4a"], root) == ["'transcibe' is no command"]
    assert check_command(["voice", "--[no-]echo-cancellation"], root) == []


def _known(model: type[BaseModel], data: dict, where: str) -> list[str]:
    """The keys of `data` that `model` (and its sections) has not."""
    wrong = []
    for key, value in data.items():
        field = model.model_fields.get(key)
        if field is None:
            wrong.append(f"{where}{key}")
            continue
        kind = field.annotation
        if isinstance(kind, type) and issubclass(kind, BaseModel) and isinstance(value, dict):
            wrong += _known(kind, value, f"{where}{key}.")
        elif key == "models" and model is Settings and isinstance(value, dict):
            for role, choice in value.items():
                if role not in ROLES:
                    wrong.append(f"models.{role} (no such role)")
                elif isinstance(choice, dict):
                    wrong += _known(ModelOverride, choice, f"models.{role}.")
    return wrong


def _uncommented(toml: str) -> str:
    """Keys shown commented out ("# barge_in = true") count as shown."""
    return re.sub(r"^#\s*(?=[a-z_]+\s*=)", "", toml, flags=re.M)


def test_every_config_key_shown_is_a_setting():
    wrong, seen = [], 0
    for page in PAGES:
        text = page.read_text()
        for lang, body in blocks(text):
            if lang != "toml":
                continue
            seen += 1
            data = tomllib.loads(_uncommented(body))
            wrong += [f"{page.name}: {key}" for key in _known(Settings, data, "")]
            Settings.model_validate(data)  # the values are valid too
        for section, key in re.findall(r"`\[(\w+)\] (\w+)`", text):
            wrong += [f"{page.name}: [{section}] {k}" for k in _known(Settings, {section: {key: None}}, "")]
    assert seen >= 3
    assert not wrong, "\n".join(wrong)


def test_every_environment_variable_shown_is_a_setting():
    from typing import get_args, get_origin

    wrong, seen = [], 0
    for page in PAGES:
        for name in set(_ENV.findall(page.read_text())) - NOT_SETTINGS:
            seen += 1
            model: type[BaseModel] | None = Settings
            keyed: type[BaseModel] | None = None  # a table of tables: the next part is its key (ROLE, NAME, stt)
            for part in name.removeprefix("ASSISTANT_").split("__"):
                if keyed is not None:
                    model, keyed = keyed, None
                    continue
                field = model.model_fields.get(part.lower()) if model is not None else None
                if field is None:
                    wrong.append(f"{page.name}: {name}")
                    break
                kind = field.annotation
                values = get_args(kind)[1] if get_origin(kind) is dict else None
                keyed = values if isinstance(values, type) and issubclass(values, BaseModel) else None
                model = kind if isinstance(kind, type) and issubclass(kind, BaseModel) else None
    assert seen >= 10  # (the scan finds them)
    assert not wrong, "\n".join(wrong)


def test_links_between_pages_lead_to_files():
    broken, seen = [], 0
    for page in PAGES:
        for target in _LINK.findall(page.read_text()):
            seen += 1
            if "://" in target or target.startswith("mailto:"):
                continue
            if not (page.parent / target).exists():
                broken.append(f"{page.name} -> {target}")
    assert seen >= 20  # (the scan finds them)
    assert not broken, "\n".join(broken)


def test_readme_is_short():
    lines = (REPO / "README.md").read_text().splitlines()
    assert len(lines) <= 200, f"README.md has {len(lines)} lines: the rest belongs in docs/"


def _script(path: Path):
    if str(path.parent) not in sys.path:
        sys.path.insert(0, str(path.parent))  # (as when it is run: its folder first)
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[path.stem] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("script, page", [("scripts/config_reference.py", "docs/configuration.md"),
                                          ("scripts/performance_page.py", "docs/performance.md")])
def test_generated_pages_are_up_to_date(script, page):
    made = _script(REPO / script).render()
    assert (REPO / page).read_text() == made, f"{page} is out of date: run python {script}"


def test_the_configuration_reference_covers_every_setting():
    page = (REPO / "docs" / "configuration.md").read_text()
    for model in (Settings, ModelOverride, McpServerSettings):
        for name, field in model.model_fields.items():
            section = isinstance(field.annotation, type) and issubclass(field.annotation, BaseModel)
            assert (f"`[{name}]`" if section else f"`{name}`") in page
    for section in ("voice", "tui"):
        kind = Settings.model_fields[section].annotation
        assert isinstance(kind, type) and issubclass(kind, BaseModel)
        for name in kind.model_fields:
            assert f"`{name}`" in page and f"ASSISTANT_{section.upper()}__{name.upper()}" in page


def doctor_findings() -> set[str]:
    """Every "section / name" that `assistant doctor` can report as a warning or failure, read from its code (a
    name held in a variable, such as a model's role, as its upper-cased variable: "models / ROLE")."""
    import ast

    found = set()
    for path in sorted((REPO / "assistant" / "doctor").glob("*.py")):
        tree = ast.parse(path.read_text())
        constants = {node.targets[0].id: node.value.value for node in tree.body if isinstance(node, ast.Assign)
                     and isinstance(node.targets[0], ast.Name) and isinstance(node.value, ast.Constant)}
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("warn", "fail") \
                    and len(node.args) >= 4:
                section, name = node.args[0], node.args[1]
                section_text = section.value if isinstance(section, ast.Constant) else \
                    constants[section.id] if isinstance(section, ast.Name) else None
                name_text = name.value if isinstance(name, ast.Constant) else \
                    name.id.upper() if isinstance(name, ast.Name) else None
                assert section_text and name_text, f"{path.name}: {ast.unparse(node)[:80]}"
                found.add(f"{section_text} / {name_text}")
    return found


def test_troubleshooting_explains_every_doctor_finding():
    findings = doctor_findings()
    assert {"install / python", "models / ROLE", "audio / echo path"} <= findings  # (the scan finds them)
    page = (REPO / "docs" / "troubleshooting.md").read_text()
    missing = sorted(f for f in findings if f"`{f}`" not in page)
    assert not missing, f"docs/troubleshooting.md does not explain: {', '.join(missing)}"


def test_the_keys_the_docs_show_are_the_app_s():
    """docs/usage.md has the app's own key table (the help screen's); the README's short one names real keys."""
    from assistant.tui.actions import ACTIONS, help_table, key_name

    assert help_table() in (REPO / "docs" / "usage.md").read_text()
    keys = {key_name(a.key) for a in ACTIONS}
    readme = (REPO / "README.md").read_text()
    shown = re.findall(r"^\| ((?:F\d+|Esc|Ctrl\+\w)(?: / Ctrl\+\w)?) \|", readme, re.M)
    assert len(shown) >= 5
    for cell in shown:
        assert set(cell.split(" / ")) <= keys, cell
