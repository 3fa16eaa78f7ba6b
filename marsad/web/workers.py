"""The server's analysis workers: posted documents are analysed in a bounded pool of processes,
off the request path, behind a bounded queue.

In the server's own process an analysis shared the interpreter lock with every request, and a
long call in C (a tokenizer pass over a huge token) held it whole: 20,000 « stalled every other
request for 11-22 s (issue 14). In a worker process it holds only that process; the server's
event loop goes on answering reads. A request that finds every worker busy and the queue full
is refused at once (AnalysisQueueFull, answered 503 with Retry-After), so that a flood of posts
costs neither unbounded memory nor unbounded waiting.

Workers are spawned, not forked, so a script that builds the application and posts to it must
keep that under `if __name__ == "__main__":`, as for any spawned process.
"""
from __future__ import annotations

import asyncio
import logging
import math
import multiprocessing
import threading
import time
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from marsad.errors import AnalysisQueueFull, AnalysisWorkerLost

log = logging.getLogger("marsad.web")


def _warm_worker() -> None:
    """Load the pipeline when the worker starts, so that no request pays for it."""
    from marsad.nlp.pipeline import load_warm

    load_warm()


def analyse_posted(posted: dict[str, Any], time_limit_s: float | None) -> dict:
    """In a worker: the record of one posted document (its fields already checked), within the
    per-document time limit."""
    from marsad.analysis import analyze_document
    from marsad.ingest import parse_item
    from marsad.timelimit import time_limit

    source = posted_source(posted)
    document = parse_item(posted, source)
    # One analysis at a time in a worker: its pipeline is its own, shared with no thread.
    with time_limit(time_limit_s, source):
        return analyze_document(document, id=posted["id"]).to_dict()


def posted_source(posted: dict[str, Any]) -> str:
    """How errors name a posted document: its URL, else `<request>`."""
    return posted.get("url") if isinstance(posted.get("url"), str) else "<request>"


class AnalysisPool:
    """At most `workers` analyses at once, each in its own process, and at most `queue` more
    waiting for one; started on first use."""

    def __init__(self, workers: int, queue: int):
        self.workers = max(1, workers)
        self.queue = max(0, queue)
        self._in_hand = 0       # analyses running or waiting for a worker
        self._lock = threading.Lock()
        self._executor: ProcessPoolExecutor | None = None
        self._closed = False
        # Recent analyses' seconds (queueing included), for Retry-After.
        self._seconds = 5.0

    def _pool(self) -> ProcessPoolExecutor:
        with self._lock:
            if self._closed:
                raise AnalysisWorkerLost("POST /api/analyze", "the server is shutting down")
            if self._executor is None:
                # spawn, not fork: the server's process has threads (the event loop's, the
                # thread pool's), and a forked copy of a held lock never opens.
                self._executor = ProcessPoolExecutor(self.workers, multiprocessing.get_context("spawn"),
                                                     initializer=_warm_worker)
            return self._executor

    def retry_after_s(self) -> int:
        """Seconds until a slot is likely free: an analysis' recent duration over the workers."""
        return max(1, min(60, math.ceil(self._seconds / self.workers)))

    async def analyse(self, posted: dict[str, Any], time_limit_s: float | None) -> dict:
        """The record of `posted`, analysed in a worker; AnalysisQueueFull at once when the pool
        and its queue are full, AnalysisWorkerLost when the worker died before answering."""
        with self._lock:
            full = self._in_hand >= self.workers + self.queue
            if not full:
                self._in_hand += 1
        if full:
            raise AnalysisQueueFull(
                "POST /api/analyze", f"all {self.workers} analysis workers are busy and "
                f"{self.queue} documents wait for them; try again later",
                retry_after_s=self.retry_after_s())
        started = time.monotonic()
        try:
            executor, future = self._submit(posted, time_limit_s)
        except BaseException:
            self._release()
            raise
        # The slot is given back when the analysis ends, not when the request does: a client
        # that hangs up leaves its document in a worker until it is done.
        future.add_done_callback(lambda done: self._finished(done, started))
        try:
            return await asyncio.wrap_future(future)
        except BrokenProcessPool:
            self._restart(executor)
            if self._closed:
                raise AnalysisWorkerLost("POST /api/analyze", "the server is shutting down") from None
            log.warning("an analysis worker stopped before answering; starting new workers")
            raise AnalysisWorkerLost("POST /api/analyze", "the analysis worker stopped before "
                                                          "answering; the workers were started again") from None
        except asyncio.CancelledError:
            if future.cancelled() and self._closed:   # not the request's own cancellation
                raise AnalysisWorkerLost("POST /api/analyze", "the server is shutting down") from None
            raise

    def _submit(self, posted: dict[str, Any], time_limit_s: float | None) -> tuple[ProcessPoolExecutor, Future]:
        executor = self._pool()
        try:
            return executor, executor.submit(analyse_posted, posted, time_limit_s)
        except BrokenProcessPool:
            # A worker died and no request has noticed yet: this one starts the new pool.
            self._restart(executor)
            executor = self._pool()
            return executor, executor.submit(analyse_posted, posted, time_limit_s)

    def in_hand(self) -> int:
        """Analyses running or waiting for a worker now."""
        with self._lock:
            return self._in_hand

    def _release(self) -> None:
        with self._lock:
            self._in_hand -= 1

    def _finished(self, future: Future, started: float) -> None:
        self._release()
        if not future.cancelled() and future.exception() is None:
            self._seconds = 0.8 * self._seconds + 0.2 * (time.monotonic() - started)

    def _restart(self, broken: ProcessPoolExecutor) -> None:
        """Drop a pool whose worker died; the next request starts a new one."""
        with self._lock:
            if self._executor is broken:
                self._executor = None
        broken.shutdown(wait=False, cancel_futures=True)

    def worker_pids(self) -> list[int]:
        """The worker processes' ids (tests, and stopping them at shutdown)."""
        executor = self._executor
        # ProcessPoolExecutor names its processes only in a private attribute (Python 3.14 adds
        # terminate_workers()); without it there is nothing to stop but the pool itself.
        processes = getattr(executor, "_processes", None) or {}
        return [p.pid for p in list(processes.values()) if p.pid]

    def start(self) -> None:
        """Accept analyses again after close() (an application's lifespan begun anew); the
        workers themselves start with the first one."""
        with self._lock:
            self._closed = False

    def close(self) -> None:
        """Stop the workers now, analyses in hand included: a server stopping does not wait
        minutes for a slow document whose client will get no answer anyway."""
        with self._lock:
            self._closed = True
            executor, self._executor = self._executor, None
        if executor is None:
            return
        processes = list((getattr(executor, "_processes", None) or {}).values())
        executor.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            if process.is_alive():
                process.terminate()
        for process in processes:
            process.join(10)
