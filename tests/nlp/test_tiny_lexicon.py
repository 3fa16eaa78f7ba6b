"""The event and entity stages built over a tiny Lexicon (a few rows a file in a temporary
folder laid out as marsad/data), rules only: what they find comes from the rows they were
given, not from the shipped data."""
import shutil
from pathlib import Path

import pytest
import spacy

from marsad.datafiles import DATA
from marsad.errors import DataFileError
from marsad.lexicon.lexicon import Lexicon
from marsad.nlp import basics  # noqa: F401  (registers marsad_normalize)
from marsad.nlp.phrases import word_positions
from marsad.nlp.pipeline import build_pipeline
from marsad.nlp.places import PlaceMatcher

FILES = {
    "events/triggers.tsv": "form\ttype\tmode\tkind\ttarget\n"
                           "هاجم\tASSAULT\t\tverb\tobject\n"
                           # a made-up reading: the shipped lexicon codes زار as a visit
                           "زار\tPROTEST\t\tverb\tobject|ضد\n"
                           # a phrase whose later word is its object, a word a name may hold
                           "منع من السفر\tCOERCE\trestrict\tverb\tobject\n",
    "events/status_cues.tsv": "form\tstatus\tscope\nنفى\tdenied\tgoverns\n",
    "events/background_cues.tsv": "form\teffect\nمنذ سنوات\tbackground\n",
    "events/coder_words.tsv": "form\tclass\tnote\nفي\tlocative\tin\nضد\ttarget_prep\tagainst\n"
                              "أن\tthat\tthat\nأنه\tthat\tthat he\nقد\tpast_particle\t\nمن قبل\tagent\tby\n"
                              "سي\tfuture_prefix\the will\nه\tpronoun_suffix\this\nمع\tsame_doer\twith\n",
    "events/argument_words.tsv": "form\tclass\nفي\tlocative\nالذي\trelative\n",
    "events/clause_openers.tsv": "form\nأن\nإن\nالذي\n",
    # words that are never part of a name: these and the triggers and cues above
    "quotes/speech_verbs.tsv": "form\tkind\tpart\nقال\tsay\tverb\n",
    "quotes/source_cues.tsv": "form\tkind\nمصدر\tanonymous\n",
    "actors/role_modifiers.tsv": "form\nالجديد\n",
    "actors/metonym_cues.tsv": "form\nأعلنت\n",
    "actors/currencies.tsv": "form\nدولار\n",
    "actors/language_words.tsv": "form\nاللغة\n",
    "actors/generic_nouns.tsv": "singular\tdual\tplural\tsector\tkind\tname_en\n"
                                "متظاهر\tمتظاهران\tمتظاهرون|متظاهرين\tCVL\tperson\tprotester\n",
    "morphology/clitics.tsv": "form\tkind\tnote\nو\tconjunction\t\nب\tpreposition\t\nل\tpreposition\t\n"
                              "ال\tarticle\t\nلل\tcontraction\t\nل\tverb_particle\t\nي\timperfect_prefix\t\n"
                              "ا\ttanwin\t\nه\tsuffix\t\n",
    # the entity stage: two countries, one person, one organisation, three places
    "actors/countries.tsv": "country\tname\tvariants\tname_en\tkb\tcapital\tdemonyms\tmetonyms\n"
                            "IRQ\tالعراق\t\tIraq\t\tبغداد\tعراقي|العراقي\tبغداد\n"
                            "USA\tالولايات المتحدة\tأمريكا\tUnited States\t\tواشنطن\tأمريكي|الأمريكي\tواشنطن\n",
    "actors/people/test.tsv": "id\ttype\tname\tvariants\tname_en\tcountry\tsector\troles\tfrom\tto\tkb\n"
                              # a made-up person: the shipped base does not know him
                              "irq_test\tPERSON\tسالم الكبيسي\tالكبيسي\tSalim al-Kubaisi\tIRQ\tGOV\t\t\t\t\n",
    "actors/orgs/test.tsv": "id\ttype\tname\tvariants\tname_en\tcountry\tsector\tkb\n"
                            "irq:test_council\tORG\tمجلس الرمال\t\tSands Council\tIRQ\tGOV\t\n",
    "places.tsv": "key\tname\tvariants\tname_en\ttype\tkind\tcountry\tlat\tlon\tgeonames\tkb\tpopulation\n"
                  "العراق\tالعراق\t\tIraq\tGPE\tcountry\tIRQ\t33\t44\t\t\t40000000\n"
                  "بغداد\tبغداد\t\tBaghdad\tGPE\tcity\tIRQ\t33.34\t44.40\t\t\t7000000\n"
                  "صور\tصور\t\tTyre\tGPE\tcity\tLBN\t33.27\t35.2\t\t\t60000\n",
    "ambiguous_places.tsv": "form\twritten\tas_place\nصور\t100\t1\n",
    "place_evidence.tsv": "form\tkind\tnote\nفي\tprep\tin\n",
}


def write_lexicon(root: Path, files: dict[str, str]) -> Path:
    """A Lexicon folder of `files` (path -> text) under `root`, with the shipped dates."""
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    # numbers and months as shipped: the stages read counts (18 شخصا) through their own
    # lexicon's dates, and these tests are about triggers, actors and places
    shutil.copytree(DATA / "dates", root / "dates")
    return root


@pytest.fixture(scope="module")
def tiny_root(tmp_path_factory):
    return write_lexicon(tmp_path_factory.mktemp("lexicon"), FILES)


@pytest.fixture(scope="module")
def tiny_nlp(tiny_root):
    nlp = build_pipeline()
    nlp.replace_pipe("marsad_events", "marsad_events", config={"learned": False})
    nlp.get_pipe("marsad_events").initialize(data_dir=tiny_root)
    return nlp


def _events(nlp, text):
    return nlp(text)._.events


def test_the_tiny_lexicon_is_read(tiny_root):
    lexicon = Lexicon.load(tiny_root)
    assert set(lexicon.triggers) >= {("هاجم",), ("زار",), ("هاجمه",)}  # with a pronoun-suffixed form
    assert lexicon.word_class("agent") == {"من قبل"}
    assert lexicon.word_counts == {}  # no word counts: every clitic split is allowed


def test_a_trigger_s_own_words_are_no_name_s_but_its_object_may_be(tiny_root):
    common = Lexicon.load(tiny_root).common_words
    assert {"هاجم", "منع", "قال", "مصدر"} <= common  # triggers, a phrase's head, speech, sources
    assert "السفر" not in common and "سفر" not in common  # سفر الحوالي is a name


def test_the_stage_codes_what_its_lexicon_says(tiny_nlp):
    events = _events(tiny_nlp, "زار المتظاهرون السفارة الأمريكية في بغداد ضد الحكومة العراقية.")
    assert [e.type for e in events] == ["PROTEST"]
    events = _events(tiny_nlp, "وقال مسؤولون إن الجيش الأمريكي هاجم تنظيم داعش في الموصل.")
    assert [e.type for e in events] == ["ASSAULT"]


def test_the_stage_reads_its_word_classes_and_holds_no_model_it_was_not_given(tiny_nlp):
    coder = tiny_nlp.get_pipe("marsad_events").coder
    assert coder.same_doer == {"مع"} and coder.reciprocal == frozenset()
    assert (coder.detector, coder.trigger_model, coder.model) == (None, None, None)


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


@pytest.fixture(scope="module")
def tiny_entities(tiny_root):
    nlp = build_pipeline()
    nlp.get_pipe("marsad_entities").initialize(data_dir=tiny_root)
    nlp.remove_pipe("marsad_events")
    return nlp


def _names(nlp, text):
    doc = nlp.make_doc(text)
    doc._.published = "2021-05-10"
    return {(e.name, e.type) for e in nlp(doc)._.entities}


def test_the_entity_stage_knows_what_its_base_says(tiny_entities):
    doc = tiny_entities.make_doc("قال الوزير سالم الكبيسي إن مجلس الرمال سيجتمع في بغداد.")
    doc._.published = "2021-05-10"
    english = {e.name_en for e in tiny_entities(doc)._.entities}
    assert {"Salim al-Kubaisi", "Sands Council", "Baghdad"} <= english  # the made-up English names


def test_a_surname_alone_and_a_demonym_follow_the_base(tiny_entities):
    names = _names(tiny_entities, "وأكد الكبيسي أن الجانب العراقي مستعد.")
    assert ("سالم الكبيسي", "PERSON") in names and ("العراق", "GPE") in names


def test_an_ambiguous_place_of_the_tiny_lexicon_needs_its_evidence(tiny_entities):
    assert ("صور", "GPE") not in _names(tiny_entities, "نشرت الوكالة صور الدمار.")
    assert ("صور", "GPE") in _names(tiny_entities, "سقطت قذائف في صور.")


@pytest.mark.parametrize("name_clitics, is_place", [("", False), ("ب\tname_clitic\t\n", True)])
def test_a_preposition_glued_before_the_article_is_place_evidence_where_the_clitics_say(
        tiny_root, tmp_path, name_clitics, is_place):
    """بالرمادي shows an ambiguous town is a place only where the Lexicon's clitics file lists
    ب among the clitics a name may carry (kind name_clitic)."""
    root = tmp_path / "lexicon"
    shutil.copytree(tiny_root, root)
    (root / "morphology" / "clitics.tsv").write_text(FILES["morphology/clitics.tsv"] + name_clitics, encoding="utf-8")
    with open(root / "places.tsv", "a", encoding="utf-8") as places:
        places.write("الرمادي\tالرمادي\t\tRamadi\tGPE\tcity\tIRQ\t33.4\t43.3\t\t\t150000\n")
    with open(root / "ambiguous_places.tsv", "a", encoding="utf-8") as ambiguous:
        ambiguous.write("الرمادي\t100\t1\n")
    lexicon = Lexicon.load(root)
    matcher = PlaceMatcher.load(lexicon.places, root, lexicon)
    nlp = spacy.blank("ar")
    nlp.add_pipe("marsad_normalize")
    doc = nlp("وصلت القوات بالرمادي أمس")
    found = {doc[hit.start].text for hit in matcher.find(doc, list(word_positions(doc)))}
    assert ("بالرمادي" in found) is is_place


# a namesake of a tenth is no candidate: the American town stands, or (a stray town) nothing
@pytest.mark.parametrize("smaller, countries", [(40000, {"IRQ"}), (10000, {"USA", None})])
def test_a_smaller_namesake_in_a_country_the_text_names_is_the_place(tiny_root, tmp_path, smaller, countries):
    """A name one place carries alone (a town of 100,000 in the United States) still stands for its
    namesake in Iraq in a text of Iraq, where the namesake has a quarter of its people or more."""
    root = tmp_path / "lexicon"
    shutil.copytree(tiny_root, root)
    with open(root / "places.tsv", "a", encoding="utf-8") as places:
        places.write("سمارة\tسمارة\t\tSamara Falls\tGPE\tcity\tUSA\t40\t-80\t\t\t100000\n"
                     f"سمارة\tسمارة\t\tSamara\tGPE\tcity\tIRQ\t34\t44\t\t\t{smaller}\n")
    nlp = build_pipeline()
    nlp.get_pipe("marsad_entities").initialize(data_dir=root)
    nlp.remove_pipe("marsad_events")
    doc = nlp.make_doc("قال مسؤول عراقي إن القوات دخلت مدينة سمارة أمس.")
    doc._.published = "2021-05-10"
    found = {e.name: e.country for e in nlp(doc)._.entities}
    assert found.get("سمارة") in countries, found


@pytest.mark.parametrize("word_before, country", [("مديرية", None), ("مديرية #", None), ("في", "SOM")])
def test_a_district_word_names_no_foreign_province(tiny_root, tmp_path, word_before, country):
    """After a word for a district (مديرية X) a foreign province of the same name is not the place:
    a province is no district, and the text names nothing of its country; after في it may be. A
    hashtag's mark between them (مديرية #حيران) changes nothing."""
    root = tmp_path / "lexicon"
    shutil.copytree(tiny_root, root)
    with open(root / "places.tsv", "a", encoding="utf-8") as places:
        places.write("سمارة\tسمارة\t\tSamara\tGPE\tadmin1\tSOM\t4\t45\t\t\t80000\n")
    with open(root / "place_evidence.tsv", "a", encoding="utf-8") as evidence:
        evidence.write("مديرية\ttown\tdistrict\n")
    nlp = build_pipeline()
    nlp.get_pipe("marsad_entities").initialize(data_dir=root)
    nlp.remove_pipe("marsad_events")
    doc = nlp.make_doc(f"تقدمت القوات العراقية {word_before} سمارة أمس.")
    doc._.published = "2021-05-10"
    found = {e.name: e.country for e in nlp(doc)._.entities}
    assert found.get("سمارة", "absent") in ({country} if country else {None, "absent"}), found
