"""The Arabic pages: right-to-left, served from Marsad alone, article text always escaped."""
from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from marsad.web.app import create_app
from marsad.web.highlight import highlighted_text, marked_snippet


@pytest.fixture(scope="module")
def client(store_path):
    return TestClient(create_app(store_path))


def entity_id(client, name: str) -> str:
    return client.get("/api/entities", params={"name": name}).json()["items"][0]["id"]


PAGES = ["/", "/?q=بغداد", "/?type=ASSAULT&status=denied", "/documents", "/documents/visit-1",
         "/entities", "/timeline", "/network", "/map", "/stories", "/disputes"]


@pytest.mark.parametrize("path", PAGES)
def test_every_page_is_arabic_rtl_and_self_contained(client, path):
    response = client.get(path)
    assert response.status_code == 200
    html = response.text
    assert '<html dir="rtl" lang="ar">' in html
    assert '<link rel="stylesheet" href="/static/marsad.css">' in html
    assert "<script" not in html
    # Nothing is fetched from elsewhere: every src and stylesheet is local.
    assert not re.search(r'(src|href)="(https?:)?//', html.replace('href="https://', 'X'))
    assert 'href="/api/' in html or 'href="/openapi.json"' in html


def test_the_stylesheet_is_served(client):
    response = client.get("/static/marsad.css")
    assert response.status_code == 200 and "direction" not in response.headers.get("content-type", "")
    assert ".article" in response.text


def test_search_page_shows_marked_snippets(client):
    html = client.get("/", params={"q": "البصرة"}).text
    assert '<a href="/documents/protest-1"><bdi>احتجاجات في البصرة للمطالبة بالخدمات</bdi></a>' in html
    assert "<mark>البصرة</mark>" in html


def test_document_page_marks_mentions_triggers_and_quotes(client):
    html = client.get("/documents/visit-1").text
    kadhimi = entity_id(client, "مصطفى الكاظمي")
    assert re.search(rf'<a class="ent ent-PERSON" href="/entities/{kadhimi}"[^>]*>مصطفى الكاظمي</a>', html)
    assert re.search(r'<b class="trigger status-reported" title="CONSULT[^"]*"[^>]*>التقى</b>', html)
    assert '<q class="quote"' in html
    assert "تشاور (CONSULT)" in html and "مُبلَّغ عنه (reported)" in html


def test_document_page_lists_sources_and_boilerplate_apart(client):
    html = client.get("/documents/dispute-c").text
    assert '<span class="source">سامر الجبوري</span>' in html
    hostile = client.get("/documents/hostile-1").text
    assert 'class="highlights"' in hostile and 'class="boilerplate"' in hostile


def test_entity_page(client):
    html = client.get(f"/entities/{entity_id(client, 'مصطفى الكاظمي')}").text
    assert '<dd class="roles">رئيس الوزراء</dd>' in html
    assert '<dd class="country">IRQ</dd>' in html and "حكومة (GOV)" in html
    assert "ساحة لتصفية" in html  # his quote
    assert re.search(r'<a href="/entities/E[0-9a-f]+">إسماعيل قاآني</a>', html)


def test_charts_are_svg(client):
    assert client.get("/timeline").text.count("<rect ") > 3
    network = client.get("/network").text
    assert "<svg" in network and "<circle" in network and "<line" in network
    world = client.get("/map").text
    assert "<circle" in world and "قاعدة عين الأسد" in world and "°" in world


def test_disputes_page_sets_the_sides_side_by_side(client):
    html = client.get("/disputes").text
    assert 'class="side reports"' in html and 'class="side denials"' in html
    assert html.index("dispute-a") < html.index('class="side denials"') < html.index("dispute-c")


def test_hostile_document_is_escaped_everywhere(client):
    pages = [client.get(p).text for p in (
        "/documents/hostile-1", "/?q=عنوان", "/documents", "/?actor=المتحدث",
        f"/entities/{client.get('/api/documents/hostile-1').json()['entity_ids']['e1']}")]
    for html in pages:
        assert "<script" not in html and "<img" not in html and "<iframe" not in html
        assert "javascript:" not in re.sub(r">[^<]*<", "><", html)  # only ever as text
    document = pages[0]
    assert "&lt;script&gt;window.__pwned=1;alert(1)&lt;/script&gt;" in document
    assert "&lt;img src=x onerror=" in document
    assert 'href="javascript' not in document


def test_error_pages_are_html_without_traces(client):
    response = client.get("/documents/no-such-document")
    assert response.status_code == 404 and response.headers["content-type"].startswith("text/html")
    assert "no document with id" in response.text and "Traceback" not in response.text
    bad = client.get("/", params={"since": "<b>x</b>"})
    assert bad.status_code == 400 and "&lt;b&gt;x&lt;/b&gt;" in bad.text


def test_highlighting_ignores_bad_offsets_and_nests():
    record = {"text": "قال <زيد> إن", "entities": [
        {"id": "e1", "type": "PERSON", "name": "زيد", "mentions": [
            {"start": 4, "end": 9}, {"start": 7, "end": 99}, {"start": 3, "end": 3}]}],
        "events": [{"id": "v1", "type": "CONSULT", "status": "reported",
                    "trigger": {"start": 0, "end": 3}}],
        "quotes": [{"id": "q1", "span": {"start": 0, "end": 12}, "cue": "قال"}]}
    html = str(highlighted_text(record, {"e1": "Eabc"}))
    assert html.startswith('<q class="quote"') and "&lt;زيد&gt;" in html
    assert '<a class="ent ent-PERSON" href="/entities/Eabc"' in html and "<زيد>" not in html
    assert "99" not in html


def test_snippet_marks_only_the_match():
    assert str(marked_snippet("<b>قبل «بغداد» بعد")) == "&lt;b&gt;قبل <mark>بغداد</mark> بعد"
