"""`marsad watch` throughput: one round over a loopback site of N article pages.

Serves a sitemap of N invented Arabic article pages (tests/watch_server.py) on 127.0.0.1, then
runs one watch round into a fresh store with no per-host delay, and prints articles per second
for the whole round (fetch, read, analyse, store) and for fetching alone (the same pages asked
again through the polite fetcher), so the share of the network side shows.

    python benchmarks/watch.py [--pages 1000] [--json]
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

from watch_server import NewsSite, rss  # noqa: E402

from marsad.nlp.pipeline import load_warm  # noqa: E402
from marsad.store.db import Store  # noqa: E402
from marsad.watch.analysis import LocalAnalysis  # noqa: E402
from marsad.watch.fetch import Fetcher, FetchPolicy  # noqa: E402
from marsad.watch.rounds import Watcher, progress_line  # noqa: E402
from marsad.watch.sources import Source  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    site = NewsSite().start()
    site.add("/robots.txt", "User-agent: *\nAllow: /\n", "text/plain")
    site.add("/feed.xml", rss(site.base, list(range(args.pages))))
    policy = FetchPolicy(delay_s=0.0, timeout_s=30, retries=0)
    load_warm()   # loading the pipeline is no round's time
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "watch.db"
        with Store(db) as store, Fetcher(policy) as fetcher:
            watcher = Watcher(store, fetcher, LocalAnalysis(0), lambda line: print(line, file=sys.stderr),
                              max_articles=args.pages)
            report = watcher.round([Source(f"{site.base}/feed.xml", "benchmark", "ar")])
            print(progress_line(1, report), file=sys.stderr)
            stored = store.counts()["documents"]
        with Fetcher(policy) as fetcher:
            started = time.monotonic()
            for n in range(args.pages):
                fetcher.get(f"{site.base}/news/{n}.html")
            fetch_s = time.monotonic() - started
    site.close()
    result = {"pages": args.pages, "stored": stored, "round_s": round(report.seconds, 2),
              "articles_per_s": round(report.new / report.seconds, 1),
              "fetch_only_per_s": round(args.pages / fetch_s, 1), "failures": report.failures}
    if args.json:
        print(json.dumps(result))
    else:
        print(f"{result['stored']} of {args.pages} pages stored in {result['round_s']} s: "
              f"{result['articles_per_s']} articles/s (fetch, read, analyse, store; one process); "
              f"fetching alone {result['fetch_only_per_s']} pages/s; {result['failures']} failures")


if __name__ == "__main__":
    main()
