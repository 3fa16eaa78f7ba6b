"""Builds marsad/data/morphology/word_counts.tsv: how often each normalised word is written in ../shared/corpus/ant2018.

The counts let clitic splitting check a split against usage: وزارة is written far more often
than زارة, so its و is part of the word, while وقال is rarer than قال. Only words seen at
least MIN_COUNT times are kept; no text is copied.

  python scripts/build_word_counts.py
"""
from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from marsad.text.words import words  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
SOURCE = REPO.parent / "shared" / "corpus" / "ant2018" / "articles.jsonl"
OUT = REPO / "marsad" / "data" / "morphology" / "word_counts.tsv"
MIN_COUNT = 5

HEADER = """# Marsad word counts: normalised Arabic words (marsad.text.normalize) and how often the ANT 2018 news corpus writes them.
# Used to check a clitic split against usage (وزارة is a word, not و + زارة).
# Columns: word, count. Words written fewer than {min} times are left out.
# Source: counted by scripts/build_word_counts.py over ../shared/corpus/ant2018/articles.jsonl (ANT corpus v2.1,
#   Apache-2.0, A. Chouigui, O. Ben Khiroun and B. Elayeb, AICCSA 2017): titles and bodies of 9,121 articles.
word\tcount
"""


def main() -> int:
    counts: Counter = Counter()
    with SOURCE.open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            counts.update(w for w in words(row["title"] + "\n" + row["text"]) if not w.isdigit())
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("w", encoding="utf-8") as out:
        out.write(HEADER.format(min=MIN_COUNT))
        for word, count in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
            if count >= MIN_COUNT and any("\u0621" <= ch <= "\u064a" for ch in word):
                out.write(f"{word}\t{count}\n")
    print(f"{OUT}: {sum(1 for c in counts.values() if c >= MIN_COUNT)} words")
    return 0


if __name__ == "__main__":
    sys.exit(main())
