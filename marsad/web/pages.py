"""The Arabic pages: server-rendered HTML (Jinja2, autoescaped), each with a JSON twin in /api/."""
from __future__ import annotations

from dataclasses import replace
from typing import Any, Optional
from urllib.parse import parse_qs, quote, urlencode, urlsplit

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from starlette.concurrency import run_in_threadpool

from marsad.errors import Unauthorised
from marsad.store import browse
from marsad.store.corrections import VERDICTS
from marsad.store.query import EventFilter
from marsad.web import charts, geo
from marsad.web.api import (MAX_COUNT, Limit, Offset, choice, event_filter, event_sort, found, read,
                            store_correction)
from marsad.web.dashboard import dashboard_of
from marsad.web.highlight import highlighted_text
from marsad.web.links import drill
from marsad.web.network import network_chart
from marsad.web.labels import ENTITY_TYPES, EVENT_TYPES, STATUSES

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)


def _pager(request: Request, total: int | None, limit: int, offset: int, shown: int) -> dict[str, Any]:
    """Links to the previous and next pages, keeping the other query parameters."""
    params = dict(request.query_params)

    def at(where: int) -> str:
        return request.url.path + "?" + urlencode({**params, "offset": where, "limit": limit})

    more = (offset + shown < total) if total is not None else shown >= limit
    return {"total": total, "from": offset + 1 if shown else 0, "to": offset + shown,
            "previous": at(max(0, offset - limit)) if offset > 0 else None,
            "next": at(offset + limit) if more else None}


def _sort_links(filters: dict[str, Any], sort: str) -> dict[str, dict[str, str]]:
    """For each sortable column: the link that sorts by it (reversing the current order) and an
    arrow on the current one."""
    from marsad.store.browse import EVENT_SORTS

    links = {}
    for column in EVENT_SORTS:
        current = sort.lstrip("-") == column
        descending = sort.startswith("-")
        wanted = (column if descending else "-" + column) if current else (
            "-" + column if column in ("date", "confidence") else column)
        links[column] = {"href": drill(filters, sort=wanted),
                         "arrow": ("▼" if descending else "▲") if current else ""}
    return links


def _twin(request: Request) -> str:
    """The API URL with the same data as this page."""
    return "/api" + request.url.path.rstrip("/") + (("?" + request.url.query) if request.url.query else "")


def _filters_of(f: EventFilter) -> dict[str, Any]:
    filters = {k: getattr(f, k) or "" for k in ("type", "actor", "country", "place", "since", "until",
                                                "status", "source", "target", "outlet")}
    filters["q"] = f.text or ""
    filters["story"] = f.story or ""
    filters["min_confidence"] = "" if f.min_confidence is None else f.min_confidence
    return filters


def _render(request: Request, template: str, **context: Any) -> HTMLResponse:
    return dashboard_of(request).page(template, request_path=request.url.path, twin=context.pop("twin", _twin(request)),
                                      event_types=EVENT_TYPES, statuses=STATUSES, **context)


@router.get("/")
def home(request: Request, f: EventFilter = Depends(event_filter), offset: int = Offset,
         sort: Optional[str] = Depends(event_sort)) -> HTMLResponse:
    q = f.text

    def run(db):
        results = browse.search_page(db, q, 6) if q else None
        events = browse.events_page(db, f, offset, sort)
        facets = browse.event_facets(db, f)
        counts = browse.totals(db)
        return results, events, facets, counts

    results, events, facets, counts = read(request, run)
    twin = "/api/events" + ("?" + request.url.query if request.url.query else "")
    filters = {**_filters_of(f), "sort": request.query_params.get("sort", ""),
               "limit": request.query_params.get("limit", "")}
    return _render(request, "index.html", q=q or "", results=results, events=events, facets=facets,
                   filters=filters, counts=tuple(counts), twin=twin, sort=events["sort"],
                   sorts=_sort_links(filters, events["sort"]), exports=_exports(request),
                   pager=_pager(request, events["total"], f.limit or 50, offset, len(events["items"])))


def _exports(request: Request) -> dict[str, str]:
    """The export links of a table: the same filters and order, every page."""
    params = [(k, v) for k, v in request.query_params.multi_items() if k not in ("offset", "limit")]
    query = ("?" + urlencode(params)) if params else ""
    return {fmt: f"/api/events.{fmt}{query}" for fmt in ("csv", "jsonl")}


@router.get("/documents")
def documents(request: Request, limit: int = Limit, offset: int = Offset) -> HTMLResponse:
    page = read(request, lambda db: browse.documents_page(db, limit, offset))
    return _render(request, "documents.html", page=page,
                   pager=_pager(request, page["total"], limit, offset, len(page["items"])))


@router.get("/documents/{document_id:path}")
def document(request: Request, document_id: str) -> HTMLResponse:
    found_doc = found(read(request, lambda db: browse.document(db, document_id)), "document", document_id)
    record = found_doc["record"]
    local_names = {e["id"]: e for e in record.get("entities") or []}
    attributions = {a["id"]: a for a in record.get("attributions") or []}
    return _render(request, "document.html", doc=found_doc, record=record,
                   article=highlighted_text(record, found_doc["entity_ids"]),
                   local_names=local_names, attributions=attributions,
                   entity_ids=found_doc["entity_ids"], story_ids=found_doc["story_ids"])


@router.get("/entities")
def entities(request: Request, limit: int = Limit, offset: int = Offset,
             type: Optional[str] = None, country: Optional[str] = None,
             name: Optional[str] = Query(None, max_length=200)) -> HTMLResponse:
    type = choice(type, ENTITY_TYPES, "type")
    page = read(request, lambda db: browse.entities_page(db, limit, offset, type=type,
                                                          country=country, name=name))
    return _render(request, "entities.html", page=page, name=name or "",
                   pager=_pager(request, page["total"], limit, offset, len(page["items"])))


@router.get("/entities/{entity_id}")
def entity(request: Request, entity_id: str) -> HTMLResponse:
    profile = found(read(request, lambda db: browse.entity_profile(db, entity_id)), "entity", entity_id)
    return _render(request, "entity.html", entity=profile)


@router.get("/timeline")
def timeline(request: Request, f: EventFilter = Depends(event_filter)) -> HTMLResponse:
    counts, undated = read(request, lambda db: (browse.timeline_counts(db, f),
                                                browse.events_page(db, replace(f, limit=1))["undated"]))
    # Dates the analyst chose are drawn whole; otherwise far tails are counted apart.
    chart = charts.timeline(counts, clip=not (f.since or f.until))
    return _render(request, "timeline.html", chart=chart, filters=_filters_of(f),
                   undated=undated)


@router.get("/network")
def network(request: Request, f: EventFilter = Depends(event_filter),
            edges: int = Query(200, ge=1, le=2000)) -> HTMLResponse:
    found = read(request, lambda db: browse.network_edges(db, f, limit=edges))
    return _render(request, "network.html", chart=network_chart(found), edges=found,
                   filters=_filters_of(f))


@router.get("/map")
def event_map(request: Request, f: EventFilter = Depends(event_filter)) -> HTMLResponse:
    points = read(request, lambda db: browse.map_points(db, f))
    return _render(request, "map.html", chart=geo.event_map(points), filters=_filters_of(f))


@router.get("/stories")
def stories(request: Request, limit: int = Limit, offset: int = Offset, type: Optional[str] = None,
            min_documents: int = Query(1, ge=1, le=MAX_COUNT)) -> HTMLResponse:
    type = choice(type, EVENT_TYPES, "type")
    page = read(request, lambda db: browse.stories_page(db, limit, offset, type=type,
                                                         min_documents=min_documents))
    return _render(request, "stories.html", items=page["items"], min_documents=min_documents,
                   pager=_pager(request, page["total"], limit, offset, len(page["items"])))


@router.get("/discover")
def discover(request: Request, limit: int = Limit, offset: int = Offset,
             min_documents: int = Query(1, ge=1, le=MAX_COUNT)) -> HTMLResponse:
    from marsad.web.api import discover as discover_api

    page = discover_api(request, limit, offset, min_documents)
    return _render(request, "discover.html", page=page, min_documents=min_documents,
                   pager=_pager(request, page["total"], limit, offset, len(page["items"])))


@router.get("/sources")
def sources(request: Request, limit: int = Limit, offset: int = Offset) -> HTMLResponse:
    from marsad.web.api import sources as sources_api

    page = sources_api(request, limit, offset)
    return _render(request, "sources.html", page=page,
                   pager=_pager(request, page["total"], limit, offset, len(page["items"])))


@router.get("/stories/{story_id}")
def story(request: Request, story_id: str) -> HTMLResponse:
    found_story = found(read(request, lambda db: browse.story(db, story_id)), "story", story_id)
    return _render(request, "story.html", story=found_story)


@router.get("/disputes")
def disputes(request: Request, limit: int = Limit, offset: int = Offset) -> HTMLResponse:
    page = read(request, lambda db: browse.disputes_page(db, limit, offset))
    return _render(request, "disputes.html", items=page["items"],
                   pager=_pager(request, page["total"], limit, offset, len(page["items"])))


@router.get("/events/{event_id:path}/correct")
def correct_form(request: Request, event_id: str, saved: int = 0) -> HTMLResponse:
    found_event = found(read(request, lambda db: browse.event(db, event_id)), "event", event_id)
    return _render(request, "correct.html", event=found_event, saved=bool(saved),
                   needs_token=bool(dashboard_of(request).token), verdicts=VERDICTS,
                   twin="/api/events/" + event_id + "/corrections")


@router.post("/events/{event_id:path}/correct")
async def correct(request: Request, event_id: str) -> RedirectResponse:
    """The correction form's write: token-protected like the API, refused from another site."""
    dashboard = dashboard_of(request)
    origin = request.headers.get("origin")
    if origin and origin != "null" and urlsplit(origin).netloc != request.url.netloc:
        raise Unauthorised(403, "a correction is accepted only from this dashboard's own pages")
    body = await dashboard.read_body(request)
    fields = {k: v[-1] for k, v in parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True).items()}
    dashboard.check_writer(request, fields.pop("token", None))
    await run_in_threadpool(store_correction, dashboard.db_path, event_id,
                            {k: v or None for k, v in fields.items()})
    return RedirectResponse("/events/" + quote(event_id, safe="/:") + "/correct?saved=1", status_code=303)
