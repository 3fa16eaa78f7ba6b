"""Every record Marsad emits validates against the shipped JSON Schema, offsets included."""
import json

import pytest

import marsad
from marsad.analysis import content_id
from marsad.ingest import read_path
from marsad.schema import record_errors, record_validator


def test_schema_file_is_a_valid_json_schema():
    assert record_validator().schema["title"] == "Marsad analysis record"


def _pages(examples, shared=None):
    pages = sorted(p for p in examples.iterdir() if p.suffix in (".txt", ".html"))
    if shared is not None:
        pages += sorted((shared / "corpus").rglob("*.txt"))
        pages = [p for p in pages if p.name != "README.md"]
    return pages


def test_example_records_validate(examples):
    for page in _pages(examples):
        record = marsad.analyze_document(read_path(page)).to_dict()
        assert record_errors(record) == [], page.name
        json.dumps(record, ensure_ascii=False)


def test_corpus_records_validate_and_point_into_their_text(shared, examples):
    for page in _pages(examples, shared):
        record = marsad.analyze_document(read_path(page)).to_dict()
        assert record_errors(record) == [], page.name
        text = record["text"]
        for entity in record["entities"]:
            for mention in entity["mentions"]:
                assert text[mention["start"]:mention["end"]] == mention["text"]
        for event in record["events"]:
            assert text[event["trigger"]["start"]:event["trigger"]["end"]] == event["trigger"]["text"]
            ids = {e["id"] for e in record["entities"]}
            assert {event["source"], event["target"], event["location"]} - {None} <= ids
            assert set(event["attributed_to"]) <= {a["id"] for a in record["attributions"]}


def test_same_clean_text_same_id():
    page = "عنوان الخبر\n\nوصل الوزير إلى بغداد اليوم في زيارة رسمية تستمر يومين."
    first = marsad.analyze(page, published="2021-01-01")
    second = marsad.analyze(page + "\n\nالصفحة الرئيسية\n", published="2021-01-02")
    assert first.id == second.id == content_id(first.text)


def test_no_date_leaves_relative_dates_unresolved():
    record = marsad.analyze("عنوان\n\nوصل الوزير إلى بغداد أمس في زيارة رسمية.")
    assert record.published is None
    assert any("no publication date" in w for w in record.warnings)
    assert all(d.value is None for d in record.dates if d.text == "أمس")


@pytest.mark.parametrize("bad", ["2020-13-01", "yesterday", "23/11/2020"])
def test_bad_caller_date_is_refused(bad):
    with pytest.raises(marsad.MarsadError):
        marsad.analyze("عنوان\n\nنص الخبر هنا.", published=bad)
