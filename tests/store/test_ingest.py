"""Ingesting into a real SQLite file: idempotence, interruption, JSONL and WARC inputs, failures."""
from __future__ import annotations

import io
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from typer.testing import CliRunner

from marsad.cli import app
from marsad.store import Store, ingest, open_reader
from marsad.store.schema import MIGRATIONS

REPO = Path(__file__).resolve().parents[2]


def snapshot(db: Path) -> dict:
    """What must be equal between two stores built from the same inputs."""
    with open_reader(db) as store:
        def q(sql):
            return [tuple(row) for row in store.db.execute(sql)]

        return {
            "counts": store.counts(),
            "documents": sorted(q('SELECT "id", "duplicate_of" FROM "documents"')),
            "events": sorted(r[0] for r in q('SELECT "id" FROM "events"')),
            "entities": sorted(q('SELECT "id", "documents", "roles" FROM "entities"')),
            "stories": sorted(q('SELECT "id", "documents", "sources" FROM "stories"')),
        }


def test_folder_ingested_twice_is_stored_once(corpus_folder, tmp_path):
    folder = corpus_folder(240)
    # The same bytes under another name, and other bytes with the same cleaned text (a BOM,
    # extra blank lines), are the same document.
    shutil.copy(folder / "doc-0007.txt", folder / "copy-of-7.txt")
    text = (folder / "doc-0011.txt").read_text("utf-8")
    (folder / "copy-of-11.txt").write_text("\ufeff" + text + "\n\n", encoding="utf-8")
    db = tmp_path / "corpus.db"
    with Store(db) as store:
        first = ingest(store, [folder])
    assert (first.new, first.duplicate, first.failed) == (240, 2, 0)
    before = snapshot(db)
    with Store(db) as store:
        second = ingest(store, [folder])
    assert (second.new, second.duplicate, second.failed) == (0, 242, 0)
    assert snapshot(db) == before
    assert before["counts"]["documents"] == 240
    with open_reader(db) as store:
        assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert store.db.execute('SELECT COUNT(*) FROM "inputs"').fetchone()[0] == 241
        assert store.db.execute('SELECT COUNT(*) FROM "search"').fetchone()[0] == 240


def test_killed_ingest_reruns_to_the_same_store(corpus_folder, tmp_path):
    folder = corpus_folder(60)
    killed, clean = tmp_path / "killed.db", tmp_path / "clean.db"
    process = subprocess.Popen([sys.executable, "-m", "marsad.cli", "ingest", str(folder),
                                "--db", str(killed)], cwd=REPO,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 90
    committed = 0
    while time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.05)
        if not killed.exists():
            continue
        try:
            with sqlite3.connect(f"file:{killed}?mode=ro", uri=True) as db:
                committed = db.execute('SELECT COUNT(*) FROM "documents"').fetchone()[0]
        except sqlite3.Error:
            continue
        if committed >= 10:
            os.kill(process.pid, signal.SIGKILL)
            break
    process.wait()
    assert process.returncode == -signal.SIGKILL, "the ingest ended before it could be killed"
    assert 10 <= committed < 60
    with Store(killed) as store:
        assert store.counts()["documents"] < 60
        report = ingest(store, [folder])
    assert report.failed == 0 and report.new + report.duplicate == 60
    with Store(clean) as store:
        ingest(store, [folder])
    assert snapshot(killed) == snapshot(clean)


def test_jsonl_lines_and_failures_are_kept(tmp_path):
    lines = [
        {"id": "a-1", "published": "2023-02-02", "url": "https://www.example-news.iq/a-1",
         "text": "وفد تركي في أربيل\n\nوصل وفد تركي إلى أربيل يوم الخميس لبحث ملف المياه."},
        "{not json",
        {"id": "a-3", "text": "عنوان بلا نص"},
        {"id": "a-4", "html": "<html><head><title>زيارة</title></head><body><article>"
                              "<h1>زيارة إلى الموصل</h1><p>زار وزير الصحة مدينة الموصل يوم السبت "
                              "وتفقد مستشفى المدينة الجديد الذي افتتح الشهر الماضي.</p>"
                              "</article></body></html>", "published": "2023-02-04"},
        {"id": "a-5", "text": "خبر", "published": "2023-13-45"},
    ]
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join(l if isinstance(l, str) else json.dumps(l, ensure_ascii=False)
                              for l in lines) + "\n", encoding="utf-8")
    db = tmp_path / "feed.db"
    result = CliRunner().invoke(app, ["ingest", str(path), "--db", str(db)])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert f"{path}:2: not JSON" in result.stderr
    assert f"{path}:5" in result.stderr and "2023-13-45" in result.stderr
    assert "failed" in result.stderr.strip().splitlines()[-1]
    with open_reader(db) as store:
        ids = {r[0] for r in store.db.execute('SELECT "id" FROM "documents"')}
        assert {"a-1", "a-4"} <= ids
        outlet = store.db.execute('SELECT "outlet" FROM "documents" WHERE "id" = \'a-1\'').fetchone()[0]
        assert outlet == "example-news.iq"
        failures = {r[0]: r[1] for r in store.db.execute('SELECT "source", "error" FROM "failures"')}
    assert f"{path}:2" in failures and f"{path}:5" in failures


def test_warc_response_records_with_html_are_ingested(tmp_path):
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    page = ("<html><head><meta charset='utf-8'><title>قمة في عمّان</title></head><body><article>"
            "<h1>قمة ثلاثية في عمّان</h1><p>عقد قادة الأردن ومصر والعراق قمة ثلاثية في العاصمة "
            "الأردنية عمّان يوم الأربعاء، وبحثوا مشاريع الربط الكهربائي والتعاون الاقتصادي.</p>"
            "<p>وقال بيان مشترك إن القادة اتفقوا على عقد القمة المقبلة في بغداد.</p>"
            "</article></body></html>").encode("utf-8")
    path = tmp_path / "crawl.warc.gz"
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        for url, body, kind in (("https://news.example.jo/summit", page, "text/html; charset=utf-8"),
                                ("https://news.example.jo/logo.png", b"\x89PNG....", "image/png")):
            headers = StatusAndHeaders("200 OK", [("Content-Type", kind)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                                          http_headers=headers))
    db = tmp_path / "warc.db"
    with Store(db) as store:
        report = ingest(store, [path])
        assert (report.new, report.failed) == (1, 0)
        row = store.db.execute('SELECT "url", "outlet", "title" FROM "documents"').fetchone()
    assert row[0] == "https://news.example.jo/summit"
    assert row[1] == "news.example.jo"
    assert "عمّان" in row[2]
    with Store(db) as store:
        assert ingest(store, [path]).duplicate == 1


def test_missing_input_and_store_errors_are_one_line(tmp_path):
    runner = CliRunner()
    result = runner.invoke(app, ["ingest", str(tmp_path / "nowhere.txt"), "--db", str(tmp_path / "x.db")])
    assert result.exit_code == 2
    assert "nowhere.txt: no such file" in result.stderr
    result = runner.invoke(app, ["query", "stories", "--db", str(tmp_path / "missing.db")])
    assert result.exit_code == 2
    assert result.stderr.strip().count("\n") == 0 and "missing.db" in result.stderr


def test_migrations_are_recorded_once(tmp_path):
    db = tmp_path / "m.db"
    Store(db).close()
    with Store(db) as store:
        rows = store.db.execute('SELECT "version" FROM "migrations"').fetchall()
    assert [r[0] for r in rows] == list(range(1, len(MIGRATIONS) + 1))
