"""The conversation screen's listening controls (a part of `ConversationScreen`, kept apart): stop the reply,
push-to-talk, the listening mode, barge-in, and the settings dialog (devices, mode, barge-in), each saved to the
config file as it changes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..config import Mode, Settings
from .actions import MODES
from .settings_screen import SettingsScreen, VoiceChoice

if TYPE_CHECKING:
    from .app import AssistantApp
    from .panels import VoicePanel


class ListeningControls:
    """What the keys F2, F3, F5, Ctrl+T and Esc do; `ConversationScreen` holds the state (`mode`, the panels)."""

    settings: Settings
    mode: Mode
    voice_panel: VoicePanel

    if TYPE_CHECKING:  # (the screen's own)
        @property
        def assistant(self) -> AssistantApp: ...

    def action_interrupt(self) -> None:
        if self.assistant.voice_loop is not None:
            self.assistant.voice_loop.interrupt()

    def action_push_to_talk(self) -> None:
        loop = self.assistant.voice_loop
        if loop is None:
            return
        if self.mode != "push-to-talk":
            self.assistant.notify("Push-to-talk is off: F2 switches the mode", severity="warning")
            return
        talking = not loop.listening
        loop.set_listening(talking, end_turn=True)
        self.show_mode("push-to-talk (talking)" if talking else "push-to-talk")

    def action_cycle_mode(self) -> None:
        self.set_mode(MODES[(MODES.index(self.mode) + 1) % len(MODES)])

    def set_mode(self, mode: Mode) -> None:
        self.mode = mode
        self.settings.tui.mode = mode
        self.apply_mode()
        self.assistant.save_setting("tui", "mode", mode)

    def apply_mode(self) -> None:
        if self.assistant.voice_loop is not None:
            self.assistant.voice_loop.set_listening(self.mode == "hands-free", end_turn=False)
        self.show_mode()

    def show_mode(self, mode: str | None = None) -> None:
        loop = self.assistant.voice_loop
        self.voice_panel.set_mode(mode or self.mode, self.barge_in, loop is not None and loop.echo is not None)

    @property
    def barge_in(self) -> bool:
        loop = self.assistant.voice_loop
        return loop.gate.barge_in if loop is not None else bool(self.settings.voice.barge_in)

    def action_toggle_barge_in(self) -> None:
        self.set_barge_in(not self.barge_in)

    def set_barge_in(self, barge_in: bool) -> None:
        self.settings.voice.barge_in = barge_in
        if self.assistant.voice_loop is not None:
            self.assistant.voice_loop.voice.barge_in = barge_in
        self.show_mode()
        self.assistant.save_setting("voice", "barge_in", barge_in)

    def action_devices(self) -> None:
        from ..audio.devices import audio_devices

        inputs, outputs, problem = audio_devices()
        if not inputs and not outputs:
            problem = problem or "No audio devices on this machine: typing still works."
        voice = self.settings.voice
        current = VoiceChoice(voice.input_device, voice.output_device, self.mode, self.barge_in)
        self.assistant.push_screen(SettingsScreen(inputs, outputs, current, problem), self.apply_settings)

    def apply_settings(self, choice: VoiceChoice | None) -> None:
        """What the settings dialog was left with: saved; new devices restart the audio and the loop (the
        conversation goes on)."""
        if choice is None:
            return
        if choice.mode != self.mode:
            self.set_mode(choice.mode)
        if choice.barge_in != self.barge_in:
            self.set_barge_in(choice.barge_in)
        voice = self.settings.voice
        changed = (choice.input_device, choice.output_device) != (voice.input_device, voice.output_device)
        if changed:
            voice.input_device, voice.output_device = choice.input_device, choice.output_device
            self.assistant.save_setting("voice", "input_device", choice.input_device)
            self.assistant.save_setting("voice", "output_device", choice.output_device)
        if changed or self.assistant.start and not self.assistant.running:
            self.assistant.start_up()  # (the same devices again: a retry after "Cannot start")
