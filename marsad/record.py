"""The analysis record of SCHEMA.md as plain dataclasses, and their JSON form."""
from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass, field
from typing import Any

# The record's schema version (marsad/schema/analysis.schema.json): 2 added `outlet`, `lead`,
# `dateline`, `meta` and `schema_version` itself; records without it are version 1.
SCHEMA_VERSION = 2


def content_hash(text: str) -> str:
    """A stable id for a cleaned text: the same text always gives the same id."""
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


@dataclass
class Span:
    start: int
    end: int
    text: str | None = None


@dataclass
class Mention:
    """Where an entity is named: `kind` is name, demonym (الإيراني), metonym (واشنطن),
    role (قائد فيلق القدس for its holder), collective (المسؤولين العراقيين) or generic (a kind
    of actor named by a common noun that an event involves: المتظاهرون، جنود إثيوبيين، 18 شخصا)."""
    start: int
    end: int
    text: str
    kind: str = "name"


# Mention kinds that name no one: a kind of actor by its common noun, or a collective.
UNNAMED_KINDS = ("generic", "collective")


@dataclass
class Interval:
    """An ISO date interval; start or end may be null for open intervals."""
    start: str | None
    end: str | None
    text: str | None = None


@dataclass
class Geo:
    lat: float
    lon: float
    geonames: int | None = None


@dataclass
class Entity:
    id: str
    type: str
    name: str
    name_en: str | None = None
    kb: str | None = None
    country: str | None = None
    sector: str | None = None
    roles: list[str] = field(default_factory=list)
    geo: Geo | None = None
    mentions: list[Mention] = field(default_factory=list)


@dataclass
class Restatement:
    """Another place where the document tells an event it already told, with the actors (entity
    ids) that this telling names itself: a headline may name fewer than the body's account."""
    trigger: Span
    evidence: Span
    source: str | None = None
    target: str | None = None


@dataclass
class Event:
    id: str
    type: str
    trigger: Span
    evidence: Span
    mode: str | None = None
    source: str | None = None
    target: str | None = None
    location: str | None = None
    date: Interval | None = None
    status: str = "reported"
    attributed_to: list[str] = field(default_factory=list)
    confidence: float = 0.5
    # The same happening told again in the document (headline, standfirst, body; the meeting
    # and the talks held at it): every other place that tells it.
    restatements: list[Restatement] = field(default_factory=list)


@dataclass
class Quote:
    id: str
    speaker: str | None
    text: str
    direct: bool
    cue: str | None
    span: Span


@dataclass
class Attribution:
    id: str
    kind: str
    text: str
    entity: str | None = None
    via: str | None = None
    start: int | None = None
    end: int | None = None


@dataclass
class DateMention:
    text: str
    start: int
    end: int
    value: Interval | None
    calendar: str = "gregorian"
    relative: bool = False


@dataclass
class Document:
    """What ingestion makes of raw bytes: the cleaned text and what was set aside."""
    title: str
    text: str
    published: str | None = None
    url: str | None = None
    highlights: list[str] = field(default_factory=list)
    boilerplate: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # What the caller or the page said about the document besides its text: the outlet (given,
    # else the URL's host), the standfirst, the page's date line as written, other fields sent.
    outlet: str | None = None
    lead: str | None = None
    dateline: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)


@dataclass
class Analysis:
    id: str
    title: str
    text: str
    url: str | None = None
    published: str | None = None
    highlights: list[str] = field(default_factory=list)
    boilerplate: list[str] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    attributions: list[Attribution] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    outlet: str | None = None
    lead: str | None = None
    dateline: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    schema_version: int = SCHEMA_VERSION

    def to_dict(self) -> dict[str, Any]:
        return to_dict(self)


def to_dict(obj: Any) -> Any:
    """The JSON form of a record or any part of it (dataclasses become plain dicts)."""
    if dataclasses.is_dataclass(obj):
        return {f.name: to_dict(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, list):
        return [to_dict(x) for x in obj]
    return obj
