"""`marsad watch SOURCES`: follow feeds and sitemaps, round after round, until stopped."""
from __future__ import annotations

import re
import signal
import threading
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console

from marsad.store.db import DEFAULT_DB

err = Console(stderr=True, highlight=False)

_SIZE = re.compile(r"\s*([0-9][0-9_]*)\s*([KMG]?)i?B?\s*", re.I)
_UNITS = {"": 1, "K": 1 << 10, "M": 1 << 20, "G": 1 << 30}


def parse_size(value: str, name: str) -> int:
    """A size in bytes written as 5242880, 5M, 512K."""
    from marsad.errors import InputError

    match = _SIZE.fullmatch(value or "")
    size = int(match[1]) * _UNITS[match[2].upper()] if match else 0
    if size <= 0:
        raise InputError(name, f"{value!r} is not a positive size in bytes (e.g. 5M)")
    return size


class StopOnSignal:
    """SIGINT and SIGTERM set `stop`, so the article in hand is finished and stored and the
    watch ends; a second signal interrupts at once (the store's transactions keep it whole)."""

    def __init__(self, stop: threading.Event, say):
        self.stop = stop
        self.say = say
        self._previous: dict[int, object] = {}

    def _handle(self, number: int, frame) -> None:
        if self.stop.is_set():
            raise KeyboardInterrupt
        self.stop.set()
        self.say(f"marsad watch: {signal.Signals(number).name} received: finishing the article "
                 "in hand, then stopping (send it again to stop at once)")

    def __enter__(self) -> "StopOnSignal":
        if threading.current_thread() is threading.main_thread():
            for number in (signal.SIGINT, signal.SIGTERM):
                self._previous[number] = signal.signal(number, self._handle)
        return self

    def __exit__(self, *exc) -> None:
        for number, handler in self._previous.items():
            signal.signal(number, handler)


def register(app: typer.Typer, guarded) -> None:
    """Add `watch` to the `marsad` command line."""
    from marsad.cli import time_limit_option

    @app.command()
    def watch(
        sources: Path = typer.Argument(..., help="A file of feed and sitemap URLs, one a line, each "
                                                 "optionally followed by its outlet and language."),
        db: Path = typer.Option(Path(DEFAULT_DB), "--db", help="The store: an SQLite file."),
        once: bool = typer.Option(False, "--once", help="Run one round and stop."),
        interval: float = typer.Option(900.0, "--interval", min=0,
                                       help="Seconds from the start of one round to the next."),
        rounds: int = typer.Option(0, "--rounds", min=0, help="Stop after this many rounds (0: never)."),
        delay: float = typer.Option(1.0, "--delay", min=0,
                                    help="Seconds between two requests to one host (robots.txt's "
                                         "Crawl-delay when it asks for more)."),
        timeout: float = typer.Option(20.0, "--timeout", min=0.01,
                                      help="Seconds to wait for a connection, or for the next bytes "
                                           "of an answer."),
        total_timeout: float = typer.Option(60.0, "--total-timeout", min=0.01,
                                            help="Seconds a whole answer may take."),
        retries: int = typer.Option(2, "--retries", min=0,
                                    help="Further tries after a timeout, a refused connection or a 5xx."),
        backoff: float = typer.Option(2.0, "--backoff", min=0,
                                      help="Seconds before the first retry, doubled for each next one."),
        max_page: str = typer.Option("5M", "--max-page-bytes",
                                     help="Largest feed or page read (5M, 512K); reading stops past it."),
        max_articles: int = typer.Option(200, "--max-articles", min=1,
                                         help="New articles fetched per source per round; the rest "
                                              "wait for the next round."),
        scheduler: Optional[str] = typer.Option(None, "--scheduler",
                                                help="A Dask scheduler's address (tcp://host:port): "
                                                     "analyse there, fetch and store here."),
        limit_s: float = time_limit_option(),
    ) -> None:
        """Follow RSS/Atom feeds and sitemaps; analyse and store new articles as they arrive."""

        def run() -> None:
            from marsad.batch import refuse_overwriting_input
            from marsad.store.db import Store
            from marsad.watch.analysis import ClusterAnalysis, LocalAnalysis
            from marsad.watch.fetch import FetchPolicy, Fetcher
            from marsad.watch.rounds import Watcher, progress_line
            from marsad.watch.sources import read_sources

            listed = read_sources(sources)
            refuse_overwriting_input([sources], db)
            policy = FetchPolicy(timeout_s=timeout, total_s=max(total_timeout, timeout), delay_s=delay,
                                 retries=retries, backoff_s=backoff,
                                 max_bytes=parse_size(max_page, "--max-page-bytes"))
            stop = threading.Event()
            say = lambda line: err.print(line, markup=False, soft_wrap=True)  # noqa: E731
            limit = 1 if once else rounds
            analysis = ClusterAnalysis(scheduler, limit_s) if scheduler else LocalAnalysis(limit_s)
            try:
                with StopOnSignal(stop, say), Store(db, check=db.is_file()) as store, \
                        Fetcher(policy, stop) as fetcher:
                    watcher = Watcher(store, fetcher, analysis, say, stop, max_articles)
                    number = 0
                    while not stop.is_set():
                        number += 1
                        report = watcher.round(listed)
                        say(progress_line(number, report))
                        if report.stopped or (limit and number >= limit):
                            break
                        stop.wait(max(0.0, interval - report.seconds))
            finally:
                analysis.close()
            if stop.is_set():
                say("marsad watch: stopped")

        guarded(run)
