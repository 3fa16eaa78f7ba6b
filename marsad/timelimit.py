"""The per-document time limit: an analysis past it stops with DocumentTimeLimit, in any thread."""
from __future__ import annotations

import ctypes
import threading
from types import TracebackType

from marsad.errors import DocumentTimeLimit


def _raise_in(thread_id: int, error: type[BaseException] | None) -> None:
    """Raise `error` in the thread at its next bytecode (None clears a pending one)."""
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread_id),
                                               ctypes.py_object(error) if error else None)


class time_limit:
    """`with time_limit(seconds, source):` stops the block with DocumentTimeLimit(source) once
    it has run `seconds` (wall-clock); None or 0 sets no limit. The pipeline is loaded and
    warmed before the clock starts.

    A watchdog thread raises the stop in the thread running the block, so it works where a
    signal cannot (the server's threads, Dask's workers), between any two Python bytecodes of
    the pipeline. A single long C call (one regular expression over a huge text) is stopped
    when it returns; issue 14 made each such call linear in its input.
    """

    def __init__(self, seconds: float | None, source: str):
        self.seconds = seconds
        self.source = source
        self._lock = threading.Lock()
        self._active = False
        self._fired = False
        self._timer: threading.Timer | None = None

    def __enter__(self) -> "time_limit":
        if self.seconds and self.seconds > 0:
            from marsad.nlp.pipeline import load_warm

            load_warm()   # loading the pipeline is no document's time
            self._thread = threading.get_ident()
            self._active = True
            self._timer = threading.Timer(self.seconds, self._expire)
            self._timer.daemon = True
            self._timer.start()
        return self

    def _expire(self) -> None:
        with self._lock:
            if not self._active:
                return
            # Once: raised again and again, a stop could land after the block, in other code.
            self._fired = True
            _raise_in(self._thread, DocumentTimeLimit)

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 traceback: TracebackType | None) -> bool:
        if not self._active:
            return False
        with self._lock:
            self._active = False
            if self._timer is not None:
                self._timer.cancel()
            if self._fired:
                _raise_in(self._thread, None)   # one raised but not yet delivered
        if self._fired:
            # Past the limit, even if code in the block caught the stop and went on.
            raise DocumentTimeLimit(self.source, f"analysis stopped after {self.seconds:g} s, "
                                                 "the per-document time limit (--time-limit)") from None
        return False
