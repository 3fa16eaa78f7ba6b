"""What `marsad watch` keeps in the store: each source's validators and rounds, the pages done."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from marsad.store.db import Store, _now, open_reader


@dataclass
class FeedState:
    """One feed or sitemap followed, as the store last saw it (the dashboard's sources page)."""
    url: str
    outlet: str | None = None
    language: str | None = None
    kind: str | None = None              # rss, atom, rdf, sitemap, sitemapindex
    etag: str | None = None
    last_modified: str | None = None
    last_round_at: str | None = None
    last_success_at: str | None = None
    last_failure_at: str | None = None
    last_error: str | None = None        # the last round's error, None when it went well
    last_items: int = 0                  # article links the source listed in its last round
    last_new: int = 0                    # new documents stored from it in its last round
    last_failed: int = 0                 # its articles that failed in its last round
    total_new: int = 0
    failures_in_a_row: int = 0


_FEED_COLUMNS = tuple(FeedState.__dataclass_fields__)


def page_key(url: str) -> str:
    """The `inputs` key of an article page: its URL, so that a page is fetched once however
    often its feeds list it, and a restart skips what the last run finished."""
    return hashlib.sha256(b"watch-page\0" + url.encode("utf-8", "surrogatepass")).hexdigest()


def pages_done(store: Store, urls: list[str]) -> set[str]:
    """The URLs among `urls` that need no fetching: stored, duplicates, or failed for good."""
    done: set[str] = set()
    for url in urls:
        row = store.db.execute('SELECT 1 FROM "inputs" WHERE "key" = ?', (page_key(url),)).fetchone()
        if row:
            done.add(url)
    return done


def page_attempts(store: Store, url: str) -> int:
    row = store.db.execute('SELECT "attempts" FROM "watch_pages" WHERE "url" = ?', (url,)).fetchone()
    return row[0] if row else 0


def mark_page(store: Store, url: str, status: str, document_id: str | None = None) -> None:
    """Record a page as done (`duplicate` of a stored document, or `failed` for good)."""
    with store.transaction():
        store.db.execute('INSERT OR IGNORE INTO "inputs" VALUES (?, ?, ?, ?, ?)',
                         (page_key(url), url, document_id, status, _now()))
        store.db.execute('DELETE FROM "watch_pages" WHERE "url" = ?', (url,))


def page_failed(store: Store, url: str, feed: str, code: str, message: str, *,
                permanent: bool, max_attempts: int) -> bool:
    """Count a failed attempt at a page, and keep its error in `failures`; returns whether the
    page is now given up (a permanent failure, or `max_attempts` transient ones)."""
    with store.transaction():
        row = store.db.execute('SELECT "attempts" FROM "watch_pages" WHERE "url" = ?',
                               (url,)).fetchone()
        attempts = (row[0] if row else 0) + 1
        given_up = permanent or attempts >= max_attempts
        if given_up:
            store.db.execute('INSERT OR IGNORE INTO "inputs" VALUES (?, ?, NULL, ?, ?)',
                             (page_key(url), url, "failed", _now()))
            store.db.execute('DELETE FROM "watch_pages" WHERE "url" = ?', (url,))
        else:
            store.db.execute('INSERT OR REPLACE INTO "watch_pages" VALUES (?, ?, ?, ?, ?)',
                             (url, feed, attempts, message, _now()))
        store.db.execute('INSERT OR REPLACE INTO "failures" VALUES (?, ?, ?, ?)',
                         (url, code, message, _now()))
    return given_up


def load_feed(store: Store, url: str) -> FeedState | None:
    row = store.db.execute(f'SELECT {", ".join(_quoted(_FEED_COLUMNS))} FROM "watch_feeds" '
                           'WHERE "url" = ?', (url,)).fetchone()
    return FeedState(*row) if row else None


def save_feed(store: Store, state: FeedState) -> None:
    values = [getattr(state, name) for name in _FEED_COLUMNS]
    with store.transaction():
        store.db.execute(f'INSERT OR REPLACE INTO "watch_feeds" ({", ".join(_quoted(_FEED_COLUMNS))}) '
                         f'VALUES ({", ".join("?" * len(values))})', values)


def feed_states(db_path: str | Path) -> list[FeedState]:
    """Every source `marsad watch` has followed in the store at `db_path`, by URL, read-only:
    its last round, new articles and errors (for the dashboard's sources page)."""
    with open_reader(db_path) as store:
        exists = store.db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' "
                                  "AND name = 'watch_feeds'").fetchone()
        if not exists:  # a store written before migration 3 has followed nothing
            return []
        rows = store.db.execute(f'SELECT {", ".join(_quoted(_FEED_COLUMNS))} FROM "watch_feeds" '
                                'ORDER BY "url"').fetchall()
    return [FeedState(*row) for row in rows]


def _quoted(names: tuple[str, ...]) -> list[str]:
    return [f'"{name}"' for name in names]
