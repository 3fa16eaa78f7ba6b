"""The learned parts of event coding and the data they stand on: generic actors, the trigger and
argument models, restatements, the annotated corpus and its split."""
import json
from pathlib import Path

import pytest

from marsad.nlp.event_triggers import TriggerFeatures
from marsad.lexicon.lexicon import hamza_seat_variants, load_lexicon, pronoun_variants
from marsad.nlp.events import same_happening
from marsad.lexicon.generic_nouns import GenericNouns
from marsad.nlp.generic_actors import generic_entities
from marsad.nlp.linear import SparseLogistic
from marsad.analysis import analyze_document
from marsad.nlp.event_confidence import EventSupport, confidence_features, rule_of_thumb
from marsad.nlp.pipeline import load
from marsad.record import Document, Event, Interval, Span
from marsad.scoring import score_confidence
from marsad.text.normalize import normalize
from marsad.text.words import words
from marsad.training.event_corpus import (
    ANNOTATIONS, DEV, STATUSES, TEST, EVENT_TYPES, held_out_documents, load_annotations, score_documents)

TINY_NOUNS = [
    {"singular": "جندي", "dual": "جنديان|جنديين", "plural": "جنود", "sector": "MIL", "kind": "person", "name_en": "soldier"},
    {"singular": "شخص", "dual": "-", "plural": "أشخاص", "sector": "CVL", "kind": "person", "name_en": "person"},
    {"singular": "أمام", "dual": "-", "plural": "-", "sector": "REL", "kind": "person", "name_en": "spelled as a preposition"},
]


def _prepared(text: str):
    nlp = load()
    doc = nlp.make_doc(text)
    doc._.warnings = []
    for name, stage in nlp.pipeline:
        if name == "marsad_events":
            break
        doc = stage(doc)
    return doc


def test_generic_nouns_take_country_from_adjective_and_count():
    nouns = GenericNouns.from_rows(TINY_NOUNS, function_words=frozenset(words("أمام")))
    assert ("امام",) not in nouns.forms  # a form spelled like a function word is left out
    assert ("شخصا",) in nouns.forms and ("جنوده",) in nouns.owned  # tanwin alef; owner's pronoun apart
    doc = _prepared("هاجم مسلحون جنودا إثيوبيين وقتلوا 18 شخصا.")
    found = {e.name: e for e in generic_entities(doc, nouns, doc._.entities, load_lexicon().morphology)}
    assert found["جندي"].country == "ETH" and found["جندي"].sector == "MIL"
    assert [m.text for m in found["جندي"].mentions] == ["جنودا إثيوبيين"]
    assert [m.text for m in found["شخص"].mentions] == ["18 شخصا"]
    assert all(m.kind == "generic" for e in found.values() for m in e.mentions)


def test_a_relative_adjective_after_a_definite_word_is_no_generic_actor():
    # المدني describes الدفاع (civil defence), as its feminine (المدنية) often written shows;
    # الجندي after a definite subject is the object of the verb, a soldier (جندية is seldom written)
    nouns = GenericNouns.from_rows(TINY_NOUNS + [
        {"singular": "مدني", "dual": "مدنيان|مدنيين", "plural": "مدنيون|مدنيين", "sector": "CVL",
         "kind": "person", "name_en": "civilian"}])
    doc = _prepared("انتشل رجال الدفاع المدني الجثث بعد أن استهدف القصف الجندي.")
    counts = {normalize("المدني"): 409, normalize("المدنية"): 258, normalize("الجندي"): 47}
    found = {e.name: e for e in generic_entities(doc, nouns, doc._.entities, load_lexicon().morphology,
                                                  counts=counts)}
    assert "مدني" not in found and [m.text for m in found["جندي"].mentions] == ["الجندي"], \
        {name: [m.text for m in e.mentions] for name, e in found.items()}



def test_a_relative_adjective_keeps_describing_past_glued_clitics():
    # بالدعم السياسي والعسكري: the preposition on the noun and the conjunction on the second
    # adjective hide no politician and no serviceman
    nouns = GenericNouns.from_rows(TINY_NOUNS + [
        {"singular": "سياسي", "dual": "-", "plural": "سياسيون|سياسيين", "sector": "GOV",
         "kind": "person", "name_en": "politician"},
        {"singular": "عسكري", "dual": "-", "plural": "عسكريون|عسكريين", "sector": "MIL",
         "kind": "person", "name_en": "serviceman"}])
    doc = _prepared("ندد الوزير بالدعم السياسي والعسكري للتحالف.")
    counts = {normalize("السياسي"): 300, normalize("السياسية"): 500, normalize("العسكري"): 400,
              normalize("العسكرية"): 700}
    found = {e.name for e in generic_entities(doc, nouns, doc._.entities, load_lexicon().morphology, counts=counts)}
    assert not found & {"سياسي", "عسكري"}, found


TINY_COUNTRIES = [{"country": "PSE", "name_en": "Palestine",
                   "demonyms": "فلسطيني|الفلسطيني|فلسطينية|الفلسطينية|فلسطينيين|الفلسطينيين"}]


def test_a_count_before_a_demonym_is_a_group_of_that_country_s_people():
    nouns = GenericNouns.from_rows(TINY_NOUNS, countries=TINY_COUNTRIES)
    doc = _prepared("أصيب 112 فلسطينيا وثلاثة فلسطينيين في أكتوبر 2017 فلسطينيين، وجرح فلسطيني آخر.")
    found = {e.name: e for e in generic_entities(doc, nouns, doc._.entities, load_lexicon().morphology,
                                                  load_lexicon().dates.cardinals)}
    assert found["فلسطيني"].country == "PSE"
    # the count and the demonym, without the conjunction; not the year's, nor one without a count
    assert [m.text for m in found["فلسطيني"].mentions] == ["112 فلسطينيا", "ثلاثة فلسطينيين"]
    assert "فلسطينيه" not in nouns.after_count  # a feminine adjective follows no count


def test_a_word_read_only_after_a_count_names_people_there_alone():
    # 14 آخرين: the others wounded; آخرين without a count (مع آخرين، الآخرين) is no actor
    others = {"singular": "آخر", "dual": "آخران|آخرين", "plural": "آخرون|آخرين", "sector": "-",
              "kind": "counted", "name_en": "others"}
    bomber = {"singular": "انتحاري", "dual": "انتحاريان|انتحاريين", "plural": "انتحاريون|انتحاريين", "sector": "REB",
              "kind": "person", "name_en": "suicide bomber"}
    nouns = GenericNouns.from_rows(TINY_NOUNS + [others, bomber])
    assert ("اخرين",) not in nouns.forms and nouns.after_count["اخرون"][0].sector == ""
    cardinals = load_lexicon().dates.cardinals
    doc = _prepared("انفجرت قنبلة وأصيب 14 آخرون بجروح، بينما فر الآخرين مع آخرين.")
    found = {e.name: e for e in generic_entities(doc, nouns, doc._.entities, load_lexicon().morphology, cardinals)}
    assert [m.text for m in found["آخر"].mentions] == ["14 آخرون"]
    assert found["آخر"].sector is None and found["آخر"].country is None
    # after a counted group in the sentence, they are more of that group (four more soldiers)
    doc = _prepared("قتل ثلاثة جنود وأصيب أربعة آخرون. وجرح خمسة آخرون في حادث ثان.")
    found = {e.name: e for e in generic_entities(doc, nouns, doc._.entities, load_lexicon().morphology, cardinals)}
    assert [m.text for m in found["جندي"].mentions] == ["ثلاثة جنود", "أربعة آخرون"]
    assert [m.text for m in found["آخر"].mentions] == ["خمسة آخرون"]  # a sentence end stands between
    # a group without its count is no group the others belong to (the others are no more bombers)
    doc = _prepared("فجر انتحاري نفسه في السوق وأصيب 14 آخرون بجروح.")
    found = {e.name: e for e in generic_entities(doc, nouns, doc._.entities, load_lexicon().morphology, cardinals)}
    assert [m.text for m in found["آخر"].mentions] == ["14 آخرون"]
    assert [m.text for m in found["انتحاري"].mentions] == ["انتحاري"]


def test_counted_others_are_told_by_the_trigger_right_before_them():
    # مقتل ثلاثة وإصابة 14 آخرين: the others are the wounding's, not the killing's
    from marsad.nlp.events import EventCoder
    from marsad.nlp.mention_index import TokenMention
    from marsad.nlp.phrases import Hit
    from marsad.record import Entity
    others = TokenMention(Entity(id="g1", type="ORG", name="آخر"), 5, 7)
    killing, wounding = Hit(1, 2, 0, 0, None), Hit(4, 5, 0, 0, None)
    assert EventCoder._next_trigger_told(others, wounding, [1, 4])
    assert not EventCoder._next_trigger_told(others, killing, [1, 4])
    assert not EventCoder._next_trigger_told(TokenMention(others.entity, 0, 1), killing, [1, 4])


@pytest.mark.parametrize("text, role, name", [
    ("تظاهر آلاف الطلاب أمام البرلمان في بغداد يوم الخميس.", "source", "طالب"),
    # (with its country, a vehicle acts for that country: test_events.py)
    ("قتلت طائرات مجهولة ثلاثة جنود سوريين.", "source", "طائرة"),
])
def test_generic_actor_becomes_an_event_actor(text, role, name):
    record = marsad_analyze(text)
    entities = {e["id"]: e for e in record["entities"]}
    assert any(entities.get(e[role], {}).get("name") == name for e in record["events"]), record["events"]


def marsad_analyze(text):
    from marsad.analysis import analyze_document
    from marsad.record import Document

    return analyze_document(Document(title="", text=text, published="2018-05-10")).to_dict()


def test_spelling_variants_of_lexicon_forms():
    suffixes = tuple(load_lexicon().word_class("pronoun_suffix"))
    morphology = load_lexicon().morphology
    assert ("لقايه",) in hamza_seat_variants(("لقاءه",), morphology)
    assert ("زيارته",) in pronoun_variants(("زياره",), suffixes, morphology)
    assert ("قتلوه",) in pronoun_variants(("قتلوا",), suffixes, morphology)
    features = TriggerFeatures()
    assert features.bare("وقواتها") == "قوات" and features.guess_kind("الانسحاب") == "noun" \
        and features.guess_kind("قصفت") == "verb"


def _event(type_, source, target, start, mode=None, status="reported", date=None):
    return Event(id="", type=type_, trigger=Span(start, start + 3, "xyz"), evidence=Span(start, start + 10),
                 mode=mode, source=source, target=target, status=status, date=date)


def test_same_happening():
    visit = _event("CONSULT", "e1", "e2", 0, "meet")
    assert same_happening(_event("CONSULT", "e2", "e1", 20, "host"), visit)  # the host's reception
    assert not same_happening(_event("CONSULT", "e1", "e3", 20, "meet"), visit)  # another meeting
    assert not same_happening(_event("CONSULT", "e1", "e2", 20, "visit"), visit)
    assert same_happening(_event("CONSULT", None, None, 20, "meet"), visit)  # الاجتماع, told again
    attack = _event("ASSAULT", "e1", None, 0, date=Interval("2018-05-01", "2018-05-01"))
    assert same_happening(_event("ASSAULT", "e1", "e4", 30), attack)
    assert not same_happening(_event("ASSAULT", "e1", "e4", 30, date=Interval("2018-05-03", "2018-05-03")), attack)
    assert not same_happening(_event("ASSAULT", "e1", None, 30, status="denied"), attack)
    # the annotators' word for a mode is the hand lexicon's (سيطرت "capture", سيطرتها على "seize")
    seizure = _event("ASSAULT", "e1", None, 0, "seize")
    assert same_happening(_event("ASSAULT", "e1", None, 30, "capture"), seizure)
    assert not same_happening(_event("ASSAULT", "e1", None, 30, "aerial"), seizure)


def test_a_telling_of_a_happening_told_before_keeps_its_own_actors():
    from marsad.nlp.events import EventCoder
    attack = _event("ASSAULT", "e1", None, 0)
    events = [attack]
    assert EventCoder._duplicate(_event("ASSAULT", None, None, 30), events)  # القصف, told again
    assert EventCoder._duplicate(_event("ASSAULT", "e1", "e4", 60), events)
    assert (attack.source, attack.target) == ("e1", "e4")  # the happening: what each telling adds
    assert [(t.source, t.target, t.evidence.start) for t in attack.restatements] == [(None, None, 30), ("e1", "e4", 60)]


def test_a_restatement_is_scored_with_the_actors_its_telling_names():
    sentence = next(s for s in load_annotations() if len(s.events) == 1 and s.events[0].target
                    and not s.events[0].source)
    gold = sentence.events[0]
    entities = [{"id": f"e{n}", "mentions": [{"start": a, "end": b}]} for n, (a, b) in enumerate(gold.target)]
    elsewhere = {"start": sentence.end + 1000, "end": sentence.end + 1010}

    def analyze(told_target):
        event = {"type": gold.type, "status": gold.status, "source": None, "target": None,
                 "trigger": elsewhere, "evidence": elsewhere,
                 "restatements": [{"trigger": {"start": gold.trigger[0], "end": gold.trigger[1]},
                                   "evidence": {"start": sentence.start, "end": sentence.end},
                                   "source": None, "target": told_target}]}
        return lambda corpus, doc: {"entities": entities, "events": [event]}

    assert score_documents([sentence], analyze("e0"))["strict"]["recall"] == 1.0
    assert score_documents([sentence], analyze(None))["strict"]["recall"] == 0.0


def test_sparse_logistic_round_trip(tmp_path):
    model = SparseLogistic({"source": {"a": 2.0, "b": -1.0}}, {"source": -0.5}, {"source": 0.6})
    model.save(tmp_path / "m.json")
    again = SparseLogistic.load(tmp_path / "m.json")
    assert again.probability("source", ["a"]) == pytest.approx(1 / (1 + 2.718281828 ** -1.5), rel=1e-6)
    assert again.probability("source", ["b", "unknown"]) < 0.5
    assert SparseLogistic.load(tmp_path / "missing.json") is None


def test_annotated_corpus_is_stand_off_and_split_by_document(shared):
    sentences = load_annotations()
    assert len(sentences) >= 3000
    assert sum(bool(s.events) for s in sentences) >= 2000 and sum(not s.events for s in sentences) >= 1000
    for sentence in sentences:
        for event in sentence.events:
            assert event.type in EVENT_TYPES and event.status in STATUSES
            assert sentence.start <= event.trigger[0] < event.trigger[1] <= sentence.end
    held = held_out_documents(sentences)
    docs = {s.doc for s in sentences}
    assert 0.08 <= len(held) / len(docs) <= 0.12
    # no text of ../shared is copied: the records hold offsets and a short hash only
    raw = "".join(p.read_text("utf-8") for p in (ANNOTATIONS / "batches").glob("*.jsonl"))
    assert all(set(json.loads(line)) == {"corpus", "doc", "start", "end", "sha1", "annotator", "events"}
               for line in raw.splitlines()[:50])


def test_dev_and_test_documents_are_apart_from_the_training_batches(shared):
    dev = load_annotations(DEV)
    test = load_annotations(TEST)
    assert len({s.doc for s in dev}) >= 100 and len({s.doc for s in test}) >= 90
    trained = {s.doc for s in load_annotations()}
    assert not {s.doc for s in dev} & trained and not {s.doc for s in test} & trained
    assert not {s.doc for s in dev} & {s.doc for s in test}


def test_strict_document_score_needs_the_actors():
    sentences = [s for s in load_annotations() if s.events][:1]
    sentence = sentences[0]
    gold = sentence.events[0]

    def analyze(corpus, doc):
        event = {"type": gold.type, "status": gold.status, "source": None, "target": None,
                 "trigger": {"start": gold.trigger[0], "end": gold.trigger[1]},
                 "evidence": {"start": sentence.start, "end": sentence.end}, "restatements": []}
        return {"entities": [], "events": [event]}

    report = score_documents(sentences, analyze)
    assert report["loose"]["recall"] > 0
    expected_strict = not gold.source and not gold.target
    assert (report["strict"]["recall"] > 0) == expected_strict


def test_the_partners_of_one_trigger_are_one_prediction_against_one_annotated_event():
    """اتهم إيران وحزب الله: two dyads for the record, one event whose target names both for the
    annotators; a dyad told by another trigger is a prediction of its own."""
    sentence = next(s for s in load_annotations() if len(s.events) == 1 and s.events[0].target)
    gold = sentence.events[0]
    entities = [{"id": f"e{n}", "mentions": [{"start": a, "end": b}]} for n, (a, b) in enumerate(gold.target)]
    entities.append({"id": "elsewhere", "mentions": [{"start": sentence.end + 1000, "end": sentence.end + 1001}]})

    def dyad(target, trigger):
        return {"type": gold.type, "status": gold.status, "source": None, "target": target,
                "trigger": {"start": trigger[0], "end": trigger[1]},
                "evidence": {"start": sentence.start, "end": sentence.end}, "restatements": []}

    def analyze(events):
        return lambda corpus, doc: {"entities": entities, "events": events}

    one_trigger = [dyad("e0", gold.trigger), dyad("elsewhere", gold.trigger)]
    report = score_documents([sentence], analyze(one_trigger))
    assert report["loose"]["precision"] == report["loose"]["recall"] == 1.0
    two_triggers = [dyad("e0", gold.trigger), dyad("elsewhere", (gold.trigger[0] + 1, gold.trigger[1] + 1))]
    assert score_documents([sentence], analyze(two_triggers))["loose"]["precision"] == 0.5


def test_event_models_ship_with_provenance():
    models = Path(__file__).resolve().parents[2] / "marsad" / "models"
    for name in ("event_triggers", "event_arguments", "event_confidence"):
        provenance = (models / name / "PROVENANCE.md").read_text("utf-8")
        assert "Command" in provenance and "Seed" in provenance and "held" in provenance.lower()


def test_the_doer_after_a_light_verb_is_marked_for_the_argument_model():
    """قامت الجماعة بخطف: the noun right after a support verb carries prep=support, the model's
    cue that it does what the masdar names."""
    from marsad.nlp.pipeline import build_pipeline

    nlp = build_pipeline()
    coder = nlp.get_pipe("marsad_events").coder
    seen = []
    coder.recorder = lambda doc, trigger, candidates, features: seen.extend(
        (c.mention.entity.name, f) for c, f in zip(candidates, features))
    try:
        nlp("وفي وسط المدينة قام مسلحون مجهولون باغتيال ضابط في الشرطة.")
    finally:
        coder.recorder = None
    assert any("prep=support" in f for name, f in seen if name == "مسلحون")


def test_the_argument_model_keeps_a_trigger_whose_actors_the_rules_miss():
    """A trigger is an event when the rules or the argument model name an actor: here the doer
    stands in the next clause, out of the rules' reach, and a made-up model takes any person."""
    from marsad.analysis import analyze_document
    from marsad.nlp.event_arguments import ArgumentModel
    from marsad.nlp.pipeline import build_pipeline
    from marsad.record import Document

    nlp = build_pipeline()
    coder = nlp.get_pipe("marsad_events").coder
    coder.trigger_model = coder.detector = None
    text = "أشاد كثيرا بما تحقق خلال الأيام الماضية في المفاوضات الطويلة، وفق ما قال الرئيس الفرنسي إيمانويل ماكرون."
    coder.model = ArgumentModel({"source": {"etype=PERSON": 6.0}, "target": {}}, {"source": -3.0, "target": -9.0},
                                {"source": 0.5, "target": 0.5})
    record = analyze_document(Document(title="", text=text, published="2018-05-10"), nlp=nlp).to_dict()
    names = {e["id"]: e["name"] for e in record["entities"]}
    assert [(e["type"], names.get(e["source"])) for e in record["events"]] == [("SUPPORT", "إيمانويل ماكرون")]
    coder.model = ArgumentModel({"source": {}, "target": {}}, {"source": -9.0, "target": -9.0},
                                {"source": 0.5, "target": 0.5})  # a model that names no one
    assert analyze_document(Document(title="", text=text, published="2018-05-10"), nlp=nlp).events == []


def test_roles_are_assigned_as_a_pair():
    from marsad.nlp.event_arguments import assign_roles

    thresholds = {"source": 0.5, "target": 0.5}
    ids = ["a", "b", "c"]
    # the first candidate is the best of both roles but surer as the target: it takes that role,
    # and the source its next best
    picked = assign_roles({"source": [0.8, 0.7, 0.1], "target": [0.99, 0.2, 0.6]}, thresholds, ids, [True] * 3)
    assert picked == {"source": 1, "target": 0}
    # surer as the source: it stays there, and the target falls to the next one above threshold
    picked = assign_roles({"source": [0.99, 0.7, 0.1], "target": [0.8, 0.2, 0.6]}, thresholds, ids, [True] * 3)
    assert picked == {"source": 0, "target": 2}
    # nothing above a threshold names nobody; what cannot act is no source
    picked = assign_roles({"source": [0.9, 0.4, 0.1], "target": [0.3, 0.2, 0.1]}, thresholds, ids, [False, True, True])
    assert picked == {"source": None, "target": None}
    # two mentions of one entity cannot be both roles
    picked = assign_roles({"source": [0.9, 0.1, 0.8], "target": [0.1, 0.1, 0.9]}, thresholds, ["a", "b", "a"], [True] * 3)
    assert picked["source"] is not None and ids[picked["source"]] == "a" and picked["target"] is None


def test_confidences_are_scored_by_ranking_and_by_bin():
    # right ones at 0.9 and 0.3, wrong ones at 0.8, 0.3 and 0.1: of six right/wrong pairs the right
    # one ranks higher in four and ties in one
    scored = score_confidence([(0.9, True), (0.8, False), (0.3, False), (0.3, True), (0.1, False)])
    assert scored["auc"] == 0.75
    assert scored["brier"] == round((0.01 + 0.64 + 0.09 + 0.49 + 0.01) / 5, 3)
    assert [(b["from"], b["count"], b["right"]) for b in scored["bins"]] == [(0.0, 1, 0.0), (0.2, 2, 0.5), (0.8, 2, 0.5)]
    assert score_confidence([(0.5, True)])["auc"] is None  # nothing to rank against


def test_an_event_s_confidence_is_the_confidence_model_s_reading_of_its_support():
    nlp = load()
    coder = nlp.get_pipe("marsad_events").coder
    assert coder.confidence is not None  # the shipped model
    seen = {}
    coder.confidence_recorder = lambda doc, event, features: seen.__setitem__(event.trigger.start, features)
    try:
        record = analyze_document(Document(title="", text="اتهمت إيران الولايات المتحدة بدعم الإرهاب في المنطقة. "
                                           "وقال مصدر إن الاجتماع تناول الأوضاع."), nlp=nlp)
    finally:
        coder.confidence_recorder = None
    assert record.events
    for event in record.events:
        features = seen[event.trigger.start]
        assert f"type={event.type}" in features and f"status={event.status}" in features
        assert event.confidence == coder.confidence.confidence(features)
        assert 0.0 < event.confidence < 1.0


def test_without_a_confidence_model_the_rule_of_thumb_counts_actors_and_a_date():
    bare = EventSupport(type="ASSAULT", kind="verb")
    both = EventSupport(type="ASSAULT", kind="verb", source_kind="name", target_kind="generic", dated=True)
    assert rule_of_thumb(bare) == 0.4 and rule_of_thumb(both) == 0.9
    features = confidence_features(both, "reported", restated=3)
    assert "restated=2" in features and "source=name" in features and "target=generic" in features
