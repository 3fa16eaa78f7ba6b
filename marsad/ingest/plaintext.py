"""Plain-text pages to a Document: title once, date line, paragraphs, highlights, navigation."""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from datetime import date

from marsad.errors import NoText
from marsad.ingest.lexicon import page_furniture
from marsad.record import Document
from marsad.settings import HIGHLIGHT_MAX_WORDS, HIGHLIGHT_MIN_OVERLAP, PUBLISHED_YEARS
from marsad.text.normalize import clean_display, normalize
from marsad.text.words import stem, words

# A body paragraph ends like a sentence; pull quotes and sub-headlines usually do not.
_SENTENCE_END = re.compile(r"[.!؟?:…»\"”]\s*$")
_DATE_LINE_MAX_WORDS = 10


def parse_text_page(raw: str, source: str, published: str | None = None,
                    url: str | None = None) -> Document:
    """Split a scraped plain-text page into title, body, highlights and boilerplate."""
    lines = [line for line in (clean_display(line) for line in raw.splitlines()) if line]
    if not lines:
        raise NoText(source, "no text lines")
    return assemble_document(lines[0], lines[1:], source, published, url)


def assemble_document(title: str, lines: list[str], source: str, published: str | None,
                      url: str | None) -> Document:
    """A Document from a title and the page's other lines, in reading order."""
    boilerplate: list[str] = []
    body: list[str] = []
    found_date: str | None = None
    title_key = normalize(title)
    for index, line in enumerate(lines):
        if normalize(line) == title_key:
            boilerplate.append(line)
        elif found_date is None and index < 5 and (date := publication_date(line)):
            found_date = date
        else:
            body.append(line)
    body, trailing = split_trailing_navigation(body)
    body, navigation = _drop_navigation_lines(body)
    boilerplate += navigation + trailing
    body, highlights = split_highlights(body)
    if not body:
        raise NoText(source, "no article paragraphs after removing title and navigation")
    return Document(title=title, text="\n\n".join([title] + body),
                    published=published or found_date, url=url,
                    highlights=highlights, boilerplate=boilerplate)


def publication_date(line: str) -> str | None:
    """The publication date a short date line or byline gives, as an ISO string."""
    if len(line.split()) > _DATE_LINE_MAX_WORDS:
        return None
    from marsad.text.dates import find_publication_date

    found = find_publication_date(line)
    return plausible_publication_date(found.isoformat()) if found else None


def plausible_publication_date(value: str | None) -> str | None:
    """An ISO date a page claims as its publication date, or None when it is no real date.

    Pages carry placeholders (`0000-00-00`, `9999-12-31`) that are no calendar date, or one
    that relative dates cannot be counted from.
    """
    try:
        day = date.fromisoformat((value or "").strip()[:10])
    except ValueError:
        return None
    return day.isoformat() if PUBLISHED_YEARS[0] <= day.year <= PUBLISHED_YEARS[1] else None


def is_navigation(line: str) -> bool:
    """A line that is page furniture: a navigation word or a sharing/copyright line."""
    key = normalize(line).strip(" :-|•")
    furniture = page_furniture()
    return (key in furniture.nav or key in furniture.header
            or any(key.startswith(prefix) for prefix in furniture.prefix))


def split_trailing_navigation(body: list[str]) -> tuple[list[str], list[str]]:
    """Cut the block of navigation and related-news links that follows the last paragraph.

    The block starts at the earliest navigation or header line below which there are only
    short lines (links and headlines), never a long paragraph.
    """
    cut = len(body)
    for index in range(len(body) - 1, -1, -1):
        line = body[index]
        if is_navigation(line):
            cut = index
        elif len(line.split()) > HIGHLIGHT_MAX_WORDS:
            break
    return body[:cut], body[cut:]


def _drop_navigation_lines(body: list[str]) -> tuple[list[str], list[str]]:
    kept, dropped = [], []
    for line in body:
        (dropped if is_navigation(line) else kept).append(line)
    return kept, dropped


def _is_paragraph(line: str) -> bool:
    return len(line.split()) > HIGHLIGHT_MAX_WORDS or bool(_SENTENCE_END.search(line))


def split_highlights(body: list[str]) -> tuple[list[str], list[str]]:
    """Set aside short unpunctuated lines that restate the rest of the body (pull quotes)."""
    # Each line's stems are counted once, so that a page of thousands of short lines costs
    # linear time, not a pass over the whole body for every line.
    stems = [{stem(w) for w in words(line)} for line in body]
    lines_with = Counter(s for line_stems in stems for s in line_stems)
    kept, highlights = [], []
    for index, line in enumerate(body):
        if index > 0 and not _is_paragraph(line):
            own = stems[index]
            if _restated(line, lambda s: lines_with[s] > (s in own)):
                highlights.append(line)
                continue
        kept.append(line)
    return kept, highlights


def restates(line: str, paragraphs: list[str]) -> bool:
    """Whether most content words of `line` occur in `paragraphs`."""
    pool = {stem(w) for paragraph in paragraphs for w in words(paragraph)}
    return _restated(line, pool.__contains__)


def _restated(line: str, elsewhere: Callable[[str], bool]) -> bool:
    content = [stem(w) for w in words(line) if len(w) > 2]
    if len(content) < 4:
        return False
    return sum(1 for w in content if elsewhere(w)) / len(content) >= HIGHLIGHT_MIN_OVERLAP
