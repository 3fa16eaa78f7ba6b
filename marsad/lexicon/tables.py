"""Phrase tables: a TSV data file's forms, as tuples of normalised words, to their columns."""
from __future__ import annotations

from pathlib import Path

from marsad.datafiles import read_rows
from marsad.text.normalize import words

Table = dict[tuple[str, ...], tuple[str, ...]]
Rows = dict[tuple[str, ...], list[tuple[str, ...]]]


def phrase_table(path: Path, *columns: str) -> Table:
    """form (as normalised words) -> the named columns of its first row."""
    table: Table = {}
    for row in read_rows(path):
        key = tuple(words(row["form"]))
        if key and key not in table:
            table[key] = tuple(row[c] for c in columns)
    return table


def phrase_rows(path: Path, *columns: str) -> Rows:
    """form -> every row's named columns (a trigger form may code more than one event type)."""
    table: Rows = {}
    for row in read_rows(path):
        key = tuple(words(row["form"]))
        if key:
            table.setdefault(key, []).append(tuple(row[c] for c in columns))
    return table
