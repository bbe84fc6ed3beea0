"""The settings dialog: microphone, speaker, listening mode and barge-in. It only asks; the conversation screen
applies and saves what was chosen."""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Select, Switch

from ..config import Mode
from .actions import MODES


@dataclass(frozen=True)
class VoiceChoice:
    """What the dialog was left with (a device None: the system default)."""

    input_device: str | int | None  # a name, or an index as the config file may give it
    output_device: str | int | None
    mode: Mode
    barge_in: bool


class SettingsScreen(ModalScreen[VoiceChoice | None]):
    """Choose the audio devices, the listening mode and barge-in; dismisses with a `VoiceChoice` (None: cancelled)."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel")]

    def __init__(self, inputs: list[dict], outputs: list[dict], current: VoiceChoice, problem: str | None):
        super().__init__()
        self.inputs, self.outputs, self.current, self.problem = inputs, outputs, current, problem

    def compose(self) -> ComposeResult:
        def select(devices: list[dict], current: str | int | None, widget_id: str) -> Select:
            names = [d["name"] for d in devices]
            return Select([(f"{d['index']}: {d['name']}", d["name"]) for d in devices], prompt="system default",
                          id=widget_id, value=current if current in names else Select.NULL)

        with Vertical(id="devices", classes="dialog"):
            if self.problem:
                yield Label(self.problem, classes="notice-warning")
            yield Label("Microphone")
            yield select(self.inputs, self.current.input_device, "input-device")
            yield Label("Speaker")
            yield select(self.outputs, self.current.output_device, "output-device")
            yield Label("Listening")
            yield Select([(mode, mode) for mode in MODES], allow_blank=False, value=self.current.mode, id="mode")
            with Horizontal(classes="switch-row"):
                yield Switch(self.current.barge_in, id="barge-in")
                yield Label("Barge-in: speech interrupts the reply")
            with Horizontal(classes="buttons"):
                yield Button("Use these", id="save", variant="primary")
                yield Button("Cancel", id="cancel")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(self.choice() if event.button.id == "save" else None)

    def choice(self) -> VoiceChoice:
        def device(widget_id: str) -> str | None:
            select = self.query_one(widget_id, Select)
            return None if select.is_blank() else cast(str, select.value)  # a device's name

        return VoiceChoice(device("#input-device"), device("#output-device"),
                           cast(Mode, self.query_one("#mode", Select).value),  # one of MODES: never blank
                           self.query_one("#barge-in", Switch).value)
