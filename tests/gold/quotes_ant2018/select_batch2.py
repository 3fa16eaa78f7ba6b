"""The seeded draw of this folder's second batch, 31-40 (run from the repository root; prints ids).

The same pool as select_articles.py (a body of 600-2,000 characters with a speech verb), minus
every ant2018 article named anywhere under tests/gold/ (quotes, entities, disputes gold) or in
the event annotations: two per outlet, drawn with random.Random(SEED), then taken one of each
outlet in turn (the order of annotation).
"""
import json
import random
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from select_articles import CUE, REPO, SHARED, taken  # noqa: E402  (the same pool)

SEED = 1602
PER_OUTLET_2 = 2
ANT_ID = re.compile(r"[A-Za-z]+-[A-Za-z]+-\d+-\d{8}")


def in_any_gold() -> set[str]:
    ids = taken()
    for path in (REPO / "tests" / "gold").rglob("*"):
        if path.is_file() and path.suffix in {".json", ".jsonl"}:
            ids |= set(ANT_ID.findall(path.read_text(encoding="utf-8")))
        ids |= set(ANT_ID.findall(path.name))
    return ids


def draw() -> list[str]:
    excluded = in_any_gold()
    by_outlet: dict[str, list[str]] = {}
    for line in SHARED.open(encoding="utf-8"):
        row = json.loads(line)
        body = row["text"].strip()
        if row["id"] not in excluded and 600 <= len(body) <= 2000 and CUE.search(body):
            by_outlet.setdefault(row["source"], []).append(row["id"])
    rng = random.Random(SEED)
    drawn = [rng.sample(by_outlet[outlet], PER_OUTLET_2) for outlet in sorted(by_outlet)]
    return [doc for turn in zip(*drawn) for doc in turn]


if __name__ == "__main__":
    print("\n".join(draw()))
