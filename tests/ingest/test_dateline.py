"""Date lines, one-paragraph inputs and trailing teasers (issue 15)."""
from __future__ import annotations

import shutil

import pytest

from marsad.datafiles import DATA
from marsad.ingest import parse_text
from marsad.ingest.dateline import date_line_date
from marsad.ingest.plaintext import one_paragraph_title, split_trailing_teasers
from marsad.lexicon.lexicon import Lexicon

LONG = "وقال المتحدث باسم الحكومة في مؤتمر صحفي إن المفاوضات ستستأنف الأسبوع المقبل في العاصمة."


@pytest.mark.parametrize("line, expected", [
    ("23/11/2020", "2020-11-23"),
    ("١٩ شباط ٢٠١٨", "2018-02-19"),
    ("الاثنين 19 فبراير 2018", "2018-02-19"),
    ("نشر في: الأحد، 12 آذار/مارس 2023 - 10:30 ص", "2023-03-12"),
    ("آخر تحديث: 12/03/2023 10:45 بتوقيت مكة المكرمة", "2023-03-12"),
    ("البصرة - أخبار المثال | نشر في 9 تموز 2024", "2024-07-09"),
    ("كتب: أحمد محمد - 23 نوفمبر 2020", "2020-11-23"),
    ("الاثنين 7 جمادى الأولى 1439 هـ", "2018-01-24"),
])
def test_a_line_that_is_mostly_a_date_is_a_date_line(line, expected):
    assert date_line_date(line) == expected


@pytest.mark.parametrize("line", [
    "شهدت المدينة احتجاجات واسعة في 5 آذار 2024 ضد الحكومة.",
    "شهدت المدينة احتجاجات واسعة في 5 آذار 2024 ضد الحكومة",      # no full stop either
    "وصل الوزير في 5 آذار 2024",
    "وكانت الأجهزة الأمنية الأردنية قبضت عليهما في 8 مارس 2016.",
    "التقى الوزيران في بغداد",                                         # no date at all
    "0000-00-00",                                                      # a placeholder
])
def test_a_sentence_with_a_date_is_no_date_line(line):
    assert date_line_date(line) is None


@pytest.mark.parametrize("position", [0, 1])
def test_a_paragraph_with_a_date_is_kept_and_does_not_date_the_page(position):
    dated = "شهدت المدينة احتجاجات واسعة في 5 آذار 2024 ضد الحكومة."
    body = [LONG]
    body.insert(position, dated)
    document = parse_text("عنوان الخبر\n\n" + "\n\n".join(body), "page.txt", published="2024-03-07")
    assert dated in document.text.split("\n\n")
    assert document.published == "2024-03-07" and document.dateline is None
    undated = parse_text("عنوان الخبر\n\n" + "\n\n".join(body), "page.txt")
    assert undated.published is None and dated in undated.text


def test_the_date_line_is_kept_and_the_callers_date_wins():
    page = "عنوان الخبر\n\n23/11/2020\n\n" + LONG
    document = parse_text(page, "page.txt", published="2020-11-24")
    assert document.dateline == "23/11/2020" and document.published == "2020-11-24"
    assert "23/11/2020" not in document.text
    assert parse_text(page, "page.txt").published == "2020-11-23"


@pytest.mark.parametrize("text, title", [
    ("شهدت المدينة احتجاجات واسعة في 5 آذار 2024 ضد الحكومة.", None),
    ("انفجار صاروخ قرب قطاع غزة", None),
    ("وصل الوزير إلى بغداد. والتقى رئيس الوزراء في مكتبه؟ ثم غادر.", "وصل الوزير إلى بغداد."),
])
def test_one_paragraph_is_the_whole_text_titled_by_its_first_sentence(text, title):
    document = parse_text(text + "\n", "post.txt")
    assert document.text == text
    assert document.title == (title or text)
    assert document.text.startswith(document.title)


def test_a_long_first_sentence_is_cut_to_twenty_words_for_the_title():
    paragraph = " ".join(f"كلمة{i}" for i in range(40)) + "."
    title = one_paragraph_title(paragraph)
    assert len(title.split()) == 20 and paragraph.startswith(title)


TEASERS = ["الحكومة العراقية تعلن خطة جديدة لإعادة الإعمار",
           "ارتفاع أسعار النفط في الأسواق العالمية اليوم",
           "منتخب العراق يتأهل إلى نهائي كأس الخليج"]


def test_trailing_teasers_go_to_boilerplate():
    page = "عنوان الخبر\n\n" + LONG + "\n\n" + "\n".join(TEASERS)
    document = parse_text(page, "page.txt")
    assert document.boilerplate == TEASERS
    assert all(t not in document.text for t in TEASERS)


@pytest.mark.parametrize("tail", [
    TEASERS[:2],                                                       # two lines: not a block
    ["نيويورك، الولايات المتحدة (3 تريليونات دولار)", "لندن، المملكة المتحدة (2.7 تريليون دولار)",
     "طوكيو، اليابان (2.5 تريليون دولار)"],                             # a list of figures
    ["لا تكترث يا صاحبي لا تبالي.. فالدهر له في ضيم الأحرار عادات",
     "خل التجمل يا رفيق المعالي.. نبراس دربك في جميع المجالات",
     "واسمع من مجرب بديع المثالي.. نصائح فيها الفوائد جزيلات"],         # verse
])
def test_lists_and_verse_at_the_end_stay_in_the_text(tail):
    kept, cut = split_trailing_teasers([LONG] + tail)
    assert cut == [] and kept == [LONG] + tail


def test_teasers_need_an_article_before_them():
    kept, cut = split_trailing_teasers(TEASERS)
    assert cut == []


def test_a_date_line_is_read_with_the_lexicon_given(tmp_path):
    """A Lexicon whose only byline word is made up: the shipped ones (آخر، تحديث، بتوقيت) are
    other words there, too many for a date line; the made-up one is not."""
    shutil.copytree(DATA, tmp_path, dirs_exist_ok=True)
    (tmp_path / "date_line_words.tsv").write_text("word\tkind\nزرنوق\tbyline\n", encoding="utf-8")
    tiny = Lexicon.load(tmp_path)
    line = "آخر تحديث 9 تموز 2024 بتوقيت"
    assert date_line_date(line) == "2024-07-09"
    assert date_line_date(line, tiny) is None
    assert date_line_date("زرنوق زرنوق 9 تموز 2024 زرنوق", tiny) == "2024-07-09"
