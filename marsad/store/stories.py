"""The store reads of the cross-document stages (marsad.corpus): the events stories are built
from, who says what in a story, disputed stories, and mentions of actors the knowledge base lacks."""
from __future__ import annotations

import datetime as dt
import json
import sqlite3

from marsad.corpus.stories import StoryEvent


def _as_date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def load_story_events(db: sqlite3.Connection) -> list[StoryEvent]:
    """Every stored event with its document's date and voice, ready for `build_stories`."""
    rows = db.execute(
        'SELECT e."id", e."document_id", e."type", e."mode", e."source_id", e."target_id", '
        'e."location_id", e."date_start", d."published", e."status", d."outlet", d."duplicate_of", '
        'd."seq", o."outlet", e."trigger", e."story_id", e."evidence" '
        'FROM "events" e JOIN "documents" d ON d."id" = e."document_id" '
        'LEFT JOIN "documents" o ON o."id" = d."duplicate_of" ORDER BY d."seq", e."id"')
    events = []
    for (eid, doc, etype, mode, source, target, location, start, published, status, outlet,
         duplicate_of, seq, original_outlet, trigger, story_id, evidence) in rows:
        # A copy speaks with its original's voice; a document of unknown outlet speaks alone.
        if duplicate_of:
            voice = original_outlet or "doc:" + duplicate_of
        else:
            voice = outlet or "doc:" + doc
        events.append(StoryEvent(
            id=eid, document_id=doc, type=etype, mode=mode, source=source, target=target,
            location=location, date=_as_date(start) or _as_date(published), published=published,
            status=status, voice=voice, seq=seq, trigger=trigger, story_id=story_id,
            evidence=evidence, stated=_as_date(start)))
    return events


_SIDE_SELECT = ('SELECT e."id", e."local_id", e."status", e."evidence", e."attributed_to", '
                'e."document_id", d."title", d."published", d."url", d."outlet", d."duplicate_of" '
                'FROM "events" e JOIN "documents" d ON d."id" = e."document_id" ')


def story_sides(db: sqlite3.Connection, story_id: str) -> list[dict]:
    """Who says what in a story: one entry per event, with its document, outlet and attributions."""
    rows = db.execute(_SIDE_SELECT + 'WHERE e."story_id" = ? ORDER BY d."seq", e."id"',
                      (story_id,)).fetchall()
    return _sides(db, rows)


def event_sides(db: sqlite3.Connection, event_ids: list[str]) -> list[dict]:
    """`story_sides` of the given events, in document order."""
    if not event_ids:
        return []
    marks = ", ".join("?" for _ in event_ids)
    rows = db.execute(_SIDE_SELECT + f'WHERE e."id" IN ({marks}) ORDER BY d."seq", e."id"',
                      tuple(event_ids)).fetchall()
    return _sides(db, rows)


def _sides(db: sqlite3.Connection, rows: list[tuple]) -> list[dict]:
    sides = []
    for (eid, local, status, evidence, attributed, doc, title, published, url, outlet,
         duplicate_of) in rows:
        ids = json.loads(attributed or "[]")
        says = []
        if ids:
            marks = ", ".join("?" for _ in ids)
            says = [r[0] for r in db.execute(
                f'SELECT "text" FROM "attributions" WHERE "document_id" = ? AND "local_id" IN ({marks}) '
                'ORDER BY "local_id"', (doc, *ids))]
        sides.append({"event": eid, "status": status, "document": doc, "title": title,
                      "published": published, "url": url, "outlet": outlet,
                      "duplicate_of": duplicate_of, "according_to": says, "evidence": evidence})
    return sides


def story_summaries(db: sqlite3.Connection, story_ids: list[str]) -> list[tuple]:
    """(id, type, mode, first date, documents, sources, source, target, place) of the given
    stories, oldest first."""
    if not story_ids:
        return []
    marks = ", ".join("?" for _ in story_ids)
    return db.execute(
        'SELECT s."id", s."type", s."mode", s."first_date", s."documents", s."sources", '
        'src."name", tgt."name", loc."name" FROM "stories" s '
        'LEFT JOIN "entities" src ON src."id" = s."source_id" '
        'LEFT JOIN "entities" tgt ON tgt."id" = s."target_id" '
        'LEFT JOIN "entities" loc ON loc."id" = s."location_id" '
        f'WHERE s."id" IN ({marks}) ORDER BY s."first_date", s."id"', tuple(story_ids)).fetchall()


def unlinked_mentions(db: sqlite3.Connection) -> sqlite3.Cursor:
    """(type, normalised name, name, country, sector, roles JSON, document) of every mention of a
    person or organisation the knowledge base does not link, by document."""
    return db.execute(
        'SELECT e."type", e."norm_name", m."name", m."country", m."sector", m."roles", '
        'm."document_id" FROM "mentions" m JOIN "entities" e ON e."id" = m."entity_id" '
        'WHERE e."type" IN (\'PERSON\', \'ORG\') AND e."kb" IS NULL ORDER BY m."document_id"')
