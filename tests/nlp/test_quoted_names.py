"""Bodies named in quote marks after a word for their kind (issue 17): names no list holds."""
import pytest

import marsad


def _orgs(text: str) -> list[list[str]]:
    entities = marsad.analyze(text + "\n\nنص.", published="2018-05-10").entities
    return [[m.text for m in e.mentions] for e in entities if e.type == "ORG"]


@pytest.mark.parametrize("sentence, name", [
    ('وذكرت جماعة "القسط" الحقوقية ومقرها لندن أن الاعتقالات مستمرة.', "القسط"),
    ('بعد أن أبقت وكالة "ستاندرد آند بورز" تصنيف البلاد دون تغيير.', "ستاندرد آند بورز"),
    ('ونقلت صحيفة «أحوال» التركية عن النائبة قولها إن الطائرة بيعت.', "أحوال"),
    ('وأعلن التنظيم مسؤوليته في بيان على تطبيق "تلغرام" مساء الأحد.', "تلغرام"),
])
def test_a_quoted_name_after_a_word_for_a_body_is_an_organisation(sentence, name):
    assert any(name in mentions for mentions in _orgs(sentence))


def test_the_quoted_name_is_mentioned_again_without_its_quote_marks():
    text = 'وقالت منظمة "جنودنا يتكلمون" إنها وثقت الحادث. وأضافت جنودنا يتكلمون أن التحقيق مستمر.'
    assert ["جنودنا يتكلمون", "جنودنا يتكلمون"] in _orgs(text)


@pytest.mark.parametrize("sentence", [
    'وتعتبر أنقرة الوحدات الكردية منظمة "إرهابية" وتخشى توسعها.',  # what it is called, not a name
    'وقالت الحكومة إن "الهدوء سيقابل بالهدوء" وإن المفاوضات مستمرة.',  # a quotation after no head
    'وطلب المحامي من المحكمة "الرأفة بموكله الشاب" قبل النطق بالحكم.',  # after a head with the article
    'وقالت الحركة "لن نتراجع عن مطالبنا" في بيانها الأخير.',
])
def test_a_quoted_adjective_or_quotation_names_no_body(sentence):
    quoted = ("إرهابية", "الهدوء سيقابل بالهدوء", "الرأفة بموكله الشاب", "لن نتراجع عن مطالبنا")
    assert not any(m in quoted for mentions in _orgs(sentence) for m in mentions)


def test_a_common_word_quoted_once_is_no_name_where_it_stands_unquoted():
    text = 'وكان قياديا في حزب "الدستور" قبل اعتقاله. وطالب المتظاهرون بتعديل الدستور.'
    orgs = _orgs(text)
    assert ["الدستور"] in orgs and not any(len(m) > 1 and "الدستور" in m for m in orgs)
