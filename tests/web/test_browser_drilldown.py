"""Drill-down and export in a real browser (issue 18): Debian's chromium through Playwright
clicks a map point, a timeline bar, a network node and an event row, and downloads the CSV."""
from __future__ import annotations

import csv
import io
import json
import re
import urllib.request
from urllib.parse import parse_qs, urlsplit

import importlib.util
from pathlib import Path

import pytest

# The real server, chromium and a page: test_browser's fixtures, loaded from beside this file
# (the tests folder is not a package).
_spec = importlib.util.spec_from_file_location("marsad_web_test_browser", Path(__file__).with_name("test_browser.py"))
_browser_tests = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_browser_tests)
CHROMIUM, server, browser, page = (_browser_tests.CHROMIUM, _browser_tests.server,
                                   _browser_tests.browser, _browser_tests.page)

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(),
                                reason="no /usr/bin/chromium (apt-get install chromium); .ci/run installs it")


def _api(server: str, path: str) -> dict:
    with urllib.request.urlopen(server + path, timeout=30) as response:
        return json.loads(response.read())


def _shown_total(page) -> int:
    """The events count the table's summary line states."""
    return int(page.locator(".view-summary .total").get_attribute("data-total"))


def _query(url: str) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}


def test_a_map_point_leads_to_the_events_there(server, page):
    page.goto(server + "/map")
    point = page.locator("a.point").first
    title = point.locator("title").text_content()
    point.locator("circle").click()
    page.wait_for_url("**/?*place=*")
    assert _shown_total(page) == int(title.rsplit(":", 1)[1])
    place = _query(page.url)["place"]
    assert page.locator("tr.event").count() == min(int(title.rsplit(":", 1)[1]), 50)
    assert all(place in href for href in page.locator("tr.event td:nth-child(5) a").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))"))


def test_a_timeline_bar_leads_to_its_days_events(server, page):
    page.goto(server + "/timeline")
    bar = page.locator("svg a rect").first
    day, kind, count = [part.strip() for part in bar.locator("title").text_content().split("·")]
    bar.click()
    page.wait_for_url("**/?*since=*")
    query = _query(page.url)
    assert query["type"] == kind and query["since"] == day.split("–")[0]
    assert _shown_total(page) == int(count)
    assert set(page.locator("tr.event span.type").evaluate_all(
        "spans => spans.map(s => s.dataset.type)")) == {kind}


def test_a_network_node_leads_to_its_actors_events(server, page):
    page.goto(server + "/network")
    node = page.locator("a.node").first
    node.locator("circle").click()
    page.wait_for_url("**/?*actor=*")
    actor = _query(page.url)["actor"]
    total = _api(server, f"/api/events?actor={actor}")["total"]
    assert total > 0 and _shown_total(page) == total
    for row in page.locator("tr.event").all():
        links = row.locator("td:nth-child(3) a, td:nth-child(4) a").evaluate_all(
            "links => links.map(a => a.getAttribute('href'))")
        assert f"/entities/{actor}" in links


def test_an_event_row_opens_its_trigger_highlighted(server, page):
    page.goto(server + "/?type=ASSAULT")
    link = page.locator("tr.event a.doc").first
    link.click()
    page.wait_for_url("**/documents/**#trigger-*")
    anchor = urlsplit(page.url).fragment
    trigger = page.locator(f"#{anchor}")
    assert trigger.count() == 1 and trigger.evaluate("e => e.matches(':target')")
    # The :target rule marks it: its background is no longer transparent.
    assert trigger.evaluate("e => getComputedStyle(e).backgroundColor") not in ("rgba(0, 0, 0, 0)", "transparent")


@pytest.mark.parametrize("view", ["/", "/?type=ASSAULT", "/?q=%D8%B9%D9%8A%D9%86%20%D8%A7%D9%84%D8%A3%D8%B3%D8%AF"])
def test_the_csv_export_holds_every_event_of_the_view(server, page, view):
    page.goto(server + view)
    total = _shown_total(page)
    with page.expect_download() as download:
        page.locator(".exports a", has_text="CSV").click()
    text = open(download.value.path(), encoding="utf-8-sig").read()
    rows = list(csv.DictReader(io.StringIO(text)))
    assert total > 0 and len(rows) == total
    with page.expect_download() as download:
        page.locator(".exports a", has_text="JSONL").click()
    lines = open(download.value.path(), encoding="utf-8").read().splitlines()
    assert [json.loads(line)["id"] for line in lines] == [r["id"] for r in rows]


def test_an_analyst_corrects_an_event_through_the_form(server, page):
    page.goto(server + "/?type=ASSAULT")
    page.locator("tr.event a.verdict-none").first.click()
    page.wait_for_url("**/correct")
    event_id = urlsplit(page.url).path[len("/events/"):-len("/correct")]
    page.check("input[name=verdict][value=fixed]")
    page.select_option("select[name=type]", "COERCE")
    page.fill("input[name=note]", "حصار لا قصف")
    page.fill("input[name=token]", _browser_tests.TOKEN)
    page.click("form.correction button")
    page.wait_for_url("**/correct?saved=1")
    assert page.locator(".saved").count() == 1
    assert page.locator("a.verdict-fixed").first.inner_text().startswith("✎")
    history = _api(server, f"/api/events/{event_id}/corrections")["items"]
    assert [(c["verdict"], c["type"], c["note"]) for c in history] == [("fixed", "COERCE", "حصار لا قصف")]
