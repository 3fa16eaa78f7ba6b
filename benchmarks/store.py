"""The corpus store: ingest throughput, store size per 1,000 documents, query latency.

Generates a corpus of invented Arabic news items from templates (several outlets, some items
republished by a second site, some denied), ingests it into a fresh SQLite file, then times
a few queries (p50/p99 over repeated runs).

    python benchmarks/store.py [--documents 1000] [--repeat 50] [--json]
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

from marsad.corpus.disputes import find_disputes
from marsad.store import Store, ingest, open_reader
from marsad.store.export import export
from marsad.store.query import EventFilter, actor_profile, find_events, list_stories, search

CITIES = ["الموصل", "البصرة", "كركوك", "أربيل", "النجف", "الرمادي", "تكريت", "الحلة", "الفلوجة",
          "الناصرية", "العمارة", "الديوانية", "سامراء", "بعقوبة", "الكوت", "السماوة"]
OUTLETS = ["alpha-news.iq", "beta-press.com", "gamma.net", "delta-media.org", "epsilon.tv"]
TEMPLATES = [
    ("زيارة رسمية إلى {city}",
     "وصل وزير الداخلية العراقي إلى مدينة {city} يوم {day} في زيارة رسمية التقى خلالها محافظ {city} "
     "وقادة الأجهزة الأمنية، وبحث معهم خطة تأمين الطرق الخارجية. وقال مصدر في مكتب المحافظ إن "
     "الزيارة ستستمر {n} أيام وتشمل تفقد مواقع عسكرية على أطراف المدينة."),
    ("قصف يستهدف موقعا عسكريا قرب {city}",
     "تعرض موقع عسكري قرب {city} مساء {day} لقصف بـ{n} قذائف هاون، بحسب مصدر أمني، من دون أن "
     "يسفر عن إصابات. وفتحت القوات الأمنية تحقيقا لمعرفة الجهة التي تقف وراء الهجوم."),
    ("احتجاجات في {city} للمطالبة بالخدمات",
     "تظاهر مئات من سكان {city} يوم {day} أمام مبنى المحافظة للمطالبة بتحسين الكهرباء والماء، "
     "ورفع المحتجون {n} مطالب. وقال أحد المنظمين إن الاحتجاجات ستتواصل حتى تستجيب الحكومة."),
    ("نفي رسمي لأنباء عن قصف في {city}",
     "نفى المتحدث باسم قيادة العمليات المشتركة تعرض أي موقع عسكري قرب {city} لقصف يوم {day}، "
     "ووصف الأنباء المتداولة عن سقوط {n} قذائف بأنها عارية عن الصحة."),
]
DAYS = ["الأحد", "الاثنين", "الثلاثاء", "الأربعاء", "الخميس"]


def make_corpus(count: int) -> list[dict]:
    """JSONL items; every fifth is republished by another outlet with a new headline."""
    items = []
    start = dt.date(2023, 1, 1)
    for i in range(count):
        title, body = TEMPLATES[i % len(TEMPLATES)]
        city = CITIES[(i // len(TEMPLATES)) % len(CITIES)]
        n = 2 + i // (len(TEMPLATES) * len(CITIES))
        published = (start + dt.timedelta(days=(i // 7) % 365)).isoformat()
        text = title.format(city=city) + "\n\n" + body.format(city=city, day=DAYS[i % 5], n=n)
        outlet = OUTLETS[i % len(OUTLETS)]
        if i % 5 == 4 and items:
            # A republished copy of the previous item, on another site.
            previous = items[-1]
            text = "عاجل: " + previous["text"]
            published = previous["published"]
        items.append({"id": f"bench-{i}", "text": text, "published": published,
                      "url": f"https://{outlet}/news/{i}"})
    return items


def timed(function, repeat: int) -> dict[str, float]:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    return {"p50_ms": round(statistics.median(samples), 2),
            "p99_ms": round(samples[min(len(samples) - 1, int(0.99 * len(samples)))], 2)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=50)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        feed = folder / "feed.jsonl"
        feed.write_text("".join(json.dumps(item, ensure_ascii=False) + "\n"
                                for item in make_corpus(args.documents)), encoding="utf-8")
        db = folder / "bench.db"
        import marsad

        marsad.load()  # the pipeline's loading is not the store's cost
        start = time.perf_counter()
        with Store(db) as store:
            report = ingest(store, [feed])
            counts = store.counts()
            store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        seconds = time.perf_counter() - start
        start = time.perf_counter()
        with Store(db) as store:
            rerun = ingest(store, [feed])
        rerun_seconds = time.perf_counter() - start
        size = db.stat().st_size
        results = {
            "documents": args.documents, "new": report.new, "duplicate": report.duplicate,
            "failed": report.failed, "stories": report.stories, "counts": counts,
            "ingest_docs_per_s": round(report.new / seconds, 1),
            "rerun_inputs_per_s": round((rerun.duplicate or 1) / rerun_seconds, 1),
            "store_mb_per_1000_docs": round(size / 1e6 * 1000 / max(1, report.new), 2),
            "queries": {},
        }
        with open_reader(db) as store:
            queries = {
                "events --type ASSAULT": lambda: find_events(store.db, EventFilter(type="ASSAULT")),
                "events --actor العراق --since": lambda: find_events(
                    store.db, EventFilter(actor="العراق", since="2023-03-01", until="2023-06-30")),
                "search الموصل": lambda: search(store.db, "الموصل"),
                "search وزير الداخلية": lambda: search(store.db, "وزير الداخلية"),
                "actor العراق": lambda: actor_profile(store.db, "العراق"),
                "stories": lambda: list_stories(store.db, min_documents=2),
                "disputes": lambda: find_disputes(store.db, 50),
            }
            for name, function in queries.items():
                results["queries"][name] = timed(function, args.repeat)
            start = time.perf_counter()
            export(store.db, "events", "parquet", folder / "events.parquet")
            results["export_events_parquet_s"] = round(time.perf_counter() - start, 3)
        results["disputes"] = len(find_disputes(open_reader(db).db))
    if args.json:
        json.dump(results, sys.stdout, ensure_ascii=False, indent=1)
        print()
        return
    print(f"ingest: {results['ingest_docs_per_s']} documents/s ({report.new} new, "
          f"{report.duplicate} duplicate, {report.failed} failed); rerun skips "
          f"{results['rerun_inputs_per_s']} inputs/s")
    print(f"store: {results['store_mb_per_1000_docs']} MB per 1,000 documents; {counts}")
    print(f"stories: {report.stories}, disputes: {results['disputes']}; "
          f"events -> parquet {results['export_events_parquet_s']} s")
    for name, timing in results["queries"].items():
        print(f"  {name:32} p50 {timing['p50_ms']:8.2f} ms   p99 {timing['p99_ms']:8.2f} ms")


if __name__ == "__main__":
    main()
