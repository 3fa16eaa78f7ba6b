"""End to end: the real server (uvicorn in a subprocess) driven by Debian's chromium through Playwright."""
from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
TOKEN = "browser-token"

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(),
                                reason="no /usr/bin/chromium (apt-get install chromium); .ci/run installs it")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(store_path, tmp_path_factory):
    """`marsad serve` on a copy of the store, on a free loopback port."""
    db = tmp_path_factory.mktemp("served") / "marsad.db"
    shutil.copy(store_path, db)
    port = free_port()
    env = {**os.environ, "MARSAD_TOKEN": TOKEN}
    process = subprocess.Popen([sys.executable, "-m", "marsad", "serve", "--db", str(db), "--port", str(port)],
                               env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            if process.poll() is not None:
                raise RuntimeError("server exited: " + process.stdout.read().decode(errors="replace"))
            try:
                urllib.request.urlopen(base + "/api/documents", timeout=1)
                break
            except OSError:
                time.sleep(0.05)
        yield base
    finally:
        process.terminate()
        process.wait(10)


@pytest.fixture(scope="module")
def browser():
    playwright_api = pytest.importorskip("playwright.sync_api")
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="ar")
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.dialogs = dialogs
    yield page
    context.close()


def test_search_open_a_document_and_follow_an_entity(server, page):
    page.goto(server + "/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    page.fill("input[name=q]", "الكاظمي")
    page.click("form.search button")
    page.wait_for_url("**/?q=*")
    result = page.locator(".result h3 a").first
    assert "قائد فيلق القدس" in result.inner_text()
    assert page.locator(".result mark").first.inner_text() == "الكاظمي"
    result.click()
    page.wait_for_url("**/documents/visit-1")
    assert page.locator("h1.doc-title").inner_text() == "زيارة قائد فيلق القدس إلى بغداد"
    assert page.locator("#article b.trigger").count() >= 2
    assert page.locator("table.events tbody tr").count() >= 3
    link = page.locator("#article a.ent", has_text="مصطفى الكاظمي").first
    link.click()
    page.wait_for_url("**/entities/E*")
    assert page.locator("h1.entity-name").inner_text().startswith("مصطفى الكاظمي")
    assert page.locator("dd.roles").inner_text() == "رئيس الوزراء"
    assert page.locator("dd.country").inner_text() == "IRQ"
    assert "ساحة لتصفية الحسابات" in page.locator("blockquote").first.inner_text()
    assert page.locator("ul.co-occurring a", has_text="إسماعيل قاآني").count() == 1
    # The stylesheet came from Marsad: the header is styled.
    assert page.locator("header.top").evaluate("e => getComputedStyle(e).display") == "flex"


def test_a_posted_hostile_article_runs_nothing(server, page):
    title = "<script>window.__pwned=1;alert('t')</script><img src=x onerror=\"window.__pwned=2;alert('i')\">"
    body = ("قال المتحدث باسم الحكومة العراقية <script>alert(1)</script> إن بغداد ستستضيف "
            "<img src=x onerror=alert(2)> اجتماعا <svg onload=alert(3)></svg>.")
    request = urllib.request.Request(
        server + "/api/analyze?store=1", method="POST",
        data=json.dumps({"text": title + "\n\n" + body, "published": "2023-07-01",
                         "id": "hostile-posted"}).encode(),
        headers={"Content-Type": "application/json", "Authorization": f"Bearer {TOKEN}"})
    with urllib.request.urlopen(request, timeout=30) as response:
        assert response.status == 201
    for path in ("/documents/hostile-posted", "/documents/hostile-1", "/?q=بغداد", "/documents"):
        page.goto(server + path)
        page.wait_for_load_state("load")
        assert page.evaluate("typeof window.__pwned") == "undefined", path
        assert page.locator("script, img, svg[onload], iframe").count() == 0, path
    assert page.dialogs == []
    page.goto(server + "/documents/hostile-posted")
    assert page.locator("h1.doc-title").inner_text().startswith("<script>window.__pwned=1")
