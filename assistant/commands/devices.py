"""`assistant devices [--json]`: audio inputs and outputs (names or indexes for the voice settings)."""

from __future__ import annotations

import json

from . import Invocation


def add(sub, shared) -> None:
    devices = sub.add_parser("devices", parents=[shared], help="list audio input and output devices")
    devices.add_argument("--json", action="store_true")
    devices.set_defaults(run=run)


def run(inv: Invocation) -> int:
    from ..audio.devices import audio_devices

    inputs, outputs, problem = audio_devices()
    if not inputs and not outputs:
        problem = problem or "no audio devices found (no sound card on this machine)"
    if inv.args.json:
        print(json.dumps({"inputs": inputs, "outputs": outputs, "problem": problem}, indent=2))
        return 0
    for title, devices in (("inputs", inputs), ("outputs", outputs)):
        print(f"{title}:")
        for d in devices:
            print(f"  {d['index']:>3}  {d['name']}  ({d['channels']} ch, {d['default_samplerate']:.0f} Hz)")
        if not devices:
            print("  (none)")
    if problem:
        print(f"\n{problem}; text still works: `assistant ask`, `assistant chat`, or `assistant voice --input FILE`")
    return 0
