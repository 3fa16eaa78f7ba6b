"""HTML pages to a Document through trafilatura, with the title and date from the page."""
from __future__ import annotations

import re

import lxml.etree
import lxml.html
import trafilatura

from marsad.errors import NoText
from marsad.ingest.dateline import date_line_date, plausible_publication_date
from marsad.ingest.plaintext import assemble_document, one_paragraph_document
from marsad.record import Document
from marsad.text.normalize import clean_display

_HTML_SNIFF = re.compile(r"<\s*(!doctype\s+html|html|head|body|p|div|article)\b", re.I)
# A byline is near the top of a page's visible text; further down, dates are article content.
_BYLINE_SCAN_NODES = 60
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")


def looks_like_html(text: str) -> bool:
    """Whether a decoded document is an HTML page rather than plain text."""
    return bool(_HTML_SNIFF.search(text[:5000]))


def parse_html_page(html: str, source: str, published: str | None = None,
                    url: str | None = None, title: str | None = None,
                    lead: str | None = None) -> Document:
    """Extract the article of an HTML page: main text, title, date, as a Document.

    A title the caller gives wins over the page's; the page is still cleaned as a page.
    """
    # Extensive date search guesses from any number on the page (a copyright year becomes
    # a publication date); a missing date is better than a wrong one.
    extracted = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=False,
        favor_precision=True, date_extraction_params={"extensive_search": False},
    )
    if extracted is None or not (extracted.text or "").strip():
        raise NoText(source, "no article text found in the HTML page")
    lines = [line for line in (clean_display(x) for x in extracted.text.splitlines()) if line]
    title = clean_display(title or "") or clean_display(extracted.title or "")
    published = published or plausible_publication_date(extracted.date) or _visible_byline_date(html)
    if not title and len(lines) == 1:
        return one_paragraph_document(lines[0], published, url or extracted.url, lead)
    title = title or lines[0]
    return assemble_document(title, lines, source, published, url or extracted.url, lead=lead)


def _visible_byline_date(html: str) -> str | None:
    """A publication date written in the page's visible text, for pages without metadata."""
    try:
        tree = lxml.html.fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return None
    for value in tree.xpath("//time/@datetime")[:5]:
        if _ISO_DATE.match(value.strip()) and (found := plausible_publication_date(value)):
            return found
    nodes = tree.xpath("//body//text()[not(ancestor::script) and not(ancestor::style)]")
    for node in nodes[:_BYLINE_SCAN_NODES]:
        found = date_line_date(clean_display(str(node)))
        if found:
            return found
    return None
