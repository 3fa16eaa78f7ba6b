"""The sources page (issue 19): each feed `marsad watch` follows, its last round, new articles and
errors, over an empty store and over one that `marsad watch --once` filled from a loopback site."""
from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner
from watch_server import NewsSite, rss

from marsad.cli import app as cli
from marsad.store import Store
from marsad.web.app import create_app

FAST = ["--delay", "0", "--timeout", "2", "--retries", "0", "--backoff", "0.05"]
OUTLET = "<b>أخبار المثال</b>"   # markup in a sources file is shown, never rendered


@pytest.fixture(scope="module")
def watched(tmp_path_factory):
    """A store after one `marsad watch --once` round over a good feed of three articles and a
    feed that answers 500; yields (store, site base URL)."""
    folder = tmp_path_factory.mktemp("watched")
    site = NewsSite().start()
    try:
        site.add("/robots.txt", "User-agent: *\nDisallow: /private/\n", "text/plain")
        site.add("/feed.xml", rss(site.base, [0, 1, 2]))
        site.add("/broken.xml", "server error", status=500)
        sources = folder / "sources.txt"
        sources.write_text(f"{site.base}/feed.xml\t{OUTLET}\tar\n{site.base}/broken.xml\n", "utf-8")
        db = folder / "watch.db"
        result = CliRunner().invoke(cli, ["watch", str(sources), "--db", str(db), "--once", *FAST])
        assert result.exit_code == 0, result.stderr
        yield db, site.base
    finally:
        site.close()


def test_an_empty_store_has_no_sources(tmp_path):
    db = tmp_path / "empty.db"
    Store(db).close()
    client = TestClient(create_app(db))
    assert client.get("/api/sources").json() == {"total": 0, "limit": 50, "offset": 0, "items": []}
    page = client.get("/sources")
    assert page.status_code == 200
    assert "لا مصادر بعد" in page.text and "marsad watch" in page.text
    assert '<a href="/sources" class="current">' in page.text


def test_the_sources_of_a_watched_store(watched):
    db, base = watched
    client = TestClient(create_app(db))
    answer = client.get("/api/sources").json()
    assert (answer["total"], answer["limit"], answer["offset"]) == (2, 50, 0)
    broken, feed = answer["items"]          # by URL
    assert broken["url"] == f"{base}/broken.xml" and feed["url"] == f"{base}/feed.xml"
    assert (feed["kind"], feed["outlet"], feed["language"]) == ("rss", OUTLET, "ar")
    assert (feed["last_items"], feed["last_new"], feed["last_failed"], feed["total_new"]) == (3, 3, 0, 3)
    assert feed["last_error"] is None and feed["last_round_at"] and feed["last_success_at"]
    assert broken["last_error"].endswith("HTTP 500") and broken["failures_in_a_row"] == 1
    assert broken["last_success_at"] is None and broken["last_new"] == 0
    # Paged like every list.
    second = client.get("/api/sources", params={"limit": 1, "offset": 1}).json()
    assert (second["total"], second["limit"], second["offset"]) == (2, 1, 1)
    assert second["items"] == [feed]

    page = client.get("/sources")
    assert page.status_code == 200 and "<script" not in page.text
    html = page.text
    assert f"{base}/feed.xml" in html and f"{base}/broken.xml" in html
    assert "&lt;b&gt;أخبار المثال&lt;/b&gt;" in html and OUTLET not in html
    assert html.count('class="failing"') == 1 and "HTTP 500" in html
    assert "مصدران" in html    # two sources, counted in Arabic
    assert f'<bdi dir="ltr" class="iso">{feed["last_round_at"]}</bdi>' in html
    # The outlet links to its events; the page links to its JSON twin.
    assert "/?outlet=" in html and 'href="/api/sources"' in html
    # Every other page's navigation leads here.
    assert '<a href="/sources">' in client.get("/documents").text


def test_sources_are_in_the_openapi_schema(tmp_path):
    db = tmp_path / "empty.db"
    Store(db).close()
    schema = TestClient(create_app(db)).get("/openapi.json").json()
    route = schema["paths"]["/api/sources"]["get"]
    answer = route["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
    assert answer.endswith("/SourcesPage")
    item = schema["components"]["schemas"]["Source"]["properties"]
    assert {"url", "last_round_at", "last_new", "last_error", "last_failed"} <= set(item)
    assert {"limit", "offset"} <= {p["name"] for p in route["parameters"]}
    assert "/sources" not in schema["paths"]   # pages are not API
