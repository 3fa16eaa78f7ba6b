"""Tests of the date layer: hand-written news sentences, offsets, refusals and data files."""
from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest
import spacy

from marsad.lexicon.lexicon import load_lexicon
from marsad.nlp.dates import set_dates
from marsad.text import date_vocab
from marsad.text.dates import find_dates, find_publication_date
from marsad.text.normalize import normalize_with_offsets

HERE = Path(__file__).resolve().parent
CASES_FILE = HERE / "date_cases.tsv"
SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
QAANI = SHARED / "corpus" / "qaani-baghdad-2020-11-23.txt"


def _read_cases() -> list[dict[str, str]]:
    with CASES_FILE.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


CASES = _read_cases()


def test_case_table_is_large_and_well_formed():
    assert len(CASES) >= 90
    for case in CASES:
        assert set(case) == {"sentence", "expression", "published", "expected_start",
                             "expected_end", "calendar"}
        assert case["expression"] in case["sentence"]
        date.fromisoformat(case["published"])
        assert date.fromisoformat(case["expected_start"]) <= date.fromisoformat(case["expected_end"])
        assert case["calendar"] in ("gregorian", "hijri")


@pytest.mark.parametrize("case", CASES, ids=[f"{i:03d}" for i in range(len(CASES))])
def test_expression_is_found_and_resolved(case):
    mentions = find_dates(case["sentence"], date.fromisoformat(case["published"]))
    start = case["sentence"].index(case["expression"])
    end = start + len(case["expression"])
    found = [m for m in mentions if (m.start, m.end) == (start, end)]
    assert found, f"{case['expression']!r} not found; got {[m.text for m in mentions]}"
    mention = found[0]
    assert mention.text == case["expression"]
    assert mention.value is not None
    assert (mention.value.start, mention.value.end) == (case["expected_start"], case["expected_end"])
    assert mention.calendar == case["calendar"]


@pytest.mark.parametrize("case", CASES[:40], ids=[f"{i:03d}" for i in range(40)])
def test_absolute_dates_need_no_publication_date(case):
    # The first cases of the table are full dates or years: they resolve without `published`.
    for mention in find_dates(case["sentence"], None):
        assert mention.relative or mention.value is not None


@pytest.mark.parametrize("text,expression", [
    ("زار الوزير بغداد يوم الأربعاء الماضي", "يوم الأربعاء الماضي"),
    ("سقطت صواريخ الأسبوع الماضي على المنطقة الخضراء", "الأسبوع الماضي"),
    ("أعلنت الوزارة أمس عن إجراءات جديدة", "أمس"),
    ("قتل مدنيان قبل ثلاثة أيام", "قبل ثلاثة أيام"),
    ("التقى الوزير نظيره في 18 نوفمبر في عمان", "18 نوفمبر"),
    ("أعلنت الحكومة في آذار الماضي إغلاق الحدود", "آذار الماضي"),
    ("ارتفعت الأسعار مطلع الشهر الجاري", "مطلع الشهر الجاري"),
    ("قال المتحدث الخميس إن المفاوضات مستمرة", "الخميس"),
])
def test_relative_without_publication_date_has_no_value(text, expression):
    mentions = [m for m in find_dates(text, None) if m.text == expression]
    assert len(mentions) == 1
    assert mentions[0].value is None
    assert mentions[0].relative


@pytest.mark.parametrize("text", [
    "قطعت القافلة 400 كيلومتر قبل أن تصل إلى الحدود",
    "قتل 2020 شخصا في الزلزال بحسب الحصيلة الأولية",
    "بلغ عدد الإصابات المسجلة 1442 حالة في المحافظة",
    "خصصت الحكومة في 2000 وحدة سكنية للنازحين",
    "قتل أكثر من 2000 شخص في المعارك",
    "مارس الضغط على الحكومة لإقرار القانون",
    "الأمين العام المقبل للأمم المتحدة",
    "أثار القرار غضب الرأي العام المحلي",
    "احتفلت المدارس باليوم العالمي للمرأة",
    "الرجل أب لثلاثة أطفال",
    "قال أحد المسؤولين إن الوضع مستقر",
    "أصيب خمسة عشر شخصا في الحادث",
    "يصدر العراق ثلاثة ملايين برميل في اليوم",
    "نحن في أمس الحاجة إلى المساعدات",
    "نشرت صحيفة الغد تقريرا مطولا",
    "سجل اللاعب هدفا في الدقيقة 90 من المباراة",
    "كان الأحد عشر لاعبا في أفضل حالاتهم",
])
def test_bare_numbers_and_lookalike_words_are_not_dates(text):
    assert find_dates(text, date(2020, 11, 23)) == []


def test_event_anchored_duration_is_found_but_not_resolved():
    # "بعد يومين من الهجوم" counts from the attack, which only the story knows.
    mentions = find_dates("وصل الوفد بعد يومين من الهجوم", date(2020, 11, 23))
    assert [(m.text, m.value) for m in mentions] == [("بعد يومين", None)]


@pytest.mark.parametrize("text", [case["sentence"] for case in CASES] + [
    "وُقِّعَ الاتِّفاقُ فِي ٣ أَيَّارَ ٢٠١٨ وغداً يُعلَن",
    "صدر القرار في 1442هـ وأُعلن غدًا",
    "الاثنيـــن 23 نوفمـــبر 2020",
    "\u200fنشر في ٢٣/١١/٢٠٢٠\u200f - ١٠:٣٠",
])
def test_offsets_match_the_original_text(text):
    mentions = find_dates(text, date(2020, 11, 23))
    for mention in mentions:
        assert text[mention.start:mention.end] == mention.text
        assert mention.text == mention.text.strip()
    spans = [(m.start, m.end) for m in mentions]
    assert spans == sorted(spans)
    assert all(a_end <= b_start for (_, a_end), (b_start, _) in zip(spans, spans[1:]))


@pytest.mark.parametrize("text", [
    "وُقِّعَ الاتِّفاقُ فِي ٣ أَيَّارَ ٢٠١٨",
    "\u200fالاثنيـــن ۲۳ نوفمبر\u200e ٢٠٢٠ إلى مؤتةٍ وأُسرى",
    "ﻻ شيء هنا سوى \ufeffنصٍّ",
    "",
])
def test_fast_folding_equals_normalize_with_offsets(text):
    fast, reference = date_vocab.fold_text(text), normalize_with_offsets(text)
    assert fast.text == reference.text
    for i in range(len(reference.text)):
        assert fast.span_to_original(i, i + 1) == reference.span_to_original(i, i + 1)


def test_two_years_make_one_interval():
    mentions = find_dates("تراجعت الصادرات بين عامي 2011 و2013 بشكل حاد", None)
    assert [(m.text, m.value.start, m.value.end) for m in mentions] == [
        ("عامي 2011 و2013", "2011-01-01", "2013-12-31")]


def test_diacritics_and_tatweel_stay_inside_the_span():
    text = "الاثنيـــن 23 نوفمـــبر 2020 وغداً"
    mentions = find_dates(text, date(2020, 11, 23))
    assert [m.text for m in mentions] == ["الاثنيـــن 23 نوفمـــبر 2020", "غداً"]
    assert mentions[0].value.start == "2020-11-23"


def test_longest_match_wins_for_combined_month_names():
    mentions = find_dates("وفي 11 تشرين الثاني/نوفمبر 2020 أعلنت الحكومة", None)
    assert [m.text for m in mentions] == ["11 تشرين الثاني/نوفمبر 2020"]
    assert not mentions[0].relative


def test_hijri_and_gregorian_equivalents_are_two_mentions():
    text = "صدر في 3 ربيع الآخر 1442 هـ الموافق 18 نوفمبر 2020"
    mentions = find_dates(text, None)
    assert [(m.calendar, m.value.start) for m in mentions] == [("hijri", "2020-11-18"),
                                                             ("gregorian", "2020-11-18")]


@pytest.mark.parametrize("line,expected", [
    ("23/11/2020", date(2020, 11, 23)),
    ("نشر في 5 آذار 2019", date(2019, 3, 5)),
    ("الاثنين 23 نوفمبر 2020 - 10:30", date(2020, 11, 23)),
    ("آخر تحديث: ٢٠٢٠/١١/٢٣ الساعة ١٠:٣٠", date(2020, 11, 23)),
    ("تاريخ النشر: 2019-03-05 | أمس", date(2019, 3, 5)),
    ("الخميس 12 شباط/فبراير 2015", date(2015, 2, 12)),
    ("نشر أمس الساعة العاشرة", None),
    ("العام الماضي", None),
    ("نوفمبر 2020", None),
])
def test_publication_date_is_the_first_full_absolute_date(line, expected):
    assert find_publication_date(line) == expected


def test_spacy_component_reads_published_and_sets_dates():
    nlp = spacy.blank("ar")
    nlp.add_pipe("marsad_dates")
    doc = nlp.make_doc("زار الوزير بغداد يوم الأربعاء الماضي")
    doc._.published = "2020-11-23"
    for _, component in nlp.pipeline:
        doc = component(doc)
    assert [(m.text, m.value.start) for m in doc._.dates] == [("يوم الأربعاء الماضي", "2020-11-18")]
    doc = set_dates(nlp.make_doc("زار الوزير بغداد يوم الأربعاء الماضي"))
    assert doc._.dates[0].value is None


def test_date_module_does_not_use_dateparser_at_run_time():
    source = (Path(date_vocab.__file__).parent / "dates.py").read_text(encoding="utf-8")
    assert "dateparser" not in source


# ---------------------------------------------------------------- data files

def test_every_data_file_has_a_documented_header_and_right_columns():
    for name, width in date_vocab.TABLES.items():
        lines = (date_vocab.DATA_DIR / name).read_text(encoding="utf-8").splitlines()
        header = []
        for line in lines:
            if not line.startswith("#"):
                break
            header.append(line)
        assert header and all(line.startswith("# ") or line == "#" for line in header), name
        text = " ".join(header).lower()
        assert "columns" in text and "source" in text, name
        rows = date_vocab.read_table(name)
        assert rows and all(len(row) == width for row in rows), name


def test_month_and_weekday_numbers_are_in_range():
    for _, month, family in date_vocab.read_table("months.tsv"):
        assert 1 <= int(month) <= 12 and family in date_vocab.MONTH_FAMILIES
    for _, month in date_vocab.read_table("hijri_months.tsv"):
        assert 1 <= int(month) <= 12
    for _, weekday, needs_yawm in date_vocab.read_table("weekdays.tsv"):
        assert 1 <= int(weekday) <= 7 and needs_yawm in ("0", "1")
    vocabulary = load_lexicon().dates
    assert set(vocabulary.months.values()) == set(range(1, 13))
    assert set(vocabulary.hijri_months.values()) == set(range(1, 13))
    assert {w for w, _ in vocabulary.weekdays.values()} == set(range(1, 8))


def test_relative_rows_are_consistent():
    for kind, form, unit, value in date_vocab.read_table("relative.tsv"):
        assert kind in date_vocab.RELATIVE_KINDS, form
        if kind == "day":
            assert unit == "day" and int(value) in range(-2, 3)
        elif kind in ("unit", "period"):
            assert unit in ("day", "week", "month", "year")
            assert value in (("0", "1", "2") if kind == "unit" else ("0",))
        elif kind in ("direction", "ago"):
            int(value)
        elif kind == "part":
            assert value in ("start", "middle", "end")
        elif kind == "cue":
            assert value in ("strong", "weak")
        elif kind == "era":
            assert value in ("hijri", "gregorian")


def test_number_words_have_positive_values():
    for form, value, kind in date_vocab.read_table("numbers.tsv"):
        assert int(value) > 0 and kind in ("cardinal", "ordinal"), form


def test_malformed_row_is_reported_with_its_place(tmp_path, monkeypatch):
    (tmp_path / "months.tsv").write_text("# test\nيناير\t1\n", encoding="utf-8")
    monkeypatch.setattr(date_vocab, "DATA_DIR", tmp_path)
    with pytest.raises(date_vocab.DateVocabularyError, match="months.tsv:2"):
        date_vocab.read_table("months.tsv")


# ---------------------------------------------------------------- the shared article

@pytest.mark.skipif(not QAANI.exists(), reason="../shared corpus is absent")
def test_qaani_article_relative_dates():
    text = QAANI.read_text(encoding="utf-8")
    mentions = {(m.start, m.end): m for m in find_dates(text, date(2020, 11, 23))}
    for expression, expected in [("يوم الأربعاء الماضي", ("2020-11-18", "2020-11-18")),
                                 ("الأسبوع الماضي", ("2020-11-16", "2020-11-22"))]:
        start = text.index(expression)
        mention = mentions.get((start, start + len(expression)))
        assert mention is not None, expression
        assert mention.relative
        assert (mention.value.start, mention.value.end) == expected
    assert find_publication_date(text) == date(2020, 11, 23)
