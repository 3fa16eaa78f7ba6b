"""A readable summary of an analysis record for a terminal."""
from __future__ import annotations

from rich.console import Console
from rich.table import Table

from marsad.record import Analysis


def _excerpt(text: str, size: int = 90) -> str:
    return text if len(text) <= size else text[: size - 1] + "…"


def print_summary(record: Analysis, console: Console) -> None:
    """Print the title, date, layers and warnings of a record."""
    console.rule(record.title, style="bold")
    console.print(f"published: {record.published or '—'}   id: {record.id}", markup=False)
    if record.url:
        console.print(f"url: {record.url}", markup=False)
    paragraphs = record.text.split("\n\n")[1:]
    console.print(f"{len(paragraphs)} paragraphs, {len(record.text)} characters", markup=False)
    if record.entities:
        table = Table("type", "name", "English", "country", "sector", "mentions", title="entities")
        for entity in record.entities:
            table.add_row(entity.type, entity.name, entity.name_en or "", entity.country or "",
                          entity.sector or "", str(len(entity.mentions)))
        console.print(table)
    names = {entity.id: entity.name for entity in record.entities}
    names.update({a.id: a.text for a in record.attributions})
    if record.events:
        console.print("events:", style="bold")
    for event in record.events:
        who = " → ".join(x for x in (names.get(event.source or ""), names.get(event.target or "")) if x)
        where = f" @ {names[event.location]}" if event.location in names else ""
        when = ""
        if event.date is not None:
            when = f" {event.date.start or '…'}" + (
                f"..{event.date.end}" if event.date.end != event.date.start else "")
        sources = ", ".join(names.get(a, a) for a in event.attributed_to)
        console.print(f"  • {event.type}{'/' + event.mode if event.mode else ''} [{event.status}] "
                      f"{who}{where}{when} «{event.trigger.text}»" + (f" (per {sources})" if sources else ""),
                      markup=False)
    if record.quotes:
        console.print("quotes:", style="bold")
    for quote in record.quotes:
        speaker = names.get(quote.speaker or "", quote.speaker or "?")
        mark = "«»" if quote.direct else "≈"
        console.print(f"  {mark} {speaker} ({quote.cue or ''}): {_excerpt(quote.text)}", markup=False)
    if record.dates:
        table = Table("expression", "value", "calendar", title="dates")
        for mention in record.dates:
            value = "—" if mention.value is None else (
                mention.value.start if mention.value.start == mention.value.end
                else f"{mention.value.start} .. {mention.value.end}")
            table.add_row(mention.text, value or "—", mention.calendar)
        console.print(table)
    for title, lines in (("highlights", record.highlights), ("boilerplate", record.boilerplate)):
        if lines:
            console.print(f"{title}:", style="bold")
            for line in lines:
                console.print(f"  • {_excerpt(line)}", markup=False)
    for warning in record.warnings:
        console.print(f"warning: {warning}", style="yellow", markup=False)
