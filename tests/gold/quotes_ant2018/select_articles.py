"""The seeded draw that chose this folder's articles (run from the repository root; prints ids).

Among ant2018 articles whose body has a speech verb (the cues in SPEECH_CUES below, as whole
words with or without a و/ف clitic) and 600-2,000 characters (so that one annotator can read a
whole article), not already annotated for events (annotations/events) or disputes
(tests/gold/disputes2018): six per outlet, drawn with random.Random(SEED) over the ids in file order, then taken
one of each outlet in turn (the order of annotation; the split follows it).
"""
import json
import random
import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]
SHARED = REPO.parent / "shared" / "corpus" / "ant2018" / "articles.jsonl"
SEED = 16
PER_OUTLET = 6
SPEECH_CUES = ("\u0642\u0627\u0644", "\u0623\u0636\u0627\u0641", "\u0623\u0643\u062f")  # qaal, adaaf, akkad
CUE = re.compile(r"(?<!\w)[\u0648\u0641]?(?:%s)(?!\w)" % "|".join(SPEECH_CUES))


def taken() -> set[str]:
    ids = set()
    for path in (REPO / "annotations" / "events" / "batches").glob("*.jsonl"):
        ids |= {json.loads(line)["doc"] for line in path.open(encoding="utf-8") if line.strip()}
    for path in (REPO / "tests" / "gold" / "disputes2018").glob("*.jsonl"):
        for line in path.open(encoding="utf-8"):
            ids |= set(re.findall(r"[A-Za-z]+-[A-Za-z]+-\d+-\d{8}", line))
    return ids


def draw() -> list[str]:
    excluded = taken()
    by_outlet: dict[str, list[str]] = {}
    for line in SHARED.open(encoding="utf-8"):
        row = json.loads(line)
        body = row["text"].strip()
        if row["id"] not in excluded and 600 <= len(body) <= 2000 and CUE.search(body):
            by_outlet.setdefault(row["source"], []).append(row["id"])
    rng = random.Random(SEED)
    drawn = [rng.sample(by_outlet[outlet], PER_OUTLET) for outlet in sorted(by_outlet)]
    # one article of each outlet in turn: the annotation order, whose last third is held out
    return [doc for turn in zip(*drawn) for doc in turn]


if __name__ == "__main__":
    print("\n".join(draw()))
