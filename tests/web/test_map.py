"""The event map (issue 18): Natural Earth outlines vendored with their provenance, a projection
fitted to the events, countries shaded by country-level events, labels that do not overlap."""
from __future__ import annotations

import html as htmllib
import json
import re
from urllib.parse import parse_qsl, urlsplit

import pytest
from fastapi.testclient import TestClient

from marsad.web import geo
from marsad.web.app import create_app


@pytest.fixture(scope="module")
def client(store_path):
    return TestClient(create_app(store_path))


def test_the_outlines_are_vendored_small_with_their_provenance():
    data = json.loads(geo.WORLD.read_text("utf-8"))
    assert geo.WORLD.stat().st_size < 400_000
    assert "Natural Earth" in data["source"] and "scripts/build_world_map.py" in data["source"]
    provenance = (geo.WORLD.parent / "PROVENANCE").read_text("utf-8")
    assert "public domain" in provenance and "world-atlas" in provenance
    codes = [c["iso3"] for c in data["countries"] if c["iso3"]]
    assert len(codes) >= 170 and len(set(codes)) == len(codes)
    for country in data["countries"]:
        assert country["rings"] and all(len(r) % 2 == 0 and len(r) >= 6 for r in country["rings"])
        lats = [y for r in country["rings"] for y in r[1::2]]
        assert -90 <= min(lats) and max(lats) <= 90


def test_the_map_draws_every_country_outline(client):
    page = client.get("/map").text
    outlines = re.findall(r'<path d="M[^"]+"[^>]*data-iso3="([A-Z]*)"', page)
    assert len(outlines) >= 100 and {"IRQ", "SYR", "IRN", "USA", "FRA"} <= set(outlines)


def test_a_country_level_event_shades_its_country_and_links_to_its_events(client):
    points = client.get("/api/map").json()["items"]
    countries = {geo.country_level(p): p for p in points if geo.country_level(p)}
    places = [p for p in points if not geo.country_level(p)]
    page = client.get("/map").text
    shaded = re.findall(r'<a class="country" href="([^"]+)"><path [^>]*data-iso3="([A-Z]+)"><title>[^<]*: (\d+)</title>', page)
    assert {code for _, code, _ in shaded} == set(countries)
    for href, code, n in shaded:
        query = dict(parse_qsl(urlsplit(htmllib.unescape(href)).query))
        assert query["place"] == countries[code]["id"] and int(n) == countries[code]["events"]
        assert client.get("/api/events", params=query).json()["total"] == int(n)
    # A country is shaded, not dotted on its capital; a city is a point.
    dots = re.findall(r'<a class="point" href="([^"]+)">', page)
    assert len(dots) == len(places)


def test_the_projection_fits_the_events_and_labels_do_not_overlap():
    points = [{"id": f"p{i}", "name": f"مكان رقم {i}", "lat": 33 + (i % 5) * 0.3, "lon": 36 + (i // 5) * 0.4,
               "kb": None, "country": "SYR", "events": 1 + i, "types": {"ASSAULT": 1 + i}}
              for i in range(25)]
    points.append({"id": "far", "name": "بعيد", "lat": 38.9, "lon": -77.0, "kb": None, "country": "USA",
                   "events": 1, "types": {"CONSULT": 1}})
    chart = geo.event_map(points)
    inside = [d for d in chart["dots"] if 0 <= d["x"] <= chart["width"] and 0 <= d["y"] <= chart["height"]]
    assert {d["id"] for d in inside} == {p["id"] for p in points[:-1]}, "the core is in view, the outlier is not"
    assert chart["outside"] == {"places": 1, "events": 1}
    # The 25 places span 2 by 1.6 degrees: the view is fitted to them, not the world.
    assert chart["box"]["east"] - chart["box"]["west"] < 40
    boxes = []
    for d in chart["dots"]:
        if "label" not in d:
            continue
        w = geo._text_width(d["label"]["text"])
        x = d["label"]["x"] - {"start": 0, "end": w, "middle": w / 2}[d["label"]["anchor"]]
        boxes.append((x, d["label"]["y"] - geo.FONT, x + w, d["label"]["y"]))
    assert len(boxes) >= 5
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert not geo._overlaps(a, b), (a, b)
