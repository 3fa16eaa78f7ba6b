"""The team's tables of hard entity cases (issue 17, item 5): places against common words, and person-name boundaries.

Each row of tests/nlp/place_cases.tsv and tests/nlp/name_boundary_cases.tsv is one test. A row whose
known_failure cell is filled is marked xfail(strict=True): the suite passes while Marsad gets it wrong,
and a fix turns it into an unexpected pass, which fails until the cell is cleared.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from tsv_table import read_table

import marsad

HERE = Path(__file__).resolve().parent
COUNTRIES = Path(marsad.__file__).resolve().parent / "data" / "actors" / "countries.tsv"
PLACE_COLUMNS = ["sentence", "surface", "expected", "country", "note", "known_failure"]
NAME_COLUMNS = ["sentence", "person", "not_person", "note", "known_failure"]
PLACE_TYPES = ("GPE", "LOC")


def _table(name: str, columns: list[str]) -> list[dict[str, str]]:
    comments, header, rows = read_table(HERE / name)
    assert header == columns, header
    assert any(c.startswith("# Source:") for c in comments), f"{name}: no # Source: line"
    return [dict(zip(columns, row)) for row in rows]


def _params(rows: list[dict[str, str]], ident: str) -> list:
    params = []
    for n, row in enumerate(rows, 1):
        marks = [pytest.mark.xfail(strict=True, reason=row["known_failure"])] if row["known_failure"] else []
        params.append(pytest.param(row, marks=marks, id=f"{n}-{row[ident] or row.get('not_person', '')}"))
    return params


PLACE_ROWS = _table("place_cases.tsv", PLACE_COLUMNS)
NAME_ROWS = _table("name_boundary_cases.tsv", NAME_COLUMNS)


def _country_names() -> dict[str, str]:
    _, header, rows = read_table(COUNTRIES)
    return {row[header.index("country")]: row[header.index("name")] for row in rows}


def _span(sentence: str, surface: str) -> tuple[int, int]:
    assert sentence.count(surface) == 1, f"{surface!r} must occur once in {sentence!r}"
    start = sentence.index(surface)
    return start, start + len(surface)


def _entities(sentence: str):
    return marsad.analyze(sentence + "\n\nنص.", published="2021-05-10").entities


def _covers_with_whole_words(sentence: str, mention, start: int, end: int) -> bool:
    """The mention holds the surface, and whatever it adds is whole words (محافظة حجة, not لبيروت)."""
    before, after = sentence[mention.start:start], sentence[end:mention.end]
    return mention.start <= start and end <= mention.end \
        and (not before or before[-1].isspace()) and (not after or after[0].isspace())


def _overlaps(mention, start: int, end: int) -> bool:
    return mention.start < end and start < mention.end


def test_the_tables_are_large_enough_and_well_formed():
    assert len(PLACE_ROWS) >= 100 and len(NAME_ROWS) >= 50
    assert {r["expected"] for r in PLACE_ROWS} <= {"place", "country", "not_place"}
    assert sum(r["expected"] == "not_place" for r in PLACE_ROWS) >= 40
    assert sum(bool(r["person"]) for r in NAME_ROWS) >= 50
    codes = _country_names()
    for row in PLACE_ROWS:
        _span(row["sentence"], row["surface"])
        assert row["expected"] != "country" or row["country"] in codes, row
        assert row["expected"] != "not_place" or not row["country"], row
    for row in NAME_ROWS:
        assert row["person"] or row["not_person"], row
        for surface in (row["person"], row["not_person"]):
            if surface:
                _span(row["sentence"], surface)


@pytest.mark.parametrize("row", _params(PLACE_ROWS, "surface"))
def test_place_case(row):
    sentence, expected, country = row["sentence"], row["expected"], row["country"]
    start, end = _span(sentence, row["surface"])
    entities = _entities(sentence)
    hits = [(e, m) for e in entities if e.type in PLACE_TYPES for m in e.mentions if _overlaps(m, start, end)]
    seen = [(e.name, e.type, e.country, m.text) for e, m in hits]
    if expected == "not_place":
        assert not hits, seen
        return
    # A place word may open the mention (محافظة حجة), but a glued clitic may not (لبيروت).
    exact = [e for e, m in hits if _covers_with_whole_words(sentence, m, start, end)]
    assert exact, f"no place mention on the whole of {row['surface']!r}: {seen}"
    country_name = _country_names().get(country)
    if expected == "country":
        assert any(e.country == country and e.name == country_name for e in exact), seen
    else:
        assert any(e.name != country_name and (not country or e.country == country) for e in exact), seen


@pytest.mark.parametrize("row", _params(NAME_ROWS, "person"))
def test_name_boundary_case(row):
    sentence = row["sentence"]
    people = [e for e in _entities(sentence) if e.type == "PERSON"]
    if row["person"]:
        start, end = _span(sentence, row["person"])
        names = [m for e in people for m in e.mentions if m.kind == "name"]
        seen = [m.text for m in names]
        assert any((m.start, m.end) == (start, end) for m in names), seen
        cut = [m.text for m in names if _overlaps(m, start, end) and (m.start, m.end) != (start, end)]
        assert not cut, f"the name is also cut differently: {cut}"
    if row["not_person"]:
        start, end = _span(sentence, row["not_person"])
        wrong = [(e.name, m.text) for e in people for m in e.mentions if _overlaps(m, start, end)]
        assert not wrong, wrong
