"""Speed of the packaged NER model on one core: tokens/s tagging ANERcorp-format sentences, and its size on disk.

Usage: python benchmarks/ner_speed.py [CONLL_FILE] [--repeat N]
Default input: the held-out part of ../shared/data/anercorp/train.txt (the last 10% of sentences).
"""
from __future__ import annotations

import os

# One core: set before numpy / blis are imported.
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS"):
    os.environ[_var] = "1"

import argparse  # noqa: E402
import json  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402


def main() -> None:
    from marsad.nlp.ner import MODEL_DIR, load_ner_model, tag_sentences
    from marsad.training.ner_data import read_conll, split_held_out
    from marsad.training.ner_train import DEFAULT_DATA, model_size

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("conll", nargs="?", type=Path, default=None)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    if args.conll is None:
        sentences = split_held_out(read_conll(DEFAULT_DATA))[1]
    else:
        sentences = read_conll(args.conll)
    tokens = [list(s.tokens) for s in sentences]
    n_tokens = sum(map(len, tokens))

    try:
        from threadpoolctl import threadpool_limits
        threadpool_limits(1)
    except ImportError:
        pass
    started = time.perf_counter()
    nlp = load_ner_model()
    load_s = time.perf_counter() - started
    tag_sentences(tokens[:50], nlp=nlp)  # warm-up

    def best_seconds(consistent: bool) -> float:
        best = float("inf")
        for _ in range(args.repeat):
            started = time.perf_counter()
            tag_sentences(tokens, nlp=nlp, consistent=consistent)
            best = min(best, time.perf_counter() - started)
        return best

    shipped, alone = best_seconds(True), best_seconds(False)
    print(json.dumps({
        "tokens": n_tokens,
        "tokens_per_s": round(n_tokens / shipped),
        "tokens_per_s_model_alone": round(n_tokens / alone),
        "load_seconds": round(load_s, 2),
        "model_bytes": model_size(MODEL_DIR),
        "model_mb": round(model_size(MODEL_DIR) / 1e6, 2),
    }, indent=1))


if __name__ == "__main__":
    main()
