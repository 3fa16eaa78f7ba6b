"""Clause boundaries, role words and ingestion's page words read through a tiny Lexicon: a
made-up word in its data files does what the shipped word does, and the shipped word, left
out, does nothing (issue 13)."""
import pytest

from marsad.datafiles import DATA
from marsad.lexicon.lexicon import Lexicon, load_lexicon
from marsad.nlp.clauses import clause_start
from marsad.nlp.pipeline import build_pipeline
from marsad.nlp.roles import RoleFinder

from tests.nlp.test_tiny_stages import copy_of_the_data

# A made-up clause opener ("that" of some dialect) in place of the shipped ones (أن، الذي …).
OPENERS = "# test rows\n# Source: made up for this test.\nform\nكيتن\n"
# A made-up role modifier ("the hedgehog one") in place of السابق، الجديد …
MODIFIERS = "# test rows\n# Source: made up for this test.\nform\nالقنفذي\n"
BOILERPLATE = "kind\tphrase\nnav\tزقزقات\n"


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    root = copy_of_the_data(tmp_path_factory.mktemp("clauses_roles"), {
        "events/clause_openers.tsv": OPENERS, "actors/role_modifiers.tsv": MODIFIERS,
        "boilerplate.tsv": BOILERPLATE})
    return Lexicon.load(root)


@pytest.fixture(scope="module")
def nlp():
    return build_pipeline()


def test_the_tiny_words_are_read_through_the_lexicon(tiny):
    assert tiny.clause_openers == {"كيتن"}
    assert tiny.role_modifiers == {"القنفذي"}
    assert tiny.furniture.nav == {"زقزقات"}
    assert "السابق" in load_lexicon().role_modifiers


@pytest.mark.parametrize("opener, shipped", [("كيتن", False), ("الذي", True)])
def test_a_clause_opens_after_the_lexicons_opener(nlp, tiny, opener, shipped):
    doc = nlp.make_doc(f"قال الوزير {opener} الجيش هاجم المدينة")
    doc = nlp.get_pipe("marsad_normalize")(doc)
    # the word after the opener starts a clause with the tiny lexicon, only for its own opener
    assert clause_start(doc, 4, 0, tiny) == (0 if shipped else 3)
    doc.user_data.pop("marsad_clause_boundaries")
    assert clause_start(doc, 4, 0) == (3 if shipped else 0)


def test_a_role_runs_over_the_tiny_lexicons_modifier_only(nlp, tiny):
    doc = nlp.get_pipe("marsad_normalize")(nlp.make_doc("وزير الخارجية القنفذي السابق"))
    base = load_lexicon().actors
    assert RoleFinder(base, tiny)._skip_modifiers(doc, 2) == 3
    assert RoleFinder(base)._skip_modifiers(doc, 2) == 2
    assert RoleFinder(base)._skip_modifiers(doc, 3) == 4


@pytest.mark.parametrize("after_comma, ends", [
    ("وقال", True),     # a glued و: a coordinated clause
    ("في", False),      # في is no ف + ي
    ("وزير", False),    # nor وزير و + زير
])
def test_a_comma_ends_a_clause_before_a_glued_conjunction_only(nlp, after_comma, ends):
    from marsad.nlp.clauses import clause_end
    doc = nlp.get_pipe("marsad_normalize")(nlp.make_doc(f"انتقد الرئيس ، {after_comma} الحكومة قرار البرلمان"))
    assert (clause_end(doc, 1, len(doc)) == 2) == ends
