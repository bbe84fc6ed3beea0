"""Modal screens: help, and reopening a saved conversation (settings: settings_screen.py)."""

from __future__ import annotations

import time

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Markdown, OptionList
from textual.widgets.option_list import Option

from .actions import help_table

HELP_TEXT = """\
# spark-assistant

Speak, or type in the box at the bottom and press **Enter**.

{keys}

**Attach** an image or PDF by typing or pasting its path: it goes with your next question.
Tool calls show as rows: click one to see its arguments, result and citations (click a citation to
open the file). Settings changed here (mode, barge-in, devices, theme) are saved to the config file.
"""
HELP = HELP_TEXT.format(keys=help_table())


class HelpScreen(ModalScreen):
    BINDINGS = [Binding("escape,f1,q", "dismiss", "Close")]

    def compose(self) -> ComposeResult:
        with Vertical(id="help", classes="dialog"):
            with VerticalScroll(id="help-text"):
                yield Markdown(HELP)
            yield Button("Close", id="close", variant="primary")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss()


class SessionsScreen(ModalScreen[str | None]):
    """Pick a saved conversation; dismisses with its id (None: cancelled)."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel")]

    def __init__(self, sessions):
        super().__init__()
        self.sessions = sessions

    def compose(self) -> ComposeResult:
        with Vertical(id="sessions", classes="dialog"):
            yield Label("Reopen a conversation" if self.sessions else "No saved conversations yet")
            yield OptionList(*(Option(f"{time.strftime('%Y-%m-%d %H:%M', time.localtime(s.started))}  "
                                      f"{s.title}  ({len(s.turns)} turns)", id=s.id) for s in self.sessions),
                             id="session-list")
            yield Button("Cancel", id="cancel")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(None)
