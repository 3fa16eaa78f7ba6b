"""Speakers found through the sentence's subject (issue 16): an impersonal يذكر أن, a participle
or a verb joined by و after a verb that is no speech verb, a dropped subject after a sentence about
someone else."""
import pytest

from tests.nlp.test_quotes_speakers import _analyze, _speakers


@pytest.mark.parametrize("background", [
    "ويذكر أن الأردن يستضيف مئات الآلاف من اللاجئين منذ سنوات طويلة.",
    "ويشار إلى أن الأردن يستضيف مئات الآلاف من اللاجئين منذ سنوات طويلة.",
])
def test_an_impersonal_passive_is_no_quote(background):
    record = _analyze("وقال وزير الخارجية الأردني أيمن الصفدي إن الأزمة في المنطقة تحتاج إلى حل سياسي عاجل.\n\n"
                      + background)
    assert len(record.quotes) == 1


def test_a_participle_after_another_verb_is_the_sentence_subjects():
    record = _analyze("أعاد وزير الخارجية الأردني أيمن الصفدي نشر مقال سابق عن حكومة رئيس الوزراء العراقي "
                      "مصطفى الكاظمي، مؤكدا أن الحل السياسي هو الطريق الوحيد لإنهاء الأزمة.")
    assert _speakers(record) == ["أيمن الصفدي"]


def test_a_verb_joined_by_and_shares_the_first_verbs_subject():
    record = _analyze("انتقد وزير الخارجية الأردني أيمن الصفدي سياسة رئيس الوزراء العراقي مصطفى الكاظمي "
                      "تجاه اللاجئين، وأشار إلى أن الحوار هو الطريق الوحيد لإنهاء الأزمة.")
    assert _speakers(record) == ["أيمن الصفدي"]


@pytest.mark.parametrize("verb, speaker", [("وقال إن", "مصطفى الكاظمي"), ("وأضاف أن", "أيمن الصفدي")])
def test_a_dropped_subject_after_a_sentence_about_someone_else(verb, speaker):
    record = _analyze("وقال وزير الخارجية الأردني أيمن الصفدي إن الأزمة في المنطقة تحتاج إلى حل سياسي عاجل.\n\n"
                      "وكان رئيس الوزراء العراقي مصطفى الكاظمي قد زار عمان الأسبوع الماضي والتقى الملك.\n\n"
                      f"{verb} الحكومة ستعمل على خطة جديدة للتعاون خلال الشهر المقبل.")
    assert _speakers(record) == ["أيمن الصفدي", speaker]
