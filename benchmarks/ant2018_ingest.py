"""Ingest articles in the ant2018 layout with one command and check what the store kept (issue 15).

    .venv/bin/python benchmarks/ant2018_ingest.py ../shared/corpus/ant2018/articles.jsonl [--db FILE] [--limit N]

Runs `marsad ingest FILE --db DB` as a user would (timed), then checks each input line against
its stored record: the line's `title` as the title, its `time` (RFC 822, the date as written) as
the publication date, every body paragraph in the record's text, the outlet given. Prints the
time, the failures with their reasons, the store's size and the share of articles right.
"""
from __future__ import annotations

import argparse
import collections
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from email.utils import parsedate_tz
from pathlib import Path

from marsad.text.normalize import clean_display


def expected_date(value: str) -> str | None:
    parsed = parsedate_tz(value or "")
    return f"{parsed[0]:04d}-{parsed[1]:02d}-{parsed[2]:02d}" if parsed else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("articles", type=Path)
    parser.add_argument("--db", type=Path)
    parser.add_argument("--limit", type=int, help="Only the first N lines (a copy is ingested).")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="ant2018-"))
    source = args.articles
    if args.limit:
        source = work / "articles.jsonl"
        with args.articles.open(encoding="utf-8") as lines, source.open("w", encoding="utf-8") as out:
            for _, line in zip(range(args.limit), lines):
                out.write(line)
    db = args.db or work / "ant2018.db"
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "marsad", "ingest", str(source), "--db", str(db)],
                            capture_output=True, text=True)
    seconds = time.perf_counter() - started
    print(f"marsad ingest: exit {result.returncode}, {seconds:,.0f} s")
    print("\n".join(result.stderr.strip().splitlines()[-3:]))

    connection = sqlite3.connect(db)
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    records = {row[0]: json.loads(row[1]) for row in connection.execute('SELECT "id", "record" FROM "documents"')}
    failures = connection.execute('SELECT "code", "error" FROM "failures"').fetchall()
    size = sum(p.stat().st_size for p in db.parent.glob(db.name + "*"))
    total = 0
    wrong: collections.Counter[str] = collections.Counter()
    examples: dict[str, list[str]] = collections.defaultdict(list)
    right = 0
    with source.open(encoding="utf-8") as lines:
        for line in lines:
            if not line.strip():
                continue
            total += 1
            article = json.loads(line)
            record = records.get(article["id"])
            if record is None:
                wrong["not stored"] += 1
                continue
            problems = []
            if record["title"] != clean_display(article["title"]):
                problems.append("title")
            if record["published"] != expected_date(article["time"]):
                problems.append("published")
            if record.get("outlet") != article["source"]:
                problems.append("outlet")
            missing = [p for p in (clean_display(x) for x in article["text"].split("\n"))
                       if p and p not in record["text"]]
            if missing:
                problems.append("paragraph")
                elsewhere = all(any(p in kept for kept in record["highlights"] + record["boilerplate"])
                                for p in missing)
                examples["paragraph"].append(f"{article['id']}: {len(missing)} missing"
                                             f"{' (in highlights/boilerplate)' if elsewhere else ''}: "
                                             f"{missing[0][:80]}")
            for problem in problems:
                wrong[problem] += 1
            right += not problems
    print(f"articles: {total:,}; stored: {len(records):,}; failures: {len(failures):,}")
    for (code, error), count in collections.Counter((c, e.split(': ', 1)[-1][:120])
                                                    for c, e in failures).most_common(10):
        print(f"  {count:>5} {code} {error}")
    print(f"store: {size / 1e6:,.1f} MB ({db})")
    print(f"right (title, date, outlet, every paragraph in text): {right:,} of {total:,} = "
          f"{right / max(1, total):.2%}")
    for problem, count in wrong.most_common():
        print(f"  {problem}: {count:,}")
    for line in examples["paragraph"][:10]:
        print("   ", line)
    if not os.environ.get("KEEP") and args.db is None:
        print(f"(store left in {work})")


if __name__ == "__main__":
    main()
