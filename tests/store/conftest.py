"""Invented Arabic news documents for the store tests, generated from a few templates."""
from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path

import pytest

CITIES = ["الموصل", "البصرة", "كركوك", "أربيل", "النجف", "الرمادي", "تكريت", "الحلة",
          "الناصرية", "العمارة", "الديوانية", "سامراء"]
GROUPS = ["المعلمين", "الطلاب", "المزارعين", "العمال", "الأطباء"]
TEMPLATES = [
    "محافظ {city} يفتتح مشروعا جديدا\n\n"
    "افتتح محافظ {city} يوم الأحد مشروعا لتأهيل {n} مدارس في أحياء المدينة، "
    "وقال إن العمل سينتهي خلال {n} أشهر.",
    "انفجار عبوة ناسفة في {city}\n\n"
    "أصيب {n} أشخاص بجروح في انفجار عبوة ناسفة وسط {city} يوم الاثنين، بحسب مصدر أمني.",
    "احتجاجات في {city}\n\n"
    "تظاهر مئات من {group} في {city} يوم الثلاثاء للمطالبة بتحسين الخدمات، "
    "ورفع المحتجون {n} مطالب إلى الحكومة المحلية.",
]


def write_corpus(folder: Path, count: int) -> list[Path]:
    """`count` distinct short documents as .txt files, each with a date line."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    combos = itertools.product(range(1, 1000), TEMPLATES, CITIES)
    start = dt.date(2023, 1, 1)
    for i, (n, template, city) in zip(range(count), combos):
        group = GROUPS[i % len(GROUPS)]
        published = (start + dt.timedelta(days=i % 60)).isoformat()
        body = template.format(city=city, n=n, group=group)
        title, rest = body.split("\n\n", 1)
        path = folder / f"doc-{i:04d}.txt"
        path.write_text(f"{title}\n\n{published}\n\n{rest}\n", encoding="utf-8")
        paths.append(path)
    return paths


@pytest.fixture
def corpus_folder(tmp_path: Path):
    def make(count: int, name: str = "corpus") -> Path:
        folder = tmp_path / name
        write_corpus(folder, count)
        return folder

    return make
