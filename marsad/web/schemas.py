"""What the JSON API answers, for /openapi.json: the answers are built as plain dicts (the store
reads them so), and these models describe them without checking each one on its way out."""
from __future__ import annotations

from typing import Any, Optional

from pydantic import BaseModel, Field


class ErrorOut(BaseModel):
    """Every error under /api/."""
    error: str = Field(..., description="What was wrong, naming the parameter or input.")
    status: int = Field(..., description="The HTTP status, again.")


class Page(BaseModel):
    """One page of a list: every list of the API pages this way."""
    total: int = Field(..., description="How many items the whole list holds.")
    limit: Optional[int] = Field(None, description="Items per page asked for.")
    offset: int = Field(0, description="Items skipped.")
    items: list[dict[str, Any]]


class Correction(BaseModel):
    seq: int
    event: str
    document: str
    verdict: str = Field(..., description="confirmed, wrong or fixed.")
    type: Optional[str] = None
    source_id: Optional[str] = None
    source: Optional[str] = None
    target_id: Optional[str] = None
    target: Optional[str] = None
    note: Optional[str] = None
    by: Optional[str] = None
    at: str


class Event(BaseModel):
    """An event as the events table shows it: the machine's answer, and the analysts' correction."""
    id: str
    document: str
    local_id: str
    type: str = Field(..., description="PLOVER event type.")
    mode: Optional[str] = None
    status: str = Field(..., description="reported, denied, hypothetical, planned or background.")
    date: Optional[str] = Field(None, description="The event's own date; none when the text gives none.")
    date_end: Optional[str] = None
    published: Optional[str] = Field(None, description="The document's publication date.")
    url: Optional[str] = None
    title: str
    outlet: Optional[str] = None
    evidence: Optional[str] = None
    trigger: Optional[str] = None
    story: Optional[str] = None
    confidence: Optional[float] = None
    attributed_to: list[str] = []
    source_id: Optional[str] = None
    source: Optional[str] = None
    source_en: Optional[str] = None
    source_country: Optional[str] = None
    source_sector: Optional[str] = None
    target_id: Optional[str] = None
    target: Optional[str] = None
    target_en: Optional[str] = None
    target_country: Optional[str] = None
    target_sector: Optional[str] = None
    place_id: Optional[str] = None
    place: Optional[str] = None
    lat: Optional[float] = None
    lon: Optional[float] = None
    correction: Optional[Correction] = None


class FacetValue(BaseModel):
    value: str | float
    events: int


class EventsPage(Page):
    items: list[Event]
    sort: str = Field(..., description="The order of the items.")
    undated: int = Field(..., description="How many of the `total` events have no date of their own.")
    facets: Optional[dict[str, list[FacetValue]]] = Field(
        None, description="With facets=1: type, status, confidence (thresholds), country and outlet with their event counts.")


class SearchPage(Page):
    query: str


class Source(BaseModel):
    """A feed or sitemap `marsad watch` follows, as its last round left it."""
    url: str
    outlet: Optional[str] = None
    language: Optional[str] = None
    kind: Optional[str] = Field(None, description="rss, atom, rdf, sitemap or sitemapindex, once read.")
    etag: Optional[str] = None
    last_modified: Optional[str] = None
    last_round_at: Optional[str] = Field(None, description="When its last round ended (UTC).")
    last_success_at: Optional[str] = None
    last_failure_at: Optional[str] = None
    last_error: Optional[str] = Field(None, description="Why its last round failed; none when it went well.")
    last_items: int = Field(0, description="Article links it listed in its last round.")
    last_new: int = Field(0, description="New documents stored from it in its last round.")
    last_failed: int = Field(0, description="Its articles that failed in its last round.")
    total_new: int = Field(0, description="New documents stored from it in all rounds.")
    failures_in_a_row: int = 0


class SourcesPage(Page):
    items: list[Source]


class Corrections(BaseModel):
    event: str
    total: int
    items: list[Correction]


class Items(BaseModel):
    """A chart's data."""
    items: list[dict[str, Any]]


class Network(Items):
    total: int


# Every /api/ route may answer these; FastAPI's own 422 is replaced by Marsad's error shape.
ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorOut, "description": "A bad filter (a date that is not YYYY-MM-DD, a search with no words)."},
    404: {"model": ErrorOut, "description": "No such document, entity, story or event."},
    422: {"model": ErrorOut, "description": "A value outside its choices or its range."},
    503: {"model": ErrorOut, "description": "The store cannot answer now (damaged); see Retry-After."},
}


def documented(model: type[BaseModel]) -> dict[str, Any]:
    """Route arguments that describe the answer by `model` without validating it."""
    return {"response_model": None, "responses": {200: {"model": model, "description": "OK"}}}
