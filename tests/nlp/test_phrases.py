"""Phrase look-up over a Doc's words: the clitics that may be glued to a phrase's first word are
those of the Morphology it is given (issue 13)."""
import spacy

from marsad.lexicon.morphology import Morphology
from marsad.nlp.basics import normalize_tokens
from marsad.nlp.phrases import find_phrases

# و and ل are this Morphology's only proclitic letters: ب stays on a word
CLITICS = ("form\tkind\tnote\nو\tconjunction\t\nل\tpreposition\t\nال\tarticle\t\nلل\tcontraction\t\nل\tverb_particle\t\n"
           "ي\timperfect_prefix\t\nا\ttanwin\t\nه\tsuffix\t\n")
INDEX = {("بغداد",): "Baghdad", ("مجلس", "النواب"): "parliament"}


def _found(text, morphology=None):
    morphology = Morphology.from_file() if morphology is None else morphology
    doc = normalize_tokens(spacy.blank("ar")(text))
    return [(doc[h.start:h.end].text, h.payload, doc.text[h.char_start:h.char_end])
            for h in find_phrases(doc, INDEX, 2, morphology=morphology)]


def test_the_shipped_clitics_come_off_the_first_word():
    assert _found("وصل الوفد ببغداد ثم وبغداد") == [("ببغداد", "Baghdad", "بغداد"), ("وبغداد", "Baghdad", "بغداد")]
    assert _found("اجتمع ومجلس النواب") == [("ومجلس النواب", "parliament", "مجلس النواب")]


def test_a_morphology_without_a_letter_leaves_it_on(tmp_path):
    (tmp_path / "clitics.tsv").write_text(CLITICS, encoding="utf-8")
    tiny = Morphology.from_file(tmp_path / "clitics.tsv")
    assert _found("وصل الوفد ببغداد ثم وبغداد", tiny) == [("وبغداد", "Baghdad", "بغداد")]


def test_a_stage_s_own_word_positions_find_what_the_shared_ones_find():
    doc = normalize_tokens(spacy.blank("ar")("وصل الوفد ببغداد ثم اجتمع مجلس النواب"))
    shared = find_phrases(doc, INDEX, 2, morphology=Morphology.from_file())
    own = tuple(range(len(doc)))  # a tuple of its own: looked up in the Doc's cache by identity
    assert find_phrases(doc, INDEX, 2, own, morphology=Morphology.from_file()) == shared
    fewer = tuple(i for i in own if doc[i].text != "ببغداد")
    assert [h.payload for h in find_phrases(doc, INDEX, 2, fewer, morphology=Morphology.from_file())] == ["parliament"]


def test_short_stems_take_the_conjunction_off_a_three_letter_word_on_request():
    # وحث: the stemmer keeps three-letter words whole (وقت is no و + قت); a lexicon of two-letter
    # verbs asks for the split, and a two-word key still needs its second word
    doc = normalize_tokens(spacy.blank("ar")("وحث الوزير النواب ثم وشن هجوما وشن غدا"))
    index = {("حث",): "urge", ("شن", "هجوما"): "attack"}
    morphology = Morphology.from_file()
    assert find_phrases(doc, index, 2, morphology=morphology) == []
    found = find_phrases(doc, index, 2, morphology=morphology, short_stems=True)
    assert [(h.payload, doc.text[h.char_start:h.char_end]) for h in found] == [("urge", "حث"), ("attack", "شن هجوما")]
