"""Links into the events table: what every chart bar, map point, network node and count points at."""
from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

# The query parameters of an events view: a drill-down link keeps them and changes one.
VIEW_PARAMS = ("q", "type", "actor", "source", "target", "country", "place", "outlet", "story",
               "since", "until", "status", "min_confidence", "sort", "limit")


def drill(filters: dict[str, Any] | None = None, path: str = "/", **changes: Any) -> str:
    """The URL of the events table under `filters` with `changes` (None or "" drops one)."""
    params = {k: v for k, v in (filters or {}).items() if k in VIEW_PARAMS and v not in (None, "")}
    for key, value in changes.items():
        if value is None or value == "":
            params.pop(key, None)
        else:
            params[key] = value
    ordered = [(k, params[k]) for k in VIEW_PARAMS if k in params]
    return path + ("?" + urlencode(ordered) if ordered else "")
