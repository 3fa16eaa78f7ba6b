"""Reading the store: events by filter, actor profiles, full-text search, stories."""
from __future__ import annotations

import datetime as dt
import json
import re
import sqlite3
from dataclasses import dataclass
from functools import lru_cache
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
    source: str | None = None  # the dyad's source alone (any spelling, English name or entity id)
    target: str | None = None
    outlet: str | None = None
    text: str | None = None  # only events of the documents a full-text search finds
    story: str | None = None
    min_confidence: float | None = None


def matching_entities(db: sqlite3.Connection, name: str) -> list[str]:
    """Entity ids whose normalised name, English name or KB id is `name`, or that the knowledge
    base knows as the same actor (any spelling, variant or English name); else containing it."""
    norm = normalize(name).strip()
    exact = [r[0] for r in db.execute(
        'SELECT "id" FROM "entities" WHERE "norm_name" = ? OR lower("name_en") = lower(?) '
        'OR "kb" = ?', (norm, name.strip(), name.strip()))]
    kb_ids, names, names_en = known_spellings(name)
    if kb_ids or names or names_en:
        kb_marks = ", ".join("?" for _ in kb_ids) or "NULL"
        name_marks = ", ".join("?" for _ in names) or "NULL"
        en_marks = ", ".join("?" for _ in names_en) or "NULL"
        exact += [r[0] for r in db.execute(
            f'SELECT "id" FROM "entities" WHERE "kb" IN ({kb_marks}) OR "norm_name" IN ({name_marks}) '
            f'OR lower("name_en") IN ({en_marks})', [*kb_ids, *names, *names_en])
            if r[0] not in exact]
    if exact:
        return exact
    pattern = "%" + norm.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    return [r[0] for r in db.execute(
        'SELECT "id" FROM "entities" WHERE "norm_name" LIKE ? ESCAPE \'\\\'', (pattern,))]


# A pure function of a query's name over the shipped knowledge base (read once, by the Lexicon),
# remembered because the dashboard asks for the same names again and again.
@lru_cache(maxsize=512)
def known_spellings(name: str) -> tuple[list[str], list[str], list[str]]:
    """The KB ids, normalised Arabic names and lower-case English names of the knowledge-base
    actors that `name` names: one of their spellings (ترمب for ترامب), their English name or
    a word of it (Trump), or their id. A store's entity may carry any of these: the KB id when
    it was linked, only its spelling when it was not."""
    from marsad.kb.actors import key_of
    from marsad.lexicon.lexicon import load_lexicon

    base = load_lexicon().actors
    wanted = name.strip()
    if not wanted:
        return [], [], []
    query_words = [w for w in re.split(r"\W+", wanted.lower()) if w]
    found = {s.actor for s in base.surfaces.get(key_of(wanted), ()) if s.kind == "name"}
    for actor in base.actors.values():
        english = (actor.name_en or "").lower()
        if actor.id == wanted or (actor.kb and actor.kb == wanted) or (english and english == wanted.lower()):
            found.add(actor.id)
    # Articles and particles (al-, bin) say nothing of who is meant.
    significant = {w for w in query_words if len(w) >= 3}
    if not found and significant:
        # A person is often named by a part of their English name (Trump, Khamenei); an
        # organisation's words ("Iraq" in "Ministry of Oil of Iraq") say nothing of which one.
        for actor in base.actors.values():
            english = (actor.name_en or "").lower()
            if actor.type == "PERSON" and english and significant <= set(re.split(r"\W+", english)):
                found.add(actor.id)
    spellings = _actor_spellings(base)
    kb_ids = sorted({base.actors[a].kb for a in found if base.actors[a].kb})
    names = sorted({n for a in found for n in spellings.get(a, ())})
    names_en = sorted({base.actors[a].name_en.lower() for a in found if base.actors[a].name_en})
    return kb_ids, names, names_en  # lists, cached: callers only read them


_SPELLINGS: dict[int, dict[str, set[str]]] = {}


def _actor_spellings(base) -> dict[str, set[str]]:
    """Actor id -> its names as normalised strings (the `norm_name` an entity would have)."""
    if id(base) not in _SPELLINGS:
        spellings: dict[str, set[str]] = {}
        for key, surfaces in base.surfaces.items():
            for surface in surfaces:
                if surface.kind == "name":
                    spellings.setdefault(surface.actor, set()).add(" ".join(key))
        for actor in base.actors.values():
            spellings.setdefault(actor.id, set()).add(normalize(actor.name).strip())
        _SPELLINGS.clear()
        _SPELLINGS[id(base)] = spellings
    return _SPELLINGS[id(base)]


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
    elif not f.story:  # background (history recalled as context) only when asked for by its
        # status, or with the one story it belongs to, whose every report a reader wants to see
        where.append('e."status" != \'background\'')
    if f.actor:
        ids = _entity_ids(db, f.actor)
        marks = ", ".join("?" for _ in ids) or "NULL"
        where.append(f'(e."source_id" IN ({marks}) OR e."target_id" IN ({marks}))')
        params += ids + ids
    if f.country:
        where.append('(src."country" = ? OR tgt."country" = ?)')
        params += [f.country.upper()] * 2
    if f.place:
        ids = _entity_ids(db, f.place)
        marks = ", ".join("?" for _ in ids) or "NULL"
        where.append(f'e."location_id" IN ({marks})')
        params += ids
    for side, wanted in (("source_id", f.source), ("target_id", f.target)):
        if wanted:
            ids = _entity_ids(db, wanted)
            where.append(f'e."{side}" IN ({", ".join("?" for _ in ids) or "NULL"})')
            params += ids
    if f.min_confidence is not None:
        where.append('e."confidence" >= ?')
        params.append(f.min_confidence)
    if f.story:
        where.append('e."story_id" = ?')
        params.append(f.story)
    if f.outlet:
        where.append('d."outlet" = ?')
        params.append(f.outlet)
    if f.text and f.text.strip():
        expression = match_expression(f.text)
        if not expression:
            raise BadQuery(f.text, "no words to search for")
        where.append('e."document_id" IN (SELECT "document_id" FROM "search" WHERE "search" MATCH ?)')
        params.append(expression)
    if f.since:
        where.append(f"{EVENT_DATE} >= ?")
        params.append(check_date(f.since, "--since"))
    if f.until:
        where.append(f"{EVENT_DATE} <= ?")
        params.append(check_date(f.until, "--until"))
    return (" WHERE " + " AND ".join(where)) if where else "", params


def _entity_ids(db: sqlite3.Connection, wanted: str) -> list[str]:
    """An entity id as given (a link from a chart names the entity), else the names it matches."""
    if db.execute('SELECT 1 FROM "entities" WHERE "id" = ?', (wanted,)).fetchone():
        return [wanted]
    return matching_entities(db, wanted)


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
