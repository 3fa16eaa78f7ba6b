"""Rival authorities are separate actors: each side's name forms resolve to its own entity (issue 17, item 2)."""
from __future__ import annotations

from pathlib import Path

import pytest
from tsv_table import read_table

import marsad
from marsad.text.normalize import normalize

ORG_DIR = Path(__file__).resolve().parents[2] / "marsad" / "data" / "actors" / "orgs"

# sentence naming both sides; mention of side A, its English name; mention of side B, its English name.
# The English names are the knowledge base's own (what we wrote), not the pipeline's output.
PAIRS = [
    ("رفضت الحكومة الشرعية دعوة حكومة الانقلاب في صنعاء إلى الحوار.",
     "الحكومة الشرعية", "Government of Yemen", "حكومة الانقلاب", "Houthi-run government in Sanaa"),
    ("اتهمت الحكومة اليمنية سلطات الحوثيين بنهب المساعدات الإنسانية.",
     "الحكومة اليمنية", "Government of Yemen", "سلطات الحوثيين", "Houthi-run government in Sanaa"),
    ("قالت حكومة الإنقاذ الوطني إن الحكومة الشرعية تعرقل صرف الرواتب.",
     "الحكومة الشرعية", "Government of Yemen", "حكومة الإنقاذ الوطني", "Houthi-run government in Sanaa"),
    ("قال وزير الخارجية في حكومة الانقلاب إن الحكومة الشرعية ترفض السلام.",
     "الحكومة الشرعية", "Government of Yemen", "حكومة الانقلاب", "Houthi-run government in Sanaa"),
    ("وقعت حكومة إقليم كوردستان اتفاقا مع الحكومة الاتحادية بشأن تصدير النفط.",
     "حكومة إقليم كوردستان", "Kurdistan Regional Government", "الحكومة الاتحادية", "Government of Iraq"),
    ("طالبت حكومة الإقليم الحكومة العراقية بإرسال رواتب الموظفين.",
     "حكومة الإقليم", "Kurdistan Regional Government", "الحكومة العراقية", "Government of Iraq"),
    ("اتهمت حكومة بغداد حكومة إقليم كردستان بتهريب النفط.",
     "حكومة إقليم كردستان", "Kurdistan Regional Government", "حكومة بغداد", "Government of Iraq"),
    ("دعا الائتلاف الوطني السوري النظام السوري إلى وقف القصف.",
     "الائتلاف الوطني السوري", "Syrian National Coalition", "النظام السوري", "Syrian government under Assad"),
    ("قالت الحكومة السورية المؤقتة إن النظام السوري يخرق الهدنة.",
     "الحكومة السورية المؤقتة", "Syrian Interim Government", "النظام السوري", "Syrian government under Assad"),
    # published 2021: the government in Damascus is Assad's (syr.tsv names the years)
    ("رفضت هيئة التفاوض السورية شروط حكومة دمشق.",
     "هيئة التفاوض السورية", "Syrian Negotiation Commission", "حكومة دمشق", "Syrian government under Assad"),
    ("أعلن الائتلاف الوطني السوري أن الحكومة المؤقتة التابعة للائتلاف ستنتقل إلى أعزاز.",
     "الائتلاف الوطني السوري", "Syrian National Coalition",
     "الحكومة المؤقتة التابعة للائتلاف", "Syrian Interim Government"),
    ("اتهمت السلطة الفلسطينية حركة حماس بتعطيل المصالحة.",
     "السلطة الفلسطينية", "Palestinian Authority", "حركة حماس", "Hamas"),
    ("دعت حكومة رام الله حكومة حماس في غزة إلى تسليم المعابر.",
     "حكومة رام الله", "Palestinian Government", "حكومة حماس في غزة", "Hamas-run government in Gaza"),
    ("رفضت حكومة الوفاق الوطني قرارات مجلس النواب في طبرق.",
     "حكومة الوفاق الوطني", "Government of National Accord (Libya)",
     "مجلس النواب في طبرق", "House of Representatives (Libya)"),
    ("اتهمت حكومة الوحدة الوطنية الجيش الوطني الليبي بخرق وقف إطلاق النار.",
     "حكومة الوحدة الوطنية", "Government of National Unity (Libya)",
     "الجيش الوطني الليبي", "Libyan National Army"),
    ("قالت حكومة الوحدة الوطنية إن حكومة أسامة حماد لا تمثل الليبيين.",
     "حكومة الوحدة الوطنية", "Government of National Unity (Libya)",
     "حكومة أسامة حماد", "Government of National Stability (Libya)"),
    ("اتهم المتحدث باسم الحكومة الليبية المؤقتة حكومة الوفاق بدعم الميليشيات.",
     "حكومة الوفاق", "Government of National Accord (Libya)",
     "الحكومة الليبية المؤقتة", "Libyan Interim Government (al-Bayda)"),
]


def _entity_of(entities, surface):
    found = [e for e in entities if any(m.text == surface for m in e.mentions)]
    assert len(found) == 1, (surface, [(e.name, [m.text for m in e.mentions]) for e in entities])
    return found[0]


@pytest.mark.parametrize("sentence, side_a, name_a, side_b, name_b", PAIRS)
def test_each_side_resolves_to_its_own_actor(sentence, side_a, name_a, side_b, name_b):
    entities = marsad.analyze(sentence + "\n\nنص.", published="2021-05-10").entities
    a, b = _entity_of(entities, side_a), _entity_of(entities, side_b)
    assert a is not b and a.id != b.id
    assert (a.name_en, b.name_en) == (name_a, name_b)
    assert a.type == b.type == "ORG"


def _rows():
    rows = []
    for path in sorted(ORG_DIR.glob("*.tsv")):
        _, header, body = read_table(path)
        rows += [dict(zip(header, r)) for r in body]
    return rows


@pytest.mark.parametrize("name_en, country, sector, forms", [
    ("Houthi-run government in Sanaa", "YEM", "GOV",
     ["حكومة الانقلاب", "سلطات الحوثيين", "حكومة الإنقاذ الوطني", "حكومة صنعاء"]),
    ("Government of Yemen", "YEM", "GOV", ["الحكومة الشرعية", "الحكومة اليمنية"]),
    ("Kurdistan Regional Government", "IRQ", "GOV",
     ["حكومة إقليم كوردستان", "حكومة إقليم كردستان", "حكومة الإقليم", "حكومة أربيل"]),
    ("Government of Iraq", "IRQ", "GOV", ["الحكومة الاتحادية", "حكومة بغداد"]),
    ("Syrian National Coalition", "SYR", "PTY", ["الائتلاف الوطني السوري"]),
    ("Syrian Interim Government", "SYR", "GOV", ["الحكومة السورية المؤقتة"]),
    ("Syrian Negotiation Commission", "SYR", "PTY", ["هيئة التفاوض السورية", "الهيئة العليا للمفاوضات"]),
    ("Syrian government under Assad", "SYR", "GOV", ["النظام السوري", "نظام الأسد"]),
    ("Palestinian Authority", "PSE", "GOV", ["السلطة الفلسطينية"]),
    ("Hamas", "PSE", "REB", ["حماس", "حركة حماس"]),
    ("Hamas-run government in Gaza", "PSE", "GOV", ["حكومة حماس", "حكومة غزة", "الحكومة المقالة"]),
    ("Government of National Accord (Libya)", "LBY", "GOV", ["حكومة الوفاق", "حكومة الوفاق الوطني"]),
    ("Government of National Unity (Libya)", "LBY", "GOV", ["حكومة الوحدة الوطنية", "حكومة الدبيبة"]),
    ("Government of National Stability (Libya)", "LBY", "GOV", ["حكومة حماد", "حكومة الاستقرار الوطني"]),
    ("House of Representatives (Libya)", "LBY", "LEG", ["مجلس النواب في طبرق", "برلمان طبرق"]),
    ("Libyan National Army", "LBY", "MIL", ["الجيش الوطني الليبي", "قوات حفتر"]),
])
def test_each_authority_is_one_row_with_its_own_forms(name_en, country, sector, forms):
    rows = [r for r in _rows() if r["name_en"] == name_en]
    assert len(rows) == 1, name_en
    row = rows[0]
    assert (row["country"], row["sector"]) == (country, sector)
    own = {normalize(f) for f in [row["name"], *row["variants"].split("|")] if f}
    for form in forms:
        assert normalize(form) in own, (name_en, form)


# A role held in one authority (وزير الخارجية في حكومة الانقلاب) is not the other side's office-holder
# named later in the sentence: the role is read with the body it serves, after في or beginning with the
# title's last word (issue 17, item 2).
ROLE_CASES = [
    pytest.param(
        "قال وزير الخارجية في حكومة الانقلاب إن الحصار يجب أن يرفع، بينما قال وزير الخارجية اليمني "
        "شائع الزنداني إن الحوثيين يرفضون السلام.", "وزير الخارجية في حكومة الانقلاب", "شائع الزنداني"),
    pytest.param(
        "قال رئيس الحكومة السورية المؤقتة إن القصف مستمر، فيما قال رئيس الحكومة السورية محمد الجلالي "
        "إن الهدنة صامدة.", "رئيس الحكومة السورية المؤقتة", "محمد الجلالي"),
    pytest.param(
        "قال وزير الداخلية في حكومة الوحدة الوطنية عماد الطرابلسي إن الأمن مستتب، بينما قال وزير الداخلية "
        "في حكومة أسامة حماد إن طرابلس تشهد فوضى.", "وزير الداخلية في حكومة أسامة حماد", "عماد الطرابلسي"),
]


@pytest.mark.parametrize("sentence, role, other_side_person", ROLE_CASES)
def test_a_role_in_one_authority_is_not_the_other_sides_office_holder(sentence, role, other_side_person):
    """role: the role's whole phrase, once in the sentence."""
    entities = marsad.analyze(sentence + "\n\nنص.", published="2024-06-01").entities
    person = _entity_of(entities, other_side_person)
    assert person.type == "PERSON"
    assert sentence.count(role) == 1, role
    role_start = sentence.index(role)  # the role's mention starts where its phrase does
    assert not any(m.start == role_start for m in person.mentions), [(m.text, m.start) for m in person.mentions]


@pytest.mark.parametrize("published, expected", [
    ("2018-04-10", "Syrian government under Assad"),  # 2018 news: one entity with النظام السوري
    ("2025-06-01", "Government of Syria"),
])
def test_the_syrian_government_is_the_one_in_office_in_the_articles_year(published, expected):
    entities = marsad.analyze("وقالت الحكومة السورية إن الهدنة صامدة.\n\nنص.", published=published).entities
    assert _entity_of(entities, "الحكومة السورية").name_en == expected


@pytest.mark.parametrize("published, tripoli, east", [
    ("2018-05-01", "Government of National Accord (Libya)", "Libyan Interim Government (al-Bayda)"),
    ("2023-06-01", "Government of National Unity (Libya)", "Government of National Stability (Libya)"),
])
def test_libyas_two_governments_are_those_of_the_articles_year(published, tripoli, east):
    entities = marsad.analyze("وقالت حكومة طرابلس إن الحكومة الليبية في الشرق تخرق الهدنة.\n\nنص.",
                              published=published).entities
    assert (_entity_of(entities, "حكومة طرابلس").name_en, _entity_of(entities, "الحكومة الليبية في الشرق").name_en) \
        == (tripoli, east)
