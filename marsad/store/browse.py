"""Reads for the dashboard and its JSON API beyond marsad.store.query: pages, ids, totals, chart data."""
from __future__ import annotations

import json
import sqlite3
from typing import Any

from marsad.store.query import EVENT_DATE, EVENT_JOINS, EventFilter, event_where, matching_entities
from marsad.store.corrections import corrections_of
from marsad.store.stories import story_sides

# The event columns of marsad.store.query plus the corpus entity ids, so pages can link them.
EVENT_COLUMNS = (
    'e."id", e."document_id", e."local_id", e."type", e."mode", e."status", e."date_start", '
    'e."date_end", d."published", d."url", d."title", d."outlet", e."evidence", e."trigger", '
    'e."story_id", e."confidence", e."attributed_to", '
    'e."source_id", src."name", src."name_en", src."country", src."sector", '
    'e."target_id", tgt."name", tgt."name_en", tgt."country", tgt."sector", '
    'e."location_id", loc."name", loc."lat", loc."lon"')
EVENT_KEYS = ("id", "document", "local_id", "type", "mode", "status", "date", "date_end",
              "published", "url", "title", "outlet", "evidence", "trigger", "story", "confidence",
              "attributed_to", "source_id", "source", "source_en", "source_country",
              "source_sector", "target_id", "target", "target_en", "target_country",
              "target_sector", "place_id", "place", "lat", "lon")

# Event types drawn on the network: who consulted, accused or assaulted whom.
NETWORK_TYPES = ("CONSULT", "ACCUSE", "ASSAULT")


def _event(row: tuple) -> dict[str, Any]:
    event = dict(zip(EVENT_KEYS, row))
    event["attributed_to"] = json.loads(event["attributed_to"] or "[]")
    return event


def totals(db: sqlite3.Connection) -> tuple[int, int, int, int]:
    """How many documents, events, entities and stories the store holds."""
    return tuple(db.execute(
        'SELECT (SELECT COUNT(*) FROM "documents"), (SELECT COUNT(*) FROM "events"), '
        '(SELECT COUNT(*) FROM "entities"), (SELECT COUNT(*) FROM "stories")').fetchone())


# The columns an events table sorts by (`sort=type`, `sort=-date`); unknown or missing values
# sort last in either direction.
EVENT_SORTS = {
    "date": EVENT_DATE, "type": 'e."type"', "source": 'src."name"', "target": 'tgt."name"',
    "place": 'loc."name"', "status": 'e."status"', "confidence": 'e."confidence"',
    "outlet": 'd."outlet"', "document": 'd."title"',
}
DEFAULT_SORT = "-date"


def _order_by(sort: str | None) -> str:
    key = (sort or DEFAULT_SORT).lstrip("-")
    column = EVENT_SORTS[key]
    direction = "DESC" if (sort or DEFAULT_SORT).startswith("-") else "ASC"
    return (f'{column} IS NULL, {column} {direction}, d."seq" {direction}, e."id" {direction}')


def events_page(db: sqlite3.Connection, f: EventFilter, offset: int = 0,
                sort: str | None = None) -> dict[str, Any]:
    """One page of the events matching a filter (newest first unless `sort` says otherwise),
    with the total count and how many of them have no date of their own."""
    where, params = event_where(db, f)
    total, undated = db.execute(
        f'SELECT COUNT(*), COUNT(*) - COUNT(e."date_start") {EVENT_JOINS}{where}', params).fetchone()
    sql = (f"SELECT {EVENT_COLUMNS} {EVENT_JOINS}{where} ORDER BY {_order_by(sort)} LIMIT ? OFFSET ?")
    items = with_corrections(db, [_event(r) for r in db.execute(sql, [*params, f.limit or 100, offset])])
    return {"total": total, "limit": f.limit, "offset": offset, "sort": sort or DEFAULT_SORT,
            "undated": undated or 0, "items": items}


def all_events(db: sqlite3.Connection, f: EventFilter, sort: str | None = None):
    """Every event matching a filter, in the table's order (for exports of what is on screen)."""
    # A list, not a generator: the reader's connection is closed once the caller has it.
    where, params = event_where(db, f)
    sql = f"SELECT {EVENT_COLUMNS} {EVENT_JOINS}{where} ORDER BY {_order_by(sort)}"
    events = [_event(row) for row in db.execute(sql, params)]
    return with_corrections(db, events)


def with_corrections(db: sqlite3.Connection, events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each event with the analysts' correction in force, or None."""
    found = corrections_of(db, [e["id"] for e in events])
    for event in events:
        event["correction"] = found.get(event["id"])
    return events


def event_facets(db: sqlite3.Connection, f: EventFilter) -> dict[str, list[dict[str, Any]]]:
    """For each of type, status, country and outlet: its values with their event counts under the
    filter, that facet's own choice left out (so the other choices show what they would give)."""
    from dataclasses import replace

    def grouped(without: dict[str, Any], expression: str) -> list[dict[str, Any]]:
        where, params = event_where(db, replace(f, **without))
        rows = db.execute(f'SELECT {expression} AS "value", COUNT(*) AS "n" {EVENT_JOINS}{where} '
                          f'GROUP BY "value" HAVING "value" IS NOT NULL ORDER BY "n" DESC, "value"',
                          params)
        return [{"value": v, "events": n} for v, n in rows]

    def countries() -> list[dict[str, Any]]:
        where, params = event_where(db, replace(f, country=None))
        rows = db.execute(
            f'SELECT "c", COUNT(DISTINCT "id") AS "n" FROM ('
            f'SELECT e."id" AS "id", src."country" AS "c" {EVENT_JOINS}{where} UNION ALL '
            f'SELECT e."id", tgt."country" {EVENT_JOINS}{where}) WHERE "c" IS NOT NULL '
            f'GROUP BY "c" ORDER BY "n" DESC, "c"', [*params, *params])
        return [{"value": v, "events": n} for v, n in rows]

    # Background events are counted under status even when the filter leaves them out.
    where, params = event_where(db, replace(f, status="background"))
    background = db.execute(f"SELECT COUNT(*) {EVENT_JOINS}{where}", params).fetchone()[0]
    statuses = grouped({"status": None}, 'e."status"')
    if background and not any(s["value"] == "background" for s in statuses):
        statuses.append({"value": "background", "events": background})
    # Confidence as thresholds, each counting the events at or above it: what its link gives.
    where, params = event_where(db, replace(f, min_confidence=None))
    row = db.execute(f'SELECT {", ".join(f"SUM(e.confidence >= {t})" for t in CONFIDENCE_STEPS)} '
                     f'{EVENT_JOINS}{where}', params).fetchone()
    confidence = [{"value": t, "events": n or 0} for t, n in zip(CONFIDENCE_STEPS, row) if n]
    return {"type": grouped({"type": None}, 'e."type"'), "status": statuses, "confidence": confidence,
            "country": countries(), "outlet": grouped({"outlet": None}, 'd."outlet"')}


# The confidence thresholds a table offers. A confidence is the probability that the event's type
# and actors are right (nlp/event_confidence.py): on held-out annotated documents a third of all
# events are right, and of the 12% at 0.7 or more, half.
CONFIDENCE_STEPS = (0.7, 0.5, 0.3)


def search_page(db: sqlite3.Connection, text: str, limit: int, offset: int = 0) -> dict[str, Any]:
    """One page of full-text search results, best first, with the total."""
    from marsad.store.search import match_expression, snippet

    from marsad.errors import BadQuery

    expression = match_expression(text)
    if not expression:
        raise BadQuery(text, "no words to search for")
    total = db.execute('SELECT COUNT(*) FROM "search" WHERE "search" MATCH ?', (expression,)).fetchone()[0]
    rows = db.execute(
        'SELECT d."id", d."title", d."published", d."url", d."text", bm25("search") AS "rank" '
        'FROM "search" JOIN "documents" d ON d."id" = "search"."document_id" '
        'WHERE "search" MATCH ? ORDER BY "rank", d."seq" LIMIT ? OFFSET ?', (expression, limit, offset))
    items = [{"document": doc, "title": title, "published": published, "url": url,
              "snippet": snippet(body, text), "score": round(-rank, 3)}
             for doc, title, published, url, body, rank in rows]
    return {"query": text, "total": total, "limit": limit, "offset": offset, "items": items}


def stories_page(db: sqlite3.Connection, limit: int, offset: int, *, type: str | None = None,
                 min_documents: int = 1) -> dict[str, Any]:
    """One page of stories, most documents first, with the total and each story's headline
    (the title of its earliest document)."""
    from marsad.store.query import list_stories

    params: list[Any] = [min_documents]
    sql = 'SELECT COUNT(*) FROM "stories" s WHERE s."documents" >= ?'
    if type:
        sql += ' AND s."type" = ?'
        params.append(type.upper())
    total = db.execute(sql, params).fetchone()[0]
    items = list_stories(db, type=type, min_documents=min_documents, limit=limit + offset)[offset:]
    for item in items:
        item["headline"] = story_headline(db, item["id"])
    return {"total": total, "limit": limit, "offset": offset, "items": items}


def story_headline(db: sqlite3.Connection, story_id: str) -> str | None:
    row = db.execute('SELECT d."title" FROM "events" e JOIN "documents" d ON d."id" = e."document_id" '
                     'WHERE e."story_id" = ? ORDER BY d."published" IS NULL, d."published", d."seq" '
                     'LIMIT 1', (story_id,)).fetchone()
    return row[0] if row else None


def disputes_page(db: sqlite3.Connection, limit: int, offset: int) -> dict[str, Any]:
    """One page of disputes with the total (a story counts when both sides are found)."""
    from marsad.corpus.disputes import find_disputes

    every = find_disputes(db)
    return {"total": len(every), "limit": limit, "offset": offset, "items": every[offset:offset + limit]}


def event(db: sqlite3.Connection, event_id: str) -> dict[str, Any] | None:
    """One event with its correction in force, its corrections' history and the entities its
    document mentions (the choices a fix of its source or target has)."""
    from marsad.store.corrections import history

    row = db.execute(f'SELECT {EVENT_COLUMNS} {EVENT_JOINS} WHERE e."id" = ?', (event_id,)).fetchone()
    if row is None:
        return None
    found = with_corrections(db, [_event(row)])[0]
    found["history"] = history(db, event_id)
    found["entities"] = [dict(r) for r in db.execute(
        'SELECT DISTINCT en."id", en."name", en."name_en", en."type", en."country" FROM "mentions" m '
        'JOIN "entities" en ON en."id" = m."entity_id" WHERE m."document_id" = ? ORDER BY en."name"',
        (found["document"],))]
    return found


def documents_page(db: sqlite3.Connection, limit: int, offset: int) -> dict[str, Any]:
    """Documents, newest first."""
    total = db.execute('SELECT COUNT(*) FROM "documents"').fetchone()[0]
    rows = db.execute(
        'SELECT d."id", d."title", d."published", d."url", d."outlet", d."duplicate_of", '
        '(SELECT COUNT(*) FROM "events" e WHERE e."document_id" = d."id") AS "events", '
        '(SELECT COUNT(*) FROM "mentions" m WHERE m."document_id" = d."id") AS "entities" '
        'FROM "documents" d ORDER BY d."published" DESC, d."seq" DESC LIMIT ? OFFSET ?',
        (limit, offset))
    return {"total": total, "limit": limit, "offset": offset, "items": [dict(r) for r in rows]}


def document(db: sqlite3.Connection, document_id: str) -> dict[str, Any] | None:
    """A stored document: its record, and the corpus ids of its entities and its events' stories."""
    row = db.execute('SELECT "id", "source", "url", "outlet", "published", "duplicate_of", '
                     '"similarity", "ingested_at", "record" FROM "documents" WHERE "id" = ?',
                     (document_id,)).fetchone()
    if row is None:
        return None
    found = dict(row)
    found["record"] = json.loads(found["record"])
    found["entity_ids"] = {r[0]: r[1] for r in db.execute(
        'SELECT "local_id", "entity_id" FROM "mentions" WHERE "document_id" = ?', (document_id,))}
    found["story_ids"] = {r[0]: r[1] for r in db.execute(
        'SELECT "local_id", "story_id" FROM "events" WHERE "document_id" = ?', (document_id,))}
    return found


def entities_page(db: sqlite3.Connection, limit: int, offset: int, *, type: str | None = None,
                  country: str | None = None, name: str | None = None) -> dict[str, Any]:
    """Corpus entities, most documents first, optionally by type, country or name."""
    where: list[str] = []
    params: list[Any] = []
    if type:
        where.append('"type" = ?')
        params.append(type.upper())
    if country:
        where.append('"country" = ?')
        params.append(country.upper())
    if name:
        ids = matching_entities(db, name)
        where.append(f'"id" IN ({", ".join("?" for _ in ids) or "NULL"})')
        params += ids
    clause = (" WHERE " + " AND ".join(where)) if where else ""
    total = db.execute(f'SELECT COUNT(*) FROM "entities"{clause}', params).fetchone()[0]
    rows = db.execute(
        f'SELECT "id", "type", "name", "name_en", "kb", "country", "sector", "roles", "lat", "lon", '
        f'"documents" FROM "entities"{clause} ORDER BY "documents" DESC, "name", "id" '
        f'LIMIT ? OFFSET ?', [*params, limit, offset])
    items = []
    for r in rows:
        item = dict(r)
        item["roles"] = json.loads(item["roles"])
        items.append(item)
    return {"total": total, "limit": limit, "offset": offset, "items": items}


def entity_profile(db: sqlite3.Connection, entity_id: str, limit: int = 100) -> dict[str, Any] | None:
    """One corpus entity: its facts, events as source and target, quotes, who it is seen with."""
    row = db.execute(
        'SELECT "id", "type", "name", "name_en", "kb", "country", "sector", "roles", "lat", "lon", '
        '"documents" FROM "entities" WHERE "id" = ?', (entity_id,)).fetchone()
    if row is None:
        return None
    entity = dict(row)
    entity["roles"] = json.loads(entity["roles"])

    def events(column: str) -> list[dict[str, Any]]:
        sql = (f'SELECT {EVENT_COLUMNS} {EVENT_JOINS} WHERE e."{column}" = ? '
               f'ORDER BY {EVENT_DATE}, e."id" LIMIT ?')
        return with_corrections(db, [_event(r) for r in db.execute(sql, (entity_id, limit))])

    entity["as_source"] = events("source_id")
    entity["as_target"] = events("target_id")
    entity["at_place"] = events("location_id")
    entity["quotes"] = [dict(r) for r in db.execute(
        'SELECT q."document_id" AS "document", d."title", d."published", q."text", q."direct", '
        'q."cue" FROM "quotes" q JOIN "documents" d ON d."id" = q."document_id" '
        'WHERE q."speaker_entity_id" = ? ORDER BY d."published", q."id" LIMIT ?',
        (entity_id, limit))]
    entity["co_occurring"] = [dict(r) for r in db.execute(
        'SELECT o."id", o."name", o."name_en", o."type", o."country", '
        'COUNT(DISTINCT m2."document_id") AS "documents" '
        'FROM "mentions" m1 JOIN "mentions" m2 ON m2."document_id" = m1."document_id" '
        'JOIN "entities" o ON o."id" = m2."entity_id" '
        'WHERE m1."entity_id" = ? AND m2."entity_id" != ? '
        'GROUP BY o."id" ORDER BY "documents" DESC, o."name" LIMIT ?',
        (entity_id, entity_id, limit))]
    entity["in_documents"] = [dict(r) for r in db.execute(
        'SELECT d."id", d."title", d."published" FROM "mentions" m '
        'JOIN "documents" d ON d."id" = m."document_id" WHERE m."entity_id" = ? '
        'ORDER BY d."published" DESC, d."seq" DESC LIMIT ?', (entity_id, limit))]
    return entity


def story(db: sqlite3.Connection, story_id: str) -> dict[str, Any] | None:
    row = db.execute(
        'SELECT s.*, src."name" AS "source", tgt."name" AS "target", loc."name" AS "place" '
        'FROM "stories" s LEFT JOIN "entities" src ON src."id" = s."source_id" '
        'LEFT JOIN "entities" tgt ON tgt."id" = s."target_id" '
        'LEFT JOIN "entities" loc ON loc."id" = s."location_id" WHERE s."id" = ?',
        (story_id,)).fetchone()
    if row is None:
        return None
    found = dict(row)
    found["statuses"] = json.loads(found["statuses"])
    found["disputed"] = bool(found["disputed"])
    found["sides"] = story_sides(db, story_id)
    found["headline"] = story_headline(db, story_id)
    return found


def timeline_counts(db: sqlite3.Connection, f: EventFilter) -> list[dict[str, Any]]:
    """Events per day and type, for the days that have any."""
    where, params = event_where(db, f)
    day = f"{EVENT_DATE}"
    clause = where + (" AND " if where else " WHERE ") + f"{day} IS NOT NULL"
    rows = db.execute(f'SELECT {day} AS "day", e."type", COUNT(*) {EVENT_JOINS}{clause} '
                      f'GROUP BY "day", e."type" ORDER BY "day", e."type"', params)
    return [{"day": d, "type": t, "events": n} for d, t, n in rows]


def network_edges(db: sqlite3.Connection, f: EventFilter | None = None,
                  types: tuple[str, ...] = NETWORK_TYPES, limit: int = 200) -> list[dict[str, Any]]:
    """Directed edges between entities, one per (source, target, type), most events first: the
    events of `types` (or of the filter's type) that the filter finds."""
    from dataclasses import replace

    f = replace(f or EventFilter(), limit=None)
    where, params = event_where(db, f)
    clause = where + (" AND " if where else " WHERE ") + 'e."source_id" != e."target_id"'
    if not f.type:
        clause += f' AND e."type" IN ({", ".join("?" for _ in types)})'
        params = [*params, *types]
    rows = db.execute(
        f'SELECT e."source_id", src."name", src."type", e."target_id", tgt."name", tgt."type", '
        f'e."type", COUNT(*) AS "n" {EVENT_JOINS}{clause} AND src."id" IS NOT NULL AND tgt."id" IS NOT NULL '
        f'GROUP BY e."source_id", e."target_id", e."type" ORDER BY "n" DESC, e."source_id" LIMIT ?',
        (*params, limit))
    return [{"source": s, "source_name": sn, "source_type": st, "target": t, "target_name": tn,
             "target_type": tt, "type": et, "events": n} for s, sn, st, t, tn, tt, et, n in rows]


def map_points(db: sqlite3.Connection, f: EventFilter, limit: int = 500) -> list[dict[str, Any]]:
    """Places with coordinates where events happened, with their event counts by type."""
    where, params = event_where(db, f)
    clause = where + (" AND " if where else " WHERE ") + 'loc."lat" IS NOT NULL'
    rows = db.execute(
        f'SELECT e."location_id", loc."name", loc."lat", loc."lon", loc."kb", loc."country", '
        f'e."type", COUNT(*) {EVENT_JOINS}{clause} GROUP BY e."location_id", e."type" '
        f'ORDER BY e."location_id"', params).fetchall()
    places: dict[str, dict[str, Any]] = {}
    for pid, name, lat, lon, kb, country, etype, n in rows:
        place = places.setdefault(pid, {"id": pid, "name": name, "lat": lat, "lon": lon, "kb": kb,
                                        "country": country, "events": 0, "types": {}})
        place["events"] += n
        place["types"][etype] = n
    ranked = sorted(places.values(), key=lambda p: (-p["events"], p["id"]))
    return ranked[:limit]
