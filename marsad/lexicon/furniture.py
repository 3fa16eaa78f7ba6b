"""Page furniture and date-line words: what ingestion recognises around an article's text."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from marsad.datafiles import read_rows
from marsad.text.date_vocab import DateVocabulary
from marsad.text.normalize import normalize


@dataclass(frozen=True)
class Furniture:
    """The navigation lexicon (boilerplate.tsv), normalised for matching."""
    nav: frozenset[str]
    header: frozenset[str]
    prefix: tuple[str, ...]

    @classmethod
    def load(cls, path: Path) -> Furniture:
        kinds: dict[str, set[str]] = {"nav": set(), "header": set(), "prefix": set()}
        for row in read_rows(path):
            kinds[row["kind"]].add(normalize(row["phrase"]).strip())
        return cls(frozenset(kinds["nav"]), frozenset(kinds["header"]), tuple(sorted(kinds["prefix"])))


def read_date_line_words(path: Path, vocabulary: DateVocabulary) -> frozenset[str]:
    """Normalised words a date line may hold besides the date: byline, time and calendar words
    (date_line_words.tsv), month and weekday names (of the date vocabulary)."""
    words = {normalize(row["word"]).strip() for row in read_rows(path)}
    for forms in (vocabulary.months, vocabulary.hijri_months, vocabulary.weekdays):
        for form in forms:
            words.update(normalize(form).split())
    return frozenset(words)
