"""Marsad (مرصد): structured, verifiable knowledge from Arabic news."""
from __future__ import annotations

from importlib import import_module
from typing import Any

__all__ = ["analyze", "analyze_document", "load", "Analysis", "MarsadError"]
__version__ = "0.1.0"

# Loaded on first use, so that `import marsad` stays cheap and the command line can report
# a bad setting before the heavy modules load.
_LAZY = {
    "analyze": "marsad.analysis",
    "analyze_document": "marsad.analysis",
    "load": "marsad.nlp.pipeline",
    "Analysis": "marsad.record",
    "MarsadError": "marsad.errors",
}


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module 'marsad' has no attribute {name!r}")
    return getattr(import_module(_LAZY[name]), name)
