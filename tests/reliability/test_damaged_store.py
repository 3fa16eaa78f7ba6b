"""A store whose file has bytes flipped (issue 14): one line naming the file and what is wrong,
exit 2, from `marsad query` and `marsad ingest`; never an internal error."""
from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from marsad.store import Store
from marsad.store.db import integrity_problem

from web.conftest import write_documents

MARSAD = [sys.executable, "-m", "marsad.cli"]


@pytest.fixture(scope="module")
def good_store(tmp_path_factory) -> Path:
    from marsad.store import ingest

    folder = tmp_path_factory.mktemp("damage")
    db = folder / "good.db"
    with Store(db) as store:
        assert ingest(store, [write_documents(folder)]).failed == 0
    with sqlite3.connect(db) as connection:   # everything in the main file, nothing in the WAL
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return db


def flipped(good: Path, folder: Path, offsets: list[int], length: int = 200) -> Path:
    """A copy of the store with `length` bytes inverted at each offset."""
    bad = folder / f"bad-{offsets[0]}.db"
    shutil.copy(good, bad)
    with bad.open("r+b") as handle:
        for offset in offsets:
            handle.seek(offset)
            data = bytearray(handle.read(length))
            handle.seek(offset)
            handle.write(bytes(b ^ 0x5A for b in data))
    return bad


def page_offsets(db: Path, table: str) -> list[int]:
    """A byte offset in the root page of a table's b-tree, past the page header's first bytes."""
    with sqlite3.connect(db) as connection:
        root = connection.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]
        page_size = connection.execute("PRAGMA page_size").fetchone()[0]
    return [(root - 1) * page_size + 8]


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(MARSAD + list(args), capture_output=True, text=True, timeout=600)


def assert_damage_reported(result: subprocess.CompletedProcess, db: Path) -> None:
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    assert lines[0].startswith(f"marsad: error: {db}: the store is damaged: integrity check failed")


@pytest.mark.parametrize("where", ["header", "documents", "entities"])
def test_query_and_ingest_name_the_damaged_file(good_store, tmp_path, where):
    offsets = [100] if where == "header" else page_offsets(good_store, where)
    bad = flipped(good_store, tmp_path, offsets)
    assert integrity_problem(bad) is not None
    for args in (["query", "--db", str(bad)], ["query", "search", "بغداد", "--db", str(bad)],
                 ["query", "stories", "--db", str(bad)]):
        assert_damage_reported(run(*args), bad)
    document = tmp_path / "one.txt"
    document.write_text("خبر\n\nقال وزير الخارجية إن المحادثات في بغداد كانت إيجابية.", "utf-8")
    assert_damage_reported(run("ingest", str(document), "--db", str(bad)), bad)


def test_a_sound_store_passes_the_check(good_store):
    assert integrity_problem(good_store) is None
    result = run("query", "--db", str(good_store), "--limit", "1")
    assert result.returncode == 0, result.stderr


def test_damage_met_while_reading_is_reported_not_raised(good_store, tmp_path):
    """Without the check at opening (the server's readers), damage found by a query is StoreDamaged."""
    from marsad.errors import StoreDamaged
    from marsad.store.db import open_reader

    bad = flipped(good_store, tmp_path, page_offsets(good_store, "documents"))
    with pytest.raises(StoreDamaged, match="integrity check failed"):
        with open_reader(bad) as store:
            store.db.execute('SELECT "id", "text", "record" FROM "documents"').fetchall()
