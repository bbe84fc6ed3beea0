"""The app's actions, listed once: the key bindings (and footer), the command palette and the help
table are all made from this table.

An action is a method of the conversation screen (`ConversationScreen.action_…`), or of the app where `app` is
set (help and quit: the screen stack). The keys are bound on the app, the screen's actions as `screen.…`, so that
the footer keeps the table's order; a modal screen on top holds them back from the conversation below.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding

from ..config import Mode

MODES: tuple[Mode, ...] = ("hands-free", "push-to-talk", "muted")  # F2 goes round them; the palette lists them


@dataclass(frozen=True)
class Action:
    key: str  # Textual key name
    action: str  # the conversation screen's action_* method (the app's where `app`)
    label: str  # footer label
    help: str  # the help screen's description
    palette: tuple[str, str] | None = None  # command palette (title, help); None: Textual's own or none
    footer: bool = True
    bind: bool = True  # False: Textual binds it itself (the palette)
    app: bool = False  # an action of the app's, not of the conversation screen

    @property
    def target(self) -> str:
        """The action as the app's bindings name it."""
        return self.action if self.app else f"screen.{self.action}"


ACTIONS = (
    Action("f1", "help", "Help", "this help", ("Help", "Keys and how to use the assistant"), app=True),
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
    Action("f5", "devices", "Devices", "microphone and speaker, listening mode, barge-in",
           ("Audio devices", "Choose microphone and speaker, listening mode and barge-in")),
    Action("f6", "answer_yes", "Yes", "yes: run the tool the assistant asked about (as saying or typing \"yes\")",
           ("Yes, run it", "Answer yes to the tool the assistant asked about"), footer=False),
    Action("f7", "answer_no", "No", "no: do not run it",
           ("No, don't run it", "Answer no to the tool the assistant asked about"), footer=False),
    Action("ctrl+s", "copy_to_knowledge", "Keep file", "copy the attached file into the knowledge folder",
           ("Copy attachment to knowledge", "Keep the attached file"), footer=False),
    Action("f4", "toggle_panel", "Panel", "show / hide the side panel",
           ("Side panel", "Show or hide voice, latency and knowledge"), footer=False),
    Action("ctrl+p", "command_palette", "Palette", "command palette (every action, themes)", bind=False, app=True),
    Action("ctrl+q", "quit", "Quit", "quit", app=True),
)


def bindings() -> list[Binding]:
    return [Binding(a.key, a.target, a.label, show=a.footer) for a in ACTIONS if a.bind]


def key_name(key: str) -> str:
    """"ctrl+t" -> "Ctrl+T", "f1" -> "F1", "escape" -> "Esc"."""
    if key == "escape":
        return "Esc"
    return "+".join(part.capitalize() if len(part) > 2 else part.upper() for part in key.split("+"))


def help_table() -> str:
    rows = [f"| **{key_name(a.key)}** | {a.help} |" for a in ACTIONS]
    return "\n".join(["| key | action |", "|---|---|", *rows])
