"""Ingestion: from the bytes of a page and what the caller knows of it to a Document."""
from __future__ import annotations

import re
from pathlib import Path

from marsad.errors import InputError, InputTooLarge, NotAFile
from marsad.ingest.decode import decode_bytes
from marsad.ingest.fields import Metadata, item_body, item_metadata, url_outlet
from marsad.ingest.html import looks_like_html, parse_html_page
from marsad.ingest.plaintext import parse_text_page
from marsad.ingest.streams import is_stream, read_fifo
from marsad.record import Document
from marsad.settings import MAX_DOCUMENT_BYTES

__all__ = ["read_document", "read_path", "parse_text", "parse_item", "Metadata"]

# A lone surrogate (what a `\ud800` escape in JSON decodes to) is no character: the HTML
# parser gives up on a page that has one, and it cannot be written out as UTF-8.
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def read_document(data: bytes, source: str, *, html: bool | None = None,
                  published: str | None = None, url: str | None = None,
                  max_bytes: int = MAX_DOCUMENT_BYTES, metadata: Metadata | None = None) -> Document:
    """Decode and parse one document; `html=None` sniffs whether it is an HTML page."""
    if len(data) > max_bytes:
        raise InputTooLarge(source, f"{len(data):,} bytes is over the limit of {max_bytes:,}")
    decoded = decode_bytes(data, source)
    document = parse_text(decoded.text, source, html=html, published=published, url=url,
                          metadata=metadata)
    document.warnings = decoded.warnings + document.warnings
    return document


def parse_text(text: str, source: str, *, html: bool | None = None,
               published: str | None = None, url: str | None = None,
               metadata: Metadata | None = None) -> Document:
    """Parse already-decoded text as a plain-text page or an HTML page.

    `published` and `url` win over `metadata`'s; the outlet is the caller's, else the URL's host.
    """
    given = Metadata(published=published, url=url).under(metadata)
    text, dropped = _LONE_SURROGATE.subn("", text)
    url = _LONE_SURROGATE.sub("", given.url) if given.url is not None else None
    if html is None:
        html = looks_like_html(text)
    parse = parse_html_page if html else parse_text_page
    document = parse(text, source, published=given.published, url=url,
                     title=_LONE_SURROGATE.sub("", given.title or ""),
                     lead=_LONE_SURROGATE.sub("", given.lead or ""))
    document.outlet = given.outlet or url_outlet(document.url)
    document.meta = dict(given.meta)
    if dropped:
        document.warnings.append(f"{dropped} lone surrogate code point(s) removed (not valid Unicode)")
    return document


def parse_item(item: dict, source: str, defaults: Metadata | None = None) -> Document:
    """The Document of one JSON document (a batch or JSONL line, a posted body): its `text` or
    `html`, title, dates, outlet, standfirst and other fields; `defaults` fill what it lacks."""
    body, html = item_body(item, source)
    metadata = item_metadata(item, source).under(defaults)
    return parse_text(body, source, html=html, metadata=metadata)


def read_path(path: str | Path, *, html: bool | None = None, published: str | None = None,
              url: str | None = None, max_bytes: int = MAX_DOCUMENT_BYTES,
              metadata: Metadata | None = None) -> Document:
    """Read a document from a file, refusing directories, missing and oversized files."""
    path = Path(path)
    source = str(path)
    if path.is_dir():
        raise NotAFile(source, "is a directory, expected a file")
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputTooLarge(source, f"{size:,} bytes is over the limit of {max_bytes:,}")
        # A device or a pipe (/dev/zero, a FIFO) has no size to stat: never read past the limit.
        # A FIFO is read with a timeout: its writer may never come.
        if is_stream(path.stat().st_mode):
            data = read_fifo(path, source, max_bytes)
        else:
            with path.open("rb") as handle:
                data = handle.read(max_bytes + 1)
        if len(data) > max_bytes:
            raise InputTooLarge(source, f"over the limit of {max_bytes:,} bytes (reading stopped there)")
    except FileNotFoundError:
        raise NotAFile(source, "no such file") from None
    except OSError as error:
        raise InputError(source, f"cannot be read ({error.strerror or error})") from None
    if html is None and path.suffix.lower() in (".html", ".htm"):
        html = True
    return read_document(data, source, html=html, published=published, url=url,
                         max_bytes=max_bytes, metadata=metadata)
