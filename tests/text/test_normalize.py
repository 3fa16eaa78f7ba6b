import pytest

from marsad.text.normalize import clean_display, normalize, normalize_with_offsets, to_ascii_digits
from marsad.text.sentences import split_sentences
from marsad.text.words import stem, words


@pytest.mark.parametrize("a, b", [
    ("أمريكا", "امريكا"),
    ("قاآني", "قااني"),
    ("إيران", "ايران"),
    ("الأمريكيّة", "الامريكية"),
    ("مصطفى", "مصطفي"),
    ("جامعة", "جامعه"),
    ("مسؤول", "مسوول"),
    ("هيئة", "هييه"),
    ("الـــعراق", "العراق"),
    ("٢٠٢٠", "2020"),
    ("۱۴۰۲", "1402"),
    ("بغدادُ", "بغداد"),
    ("\u200fبغداد\u200e", "بغداد"),
])
def test_variants_share_one_matching_form(a, b):
    assert normalize(a) == normalize(b)


def test_offsets_map_back_to_the_original():
    text = "قاآني في بغدادَ يومَ ٢٣ ــ"
    norm = normalize_with_offsets(text)
    index = norm.text.index("بغداد")
    start, end = norm.span_to_original(index, index + len("بغداد"))
    assert text[start:end] == "بغداد"
    assert len(norm.origin) == len(norm.text)
    assert all(0 <= i < len(text) for i in norm.origin)


def test_ascii_digits_keep_length():
    assert to_ascii_digits("في ٢٣/١١/٢٠٢٠") == "في 23/11/2020"


def test_clean_display_drops_tatweel_and_direction_marks():
    assert clean_display("\u202bالعـــراق\u202c   اليوم") == "العراق اليوم"


@pytest.mark.parametrize("word, expected", [
    ("وبغداد", "بغداد"), ("لإيران", "ايران"), ("بالكاظمي", "كاظمي"),
    ("والعراق", "عراق"), ("عدداً", "عدد"), ("للعراق", "عراق"),
])
def test_stem_strips_clitics(word, expected):
    assert stem(words(word)[0]) == expected


def test_sentences_split_on_arabic_punctuation_and_paragraphs():
    text = "هل انتهت الهدنة؟ قال د. أحمد إن النمو بلغ 2.5 بالمئة.\n\nفقرة ثانية؛ وجملة أخرى"
    sentences = [text[s:e] for s, e in split_sentences(text)]
    assert sentences == ["هل انتهت الهدنة؟", "قال د. أحمد إن النمو بلغ 2.5 بالمئة.",
                         "فقرة ثانية؛", "وجملة أخرى"]
