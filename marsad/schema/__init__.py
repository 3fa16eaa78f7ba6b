"""The JSON Schema of the analysis record, and validation against it."""
from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

from jsonschema import Draft202012Validator


# The record's schema ships with the code, not with a Lexicon: it is checked and compiled once.
@lru_cache(maxsize=1)
def record_validator() -> Draft202012Validator:
    """A validator for the analysis record's JSON Schema shipped in the package."""
    schema = json.loads((resources.files("marsad.schema") / "analysis.schema.json").read_text("utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def record_errors(record: dict[str, Any]) -> list[str]:
    """Every way `record` breaks the schema, or offsets that fall outside its text; [] if valid."""
    errors = [f"{'/'.join(map(str, e.path)) or '(record)'}: {e.message}"
              for e in record_validator().iter_errors(record)]
    return errors + _offset_errors(record)


def _offset_errors(record: dict[str, Any]) -> list[str]:
    size = len(record.get("text") or "")
    spans = []
    for entity in record.get("entities", []):
        spans += [("entity " + entity["id"], m) for m in entity.get("mentions", [])]
    for event in record.get("events", []):
        spans += [("event " + event["id"], event["trigger"]), ("event " + event["id"], event["evidence"])]
        for again in event.get("restatements", []):
            spans += [("event " + event["id"], again["trigger"]), ("event " + event["id"], again["evidence"])]
    spans += [("quote " + q["id"], q["span"]) for q in record.get("quotes", [])]
    spans += [("date " + d["text"], d) for d in record.get("dates", [])]
    errors = []
    for owner, span in spans:
        if not 0 <= span["start"] <= span["end"] <= size:
            errors.append(f"{owner}: span {span['start']}..{span['end']} outside text of {size}")
        elif span.get("text") is not None and record["text"][span["start"]:span["end"]] != span["text"]:
            errors.append(f"{owner}: span text does not match the record's text")
    return errors
