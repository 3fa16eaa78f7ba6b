"""Where a watched article is analysed: in the watching process, or on a Dask cluster.

Either way the watcher submits a Document and later asks for its record; fetching and storing
stay in the watching process (the store has one writer). On a cluster several articles are in
flight while the next pages are fetched.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from marsad.errors import ClusterError, MarsadError
from marsad.record import Analysis, Document

# Articles in flight per cluster worker: enough to keep each busy while its results travel back.
IN_FLIGHT_PER_WORKER = 4
# How long to wait for the scheduler's first worker.
WORKERS_TIMEOUT_S = 120


@dataclass
class Done:
    """An analysis already finished (the local case): its record, or the error it raised."""
    record: Analysis | None = None
    error: BaseException | None = None

    def result(self) -> Analysis:
        if self.error is not None:
            raise self.error
        return self.record


class LocalAnalysis:
    """Analyse each article in this process as it is submitted, under the time limit."""

    window = 0   # nothing waits: a record is ready when submitted

    def __init__(self, limit_s: float):
        self.limit_s = limit_s

    def submit(self, document: Document, source: str) -> Done:
        from marsad.analysis import analyze_document
        from marsad.timelimit import time_limit

        try:
            with time_limit(self.limit_s, source):
                return Done(analyze_document(document))
        except MarsadError as error:
            return Done(error=error)
        except Exception as error:   # one page must not stop the round; its error is kept
            return Done(error=MarsadError(source, f"internal error {type(error).__name__}: {error}"))

    def close(self) -> None:
        pass


def analyse_on_worker(document: Document, source: str, limit_s: float) -> tuple[str, Any]:
    """A Dask task: the record as a dict, or the error's code, source and problem (a
    MarsadError does not survive pickling with its two arguments)."""
    from marsad.analysis import analyze_document
    from marsad.timelimit import time_limit

    try:
        with time_limit(limit_s, source):
            return "record", analyze_document(document).to_dict()
    except MarsadError as error:
        return "error", (error.code, error.source, error.problem)
    except Exception as error:
        return "error", ("E000", source, f"internal error {type(error).__name__}: {error}")


class _Remote:
    """A submitted cluster task; result() gives the record or raises its error."""

    def __init__(self, future, source: str):
        self.future = future
        self.source = source

    def result(self) -> dict[str, Any]:
        try:
            kind, value = self.future.result()
        except Exception as error:   # the worker died (KilledWorker) or the cluster went away
            failure = ClusterError(self.source, f"analysis on the cluster failed "
                                                f"({type(error).__name__}: {error})")
            failure.transient = True   # another round, another worker
            raise failure from None
        finally:
            self.future.release()
        if kind == "record":
            return value
        code, source, problem = value
        error = MarsadError(source, problem)
        error.code = code
        raise error


class ClusterAnalysis:
    """Analyse articles on the Dask cluster at `scheduler`, several in flight at once."""

    def __init__(self, scheduler: str, limit_s: float):
        from marsad.distributed import _connect, pipeline_warmer

        self.limit_s = limit_s
        self.client = _connect(scheduler)
        try:
            self.client.wait_for_workers(1, timeout=WORKERS_TIMEOUT_S)
        except TimeoutError:
            self.client.close()
            raise ClusterError(f"--scheduler {scheduler}",
                               f"no worker connected after {WORKERS_TIMEOUT_S} s") from None
        self.client.register_plugin(pipeline_warmer())
        workers = len(self.client.scheduler_info()["workers"])
        self.window = IN_FLIGHT_PER_WORKER * max(workers, 1)

    def submit(self, document: Document, source: str) -> _Remote:
        future = self.client.submit(analyse_on_worker, document, source, self.limit_s, pure=False)
        return _Remote(future, source)

    def close(self) -> None:
        self.client.close()
