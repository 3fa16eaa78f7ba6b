"""Ingestion under hostile input: placeholders for dates, lone surrogates, compressed files,
endless devices, pages of thousands of short lines, and the limits set from the environment."""
from __future__ import annotations

import bz2
import gzip
import io
import json
import lzma
import os
import subprocess
import sys
import time
import zipfile

import pytest

from marsad.errors import BinaryInput, InputTooLarge
from marsad.ingest import parse_text, read_document, read_path
from marsad.ingest.plaintext import _is_paragraph, plausible_publication_date, restates, split_highlights
from marsad.settings import size_from_env

BODY = ("<p>قال الرئيس العراقي إن الحكومة ستجتمع يوم الأحد المقبل في بغداد لبحث الأزمة السياسية "
        "الراهنة مع الكتل النيابية.</p><p>وأضاف أن الاجتماع سيعقد بحضور الوزراء.</p>")


def page(head: str = "", before: str = "") -> str:
    return f"<html><head><title>خبر</title>{head}</head><body>{before}{BODY}</body></html>"


@pytest.mark.parametrize("value, expected", [
    ("2020-11-23", "2020-11-23"),
    ("2020-11-23T10:00:00+03:00", "2020-11-23"),
    ("0000-00-00", None),
    ("9999-12-31", None),
    ("0001-01-01", None),
    ("2020-02-30", None),
    ("", None),
    (None, None),
])
def test_plausible_publication_date(value, expected):
    assert plausible_publication_date(value) == expected


@pytest.mark.parametrize("stamp, expected", [
    ("0000-00-00", None), ("9999-12-31", None), ("2020-13-01", None), ("2020-11-23", "2020-11-23"),
])
def test_time_element_placeholders_are_no_publication_date(stamp, expected):
    html = page(before=f'<time datetime="{stamp}">x</time>')
    assert parse_text(html, "p.html", html=True).published == expected


def test_lone_surrogates_are_removed_with_a_warning():
    text = parse_text("عنوان \ud800الخبر\nقال الرئيس إن الحكومة \udc00ستجتمع في بغداد.", "t",
                      url="https://x.example/\udfff")
    assert text.text == "عنوان الخبر\n\nقال الرئيس إن الحكومة ستجتمع في بغداد."
    assert text.url == "https://x.example/"
    assert text.warnings == ["2 lone surrogate code point(s) removed (not valid Unicode)"]
    # The HTML parser gives up on a page with one; without it the page is read.
    html = parse_text(page().replace("الراهنة", "الراهنة\ud800"), "p.html", html=True)
    assert "الراهنة مع الكتل" in html.text
    json.dumps(html.text, ensure_ascii=False).encode("utf-8")


def _zip(data: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("page.txt", data)
    return buffer.getvalue()


@pytest.mark.parametrize("kind, compress", [
    ("gzip", gzip.compress), ("bzip2", bz2.compress), ("xz", lzma.compress), ("zip", _zip),
    ("zstd", lambda data: b"\x28\xb5\x2f\xfd" + data),
])
def test_compressed_input_is_refused_by_name(kind, compress):
    data = compress("عنوان\nقال الرئيس إن الحكومة ستجتمع.\n".encode() * 50)
    with pytest.raises(BinaryInput, match=f"^page.gz: {kind}-compressed data"):
        read_document(data, "page.gz")


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_an_endless_file_is_read_no_further_than_the_limit():
    with pytest.raises(InputTooLarge, match="over the limit of 1,000 bytes"):
        read_path("/dev/zero", max_bytes=1000)


def test_highlights_of_a_page_of_many_short_lines_take_linear_time():
    words = "الحكومة العراقية تبحث الأزمة السياسية مع الكتل النيابية في بغداد اليوم".split()
    body = [" ".join(words)] + [" ".join(words[i % 7:i % 7 + 5]) for i in range(20_000)]
    started = time.perf_counter()
    kept, highlights = split_highlights(body)
    assert time.perf_counter() - started < 5   # was about 40 s for 2,000 lines
    assert len(kept) + len(highlights) == len(body)


def test_highlights_match_their_one_line_at_a_time_definition():
    body = ["قال الرئيس إن الحكومة ستجتمع يوم الأحد في بغداد لبحث الأزمة.",
            "الحكومة ستجتمع يوم الأحد في بغداد",
            "أسعار النفط ترتفع في الأسواق العالمية اليوم",
            "ستجتمع الحكومة في بغداد يوم الأحد",
            "وأضاف أن الاجتماع سيعقد بحضور الوزراء."]
    expected = [line for i, line in enumerate(body)
                if i and not _is_paragraph(line) and restates(line, body[:i] + body[i + 1:])]
    assert split_highlights(body)[1] == expected == [body[1], body[3]]


# --- limits from the environment ---------------------------------------------------------

@pytest.mark.parametrize("raw, expected", [
    ("", 777), ("   ", 777), ("2048", 2048), ("10_485_760", 10_485_760), ("2K", 2048),
    ("10M", 10 << 20), ("1G", 1 << 30), ("16k", 16 << 10), ("5MiB", 5 << 20), ("5MB", 5 << 20),
])
def test_size_from_env(monkeypatch, raw, expected):
    monkeypatch.setenv("MARSAD_TEST_SIZE", raw)
    assert size_from_env("MARSAD_TEST_SIZE", 777) == expected


@pytest.mark.parametrize("raw", ["abc", "0", "-5", "1.5M", "10T", "M"])
def test_size_from_env_refuses_what_is_no_size(monkeypatch, raw):
    monkeypatch.setenv("MARSAD_TEST_SIZE", raw)
    with pytest.raises(ValueError, match="^MARSAD_TEST_SIZE="):
        size_from_env("MARSAD_TEST_SIZE", 777)


def _limits(env: dict[str, str]) -> list[int]:
    code = "import marsad.settings as s; print(s.MAX_DOCUMENT_BYTES, s.MAX_BATCH_LINE_BYTES)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            env={k: v for k, v in os.environ.items() if not k.startswith("MARSAD_MAX")} | env)
    assert result.returncode == 0, result.stderr
    return [int(x) for x in result.stdout.split()]


def test_limits_are_read_from_the_environment():
    assert _limits({}) == [10 << 20, (10 << 20) + (64 << 10)]
    # The batch line limit follows the document limit unless it is set itself.
    assert _limits({"MARSAD_MAX_DOCUMENT_BYTES": "1M"}) == [1 << 20, (1 << 20) + (64 << 10)]
    assert _limits({"MARSAD_MAX_DOCUMENT_BYTES": "1M", "MARSAD_MAX_BATCH_LINE_BYTES": "3000"}) == [1 << 20, 3000]
