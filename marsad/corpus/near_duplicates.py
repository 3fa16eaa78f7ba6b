"""Near-duplicates: the same article republished elsewhere, found by MinHash LSH over word shingles."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash, MinHashLSH

from marsad.text.words import words

NUM_PERM = 128
SHINGLE_WORDS = 3
# Named so that stored signatures stay comparable across datasketch versions.
SCHEME = "affine32"
# Candidates come from LSH at this estimated Jaccard similarity of shingle sets; a candidate is
# an original when the shorter text's shingles are mostly (CONTAINMENT) inside the other's.
# Republished copies differ by a headline, a byline or a dropped paragraph, and stay well above
# both; two reports of one event written separately share phrases but stay well below.
THRESHOLD = 0.5
CONTAINMENT = 0.85
# Too few shingles make the estimate meaningless: such short texts are never linked.
MIN_SHINGLES = 8
# A copy is republished within days; two texts further apart in publication date are two
# items of a recurring formula ("N injured in an explosion in X"), not one article.
MAX_DAYS_APART = 7


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[bytes]:
    """The set of `size`-word shingles of a text's normalised words."""
    tokens = words(text)
    if len(tokens) < size:
        return {" ".join(tokens).encode("utf-8")} if tokens else set()
    return {" ".join(tokens[i:i + size]).encode("utf-8") for i in range(len(tokens) - size + 1)}


def signature(text: str) -> bytes | None:
    """The shingle count and MinHash signature of a text as bytes (None if too short to compare)."""
    grams = shingles(text)
    if len(grams) < MIN_SHINGLES:
        return None
    minhash = MinHash(num_perm=NUM_PERM, scheme=SCHEME)
    minhash.update_batch(list(grams))
    return len(grams).to_bytes(8, "little") + minhash.hashvalues.astype(np.uint64).tobytes()


def _minhash(blob: bytes) -> tuple[MinHash, int]:
    values = np.frombuffer(blob[8:], dtype=np.uint64)
    return MinHash(num_perm=NUM_PERM, scheme=SCHEME, hashvalues=values), int.from_bytes(blob[:8], "little")


def containment(jaccard: float, size_a: int, size_b: int) -> float:
    """The share of the smaller set inside the larger, from their Jaccard similarity and sizes."""
    shared = jaccard * (size_a + size_b) / (1 + jaccard)
    return min(1.0, shared / max(1, min(size_a, size_b)))


@dataclass
class DuplicateFinder:
    """An LSH index of the signatures seen so far; the first of a set of copies is the original."""

    threshold: float = THRESHOLD

    def __post_init__(self) -> None:
        self.lsh = MinHashLSH(threshold=self.threshold, num_perm=NUM_PERM)
        self.minhashes: dict[str, tuple[MinHash, int]] = {}
        self.order: dict[str, int] = {}
        self.original: dict[str, str] = {}
        self.published: dict[str, dt.date | None] = {}

    def add(self, document_id: str, blob: bytes | None, duplicate_of: str | None = None,
            published: str | None = None) -> None:
        if blob is None or document_id in self.order:
            return
        minhash, size = _minhash(blob)
        self.order[document_id] = len(self.order)
        self.original[document_id] = duplicate_of or document_id
        self.minhashes[document_id] = minhash, size
        self.published[document_id] = _date(published)
        self.lsh.insert(document_id, minhash)

    def find(self, blob: bytes | None, published: str | None = None) -> tuple[str, float] | None:
        """The original that a signature copies, with the estimated containment, or None."""
        if blob is None:
            return None
        minhash, size = _minhash(blob)
        date = _date(published)
        best: tuple[float, int, str] | None = None
        for candidate in self.lsh.query(minhash):
            other, other_size = self.minhashes[candidate]
            other_date = self.published[candidate]
            if date and other_date and abs((date - other_date).days) > MAX_DAYS_APART:
                continue
            similarity = containment(minhash.jaccard(other), size, other_size)
            if similarity < CONTAINMENT:
                continue
            key = (-similarity, self.order[candidate], candidate)
            if best is None or key < best:
                best = key
        if best is None:
            return None
        # A copy of a copy is linked to the first original, so chains stay one level deep.
        return self.original[best[2]], -best[0]


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def build_finder(rows: Iterable[tuple[str, bytes | None, str | None, str | None]]) -> DuplicateFinder:
    """A finder loaded with stored (id, signature, duplicate_of, published) rows, in ingest order."""
    finder = DuplicateFinder()
    for document_id, blob, duplicate_of, published in rows:
        finder.add(document_id, blob, duplicate_of, published)
    return finder
