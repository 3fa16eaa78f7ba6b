"""The loopback news site the watch tests read (tests/watch_server.py), with a robots.txt that
keeps one folder private."""
from __future__ import annotations

import pytest
from watch_server import NewsSite


@pytest.fixture
def site():
    site = NewsSite().start()
    site.add("/robots.txt", "User-agent: *\nDisallow: /private/\n", "text/plain")
    yield site
    site.close()
