"""UD Arabic-PUD read as Marsad's words: the trees a parser of Marsad's tokens is trained on."""
from __future__ import annotations

from pathlib import Path

import pytest

from marsad.training.parser_data import UdSentence, UdToken, read_conllu, word_tree, word_trees
from marsad.training.parser_train import marsad_tokenize

PUD = Path(__file__).resolve().parents[2] / "shared" / "data" / "ud_arabic_pud" / "ar_pud-ud-test.conllu"

# و + هاجم (a clitic the treebank splits off), ل + لمدينة (the treebank restores the article's
# alef: ل + المدينة), a full stop glued to the last word.
CONLLU = """# sent_id = t1
# text = وهاجم المسلحون قوات الأمن في المدينة.
1\tو\tو\tCCONJ\t_\t_\t2\tcc\t_\tSpaceAfter=No
2\tهاجم\tهاجم\tVERB\t_\t_\t0\troot\t_\t_
3\tالمسلحون\tمسلح\tNOUN\t_\t_\t2\tnsubj\t_\t_
4\tقوات\tقوة\tNOUN\t_\t_\t2\tobj\t_\t_
5\tالأمن\tأمن\tNOUN\t_\t_\t4\tnmod\t_\t_
6\tفي\tفي\tADP\t_\t_\t7\tcase\t_\t_
7\tالمدينة\tمدينة\tNOUN\t_\t_\t2\tobl\t_\tSpaceAfter=No
8\t.\t.\tPUNCT\t_\t_\t2\tpunct\t_\t_

# sent_id = t2
# text = للمدينة
1\tل\tل\tADP\t_\t_\t2\tcase\t_\tSpaceAfter=No
2\tالمدينة\tمدينة\tNOUN\t_\t_\t0\troot\t_\t_
"""


@pytest.fixture(scope="module")
def tokenize():
    return marsad_tokenize()


def test_treebank_tokens_join_into_marsad_words(tmp_path, tokenize):
    path = tmp_path / "t.conllu"
    path.write_text(CONLLU, encoding="utf-8")
    trees, lost = word_trees(read_conllu(path), tokenize)
    assert lost == 0
    first = trees[0]
    assert first.words == ("وهاجم", "المسلحون", "قوات", "الأمن", "في", "المدينة", ".")
    root = first.words.index("وهاجم")
    assert first.heads[root] == root and first.deps[root] == "ROOT"  # the verb governs, not و
    assert first.heads[1] == root and first.deps[1] == "nsubj"
    assert first.heads[2] == root and first.deps[2] == "obj"
    assert first.heads[5] == root and first.deps[5] == "obl"
    assert first.heads[6] == root and first.deps[6] == "punct"
    # a restored letter (ل + المدينة for للمدينة) still aligns: one word, the noun's relation
    assert trees[1].words == ("للمدينة",) and trees[1].deps == ("ROOT",)


def test_a_cut_that_breaks_the_tree_is_refused():
    # two words whose parts govern each other across the cut cannot both be heads
    sentence = UdSentence("x", "أب جد", (UdToken("أ", "NOUN", 3, "nmod"), UdToken("ب", "NOUN", 0, "root"),
                                          UdToken("جد", "NOUN", 1, "nmod")))
    assert word_tree(sentence, ["أب", "جد"], [(0, 2), (3, 5)]) is None


@pytest.mark.skipif(not PUD.exists(), reason="../shared is not beside the checkout")
def test_the_whole_treebank_converts(tokenize):
    trees, lost = word_trees(read_conllu(PUD), tokenize)
    assert len(trees) + lost == 1000 and lost <= 10
    for tree in trees:
        assert sum(h == i for i, h in enumerate(tree.heads)) == 1
