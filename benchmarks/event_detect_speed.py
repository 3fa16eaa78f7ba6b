"""Speed of the ASSAULT/PROTEST sentence detectors on one core: sentences/s and model size.

Usage: python benchmarks/event_detect_speed.py [GSR_DIR] [--repeat N]
Default input: every sentence of ../shared/data/event_gsr_dev/{assault,protest}.csv.
"""
from __future__ import annotations

import os

# One core: set before numpy is imported.
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS"):
    os.environ[_var] = "1"

import argparse  # noqa: E402
import csv  # noqa: E402
import json  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402


def main() -> None:
    from marsad.nlp.event_detect import MODEL_DIR, load_detector
    from marsad.training.event_detect_train import DEFAULT_GSR, model_size

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("gsr_dir", nargs="?", type=Path, default=DEFAULT_GSR)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    sentences = []
    for name in ("assault.csv", "protest.csv"):
        with (args.gsr_dir / name).open(encoding="utf-8", newline="") as fh:
            sentences += [row["text"] for row in csv.DictReader(fh)]

    started = time.perf_counter()
    detector = load_detector()
    load_s = time.perf_counter() - started
    detector.scores(sentences[:50])  # warm-up
    best = float("inf")
    for _ in range(args.repeat):
        started = time.perf_counter()
        detector.scores(sentences)
        best = min(best, time.perf_counter() - started)
    print(json.dumps({
        "sentences": len(sentences),
        "mean_chars": round(sum(map(len, sentences)) / len(sentences)),
        "best_seconds": round(best, 3),
        "sentences_per_s": round(len(sentences) / best),
        "load_seconds": round(load_s, 2),
        "model_mb": round(model_size(MODEL_DIR) / 1e6, 2),
    }, indent=1))


if __name__ == "__main__":
    main()
