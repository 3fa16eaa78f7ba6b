"""The API an analyst's dashboard stands on (issue 18): one way of paging every list, enum
filters refused with 422, actors found by any spelling, and exports of the filtered events."""
from __future__ import annotations

import csv
import io
import json

import pytest
from fastapi.testclient import TestClient
from markupsafe import escape

from marsad.lexicon.lexicon import load_lexicon
from marsad.store import Store
from marsad.web.app import create_app

LISTS = [("/api/documents", {}), ("/api/entities", {}), ("/api/events", {}),
         ("/api/events", {"status": "background"}), ("/api/stories", {}), ("/api/disputes", {}),
         ("/api/search", {"q": "عين الأسد"}), ("/api/discover", {})]


@pytest.fixture(scope="module")
def client(store_path):
    return TestClient(create_app(store_path))


def _key(item: dict) -> str:
    return json.dumps(item, sort_keys=True, ensure_ascii=False)


@pytest.mark.parametrize("path,params", LISTS)
def test_every_list_pages_the_same_way(client, path, params):
    whole = client.get(path, params={**params, "limit": 500}).json()
    assert {"total", "limit", "offset", "items"} <= set(whole), path
    assert whole["total"] == len(whole["items"]), "one page of 500 holds this small store's list"
    if whole["total"] < 1:
        pytest.skip(f"{path} has {whole['total']} items in the test store")
    for offset in range(whole["total"] + 1):
        page = client.get(path, params={**params, "limit": 1, "offset": offset}).json()
        assert page["total"] == whole["total"] and page["offset"] == offset
        assert [_key(i) for i in page["items"]] == [_key(i) for i in whole["items"][offset:offset + 1]]


@pytest.mark.parametrize("path,params", [
    ("/api/events", {"type": "BOGUS"}), ("/api/events", {"status": "bogus"}),
    ("/api/events", {"sort": "colour"}), ("/api/timeline", {"type": "BOGUS"}),
    ("/api/map", {"status": "bogus"}), ("/api/stories", {"type": "BOGUS"}),
    ("/api/entities", {"type": "PLANET"}), ("/api/events.csv", {"type": "BOGUS"}),
    ("/", {"type": "BOGUS"}), ("/map", {"status": "bogus"}), ("/stories", {"type": "BOGUS"})])
def test_an_unknown_choice_is_refused_naming_the_parameter(client, path, params):
    response = client.get(path, params=params)
    assert response.status_code == 422
    (name, value), = params.items()
    text = response.json()["error"] if path.startswith("/api/") else response.text
    assert name in text and value in text


def test_choices_take_any_case(client):
    upper = client.get("/api/events", params={"type": "ASSAULT", "limit": 500}).json()
    lower = client.get("/api/events", params={"type": "assault", "limit": 500}).json()
    assert upper["total"] > 0 and upper == lower


@pytest.mark.parametrize("path", ["/api/events", "/"])
def test_a_bad_date_names_the_parameter_not_a_cli_option(client, path):
    response = client.get(path, params={"since": "2023-13-40"})
    assert response.status_code == 400
    assert "since" in response.text and "--since" not in response.text


def test_events_are_newest_first_and_sort_by_any_column(client):
    events = client.get("/api/events", params={"limit": 500}).json()["items"]
    dates = [e["date"] or e["published"] for e in events]
    assert dates == sorted(dates, reverse=True) and len(set(dates)) > 1
    for column, key in [("type", "type"), ("status", "status"), ("confidence", "confidence")]:
        for sign, reverse in (("", False), ("-", True)):
            got = [e[key] for e in client.get("/api/events", params={
                "limit": 500, "sort": sign + column}).json()["items"]]
            known = [v for v in got if v is not None]
            assert known == sorted(known, reverse=reverse) and got[:len(known)] == known


def test_facets_count_what_each_choice_would_give(client):
    page = client.get("/api/events", params={"facets": 1, "limit": 1}).json()
    for facet, param in [("type", "type"), ("outlet", "outlet"), ("country", "country"),
                         ("confidence", "min_confidence")]:
        assert page["facets"][facet], facet
        for value in page["facets"][facet]:
            chosen = client.get("/api/events", params={param: value["value"], "limit": 1}).json()
            assert chosen["total"] == value["events"], (facet, value)
    statuses = {s["value"]: s["events"] for s in page["facets"]["status"]}
    for status, n in statuses.items():
        assert client.get("/api/events", params={"status": status}).json()["total"] == n


def test_undated_events_are_counted(client):
    page = client.get("/api/events", params={"limit": 500}).json()
    assert page["undated"] == sum(1 for e in page["items"] if not e["date"])


def test_search_filters_the_events(client):
    every = client.get("/api/events", params={"limit": 500}).json()
    found = client.get("/api/events", params={"q": "الكاظمي", "limit": 500}).json()
    documents = {d["document"] for d in client.get("/api/search", params={"q": "الكاظمي"}).json()["items"]}
    assert 0 < found["total"] < every["total"]
    assert {e["document"] for e in found["items"]} <= documents
    assert found["total"] == sum(1 for e in every["items"] if e["document"] in documents)


def test_an_actor_is_found_by_every_name_the_knowledge_base_gives_it(client):
    events = client.get("/api/events", params={"limit": 500}).json()["items"]
    base = load_lexicon().actors
    checked = 0
    for actor in base.actors.values():
        if actor.type != "PERSON" or not actor.name_en:
            continue
        expected = {e["id"] for e in events if actor.name in (e["source"], e["target"])}
        if not expected:
            continue
        spellings = [k for k, surfaces in base.surfaces.items() if any(s.actor == actor.id for s in surfaces)]
        names = [actor.name_en, actor.name_en.split()[-1]] + [" ".join(k) for k in spellings]
        for name in names:
            got = {e["id"] for e in client.get("/api/events", params={"actor": name, "limit": 500}).json()["items"]}
            assert expected <= got, (actor.id, name)
        checked += 1
    assert checked, "the test store has events of a known person"


def _trump_record(rid: str, spelling: str, kb: str | None) -> dict:
    text = f"عنوان\n\nالتقى {spelling} وزير الخارجية في واشنطن."
    start = text.index(spelling)
    trigger = text.index("التقى")
    return {
        "id": rid, "url": f"https://example.org/{rid}", "title": "عنوان", "published": "2018-05-02",
        "text": text, "highlights": [], "boilerplate": [],
        "entities": [{"id": "e1", "type": "PERSON", "name": spelling, "name_en": None, "kb": kb,
                      "country": "USA", "sector": None, "roles": [], "geo": None,
                      "mentions": [{"start": start, "end": start + len(spelling), "text": spelling}]}],
        "events": [{"id": "v1", "type": "CONSULT", "mode": None, "source": "e1", "target": None,
                    "location": None, "date": None, "status": "reported", "attributed_to": [],
                    "trigger": {"start": trigger, "end": trigger + 5, "text": "التقى"},
                    "evidence": {"start": 7, "end": len(text)}, "confidence": 0.5}],
        "quotes": [], "attributions": [], "dates": [], "warnings": []}


def test_trump_finds_every_spelling_linked_or_not(tmp_path):
    """Al Arabiya's ترمب, unlinked, and a linked ترامب: `Trump` and either spelling find both."""
    actor = next(a for a in load_lexicon().actors.actors.values() if a.name_en == "Donald Trump")
    db = tmp_path / "trump.db"
    with Store(db) as store:
        store.add_record(_trump_record("linked", "دونالد ترامب", actor.kb), "t:1")
        store.add_record(_trump_record("unlinked", "ترمب", None), "t:2")
        store.add_record(_trump_record("other", "ماكرون", None), "t:3")
        store.rebuild_stories()
    client = TestClient(create_app(db))
    for name in ("Trump", "Donald Trump", "ترمب", "ترامب", actor.kb):
        got = client.get("/api/events", params={"actor": name}).json()
        assert sorted(e["document"] for e in got["items"]) == ["linked", "unlinked"], name


@pytest.mark.parametrize("params", [{}, {"type": "ASSAULT"}, {"status": "denied"}, {"q": "عين الأسد"},
                                    {"sort": "type", "limit": 2, "offset": 1}])
def test_exports_hold_every_event_of_the_view(client, params):
    total = client.get("/api/events", params=params).json()["total"]
    csv_response = client.get("/api/events.csv", params=params)
    assert csv_response.status_code == 200 and csv_response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(csv_response.text.lstrip("\ufeff"))))
    assert len(rows) == total and int(csv_response.headers["x-marsad-total"]) == total
    lines = client.get("/api/events.jsonl", params=params).text.splitlines()
    assert len(lines) == total
    in_order = [json.loads(line)["id"] for line in lines]
    assert [r["id"] for r in rows] == in_order
    whole = client.get("/api/events", params={**params, "limit": 500, "offset": 0}).json()["items"]
    assert in_order == [e["id"] for e in whole]


def test_openapi_describes_answers_and_errors(client):
    from openapi_spec_validator import validate

    spec = client.get("/openapi.json").json()
    validate(spec)
    schemas = spec["components"]["schemas"]
    for path, operations in spec["paths"].items():
        if not path.startswith("/api/"):
            continue
        for method, operation in operations.items():
            responses = operation["responses"]
            for status in ("400", "404", "422"):
                assert responses[status]["content"]["application/json"]["schema"]["$ref"].endswith("/ErrorOut"), (path, status)
            if method == "get" and not path.endswith(("{fmt}", ".jsonl", "{document_id}", "{entity_id}", "{story_id}")):
                ref = responses["200"]["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[1]
                assert "items" in schemas[ref]["properties"], path
                if ref != "Items":
                    assert "total" in schemas[ref]["properties"] or "total" in str(schemas[ref]), path
    events = schemas["EventsPage"]["properties"]
    assert {"total", "limit", "offset", "items", "undated"} <= set(events)


def test_the_discovery_page_lists_what_the_api_gives(client):
    found = client.get("/api/discover", params={"limit": 500}).json()
    page = client.get("/discover", params={"limit": 500}).text
    assert found["total"] == len(found["items"])
    assert found["items"], "the test store has a titled person the knowledge base does not know"
    for actor in found["items"]:
        # Names are escaped: the hostile article's speaker is one of them.
        assert f"<bdi>{escape(actor['name'])}</bdi>" in page
