"""A document's fields as callers send them (JSONL lines, manifests, flags, posts), checked and named."""
from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import urlsplit

from marsad.errors import BadField
from marsad.ingest.dateline import describe, parse_published
from marsad.settings import MAX_ID_CHARS

# Field names a caller may use for the publication date and for the outlet, first wins.
PUBLISHED_FIELDS = ("published", "time", "date", "pubDate")
OUTLET_FIELDS = ("outlet", "source")
BODY_FIELDS = ("text", "html")
# Fields read into the document; every other field the caller sent is kept under `meta`.
READ_FIELDS = frozenset({"id", "title", "url", "abstract", *BODY_FIELDS})


@dataclass
class Metadata:
    """What is known of a document besides its text, from the caller (all optional)."""
    published: str | None = None   # ISO date
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    lead: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)

    def under(self, defaults: "Metadata | None") -> "Metadata":
        """These values, with `defaults` (command-line flags, a manifest row) where they are missing."""
        if defaults is None:
            return self
        return replace(self, published=self.published or defaults.published,
                       url=self.url or defaults.url, outlet=self.outlet or defaults.outlet,
                       title=self.title or defaults.title, lead=self.lead or defaults.lead,
                       meta={**defaults.meta, **self.meta})


def url_outlet(url: str | None) -> str | None:
    """The host of a URL without `www.`: the outlet a document came from."""
    if not url:
        return None
    try:
        host = (urlsplit(url).hostname or "").lower()
    except ValueError:  # a malformed URL (unbalanced [ in the host) has no host to name
        return None
    return host.removeprefix("www.") or None


def check_id(value: object, source: str, *, required: bool = True) -> str | None:
    """A caller's id as a string: a non-empty string or a whole number, at most MAX_ID_CHARS."""
    if value is None and not required:
        return None
    if value is None:
        raise BadField(source, "no 'id' (a string or a whole number)")
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise BadField(source, f"'id' must be a string or a whole number, not {describe(value)}")
    text = str(value)
    if not text.strip():
        raise BadField(source, "'id' is empty")
    if len(text) > MAX_ID_CHARS:
        raise BadField(source, f"'id' of {len(text):,} characters is over the limit of "
                               f"{MAX_ID_CHARS:,}")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise BadField(source, "'id' holds a lone surrogate, which cannot be written as UTF-8") from None
    return text


def optional_string(item: dict[str, Any], name: str, source: str) -> str | None:
    """`item[name]` when it is a string (stripped, None when blank), BadField when it is not."""
    value = item.get(name)
    if value is None:
        return None
    if not isinstance(value, str):
        raise BadField(source, f"'{name}' must be a string, not {describe(value)}")
    return value.strip() or None


def item_metadata(item: dict[str, Any], source: str) -> Metadata:
    """The metadata of one JSON document: dates and outlets under their aliases, other fields kept."""
    published = None
    meta: dict[str, Any] = {}
    dated = False
    for name in PUBLISHED_FIELDS:
        if not _blank(item.get(name)):
            if dated:  # a second date field is kept as sent, not read
                meta[name] = json_safe(item[name])
                continue
            published = parse_published(item[name], source, name)
            dated = published is not None
            if item[name] != published:  # the time and zone as sent are kept too
                meta[name] = item[name]
    outlet = None
    for name in OUTLET_FIELDS:
        value = optional_string(item, name, source)
        if value and outlet is None:
            outlet = value
        elif value:
            meta[name] = value
    url = optional_string(item, "url", source)
    title = optional_string(item, "title", source)
    lead = optional_string(item, "abstract", source)
    for name, value in item.items():
        if name not in READ_FIELDS and name not in PUBLISHED_FIELDS and name not in OUTLET_FIELDS:
            meta[name] = json_safe(value)
    return Metadata(published=published, url=url, outlet=outlet, title=title, lead=lead, meta=meta)


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def item_body(item: dict[str, Any], source: str) -> tuple[str, bool]:
    """The document's text and whether it is HTML: exactly one of `text` and `html`, a string."""
    given = [name for name in BODY_FIELDS if item.get(name) is not None]
    if len(given) != 1:
        raise BadField(source, "needs exactly one of 'text' or 'html'"
                               + (" (both given)" if len(given) == 2 else ""))
    name = given[0]
    if not isinstance(item[name], str):
        raise BadField(source, f"'{name}' must be a string, not {describe(item[name])}")
    return item[name], name == "html"


def json_safe(value: Any) -> Any:
    """A JSON value with NaN and infinities written as strings, which strict JSON cannot hold."""
    if isinstance(value, float) and not math.isfinite(value):
        return repr(value)
    if isinstance(value, list):
        return [json_safe(v) for v in value]
    if isinstance(value, dict):
        return {k: json_safe(v) for k, v in value.items()}
    return value
