"""The JSON API under /api/: every dashboard page's data, and analysing a posted document."""
from __future__ import annotations

import json
import threading
from typing import Any, Callable, Iterable, Optional
from urllib.parse import quote

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from marsad import settings
from marsad.errors import BadChoice, IdConflict, InputError, InputTooLarge, MalformedBody
from marsad.store import browse
from marsad.store.corrections import VERDICTS, add_correction, annotation_records, history
from marsad.store.db import Store
from marsad.store.browse import EVENT_SORTS
from marsad.store.query import EventFilter, check_date
from marsad.web.dashboard import dashboard_of
from marsad.web.export import ExportFormat, export_response
from marsad.web.workers import posted_source
from marsad.web.schemas import (ERROR_RESPONSES, Corrections, EventsPage, Items, Network, Page, SearchPage,
                                SourcesPage, documented)
from marsad.web.labels import ENTITY_TYPES, EVENT_TYPES, STATUSES

router = APIRouter(prefix="/api", responses=ERROR_RESPONSES)

# The store has one writer.
_WRITE_LOCK = threading.Lock()

# The largest count a filter takes: more than any store holds, less than SQLite's integers.
MAX_COUNT = 1_000_000_000
Limit = Query(50, ge=1, le=500, description="Items per page.")
Offset = Query(0, ge=0, le=10_000_000, description="Items to skip.")


class DocumentIn(BaseModel):
    """A document to analyse: plain text or an HTML page, with what is known of it (the fields
    of a `marsad batch` line; fields not listed here are kept in the record's `meta`)."""
    text: Optional[str] = Field(None, description="A plain-text page: title, blank line, body; "
                                                  "with `title`, the body alone. One paragraph is enough.")
    html: Optional[str] = Field(None, description="An HTML page (its main text is extracted).")
    title: Optional[str] = Field(None, description="The headline, when known.")
    url: Optional[str] = Field(None, description="Where the document came from.")
    published: Optional[str] = Field(None, description="Publication date: ISO 8601, RFC 822 or an "
                                                       "Arabic date; also read from `time`, `date`, `pubDate`.")
    outlet: Optional[str] = Field(None, description="Who published it (also `source`); else the URL's host.")
    abstract: Optional[str] = Field(None, description="The standfirst, kept as the record's `lead`.")
    id: Optional[str] = Field(None, description="The caller's id (at most 512 characters); else a content hash.")


def choice(value: Optional[str], choices: Iterable[str], name: str) -> Optional[str]:
    """`value` as its list spells it (any case), or BadChoice naming the list; empty is none."""
    if value is None or not value.strip():
        return None
    spelled = {c.lower(): c for c in choices}
    if value.strip().lower() not in spelled:
        raise BadChoice(name, f"{value!r} is not one of {', '.join(spelled.values())}")
    return spelled[value.strip().lower()]


def web_date(value: Optional[str], name: str) -> Optional[str]:
    """A YYYY-MM-DD parameter checked here, so the error names the parameter, not a CLI option."""
    if value is None or not value.strip():
        return None
    return check_date(value.strip(), name)


def event_filter(
    type: Optional[str] = Query(None, description="PLOVER event type.",
                                json_schema_extra={"enum": list(EVENT_TYPES)}),
    actor: Optional[str] = Query(None, description="Source or target: any spelling, English name, KB id or entity id."),
    country: Optional[str] = Query(None, description="Source or target country, ISO 3166 alpha-3."),
    place: Optional[str] = Query(None, description="Where it happened."),
    since: Optional[str] = Query(None, description="From this date, YYYY-MM-DD."),
    until: Optional[str] = Query(None, description="Until this date, YYYY-MM-DD."),
    status: Optional[str] = Query(None, description="Background events are left out unless asked for.",
                                  json_schema_extra={"enum": list(STATUSES)}),
    source: Optional[str] = Query(None, description="The source alone (a dyad with `target`)."),
    target: Optional[str] = Query(None, description="The target alone."),
    outlet: Optional[str] = Query(None, description="Who published the document."),
    q: Optional[str] = Query(None, max_length=500, description="Only events of documents a full-text search finds."),
    story: Optional[str] = Query(None, max_length=200, description="Only the events of this story."),
    min_confidence: Optional[float] = Query(None, ge=0, le=1, description=(
        "Only events at least this likely to have their type, source and target right "
        "(an event's confidence is that probability).")),
    limit: int = Limit,
) -> EventFilter:
    return EventFilter(type=choice(type, EVENT_TYPES, "type"), actor=actor or None,
                       country=country or None, place=place or None,
                       since=web_date(since, "since"), until=web_date(until, "until"),
                       status=choice(status, STATUSES, "status"), source=source or None,
                       target=target or None, outlet=outlet or None,
                       text=q if q and q.strip() else None, story=story or None,
                       min_confidence=min_confidence, limit=limit)


Sort = Query(None, description="The column to sort by, `-` first for descending; default `-date` (newest first).",
             json_schema_extra={"enum": [p + k for k in EVENT_SORTS for p in ("", "-")]})


def event_sort(sort: Optional[str] = Sort) -> Optional[str]:
    if sort is None or not sort.strip():
        return None
    key = sort.strip()
    if key.lstrip("-") not in EVENT_SORTS:
        raise BadChoice("sort", f"{sort!r} is not one of {', '.join(EVENT_SORTS)} (with - for descending)")
    return key


def read(request: Request, query: Callable[[Any], Any]) -> Any:
    """Run `query` on a read-only connection opened and closed in this thread."""
    with dashboard_of(request).reader() as store:
        return query(store.db)


def found(value: Any, what: str, key: str) -> Any:
    if value is None:
        raise HTTPException(404, f"no {what} with id {key!r}")
    return value


@router.get("/documents", summary="Documents, newest first", **documented(Page))
def documents(request: Request, limit: int = Limit, offset: int = Offset) -> dict:
    return read(request, lambda db: browse.documents_page(db, limit, offset))


@router.get("/documents/{document_id:path}", summary="One document: its record and corpus links")
def document(request: Request, document_id: str) -> dict:
    return found(read(request, lambda db: browse.document(db, document_id)), "document", document_id)


@router.get("/entities", summary="Corpus entities, most documents first", **documented(Page))
def entities(request: Request, limit: int = Limit, offset: int = Offset,
             type: Optional[str] = Query(None, description="Entity type.",
                                         json_schema_extra={"enum": list(ENTITY_TYPES)}),
             country: Optional[str] = Query(None, description="ISO 3166 alpha-3."),
             name: Optional[str] = Query(None, description="Any spelling, English name or KB id.")) -> dict:
    type = choice(type, ENTITY_TYPES, "type")
    return read(request, lambda db: browse.entities_page(db, limit, offset, type=type,
                                                          country=country or None, name=name or None))


@router.get("/entities/{entity_id}", summary="One entity: events as source and target, quotes, company")
def entity(request: Request, entity_id: str) -> dict:
    return found(read(request, lambda db: browse.entity_profile(db, entity_id)), "entity", entity_id)


@router.get("/events", summary="Events by filter, newest first (see `sort`)", **documented(EventsPage))
def events(request: Request, f: EventFilter = Depends(event_filter), offset: int = Offset,
           sort: Optional[str] = Depends(event_sort),
           facets: bool = Query(False, description="Also count the events by type, status, country and outlet.")) -> dict:
    def run(db):
        page = browse.events_page(db, f, offset, sort)
        if facets:
            page["facets"] = browse.event_facets(db, f)
        return page

    return read(request, run)


@router.get("/events.{fmt}", summary="Every event the filter finds, as CSV or JSON Lines (the table's export)",
            response_class=Response,
            responses={200: {"content": {"text/csv": {}, "application/x-ndjson": {}}}})
def events_export(request: Request, fmt: ExportFormat, f: EventFilter = Depends(event_filter),
                  sort: Optional[str] = Depends(event_sort)) -> Response:
    return export_response(dashboard_of(request), f, sort, fmt.value)


@router.get("/stories", summary="Stories: one real event reported by several documents",
            **documented(Page))
def stories(request: Request, limit: int = Limit, offset: int = Offset,
            type: Optional[str] = Query(None, description="PLOVER event type.",
                                        json_schema_extra={"enum": list(EVENT_TYPES)}),
            min_documents: int = Query(1, ge=1, le=MAX_COUNT, description="Only stories with this many documents.")) -> dict:
    type = choice(type, EVENT_TYPES, "type")
    return read(request, lambda db: browse.stories_page(db, limit, offset, type=type,
                                                         min_documents=min_documents))


@router.get("/stories/{story_id}", summary="One story with who says what")
def story(request: Request, story_id: str) -> dict:
    return found(read(request, lambda db: browse.story(db, story_id)), "story", story_id)


@router.get("/disputes", summary="Stories that one source reports and another denies",
            **documented(Page))
def disputes(request: Request, limit: int = Limit, offset: int = Offset) -> dict:
    return read(request, lambda db: browse.disputes_page(db, limit, offset))


@router.get("/search", summary="Full-text search with Arabic snippets", **documented(SearchPage))
def search_documents(request: Request, q: str = Query(..., min_length=1, max_length=500),
                     limit: int = Query(20, ge=1, le=500, description="Items per page."),
                     offset: int = Offset) -> dict:
    return read(request, lambda db: browse.search_page(db, q, limit, offset))


@router.get("/discover", summary="People and organisations with titles that the knowledge base does not know",
            **documented(Page))
def discover(request: Request, limit: int = Limit, offset: int = Offset,
             min_documents: int = Query(1, ge=1, le=MAX_COUNT, description="Seen in at least this many documents.")) -> dict:
    from marsad.corpus.discovery import discover_actors

    every = read(request, lambda db: discover_actors(db, min_documents))
    return {"total": len(every), "limit": limit, "offset": offset, "items": every[offset:offset + limit]}


@router.get("/sources", summary="The feeds and sitemaps `marsad watch` follows: last round, new articles, errors",
            **documented(SourcesPage))
def sources(request: Request, limit: int = Limit, offset: int = Offset) -> dict:
    from dataclasses import asdict

    from marsad.watch import feed_states

    every = feed_states(dashboard_of(request).db_path)
    return {"total": len(every), "limit": limit, "offset": offset,
            "items": [asdict(state) for state in every[offset:offset + limit]]}


@router.get("/timeline", summary="Events per day and type (the /timeline chart's data)",
            **documented(Items))
def timeline(request: Request, f: EventFilter = Depends(event_filter)) -> dict:
    return {"items": read(request, lambda db: browse.timeline_counts(db, f))}


@router.get("/network", summary="Who consulted, accused or assaulted whom (the /network chart's data)",
            **documented(Network))
def network(request: Request, f: EventFilter = Depends(event_filter),
            edges: int = Query(200, ge=1, le=2000, description="The most edges.")) -> dict:
    items = read(request, lambda db: browse.network_edges(db, f, limit=edges))
    return {"total": len(items), "items": items}


@router.get("/map", summary="Event places with coordinates (the /map chart's data)", **documented(Items))
def event_map(request: Request, f: EventFilter = Depends(event_filter)) -> dict:
    return {"items": read(request, lambda db: browse.map_points(db, f))}


class CorrectionIn(BaseModel):
    """An analyst's verdict on one of the machine's events."""
    verdict: str = Field(..., description="confirmed, wrong or fixed.", json_schema_extra={"enum": list(VERDICTS)})
    type: Optional[str] = Field(None, description="With `fixed`: the right PLOVER type.")
    source: Optional[str] = Field(None, description="With `fixed`: the right source, an entity id the document mentions.")
    target: Optional[str] = Field(None, description="With `fixed`: the right target, an entity id the document mentions.")
    note: Optional[str] = Field(None, description="Why (at most 2,000 characters).")
    by: Optional[str] = Field(None, description="Who corrects (at most 200 characters).")


@router.post("/events/{event_id:path}/corrections", status_code=201,
             summary="Correct an event: confirm it, mark it wrong, or fix its type, source or target",
             response_description="The correction as stored (the machine's record is kept as it was)",
             openapi_extra={"requestBody": {"required": True, "content": {
                 "application/json": {"schema": CorrectionIn.model_json_schema()}}}})
async def correct_event(request: Request, event_id: str):
    dashboard = dashboard_of(request)
    dashboard.check_writer(request)
    body = await dashboard.read_body(request)
    try:
        fields = json.loads(body)
    except (ValueError, RecursionError):
        raise MalformedBody("request body", "not a JSON object {verdict, type?, source?, target?, note?, by?}") from None
    if not isinstance(fields, dict) or not all(isinstance(v, (str, type(None))) for v in fields.values()):
        raise InputError("request body", "not a JSON object of strings {verdict, type?, source?, target?, note?, by?}")
    correction = await run_in_threadpool(store_correction, dashboard.db_path, event_id, fields)
    return JSONResponse(correction, status_code=201)


def store_correction(db_path, event_id: str, fields: dict[str, Any]) -> dict[str, Any]:
    """Write one correction through the store's one writer."""
    with _WRITE_LOCK, Store(db_path) as writer, writer.transaction() as db:
        return add_correction(db, event_id, fields.get("verdict") or "", type=fields.get("type"),
                              source=fields.get("source"), target=fields.get("target"),
                              note=fields.get("note"), by=fields.get("by"))


@router.get("/events/{event_id:path}/corrections", summary="An event's corrections, oldest first",
            **documented(Corrections))
def event_corrections(request: Request, event_id: str) -> dict:
    items = read(request, lambda db: history(db, event_id))
    return {"event": event_id, "total": len(items), "items": items}


@router.get("/corrections.jsonl", summary="Corrected events as annotation records (annotations/events format)",
            response_class=Response, responses={200: {"content": {"application/x-ndjson": {}}}})
def corrections_export(request: Request) -> Response:
    records = read(request, lambda db: list(annotation_records(db)))
    return Response("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records),
                    media_type="application/x-ndjson; charset=utf-8",
                    headers={"Content-Disposition": 'attachment; filename="marsad-corrections.jsonl"'})


@router.post(
    "/analyze", summary="Analyse a posted document; ?store=1 also stores it",
    response_description="The analysis record (SCHEMA.md); 409 when ?store=1 meets its id "
                         "stored with another text and ?replace=1 is not given",
    openapi_extra={"requestBody": {"required": True, "content": {
        "application/json": {"schema": DocumentIn.model_json_schema()}}}})
async def analyze(request: Request, store: bool = Query(False, description="Also add it to the store."),
                  replace: bool = Query(False, description="With store=1: replace a document stored "
                                                           "under the same id with another text "
                                                           "(the old version is kept).")):
    dashboard = dashboard_of(request)
    dashboard.check_writer(request)
    body = await dashboard.read_body(request)
    # Parsed in a thread: a 10 MB body takes the event loop's time otherwise.
    posted = await run_in_threadpool(_posted_document, body)
    # Analysed in a worker process (marsad.web.workers): reads go on meanwhile; a full queue
    # is answered 503 at once.
    record = await dashboard.analyses.analyse(posted, dashboard.time_limit_s)
    if not store:
        return JSONResponse(record)
    try:
        status, document_id = await run_in_threadpool(_store, dashboard.db_path, record, replace)
    except IdConflict as conflict:
        return JSONResponse({"error": str(conflict), "status": 409, "id": conflict.document_id,
                             "stored": conflict.stored_hash, "new": conflict.new_hash},
                            status_code=409)
    return JSONResponse(record, status_code=201 if status == "new" else 200,
                        headers={"Location": "/api/documents/" + quote(document_id, safe=":"),
                                 "X-Marsad-Stored": status})


def _posted_document(body: bytes) -> dict[str, Any]:
    """The posted JSON object with its fields checked as a batch line's are (errors name the field)."""
    from marsad.ingest.fields import check_id, item_body

    try:
        posted = json.loads(body)
    except RecursionError:
        raise MalformedBody("request body", "JSON nested too deep") from None
    except ValueError as error:
        raise MalformedBody("request body", f"not a JSON document {{text|html, title?, url?, published?}} "
                                            f"({type(error).__name__})") from None
    if not isinstance(posted, dict):
        raise InputError("request body", "not a JSON object {text|html, title?, url?, published?}")
    source = "request body"
    posted["id"] = check_id(posted.get("id"), source, required=False)
    body, _ = item_body(posted, source)
    # Checked here, before the document takes a place in the workers' queue.
    size = len(body.encode("utf-8", "replace"))
    if size > settings.MAX_DOCUMENT_BYTES:
        raise InputTooLarge(posted_source(posted),
                            f"{size:,} bytes is over the limit of {settings.MAX_DOCUMENT_BYTES:,}")
    return posted


# Each write opens its own writer (SQLite connections stay in their thread), but the
# near-duplicate index is carried from one write to the next: rebuilding it from every stored
# document made each write slower as the store grew (130 ms at 800 documents).
_DUPLICATE_STATE: dict[str, tuple] = {}


def _store(db_path, record: dict, replace: bool = False) -> tuple[str, str]:
    with _WRITE_LOCK, Store(db_path) as writer:
        writer.resume_duplicates(_DUPLICATE_STATE.get(str(db_path), ()))
        status, document_id = writer.add_record(record, "api:" + (record.get("url") or record["id"]),
                                                replace=replace)
        _DUPLICATE_STATE[str(db_path)] = writer.duplicate_state()
        if writer.stories_stale():
            writer.rebuild_stories()
        return status, document_id
