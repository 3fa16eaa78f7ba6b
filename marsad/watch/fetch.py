"""Polite fetching: robots.txt, a delay per host, conditional GET, timeouts, bounded retries,
redirects and sizes. Every failure is one named error with the URL; nothing is retried for ever."""
from __future__ import annotations

import threading
import time
import urllib.robotparser
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import httpx

from marsad.errors import FetchFailed, ResponseTooLarge, RobotsDisallowed, WatchError

# Sites see who is asking; robots.txt rules for "Marsad" apply to it (and those for "*").
USER_AGENT = "Marsad/0.1 (Arabic news monitor; +https://github.com/marsad-project/marsad)"
ROBOTS_AGENT = "Marsad"
FEED_ACCEPT = ("application/rss+xml, application/atom+xml, application/xml;q=0.9, "
               "text/xml;q=0.9, */*;q=0.5")
PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"
# Google reads the first 500 KiB of a robots.txt (RFC 9309 asks crawlers for at least that).
MAX_ROBOTS_BYTES = 500 * 1024
# A robots.txt read is trusted for an hour; one that could not be read is asked again in five
# minutes, so a site down for a moment is not shut out for the whole run.
ROBOTS_TTL_S = 3600.0
ROBOTS_RETRY_S = 300.0
# Statuses worth asking again after a pause: the server is busy or failing for a while.
RETRY_STATUSES = frozenset({408, 425, 429, 500, 502, 503, 504})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
# A Retry-After longer than this is not waited for inside a round: the next round will ask.
MAX_RETRY_AFTER_S = 30.0


@dataclass(frozen=True)
class FetchPolicy:
    """How politely and how patiently to fetch; the defaults suit real news sites."""
    timeout_s: float = 20.0        # to connect, and between two bytes of an answer
    total_s: float = 60.0          # for a whole answer: a server dripping bytes cannot hold a round
    delay_s: float = 1.0           # between two requests to one host (robots.txt may ask for more)
    retries: int = 2               # further tries after a timeout, a refused connection or a 5xx
    backoff_s: float = 2.0         # the first pause before a retry; doubled each time
    max_bytes: int = 5 * 1024 * 1024   # an article page or feed; reading stops past it
    max_redirects: int = 5


@dataclass
class Response:
    """A complete answer: 200 with its body, or 304 Not Modified (empty)."""
    url: str                       # the URL asked for
    final_url: str                 # where the redirects led
    status: int
    content: bytes = b""
    content_type: str = ""
    etag: str | None = None
    last_modified: str | None = None
    location: str | None = None    # where a redirect points
    retry_after_s: float = 0.0     # what a 429 or 503 asks for


@dataclass
class _Robots:
    parser: urllib.robotparser.RobotFileParser | None   # None: everything allowed
    disallow_all: str | None                            # why everything is refused, if it is
    expires: float
    crawl_delay: float = 0.0


def failure(url: str, problem: str, *, transient: bool, cls: type[WatchError] = FetchFailed) -> WatchError:
    """A named fetch error that says whether asking again later may succeed."""
    error = cls(url, problem)
    error.transient = transient
    return error


def is_transient(error: BaseException) -> bool:
    """Whether a page that failed with `error` is worth trying again in a later round."""
    return bool(getattr(error, "transient", False))


@dataclass
class Fetcher:
    """One crawler's connections, robots.txt cache and per-host clock; `stop` cuts waits short."""
    policy: FetchPolicy = field(default_factory=FetchPolicy)
    stop: threading.Event = field(default_factory=threading.Event)
    requests: int = 0

    def __post_init__(self) -> None:
        timeout = httpx.Timeout(self.policy.timeout_s)
        # Redirects are followed here, one hop at a time, so that each hop's robots.txt and the
        # hop limit are checked; only gzip and deflate are asked for, both expanded under the limit.
        self.client = httpx.Client(timeout=timeout, follow_redirects=False,
                                   headers={"User-Agent": USER_AGENT,
                                            "Accept-Encoding": "gzip, deflate"})
        self._robots: dict[str, _Robots] = {}
        self._last_request: dict[str, float] = {}

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> "Fetcher":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- the one public request -------------------------------------------------------------
    def get(self, url: str, *, accept: str = PAGE_ACCEPT, etag: str | None = None,
            last_modified: str | None = None) -> Response:
        """GET `url` politely: 200 with the body, or 304 when the validators still hold.

        Raises RobotsDisallowed, ResponseTooLarge or FetchFailed (an HTTP error, a timeout, a
        refused connection, too many redirects), each naming the URL; `transient` on the error
        says whether a later round may succeed.
        """
        headers = {"Accept": accept}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        current = url
        for _ in range(self.policy.max_redirects + 1):
            self._check_robots(current)
            response = self._with_retries(current, headers)
            if response.status in REDIRECT_STATUSES:
                location = response.location
                if not location:
                    raise failure(url, f"HTTP {response.status} without a Location", transient=False)
                current = urljoin(current, location)
                if urlsplit(current).scheme not in ("http", "https"):
                    raise failure(url, f"redirected to a non-HTTP URL {current[:200]!r}", transient=False)
                continue
            response.url = url
            response.final_url = current
            return response
        raise failure(url, f"more than {self.policy.max_redirects} redirects", transient=False)

    # -- robots.txt -------------------------------------------------------------------------
    def _check_robots(self, url: str) -> None:
        robots = self._robots_for(url)
        if robots.disallow_all:
            raise failure(url, robots.disallow_all, transient=True, cls=RobotsDisallowed)
        if robots.parser is not None and not robots.parser.can_fetch(ROBOTS_AGENT, url):
            raise failure(url, "robots.txt disallows it", transient=False, cls=RobotsDisallowed)

    def _robots_for(self, url: str) -> _Robots:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        cached = self._robots.get(origin)
        if cached is not None and cached.expires > time.monotonic():
            return cached
        robots = self._read_robots(origin + "/robots.txt")
        self._robots[origin] = robots
        return robots

    def _read_robots(self, robots_url: str, hops: int = 0) -> _Robots:
        """RFC 9309: a 4xx means no rules; an unreachable robots.txt (5xx, network) means none
        of the site may be fetched for now; a longer one than 500 KiB is read that far."""
        now = time.monotonic()
        try:
            response = self._with_retries(robots_url, {"Accept": "text/plain"}, max_bytes=MAX_ROBOTS_BYTES,
                                          retries=min(self.policy.retries, 1), truncate=True)
        except WatchError as error:
            if getattr(error, "status", None) and 400 <= error.status < 500:
                return _Robots(None, None, now + ROBOTS_TTL_S)
            return _Robots(None, f"robots.txt could not be read ({error.problem}); the site is "
                                 "not fetched until it can be", now + ROBOTS_RETRY_S)
        if response.status in REDIRECT_STATUSES:   # RFC 9309: follow at least five hops
            target = urljoin(robots_url, response.location or "")
            if hops >= self.policy.max_redirects or urlsplit(target).scheme not in ("http", "https"):
                return _Robots(None, None, now + ROBOTS_TTL_S)   # RFC 9309: as if not found
            return self._read_robots(target, hops + 1)
        parser = urllib.robotparser.RobotFileParser(robots_url)
        parser.parse(response.content.decode("utf-8", "replace").splitlines())
        delay = parser.crawl_delay(ROBOTS_AGENT)
        return _Robots(parser, None, now + ROBOTS_TTL_S, float(delay or 0.0))

    # -- requests ---------------------------------------------------------------------------
    def _with_retries(self, url: str, headers: dict[str, str], *, max_bytes: int | None = None,
                      retries: int | None = None, truncate: bool = False) -> Response:
        retries = self.policy.retries if retries is None else retries
        pause = self.policy.backoff_s
        for attempt in range(retries + 1):
            try:
                response = self._once(url, headers, max_bytes or self.policy.max_bytes, truncate)
            except WatchError as error:
                if not is_transient(error) or attempt == retries:
                    raise
                wait = pause
            else:
                if response.status not in RETRY_STATUSES:
                    return _checked(response)
                if attempt == retries:
                    return _checked(response)
                wait = max(pause, response.retry_after_s)
            if self.stop.wait(min(wait, MAX_RETRY_AFTER_S)):
                raise failure(url, "stopped before a retry", transient=True)
            pause *= 2
        raise AssertionError("unreachable")

    def _wait_turn(self, host: str) -> None:
        """Keep the per-host delay (robots.txt's Crawl-delay when it asks for more)."""
        robots = self._robots.get(host)
        delay = max(self.policy.delay_s, robots.crawl_delay if robots else 0.0)
        last = self._last_request.get(host)
        if last is not None:
            wait = last + delay - time.monotonic()
            if wait > 0:
                self.stop.wait(wait)

    def _once(self, url: str, headers: dict[str, str], max_bytes: int, truncate: bool = False) -> Response:
        """One request; past `max_bytes` the answer is refused, or with `truncate` cut there."""
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        self._wait_turn(origin)
        started = time.monotonic()
        self.requests += 1
        try:
            with self.client.stream("GET", url, headers=headers) as answer:
                declared = answer.headers.get("Content-Length", "")
                if declared.isdigit() and int(declared) > max_bytes and not truncate:
                    raise failure(url, f"declares {int(declared):,} bytes, over the limit of "
                                       f"{max_bytes:,}", transient=False, cls=ResponseTooLarge)
                body = bytearray()
                if answer.status_code == 200:
                    for chunk in answer.iter_bytes():
                        body += chunk
                        if len(body) > max_bytes and truncate:
                            del body[max_bytes:]
                            break
                        if len(body) > max_bytes:
                            raise failure(url, f"over the limit of {max_bytes:,} bytes (reading "
                                               "stopped there)", transient=False, cls=ResponseTooLarge)
                        if time.monotonic() - started > self.policy.total_s:
                            raise failure(url, f"answer still incomplete after {self.policy.total_s:g} s",
                                          transient=True)
                return Response(url, url, answer.status_code, bytes(body),
                                answer.headers.get("Content-Type", ""), answer.headers.get("ETag"),
                                answer.headers.get("Last-Modified"), answer.headers.get("Location"),
                                _seconds(answer.headers.get("Retry-After")))
        except httpx.TimeoutException as error:
            raise failure(url, f"no answer within {self.policy.timeout_s:g} s ({type(error).__name__})",
                          transient=True) from None
        except httpx.HTTPError as error:   # refused, reset, a broken answer, a bad URL
            raise failure(url, f"{type(error).__name__}: {str(error)[:200] or 'request failed'}",
                          transient=True) from None
        except httpx.InvalidURL as error:
            raise failure(url, f"not a URL that can be fetched ({error})", transient=False) from None
        finally:
            self._last_request[origin] = time.monotonic()


def _checked(response: Response) -> Response:
    """The answer when usable (200, 304, a redirect to follow), else FetchFailed with its status."""
    if response.status in (200, 304) or response.status in REDIRECT_STATUSES:
        return response
    error = failure(response.url, f"HTTP {response.status}",
                    transient=response.status in RETRY_STATUSES)
    error.status = response.status
    raise error


def _seconds(value: str | None) -> float:
    """A Retry-After given in seconds (an HTTP date there is rare and read as none)."""
    try:
        return max(0.0, float(value)) if value else 0.0
    except ValueError:
        return 0.0
