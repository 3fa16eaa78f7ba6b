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
from marsad.text.normalize import clean_display, normalize

_HTML_SNIFF = re.compile(r"<\s*(!doctype\s+html|html|head|body|p|div|article)\b", re.I)
# A byline is near the top of a page's visible text; further down, dates are article content.
_BYLINE_SCAN_NODES = 60
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")
_WORD = re.compile(r"\w+")
# Elements whose text a reader never sees as page text.
_INVISIBLE_TAGS = frozenset({"script", "style", "noscript", "template", "svg", "math"})
# Elements that start a new line of text.
_BLOCK_TAGS = frozenset({"html", "head", "title", "body", "p", "div", "li", "ul", "ol", "dl", "dt", "dd",
                         "h1", "h2", "h3", "h4", "h5", "h6", "header", "footer", "nav", "aside",
                         "main", "article", "section", "blockquote", "figure", "figcaption",
                         "table", "tr", "td", "th", "caption", "pre", "address", "form",
                         "fieldset", "legend", "details", "summary", "br", "hr", "option",
                         "button", "label"})


def looks_like_html(text: str) -> bool:
    """Whether a decoded document is an HTML page rather than plain text."""
    return bool(_HTML_SNIFF.search(text[:5000]))


def parse_html_page(html: str, source: str, published: str | None = None,
                    url: str | None = None, title: str | None = None,
                    lead: str | None = None) -> Document:
    """Extract the article of an HTML page: main text, title, date, as a Document.

    A title the caller gives wins over the page's; the page is still cleaned as a page. The
    page's other visible text (menus, sidebars, comments, footer) goes to `boilerplate`, its
    byline to `dateline`; a page too small for trafilatura is read block by block.
    """
    # Extensive date search guesses from any number on the page (a copyright year becomes
    # a publication date); a missing date is better than a wrong one.
    extracted = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=False,
        favor_precision=True, date_extraction_params={"extensive_search": False},
    )
    tree = _parse_tree(html)
    blocks = page_blocks(tree) if tree is not None else []
    if extracted is not None and (extracted.text or "").strip():
        lines = [line for line in (clean_display(x) for x in extracted.text.splitlines()) if line]
        page_title, page_date, page_url = extracted.title, extracted.date, extracted.url
    else:  # a short post or a bare fragment: its visible blocks are the text
        lines = [line for line in blocks if not _is_title_element(line, tree)]
        page_title, page_date, page_url = _title_element(tree), None, None
    if not lines:
        raise NoText(source, "no article text found in the HTML page")
    title = clean_display(title or "") or clean_display(page_title or "")
    byline_date, byline = _visible_byline_date(tree) if tree is not None else (None, None)
    published = published or plausible_publication_date(page_date) or byline_date
    if not title and len(lines) == 1:
        document = one_paragraph_document(lines[0], published, url or page_url, lead)
    else:
        document = assemble_document(title or lines[0], lines, source, published,
                                     url or page_url, lead=lead)
    if document.dateline is None and byline and byline_date:
        document.dateline = byline
    document.boilerplate += set_aside_blocks(blocks, document)
    return document


def set_aside_blocks(blocks: list[str], document: Document) -> list[str]:
    """The page's visible blocks whose words the document keeps nowhere, in page order."""
    kept = " ".join([document.title, document.text, document.dateline or "", document.lead or ""]
                    + document.highlights + document.boilerplate)
    known = set(_WORD.findall(normalize(kept)))
    return [block for block in blocks if not set(_WORD.findall(normalize(block))) <= known]


def page_blocks(tree) -> list[str]:
    """The visible text of a page, one line per block element, in page order (no scripts)."""
    blocks: list[str] = []
    buffers: list[list[str]] = [[]]
    hidden = 0
    for event, element in lxml.etree.iterwalk(tree, events=("start", "end")):
        tag = element.tag.lower() if isinstance(element.tag, str) else None
        if event == "start":
            if tag is None or tag in _INVISIBLE_TAGS:
                hidden += 1
                continue
            if tag in _BLOCK_TAGS:
                buffers.append([])
            if not hidden and element.text:
                buffers[-1].append(element.text)
            continue
        if tag is None or tag in _INVISIBLE_TAGS:
            hidden -= 1
        elif tag in _BLOCK_TAGS and len(buffers) > 1:
            blocks.append(clean_display(" ".join(buffers.pop())))
        if not hidden and element.tail:
            buffers[-1].append(element.tail)
    blocks += [clean_display(" ".join(buffer)) for buffer in reversed(buffers)]
    return [block for block in blocks if block]


def _parse_tree(html: str):
    try:
        return lxml.html.fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return None


def _title_element(tree) -> str | None:
    found = tree.findtext(".//title") if tree is not None else None
    return clean_display(found) if found else None


def _is_title_element(line: str, tree) -> bool:
    return line == _title_element(tree)


def _visible_byline_date(tree) -> tuple[str | None, str | None]:
    """A publication date written in the page's visible text, for pages without metadata,
    and the line that gives it (None for a `<time datetime>` attribute)."""
    for value in tree.xpath("//time/@datetime")[:5]:
        if _ISO_DATE.match(value.strip()) and (found := plausible_publication_date(value)):
            return found, None
    nodes = tree.xpath("//body//text()[not(ancestor::script) and not(ancestor::style)]")
    for node in nodes[:_BYLINE_SCAN_NODES]:
        line = clean_display(str(node))
        found = date_line_date(line)
        if found:
            return found, line
    return None, None
