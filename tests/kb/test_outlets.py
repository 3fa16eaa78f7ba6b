"""The outlet knowledge base (issue 16): its format, names, hosts, and state agencies kept apart."""
from collections import Counter

import marsad
from marsad.datafiles import read_rows
from marsad.kb.outlets import OUTLETS_FILE, TYPES, read_outlets


def test_outlets_file_format_and_provenance():
    text = OUTLETS_FILE.read_text("utf-8")
    assert "# Source:" in text and "# Columns:" in text
    rows = read_rows(OUTLETS_FILE)
    assert len(rows) >= 200
    assert not [k for k, n in Counter(r["key"] for r in rows).items() if n > 1]
    for row in rows:
        assert row["name"] and row["name_en"], row
        assert row["type"] in TYPES, row
        assert len(row["country"]) == 3 and row["country"].isupper(), row
        assert all(" " not in d and "." in d for d in row["domains"].split(";") if d), row
    assert {r["type"] for r in rows} == TYPES
    assert len({r["country"] for r in rows}) >= 30


def test_names_and_hosts():
    base = read_outlets(OUTLETS_FILE)
    assert base.named("وكالة رويترز").key == base.named("Reuters").key == "reuters"
    assert base.named("الوكالة الدولية للطاقة الذرية") is None
    assert base.named("وكالة الاستخبارات المركزية") is None
    assert base.of_url("https://www.skynewsarabia.com/middle-east/1034541").key == "skynews_arabia"
    assert base.of_url("https://www.bbc.com/arabic/middleeast-1").key == "bbc_arabic"
    assert base.of_url("https://www.bbc.com/news/world").key == "bbc"
    assert base.of_url("http://arabic.cnn.com/middle-east/article/2018").key == "cnn"
    assert base.of_url("https://example.org/x") is None and base.of_url(None) is None


def test_agencies_of_state_are_sources_not_outlets():
    record = marsad.analyze("عنوان\n\nوقالت الوكالة الدولية للطاقة الذرية إن إيران رفعت مخزونها من اليورانيوم المخصب.\n\n"
                            "ونقلت وكالة رويترز عن مصدر مطلع أن المحادثات ستستأنف الأسبوع المقبل.",
                            published="2021-05-10")
    kinds = {a.text: a.kind for a in record.attributions}
    assert [k for t, k in kinds.items() if "الطاقة الذرية" in t] in ([], ["official"])
    assert "outlet" not in [k for t, k in kinds.items() if "الطاقة الذرية" in t]
    assert [k for t, k in kinds.items() if "رويترز" in t] == ["outlet"]
