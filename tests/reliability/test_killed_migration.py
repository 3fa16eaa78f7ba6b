"""A store migration killed with SIGKILL part-way: the store keeps its old version and all its data,
and the next open applies the migration whole. Each migration is one transaction."""
from __future__ import annotations

import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from marsad.errors import StoreVersionError
from marsad.store import Store, ingest
from marsad.store import db as store_db

from .documents import article, write_article
from .migration_child import V2
from .store_snapshot import integrity, snapshot

REPO = Path(__file__).resolve().parents[2]
# The schema's own migrations; the test-only one (V2 of migration_child) comes after them.
CURRENT = list(range(1, len(store_db.MIGRATIONS) + 1))
CHILD = Path(__file__).with_name("migration_child.py")
# Only a child that hangs, never a slow or busy machine, should meet this: the wait ends as soon
# as the child reaches its stopping point or exits (a 60 s deadline once failed under load).
HANG_GUARD_S = 1800


def kill_during_migration(db: Path, statement: str, when: str, *flags: str) -> str:
    """Open `db` in a child that stops at `statement`, SIGKILL it there; returns where it stopped."""
    marker = db.with_name("stopped-at.txt")
    marker.unlink(missing_ok=True)
    child = subprocess.Popen([sys.executable, str(CHILD), str(db), str(marker), statement, when,
                              *flags], cwd=REPO, stderr=subprocess.PIPE, text=True)
    guard = time.monotonic() + HANG_GUARD_S
    # The child writes the marker whole (renamed into place), so it exists only with its text.
    while not marker.exists() and child.poll() is None and time.monotonic() < guard:
        time.sleep(0.02)
    where = marker.read_text("utf-8") if marker.exists() else ""
    child.kill()
    _, stderr = child.communicate(timeout=30)
    assert where and where != "finished without stopping", f"did not stop: {where} {stderr}"
    assert child.returncode == -signal.SIGKILL
    return where


def tables(db: Path) -> dict[str, str]:
    with sqlite3.connect(db) as connection:
        return dict(connection.execute(
            "SELECT name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name"))


def versions(db: Path) -> list[int]:
    with sqlite3.connect(db) as connection:
        return [r[0] for r in connection.execute('SELECT "version" FROM "migrations" ORDER BY 1')]


def columns(db: Path, table: str) -> list[str]:
    with sqlite3.connect(db) as connection:
        return [r[1] for r in connection.execute(f'PRAGMA table_info("{table}")')]


@pytest.fixture(scope="module")
def clean_v1(tmp_path_factory) -> Path:
    """An empty store made without interruption, to compare schemas with."""
    db = tmp_path_factory.mktemp("clean") / "clean.db"
    Store(db).close()
    return db


@pytest.fixture(scope="module")
def v1_with_data(tmp_path_factory) -> tuple[Path, dict]:
    """A store at schema version 1 holding 30 articles, and its snapshot."""
    folder = tmp_path_factory.mktemp("v1")
    for i in range(30):
        write_article(folder / "articles", f"article-{i:03d}.txt", article(i))
    db = folder / "v1.db"
    with Store(db) as store:
        assert ingest(store, [folder / "articles"]).new == 30
    assert not db.with_name("v1.db-wal").exists()  # checkpointed on close: one file to copy
    return db, snapshot(db)


# Points in migration 1 (a new store: 22 statements, FTS5 included) where the child is killed.
FRESH_STOPS = [('CREATE INDEX "documents_published"', "before"),   # one table made
               ('CREATE VIRTUAL TABLE "search"', "before"),        # all but the FTS index
               ('INSERT INTO "migrations"', "before"),             # all made, not recorded
               ("COMMIT", "before")]                                 # recorded, not committed


@pytest.mark.parametrize("statement, when", FRESH_STOPS)
def test_new_store_killed_while_migrating_is_empty_then_completes(tmp_path, clean_v1,
                                                                 statement, when):
    db = tmp_path / "new.db"
    kill_during_migration(db, statement, when)
    assert integrity(db) == "ok"
    # Nothing of migration 1 is there: only the (empty) table that records migrations.
    assert list(tables(db)) == ["migrations"] and versions(db) == []
    Store(db).close()
    assert versions(db) == CURRENT
    assert tables(db) == tables(clean_v1)


# Points in the test-only migration 2 over a store with data.
UPGRADE_STOPS = [('UPDATE "documents"', "before"),          # column added, not filled
                 ('UPDATE "documents"', "during"),          # some rows filled
                 ('INSERT INTO "outlets"', "during"),       # new table half filled
                 ("COMMIT", "before")]                       # all done and recorded, not committed


@pytest.mark.parametrize("statement, when", UPGRADE_STOPS)
def test_upgrade_killed_keeps_version_1_and_its_data_then_completes(tmp_path, v1_with_data,
                                                                    monkeypatch, statement, when):
    template, before = v1_with_data
    db = tmp_path / "store.db"
    shutil.copy(template, db)
    v1_tables = tables(db)
    where = kill_during_migration(db, statement, when, "with-v2")
    assert where.startswith(when)

    assert integrity(db) == "ok"
    assert versions(db) == CURRENT
    assert tables(db) == v1_tables and "language" not in columns(db, "documents")
    assert snapshot(db) == before   # every record, entity, event and index row still there
    with Store(db) as store:        # this Marsad (version 1) still opens it as it was
        assert store.counts()["documents"] == 30

    monkeypatch.setattr(store_db, "MIGRATIONS", store_db.MIGRATIONS + [V2])
    Store(db).close()               # the upgraded Marsad applies migration 2 whole
    assert versions(db) == CURRENT + [len(CURRENT) + 1]
    with sqlite3.connect(db) as connection:
        assert connection.execute('SELECT COUNT(*) FROM "documents" '
                                  'WHERE "language" = \'ar\'').fetchone()[0] == 30
        assert connection.execute('SELECT SUM("documents") FROM "outlets"').fetchone()[0] == 30
    assert snapshot(db) == before
    assert integrity(db) == "ok"
    monkeypatch.undo()
    with pytest.raises(StoreVersionError):   # and version 1 now refuses it
        Store(db)
