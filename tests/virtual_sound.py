"""A virtual sound card for tests (not a test module): a private PulseAudio server whose microphone is a
pipe fed in real time and whose speaker is a null sink recorded from its monitor.

PortAudio reaches it as real hardware is reached, through ALSA's `pulse`/`default` devices, in a child
process whose environment is `card.env` (PULSE_SERVER points at this server only; a desktop's own sound
server is left alone). Pacing is real time on both ends: the feeder writes 20 ms of audio every 20 ms
(silence between utterances, as a live microphone delivers; `starve()` stops writing, as an unplugged
device), and the null sink plays at its clock while `parec` records what came out.

Times are `time.perf_counter()` (CLOCK_MONOTONIC on Linux), the same clock the voice loop's records use in
its own process. The same rig by hand is in README ("A headless sound card").

With a `Room` the card is a speaker and a microphone in one room (open speakers, full duplex): what the speaker
plays is recorded from its monitor and mixed back into the microphone feed, through the room's impulse response
(delay, gain, optional reverberation) over its noise floor; what `say` queues is mixed on top. The echo reaches
the microphone `room.delay_ms` plus the rig's own latency (RIG_LATENCY_S, about 10 ms) after the monitor
delivered it; `room_latency_s()` measures the total on the running card.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest

RATE = 16000  # the microphone pipe and the recording, mono s16le
CHUNK = 320  # 20 ms
NEEDED = ("pulseaudio", "pactl", "parec")  # pacat (Room, play) is parec
# With a room, the mic chunk written at time W carries the echo of what the speaker's monitor delivered from
# W - ECHO_LAG_S on (the lag leaves one chunk and parec's block jitter for the samples to arrive). A chunk is
# written whole, 20 ms before its last sample's time, so the echo reaches a microphone client (parec at 10 ms
# latency) delay + RIG_LATENCY_S after the monitor's client (parec at 10 ms) got the sound: ECHO_LAG_S less a
# chunk, plus delivery; measured 10.3-11.1 ms (median 10.6) on a 2-core machine with PulseAudio 16.1
# (`room_latency_s()` measures the total). Clients with bigger buffers (PortAudio's) add theirs on both ends.
ECHO_LAG_S = 0.030
RIG_LATENCY_S = 0.0106
ECHO_WAIT_S = 0.020  # how long a chunk waits for speaker samples still in flight; then they count as silence


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


@dataclass(frozen=True)
class Room:
    """The speaker heard by the microphone: `delay_ms` late (on top of the rig's latency), `gain_db` down (0 dB:
    full level), with reverberation when `rt60_s` > 0, over white noise at `noise_dbfs` (RMS re full scale 1.0;
    None: no noise, the echo and speech alone)."""

    gain_db: float = 0.0
    delay_ms: float = 30.0
    rt60_s: float = 0.0
    noise_dbfs: float | None = -60.0
    seed: int = 0  # of the reverberation tail

    def impulse_response(self, rate: int = RATE) -> np.ndarray:
        """Speaker to microphone, float32: `delay_ms` of zeros, the direct path (one tap at `gain_db`), then with
        rt60_s > 0 a tail of seeded white noise decaying exponentially (-60 dB at rt60_s, where it ends) and
        carrying as much energy as the direct path (a direct-to-reverberant ratio of 0 dB)."""
        gain = 10 ** (self.gain_db / 20)
        lag, length = round(self.delay_ms * rate / 1000), round(self.rt60_s * rate)
        response = np.zeros(lag + 1 + length, np.float32)
        response[lag] = gain
        if length:
            decay = 10 ** (-3 * np.arange(1, length + 1) / length)  # amplitude: -60 dB after rt60_s
            tail = np.random.default_rng(self.seed).standard_normal(length) * decay
            response[lag + 1:] = tail * gain / np.linalg.norm(tail)
        return response


class Echo:
    """Streaming convolution with a room's response (overlap-save): each call takes the speaker's history that
    the next CHUNK outputs depend on, `history_size()` samples, and gives those outputs. The response's leading
    zeros (the delay) are a shift of the history, not taps."""

    def __init__(self, response: np.ndarray):
        nonzero = np.flatnonzero(response)
        self.lag = int(nonzero[0]) if nonzero.size else 0
        self.taps = np.asarray(response[self.lag:], np.float64)
        self.size = 1 << int(np.ceil(np.log2(self.taps.size + CHUNK - 1)))
        self.spectrum = np.fft.rfft(self.taps, self.size) if self.taps.size > 1 else None

    def history_size(self) -> int:
        return self.taps.size + CHUNK - 1

    def __call__(self, history: np.ndarray) -> np.ndarray:
        if self.spectrum is None:
            return (history[-CHUNK:] * self.taps[0]).astype(np.float32)
        out = np.fft.irfft(np.fft.rfft(history, self.size) * self.spectrum, self.size)
        return out[self.taps.size - 1: self.taps.size - 1 + CHUNK].astype(np.float32)


class Capture:
    """`parec` of a PulseAudio source, 16 kHz mono, read in a thread that keeps when each block arrived."""

    def __init__(self, env: dict[str, str], device: str, settle_s: float = 0.25):
        self._process = subprocess.Popen(
            ["parec", "-d", device, "--raw", "--format=s16le", f"--rate={RATE}", "--channels=1",
             "--latency-msec=10"], env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        self._lock = threading.Lock()
        self._data = bytearray()
        self._origin = float("inf")
        self._settle_s = settle_s  # blocks this soon after the first (a source's stale backlog) do not time it
        self._first: float | None = None
        self._thread = threading.Thread(target=self._read, name=f"capture-{device}", daemon=True)
        self._thread.start()

    def _read(self) -> None:
        assert self._process.stdout is not None
        while block := self._process.stdout.read1(4096):  # type: ignore[attr-defined]
            at = time.perf_counter()
            self._first = at if self._first is None else self._first
            with self._lock:
                self._data += block
                if at - self._first >= self._settle_s:
                    self._origin = min(self._origin, at - len(self._data) // 2 / RATE)

    def samples(self) -> tuple[np.ndarray, float]:
        """(float32 samples so far, perf_counter time of sample 0: the earliest any block's arrival allows)."""
        with self._lock:
            data, origin = bytes(self._data[: len(self._data) // 2 * 2]), self._origin
        return np.frombuffer(data, "<i2").astype(np.float32) / 32768, origin

    def close(self) -> None:
        self._process.kill()
        self._process.wait(5)
        self._thread.join(5)


def find(signal: np.ndarray, within: np.ndarray) -> int:
    """Where `signal` is in `within`: the cross-correlation's peak."""
    from scipy.signal import correlate

    return int(np.argmax(np.abs(correlate(within, signal, mode="valid", method="fft"))))


def chirp(seconds: float = 0.5, low: float = 300.0, high: float = 4000.0, level: float = 0.5) -> np.ndarray:
    """A linear sweep, faded in and out: a sharp cross-correlation peak."""
    t = np.arange(round(seconds * RATE)) / RATE
    sweep = np.sin(2 * np.pi * (low * t + (high - low) * t * t / (2 * seconds)))
    fade = np.minimum(1, np.minimum(t, seconds - t) / 0.01)
    return (level * sweep * fade).astype(np.float32)


class VirtualSoundCard:
    def __init__(self, root: Path, mic_format: str = "s16le", room: Room | None = None):
        self.root = Path(root)
        self.mic_format = mic_format  # s16le, or float32le to feed samples no real microphone would
        self.room = room
        self._echo = Echo(room.impulse_response()) if room is not None else None
        self._latency: float | None = None
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
        self._origin = float("inf")  # perf_counter time of the recording's sample 0, as recording() gives it

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
        if self.room is not None:
            self.record()  # the echo's source
            # the monitor's first block comes ~1.9 s after the server started; what plays before is not heard
            deadline = time.monotonic() + 10
            while self._origin == float("inf"):
                if time.monotonic() > deadline:
                    raise RuntimeError("the speaker's monitor delivers nothing")
                time.sleep(0.01)
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
                    if self.room is not None:
                        chunk = chunk + self._room_sound(begun + written / RATE, noise)
                elif self.room is not None:
                    chunk = self._room_sound(begun + written / RATE, noise)
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

    # -- the room -----------------------------------------------------------------------------------------
    def _room_sound(self, when: float, noise: np.random.Generator) -> np.ndarray:
        """What the room adds to the mic chunk written at `when` (its nominal time): the speaker's echo and the
        noise floor. The chunk's first sample is the convolution's output for the speaker sample the monitor
        delivered at when - ECHO_LAG_S (recording()'s timing); the delay is the response's leading zeros."""
        assert self.room is not None and self._echo is not None
        size = self._echo.history_size()
        deadline = time.perf_counter() + ECHO_WAIT_S
        while True:
            with self._lock:
                have = len(self._recorded) // 2
                end = 0  # one after the last speaker sample the history holds; 0: nothing recorded yet
                if self._origin != float("inf"):
                    end = round((when - ECHO_LAG_S - self._origin) * RATE) - self._echo.lag + CHUNK
                if end <= have or time.perf_counter() > deadline:  # late samples count as silence
                    first = min(max(0, end - size), have)
                    data = bytes(self._recorded[2 * first: 2 * max(first, min(end, have))])
                    break
            time.sleep(0.001)
        played = np.frombuffer(data, "<i2").astype(np.float64) / 32768
        history = np.zeros(size)
        if played.size:  # where it sits in the history: zeros before the recording began and after what came
            at = first - (end - size)
            history[at: at + played.size] = played
        sound = self._echo(history)
        if self.room.noise_dbfs is not None:
            sound += (noise.standard_normal(CHUNK) * 10 ** (self.room.noise_dbfs / 20)).astype(np.float32)
        return sound

    def play(self, samples: np.ndarray, lead_s: float = 0.2) -> None:
        """Play 16 kHz float32 samples through the speaker (pacat) after `lead_s` of silence; returns when they
        have been played. (A new stream makes the sink rewind what it had rendered ahead: the monitor's
        recording of a stream's first ~20 ms can come out cut; the silence takes that.)"""
        samples = np.concatenate([np.zeros(round(lead_s * RATE), np.float32), np.asarray(samples, np.float32)])
        data = (np.clip(samples, -1, 1) * 32767).astype("<i2").tobytes()
        subprocess.run(["pacat", "--playback", "-d", "vspk", "--raw", "--format=s16le", f"--rate={RATE}",
                        "--channels=1", "--latency-msec=20"], input=data, env=self.env, check=True, timeout=30)

    def room_latency_s(self) -> float:
        """The speaker-to-microphone delay of the room on this rig, in seconds: the room's delay plus the rig's
        latency, from when the monitor's recording got a sample to when a microphone client (parec, 10 ms
        latency) got its echo. Measured once with a chirp (the card must be feeding and otherwise quiet)."""
        if self._latency is None:
            if self.room is None or self._feeder is None:
                raise RuntimeError("room_latency_s() needs a room and a feeding microphone")
            self._latency = self.measure_latency()
        return self._latency

    def measure_latency(self, signal: np.ndarray | None = None) -> float:
        """Play `signal` (a chirp by default), find it in the speaker's recording and in the microphone's; the
        time between the two."""
        signal = chirp() if signal is None else signal
        microphone = Capture(self.env, "vmic")
        try:
            time.sleep(0.3)  # the microphone's stale backlog comes first
            before = self.recording()[0].size
            self.play(signal)
            time.sleep((self.room.delay_ms / 1000 if self.room else 0.0) + 0.3)
            heard, heard_origin = microphone.samples()
        finally:
            microphone.close()
        played, played_origin = self.recording()
        at = before + find(signal, played[before:])
        sent = played_origin + at / RATE
        echo = played[at: at + signal.size]
        skip = max(0, round((sent - heard_origin) * RATE))  # the echo comes after the speaker played it
        return heard_origin + (skip + find(echo, heard[skip:])) / RATE - sent

    # -- the speaker --------------------------------------------------------------------------------------
    def record(self) -> None:
        """Start recording what the speaker plays (its monitor), 16 kHz mono (once; a room starts it)."""
        if self._parec is not None:
            return
        self._parec = subprocess.Popen(
            ["parec", "-d", "vspk.monitor", "--raw", "--format=s16le", f"--rate={RATE}", "--channels=1",
             "--latency-msec=10"], env=self.env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        threading.Thread(target=self._read, name="virtual-speaker", daemon=True).start()

    def _read(self) -> None:
        assert self._parec is not None and self._parec.stdout is not None
        while block := self._parec.stdout.read1(4096):  # type: ignore[attr-defined]
            at = time.perf_counter()
            with self._lock:
                self._recorded += block
                self._reads.append((at, len(self._recorded) // 2))
                self._origin = min(self._origin, at - len(self._recorded) // 2 / RATE)

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
