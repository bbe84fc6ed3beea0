"""The voice loop: a turn from the microphone to the speaker, built on the agent and on audio/'s parts.

- `loop.py`: the three stages (capture, transcribe, answer) joined by queues; `events.py`: what it reports.
- `endpointer.py` (end of turn: VAD, Smart Turn), `gate.py` (mute, push-to-talk, echo tail), `turns.py` (turn
  numbers, barge-in), `recognition.py` (begun on a pause), `replies.py` (tentative ones too), `sentences.py`,
  `speaking.py` (a bounded speaker queue), `runner.py` (where blocking work runs), `latency.py`, `warmup.py`.

It sits above the agent; `audio/` below holds what does not know of turns or the agent: files, devices,
sources, players and the speech models' wrappers (VAD, Smart Turn, Whisper, Piper).
"""
