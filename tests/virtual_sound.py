"""A virtual sound card for tests (not a test module): a private PulseAudio server whose microphone is a
pipe fed in real time and whose speaker is a null sink recorded from its monitor.

PortAudio reaches it as real hardware is reached, through ALSA's `pulse`/`default` devices, in a child
process whose environment is `card.env` (PULSE_SERVER points at this server only; a desktop's own sound
server is left alone). Pacing is real time on both ends: the feeder writes 20 ms of audio every 20 ms
(silence between utterances, as a live microphone delivers; `starve()` stops writing, as an unplugged
device), and the null sink plays at its clock while `parec` records what came out.

Times are `time.perf_counter()` (CLOCK_MONOTONIC on Linux), the same clock the voice loop's records use in
its own process. The same rig by hand is in README ("A headless sound card").
"""

from __future__ import annotations

import os
import shutil
import subprocess
import threading
import time
from pathlib import Path

import numpy as np
import pytest

RATE = 16000  # the microphone pipe and the recording, mono s16le
CHUNK = 320  # 20 ms
NEEDED = ("pulseaudio", "pactl", "parec")


def missing() -> str | None:
    """Why the rig cannot run here, or None."""
    lacking = [tool for tool in NEEDED if shutil.which(tool) is None]
    if lacking:
        return (f"{', '.join(lacking)} not installed (apt-get install pulseaudio pulseaudio-utils "
                "libasound2-plugins; `make test` does it where no PipeWire server is installed)")
    return None


def require() -> None:
    """Skip the calling test when the rig cannot run, except in CI (REQUIRE_VIRTUAL_SOUND=1), where that fails."""
    why = missing()
    if why is None:
        return
    if os.environ.get("REQUIRE_VIRTUAL_SOUND") == "1":
        pytest.fail(f"the virtual sound card is required here: {why}")
    pytest.skip(why)


class VirtualSoundCard:
    def __init__(self, root: Path, mic_format: str = "s16le"):
        self.root = Path(root)
        self.mic_format = mic_format  # s16le, or float32le to feed samples no real microphone would
        self.fifo = self.root / "mic.fifo"
        runtime = self.root / "run"
        self.env = {**os.environ, "PULSE_SERVER": f"unix:{runtime}/native", "PULSE_RUNTIME_PATH": str(runtime),
                    "PULSE_STATE_PATH": str(self.root / "state"), "PULSE_COOKIE": str(self.root / "cookie")}
        self._daemon: subprocess.Popen | None = None
        self._mic_module: str | None = None
        self._pending: list[tuple[np.ndarray, threading.Event, list[float]]] = []
        self._lock = threading.Lock()
        self._feeding = threading.Event()
        self._feeder: threading.Thread | None = None
        self._parec: subprocess.Popen | None = None
        self._reads: list[tuple[float, int]] = []  # (when a read arrived, samples recorded after it)
        self._recorded = bytearray()

    # -- the server -----------------------------------------------------------------------------------
    def start(self) -> VirtualSoundCard:
        (self.root / "run").mkdir(parents=True, exist_ok=True)
        socket = self.root / "run" / "native"
        self._daemon = subprocess.Popen(
            ["pulseaudio", "-n", "--daemonize=no", "--exit-idle-time=-1", "--use-pid-file=no", "--system=no",
             "--disallow-exit=no", "--log-target=stderr", "--log-level=error",
             "-L", f"module-native-protocol-unix auth-anonymous=1 socket={socket}",
             "-L", "module-null-sink sink_name=vspk rate=48000"],
            env={**self.env, "HOME": str(self.root)}, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 20
        while self._pactl("info", check=False).returncode != 0:
            if self._daemon.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"PulseAudio did not start: {self._daemon.stderr.read().decode() if self._daemon.stderr else ''}")
            time.sleep(0.1)
        self.plug_microphone()
        self._pactl("set-default-sink", "vspk")
        return self

    def plug_microphone(self) -> None:
        """The pipe source (PulseAudio makes the FIFO), as the default input."""
        self.fifo.unlink(missing_ok=True)
        self._mic_module = self._pactl(
            "load-module", "module-pipe-source", "source_name=vmic", f"file={self.fifo}",
            f"format={self.mic_format}", f"rate={RATE}", "channels=1").stdout.strip()
        self._pactl("set-default-source", "vmic")

    def unplug_microphone(self) -> None:
        """The microphone disappears, as an unplugged USB one does. PulseAudio (as PipeWire) moves its streams to
        the fallback input: here the idle speaker's monitor, which delivers exact zeros."""
        self.starve()
        if self._mic_module:
            self._pactl("unload-module", self._mic_module)
            self._mic_module = None

    def close(self) -> None:
        self.starve()
        if self._parec is not None:
            self._parec.kill()
            self._parec.wait(5)
        if self._daemon is not None:
            self._daemon.terminate()
            try:
                self._daemon.wait(5)
            except subprocess.TimeoutExpired:
                self._daemon.kill()

    def _pactl(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        return subprocess.run(["pactl", *args], env=self.env, capture_output=True, text=True, timeout=20,
                              check=check)

    # -- the microphone ---------------------------------------------------------------------------------
    def feed(self) -> None:
        """Start delivering the microphone's audio in real time: silence, and what `say` queues."""
        if self._feeder is not None:
            return
        self._feeding.set()
        self._feeder = threading.Thread(target=self._feed, name="virtual-mic", daemon=True)
        self._feeder.start()

    def starve(self) -> None:
        """Stop writing: the source then delivers nothing at all (not silence)."""
        self._feeding.clear()
        if self._feeder is not None:
            self._feeder.join(5)
            self._feeder = None

    def say(self, samples: np.ndarray) -> tuple[threading.Event, list[float]]:
        """Queue 16 kHz float32 speech into the microphone after what is queued; (an event set when it has
        all been written, a list that gets the perf_counter time its first sample was written)."""
        done, started = threading.Event(), []
        with self._lock:
            self._pending.append((np.asarray(samples, np.float32).reshape(-1), done, started))
        return done, started

    def _encode(self, samples: np.ndarray) -> bytes:
        if self.mic_format == "float32le":
            return samples.astype("<f4").tobytes()
        return (np.clip(samples, -1, 1) * 32767).astype("<i2").tobytes()

    def _feed(self) -> None:
        # never blocks: while nobody records, PulseAudio reads nothing and the pipe fills; then the samples
        # are lost, as a live microphone's are (a full pipe holds ~2 s, delivered at once to the next stream)
        fd = os.open(self.fifo, os.O_WRONLY | os.O_NONBLOCK)
        try:
            begun, written = time.perf_counter(), 0
            current: tuple[np.ndarray, threading.Event, list[float]] | None = None
            offset = 0
            noise = np.random.default_rng(0)
            while self._feeding.is_set():
                if current is None:
                    with self._lock:
                        current = self._pending.pop(0) if self._pending else None
                    offset = 0
                if current is not None:
                    samples, done, started = current
                    if offset == 0:
                        started.append(time.perf_counter())
                    chunk = samples[offset:offset + CHUNK]
                    offset += CHUNK
                    if offset >= samples.size:
                        done.set()
                        current = None
                    if chunk.size < CHUNK:
                        chunk = np.concatenate([chunk, np.zeros(CHUNK - chunk.size, np.float32)])
                else:  # a live microphone's noise floor (about -70 dBFS), never exact zeros
                    chunk = (noise.standard_normal(CHUNK) * 3e-4).astype(np.float32)
                try:
                    os.write(fd, self._encode(chunk))
                except BlockingIOError:
                    pass
                except BrokenPipeError:  # the server has gone
                    return
                written += CHUNK
                time.sleep(max(0.0, begun + written / RATE - time.perf_counter()))
        finally:
            os.close(fd)

    # -- the speaker --------------------------------------------------------------------------------------
    def record(self) -> None:
        """Start recording what the speaker plays (its monitor), 16 kHz mono."""
        self._parec = subprocess.Popen(
            ["parec", "-d", "vspk.monitor", "--raw", "--format=s16le", f"--rate={RATE}", "--channels=1",
             "--latency-msec=10"], env=self.env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        threading.Thread(target=self._read, name="virtual-speaker", daemon=True).start()

    def _read(self) -> None:
        assert self._parec is not None and self._parec.stdout is not None
        while block := self._parec.stdout.read1(4096):  # type: ignore[attr-defined]
            with self._lock:
                self._recorded += block
                self._reads.append((time.perf_counter(), len(self._recorded) // 2))

    def recording(self) -> tuple[np.ndarray, float]:
        """(what the speaker played so far as float32, the perf_counter time of its first sample). The time
        of sample 0 is the earliest any read allows: each read arrives after its samples were played."""
        with self._lock:
            data = bytes(self._recorded[: len(self._recorded) // 2 * 2])
            reads = list(self._reads)
        samples = np.frombuffer(data, "<i2").astype(np.float32) / 32768
        start = min((at - count / RATE for at, count in reads), default=time.perf_counter())
        return samples, start


def loud_spans(samples: np.ndarray, level: float = 0.01, gap_s: float = 0.3) -> list[tuple[float, float]]:
    """(start, end) seconds where the audio is above `level`, merging gaps shorter than `gap_s`."""
    window = RATE // 100  # 10 ms
    n = samples.size // window
    if n == 0:
        return []
    loud = np.abs(samples[: n * window]).reshape(n, window).max(axis=1) > level
    spans: list[tuple[float, float]] = []
    for i in np.flatnonzero(loud):
        t = i * window / RATE
        if spans and t - spans[-1][1] <= gap_s:
            spans[-1] = (spans[-1][0], t + window / RATE)
        else:
            spans.append((t, t + window / RATE))
    return spans
