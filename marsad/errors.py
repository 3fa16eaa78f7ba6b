"""One catalogue of the errors Marsad raises; the CLI and the server turn them into exit codes."""
from __future__ import annotations


class MarsadError(Exception):
    """Base of every error Marsad raises on purpose; its message names the offending input."""

    code = "E000"

    def __init__(self, source: str, problem: str):
        self.source = source
        self.problem = problem
        super().__init__(f"{source}: {problem}")

    def __reduce__(self):
        # Rebuilt whole when it crosses processes (the server's analysis workers): Exception's
        # own pickling calls cls(message), which a MarsadError's __init__ does not take.
        return _rebuilt, (type(self), self.args, self.__dict__)


def _rebuilt(kind: type[Exception], args: tuple, state: dict) -> Exception:
    error = kind.__new__(kind)
    Exception.__init__(error, *args)
    error.__dict__.update(state)
    return error


class InputError(MarsadError):
    """The input cannot be read as a news document."""

    code = "E100"


class EmptyInput(InputError):
    code = "E101"


class BinaryInput(InputError):
    code = "E102"


class EncodingUndetected(InputError):
    code = "E103"


class InputTooLarge(InputError):
    code = "E104"


class NotAFile(InputError):
    code = "E105"


class NoText(InputError):
    """The input decoded, but no article text was found in it."""

    code = "E106"


class WouldOverwriteInput(InputError):
    """An output path that is one of the command's own inputs: writing it would destroy them."""

    code = "E107"


class MalformedBody(InputError):
    """A request body that is not JSON, or JSON nested deeper than the parser goes (HTTP 400)."""

    code = "E108"


class BadBatchLine(InputError):
    code = "E110"


class BadField(BadBatchLine):
    """A document field of the wrong type or value (a number for a date, an id too long, ...)."""

    code = "E111"


class DuplicateId(BadBatchLine):
    """An id that an earlier line of the same batch already used."""

    code = "E112"


class BadNerLine(InputError):
    """A line of an ANERcorp-format file that is neither blank nor `TOKEN TAG`."""

    code = "E120"


class DataFileError(MarsadError):
    """A data file shipped in the package breaks its documented format."""

    code = "E300"


class PlaceDataError(DataFileError, ValueError):
    """A gazetteer file (places.tsv, places_extra.tsv) that does not follow its documented format."""

    code = "E301"


class StoreError(MarsadError):
    """The corpus store cannot be opened, read or written."""

    code = "E400"


class StoreNotFound(StoreError):
    code = "E401"


class StoreVersionError(StoreError):
    """The store was written by a newer Marsad, with migrations this one does not know."""

    code = "E402"


class IdConflict(StoreError):
    """A document id already stored with another text; storing it would drop one of the two."""

    code = "E403"

    def __init__(self, source: str, document_id: str, stored_hash: str, new_hash: str,
                 differences: str | None = None):
        self.document_id = document_id
        self.stored_hash = stored_hash
        self.new_hash = new_hash
        what = (f"another text (stored {stored_hash}, new {new_hash})" if stored_hash != new_hash
                else f"the same text ({new_hash}) but other metadata: {differences}")
        super().__init__(source, f"id {document_id[:80]!r} is already stored with {what}; ask to "
                                 "replace it (the old version is kept) or give another id")


class BadQuery(MarsadError):
    """A query or export option is not valid (unknown format, bad date, ...)."""

    code = "E410"


class BadChoice(BadQuery):
    """A filter value outside its list (an event type, a status, a sort column): HTTP 422."""

    code = "E411"


class UnknownEvent(BadQuery):
    """A correction of an event id the store does not hold: HTTP 404."""

    code = "E412"


class ClusterError(MarsadError):
    """The Dask cluster could not be reached, or a task failed for a reason other than a document."""

    code = "E500"


# The dashboard's server raises these two inside a request and answers them with an HTTP
# status (413, 401/403) in its one error path; they carry no input to name, so they are not
# MarsadErrors.

class TooLarge(Exception):
    """A request body over the server's limit."""


class Unauthorised(Exception):
    """A writing request without the right token, or from off loopback when there is none."""

    def __init__(self, status: int, message: str):
        self.status = status
        self.message = message
        super().__init__(message)


class DocumentTimeLimit(MarsadError):
    """A document's analysis ran past the per-document time limit (settings.DOCUMENT_TIME_LIMIT_S,
    `--time-limit`); it is stopped and reported, and the other documents go on. Raised inside the
    analysing thread without arguments (marsad.timelimit), hence the defaults."""

    code = "E130"

    def __init__(self, source: str = "<document>",
                 problem: str = "analysis stopped at the per-document time limit (--time-limit)"):
        super().__init__(source, problem)


class AnalysisQueueFull(MarsadError):
    """Every analysis worker of the server is busy and its queue is full: the request is answered
    503 with Retry-After at once, rather than queued without limit (settings.ANALYSIS_QUEUE)."""

    code = "E131"

    def __init__(self, source: str, problem: str, retry_after_s: int = 1):
        super().__init__(source, problem)
        self.retry_after_s = retry_after_s


class AnalysisWorkerLost(MarsadError):
    """A server's analysis worker process died before answering (killed, out of memory); the
    pool is started again for the next requests."""

    code = "E132"


class StoreDamaged(StoreError):
    """The store's file fails SQLite's integrity check or is not a database: bytes were changed."""

    code = "E404"


class WatchError(MarsadError):
    """A source of `marsad watch` (a feed, a sitemap, an article page) could not be followed; it
    is logged with its URL and skipped, and the round goes on."""

    code = "E600"


class SourcesFileError(InputError):
    """A line of a `marsad watch` sources file that is not `URL [outlet] [language]`."""

    code = "E601"


class FetchFailed(WatchError):
    """A request got no usable answer: refused, timed out, an HTTP error status, too many redirects."""

    code = "E602"


class ResponseTooLarge(WatchError):
    """A response past the per-page size limit; reading stopped there, so an endless one costs nothing."""

    code = "E603"


class RobotsDisallowed(WatchError):
    """The site's robots.txt forbids the URL to Marsad's user agent (or could not be read)."""

    code = "E604"


class NotAFeed(WatchError):
    """A source whose answer is no RSS, Atom or sitemap XML: broken XML, an HTML page, entities."""

    code = "E605"
