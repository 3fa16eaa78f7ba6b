"""Text on the pages (issue 18): directions kept apart, decoded URLs, no empty separators, Arabic
error pages that name no command-line option."""
from __future__ import annotations

import re
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from marsad.store import Store
from marsad.web.app import create_app

ARABIC_PATH = "/ar/arab-and-world/2018/02/19/انفجار-صاروخ-قرب-قطاع-غزة"


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    db = tmp_path_factory.mktemp("text") / "text.db"
    text = "انفجار صاروخ قرب غزة\n\nانفجر صاروخ قرب قطاع غزة يوم الاثنين."
    record = {"id": "encoded", "url": "https://www.alarabiya.net" + quote(ARABIC_PATH),
              "title": "انفجار صاروخ قرب غزة", "published": None, "text": text, "highlights": [],
              "boilerplate": [], "entities": [], "events": [], "quotes": [], "attributions": [],
              "dates": [], "warnings": []}
    with Store(db) as store:
        store.add_record(record, "t:1")
        store.rebuild_stories()
    return TestClient(create_app(db))


def test_a_percent_encoded_url_is_shown_decoded_and_linked_encoded(client):
    page = client.get("/documents/encoded").text
    assert ARABIC_PATH in page
    assert 'href="https://www.alarabiya.net/ar/arab-and-world/2018/02/19/%D8' in page


def test_no_empty_separators(client):
    meta = re.search(r'<p class="meta">(.*?)</p>', client.get("/documents/encoded").text, re.S).group(1)
    assert not re.search(r"·\s*·", meta) and not meta.strip().startswith("·")


@pytest.mark.parametrize("path,status,arabic", [("/documents/missing", 404, "غير موجود"),
                                                 ("/?since=2018-02-30", 400, "طلب غير صالح"),
                                                 ("/?type=BOGUS", 422, "قيمة غير مقبولة")])
def test_error_pages_are_arabic_and_name_no_cli_option(client, path, status, arabic):
    response = client.get(path)
    assert response.status_code == status
    assert arabic in response.text and not re.search(r"--[a-z]", response.text)


def test_a_refused_write_names_no_cli_option(client):
    response = client.post("/api/analyze", json={"text": "نص"}, headers={"x-forwarded-for": "1.2.3.4"})
    assert "--token" not in response.text


@pytest.fixture(scope="module")
def full_client(store_path):
    return TestClient(create_app(store_path))


def test_every_iso_date_on_the_pages_is_kept_left_to_right(full_client):
    """A bare 2023-03-08 inside Arabic text is shown reversed (08-03-2023): each sits in a
    <bdi dir="ltr">."""
    story = full_client.get("/api/stories").json()["items"][0]["id"]
    entity = full_client.get("/api/entities").json()["items"][0]["id"]
    checked = 0
    for path in ["/", "/documents", "/documents/visit-1", "/stories", f"/stories/{story}", "/disputes",
                 f"/entities/{entity}", "/discover"]:
        html = full_client.get(path).text
        body = html.split("<main>", 1)[1].split("</main>", 1)[0]
        for match in re.finditer(r"(<[^>]+>)([^<]*?)\b(\d{4}-\d{2}-\d{2})\b", body):
            checked += 1
            assert match.group(1).startswith('<bdi dir="ltr"'), (path, match.group(0))
    assert checked > 10
