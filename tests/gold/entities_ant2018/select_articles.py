"""The seeded draw that chose this folder's articles (run from the repository root; prints ids).

Among ant2018 articles of 800-2,500 characters (title, blank line, body: what one annotator
reads whole), not already annotated for events (annotations/events) or disputes
(tests/gold/disputes2018): four per outlet, drawn with random.Random(SEED).sample over the
outlet's ids sorted, outlets in sorted order, then taken one of each outlet in turn (the order
of annotation; the split follows it: the last third, seven whole documents, is held out).

Batch 2 (`--batch 2`, files 21-30): the same length window, two per outlet with seed 1702,
excluding batch 1 and every ant2018 id written anywhere under tests/ or annotations/ (any
gold set, any annotation batch), taken one of each outlet in turn.

Batch 3 (`--batch 3`, files 31-40): the parts of the corpus no entity batch has drawn from,
articles shorter or longer than the window above: one per outlet of 2,501-3,200 characters,
then one per outlet of 400-799, with seed 1703, excluding batches 1 and 2 and every ant2018 id
written anywhere under tests/ or annotations/.

Batch 4 (`--batch 4`, files 41-50): 800-3,200 characters (both windows above), two per outlet
with seed 1704, excluding batches 1-3 (the ids of this folder's files 01-40) and every ant2018
id written anywhere under tests/ or annotations/, taken one of each outlet in turn. Files that
are batch 4's own (this folder's and agreement/'s with `"batch": 4`) are not read for the
exclusion, so that the draw still prints them once they are written; other ids written later
under tests/ or annotations/ change it (the draw was made at the tree of the commit that added
the batch). The --batch 2 and --batch 3 draws do read their own files, and so no longer print
their batches now that these are written.

Batch 5 (`--batch 5`, files 51-60): as batch 4 (800-3,200 characters, two per outlet, one of
each outlet in turn) with seed 1705, excluding batches 1-4 and every ant2018 id written anywhere
under tests/ or annotations/ but batch 5's own files, so that it still prints them once written.

Batch 6 (`--batch 6`, files 61-70): as batch 5 (800-3,200 characters, two per outlet, one of
each outlet in turn) with seed 1706, excluding batches 1-5 (this folder's files 01-60) and every
ant2018 id written anywhere under tests/ or annotations/ but batch 6's own files, so that it still
prints them once written.

Batch 7 (`--batch 7`, files 71-80): as batch 6 with seed 1707, excluding batches 1-6.

Batch 8 (`--batch 8`, files 81-90): as batch 6 with seed 1708, excluding batches 1-7.

Batch 9 (`--batch 9`, files 91-100): as batch 6 with seed 1709, excluding batches 1-8.

Batch 10 (`--batch 10`, files 101-110): as batch 6 with seed 1710, excluding batches 1-9.

Batch 11 (`--batch 11`, files 111-120): as batch 6 with seed 1711, excluding batches 1-10.

Batch 12 (`--batch 12`, files 121-150): as batch 6 with seed 1712, excluding batches 1-11, but six per
outlet (one of each outlet in turn), for three annotators of ten.
"""
import json
import random
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]
SHARED = REPO.parent / "shared" / "corpus" / "ant2018" / "articles.jsonl"
SEED = 17
PER_OUTLET = 4
LENGTH = (800, 2500)
BATCH2_SEED = 1702
BATCH2_PER_OUTLET = 2
BATCH3_SEED = 1703
BATCH3_LENGTHS = ((2501, 3200), (400, 799))
BATCH4_PER_OUTLET = 2
BATCH4_LENGTH = (800, 3200)
LATER_SEEDS = {4: 1704, 5: 1705, 6: 1706, 7: 1707, 8: 1708, 9: 1709, 10: 1710, 11: 1711, 12: 1712}
LATER_PER_OUTLET = {12: 6}  # batches not named here draw BATCH4_PER_OUTLET
ANT2018_ID = re.compile(r"\b(?:BB|CN|AL|FR|SK)-[A-Za-z]+-\d+-2018\d{4}\b")


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


def mentioned_anywhere(skip: frozenset[Path] = frozenset()) -> set[str]:
    """Every ant2018 id written in a file under tests/ or annotations/ (but the files in skip)."""
    ids = set()
    for folder in ("tests", "annotations"):
        for path in (REPO / folder).rglob("*"):
            if path.is_file() and path not in skip and path.suffix in {".json", ".jsonl", ".tsv", ".md", ".py", ".txt", ".csv"}:
                ids |= set(ANT2018_ID.findall(path.read_text(encoding="utf-8", errors="replace")))
    return ids


def by_outlet(excluded: set[str], length: tuple[int, int] = LENGTH) -> dict[str, list[str]]:
    outlets: dict[str, list[str]] = {}
    for line in SHARED.open(encoding="utf-8"):
        row = json.loads(line)
        size = len(row["title"].strip()) + 2 + len(row["text"].strip())
        if row["id"] not in excluded and length[0] <= size <= length[1]:
            outlets.setdefault(row["source"], []).append(row["id"])
    return outlets


def draw() -> list[str]:
    outlets = by_outlet(taken())
    rng = random.Random(SEED)
    drawn = [rng.sample(sorted(outlets[outlet]), PER_OUTLET) for outlet in sorted(outlets)]
    return [doc for turn in zip(*drawn) for doc in turn]


def draw_batch2(batch1: list[str]) -> list[str]:
    outlets = by_outlet(taken() | mentioned_anywhere() | set(batch1))
    rng = random.Random(BATCH2_SEED)
    drawn = [rng.sample(sorted(outlets[outlet]), BATCH2_PER_OUTLET) for outlet in sorted(outlets)]
    return [doc for turn in zip(*drawn) for doc in turn]


def draw_batch3(batch1: list[str], batch2: list[str]) -> list[str]:
    excluded = taken() | mentioned_anywhere() | set(batch1) | set(batch2)
    rng = random.Random(BATCH3_SEED)
    turns = []
    for length in BATCH3_LENGTHS:
        outlets = by_outlet(excluded, length)
        turns.append([rng.choice(sorted(outlets[outlet])) for outlet in sorted(outlets)])
    return [doc for turn in turns for doc in turn]


def gold_files(batch: int | None) -> dict[Path, str]:
    """This folder's gold files (and agreement/'s) of one batch (None: batch 1) -> document id."""
    here = Path(__file__).resolve().parent
    files = {}
    for path in sorted(here.glob("*.json")) + sorted(here.glob("agreement/*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        if gold.get("batch") == batch:
            files[path] = gold["document"]
    return files


def draw_later(batch: int) -> list[str]:
    """Batch 4 onwards: two per outlet of BATCH4_LENGTH, excluding every earlier batch."""
    earlier = {doc for b in (None, *range(2, batch)) for doc in gold_files(b).values()}
    excluded = taken() | mentioned_anywhere(frozenset(gold_files(batch))) | earlier
    outlets = by_outlet(excluded, BATCH4_LENGTH)
    rng = random.Random(LATER_SEEDS[batch])
    per_outlet = LATER_PER_OUTLET.get(batch, BATCH4_PER_OUTLET)
    drawn = [rng.sample(sorted(outlets[outlet]), per_outlet) for outlet in sorted(outlets)]
    return [doc for turn in zip(*drawn) for doc in turn]


if __name__ == "__main__":
    first = draw()
    if sys.argv[1:] == ["--batch", "2"]:
        print("\n".join(draw_batch2(first)))
    elif sys.argv[1:] == ["--batch", "3"]:
        print("\n".join(draw_batch3(first, draw_batch2(first))))
    elif sys.argv[1:2] == ["--batch"] and int(sys.argv[2]) in LATER_SEEDS:
        print("\n".join(draw_later(int(sys.argv[2]))))
    else:
        print("\n".join(first))
