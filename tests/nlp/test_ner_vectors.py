"""The NER model's static vectors (marsad.training.ner_vectors), their NORM keys, and the gold
yardstick (marsad.training.ner_gold). Tiny inputs only: nothing here trains a model."""
from __future__ import annotations

import json
import pickle

import numpy as np
import pytest
import spacy
from spacy.attrs import NORM
from spacy.tokens import Doc

from marsad.nlp.ner_features import NormVectors, install_lexical_attrs
from marsad.training.ner_data import TaggedSentence, split_three_way
from marsad.training.ner_gold import gold_mentions, is_nationality_adjective, tagged_sentences
from marsad.training.ner_vectors import (
    article_texts, cooccurrence, keyed, kmeans, ppmi, randomized_svd, read_clusters, save,
    word_vectors,
)

# Two kinds of word in the same slots: cities after "في", people after "قال".
TEXT = [["قال", p, "في", c, "امس"] for p in ("زيد", "عمرو", "خالد") for c in ("بغداد", "دمشق", "عمان")] * 4


def test_cooccurrence_counts_each_offset_in_its_own_block():
    words, counts = cooccurrence([["a", "b", "c"]], max_rows=10, min_count=1, n_contexts=10,
                                 offsets=(-1, 1))
    assert words == ["a", "b", "c"]  # ties broken by the word: a fixed order
    dense = counts.toarray()
    assert dense.shape == (3, 6)
    # b: a before it (block -1, column of a), c after it (block +1, column of c)
    assert dense[1, 0] == 1 and dense[1, 3 + 2] == 1 and dense[1].sum() == 2
    assert dense[0, 3 + 1] == 1 and dense[0].sum() == 1  # a: only b after it


def test_cooccurrence_drops_rare_rows_but_keeps_them_as_contexts():
    words, counts = cooccurrence([["a", "b", "a", "c"]], max_rows=10, min_count=2, n_contexts=10)
    assert words == ["a"]
    assert counts.shape == (1, 4 * 3)
    assert counts.sum() == 5  # a(0): b, a; a(2): b, c (twice), b before


def test_ppmi_is_positive_and_sparse():
    _, counts = cooccurrence(TEXT, 100, 1, 100)
    matrix = ppmi(counts)
    assert matrix.nnz and (matrix.data > 0).all()
    assert matrix.shape == counts.shape


def test_vectors_put_words_of_the_same_slot_together_and_are_reproducible():
    words, counts = cooccurrence(TEXT, 100, 1, 100)
    vectors = word_vectors(counts, 4, seed=7)
    assert vectors.dtype == np.float32 and vectors.shape == (len(words), 4)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1, atol=1e-5)
    assert np.array_equal(vectors, word_vectors(counts, 4, seed=7))
    v = {w: vectors[i] for i, w in enumerate(words)}
    assert v["بغداد"] @ v["دمشق"] > v["بغداد"] @ v["زيد"]
    assert v["زيد"] @ v["عمرو"] > v["زيد"] @ v["عمان"]
    labels = dict(zip(words, kmeans(vectors, 2, seed=3)))
    assert labels["بغداد"] == labels["دمشق"] == labels["عمان"] != labels["زيد"] == labels["خالد"]


def test_randomized_svd_matches_the_exact_one():
    rng = np.random.default_rng(0)
    matrix = rng.standard_normal((30, 5)) @ rng.standard_normal((5, 40))
    _, s = randomized_svd(matrix, 3, seed=1)
    assert np.allclose(s, np.linalg.svd(matrix, compute_uv=False)[:3], rtol=1e-6)


def test_keyed_maps_words_through_the_key():
    assert list(keyed([["وبغداد", "بغداد"]], lambda w: w[-4:])) == [["غداد", "غداد"]]


def test_article_texts_leave_out_excluded_ids(tmp_path):
    path = tmp_path / "articles.jsonl"
    rows = [{"id": "a", "title": " T ", "text": "body"}, {"id": "b", "title": "U", "text": "x"}]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    assert list(article_texts(path, {"b"})) == ["T\n\nbody"]


def test_saved_vectors_are_keyed_by_norm_after_loading_and_pickling(tmp_path):
    """A default spaCy Vectors forgets its key attribute on disk; NormVectors must not, or every
    clitic form (وبغداد، فبغداد) would silently get no vector."""
    nlp = spacy.blank("ar")
    install_lexical_attrs(nlp, 3, 3, use_names=False)
    norm = nlp.vocab.lex_attr_getters[NORM]
    words = [norm("بغداد"), norm("زيد")]
    vectors = np.array([[1, 0], [0, 1]], dtype=np.float32)
    save(tmp_path / "vec", words, vectors, np.array([0, 1]), {"seed": 1})
    assert read_clusters(tmp_path / "vec" / "clusters.tsv") == {words[0]: "0", words[1]: "1"}
    loaded = spacy.load(tmp_path / "vec").vocab.vectors
    assert isinstance(loaded, NormVectors) and loaded.attr == NORM
    assert pickle.loads(pickle.dumps(loaded)).attr == NORM
    nlp.vocab.vectors = loaded
    doc = Doc(nlp.vocab, words=["وبغداد", "فبغداد", "عمرو"])
    rows = [loaded.key2row.get(k, -1) for k in doc.to_array(loaded.attr)]
    assert rows == [0, 0, -1]


def test_three_way_split_keeps_the_held_out_block_last():
    sentences = [TaggedSentence((str(i),), ("O",)) for i in range(95)]
    train, dev, test = split_three_way(sentences)
    assert [len(train), len(dev), len(test)] == [75, 10, 10]
    assert train + dev + test == sentences


def test_gold_mentions_keep_outer_spans_and_drop_nationality_adjectives():
    text = "شرطة عدن قالت إن الجيش اليمني في عدن"
    gold = {"entities": [
        {"type": "ORG", "mentions": [[0, 8]]},
        {"type": "GPE", "mentions": [[5, 8], [33, 36]]},
        {"type": "GPE", "mentions": [[23, 29]], "not_place": [[23, 29]]},
        {"type": "ORG", "mentions": [[17, 22]]},
    ]}
    assert text[23:29] == "اليمني" and is_nationality_adjective("اليمني")
    assert not is_nationality_adjective("واشنطن")
    assert gold_mentions(gold, text) == [(0, 8, "ORG"), (17, 22, "ORG"), (33, 36, "LOC")]


def test_gold_mentions_become_bio_tags_over_whole_tokens():
    text = "زار محمد بن سلمان وبغداد. ثم عاد"
    mentions = [(4, 17, "PERS"), (19, 24, "LOC")]  # بغداد without its glued و
    sentences = tagged_sentences(text, mentions, spacy.blank("ar").tokenizer)
    assert sentences[0].tokens[:5] == ("زار", "محمد", "بن", "سلمان", "وبغداد")
    assert sentences[0].tags[:5] == ("O", "B-PERS", "I-PERS", "I-PERS", "B-LOC")
    assert all(tag == "O" for tag in sentences[1].tags)


@pytest.mark.parametrize("k", [1, 3])
def test_kmeans_gives_every_row_a_cluster(k):
    rng = np.random.default_rng(0)
    rows = rng.standard_normal((10, 3))
    rows /= np.linalg.norm(rows, axis=1, keepdims=True)
    labels = kmeans(rows.astype(np.float32), k, seed=0)
    assert labels.shape == (10,) and set(labels) <= set(range(k))


def test_cluster_feature_reads_the_stem_and_marks_unknown_words(tmp_path):
    """The cluster getter (LOWER of the NER vocabulary) keys by NORM, so a clitic form of a word
    shares its cluster; a word no cluster holds is "c-"; the before_init callback loads the table."""
    from spacy.attrs import LOWER

    from marsad.nlp.ner_features import CLUSTER_TABLE, ClusterGetter

    nlp = spacy.blank("ar")
    install_lexical_attrs(nlp, 3, 3, use_names=False, clusters=True)
    assert isinstance(nlp.vocab.lex_attr_getters[LOWER], ClusterGetter)
    norm = nlp.vocab.lex_attr_getters[NORM]
    save(tmp_path, [norm("بغداد"), norm("زيد")], np.eye(2, dtype=np.float32), np.array([5, 9]), {})
    assert Doc(nlp.vocab, words=["زيد"])[0].lower_ == "c-"  # no table yet
    _load_clusters_only(nlp, tmp_path)
    assert nlp.vocab.lookups.has_table(CLUSTER_TABLE)
    # the lexeme made before the table existed is given its cluster again
    assert nlp.vocab["زيد"].lower_ == "c9"
    doc = Doc(nlp.vocab, words=["وبغداد", "زيد", "خالد"])
    assert [t.lower_ for t in doc] == ["c5", "c9", "c-"]


def _load_clusters_only(nlp, folder):
    """The cluster half of marsad.ner_init.v1 (the name half needs the name packages' data)."""
    from unittest import mock

    from marsad.nlp import ner_features

    with mock.patch.object(ner_features, "build_name_lists", return_value={}):
        ner_features.make_ner_init(clusters=str(folder))(nlp)
