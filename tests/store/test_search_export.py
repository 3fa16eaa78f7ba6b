"""Full-text search over normalised Arabic, queries, and exports read back in every format."""
from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from marsad.cli import app
from marsad.errors import BadQuery
from marsad.store import Store, ingest, open_reader
from marsad.store.query import EventFilter, find_events, search
from marsad.store.search import match_expression

DOCS = {
    "embassy.txt": "السفارة الأمريكية تحذر رعاياها\n\n2023-06-01\n\n"
                   "حذرت السفارة الأمريكية رعاياها من السفر إلى المناطق الحدودية بعد تصاعد "
                   "الهجمات خلال الأسبوع الماضي.",
    "flights.txt": "استئناف الرحلات الجوية\n\n2023-06-02\n\n"
                   "أعلنت سلطة الطيران استئناف الرحلات بين أربيل وبغداد اعتبارا من يوم الخميس "
                   "بعد توقف دام أسبوعين.",
    "market.txt": "افتتاح سوق جديد في النجف\n\n2023-06-03\n\n"
                  "افتتحت بلدية النجف سوقا شعبيا جديدا يضم مئتي محل تجاري.",
}


@pytest.fixture(scope="module")
def store_path(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("docs")
    for name, text in DOCS.items():
        (folder / name).write_text(text, encoding="utf-8")
    db = folder / "search.db"
    with Store(db) as store:
        assert ingest(store, [folder]).new == 3
    return db


def titles(hits) -> set[str]:
    return {h["title"] for h in hits}


@pytest.mark.parametrize("query, title", [
    ("الامريكية", "السفارة الأمريكية تحذر رعاياها"),     # hamza folded
    ("الأمريكيه", "السفارة الأمريكية تحذر رعاياها"),     # ta marbuta folded
    ("بغداد", "استئناف الرحلات الجوية"),                  # clitic و glued in the text
    ("وبغداد", "استئناف الرحلات الجوية"),                 # clitic in the query
    ("النجف سوق", "افتتاح سوق جديد في النجف"),            # سوقا: tanwin alef, every word needed
])
def test_search_finds_normalised_forms(store_path, query, title):
    with open_reader(store_path) as store:
        assert titles(search(store.db, query)) == {title}


def test_search_snippet_marks_the_arabic_as_written(store_path):
    with open_reader(store_path) as store:
        hit, = search(store.db, "بغداد")
    assert "«وبغداد»" in hit["snippet"]
    assert "أربيل" in hit["snippet"]


def test_search_text_is_never_fts_syntax(store_path):
    with open_reader(store_path) as store:
        # OR is a word to find here, not an operator: nothing has it, and nothing breaks.
        assert search(store.db, 'بغداد" OR "*') == []
        assert len(search(store.db, 'بغداد*')) == 1
        with pytest.raises(BadQuery):
            search(store.db, '"*"')
    assert match_expression("NEAR(a b)") == '("NEAR") AND ("a") AND ("b")'


def test_event_filters_check_dates(store_path):
    with open_reader(store_path) as store:
        assert find_events(store.db, EventFilter(since="2030-01-01")) == []
        with pytest.raises(BadQuery):
            find_events(store.db, EventFilter(since="June"))


@pytest.mark.parametrize("what", ["records", "events", "stories"])
def test_exports_read_back(store_path, tmp_path, what):
    import pyarrow.parquet as pq

    runner = CliRunner()
    rows = {}
    for fmt in ("jsonl", "csv", "parquet"):
        out = tmp_path / f"{what}.{fmt}"
        result = runner.invoke(app, ["export", "--db", str(store_path), "--format", fmt,
                                     "--what", what, "-o", str(out)])
        assert result.exit_code == 0, result.output
        if fmt == "jsonl":
            rows[fmt] = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
        elif fmt == "csv":
            with out.open(encoding="utf-8", newline="") as handle:
                rows[fmt] = list(csv.DictReader(handle))
        else:
            rows[fmt] = pq.read_table(out).to_pylist()
    assert len(rows["jsonl"]) == len(rows["csv"]) == len(rows["parquet"])
    if what == "records":
        assert len(rows["jsonl"]) == 3
        assert {r["title"] for r in rows["jsonl"]} == {t.split("\n")[0] for t in DOCS.values()}
        assert "entities" in rows["jsonl"][0]
    if what == "events" and rows["csv"]:
        assert {"date", "source_name", "source_country", "target_sector", "type", "status",
                "sources", "evidence", "lat", "lon"} <= set(rows["csv"][0])
        assert rows["parquet"][0]["event_id"] == rows["jsonl"][0]["event_id"]


def test_export_refuses_unknown_format(store_path, tmp_path):
    result = CliRunner().invoke(app, ["export", "--db", str(store_path), "--format", "xlsx",
                                      "-o", str(tmp_path / "x.xlsx")])
    assert result.exit_code == 2
    assert "xlsx" in result.stderr and not (tmp_path / "x.xlsx").exists()


def test_query_commands_print_json(store_path):
    runner = CliRunner()
    result = runner.invoke(app, ["query", "search", "الامريكية", "--db", str(store_path), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)[0]["title"] == "السفارة الأمريكية تحذر رعاياها"
    for args in (["query"], ["query", "stories"], ["query", "disputes"], ["query", "discover"]):
        result = runner.invoke(app, args + ["--db", str(store_path), "--json"])
        assert result.exit_code == 0, (args, result.output)
        assert isinstance(json.loads(result.stdout), list)
    result = runner.invoke(app, ["query", "--db", str(store_path), "search", "النجف"])
    assert result.exit_code == 0 and "النجف" in result.stdout
