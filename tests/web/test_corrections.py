"""Correcting the machine (issue 18): an analyst confirms an event, marks it wrong or fixes its
type, source or target; the write needs the token; corrections are kept beside the record,
shown, exported, and given back as annotation records the event training reads."""
from __future__ import annotations

import csv
import io
import shutil

import pytest
from fastapi.testclient import TestClient

from marsad.store.corrections import sentence_hash
from marsad.training.event_corpus import parse_record
from marsad.web.app import create_app

TOKEN = "correcting-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture
def client(store_path, tmp_path):
    copy = tmp_path / "corrections.db"
    shutil.copy(store_path, copy)
    return TestClient(create_app(copy, token=TOKEN))


def _an_event(client, **params) -> dict:
    return client.get("/api/events", params={"limit": 1, **params}).json()["items"][0]


def test_a_correction_needs_the_token(client):
    event = _an_event(client)
    path = f"/api/events/{event['id']}/corrections"
    assert client.post(path, json={"verdict": "wrong"}).status_code == 401
    assert client.post(path, json={"verdict": "wrong"}, headers={"Authorization": "Bearer nope"}).status_code == 401
    assert client.get(path).json()["items"] == []


def test_confirm_mark_wrong_and_fix_keep_the_machine_record(client):
    event = _an_event(client, type="ASSAULT")
    record_before = client.get(f"/api/documents/{event['document']}").json()["record"]
    path = f"/api/events/{event['id']}/corrections"
    assert client.post(path, json={"verdict": "confirmed", "by": "ana"}, headers=AUTH).status_code == 201
    assert _an_event(client, type="ASSAULT")["correction"]["verdict"] == "confirmed"
    entities = client.get(f"/api/documents/{event['document']}").json()["entity_ids"]
    other = sorted(set(entities.values()) - {event["source_id"]})[0]
    fixed = client.post(path, json={"verdict": "fixed", "type": "coerce", "source": other, "note": "ليس قصفًا"},
                        headers=AUTH)
    assert fixed.status_code == 201 and fixed.json()["type"] == "COERCE"
    shown = client.get("/api/events", params={"type": "ASSAULT", "limit": 500}).json()["items"]
    now = next(e for e in shown if e["id"] == event["id"])
    assert now["correction"]["verdict"] == "fixed" and now["correction"]["source_id"] == other
    assert now["type"] == "ASSAULT", "the machine's own answer stays as it was"
    assert [c["verdict"] for c in client.get(path).json()["items"]] == ["confirmed", "fixed"]
    assert client.get(f"/api/documents/{event['document']}").json()["record"] == record_before
    rows = list(csv.DictReader(io.StringIO(client.get("/api/events.csv", params={"type": "ASSAULT"}).text.lstrip("\ufeff"))))
    row = next(r for r in rows if r["id"] == event["id"])
    assert row["verdict"] == "fixed" and row["corrected_type"] == "COERCE" and row["corrected_source_id"] == other
    page = client.get("/", params={"type": "ASSAULT"}).text
    assert "verdict-fixed" in page


@pytest.mark.parametrize("body,status", [
    ({"verdict": "maybe"}, 422), ({"verdict": "fixed"}, 400), ({"verdict": "fixed", "type": "BOGUS"}, 422),
    ({"verdict": "confirmed", "type": "AGREE"}, 400), ({"verdict": "fixed", "source": "E-nobody"}, 400)])
def test_a_bad_correction_is_refused(client, body, status):
    event = _an_event(client)
    response = client.post(f"/api/events/{event['id']}/corrections", json=body, headers=AUTH)
    assert response.status_code == status, response.text
    assert client.get(f"/api/events/{event['id']}/corrections").json()["items"] == []


def test_an_unknown_event_is_404(client):
    assert client.post("/api/events/no-such/v9/corrections", json={"verdict": "wrong"}, headers=AUTH).status_code == 404


def test_corrections_become_annotation_records(client):
    events = client.get("/api/events", params={"limit": 3}).json()["items"]
    verdicts = ["confirmed", "wrong", "fixed"]
    for event, verdict in zip(events, verdicts):
        body = {"verdict": verdict, "type": "PROTEST"} if verdict == "fixed" else {"verdict": verdict}
        assert client.post(f"/api/events/{event['id']}/corrections", json=body, headers=AUTH).status_code == 201
    lines = client.get("/api/corrections.jsonl").text.splitlines()
    import json

    records = [json.loads(line) for line in lines]
    assert records
    kept = 0
    for record in records:
        text = client.get(f"/api/documents/{record['doc']}").json()["record"]["text"]
        assert sentence_hash(text[record["start"]:record["end"]]) == record["sha1"]
        sentence = parse_record(record)  # what the event training reads
        for annotated in sentence.events:
            start, end = annotated.trigger
            assert record["start"] <= start < end <= record["end"]
            kept += 1
    assert kept == 2, "confirmed and fixed are kept, wrong is left out"
    assert any(e["type"] == "PROTEST" for r in records for e in r["events"])


def test_the_page_form_corrects_with_the_token_and_refuses_other_sites(client):
    event = _an_event(client)
    form = client.get(f"/events/{event['id']}/correct")
    assert form.status_code == 200 and 'name="token"' in form.text
    path = f"/events/{event['id']}/correct"
    assert client.post(path, data={"verdict": "wrong"}, follow_redirects=False).status_code == 401
    other_site = client.post(path, data={"verdict": "wrong", "token": TOKEN},
                             headers={"Origin": "https://evil.example"}, follow_redirects=False)
    assert other_site.status_code == 403
    done = client.post(path, data={"verdict": "wrong", "token": TOKEN, "note": "لا هجوم"}, follow_redirects=False)
    assert done.status_code == 303 and done.headers["location"].endswith("/correct?saved=1")
    assert "verdict-wrong" in client.get(done.headers["location"]).text
