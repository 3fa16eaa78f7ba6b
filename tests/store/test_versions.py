"""Never a dropped write (issue 14): an id stored with another text is a conflict, or a new
version that keeps the old one; through the store and through the real server on loopback."""
from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from marsad.errors import IdConflict
from marsad.record import content_hash
from marsad.store.db import Store

TOKEN = "versions-token"
FIRST = "احتجاجات في البصرة\n\nتظاهر مئات من سكان البصرة يوم الخميس للمطالبة بتحسين الكهرباء."
SECOND = "احتجاجات في البصرة\n\nتظاهر آلاف من سكان البصرة يوم الجمعة أمام مبنى المحافظة."


def _record(doc_id: str, text: str) -> dict:
    return {"id": doc_id, "url": None, "title": text.split("\n")[0], "published": "2023-03-10",
            "text": text, "highlights": [], "boilerplate": [], "entities": [], "events": [],
            "quotes": [], "attributions": [], "dates": [], "warnings": []}


def test_same_id_other_text_is_a_conflict_naming_both_hashes(tmp_path):
    with Store(tmp_path / "s.db") as store:
        assert store.add_record(_record("a", FIRST), "one")[0] == "new"
        assert store.add_record(_record("a", FIRST), "again")[0] == "duplicate"
        with pytest.raises(IdConflict) as raised:
            store.add_record(_record("a", SECOND), "two")
        message = str(raised.value)
        assert content_hash(FIRST) in message and content_hash(SECOND) in message
        stored = store.db.execute('SELECT "text" FROM "documents" WHERE "id" = ?', ("a",)).fetchone()[0]
        assert stored == FIRST


def test_same_text_with_another_date_is_a_conflict_too(tmp_path):
    with Store(tmp_path / "s.db") as store:
        store.add_record(_record("a", FIRST), "one")
        redated = {**_record("a", FIRST), "published": "2023-03-11"}
        with pytest.raises(IdConflict) as raised:
            store.add_record(redated, "two")
        assert "'2023-03-10' -> '2023-03-11'" in str(raised.value)
        assert store.add_record(redated, "two", replace=True)[0] == "replaced"
        assert [v["published"] for v in store.versions("a")] == ["2023-03-10"]
        older = {k: v for k, v in _record("b", SECOND).items() if k != "url"}  # a version-1 record
        store.add_record(older, "old")
        assert store.add_record({**older, "url": "https://x.org/b"}, "new")[0] == "duplicate"


def test_replace_keeps_the_old_version(tmp_path):
    with Store(tmp_path / "s.db") as store:
        store.add_record(_record("a", FIRST), "one")
        assert store.add_record(_record("a", SECOND), "two", replace=True) == ("replaced", "a")
        current = store.db.execute('SELECT "text" FROM "documents" WHERE "id" = ?', ("a",)).fetchall()
        assert [row[0] for row in current] == [SECOND]
        versions = store.versions("a")
        assert [(v["version"], v["text"], v["content_hash"]) for v in versions] == \
            [(1, FIRST, content_hash(FIRST))]
        assert store.add_record(_record("a", FIRST), "three", replace=True)[0] == "replaced"
        assert [v["text"] for v in store.versions("a")] == [FIRST, SECOND]
        assert store.db.execute('SELECT COUNT(*) FROM "search" WHERE "document_id" = ?', ("a",)).fetchone()[0] == 1


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """`marsad serve` on an empty store, on a free loopback port."""
    db = tmp_path_factory.mktemp("served") / "marsad.db"
    Store(db).close()
    port = _free_port()
    env = {**os.environ, "MARSAD_TOKEN": TOKEN}
    process = subprocess.Popen([sys.executable, "-m", "marsad", "serve", "--db", str(db), "--port", str(port)],
                               env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):
            if process.poll() is not None:
                raise RuntimeError("server exited: " + process.stdout.read().decode(errors="replace"))
            try:
                urllib.request.urlopen(base + "/api/documents", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        yield base, db
    finally:
        process.terminate()
        process.wait(10)


def _post(base: str, path: str, body: dict) -> tuple[int, dict, dict]:
    request = urllib.request.Request(base + path, data=json.dumps(body).encode(), method="POST",
                                     headers={"Authorization": f"Bearer {TOKEN}",
                                              "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            return response.status, {k.lower(): v for k, v in response.headers.items()}, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, {k.lower(): v for k, v in error.headers.items()}, json.loads(error.read())


def test_server_answers_409_then_replaces_on_request(server):
    base, db = server
    status, _, _ = _post(base, "/api/analyze?store=1", {"id": "doc/1", "text": FIRST})
    assert status == 201
    status, _, answer = _post(base, "/api/analyze?store=1", {"id": "doc/1", "text": SECOND})
    assert status == 409
    assert answer["stored"] == content_hash(FIRST) and answer["new"] == content_hash(SECOND)
    assert content_hash(FIRST) in answer["error"] and content_hash(SECOND) in answer["error"]
    status, headers, record = _post(base, "/api/analyze?store=1&replace=1", {"id": "doc/1", "text": SECOND})
    assert status == 200 and headers["x-marsad-stored"] == "replaced"
    assert record["text"] == SECOND
    with Store(db) as store:
        assert [v["text"] for v in store.versions("doc/1")] == [FIRST]
        stored = store.db.execute('SELECT "text" FROM "documents" WHERE "id" = ?', ("doc/1",)).fetchone()[0]
    assert stored == SECOND


def test_server_takes_one_sentence_and_article_fields(server):
    base, _ = server
    sentence = "شهدت المدينة احتجاجات واسعة في 5 آذار 2024 ضد الحكومة."
    status, _, record = _post(base, "/api/analyze", {"text": sentence, "published": "2024-03-07"})
    assert status == 200
    assert record["text"] == sentence and record["published"] == "2024-03-07"
    status, _, record = _post(base, "/api/analyze", {
        "title": "انفجار في غزة", "text": "أفاد مراسل بانفجار صاروخ قرب قطاع غزة دون إصابات.",
        "time": "Mon, 19 Feb 2018 00:16:11 +0400", "url": "http://www.alarabiya.net/ar/x.html",
        "category": "news"})
    assert status == 200
    assert (record["title"], record["published"], record["outlet"]) == \
        ("انفجار في غزة", "2018-02-19", "alarabiya.net")
    assert record["meta"] == {"time": "Mon, 19 Feb 2018 00:16:11 +0400", "category": "news"}


@pytest.mark.parametrize("body, field", [
    ({"id": "x" * 513, "text": FIRST}, "'id'"),
    ({"id": 1.5, "text": FIRST}, "'id'"),
    ({"text": FIRST, "published": 20180219}, "'published'"),
    ({"text": FIRST, "url": 7}, "'url'"),
])
def test_server_names_the_bad_field(server, body, field):
    base, _ = server
    status, _, answer = _post(base, "/api/analyze", body)
    assert 400 <= status < 500
    assert field in answer["error"]
