"""The knowledge base, the gazetteer and the date vocabulary are the Lexicon's (issue 13): read
from the folder it was loaded from, with its clitics, so that a test builds them from a few rows."""
import pickle
import shutil

import pytest

from marsad.datafiles import DATA
from marsad.lexicon.lexicon import Lexicon, load_lexicon
from marsad.text.dates import find_dates
from marsad.text.normalize import normalize

FILES = {
    "events/triggers.tsv": "form\ttype\tmode\tkind\ttarget\nهاجم\tASSAULT\t\tverb\tobject\n",
    "events/status_cues.tsv": "form\tstatus\tscope\nنفى\tdenied\tgoverns\n",
    "events/background_cues.tsv": "form\teffect\nمنذ سنوات\tbackground\n",
    "events/coder_words.tsv": "form\tclass\tnote\nفي\tlocative\tin\n",
    "events/argument_words.tsv": "form\tclass\nفي\tlocative\n",
    "actors/generic_nouns.tsv": "singular\tdual\tplural\tsector\tkind\tname_en\n"
                                "متظاهر\tمتظاهران\tمتظاهرون\tCVL\tperson\tprotester\n",
    # و is the only glued letter this morphology knows: ب is left on a word
    "morphology/clitics.tsv": "form\tkind\tnote\nو\tconjunction\t\nل\tpreposition\t\n"
                              "ال\tarticle\t\nلل\tcontraction\t\nل\tverb_particle\t\nي\timperfect_prefix\t\n"
                              "ا\ttanwin\t\nه\tsuffix\t\n",
    "actors/countries.tsv": "country\tname\tvariants\tname_en\tkb\tcapital\tdemonyms\tmetonyms\n"
                            "IRQ\tالعراق\t\tIraq\t\tبغداد\tعراقي\tبغداد\n",
    "actors/people/test.tsv": "id\ttype\tname\tvariants\tname_en\tcountry\tsector\troles\tfrom\tto\tkb\n"
                              "irq_test\tPERSON\tسالم الكبيسي\tالكبيسي\tSalim al-Kubaisi\tIRQ\tGOV\t\t\t\t\n",
    "places.tsv": "key\tname\tvariants\tname_en\ttype\tkind\tcountry\tlat\tlon\tgeonames\tkb\tpopulation\n"
                  "بغداد\tبغداد\t\tBaghdad\tGPE\tcity\tIRQ\t33.34\t44.40\t\t\t7000000\n",
}


@pytest.fixture(scope="module")
def tiny(tmp_path_factory) -> Lexicon:
    root = tmp_path_factory.mktemp("lexicon")
    for name, text in FILES.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    shutil.copytree(DATA / "dates", root / "dates")
    (root / "dates" / "months.tsv").write_text(
        "# A made-up month list. Columns: form, month, family. Source: this test.\n"
        "قمراء\t3\tsyriac\n", encoding="utf-8")
    return Lexicon.load(root)


def test_the_actor_base_is_the_lexicons(tiny):
    assert (normalize("الكبيسي"),) in tiny.actors.surfaces
    assert tiny.actors.country_actor == {"IRQ": "country_irq"}
    assert (normalize("الكبيسي"),) not in load_lexicon().actors.surfaces


def test_the_gazetteer_is_the_lexicons_and_strips_its_clitics(tiny):
    assert [p.name_en for p in tiny.places.lookup("وبغداد")] == ["Baghdad"]
    assert tiny.places.lookup("ببغداد") == []   # ب is no clitic of this morphology
    assert load_lexicon().places.lookup("ببغداد")
    assert tiny.places.morphology is tiny.morphology


def test_the_date_vocabulary_is_the_lexicons(tiny):
    assert tiny.dates.months == {"قمراء": 3}
    assert tiny.dates.morphology is tiny.morphology
    found = find_dates("في 5 قمراء 2020", None, tiny.dates)
    assert [m.value.start for m in found] == ["2020-03-05"]
    shipped_month = [m.value.start for m in find_dates("في 5 آذار 2020", None) if m.value]
    assert shipped_month == ["2020-03-05"]
    assert "2020-03-05" not in [m.value.start for m in find_dates("في 5 آذار 2020", None, tiny.dates) if m.value]


def test_the_shipped_lexicon_is_read_once():
    assert load_lexicon() is load_lexicon()
    assert load_lexicon().actors is load_lexicon().actors


def test_the_romanizer_is_the_lexicons_and_travels_without_its_models():
    romanizer = load_lexicon().romanizer
    assert romanizer is load_lexicon().romanizer
    name = romanizer.english_name("مصطفى الكاظمي", "IRQ")
    assert name and name.isascii()
    copy = pickle.loads(pickle.dumps(romanizer))
    assert copy._transliterator is None
    assert copy.english_name("مصطفى الكاظمي", "IRQ") == name


def test_a_rare_word_of_an_imperfect_verbs_shape_is_a_verb_only_where_one_is_called_for():
    lexicon = load_lexicon()
    common_noun, rare = normalize("تقرير"), normalize("تستنفر")
    assert not lexicon.imperfect_verb(rare)               # its other persons are too rare to be counted
    assert lexicon.imperfect_verb(rare, rare=True)
    assert not lexicon.imperfect_verb(common_noun, rare=True)  # a noun the corpus writes often is none
