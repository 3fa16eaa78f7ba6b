"""The article text as HTML with its mentions, triggers and quotes marked, escaped piece by piece.

Spans come from the record's offsets (code points into `text`). The text is cut at every span
boundary and each piece is escaped on its own before any markup is put around it, so article
text never reaches the page as markup, whatever it contains.
"""
from __future__ import annotations

from typing import Any

from markupsafe import Markup, escape


def _spans(record: dict[str, Any], entity_ids: dict[str, str]) -> list[tuple[int, int, str, dict]]:
    length = len(record.get("text") or "")
    spans: list[tuple[int, int, str, dict]] = []

    def add(start: Any, end: Any, kind: str, info: dict) -> None:
        if isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= length:
            spans.append((start, end, kind, info))

    for quote in record.get("quotes") or []:
        span = quote.get("span") or {}
        add(span.get("start"), span.get("end"), "quote",
            {"title": "اقتباس Quote" + (" — " + quote["cue"] if quote.get("cue") else "")})
    for entity in record.get("entities") or []:
        for mention in entity.get("mentions") or []:
            add(mention.get("start"), mention.get("end"), "entity",
                {"href": f"/entities/{entity_ids[entity['id']]}" if entity.get("id") in entity_ids else None,
                 "type": entity.get("type") or "", "title": f"{entity.get('name', '')} "
                 f"({entity.get('name_en') or entity.get('type') or ''})"})
    for event in record.get("events") or []:
        trigger = event.get("trigger") or {}
        add(trigger.get("start"), trigger.get("end"), "trigger",
            {"title": f"{event.get('type', '')} · {event.get('status', '')}", "id": event.get("id"),
             "status": event.get("status") or ""})
    return spans


# Outermost first: a quote holds mentions; a trigger may sit inside a mention.
_ORDER = {"quote": 0, "entity": 1, "trigger": 2}


def _wrap(piece: Markup, kind: str, info: dict) -> Markup:
    if kind == "quote":
        return Markup('<q class="quote" title="{}">{}</q>').format(info["title"], piece)
    if kind == "trigger":
        # The id is the anchor an events table links to (/documents/ID#trigger-v1).
        return Markup('<b class="trigger status-{}" title="{}" data-event="{}" id="trigger-{}">{}</b>').format(
            info["status"], info["title"], info["id"] or "", info["id"] or "", piece)
    if info.get("href"):
        return Markup('<a class="ent ent-{}" href="{}" title="{}">{}</a>').format(
            info["type"], info["href"], info["title"], piece)
    return Markup('<span class="ent ent-{}" title="{}">{}</span>').format(
        info["type"], info["title"], piece)


def highlighted_text(record: dict[str, Any], entity_ids: dict[str, str]) -> Markup:
    """The record's text as escaped HTML, each annotated stretch wrapped in its markup."""
    text = record.get("text") or ""
    spans = _spans(record, entity_ids)
    cuts = sorted({0, len(text), *(s for s, _, _, _ in spans), *(e for _, e, _, _ in spans)})
    out: list[Markup] = []
    for start, end in zip(cuts, cuts[1:]):
        piece = Markup(escape(text[start:end]))
        active = [s for s in spans if s[0] <= start and end <= s[1]]
        # Innermost markup goes on first; one mention per kind is enough for a piece.
        seen: set[str] = set()
        for _, _, kind, info in sorted(active, key=lambda s: (-_ORDER[s[2]], s[1] - s[0])):
            if kind in seen:
                continue
            seen.add(kind)
            piece = _wrap(piece, kind, info)
        out.append(piece)
    return Markup("").join(out)


def marked_snippet(snippet: str) -> Markup:
    """A search snippet whose «match» is shown as <mark>, every piece escaped."""
    out: list[Markup] = []
    rest = snippet
    while "«" in rest and "»" in rest.split("«", 1)[1]:
        before, tail = rest.split("«", 1)
        match, rest = tail.split("»", 1)
        out.append(Markup(escape(before)))
        out.append(Markup("<mark>{}</mark>").format(match))
    out.append(Markup(escape(rest)))
    return Markup("").join(out)
