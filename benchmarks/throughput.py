"""Throughput of the whole pipeline and of `marsad batch`, against the blank Arabic tokenizer.

Prints documents/s (one core), the tokenizer-only yardstick, the time each stage takes, and
peak memory. Input: the articles of ../shared/corpus (or any folder of .txt pages) repeated
to N documents.

    python benchmarks/throughput.py [--documents 300] [--corpus ../shared/corpus/news2018]
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")

import spacy  # noqa: E402

import marsad  # noqa: E402
from marsad.ingest import parse_text  # noqa: E402

REPO = Path(__file__).resolve().parents[1]


def load_pages(folder: Path, count: int) -> list[str]:
    pages = [p.read_text("utf-8") for p in sorted(folder.rglob("*.txt")) if p.name[0].isdigit() or "-" in p.name]
    if not pages:
        sys.exit(f"no .txt pages under {folder}")
    return [pages[i % len(pages)] for i in range(count)]


def stage_profile(texts: list[str]) -> dict[str, float]:
    """Seconds spent in each pipeline component over `texts`."""
    nlp = marsad.load()
    spent = {name: 0.0 for name, _ in nlp.pipeline}
    spent["tokenizer"] = 0.0
    for text in texts:
        start = time.perf_counter()
        doc = nlp.make_doc(text)
        spent["tokenizer"] += time.perf_counter() - start
        doc._.published = "2020-01-01"
        for name, component in nlp.pipeline:
            start = time.perf_counter()
            doc = component(doc)
            spent[name] += time.perf_counter() - start
    return spent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=300)
    parser.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus")
    args = parser.parse_args()
    pages = load_pages(args.corpus, args.documents)
    documents = [parse_text(page, f"page {i}") for i, page in enumerate(pages)]
    texts = [d.text for d in documents]
    size = sum(len(t) for t in texts) / len(texts)

    blank = spacy.blank("ar")
    start = time.perf_counter()
    tokens = sum(len(blank(t)) for t in texts)
    tokenizer_rate = len(texts) / (time.perf_counter() - start)

    marsad.load()
    marsad.analyze(pages[0])  # loads every model and lexicon before timing
    start = time.perf_counter()
    for page in pages:
        marsad.analyze(page)
    pipeline_rate = len(pages) / (time.perf_counter() - start)

    spent = stage_profile(texts)
    total = sum(spent.values())

    with tempfile.TemporaryDirectory() as tmp:
        batch_in = Path(tmp) / "in.jsonl"
        with batch_in.open("w", encoding="utf-8") as handle:
            for i, page in enumerate(pages):
                handle.write(json.dumps({"id": str(i), "text": page}, ensure_ascii=False) + "\n")
        rates = {}
        for workers in (1, 2):
            start = time.perf_counter()
            subprocess.run([sys.executable, "-m", "marsad.cli", "batch", str(batch_in), "-o",
                            str(Path(tmp) / "out.jsonl"), "--workers", str(workers)],
                           check=True, capture_output=True)
            rates[workers] = len(pages) / (time.perf_counter() - start)

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"documents: {len(pages)} of {size:,.0f} characters on average ({tokens / len(texts):,.0f} tokens)")
    print(f"tokenizer only (spacy.blank('ar')), one core: {tokenizer_rate:,.1f} documents/s")
    print(f"whole pipeline (marsad.analyze), one core:   {pipeline_rate:,.1f} documents/s "
          f"= 1/{tokenizer_rate / pipeline_rate:,.1f} of the tokenizer")
    for workers, rate in rates.items():
        print(f"marsad batch --workers {workers} (process start and model load included): {rate:,.1f} documents/s")
    print("time by stage:")
    for name, seconds in sorted(spent.items(), key=lambda kv: -kv[1]):
        print(f"  {name:<18} {1000 * seconds / len(texts):7.2f} ms/document  {100 * seconds / total:5.1f}%")
    print(f"peak memory of this process: {peak:,.0f} MB")


if __name__ == "__main__":
    main()
