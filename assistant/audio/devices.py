"""Audio devices as PortAudio (through sounddevice) sees them: the one place that imports sounddevice."""

from __future__ import annotations

from types import ModuleType

from ..errors import DeviceUnavailable


def sounddevice() -> ModuleType:
    """The sounddevice module, or a DeviceUnavailable that says what is missing."""
    try:
        import sounddevice
    except OSError as exc:  # the module imports but PortAudio (Debian libportaudio2) is missing
        raise DeviceUnavailable(f"no audio devices: PortAudio is not installed ({exc}); "
                                "install libportaudio2 or use --input FILE") from None
    except ImportError as exc:  # a broken install: sounddevice or its cffi backend is missing
        raise DeviceUnavailable(f"no audio devices: the sounddevice package does not import ({exc}); "
                                "reinstall with `make setup`, or use --input FILE") from None
    return sounddevice


def input_devices() -> list[dict]:
    """Microphones: [{index, name, channels, default_samplerate}]."""
    return _devices("max_input_channels")


def output_devices() -> list[dict]:
    """Speakers: [{index, name, channels, default_samplerate}]."""
    return _devices("max_output_channels")


def audio_devices() -> tuple[list[dict], list[dict], str | None]:
    """(inputs, outputs, why there are none: PortAudio missing)."""
    try:
        return input_devices(), output_devices(), None
    except DeviceUnavailable as exc:
        return [], [], str(exc)


def _devices(channels: str) -> list[dict]:
    sd = sounddevice()
    return [{"index": i, "name": d["name"], "channels": d[channels], "default_samplerate": d["default_samplerate"]}
            for i, d in enumerate(sd.query_devices()) if d[channels] > 0]
