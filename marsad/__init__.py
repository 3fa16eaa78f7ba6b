"""Marsad (مرصد): structured, verifiable knowledge from Arabic news."""
from __future__ import annotations

from marsad.analysis import analyze, analyze_document
from marsad.errors import MarsadError
from marsad.nlp.pipeline import load
from marsad.record import Analysis

__all__ = ["analyze", "analyze_document", "load", "Analysis", "MarsadError"]
__version__ = "0.1.0"
