"""Echo cancellation on real PortAudio streams: the virtual sound card's simulated room (tests/virtual_sound.py),
where the microphone hears the speaker late and loud. `assistant doctor --deep`'s echo path measurement, run in a
child process on the card as a user runs it; `assistant voice` in the room is bench/duplex.py."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

import virtual_sound
from virtual_sound import Room, VirtualSoundCard

pytestmark = pytest.mark.slow
MEASURE = ("import json, dataclasses; from assistant.config import VoiceSettings; "
           "from assistant.doctor.echo_path import measure; "
           "print(json.dumps(dataclasses.asdict(measure(VoiceSettings()))))")


def measured(card: VirtualSoundCard) -> dict:
    card.feed()
    done = subprocess.run([sys.executable, "-c", MEASURE], env=card.env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("gain_db,delay_ms", [(0.0, 30.0), (-6.0, 80.0)])
def test_the_doctor_measures_the_rooms_echo_path(tmp_path, gain_db, delay_ms):
    virtual_sound.require()
    card = VirtualSoundCard(tmp_path / "sound", room=Room(gain_db=gain_db, delay_ms=delay_ms)).start()
    try:
        check = measured(card)
    finally:
        card.close()
    facts = check["details"]
    assert check["status"] == "ok", check
    # the room's delay, plus the rig's ~10 ms, give or take what PortAudio's reported latencies miss
    assert delay_ms - 60 <= facts["delay_ms"] <= delay_ms + 120, facts  # (PortAudio's times are off by tens of ms)
    assert facts["attenuation_db"] == pytest.approx(gain_db, abs=3), facts
    # what is removed in these 5 s depends on how well PortAudio's times line the two streams up, which a loaded
    # machine spoils (1.5 dB once, beside a benchmark; 13-20 dB alone): reported, not held to a number here;
    # bench/duplex.py measures it over whole replies
    assert facts["removed_db"] is not None and facts["removed_db"] > 0, facts


def test_headphones_have_no_echo_path(tmp_path):
    virtual_sound.require()
    card = VirtualSoundCard(tmp_path / "sound").start()  # no room: the microphone never hears the speaker
    try:
        check = measured(card)
    finally:
        card.close()
    assert check["status"] == "info" and "does not hear" in check["summary"], check
