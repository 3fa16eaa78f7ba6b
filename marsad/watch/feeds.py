"""RSS, Atom and sitemap XML to the article links they list, with their dates; nothing else accepted."""
from __future__ import annotations

import re
import zlib
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import lxml.etree

from marsad.errors import MarsadError, NotAFeed, ResponseTooLarge
from marsad.ingest.dateline import parse_published


@dataclass(frozen=True)
class FeedItem:
    """One article a feed lists: its URL and, when the feed says it, its date and title."""
    url: str
    published: str | None = None   # YYYY-MM-DD, as the feed dates it
    title: str | None = None


@dataclass
class Feed:
    """What one feed or sitemap lists: articles, and (a sitemap index) further sitemaps."""
    kind: str                          # rss, rdf, atom, sitemap, sitemapindex
    items: list[FeedItem] = field(default_factory=list)
    sitemaps: list[str] = field(default_factory=list)


# Entity declarations are how XML bombs (billion laughs, external entities) work; no feed needs
# one, so a document that declares any is refused before the parser sees it.
_ENTITY_DECLARATION = re.compile(rb"<!ENTITY", re.I)
_HTML_START = re.compile(rb"^\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*<(!doctype\s+html|html)\b", re.I | re.S)
_GZIP_MAGIC = b"\x1f\x8b"


def _parser() -> lxml.etree.XMLParser:
    # No DTD, no entities, no network, no huge-tree mode (libxml2's own depth and size guards stay on).
    return lxml.etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                                huge_tree=False, recover=False, remove_comments=True, remove_pis=True)


def gunzip_bounded(data: bytes, limit: int, source: str) -> bytes:
    """A gzip-compressed sitemap (`sitemap.xml.gz`) expanded, never past `limit` bytes."""
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = inflater.decompress(data, limit + 1)
    except zlib.error as error:
        raise NotAFeed(source, f"broken gzip data ({error})") from None
    if len(out) > limit:
        raise ResponseTooLarge(source, f"expands past the limit of {limit:,} bytes (a gzip bomb?)")
    return out


def parse_feed(data: bytes, source: str, *, max_bytes: int = 10 * 1024 * 1024) -> Feed:
    """The articles (and child sitemaps) of an RSS 2.0, RSS 1.0, Atom, sitemap or sitemap index
    document; NotAFeed for broken XML, an HTML page, entity declarations or another XML."""
    if data[:2] == _GZIP_MAGIC:
        data = gunzip_bounded(data, max_bytes, source)
    if not data.strip():
        raise NotAFeed(source, "empty answer, no feed")
    if _HTML_START.match(data[:4096]):
        raise NotAFeed(source, "an HTML page, not a feed or sitemap")
    if _ENTITY_DECLARATION.search(data):
        raise NotAFeed(source, "declares XML entities (refused: no feed needs them, XML bombs do)")
    try:
        root = lxml.etree.fromstring(data, _parser())
    except lxml.etree.XMLSyntaxError as error:
        raise NotAFeed(source, f"malformed XML ({_short(str(error))})") from None
    kind = _local(root)
    reader = _READERS.get(kind)
    if reader is None:
        raise NotAFeed(source, f"XML whose root is <{kind}>, not RSS, Atom or a sitemap")
    feed = reader(root, source)
    feed.items = _unique(feed.items)
    return feed


def _short(text: str, width: int = 160) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _local(element) -> str:
    tag = element.tag
    if not isinstance(tag, str):   # a comment or processing instruction
        return ""
    return lxml.etree.QName(tag).localname


def _children(element, name: str) -> list:
    return [child for child in element if _local(child) == name]


def _text(element, *names: str) -> str | None:
    """The text of the first child with one of `names` (any namespace) that has text."""
    for name in names:
        for child in _children(element, name):
            if child.text and child.text.strip():
                return child.text.strip()
    return None


def _date(value: str | None) -> str | None:
    """A feed's date as YYYY-MM-DD, or None when it says none or nothing readable."""
    if not value:
        return None
    try:
        return parse_published(value, "feed")
    except MarsadError:
        return None


def _article_url(link: str | None, base: str) -> str | None:
    """An article link made absolute; only http(s) links are followed."""
    if not link:
        return None
    url = urljoin(base, link.strip())
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    return parts._replace(fragment="").geturl()


def _rss(root, source: str) -> Feed:
    items = []
    for item in root.iter("{*}item"):
        link = _text(item, "link")
        if not link:  # a permalink guid stands for a missing link
            for guid in _children(item, "guid"):
                if (guid.get("isPermaLink") or "true").lower() != "false" and guid.text:
                    link = guid.text.strip()
        url = _article_url(link, source)
        if url:
            items.append(FeedItem(url, _date(_text(item, "pubDate", "date", "published", "updated")),
                                  _text(item, "title")))
    return Feed("rss" if _local(root) == "rss" else "rdf", items)


def _atom(root, source: str) -> Feed:
    items = []
    base = root.get("{http://www.w3.org/XML/1998/namespace}base") or source
    for entry in _children(root, "entry"):
        link = None
        for candidate in _children(entry, "link"):
            if (candidate.get("rel") or "alternate") == "alternate" and candidate.get("href"):
                link = candidate.get("href")
                break
        url = _article_url(link, entry.get("{http://www.w3.org/XML/1998/namespace}base") or base)
        if url:
            items.append(FeedItem(url, _date(_text(entry, "published", "updated", "issued")),
                                  _text(entry, "title")))
    return Feed("atom", items)


def _urlset(root, source: str) -> Feed:
    items = []
    for entry in _children(root, "url"):
        url = _article_url(_text(entry, "loc"), source)
        if not url:
            continue
        # A news sitemap dates the article itself; lastmod may be a later edit.
        news = next(iter(_children(entry, "news")), None)
        published = _date(_text(news, "publication_date")) if news is not None else None
        title = _text(news, "title") if news is not None else None
        items.append(FeedItem(url, published or _date(_text(entry, "lastmod")), title))
    return Feed("sitemap", items)


def _sitemapindex(root, source: str) -> Feed:
    sitemaps = [url for entry in _children(root, "sitemap")
                if (url := _article_url(_text(entry, "loc"), source))]
    return Feed("sitemapindex", sitemaps=list(dict.fromkeys(sitemaps)))


_READERS = {"rss": _rss, "RDF": _rss, "feed": _atom, "urlset": _urlset, "sitemapindex": _sitemapindex}


def _unique(items: list[FeedItem]) -> list[FeedItem]:
    """Each URL once, with its first listing (feeds repeat items across categories)."""
    seen: dict[str, FeedItem] = {}
    for item in items:
        seen.setdefault(item.url, item)
    return list(seen.values())
