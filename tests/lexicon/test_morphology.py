"""The one Morphology: the clitics file, the guard every split passes, and the hard cases."""
from __future__ import annotations

import pytest

from marsad.datafiles import read_rows
from marsad.errors import DataFileError
from marsad.lexicon.morphology import CLITICS_FILE, KINDS, Morphology
from marsad.text.normalize import normalize


@pytest.fixture(scope="module")
def morphology() -> Morphology:
    return Morphology.from_file()


def test_the_clitics_file_is_in_normalised_spelling_with_known_kinds():
    rows = read_rows(CLITICS_FILE)
    assert rows
    for row in rows:
        assert row["kind"] in KINDS, row
        assert row["form"] == normalize(row["form"]), row
        assert row["note"].strip(), row


def test_the_inventory(morphology):
    assert morphology.conjunctions == ("و", "ف")
    assert morphology.prepositions == ("ب", "ل", "ك")
    assert (morphology.article, morphology.contraction) == ("ال", "لل")
    assert morphology.proclitic_letters(without="ك") == "وفبل"


def test_the_entity_stages_kinds(morphology):
    # و joins a name to another (وموسكو), ب and ل make a town a place (بالقائم، لطهران)
    assert (morphology.name_conjunctions, morphology.name_prepositions) == ({"و"}, {"ب", "ل"})
    assert (morphology.nisba, morphology.ta_marbuta) == ("ي", "ه")  # كردي، كردية
    assert (morphology.feminine_verb, morphology.feminine_plural) == ("ت", "ات")  # رأت، اتصالات


def test_a_file_without_the_optional_kinds_reads(tmp_path):
    path = tmp_path / "clitics.tsv"
    path.write_text("form\tkind\tnote\nو\tconjunction\t\nب\tpreposition\t\nال\tarticle\t\n"
                    "لل\tcontraction\t\nا\ttanwin\t\n", encoding="utf-8")
    tiny = Morphology.from_file(path)
    assert tiny.name_clitics == frozenset() and tiny.nisba is None and tiny.feminine_plural is None


@pytest.mark.parametrize("word, variants", [
    ("وبغداد", ["وبغداد", "بغداد", "غداد"]),
    (normalize("لإيران"), ["لايران", "ايران"]),
    ("بالكاظمي", ["بالكاظمي", "الكاظمي"]),
    ("وللعراق", ["وللعراق", "للعراق", "العراق"]),
    ("بعد", ["بعد"]),                      # two letters would be left: no split
    ("ولد", ["ولد"]),
])
def test_proclitic_variants(morphology, word, variants):
    assert morphology.proclitic_variants(word) == variants


@pytest.mark.parametrize("word, clitics, stem", [
    ("وبغداد", "وب", "غداد"),
    (normalize("لإيران"), "ل", "ايران"),
    ("بالكاظمي", "بال", "كاظمي"),
    ("وللعراق", "ولال", "عراق"),           # لل is ل + ال
    ("والامم", "وال", "امم"),
    ("لها", "", "لها"),
])
def test_peel_takes_clitics_off_in_turn(morphology, word, clitics, stem):
    assert morphology.peel(word)[-1] == (clitics, stem)


@pytest.mark.parametrize("word, restore, stems", [
    ("وبغداد", False, ["وبغداد", "بغداد", "غداد"]),
    ("للعراق", False, ["للعراق", "لعراق", "عراق"]),
    ("للعراق", True, ["للعراق", "العراق", "لعراق", "عراق"]),
    ("بالكاظمي", True, ["بالكاظمي", "الكاظمي", "كاظمي"]),
])
def test_stem_candidates(morphology, word, restore, stems):
    min_stem = 2 if restore else 3
    assert morphology.stem_candidates(word, min_stem=min_stem, restore_article=restore) == stems


@pytest.mark.parametrize("word, stem", [
    ("وبغداد", "بغداد"),       # one run of clitics only: the ب is the name's
    ("وبالعراق", "عراق"),
    ("وللعراق", "عراق"),
    ("العراق", "عراق"),
    ("غدا", "غدا"),            # the tanwin alef stays when only two letters would be left
    ("ايضا", "ايض"),
])
def test_stem(morphology, word, stem):
    assert morphology.stem(word) == stem


@pytest.mark.parametrize("word, stem", [
    ("كانت", "كانت"),          # no lone ك in light stemming
    ("بالهجمات", "هجم"),
    ("والمتظاهرون", "متظاهر"),
])
def test_light_stem(morphology, word, stem):
    assert morphology.light_stem(word) == stem


def test_every_split_leaves_two_letters_at_least(morphology):
    for word in ("وب", "ول", "لل", "بال", "فلا"):
        for form in morphology.stem_candidates(word, min_stem=1)[1:]:
            assert len(form) >= 2, (word, form)
        assert all(len(form) >= 2 for _, form in morphology.peel(word, min_stem=1)[1:])


@pytest.mark.parametrize("word", ["وزاره", "ولايه", "بلاد"])
def test_a_known_word_keeps_its_letters(morphology, word):
    assert morphology.proclitic_variants(word)[1:]  # without a word list, it splits
    guarded = morphology.with_known_words({word})
    assert guarded.proclitic_variants(word) == [word]
    assert guarded.peel(word) == [("", word)]
    assert guarded.stem_candidates(word) == [word]
    assert guarded.stem(word) == word


def test_the_guard_stops_at_the_first_known_word():
    guarded = Morphology.from_file().with_known_words({"بغداد"})
    assert guarded.proclitic_variants("وبغداد") == ["وبغداد", "بغداد"]
    assert guarded.peel("وبغداد")[-1] == ("و", "بغداد")


def test_vizarat_is_not_a_conjunction_and_zara(morphology):
    guarded = morphology.with_known_words({normalize("وزارة")})
    assert guarded.proclitic_variants(normalize("وزارة")) == [normalize("وزارة")]


def test_a_broken_clitics_file_is_named(tmp_path):
    path = tmp_path / "clitics.tsv"
    path.write_text("# Source: test\nform\tkind\tnote\nو\tconjuction\tand\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="clitics.tsv"):
        Morphology.from_file(path)


@pytest.mark.parametrize("word", ["وللعراق", "للبنان", "والامم", "وبغداد", "لل", "للا", "بالل", "فللل"])
def test_strip_is_the_last_step_of_peel(morphology, word):
    for min_after_contraction in (2, 3):
        assert morphology.strip(word, 3, min_after_contraction) == \
            morphology.peel(word, 3, min_after_contraction)[-1]
