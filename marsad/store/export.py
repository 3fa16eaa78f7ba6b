"""Exports of the store: the records, a flat GDELT-like event table, and the stories, as JSONL, CSV or Parquet."""
from __future__ import annotations

import csv
import json
import os
import sqlite3
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from marsad.errors import BadQuery, StoreError

FORMATS = ("jsonl", "csv", "parquet")
WHATS = ("records", "events", "stories")

EVENT_FIELDS = ("event_id", "story_id", "document_id", "date", "date_end", "published",
                "source_name", "source_name_en", "source_country", "source_sector",
                "target_name", "target_name_en", "target_country", "target_sector",
                "type", "mode", "status", "news", "place", "lat", "lon", "sources", "documents",
                "url", "evidence", "confidence")
STORY_FIELDS = ("story_id", "date", "date_end", "first_reported", "last_reported",
                "source_name", "source_name_en", "source_country", "source_sector",
                "target_name", "target_name_en", "target_country", "target_sector",
                "type", "mode", "status", "statuses", "disputed", "place", "lat", "lon",
                "events", "documents", "sources", "url", "evidence")
RECORD_FIELDS = ("id", "url", "title", "published", "duplicate_of", "outlet", "record")

_ACTOR_JOINS = (
    'LEFT JOIN "entities" src ON src."id" = {t}."source_id" '
    'LEFT JOIN "entities" tgt ON tgt."id" = {t}."target_id" '
    'LEFT JOIN "entities" loc ON loc."id" = {t}."location_id" ')
_ACTOR_COLUMNS = ('src."name", src."name_en", src."country", src."sector", '
                  'tgt."name", tgt."name_en", tgt."country", tgt."sector", ')


def event_rows(db: sqlite3.Connection) -> Iterator[dict[str, Any]]:
    """One row per event; `sources` and `documents` are its story's."""
    sql = ('SELECT e."id", e."story_id", e."document_id", COALESCE(e."date_start", d."published"), '
           'e."date_end", d."published", ' + _ACTOR_COLUMNS +
           'e."type", e."mode", e."status", loc."name", loc."lat", loc."lon", '
           'COALESCE(s."sources", 1), COALESCE(s."documents", 1), d."url", e."evidence", '
           'e."confidence" FROM "events" e JOIN "documents" d ON d."id" = e."document_id" '
           'LEFT JOIN "stories" s ON s."id" = e."story_id" ' + _ACTOR_JOINS.format(t="e") +
           'ORDER BY 4, d."seq", e."id"')
    columns = [k for k in EVENT_FIELDS if k != "news"]
    for row in db.execute(sql):
        event = dict(zip(columns, row))
        # background (a past happening recalled as context) is kept apart from the news
        event["news"] = event["status"] != "background"
        yield {k: event[k] for k in EVENT_FIELDS}


def story_rows(db: sqlite3.Connection) -> Iterator[dict[str, Any]]:
    """One row per story; its URL and evidence are those of its first report."""
    sql = ('SELECT s."id", s."first_date", s."last_date", s."first_reported", s."last_reported", '
           + _ACTOR_COLUMNS +
           's."type", s."mode", s."statuses", s."disputed", loc."name", loc."lat", loc."lon", '
           's."events", s."documents", s."sources", '
           '(SELECT d."url" FROM "events" e JOIN "documents" d ON d."id" = e."document_id" '
           ' WHERE e."story_id" = s."id" ORDER BY d."seq" LIMIT 1), '
           '(SELECT e."evidence" FROM "events" e JOIN "documents" d ON d."id" = e."document_id" '
           ' WHERE e."story_id" = s."id" ORDER BY d."seq" LIMIT 1) '
           'FROM "stories" s ' + _ACTOR_JOINS.format(t="s") + 'ORDER BY s."first_date", s."id"')
    keys = [k for k in STORY_FIELDS if k != "status"]
    for row in db.execute(sql):
        story = dict(zip(keys, row))
        statuses = json.loads(story["statuses"])
        # The story's status: what most of its reports say, a denial winning ties; a story
        # that some report as news is not background because others recall it.
        told = {s: n for s, n in statuses.items() if s != "background"} or statuses
        story["status"] = max(told, key=lambda s: (told[s], s == "denied"))
        story["statuses"] = ";".join(f"{s}:{n}" for s, n in statuses.items())
        story["disputed"] = bool(story["disputed"])
        yield {k: story[k] for k in STORY_FIELDS}


def record_rows(db: sqlite3.Connection) -> Iterator[dict[str, Any]]:
    sql = ('SELECT "id", "url", "title", "published", "duplicate_of", "outlet", "record" '
           'FROM "documents" ORDER BY "seq"')
    for row in db.execute(sql):
        yield dict(zip(RECORD_FIELDS, row))


def export(db: sqlite3.Connection, what: str, fmt: str, output: Path) -> int:
    """Write the export to `output` (under a temporary name, renamed when complete); rows written."""
    if fmt not in FORMATS:
        raise BadQuery("--format", f"unknown format {fmt!r} (expected {', '.join(FORMATS)})")
    if what not in WHATS:
        raise BadQuery("--what", f"unknown table {what!r} (expected {', '.join(WHATS)})")
    if output.is_dir():
        raise StoreError(str(output), "is a directory, expected a file")
    if not output.parent.exists():
        raise StoreError(str(output), "its folder does not exist")
    rows = {"records": record_rows, "events": event_rows, "stories": story_rows}[what](db)
    fields = {"records": RECORD_FIELDS, "events": EVENT_FIELDS, "stories": STORY_FIELDS}[what]
    fd, tmp = tempfile.mkstemp(prefix=f".{output.name}.", dir=output.parent)
    os.close(fd)
    try:
        count = _WRITERS[fmt](rows, fields, Path(tmp), what)
        os.chmod(tmp, 0o644)
        os.replace(tmp, output)
    except BaseException:
        os.unlink(tmp)
        raise
    return count


def _write_jsonl(rows, fields, path: Path, what: str) -> int:
    count = 0
    with path.open("w", encoding="utf-8") as handle:
        for row in rows:
            # A record export is the records themselves, one a line, as the batch writes them.
            line = row["record"] if what == "records" else json.dumps(row, ensure_ascii=False)
            handle.write(line + "\n")
            count += 1
    return count


def _write_csv(rows, fields, path: Path, what: str) -> int:
    count = 0
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields)
        writer.writeheader()
        for row in rows:
            writer.writerow(row)
            count += 1
    return count


def _write_parquet(rows, fields, path: Path, what: str, batch: int = 10_000) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pa.schema([(name, _arrow_type(name)) for name in fields])
    count = 0
    with pq.ParquetWriter(path, schema, compression="zstd") as writer:
        chunk: list[dict[str, Any]] = []
        for row in rows:
            chunk.append(row)
            if len(chunk) >= batch:
                writer.write_table(pa.Table.from_pylist(chunk, schema=schema))
                count += len(chunk)
                chunk = []
        if chunk or count == 0:
            writer.write_table(pa.Table.from_pylist(chunk, schema=schema))
            count += len(chunk)
    return count


def _arrow_type(name: str):
    import pyarrow as pa

    if name in ("lat", "lon", "confidence"):
        return pa.float64()
    if name in ("sources", "documents", "events"):
        return pa.int64()
    if name in ("disputed", "news"):
        return pa.bool_()
    return pa.string()


_WRITERS = {"jsonl": _write_jsonl, "csv": _write_csv, "parquet": _write_parquet}
