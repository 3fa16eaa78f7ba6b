"""Reading the store: events by filter, actor profiles, full-text search, stories."""
from __future__ import annotations

import datetime as dt
import json
import sqlite3
from dataclasses import dataclass
from typing import Any

from marsad.errors import BadQuery
from marsad.store.search import match_expression, snippet
from marsad.text.normalize import normalize

EVENT_COLUMNS = (
    'e."id", e."document_id", e."type", e."mode", e."status", e."date_start", e."date_end", '
    'd."published", d."url", d."title", e."evidence", e."story_id", e."confidence", '
    'src."name", src."name_en", src."country", src."sector", '
    'tgt."name", tgt."name_en", tgt."country", tgt."sector", '
    'loc."name", loc."lat", loc."lon"')
EVENT_JOINS = (
    'FROM "events" e JOIN "documents" d ON d."id" = e."document_id" '
    'LEFT JOIN "entities" src ON src."id" = e."source_id" '
    'LEFT JOIN "entities" tgt ON tgt."id" = e."target_id" '
    'LEFT JOIN "entities" loc ON loc."id" = e."location_id"')
EVENT_KEYS = ("id", "document", "type", "mode", "status", "date", "date_end", "published", "url",
              "title", "evidence", "story", "confidence", "source", "source_en", "source_country",
              "source_sector", "target", "target_en", "target_country", "target_sector", "place",
              "lat", "lon")


def check_date(value: str | None, option: str) -> str | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise BadQuery(option, f"{value!r} is not a date (YYYY-MM-DD)") from None


@dataclass
class EventFilter:
    type: str | None = None
    actor: str | None = None
    country: str | None = None
    place: str | None = None
    since: str | None = None
    until: str | None = None
    status: str | None = None
    limit: int | None = 100


def matching_entities(db: sqlite3.Connection, name: str) -> list[str]:
    """Entity ids whose normalised name, English name or KB id is `name`; else containing it."""
    norm = normalize(name).strip()
    exact = [r[0] for r in db.execute(
        'SELECT "id" FROM "entities" WHERE "norm_name" = ? OR lower("name_en") = lower(?) '
        'OR "kb" = ?', (norm, name.strip(), name.strip()))]
    if exact:
        return exact
    pattern = "%" + norm.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    return [r[0] for r in db.execute(
        'SELECT "id" FROM "entities" WHERE "norm_name" LIKE ? ESCAPE \'\\\'', (pattern,))]


EVENT_DATE = 'COALESCE(e."date_start", d."published")'


def event_where(db: sqlite3.Connection, f: EventFilter) -> tuple[str, list[Any]]:
    """The WHERE clause (with its parameters) of an event filter, over EVENT_JOINS."""
    where: list[str] = []
    params: list[Any] = []
    if f.type:
        where.append('e."type" = ?')
        params.append(f.type.upper())
    if f.status:
        where.append('e."status" = ?')
        params.append(f.status.lower())
    else:  # background (history recalled as context) only when asked for by its status
        where.append('e."status" != \'background\'')
    if f.actor:
        ids = matching_entities(db, f.actor)
        marks = ", ".join("?" for _ in ids) or "NULL"
        where.append(f'(e."source_id" IN ({marks}) OR e."target_id" IN ({marks}))')
        params += ids + ids
    if f.country:
        where.append('(src."country" = ? OR tgt."country" = ?)')
        params += [f.country.upper()] * 2
    if f.place:
        ids = matching_entities(db, f.place)
        marks = ", ".join("?" for _ in ids) or "NULL"
        where.append(f'e."location_id" IN ({marks})')
        params += ids
    if f.since:
        where.append(f"{EVENT_DATE} >= ?")
        params.append(check_date(f.since, "--since"))
    if f.until:
        where.append(f"{EVENT_DATE} <= ?")
        params.append(check_date(f.until, "--until"))
    return (" WHERE " + " AND ".join(where)) if where else "", params


def find_events(db: sqlite3.Connection, f: EventFilter) -> list[dict[str, Any]]:
    where, params = event_where(db, f)
    sql = f"SELECT {EVENT_COLUMNS} {EVENT_JOINS}{where}" + f' ORDER BY {EVENT_DATE}, d."seq", e."id"'
    if f.limit:
        sql += " LIMIT ?"
        params.append(f.limit)
    return [dict(zip(EVENT_KEYS, row)) for row in db.execute(sql, params)]


def actor_profile(db: sqlite3.Connection, name: str, limit: int = 50) -> dict[str, Any]:
    ids = matching_entities(db, name)
    if not ids:
        raise BadQuery(name, "no actor of that name in the store")
    marks = ", ".join("?" for _ in ids)
    entities = [dict(r) for r in db.execute(
        f'SELECT "id", "type", "name", "name_en", "kb", "country", "sector", "roles", "documents" '
        f'FROM "entities" WHERE "id" IN ({marks}) ORDER BY "documents" DESC', ids)]
    for entity in entities:
        entity["roles"] = json.loads(entity["roles"])

    def events(column: str) -> list[dict[str, Any]]:
        sql = (f'SELECT {EVENT_COLUMNS} {EVENT_JOINS} WHERE e."{column}" IN ({marks}) '
               'ORDER BY COALESCE(e."date_start", d."published"), e."id" LIMIT ?')
        return [dict(zip(EVENT_KEYS, row)) for row in db.execute(sql, (*ids, limit))]

    quotes = [dict(r) for r in db.execute(
        f'SELECT q."document_id" AS "document", d."published", q."text", q."direct", q."cue" '
        f'FROM "quotes" q JOIN "documents" d ON d."id" = q."document_id" '
        f'WHERE q."speaker_entity_id" IN ({marks}) ORDER BY d."published", q."id" LIMIT ?',
        (*ids, limit))]
    together = [dict(r) for r in db.execute(
        f'SELECT o."name", o."type", o."country", COUNT(DISTINCT m2."document_id") AS "documents" '
        f'FROM "mentions" m1 JOIN "mentions" m2 ON m2."document_id" = m1."document_id" '
        f'JOIN "entities" o ON o."id" = m2."entity_id" '
        f'WHERE m1."entity_id" IN ({marks}) AND m2."entity_id" NOT IN ({marks}) '
        f'GROUP BY o."id" ORDER BY "documents" DESC, o."name" LIMIT ?', (*ids, *ids, limit))]
    return {"query": name, "entities": entities, "as_source": events("source_id"),
            "as_target": events("target_id"), "quotes": quotes, "co_occurring": together}


def search(db: sqlite3.Connection, text: str, limit: int = 20) -> list[dict[str, Any]]:
    """Documents containing every word of `text` (normalised, clitics stripped), best first."""
    expression = match_expression(text)
    if not expression:
        raise BadQuery(text, "no words to search for")
    rows = db.execute(
        'SELECT d."id", d."title", d."published", d."url", d."text", bm25("search") AS "rank" '
        'FROM "search" JOIN "documents" d ON d."id" = "search"."document_id" '
        'WHERE "search" MATCH ? ORDER BY "rank", d."seq" LIMIT ?', (expression, limit))
    return [{"document": doc, "title": title, "published": published, "url": url,
             "snippet": snippet(body, text), "score": round(-rank, 3)}
            for doc, title, published, url, body, rank in rows]


def list_stories(db: sqlite3.Connection, *, type: str | None = None, min_documents: int = 1,
                 limit: int | None = 100) -> list[dict[str, Any]]:
    sql = ('SELECT s."id", s."type", s."mode", s."first_date", s."last_date", s."first_reported", '
           's."last_reported", s."events", s."documents", s."sources", s."statuses", s."disputed", '
           'src."name", src."country", tgt."name", tgt."country", loc."name" FROM "stories" s '
           'LEFT JOIN "entities" src ON src."id" = s."source_id" '
           'LEFT JOIN "entities" tgt ON tgt."id" = s."target_id" '
           'LEFT JOIN "entities" loc ON loc."id" = s."location_id" WHERE s."documents" >= ?')
    params: list[Any] = [min_documents]
    if type:
        sql += ' AND s."type" = ?'
        params.append(type.upper())
    sql += ' ORDER BY s."documents" DESC, s."first_date", s."id"'
    if limit:
        sql += " LIMIT ?"
        params.append(limit)
    keys = ("id", "type", "mode", "first_date", "last_date", "first_reported", "last_reported",
            "events", "documents", "sources", "statuses", "disputed", "source", "source_country",
            "target", "target_country", "place")
    stories = []
    for row in db.execute(sql, params):
        story = dict(zip(keys, row))
        story["statuses"] = json.loads(story["statuses"])
        story["disputed"] = bool(story["disputed"])
        stories.append(story)
    return stories
