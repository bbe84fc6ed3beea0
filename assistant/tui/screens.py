"""Modal screens: help, reopening a saved conversation, choosing audio devices."""

from __future__ import annotations

import time

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Markdown, OptionList, Select
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


class DevicesScreen(ModalScreen[tuple | None]):
    """Choose the microphone and speaker; dismisses with (input, output) (None: the system default)."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel")]

    def __init__(self, inputs: list[dict], outputs: list[dict], current_in, current_out, problem: str | None):
        super().__init__()
        self.inputs, self.outputs, self.problem = inputs, outputs, problem
        self.current_in, self.current_out = current_in, current_out

    def compose(self) -> ComposeResult:
        def options(devices):
            return [(f"{d['index']}: {d['name']}", d["name"]) for d in devices]

        with Vertical(id="devices", classes="dialog"):
            if self.problem:
                yield Label(self.problem, classes="notice-warning")
            yield Label("Microphone")
            yield Select(options(self.inputs), prompt="system default", id="input-device",
                         value=self.current_in if self.current_in in [d["name"] for d in self.inputs] else Select.NULL)
            yield Label("Speaker")
            yield Select(options(self.outputs), prompt="system default", id="output-device",
                         value=self.current_out if self.current_out in [d["name"] for d in self.outputs] else Select.NULL)
            with Horizontal(classes="buttons"):
                yield Button("Use these", id="save", variant="primary")
                yield Button("Cancel", id="cancel")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id != "save":
            self.dismiss(None)
            return

        def value(widget_id):
            v = self.query_one(widget_id, Select).value
            return None if v is Select.NULL else v

        self.dismiss((value("#input-device"), value("#output-device")))
