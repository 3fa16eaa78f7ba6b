"""`marsad watch` against a news site on loopback: the issue's done-when checks and the bad cases.

Every wait here is a timeout that only a broken crawler reaches (a silent server is given up
after `--timeout`), never a deadline that a busy machine could miss.
"""
from __future__ import annotations

import sqlite3

import pytest
from typer.testing import CliRunner
from watch_server import NewsSite, SilentServer, article_html, atom, rss, sitemap

from marsad.cli import app
from marsad.watch import feed_states

# Fast settings for loopback: no per-host delay, short timeouts, one quick retry.
FAST = ["--delay", "0", "--timeout", "2", "--retries", "1", "--backoff", "0.05"]


@pytest.fixture
def silent():
    server = SilentServer()
    yield server
    server.close()


def watch(sources, db, *extra: str):
    result = CliRunner().invoke(app, ["watch", str(sources), "--db", str(db), "--once", *FAST, *extra])
    return result.exit_code, result.stderr


def sources_file(tmp_path, *lines: str):
    path = tmp_path / "sources.txt"
    path.write_text("".join(line + "\n" for line in lines), "utf-8")
    return path


def documents(db) -> list[tuple]:
    with sqlite3.connect(db) as connection:
        return connection.execute('SELECT "url", "published", "outlet", "title" FROM "documents" '
                                  'ORDER BY "seq"').fetchall()


def page_requests(site: NewsSite, prefix: str = "/news/") -> dict[str, int]:
    return {path: n for path, n in site.requests.items() if path.startswith(prefix)}


def test_twenty_articles_then_five_more_none_twice(site, tmp_path):
    """Done when: a feed of 20 pages stores 20 documents with their URLs and the feed's dates;
    5 more items and another round: 25, none twice."""
    site.add("/feed.xml", rss(site.base, list(range(20))))
    sources = sources_file(tmp_path, f"{site.base}/feed.xml\tأخبار المثال\tar")
    db = tmp_path / "watch.db"
    code, log = watch(sources, db)
    assert code == 0, log
    assert "round 1: 1 feeds (0 failed), 20 new articles, 0 duplicates, 0 failures" in log
    stored = documents(db)
    assert [(url, published) for url, published, _, _ in stored] == [
        (f"{site.base}/news/{n}.html", f"2024-03-{n + 1:02d}") for n in range(20)]
    assert {outlet for _, _, outlet, _ in stored} == {"أخبار المثال"}
    assert stored[3][3].startswith("افتتاح")

    site.add("/feed.xml", rss(site.base, list(range(25))))
    code, log = watch(sources, db)
    assert code == 0, log
    assert "20 new articles" not in log and "5 new articles" in log
    stored = documents(db)
    assert len(stored) == 25 and len({url for url, *_ in stored}) == 25
    assert stored[-1][:2] == (f"{site.base}/news/24.html", "2024-03-25")
    # Restarting did not fetch a page twice: every article page was asked for once.
    assert set(page_requests(site).values()) == {1} and len(page_requests(site)) == 25

    # A third round with nothing new: the feed answers 304 to its ETag, no page is fetched.
    code, log = watch(sources, db)
    assert "0 new articles" in log and site.not_modified["/feed.xml"] == 1
    assert set(page_requests(site).values()) == {1} and len(documents(db)) == 25
    [state] = feed_states(db)
    assert (state.url, state.kind, state.outlet, state.language) == (f"{site.base}/feed.xml", "rss",
                                                                     "أخبار المثال", "ar")
    assert (state.total_new, state.last_new, state.last_items, state.last_error) == (25, 0, 25, None)
    assert state.etag and state.last_success_at


def test_bad_sources_are_logged_and_the_round_goes_on(site, silent, tmp_path):
    """Done when: a feed that answers 500, one with broken XML and one that never answers do
    not stop the round; nor do a 404, an HTML page instead of a feed, or an endless answer."""
    site.add("/feed.xml", rss(site.base, [0, 1, 2]))
    site.add("/500.xml", "server error", status=500)
    site.add("/broken.xml", "<rss><channel><item><link>" + site.base + "/news/9.html</channel>")
    site.add("/page.html", article_html(7), "text/html; charset=utf-8")
    site.add("/endless.xml", "", endless=True)
    bad = [f"{site.base}/500.xml", f"{site.base}/broken.xml", f"{silent.base}/feed.xml",
           f"{site.base}/missing.xml", f"{site.base}/page.html", f"{site.base}/endless.xml"]
    sources = sources_file(tmp_path, *bad[:3], f"{site.base}/feed.xml", *bad[3:])
    db = tmp_path / "watch.db"
    code, log = watch(sources, db, "--max-page-bytes", "200K")
    assert code == 0, log
    assert "7 feeds (6 failed), 3 new articles, 0 duplicates, 6 failures" in log
    lines = [line for line in log.splitlines() if line.startswith("marsad watch: ")]
    assert len(lines) == 6
    for url, problem in zip(bad, ["HTTP 500", "malformed XML", "robots.txt could not be read (no answer",
                                  "HTTP 404", "an HTML page, not a feed", "over the limit of 204,800 bytes"]):
        assert any(line.startswith(f"marsad watch: {url}: ") and problem in line for line in lines), (url, log)
    assert site.requests["/500.xml"] == 2   # one retry, then given up for this round
    assert len(documents(db)) == 3
    states = {s.url: s for s in feed_states(db)}
    assert states[f"{site.base}/500.xml"].last_error.endswith("HTTP 500")
    assert states[f"{site.base}/500.xml"].failures_in_a_row == 1
    assert states[f"{site.base}/feed.xml"].last_new == 3


def test_robots_disallow_is_respected(site, tmp_path):
    site.add("/feed.xml", rss(site.base, [0, 1], path="/private/{n}.html") + "")
    site.add("/open.xml", rss(site.base, [2, 3]))
    sources = sources_file(tmp_path, f"{site.base}/feed.xml", f"{site.base}/open.xml")
    db = tmp_path / "watch.db"
    code, log = watch(sources, db)
    assert code == 0, log
    assert page_requests(site, "/private/") == {}
    assert [url for url, *_ in documents(db)] == [f"{site.base}/news/2.html", f"{site.base}/news/3.html"]
    assert log.count("robots.txt disallows it") == 2
    assert site.requests["/robots.txt"] == 1
    # Disallowed pages are done for good: the next round does not ask again.
    watch(sources, db)
    assert log.count("robots.txt disallows it") == 2 and page_requests(site, "/private/") == {}


def test_a_site_that_forbids_everything_is_not_fetched_at_all(site, tmp_path):
    site.add("/robots.txt", "User-agent: Marsad\nDisallow: /\n", "text/plain")
    site.add("/feed.xml", rss(site.base, [0]))
    code, log = watch(sources_file(tmp_path, f"{site.base}/feed.xml"), tmp_path / "w.db")
    assert code == 0 and "feed.xml: robots.txt disallows it" in log
    assert set(site.requests) == {"/robots.txt"}


def test_atom_and_sitemap_index_and_page_dates_win(site, tmp_path):
    site.add("/atom.xml", atom(site.base, [0, 1]))
    site.add("/index.xml", '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                           f"<sitemap><loc>{site.base}/s1.xml</loc></sitemap>"
                           f"<sitemap><loc>{site.base}/gone.xml</loc></sitemap></sitemapindex>")
    site.add("/s1.xml", sitemap(site.base, [5, 6]))
    site.add("/site/6.html", article_html(6, dated=True), "text/html; charset=utf-8")
    sources = sources_file(tmp_path, f"{site.base}/atom.xml", f"{site.base}/index.xml")
    db = tmp_path / "watch.db"
    code, log = watch(sources, db)
    assert code == 0, log
    assert f"marsad watch: {site.base}/gone.xml: HTTP 404 (listed by {site.base}/index.xml)" in log
    stored = {url: published for url, published, *_ in documents(db)}
    assert stored == {f"{site.base}/atom/0.html": "2024-03-01", f"{site.base}/atom/1.html": "2024-03-02",
                      f"{site.base}/site/5.html": "2024-03-06",
                      # the page's own date wins over the sitemap's lastmod
                      f"{site.base}/site/6.html": "2023-07-16"}
    assert {s.kind for s in feed_states(db)} == {"atom", "sitemapindex"}
    assert {outlet for *_, outlet, _ in documents(db)} == {"127.0.0.1"}


def test_the_same_article_under_two_urls_is_stored_once(site, tmp_path):
    site.add("/feed.xml", rss(site.base, [3]) .replace("</channel>", f"<item><link>{site.base}/copy.html"
                                                                     "</link></item></channel>"))
    site.add("/copy.html", article_html(3), "text/html; charset=utf-8")
    db = tmp_path / "watch.db"
    code, log = watch(sources_file(tmp_path, f"{site.base}/feed.xml"), db)
    assert code == 0, log
    assert "1 new articles, 1 duplicates" in log and len(documents(db)) == 1
    watch(sources_file(tmp_path, f"{site.base}/feed.xml"), db)
    assert site.requests["/copy.html"] == 1   # done by URL too


def test_a_failing_page_is_tried_again_then_given_up(site, tmp_path):
    site.add("/feed.xml", rss(site.base, [1, 2]))
    site.add("/news/2.html", "busy", status=503)
    sources = sources_file(tmp_path, f"{site.base}/feed.xml")
    db = tmp_path / "watch.db"
    for round_number in range(1, 5):
        code, log = watch(sources, db)
        assert code == 0, log
        if round_number < 3:
            assert "news/2.html: HTTP 503 (tried again next round)" in log
    assert site.requests["/news/2.html"] == 3 * 2   # three rounds of two tries, then given up
    assert site.requests["/news/1.html"] == 1
    with sqlite3.connect(db) as connection:
        assert connection.execute('SELECT "error" FROM "failures"').fetchall() == [
            (f"{site.base}/news/2.html: HTTP 503",)]


def test_a_bad_sources_file_is_one_line_and_exit_2(tmp_path):
    code, log = watch(sources_file(tmp_path, "ftp://x.example/feed"), tmp_path / "w.db")
    assert code == 2 and "sources.txt:1: 'ftp://x.example/feed' is not an http(s) URL" in log


def test_the_per_round_cap_leaves_the_rest_for_the_next_round(site, tmp_path):
    site.add("/feed.xml", rss(site.base, list(range(5))))
    sources = sources_file(tmp_path, f"{site.base}/feed.xml")
    db = tmp_path / "watch.db"
    code, log = watch(sources, db, "--max-articles", "3")
    assert "3 new articles" in log
    code, log = watch(sources, db, "--max-articles", "3")
    assert "2 new articles" in log   # the feed was read whole again, not answered 304
    assert len(documents(db)) == 5 and set(page_requests(site).values()) == {1}


def test_pages_that_are_no_articles_fail_once_for_good(site, tmp_path):
    site.add("/feed.xml", rss(site.base, [1]).replace(
        "</channel>", f"<item><link>{site.base}/report.pdf</link></item>"
                      f"<item><link>{site.base}/empty.html</link></item></channel>"))
    site.add("/report.pdf", b"%PDF-1.4 ...", "application/pdf")
    site.add("/empty.html", "<html><body><nav></nav></body></html>", "text/html")
    sources = sources_file(tmp_path, f"{site.base}/feed.xml")
    db = tmp_path / "watch.db"
    code, log = watch(sources, db)
    assert code == 0 and "1 new articles, 0 duplicates, 2 failures" in log
    assert "report.pdf: not an article page (content type application/pdf)" in log
    assert f"{site.base}/empty.html: " in log and "(tried again" not in log
    code, log = watch(sources, db)
    assert site.requests["/report.pdf"] == 1 and site.requests["/empty.html"] == 1


def test_rounds_follow_each_other_and_pick_up_new_items(site, tmp_path):
    site.add("/feed.xml", rss(site.base, [0, 1]))
    sources = sources_file(tmp_path, f"{site.base}/feed.xml")
    db = tmp_path / "watch.db"
    result = CliRunner().invoke(app, ["watch", str(sources), "--db", str(db), "--rounds", "2",
                                      "--interval", "0", *FAST])
    assert result.exit_code == 0, result.stderr
    assert "round 1: 1 feeds (0 failed), 2 new articles" in result.stderr
    assert "round 2: 1 feeds (0 failed), 0 new articles" in result.stderr
    assert site.requests["/feed.xml"] == 2 and site.not_modified["/feed.xml"] == 1
    assert "stopped" not in result.stderr
