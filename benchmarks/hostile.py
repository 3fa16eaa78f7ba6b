"""Hostile inputs (issue 14) against normal Arabic news of the same size: seconds per 100 KB and
peak memory of the whole analysis, each input in a child process of its own.

Normal text is paragraphs of ../shared/corpus/news2018 repeated to the size, built at run time
(tests/adversarial/hostile_inputs.py builds both, for these figures and for the tests).

    python benchmarks/hostile.py [--only guillemets,numbers] [--scale 0.25] [--timeout 600]

Sizes default to the issue's: 20,000 « (40 KB), one 170 KB sentence with a trigger every few
words, 100,000 and 1,000,000 diacritics on one letter, 50,000 dates (1.5 MB), 15,000 dates
joined by و (400 KB), 100,000 numbers (588 KB). --scale multiplies them all.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

from adversarial.hostile_inputs import HOSTILE, normal_article  # noqa: E402

SIZES = [("guillemets", 40_000), ("trigger_sentence", 170_000), ("diacritics", 200_000),
         ("diacritics", 2_000_000), ("dates", 1_500_000), ("dates_joined", 400_000),
         ("numbers", 588_000)]
TARGET_RATIO = 20    # the bar: within 20 times normal news of the same size

CHILD = """
import json, sys, time, resource
sys.path.insert(0, {tests!r})
from adversarial.hostile_inputs import HOSTILE, normal_article
import marsad
marsad.analyze(normal_article(3000), "2020-11-23")      # load and warm the pipeline first
name, size = sys.argv[1], int(sys.argv[2])
text = normal_article(size) if name == "normal" else HOSTILE[name](size)
start = time.perf_counter()
marsad.analyze(text, "2020-11-23")
print(json.dumps({{"seconds": time.perf_counter() - start, "bytes": len(text.encode()),
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))
"""


def measure(name: str, size: int, timeout: float) -> dict:
    """Seconds, bytes and peak resident MB of one analysis in a fresh child process."""
    code = CHILD.format(tests=str(REPO / "tests"))
    child = subprocess.Popen([sys.executable, "-c", code, name, str(size)], cwd=REPO,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                             env={**os.environ, "MARSAD_TIME_LIMIT": "0"})
    started = time.monotonic()
    try:
        out, err = child.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        child.kill()
        child.communicate()
        return {"seconds": None, "bytes": size, "peak_mb": None,
                "note": f"killed after {time.monotonic() - started:.0f} s"}
    if child.returncode != 0:
        return {"seconds": None, "bytes": size, "peak_mb": None, "note": err.strip()[-200:]}
    return json.loads(out.strip().splitlines()[-1])


def per_100kb(result: dict) -> float | None:
    return result["seconds"] / (result["bytes"] / 100_000) if result["seconds"] is not None else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default="", help="Comma-separated input names.")
    parser.add_argument("--scale", type=float, default=1.0, help="Multiply every size.")
    parser.add_argument("--timeout", type=float, default=600, help="Seconds before a run is killed.")
    args = parser.parse_args()
    wanted = set(filter(None, args.only.split(",")))
    unknown = wanted - set(HOSTILE)
    if unknown:
        sys.exit(f"unknown input(s): {', '.join(sorted(unknown))} (known: {', '.join(HOSTILE)})")
    rows = [(name, int(size * args.scale)) for name, size in SIZES if not wanted or name in wanted]
    print(f"{'input':18} {'KB':>7} {'s/100KB':>9} {'news s/100KB':>13} {'ratio':>6} {'peak MB':>8} "
          f"{'news MB':>8}")
    for name, size in rows:
        news = measure("normal", size, args.timeout)
        hostile = measure(name, size, args.timeout)
        h, n = per_100kb(hostile), per_100kb(news)
        ratio = f"{h / n:6.1f}" if h is not None and n else "     -"
        flag = "" if h is None or not n or h / n <= TARGET_RATIO else "  over 20x"
        hostile_mb = f"{hostile['peak_mb']:8.0f}" if hostile["peak_mb"] else "       -"
        news_mb = f"{news['peak_mb']:8.0f}" if news["peak_mb"] else "       -"
        print(f"{name:18} {size / 1000:7.0f} {h if h is not None else float('nan'):9.2f} "
              f"{n if n is not None else float('nan'):13.2f} {ratio} {hostile_mb} {news_mb}{flag}"
              + (f"  ({hostile['note']})" if hostile.get("note") else ""), flush=True)


if __name__ == "__main__":
    main()
