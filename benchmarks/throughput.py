"""Throughput of the whole pipeline and of `marsad batch`, against the blank Arabic tokenizer.

Prints documents/s on one core, with `marsad batch --workers 1|2` (local processes) and on a
Dask LocalCluster of 2 workers (`--scheduler`), the tokenizer-only yardstick, the scaling
efficiency from 1 to 2 workers, the peak memory of each worker, and the time each stage
takes. Input: the articles of ../shared/corpus (or any folder of .txt pages), read at run
time and repeated to N documents.

    python benchmarks/throughput.py [--documents 300] [--corpus ../shared/corpus/news2018] [--no-dask]
"""
from __future__ import annotations

import argparse
import json
import os
import re
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


def run_cli_batch(batch_in: Path, out: Path, workers: int) -> tuple[float, str]:
    """Documents/s of `marsad batch --workers N` (process start and model load included), and its memory line."""
    count = sum(1 for _ in batch_in.open("rb"))
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "marsad.cli", "batch", str(batch_in), "-o", str(out),
                             "--workers", str(workers)], check=True, capture_output=True)
    rate = count / (time.perf_counter() - start)
    memory = re.search(r"peak memory per worker: (.*)", result.stderr.decode())
    return rate, memory.group(1) if memory else "not reported"


def run_dask(batch_in: Path, out: Path, workers: int = 2) -> dict:
    """`marsad batch --scheduler` on a LocalCluster: a cold run (workers load the pipeline) and a warm one."""
    from distributed import Client, LocalCluster

    from marsad.distributed import run_distributed

    start = time.perf_counter()
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None, silence_logs=40) as cluster, Client(cluster) as client:
        started = time.perf_counter() - start
        cold = run_distributed(batch_in, out, client, workers=workers)
        warm = run_distributed(batch_in, out, client, workers=workers)
    return {"cluster start s": started, "cold": cold, "warm": warm}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=300)
    parser.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus")
    parser.add_argument("--no-dask", action="store_true", help="Skip the Dask LocalCluster run.")
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
        rates, memory = {}, {}
        for workers in (1, 2):
            rates[workers], memory[workers] = run_cli_batch(batch_in, Path(tmp) / "out.jsonl", workers)
        dask = None if args.no_dask else run_dask(batch_in, Path(tmp) / "dask.jsonl")

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"documents: {len(pages)} of {size:,.0f} characters on average ({tokens / len(texts):,.0f} tokens)")
    print(f"tokenizer only (spacy.blank('ar')), one core: {tokenizer_rate:,.1f} documents/s")
    print(f"whole pipeline (marsad.analyze), one core:   {pipeline_rate:,.1f} documents/s "
          f"= 1/{tokenizer_rate / pipeline_rate:,.1f} of the tokenizer")
    for workers, rate in rates.items():
        print(f"marsad batch --workers {workers} (process start and model load included): {rate:,.1f} documents/s;"
              f" peak memory per worker: {memory[workers]}")
    print(f"scaling efficiency, --workers 1 to 2: {rates[2] / (2 * rates[1]):.0%} "
          f"(on {os.cpu_count()} cores)")
    if dask:
        for run in ("cold", "warm"):
            report = dask[run]
            workers_memory = ", ".join(f"{mb:,.0f} MB" for mb in sorted(report.peak_memory_mb.values()))
            print(f"Dask LocalCluster, 2 workers, {run} ({report.partitions} partitions): "
                  f"{report.rate:,.1f} documents/s; peak memory per worker: {workers_memory}")
        print(f"  (cluster start: {dask['cluster start s']:.1f} s, not counted; cold includes the "
              f"workers' pipeline load; Dask 2 workers / --workers 1: "
              f"{dask['warm'].rate / (2 * rates[1]):.0%} scaling efficiency)")
    print("time by stage:")
    for name, seconds in sorted(spent.items(), key=lambda kv: -kv[1]):
        print(f"  {name:<18} {1000 * seconds / len(texts):7.2f} ms/document  {100 * seconds / total:5.1f}%")
    print(f"peak memory of this process: {peak:,.0f} MB")


if __name__ == "__main__":
    main()
