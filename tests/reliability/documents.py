"""Invented Arabic news for the reliability tests: distinct articles and republished copies.

Every event, person and figure here is made up. Each article gets its own date, nine days
from the next, so that two different articles are never near-duplicate candidates
(MAX_DAYS_APART); a republished copy keeps its original's body under a new headline.
"""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

CITIES = ["الموصل", "البصرة", "كركوك", "أربيل", "النجف", "الرمادي", "تكريت", "الحلة",
          "الناصرية", "العمارة", "الديوانية", "سامراء", "بعقوبة", "الكوت", "دهوك"]
OFFICIALS = ["سالم الكعبي", "هدى العبيدي", "مازن الراوي", "ليلى الجنابي", "كريم الشمري",
             "نادية الزبيدي", "فراس الدليمي"]
GROUPS = ["المعلمين", "الطلاب", "المزارعين", "العمال", "الأطباء", "سائقي الأجرة"]
DAYS = ["الأحد", "الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت"]
TEMPLATES = [
    ("{city} تفتتح {n} مدارس جديدة",
     "افتتح محافظ {city} {official} يوم {day} {n} مدارس جديدة في الأحياء الشرقية من المدينة، "
     "بعد أعمال بناء استمرت {m} شهرا بتمويل من الحكومة المحلية. وقال {official} في مؤتمر "
     "صحفي إن المدارس ستستقبل نحو {k} تلميذ مع بداية العام الدراسي، وإن مشروعا آخر لتأهيل "
     "{m} مدرسة قديمة سيبدأ الشهر المقبل. وأضاف أن الإدارة خصصت مبلغا إضافيا لتجهيز "
     "المختبرات والمكتبات في مدارس {city}."),
    ("جرحى بانفجار عبوة في {city}",
     "أصيب {n} أشخاص بجروح متفاوتة يوم {day} إثر انفجار عبوة ناسفة قرب سوق شعبي وسط {city}، "
     "بحسب مصدر في الشرطة. وقال المصدر إن العبوة كانت مزروعة على جانب الطريق وانفجرت عند "
     "مرور سيارة مدنية، وإن المصابين نقلوا إلى مستشفى {city} العام. وأعلن قائد الشرطة "
     "{official} فتح تحقيق في الحادث، مشيرا إلى أن قوات الأمن اعتقلت {m} مشتبها بهم في "
     "منطقة قريبة من السوق بعد ساعات من الانفجار."),
    ("احتجاج {group} في {city}",
     "تظاهر نحو {k} من {group} أمام مبنى مجلس محافظة {city} يوم {day} للمطالبة بتحسين "
     "الأجور والخدمات، ورفعوا لافتات تندد بتأخر صرف المستحقات منذ {m} أشهر. وقال أحد "
     "المنظمين إن الاحتجاج سيستمر حتى تستجيب الحكومة المحلية لمطالبهم. والتقى {official} "
     "ممثلين عن المحتجين ووعد بنقل {n} مطالب إلى بغداد خلال أسبوع."),
]


def article(i: int) -> tuple[str, str, str]:
    """The i-th invented article: (headline, publication date, body)."""
    title, body = TEMPLATES[i % len(TEMPLATES)]
    slots = {"city": CITIES[i % len(CITIES)], "official": OFFICIALS[i % len(OFFICIALS)],
             "group": GROUPS[i % len(GROUPS)], "day": DAYS[i % len(DAYS)],
             "n": 3 + i % 17, "m": 2 + i % 11, "k": 150 + 37 * i}
    published = (dt.date(2019, 1, 1) + dt.timedelta(days=9 * i)).isoformat()
    return title.format(**slots), published, body.format(**slots)


def republished(i: int) -> tuple[str, str, str]:
    """Another site's copy of article i: its own headline, a day later, the same body."""
    title, published, body = article(i)
    day_after = (dt.date.fromisoformat(published) + dt.timedelta(days=1)).isoformat()
    return f"عاجل: {title} (تفاصيل)", day_after, body


def page(parts: tuple[str, str, str]) -> str:
    """A plain-text page: headline, date line, body."""
    title, published, body = parts
    return f"{title}\n\n{published}\n\n{body}\n"


def write_article(folder: Path, name: str, parts: tuple[str, str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(page(parts), encoding="utf-8")
    return path


def write_jsonl(path: Path, count: int, bad_lines: tuple[int, ...] = ()) -> None:
    """`count` articles as batch lines with ids, a broken line at each 0-based index in `bad_lines`."""
    with path.open("w", encoding="utf-8") as out:
        for i in range(count):
            if i in bad_lines:
                out.write('{"id": "broken-%d", "text": \n' % i)
                continue
            title, published, body = article(i)
            out.write(json.dumps({"id": f"news-{i:04d}", "published": published,
                                  "text": f"{title}\n\n{body}"}, ensure_ascii=False) + "\n")
