"""Place precision against gold (issue 17): entity and mention level, and stand-off gold of ant2018."""
import json
from pathlib import Path

import pytest

from marsad.evaluate import resolve_standoff
from marsad.scoring import align_entities, score_entities, score_places
from marsad.training.event_corpus import corpus_texts

GOLD = Path(__file__).resolve().parents[1] / "gold" / "entities_ant2018"


def _entity(id_, type_, *texts):
    return {"id": id_, "type": type_, "name": texts[0], "mentions": [{"text": t} for t in texts]}


def test_a_common_word_taken_as_a_place_costs_place_precision():
    gold = {"entities": [{"id": "aden", "type": "GPE", "aliases": ["عدن"]},
                         {"id": "yemen", "type": "GPE", "aliases": ["اليمن", "اليمني"], "not_place": ["اليمني"]},
                         {"id": "reuters", "type": "ORG", "aliases": ["رويترز"]}]}
    record = {"entities": [_entity("e1", "GPE", "عدن"), _entity("e2", "GPE", "اليمن", "اليمني"),
                           _entity("e3", "GPE", "الصور"), _entity("e4", "GPE", "رويترز")]}
    places = score_places(record, gold, align_entities(record, gold))
    assert (places["tp"], places["fp"], places["fn"]) == (2, 2, 0)
    # the adjective is no place claim; الصور and رويترز are wrong place mentions
    assert places["mention_precision"] == 0.5


def test_a_gold_place_found_as_an_organisation_is_missed():
    gold = {"entities": [{"id": "aden", "type": "GPE", "aliases": ["عدن"]}]}
    record = {"entities": [_entity("e1", "ORG", "عدن")]}
    places = score_places(record, gold, align_entities(record, gold))
    assert (places["tp"], places["fp"], places["fn"]) == (0, 0, 1)


def test_entities_gold_reads_its_words_from_ant2018(shared):
    path = sorted(GOLD.glob("*.json"))[0]
    gold = json.loads(path.read_text("utf-8"))
    text = corpus_texts(gold["corpus"])[gold["document"]]
    resolved = resolve_standoff(gold, text)
    assert all(alias and alias == alias.strip() for e in resolved["entities"] for alias in e["aliases"])
    # in the order of annotation: the number before the name (100 after 99)
    paths = sorted(GOLD.glob("*.json"), key=lambda p: int(p.name.split("_", 1)[0]))
    files = [json.loads(p.read_text("utf-8")) for p in paths]
    # the first batch: 13 tuning, then 7 held out; the second (21-30) tuning after its unseen
    # score; the third (31-40) and the fourth (41-50) held out; the fifth (51-60), the sixth
    # (61-70) and the seventh (71-80) tuning after their unseen scores; the eighth (81-90) held out;
    # the ninth (91-100) tuning after its unseen score; the tenth (101-110) and the eleventh
    # (111-120) held out; the twelfth (121-150) held out
    assert [f["split"] for f in files if "batch" not in f] == ["tuning"] * 13 + ["held_out"] * 7
    assert [(f["split"], f["batch"]) for f in files if "batch" in f] == (
        [("tuning", 2)] * 10 + [("held_out", 3)] * 10 + [("held_out", 4)] * 10 + [("tuning", 5)] * 10
        + [("tuning", 6)] * 10 + [("tuning", 7)] * 10 + [("held_out", 8)] * 10 + [("tuning", 9)] * 10
        + [("held_out", 10)] * 10 + [("held_out", 11)] * 10 + [("held_out", 12)] * 30)


def test_a_name_matches_with_or_without_the_word_for_its_kind():
    gold = {"entities": [{"id": "reuters", "type": "ORG", "aliases": ["رويترز"]},
                         {"id": "ghadir", "type": "LOC", "aliases": ["منطقة الغدير"]},
                         {"id": "hezbollah", "type": "ORG", "aliases": ["حزب الله"]}]}
    record = {"entities": [_entity("e1", "ORG", "وكالة رويترز"), _entity("e2", "LOC", "الغدير"),
                           _entity("e3", "PERSON", "الله")]}
    mapping = align_entities(record, gold)
    assert mapping == {"reuters": "e1", "ghadir": "e2"}  # حزب is part of its name: no match
    places = score_places(record, gold, mapping)
    assert (places["tp"], places["fp"], places["fn"]) == (1, 0, 0)


@pytest.mark.parametrize("found, named", [("العاصمة صنعاء", "صنعاء"), ("مخيم الشاطئ", "الشاطئ")])
def test_a_capital_or_a_camp_matches_without_the_word_for_its_kind(found, named):
    gold = {"entities": [{"id": "place", "type": "GPE", "aliases": [named]}]}
    record = {"entities": [_entity("e1", "GPE", found)]}
    assert align_entities(record, gold) == {"place": "e1"}


def test_an_unnamed_group_counts_only_where_the_gold_lists_it():
    gold = {"entities": [{"id": "yemen_gov", "type": "ORG", "aliases": ["الحكومة"]}]}
    collective = {"id": "e1", "type": "ORG", "name": "الحكومة", "mentions": [{"text": "الحكومة", "kind": "collective"}]}
    media = {"id": "e2", "type": "ORG", "name": "وسائل إعلام", "mentions": [{"text": "وسائل إعلام", "kind": "collective"}]}
    named = {"id": "e3", "type": "ORG", "name": "تيار الوسط", "mentions": [{"text": "تيار الوسط", "kind": "name"}]}
    record = {"entities": [collective, media, named]}
    scores = score_entities(record, gold, align_entities(record, gold))
    assert (scores["tp"], scores["fp"], scores["fn"]) == (1, 1, 0)
    assert scores["spurious"] == ["تيار الوسط (ORG)"]


def test_a_name_is_aligned_before_an_unnamed_group_with_as_many_shared_words():
    gold = {"entities": [{"id": "houthis", "type": "ORG", "aliases": ["المتمردين", "الحوثيين"]}]}
    rebels = {"id": "e2", "type": "ORG", "name": "متمرد", "mentions": [{"text": "المتمردين", "kind": "collective"}]}
    named = {"id": "e1", "type": "ORG", "name": "جماعة الحوثي", "mentions": [{"text": "الحوثيين", "kind": "name"}]}
    record = {"entities": [named, rebels]}
    assert align_entities(record, gold) == {"houthis": "e1"}
