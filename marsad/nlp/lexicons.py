"""Loads the phrase lexicons of the quote and event stages into lookup tables of normalised words."""
from __future__ import annotations

from functools import lru_cache

from marsad.datafiles import DATA, read_rows
from marsad.text.words import words

Table = dict[tuple[str, ...], tuple[str, ...]]


@lru_cache(maxsize=None)
def phrase_table(relative_path: str, *columns: str) -> Table:
    """form (as normalised words) -> the named columns of its first row, from a TSV data file."""
    table: Table = {}
    for row in read_rows(DATA / relative_path):
        key = tuple(words(row["form"]))
        if key and key not in table:
            table[key] = tuple(row[c] for c in columns)
    return table


@lru_cache(maxsize=None)
def phrase_rows(relative_path: str, *columns: str) -> dict[tuple[str, ...], list[tuple[str, ...]]]:
    """form -> every row's named columns (a trigger form may code more than one event type)."""
    table: dict[tuple[str, ...], list[tuple[str, ...]]] = {}
    for row in read_rows(DATA / relative_path):
        key = tuple(words(row["form"]))
        if key:
            table.setdefault(key, []).append(tuple(row[c] for c in columns))
    return table


_LONGEST: dict[int, tuple[object, int]] = {}


def longest(table) -> int:
    """The most words of any key of a phrase table (measured once per table)."""
    cached = _LONGEST.get(id(table))
    if cached is None or cached[0] is not table:
        cached = _LONGEST[id(table)] = (table, max((len(key) for key in table), default=1))
    return cached[1]
