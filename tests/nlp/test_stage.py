"""Stages that read a Lexicon receive it at initialize (marsad.nlp.stage, issue 13)."""
import json
import shutil

import pytest
import spacy

import marsad
from marsad.datafiles import DATA
from marsad.lexicon.lexicon import load_lexicon
from marsad.nlp.pipeline import build_pipeline
from marsad.nlp.stage import SETTINGS_FILE, LexiconStage


def _stages(nlp):
    return {name: pipe for name, pipe in nlp.pipeline if isinstance(pipe, LexiconStage)}


def test_the_stages_of_the_shipped_pipeline_share_the_shipped_lexicon():
    stages = _stages(marsad.load())
    assert set(stages) == {"marsad_language", "marsad_dates", "marsad_entities", "marsad_quotes", "marsad_events"}
    assert all(stage.lexicon is load_lexicon() and stage.data_dir is None for stage in stages.values())


@pytest.fixture(scope="module")
def data_copy(tmp_path_factory):
    root = tmp_path_factory.mktemp("data")
    shutil.copytree(DATA, root, dirs_exist_ok=True)
    return root


def test_a_config_names_one_stages_data_and_leaves_the_others_shipped(data_copy):
    nlp = build_pipeline()
    nlp.config["initialize"]["components"]["marsad_dates"] = {"data_dir": str(data_copy)}
    nlp.initialize()
    stages = _stages(nlp)
    assert stages["marsad_dates"].lexicon.root == data_copy
    assert stages["marsad_dates"].vocabulary is stages["marsad_dates"].lexicon.dates
    assert stages["marsad_language"].lexicon is load_lexicon()


def test_to_disk_writes_which_lexicon_each_stage_reads(data_copy, tmp_path):
    nlp = build_pipeline()
    nlp.get_pipe("marsad_dates").initialize(data_dir=data_copy)
    nlp.to_disk(tmp_path / "pipeline")
    written = json.loads((tmp_path / "pipeline" / "marsad_dates" / SETTINGS_FILE).read_text(encoding="utf-8"))
    assert written == {"data_dir": str(data_copy)}
    shipped = json.loads((tmp_path / "pipeline" / "marsad_language" / SETTINGS_FILE).read_text(encoding="utf-8"))
    assert shipped == {"data_dir": None}
    loaded = spacy.load(tmp_path / "pipeline")
    assert loaded.get_pipe("marsad_dates").lexicon.root == data_copy
    assert loaded.get_pipe("marsad_language").lexicon is load_lexicon()
