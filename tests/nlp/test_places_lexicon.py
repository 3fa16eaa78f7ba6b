"""The place matcher and the entity linker read the Lexicon they were built with (issue 13)."""
from types import SimpleNamespace

from marsad.datafiles import DATA
from marsad.lexicon.lexicon import Lexicon, load_lexicon
from marsad.nlp.entities import EntityLinker
from marsad.nlp.places import PlaceMatcher


def test_a_month_name_of_the_matchers_own_lexicon_is_no_place():
    lexicon = Lexicon.load(DATA)
    # a made-up calendar whose month is called بغداد: the shipped dates name no such month
    lexicon.__dict__["dates"] = SimpleNamespace(months={"بغداد": 1})
    assert ("بغداد",) in PlaceMatcher.load(load_lexicon().places).confident
    assert ("بغداد",) not in PlaceMatcher.load(load_lexicon().places, lexicon=lexicon).confident


def test_the_linkers_role_finder_reads_the_linkers_lexicon():
    lexicon = Lexicon.load(DATA)
    lexicon.__dict__["common_words"] = frozenset({"البطيخ"})
    linker = EntityLinker(load_lexicon().actors, PlaceMatcher.load(load_lexicon().places, lexicon=lexicon), lexicon)
    assert linker.roles.common_words == frozenset({"البطيخ"})
