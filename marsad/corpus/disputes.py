"""Disputes: within one story, sources that disagree (one reports the event, another denies it)."""
from __future__ import annotations

import sqlite3
from typing import Any

from marsad.store.stories import disputed_stories, story_sides

# Statuses that assert the event happened or will happen, against which a denial disputes.
ASSERTING = ("reported", "planned")


def find_disputes(db: sqlite3.Connection, limit: int | None = None) -> list[dict[str, Any]]:
    """Every disputed story with its two sides: who reports it and who denies it, and where."""
    disputes = []
    for sid, etype, mode, date, documents, sources, source, target, place in disputed_stories(db, limit):
        sides = story_sides(db, sid)
        reports = [s for s in sides if s["status"] in ASSERTING]
        denials = [s for s in sides if s["status"] == "denied"]
        if not reports or not denials:
            continue
        disputes.append({
            "story": sid, "kind": "reported-vs-denied", "type": etype, "mode": mode,
            "date": date, "source": source, "target": target, "place": place,
            "documents": documents, "sources": sources,
            "reports": reports, "denials": denials,
        })
    return disputes

