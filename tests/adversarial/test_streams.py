"""Reads from FIFOs and pipes time out (issue 14): a FIFO nobody writes to blocked `analyze` for ever."""
from __future__ import annotations

import os
import subprocess
import sys
import threading
import time

import pytest

from .test_adversarial import assert_one_line_error, assert_valid_record, run_cli
from .make_corpus import PAGE

QUICK = {"MARSAD_READ_TIMEOUT": "2"}
pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")


def test_a_fifo_without_a_writer_is_given_up(tmp_path):
    fifo = tmp_path / "feed"
    os.mkfifo(fifo)
    started = time.monotonic()
    run = run_cli("analyze", str(fifo), env=QUICK, timeout=120)
    assert_one_line_error(run, str(fifo), "nothing to read for 2 s")
    assert time.monotonic() - started < 100


def test_a_fifo_whose_writer_comes_late_is_read(tmp_path):
    fifo = tmp_path / "feed"
    os.mkfifo(fifo)

    def write_later():
        time.sleep(0.5)
        with open(fifo, "wb") as handle:
            handle.write(PAGE.encode())

    writer = threading.Thread(target=write_later)
    writer.start()
    run = run_cli("analyze", str(fifo), "--json", env={"MARSAD_READ_TIMEOUT": "60"}, timeout=300)
    writer.join()
    assert "الكاظمي" in assert_valid_record(run)["text"]


def test_a_pipe_on_standard_input_that_stays_silent_is_given_up():
    # The writer keeps the pipe open and sends nothing.
    child = subprocess.Popen([sys.executable, "-m", "marsad.cli", "analyze", "-"],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             env={**os.environ, **QUICK})
    try:
        child.wait(timeout=120)
        err = child.stderr.read().decode()
    finally:
        child.stdin.close()
        if child.poll() is None:
            child.kill()
    assert child.returncode == 2, err
    assert err.strip() == "marsad: error: <stdin>: nothing to read for 2 s (a FIFO or pipe that nobody writes to?)"
