"""Batch analysis on a Dask cluster: byte-range partitions, one atomic shard each, joined in order.

The input is cut at line starts into byte ranges (partitions); each partition is one Dask task,
which reads its range, analyses every line with `marsad.batch.analyze_line` on the worker's
one pipeline, and writes its records as a shard under a temporary name renamed into place. A
task that is run again (its worker died, or it raised) overwrites its shard, so no document
is lost or written twice. The client then joins the shards in input order into the output.

Workers must see the input, the output's folder and the Parquet folder at the same paths as
the client (one machine, or a shared file system). Dask is imported only when used, so the
rest of the command line does not pay for it.
"""
from __future__ import annotations

import datetime as dt
import io
import itertools
import json
import math
import os
import resource
import shutil
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from marsad.batch import BatchReport, atomic_text_file, analyze_line, read_lines, write_errors
from marsad.errors import ClusterError
from marsad.nlp.pipeline import WARM_UP_TEXT

if TYPE_CHECKING:
    from distributed import Client

# Four partitions per worker keep every worker busy while the last ones finish; a partition is
# at most this many bytes so that a dead worker costs little and a shard stays small in memory.
PARTITIONS_PER_WORKER = 4
MAX_PARTITION_BYTES = 4 * 1024 * 1024

# A task that raises (a file system hiccup) is run again this many times. A worker that dies
# is handled by the scheduler instead: its tasks go to other workers, and a task that has
# been on `distributed.scheduler.allowed-failures` (default 3) dead workers fails with
# KilledWorker, whose documents are then recorded as failed.
TASK_RETRIES = 2

# A finished partition's counts are fetched from its worker within this many seconds, or the
# partition is run again under a new key: a worker that dies after computing a task loses its
# result, and the scheduler's recomputation of such a task was seen to stay queued for ever on
# idle workers (distributed 2026.8, a loaded machine). Running it again rewrites the same shard.
FETCH_TIMEOUT_S = 30

# While partitions remain, how often to look whether any worker is left: a cluster that has had
# none for WORKERS_TIMEOUT_S fails the batch with one line instead of leaving it waiting.
NO_WORKER_POLL_S = 0.5

# How long to wait for `--workers` workers to connect. The wait for the scheduler itself is
# Dask's `distributed.comm.timeouts.connect` (30 s; DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT).
WORKERS_TIMEOUT_S = 120

# Records per Parquet shard when a local batch writes Parquet from its JSONL output.
PARQUET_ROWS_PER_SHARD = 10_000

# The pipeline's short warm-up article, which goes through every stage, as a batch line: a
# worker loads all of its models and lexicons before its first task.
WARM_UP_LINE = json.dumps({"id": "warm-up", "published": "2020-01-01", "text": WARM_UP_TEXT},
                          ensure_ascii=False).encode("utf-8")


@dataclass(frozen=True)
class Partition:
    """A byte range of the input that starts at a line start, and the number of that line.

    `piece` numbers the one-line pieces a partition is split into when it killed its workers.
    """

    index: int
    start: int
    end: int
    first_line: int
    piece: int | None = None

    @property
    def order(self) -> tuple[int, int]:
        """Where this partition's records go in the output."""
        return self.index, -1 if self.piece is None else self.piece

    def shard(self, suffix: str) -> str:
        """The file name of this partition's shard: its place in the output sorts with it."""
        name = f"part-{self.index:05d}"
        return f"{name}-{self.piece:07d}{suffix}" if self.piece is not None else name + suffix


def plan_partitions(path: Path, partition_bytes: int) -> list[Partition]:
    """Cut a JSONL file at the first line start after every `partition_bytes` bytes."""
    partitions: list[Partition] = []
    start, first_line = 0, 1
    newlines = 0  # newlines before `offset`
    offset = 0
    next_cut = partition_bytes
    with path.open("rb") as handle:
        while block := handle.read(1 << 20):
            pos = 0
            while next_cut <= offset + len(block):
                found = block.find(b"\n", max(pos, next_cut - 1 - offset))
                if found < 0:
                    break
                newlines += block.count(b"\n", pos, found + 1)
                pos = found + 1
                partitions.append(Partition(len(partitions), start, offset + pos, first_line))
                start, first_line = offset + pos, newlines + 1
                next_cut = start + partition_bytes
            newlines += block.count(b"\n", pos)
            offset += len(block)
    if start < offset:
        partitions.append(Partition(len(partitions), start, offset, first_line))
    return partitions


def partition_size(input_bytes: int, workers: int) -> int:
    """Bytes per partition: a few partitions per worker, none above MAX_PARTITION_BYTES."""
    wanted = math.ceil(input_bytes / (PARTITIONS_PER_WORKER * max(workers, 1)))
    return max(1, min(MAX_PARTITION_BYTES, wanted))


def partition_lines(input_path: Path, partition: Partition) -> Iterator[tuple[int, bytes]]:
    """The numbered non-blank lines of one partition."""
    with input_path.open("rb") as handle:
        handle.seek(partition.start)
        data = handle.read(partition.end - partition.start)
    return read_lines(io.BytesIO(data), first=partition.first_line)


def split_partition(input_path: Path, partition: Partition) -> list[Partition]:
    """A partition cut into one-line pieces, so that a document that kills workers fails alone."""
    with input_path.open("rb") as handle:
        handle.seek(partition.start)
        data = handle.read(partition.end - partition.start)
    pieces, start = [], 0
    while start < len(data):
        end = data.find(b"\n", start)
        end = len(data) if end < 0 else end + 1
        if data[start:end].strip():
            pieces.append(Partition(partition.index, partition.start + start, partition.start + end,
                                    partition.first_line + data.count(b"\n", 0, start), len(pieces)))
        start = end
    return pieces


def analyze_partition(input_path: str, partition: Partition, shard_dir: str,
                      parquet_dir: str | None) -> dict[str, Any]:
    """A Dask task: analyse one partition, write its shard(s) atomically, return its counts."""
    started = time.perf_counter()
    documents, errors, records = 0, [], []
    shard = Path(shard_dir) / partition.shard(".jsonl")
    with atomic_text_file(shard) as out:
        for _, record, error in map(analyze_line, partition_lines(Path(input_path), partition)):
            documents += 1
            if error is None:
                out.write(record + "\n")
                if parquet_dir:
                    records.append(record)
            else:
                errors.append(error)
    if parquet_dir:
        write_parquet_shard(records, Path(parquet_dir) / partition.shard(".parquet"))
    return {"shard": partition.shard(""), "order": partition.order, "documents": documents,
            "failed": len(errors), "errors": errors, "seconds": time.perf_counter() - started,
            "worker": _worker_name(), "pid": os.getpid(), "peak_memory_mb": peak_memory_mb()}


def peak_memory_mb(who: int = resource.RUSAGE_SELF) -> float:
    """Peak resident memory of this process (or of its largest reaped child), in MB."""
    return resource.getrusage(who).ru_maxrss / 1024  # Linux reports KB


def _worker_name() -> str:
    try:
        from distributed import get_worker

        return get_worker().address
    except (ImportError, ValueError):
        return f"pid {os.getpid()}"


def warm_pipeline() -> None:
    """Build this process's pipeline and load its models (cached for the process's life)."""
    # A document error here is not the batch's: each document's own error is recorded when
    # it is analysed, as in a local run.
    analyze_line((1, WARM_UP_LINE))


def pipeline_warmer():
    """A WorkerPlugin that warms the pipeline on every worker, including ones started later."""
    from distributed.diagnostics.plugin import WorkerPlugin

    class PipelineWarmer(WorkerPlugin):
        name = "marsad-pipeline"
        idempotent = True  # a second batch on the same cluster does not register it again

        def setup(self, worker) -> None:
            warm_pipeline()

    return PipelineWarmer()


def run_distributed(input_path: Path, output_path: Path, scheduler: str | Client, *,
                    workers: int = 1, parquet_dir: Path | None = None,
                    partition_bytes: int | None = None,
                    progress: Callable[[int], None] | None = None,
                    on_submitted: Callable[[Client, list], None] | None = None) -> BatchReport:
    """Analyse `input_path` on the Dask cluster at `scheduler` (an address or a Client).

    Same output as `marsad.batch.run_batch`: records in input order, errors with their line
    numbers in OUT.errors.jsonl, both written atomically. `workers` is how many workers to
    wait for; `progress` gets the number of documents of each finished partition.
    """
    started = time.perf_counter()
    client, own_client = _connect(scheduler), not _is_client(scheduler)
    shard_dir = output_path.resolve().parent / f".{output_path.name}.{uuid.uuid4().hex[:12]}.shards"
    try:
        _wait_for_workers(client, workers)
        client.register_plugin(pipeline_warmer())
        workers_now = len(client.scheduler_info()["workers"])
        size = partition_bytes or partition_size(input_path.stat().st_size, workers_now)
        partitions = plan_partitions(input_path, size)
        shard_dir.mkdir()
        if parquet_dir:
            parquet_dir.mkdir(parents=True, exist_ok=True)
        results = _run_partitions(client, input_path.resolve(), partitions, shard_dir,
                                  parquet_dir.resolve() if parquet_dir else None, progress,
                                  on_submitted)
        report = _join_shards(results, shard_dir, output_path)
        if parquet_dir:
            _tidy_parquet_dir(parquet_dir, {r["shard"] for r in results if not r.get("lost")})
        report.seconds = time.perf_counter() - started
        report.partitions = len(partitions)
        return report
    finally:
        shutil.rmtree(shard_dir, ignore_errors=True)
        if own_client:
            client.close()


def _is_client(scheduler) -> bool:
    return not isinstance(scheduler, str)


def _connect(scheduler: str | Client) -> Client:
    if _is_client(scheduler):
        return scheduler
    from distributed import Client

    try:
        return Client(scheduler, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as error:
        raise ClusterError(f"--scheduler {scheduler}", f"cannot connect ({error})") from None


def _wait_for_workers(client: Client, workers: int) -> None:
    try:
        client.wait_for_workers(workers, timeout=WORKERS_TIMEOUT_S)
    except TimeoutError:
        have = len(client.scheduler_info()["workers"])
        raise ClusterError(f"scheduler {client.scheduler.address}",
                           f"{have} of {workers} workers connected after {WORKERS_TIMEOUT_S} s") from None


def _run_partitions(client: Client, input_path: Path, partitions: list[Partition], shard_dir: Path,
                    parquet_dir: Path | None, progress, on_submitted) -> list[dict[str, Any]]:
    """Every partition's result. A partition whose workers all died (KilledWorker) is run again
    cut into one-line pieces: the document that kills workers then fails alone, and the
    partitions that were only queued behind it on the dying workers are analysed."""
    from distributed import as_completed
    from distributed.scheduler import KilledWorker

    run = uuid.uuid4().hex[:8]

    attempts = itertools.count(1)

    def submit(partition: Partition, again: bool = False):
        key = f"marsad-{run}-{partition.shard('')}" + (f"-again{next(attempts)}" if again else "")
        return client.submit(analyze_partition, str(input_path), partition, str(shard_dir),
                             str(parquet_dir) if parquet_dir else None, key=key, retries=TASK_RETRIES, pure=False)

    futures = [submit(partition) for partition in partitions]
    if on_submitted:
        on_submitted(client, futures)
    by_key = {future.key: partition for future, partition in zip(futures, partitions)}
    results: list[dict[str, Any]] = []
    queue = as_completed(futures, loop=client.loop)

    def run_again(partition: Partition, again: bool = False) -> None:
        future = submit(partition, again)
        by_key[future.key] = partition
        futures.append(future)
        queue.add(future)

    try:
        for future in _as_they_finish(client, queue, len(partitions)):
            partition = by_key.pop(future.key)
            try:
                result = future.result(timeout=FETCH_TIMEOUT_S)
            except TimeoutError:  # its result died with its worker: compute it afresh
                client.cancel([future])
                run_again(partition, again=True)
                continue
            except KilledWorker as error:
                if partition.piece is None:
                    for piece in split_partition(input_path, partition):
                        run_again(piece)
                    continue
                result = _lost_piece(input_path, partition, error)
            except Exception as error:
                raise ClusterError(f"partition {partition.index} (line {partition.first_line} on)",
                                   f"{type(error).__name__}: {error}") from None
            future.release()
            results.append(result)
            if progress:
                progress(result["documents"])
    finally:
        client.cancel(futures)
    return results


def _as_they_finish(client: Client, queue, partitions: int):
    """The futures of `queue` as they finish; a ClusterError where no worker has been connected
    for WORKERS_TIMEOUT_S while some are unfinished (every worker dead and none restarted)."""
    alone_since = None
    while not queue.is_empty():
        if queue.has_ready():
            yield from queue.next_batch(block=False)
            continue
        if client.scheduler_info()["workers"]:
            alone_since = None
        elif alone_since is None:
            alone_since = time.monotonic()
        elif time.monotonic() - alone_since > WORKERS_TIMEOUT_S:
            raise ClusterError(f"scheduler {client.scheduler.address}",
                               f"no worker connected for {WORKERS_TIMEOUT_S} s with {queue.count()} "
                               f"of {partitions} partitions unfinished; nothing was written")
        time.sleep(NO_WORKER_POLL_S)


def _lost_piece(input_path: Path, piece: Partition, error: Exception) -> dict[str, Any]:
    """The record of a one-line piece that killed every worker it was given to."""
    errors = []
    for number, raw in partition_lines(input_path, piece):
        try:
            item_id = json.loads(raw).get("id")
        except (ValueError, AttributeError):
            item_id = None
        errors.append({"line": number, "id": None if item_id is None else str(item_id),
                       "error": f"line {number}: the worker analysing it died, every time it was "
                                f"tried ({type(error).__name__})"})
    return {"shard": piece.shard(""), "order": piece.order, "documents": len(errors), "failed": len(errors),
            "errors": errors, "lost": True}


def _join_shards(results: dict[int, dict[str, Any]], shard_dir: Path, output_path: Path) -> BatchReport:
    report = BatchReport()
    with atomic_text_file(output_path) as out:
        for result in sorted(results, key=lambda result: result["order"]):
            report.documents += result["documents"]
            report.failed += result["failed"]
            report.errors.extend(result["errors"])
            if result.get("lost"):
                continue
            with (shard_dir / (result["shard"] + ".jsonl")).open(encoding="utf-8") as shard:
                shutil.copyfileobj(shard, out)
            worker = result["worker"]
            report.peak_memory_mb[worker] = max(report.peak_memory_mb.get(worker, 0.0),
                                                result["peak_memory_mb"])
    report.errors.sort(key=lambda error: error["line"])
    write_errors(output_path, report.errors)
    return report


PARQUET_COUNTS = ("entities", "events", "quotes", "attributions", "dates", "warnings")


def write_parquet_shard(records: list[str], path: Path) -> None:
    """One Parquet file, written atomically: a row per record with its metadata, counts and JSON."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    columns: dict[str, list] = {"id": [], "url": [], "title": [], "published": [], "record": []}
    columns.update({f"{name}_count": [] for name in PARQUET_COUNTS})
    for line in records:
        record = json.loads(line)
        columns["id"].append(record["id"])
        columns["url"].append(record.get("url"))
        columns["title"].append(record.get("title"))
        published = record.get("published")
        columns["published"].append(dt.date.fromisoformat(published) if published else None)
        columns["record"].append(line)
        for name in PARQUET_COUNTS:
            columns[f"{name}_count"].append(len(record.get(name) or []))
    schema = pa.schema([("id", pa.string()), ("url", pa.string()), ("title", pa.string()),
                        ("published", pa.date32()), ("record", pa.string())]
                       + [(f"{name}_count", pa.int32()) for name in PARQUET_COUNTS])
    table = pa.Table.from_pydict(columns, schema=schema)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    os.close(fd)
    try:
        pq.write_table(table, tmp, compression="zstd")
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise


def write_parquet_dataset(jsonl_path: Path, parquet_dir: Path,
                          rows_per_shard: int = PARQUET_ROWS_PER_SHARD) -> int:
    """Parquet shards of a JSONL file of records (the local batch's `--parquet`); returns shards."""
    parquet_dir.mkdir(parents=True, exist_ok=True)
    shards, chunk = 0, []
    with jsonl_path.open(encoding="utf-8") as handle:
        for line in handle:
            chunk.append(line.rstrip("\n"))
            if len(chunk) == rows_per_shard:
                write_parquet_shard(chunk, parquet_dir / Partition(shards, 0, 0, 0).shard(".parquet"))
                shards, chunk = shards + 1, []
    if chunk or not shards:
        write_parquet_shard(chunk, parquet_dir / Partition(shards, 0, 0, 0).shard(".parquet"))
        shards += 1
    _tidy_parquet_dir(parquet_dir, {Partition(i, 0, 0, 0).shard("") for i in range(shards)})
    return shards


def _tidy_parquet_dir(parquet_dir: Path, written: set[str]) -> None:
    """Remove the shards this run did not write (an earlier run's) and temporary files of killed tasks."""
    for path in parquet_dir.glob("part-*.parquet"):
        if path.name[:-len(".parquet")] not in written:
            path.unlink()
    for path in parquet_dir.glob(".part-*.parquet.*"):
        path.unlink(missing_ok=True)
