"""Format checks for the people part of the actor knowledge base (marsad/data/actors/people/*.tsv)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

PEOPLE = Path(__file__).resolve().parents[2] / "marsad" / "data" / "actors" / "people"
COLUMNS = ["id", "type", "name", "variants", "name_en", "country", "sector", "roles", "from", "to", "kb"]
SECTORS = {"GOV", "MIL", "REB", "PTY", "LEG", "JUD", "MED", "IGO", "NGO", "BUS", "CVL", "REL"}
MIN_PEOPLE = 900

ARABIC_NAME = re.compile(r"^[\u0621-\u064A\u0660-\u0669\u066E-\u06D3\u06FA-\u06FF ()\-]+$")
ARABIC_LETTER = re.compile(r"[\u0621-\u064A]")
ID = re.compile(r"^[a-z]{2,5}_[a-z0-9_]+$")
DIACRITICS = re.compile(r"[\u064B-\u065F\u0670\u0640]")


def norm(text: str) -> str:
    """A loose normal form for duplicate detection: no diacritics or tatweel, one alef, ya, ha."""
    text = DIACRITICS.sub("", text)
    text = re.sub("[أإآٱ]", "ا", text).replace("ى", "ي").replace("ة", "ه").replace("ؤ", "و").replace("ئ", "ي")
    return " ".join(text.split())


def files() -> list[Path]:
    return sorted(PEOPLE.glob("*.tsv"))


def parse(path: Path) -> tuple[list[str], list[str], list[list[str]]]:
    """Comment lines, header and rows (as raw tab-split lists) of one file."""
    lines = path.read_text(encoding="utf-8").splitlines()
    comments = []
    while lines and lines[0].startswith("#"):
        comments.append(lines.pop(0))
    header = lines.pop(0).split("\t") if lines else []
    rows = [line.split("\t") for line in lines if line.strip()]
    return comments, header, rows


def all_rows() -> list[tuple[str, dict[str, str]]]:
    out = []
    for path in files():
        _, header, rows = parse(path)
        out += [(path.name, dict(zip(header, row))) for row in rows]
    return out


def test_people_files_exist():
    assert files(), f"no people files under {PEOPLE}"


@pytest.mark.parametrize("path", files(), ids=lambda p: p.name)
def test_file_format(path: Path):
    raw = path.read_bytes()
    raw.decode("utf-8")  # must be UTF-8
    assert not raw.startswith(b"\xef\xbb\xbf"), "no BOM"
    comments, header, rows = parse(path)
    assert comments, "the file must start with # comment lines"
    assert all(c.startswith("# ") for c in comments)
    text = " ".join(comments)
    assert "Columns" in text and "Curated by the Marsad team" in text
    assert header == COLUMNS
    assert rows, "no rows"
    for row in rows:
        assert len(row) == len(COLUMNS), f"{path.name}: {len(row)} fields in {row[:3]}"
        assert all(cell == cell.strip() for cell in row), f"stray whitespace in {row[0]}"


def test_rows_valid():
    problems = []
    for fname, r in all_rows():
        where = f"{fname}:{r['id']}"
        if not ID.match(r["id"]):
            problems.append(f"{where}: bad id")
        if r["type"] != "PERSON":
            problems.append(f"{where}: type {r['type']!r}")
        if not (ARABIC_NAME.match(r["name"]) and ARABIC_LETTER.search(r["name"])):
            problems.append(f"{where}: name not Arabic script: {r['name']!r}")
        for variant in filter(None, r["variants"].split("|")):
            if not (ARABIC_NAME.match(variant) and ARABIC_LETTER.search(variant)):
                problems.append(f"{where}: variant not Arabic script: {variant!r}")
        if not r["name_en"] or ARABIC_LETTER.search(r["name_en"]):
            problems.append(f"{where}: name_en missing or not Latin")
        if r["country"] and not re.fullmatch(r"[A-Z]{3}", r["country"]):
            problems.append(f"{where}: country {r['country']!r}")
        if r["sector"] not in SECTORS:
            problems.append(f"{where}: sector {r['sector']!r}")
        roles = [x for x in r["roles"].split("|") if x]
        if not roles or not all(ARABIC_LETTER.search(x) for x in roles) or len(roles) != len(r["roles"].split("|")):
            problems.append(f"{where}: roles {r['roles']!r}")
        for key in ("from", "to"):
            if r[key] and not re.fullmatch(r"(19|20)\d\d", r[key]):
                problems.append(f"{where}: {key} {r[key]!r}")
        if r["from"] and r["to"] and r["from"].isdigit() and r["to"].isdigit() and int(r["from"]) > int(r["to"]):
            problems.append(f"{where}: from > to")
        if r["to"] and r["to"].isdigit() and int(r["to"]) > 2026:
            problems.append(f"{where}: to in the future")
        if r["kb"] and not re.fullmatch(r"Q\d+", r["kb"]):
            problems.append(f"{where}: kb {r['kb']!r}")
    assert not problems, "\n".join(problems)


def test_ids_unique_across_files():
    seen: dict[str, str] = {}
    dupes = []
    for fname, r in all_rows():
        if r["id"] in seen:
            dupes.append(f"{r['id']} in {seen[r['id']]} and {fname}")
        seen[r["id"]] = fname
    assert not dupes, "\n".join(dupes)


def test_id_prefix_matches_file():
    bad = [f"{f}:{r['id']}" for f, r in all_rows() if not r["id"].startswith(Path(f).stem + "_")
           and Path(f).stem in {"irq", "irn", "syr", "lbn", "yem", "sau", "are", "qat", "kwt", "bhr", "omn",
                                "egy", "jor", "tur", "isr", "pse", "usa", "rus", "lby"}]
    assert not bad, "\n".join(bad)


def test_canonical_names_unique():
    seen: dict[str, str] = {}
    dupes = []
    for _, r in all_rows():
        key = norm(r["name"])
        if key in seen:
            dupes.append(f"{r['name']}: {seen[key]} and {r['id']}")
        seen[key] = r["id"]
    assert not dupes, "\n".join(dupes)


def test_variants_do_not_collide():
    """A variant must not be another person's name or another person's variant."""
    owner: dict[str, str] = {}
    for _, r in all_rows():
        owner[norm(r["name"])] = r["id"]
    clashes = []
    seen: dict[str, str] = {}
    for _, r in all_rows():
        for variant in filter(None, r["variants"].split("|")):
            key = norm(variant)
            if owner.get(key, r["id"]) != r["id"]:
                clashes.append(f"{variant}: variant of {r['id']}, name of {owner[key]}")
            if seen.get(key, r["id"]) != r["id"]:
                clashes.append(f"{variant}: variant of {r['id']} and {seen[key]}")
            seen[key] = r["id"]
    assert not clashes, "\n".join(clashes)


def test_country_files_use_their_country():
    """In a country file, most rows act for that country (a few may be foreigners who acted there)."""
    for path in files():
        stem = path.stem.upper()
        if len(stem) != 3 or stem in {"EU", "OTHER"}:
            continue
        _, header, rows = parse(path)
        countries = [dict(zip(header, row))["country"] for row in rows]
        assert countries.count(stem) >= 0.8 * len(countries), path.name


def test_enough_people():
    assert len(all_rows()) >= MIN_PEOPLE


def test_a_foreign_names_hard_g_is_matched_in_either_arabic_letter():
    # Egyptian and Gulf outlets write a hard g as ج where others write غ (transliterations.tsv)
    from marsad.kb.actors import read_actor_base
    from marsad.text.normalize import normalize

    def key(text: str) -> tuple[str, ...]:
        return tuple(normalize(w) for w in text.split())

    base = read_actor_base()
    english = {a.id: (a.name_en or "").lower() for a in base.actors.values()}
    hard_g = [a for a in base.actors.values() if a.type == "PERSON" and "g" in english[a.id].replace("gh", "")
              and ("غ" in a.name) != ("ج" in a.name)]
    assert len(hard_g) >= 5
    for actor in hard_g:
        other = actor.name.replace("غ", "ج") if "غ" in actor.name else actor.name.replace("ج", "غ")
        assert any(s.actor == actor.id for s in base.surfaces.get(key(other), [])), (actor.name, other)
    # gh is another sound: غ only
    gh = [a for a in base.actors.values() if "gh" in english[a.id] and "g" not in english[a.id].replace("gh", "")
          and "غ" in a.name]
    assert gh
    for actor in gh:
        assert not any(s.actor == actor.id for s in base.surfaces.get(key(actor.name.replace("غ", "ج")), [])), actor.name
