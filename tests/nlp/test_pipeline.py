"""The pipeline of marsad.load(): registered factories that declare what they set and read."""
from __future__ import annotations

import pytest
import spacy
from spacy.language import Language

import marsad
from marsad.analysis import analyze_document
from marsad.ingest import read_path

@pytest.mark.parametrize("name", marsad.load().pipe_names)
def test_every_stage_comes_from_a_factory_that_declares_what_it_sets(name):
    meta = Language.get_factory_meta(marsad.load().get_pipe_meta(name).factory)
    assert meta.factory == name
    assert meta.default_config is not None
    assert meta.assigns, name


def test_each_stage_sets_what_it_declares(seed_path):
    nlp = marsad.load()
    document = read_path(seed_path)
    doc = nlp.make_doc(document.text)
    doc._.published = document.published
    doc = nlp(doc)
    for name in nlp.pipe_names:
        for attribute in Language.get_factory_meta(name).assigns:
            if attribute.startswith("doc._."):
                assert getattr(doc._, attribute[len("doc._."):]) is not None, (name, attribute)
    assert doc.ents and any(t.norm_ != t.text for t in doc) and len(list(doc.sents)) > 1


def test_no_stage_reads_what_no_earlier_stage_sets():
    problems = marsad.load().analyze_pipes(pretty=False)["problems"]
    assert all(not missing for missing in problems.values()), problems


def test_the_pipeline_saves_and_loads(seed_path, tmp_path):
    """nlp.to_disk and spacy.load give a pipeline that writes the same record."""
    nlp = marsad.load()
    nlp.to_disk(tmp_path / "pipeline")
    loaded = spacy.load(tmp_path / "pipeline")
    assert loaded.pipe_names == nlp.pipe_names
    document = read_path(seed_path)
    record = analyze_document(document, nlp=loaded).to_dict()
    assert record["events"] and record["entities"]
    assert record == analyze_document(document, nlp=nlp).to_dict()


def test_mentions_are_spans_of_the_doc(seed_path):
    """Every entity mention, the generic actors that events adopt included, is in
    doc.spans["mentions"], labelled with its entity's type and carrying its id."""
    nlp = marsad.load()
    document = read_path(seed_path)
    doc = nlp.make_doc(document.text)
    doc._.published = document.published
    doc = nlp(doc)
    spans = doc.spans["mentions"]
    by_id = {entity.id: entity for entity in doc._.entities}
    assert len(spans) == sum(len(entity.mentions) for entity in doc._.entities) > 0
    for span in spans:
        entity = by_id[span.id_]
        assert span.label_ == entity.type
        assert any(span.start_char <= m.start and m.end <= span.end_char for m in entity.mentions)


@pytest.mark.parametrize("text, token", [
    ("أفادت مصادر\"سكاي نيوز عربية\" بأن القوات تقدمت.", "سكاي"),  # a quote glued to the word before
    ("وقال لـ\"سكاي نيوز عربية\" إن القوات تقدمت.", "سكاي"),
    ("دبي، الإمارات العربية المتحدة (CNN)-- قال الوزير.", "CNN"),  # a dateline's dashes
    ("وقال الوزير كمال حداد،الخميس، إن الحوار مستمر.", "حداد"),  # a comma with no space after it
    ("وزار الوفد مدن حلب؛حمص وحماة.", "حمص"),
])
def test_the_tokenizer_splits_glued_quotes_and_dashes_off_names(text, token):
    assert token in [t.text for t in marsad.load()(text)]


def test_a_comma_between_digits_stays_in_the_number():
    assert "2،5" in [t.text for t in marsad.load().make_doc("بلغت الخسائر 2،5 مليار دولار.")]


@pytest.mark.parametrize("text, name, written, type_", [
    ("حذرت #كوريا_الشمالية من عواقب الخطوة.", "كوريا الشمالية", "كوريا_الشمالية", "GPE"),
    ("وقال #دونالد_ترمب إن بلاده لن تتراجع.", None, "دونالد_ترمب", "PERSON"),
    ("التقى #كيم_جونغ_أون وفدا من الحزب.", "كيم جونغ أون", "كيم_جونغ_أون", "PERSON"),
])
def test_a_hashtag_names_what_its_words_name(text, name, written, type_):
    """Words a hashtag joins with underscores are one name, found as if written with spaces;
    the mention keeps the text as written, the entity's name is written with spaces."""
    doc = marsad.load()(text)
    entity = next(e for e in doc._.entities if any(m.text == written for m in e.mentions))
    assert entity.type == type_
    assert "_" not in entity.name and (name is None or entity.name == name)
