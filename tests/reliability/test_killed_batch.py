"""`marsad batch` killed with SIGKILL part-way: no partial output, and a rerun gives the full output."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

from marsad.batch import remove_stale_temporaries, run_batch

from .documents import write_jsonl

REPO = Path(__file__).resolve().parents[2]
LINES = 120
BAD = (7, 100)  # two broken lines, so that OUT.errors.jsonl has something to lose


def batch(source: Path, output: Path, workers: int) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "marsad.cli", "batch", str(source), "-o",
                             str(output), "--workers", str(workers)], cwd=REPO,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


HANG_GUARD_S = 1800


def temporaries(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.name.startswith("."))


def kill_after_progress(process: subprocess.Popen, folder: Path, at_bytes: int) -> list[int]:
    """SIGKILL the batch once its temporary output holds `at_bytes`; returns its workers' pids."""
    # The kill waits for the batch's progress, however slow a busy machine makes it; the guard
    # is only against a batch that hangs (issue 14: no test may depend on an idle machine).
    deadline = time.monotonic() + HANG_GUARD_S
    workers: list[int] = []
    while time.monotonic() < deadline and process.poll() is None:
        workers = [child.pid for child in psutil.Process(process.pid).children()]
        if any(p.stat().st_size >= at_bytes for p in temporaries(folder)):
            os.kill(process.pid, signal.SIGKILL)
            break
        time.sleep(0.05)
    process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL, "the batch ended before it could be killed"
    return workers


@pytest.fixture(scope="module")
def feed(tmp_path_factory) -> tuple[Path, Path]:
    """The input, and the output of an uninterrupted single-process run over it."""
    folder = tmp_path_factory.mktemp("feed")
    source, reference = folder / "feed.jsonl", folder / "reference.jsonl"
    write_jsonl(source, LINES, bad_lines=BAD)
    _, stderr = batch(source, reference, 1).communicate(timeout=HANG_GUARD_S)
    assert reference.exists(), stderr
    return source, reference


@pytest.mark.parametrize("workers", [1, 2])
def test_killed_batch_leaves_nothing_and_reruns_to_the_full_output(tmp_path, feed, workers):
    started = time.perf_counter()
    source, reference = feed
    out = tmp_path / "out.jsonl"
    errors_file = tmp_path / "out.jsonl.errors.jsonl"

    pids = kill_after_progress(batch(source, out, workers), tmp_path, at_bytes=40_000)
    assert workers == 1 or len(pids) >= workers
    killed_s = time.perf_counter() - started
    # Nothing under the output's names: a reader sees no result rather than part of one.
    assert not out.exists() and not errors_file.exists()
    assert temporaries(tmp_path), "the killed run wrote nothing"
    # The pool's workers do not outlive the killed parent.
    _, alive = psutil.wait_procs([psutil.Process(p) for p in pids if psutil.pid_exists(p)],
                                 timeout=120)
    assert not alive, f"orphaned workers: {alive}"

    rerun = batch(source, out, workers)
    _, stderr = rerun.communicate(timeout=HANG_GUARD_S)
    assert rerun.returncode == 2, stderr  # 2: some lines failed, and are listed
    assert out.read_bytes() == reference.read_bytes()
    ids = [json.loads(line)["id"] for line in out.read_text("utf-8").splitlines()]
    assert ids == [f"news-{i:04d}" for i in range(LINES) if i not in BAD]
    assert [json.loads(line)["line"] for line in errors_file.open()] == [i + 1 for i in BAD]
    assert errors_file.read_bytes() == \
        reference.with_name("reference.jsonl.errors.jsonl").read_bytes()
    # The killed run's half-written temporary file is gone too.
    assert temporaries(tmp_path) == []
    print(f"\nbatch --workers {workers}: killed after {killed_s:.1f} s, "
          f"test {time.perf_counter() - started:.1f} s")


def test_only_dead_writers_temporaries_are_removed(tmp_path):
    out = tmp_path / "out.jsonl"
    finished = subprocess.Popen([sys.executable, "-c", "pass"])
    finished.wait()  # reaped: its pid names no process now
    dead = tmp_path / f".out.jsonl.{finished.pid}.x1"
    live = tmp_path / f".out.jsonl.{os.getpid()}.x2"
    other = tmp_path / ".out.jsonl.errors.jsonl.999999999.x3"  # another file's temporary
    for path in (dead, live, other):
        path.write_text("{}")
    assert remove_stale_temporaries(out) == [dead]
    assert live.exists() and other.exists()


def test_errors_file_is_renamed_into_place_before_the_output(tmp_path, monkeypatch):
    source, out = tmp_path / "bad.jsonl", tmp_path / "out.jsonl"
    source.write_text('{"id": 1}\nnot json\n', encoding="utf-8")  # no line needs the pipeline
    renamed = []
    replace = os.replace
    monkeypatch.setattr(os, "replace", lambda a, b: (renamed.append(Path(b).name), replace(a, b)))
    report = run_batch(source, out)
    assert report.failed == 2
    # The output's name is the last to appear: when it is there, its errors file is its own.
    assert renamed == ["out.jsonl.errors.jsonl", "out.jsonl"]
