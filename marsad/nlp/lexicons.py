"""Loads the phrase lexicons of the quote and event stages into lookup tables of normalised words."""
from __future__ import annotations

from functools import lru_cache

from marsad.datafiles import DATA
from marsad.lexicon import tables
from marsad.lexicon.tables import Rows, Table


@lru_cache(maxsize=None)
def phrase_table(relative_path: str, *columns: str) -> Table:
    """form (as normalised words) -> the named columns of its first row, from a shipped data file."""
    return tables.phrase_table(DATA / relative_path, *columns)


@lru_cache(maxsize=None)
def phrase_rows(relative_path: str, *columns: str) -> Rows:
    """form -> every row's named columns, from a shipped data file."""
    return tables.phrase_rows(DATA / relative_path, *columns)


_LONGEST: dict[int, tuple[object, int]] = {}


def longest(table) -> int:
    """The most words of any key of a phrase table (measured once per table)."""
    cached = _LONGEST.get(id(table))
    if cached is None or cached[0] is not table:
        cached = _LONGEST[id(table)] = (table, max((len(key) for key in table), default=1))
    return cached[1]
