"""What must be equal between two stores built from the same inputs, in whatever order."""
from __future__ import annotations

import json
import sqlite3
from pathlib import Path


def integrity(db: Path) -> str:
    with sqlite3.connect(db) as connection:
        return connection.execute("PRAGMA integrity_check").fetchone()[0]


def snapshot(db: Path) -> dict:
    """The store's content, without what depends on which process or file got there first.

    Left out: a document's `source` (the same bytes sit in several folders), the direction of
    a near-duplicate link (the copy stored first is the original), an entity's display name
    and the order of its merged roles.
    """
    connection = sqlite3.connect(f"file:{db}?mode=ro", uri=True)

    def rows(sql: str) -> list[tuple]:
        return sorted(tuple(row) for row in connection.execute(sql))

    try:
        return {
            "records": rows('SELECT "id", "record" FROM "documents"'),
            "near_duplicates": sorted(
                tuple(sorted(pair)) for pair in
                connection.execute('SELECT "id", "duplicate_of" FROM "documents" '
                                   'WHERE "duplicate_of" IS NOT NULL')),
            "inputs": rows('SELECT "key", "document_id" FROM "inputs"'),
            "failures": rows('SELECT "source", "error" FROM "failures"'),
            "search": rows('SELECT "document_id", "terms" FROM "search"'),
            "entities": sorted((eid, kind, documents, tuple(sorted(json.loads(roles))))
                               for eid, kind, documents, roles in connection.execute(
                                   'SELECT "id", "type", "documents", "roles" FROM "entities"')),
            "mentions": rows('SELECT * FROM "mentions"'),
            "events": rows('SELECT "id", "document_id", "type", "mode", "source_id", "target_id", '
                           '"location_id", "date_start", "date_end", "status", "trigger" FROM "events"'),
            "quotes": rows('SELECT * FROM "quotes"'),
            "attributions": rows('SELECT * FROM "attributions"'),
            "stories": rows('SELECT "id", "type", "events", "documents" FROM "stories"'),
        }
    finally:
        connection.close()
