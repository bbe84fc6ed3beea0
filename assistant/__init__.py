"""spark-assistant: a local, voice-first, multimodal assistant for a GPU workstation."""

__version__ = "0.1.0"
