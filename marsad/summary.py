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
    if record.events:
        table = Table("type", "mode", "source", "target", "date", "status", "evidence", title="events")
        names = {entity.id: entity.name for entity in record.entities}
        for event in record.events:
            date = event.date.start if event.date else ""
            table.add_row(event.type, event.mode or "", names.get(event.source, event.source or ""),
                          names.get(event.target, event.target or ""), date or "", event.status,
                          _excerpt(record.text[event.evidence.start:event.evidence.end], 60))
        console.print(table)
    for quote in record.quotes:
        console.print(f"« {_excerpt(quote.text)} » — {quote.speaker or '?'} ({quote.cue or ''})",
                      markup=False)
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
