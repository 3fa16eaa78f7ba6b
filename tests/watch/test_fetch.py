"""The polite fetcher against a loopback site: redirects, sizes, slow answers, validators, delays."""
from __future__ import annotations

import time

import pytest
from watch_server import Route, SilentServer

from marsad.errors import FetchFailed, ResponseTooLarge, RobotsDisallowed
from marsad.watch.fetch import Fetcher, FetchPolicy, is_transient

FAST = FetchPolicy(timeout_s=2, total_s=5, delay_s=0, retries=1, backoff_s=0.05)


def test_redirects_are_followed_and_bounded(site):
    site.routes["/a"] = Route(status=301, location="/b")
    site.routes["/b"] = Route(status=302, location=f"{site.base}/news/1.html")
    site.routes["/loop"] = Route(status=302, location="/loop")
    site.routes["/to-private"] = Route(status=302, location="/private/1.html")
    with Fetcher(FAST) as fetcher:
        answer = fetcher.get(f"{site.base}/a")
        assert (answer.status, answer.url, answer.final_url) == (200, f"{site.base}/a", f"{site.base}/news/1.html")
        assert "افتتاح".encode() in answer.content
        with pytest.raises(FetchFailed, match="more than 5 redirects") as caught:
            fetcher.get(f"{site.base}/loop")
        assert not is_transient(caught.value)
        with pytest.raises(RobotsDisallowed, match="private/1.html: robots.txt disallows it"):
            fetcher.get(f"{site.base}/to-private")
    assert site.requests["/loop"] == 6 and "/private/1.html" not in site.requests


def test_sizes_declared_and_read_are_bounded(site):
    site.add("/big.html", b"<p>" + b"x" * 300_000 + b"</p>", "text/html")
    site.add("/endless.html", "", endless=True)
    policy = FetchPolicy(timeout_s=2, total_s=30, delay_s=0, retries=0, max_bytes=100_000)
    with Fetcher(policy) as fetcher:
        with pytest.raises(ResponseTooLarge, match="declares 300,007 bytes, over the limit of 100,000"):
            fetcher.get(f"{site.base}/big.html")
        with pytest.raises(ResponseTooLarge, match="over the limit of 100,000 bytes .reading stopped"):
            fetcher.get(f"{site.base}/endless.html")


def test_a_dripping_answer_is_cut_at_the_total_timeout(site):
    site.routes["/drip.xml"] = Route(b"<rss>" + b" " * 200 + b"</rss>", drip_s=0.05)
    policy = FetchPolicy(timeout_s=2, total_s=1, delay_s=0, retries=0)
    with Fetcher(policy) as fetcher:
        with pytest.raises(FetchFailed, match="answer still incomplete after 1 s") as caught:
            fetcher.get(f"{site.base}/drip.xml")
    assert is_transient(caught.value)


def test_a_silent_server_is_given_up_after_the_timeout_with_retries():
    silent = SilentServer()
    try:
        policy = FetchPolicy(timeout_s=0.5, total_s=5, delay_s=0, retries=1, backoff_s=0.05)
        with Fetcher(policy) as fetcher:
            with pytest.raises(RobotsDisallowed, match="robots.txt could not be read .no answer within 0.5 s"):
                fetcher.get(f"{silent.base}/feed.xml")
        assert len(silent.held) == 2   # robots.txt asked twice (one retry), the feed never
    finally:
        silent.close()


def test_conditional_get_with_last_modified(site):
    stamp = "Tue, 05 Mar 2024 07:00:00 GMT"
    site.routes["/feed.xml"] = Route(b"<rss/>", content_type="application/xml", last_modified=stamp)
    with Fetcher(FAST) as fetcher:
        first = fetcher.get(f"{site.base}/feed.xml")
        assert (first.status, first.last_modified, first.content) == (200, stamp, b"<rss/>")
        second = fetcher.get(f"{site.base}/feed.xml", last_modified=first.last_modified)
        assert (second.status, second.content) == (304, b"")


def test_http_errors_name_their_status_and_say_whether_to_retry(site):
    site.add("/busy", "busy", status=503)
    with Fetcher(FAST) as fetcher:
        with pytest.raises(FetchFailed, match="busy: HTTP 503") as busy:
            fetcher.get(f"{site.base}/busy")
        with pytest.raises(FetchFailed, match="gone: HTTP 404") as gone:
            fetcher.get(f"{site.base}/gone")
    assert is_transient(busy.value) and not is_transient(gone.value)
    assert site.requests["/busy"] == 2 and site.requests["/gone"] == 1


def test_the_delay_per_host_and_robots_crawl_delay_are_kept(site):
    site.add("/robots.txt", "User-agent: *\nCrawl-delay: 1\n", "text/plain")
    with Fetcher(FAST) as fetcher:
        started = time.monotonic()
        for n in range(2):
            fetcher.get(f"{site.base}/news/{n}.html")
        # robots.txt, then two pages: two gaps of at least the crawl delay (a lower bound,
        # which a busy machine only makes longer).
        assert time.monotonic() - started >= 2 * 1.0
    with Fetcher(FetchPolicy(delay_s=0.3, retries=0)) as fetcher:
        fetcher._robots.clear()
        site.add("/robots.txt", "User-agent: *\nAllow: /\n", "text/plain")
        started = time.monotonic()
        for n in range(3):
            fetcher.get(f"{site.base}/news/{n}.html")
        assert time.monotonic() - started >= 3 * 0.3


def test_a_huge_robots_txt_is_read_as_far_as_500_kib_and_a_redirect_loop_ends(site):
    site.add("/robots.txt", "User-agent: *\nDisallow: /news/1.html\n" + "# filler\n" * 100_000, "text/plain")
    with Fetcher(FAST) as fetcher:
        with pytest.raises(RobotsDisallowed, match="robots.txt disallows it"):
            fetcher.get(f"{site.base}/news/1.html")
        assert fetcher.get(f"{site.base}/news/2.html").status == 200
    site.routes["/robots.txt"] = Route(status=302, location="/robots2.txt")
    site.routes["/robots2.txt"] = Route(status=302, location="/robots.txt")
    with Fetcher(FAST) as fetcher:   # RFC 9309: a robots.txt not found after five hops means no rules
        assert fetcher.get(f"{site.base}/news/1.html").status == 200
    assert site.requests["/robots2.txt"] == 3
