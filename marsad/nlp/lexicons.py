"""The length of a phrase table's longest key, which the phrase look-ups of the quote and event
stages stop at."""
from __future__ import annotations

_LONGEST: dict[int, tuple[object, int]] = {}


def longest(table) -> int:
    """The most words of any key of a phrase table (measured once per table)."""
    cached = _LONGEST.get(id(table))
    if cached is None or cached[0] is not table:
        cached = _LONGEST[id(table)] = (table, max((len(key) for key in table), default=1))
    return cached[1]
