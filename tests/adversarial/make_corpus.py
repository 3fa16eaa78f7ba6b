"""Writes the adversarial inputs of tests/adversarial/corpus/ (run it again after editing it).

    .venv/bin/python tests/adversarial/make_corpus.py

Every file is small; inputs whose size is the point (a 100,000-character line, an oversize
batch line, a gzip bomb) are made at test time by the functions at the end, not committed.
"""
from __future__ import annotations

import gzip
import json
from pathlib import Path

CORPUS = Path(__file__).resolve().parent / "corpus"

TITLE = "الكاظمي يستقبل قاآني في بغداد"
BODY = [
    "استقبل رئيس الوزراء العراقي مصطفى الكاظمي في بغداد يوم الأربعاء الماضي قائد فيلق القدس "
    "إسماعيل قاآني، وبحث الجانبان الأوضاع الأمنية في المنطقة.",
    "وقال الكاظمي في بيان إن «العراق لن يكون ساحة لتصفية الحسابات»، فيما نفى مصدر مطلع "
    "وجود أي اتفاق على انسحاب القوات الأمريكية.",
    "وكانت صواريخ قد استهدفت السفارة الأمريكية في المنطقة الخضراء قبل ثلاثة أيام.",
]
PAGE = "\n".join([TITLE, "٢٣ تشرين الثاني ٢٠٢٠", *BODY]) + "\n"


def html_page(body_html: str, head: str = "") -> str:
    return (f"<!DOCTYPE html><html><head>{head}<title>{TITLE}</title></head>"
            f"<body><article><h1>{TITLE}</h1>{body_html}</article></body></html>")


PARAGRAPHS = "".join(f"<p>{p}</p>" for p in BODY)


def corpus_files() -> dict[str, bytes]:
    """Name -> bytes of every committed adversarial input."""
    files: dict[str, bytes] = {}
    # Mixed scripts: Arabic with Latin, Hebrew, Persian, Urdu, Cyrillic, CJK and emoji.
    files["mixed-scripts.txt"] = (
        f"{TITLE} | Kadhimi meets Qaani\n"
        "قال الرئيس Emmanuel Macron إن فرنسا تدعم بغداد. שלום עולם. رئیس‌جمهور ایران گفت. "
        "وزیراعظم نے کہا۔ Путин заявил. 中文新闻 😀🇮🇶 وأضاف ماكرون: «نحن مع العراق».\n"
        + "\n".join(BODY) + "\n").encode()
    # Direction overrides and isolates, unbalanced, inside words, numbers and quotes.
    files["bidi-overrides.txt"] = (
        f"\u202e{TITLE}\u202c\n"
        + "\n".join("\u202d" + p.replace(" ", " \u202e", 3).replace("الكاظمي", "الكا\u2066ظمي")
                    + "\u2067" for p in BODY)
        + "\n\u202e\u202e\u202e في ٢٠\u202e٢٠ «\u2068اقتباس\u2069» \u200f\u200e\n").encode()
    # Zero-width characters everywhere, a line of nothing but invisible marks and tatweel.
    files["zero-width.txt"] = (
        "\ufeff" + TITLE.replace(" ", " \u200b") + "\n\u200b\u200c\u200d\u0640\u061c\n"
        + "\n".join("\u200c".join(p) for p in BODY) + "\n").encode()
    # A title only, then lines of invisible marks: decodes, but has no article text.
    files["only-invisible.txt"] = (TITLE + "\n" + "\u200b\u200f\u0640\n" * 20).encode()
    # 5,000 nested elements around the article, closed and not closed.
    depth = 5000
    files["nested-5000.html"] = html_page("<div>" * depth + PARAGRAPHS + "</div>" * depth).encode()
    files["nested-5000-unclosed.html"] = html_page("<div><span>" * depth + PARAGRAPHS).encode()
    # Broken markup: unclosed and stray tags, bad attributes, an unterminated comment.
    files["broken.html"] = (
        "<html><head><title>" + TITLE + "</title><meta charset=utf-8 <body>"
        "<p class='a\"b>" + BODY[0] + "</b></i></div></p><<p>>" + BODY[1]
        + "<p " + BODY[2] + " </td></tr></table><!-- لا ينتهي").encode()
    # Scripts, styles and entities: none of the script text may reach the record.
    files["scripts-entities.html"] = html_page(
        "<script>document.write('<p>نص من سكريبت</p>'); var x = \"</p><p>\";</script>"
        "<style>p::before{content:'نمط'}</style>"
        f"<p>{BODY[0]} &amp; &lt;b&gt; &#1575;&#1604;&#1593;&#1585;&#1575;&#1602; &#x627; &nbsp;&hellip;</p>"
        f"<p>{BODY[1]} &#0; &#xD800; &#99999999; &bogus; &#x;</p>"
        f"<noscript>فعّل جافاسكربت</noscript><p>{BODY[2]}</p>"
        "<script type='application/ld+json'>{\"datePublished\": \"not a date\"}</script>").encode()
    # Declared charsets that lie.
    files["cp1256-declares-utf8.html"] = html_page(
        PARAGRAPHS, '<meta charset="utf-8">').replace("٢", "2").encode("cp1256")
    files["utf8-declares-cp1256.html"] = html_page(
        PARAGRAPHS, '<meta http-equiv="Content-Type" content="text/html; charset=windows-1256">').encode()
    files["cp1256-plain.txt"] = PAGE.replace("٢", "2").replace("٣", "3").replace("٠", "0").encode("cp1256")
    # Text with NUL bytes (binary by our rule) and a UTF-16 page with a stray odd byte.
    files["nul-bytes.txt"] = PAGE.encode().replace("\n".encode(), b"\x00\n", 2)
    files["utf16-odd-length.txt"] = PAGE.encode("utf-16") + b"\x00"
    # Impossible and extreme dates in page metadata and text.
    files["bad-dates.html"] = html_page(
        f"<time datetime=\"0000-00-00\">أمس</time>{PARAGRAPHS}<p>في 31/02/2020 و 99/99/9999 "
        "و 30 ذو الحجة 9999 هـ و1 كانون الثاني 0000 غداً.</p>").encode()
    files["time-far-future.html"] = html_page(
        f"<time datetime=\"9999-12-31\">غداً</time>{PARAGRAPHS}<p>وسيعقد الاجتماع غداً أو العام المقبل.</p>"
    ).encode()
    # JSONL: lone surrogates as JSON escapes, and lines that are broken in every way.
    good = {"id": "good-1", "text": PAGE, "published": "2020-11-23"}
    files["surrogates.jsonl"] = "\n".join([
        json.dumps(good, ensure_ascii=False),
        '{"id": "lone-high", "text": "' + TITLE + '\\n\\ud800 ' + BODY[0] + '"}',
        '{"id": "lone-low", "text": "' + TITLE + '\\n' + BODY[1] + ' \\udc00\\udfff"}',
        '{"id": "pair-ok", "text": "' + TITLE + '\\n' + BODY[2] + ' \\ud83d\\ude00"}',
    ]).encode() + b"\n"
    files["broken-lines.jsonl"] = b"\n".join([
        json.dumps(good, ensure_ascii=False).encode(),
        b'{"id": "cut", "text": "' + TITLE.encode(),                     # truncated JSON
        b"[1, 2, 3]",                                                      # not an object
        b'{"text": "no id"}',
        b'{"id": true, "text": "boolean id"}',
        b'{"id": "both", "text": "a", "html": "<p>b</p>"}',
        b'{"id": "neither"}',
        b'{"id": "latin1", "text": "' + "Café".encode("latin-1") + b'"}',   # not UTF-8
        b'{"id": "bad-date", "text": "' + PAGE.replace("\n", "\\n").encode() + b'", "published": "2020-13-45"}',
        b'{"id": "empty", "text": ""}',
        b"\x00\x01\x02",
        b"",
        b"   ",
        json.dumps({"id": 2, "html": html_page(PARAGRAPHS)}, ensure_ascii=False).encode(),
    ]) + b"\n"
    return files


def long_line(length: int = 100_000) -> bytes:
    """A page whose body is one line of `length` characters, no line break in it."""
    words = " ".join(BODY).split()
    line, i = [], 0
    while sum(map(len, line)) + len(line) < length:
        line.append(words[i % len(words)])
        i += 1
    return (TITLE + "\n" + " ".join(line)[:length] + "\n").encode()


def gzip_bomb(path: Path, expanded_bytes: int = 1 << 30) -> int:
    """A `.gz` file of highly compressible data expanding to `expanded_bytes`; returns its size.

    Made of concatenated gzip members (valid, and how `.warc.gz` files are built), so that
    writing it takes a fraction of a second.
    """
    member_size = 16 << 20
    member = gzip.compress(b"\0" * member_size, compresslevel=9, mtime=0)
    with path.open("wb") as handle:
        for _ in range(expanded_bytes // member_size):
            handle.write(member)
    return path.stat().st_size


def main() -> None:
    CORPUS.mkdir(exist_ok=True)
    for name, data in corpus_files().items():
        (CORPUS / name).write_bytes(data)
        print(f"{len(data):>8,}  {name}")


if __name__ == "__main__":
    main()
