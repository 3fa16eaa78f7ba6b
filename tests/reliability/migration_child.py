"""A child process that opens a store and stops, until killed, at one point of a migration.

    python migration_child.py DB MARKER STATEMENT WHEN [with-v2]

The store's code runs unchanged: a sqlite3 trace callback (called as each statement starts)
and progress handler (called every few hundred virtual-machine steps inside one) watch the
migration's transaction. WHEN is `before` (the first statement containing STATEMENT is about
to run) or `during` (it has run a while, some rows are written). The child then writes where
it stopped to MARKER and sleeps. `with-v2` adds the test-only migration V2 below.
"""
from __future__ import annotations

import sqlite3
import sys
import time
from pathlib import Path

# A test-only second migration, of the kinds real ones will be: a column added and filled,
# an index, and a new table derived from the data.
V2 = [
    'ALTER TABLE "documents" ADD COLUMN "language" TEXT',
    'UPDATE "documents" SET "language" = \'ar\'',
    'CREATE INDEX "documents_language" ON "documents" ("language")',
    'CREATE TABLE "outlets" ("host" TEXT PRIMARY KEY, "documents" INTEGER NOT NULL)',
    'INSERT INTO "outlets" SELECT COALESCE("outlet", \'\'), COUNT(*) FROM "documents" '
    'GROUP BY COALESCE("outlet", \'\')',
]


def write_marker(marker: str, where: str) -> None:
    """The marker, written under another name and renamed: the test never reads half of it."""
    partial = Path(marker + ".partial")
    partial.write_text(where, encoding="utf-8")
    partial.replace(marker)


def stop(marker: str, where: str) -> None:
    write_marker(marker, where)
    time.sleep(3600)    # until killed; the test kills it as soon as it sees the marker


def watch(marker: str, statement: str, when: str):
    """A sqlite3.connect that stops the migration at the chosen point."""
    connect = sqlite3.connect
    state = {"migrating": False, "current": "", "steps": 0}

    def trace(sql: str) -> None:
        state["migrating"] |= sql.startswith("BEGIN")
        state["current"] = sql
        if state["migrating"] and when == "before" and statement in sql:
            stop(marker, f"before {sql[:60]}")

    def progress() -> int:
        if state["migrating"] and when == "during" and statement in state["current"]:
            state["steps"] += 1
            if state["steps"] == 3:
                stop(marker, f"during {state['current'][:60]}")
        return 0

    def connect_watched(*args, **kwargs):
        connection = connect(*args, **kwargs)
        connection.set_trace_callback(trace)
        connection.set_progress_handler(progress, 50)
        return connection

    return connect_watched


def main(db: str, marker: str, statement: str, when: str, *flags: str) -> None:
    sqlite3.connect = watch(marker, statement, when)
    from marsad.store import db as store_db

    if "with-v2" in flags:
        store_db.MIGRATIONS = store_db.MIGRATIONS + [V2]
    store_db.Store(db).close()
    write_marker(marker, "finished without stopping")


if __name__ == "__main__":
    main(*sys.argv[1:])
