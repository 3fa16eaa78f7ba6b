"""The packaged Arabic NER model, its data reader, split, features and gazetteer baseline."""
from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from marsad.errors import BadNerLine
from marsad.evaluate import evaluate_conll
from marsad.nlp.bio import TAGS, bio_spans
from marsad.nlp.ner import MODEL_DIR, load_ner_model, propagate_entities, tag_sentences
from marsad.nlp.ner_features import NerFeatures
from marsad.scoring import score_spans
from marsad.training.ner_baseline import GazetteerTagger
from marsad.training.ner_data import TaggedSentence, parse_line, read_conll, split_held_out

ANERCORP = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "anercorp" / "train.txt"

SAMPLE = (
    "فرانكفورت B-LOC\n(د O\nب O\nأ) O\nأعلن O\nاتحاد B-ORG\nصناعة I-ORG\n. O\n\n"
    "مدريد  B-LOC\n O\nقال O\n. Oالإصابة O\n\n\n"
)


@pytest.fixture
def sample_file(tmp_path: Path) -> Path:
    path = tmp_path / "sample.txt"
    path.write_text(SAMPLE, encoding="utf-8")
    return path


def test_reader_splits_on_last_space_and_blank_lines(sample_file):
    sentences = read_conll(sample_file)
    assert len(sentences) == 2
    assert sentences[0].tokens[:4] == ("فرانكفورت", "(د", "ب", "أ)")
    assert sentences[0].tags[4:7] == ("O", "B-ORG", "I-ORG")
    # A token that ends in a space, an empty token and the damaged line are all kept.
    assert sentences[1].tokens == ("مدريد", "", "قال", ". Oالإصابة")
    assert sentences[1].tags == ("B-LOC", "O", "O", "O")


@pytest.mark.parametrize("line", ["بغداد", "بغداد B-CITY", ""])
def test_reader_rejects_malformed_lines(line):
    with pytest.raises(BadNerLine):
        parse_line(line, "x:1")


def test_split_is_deterministic_and_keeps_the_last_block():
    sentences = [TaggedSentence((str(i),), ("O",)) for i in range(95)]
    train, held = split_held_out(sentences)
    assert (train, held) == split_held_out(sentences)
    assert len(held) == 10 and held[0].tokens == ("85",) and held[-1].tokens == ("94",)
    assert train + held == sentences


@pytest.mark.skipif(not ANERCORP.is_file(), reason="../shared/data/anercorp is not beside the checkout")
def test_split_of_anercorp_is_stable():
    train, held = split_held_out(read_conll(ANERCORP))
    assert (len(train), len(held)) == (3745, 417)
    assert held[0].tokens[:3] == split_held_out(read_conll(ANERCORP))[1][0].tokens[:3]


@pytest.mark.parametrize("tags, spans", [
    (["B-PERS", "I-PERS", "O", "B-LOC"], [(0, 2, "PERS"), (3, 4, "LOC")]),
    (["I-LOC", "I-LOC", "B-LOC"], [(0, 2, "LOC"), (2, 3, "LOC")]),
    (["B-ORG", "I-PERS"], [(0, 1, "ORG"), (1, 2, "PERS")]),
])
def test_bio_spans(tags, spans):
    assert bio_spans(tags) == spans


@pytest.mark.parametrize("word, stem", [
    ("وبغداد", "غداد"), ("بغداد", "غداد"),  # greedy, but the same stem with or without clitics
    ("لإيران", "ايران"), ("إيران", "ايران"),
    ("بالكاظمي", "كاظمي"), ("للبنان", "بنان"), ("لبنان", "بنان"),
    ("بن", "بن"), ("بعد", "بعد"),  # too short to lose a letter
])
def test_norm_strips_proclitics_consistently(word, stem):
    assert NerFeatures().norm(word) == stem


def test_stem_candidates_reach_the_bare_name():
    features = NerFeatures()
    assert "بغداد" in features.stem_candidates("وبغداد")
    assert "لبنان" in features.stem_candidates("للبنان")
    assert "الكاظمي" in features.stem_candidates("بالكاظمي")
    assert features.strip_proclitics("والامم") == ("وال", "امم")


def test_score_spans_exact_match():
    scores = score_spans([["B-PERS", "I-PERS", "O", "B-LOC"]], [["B-PERS", "O", "O", "B-LOC"]])
    assert scores["LOC"]["f1"] == 1.0
    assert scores["PERS"]["f1"] == 0.0
    assert scores["overall"]["precision"] == 0.5 and scores["overall"]["recall"] == 0.5


def test_propagation_tags_recurrences_but_not_lone_given_names():
    sentences = [["فاز", "البنك", "التجاري", "على", "الأهلي", "ومحمد"],
                 ["خسر", "للبنك", "التجاري", "ثم", "بالأهلي", "محمد", "علي"]]
    tags = [["O", "B-ORG", "I-ORG", "O", "B-ORG", "B-PERS"],
            ["O", "O", "O", "O", "O", "O", "O"]]
    assert propagate_entities(sentences, tags)[1] == ["O", "B-ORG", "I-ORG", "O", "B-ORG", "O", "O"]
    assert propagate_entities(sentences, tags)[0] == tags[0]  # existing tags stay


def test_gazetteer_baseline_longest_match(sample_file):
    tagger = GazetteerTagger.from_sentences(read_conll(sample_file))
    assert tagger([["أعلن", "اتحاد", "صناعة", "في", "فرانكفورت"]]) == [
        ["O", "B-ORG", "I-ORG", "O", "B-LOC"]]
    result = evaluate_conll(sample_file, tagger=tagger)
    assert result["LOC"]["recall"] == 1.0 and result["ORG"]["f1"] == 1.0


# --- the packaged model -------------------------------------------------------------------

needs_model = pytest.mark.skipif(not (MODEL_DIR / "meta.json").is_file(),
                                 reason="the NER model is not trained yet (make model)")


@needs_model
def test_model_says_its_licence():
    nlp = load_ner_model()
    assert "ner" in nlp.pipe_names
    assert nlp.meta["license"] == "CC BY-SA 4.0"
    assert set(nlp.get_pipe("ner").labels) == {"PERS", "LOC", "ORG", "MISC"}
    assert "CC BY-SA 4.0" in (MODEL_DIR / "PROVENANCE.md").read_text(encoding="utf-8")


@needs_model
def test_one_valid_tag_per_input_token():
    sentences = [
        ["قال", "الرئيس", "الأمريكي", "جورج", "بوش", "في", "واشنطن", "(", "رويترز", ")", "."],
        ["وبغداد", "", "عاصمة", "العراق", "ـ", "3.5", "%", "U.S."],  # empty and odd tokens
        [],
        ["سافر"],
    ]
    tagged = tag_sentences(sentences)
    assert [len(t) for t in tagged] == [len(s) for s in sentences]
    for tags in tagged:
        assert all(tag in TAGS for tag in tags)
        assert not any(tag.startswith("I-") for tag in tags[:1])


@needs_model
@pytest.mark.parametrize("tokens, entity, label", [
    ("قال الرئيس الأمريكي جورج بوش إن الحرب مستمرة .".split(), "جورج بوش", "PERS"),
    ("وصل وزير الخارجية إلى القاهرة أمس .".split(), "القاهرة", "LOC"),
    ("زار رئيس الوزراء العاصمة الفرنسية باريس يوم الاثنين .".split(), "باريس", "LOC"),
    ("اجتمع مجلس الأمن الدولي في نيويورك .".split(), "نيويورك", "LOC"),
])
def test_clear_sentences(tokens, entity, label):
    tags = tag_sentences([tokens])[0]
    found = {(" ".join(tokens[s:e]), lab) for s, e, lab in bio_spans(tags)}
    assert (entity, label) in found, found


@needs_model
def test_model_survives_pickling():
    # Dask workers receive pipelines by pickling; the custom lexical getters must come along.
    nlp = pickle.loads(pickle.dumps(load_ner_model()))
    assert len(tag_sentences([["زار", "باريس"]], nlp=nlp)[0]) == 2
