"""Batch analysis of a JSONL file on local processes, keeping each caller's id."""
from __future__ import annotations

import functools
import glob
import json
import multiprocessing
import os
import resource
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from marsad import settings
from marsad.analysis import analyze_document
from marsad.errors import BadBatchLine, DuplicateId, MarsadError, WouldOverwriteInput
from marsad.ingest import parse_item
from marsad.ingest.fields import check_id, item_body
from marsad.settings import MAX_BATCH_LINE_BYTES
from marsad.timelimit import time_limit


@dataclass
class BatchReport:
    documents: int = 0
    failed: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)
    seconds: float = 0.0
    partitions: int = 0
    # Peak resident memory, in MB, of each process that analysed documents (a Dask worker's
    # address, or the local process or the largest local worker).
    peak_memory_mb: dict[str, float] = field(default_factory=dict)

    @property
    def rate(self) -> float:
        """Documents per second of wall-clock time, start-up included."""
        return self.documents / self.seconds if self.seconds else 0.0


def analyze_line(numbered: tuple[int, bytes], time_limit_s: float | None = None
                 ) -> tuple[int, str | None, dict[str, Any] | None]:
    """One input line to (line number, record JSON, None) or (line number, None, error).

    An error carries the line's id when it has one, so that duplicates can be told apart.
    An analysis past `time_limit_s` seconds (default: settings.DOCUMENT_TIME_LIMIT_S) is an error.
    """
    number, raw = numbered
    source = f"line {number}"
    item_id = None
    try:
        item = _parse_line(raw, source)
        item_id = item["id"]
        source = f"line {number} (id {_short_id(item_id)})"
        document = parse_item(item, source)
        limit = settings.DOCUMENT_TIME_LIMIT_S if time_limit_s is None else time_limit_s
        with time_limit(limit, source):
            record = analyze_document(document, id=item_id)
        return number, json.dumps(record.to_dict(), ensure_ascii=False), None
    except MarsadError as error:
        return number, None, {"line": number, "id": item_id, "error": str(error)}
    except Exception as error:  # one bad document must not stop the batch; its error is kept
        return number, None, {"line": number, "id": item_id,
                              "error": f"{source}: internal error {type(error).__name__}: {error}"}


def _short_id(item_id: str, limit: int = 80) -> str:
    return item_id if len(item_id) <= limit else item_id[:limit] + "…"


def _parse_line(raw: bytes, source: str) -> dict[str, Any]:
    if len(raw) > MAX_BATCH_LINE_BYTES:
        raise BadBatchLine(source, f"line of {len(raw):,} bytes is over the limit of "
                                   f"{MAX_BATCH_LINE_BYTES:,}")
    try:
        item = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise BadBatchLine(source, "not UTF-8") from None
    except RecursionError:
        raise BadBatchLine(source, "JSON nested too deep") from None
    except json.JSONDecodeError as error:
        raise BadBatchLine(source, f"not JSON ({error.msg} at column {error.colno})") from None
    if not isinstance(item, dict):
        raise BadBatchLine(source, "not a JSON object")
    item["id"] = check_id(item.get("id"), source)
    item_body(item, source)
    return item


def read_lines(handle: IO[bytes], limit: int = MAX_BATCH_LINE_BYTES,
               first: int = 1) -> Iterator[tuple[int, bytes]]:
    """Numbered non-blank lines, from `first`; an over-long line is cut at `limit`+1 bytes, the rest skipped."""
    number = first - 1
    while True:
        line = handle.readline(limit + 1)
        if not line:
            return
        number += 1
        if len(line) > limit and not line.endswith(b"\n"):
            while (more := handle.readline(1 << 20)) and not more.endswith(b"\n"):
                pass
        if line.strip():
            yield number, line.rstrip(b"\r\n")


def run_batch(input_path: Path, output_path: Path, workers: int = 1,
              progress: Callable[[int], None] | None = None,
              time_limit_s: float | None = None) -> BatchReport:
    """Analyse every line of `input_path` into `output_path`; errors go to OUT.errors.jsonl.

    Both files are written under temporary names and renamed at the end, the errors first, so
    an interrupted run leaves no half-written output, and an output always has its errors file.
    What a killed run left under temporary names is deleted.
    """
    started = time.perf_counter()
    refuse_overwriting_input([input_path], output_path, errors_path_of(output_path))
    report = BatchReport()
    for path in (output_path, errors_path_of(output_path)):
        remove_stale_temporaries(path)
    first_line: dict[str, int] = {}
    with input_path.open("rb") as source, atomic_text_file(output_path) as out:
        lines = read_lines(source)
        for number, record, error in _mapped(lines, workers, time_limit_s):
            report.documents += 1
            if error is None:
                error = duplicate_error(first_line, number, record_id(record))
            if error is None:
                out.write(record + "\n")
            else:
                report.failed += 1
                report.errors.append(error)
            if progress:
                progress(number)
        write_errors(output_path, report.errors)
    report.seconds = time.perf_counter() - started
    if workers <= 1:
        report.peak_memory_mb["this process"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    else:  # the pool's processes have been reaped: this is the largest of them
        report.peak_memory_mb["largest worker"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return report


def record_id(record_json: str) -> str:
    """The id of a record's JSON, read from its start (`id` is the record's first field)."""
    prefix = '{"id": '
    if record_json.startswith(prefix):
        return json.JSONDecoder().raw_decode(record_json, len(prefix))[0]
    return json.loads(record_json)["id"]


def duplicate_error(first_line: dict[str, int], number: int, item_id: str) -> dict[str, Any] | None:
    """An error for a line whose id an earlier line used; the first line's record is kept."""
    if item_id not in first_line:
        first_line[item_id] = number
        return None
    problem = DuplicateId(f"line {number} (id {_short_id(item_id)})",
                          f"duplicate id: line {first_line[item_id]} has the same id; "
                          "this line's record is not written")
    return {"line": number, "id": item_id, "error": str(problem)}


def refuse_overwriting_input(inputs: list[Path], *outputs: Path) -> None:
    """WouldOverwriteInput when an output path is one of the inputs (the same file, by any name)."""
    for output in outputs:
        for given in inputs:
            if _same_file(given, output):
                raise WouldOverwriteInput(str(output), f"is the input {given}; writing it would "
                                                       "destroy the input (choose another output)")


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:  # one of them does not exist yet
        return Path(os.path.abspath(a)) == Path(os.path.abspath(b))


def write_errors(output_path: Path, errors: list[dict[str, Any]]) -> Path:
    """The failed lines, one JSON object a line, atomically into OUT.errors.jsonl."""
    errors_path = errors_path_of(output_path)
    with atomic_text_file(errors_path) as err:
        for error in errors:
            err.write(json.dumps(error, ensure_ascii=False) + "\n")
    return errors_path


def errors_path_of(output_path: Path) -> Path:
    return output_path.with_name(output_path.name + ".errors.jsonl")


def _mapped(lines: Iterator[tuple[int, bytes]], workers: int, time_limit_s: float | None = None):
    analyse = functools.partial(analyze_line, time_limit_s=time_limit_s)
    if workers <= 1:
        yield from map(analyse, lines)
        return
    # Each worker builds the pipeline once, on its first document, and reuses it.
    context = multiprocessing.get_context("spawn")
    with context.Pool(workers) as pool:
        yield from pool.imap(analyse, lines, chunksize=4)


class atomic_text_file:
    """A text file written under a temporary name and renamed into place on success."""

    def __init__(self, path: Path):
        self.path = path

    def __enter__(self) -> IO[str]:
        # The writer's pid in the name tells a killed run's leftover from a live run's file.
        fd, self.tmp = tempfile.mkstemp(prefix=f".{self.path.name}.{os.getpid()}.",
                                        dir=self.path.parent or ".")
        self.handle = os.fdopen(fd, "w", encoding="utf-8")
        return self.handle

    def __exit__(self, kind, value, traceback) -> None:
        self.handle.close()
        if kind is None:
            os.chmod(self.tmp, 0o644)
            os.replace(self.tmp, self.path)
        else:
            os.unlink(self.tmp)


def remove_stale_temporaries(path: Path) -> list[Path]:
    """Delete the temporary files of `path` left by writers on this machine that are gone (kill -9)."""
    prefix = f".{path.name}."
    removed = []
    for leftover in path.parent.glob(glob.escape(prefix) + "*"):
        pid = leftover.name[len(prefix):].split(".", 1)[0]
        if pid.isdigit() and not _running(int(pid)):
            leftover.unlink(missing_ok=True)
            removed.append(leftover)
    return removed


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process
        return True
    return True
