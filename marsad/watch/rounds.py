"""One round of watching: every source's new articles fetched, read, analysed and stored."""
from __future__ import annotations

import datetime as dt
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field

from marsad.errors import IdConflict, MarsadError, NotAFeed, WatchError
from marsad.ingest import Metadata, read_document
from marsad.ingest.fields import url_outlet
from marsad.record import Document
from marsad.store.db import Store
from marsad.store.watch import FeedState, load_feed, mark_page, page_failed, page_key, pages_done, save_feed
from marsad.watch.analysis import LocalAnalysis
from marsad.watch.feeds import Feed, FeedItem, parse_feed
from marsad.watch.fetch import FEED_ACCEPT, PAGE_ACCEPT, Fetcher, is_transient
from marsad.watch.sources import Source

# A sitemap index may list thousands of sitemaps (one a day for years); the newest are listed
# last or first depending on the site, so a round reads at most this many, from both ends.
MAX_CHILD_SITEMAPS = 20
# A page that keeps failing for a reason that may pass (a timeout, a 503) is tried in this many
# rounds, then given up and kept in the failures table.
MAX_PAGE_ATTEMPTS = 3
# Content types an article page may have; a PDF or an image linked from a feed is no article.
_PAGE_TYPES = ("html", "xml", "text/plain")


@dataclass
class SourceReport:
    """How one source went in one round."""
    url: str
    items: int = 0          # article links it listed
    new: int = 0            # documents stored
    duplicates: int = 0     # pages whose text was already stored (another URL, a republication)
    failed: int = 0         # its articles that failed this round
    error: str | None = None   # why the source itself could not be read
    not_modified: bool = False


@dataclass
class RoundReport:
    sources: list[SourceReport] = field(default_factory=list)
    seconds: float = 0.0
    stopped: bool = False   # cut short by SIGINT or SIGTERM
    requests: int = 0

    @property
    def new(self) -> int:
        return sum(s.new for s in self.sources)

    @property
    def duplicates(self) -> int:
        return sum(s.duplicates for s in self.sources)

    @property
    def failures(self) -> int:
        """Sources that could not be read, and articles that failed."""
        return sum(s.failed + (1 if s.error else 0) for s in self.sources)

    @property
    def failed_sources(self) -> int:
        return sum(1 for s in self.sources if s.error)


def progress_line(number: int, report: RoundReport) -> str:
    """The one line a round prints: sources, new articles, failures, seconds."""
    stopped = " (stopped)" if report.stopped else ""
    return (f"round {number}{stopped}: {len(report.sources)} feeds ({report.failed_sources} failed), "
            f"{report.new} new articles, {report.duplicates} duplicates, {report.failures} failures, "
            f"{report.seconds:.1f} s")


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def page_document(data: bytes, item: FeedItem, source: Source) -> Document:
    """An article page read by the HTML path; the feed's date when the page gives none, the
    outlet from the sources file, else the URL's host."""
    metadata = Metadata(url=item.url, outlet=source.outlet or url_outlet(item.url))
    document = read_document(data, item.url, html=True, url=item.url, metadata=metadata)
    if document.published is None and item.published:
        document.published = item.published
    return document


@dataclass
class Watcher:
    """What a round needs: the store, the fetcher, where to analyse (LocalAnalysis or
    ClusterAnalysis), where to log, when to stop."""
    store: Store
    fetcher: Fetcher
    analysis: LocalAnalysis
    log: Callable[[str], None] = print
    stop: threading.Event = field(default_factory=threading.Event)
    max_articles: int = 200   # new articles per source per round; the rest wait for the next

    def round(self, sources: list[Source]) -> RoundReport:
        """Follow every source once; a source or article that fails is logged and skipped."""
        started = time.monotonic()
        requests = self.fetcher.requests
        report = RoundReport()
        for source in sources:
            if self.stop.is_set():
                report.stopped = True
                break
            report.sources.append(self.follow(source))
        report.stopped = report.stopped or self.stop.is_set()
        if report.new and self.store.stories_stale():
            self.store.rebuild_stories()
        report.seconds = time.monotonic() - started
        report.requests = self.fetcher.requests - requests
        return report

    def follow(self, source: Source) -> SourceReport:
        """Read one source, then fetch, analyse and store each of its articles not yet done."""
        state = load_feed(self.store, source.url) or FeedState(source.url)
        state.outlet, state.language = source.outlet, source.language
        state.last_round_at = _now()
        report = SourceReport(source.url)
        try:
            feed, not_modified = self._read_source(source, state)
        except WatchError as error:
            report.error = str(error)
            self._say(f"{error}")
            state.last_error, state.last_failure_at = str(error), _now()
            state.failures_in_a_row += 1
            state.last_items = state.last_new = state.last_failed = 0
            save_feed(self.store, state)
            return report
        report.not_modified = not_modified
        report.items = len(feed.items)
        done = pages_done(self.store, [item.url for item in feed.items])
        in_flight: deque = deque()   # (item, analysis handle): several on a cluster, none locally
        for item in [i for i in feed.items if i.url not in done][: self.max_articles]:
            if self.stop.is_set():   # the articles in hand are finished; the rest wait
                break
            handle = self._submit(item, source, report)
            if handle is not None:
                in_flight.append((item, handle))
            while len(in_flight) > self.analysis.window:
                self._store(*in_flight.popleft(), source, report)
        while in_flight:
            self._store(*in_flight.popleft(), source, report)
        if not not_modified and len(pages_done(self.store, [i.url for i in feed.items])) < len(feed.items):
            # Some articles wait (a transient failure, the per-round cap, a stop): the feed must
            # be read whole next round, not answered 304, or they would wait until it changes.
            state.etag = state.last_modified = None
        state.kind = feed.kind if not not_modified else state.kind
        state.last_error = None
        state.last_success_at = _now()
        state.failures_in_a_row = 0
        state.last_items = report.items if not not_modified else state.last_items
        state.last_new, state.last_failed = report.new, report.failed
        state.total_new += report.new
        save_feed(self.store, state)
        return report

    def _say(self, message: str) -> None:
        """One log line naming the URL: a server's text inside an error can hold line breaks."""
        self.log("marsad watch: " + " ".join(message.split()))

    def _read_source(self, source: Source, state: FeedState) -> tuple[Feed, bool]:
        """The source's feed (its child sitemaps read too), or an empty one when not modified."""
        response = self.fetcher.get(source.url, accept=FEED_ACCEPT, etag=state.etag,
                                    last_modified=state.last_modified)
        if response.status == 304:
            return Feed(state.kind or "unchanged"), True
        feed = parse_feed(response.content, source.url, max_bytes=self.fetcher.policy.max_bytes)
        # Validators are kept only once the feed has been read, so a broken answer is asked again.
        state.etag, state.last_modified = response.etag, response.last_modified
        if feed.kind == "sitemapindex":
            children = feed.sitemaps
            if len(children) > MAX_CHILD_SITEMAPS:
                half = MAX_CHILD_SITEMAPS // 2
                children = children[:half] + children[-half:]
            for child in children:
                if self.stop.is_set():
                    break
                try:
                    answer = self.fetcher.get(child, accept=FEED_ACCEPT)
                    nested = parse_feed(answer.content, child, max_bytes=self.fetcher.policy.max_bytes)
                except WatchError as error:
                    self._say(f"{error} (listed by {source.url})")
                    continue
                if nested.kind == "sitemapindex":   # deeper indexes are not followed: no loops
                    self._say(f"{child}: a sitemap index inside a sitemap index, "
                              f"not followed (listed by {source.url})")
                    continue
                feed.items += nested.items
        return feed, False

    def _submit(self, item: FeedItem, source: Source, report: SourceReport):
        """Fetch and read an article page and hand it to the analysis; None when it failed."""
        try:
            response = self.fetcher.get(item.url, accept=PAGE_ACCEPT)
            kind = response.content_type.lower()
            if kind and not any(t in kind for t in _PAGE_TYPES):
                raise NotAFeed(item.url, f"not an article page (content type {kind[:80]})")
            document = page_document(response.content, item, source)
        except MarsadError as error:
            self._page_failed(item, source, error, report)
            return None
        except Exception as error:   # one page must not stop the round; its error is kept
            self._page_failed(item, source, error, report, code="E000")
            return None
        return self.analysis.submit(document, item.url)

    def _store(self, item: FeedItem, handle, source: Source, report: SourceReport) -> None:
        """Store an article's record once its analysis is done."""
        try:
            record = handle.result()
        except MarsadError as error:
            self._page_failed(item, source, error, report)
            return
        except Exception as error:
            self._page_failed(item, source, error, report, code="E000")
            return
        try:
            status, _ = self.store.add_record(record, item.url, page_key(item.url))
        except IdConflict as conflict:
            # The same text is stored from another URL (or with another date): that document
            # stands, and this URL is done.
            mark_page(self.store, item.url, "duplicate", conflict.document_id)
            report.duplicates += 1
            return
        if status == "new":
            report.new += 1
        else:
            report.duplicates += 1

    def _page_failed(self, item: FeedItem, source: Source, error: BaseException,
                     report: SourceReport, code: str | None = None) -> None:
        message = str(error) if isinstance(error, MarsadError) else \
            f"{item.url}: internal error {type(error).__name__}: {error}"
        transient = is_transient(error)
        given_up = page_failed(self.store, item.url, source.url, code or getattr(error, "code", "E000"),
                               message, permanent=not transient, max_attempts=MAX_PAGE_ATTEMPTS)
        later = "" if given_up else " (tried again next round)"
        self._say(f"{message}{later}")
        report.failed += 1
