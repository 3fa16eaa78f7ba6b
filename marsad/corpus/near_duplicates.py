"""Near-duplicates: the same article republished elsewhere, found by MinHash LSH over word shingles."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash, MinHashLSH

from marsad.text.words import words

NUM_PERM = 64
SHINGLE_WORDS = 3
# Estimated Jaccard similarity of shingle sets above which a text is a copy of an earlier one.
# Republished copies differ by a headline, a byline or a dropped paragraph, and stay well above
# it; two reports of one event written separately share phrases but stay well below it.
THRESHOLD = 0.7
# Too few shingles make the estimate meaningless: such short texts are never linked.
MIN_SHINGLES = 8


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[bytes]:
    """The set of `size`-word shingles of a text's normalised words."""
    tokens = words(text)
    if len(tokens) < size:
        return {" ".join(tokens).encode("utf-8")} if tokens else set()
    return {" ".join(tokens[i:i + size]).encode("utf-8") for i in range(len(tokens) - size + 1)}


def signature(text: str) -> bytes | None:
    """The MinHash signature of a text as bytes (None for texts too short to compare)."""
    grams = shingles(text)
    if len(grams) < MIN_SHINGLES:
        return None
    minhash = MinHash(num_perm=NUM_PERM)
    minhash.update_batch(list(grams))
    return minhash.hashvalues.astype(np.uint64).tobytes()


def _minhash(blob: bytes) -> MinHash:
    return MinHash(num_perm=NUM_PERM, hashvalues=np.frombuffer(blob, dtype=np.uint64))


@dataclass
class DuplicateFinder:
    """An LSH index of the signatures seen so far; the first of a set of copies is the original."""

    threshold: float = THRESHOLD

    def __post_init__(self) -> None:
        self.lsh = MinHashLSH(threshold=self.threshold, num_perm=NUM_PERM)
        self.minhashes: dict[str, MinHash] = {}
        self.order: dict[str, int] = {}
        self.original: dict[str, str] = {}

    def add(self, document_id: str, blob: bytes | None, duplicate_of: str | None = None) -> None:
        if blob is None or document_id in self.order:
            return
        minhash = _minhash(blob)
        self.order[document_id] = len(self.order)
        self.original[document_id] = duplicate_of or document_id
        self.minhashes[document_id] = minhash
        self.lsh.insert(document_id, minhash)

    def find(self, blob: bytes | None) -> tuple[str, float] | None:
        """The original that a signature copies, with the estimated similarity, or None."""
        if blob is None:
            return None
        minhash = _minhash(blob)
        best: tuple[float, int, str] | None = None
        for candidate in self.lsh.query(minhash):
            similarity = minhash.jaccard(self.minhashes[candidate])
            if similarity < self.threshold:
                continue
            key = (-similarity, self.order[candidate], candidate)
            if best is None or key < best:
                best = key
        if best is None:
            return None
        # A copy of a copy is linked to the first original, so chains stay one level deep.
        return self.original[best[2]], -best[0]


def build_finder(rows: Iterable[tuple[str, bytes | None, str | None]]) -> DuplicateFinder:
    """A finder loaded with stored (document id, signature, duplicate_of) rows, in ingest order."""
    finder = DuplicateFinder()
    for document_id, blob, duplicate_of in rows:
        finder.add(document_id, blob, duplicate_of)
    return finder
