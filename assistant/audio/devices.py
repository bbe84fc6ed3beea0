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


STOP_BOUND_S = 2.0  # a stream that has not stopped by then is aborted, then left behind


def shut(stream, what: str, bound: float = STOP_BOUND_S) -> bool:
    """Stop and close a PortAudio stream without ever hanging the caller: a device that delivers nothing (a
    starved pipe, an unplugged USB or Bluetooth device) can block `stop()` for good. The stop runs in a daemon
    thread; past `bound` seconds the stream is aborted the same way, then abandoned with a warning. True when
    it shut cleanly."""
    import logging
    import threading

    def attempt(action) -> bool:
        done = threading.Event()

        def run() -> None:
            try:
                action()
            except Exception as exc:  # an error while stopping: it is stopped as far as we can tell
                logging.getLogger(__name__).debug("%s: %s", what, exc)
            done.set()

        threading.Thread(target=run, name=f"shut-{what}", daemon=True).start()
        return done.wait(bound)

    if attempt(lambda: (stream.stop(), stream.close())):
        return True
    logging.getLogger(__name__).warning("the audio %s did not stop within %.0f s: aborting it", what, bound)
    if attempt(lambda: (stream.abort(), stream.close())):
        return False
    logging.getLogger(__name__).warning("the audio %s did not abort either: left behind", what)
    return False
