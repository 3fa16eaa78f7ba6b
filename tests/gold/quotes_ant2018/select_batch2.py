"""The seeded draws of this folder's second batch, 31-40, and third, 41-46 (run from the repository
root; prints ids; `select_batch2.py 1603 6 3` draws the third).

The same pool as select_articles.py (a body of 600-2,000 characters with a speech verb), minus
every ant2018 article named anywhere under tests/gold/ (quotes, entities, disputes gold, leaving
out this folder's files of the batch drawn and later ones) or in the event annotations: two per
outlet, drawn with random.Random(seed), then taken one of each outlet in turn (the order of
annotation). The third batch also leaves out the articles whose Marsad output was looked at while
rules were written after the second (viewed_during_development.txt).
"""
import json
import random
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from select_articles import CUE, REPO, SHARED, taken  # noqa: E402  (the same pool)

SEED = 1602
PER_OUTLET_2 = 2
ANT_ID = re.compile(r"[A-Za-z]+-[A-Za-z]+-\d+-\d{8}")


def in_any_gold(batch: int) -> set[str]:
    """The articles in any gold before `batch` of this folder."""
    ids = taken()
    for path in (REPO / "tests" / "gold").rglob("*"):
        if not path.is_file() or path.suffix not in {".json", ".jsonl"}:
            continue
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".json" and json.loads(text).get("batch", 1) >= batch and HERE in path.parents:
            continue
        ids |= set(ANT_ID.findall(text))
    if batch >= 3:
        ids |= set((HERE / "viewed_during_development.txt").read_text(encoding="utf-8").split())
    return ids


def draw(seed: int = SEED, count: int = 10, batch: int = 2) -> list[str]:
    excluded = in_any_gold(batch)
    by_outlet: dict[str, list[str]] = {}
    for line in SHARED.open(encoding="utf-8"):
        row = json.loads(line)
        body = row["text"].strip()
        if row["id"] not in excluded and 600 <= len(body) <= 2000 and CUE.search(body):
            by_outlet.setdefault(row["source"], []).append(row["id"])
    rng = random.Random(seed)
    drawn = [rng.sample(by_outlet[outlet], PER_OUTLET_2) for outlet in sorted(by_outlet)]
    return [doc for turn in zip(*drawn) for doc in turn][:count]


if __name__ == "__main__":
    print("\n".join(draw(*map(int, sys.argv[1:4]))))
