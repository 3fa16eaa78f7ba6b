"""Posted documents are analysed in worker processes behind a bounded queue (issue 14): reads
answer while an analysis runs, a full queue is a 503 with Retry-After at once, a worker that dies
is a 500 and the next analysis works. A real uvicorn server on loopback over a real store; no
assertion waits on a wall-clock deadline: each compares with the slow analysis itself."""
from __future__ import annotations

import os
import signal
import socket
import threading
import time
from contextlib import contextmanager

import httpx
import pytest
import uvicorn

from marsad.web.app import SECURITY_HEADERS, create_app
from marsad.web.server import TimedH11Protocol

from adversarial.hostile_inputs import trigger_sentence

TOKEN = "s3cret-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
SHORT = {"text": "خبر\n\nزار الوزير بغداد يوم الأحد."}
# Minutes of analysis without a limit on a loaded machine; its request is what the reads and the
# 503 are compared with, so it must outlast them, not finish by any time.
SLOW = {"text": trigger_sentence(400_000)}
HANG_GUARD_S = 1800   # only against a server that never answers


@contextmanager
def serving(store_path, **options):
    """A real uvicorn server on a free loopback port; yields (base URL, application)."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    app = create_app(store_path, token=TOKEN, **options)
    server = uvicorn.Server(uvicorn.Config(app, http=TimedH11Protocol, log_level="error"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    try:
        yield "http://%s:%d" % sock.getsockname(), app
    finally:
        # The workers first: a graceful shutdown waits for the requests in hand, which wait for
        # them (lifespan would stop them only after).
        app.state.dashboard.analyses.close()
        server.should_exit = True
        thread.join(60)


class Posting:
    """A POST /api/analyze in its own thread; `answer` is (status, headers, JSON, seconds)."""

    def __init__(self, base: str, body: dict):
        self.answer = None
        self.thread = threading.Thread(target=self._post, args=(base, body))
        self.thread.start()

    def _post(self, base, body):
        started = time.perf_counter()
        response = httpx.post(base + "/api/analyze", json=body, headers=AUTH, timeout=HANG_GUARD_S)
        self.answer = (response.status_code, response.headers, response.json(),
                       time.perf_counter() - started)

    def running(self) -> bool:
        return self.thread.is_alive()

    def wait(self):
        self.thread.join(HANG_GUARD_S)
        return self.answer


def wait_until(condition, what: str) -> None:
    deadline = time.monotonic() + HANG_GUARD_S
    while not condition():
        assert time.monotonic() < deadline, what
        time.sleep(0.02)


def own_cpu_s() -> float:
    """CPU seconds this process (the test and its in-thread server, not the workers) has used."""
    times = os.times()
    return times.user + times.system


def warm(base: str) -> None:
    """One short analysis: the worker is started and its pipeline loaded."""
    response = httpx.post(base + "/api/analyze", json=SHORT, headers=AUTH, timeout=HANG_GUARD_S)
    assert response.status_code == 200, response.text


def test_reads_answer_while_every_worker_analyses(store_path):
    with serving(store_path, analysis_workers=1, analysis_queue=1, time_limit_s=0) as (base, app):
        warm(base)
        pool = app.state.dashboard.analyses
        started, cpu_before = time.perf_counter(), own_cpu_s()
        slow = Posting(base, SLOW)
        wait_until(lambda: pool.in_hand() == 1, "the slow analysis never reached the pool")
        latencies = []
        with httpx.Client(base_url=base, timeout=HANG_GUARD_S) as client:
            for _ in range(5):
                for path in ("/", "/api/documents", "/stories", "/api/events"):
                    t = time.perf_counter()
                    assert client.get(path).status_code == 200, path
                    latencies.append(time.perf_counter() - t)
        reads_done = time.perf_counter() - started
        # Every read was answered while the analysis was still in hand...
        assert slow.running(), "the analysis ended before the reads: nothing was compared"
        status, _, _, analysis_s = slow.wait()
        assert status == 200
        # The analysis' work was done outside the server's process (which is this one): before,
        # the server's process spent the whole analysis' time computing it.
        server_cpu_s = own_cpu_s() - cpu_before
        assert server_cpu_s < analysis_s / 3, (server_cpu_s, analysis_s)
        # ... and each in a small part of the analysis' time: before, each read waited for the
        # interpreter lock the analysis held in the server's own process.
        assert max(latencies) < analysis_s / 10, (max(latencies), analysis_s)
        print(f"\n{len(latencies)} reads during a {analysis_s:.1f} s analysis: max "
              f"{1000 * max(latencies):.0f} ms, all within {reads_done:.1f} s; the server's "
              f"process used {server_cpu_s:.1f} s of CPU meanwhile")


def test_a_full_queue_is_a_503_with_retry_after_at_once(store_path):
    with serving(store_path, analysis_workers=1, analysis_queue=1, time_limit_s=0) as (base, app):
        warm(base)
        pool = app.state.dashboard.analyses
        running, waiting = Posting(base, SLOW), None
        wait_until(lambda: pool.in_hand() == 1, "the first analysis never reached the pool")
        waiting = Posting(base, SLOW)
        wait_until(lambda: pool.in_hand() == 2, "the second analysis never reached the pool")
        for path, body in (("/api/analyze", SHORT), ("/api/analyze?store=1", {**SHORT, "id": "busy-1"})):
            refused = httpx.post(base + path, json=body, headers=AUTH, timeout=HANG_GUARD_S)
            assert refused.status_code == 503, refused.text
            assert int(refused.headers["retry-after"]) >= 1
            assert "analysis workers are busy" in refused.json()["error"]
            for key, value in SECURITY_HEADERS.items():
                assert refused.headers[key] == value
        # Refused while both were still in hand: not queued behind them.
        assert running.running() and waiting.running()
        with httpx.Client(base_url=base) as client:   # nothing of the refused write was stored
            assert client.get("/api/documents/busy-1").status_code == 404
    # Stopping the server stopped the workers: the analyses in hand are answered, not lost.
    for posting in (running, waiting):
        status, _, body, _ = posting.wait()
        assert status == 500 and ("shutting down" in body["error"] or "stopped" in body["error"]), body


def test_a_worker_that_dies_is_a_500_and_the_next_analysis_works(store_path):
    with serving(store_path, analysis_workers=1, analysis_queue=1, time_limit_s=0) as (base, app):
        warm(base)
        pool = app.state.dashboard.analyses
        [pid] = pool.worker_pids()
        assert pid != os.getpid()   # the analysis runs outside the server's process
        slow = Posting(base, SLOW)
        wait_until(lambda: pool.in_hand() == 1, "the slow analysis never reached the pool")
        os.kill(pid, signal.SIGKILL)
        status, _, body, _ = slow.wait()
        assert status == 500, body
        assert "analysis worker stopped before answering" in body["error"]
        again = httpx.post(base + "/api/analyze", json=SHORT, headers=AUTH, timeout=HANG_GUARD_S)
        assert again.status_code == 200, again.text
        assert pool.worker_pids() and pool.worker_pids() != [pid]
        assert pool.in_hand() == 0


def test_a_store_write_is_answered_after_it_is_stored(store_path, tmp_path):
    import shutil

    db = tmp_path / "store.db"
    shutil.copy(store_path, db)
    with serving(db, analysis_workers=1, analysis_queue=1) as (base, _):
        body = {**SHORT, "id": "worker-1"}
        stored = httpx.post(base + "/api/analyze?store=1", json=body, headers=AUTH, timeout=HANG_GUARD_S)
        assert stored.status_code == 201 and stored.headers["x-marsad-stored"] == "new"
        # Acknowledged, so readable at once by another connection.
        fetched = httpx.get(base + stored.headers["location"], timeout=HANG_GUARD_S)
        assert fetched.status_code == 200 and fetched.json()["record"]["text"] == stored.json()["text"]
        other = {**body, "text": "خبر\n\nزار الوزير البصرة يوم الاثنين."}
        conflict = httpx.post(base + "/api/analyze?store=1", json=other, headers=AUTH, timeout=HANG_GUARD_S)
        assert conflict.status_code == 409 and conflict.json()["id"] == "worker-1"


def test_the_time_limit_applies_in_the_workers(store_path):
    with serving(store_path, analysis_workers=1, analysis_queue=0, time_limit_s=1) as (base, app):
        warm(base)   # loading the pipeline is no document's time
        slow = Posting(base, SLOW)
        status, _, body, _ = slow.wait()
        assert status == 422 and "per-document time limit" in body["error"], body
        assert app.state.dashboard.analyses.in_hand() == 0
        warm(base)
