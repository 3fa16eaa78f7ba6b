"""The date and quote stages built over a copy of marsad/data in which one file holds a few
made-up rows: what the stage finds comes from the rows its data_dir gave it, not from the shipped
data (issue 13). tests/nlp/test_tiny_lexicon.py does the same for the event and entity stages."""
import shutil

import pytest
import spacy

from marsad.datafiles import DATA
from marsad.lexicon.lexicon import Lexicon
from marsad.nlp.pipeline import build_pipeline

# A made-up month name (no Arabic calendar has it) and a made-up function word for the noun
# "month"; the shipped names of May (أيار، مايو) are left out.
MONTHS = "# test rows\n# Columns: form, month, family. Source: made up for this test.\nزمردان\t5\tsyriac\n"
# A made-up speech verb ("chirped"), a made-up complementiser and the participle that hands over
# to the writer's own clause; قال and أن, the shipped ones, are left out.
SPEECH_VERBS = "form\tkind\tpart\nزقزق\tsay\tverb\nمضيفا\tadd\tparticiple\n"
QUOTE_WORDS = ("form\tclass\tnote\nكيتن\tthat\tmade up\nفي\tpreposition\tin\nهو\tpronoun_subject\the\n"
               "ما\trelayed_clause\twhat\nعن\trelay_from\tfrom\nو\tand\tand\n")
CLAUSE_BREAKS = "form\tnote\nبرقش\tmade up\n"


def copy_of_the_data(root, overrides: dict[str, str]):
    """marsad/data copied under `root`, with some files' text replaced."""
    shutil.copytree(DATA, root, dirs_exist_ok=True)
    for name, text in overrides.items():
        (root / name).write_text(text, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def date_root(tmp_path_factory):
    return copy_of_the_data(tmp_path_factory.mktemp("dates_data"), {"dates/months.tsv": MONTHS})


@pytest.fixture(scope="module")
def date_nlp(date_root):
    # the Lexicon is handed over at initialize, named in the config as spaCy's own stages' data is
    nlp = build_pipeline()
    nlp.config["initialize"]["components"]["marsad_dates"] = {"data_dir": str(date_root)}
    nlp.initialize()
    return nlp


def _dates(nlp, text, published="2020-11-23"):
    doc = nlp.make_doc(text)
    doc._.published = published
    doc = nlp.get_pipe("marsad_dates")(doc)
    return [(m.text, m.value.start if m.value else None, m.value.end if m.value else None)
            for m in doc._.dates]


def test_the_tiny_date_vocabulary_is_read_through_the_lexicon(date_root):
    vocabulary = Lexicon.load(date_root).dates
    assert vocabulary.months == {"زمردان": 5}


def test_a_made_up_month_name_resolves(date_nlp):
    assert _dates(date_nlp, "وقع الاتفاق في 3 زمردان 2020 في بغداد") == [
        ("3 زمردان 2020", "2020-05-03", "2020-05-03")]
    # a whole month, its year inferred from publication
    assert _dates(date_nlp, "وقع الاتفاق في شهر زمردان الماضي") == [
        ("شهر زمردان الماضي", "2020-05-01", "2020-05-31")]


def test_a_shipped_month_name_outside_the_tiny_vocabulary_is_no_date(date_nlp):
    assert _dates(date_nlp, "وقع الاتفاق في 3 أيار 2020 في بغداد") == []


def test_the_shipped_stage_is_unchanged_beside_the_tiny_one():
    nlp = build_pipeline()
    doc = nlp.make_doc("وقع الاتفاق في 3 أيار 2020 في بغداد")
    doc._.published = "2020-11-23"
    assert [m.value.start for m in nlp.get_pipe("marsad_dates")(doc)._.dates] == ["2020-05-03"]


# A made-up noun naming a kind of body ("hedgehog board"), added to the shipped generic nouns.
BODY_NOUN = "قنفذية\tقنفذيتان\tقنفذيات\tGOV\tbody\thedgehog board\n"


# The CIA made an outlet: the shipped outlet base does not know it, so the quotes stage reads
# وكالة الاستخبارات المركزية as a body of state.
OUTLET = "test_cia\tوكالة الاستخبارات المركزية\t\tCentral Intelligence\t\tUSA\tagency\t\n"


@pytest.fixture(scope="module")
def quote_root(tmp_path_factory):
    nouns = (DATA / "actors" / "generic_nouns.tsv").read_text(encoding="utf-8") + BODY_NOUN
    outlets = (DATA / "outlets" / "outlets.tsv").read_text(encoding="utf-8") + OUTLET
    return copy_of_the_data(tmp_path_factory.mktemp("quotes_data"), {
        "quotes/speech_verbs.tsv": SPEECH_VERBS, "quotes/quote_words.tsv": QUOTE_WORDS,
        "quotes/clause_breaks.tsv": CLAUSE_BREAKS, "actors/generic_nouns.tsv": nouns,
        "outlets/outlets.tsv": outlets})


@pytest.fixture(scope="module")
def quote_nlp(quote_root):
    nlp = build_pipeline()
    nlp.get_pipe("marsad_quotes").initialize(data_dir=quote_root)
    nlp.remove_pipe("marsad_events")
    return nlp


def _quotes(nlp, text):
    doc = nlp.make_doc(text)
    doc._.published = "2020-11-23"
    return [(q.cue, q.text) for q in nlp(doc)._.quotes]


def test_the_tiny_quote_lexicon_is_read_through_the_lexicon(quote_root):
    quotes = Lexicon.load(quote_root).quotes
    assert set(quotes.speech_verbs) == {("زقزق",), ("مضيفا",)}
    assert quotes.that == {"كيتن"}


def test_a_made_up_speech_verb_and_complementiser_make_a_quote(quote_nlp):
    found = _quotes(quote_nlp, "زقزق وزير الخارجية العراقي كيتن المحادثات مع الجانب الإيراني كانت إيجابية جدا.")
    # the reported words open with their complementiser, as قال إن ... does with the shipped data
    assert found == [("زقزق", "كيتن المحادثات مع الجانب الإيراني كانت إيجابية جدا")]


def test_a_made_up_clause_break_ends_the_quote(quote_nlp):
    found = _quotes(quote_nlp, "زقزق وزير الخارجية العراقي كيتن المحادثات مع الجانب الإيراني كانت "
                               "إيجابية جدا، برقش الوزير إلى العاصمة.")
    # the shipped clause breaks would run on to العاصمة: برقش is no word of theirs
    assert found == [("زقزق", "كيتن المحادثات مع الجانب الإيراني كانت إيجابية جدا")]


def test_a_made_up_body_noun_names_an_unknown_body_that_speaks(quote_nlp):
    doc = quote_nlp.make_doc("زقزق قنفذية تنسيق المساعدات الطارئة كيتن الوضع صعب جدا في المدينة.")
    doc._.published = "2020-11-23"
    doc = quote_nlp(doc)
    assert [(a.kind, a.text) for a in doc._.attributions] == [("official", "قنفذية تنسيق المساعدات الطارئة")]
    assert [(q.speaker, q.text) for q in doc._.quotes] == [("a1", "كيتن الوضع صعب جدا في المدينة")]


def test_an_agency_of_the_tiny_outlet_base_is_an_outlet_not_a_body_of_state(quote_nlp):
    doc = quote_nlp.make_doc("زقزق وكالة الاستخبارات المركزية كيتن الوضع صعب جدا في المنطقة.")
    doc._.published = "2020-11-23"
    assert [(a.kind, a.text) for a in quote_nlp(doc)._.attributions] == [("outlet", "وكالة الاستخبارات المركزية")]


def test_the_shipped_speech_verb_is_no_cue_of_the_tiny_lexicon(quote_nlp):
    assert _quotes(quote_nlp, "قال وزير الخارجية العراقي إن المحادثات مع الجانب الإيراني كانت إيجابية جدا.") == []


# Two made-up Persian function words; the shipped markers (است، را، می ...) are left out.
MARKERS = "# test rows\n# Source: made up for this test.\nkind\tform\tlanguage\nword\tزربخ\tfa\nword\tقنطش\tfa\n"


@pytest.fixture(scope="module")
def language_nlp(tmp_path_factory):
    root = copy_of_the_data(tmp_path_factory.mktemp("language_data"), {"language/persian_urdu.tsv": MARKERS})
    nlp = build_pipeline()
    nlp.get_pipe("marsad_language").initialize(data_dir=root)
    return nlp


def _foreign(nlp, text):
    doc = nlp.make_doc(text)
    for name in ("marsad_normalize", "marsad_sentences", "marsad_language"):
        doc = nlp.get_pipe(name)(doc)
    return doc.user_data["marsad_foreign_sentences"]


def test_made_up_markers_make_a_sentence_persian(language_nlp):
    assert _foreign(language_nlp, "زربخ الوزير قنطش بغداد") == {0: "fa"}


def test_shipped_markers_outside_the_tiny_list_mark_nothing(language_nlp):
    assert _foreign(language_nlp, "وزیر امور خارجه ایران برای دیدار با مقامات عراقی به بغداد سفر کرده است") == {}


def test_a_saved_pipeline_reads_the_lexicon_it_was_initialised_with(date_nlp, tmp_path):
    date_nlp.to_disk(tmp_path / "pipeline")
    loaded = spacy.load(tmp_path / "pipeline")
    assert _dates(loaded, "وقع الاتفاق في 3 زمردان 2020 في بغداد") == [
        ("3 زمردان 2020", "2020-05-03", "2020-05-03")]


def test_a_stage_run_before_initialize_reads_the_shipped_lexicon():
    nlp = spacy.blank("ar")
    nlp.add_pipe("marsad_dates")
    assert _dates(nlp, "وقع الاتفاق في 3 أيار 2020") == [("3 أيار 2020", "2020-05-03", "2020-05-03")]
    assert _dates(nlp, "وقع الاتفاق في 3 زمردان 2020") == []
