"""Stopping `marsad watch`: SIGTERM finishes the article in hand; kill -9 loses at most that one.

The watcher runs as a real process against slow pages; the test waits for documents to appear
(with a generous timeout only a hung watcher reaches) before signalling it.
"""
from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from watch_server import NewsSite, rss

REPO = Path(__file__).resolve().parents[2]
PAGES = 12
GENEROUS_S = 180


@pytest.fixture
def slow_site():
    site = NewsSite().start()
    site.add("/robots.txt", "User-agent: *\nAllow: /\n", "text/plain")
    site.add("/feed.xml", rss(site.base, list(range(PAGES)), path="/slow/{n}.html"))
    yield site
    site.close()


def start_watch(sources: Path, db: Path, *extra: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "marsad", "watch", str(sources), "--db", str(db),
                             "--delay", "0", "--timeout", "30", "--interval", "3600", *extra],
                            cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def stored(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as connection:
            return connection.execute('SELECT COUNT(*) FROM "documents"').fetchone()[0]
    except sqlite3.Error:   # not created yet
        return 0


def wait_for_documents(db: Path, process: subprocess.Popen, at_least: int) -> None:
    waited = 0.0
    while stored(db) < at_least:
        assert process.poll() is None, process.communicate()
        assert waited < GENEROUS_S, "the watcher stored nothing"
        time.sleep(0.2)
        waited += 0.2


def consistent(db: Path) -> tuple[int, int, int]:
    """Documents, their search rows, and the watch's page rows that point at them: all equal
    when no document was half written."""
    with sqlite3.connect(db) as connection:
        return tuple(connection.execute(query).fetchone()[0] for query in (
            'SELECT COUNT(*) FROM "documents"',
            'SELECT COUNT(DISTINCT "document_id") FROM "search"',
            'SELECT COUNT(*) FROM "inputs" WHERE "status" = \'new\''))


def finish(sources: Path, db: Path) -> str:
    result = subprocess.run([sys.executable, "-m", "marsad", "watch", str(sources), "--db", str(db),
                             "--once", "--delay", "0"], cwd=REPO, capture_output=True, text=True,
                            timeout=GENEROUS_S * 2)
    assert result.returncode == 0, result.stderr
    return result.stderr


def test_sigterm_finishes_the_article_in_hand_and_a_restart_continues(slow_site, tmp_path):
    sources = tmp_path / "sources.txt"
    sources.write_text(f"{slow_site.base}/feed.xml\n", "utf-8")
    db = tmp_path / "watch.db"
    process = start_watch(sources, db)
    wait_for_documents(db, process, 2)
    process.send_signal(signal.SIGTERM)
    _, log = process.communicate(timeout=GENEROUS_S)
    assert process.returncode == 0, log
    assert "SIGTERM received" in log and "round 1 (stopped)" in log and "marsad watch: stopped" in log
    before = stored(db)
    assert 2 <= before < PAGES
    assert consistent(db) == (before,) * 3
    fetched = {p: n for p, n in slow_site.requests.items() if p.startswith("/slow/")}
    assert len(fetched) == before and set(fetched.values()) == {1}   # the one in hand was stored

    log = finish(sources, db)
    assert f"{PAGES - before} new articles" in log
    assert consistent(db) == (PAGES,) * 3
    fetched = {p: n for p, n in slow_site.requests.items() if p.startswith("/slow/")}
    assert len(fetched) == PAGES and set(fetched.values()) == {1}


def test_kill_9_loses_at_most_the_article_in_hand(slow_site, tmp_path):
    sources = tmp_path / "sources.txt"
    sources.write_text(f"{slow_site.base}/feed.xml\n", "utf-8")
    db = tmp_path / "watch.db"
    process = start_watch(sources, db)
    wait_for_documents(db, process, 3)
    process.kill()
    process.communicate(timeout=GENEROUS_S)
    before = stored(db)
    assert consistent(db) == (before,) * 3

    finish(sources, db)
    assert consistent(db) == (PAGES,) * 3
    with sqlite3.connect(db) as connection:
        urls = [row[0] for row in connection.execute('SELECT "url" FROM "documents"')]
    assert len(set(urls)) == PAGES
    fetched = {p: n for p, n in slow_site.requests.items() if p.startswith("/slow/")}
    assert len(fetched) == PAGES and sum(fetched.values()) <= PAGES + 1
