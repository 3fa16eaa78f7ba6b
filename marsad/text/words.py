"""Word-level helpers for matching: tokens of a line and their clitic-free stems."""
from __future__ import annotations

import re

from marsad.text.normalize import normalize

_WORD = re.compile(r"[\w\u0600-\u06FF]+")
# Conjunction and preposition proclitics, then the article; tried longest first.
_PROCLITICS = ("وبال", "وال", "فال", "بال", "كال", "ولل", "لل", "و", "ف", "ب", "ل", "ك")


def words(text: str) -> list[str]:
    """The normalised words of a text."""
    return _WORD.findall(normalize(text))


def stem(word: str) -> str:
    """A normalised word without its proclitics and article, and without a final tanwin alef."""
    for prefix in _PROCLITICS:
        if word.startswith(prefix) and len(word) - len(prefix) >= 3:
            word = word[len(prefix):]
            break
    if word.startswith("ال") and len(word) >= 5:
        word = word[2:]
    if word.endswith("ا") and len(word) >= 4:
        word = word[:-1]
    return word


_CONJUNCTIONS = ("و", "ف")
_PREPOSITIONS = ("ب", "ل", "ك")


def proclitic_variants(word: str) -> list[str]:
    """A normalised word and the forms it has without glued conjunctions and prepositions.

    Most specific first: `وللعراق` gives `وللعراق`, `للعراق`, `العراق`. The contraction
    of ل with the article (`لل`) is undone to `ال`. A stem keeps at least two letters.
    """
    variants = [word]
    stems = [word]
    if word[:1] in _CONJUNCTIONS and len(word) > 3:
        stems.append(word[1:])
    for base in list(stems):
        if base[:1] in _PREPOSITIONS and len(base) > 3:
            rest = base[1:]
            if base.startswith("لل"):
                rest = "ا" + rest  # لل = ل + ال with the alef dropped
            stems.append(rest)
    for candidate in stems[1:]:
        if candidate not in variants:
            variants.append(candidate)
    return variants
