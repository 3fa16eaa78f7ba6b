"""Kept for the modules that still import the date vocabulary from here (marsad.nlp.events): the
shipped Lexicon's, read through it."""
from __future__ import annotations

from marsad.lexicon.lexicon import load_lexicon
from marsad.text.date_vocab import DateVocabulary


def load_date_vocabulary() -> DateVocabulary:
    """The date vocabulary of the shipped Lexicon (Lexicon.dates)."""
    return load_lexicon().dates
