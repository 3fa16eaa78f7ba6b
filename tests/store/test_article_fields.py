"""Articles in the ant2018 layout (title, text as body, RFC 822 time, source, abstract, other
fields) ingested into a real store keep their title, date, outlet, paragraphs and fields (issue 15).
The articles are invented; the layout is that of ../shared/corpus/ant2018/articles.jsonl."""
from __future__ import annotations

import json

from marsad.store import Store, ingest

ARTICLES = [
    {"id": "AL-news-1-20180219", "url": "http://www.alarabiya.net/ar/2018/02/19/x.html", "source": "alarabia",
     "category": "internationalNews", "time": "Mon, 19 Feb 2018 00:16:11 +0400",
     "title": "انفجار صاروخ قرب قطاع غزة دون إصابات",
     "abstract": "أفاد مراسل بانفجار صاروخ في مستوطنة قرب قطاع غزة دون حدوث إصابات.",
     "text": "أفاد مراسل بانفجار صاروخ في مستوطنة قرب قطاع غزة دون حدوث إصابات.\n"
             "وأضاف المراسل أنه تم إطلاق صفارات الإنذار في عدد من المستوطنات القريبة.",
     "path": "Alarabia/internationalNews/AL-news-1-20180219.txt"},
    {"id": "SK-news-2-20180301", "url": "https://www.skynewsarabia.com/middle-east/2",
     "source": "skynews", "category": "middleEast", "time": "Thu, 01 Mar 2018 21:05:00 GMT",
     "title": "البرلمان العراقي يقر الموازنة", "abstract": "",
     "text": "أقر مجلس النواب العراقي، الخميس، الموازنة العامة للبلاد بعد أشهر من الخلافات.",
     "path": "SkyNews/middleEast/SK-news-2-20180301.txt"},
    {"id": "BB-news-3-20180401", "url": "http://www.bbc.com/arabic/middleeast-3", "source": "BBC",
     "category": "middleEast", "time": "Sun, 01 Apr 2018 08:00:00 +0100",
     "title": "مقتل متظاهرين في غزة", "abstract": "قالت وزارة الصحة إن عدد القتلى ارتفع.",
     "text": "قتل ستة عشر فلسطينيا برصاص الجيش الإسرائيلي خلال احتجاجات على حدود غزة.\n"
             "14 فبراير/شباط 2018\n"
             "شهدت المدينة احتجاجات واسعة في 5 آذار 2018 ضد الحكومة.\n"
             "اقرأ أيضاً:\n"
             "وطالبت الأمم المتحدة بتحقيق مستقل في الأحداث التي وقعت على الحدود.",
     "path": "BBC/middleEast/BB-news-3-20180401.txt"},
]


def test_ant2018_layout_keeps_title_date_outlet_paragraphs_and_fields(tmp_path):
    source = tmp_path / "articles.jsonl"
    source.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in ARTICLES), "utf-8")
    with Store(tmp_path / "s.db") as store:
        report = ingest(store, [source])
        assert (report.new, report.failed) == (3, 0), report.errors
        rows = {row[0]: (json.loads(row[1]), row[2]) for row in
                store.db.execute('SELECT "id", "record", "outlet" FROM "documents"')}
    expected_dates = {"AL-news-1-20180219": "2018-02-19", "SK-news-2-20180301": "2018-03-01",
                      "BB-news-3-20180401": "2018-04-01"}
    for article in ARTICLES:
        record, outlet = rows[article["id"]]
        assert record["title"] == article["title"]
        assert record["published"] == expected_dates[article["id"]]
        assert record["outlet"] == outlet == article["source"]
        assert record["meta"] == {"time": article["time"], "category": article["category"],
                                  "path": article["path"]}
        paragraphs = [p for p in article["text"].split("\n") if p != "اقرأ أيضاً:"]
        assert all(p in record["text"].split("\n\n") for p in paragraphs)
        assert record["lead"] == (article["abstract"] or None)
    bbc = rows["BB-news-3-20180401"][0]
    assert bbc["boilerplate"] == ["اقرأ أيضاً:"]
    assert bbc["text"].split("\n\n")[1] == "قالت وزارة الصحة إن عدد القتلى ارتفع."   # a new standfirst
    assert rows["AL-news-1-20180219"][0]["text"].count("أفاد مراسل") == 1              # a repeated one
