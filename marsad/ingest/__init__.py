"""Ingestion: from the bytes of a page to a Document (title, published, text, highlights, boilerplate)."""
from __future__ import annotations

import re
from pathlib import Path

from marsad.errors import InputError, InputTooLarge, NotAFile
from marsad.ingest.decode import decode_bytes
from marsad.ingest.html import looks_like_html, parse_html_page
from marsad.ingest.plaintext import parse_text_page
from marsad.record import Document
from marsad.settings import MAX_DOCUMENT_BYTES

__all__ = ["read_document", "read_path", "parse_text"]

# A lone surrogate (what a `\ud800` escape in JSON decodes to) is no character: the HTML
# parser gives up on a page that has one, and it cannot be written out as UTF-8.
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def read_document(data: bytes, source: str, *, html: bool | None = None,
                  published: str | None = None, url: str | None = None,
                  max_bytes: int = MAX_DOCUMENT_BYTES) -> Document:
    """Decode and parse one document; `html=None` sniffs whether it is an HTML page."""
    if len(data) > max_bytes:
        raise InputTooLarge(source, f"{len(data):,} bytes is over the limit of {max_bytes:,}")
    decoded = decode_bytes(data, source)
    document = parse_text(decoded.text, source, html=html, published=published, url=url)
    document.warnings = decoded.warnings + document.warnings
    return document


def parse_text(text: str, source: str, *, html: bool | None = None,
               published: str | None = None, url: str | None = None) -> Document:
    """Parse already-decoded text as a plain-text page or an HTML page."""
    text, dropped = _LONE_SURROGATE.subn("", text)
    if url is not None:
        url = _LONE_SURROGATE.sub("", url)
    if html is None:
        html = looks_like_html(text)
    parse = parse_html_page if html else parse_text_page
    document = parse(text, source, published=published, url=url)
    if dropped:
        document.warnings.append(f"{dropped} lone surrogate code point(s) removed (not valid Unicode)")
    return document


def read_path(path: str | Path, *, html: bool | None = None, published: str | None = None,
              url: str | None = None, max_bytes: int = MAX_DOCUMENT_BYTES) -> Document:
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
                         max_bytes=max_bytes)
