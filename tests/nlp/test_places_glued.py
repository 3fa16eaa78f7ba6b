"""Whole words that look like a preposition glued to a place name (issue 17): بحجة، لغات."""
from marsad.datafiles import DATA, read_rows
from marsad.lexicon.lexicon import load_lexicon
from marsad.nlp.places import PlaceMatcher


def test_glued_rows_are_a_preposition_and_a_name_the_matcher_knows():
    matcher = PlaceMatcher.load(load_lexicon().places)
    rows = [row for row in read_rows(DATA / "ambiguous_places.tsv") if row["evidence"] == "glued"]
    assert rows and {row["evidence"] for row in read_rows(DATA / "ambiguous_places.tsv")} <= {"any", "word", "glued"}
    for row in rows:
        assert row["form"][0] in "بلك" and (row["form"][1:],) in matcher.confident, row
        assert int(row["written"]) >= 0.2 * int(row["as_place"]), row
    assert matcher.glued == frozenset(row["form"] for row in rows)
