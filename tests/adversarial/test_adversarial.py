"""Hostile inputs through the real command line: a clear one-line error or a valid record.

Every run is a child process whose address space is capped (RLIMIT_AS), and its peak
resident memory is measured, so that a blow-up fails the test instead of the machine.
The committed inputs are made by make_corpus.py; the large ones are made here in tmp_path.
"""
from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

import pytest

from marsad.schema import record_errors
from marsad.text.normalize import INVISIBLE

from .make_corpus import CORPUS, corpus_files, gzip_bomb, long_line

MARSAD = [sys.executable, "-m", "marsad.cli"]
ADDRESS_SPACE = 2 << 30     # 2 GiB: far above what one article needs
PEAK_RSS_MB = 1024          # DESIGN.md: under 1 GB per worker

RECORD, ERROR, EITHER = "record", "error", "either"
# File -> (expected outcome, a phrase the one-line error must contain).
EXPECTED = {
    "mixed-scripts.txt": (RECORD, None),
    "bidi-overrides.txt": (RECORD, None),
    "zero-width.txt": (RECORD, None),
    "only-invisible.txt": (RECORD, None),   # a title alone is analysed as its title (issue 15)
    # libxml2 stops at 255 levels of nesting: the paragraphs below are not seen.
    "nested-5000.html": (EITHER, "no article"),
    "nested-5000-unclosed.html": (EITHER, "no article"),
    "broken.html": (EITHER, "no article"),
    "scripts-entities.html": (RECORD, None),
    "cp1256-declares-utf8.html": (RECORD, None),
    "utf8-declares-cp1256.html": (RECORD, None),
    "cp1256-plain.txt": (RECORD, None),
    "nul-bytes.txt": (ERROR, "binary data"),
    "utf16-odd-length.txt": (RECORD, None),
    "bad-dates.html": (RECORD, None),
    "time-far-future.html": (RECORD, None),
}


@dataclass
class Run:
    code: int
    stdout: bytes
    stderr: bytes
    peak_mb: float


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE, ADDRESS_SPACE))


def run_cli(*args: str, env: dict[str, str] | None = None, stdin: bytes | None = None,
            timeout: float = 300) -> Run:
    """Run `marsad ARGS` under the memory cap; its exit code, output and peak memory."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        child = subprocess.Popen(MARSAD + list(args), stdout=out, stderr=err,
                                 stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
                                 env={**os.environ, **(env or {})}, preexec_fn=_limit_memory)
        killer = threading.Timer(timeout, child.kill)
        killer.start()
        if stdin is not None:
            try:
                child.stdin.write(stdin)
            except BrokenPipeError:
                pass
            child.stdin.close()
        # wait4, not wait: it gives the child's own peak resident memory.
        _, status, usage = os.wait4(child.pid, 0)
        killer.cancel()
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return Run(child.returncode, out.read(), err.read(), usage.ru_maxrss / 1024)


def assert_one_line_error(run: Run, name: str, phrase: str | None) -> None:
    stderr = run.stderr.decode("utf-8", "replace")
    assert run.code == 2, f"exit {run.code}: {stderr[-2000:]}"
    assert "Traceback" not in stderr
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("marsad: error: ") and name in lines[0], lines[0]
    if phrase:
        assert phrase in lines[0], lines[0]
    assert run.stdout == b""


def assert_valid_record(run: Run) -> dict:
    assert run.code == 0, run.stderr.decode("utf-8", "replace")[-2000:]
    record = json.loads(run.stdout)
    assert record_errors(record) == []
    assert not set(record["text"]) & INVISIBLE, "invisible or direction marks left in the text"
    assert not any(0xD800 <= ord(ch) <= 0xDFFF for ch in record["text"])
    return record


def test_committed_corpus_is_what_make_corpus_writes():
    files = corpus_files()
    assert sorted(files) == sorted(p.name for p in CORPUS.iterdir())
    assert set(files) == set(EXPECTED) | {"surrogates.jsonl", "broken-lines.jsonl"}
    for name, data in files.items():
        assert (CORPUS / name).read_bytes() == data, f"{name}: run tests/adversarial/make_corpus.py"
        assert len(data) < 200_000, name


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_adversarial_file(name):
    outcome, phrase = EXPECTED[name]
    path = CORPUS / name
    run = run_cli("analyze", str(path), "--json")
    assert run.peak_mb < PEAK_RSS_MB, f"{run.peak_mb:.0f} MB"
    if outcome == ERROR or (outcome == EITHER and run.code != 0):
        assert_one_line_error(run, str(path), phrase)
        return
    record = assert_valid_record(run)
    assert "الكاظمي" in record["text"]
    if name == "scripts-entities.html":
        for leaked in ("سكريبت", "document.write", "نمط", "datePublished"):
            assert leaked not in record["text"]
    if name in ("bad-dates.html", "time-far-future.html"):
        assert record["published"] is None     # placeholders are not publication dates
    if name == "cp1256-plain.txt":
        assert record["published"] == "2020-11-23"


def test_a_100000_character_line(tmp_path):
    path = tmp_path / "long-line.txt"
    path.write_bytes(long_line(100_000))
    run = run_cli("analyze", str(path), "--json", "--published", "2020-11-23")
    record = assert_valid_record(run)
    assert len(record["text"]) > 100_000
    assert run.peak_mb < PEAK_RSS_MB, f"{run.peak_mb:.0f} MB"


def test_a_gzip_bomb_is_refused_unopened(tmp_path):
    path = tmp_path / "crawl.warc.gz"
    size = gzip_bomb(path, expanded_bytes=1 << 30)
    assert size < 2 << 20        # about 1 MB that would expand to 1 GiB
    run = run_cli("analyze", str(path), "--json")
    assert_one_line_error(run, str(path), "gzip-compressed")
    assert run.peak_mb < 400, f"{run.peak_mb:.0f} MB: the bomb was expanded"


def test_document_limit_from_the_environment(tmp_path):
    path = tmp_path / "page.txt"
    path.write_bytes(long_line(3000))
    limit = {"MARSAD_MAX_DOCUMENT_BYTES": "2K"}
    assert_one_line_error(run_cli("analyze", str(path), env=limit), str(path),
                          "over the limit of 2,048")
    # Standard input is held to the same limit.
    assert_one_line_error(run_cli("analyze", "-", env=limit, stdin=path.read_bytes()),
                          "<stdin>", "over the limit of 2,048")
    assert run_cli("analyze", str(path), "--json", env={"MARSAD_MAX_DOCUMENT_BYTES": "1M"}).code == 0


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_an_endless_device_is_read_no_further_than_the_limit():
    run = run_cli("analyze", "/dev/zero", env={"MARSAD_MAX_DOCUMENT_BYTES": "1M"}, timeout=60)
    assert_one_line_error(run, "/dev/zero", "over the limit of 1,048,576")
    assert run.peak_mb < 400, f"{run.peak_mb:.0f} MB"


# --- batch ------------------------------------------------------------------------------

def _batch(input_path: Path, tmp_path: Path, env: dict[str, str] | None = None):
    output = tmp_path / "out.jsonl"
    run = run_cli("batch", str(input_path), "-o", str(output), env=env)
    stderr = run.stderr.decode("utf-8", "replace")
    assert "Traceback" not in stderr and "internal error" not in stderr, stderr
    assert run.peak_mb < PEAK_RSS_MB, f"{run.peak_mb:.0f} MB"
    records = [json.loads(line) for line in output.read_text("utf-8").splitlines()]
    errors = [json.loads(line) for line in
              (tmp_path / "out.jsonl.errors.jsonl").read_text("utf-8").splitlines()]
    for record in records:
        assert record_errors(record) == []
    return run, records, errors


def test_batch_keeps_the_good_lines_and_lists_the_broken_ones(tmp_path):
    run, records, errors = _batch(CORPUS / "broken-lines.jsonl", tmp_path)
    assert run.code == 2
    assert [r["id"] for r in records] == ["good-1", "2"]
    assert [e["line"] for e in errors] == list(range(2, 12))
    assert all(e["error"].startswith(f"line {e['line']}") for e in errors)
    by_line = {e["line"]: e["error"] for e in errors}
    assert "not JSON" in by_line[2] and "not a JSON object" in by_line[3]
    assert "no 'id'" in by_line[4] and "'id' must be a string or a whole number" in by_line[5]
    assert "exactly one of" in by_line[6] and "exactly one of" in by_line[7]
    assert "not UTF-8" in by_line[8] and "2020-13-45" in by_line[9]


def test_batch_skips_oversize_lines_without_reading_them_whole(tmp_path):
    good = json.loads((CORPUS / "broken-lines.jsonl").read_bytes().splitlines()[0])
    lines = [good, {**good, "id": "huge", "text": good["text"] * 200}, {**good, "id": "after"}]
    path = tmp_path / "in.jsonl"
    path.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines), "utf-8")
    run, records, errors = _batch(path, tmp_path, env={"MARSAD_MAX_BATCH_LINE_BYTES": "16K"})
    assert [r["id"] for r in records] == ["good-1", "after"]
    assert len(errors) == 1 and errors[0]["line"] == 2
    assert "over the limit of 16,384" in errors[0]["error"]


def test_batch_removes_lone_surrogates_from_the_text(tmp_path):
    run, records, errors = _batch(CORPUS / "surrogates.jsonl", tmp_path)
    assert errors == [] and run.code == 0
    assert [r["id"] for r in records] == ["good-1", "lone-high", "lone-low", "pair-ok"]
    assert any("lone surrogate" in w for w in records[1]["warnings"])
    assert "😀" in records[3]["text"]


def test_batch_survives_a_lone_surrogate_in_an_id(tmp_path):
    good = json.loads((CORPUS / "broken-lines.jsonl").read_bytes().splitlines()[0])
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps(good) + "\n" + json.dumps({**good, "id": "bad\ud800"}) + "\n"
                    + json.dumps({**good, "id": "after"}) + "\n", "utf-8")
    run, records, errors = _batch(path, tmp_path)
    assert [r["id"] for r in records][:1] == ["good-1"] and records[-1]["id"] == "after"
    assert len(records) + len(errors) == 3
