"""Courts and prosecutions named by their kind and the words that define it (issue 17): محكمة النقض،
النيابة العامة، محكمة جنايات القاهرة are organisations; a court described (محكمة عسكرية "a military
court", النيابة المختصة "the competent prosecution") or acting (المحكمة تخفيف) names none."""
from __future__ import annotations

import pytest

import marsad


def _orgs(sentence: str) -> dict[str, object]:
    entities = marsad.analyze(sentence + "\n\nنص.", published="2018-05-01").entities
    return {m.text: e for e in entities if e.type == "ORG" for m in e.mentions if m.kind == "name"}


@pytest.mark.parametrize("sentence, name, country", [
    ("قضت محكمة النقض المصرية بتأييد الحكم على المتهمين.", "محكمة النقض المصرية", "EGY"),
    ("أحالت النيابة العامة المتهمين إلى محكمة جنايات القاهرة.", "النيابة العامة", None),
    ("أحالت النيابة العامة المتهمين إلى محكمة جنايات القاهرة.", "محكمة جنايات القاهرة", None),
    ("تحقق نيابة أمن الدولة في القضية منذ أسابيع.", "نيابة أمن الدولة", None),
    ("استند التسليم إلى الحكم الصادر من المحكمة العليا القبرصية أمس.", "المحكمة العليا القبرصية", "CYP"),
])
def test_a_court_named_by_what_defines_it_is_an_organisation(sentence, name, country):
    orgs = _orgs(sentence)
    assert name in orgs and orgs[name].country == country and orgs[name].sector == "JUD", \
        {text: (e.country, e.sector) for text, e in orgs.items()}


@pytest.mark.parametrize("sentence, words", [
    ("أصدرت محكمة عسكرية حكما بالسجن على الناشط.", "محكمة عسكرية"),
    ("وقررت المحكمة تخفيف الحكم على المتهمين.", "المحكمة"),
    ("أحيلت القضية إلى النيابة المختصة للتحقيق.", "النيابة"),
    ("أمرت النيابة الأحد بحبس المتهمين أربعة أيام.", "الأحد"),  # the day it acted on is no part of its name
])
def test_a_court_described_or_acting_names_no_organisation(sentence, words):
    orgs = _orgs(sentence)
    assert not any(words in text for text in orgs), list(orgs)
