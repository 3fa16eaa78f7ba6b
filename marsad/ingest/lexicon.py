"""Loads the page-furniture lexicon that ingestion uses to recognise boilerplate."""
from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from marsad.text.normalize import normalize


@dataclass(frozen=True)
class Furniture:
    nav: frozenset[str]
    header: frozenset[str]
    prefix: tuple[str, ...]


def read_tsv(name: str) -> list[dict[str, str]]:
    """Rows of a TSV data file shipped in marsad/data, skipping its `#` comment lines."""
    path = resources.files("marsad") / "data" / name
    with path.open(encoding="utf-8") as handle:
        lines = [line for line in handle if not line.startswith("#") and line.strip()]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


@lru_cache(maxsize=1)
def page_furniture() -> Furniture:
    """The navigation lexicon, normalised for matching."""
    kinds: dict[str, set[str]] = {"nav": set(), "header": set(), "prefix": set()}
    for row in read_tsv("boilerplate.tsv"):
        kinds[row["kind"]].add(normalize(row["phrase"]).strip())
    return Furniture(frozenset(kinds["nav"]), frozenset(kinds["header"]),
                     tuple(sorted(kinds["prefix"])))
