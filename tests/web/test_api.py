"""The JSON API over a small store: every endpoint, filters, paging, access rules, limits, errors."""
from __future__ import annotations

import shutil

import pytest
from fastapi.testclient import TestClient

from marsad.store import browse
from marsad.web.app import create_app

TOKEN = "s3cret-token"


@pytest.fixture(scope="module")
def client(store_path):
    return TestClient(create_app(store_path, token=TOKEN))


@pytest.fixture
def writable(store_path, tmp_path):
    """A copy of the store that a test may write to."""
    copy = tmp_path / "copy.db"
    shutil.copy(store_path, copy)
    return copy


def test_documents_are_paginated(client):
    first = client.get("/api/documents", params={"limit": 3}).json()
    second = client.get("/api/documents", params={"limit": 3, "offset": 3}).json()
    assert first["total"] == 10 and len(first["items"]) == 3 and len(second["items"]) == 3
    assert not {d["id"] for d in first["items"]} & {d["id"] for d in second["items"]}
    assert all({"id", "title", "published", "events", "entities"} <= set(d) for d in first["items"])


def test_a_document_carries_its_record_and_corpus_links(client):
    found = client.get("/api/documents/visit-1").json()
    record = found["record"]
    assert record["id"] == "visit-1" and record["title"].startswith("زيارة")
    assert set(found["entity_ids"]) == {e["id"] for e in record["entities"]}
    assert all(v.startswith("E") for v in found["entity_ids"].values())
    assert set(found["story_ids"]) == {e["id"] for e in record["events"]}


def test_entities_list_and_profile(client):
    page = client.get("/api/entities", params={"name": "الكاظمي"}).json()
    assert page["total"] >= 1
    kadhimi = page["items"][0]
    assert kadhimi["name"] == "مصطفى الكاظمي" and kadhimi["country"] == "IRQ"
    profile = client.get(f"/api/entities/{kadhimi['id']}").json()
    assert "رئيس الوزراء" in profile["roles"] and profile["sector"] == "GOV"
    # the profile lists the meeting the entity takes part in (which side is the coder's concern)
    assert any(e["type"] == "CONSULT" for e in profile["as_target"] + profile["as_source"])
    assert profile["quotes"] and "ساحة" in profile["quotes"][0]["text"]
    assert any(o["name"] == "إسماعيل قاآني" for o in profile["co_occurring"])
    assert client.get("/api/entities", params={"type": "GPE", "limit": 100}).json()["items"]


@pytest.mark.parametrize("params, check", [
    ({"type": "ASSAULT"}, lambda e: e["type"] == "ASSAULT"),
    ({"type": "assault", "status": "denied"}, lambda e: e["type"] == "ASSAULT" and e["status"] == "denied"),
    ({"actor": "Mustafa al-Kadhimi"}, lambda e: "مصطفى الكاظمي" in (e["source"], e["target"])),
    ({"country": "irn"}, lambda e: "IRN" in (e["source_country"], e["target_country"])),
    ({"place": "بغداد"}, lambda e: e["place"] == "بغداد"),
    ({"since": "2023-04-01", "until": "2023-04-30"}, lambda e: "2023-04-01" <= (e["date"] or e["published"]) <= "2023-04-30"),
])
def test_events_filters(client, params, check):
    page = client.get("/api/events", params=params).json()
    assert page["items"], params
    assert all(check(e) for e in page["items"])


def test_events_are_paginated(client):
    everything = client.get("/api/events", params={"limit": 500}).json()
    pieces = [client.get("/api/events", params={"limit": 4, "offset": o}).json()["items"]
              for o in range(0, everything["total"], 4)]
    assert [e["id"] for p in pieces for e in p] == [e["id"] for e in everything["items"]]


def test_stories_and_one_story(client):
    stories = client.get("/api/stories", params={"min_documents": 2}).json()["items"]
    assert stories and all(s["documents"] >= 2 for s in stories)
    story = client.get(f"/api/stories/{stories[0]['id']}").json()
    assert len(story["sides"]) >= 2


def test_disputes_put_the_sides_apart(client):
    disputes = client.get("/api/disputes").json()["items"]
    assert len(disputes) == 1
    dispute = disputes[0]
    assert {s["document"] for s in dispute["reports"]} == {"dispute-a", "dispute-b"}
    assert [s["document"] for s in dispute["denials"]] == ["dispute-c"]
    assert dispute["denials"][0]["according_to"] == ["سامر الجبوري"]


def test_search_finds_clitic_forms_with_snippets(client):
    found = client.get("/api/search", params={"q": "والبصرة"}).json()["items"]
    assert [r["document"] for r in found] == ["protest-1"]
    assert "«البصرة»" in found[0]["snippet"]


def test_chart_twins(client):
    assert client.get("/api/timeline").json()["items"]
    edges = client.get("/api/network").json()["items"]
    assert {e["type"] for e in edges} <= {"CONSULT", "ACCUSE", "ASSAULT"} and edges
    places = client.get("/api/map").json()["items"]
    assert any(p["name"] == "قاعدة عين الأسد" and p["events"] == 3 for p in places)


@pytest.mark.parametrize("path, status", [
    ("/api/documents/no-such-id", 404), ("/api/entities/Enope", 404), ("/api/stories/Snope", 404),
    ("/api/events?since=yesterday", 400), ("/api/documents?limit=0", 422),
    ("/api/documents?offset=-1", 422), ("/api/search?q=", 422), ("/api/search?q=...", 400),
    ("/api/nothing-here", 404),
])
def test_errors_are_json(client, path, status):
    response = client.get(path)
    assert response.status_code == status
    assert response.headers["content-type"].startswith("application/json")
    assert set(response.json()) == {"error", "status"} and response.json()["error"]


def test_an_internal_error_shows_no_trace(store_path, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("secret internal detail")

    monkeypatch.setattr(browse, "documents_page", broken)
    client = TestClient(create_app(store_path), raise_server_exceptions=False)
    api, page = client.get("/api/documents"), client.get("/documents")
    assert api.status_code == 500 and page.status_code == 500
    for response in (api, page):
        assert "Traceback" not in response.text and "secret internal detail" not in response.text
    assert api.json()["error"] == "internal error (RuntimeError)"


def test_security_headers(client):
    headers = client.get("/").headers
    assert "script-src" not in headers["content-security-policy"]  # default-src 'none' covers scripts
    assert "default-src 'none'" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"


ARTICLE = {"text": "لقاء في بغداد\n\nالتقى رئيس الوزراء مصطفى الكاظمي وزير الخارجية الإيراني في بغداد يوم الاثنين.",
           "published": "2023-06-07", "url": "https://epsilon.tv/meeting"}


def test_analyze_needs_the_token(client):
    assert client.post("/api/analyze", json=ARTICLE).status_code == 401
    wrong = client.post("/api/analyze", json=ARTICLE, headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 401 and wrong.headers["www-authenticate"] == "Bearer"


def test_analyze_returns_the_record_without_storing(client):
    response = client.post("/api/analyze", json=ARTICLE, headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 200
    record = response.json()
    assert record["published"] == "2023-06-07" and any(e["type"] == "CONSULT" for e in record["events"])
    assert client.get(f"/api/documents/{record['id']}").status_code == 404


def test_analyze_and_store(writable):
    client = TestClient(create_app(writable, token=TOKEN))
    auth = {"Authorization": f"Bearer {TOKEN}"}
    response = client.post("/api/analyze?store=1", json={**ARTICLE, "id": "posted/1"}, headers=auth)
    assert response.status_code == 201 and response.headers["x-marsad-stored"] == "new"
    assert client.get(response.headers["location"]).json()["record"]["id"] == "posted/1"
    again = client.post("/api/analyze?store=1", json={**ARTICLE, "id": "posted/1"}, headers=auth)
    assert again.status_code == 200 and again.headers["x-marsad-stored"] == "duplicate"
    assert client.get("/api/documents").json()["total"] == 11
    assert client.get("/documents/posted/1").status_code == 200


def test_without_a_token_only_loopback_may_write(store_path):
    app = create_app(store_path)
    remote = TestClient(app, client=("203.0.113.9", 5000))
    assert remote.post("/api/analyze", json=ARTICLE).status_code == 403
    assert remote.get("/api/documents").status_code == 200
    local = TestClient(app, client=("127.0.0.1", 5000))
    assert local.post("/api/analyze", json=ARTICLE).status_code == 200


@pytest.mark.parametrize("body, status", [
    (b"not json", 400), (b'{"url": "https://x.iq"}', 422), (b'{"text": "a", "html": "<p>a</p>"}', 422),
    (b'{"text": 5}', 422), (b'{"text": "\\u0627\\u0644\\u062e\\u0628\\u0631", "published": "2023-13-45"}', 422),
    (b'{"text": ""}', 422),
])
def test_analyze_refuses_bad_bodies(client, body, status):
    response = client.post("/api/analyze", content=body, headers={
        "Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"})
    assert response.status_code == status, response.text
    assert "error" in response.json()


def test_bodies_over_the_limit_are_refused(store_path):
    client = TestClient(create_app(store_path, token=TOKEN, max_body_bytes=1000))
    auth = {"Authorization": f"Bearer {TOKEN}"}
    big = {"text": "خبر\n\n" + "كلمة " * 500}
    response = client.post("/api/analyze", json=big, headers=auth)
    assert response.status_code == 413 and "limit" in response.json()["error"]

    def chunks():  # no Content-Length: the limit is enforced while reading
        for _ in range(20):
            yield b"x" * 100

    streamed = client.post("/api/analyze", content=chunks(), headers=auth)
    assert streamed.status_code == 413


def test_openapi_document_validates(client):
    from openapi_spec_validator import validate

    spec = client.get("/openapi.json").json()
    validate(spec)
    paths = spec["paths"]
    for path in ("/api/analyze", "/api/documents", "/api/documents/{document_id}", "/api/entities",
                 "/api/entities/{entity_id}", "/api/events", "/api/stories", "/api/disputes",
                 "/api/search"):
        assert path in paths, path
    assert "requestBody" in paths["/api/analyze"]["post"]
    assert not any(p.startswith(("/documents", "/entities")) for p in paths)  # pages are not API
