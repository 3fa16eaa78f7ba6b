"""Loads the page-furniture lexicon that ingestion uses to recognise boilerplate."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from marsad.datafiles import DATA, read_rows
from marsad.text.normalize import normalize


@dataclass(frozen=True)
class Furniture:
    nav: frozenset[str]
    header: frozenset[str]
    prefix: tuple[str, ...]


@lru_cache(maxsize=1)
def page_furniture() -> Furniture:
    """The navigation lexicon, normalised for matching."""
    kinds: dict[str, set[str]] = {"nav": set(), "header": set(), "prefix": set()}
    for row in read_rows(DATA / "boilerplate.tsv"):
        kinds[row["kind"]].add(normalize(row["phrase"]).strip())
    return Furniture(frozenset(kinds["nav"]), frozenset(kinds["header"]),
                     tuple(sorted(kinds["prefix"])))
