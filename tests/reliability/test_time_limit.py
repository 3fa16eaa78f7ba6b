"""The per-document time limit (issue 14): past it, one line for that document, the rest goes on.

The slow document is a hostile page that takes half a minute of CPU or more (one long sentence
with an event trigger every few words; analysis is linear in it, about 6 s for 200 KB on an idle
machine, so the page is large enough to outlast the limit on a fast one); the limit stops it
after a few seconds whatever the machine's load, so these tests wait for the limit, never for
the analysis.
"""
from __future__ import annotations

import json
import sqlite3
import threading
import time

import pytest

from marsad.errors import DocumentTimeLimit
from marsad.timelimit import time_limit

from adversarial.hostile_inputs import normal_article, trigger_sentence
from adversarial.test_adversarial import assert_one_line_error, run_cli

LIMIT = "5"          # seconds: a short article needs a fraction of one, the slow page minutes
SLOW_PAGE_BYTES = 1_000_000


def _spin(seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        pass


@pytest.mark.parametrize("in_thread", [False, True])
def test_a_block_past_its_limit_is_stopped_in_any_thread(in_thread):
    outcome = {}

    def work():
        started = time.monotonic()
        try:
            with time_limit(0.3, "page.txt"):
                _spin(30)
        except DocumentTimeLimit as error:
            outcome["error"], outcome["after"] = str(error), time.monotonic() - started
        # Nothing of the stop is left over for the code that follows.
        _spin(0.5)
        with time_limit(5, "next.txt"):
            _spin(0.1)
        outcome["after the block"] = "clean"

    if in_thread:
        thread = threading.Thread(target=work)
        thread.start()
        thread.join(60)
    else:
        work()
    assert outcome["error"].startswith("page.txt: analysis stopped after 0.3 s")
    assert outcome["after"] < 25
    assert outcome["after the block"] == "clean"


def test_no_limit_when_zero():
    with time_limit(0, "page.txt"):
        _spin(0.2)


def test_a_stop_caught_inside_the_block_is_still_reported():
    with pytest.raises(DocumentTimeLimit, match="page.txt"):
        with time_limit(0.2, "page.txt"):
            try:
                _spin(30)
            except Exception:
                pass


def test_analyze_stops_at_the_limit(tmp_path):
    path = tmp_path / "slow.txt"
    path.write_text(trigger_sentence(SLOW_PAGE_BYTES), "utf-8")
    run = run_cli("analyze", str(path), "--time-limit", LIMIT, "--published", "2020-11-23")
    assert_one_line_error(run, str(path), f"analysis stopped after {LIMIT} s")


def test_the_limit_comes_from_the_environment(tmp_path):
    path = tmp_path / "slow.txt"
    path.write_text(trigger_sentence(SLOW_PAGE_BYTES), "utf-8")
    run = run_cli("analyze", str(path), env={"MARSAD_TIME_LIMIT": LIMIT})
    assert_one_line_error(run, str(path), "per-document time limit")
    bad = run_cli("analyze", str(path), env={"MARSAD_TIME_LIMIT": "soon"})
    assert bad.code != 0 and b"MARSAD_TIME_LIMIT" in bad.stderr


def _documents(tmp_path):
    lines = [{"id": "first", "text": normal_article(1500), "published": "2020-11-23"},
             {"id": "slow", "text": trigger_sentence(SLOW_PAGE_BYTES), "published": "2020-11-23"},
             {"id": "last", "text": normal_article(2500), "published": "2020-11-23"}]
    path = tmp_path / "in.jsonl"
    path.write_text("".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines), "utf-8")
    return path


def test_batch_reports_the_slow_document_and_goes_on(tmp_path):
    output = tmp_path / "out.jsonl"
    run = run_cli("batch", str(_documents(tmp_path)), "-o", str(output), "--time-limit", LIMIT)
    assert run.code == 2, run.stderr.decode()
    assert [json.loads(line)["id"] for line in output.read_text("utf-8").splitlines()] == ["first", "last"]
    errors = [json.loads(line) for line in (tmp_path / "out.jsonl.errors.jsonl").read_text("utf-8").splitlines()]
    assert [(e["line"], e["id"]) for e in errors] == [(2, "slow")]
    assert errors[0]["error"] == f"line 2 (id slow): analysis stopped after {LIMIT} s, the per-document time limit (--time-limit)"
    assert "Traceback" not in run.stderr.decode()


def test_ingest_records_the_slow_document_as_a_failure(tmp_path):
    db = tmp_path / "store.db"
    run = run_cli("ingest", str(_documents(tmp_path)), "--db", str(db), "--time-limit", LIMIT)
    stderr = run.stderr.decode()
    assert run.code == 2 and "Traceback" not in stderr, stderr
    assert "2 new, 0 duplicate, 1 failed" in stderr
    with sqlite3.connect(db) as connection:
        failures = connection.execute('SELECT "code", "error" FROM "failures"').fetchall()
    assert len(failures) == 1 and failures[0][0] == "E130" and "per-document time limit" in failures[0][1]
