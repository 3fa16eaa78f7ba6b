"""Reading the project's TSV data files strictly, for the tests that check their format."""
from __future__ import annotations

from pathlib import Path


def read_table(path: Path) -> tuple[list[str], list[str], list[list[str]]]:
    """(comment lines, header, rows) of a TSV file with leading '# ' comments."""
    text = path.read_text(encoding="utf-8")
    assert "\r" not in text, f"{path.name}: CR line endings"
    assert text.endswith("\n"), f"{path.name}: no final newline"
    lines = text[:-1].split("\n")
    comments = []
    while lines and lines[0].startswith("#"):
        comments.append(lines.pop(0))
    assert lines, f"{path.name}: no header row"
    header = lines.pop(0).split("\t")
    rows = []
    for n, line in enumerate(lines, len(comments) + 2):
        assert line.strip(), f"{path.name}:{n}: blank line"
        assert not line.startswith("#"), f"{path.name}:{n}: comment after the header"
        row = line.split("\t")
        assert len(row) == len(header), f"{path.name}:{n}: {len(row)} fields, expected {len(header)}"
        for value in row:
            assert value == value.strip(), f"{path.name}:{n}: stray whitespace in {value!r}"
        rows.append(row)
    return comments, header, rows
