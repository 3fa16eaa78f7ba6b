"""A small store of invented Arabic news for the dashboard tests, ingested through marsad.store."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

# Invented articles: a visit with meetings and quotes, a rocket attack reported by two outlets
# (one recalling an earlier strike, background) and denied by a third (a dispute), a protest,
# and an accusation.
DOCUMENTS = [
    {"id": "visit-1", "url": "https://alpha-news.iq/visit", "published": "2023-03-06",
     "text": "زيارة قائد فيلق القدس إلى بغداد\n\n"
             "وصل قائد فيلق القدس الإيراني إسماعيل قاآني إلى بغداد يوم الأحد والتقى رئيس الوزراء "
             "مصطفى الكاظمي في مكتبه. وقال الكاظمي في مؤتمر صحفي: \"إن العراق لن يكون ساحة لتصفية "
             "الحسابات\". وبحث الجانبان الانسحاب الأمريكي من العراق."},
    {"id": "attack-1", "url": "https://alpha-news.iq/attack", "published": "2023-03-08",
     "text": "قصف صاروخي يستهدف قاعدة عين الأسد\n\n"
             "تعرضت قاعدة عين الأسد الجوية في محافظة الأنبار مساء الثلاثاء لقصف بثلاثة صواريخ "
             "كاتيوشا، بحسب مصدر أمني عراقي، من دون أن يسفر عن إصابات."},
    {"id": "attack-2", "url": "https://beta-press.com/ain-al-asad", "published": "2023-03-08",
     "text": "صواريخ على قاعدة عين الأسد غرب العراق\n\n"
             "سقطت صواريخ على قاعدة عين الأسد الجوية في الأنبار مساء الثلاثاء، وفق ما نقلته وكالة "
             "الأنباء العراقية عن مصدر مطلع، وفتحت القوات الأمنية تحقيقا في الهجوم. "
             "وكانت إيران قد قصفت القاعدة بصواريخ باليستية في يناير 2020."},
    {"id": "denial-1", "url": "https://gamma.net/denial", "published": "2023-03-09",
     "text": "نفي رسمي لقصف قاعدة عين الأسد\n\n"
             "نفى المتحدث باسم قيادة العمليات المشتركة تحسين الخفاجي تعرض قاعدة عين الأسد الجوية "
             "لأي قصف يوم الثلاثاء، ووصف الأنباء المتداولة بأنها عارية عن الصحة."},
    {"id": "protest-1", "url": "https://delta-media.org/basra", "published": "2023-03-10",
     "text": "احتجاجات في البصرة للمطالبة بالخدمات\n\n"
             "تظاهر مئات من سكان البصرة يوم الخميس أمام مبنى المحافظة للمطالبة بتحسين الكهرباء "
             "والماء، وقال أحد المنظمين إن الاحتجاجات ستتواصل حتى تستجيب الحكومة."},
    {"id": "accuse-1", "url": "https://alpha-news.iq/accuse", "published": "2023-03-12",
     "text": "طهران تتهم واشنطن بزعزعة استقرار المنطقة\n\n"
             "اتهم وزير الخارجية الإيراني حسين أمير عبد اللهيان الولايات المتحدة يوم السبت بزعزعة "
             "استقرار المنطقة، وقال إن بلاده سترد على أي تحرك عسكري."},
]


def write_documents(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "news.jsonl"
    path.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in DOCUMENTS), "utf-8")
    return path


HOSTILE_TITLE = '<script>window.__pwned=1;alert(1)</script> عنوان <img src=x onerror="window.__pwned=2">'
HOSTILE_BODY = ('قال <b>المتحدث</b> <script>alert("x")</script> إن بغداد بخير '
                '<img src=x onerror="alert(2)"> و"<a href=javascript:alert(3)>انقر</a>".')


def _span_entity(eid, etype, name, text, word, **extra):
    start = text.index(word)
    return {"id": eid, "type": etype, "name": name, "name_en": extra.get("name_en"),
            "kb": extra.get("kb"), "country": extra.get("country"), "sector": extra.get("sector"),
            "roles": extra.get("roles", []), "geo": extra.get("geo"),
            "mentions": [{"start": start, "end": start + len(word), "text": word}]}


def crafted_records() -> list[dict]:
    """Records written by hand: a dispute over a rocket attack, and a hostile document."""
    records = []
    base = {"lat": 33.7856, "lon": 42.4412, "geonames": None}
    for rid, url, status, says, verb in [
        ("dispute-a", "https://alpha-news.iq/a", "reported", "مصدر أمني", "استهدف"),
        ("dispute-b", "https://beta-press.com/b", "reported", "مصدر مطلع", "استهدف"),
        ("dispute-c", "https://gamma.net/c", "denied", "سامر الجبوري", "نفى")]:
        text = f"صواريخ وعين الأسد\n\n{verb} قصف قاعدة عين الأسد يوم الثلاثاء بحسب {says}."
        target = _span_entity("e1", "FAC", "قاعدة عين الأسد", text, "قاعدة عين الأسد",
                              country="IRQ", geo=base)
        trigger_word = "قصف"
        start = text.index(trigger_word)
        records.append({
            "id": rid, "url": url, "title": "صواريخ وعين الأسد", "published": "2023-04-05",
            "text": text, "highlights": [], "boilerplate": [], "entities": [target],
            "events": [{"id": "v1", "type": "ASSAULT", "mode": "heavy-weapons", "source": None,
                        "target": "e1", "location": "e1",
                        "date": {"start": "2023-04-04", "end": "2023-04-04", "text": "يوم الثلاثاء"},
                        "status": status, "attributed_to": ["a1"],
                        "trigger": {"start": start, "end": start + len(trigger_word), "text": trigger_word},
                        "evidence": {"start": len("صواريخ وعين الأسد") + 2, "end": len(text)},
                        "confidence": 0.8}],
            "quotes": [], "attributions": [{"id": "a1", "kind": "anonymous", "text": says,
                                            "entity": None, "via": None}],
            "dates": [], "warnings": []})
    text = HOSTILE_TITLE + "\n\n" + HOSTILE_BODY
    spokesman = _span_entity("e1", "PERSON", '<script>alert("name")</script>المتحدث', text,
                             "<b>المتحدث</b>", country="IRQ", roles=["<i>role</i>"])
    baghdad = _span_entity("e2", "GPE", "بغداد", text, "بغداد", country="IRQ", kb="Q1530",
                           geo={"lat": 33.34, "lon": 44.40, "geonames": 98182})
    qstart = text.index('"<a')
    records.append({
        "id": "hostile-1", "url": "javascript:alert(4)", "title": HOSTILE_TITLE,
        "published": "2023-04-06", "text": text, "highlights": ["<script>alert(5)</script>"],
        "boilerplate": ["<iframe src=x></iframe>"], "entities": [spokesman, baghdad],
        "events": [{"id": "v1", "type": "CONSULT", "mode": None, "source": "e1", "target": "e2",
                    "location": "e2", "date": None, "status": "reported", "attributed_to": [],
                    "trigger": {"start": text.index("قال"), "end": text.index("قال") + 3, "text": "قال"},
                    "evidence": {"start": 0, "end": len(text)}, "confidence": 0.5}],
        "quotes": [{"id": "q1", "speaker": "e1", "text": '<a href=javascript:alert(3)>انقر</a>',
                    "direct": True, "cue": "قال",
                    "span": {"start": qstart, "end": text.index("</a>\"") + 5}}],
        "attributions": [], "dates": [], "warnings": ["<script>alert(6)</script>"]})
    return records


@pytest.fixture(scope="session")
def store_path(tmp_path_factory) -> Path:
    """A store built once per session by Marsad's own ingest."""
    from marsad.store import Store, ingest

    folder = tmp_path_factory.mktemp("web-store")
    db = folder / "marsad.db"
    with Store(db) as store:
        report = ingest(store, [write_documents(folder)])
        for record in crafted_records():
            store.add_record(record, "crafted:" + record["id"])
        store.rebuild_stories()
    assert report.failed == 0, report.errors
    return db
