"""Hand-made records for the corpus tests, so that they test the corpus stage alone."""
from __future__ import annotations

from typing import Any

import pytest

from marsad.analysis import content_id


def entity(eid: str, etype: str, name: str, *, country: str | None = None, sector: str | None = None,
           kb: str | None = None, roles: list[str] | None = None) -> dict[str, Any]:
    return {"id": eid, "type": etype, "name": name, "name_en": None, "kb": kb, "country": country,
            "sector": sector, "roles": roles or [], "geo": None, "mentions": []}


def event(vid: str, etype: str, *, source: str | None = None, target: str | None = None,
          location: str | None = None, date: str | None = None, status: str = "reported",
          mode: str | None = None, attributed_to: list[str] | None = None) -> dict[str, Any]:
    return {"id": vid, "type": etype, "mode": mode, "source": source, "target": target,
            "location": location, "date": {"start": date, "end": date, "text": None} if date else None,
            "status": status, "attributed_to": attributed_to or [],
            "trigger": {"start": 0, "end": 1, "text": None}, "evidence": {"start": 0, "end": 40},
            "confidence": 0.8}


def record(text: str, *, url: str | None = None, published: str | None = None,
           entities: list | None = None, events: list | None = None,
           attributions: list | None = None, id: str | None = None) -> dict[str, Any]:
    return {"id": id or content_id(text), "url": url, "title": text.split("\n")[0],
            "published": published, "text": text, "highlights": [], "boilerplate": [],
            "entities": entities or [], "events": events or [], "quotes": [],
            "attributions": attributions or [], "dates": [], "warnings": []}


@pytest.fixture
def make():
    class Make:
        pass

    maker = Make()
    maker.entity, maker.event, maker.record = entity, event, record
    return maker
