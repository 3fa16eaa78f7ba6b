"""`marsad watch --scheduler`: analysis on a real Dask cluster on loopback, fetching and storing here."""
from __future__ import annotations

import sqlite3

import pytest
from typer.testing import CliRunner
from watch_server import NewsSite, rss

from marsad.cli import app


@pytest.fixture(scope="module")
def scheduler():
    from distributed import LocalCluster

    with LocalCluster(n_workers=1, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None) as cluster:
        yield cluster.scheduler_address


def test_articles_are_analysed_on_the_cluster(scheduler, tmp_path):
    site = NewsSite().start()
    try:
        site.add("/robots.txt", "User-agent: *\nAllow: /\n", "text/plain")
        site.add("/feed.xml", rss(site.base, list(range(10))).replace(
            "</channel>", f"<item><link>{site.base}/empty.html</link></item></channel>"))
        site.add("/empty.html", "<html><body><nav></nav></body></html>", "text/html")
        sources = tmp_path / "sources.txt"
        sources.write_text(f"{site.base}/feed.xml\tأخبار المثال\tar\n", "utf-8")
        db = tmp_path / "watch.db"
        result = CliRunner().invoke(app, ["watch", str(sources), "--db", str(db), "--once",
                                          "--delay", "0", "--scheduler", scheduler])
        assert result.exit_code == 0, result.stderr
        assert "10 new articles, 0 duplicates, 1 failures" in result.stderr
        assert f"{site.base}/empty.html: " in result.stderr
        with sqlite3.connect(db) as connection:
            rows = connection.execute('SELECT "url", "published", "outlet" FROM "documents" '
                                      'ORDER BY "url"').fetchall()
        assert sorted(rows) == sorted((f"{site.base}/news/{n}.html", f"2024-03-{n + 1:02d}", "أخبار المثال")
                                      for n in range(10))
    finally:
        site.close()


def test_an_unreachable_scheduler_is_one_line_and_exit_2(tmp_path):
    sources = tmp_path / "sources.txt"
    sources.write_text("http://127.0.0.1:9/feed.xml\n", "utf-8")
    result = CliRunner(env={"DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT": "2s"}).invoke(
        app, ["watch", str(sources), "--db", str(tmp_path / "w.db"), "--once",
              "--scheduler", "tcp://127.0.0.1:9"])
    assert result.exit_code == 2 and "--scheduler tcp://127.0.0.1:9: cannot connect" in result.stderr
