"""Waiting for a child process by its progress, not by a deadline a busy machine can miss."""
from __future__ import annotations

import subprocess
import time

import psutil

# A process that has used no CPU at all for this long is stuck (a lock never released, a read
# that never returns); a slow one on a busy machine still gets some CPU every few seconds.
STALL_S = 300.0


def cpu_seconds(pid: int) -> float:
    """CPU time used so far by the process and its children (0 once it is gone)."""
    try:
        process = psutil.Process(pid)
        total = sum(process.cpu_times()[:2])
        for child in process.children(recursive=True):
            try:
                total += sum(child.cpu_times()[:2])
            except psutil.Error:
                pass
        return total
    except psutil.Error:
        return 0.0


def communicate_while_progressing(process: subprocess.Popen, stall_s: float = STALL_S,
                                  poll_s: float = 1.0) -> tuple:
    """process.communicate(), waiting for as long as the process keeps using CPU; it is killed
    and the test fails only when it has used none for `stall_s` seconds."""
    used, progressed = cpu_seconds(process.pid), time.monotonic()
    while True:
        try:
            return process.communicate(timeout=poll_s)   # retrying loses no output
        except subprocess.TimeoutExpired:
            now_used = cpu_seconds(process.pid)
            if now_used > used:
                used, progressed = now_used, time.monotonic()
            elif time.monotonic() - progressed > stall_s:
                process.kill()
                _, stderr = process.communicate()
                raise AssertionError(f"{process.args!r} used no CPU for {stall_s:g} s: "
                                     f"stuck; its output: {stderr!r}"[-3000:])
