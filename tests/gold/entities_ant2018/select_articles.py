"""The seeded draw that chose this folder's articles (run from the repository root; prints ids).

Among ant2018 articles of 800-2,500 characters (title, blank line, body: what one annotator
reads whole), not already annotated for events (annotations/events) or disputes
(tests/gold/disputes2018): four per outlet, drawn with random.Random(SEED).sample over the
outlet's ids sorted, outlets in sorted order, then taken one of each outlet in turn (the order
of annotation; the split follows it: the last third, seven whole documents, is held out).
"""
import json
import random
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]
SHARED = REPO.parent / "shared" / "corpus" / "ant2018" / "articles.jsonl"
SEED = 17
PER_OUTLET = 4
LENGTH = (800, 2500)


def taken() -> set[str]:
    ids = set()
    for path in (REPO / "annotations" / "events" / "batches").glob("*.jsonl"):
        for line in path.open(encoding="utf-8"):
            if line.strip():
                row = json.loads(line)
                if row.get("corpus", "ant2018") == "ant2018":
                    ids.add(row["doc"])
    for line in (REPO / "tests" / "gold" / "disputes2018" / "pairs.jsonl").open(encoding="utf-8"):
        row = json.loads(line)
        ids |= {side["document"] for side in (row["claim"], row["denial"])}
    return ids


def draw() -> list[str]:
    excluded = taken()
    by_outlet: dict[str, list[str]] = {}
    for line in SHARED.open(encoding="utf-8"):
        row = json.loads(line)
        size = len(row["title"].strip()) + 2 + len(row["text"].strip())
        if row["id"] not in excluded and LENGTH[0] <= size <= LENGTH[1]:
            by_outlet.setdefault(row["source"], []).append(row["id"])
    rng = random.Random(SEED)
    drawn = [rng.sample(sorted(by_outlet[outlet]), PER_OUTLET) for outlet in sorted(by_outlet)]
    return [doc for turn in zip(*drawn) for doc in turn]


if __name__ == "__main__":
    print("\n".join(draw()))
