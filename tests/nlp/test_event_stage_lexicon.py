"""The event stage built over a tiny Lexicon (a dozen rows in a temporary folder), rules only:
what it codes comes from the rows it was given, not from the shipped data."""
import pytest

from marsad.errors import DataFileError
from marsad.lexicon.lexicon import Lexicon
from marsad.nlp.pipeline import build_pipeline

FILES = {
    "events/triggers.tsv": "form\ttype\tmode\tkind\ttarget\n"
                           "هاجم\tASSAULT\t\tverb\tobject\n"
                           # a made-up reading: the shipped lexicon codes زار as a visit
                           "زار\tPROTEST\t\tverb\tobject|ضد\n",
    "events/status_cues.tsv": "form\tstatus\tscope\nنفى\tdenied\tgoverns\n",
    "events/background_cues.tsv": "form\teffect\nمنذ سنوات\tbackground\n",
    "events/coder_words.tsv": "form\tclass\tnote\nفي\tlocative\tin\nضد\ttarget_prep\tagainst\n"
                              "أن\tthat\tthat\nأنه\tthat\tthat he\nقد\tpast_particle\t\nمن قبل\tagent\tby\n"
                              "سي\tfuture_prefix\the will\nه\tpronoun_suffix\this\n",
    "events/argument_words.tsv": "form\tclass\nفي\tlocative\nالذي\trelative\n",
    "actors/generic_nouns.tsv": "singular\tdual\tplural\tsector\tkind\tname_en\n"
                                "متظاهر\tمتظاهران\tمتظاهرون|متظاهرين\tCVL\tperson\tprotester\n",
    "morphology/clitics.tsv": "form\tkind\tnote\nو\tconjunction\t\nب\tpreposition\t\nل\tpreposition\t\n"
                              "ال\tarticle\t\nلل\tcontraction\t\nل\tverb_particle\t\nي\timperfect_prefix\t\n"
                              "ا\ttanwin\t\nه\tsuffix\t\n",
}


@pytest.fixture(scope="module")
def tiny_root(tmp_path_factory):
    root = tmp_path_factory.mktemp("lexicon")
    for name, text in FILES.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def tiny_nlp(tiny_root):
    nlp = build_pipeline()
    nlp.replace_pipe("marsad_events", "marsad_events", config={"data_dir": str(tiny_root), "learned": False})
    return nlp


def _events(nlp, text):
    return nlp(text)._.events


def test_the_tiny_lexicon_is_read(tiny_root):
    lexicon = Lexicon.load(tiny_root)
    assert set(lexicon.triggers) >= {("هاجم",), ("زار",), ("هاجمه",)}  # with a pronoun-suffixed form
    assert lexicon.word_class("agent") == {"من قبل"}
    assert lexicon.word_counts == {}  # no word counts: every clitic split is allowed


def test_the_stage_codes_what_its_lexicon_says(tiny_nlp):
    events = _events(tiny_nlp, "زار المتظاهرون السفارة الأمريكية في بغداد ضد الحكومة العراقية.")
    assert [e.type for e in events] == ["PROTEST"]
    events = _events(tiny_nlp, "وقال مسؤولون إن الجيش الأمريكي هاجم تنظيم داعش في الموصل.")
    assert [e.type for e in events] == ["ASSAULT"]


def test_words_outside_the_tiny_lexicon_trigger_nothing(tiny_nlp):
    # قصف and اعتقل are triggers of the shipped lexicon, not of this one
    assert _events(tiny_nlp, "قصف الجيش الأمريكي مواقع تنظيم داعش واعتقل عشرات المسلحين.") == []


def test_a_status_cue_of_the_tiny_lexicon_applies(tiny_nlp):
    events = _events(tiny_nlp, "نفى الجيش الأمريكي أنه هاجم تنظيم داعش في الموصل.")
    assert [(e.type, e.status) for e in events] == [("ASSAULT", "denied")]


def test_a_lexicon_with_an_unknown_word_class_is_named(tiny_root, tmp_path):
    for name, text in FILES.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "events" / "coder_words.tsv").write_text("form\tclass\tnote\nفي\tplace\t\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="coder_words.tsv"):
        Lexicon.load(tmp_path)
