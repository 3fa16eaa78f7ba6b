"""Static word vectors (and word clusters) for the NER model, learned from unlabeled Arabic news.

`python -m marsad.training.ner_vectors OUT_DIR` reads the ant2018 articles (title and body; every
article that gold or annotations in the repository name is left out, so that no yardstick's text
is seen) and the words of
ANERcorp's training part (never its held-out last 10%), keys every word by the NER model's own
NORM (the folded, proclitic-stripped stem of marsad.nlp.ner_features), and learns vectors with
numpy/scipy alone:

1. counts of (word, context word at offset -2, -1, +1, +2) within an article or sentence, the
   offsets kept apart so that the vectors tell what stands before a word from what follows it;
2. positive pointwise mutual information, the context distribution smoothed (counts ** 0.75);
3. a truncated SVD (randomised, fixed seed): vectors = U * sqrt(S), rows scaled to unit length;
4. k-means over the vectors (fixed seed): one cluster id a word.

OUT_DIR becomes a spaCy pipeline holding only the vectors table, keyed by NORM (`Vectors(attr=
"NORM")`), which `[initialize] vectors` loads into the NER model, and `clusters.tsv` (word,
cluster). Only derived statistics are written; no text of the corpus.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

import numpy as np
from scipy import sparse

from marsad.nlp.ner_features import CLUSTER_FILE, NormVectors, read_clusters  # noqa: F401

REPO_ROOT = Path(__file__).resolve().parents[2]
SHARED = REPO_ROOT.parent / "shared"
DEFAULT_ARTICLES = SHARED / "corpus" / "ant2018" / "articles.jsonl"
DEFAULT_ANERCORP = SHARED / "data" / "anercorp" / "train.txt"
DEFAULT_EXCLUDE = (REPO_ROOT / "tests" / "gold", REPO_ROOT / "annotations")
DEFAULT_OUT = REPO_ROOT / "training" / "vectors"
OFFSETS = (-2, -1, 1, 2)


def article_texts(path: Path, exclude: set[str] = frozenset()) -> Iterator[str]:
    """The title and body of each article of an ant2018-format JSON-lines file, bar `exclude` ids."""
    with Path(path).open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            if row["id"] not in exclude:
                yield (row.get("title") or "").strip() + "\n\n" + (row.get("text") or "").strip()


def gold_document_ids(folders: Iterable[Path]) -> set[str]:
    """The ant2018 ids named anywhere under `folders`: gold files (one JSON object with
    `document`) and stand-off annotations (JSON lines with `doc`)."""
    ids = set()
    for folder in folders:
        for path in sorted(Path(folder).rglob("*.json*")):
            text = path.read_text(encoding="utf-8")
            rows = [json.loads(line) for line in text.splitlines() if line.strip()] \
                if path.suffix == ".jsonl" else [json.loads(text)]
            ids.update(row.get("document") or row.get("doc") for row in rows
                       if isinstance(row, dict) and row.get("corpus") == "ant2018")
    ids.discard(None)
    return ids


def tokenized(texts: Iterable[str]) -> Iterator[list[str]]:
    """The words of each text, split by the blank Arabic tokenizer (as the pipeline splits)."""
    import spacy

    tokenizer = spacy.blank("ar").tokenizer
    for doc in tokenizer.pipe(texts, batch_size=64):
        yield [t.text for t in doc if not t.is_space]


def keyed(sequences: Iterable[Sequence[str]], key: Callable[[str], str]) -> Iterator[list[str]]:
    """Each sequence's words mapped by `key` (remembered: each distinct word is keyed once)."""
    seen: dict[str, str] = {}
    for words in sequences:
        out = []
        for word in words:
            k = seen.get(word)
            if k is None:
                k = seen[word] = key(word)
            out.append(k)
        yield out


def cooccurrence(
    sequences: Sequence[Sequence[str]], max_rows: int, min_count: int, n_contexts: int,
    offsets: Sequence[int] = OFFSETS,
) -> tuple[list[str], sparse.csr_matrix]:
    """(row words, counts): rows are the `max_rows` most frequent words seen at least `min_count`
    times (ties by the word, so the order is fixed); columns are (offset, context word) for the
    `n_contexts` most frequent words, one block of columns an offset."""
    counts = Counter(w for words in sequences for w in words)
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    rows = [w for w, c in ranked[:max_rows] if c >= min_count]
    row_id = {w: i for i, w in enumerate(rows)}
    ctx_id = {w: i for i, (w, _) in enumerate(ranked[:n_contexts])}
    n_ctx = len(ctx_id)
    r_parts, c_parts = [], []
    for words in sequences:
        r = np.array([row_id.get(w, -1) for w in words], dtype=np.int64)
        c = np.array([ctx_id.get(w, -1) for w in words], dtype=np.int64)
        n = len(words)
        for block, off in enumerate(offsets):
            if n <= abs(off):
                continue
            rr, cc = (r[:n - off], c[off:]) if off > 0 else (r[-off:], c[:n + off])
            keep = (rr >= 0) & (cc >= 0)
            r_parts.append(rr[keep])
            c_parts.append(cc[keep] + block * n_ctx)
    r_all = np.concatenate(r_parts) if r_parts else np.zeros(0, np.int64)
    c_all = np.concatenate(c_parts) if c_parts else np.zeros(0, np.int64)
    matrix = sparse.csr_matrix((np.ones(len(r_all), np.float64), (r_all, c_all)),
                               shape=(len(rows), n_ctx * len(offsets)))
    matrix.sum_duplicates()
    return rows, matrix


def ppmi(counts: sparse.csr_matrix, alpha: float = 0.75) -> sparse.csr_matrix:
    """Positive PMI of a count matrix, the context distribution raised to `alpha`."""
    counts = counts.tocoo()
    total = counts.sum()
    row_p = np.asarray(counts.sum(axis=1)).ravel() / total
    ctx = np.asarray(counts.sum(axis=0)).ravel() ** alpha
    ctx_p = ctx / ctx.sum()
    with np.errstate(divide="ignore"):
        pmi = np.log(counts.data / total) - np.log(row_p[counts.row]) - np.log(ctx_p[counts.col])
    keep = pmi > 0
    return sparse.csr_matrix((pmi[keep], (counts.row[keep], counts.col[keep])), shape=counts.shape)


def randomized_svd(matrix, k: int, seed: int, oversample: int = 20, n_iter: int = 4):
    """(U, S) of the top-`k` singular triples (Halko et al.), reproducible from `seed`."""
    rng = np.random.default_rng(seed)
    k_all = min(k + oversample, min(matrix.shape))
    q = matrix @ rng.standard_normal((matrix.shape[1], k_all))
    q, _ = np.linalg.qr(q)
    for _ in range(n_iter):
        z, _ = np.linalg.qr(matrix.T @ q)
        q, _ = np.linalg.qr(matrix @ z)
    b = (matrix.T @ q).T
    u_b, s, _ = np.linalg.svd(b, full_matrices=False)
    u = q @ u_b
    # a sign per component fixed by its largest entry, so runs agree whatever LAPACK returns
    signs = np.sign(u[np.abs(u).argmax(axis=0), np.arange(u.shape[1])])
    signs[signs == 0] = 1
    return (u * signs)[:, :k], s[:k]


def word_vectors(counts: sparse.csr_matrix, dims: int, seed: int) -> np.ndarray:
    """Unit-length rows of U * sqrt(S) from the PPMI of `counts` (float32)."""
    u, s = randomized_svd(ppmi(counts), min(dims, min(counts.shape) - 1), seed)
    vectors = u * np.sqrt(s)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    norms[norms == 0] = 1
    return (vectors / norms).astype(np.float32)


def kmeans(vectors: np.ndarray, k: int, seed: int, iterations: int = 25) -> np.ndarray:
    """Cluster id of each (unit-length) row: spherical k-means, centres first drawn from the rows
    by `seed`, so a run gives the same clusters every time."""
    rng = np.random.default_rng(seed)
    k = min(k, len(vectors))
    centres = vectors[rng.choice(len(vectors), size=k, replace=False)].copy()
    labels = np.zeros(len(vectors), dtype=np.int64)
    for _ in range(iterations):
        labels = np.argmax(vectors @ centres.T, axis=1)
        for j in range(k):
            members = vectors[labels == j]
            if len(members):
                centre = members.sum(axis=0)
                centres[j] = centre / (np.linalg.norm(centre) or 1)
    return labels


def save(out_dir: Path, words: Sequence[str], vectors: np.ndarray, clusters: np.ndarray | None,
         meta: dict) -> None:
    """A spaCy pipeline with the vectors (keyed by NORM), clusters.tsv and vectors_meta.json."""
    import spacy

    out_dir = Path(out_dir)
    nlp = spacy.blank("ar", config={"nlp": {"vectors": {"@vectors": "marsad.norm_vectors.v1"}}})
    nlp.vocab.vectors = NormVectors(strings=nlp.vocab.strings, data=vectors, keys=list(words),
                                    attr="NORM")
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(out_dir)
    if clusters is not None:
        (out_dir / CLUSTER_FILE).write_text(
            "".join(f"{w}\t{c}\n" for w, c in zip(words, clusters)), encoding="utf-8")
    (out_dir / "vectors_meta.json").write_text(json.dumps(meta, indent=1, ensure_ascii=False),
                                              encoding="utf-8")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m marsad.training.ner_vectors", description=__doc__)
    parser.add_argument("out", nargs="?", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--articles", type=Path, default=DEFAULT_ARTICLES)
    parser.add_argument("--anercorp", type=Path, default=DEFAULT_ANERCORP,
                        help="ANERcorp-format file: the words of its training part are added")
    parser.add_argument("--exclude-gold", type=Path, nargs="*", default=list(DEFAULT_EXCLUDE),
                        help="ant2018 articles named by gold or annotations under these folders are left out")
    parser.add_argument("--rows", type=int, default=25_000)
    parser.add_argument("--min-count", type=int, default=5)
    parser.add_argument("--contexts", type=int, default=10_000)
    parser.add_argument("--dims", type=int, default=64)
    parser.add_argument("--clusters", type=int, default=256)
    parser.add_argument("--seed", type=int, default=1234)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    import time

    args = parse_args(argv)
    from marsad.nlp.ner_features import NerFeatures
    from marsad.training.ner_data import read_conll, split_held_out

    started = time.perf_counter()
    exclude = gold_document_ids(args.exclude_gold) if args.exclude_gold else set()
    sequences = list(tokenized(article_texts(args.articles, exclude)))
    n_articles = len(sequences)
    if args.anercorp:
        sequences.extend(list(s.tokens) for s in split_held_out(read_conll(args.anercorp))[0])
    features = NerFeatures()
    sequences = list(keyed(sequences, features.norm))
    n_tokens = sum(map(len, sequences))
    print(f"{n_articles} articles ({len(exclude)} gold ones left out) and "
          f"{len(sequences) - n_articles} ANERcorp sentences: {n_tokens} words", flush=True)
    words, counts = cooccurrence(sequences, args.rows, args.min_count, args.contexts)
    vectors = word_vectors(counts, args.dims, args.seed)
    clusters = kmeans(vectors, args.clusters, args.seed) if args.clusters else None
    word_set = set(words)
    coverage = sum(w in word_set for s in sequences for w in s) / max(n_tokens, 1)
    meta = {
        "sources": {"ant2018": str(args.articles.name), "articles": n_articles,
                    "gold_articles_left_out": sorted(exclude),
                    "anercorp": args.anercorp.name if args.anercorp else None},
        "tokens": n_tokens, "rows": len(words), "dims": int(vectors.shape[1]),
        "min_count": args.min_count, "contexts": args.contexts, "offsets": list(OFFSETS),
        "clusters": args.clusters, "seed": args.seed, "token_coverage": round(coverage, 4),
        "key": "NORM (marsad.nlp.ner_features)",
    }
    save(args.out, words, vectors, clusters, meta)
    print(f"{len(words)} x {vectors.shape[1]} vectors, {coverage:.1%} of the words covered, "
          f"written to {args.out} in {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
