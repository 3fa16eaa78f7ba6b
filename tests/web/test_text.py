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
