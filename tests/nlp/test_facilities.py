"""Facilities named by a place or a name after a word for their kind, diplomatic missions named by
their country, and the later mentions of each by its kind alone (issue 17)."""
import pytest

import marsad
from marsad.datafiles import DATA, read_rows


def _entities(text: str):
    return marsad.analyze(text + "\n\nنص.", published="2018-05-10").entities


def _mentions(entities, type_):
    return [[m.text for m in e.mentions] for e in entities if e.type == type_]


@pytest.mark.parametrize("sentence, facility", [
    ("انفجارات عنيفة تهز مطار حماة العسكري وسط سوريا. ووقعت الانفجارات في المطار قرب مدينة حماة.",
     ["مطار حماة العسكري", "المطار"]),
    ("وأسفر هجوم على قاعدة التيفور الجوية السورية عن قتلى.", ["قاعدة التيفور الجوية"]),
    ("واستهدفت الغارة مطار الضبعة العسكري قرب حمص، وطالت ثلاثة أهداف في المطار.", ["مطار الضبعة العسكري", "المطار"]),
    ("ووصلت الطائرة إلى مطار لارنكا بدولة قبرص.", ["مطار لارنكا"]),
    ("اختفى بعد زيارته للقنصلية السعودية في إسطنبول، ولم يغادر القنصلية.", ["للقنصلية السعودية", "القنصلية"]),
    ("تقرر نقل السفارة الأمريكية إلى القدس. وافتتحت السفارة الاثنين.", ["السفارة الأمريكية", "السفارة"]),
])
def test_a_facility_is_named_with_its_kind_and_mentioned_again_by_it(sentence, facility):
    assert facility in _mentions(_entities(sentence), "FAC")


@pytest.mark.parametrize("sentence, place", [
    ("انفجارات عنيفة تهز مطار حماة العسكري وسط سوريا.", "حماة"),  # a name inside a longer name
    ("وأسفر هجوم على قاعدة التيفور الجوية السورية عن قتلى.", "السورية"),  # the country's adjective stays out
])
def test_the_place_inside_a_facilitys_name_keeps_its_own_entity(sentence, place):
    assert any(m.text == place for e in _entities(sentence) if e.type == "GPE" for m in e.mentions)


@pytest.mark.parametrize("sentence", [
    "وأنشأت الشركة قاعدة البيانات الجديدة لتسجيل المسافرين.",  # البيانات: a common noun
    "وقال إن الحكومة بنت مستشفى جديدا في المنطقة.",
    "وأغلقت السلطات الميناء أمام السفن.",  # the kind alone with nothing named before it
    "ولن يتم سجن الصحافيين المحكومين قبل الاستئناف.",  # a plural of a common noun: jailing the journalists
    "وأمرت المحكمة بسجن الناشط السياسي 15 يوما.",  # a generic actor noun: jailing the activist
    "وقال لهم إن لديكم قنصلية بريطانية في أنقرة.",  # an indefinite mission: a British consulate
    "ونقل الرئيس إلى مستشفى بالضفة الغربية للعلاج.",  # a glued preposition ends the name: a hospital in
    "قبل نقل السفارة للقدس، طلب ترامب من إسرائيل تنازلات.",  # moving the embassy to Jerusalem
    # an adjective of الشؤون: a consulate's demonym would be feminine like its head
    "أعلن مساعد وزير الخارجية للشؤون القنصلية الكويتي السفير أن الملف أغلق.",
])
def test_a_kind_word_before_a_common_word_names_no_facility(sentence):
    assert _mentions(_entities(sentence), "FAC") == []


def test_the_facility_words_are_heads_landforms_missions_modifiers_or_buildings():
    rows = read_rows(DATA / "actors" / "facility_words.tsv")
    assert {r["kind"] for r in rows} == {"head", "landform", "mission", "modifier", "building"}
    assert all(r["form"] and not r["form"].startswith("ال") for r in rows if r["kind"] != "modifier")
