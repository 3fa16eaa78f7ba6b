"""Word-level helpers for matching: the words of a line, and their clitic-free stems by the
shipped Lexicon's Morphology, for code that holds no Lexicon (the store's search index, scoring).
A stage reads its own Lexicon's Morphology (`lexicon.morphology.stem`, `.proclitic_variants`)."""
from __future__ import annotations

from marsad.lexicon.lexicon import load_lexicon
from marsad.text.normalize import words

__all__ = ["words", "stem", "proclitic_variants"]


def stem(word: str) -> str:
    """A normalised word without its proclitics and article, and without a final tanwin alef
    (marsad.lexicon.morphology), each only where three letters stay."""
    return load_lexicon().morphology.stem(word)


def proclitic_variants(word: str) -> list[str]:
    """A normalised word and the forms it has without glued conjunctions and prepositions.

    Most specific first: `وللعراق` gives `وللعراق`, `للعراق`, `العراق`. The contraction
    of ل with the article (`لل`) is undone to `ال`. A stem keeps at least three letters.
    """
    return load_lexicon().morphology.proclitic_variants(word)
