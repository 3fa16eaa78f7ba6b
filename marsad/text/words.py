"""Word-level helpers for matching: tokens of a line and their clitic-free stems."""
from __future__ import annotations

import re

from marsad.lexicon.morphology import load_morphology
from marsad.text.normalize import normalize

_WORD = re.compile(r"[\w\u0600-\u06FF]+")
# The shipped clitics, without a word list; the helpers below run on every word, so the
# Morphology is looked up once.
_MORPHOLOGY = load_morphology()


def words(text: str) -> list[str]:
    """The normalised words of a text."""
    return _WORD.findall(normalize(text))


def stem(word: str) -> str:
    """A normalised word without its proclitics and article, and without a final tanwin alef
    (marsad.lexicon.morphology), each only where three letters stay."""
    return _MORPHOLOGY.stem(word)


def proclitic_variants(word: str) -> list[str]:
    """A normalised word and the forms it has without glued conjunctions and prepositions.

    Most specific first: `وللعراق` gives `وللعراق`, `للعراق`, `العراق`. The contraction
    of ل with the article (`لل`) is undone to `ال`. A stem keeps at least three letters.
    """
    return _MORPHOLOGY.proclitic_variants(word)
