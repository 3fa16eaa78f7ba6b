"""BIO tags of the NER model (PERS, LOC, ORG, MISC) and the entity spans they stand for."""
from __future__ import annotations

from collections.abc import Iterable, Sequence

ENTITY_TYPES = ("PERS", "LOC", "ORG", "MISC")
TAGS = ("O",) + tuple(f"{p}-{t}" for t in ENTITY_TYPES for p in ("B", "I"))
# spaCy refuses empty words; an empty ANERcorp token becomes this inside a Doc only.
EMPTY_TOKEN_PLACEHOLDER = "_"


def doc_words(tokens: Iterable[str]) -> list[str]:
    """The words to build a spaCy Doc from: the tokens, with a placeholder for empty ones."""
    return [token if token.strip() else EMPTY_TOKEN_PLACEHOLDER for token in tokens]


def bio_spans(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """Entity spans (start, end, type) of a BIO sequence; an I- not continuing its type starts one."""
    spans: list[tuple[int, int, str]] = []
    start, label = None, None
    for i, tag in enumerate(list(tags) + ["O"]):
        prefix, _, kind = tag.partition("-")
        continues = prefix == "I" and kind == label
        if start is not None and not continues:
            spans.append((start, i, label))
            start, label = None, None
        if prefix == "B" or (prefix == "I" and not continues):
            start, label = i, kind
    return spans


def spans_to_bio(n_tokens: int, spans: Iterable[tuple[int, int, str]]) -> list[str]:
    """A BIO sequence of `n_tokens` tags from non-overlapping (start, end, type) spans."""
    tags = ["O"] * n_tokens
    for start, end, label in spans:
        tags[start] = f"B-{label}"
        for i in range(start + 1, end):
            tags[i] = f"I-{label}"
    return tags
