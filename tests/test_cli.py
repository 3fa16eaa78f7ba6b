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


def test_evaluate_refuses_an_unknown_gold_format(tmp_path):
    bad = tmp_path / "gold.xml"
    bad.write_text("<gold/>")
    result = run("evaluate", str(bad))
    assert result.returncode == 2
    assert "gold.xml" in result.stderr.decode()
