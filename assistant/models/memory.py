"""How much memory a loaded torch model holds (the registry's budget counts it)."""

from __future__ import annotations


def module_bytes(*modules) -> int:
    """Bytes of the parameters and buffers of torch modules (None entries count as nothing)."""
    return sum(t.numel() * t.element_size()
               for m in modules if m is not None for t in (*m.parameters(), *m.buffers()))
