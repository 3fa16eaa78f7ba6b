"""Reading a FIFO or a pipe with a time limit: one whose writer never comes, or stops sending,
must not hold `marsad analyze` for ever (issue 14)."""
from __future__ import annotations

import os
import select
import stat
from pathlib import Path

from marsad.errors import InputError
from marsad.settings import READ_IDLE_TIMEOUT_S


def is_stream(mode: int) -> bool:
    """Whether a file mode is a FIFO or a socket: no size, and a read may wait for ever."""
    return stat.S_ISFIFO(mode) or stat.S_ISSOCK(mode)


def read_fifo(path: Path, source: str, max_bytes: int,
              idle_timeout_s: float = READ_IDLE_TIMEOUT_S) -> bytes:
    """At most `max_bytes` + 1 bytes of a named pipe, giving up when nothing comes for
    `idle_timeout_s`, a writer that never opens it included."""
    # Opened without blocking: a plain open waits, uninterruptibly, for a writer to appear.
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    try:
        return read_stream(fd, source, max_bytes, idle_timeout_s)
    finally:
        os.close(fd)


def read_stream(fd: int, source: str, max_bytes: int,
                idle_timeout_s: float = READ_IDLE_TIMEOUT_S) -> bytes:
    """At most `max_bytes` + 1 bytes of a pipe, FIFO or socket, until its end; InputError when
    nothing comes for `idle_timeout_s` seconds."""
    poller = select.poll()
    poller.register(fd, select.POLLIN | select.POLLPRI | select.POLLHUP | select.POLLERR)
    chunks: list[bytes] = []
    size = 0
    while size <= max_bytes:
        if not poller.poll(idle_timeout_s * 1000 if idle_timeout_s else None):
            raise InputError(source, f"nothing to read for {idle_timeout_s:g} s (a FIFO or pipe "
                                     "that nobody writes to?)")
        try:
            chunk = os.read(fd, min(1 << 16, max_bytes + 1 - size))
        except BlockingIOError:
            continue
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)
