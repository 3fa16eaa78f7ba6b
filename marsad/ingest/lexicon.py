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


@lru_cache(maxsize=1)
def date_line_words() -> frozenset[str]:
    """Normalised words a date line may hold besides the date: byline, time and calendar
    words (date_line_words.tsv), month and weekday names (dates/*.tsv)."""
    from marsad.text.date_vocab import load_date_vocabulary

    words = {normalize(row["word"]).strip() for row in read_rows(DATA / "date_line_words.tsv")}
    vocabulary = load_date_vocabulary()
    for forms in (vocabulary.months, vocabulary.hijri_months, vocabulary.weekdays):
        for form in forms:
            words.update(normalize(form).split())
    return frozenset(words)
