"""The corpus commands: `marsad ingest`, `marsad query ...` and `marsad export`."""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from marsad.store.db import DEFAULT_DB, Store, open_reader

INPUT_ERROR_EXIT = 2
DB_HELP = "The store: an SQLite file."

out = Console(highlight=False)
err = Console(stderr=True, highlight=False)


def _print_json(value: Any) -> None:
    sys.stdout.write(json.dumps(value, ensure_ascii=False, indent=1) + "\n")


def _table(title: str, columns: list[str], rows: list[list[Any]]) -> None:
    table = Table(title=title, title_justify="left", show_lines=False)
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*["" if v is None else str(v) for v in row])
    out.print(table)


def _reader(db: Path, fresh_stories: bool = False) -> Store:
    """A read-only store, checked for damage; stories left stale by an interrupted ingest are
    rebuilt first."""
    if fresh_stories and db.is_file():
        reader = open_reader(db, check=True)
        stale = reader.stories_stale()
        reader.close()
        if stale:
            with Store(db) as writer:
                writer.rebuild_stories()
    return open_reader(db, check=not fresh_stories)


def _short(text: Optional[str], width: int = 90) -> str:
    """A table cell: whitespace collapsed, cut at `width` characters."""
    text = " ".join((text or "").split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _actor(name: Optional[str], country: Optional[str]) -> str:
    if not name:
        return ""
    return f"{name} ({country})" if country else name


def register(app: typer.Typer, guarded) -> None:
    """Add `ingest`, `query` and `export` to the `marsad` command line."""
    from marsad.cli import time_limit_option

    @app.command()
    def ingest(
        paths: list[Path] = typer.Argument(..., help="Files and folders: .txt .html .jsonl .warc .warc.gz"),
        db: Path = typer.Option(Path(DEFAULT_DB), "--db", help=DB_HELP),
        published: Optional[str] = typer.Option(None, "--published", help="Publication date of documents "
                                                "that give none (YYYY-MM-DD, RFC 822, Arabic)."),
        url: Optional[str] = typer.Option(None, "--url", help="URL of documents that give none."),
        outlet: Optional[str] = typer.Option(None, "--outlet", help="Outlet of documents that give none "
                                             "(default: the URL's host)."),
        manifest: Optional[Path] = typer.Option(None, "--manifest", help="CSV/TSV with a header: path, "
                                                "url, published, outlet, title (paths relative to it)."),
        replace: bool = typer.Option(False, "--replace", help="Replace a document stored under the same "
                                     "id with another text (the old version is kept)."),
        limit_s: float = time_limit_option(),
    ) -> None:
        """Analyse documents into the store; what is already there is skipped."""
        from marsad.batch import refuse_overwriting_input
        from marsad.cli import flag_metadata
        from marsad.errors import InputError
        from marsad.store.ingest import count_items, expand_paths, ingest as run_ingest

        def run() -> None:
            defaults = flag_metadata(published, url, outlet)
            if manifest is not None and not manifest.is_file():
                raise InputError(str(manifest), "no such manifest file")
            files = expand_paths(paths)
            refuse_overwriting_input(files + ([manifest] if manifest else []), db)
            with Store(db, check=db.is_file()) as store:
                columns = (TextColumn("ingesting"), BarColumn(), MofNCompleteColumn(),
                           TimeElapsedColumn())
                with Progress(*columns, console=err, transient=True) as bar:
                    task = bar.add_task("ingest", total=count_items(files))
                    report = run_ingest(store, files, progress=lambda _: bar.advance(task),
                                        defaults=defaults, manifest=manifest, replace=replace,
                                        folders=paths, time_limit_s=limit_s)
            for _, message in report.errors[:50]:
                err.print(f"marsad: {message}", markup=False, soft_wrap=True)
            if len(report.errors) > 50:
                err.print(f"marsad: ... and {len(report.errors) - 50} more failures "
                          f"(see the failures table of {db})", markup=False)
            replaced = f"{report.replaced} replaced, " if report.replaced else ""
            err.print(f"{report.new} new, {replaced}{report.duplicate} duplicate, {report.failed} failed; "
                      f"{report.stories} stories -> {db}", markup=False, soft_wrap=True)
            if report.failed:
                raise typer.Exit(INPUT_ERROR_EXIT)

        guarded(run)

    query_app = typer.Typer(no_args_is_help=False, help="Query the store: events, actors, "
                                                        "text, stories, disputes, new actors.")
    app.add_typer(query_app, name="query")

    def settings(ctx: typer.Context, db: Optional[Path], as_json: Optional[bool]) -> tuple[Path, bool]:
        parent = ctx.obj or {}
        return (db or parent.get("db") or Path(DEFAULT_DB),
                bool(as_json if as_json is not None else parent.get("json")))

    @query_app.callback(invoke_without_command=True)
    def query(
        ctx: typer.Context,
        type: Optional[str] = typer.Option(None, "--type", help="PLOVER event type, e.g. ASSAULT."),
        actor: Optional[str] = typer.Option(None, "--actor", help="Source or target actor (name, English name or KB id)."),
        country: Optional[str] = typer.Option(None, "--country", help="Source or target country, ISO alpha-3."),
        place: Optional[str] = typer.Option(None, "--place", help="Where the event happened."),
        since: Optional[str] = typer.Option(None, "--since", help="Events on or after YYYY-MM-DD."),
        until: Optional[str] = typer.Option(None, "--until", help="Events on or before YYYY-MM-DD."),
        status: Optional[str] = typer.Option(None, "--status", help="reported, denied, hypothetical, planned or background (left out unless asked for)."),
        limit: int = typer.Option(100, "--limit", min=0, help="At most this many rows (0: all)."),
        db: Path = typer.Option(Path(DEFAULT_DB), "--db", help=DB_HELP),
        as_json: bool = typer.Option(False, "--json", help="Print JSON."),
    ) -> None:
        """Events matching the filters; or one of the subcommands below."""
        ctx.obj = {"db": db, "json": as_json}
        if ctx.invoked_subcommand is not None:
            return
        from marsad.store.query import EventFilter, find_events

        def run() -> None:
            with _reader(db) as store:
                rows = find_events(store.db, EventFilter(type, actor, country, place, since, until,
                                                         status, limit or None))
            if as_json:
                return _print_json(rows)
            _table(f"{len(rows)} events", ["date", "type", "mode", "source", "target", "place",
                                           "status", "story", "evidence"],
                   [[r["date"] or r["published"], r["type"], r["mode"],
                     _actor(r["source"], r["source_country"]), _actor(r["target"], r["target_country"]),
                     r["place"], r["status"], r["story"], _short(r["evidence"])] for r in rows])

        guarded(run)

    @query_app.command("actor")
    def actor_command(
        ctx: typer.Context,
        name: str = typer.Argument(..., help="The actor's name (Arabic, any spelling), English name or KB id."),
        db: Optional[Path] = typer.Option(None, "--db", help=DB_HELP),
        as_json: Optional[bool] = typer.Option(None, "--json", help="Print JSON."),
    ) -> None:
        """An actor's profile: events as source and target, quotes, co-occurring actors."""
        from marsad.store.query import actor_profile

        def run() -> None:
            path, js = settings(ctx, db, as_json)
            with _reader(path) as store:
                profile = actor_profile(store.db, name)
            if js:
                return _print_json(profile)
            for entity in profile["entities"]:
                out.print(f"{entity['name']} — {entity['name_en'] or ''} [{entity['type']}] "
                          f"country {entity['country'] or '?'}, sector {entity['sector'] or '?'}, "
                          f"kb {entity['kb'] or '-'}, {entity['documents']} documents; roles: "
                          f"{'، '.join(entity['roles']) or '-'}", markup=False)
            for key, title in (("as_source", "as source"), ("as_target", "as target")):
                _table(f"events {title}", ["date", "type", "mode", "source", "target", "status", "evidence"],
                       [[r["date"] or r["published"], r["type"], r["mode"], r["source"], r["target"],
                         r["status"], _short(r["evidence"])] for r in profile[key]])
            _table("quotes", ["date", "direct", "text"],
                   [[q["published"], "yes" if q["direct"] else "no", q["text"]] for q in profile["quotes"]])
            _table("seen with", ["actor", "type", "country", "documents"],
                   [[c["name"], c["type"], c["country"], c["documents"]] for c in profile["co_occurring"]])

        guarded(run)

    @query_app.command("search")
    def search_command(
        ctx: typer.Context,
        text: str = typer.Argument(..., help="Words to find (any hamza/alef spelling, with or without و ب ل ال)."),
        limit: int = typer.Option(20, "--limit", min=1),
        db: Optional[Path] = typer.Option(None, "--db", help=DB_HELP),
        as_json: Optional[bool] = typer.Option(None, "--json", help="Print JSON."),
    ) -> None:
        """Full-text search over the documents, with Arabic snippets."""
        from marsad.store.query import search

        def run() -> None:
            path, js = settings(ctx, db, as_json)
            with _reader(path) as store:
                hits = search(store.db, text, limit)
            if js:
                return _print_json(hits)
            _table(f"{len(hits)} documents", ["date", "title", "snippet", "document"],
                   [[h["published"], h["title"], h["snippet"], h["document"]] for h in hits])

        guarded(run)

    @query_app.command("stories")
    def stories_command(
        ctx: typer.Context,
        type: Optional[str] = typer.Option(None, "--type", help="PLOVER event type."),
        min_documents: int = typer.Option(2, "--min-documents", min=1, help="Only stories told by this many documents."),
        limit: int = typer.Option(100, "--limit", min=0),
        db: Optional[Path] = typer.Option(None, "--db", help=DB_HELP),
        as_json: Optional[bool] = typer.Option(None, "--json", help="Print JSON."),
    ) -> None:
        """Stories: one event as told by several documents, with independent sources counted."""
        from marsad.store.query import list_stories

        def run() -> None:
            path, js = settings(ctx, db, as_json)
            with _reader(path, fresh_stories=True) as store:
                rows = list_stories(store.db, type=type, min_documents=min_documents, limit=limit or None)
            if js:
                return _print_json(rows)
            _table(f"{len(rows)} stories", ["first date", "type", "mode", "source", "target", "place",
                                            "docs", "sources", "statuses", "reported", "story"],
                   [[r["first_date"], r["type"], r["mode"], _actor(r["source"], r["source_country"]),
                     _actor(r["target"], r["target_country"]), r["place"], r["documents"], r["sources"],
                     " ".join(f"{k}:{v}" for k, v in r["statuses"].items()),
                     f"{r['first_reported'] or ''}…{r['last_reported'] or ''}", r["id"]] for r in rows])

        guarded(run)

    @query_app.command("disputes")
    def disputes_command(
        ctx: typer.Context,
        limit: int = typer.Option(50, "--limit", min=0),
        db: Optional[Path] = typer.Option(None, "--db", help=DB_HELP),
        as_json: Optional[bool] = typer.Option(None, "--json", help="Print JSON."),
    ) -> None:
        """Stories whose sources disagree: who reports the event and who denies it, side by side."""
        from marsad.corpus.disputes import find_disputes

        def run() -> None:
            path, js = settings(ctx, db, as_json)
            with _reader(path, fresh_stories=True) as store:
                disputes = find_disputes(store.db, limit or None)
            if js:
                return _print_json(disputes)
            for d in disputes:
                _table(f"{d['type']} {d['mode'] or ''} — {d['source'] or '?'} → {d['target'] or '?'}"
                       f" {d['place'] or ''} {d['date'] or ''} (story {d['story']})",
                       ["says", "according to", "outlet", "date", "evidence", "document"],
                       [[s["status"], "، ".join(s["according_to"]) or "(the document)",
                         s["outlet"], s["published"], _short(s["evidence"]), s["document"]]
                        for s in d["reports"] + d["denials"]])
            if not disputes:
                out.print("no disputes")

        guarded(run)

    @query_app.command("discover")
    def discover_command(
        ctx: typer.Context,
        min_documents: int = typer.Option(1, "--min-documents", min=1),
        limit: int = typer.Option(100, "--limit", min=0),
        db: Optional[Path] = typer.Option(None, "--db", help=DB_HELP),
        as_json: Optional[bool] = typer.Option(None, "--json", help="Print JSON."),
    ) -> None:
        """People and organisations with titles that the knowledge base does not know, to confirm."""
        from marsad.corpus.discovery import discover_actors

        def run() -> None:
            path, js = settings(ctx, db, as_json)
            with _reader(path) as store:
                found = discover_actors(store.db, min_documents)
            found = found[:limit] if limit else found
            if js:
                return _print_json(found)
            _table(f"{len(found)} actors not in the knowledge base",
                   ["name", "type", "country", "sector", "roles", "documents"],
                   [[a["name"], a["type"], a["country"], a["sector"], "، ".join(a["roles"]),
                     f"{len(a['documents'])}: " + ", ".join(a["documents"][:3])] for a in found])

        guarded(run)

    @app.command()
    def export(
        output: Path = typer.Option(..., "-o", "--output", help="The file to write."),
        format: str = typer.Option("jsonl", "--format", help="jsonl, csv or parquet."),
        what: str = typer.Option("records", "--what", help="records, events (one row an event) or stories."),
        db: Path = typer.Option(Path(DEFAULT_DB), "--db", help=DB_HELP),
    ) -> None:
        """Export the records, a flat event table or the stories."""
        from marsad.store.export import export as run_export

        def run() -> None:
            from marsad.batch import refuse_overwriting_input

            refuse_overwriting_input([db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")],
                                     output)
            with _reader(db, fresh_stories=what != "records") as store:
                count = run_export(store.db, what, format, output)
            err.print(f"{count} {what} -> {output}", markup=False, soft_wrap=True)

        guarded(run)
