"""Every data file shipped in the package says where its facts come from and keeps its format."""
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parents[1] / "marsad" / "data"
FILES = sorted(DATA.rglob("*.tsv"))


def test_there_are_data_files():
    assert len(FILES) >= 20


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(DATA)))
def test_data_file_has_provenance_and_regular_rows(path):
    lines = path.read_text("utf-8").splitlines()
    header = [line for line in lines if line.startswith("#")]
    assert header, f"{path.name} has no '#' header"
    assert any(w in " ".join(header).lower() for w in ("source", "come from", "comes from")), \
        f"{path.name} does not say where its facts come from"
    rows = [line for line in lines if line.strip() and not line.startswith("#")]
    assert rows, f"{path.name} has no rows"
    width = len(rows[0].split("\t"))
    for number, row in enumerate(rows[1:], 2):
        assert len(row.split("\t")) == width, f"{path.name}: row {number} has a different number of columns"
