"""The app's actions, listed once: the key bindings (and footer), the command palette and the help
table are all made from this table."""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding


@dataclass(frozen=True)
class Action:
    key: str  # Textual key name
    action: str  # the App's action_* method
    label: str  # footer label
    help: str  # the help screen's description
    palette: tuple[str, str] | None = None  # command palette (title, help); None: Textual's own or none
    footer: bool = True
    bind: bool = True  # False: Textual binds it itself (the palette)


ACTIONS = (
    Action("f1", "help", "Help", "this help", ("Help", "Keys and how to use the assistant")),
    Action("ctrl+t", "push_to_talk", "Talk", "push-to-talk: start / stop talking (in push-to-talk mode)",
           ("Push-to-talk", "Start or stop talking (push-to-talk mode)")),
    Action("f2", "cycle_mode", "Mode", "listening mode: hands-free → push-to-talk → muted"),
    Action("f3", "toggle_barge_in", "Barge-in", "barge-in on / off (on by default while echo cancellation runs; without it, only with headphones)",
           ("Barge-in on/off", "Let speech interrupt replies (headphones)")),
    Action("escape", "interrupt", "Stop", "stop the reply (speech and generation)",
           ("Stop the reply", "Silence speech and stop generating")),
    Action("ctrl+n", "new_conversation", "New", "new conversation", ("New conversation", "Forget this conversation")),
    Action("ctrl+o", "open_session", "History", "reopen a saved conversation",
           ("Reopen a conversation", "Saved conversations")),
    Action("f5", "devices", "Devices", "choose microphone and speaker",
           ("Audio devices", "Choose microphone and speaker")),
    Action("ctrl+s", "copy_to_knowledge", "Keep file", "copy the attached file into the knowledge folder",
           ("Copy attachment to knowledge", "Keep the attached file"), footer=False),
    Action("f4", "toggle_panel", "Panel", "show / hide the side panel",
           ("Side panel", "Show or hide voice, latency and knowledge"), footer=False),
    Action("ctrl+p", "command_palette", "Palette", "command palette (every action, themes)", bind=False),
    Action("ctrl+q", "quit", "Quit", "quit"),
)


def bindings() -> list[Binding]:
    return [Binding(a.key, a.action, a.label, show=a.footer) for a in ACTIONS if a.bind]


def key_name(key: str) -> str:
    """"ctrl+t" -> "Ctrl+T", "f1" -> "F1", "escape" -> "Esc"."""
    if key == "escape":
        return "Esc"
    return "+".join(part.capitalize() if len(part) > 2 else part.upper() for part in key.split("+"))


def help_table() -> str:
    rows = [f"| **{key_name(a.key)}** | {a.help} |" for a in ACTIONS]
    return "\n".join(["| key | action |", "|---|---|", *rows])
