import re

import pytest

from marsad.errors import NoText
from marsad.ingest import read_path
from marsad.ingest.plaintext import parse_text_page, restates, split_trailing_navigation


def _gold_line(entry: str) -> str:
    """Gold boilerplate entries may carry a note in parentheses, such as '(second copy of the title)'."""
    return re.sub(r"\s*\([^()]*\)\s*$", "", entry)


def test_seed_page_matches_the_gold_layout(seed_path, seed_gold):
    document = read_path(seed_path)
    assert document.title == seed_gold["title"]
    assert document.published == seed_gold["published"]
    assert sorted(document.highlights) == sorted(seed_gold["highlights"])
    assert sorted(document.boilerplate) == sorted(_gold_line(b) for b in seed_gold["boilerplate"])
    assert document.text.startswith(document.title + "\n\n")
    assert document.text.count(document.title) == 1
    for line in document.highlights + document.boilerplate[1:]:
        assert line not in document.text.split("\n\n")


def test_caller_date_wins_over_the_date_line(seed_path):
    assert read_path(seed_path, published="2020-11-24").published == "2020-11-24"


def test_example_page_with_related_news_block(examples):
    document = read_path(examples / "amman-talks.txt")
    assert document.published == "2023-03-12"
    assert document.boilerplate[0] == document.title
    assert "أخبار ذات صلة" in document.boilerplate
    assert "شارك" in document.boilerplate
    assert len(document.highlights) == 1
    assert "أخبار ذات صلة" not in document.text


def test_windows_1256_example_decodes(examples):
    document = read_path(examples / "beirut-visit-cp1256.txt")
    assert document.title.startswith("رئيس الوزراء اللبناني")
    assert document.published == "2022-05-14"
    assert any("cp1256" in w for w in document.warnings)


def test_trailing_block_stops_at_the_last_long_paragraph():
    long = " ".join(["كلمة"] * 40) + "."
    body = [long, "اقرأ أيضا", "عنوان خبر آخر قصير", "الصفحة الرئيسية"]
    kept, dropped = split_trailing_navigation(body)
    assert kept == [long]
    assert dropped == body[1:]


def test_a_short_new_line_is_not_a_highlight():
    body = ["وصل الوزير إلى بغداد صباح اليوم في زيارة رسمية تستمر يومين."]
    assert not restates("ارتفاع أسعار النفط في الأسواق العالمية اليوم", body)


def test_page_with_only_a_title_is_its_title():
    document = parse_text_page("عنوان فقط\n\nالصفحة الرئيسية\n", "only-title.txt")
    assert (document.title, document.text, document.boilerplate) == ("عنوان فقط", "عنوان فقط", ["الصفحة الرئيسية"])


def test_page_without_any_text_is_refused():
    with pytest.raises(NoText) as raised:
        parse_text_page("\n  \n\u200f\n", "blank.txt")
    assert "blank.txt" in str(raised.value)
