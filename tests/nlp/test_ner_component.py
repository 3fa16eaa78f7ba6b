"""The marsad_ner component: the NER model as a pipeline stage that sets doc.ents."""
from __future__ import annotations

import pytest
import spacy
from spacy.language import Language

import marsad
from marsad.ingest import read_path
from marsad.nlp.ner import MODEL_DIR
from marsad.nlp.ner_component import NerTagger

needs_model = pytest.mark.skipif(not (MODEL_DIR / "meta.json").is_file(),
                                 reason="no NER model in the package (make model)")


@pytest.fixture(scope="module")
def seed_doc(seed_path):
    document = read_path(seed_path)
    nlp = marsad.load()
    doc = nlp.make_doc(document.text)
    doc._.published = document.published
    return nlp(doc)


def test_marsad_ner_runs_before_the_entities_stage():
    names = marsad.load().pipe_names
    assert names.index("marsad_sentences") < names.index("marsad_ner") < names.index("marsad_entities")
    assert "doc.ents" in Language.get_factory_meta("marsad_ner").assigns


@needs_model
def test_the_seed_article_has_entities_and_displacy_shows_them(seed_doc):
    labels = {ent.label_ for ent in seed_doc.ents}
    assert seed_doc.ents and labels <= {"PERS", "LOC", "ORG", "MISC"}
    assert {"PERS", "LOC"} <= labels
    assert any(ent.text == "إسماعيل قاآني" and ent.label_ == "PERS" for ent in seed_doc.ents)
    html = spacy.displacy.render(seed_doc, style="ent")
    assert 'class="entity"' in html and "قاآني" in html


@needs_model
def test_entities_never_cross_a_sentence(seed_doc):
    for ent in seed_doc.ents:
        assert ent.sent.start <= ent.start and ent.end <= ent.sent.end


def test_without_a_model_the_component_sets_no_entities():
    nlp = spacy.blank("ar")
    nlp.add_pipe("sentencizer")
    doc = NerTagger(None)(nlp("زار إسماعيل قاآني بغداد."))
    assert doc.ents == ()
