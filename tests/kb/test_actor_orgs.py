"""Format and coverage checks for the actor knowledge base: organisations, countries, titles, generic actors."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from tsv_table import read_table

from marsad.text.normalize import normalize

ROOT = Path(__file__).resolve().parents[2]

ACTORS = ROOT / "marsad" / "data" / "actors"
ORG_DIR = ACTORS / "orgs"
ORG_FILES = ["irq", "irn", "syr", "lbn", "yem", "gulf", "egy", "jor", "tur", "isr", "pse",
             "usa", "rus", "eu", "lby", "igo", "media"]
SOURCE_LINE = ("Curated by the Marsad team from general public knowledge; "
               "Wikidata ids only where known for certain")
SECTORS = {"GOV", "MIL", "REB", "PTY", "LEG", "JUD", "MED", "IGO", "NGO", "BUS", "CVL", "REL"}
ENTITY_TYPES = {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"}
ORG_COLUMNS = ["id", "type", "name", "variants", "name_en", "country", "sector", "kb"]
COUNTRY_COLUMNS = ["country", "name", "variants", "name_en", "kb", "capital", "demonyms", "metonyms"]
TITLE_COLUMNS = ["title", "sector", "type", "level", "same_as"]
GENERIC_COLUMNS = ["phrase", "type", "sector", "country_from", "name_en", "body"]

ISO3 = re.compile(r"[A-Z]{3}")
QID = re.compile(r"Q\d+")
ARABIC_LETTER = re.compile(r"[\u0621-\u064A]")
LATIN = re.compile(r"[A-Za-z]")
# Ordinary words that must never stand alone as an organisation's name or variant.
FORBIDDEN_ORG_FORMS = {"الحكومة", "فتح", "الحزب", "الجيش", "البرلمان", "الوزارة", "الشرطة", "الحركة",
                       "التنظيم", "الجماعة", "المجلس", "القاعدة", "النصر", "كان", "أمان"}


def check_comments(name: str, comments: list[str]) -> None:
    assert len(comments) >= 2, f"{name}: header comments missing"
    assert all(c.startswith("# ") for c in comments), f"{name}: comment lines must start with '# '"
    assert any("Columns" in c for c in comments), f"{name}: no comment describing the columns"
    assert any(SOURCE_LINE in c for c in comments), f"{name}: no comment saying where the facts come from"


def is_arabic(text: str) -> bool:
    return bool(ARABIC_LETTER.search(text)) and not LATIN.search(text)


def split_list(value: str) -> list[str]:
    return value.split("|") if value else []


LATIN_ACRONYM = re.compile(r"[A-Z][A-Z0-9]{1,5}")


def check_list(where: str, value: str) -> list[str]:
    items = split_list(value)
    for item in items:
        assert item and item == item.strip(), f"{where}: empty or padded item in {value!r}"
        # an outlet's Latin acronym is written so in Arabic news (دبي (CNN)--)
        assert is_arabic(item) or LATIN_ACRONYM.fullmatch(item), f"{where}: not Arabic script: {item!r}"
    assert len(items) == len(set(items)), f"{where}: repeated item in {value!r}"
    return items


@pytest.fixture(scope="module")
def org_tables():
    found = sorted(p.stem for p in ORG_DIR.glob("*.tsv"))
    assert set(ORG_FILES) <= set(found), f"missing org files: {set(ORG_FILES) - set(found)}"
    return {stem: read_table(ORG_DIR / f"{stem}.tsv") for stem in found}


@pytest.fixture(scope="module")
def org_rows(org_tables):
    return [(stem, row) for stem, (_, _, rows) in org_tables.items() for row in rows]


def test_org_files_format(org_tables):
    for stem, (comments, header, rows) in org_tables.items():
        check_comments(f"orgs/{stem}.tsv", comments)
        # a file whose bodies changed hands names their years (syr.tsv: from, to)
        assert header in (ORG_COLUMNS, ORG_COLUMNS + ["from", "to"]), f"orgs/{stem}.tsv: header {header}"
        assert rows, f"orgs/{stem}.tsv: empty"


def test_org_rows(org_rows):
    for stem, row in org_rows:
        rec = dict(zip(ORG_COLUMNS, row))
        where = f"orgs/{stem}.tsv {rec['id']}"
        assert re.fullmatch(rf"{stem}:[a-z0-9_]+", rec["id"]), f"{where}: bad id"
        assert rec["type"] in {"ORG", "FAC"}, f"{where}: type {rec['type']}"
        assert rec["sector"] in SECTORS, f"{where}: sector {rec['sector']!r}"
        assert rec["country"] == "" or ISO3.fullmatch(rec["country"]), f"{where}: country {rec['country']!r}"
        assert rec["kb"] == "" or QID.fullmatch(rec["kb"]), f"{where}: kb {rec['kb']!r}"
        assert is_arabic(rec["name"]), f"{where}: name not Arabic: {rec['name']!r}"
        assert rec["name_en"] and LATIN.search(rec["name_en"]), f"{where}: name_en {rec['name_en']!r}"
        variants = check_list(where, rec["variants"])
        assert rec["name"] not in variants, f"{where}: variant repeats the name"
        for form in [rec["name"], *variants]:
            assert form not in FORBIDDEN_ORG_FORMS, f"{where}: ordinary word as a name: {form!r}"


def test_org_ids_unique(org_rows):
    ids = [row[0] for _, row in org_rows]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    assert not dupes, f"duplicate ids: {dupes}"


def test_org_kb_unique(org_rows):
    kbs = [row[7] for _, row in org_rows if row[7]]
    dupes = sorted({k for k in kbs if kbs.count(k) > 1})
    assert not dupes, f"one Wikidata id on several rows: {dupes}"


def test_org_canonical_names_unique_after_normalisation(org_rows):
    seen: dict[str, str] = {}
    for _, row in org_rows:
        key = normalize(row[2])
        assert key not in seen, f"{row[0]}: name {row[2]!r} normalises like {seen[key]}"
        seen[key] = row[0]


def _years(row: list[str]) -> tuple[int, int]:
    start, end = (row[8:10] + ["", ""])[:2]
    return int(start) if start else 0, int(end) if end else 9999


def test_org_surface_forms_unambiguous(org_rows):
    """A name or variant (normalised) points to one organisation only, or to bodies that held
    one office in turn (الحكومة السورية: the Assad government to 2024, the one after it from 2025)."""
    owner: dict[str, list[str]] = {}
    for _, row in org_rows:
        for form in [row[2], *split_list(row[3])]:
            other = owner.setdefault(normalize(form), row)
            if other[0] != row[0]:
                (a_start, a_end), (b_start, b_end) = sorted([_years(other), _years(row)])
                assert a_end <= b_start, f"{form!r} belongs to both {other[0]} and {row[0]}"  # handed over that year


def test_org_count(org_rows):
    assert len(org_rows) >= 550, f"only {len(org_rows)} organisations"


@pytest.mark.parametrize("form, country, sector, etype", [
    ("الحكومة العراقية", "IRQ", "GOV", "ORG"),
    ("وزارة الخارجية الإيرانية", "IRN", "GOV", "ORG"),
    ("الجيش العراقي", "IRQ", "MIL", "ORG"),
    ("الحشد الشعبي", "IRQ", "MIL", "ORG"),
    ("قسد", "SYR", "REB", "ORG"),
    ("الحرس الثوري", "IRN", "MIL", "ORG"),
    ("فيلق القدس", "IRN", "MIL", "ORG"),
    ("حزب الله", "LBN", "REB", "ORG"),
    ("حماس", "PSE", "REB", "ORG"),
    ("الجهاد الإسلامي", "PSE", "REB", "ORG"),
    ("أنصار الله", "YEM", "REB", "ORG"),
    ("كتائب حزب الله", "IRQ", "REB", "ORG"),
    ("عصائب أهل الحق", "IRQ", "REB", "ORG"),
    ("داعش", "", "REB", "ORG"),
    ("هيئة تحرير الشام", "SYR", "REB", "ORG"),
    ("حزب العمال الكردستاني", "TUR", "REB", "ORG"),
    ("حركة الشباب", "SOM", "REB", "ORG"),                # al-Shabaab, as Somali news names it
    ("تحالف الفتح", "IRQ", "PTY", "ORG"),
    ("التيار الصدري", "IRQ", "PTY", "ORG"),
    ("حركة فتح", "PSE", "PTY", "ORG"),
    ("الليكود", "ISR", "PTY", "ORG"),
    ("البرلمان العراقي", "IRQ", "LEG", "ORG"),
    ("مجلس الشورى الإيراني", "IRN", "LEG", "ORG"),
    ("الكنيست", "ISR", "LEG", "ORG"),
    ("الكونغرس", "USA", "LEG", "ORG"),
    ("البيت الأبيض", "USA", "GOV", "FAC"),
    ("الكرملين", "RUS", "GOV", "FAC"),
    ("البنتاغون", "USA", "GOV", "FAC"),
    ("قصر بعبدا", "LBN", "GOV", "FAC"),
    ("أرامكو", "SAU", "BUS", "ORG"),
    ("الشرق الأوسط", "SAU", "MED", "ORG"),
    ("رويترز", "GBR", "MED", "ORG"),
    ("أ ف ب", "FRA", "MED", "ORG"),
    ("واع", "IRQ", "MED", "ORG"),
    ("جامعة الدول العربية", "", "IGO", "ORG"),
    ("منظمة العفو الدولية", "", "NGO", "ORG"),
])
def test_org_expected_entries(org_rows, form, country, sector, etype):
    key = normalize(form)
    hits = [row for _, row in org_rows if key in {normalize(f) for f in [row[2], *split_list(row[3])]}]
    assert len(hits) == 1, f"{form!r}: {len(hits)} rows"
    row = dict(zip(ORG_COLUMNS, hits[0]))
    assert (row["country"], row["sector"], row["type"]) == (country, sector, etype), row


ARAB_LEAGUE = {"DZA", "BHR", "COM", "DJI", "EGY", "IRQ", "JOR", "KWT", "LBN", "LBY", "MRT", "MAR",
               "OMN", "PSE", "QAT", "SAU", "SOM", "SDN", "SYR", "TUN", "ARE", "YEM"}
EU = {"AUT", "BEL", "BGR", "HRV", "CYP", "CZE", "DNK", "EST", "FIN", "FRA", "DEU", "GRC", "HUN",
      "IRL", "ITA", "LVA", "LTU", "LUX", "MLT", "NLD", "POL", "PRT", "ROU", "SVK", "SVN", "ESP", "SWE"}
REQUIRED_COUNTRIES = ARAB_LEAGUE | EU | {"IRN", "TUR", "ISR", "USA", "RUS", "CHN", "GBR", "FRA"}


@pytest.fixture(scope="module")
def countries():
    comments, header, rows = read_table(ACTORS / "countries.tsv")
    check_comments("countries.tsv", comments)
    assert header == COUNTRY_COLUMNS, header
    return [dict(zip(COUNTRY_COLUMNS, r)) for r in rows]


def test_countries_rows(countries):
    codes = [c["country"] for c in countries]
    assert len(codes) == len(set(codes)), "duplicate country codes"
    names = [normalize(c["name"]) for c in countries]
    assert len(names) == len(set(names)), "duplicate country names"
    for c in countries:
        where = f"countries.tsv {c['country']}"
        assert ISO3.fullmatch(c["country"]), where
        assert is_arabic(c["name"]) and is_arabic(c["capital"]), where
        assert c["name_en"] and LATIN.search(c["name_en"]), where
        assert c["kb"] == "" or QID.fullmatch(c["kb"]), where
        for col in ("variants", "demonyms", "metonyms"):
            check_list(f"{where} {col}", c[col])
        assert c["name"] not in split_list(c["variants"]), where
    kbs = [c["kb"] for c in countries if c["kb"]]
    assert len(kbs) == len(set(kbs)), "one Wikidata id on several countries"


def test_countries_coverage(countries):
    assert len(countries) >= 80, f"only {len(countries)} countries"
    missing = REQUIRED_COUNTRIES - {c["country"] for c in countries}
    assert not missing, f"missing countries: {sorted(missing)}"


def test_countries_examples(countries):
    by = {c["country"]: c for c in countries}
    assert by["IRQ"]["name"] == "العراق" and by["IRQ"]["kb"] == "Q796"
    assert by["IRN"]["kb"] == "Q794" and by["USA"]["kb"] == "Q30"
    iraqi = set(split_list(by["IRQ"]["demonyms"]))
    assert {"عراقي", "العراقي", "عراقية", "العراقية", "عراقيون", "العراقيون", "عراقيين", "العراقيين"} <= iraqi
    us = by["USA"]
    assert {"أمريكي", "أميركي", "الأمريكية", "الأميركية"} <= set(split_list(us["demonyms"]))
    assert {"أمريكا", "الولايات المتحدة الأمريكية", "الولايات المتحدة الأميركية"} <= set(split_list(us["variants"]))
    assert {"واشنطن", "البيت الأبيض", "الإدارة الأمريكية"} <= set(split_list(us["metonyms"]))
    assert "طهران" in split_list(by["IRN"]["metonyms"])
    assert {"موسكو", "الكرملين"} <= set(split_list(by["RUS"]["metonyms"]))
    assert "تل أبيب" in split_list(by["ISR"]["metonyms"])


def test_titles():
    comments, header, rows = read_table(ACTORS / "titles.tsv")
    check_comments("titles.tsv", comments)
    assert header == TITLE_COLUMNS, header
    titles = [r[0] for r in rows]
    assert len(titles) == len(set(titles)), "duplicate titles"
    for title, sector, etype, level, same_as in rows:
        assert is_arabic(title), title
        assert sector == "" or sector in SECTORS, (title, sector)
        assert etype in ENTITY_TYPES, (title, etype)
        assert re.fullmatch(r"[a-z_]+", level), (title, level)
        assert same_as == "" or same_as in titles and same_as != title, (title, same_as)
    assert len(rows) >= 120, f"only {len(rows)} titles"
    by = {r[0]: r for r in rows}
    assert by["رئيس الوزراء"][1:] == ["GOV", "PERSON", "head", ""]
    assert by["وزير الخارجية"][1:] == ["GOV", "PERSON", "minister", ""]
    assert by["العاهل"][4] == "الملك"
    for title, sector in [("قائد", "MIL"), ("اللواء", "MIL"), ("النائب", "LEG"), ("رئيس البرلمان", "LEG"),
                          ("السفير", "GOV"), ("المبعوث الأممي", "IGO"), ("الشيخ", "REL"), ("آية الله", "REL"),
                          ("الناشط", "CVL"), ("الصحفي", "MED"), ("القاضي", "JUD"), ("رجل الأعمال", "BUS")]:
        assert by[title][1] == sector, title


def test_generic():
    comments, header, rows = read_table(ACTORS / "generic.tsv")
    check_comments("generic.tsv", comments)
    assert header == GENERIC_COLUMNS, header
    phrases = [normalize(r[0]) for r in rows]
    assert len(phrases) == len(set(phrases)), "duplicate phrases"
    for phrase, etype, sector, country_from, name_en, body in rows:
        assert body in {"", "police"}, (phrase, body)
        assert is_arabic(phrase), phrase
        assert etype in ENTITY_TYPES, (phrase, etype)
        assert sector in SECTORS, (phrase, sector)
        assert country_from in {"", "adj"} or ISO3.fullmatch(country_from), (phrase, country_from)
        assert name_en and LATIN.search(name_en), phrase
    assert len(rows) >= 60, f"only {len(rows)} generic actors"
    by = {r[0]: r for r in rows}
    assert by["الفصائل المسلحة"][1:4] == ["ORG", "REB", "adj"]
    assert by["المتظاهرين"][2] == "CVL" and by["قوات الأمن"][2] == "MIL"
    assert by["الحكومة"][2] == "GOV" and by["البرلمان"][2] == "LEG" and by["المعارضة"][2] == "PTY"
