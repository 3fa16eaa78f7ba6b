"""The sources file and the feed readers: RSS, RDF, Atom, sitemaps, and what is refused."""
from __future__ import annotations

import pytest
from watch_server import atom, gzipped, rss, sitemap

from marsad.errors import NotAFeed, ResponseTooLarge, SourcesFileError
from marsad.watch.feeds import parse_feed
from marsad.watch.sources import Source, parse_sources, read_sources

BASE = "http://news.example"


def test_sources_lines_tabs_spaces_comments_and_languages():
    text = ("# أخبار العراق\n"
            "\n"
            "https://a.example/rss.xml\n"
            "https://b.example/feed\tأخبار المثال\tar\n"
            "https://c.example/sitemap.xml  وكالة الأنباء المحلية  ar-IQ  # the agency\n"
            "https://d.example/atom Example\n"
            "https://a.example/rss.xml another name\n")
    assert parse_sources(text, "s.txt") == [
        Source("https://a.example/rss.xml"),
        Source("https://b.example/feed", "أخبار المثال", "ar"),
        Source("https://c.example/sitemap.xml", "وكالة الأنباء المحلية", "ar-IQ"),
        Source("https://d.example/atom", "Example"),
    ]


@pytest.mark.parametrize("line", ["ftp://a.example/feed", "news.example/rss", "http:///nohost", "not a url"])
def test_a_line_that_is_no_http_url_is_named_with_its_line(line):
    with pytest.raises(SourcesFileError, match=r"s\.txt:2: .*not an http\(s\) URL"):
        parse_sources(f"https://ok.example/rss\n{line}\n", "s.txt")


def test_an_empty_or_missing_sources_file_is_refused(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("# nothing yet\n", "utf-8")
    with pytest.raises(SourcesFileError, match="lists no source"):
        read_sources(empty)
    with pytest.raises(SourcesFileError, match="no such sources file"):
        read_sources(tmp_path / "absent.txt")


def test_rss_items_with_links_and_dates():
    feed = parse_feed(rss(BASE, [0, 1, 2]).encode(), BASE + "/rss")
    assert feed.kind == "rss"
    assert [i.url for i in feed.items] == [f"{BASE}/news/{n}.html" for n in range(3)]
    assert [i.published for i in feed.items] == ["2024-03-01", "2024-03-02", "2024-03-03"]
    assert feed.items[0].title.startswith("افتتاح")


def test_rss_permalink_guid_relative_links_and_repeats():
    data = ("<rss><channel>"
            "<item><guid>https://x.example/a</guid><pubDate>Tue, 05 Mar 2024 10:00:00 +0300</pubDate></item>"
            "<item><guid isPermaLink='false'>tag:x,1</guid></item>"
            "<item><link>/b?id=2#top</link></item>"
            "<item><link>https://x.example/a</link></item>"
            "<item><link>javascript:alert(1)</link></item>"
            "</channel></rss>").encode()
    feed = parse_feed(data, "https://x.example/feed.xml")
    assert [(i.url, i.published) for i in feed.items] == [
        ("https://x.example/a", "2024-03-05"), ("https://x.example/b?id=2", None)]


def test_rdf_atom_sitemap_news_sitemap_and_index():
    rdf = ('<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" '
           'xmlns:dc="http://purl.org/dc/elements/1.1/"><item><link>https://r.example/1</link>'
           "<dc:date>2024-02-01T08:00:00+02:00</dc:date></item></rdf:RDF>")
    assert [(i.url, i.published) for i in parse_feed(rdf.encode(), "https://r.example/").items] == [
        ("https://r.example/1", "2024-02-01")]
    feed = parse_feed(atom(BASE, [4]).encode(), BASE + "/atom")
    assert (feed.kind, feed.items[0].url, feed.items[0].published) == ("atom", f"{BASE}/atom/4.html", "2024-03-05")
    feed = parse_feed(sitemap(BASE, [1, 2]).encode(), BASE + "/sitemap.xml")
    assert (feed.kind, [i.published for i in feed.items]) == ("sitemap", ["2024-03-02", "2024-03-03"])
    news = ('<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
            'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"><url><loc>https://n.example/x</loc>'
            "<lastmod>2024-05-09</lastmod><news:news><news:publication_date>2024-05-01T10:00:00Z"
            "</news:publication_date><news:title>عنوان</news:title></news:news></url></urlset>")
    item = parse_feed(news.encode(), "https://n.example/s.xml").items[0]
    assert (item.published, item.title) == ("2024-05-01", "عنوان")
    index = ('<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>/s1.xml</loc>'
             "</sitemap><sitemap><loc>https://n.example/s2.xml.gz</loc></sitemap></sitemapindex>")
    feed = parse_feed(index.encode(), "https://n.example/index.xml")
    assert (feed.kind, feed.sitemaps) == ("sitemapindex", ["https://n.example/s1.xml", "https://n.example/s2.xml.gz"])


def test_a_gzipped_sitemap_is_read_and_a_gzip_bomb_is_not():
    assert len(parse_feed(gzipped(sitemap(BASE, [1, 2, 3])), BASE + "/s.xml.gz").items) == 3
    bomb = gzipped("<urlset>" + " " * 5_000_000 + "</urlset>")
    with pytest.raises(ResponseTooLarge, match="expands past the limit"):
        parse_feed(bomb, BASE + "/bomb.xml.gz", max_bytes=1_000_000)


@pytest.mark.parametrize("data, problem", [
    (b"<rss><channel><item><link>x</channel>", "malformed XML"),
    (b"<!doctype html><html><head><title>feed</title></head><body>no feed</body></html>", "an HTML page"),
    (b"<?xml version='1.0'?>\n<html><body/></html>", "an HTML page"),
    (b"", "empty answer"),
    (b"<note><to>x</to></note>", "root is <note>"),
    (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>'
     b"<rss><channel><item><title>&lol2;</title></item></channel></rss>", "declares XML entities"),
    (b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><rss>&x;</rss>',
     "declares XML entities"),
    ("مرحبا بكم في الموقع".encode(), "malformed XML"),
])
def test_what_is_no_feed_is_refused_with_the_url(data, problem):
    with pytest.raises(NotAFeed, match=problem) as caught:
        parse_feed(data, "https://bad.example/feed")
    assert str(caught.value).startswith("https://bad.example/feed: ")


def test_feeds_in_windows_1256_and_with_a_bom():
    data = ('<?xml version="1.0" encoding="windows-1256"?><rss><channel><item><title>خبر عاجل</title>'
            "<link>https://a.example/1</link></item></channel></rss>").encode("cp1256")
    assert parse_feed(data, "https://a.example/rss").items[0].title == "خبر عاجل"
    data = b"\xef\xbb\xbf<?xml version='1.0'?><rss><channel><item><link>https://a.example/2</link></item></channel></rss>"
    assert parse_feed(data, "https://a.example/rss").items[0].url == "https://a.example/2"


def test_feed_states_of_a_store_that_never_watched(tmp_path):
    from marsad.store.db import Store
    from marsad.watch import feed_states

    Store(tmp_path / "s.db").close()
    assert feed_states(tmp_path / "s.db") == []
