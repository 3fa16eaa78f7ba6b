"""The sources file of `marsad watch`: one feed or sitemap URL a line, with its outlet and language."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from marsad.errors import SourcesFileError

# A language is a short ISO 639 code (ar, fa, en, ar-IQ): the last field when it looks like one.
_LANGUAGE = re.compile(r"^[a-z]{2,3}(-[A-Za-z]{2,4})?$")
# A sources file is written by hand and short; a bigger one is a mistake (a feed saved instead).
MAX_SOURCES_BYTES = 1024 * 1024


@dataclass(frozen=True)
class Source:
    """One feed or sitemap to follow."""
    url: str
    outlet: str | None = None
    language: str | None = None


def parse_sources(text: str, name: str) -> list[Source]:
    """The sources listed in a sources file's text: `URL [outlet] [language]` a line.

    Fields are separated by tabs, or else by spaces (then an outlet of several words is every
    word between the URL and the language code). Blank lines and `#` comments are skipped; a
    URL listed twice is followed once, with its first line's outlet.
    """
    sources: dict[str, Source] = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.split(" #", 1)[0].strip() if not raw.lstrip().startswith("#") else ""
        if not line:
            continue
        fields = [f.strip() for f in line.split("\t")] if "\t" in line else line.split()
        fields = [f for f in fields if f]
        url, rest = fields[0], fields[1:]
        check_url(url, f"{name}:{number}")
        language = rest.pop() if rest and _LANGUAGE.match(rest[-1]) else None
        outlet = " ".join(rest) or None
        sources.setdefault(url, Source(url, outlet, language))
    return list(sources.values())


def check_url(url: str, where: str) -> None:
    """Refuse what is not an http(s) URL with a host, naming where it was written."""
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError:
        parts, host = None, None
    if parts is None or parts.scheme not in ("http", "https") or not host:
        raise SourcesFileError(where, f"{url[:200]!r} is not an http(s) URL "
                                      "(a line is: URL [outlet] [language])")


def read_sources(path: str | Path) -> list[Source]:
    """The sources of the file at `path`; SourcesFileError for a missing, huge or empty file."""
    path = Path(path)
    name = str(path)
    if not path.is_file():
        raise SourcesFileError(name, "no such sources file" if not path.exists() else "is not a file")
    with path.open("rb") as handle:
        data = handle.read(MAX_SOURCES_BYTES + 1)
    if len(data) > MAX_SOURCES_BYTES:
        raise SourcesFileError(name, f"over {MAX_SOURCES_BYTES:,} bytes: a sources file lists URLs, "
                                     "one a line")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise SourcesFileError(name, "a sources file must be UTF-8") from None
    sources = parse_sources(text, name)
    if not sources:
        raise SourcesFileError(name, "lists no source (a line is: URL [outlet] [language])")
    return sources
