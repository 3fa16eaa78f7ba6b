"""Drill-down (issue 18): every chart element, count and story leads to the events it stands
for, and each event row to its trigger in the document."""
from __future__ import annotations

import html as htmllib
import re
from urllib.parse import parse_qsl, urlsplit

import pytest
from fastapi.testclient import TestClient

from marsad.web.app import create_app
from marsad.web.labels import counted


@pytest.fixture(scope="module")
def client(store_path):
    return TestClient(create_app(store_path))


def _api_total(client, href: str) -> int:
    """The number of events the events table at `href` (a page link) shows."""
    parts = urlsplit(htmllib.unescape(href))
    assert parts.path == "/", href
    page = client.get("/api/events", params=dict(parse_qsl(parts.query)))
    assert page.status_code == 200, (href, page.text)
    return page.json()["total"]


def test_every_timeline_bar_leads_to_its_events(client):
    page = client.get("/timeline").text
    bars = re.findall(r'<a href="([^"]+)"><rect [^>]*><title>([^<]*)</title>', page)
    assert bars
    for href, title in bars:
        events = int(title.rsplit("·", 1)[1])
        assert _api_total(client, href) == events, title


def test_timeline_bars_keep_the_page_filters(client):
    page = client.get("/timeline", params={"status": "denied"}).text
    bars = re.findall(r'<a href="([^"]+)"><rect ', page)
    assert bars and all("status=denied" in htmllib.unescape(b) for b in bars)


def test_every_network_node_and_edge_leads_to_its_events(client):
    page = client.get("/network").text
    edges = re.findall(r'<a class="edge" href="([^"]+)"><line [^>]*><title>[^<]*×(\d+)</title>', page)
    assert edges
    for href, n in edges:
        assert _api_total(client, href) == int(n)
    nodes = re.findall(r'<a class="node" href="([^"]+)">\s*<circle [^>]*><title>[^<]*\((\d+)\)</title>', page)
    assert nodes
    for href, n in nodes:
        # A node's size counts its network events; its link shows all of that actor's events.
        assert "actor=" in href and _api_total(client, href) >= int(n)


def test_every_map_point_leads_to_the_events_there(client):
    page = client.get("/map").text
    points = re.findall(r'<a class="point" href="([^"]+)">.*?<title>[^<]*: (\d+)</title>', page, re.S)
    assert points
    for href, n in points:
        assert _api_total(client, href) == int(n)


def test_a_story_leads_to_its_events_and_has_a_headline(client):
    stories = client.get("/api/stories", params={"limit": 500}).json()["items"]
    page = client.get("/stories", params={"limit": 500}).text
    for story in stories:
        assert story["headline"]
        link = re.search(rf'href="(/\?story={story["id"]})"[^>]*>(\d+)</a>', page)
        assert link and _api_total(client, link.group(1)) >= 1
        events = client.get("/api/events", params={"story": story["id"], "limit": 500}).json()
        assert events["total"] == story["events"]
        assert {e["story"] for e in events["items"]} <= {story["id"]}


def test_home_counts_search_and_facets_lead_to_events(client):
    page = client.get("/", params={"q": "عين الأسد"}).text
    total = client.get("/api/events", params={"q": "عين الأسد"}).json()["total"]
    assert counted(total, "حدث") in page
    facets = re.findall(r'<li(?: class="chosen")?><a href="([^"]+)">.*?</a> <small class="count">(\d+)</small>', page)
    assert facets
    for href, n in facets:
        assert "q=" in htmllib.unescape(href)
        assert _api_total(client, href) == int(n)


def test_each_event_row_links_to_its_trigger_in_the_document(client):
    page = client.get("/").text
    links = re.findall(r'<a class="doc" href="/documents/([^"#]+)#trigger-([^"]+)">', page)
    assert links
    for document, anchor in links:
        html = client.get(f"/documents/{document}").text
        assert f'id="trigger-{anchor}"' in html


def test_arabic_counts_agree_with_their_number():
    assert counted(1, "وثيقة") == "وثيقة واحدة" and counted(2, "وثيقة") == "وثيقتان"
    assert counted(5, "وثيقة") == "5 وثائق" and counted(11, "وثيقة") == "11 وثيقةً"
    assert counted(100, "وثيقة") == "100 وثيقة" and counted(103, "وثيقة") == "103 وثائق"
    assert counted(5, "مصدر مستقل") == "5 مصادر مستقلة"
