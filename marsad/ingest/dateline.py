"""Dates at the door: a page's date line, and the publication dates callers send in any common format."""
from __future__ import annotations

import datetime as dt
import math
import re
from email.utils import parsedate_tz

from marsad.errors import BadField
from marsad.lexicon.lexicon import Lexicon, load_lexicon
from marsad.settings import DATE_LINE_MAX_OTHER_WORDS, PUBLISHED_YEARS
from marsad.text.normalize import normalize

# A word of letters (Arabic or Latin); digits, times and punctuation are date material.
_WORD = re.compile(r"[^\W\d_]+")
# A sentence ends with a full stop, a question or an exclamation mark: date lines do not.
_SENTENCE_END = re.compile(r"[.!؟?]\s*$")
# ISO 8601 calendar dates, alone or opening a date-time: 2018-02-19, 2018-02-19T10:00+03:00,
# 20180219.
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[T ]\S.*)?|(\d{4})(\d{2})(\d{2})(?:T\S*)?")
# Date lines are short; longer lines are never read as one.
_DATE_LINE_MAX_WORDS = 14

PUBLISHED_FORMATS = ("ISO 8601 (2018-02-19, 2018-02-19T10:00:00+03:00), RFC 822/2822 "
                     "(Mon, 19 Feb 2018 00:16:11 +0400) or an Arabic date (19 شباط 2018, "
                     "19/02/2018, الاثنين 19 فبراير 2018)")


def plausible_publication_date(value: str | None) -> str | None:
    """An ISO date a page claims as its publication date, or None when it is no real date.

    Pages carry placeholders (`0000-00-00`, `9999-12-31`) that are no calendar date, or one
    that relative dates cannot be counted from.
    """
    try:
        day = dt.date.fromisoformat((value or "").strip()[:10])
    except ValueError:
        return None
    return day.isoformat() if PUBLISHED_YEARS[0] <= day.year <= PUBLISHED_YEARS[1] else None


def date_line_date(line: str, lexicon: Lexicon | None = None) -> str | None:
    """The date of a line that is mostly a date (a page's date line or byline), else None.

    Mostly a date: a full date, no sentence end, and besides the date, numbers, times and
    byline or calendar words at most DATE_LINE_MAX_OTHER_WORDS words, fewer than the rest.
    `شهدت المدينة احتجاجات واسعة في 5 آذار 2024 ضد الحكومة.` is a paragraph, not a date line.
    The date vocabulary and byline words are `lexicon`'s, the shipped Lexicon's unless given.
    """
    tokens = line.split()
    if not tokens or len(tokens) > _DATE_LINE_MAX_WORDS or _SENTENCE_END.search(line):
        return None
    from marsad.text.dates import find_dates, find_publication_date

    lexicon = load_lexicon() if lexicon is None else lexicon
    found = find_publication_date(line, lexicon.dates)
    if found is None:
        return None
    rest = list(line)
    for mention in find_dates(line, None, lexicon.dates):
        rest[mention.start:mention.end] = " " * (mention.end - mention.start)
    vocabulary = lexicon.date_line_words
    other = [w for w in _WORD.findall("".join(rest))
             if normalize(w) not in vocabulary and w.upper() not in vocabulary]
    if len(other) > DATE_LINE_MAX_OTHER_WORDS or 2 * len(other) >= len(tokens):
        return None
    return plausible_publication_date(found.isoformat())


def parse_published(value: object, source: str, field: str = "published") -> str | None:
    """A caller's publication date as ISO `YYYY-MM-DD`, or BadField naming the field and value.

    The date is the one written, in the writer's own time zone: `Mon, 19 Feb 2018 00:16:11
    +0400` is 2018-02-19, as the outlet dated it, though it was still the 18th in UTC.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if not isinstance(value, str):
        raise BadField(source, f"'{field}' must be a date written as a string, not {describe(value)}")
    text = value.strip()
    day = _iso_date(text) or _rfc822_date(text) or _arabic_date(text)
    if day is None:
        raise BadField(source, f"'{field}' {_shown(value)} is not a date in a known format: "
                               f"{PUBLISHED_FORMATS}")
    if not PUBLISHED_YEARS[0] <= day.year <= PUBLISHED_YEARS[1]:
        raise BadField(source, f"'{field}' {_shown(value)} is outside the years "
                               f"{PUBLISHED_YEARS[0]}-{PUBLISHED_YEARS[1]}")
    return day.isoformat()


def _iso_date(text: str) -> dt.date | None:
    match = _ISO.fullmatch(text)
    if not match:
        return None
    year, month, day = (int(g) for g in (match.groups()[:3] if match[1] else match.groups()[3:]))
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _rfc822_date(text: str) -> dt.date | None:
    # parsedate_tz reads almost any string with a month name and a year; demand a digit-led day
    # and a four-digit year so that a stray number is not taken for a date.
    if not re.search(r"\b\d{1,2}\s+[A-Za-z]{3,9}\.?\s+\d{4}\b", text):
        return None
    parsed = parsedate_tz(text)
    if parsed is None:
        return None
    try:
        return dt.date(parsed[0], parsed[1], parsed[2])
    except ValueError:
        return None


def _arabic_date(text: str) -> dt.date | None:
    """An Arabic news date: the whole value must be a date line (a date and date words only)."""
    found = date_line_date(text)
    return dt.date.fromisoformat(found) if found else None


def describe(value: object) -> str:
    """How a JSON value that has the wrong type is named in an error."""
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, float) and not math.isfinite(value):
        return f"the number {value!r} (not a finite number)"
    if isinstance(value, (int, float)):
        return f"the number {value!r}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def _shown(value: str, limit: int = 80) -> str:
    return repr(value if len(value) <= limit else value[:limit] + "…")
