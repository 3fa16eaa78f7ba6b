"""The dashboard: response times (p50/p99) of the main pages and API endpoints on a generated store.

Analyses a few dozen invented articles once, then stores copies of their records with new ids,
outlets and dates (shifted so that the corpus spans a year) until the store holds `--documents`,
and times each URL through the real ASGI application with FastAPI's TestClient (no network).
`--screenshots DIR` also starts `marsad serve` and saves a PNG of each page, taken with
/usr/bin/chromium through Playwright.

    python benchmarks/web.py [--documents 3000] [--repeat 30] [--json] [--screenshots /tmp/shots]
"""
from __future__ import annotations

import argparse
import copy
import datetime as dt
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from marsad.store import Store

sys.path.insert(0, str(Path(__file__).parent))
from store import make_corpus  # noqa: E402  (benchmarks/store.py: the invented articles)

TEMPLATE_DOCUMENTS = 40
OUTLETS = ["alpha-news.iq", "beta-press.com", "gamma.net", "delta-media.org", "epsilon.tv", "zeta.sy"]


def shifted(record: dict, i: int) -> dict:
    """A copy of a record as if published `i % 365` days later by another outlet."""
    days = dt.timedelta(days=(i * 7) % 365)
    new = copy.deepcopy(record)
    new["id"] = f"gen-{i:05d}"
    new["url"] = f"https://{OUTLETS[i % len(OUTLETS)]}/news/{i}"

    def move(value):
        return (dt.date.fromisoformat(value) + days).isoformat() if value else value

    new["published"] = move(new.get("published"))
    for event in new["events"]:
        if event.get("date"):
            event["date"]["start"], event["date"]["end"] = move(event["date"]["start"]), move(event["date"]["end"])
    return new


def build_store(db: Path, documents: int) -> dict:
    from marsad.analysis import analyze

    items = make_corpus(TEMPLATE_DOCUMENTS)
    start = time.perf_counter()
    records = [analyze(it["text"], it["published"], url=it["url"], id=it["id"]).to_dict() for it in items]
    analysed = time.perf_counter() - start
    start = time.perf_counter()
    with Store(db) as store:
        for i in range(documents):
            store.add_record(shifted(records[i % len(records)], i), f"generated:{i}")
        stories = store.rebuild_stories()
        store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        counts = store.counts()
    return {"analysed_s": round(analysed, 1), "stored_s": round(time.perf_counter() - start, 1),
            "stories": stories, **counts}


def urls(client) -> list[str]:
    entity = client.get("/api/entities", params={"limit": 1}).json()["items"][0]["id"]
    document = client.get("/api/documents", params={"limit": 1, "offset": 100}).json()["items"][0]["id"]
    story = client.get("/api/stories", params={"limit": 1}).json()["items"][0]["id"]
    return ["/", "/?q=بغداد", "/?q=الموصل&type=ASSAULT", "/documents", f"/documents/{document}",
            f"/entities/{entity}", "/timeline", "/network", "/map", "/stories", "/disputes",
            "/api/documents", f"/api/documents/{document}", "/api/entities", f"/api/entities/{entity}",
            "/api/events", "/api/events?type=PROTEST&since=2023-03-01&until=2023-06-30",
            "/api/events?actor=الموصل", "/api/events?offset=2000", "/api/stories",
            f"/api/stories/{story}", "/api/disputes", "/api/search?q=قصف", "/api/timeline",
            "/api/network", "/api/map"]


def timed(client, url: str, repeat: int) -> dict:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        response = client.get(url)
        samples.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code, response.text[:200])
    samples.sort()
    return {"url": url, "p50_ms": round(statistics.median(samples), 1),
            "p99_ms": round(samples[min(len(samples) - 1, int(0.99 * len(samples)))], 1),
            "bytes": len(response.content)}


def screenshots(db: Path, folder: Path, paths: list[str]) -> list[str]:
    from playwright.sync_api import sync_playwright

    sys.path.insert(0, str(Path(__file__).parents[1] / "tests" / "web"))
    from test_browser import CHROMIUM, CHROMIUM_ARGS, free_port

    folder.mkdir(parents=True, exist_ok=True)
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "marsad", "serve", "--db", str(db), "--port", str(port)])
    saved = []
    try:
        time.sleep(2.5)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="ar")
            for number, path in enumerate(paths):
                page.goto(f"http://127.0.0.1:{port}{path}")
                slug = path.strip("/").split("/")[0].split("?")[0] or "index"
                name = folder / f"{number:02d}-{slug}"
                page.screenshot(path=f"{name}.png", full_page=False)
                saved.append(f"{name}.png")
            browser.close()
    finally:
        server.terminate()
        server.wait(10)
    return saved


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=3000)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--screenshots", type=Path, default=None)
    args = parser.parse_args()

    from fastapi.testclient import TestClient

    from marsad.web.app import create_app

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "web.db"
        built = build_store(db, args.documents)
        client = TestClient(create_app(db))
        results = [timed(client, url, args.repeat) for url in urls(client)]
        shots = screenshots(db, args.screenshots, [u for u in urls(client) if not u.startswith("/api/")]) \
            if args.screenshots else []
    if args.json:
        print(json.dumps({"store": built, "results": results, "screenshots": shots}, ensure_ascii=False, indent=1))
        return
    print(f"store: {built}")
    print(f"{'url':60} {'p50 ms':>8} {'p99 ms':>8} {'KB':>7}")
    for r in results:
        print(f"{r['url'][:60]:60} {r['p50_ms']:8.1f} {r['p99_ms']:8.1f} {r['bytes'] / 1024:7.1f}")
    for shot in shots:
        print("screenshot:", shot)


if __name__ == "__main__":
    main()
