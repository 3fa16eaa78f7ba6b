"""A government or office of a country of rival authorities goes to the side its own words mark
(issue 17, part 2): the marker reader over made-up sides, the entity stage over a tiny Lexicon and
over the shipped one, and the stand-off gold of tests/gold/rival_authorities_ant2018."""
import pytest

import marsad
from marsad.kb.actors import RivalSide
from marsad.lexicon.lexicon import Lexicon, load_lexicon
from marsad.nlp.pipeline import build_pipeline
from marsad.nlp.rival_sides import SideMarkers
from marsad.text.normalize import words

from tests.nlp.test_tiny_lexicon import FILES, write_lexicon
from tests.rival_gold import SECOND_BATCH_DIR, accuracy, gold_files, judge_file

# Two made-up sides of a made-up country: the north marked by الشمال, the south, the default, by
# الجنوب or by the two words البحر الكبير.
NORTH = RivalSide("aaa_north", "AAA", ("aaa:north",), (), False, ((("الشمال",)),))
SOUTH = RivalSide("aaa_south", "AAA", ("aaa:south",), ("aaa:south_army",), True,
                  (tuple(words("الجنوب")), tuple(words("البحر الكبير"))))


@pytest.fixture(scope="module")
def normalize():
    nlp = build_pipeline()
    return lambda text: nlp.get_pipe("marsad_normalize")(nlp.make_doc(text))


@pytest.fixture(scope="module")
def markers():
    # normalised, as the entity stage hands them over (على is written علي)
    return SideMarkers((NORTH, SOUTH), load_lexicon().morphology, links=frozenset(words("في")),
                       stops=frozenset(words("في على")))


@pytest.mark.parametrize("text, side", [
    ("حكومة الشمال قالت", "aaa_north"),          # the marker right after the head
    ("الحكومة في الجنوب", "aaa_south"),          # after في, the link to a place
    ("حكومة للشمال", "aaa_north"),               # a glued preposition on the marker
    ("الحكومة البحر الكبير", "aaa_south"),        # a marker of two words
    ("الحكومة على الشمال", None),               # a function word ends the government's phrase
    ("الحكومة والشمال", None),                   # a glued و opens the next body
    ("الحكومة، الشمال", None),                   # so does punctuation
    ("الحكومة الجديدة القديمة الشمال", None),    # too far from the head to be its own
])
def test_a_marker_after_the_head_names_its_side(normalize, markers, text, side):
    found = markers.after(normalize(text), 1, "AAA")
    assert (found[0].side if found else None) == side


def test_a_marker_counts_only_among_its_own_countrys_sides(normalize, markers):
    doc = normalize("حكومة الشمال")
    assert markers.after(doc, 1, "BBB") is None and markers.after(doc, 1, None) is None
    assert markers.within(doc, 0, 2, "AAA") is NORTH and markers.within(doc, 0, 1, "AAA") is None


def test_the_marker_ends_where_its_words_do(normalize, markers):
    # tokens: الحكومة في البحر الكبير اليوم; the marker ends before اليوم
    assert markers.after(normalize("الحكومة في البحر الكبير اليوم"), 1, "AAA") == (SOUTH, 4)


def test_a_forces_marker_must_follow_its_head_directly(normalize, markers):
    # القوات في الشمال are forces in the north, of whichever side: no في for forces
    assert markers.after(normalize("القوات في الشمال"), 1, "AAA", linked=False) is None
    assert markers.after(normalize("قوات الشمال"), 1, "AAA", linked=False) == (NORTH, 2)


def test_a_country_has_one_default_side(markers):
    assert markers.default("AAA") is SOUTH and markers.default("BBB") is None


# The entity stage over a tiny Lexicon: a made-up marker (القنفذية) of a made-up side of Iraq, whose
# government is a made-up body; the Sands Council is the default side's.
TINY = {
    **FILES,
    "actors/orgs/test.tsv": FILES["actors/orgs/test.tsv"] + "irq:test_north\tORG\tحكومة الشمال\t\tNorth Government\tIRQ\tGOV\t\n"
                            "irq:test_guard\tORG\tحرس الشمال\t\tNorth Guard\tIRQ\tMIL\t\n",
    "actors/rival_authorities.tsv": "side\tcountry\tactor\tmembers\tdefault\tmarkers\tforces\n"
                                    "irq_north\tIRQ\tirq:test_north\t\t\tالقنفذية\tirq:test_guard\n"
                                    "irq_sands\tIRQ\tirq:test_council\t\tyes\tالرملية\t\n",
    "actors/government_heads.tsv": "form\tnames\tnote\nحكومة\tgovernment\t\nالحكومة\tgovernment\t\n"
                                   "قوات\tforces\t\n",
    "actors/generic.tsv": "phrase\ttype\tsector\tcountry_from\tname_en\nالحكومة\tORG\tGOV\tadj\tthe government\n",
}


@pytest.fixture(scope="module")
def tiny_entities(tmp_path_factory):
    root = write_lexicon(tmp_path_factory.mktemp("sides"), TINY)
    assert [side.side for side in Lexicon.load(root).actors.sides] == ["irq_north", "irq_sands"]
    nlp = build_pipeline()
    nlp.get_pipe("marsad_entities").initialize(data_dir=root)
    nlp.remove_pipe("marsad_events")
    return nlp


def _linked(nlp, text, mention):
    doc = nlp.make_doc(text)
    doc._.published = "2021-05-10"
    return [e.name_en for e in nlp(doc)._.entities if any(m.text == mention for m in e.mentions)]


def test_the_tiny_lexicons_marker_names_its_side(tiny_entities):
    assert _linked(tiny_entities, "وقالت حكومة القنفذية في بغداد إن العراق مستقر.", "حكومة القنفذية") \
        == ["North Government"]


def test_the_tiny_lexicons_forces_of_a_side_are_its_armed_body(tiny_entities):
    text = "وقالت مصادر عراقية إن قوات القنفذية دخلت بغداد وإن قوات الرملية انسحبت."
    # the sands side has no armed body of its own: its forces are left to the generic actors
    assert (_linked(tiny_entities, text, "قوات القنفذية"), _linked(tiny_entities, text, "قوات الرملية")) \
        == (["North Guard"], [])


def test_a_government_word_with_no_marker_is_the_default_sides(tiny_entities):
    assert _linked(tiny_entities, "وقالت الحكومة في بغداد إن العراق مستقر.", "الحكومة") == ["Sands Council"]


# The shipped knowledge base, made-up sentences: a government head and the words after it.
@pytest.mark.parametrize("sentence, mention, name_en", [
    ("وطالبت سلطة الانقلابيين في صنعاء التجار بدفع الزكاة.", "سلطة الانقلابيين",
     "Houthi-run government in Sanaa"),
    ("قالت الحكومة في رام الله إنها لم تتسلم معابر قطاع غزة.", "الحكومة في رام الله", "Palestinian Government"),
    ("وقال رئيس الحكومة المؤقتة التابعة للمعارضة إن القصف على إدلب مستمر.", "الحكومة المؤقتة",
     "Syrian Interim Government"),
    # المؤقتة in Libya is al-Bayda's government, not the Syrian opposition's
    ("وأعلنت وزارة داخلية الحكومة المؤقتة نشر قواتها في مدينة درنة الليبية.", "الحكومة المؤقتة",
     "Libyan Interim Government (al-Bayda)"),
    # Tripoli's name in the knowledge base, the Palestinian consensus government by its demonym
    ("واتهمت حكومة الوفاق الوطني الفلسطينية حركة حماس بعرقلة المصالحة.", "حكومة الوفاق الوطني",
     "Palestinian Government"),
    # Yemen's recognised government's phrase, in a Libyan story
    ("وأكد السراج أن الجيش في ليبيا يجب أن يخضع للحكومة المعترف بها دوليا.", "للحكومة المعترف بها دوليا",
     "Government of National Accord (Libya)"),
    # the federal authorities, though the story names the Kurdistan government beside them
    ("أعادت السلطات العراقية وحكومة إقليم كردستان فتح الطريق بين أربيل وكركوك.", "السلطات العراقية",
     "Government of Iraq"),
    # a marker after a function word is another phrase's: the government presses the Houthis
    ("وضغطت الحكومة على الحوثيين في صنعاء.", "الحكومة", "Government of Yemen"),
    ("وقال وزير الداخلية في حكومة الإقليم إن أربيل آمنة.", "حكومة الإقليم", "Kurdistan Regional Government"),
    # forces of a side: its armed body
    ("قالت مصادر يمنية إن قوات الشرعية سيطرت على مديرية التحيتا.", "قوات الشرعية", "Yemeni Army"),
    ("وقالت مصادر يمنية إن قوى الانقلاب قصفت مدينة تعز.", "قوى الانقلاب", "Houthis (Ansar Allah)"),
    ("واستعادت القوات الاتحادية السيطرة على كركوك من قوات الإقليم.", "قوات الإقليم", "Peshmerga"),
])
def test_a_government_phrase_goes_to_the_side_its_words_mark(sentence, mention, name_en):
    entities = marsad.analyze(sentence + "\n\nنص.", published="2018-05-01").entities
    assert [e.name_en for e in entities if any(m.text == mention for m in e.mentions)] == [name_en], \
        [(e.name_en, [m.text for m in e.mentions]) for e in entities]


def test_an_office_in_a_marked_government_is_read_with_it():
    """The minister is the interim government's (its role, its country), not left without either."""
    sentence = "وقال وزير الصحة في الحكومة المؤقتة محمد فراس الجندي إن القصف على إدلب مستمر."
    entities = marsad.analyze(sentence + "\n\nنص.", published="2018-05-01").entities
    person = [e for e in entities if e.type == "PERSON" and any(m.kind == "role" for m in e.mentions)]
    assert [(e.country, e.sector, e.roles) for e in person] == [("SYR", "GOV", ["وزير الصحة الحكومة المؤقتة"])], \
        [(e.name_en, e.country, [m.text for m in e.mentions]) for e in entities]


# A name that names a different body in each country's news (actors/country_bound_names.tsv).
@pytest.mark.parametrize("sentence, name_en", [
    ("وقال قائد الجيش الوطني المشير خليفة حفتر إن قواته دخلت درنة الليبية.", "Libyan National Army"),
    ("وتقدم الجيش الوطني في محافظة تعز اليمنية.", "Yemeni Army"),
    ("وقال الجيش الوطني إن الوضع هادئ.", None),  # no country: no body
])
def test_a_country_bound_name_is_the_body_of_the_storys_country(sentence, name_en):
    entities = marsad.analyze(sentence + "\n\nنص.", published="2018-05-01").entities
    linked = [e.name_en for e in entities if any(m.text == "الجيش الوطني" for m in e.mentions)]
    assert linked == ([name_en] if name_en else []), [(e.name_en, [m.text for m in e.mentions]) for e in entities]


# A body name that several countries' bodies share in the knowledge base, the demonym left off
# (وزارة الدفاع of وزارة الدفاع العراقية, السورية ...), is the body of the story's country.
@pytest.mark.parametrize("sentence, name, country", [
    ("وقال رئيس الوزراء العراقي إن وزارة الدفاع سترسل تعزيزات إلى الموصل وكركوك في العراق.", "وزارة الدفاع", "IRQ"),
    ("وأعلنت وزارة الدفاع أن الطائرات السورية قصفت مواقع في ريف حماة السوري.", "وزارة الدفاع", "SYR"),
    ("وقال مسؤول في البنك المركزي إن أسعار الصرف مستقرة.", "البنك المركزي", None),  # no country: no country's bank
])
def test_a_shared_body_name_alone_is_the_body_of_the_storys_country(sentence, name, country):
    entities = marsad.analyze(sentence + "\n\nنص.", published="2018-05-01").entities
    linked = [e.country for e in entities if e.type == "ORG" and any(m.text == name and m.kind == "name" for m in e.mentions)]
    assert linked == [country], [(e.name_en, [(m.text, m.kind) for m in e.mentions]) for e in entities]


@pytest.fixture(scope="module")
def judged(shared):
    from marsad.training.event_corpus import corpus_texts

    texts = corpus_texts("ant2018")
    judged = {split: [j for gold in gold_files(split) for j in judge_file(gold, texts)]
              for split in ("tuning", "held_out")}
    judged["second_batch"] = [j for gold in gold_files(folder=SECOND_BATCH_DIR) for j in judge_file(gold, texts)]
    return judged


# Floors a little below what the rules reach: tuning 64 of 68 (0.941), held out 32 of 42 (0.762; 0.667
# when it was last blind, 0.643 before sides were read); the second batch, scored blind once the
# forces of a side were read, 98 of 136 (0.721; 0.625 without the forces), 101 of 136 (0.743) once
# النظام alone was read as Assad's government in news of Syria. They may only go up.
@pytest.mark.parametrize("split, floor", [("tuning", 0.92), ("held_out", 0.73), ("second_batch", 0.72)])
def test_side_accuracy_on_the_gold_stays_above_its_floor(judged, split, floor):
    side, _ = accuracy(judged[split])
    assert side >= floor, [(j.document, j.start, j.gold_side, j.side) for j in judged[split] if j.side != j.gold_side]


def test_the_regime_alone_in_news_of_syria_is_assads_government():
    # النظام alone names the side's government in its country's news (column alone); with a
    # definite word after it (النظام الانتخابي) or in an article on another country it is no one
    syria = marsad.analyze("عنوان\n\nقصفت الطائرات مدينة دوما في ريف دمشق، وقال المرصد إن النظام يحاصر "
                           "الغوطة الشرقية.", published="2018-03-01")
    regime = [e for e in syria.entities if any(m.text == "النظام" for m in e.mentions)]
    assert len(regime) == 1 and regime[0].country == "SYR" and regime[0].sector == "GOV", regime
    iraq = marsad.analyze("عنوان\n\nقال النائب إن النظام الانتخابي في العراق معقد وإن بغداد تدرس تعديله.",
                          published="2018-03-01")
    assert not [e for e in iraq.entities if any("النظام" in m.text for m in e.mentions)]


def test_the_ministry_alone_names_again_the_one_ministry_read_by_its_country():
    text = ("قال رئيس الوزراء العراقي إن وزارة الدفاع أرسلت تعزيزات إلى الموصل في العراق. "
            "وقالت الوزارة إن العملية مستمرة.")
    entities = marsad.analyze(text + "\n\nنص.", published="2018-05-01").entities
    ministry = [e for e in entities if any(m.text == "وزارة الدفاع" for m in e.mentions)]
    assert len(ministry) == 1 and ministry[0].country == "IRQ" \
        and "الوزارة" in {m.text for m in ministry[0].mentions}, [(e.name_en, [m.text for m in e.mentions]) for e in entities]


def test_a_collective_word_joins_the_known_body_whose_name_holds_it():
    # the navy is named first, but الجيش alone is the army the story names as للجيش المصري
    text = ("نفذت البحرية المصرية مناورات في البحر الأحمر. وقال المتحدث العسكري للجيش المصري إن "
            "التدريبات ناجحة، وأضاف أن الجيش سيواصل التدريبات.")
    entities = marsad.analyze(text + "\n\nنص.", published="2018-05-01").entities
    army = [e for e in entities if any(m.text == "الجيش" for m in e.mentions)]
    assert len(army) == 1 and "للجيش المصري" in {m.text for m in army[0].mentions}, \
        [(e.name_en, [m.text for m in e.mentions]) for e in entities]


def test_bodies_that_name_no_country_stay_apart():
    # without a country, one kind of body is not another: foreign forces are not the police of a story
    # that names no country, nor are Arab states Western ones
    record = marsad.analyze("عنوان\n\nقصفت القوات الأجنبية مركز الشرطة فقتلت تسعة من رجال الشرطة. "
                            "ودعت الدول العربية والدول الغربية إلى التهدئة.", published="2008-07-21")
    owner = {m.text: e.id for e in record.entities for m in e.mentions}
    assert owner["القوات الأجنبية"] != owner["الشرطة"]
    assert owner["الدول العربية"] != owner["الدول الغربية"]


def test_one_countrys_police_and_army_stay_apart():
    # with a country too, one kind of body is not another: the police who arrest are not the army that
    # speaks, though both are the country's forces
    record = marsad.analyze("عنوان\n\nاعتقلت الشرطة المصرية عشرات الناشطين في القاهرة، وقال الجيش إن "
                            "الشرطة تتولى حماية المنشآت.", published="2018-05-01")
    owner = {m.text: e.id for e in record.entities for m in e.mentions}
    assert owner["الشرطة المصرية"] == owner["الشرطة"] != owner["الجيش"]


def test_the_police_do_not_join_the_countrys_army_from_the_knowledge_base():
    # the army is in the knowledge base and named first; the police (same sector) are not it, while
    # forces in general (القوات الحكومية) still are the state's army
    record = marsad.analyze("عنوان\n\nقال الجيش المصري إن الشرطة تتولى حماية المنشآت، وإن القوات الحكومية "
                            "انتشرت في سيناء.", published="2018-05-01")
    owner = {m.text: e.id for e in record.entities for m in e.mentions}
    assert owner["الجيش المصري"] == owner["القوات الحكومية"] != owner["الشرطة"]


def test_a_definite_collective_word_does_not_take_the_name_after_it():
    # حكومة نتنياهو is the person's government, but a definite word (here an adjective of the writer)
    # annexes nothing: the name after it is the writer's alone
    record = marsad.analyze("عنوان\n\nوحضر المئات تكريم الكاتبة العراقية المعارضة سلوى زكو في لندن.",
                            published="2018-05-01")
    person = next(m for e in record.entities if e.type == "PERSON" for m in e.mentions)
    assert person.text == "سلوى زكو"
    assert not any(m.start < person.end and person.start < m.end
                   for e in record.entities if e.type != "PERSON" for m in e.mentions)
