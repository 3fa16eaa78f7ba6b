"""Exports of what an events table shows: every event its filters find, as CSV or JSON Lines."""
from __future__ import annotations

import csv
import enum
import io
import json
from typing import Any, Optional

from fastapi.responses import Response

from marsad.store import browse
from marsad.store.query import EventFilter

# The columns of the CSV: the API's event objects, then the analysts' correction in force.
CORRECTION_FIELDS = ("verdict", "corrected_type", "corrected_source_id", "corrected_source",
                     "corrected_target_id", "corrected_target", "corrected_by", "corrected_at")
CSV_FIELDS = browse.EVENT_KEYS + CORRECTION_FIELDS


class ExportFormat(str, enum.Enum):
    csv = "csv"
    jsonl = "jsonl"


MEDIA_TYPES = {"csv": "text/csv; charset=utf-8", "jsonl": "application/x-ndjson; charset=utf-8"}


def export_text(events: list[dict[str, Any]], fmt: str) -> str:
    """The events as one CSV (a header, then a row each) or one JSON object a line."""
    if fmt == "jsonl":
        return "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in events)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_FIELDS, extrasaction="ignore", lineterminator="\r\n")
    writer.writeheader()
    for event in events:
        fix = event.get("correction") or {}
        writer.writerow({**event, "attributed_to": ";".join(event.get("attributed_to") or []),
                         "verdict": fix.get("verdict"), "corrected_type": fix.get("type"),
                         "corrected_source_id": fix.get("source_id"), "corrected_source": fix.get("source"),
                         "corrected_target_id": fix.get("target_id"), "corrected_target": fix.get("target"),
                         "corrected_by": fix.get("by"), "corrected_at": fix.get("at")})
    return out.getvalue()


def export_response(dashboard, f: EventFilter, sort: Optional[str], fmt: str) -> Response:
    """Every event of the filter, whatever its page size: an export is the whole view. Read
    whole in this thread (an SQLite connection stays in the thread that opened it)."""
    with dashboard.reader() as store:
        events = list(browse.all_events(store.db, f, sort))
    # A spreadsheet opens a UTF-8 CSV as Arabic only when it starts with a byte-order mark.
    body = ("\ufeff" if fmt == "csv" else "") + export_text(events, fmt)
    return Response(body, media_type=MEDIA_TYPES[fmt], headers={
        "Content-Disposition": f'attachment; filename="marsad-events.{fmt}"',
        "X-Marsad-Total": str(len(events))})
