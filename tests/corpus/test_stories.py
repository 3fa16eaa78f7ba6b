"""Near-duplicates, stories with independent sources, disputes and actor discovery on a real store."""
from __future__ import annotations

import pytest

from marsad.corpus.discovery import discover_actors
from marsad.corpus.disputes import find_disputes
from marsad.corpus.near_duplicates import DuplicateFinder, signature
from marsad.store import Store
from marsad.store.query import list_stories

ORIGINAL = (
    "قصف صاروخي يستهدف قاعدة عين الأسد\n\n"
    "تعرضت قاعدة عين الأسد الجوية في محافظة الأنبار غربي العراق مساء الثلاثاء لقصف بثلاثة صواريخ "
    "من طراز كاتيوشا أطلقت من منطقة زراعية قريبة، بحسب مصدر أمني. وأضاف المصدر أن الصواريخ سقطت "
    "قرب مدرج الطائرات ولم تسفر عن إصابات بشرية، فيما فتحت القوات الأمنية تحقيقا لمعرفة الجهة "
    "المسؤولة. ولم تعلن أي جهة مسؤوليتها عن الهجوم حتى الآن، وهو الثالث من نوعه خلال شهر.")
# Another site republishes it with its own headline and without the last sentence.
COPY = ("ثلاثة صواريخ على عين الأسد\n\n" + ORIGINAL.split("\n\n", 1)[1]
        .replace(" ولم تعلن أي جهة مسؤوليتها عن الهجوم حتى الآن، وهو الثالث من نوعه خلال شهر.", ""))
OTHER = ("فصائل تقصف قاعدة في الأنبار\n\n"
         "قالت خلية الإعلام الأمني في بيان إن فصائل مسلحة استهدفت فجر الأربعاء قاعدة عسكرية "
         "تستضيف قوات التحالف، مشيرة إلى أن منصة الإطلاق عثر عليها في بستان مهجور.")
DENIAL = ("الحكومة تنفي قصف عين الأسد\n\n"
          "نفى المتحدث باسم الحكومة العراقية سامر الجبوري تعرض قاعدة عين الأسد لأي قصف، ووصف "
          "الأنباء المتداولة بأنها غير صحيحة.")
ELSEWHERE = ("هجوم على نقطة تفتيش في كركوك\n\n"
             "هاجم مسلحون نقطة تفتيش في كركوك يوم الثلاثاء وأصابوا جنديين بجروح.")


def actors(make, with_source: bool = True) -> list[dict]:
    found = [make.entity("e2", "FAC", "قاعدة عين الأسد", country="IRQ", sector="MIL"),
             make.entity("e3", "GPE", "الأنبار", country="IRQ")]
    if with_source:
        found.insert(0, make.entity("e1", "ORG", "فصائل مسلحة", country="IRQ", sector="REB"))
    return found


@pytest.fixture
def corpus(tmp_path, make):
    report = make.record(ORIGINAL, url="https://www.alpha-news.iq/2023/05/09/ain-asad",
                         published="2023-05-09", entities=actors(make),
                         attributions=[{"id": "a1", "kind": "anonymous", "text": "مصدر أمني",
                                        "entity": None, "via": None}],
                         events=[make.event("v1", "ASSAULT", source="e1", target="e2", location="e3",
                                            date="2023-05-09", mode="heavy-weapons",
                                            attributed_to=["a1"])])
    copy = dict(make.record(COPY, url="https://beta-press.com/news/88", published="2023-05-10"),
                entities=report["entities"], events=report["events"],
                attributions=report["attributions"])
    # Independent: written differently, the source actor left unknown, no event date.
    other = make.record(OTHER, url="https://gamma.net/a/1", published="2023-05-10",
                        entities=actors(make, with_source=False),
                        events=[make.event("v1", "ASSAULT", target="e2", location="e3")])
    elsewhere = make.record(ELSEWHERE, url="https://gamma.net/a/2", published="2023-05-09",
                            entities=[make.entity("e1", "GPE", "كركوك", country="IRQ")],
                            events=[make.event("v1", "ASSAULT", location="e1", date="2023-05-09")])
    db = tmp_path / "stories.db"
    with Store(db) as store:
        for rec in (report, copy, other, elsewhere):
            assert store.add_record(rec, rec["url"])[0] == "new"
        store.rebuild_stories()
    return db, report, copy


def test_near_duplicate_is_linked_to_its_original(corpus):
    db, report, copy = corpus
    with Store(db) as store:
        rows = dict(store.db.execute('SELECT "id", "duplicate_of" FROM "documents"').fetchall())
    assert rows[copy["id"]] == report["id"]
    assert sum(1 for v in rows.values() if v) == 1


def test_distinct_reports_are_not_duplicates():
    finder = DuplicateFinder()
    finder.add("a", signature(ORIGINAL))
    assert finder.find(signature(COPY))[0] == "a"
    assert finder.find(signature(OTHER)) is None
    assert finder.find(signature(DENIAL)) is None
    assert signature("خبر قصير") is None


def test_three_reports_one_copied_are_one_story_from_two_sources(corpus):
    db, report, _ = corpus
    with Store(db) as store:
        stories = list_stories(store.db, min_documents=1)
    ain_asad = [s for s in stories if s["target"] == "قاعدة عين الأسد"]
    assert len(ain_asad) == 1
    story = ain_asad[0]
    assert (story["documents"], story["sources"]) == (3, 2)
    assert story["source"] == "فصائل مسلحة" and story["place"] == "الأنبار"
    assert (story["first_reported"], story["last_reported"]) == ("2023-05-09", "2023-05-10")
    assert story["statuses"] == {"reported": 3} and not story["disputed"]
    # The attack in Kirkuk the same day is another story.
    assert any(s["place"] == "كركوك" and s["documents"] == 1 for s in stories)


def test_a_denial_from_another_source_is_a_dispute(corpus, make):
    db, report, _ = corpus
    denial = make.record(
        DENIAL, url="https://delta-gov.iq/statement", published="2023-05-10",
        entities=actors(make) + [make.entity("e4", "PERSON", "سامر الجبوري", sector="GOV",
                                             roles=["المتحدث باسم الحكومة"])],
        attributions=[{"id": "a1", "kind": "person", "text": "سامر الجبوري", "entity": "e4",
                       "via": None}],
        events=[make.event("v1", "ASSAULT", source="e1", target="e2", location="e3",
                           date="2023-05-09", status="denied", attributed_to=["a1"])])
    with Store(db) as store:
        store.add_record(denial, denial["url"])
        store.rebuild_stories()
        disputes = find_disputes(store.db)
    assert len(disputes) == 1
    dispute = disputes[0]
    assert dispute["target"] == "قاعدة عين الأسد" and dispute["sources"] == 3
    assert [d["document"] for d in dispute["denials"]] == [denial["id"]]
    assert dispute["denials"][0]["according_to"] == ["سامر الجبوري"]
    assert dispute["denials"][0]["outlet"] == "delta-gov.iq"
    says = {tuple(r["according_to"]) for r in dispute["reports"]}
    assert ("مصدر أمني",) in says
    assert report["id"] in {r["document"] for r in dispute["reports"]}


def test_loading_a_record_twice_changes_nothing(corpus):
    db, report, _ = corpus
    with Store(db) as store:
        before = store.counts()
        assert store.add_record(report, "again")[0] == "duplicate"
        assert store.counts() == before


def test_unknown_titled_actors_are_proposed(tmp_path, make):
    spokesman = make.entity("e1", "PERSON", "سامر الجبوري", roles=["المتحدث باسم الحكومة"],
                            sector="GOV")
    spokesman_iraq = dict(spokesman, country="IRQ", roles=["اللواء"])
    known = make.entity("e2", "PERSON", "محمد شياع السوداني", country="IRQ", sector="GOV",
                        roles=["رئيس الوزراء"])
    untitled = make.entity("e3", "PERSON", "كريم الساعدي")
    db = tmp_path / "discover.db"
    with Store(db) as store:
        for i, people in enumerate(([spokesman, known], [spokesman_iraq, untitled])):
            text = f"خبر رقم {i}\n\nنص الخبر رقم {i} عن لقاء في بغداد."
            store.add_record(make.record(text, entities=people), f"doc{i}")
        found = discover_actors(store.db)
    assert [a["name"] for a in found] == ["سامر الجبوري"]
    actor = found[0]
    assert actor["country"] == "IRQ" and actor["sector"] == "GOV"
    assert set(actor["roles"]) == {"المتحدث باسم الحكومة", "اللواء"}
    assert len(actor["documents"]) == 2
