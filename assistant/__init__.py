"""spark-assistant: a local, voice-first, multimodal assistant for a GPU workstation."""

__version__ = "0.1.0"

import os as _os

# Torch's OpenMP threads spin while they wait; on a small CPU shared with the voice loop, STT, TTS and
# other processes, that spinning makes each call many times slower. Passive waiting costs little.
_os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
