"""Format checks for marsad/data/actors/generic_nouns.tsv: generic actor nouns with their inflected forms."""
from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import pytest

from marsad.datafiles import read_rows
from marsad.text.normalize import normalize

ROOT = Path(__file__).resolve().parents[2]
PATH = ROOT / "marsad" / "data" / "actors" / "generic_nouns.tsv"

COLUMNS = ["singular", "dual", "plural", "sector", "kind", "name_en"]
SECTORS = {"GOV", "MIL", "REB", "PTY", "LEG", "JUD", "MED", "IGO", "NGO", "BUS", "CVL", "REL", "COP"}
KINDS = {"person", "victim", "body", "weapon", "counted"}
# Arabic letters only (hamza to yeh, without tatweel or diacritics), words separated by one space.
LETTERS = "\u0621-\u063A\u0641-\u064A"
FORM = re.compile(rf"[{LETTERS}]+(?: [{LETTERS}]+)*")
TANWIN_FATH = "\u064B"


@pytest.fixture(scope="module")
def rows() -> list[dict[str, str]]:
    return read_rows(PATH)


def forms_of(row: dict[str, str]) -> list[str]:
    """Every surface form of a row: the singular, then the dual and plural forms."""
    out = [row["singular"]]
    for column in ("dual", "plural"):
        if row[column] != "-":
            out += row[column].split("|")
    return out


def test_comment_header_says_what_columns_and_source():
    comments = [line for line in PATH.read_text("utf-8").splitlines() if line.startswith("#")]
    assert len(comments) >= 3
    assert all(line.startswith("# ") for line in comments)
    assert any(line.startswith("# Columns:") for line in comments)
    assert any(line.startswith("# Source:") for line in comments)


def test_header_columns():
    lines = [line for line in PATH.read_text("utf-8").splitlines() if line.strip() and not line.startswith("#")]
    assert lines[0].split("\t") == COLUMNS


def test_enough_rows(rows):
    assert len(rows) >= 400


def test_every_row_is_complete(rows):
    for row in rows:
        assert None not in row, f"too many columns: {row}"
        for column in COLUMNS:
            value = row.get(column)
            assert value, f"{row.get('singular')}: empty {column}"
            assert value == value.strip(), f"{row['singular']}: stray space in {column}"


def test_sector_and_kind(rows):
    for row in rows:
        # a word read only after a count (14 آخرين) names people of any sector, as the parties to a
        # conflict (جميع الأطراف) are bodies of any
        assert row["sector"] in SECTORS or row["kind"] in ("counted", "body") and row["sector"] == "-", \
            f"{row['singular']}: sector {row['sector']}"
        assert row["kind"] in KINDS, f"{row['singular']}: kind {row['kind']}"


def test_forms_are_plain_arabic(rows):
    for row in rows:
        for column in ("dual", "plural"):
            if row[column] != "-":
                parts = row[column].split("|")
                assert all(parts), f"{row['singular']}: empty form in {column}"
                assert len(parts) == len(set(parts)), f"{row['singular']}: repeated form in {column}"
        for form in forms_of(row):
            assert FORM.fullmatch(form), f"{row['singular']}: {form!r} is not Arabic letters and single spaces"


def test_no_article_and_no_tanwin(rows):
    for row in rows:
        singular = row["singular"]
        for form in forms_of(row):
            assert not form.startswith("ال"), f"{singular}: {form} carries the article"
            assert not form.endswith("ا" + TANWIN_FATH) and not form.endswith(TANWIN_FATH + "ا"), \
                f"{singular}: {form} ends in tanwin alef"
            # The accusative indefinite (شخصا) is the singular plus alef: the matcher derives it.
            assert form != singular + "ا", f"{singular}: {form} is the singular with tanwin alef"


def test_no_duplicate_singular(rows):
    seen: dict[str, str] = {}
    for row in rows:
        key = normalize(row["singular"])
        assert key not in seen, f"{row['singular']} repeats {seen[key]}"
        seen[key] = row["singular"]


def test_a_form_shared_by_two_rows_keeps_one_sector(rows):
    sectors: dict[str, set[str]] = defaultdict(set)
    owners: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        for form in set(map(normalize, forms_of(row))):
            sectors[form].add(row["sector"])
            owners[form].add(row["singular"])
    clashes = {form: sorted(owners[form]) for form, found in sectors.items() if len(found) > 1}
    assert not clashes, f"forms in rows of different sectors: {clashes}"


def test_name_en_is_english(rows):
    for row in rows:
        assert re.fullmatch(r"[A-Za-z][A-Za-z0-9 ,()'\-éè/]*", row["name_en"]), \
            f"{row['singular']}: name_en {row['name_en']!r}"


def test_core_nouns_are_present(rows):
    by_singular = {row["singular"]: row for row in rows}
    expected = {"جندي": "MIL", "متظاهر": "CVL", "مسلح": "REB", "شرطة": "COP", "حكومة": "GOV",
                "شخص": "CVL", "مدني": "CVL", "طائرة": "MIL", "قوات الأمن": "COP", "صحفي": "MED"}
    for singular, sector in expected.items():
        assert singular in by_singular, f"{singular} missing"
        assert by_singular[singular]["sector"] == sector
    assert "جنود" in by_singular["جندي"]["plural"].split("|")
    assert {"متظاهرون", "متظاهرين"} <= set(by_singular["متظاهر"]["plural"].split("|"))
    assert by_singular["طائرة"]["kind"] == "weapon"


def test_a_construct_noun_is_also_read_made_definite_by_its_last_word():
    # رجل أمن / رجال الأمن، رجل دين / رجال الدين: the construct takes the article on its last word
    from marsad.lexicon.generic_nouns import GenericNouns

    nouns = GenericNouns.from_rows([{"singular": "رجل أمن", "dual": "-", "plural": "رجال أمن", "sector": "COP",
                                     "kind": "person", "name_en": "security man"}])
    assert nouns.forms[tuple(normalize("رجال الأمن").split())].singular == "رجل أمن"
    assert nouns.forms[tuple(normalize("رجل الأمن").split())].sector == "COP"
