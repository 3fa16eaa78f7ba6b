"""Text that is not Arabic (issue 14): Persian, Urdu and English get a warning in the record, and
Persian and Urdu words become no names and no event triggers (they were read as Arabic once
their letters were folded: دیدار کرد as a person, باید as أيّد, a SUPPORT trigger)."""
from __future__ import annotations

import pytest

import marsad
from marsad.text.language import sentence_language

from .hostile_inputs import normal_article

PERSIAN = ("دیدار رئیس جمهور ایران\n\nرئیس جمهور ایران گفت که دولت باید برای حل این مشکل اقدام کند. "
           "او روز دوشنبه با وزیر خارجه عراق در بغداد دیدار کرد و گفت که همکاری دو کشور ادامه خواهد داشت. "
           "نیروهای امنیتی به یک پایگاه نظامی حمله کردند.")
URDU = ("وزیراعظم کا بیان\n\nوزیراعظم نے کہا کہ پاکستان ایک پرامن ملک ہے اور ہم سب کے ساتھ اچھے "
        "تعلقات چاہتے ہیں۔ انہوں نے بغداد میں عراقی وزیر خارجہ سے ملاقات کی۔")
ENGLISH = ("Iranian commander visits Baghdad\n\nThe commander of the Quds Force, Ismail Qaani, met Iraqi "
           "Prime Minister Mustafa al-Kadhimi in Baghdad on Wednesday, officials said.")
ARABIC_WITH_A_PERSIAN_QUOTE = (
    "الكاظمي يستقبل قاآني\n\nاستقبل رئيس الوزراء العراقي مصطفى الكاظمي في بغداد قائد فيلق القدس "
    "إسماعيل قاآني، وبحث الجانبان الأوضاع الأمنية في المنطقة والعلاقات بين البلدين وسبل تطويرها. "
    "ونقل التلفزيون الإيراني عن قاآني قوله: او با وزیر خارجه دیدار کرد و گفت که دولت باید برای حل "
    "این مشکل اقدام کند.")


def analyse(text: str) -> dict:
    return marsad.analyze(text, "2020-11-23").to_dict()


@pytest.mark.parametrize("text, language", [(PERSIAN, "Persian (fa)"), (URDU, "Urdu (ur)")])
def test_persian_and_urdu_are_warned_and_read_for_nothing(text, language):
    record = analyse(text)
    warnings = [w for w in record["warnings"] if w.startswith("language:")]
    assert len(warnings) == 1 and language in warnings[0] and "not Arabic" in warnings[0]
    assert record["entities"] == [] and record["events"] == [] and record["quotes"] == []


def test_english_is_warned_and_read_for_nothing():
    record = analyse(ENGLISH)
    assert any(w.startswith("language: most letters are Latin") for w in record["warnings"])
    assert record["entities"] == [] and record["events"] == []


def test_a_persian_quote_in_arabic_news_is_left_out_and_the_arabic_read():
    record = analyse(ARABIC_WITH_A_PERSIAN_QUOTE)
    assert any(w.startswith("language: 1 of") and "Persian" in w for w in record["warnings"])
    names = {e["name"] for e in record["entities"]}
    assert {"مصطفى الكاظمي", "إسماعيل قاآني"} <= names
    assert not any("دیدار" in e["name"] or "دیدار" in m["text"]
                   for e in record["entities"] for m in e["mentions"])
    triggers = [e["trigger"]["text"] for e in record["events"]]
    assert "يستقبل" in triggers or "استقبل" in triggers
    assert not any(t in ("باید", "دیدار", "کند") for t in triggers)


def test_arabic_news_gets_no_language_warning():
    record = analyse(normal_article(20_000))
    assert not [w for w in record["warnings"] if w.startswith("language:")]
    assert record["entities"]


@pytest.mark.parametrize("sentence, expected", [
    ("رئیس جمهور ایران گفت که دولت باید برای حل این مشکل اقدام کند", "fa"),
    ("وزیراعظم نے کہا کہ پاکستان ایک پرامن ملک ہے", "ur"),
    # Arabic typed on a Persian keyboard (ی، ک) stays Arabic.
    ("قال رئیس الوزراء إن العراق لن یکون ساحة لتصفیة الحسابات فی المنطقة", None),
    ("أما الشركات التي شملتها العقوبات فهي Premier Investment Group SAL Offshore", None),
])
def test_sentence_language(sentence, expected):
    assert sentence_language(sentence.split()) == expected
