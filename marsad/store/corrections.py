"""Analysts' corrections of the machine's events: written beside the record, read with the events,
and given back as annotation records in the team's stand-off format (annotations/events)."""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import sqlite3
from typing import Any, Iterator

from marsad.errors import BadChoice, BadQuery, UnknownEvent

VERDICTS = ("confirmed", "wrong", "fixed")
EVENT_TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
               "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")
# The corpus name the annotation records give the store's own documents.
STORE_CORPUS = "marsad-store"


def _has_table(db: sqlite3.Connection) -> bool:
    # A store made before migration 4 and opened read-only has no corrections yet.
    return db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'corrections'").fetchone() is not None


def add_correction(db: sqlite3.Connection, event_id: str, verdict: str, *, type: str | None = None,
                   source: str | None = None, target: str | None = None, note: str | None = None,
                   by: str | None = None) -> dict[str, Any]:
    """Record a verdict on an event (a writer's connection, in a transaction). A fixed source or
    target is an entity the event's document mentions, so that it has spans to train on."""
    row = db.execute('SELECT "document_id" FROM "events" WHERE "id" = ?', (event_id,)).fetchone()
    if row is None:
        raise UnknownEvent(event_id, "no event with this id")
    document_id = row[0]
    verdict = (verdict or "").strip().lower()
    if verdict not in VERDICTS:
        raise BadChoice("verdict", f"{verdict!r} is not one of {', '.join(VERDICTS)}")
    if type:
        type = type.strip().upper()
        if type not in EVENT_TYPES:
            raise BadChoice("type", f"{type!r} is not one of {', '.join(EVENT_TYPES)}")
    fixes = {"type": type or None}
    for side, wanted in (("source", source), ("target", target)):
        fixes[side] = None
        if wanted:
            mentioned = db.execute('SELECT 1 FROM "mentions" WHERE "document_id" = ? AND "entity_id" = ?',
                                   (document_id, wanted.strip())).fetchone()
            if not mentioned:
                raise BadQuery(side, f"{wanted!r} is not an entity that document {document_id} mentions")
            fixes[side] = wanted.strip()
    if verdict == "fixed" and not any(fixes.values()):
        raise BadQuery("verdict", "a fix names the right type, source or target")
    if verdict != "fixed" and any(fixes.values()):
        raise BadQuery("verdict", "a type, source or target is given with the verdict 'fixed'")
    at = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
    cursor = db.execute(
        'INSERT INTO "corrections" ("event_id", "document_id", "verdict", "type", "source_id", '
        '"target_id", "note", "by", "at") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
        (event_id, document_id, verdict, fixes["type"], fixes["source"], fixes["target"],
         (note or "").strip()[:2000] or None, (by or "").strip()[:200] or None, at))
    return {"seq": cursor.lastrowid, "event": event_id, "document": document_id, "verdict": verdict,
            "type": fixes["type"], "source_id": fixes["source"], "target_id": fixes["target"],
            "note": (note or "").strip()[:2000] or None, "by": (by or "").strip()[:200] or None, "at": at}


_COLUMNS = ('c."seq", c."event_id", c."document_id", c."verdict", c."type", c."source_id", '
            'src."name", c."target_id", tgt."name", c."note", c."by", c."at"')
_KEYS = ("seq", "event", "document", "verdict", "type", "source_id", "source", "target_id", "target",
         "note", "by", "at")
_JOINS = ('FROM "corrections" c LEFT JOIN "entities" src ON src."id" = c."source_id" '
          'LEFT JOIN "entities" tgt ON tgt."id" = c."target_id"')


def corrections_of(db: sqlite3.Connection, event_ids: list[str]) -> dict[str, dict[str, Any]]:
    """The correction in force (the latest) for each of these events that has one."""
    if not event_ids or not _has_table(db):
        return {}
    found: dict[str, dict[str, Any]] = {}
    for start in range(0, len(event_ids), 500):  # SQLite's limit on bound parameters
        chunk = event_ids[start:start + 500]
        marks = ", ".join("?" for _ in chunk)
        for row in db.execute(f'SELECT {_COLUMNS} {_JOINS} WHERE c."event_id" IN ({marks}) '
                              f'ORDER BY c."seq"', chunk):
            correction = dict(zip(_KEYS, row))
            found[correction["event"]] = correction
    return found


def history(db: sqlite3.Connection, event_id: str) -> list[dict[str, Any]]:
    """Every correction of an event, oldest first."""
    if not _has_table(db):
        return []
    return [dict(zip(_KEYS, row)) for row in db.execute(
        f'SELECT {_COLUMNS} {_JOINS} WHERE c."event_id" = ? ORDER BY c."seq"', (event_id,))]


def sentence_hash(text: str) -> str:
    """The short hash an annotation record keeps of its sentence, to notice a changed text:
    the team's records (annotations/events) and the store's corrections alike."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def annotation_records(db: sqlite3.Connection) -> Iterator[dict[str, Any]]:
    """One stand-off annotation record per evidence sentence holding corrected events, in the
    format of annotations/events/batches/*.jsonl: offsets into the stored document's text
    (corpus "marsad-store"), the events that the analysts confirmed or fixed (those marked
    wrong are left out), the fixed type, source and target as the spans of their mentions.
    A record holds only the corrected events of its sentence (`"complete": false`): other
    events there were not looked at."""
    if not _has_table(db):
        return
    latest = {}
    for row in db.execute(f'SELECT {_COLUMNS} {_JOINS} ORDER BY c."seq"'):
        correction = dict(zip(_KEYS, row))
        latest[correction["event"]] = correction
    by_document: dict[str, list[dict[str, Any]]] = {}
    for correction in latest.values():
        by_document.setdefault(correction["document"], []).append(correction)
    for document_id in sorted(by_document):
        stored = db.execute('SELECT "record" FROM "documents" WHERE "id" = ?', (document_id,)).fetchone()
        if stored is None:
            continue
        record = json.loads(stored[0])
        text = record.get("text") or ""
        events = {e["id"]: e for e in record.get("events") or []}
        corpus_ids = {r[0]: r[1] for r in db.execute(
            'SELECT "local_id", "entity_id" FROM "mentions" WHERE "document_id" = ?', (document_id,))}
        local_of = {v: k for k, v in corpus_ids.items()}
        mentions = {e["id"]: e.get("mentions") or [] for e in record.get("entities") or []}
        local_event = dict(db.execute('SELECT "id", "local_id" FROM "events" WHERE "document_id" = ?',
                                      (document_id,)).fetchall())
        sentences: dict[tuple[int, int], dict[str, Any]] = {}
        for correction in sorted(by_document[document_id], key=lambda c: c["event"]):
            event = events.get(local_event.get(correction["event"]))
            evidence = (event or {}).get("evidence") or {}
            if not event or not isinstance(evidence.get("start"), int):
                continue
            start, end = evidence["start"], evidence["end"]
            sentence = sentences.setdefault((start, end), {
                "corpus": STORE_CORPUS, "doc": document_id, "start": start, "end": end,
                "sha1": sentence_hash(text[start:end]), "annotator": "analyst:" + (correction["by"] or "unnamed"),
                "complete": False, "events": []})
            if correction["verdict"] == "wrong":
                continue

            def spans(role: str, fixed: str | None) -> list[list[int]]:
                local_id = local_of.get(fixed) if fixed else event.get(role)
                return [[m["start"], m["end"]] for m in mentions.get(local_id, [])
                        if start <= m["start"] and m["end"] <= end]

            trigger = event.get("trigger") or {}
            sentence["events"].append({
                "type": correction["type"] or event["type"], "mode": event.get("mode"),
                "status": event.get("status"), "trigger": [trigger.get("start"), trigger.get("end")],
                "source": spans("source", correction["source_id"]),
                "target": spans("target", correction["target_id"]),
                "location": spans("location", None), "date": []})
        yield from sentences.values()
