"""The SQLite store: one writer that adds records, each in its own transaction; read-only readers."""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import random
import sqlite3
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from marsad.corpus.near_duplicates import DuplicateFinder, signature
from marsad.errors import IdConflict, StoreDamaged, StoreError, StoreNotFound, StoreVersionError
from marsad.record import Analysis, content_hash
from marsad.store.schema import MIGRATIONS
from marsad.store.search import index_terms
from marsad.text.normalize import normalize

DEFAULT_DB = "marsad.db"
# How long a writer waits for another process's write transaction before giving up.
BUSY_TIMEOUT_S = 10.0


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def entity_key(entity: dict[str, Any]) -> str:
    """The corpus-level identity of an entity: its KB id, else normalised name, type and country."""
    if entity.get("kb"):
        return "kb:" + entity["kb"]
    return f"name:{entity['type']}:{normalize(entity['name']).strip()}:{entity.get('country') or ''}"


def entity_id(key: str) -> str:
    return "E" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def url_outlet(url: str | None) -> str | None:
    """The host of a URL without `www.`, the outlet a document came from."""
    if not url:
        return None
    host = (urlsplit(url).hostname or "").lower()
    return host.removeprefix("www.") or None


def document_outlet(record: dict[str, Any]) -> str | None:
    """A document's outlet: the record's (given, or its URL's host), else the first outlet it
    cites as its source."""
    if record.get("outlet"):
        return record["outlet"]
    host = url_outlet(record.get("url"))
    if host:
        return host
    for attribution in record.get("attributions", []):
        if attribution.get("kind") == "outlet" and attribution.get("text"):
            return "cited:" + normalize(attribution["text"]).strip()
    return None


def _span_text(text: str, span: dict[str, Any] | None) -> str | None:
    if not span:
        return None
    return text[span["start"]:span["end"]]


class Store:
    """A Marsad corpus in one SQLite file (WAL mode)."""

    def __init__(self, path: str | Path, *, readonly: bool = False, check: bool = False):
        """Open the store at `path`; with `check`, run SQLite's integrity check first (it reads
        the whole file, so it is asked for by commands that write, not by every request)."""
        self.path = Path(path)
        self.readonly = readonly
        try:
            if readonly:
                if not self.path.is_file():
                    raise StoreNotFound(str(path), "no such store (run `marsad ingest` first)")
                self.db = sqlite3.connect(f"file:{self.path.resolve()}?mode=ro", uri=True,
                                          factory=_StoreConnection)
            else:
                if self.path.is_dir():
                    raise StoreError(str(path), "is a directory, expected a database file")
                if not self.path.parent.exists():
                    raise StoreError(str(path), "its folder does not exist")
                self.db = sqlite3.connect(self.path, isolation_level=None,
                                          timeout=BUSY_TIMEOUT_S, factory=_StoreConnection)
                self.db.store_path = str(path)
                _use_wal(self.db)
                self.db.execute("PRAGMA synchronous=NORMAL")
        except StoreDamaged:
            raise
        except sqlite3.Error as error:
            if is_damage(error):
                raise damaged(path, error) from None
            raise StoreError(str(path), f"cannot be opened ({error})") from None
        self.db.store_path = str(path)
        self.db.row_factory = sqlite3.Row
        try:
            if check:
                check_integrity(path)
            if readonly:
                self._check_version()
            else:
                self.migrate()
        except StoreDamaged:
            self.db.close()
            raise
        except sqlite3.DatabaseError as error:
            self.db.close()
            if is_damage(error):
                raise damaged(path, error) from None
            raise StoreError(str(path), f"is not a Marsad store ({error})") from None
        self._finder: DuplicateFinder | None = None
        self._finder_seq = 0   # the last document the finder has seen

    def duplicate_state(self) -> tuple:
        """The near-duplicate index and how far it has read, for a later writer to resume."""
        return self._finder, self._finder_seq

    def resume_duplicates(self, state: tuple) -> None:
        """Start from an earlier writer's index instead of reloading every document's
        signature; documents stored since are caught up by sequence number as usual."""
        if state and state[0] is not None:
            self._finder, self._finder_seq = state

    # -- schema -----------------------------------------------------------------------------
    def version(self) -> int:
        exists = self.db.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'migrations'").fetchone()
        if not exists:
            return 0
        return self.db.execute('SELECT COALESCE(MAX("version"), 0) FROM "migrations"').fetchone()[0]

    def _check_version(self) -> None:
        version = self.version()
        if version == 0:
            raise StoreError(str(self.path), "is not a Marsad store (no migrations table)")
        if version > len(MIGRATIONS):
            raise StoreVersionError(str(self.path), f"schema version {version} is newer than "
                                                    f"this Marsad's {len(MIGRATIONS)}")

    def migrate(self) -> None:
        """Apply the migrations not yet recorded, each in its own transaction."""
        self.db.execute('CREATE TABLE IF NOT EXISTS "migrations" '
                        '("version" INTEGER PRIMARY KEY, "applied_at" TEXT NOT NULL)')
        current = self.version()
        if current > len(MIGRATIONS):
            raise StoreVersionError(str(self.path), f"schema version {current} is newer than "
                                                    f"this Marsad's {len(MIGRATIONS)}")
        for number, statements in enumerate(MIGRATIONS, start=1):
            if number <= current:
                continue
            with self.transaction():
                # Another process opening the same new store may have applied it meanwhile.
                if self.version() >= number:
                    continue
                for statement in statements:
                    self.db.execute(statement)
                self.db.execute('INSERT INTO "migrations" VALUES (?, ?)', (number, _now()))

    def transaction(self) -> "_Transaction":
        return _Transaction(self.db)

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    # -- writing ----------------------------------------------------------------------------
    def has_input(self, key: str) -> str | None:
        row = self.db.execute('SELECT "document_id" FROM "inputs" WHERE "key" = ?', (key,)).fetchone()
        return row[0] if row else None

    def finder(self) -> DuplicateFinder:
        """The near-duplicate index over every committed document, this writer's or another's.

        Other processes may write the same store at the same time, so each call first adds the
        documents stored since the last one; inside add_record's transaction nothing can slip in
        between this catch-up and the insert.
        """
        if self._finder is None:
            self._finder = DuplicateFinder()
        rows = self.db.execute('SELECT "seq", "id", "minhash", "duplicate_of", "published" '
                               'FROM "documents" WHERE "seq" > ? ORDER BY "seq"', (self._finder_seq,))
        for seq, *row in rows:
            self._finder.add(*row)
            self._finder_seq = seq
        return self._finder

    def add_record(self, record: Analysis | dict[str, Any], source: str,
                   input_key: str | None = None, *, replace: bool = False) -> tuple[str, str]:
        """Store one record in one transaction; returns ("new" | "duplicate" | "replaced", id).

        An id already stored with the same text is a duplicate. With another text it is an
        IdConflict naming both content hashes, unless `replace`: then the stored version moves
        to `document_versions` and the new one takes its place, so no write is lost.
        """
        data = record.to_dict() if isinstance(record, Analysis) else record
        document_id = data["id"]
        blob = signature(data["text"])
        status = "new"
        with self.transaction():
            stored = self.db.execute('SELECT "text", "record" FROM "documents" WHERE "id" = ?',
                                     (document_id,)).fetchone()
            if stored is not None:
                same_text = stored["text"] == data["text"]
                differences = _metadata_differences(json.loads(stored["record"]), data)
                if same_text and not differences and not (replace and stored["record"] != _record_json(data)):
                    self._record_input(input_key, source, document_id, "duplicate")
                    return "duplicate", document_id
                if not replace:
                    raise IdConflict(source, document_id, content_hash(stored["text"]),
                                     content_hash(data["text"]), differences)
                self._archive_document(document_id, source)
                status = "replaced"
            copy = self.finder().find(blob, data.get("published"))
            self._insert_document(data, source, blob, copy)
            self._record_input(input_key, source, document_id, status)
            self.db.execute('DELETE FROM "failures" WHERE "source" = ?', (source,))
            self.db.execute('INSERT OR REPLACE INTO "meta" VALUES (\'stories_stale\', \'1\')')
        # The finder learns the document, once committed, at its next catch-up.
        return status, document_id

    def versions(self, document_id: str) -> list[dict[str, Any]]:
        """The earlier versions of a document, oldest first (its current one is in documents)."""
        rows = self.db.execute('SELECT * FROM "document_versions" WHERE "id" = ? ORDER BY "version"',
                               (document_id,))
        return [dict(row) for row in rows]

    def _archive_document(self, document_id: str, replaced_by: str) -> None:
        """Move a stored document to document_versions and remove what was derived from it."""
        self.db.execute(
            'INSERT INTO "document_versions" SELECT "id", '
            '(SELECT COUNT(*) + 1 FROM "document_versions" WHERE "id" = ?), "source", ?, "title", '
            '"published", "text", "record", "ingested_at", ?, ? FROM "documents" WHERE "id" = ?',
            (document_id, content_hash(self._stored_text(document_id)), _now(), replaced_by,
             document_id))
        for (entity,) in self.db.execute('SELECT "entity_id" FROM "mentions" WHERE "document_id" = ?',
                                         (document_id,)).fetchall():
            self.db.execute('UPDATE "entities" SET "documents" = MAX(0, "documents" - 1) '
                            'WHERE "id" = ?', (entity,))
        for table in ("mentions", "events", "quotes", "attributions", "search"):
            self.db.execute(f'DELETE FROM "{table}" WHERE "document_id" = ?', (document_id,))
        self.db.execute('DELETE FROM "documents" WHERE "id" = ?', (document_id,))
        # The near-duplicate index still holds the old text's signature: rebuild it from the store.
        self._finder, self._finder_seq = None, 0

    def _stored_text(self, document_id: str) -> str:
        return self.db.execute('SELECT "text" FROM "documents" WHERE "id" = ?',
                               (document_id,)).fetchone()[0]

    def add_failure(self, source: str, code: str, error: str) -> None:
        with self.transaction():
            self.db.execute('INSERT OR REPLACE INTO "failures" VALUES (?, ?, ?, ?)',
                            (source, code, error, _now()))

    def _record_input(self, key: str | None, source: str, document_id: str, status: str) -> None:
        if key:
            self.db.execute('INSERT OR IGNORE INTO "inputs" VALUES (?, ?, ?, ?, ?)',
                            (key, source, document_id, status, _now()))

    def _insert_document(self, data: dict[str, Any], source: str, blob: bytes | None,
                         copy: tuple[str, float] | None) -> None:
        doc_id = data["id"]
        text = data["text"]
        self.db.execute(
            'INSERT INTO "documents" ("id", "source", "url", "outlet", "title", "published", "text", '
            '"record", "minhash", "duplicate_of", "similarity", "ingested_at") '
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (doc_id, source, data.get("url"), document_outlet(data), data.get("title") or "",
             data.get("published"), text, _record_json(data), blob,
             copy[0] if copy else None, round(copy[1], 3) if copy else None, _now()))
        self.db.execute('INSERT INTO "search" ("document_id", "terms") VALUES (?, ?)',
                        (doc_id, index_terms(text)))
        local: dict[str, str] = {}
        for entity in data.get("entities", []):
            local[entity["id"]] = self._upsert_entity(doc_id, entity)
        attributions: dict[str, dict[str, Any]] = {}
        for attribution in data.get("attributions", []):
            attributions[attribution["id"]] = attribution
            self.db.execute(
                'INSERT INTO "attributions" VALUES (?, ?, ?, ?, ?, ?, ?)',
                (f"{doc_id}/{attribution['id']}", doc_id, attribution["id"], attribution["kind"],
                 attribution["text"], local.get(attribution.get("entity") or ""),
                 attribution.get("via")))
        for event in data.get("events", []):
            date = event.get("date") or {}
            self.db.execute(
                'INSERT INTO "events" VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)',
                (f"{doc_id}/{event['id']}", doc_id, event["id"], event["type"], event.get("mode"),
                 local.get(event.get("source") or ""), local.get(event.get("target") or ""),
                 local.get(event.get("location") or ""), date.get("start"), date.get("end"),
                 event.get("status") or "reported", event.get("confidence"),
                 (event.get("trigger") or {}).get("text"), _span_text(text, event.get("evidence")),
                 json.dumps(event.get("attributed_to") or [])))
        for quote in data.get("quotes", []):
            speaker = quote.get("speaker") or ""
            speaker_entity = local.get(speaker)
            speaker_text = None
            if speaker in attributions:
                speaker_entity = local.get(attributions[speaker].get("entity") or "")
                speaker_text = attributions[speaker]["text"]
            elif speaker_entity:
                speaker_text = next(e["name"] for e in data["entities"] if e["id"] == speaker)
            self.db.execute('INSERT INTO "quotes" VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
                            (f"{doc_id}/{quote['id']}", doc_id, quote["id"], speaker_entity,
                             speaker_text, quote["text"], int(bool(quote.get("direct"))),
                             quote.get("cue")))

    def _upsert_entity(self, doc_id: str, entity: dict[str, Any]) -> str:
        key = entity_key(entity)
        eid = entity_id(key)
        roles = list(entity.get("roles") or [])
        geo = entity.get("geo") or {}
        row = self.db.execute('SELECT "roles" FROM "entities" WHERE "id" = ?', (eid,)).fetchone()
        if row is None:
            self.db.execute(
                'INSERT INTO "entities" VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)',
                (eid, key, entity["type"], entity["name"], normalize(entity["name"]).strip(),
                 entity.get("name_en"), entity.get("kb"), entity.get("country"),
                 entity.get("sector"), json.dumps(roles, ensure_ascii=False),
                 geo.get("lat"), geo.get("lon")))
        else:
            merged = json.loads(row[0])
            merged += [r for r in roles if r not in merged]
            self.db.execute(
                'UPDATE "entities" SET "documents" = "documents" + 1, "roles" = ?, '
                '"name_en" = COALESCE("name_en", ?), "country" = COALESCE("country", ?), '
                '"sector" = COALESCE("sector", ?), "lat" = COALESCE("lat", ?), '
                '"lon" = COALESCE("lon", ?) WHERE "id" = ?',
                (json.dumps(merged, ensure_ascii=False), entity.get("name_en"),
                 entity.get("country"), entity.get("sector"), geo.get("lat"), geo.get("lon"), eid))
        spans = [[m["start"], m["end"]] for m in entity.get("mentions") or []]
        self.db.execute('INSERT INTO "mentions" VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
                        (doc_id, entity["id"], eid, entity["name"], entity.get("country"),
                         entity.get("sector"), json.dumps(roles, ensure_ascii=False),
                         json.dumps(spans)))
        return eid

    # -- corpus level -----------------------------------------------------------------------
    def stories_stale(self) -> bool:
        row = self.db.execute('SELECT "value" FROM "meta" WHERE "key" = \'stories_stale\'').fetchone()
        return bool(row and row[0] == "1")

    def rebuild_stories(self) -> int:
        """Recompute every story from the stored events, in one transaction; returns their number."""
        from marsad.corpus.disputes import disputed_story_ids
        from marsad.corpus.stories import build_stories
        from marsad.store.stories import load_story_events

        with self.transaction():
            events = load_story_events(self.db)
            stories = build_stories(events)
            story_of = {e.id: story.id for story in stories for e in story.events}
            disputed = disputed_story_ids(events, story_of)
            self.db.execute('UPDATE "events" SET "story_id" = NULL')
            self.db.execute('DELETE FROM "stories"')
            for story in stories:
                self.db.execute(
                    'INSERT INTO "stories" VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
                    (story.id, story.type, story.mode, story.source, story.target, story.location,
                     story.first_date, story.last_date, story.first_reported, story.last_reported,
                     len(story.events), story.documents, story.sources,
                     json.dumps(story.statuses), int(story.id in disputed)))
                self.db.executemany('UPDATE "events" SET "story_id" = ? WHERE "id" = ?',
                                    [(story.id, e.id) for e in story.events])
            self.db.execute('INSERT OR REPLACE INTO "meta" VALUES (\'stories_stale\', \'0\')')
        return len(stories)

    def counts(self) -> dict[str, int]:
        tables = ("documents", "entities", "mentions", "events", "quotes", "attributions",
                  "stories", "failures")
        return {t: self.db.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in tables}


# What the caller says of a document besides its text: storing the same text under the same id
# with other values of these would silently drop them.
_CALLER_FIELDS = ("title", "published", "url", "outlet")


def _metadata_differences(stored: dict[str, Any], new: dict[str, Any]) -> str | None:
    """The caller's fields that differ between a stored record and a new one, or None."""
    # A field a record of an older schema does not have is no difference.
    changed = [f"{name} {stored.get(name)!r} -> {new.get(name)!r}" for name in _CALLER_FIELDS
               if name in stored and stored.get(name) != new.get(name)]
    return "; ".join(changed) or None


def _record_json(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False)


def _use_wal(db: sqlite3.Connection) -> None:
    """Switch the file to WAL, retrying while another process is switching it too.

    SQLite answers "database is locked" at once, without waiting out the busy timeout, when
    several processes open a new store together and each tries to leave rollback mode.
    """
    deadline = time.monotonic() + BUSY_TIMEOUT_S
    while True:
        try:
            if db.execute("PRAGMA journal_mode=WAL").fetchone()[0].lower() == "wal":
                return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error):
                raise
        if time.monotonic() > deadline:
            raise sqlite3.OperationalError("database is locked (could not switch to WAL)")
        time.sleep(0.01 + random.random() * 0.04)


class _Transaction:
    """BEGIN IMMEDIATE ... COMMIT, rolled back on any error."""

    def __init__(self, db: sqlite3.Connection):
        self.db = db

    def __enter__(self) -> sqlite3.Connection:
        self.db.execute("BEGIN IMMEDIATE")
        return self.db

    def __exit__(self, kind, value, traceback) -> None:
        if kind is None:
            self.db.execute("COMMIT")
        else:
            self.db.execute("ROLLBACK")


# --- damage -------------------------------------------------------------------------------
# Flipped bytes show as SQLite's "database disk image is malformed" (SQLITE_CORRUPT), "file is
# not a database" (SQLITE_NOTADB), or text that is no longer UTF-8. Every statement and fetch of a
# store's connection turns them into StoreDamaged naming the file and what SQLite's integrity
# check finds, so that commands and the server report a damaged store, not an internal error.

_DAMAGE_CODES = {"SQLITE_CORRUPT", "SQLITE_NOTADB"}


def is_damage(error: BaseException) -> bool:
    """Whether an SQLite error says the file's bytes are wrong (not the query, not a lock)."""
    if not isinstance(error, sqlite3.DatabaseError):
        return False
    name = (getattr(error, "sqlite_errorname", None) or "").split("_", 2)[:2]
    message = str(error)
    return ("_".join(name) in _DAMAGE_CODES or message.startswith("Could not decode to UTF-8")
            or "malformed" in message or "not a database" in message)


def integrity_problem(path: str | Path) -> str | None:
    """The first problems SQLite's quick_check finds in the file, or None when it finds none."""
    try:
        connection = sqlite3.connect(f"file:{Path(path).resolve()}?mode=ro", uri=True)
        try:
            rows = connection.execute("PRAGMA quick_check(3)").fetchall()
        finally:
            connection.close()
    except sqlite3.Error as error:
        return str(error)
    problems = [" ".join(str(row[0]).replace("*** in database main ***", "").split())
                for row in rows if row[0] != "ok"]
    return "; ".join(problems)[:300] or None


def damaged(path: str | Path, error: BaseException | None = None) -> StoreDamaged:
    """StoreDamaged for the store at `path`, with what the integrity check finds."""
    problem = integrity_problem(path)
    if problem:
        what = f"integrity check failed ({problem})"
    else:
        what = f"integrity check passed, but reading it failed ({error})"
    return StoreDamaged(str(path), f"the store is damaged: {what}; restore it from a backup "
                                   "or ingest the documents again into a new store")


def check_integrity(path: str | Path) -> None:
    """Raise StoreDamaged when SQLite's quick_check finds a problem in the store's file."""
    if integrity_problem(path):
        raise damaged(path)


class _StoreConnection(sqlite3.Connection):
    """A store's connection: its cursors report damage as StoreDamaged (see above)."""

    store_path = "<store>"

    def cursor(self, factory=None):  # noqa: D102 - sqlite3's
        return super().cursor(factory or _StoreCursor)

    def execute(self, *args):
        return self.cursor().execute(*args)

    def executemany(self, *args):
        return self.cursor().executemany(*args)


def _reported(cursor: sqlite3.Cursor, error: sqlite3.Error) -> BaseException:
    if is_damage(error):
        return damaged(getattr(cursor.connection, "store_path", "<store>"), error)
    return error


class _StoreCursor(sqlite3.Cursor):
    def execute(self, *args):
        try:
            return super().execute(*args)
        except sqlite3.Error as error:
            raise _reported(self, error) from None

    def executemany(self, *args):
        try:
            return super().executemany(*args)
        except sqlite3.Error as error:
            raise _reported(self, error) from None

    def fetchone(self):
        try:
            return super().fetchone()
        except sqlite3.Error as error:
            raise _reported(self, error) from None

    def fetchmany(self, *args):
        try:
            return super().fetchmany(*args)
        except sqlite3.Error as error:
            raise _reported(self, error) from None

    def fetchall(self):
        try:
            return super().fetchall()
        except sqlite3.Error as error:
            raise _reported(self, error) from None

    def __next__(self):
        try:
            return super().__next__()
        except sqlite3.Error as error:
            raise _reported(self, error) from None


def open_reader(path: str | Path, *, check: bool = False) -> Store:
    """A read-only connection to a store (refreshing stale stories is the writer's job); with
    `check`, after SQLite's integrity check (the command line's readers ask for it)."""
    return Store(path, readonly=True, check=check)
