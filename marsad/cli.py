"""The `marsad` command line; MarsadError becomes a one-line message and exit code 2 here."""
from __future__ import annotations

import importlib
import json
import os
import sys
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from marsad import settings
from marsad.analysis import analyze_document
from marsad.errors import InputError, MarsadError
from marsad.ingest import Metadata, read_document, read_path
from marsad.ingest.dateline import parse_published
from marsad.ingest.fields import url_outlet
from marsad.ingest.streams import is_stream, read_stream
from marsad.timelimit import time_limit

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="Marsad (مرصد): structured knowledge from Arabic news.")
out = Console(highlight=False)
err = Console(stderr=True, highlight=False)

INPUT_ERROR_EXIT = 2


def fail(message: str, code: int = INPUT_ERROR_EXIT) -> None:
    err.print(f"marsad: error: {message}", markup=False, soft_wrap=True)
    raise typer.Exit(code)


def guarded(action):
    """Run a command body, turning errors into one line on stderr and an exit code."""
    try:
        return action()
    except typer.Exit:
        raise
    except MarsadError as error:
        fail(str(error))
    except KeyboardInterrupt:
        fail("interrupted", 130)
    except Exception as error:
        if os.environ.get("MARSAD_DEBUG"):
            raise
        fail(f"internal error {type(error).__name__}: {error} (set MARSAD_DEBUG=1 for details)", 1)


def time_limit_option() -> typer.models.OptionInfo:
    """`--time-limit S`: the per-document time limit, shared by the commands that analyse."""
    return typer.Option(settings.DOCUMENT_TIME_LIMIT_S, "--time-limit", min=0,
                        help="Stop a document's analysis after this many seconds and report it "
                             "(0: no limit; default: MARSAD_TIME_LIMIT, else 300).")


def flag_metadata(published: str | None, url: str | None, outlet: str | None) -> Metadata:
    """The document metadata given by `--published`, `--url` and `--outlet`, checked."""
    return Metadata(published=parse_published(published, "--published"), url=url or None,
                    outlet=(outlet or "").strip() or url_outlet(url))


@app.command()
def analyze(
    path: Optional[str] = typer.Argument(None, help="A .txt or .html file, or - for standard input."),
    html: bool = typer.Option(False, "--html", help="Read the input as an HTML page."),
    published: Optional[str] = typer.Option(None, help="Publication date: YYYY-MM-DD, RFC 822 or an "
                                                       "Arabic date (19 شباط 2018); wins over the page's."),
    url: Optional[str] = typer.Option(None, help="Where the document came from."),
    outlet: Optional[str] = typer.Option(None, help="Who published it (default: the URL's host)."),
    as_json: bool = typer.Option(False, "--json", help="Print the analysis record as JSON."),
    limit_s: float = time_limit_option(),
) -> None:
    """Analyse one article and print a summary, or the record with --json."""

    def run() -> None:
        metadata = flag_metadata(published, url, outlet)
        if path in (None, "-"):
            # Read one byte past the limit, never a whole endless stream; a pipe or socket that
            # sends nothing for a while is given up.
            if is_stream(os.fstat(0).st_mode):
                data = read_stream(0, "<stdin>", settings.MAX_DOCUMENT_BYTES)
            else:
                data = sys.stdin.buffer.read(settings.MAX_DOCUMENT_BYTES + 1)
            document = read_document(data, "<stdin>", html=html or None, metadata=metadata)
        else:
            document = read_path(path, html=html or None, metadata=metadata)
        with time_limit(limit_s, "<stdin>" if path in (None, "-") else path):
            record = analyze_document(document)
        if as_json:
            sys.stdout.write(json.dumps(record.to_dict(), ensure_ascii=False, indent=1) + "\n")
        else:
            from marsad.summary import print_summary

            print_summary(record, out)

    guarded(run)


@app.command()
def batch(
    input: Path = typer.Argument(..., help="JSONL: one {id, text|html, title?, url?, published?, "
                                           "outlet?, abstract?, ...} a line (see the README)."),
    output: Path = typer.Option(..., "-o", "--output", help="Where to write the records (JSONL)."),
    workers: int = typer.Option(1, "--workers", "-w", min=1,
                                help="Local worker processes; with --scheduler, the workers to wait for."),
    scheduler: Optional[str] = typer.Option(None, "--scheduler",
                                            help="A Dask scheduler's address (tcp://host:port) to run on."),
    parquet: Optional[Path] = typer.Option(None, "--parquet",
                                           help="Also write the records as Parquet shards into this folder."),
    limit_s: float = time_limit_option(),
) -> None:
    """Analyse a JSONL file of documents; bad lines go to OUTPUT.errors.jsonl."""
    from marsad.batch import errors_path_of, refuse_overwriting_input, run_batch

    def run() -> None:
        if not input.is_file():
            raise InputError(str(input), "no such file" if not input.exists() else "is not a file")
        refuse_overwriting_input([input], output, errors_path_of(output))
        if not output.parent.exists() and str(output.parent) not in ("", "."):
            raise InputError(str(output), "its folder does not exist")
        if parquet is not None and parquet.exists() and not parquet.is_dir():
            raise InputError(str(parquet), "is not a folder")
        columns = (TextColumn("analysing"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
        with Progress(*columns, console=err, transient=True) as bar:
            task = bar.add_task("batch", total=None)
            if scheduler:
                from marsad.distributed import run_distributed

                report = run_distributed(input, output, scheduler, workers=workers, parquet_dir=parquet,
                                         progress=lambda done: bar.advance(task, done))
            else:
                report = run_batch(input, output, workers, progress=lambda _: bar.advance(task),
                                   time_limit_s=limit_s)
        if parquet is not None and not scheduler:
            from marsad.distributed import write_parquet_dataset

            write_parquet_dataset(output, parquet)
        for error in report.errors[:20]:
            err.print(f"marsad: {error['error']}", markup=False, soft_wrap=True)
        if len(report.errors) > 20:
            err.print(f"marsad: ... and {len(report.errors) - 20} more in {output}.errors.jsonl", markup=False)
        err.print(f"{report.documents - report.failed} analysed, {report.failed} failed "
                  f"-> {output}", markup=False)
        where = f"{report.partitions} partitions on {scheduler}" if scheduler else f"{workers} local process(es)"
        err.print(f"{report.documents} documents in {report.seconds:,.1f} s = {report.rate:,.1f} documents/s "
                  f"({where})", markup=False)
        memory = ", ".join(f"{name} {mb:,.0f} MB" for name, mb in sorted(report.peak_memory_mb.items()))
        err.print(f"peak memory per worker: {memory or 'not reported'}", markup=False)
        if report.failed:
            raise typer.Exit(INPUT_ERROR_EXIT)

    guarded(run)


@app.command()
def tag(
    path: Optional[str] = typer.Argument(None, help="Tokenised sentences, one a line; - for standard input."),
    format: str = typer.Option("conll", "--format", help="Output format: conll (TOKEN TAG lines)."),
    pipeline: bool = typer.Option(False, "--pipeline", help="Tag with the whole pipeline's linked "
                                  "entities (knowledge base, gazetteer, titles, NER) instead of the model."),
) -> None:
    """Tag tokenised sentences: one `TOKEN TAG` line per input token (BIO: PERS LOC ORG MISC)."""

    def run() -> None:
        if format != "conll":
            raise InputError("--format", f"unknown format {format!r} (expected conll)")
        if pipeline:
            from marsad.tagging import tag_with_pipeline as tag_sentences
        else:
            from marsad.nlp.ner import tag_sentences

        if path in (None, "-"):
            data, source = sys.stdin.buffer.read(), "<stdin>"
        else:
            if Path(path).is_dir() or not Path(path).exists():
                raise InputError(path, "is a directory" if Path(path).is_dir() else "no such file")
            data, source = Path(path).read_bytes(), path
        from marsad.ingest.decode import decode_bytes

        lines = decode_bytes(data, source).text.splitlines()
        sentences = [line.split() for line in lines]
        for tokens, tags in zip(sentences, tag_sentences(sentences)):
            if tokens:
                sys.stdout.write("".join(f"{t} {g}\n" for t, g in zip(tokens, tags)) + "\n")

    guarded(run)


@app.command()
def evaluate(
    gold: list[Path] = typer.Argument(..., help="Gold files: analysis gold (.json, or a folder of them), "
                                                "GSR event CSVs (.csv), GSR spans (*_spans.json), "
                                                "or ANERcorp-format NER files (.txt)."),
    as_json: bool = typer.Option(False, "--json", help="Print the scores as JSON."),
    show_errors: bool = typer.Option(False, "--errors", help="List what was missed and what was spurious."),
) -> None:
    """Score Marsad against gold files: precision, recall and F1 per layer."""
    from marsad.evaluate import evaluate_paths, format_report

    def run() -> None:
        for path in gold:
            if not path.exists():
                raise InputError(str(path), "no such file or folder")
            if path.is_dir() and not any(path.glob("*.json")):
                raise InputError(str(path), "a folder with no gold files (.json)")
        report = evaluate_paths(gold)
        if as_json:
            sys.stdout.write(json.dumps(report, ensure_ascii=False, indent=1) + "\n")
        else:
            sys.stdout.write(format_report(report, show_errors) + "\n")

    guarded(run)


# Commands of the corpus-level stages live with their stage and register themselves here;
# a stage whose module is absent adds no command.
COMMAND_MODULES = ("marsad.store.commands", "marsad.web.commands", "marsad.watch.commands")


def register_stage_commands() -> None:
    for module in COMMAND_MODULES:
        try:
            importlib.import_module(module).register(app, guarded)
        except ModuleNotFoundError as error:
            if not error.name or not module.startswith(error.name):
                raise


register_stage_commands()


def main() -> None:
    app()


if __name__ == "__main__":
    main()
