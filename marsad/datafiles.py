"""Reading the TSV data files shipped under marsad/data: `#` comment lines, then a header row."""
from __future__ import annotations

import csv
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

DATA = Path(str(resources.files("marsad") / "data"))


def read_rows(path: Path) -> list[dict[str, str]]:
    """The rows of a TSV data file as dicts keyed by its header, comment lines skipped."""
    with path.open(encoding="utf-8") as handle:
        lines = [line for line in handle if line.strip() and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def numbered_rows(path: Path) -> Iterator[tuple[int, list[str]]]:
    """(line number, tab-separated cells) of each row of a TSV data file, comment and blank
    lines skipped, for readers that name the line of a bad row (the gazetteer, the date files)."""
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            line = line.rstrip("\r\n")
            if line.strip() and not line.startswith("#"):
                yield number, line.split("\t")
