"""The command line as a user runs it: real processes, real files, exit codes and stderr."""
import json
import subprocess
import sys

import pytest

from marsad.schema import record_errors


MARSAD = [sys.executable, "-m", "marsad.cli"]


def run(*args, stdin: bytes | None = None):
    return subprocess.run(MARSAD + list(args), input=stdin, capture_output=True, timeout=300)


def test_analyze_json_gives_a_valid_record(seed_path, seed_gold):
    result = run("analyze", str(seed_path), "--json")
    assert result.returncode == 0, result.stderr.decode()
    record = json.loads(result.stdout)
    assert record_errors(record) == []
    assert record["title"] == seed_gold["title"]
    assert record["published"] == seed_gold["published"]
    assert sorted(record["highlights"]) == sorted(seed_gold["highlights"])


def test_analyze_reads_stdin_and_takes_caller_metadata(examples):
    page = (examples / "amman-talks.txt").read_bytes()
    result = run("analyze", "-", "--json", "--published", "2023-03-13", "--url", "https://example.org/a",
                 stdin=page)
    assert result.returncode == 0, result.stderr.decode()
    record = json.loads(result.stdout)
    assert record["published"] == "2023-03-13"
    assert record["url"] == "https://example.org/a"


def test_analyze_prints_a_summary_on_a_terminal(examples):
    result = run("analyze", str(examples / "basra-protest.html"))
    assert result.returncode == 0, result.stderr.decode()
    assert "محتجون يغلقون طريق ميناء أم قصر في البصرة" in result.stdout.decode()


def _bad_inputs(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 64)
    (tmp_path / "latin1.txt").write_bytes("Café crème, déjà vu, naïve façade.\n".encode("latin-1") * 20)
    with open(tmp_path / "huge.txt", "wb") as handle:
        handle.write("خبر ".encode("utf-8") * (50 * 1024 * 1024 // 7))
    (tmp_path / "folder").mkdir()
    return {
        "empty.txt": "empty input",
        "binary.txt": "binary data",
        "latin1.txt": "no known Arabic encoding",
        "huge.txt": "over the limit",
        "folder": "is a directory",
        "missing.txt": "no such file",
    }


def test_bad_inputs_give_one_line_and_exit_2(tmp_path):
    for name, problem in _bad_inputs(tmp_path).items():
        result = run("analyze", str(tmp_path / name), "--json")
        stderr = result.stderr.decode()
        assert result.returncode == 2, (name, stderr)
        assert result.stdout == b""
        assert "Traceback" not in stderr
        lines = stderr.strip().splitlines()
        assert len(lines) == 1, stderr
        assert name in lines[0] and problem in lines[0], lines[0]


@pytest.mark.parametrize("bad", ["2020-13-01", "أمس"])
def test_bad_published_date_is_refused(examples, bad):
    result = run("analyze", str(examples / "amman-talks.txt"), "--published", bad)
    assert result.returncode == 2
    stderr = result.stderr.decode()
    assert "--published" in stderr and bad in stderr and len(stderr.strip().splitlines()) == 1


def test_batch_keeps_ids_and_reports_bad_lines(tmp_path, examples):
    out = tmp_path / "out.jsonl"
    result = run("batch", str(examples / "batch.jsonl"), "-o", str(out), "--workers", "2")
    assert result.returncode == 2  # one line of the example is broken on purpose
    records = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert [r["id"] for r in records] == ["sanaa-1", "cairo-2"]
    assert all(record_errors(r) == [] for r in records)
    assert records[0]["published"] == "2021-02-08"
    assert records[1]["published"] == "2024-03-15"  # from its date line in Arabic-Indic digits
    errors = [json.loads(line) for line in (tmp_path / "out.jsonl.errors.jsonl").read_text().splitlines()]
    assert errors == [{"line": 2, "id": None, "error": errors[0]["error"]}]
    assert "line 2" in errors[0]["error"] and "not JSON" in errors[0]["error"]
    assert "line 2" in result.stderr.decode()


def test_batch_leaves_no_output_when_the_input_is_missing(tmp_path):
    out = tmp_path / "out.jsonl"
    result = run("batch", str(tmp_path / "nope.jsonl"), "-o", str(out))
    assert result.returncode == 2
    assert not out.exists()
    assert "nope.jsonl" in result.stderr.decode()


@pytest.mark.parametrize("flags", [[], ["--pipeline"]])
def test_tag_gives_one_bio_tag_per_input_token(flags):
    sentences = "زار وزير الخارجية الأردني أيمن الصفدي بغداد\n\nوبحث مع نظيره العراقي العلاقات\n"
    result = run("tag", "-", "--format", "conll", *flags, stdin=sentences.encode("utf-8"))
    assert result.returncode == 0, result.stderr.decode()
    blocks = [b for b in result.stdout.decode("utf-8").strip().split("\n\n")]
    inputs = [line.split() for line in sentences.splitlines() if line.strip()]
    assert len(blocks) == len(inputs)
    for tokens, block in zip(inputs, blocks):
        rows = [line.rsplit(" ", 1) for line in block.splitlines()]
        assert [r[0] for r in rows] == tokens
        assert all(r[1] == "O" or r[1][:2] in ("B-", "I-") for r in rows)
    assert "B-PERS" in result.stdout.decode("utf-8")


def test_evaluate_scores_the_seed_gold(shared):
    result = run("evaluate", str(shared / "gold" / "qaani-baghdad-2020-11-23.json"), "--json")
    assert result.returncode == 0, result.stderr.decode()
    report = json.loads(result.stdout)
    scores = next(iter(report.values()))
    for layer in ("entities", "events", "quotes", "attributions", "dates"):
        assert 0 <= scores[layer]["f1"] <= 1


def test_evaluate_takes_a_folder_of_gold(shared, tmp_path):
    result = run("evaluate", str(shared / "gold"), "--json")
    assert result.returncode == 0, result.stderr.decode()
    report = json.loads(result.stdout)
    assert any(key.endswith("qaani-baghdad-2020-11-23.json") for key in report)
    empty = tmp_path / "empty"
    empty.mkdir()
    refused = run("evaluate", str(empty))
    assert refused.returncode == 2 and "empty" in refused.stderr.decode()


def test_evaluate_refuses_an_unknown_gold_format(tmp_path):
    bad = tmp_path / "gold.xml"
    bad.write_text("<gold/>")
    result = run("evaluate", str(bad))
    assert result.returncode == 2
    assert "gold.xml" in result.stderr.decode()


# -- issue 15: one-paragraph inputs, article fields, metadata for files ---------------------

SENTENCES = ["شهدت المدينة احتجاجات واسعة في 5 آذار 2024 ضد الحكومة.",
             "وصل وزير الخارجية الأردني أيمن الصفدي إلى بغداد يوم الأحد الماضي.",
             "نفى الجيش تعرض قاعدة عين الأسد لأي قصف",
             "انفجار صاروخ قرب قطاع غزة دون إصابات"]


def test_one_sentence_on_stdin_gives_a_record():
    sentence = SENTENCES[1]
    result = run("analyze", "-", "--json", "--published", "Mon, 11 Mar 2024 09:00:00 +0300",
                 "--outlet", "وكالة المثال", stdin=(sentence + "\n").encode("utf-8"))
    assert result.returncode == 0, result.stderr.decode()
    record = json.loads(result.stdout)
    assert record_errors(record) == []
    assert (record["text"], record["title"]) == (sentence, sentence)
    assert (record["published"], record["outlet"]) == ("2024-03-11", "وكالة المثال")
    assert any((d["value"] or {}).get("start") == "2024-03-10" for d in record["dates"])  # الأحد الماضي


def test_batch_of_one_sentence_texts_and_its_bad_lines(tmp_path):
    lines = [json.dumps({"id": f"s{i}", "text": s, "published": "2024-03-11"}, ensure_ascii=False)
             for i, s in enumerate(SENTENCES)]
    lines += ['{"id": "s0", "text": "نص آخر بالمعرف نفسه."}',           # duplicate id
              '{"id": 1.5, "text": "نص."}',
              '{"id": "n", "text": "نص.", "published": NaN}',
              json.dumps({"id": "x" * 513, "text": "نص."})]
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join(lines) + "\n", "utf-8")
    out = tmp_path / "out.jsonl"
    result = run("batch", str(source), "-o", str(out))
    assert result.returncode == 2
    records = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert [r["text"] for r in records] == SENTENCES
    assert all(record_errors(r) == [] for r in records)
    errors = {e["line"]: e["error"] for e in map(json.loads, (tmp_path / "out.jsonl.errors.jsonl")
                                                 .read_text("utf-8").splitlines())}
    assert "duplicate id" in errors[5] and "line 1" in errors[5]
    assert "'id'" in errors[6] and "1.5" in errors[6]
    assert "'published'" in errors[7] and "nan" in errors[7]
    assert "513 characters" in errors[8]
    assert "Traceback" not in result.stderr.decode()


@pytest.mark.parametrize("command", [
    lambda p: ["batch", str(p), "-o", str(p)],
    lambda p: ["batch", str(p), "-o", str(p.parent / "." / p.name)],
    lambda p: ["ingest", str(p), "--db", str(p)],
])
def test_commands_refuse_to_write_over_their_input(tmp_path, command):
    source = tmp_path / "in.jsonl"
    original = json.dumps({"id": "a", "text": SENTENCES[0]}, ensure_ascii=False) + "\n"
    source.write_text(original, "utf-8")
    result = run(*command(source))
    stderr = result.stderr.decode()
    assert result.returncode == 2 and len(stderr.strip().splitlines()) == 1, stderr
    assert "in.jsonl" in stderr and "input" in stderr
    assert source.read_text("utf-8") == original


def test_export_refuses_to_write_over_its_store(tmp_path):
    db = tmp_path / "s.db"
    from marsad.store.db import Store

    Store(db).close()
    before = db.read_bytes()
    result = run("export", "--format", "jsonl", "-o", str(db), "--db", str(db))
    assert result.returncode == 2 and "s.db" in result.stderr.decode()
    assert db.read_bytes() == before


def test_ingest_takes_flags_and_a_manifest(tmp_path):
    import sqlite3

    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "a.txt").write_text("احتجاجات في البصرة\n\nتظاهر مئات من سكان البصرة يوم الخميس "
                                  "الماضي للمطالبة بتحسين الكهرباء.\n", "utf-8")
    (folder / "b.txt").write_text(SENTENCES[1] + "\n", "utf-8")
    (folder / "c.txt").write_text(SENTENCES[2] + "\n", "utf-8")
    (folder / "manifest.tsv").write_text(
        "path\turl\tpublished\toutlet\n"
        "a.txt\thttps://www.alpha.iq/a\tSun, 10 Mar 2024 10:00:00 +0300\t\n"
        "b.txt\t\t١٢ آذار ٢٠٢٤\tجريدة المثال\n", "utf-8")
    db = tmp_path / "s.db"
    result = run("ingest", str(folder), "--db", str(db), "--published", "2024-01-01", "--outlet", "عام")
    assert result.returncode == 0, result.stderr.decode()
    with sqlite3.connect(db) as connection:
        rows = {json.loads(r)["text"].split("\n")[0]: json.loads(r) for (r,) in
                connection.execute('SELECT "record" FROM "documents"')}
    a, b, c = rows["احتجاجات في البصرة"], rows[SENTENCES[1]], rows[SENTENCES[2]]
    assert (a["published"], a["outlet"], a["url"]) == ("2024-03-10", "alpha.iq", "https://www.alpha.iq/a")
    assert (b["published"], b["outlet"]) == ("2024-03-12", "جريدة المثال")
    assert (c["published"], c["outlet"]) == ("2024-01-01", "عام")    # no row: the flags


def test_ingest_reports_an_id_stored_with_other_text_and_replaces_on_request(tmp_path):
    import sqlite3

    db = tmp_path / "s.db"
    first, second = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    first.write_text(json.dumps({"id": "a", "text": SENTENCES[0]}, ensure_ascii=False) + "\n", "utf-8")
    second.write_text(json.dumps({"id": "a", "text": SENTENCES[1]}, ensure_ascii=False) + "\n", "utf-8")
    assert run("ingest", str(first), "--db", str(db)).returncode == 0
    conflict = run("ingest", str(second), "--db", str(db))
    assert conflict.returncode == 2
    assert "sha256:" in conflict.stderr.decode() and "two.jsonl:1" in conflict.stderr.decode()
    replaced = run("ingest", str(second), "--db", str(db), "--replace")
    assert replaced.returncode == 0, replaced.stderr.decode()
    assert "1 replaced" in replaced.stderr.decode()
    with sqlite3.connect(db) as connection:
        assert connection.execute('SELECT "text" FROM "documents"').fetchall() == [(SENTENCES[1],)]
        assert connection.execute('SELECT "text" FROM "document_versions"').fetchall() == [(SENTENCES[0],)]
