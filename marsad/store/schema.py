"""The store's SQLite schema as numbered migrations, each applied once and recorded."""
from __future__ import annotations

# Each migration is a list of statements; its number is its place in MIGRATIONS, from 1.
# Never edit a migration that has shipped: append a new one.
MIGRATIONS: list[list[str]] = [
    [
        """CREATE TABLE "documents" (
            "seq" INTEGER PRIMARY KEY AUTOINCREMENT,
            "id" TEXT NOT NULL UNIQUE,
            "source" TEXT NOT NULL,
            "url" TEXT,
            "outlet" TEXT,
            "title" TEXT NOT NULL,
            "published" TEXT,
            "text" TEXT NOT NULL,
            "record" TEXT NOT NULL,
            "minhash" BLOB,
            "duplicate_of" TEXT,
            "similarity" REAL,
            "ingested_at" TEXT NOT NULL
        )""",
        'CREATE INDEX "documents_published" ON "documents" ("published")',
        'CREATE INDEX "documents_duplicate_of" ON "documents" ("duplicate_of")',
        # One row per input already handled (a file, a JSONL line, a WARC record), keyed by a
        # hash of its bytes and options, so that a rerun skips it without analysing it again.
        """CREATE TABLE "inputs" (
            "key" TEXT PRIMARY KEY,
            "source" TEXT NOT NULL,
            "document_id" TEXT,
            "status" TEXT NOT NULL,
            "at" TEXT NOT NULL
        )""",
        """CREATE TABLE "failures" (
            "source" TEXT PRIMARY KEY,
            "code" TEXT,
            "error" TEXT NOT NULL,
            "at" TEXT NOT NULL
        )""",
        """CREATE TABLE "entities" (
            "id" TEXT PRIMARY KEY,
            "key" TEXT NOT NULL UNIQUE,
            "type" TEXT NOT NULL,
            "name" TEXT NOT NULL,
            "norm_name" TEXT NOT NULL,
            "name_en" TEXT,
            "kb" TEXT,
            "country" TEXT,
            "sector" TEXT,
            "roles" TEXT NOT NULL DEFAULT '[]',
            "lat" REAL,
            "lon" REAL,
            "documents" INTEGER NOT NULL DEFAULT 0
        )""",
        'CREATE INDEX "entities_norm_name" ON "entities" ("norm_name")',
        'CREATE INDEX "entities_kb" ON "entities" ("kb")',
        """CREATE TABLE "mentions" (
            "document_id" TEXT NOT NULL REFERENCES "documents" ("id"),
            "local_id" TEXT NOT NULL,
            "entity_id" TEXT NOT NULL REFERENCES "entities" ("id"),
            "name" TEXT NOT NULL,
            "country" TEXT,
            "sector" TEXT,
            "roles" TEXT NOT NULL DEFAULT '[]',
            "spans" TEXT NOT NULL DEFAULT '[]',
            PRIMARY KEY ("document_id", "local_id")
        )""",
        'CREATE INDEX "mentions_entity" ON "mentions" ("entity_id")',
        """CREATE TABLE "events" (
            "id" TEXT PRIMARY KEY,
            "document_id" TEXT NOT NULL REFERENCES "documents" ("id"),
            "local_id" TEXT NOT NULL,
            "type" TEXT NOT NULL,
            "mode" TEXT,
            "source_id" TEXT REFERENCES "entities" ("id"),
            "target_id" TEXT REFERENCES "entities" ("id"),
            "location_id" TEXT REFERENCES "entities" ("id"),
            "date_start" TEXT,
            "date_end" TEXT,
            "status" TEXT NOT NULL,
            "confidence" REAL,
            "trigger" TEXT,
            "evidence" TEXT,
            "attributed_to" TEXT NOT NULL DEFAULT '[]',
            "story_id" TEXT
        )""",
        'CREATE INDEX "events_type_date" ON "events" ("type", "date_start")',
        'CREATE INDEX "events_source" ON "events" ("source_id")',
        'CREATE INDEX "events_target" ON "events" ("target_id")',
        'CREATE INDEX "events_story" ON "events" ("story_id")',
        'CREATE INDEX "events_document" ON "events" ("document_id")',
        """CREATE TABLE "quotes" (
            "id" TEXT PRIMARY KEY,
            "document_id" TEXT NOT NULL REFERENCES "documents" ("id"),
            "local_id" TEXT NOT NULL,
            "speaker_entity_id" TEXT REFERENCES "entities" ("id"),
            "speaker_text" TEXT,
            "text" TEXT NOT NULL,
            "direct" INTEGER NOT NULL,
            "cue" TEXT
        )""",
        'CREATE INDEX "quotes_speaker" ON "quotes" ("speaker_entity_id")',
        """CREATE TABLE "attributions" (
            "id" TEXT PRIMARY KEY,
            "document_id" TEXT NOT NULL REFERENCES "documents" ("id"),
            "local_id" TEXT NOT NULL,
            "kind" TEXT NOT NULL,
            "text" TEXT NOT NULL,
            "entity_id" TEXT REFERENCES "entities" ("id"),
            "via" TEXT
        )""",
        'CREATE INDEX "attributions_document" ON "attributions" ("document_id")',
        """CREATE TABLE "stories" (
            "id" TEXT PRIMARY KEY,
            "type" TEXT NOT NULL,
            "mode" TEXT,
            "source_id" TEXT,
            "target_id" TEXT,
            "location_id" TEXT,
            "first_date" TEXT,
            "last_date" TEXT,
            "first_reported" TEXT,
            "last_reported" TEXT,
            "events" INTEGER NOT NULL,
            "documents" INTEGER NOT NULL,
            "sources" INTEGER NOT NULL,
            "statuses" TEXT NOT NULL,
            "disputed" INTEGER NOT NULL DEFAULT 0
        )""",
        """CREATE TABLE "meta" ("key" TEXT PRIMARY KEY, "value" TEXT)""",
        # Normalised words and their clitic-free forms, one FTS row per document.
        """CREATE VIRTUAL TABLE "search" USING fts5(
            "document_id" UNINDEXED, "terms", tokenize = 'unicode61 remove_diacritics 0'
        )""",
    ],
    # 2 (issues 14 and 15): a document replaced under its id keeps its earlier versions here,
    # whole (record included), so that no write is ever lost.
    [
        """CREATE TABLE "document_versions" (
            "id" TEXT NOT NULL,
            "version" INTEGER NOT NULL,
            "source" TEXT NOT NULL,
            "content_hash" TEXT NOT NULL,
            "title" TEXT NOT NULL,
            "published" TEXT,
            "text" TEXT NOT NULL,
            "record" TEXT NOT NULL,
            "ingested_at" TEXT NOT NULL,
            "replaced_at" TEXT NOT NULL,
            "replaced_by" TEXT NOT NULL,
            PRIMARY KEY ("id", "version")
        )""",
    ],
    # 3 (issue 19): `marsad watch` state. One row per feed or sitemap followed: its HTTP
    # validators for conditional GET and how its last rounds went, so a restart continues and
    # the dashboard can show each source. One row per article page that failed for a reason
    # that may pass (a timeout, a 500), with its attempts; pages done for good are in "inputs"
    # under a key made from their URL, written in the same transaction as their document.
    [
        """CREATE TABLE "watch_feeds" (
            "url" TEXT PRIMARY KEY,
            "outlet" TEXT,
            "language" TEXT,
            "kind" TEXT,
            "etag" TEXT,
            "last_modified" TEXT,
            "last_round_at" TEXT,
            "last_success_at" TEXT,
            "last_failure_at" TEXT,
            "last_error" TEXT,
            "last_items" INTEGER NOT NULL DEFAULT 0,
            "last_new" INTEGER NOT NULL DEFAULT 0,
            "last_failed" INTEGER NOT NULL DEFAULT 0,
            "total_new" INTEGER NOT NULL DEFAULT 0,
            "failures_in_a_row" INTEGER NOT NULL DEFAULT 0
        )""",
        """CREATE TABLE "watch_pages" (
            "url" TEXT PRIMARY KEY,
            "feed" TEXT,
            "attempts" INTEGER NOT NULL,
            "last_error" TEXT,
            "at" TEXT NOT NULL
        )""",
    ],
    # 4 (issue 18): analysts' corrections of the machine's events, kept beside its record (the
    # "events" row is never changed): each a verdict (confirmed, wrong, fixed) with the fixed
    # type, source and target, who made it and when. The latest for an event is in force; the
    # earlier ones are its history.
    [
        """CREATE TABLE "corrections" (
            "seq" INTEGER PRIMARY KEY AUTOINCREMENT,
            "event_id" TEXT NOT NULL,
            "document_id" TEXT NOT NULL,
            "verdict" TEXT NOT NULL,
            "type" TEXT,
            "source_id" TEXT,
            "target_id" TEXT,
            "note" TEXT,
            "by" TEXT,
            "at" TEXT NOT NULL
        )""",
        'CREATE INDEX "corrections_event" ON "corrections" ("event_id", "seq")',
    ],
]
