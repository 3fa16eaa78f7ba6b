"""GET latency of the real server while it analyses a slow posted document (issue 14).

Starts `python -m marsad serve` on a free loopback port over an empty store, posts a hostile
document (tests/adversarial/hostile_inputs.py) with no time limit, and while it is being
analysed reads `/` and `/api/documents` in a loop; prints the analysis' duration and the reads'
latencies (p50, max), and with --busy N posts N more documents at once to show what a full
queue answers (503 and Retry-After).

    python benchmarks/reads_during_analysis.py [--kind trigger_sentence] [--size 60000] [--busy 12]
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))
sys.path.insert(0, str(REPO / "benchmarks"))

from adversarial import hostile_inputs  # noqa: E402
from load import TOKEN, Server  # noqa: E402
from marsad.store import Store  # noqa: E402

AUTH = {"Authorization": f"Bearer {TOKEN}"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=60_000, help="bytes of the slow document")
    parser.add_argument("--kind", default="trigger_sentence",
                        help="a generator of tests/adversarial/hostile_inputs.py")
    parser.add_argument("--busy", type=int, default=0, help="documents posted at once afterwards")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        db = Path(work) / "empty.db"
        Store(db).close()
        server = Server(db, Path(work) / "server.log")
        try:
            server.wait_ready()
            with httpx.Client(base_url=server.base, timeout=None, headers=AUTH) as client:
                warm = client.post("/api/analyze", json={"text": "خبر\n\nزار الوزير بغداد يوم الأحد."})
                print(f"warm-up analysis: {warm.status_code}")
                text = getattr(hostile_inputs, args.kind)(args.size)
                measure(client, text)
                if args.busy:
                    flood(server.base, args.busy, text)
        finally:
            server.stop()


def measure(client: httpx.Client, text: str) -> None:
    done: dict = {}

    def analyse():
        started = time.perf_counter()
        response = httpx.post(client.base_url.join("/api/analyze"), json={"text": text},
                              headers=AUTH, timeout=None)
        done.update(status=response.status_code, seconds=time.perf_counter() - started)

    worker = threading.Thread(target=analyse)
    worker.start()
    time.sleep(1.0)   # the post is sent and its analysis under way
    latencies = []
    while worker.is_alive():
        for path in ("/", "/api/documents"):
            started = time.perf_counter()
            assert client.get(path).status_code == 200
            latencies.append(time.perf_counter() - started)
        time.sleep(0.2)
    worker.join()
    print(f"analysis of {len(text.encode()):,} bytes: {done['status']} in {done['seconds']:.1f} s")
    if latencies:
        print(f"{len(latencies)} reads meanwhile: p50 {1000 * statistics.median(latencies):.0f} ms, "
              f"max {1000 * max(latencies):.0f} ms")


def flood(base: str, count: int, text: str) -> None:
    answers: list = []

    def post():
        started = time.perf_counter()
        response = httpx.post(base + "/api/analyze", json={"text": text}, headers=AUTH, timeout=None)
        answers.append((response.status_code, response.headers.get("retry-after"),
                        time.perf_counter() - started))

    threads = [threading.Thread(target=post) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for status in sorted({a[0] for a in answers}):
        same = [a for a in answers if a[0] == status]
        print(f"{len(same)} x {status} (Retry-After {same[0][1]}), answered in "
              f"{min(a[2] for a in same):.2f}-{max(a[2] for a in same):.2f} s")


if __name__ == "__main__":
    main()
