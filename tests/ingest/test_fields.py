"""Document fields as callers send them: dates in every common format, ids, outlets, meta (issues 14, 15)."""
from __future__ import annotations

import dataclasses
import json

import pytest

from marsad.errors import BadField
from marsad.ingest import parse_item
from marsad.ingest.dateline import parse_published
from marsad.ingest.fields import check_id, item_metadata, url_outlet
from marsad.record import SCHEMA_VERSION, Analysis
from marsad.schema import record_validator
from marsad.settings import MAX_ID_CHARS


@pytest.mark.parametrize("value, expected", [
    ("2018-02-19", "2018-02-19"),
    (" 2018-02-19T23:30:00-05:00 ", "2018-02-19"),        # the date as written, not UTC's
    ("20180219", "2018-02-19"),
    ("Mon, 19 Feb 2018 00:16:11 +0400", "2018-02-19"),
    ("Sun, 18 Feb 2018 16:40:06 GMT", "2018-02-18"),
    ("19 Feb 2018 16:40 +0000", "2018-02-19"),
    ("19 شباط 2018", "2018-02-19"),
    ("الاثنين 19 فبراير 2018", "2018-02-19"),
    ("19/02/2018", "2018-02-19"),
    ("١٩/٠٢/٢٠١٨", "2018-02-19"),
    ("نشر في: 12 آذار/مارس 2023 - 10:30 ص", "2023-03-12"),
    (None, None),
    ("  ", None),
])
def test_published_formats(value, expected):
    assert parse_published(value, "line 1") == expected


@pytest.mark.parametrize("value, named", [
    (20180219, "the number 20180219"),
    (float("nan"), "not a finite number"),
    (True, "boolean"),
    (["2018-02-19"], "a list"),
    ("yesterday", "'yesterday'"),
    ("2020-13-01", "'2020-13-01'"),
    ("0000-00-00", "'0000-00-00'"),
    ("9999-12-31", "outside the years"),
    ("شهدت المدينة احتجاجات واسعة في 5 آذار 2024 ضد الحكومة.", "not a date"),
])
def test_bad_published_values_are_named(value, named):
    with pytest.raises(BadField) as raised:
        parse_published(value, "feed.jsonl:3", "time")
    message = str(raised.value)
    assert message.startswith("feed.jsonl:3: 'time'") and named in message


@pytest.mark.parametrize("value, expected", [("a", "a"), (17, "17"), ("x" * MAX_ID_CHARS, "x" * MAX_ID_CHARS)])
def test_good_ids(value, expected):
    assert check_id(value, "line 1") == expected


@pytest.mark.parametrize("value, named", [
    (1.5, "the number 1.5"), (True, "boolean"), (None, "no 'id'"), ("", "empty"), ("  ", "empty"),
    ({"a": 1}, "an object"), ("x" * (MAX_ID_CHARS + 1), f"{MAX_ID_CHARS + 1} characters is over the limit"),
])
def test_bad_ids_are_named(value, named):
    with pytest.raises(BadField) as raised:
        check_id(value, "line 4")
    assert "'id'" in str(raised.value) and named in str(raised.value)


def test_aliases_outlet_and_meta():
    item = {"id": "a", "text": "x", "pubDate": "Mon, 19 Feb 2018 00:16:11 +0400",
            "date": "2018-02-20", "url": "https://www.Example.org/news/1", "category": "sport",
            "score": float("nan"), "tags": ["a", "b"]}
    metadata = item_metadata(item, "line 1")
    assert metadata.published == "2018-02-20"          # `date` comes before `pubDate`
    assert metadata.outlet is None and url_outlet(metadata.url) == "example.org"
    assert metadata.meta == {"pubDate": item["pubDate"], "category": "sport", "score": "nan",
                             "tags": ["a", "b"]}
    json.dumps(metadata.meta, allow_nan=False)


def test_given_outlet_wins_over_the_url_and_source_is_an_alias():
    document = parse_item({"id": "a", "text": "خبر قصير.", "source": "alarabia",
                           "url": "http://www.alarabiya.net/x"}, "line 1")
    assert document.outlet == "alarabia"
    assert parse_item({"id": "a", "text": "خبر قصير.", "url": "http://www.alarabiya.net/x"},
                      "line 1").outlet == "alarabiya.net"


@pytest.mark.parametrize("item, named", [
    ({"id": "a", "text": "x", "url": 3}, "'url' must be a string, not the number 3"),
    ({"id": "a", "text": "x", "title": ["t"]}, "'title' must be a string, not a list"),
    ({"id": "a", "text": 5}, "'text' must be a string"),
    ({"id": "a", "text": "x", "html": "<p>x</p>"}, "both given"),
    ({"id": "a"}, "exactly one of 'text' or 'html'"),
    ({"id": "a", "text": "x", "source": 1}, "'source' must be a string"),
])
def test_wrong_field_types_are_named(item, named):
    with pytest.raises(BadField) as raised:
        parse_item(item, "line 2")
    assert named in str(raised.value)


def test_title_given_makes_the_whole_text_the_body():
    body = "أفاد مراسل بانفجار صاروخ قرب قطاع غزة.\nانفجار في غزة\n14 فبراير/شباط 2018\nوأضاف أن صفارات الإنذار دوت."
    document = parse_item({"id": "a", "title": "انفجار في غزة", "text": body,
                           "time": "Mon, 19 Feb 2018 00:16:11 +0400"}, "line 1")
    assert document.title == "انفجار في غزة"
    assert document.text.split("\n\n") == ["انفجار في غزة", "أفاد مراسل بانفجار صاروخ قرب قطاع غزة.",
                                           "14 فبراير/شباط 2018", "وأضاف أن صفارات الإنذار دوت."]
    assert document.boilerplate == ["انفجار في غزة"] and document.published == "2018-02-19"


def test_title_alone_is_analysed_as_its_title():
    document = parse_item({"id": "a", "title": "انفجار في غزة", "text": ""}, "line 1")
    assert (document.title, document.text) == ("انفجار في غزة", "انفجار في غزة")


def test_an_abstract_is_the_lead_and_enters_the_text_only_when_new():
    body = "أفاد مراسل بانفجار صاروخ قرب قطاع غزة دون إصابات.\nوأضاف أن صفارات الإنذار دوت في المستوطنات."
    repeated = parse_item({"id": "a", "title": "انفجار", "text": body,
                           "abstract": "أفاد مراسل بانفجار صاروخ قرب قطاع غزة دون إصابات."}, "l")
    assert repeated.lead.startswith("أفاد") and repeated.text.count("أفاد مراسل") == 1
    new = "قالت وزارة الصحة إن ثلاثة أشخاص أصيبوا بجروح طفيفة ونقلوا إلى المستشفى."
    added = parse_item({"id": "a", "title": "انفجار", "text": body, "abstract": new}, "l")
    assert added.lead == new and added.text.split("\n\n")[1] == new


def test_the_schema_knows_every_record_field_and_its_version():
    schema = record_validator().schema
    assert schema["version"] == SCHEMA_VERSION
    fields = {f.name for f in dataclasses.fields(Analysis)}
    assert fields <= set(schema["properties"]), fields - set(schema["properties"])


def test_only_the_first_date_field_is_read_the_others_are_kept():
    metadata = item_metadata({"published": "2018-02-19", "date": "yesterday", "time": " "}, "l")
    assert metadata.published == "2018-02-19" and metadata.meta == {"date": "yesterday"}
    blank_first = item_metadata({"published": " ", "date": "19 شباط 2018"}, "l")
    assert blank_first.published == "2018-02-19"
