"""One small inference per voice model before the loop listens.

A new process pays for ONNX Runtime's and CTranslate2's first run (memory arenas, kernel choice): about
0.1 to 0.3 s each for Piper and Whisper on 2 cores. Paid at start, it is not paid on the first turn,
which is the one a user notices. Piper says a word; Whisper, Silero and Smart Turn hear it.
"""

from __future__ import annotations

import numpy as np

from ..audio.frames import FRAME_SAMPLES, SAMPLE_RATE
from ..audio.io import resample
from ..roles import SpeechToText, TextToSpeech, TurnEnd, VoiceActivity

WARM_UP_TEXT = "Ready."


def warm_voice_models(vad: VoiceActivity, stt: SpeechToText, tts: TextToSpeech, turn: TurnEnd | None,
                      language: str | None) -> None:
    """Run each model once on a spoken word, and leave the stateful ones (the VAD) as they were."""
    speech = tts.synthesize_all(WARM_UP_TEXT).astype(np.float32) / 32768
    speech = resample(speech, tts.sample_rate, SAMPLE_RATE)
    stt.transcribe(speech, language, utterance=True)
    for start in range(0, min(speech.size, 8 * FRAME_SAMPLES) - FRAME_SAMPLES + 1, FRAME_SAMPLES):
        vad.probability(speech[start:start + FRAME_SAMPLES])
    vad.reset()
    if turn is not None:
        turn.complete(speech)
