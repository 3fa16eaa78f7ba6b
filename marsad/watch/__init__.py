"""Following the news: feeds and sitemaps watched, their new articles read, analysed and stored.

`marsad watch SOURCES` (commands.py) runs rounds (rounds.py) over the sources file (sources.py):
each source is fetched politely (fetch.py), read as RSS, Atom or a sitemap (feeds.py), and its
articles not yet done go through the HTML ingest path into the store, whose migration 3 keeps
the watch's state (marsad/store/watch.py).
"""
from __future__ import annotations

from marsad.store.watch import FeedState, feed_states

__all__ = ["FeedState", "feed_states"]
