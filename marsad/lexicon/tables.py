"""Phrase tables: a TSV data file's forms, as tuples of normalised words, to their columns."""
from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from marsad.datafiles import read_rows
from marsad.text.normalize import TA_MARBUTA, ends_with_ta_marbuta, normalize, words

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


def final_spellings(written: Iterable[str]) -> dict[str, bool]:
    """Normalised word -> whether a list of words as written writes it with a final ة (True) or
    ه (False), for the words it writes one way only: normalised, ضربة "a strike" and ضربه "hit
    him" are one word, and only the spelling tells them apart."""
    folded = normalize(TA_MARBUTA)
    seen: dict[str, set[bool]] = {}
    for word in written:
        norm = normalize(word)
        if norm.endswith(folded):
            seen.setdefault(norm, set()).add(ends_with_ta_marbuta(word))
    return {norm: next(iter(ways)) for norm, ways in seen.items() if len(ways) == 1}


def phrase_rows(path: Path, *columns: str) -> Rows:
    """form -> every row's named columns (a trigger form may code more than one event type)."""
    table: Rows = {}
    for row in read_rows(path):
        key = tuple(words(row["form"]))
        if key:
            table.setdefault(key, []).append(tuple(row[c] for c in columns))
    return table
