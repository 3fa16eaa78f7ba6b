"""Hostile inputs of a chosen size, and normal news of the same size to measure them against.

Each hostile input is a plain-text page (a title line, then a body) built so that one part of
the pipeline once took time or memory out of proportion to its size (issue 14). Both
tests/adversarial/test_linear.py and benchmarks/hostile.py build their inputs here, so the
benchmark measures what the tests hold.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable

SHARED_NEWS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "news2018"

TITLE = "الكاظمي يستقبل قاآني في بغداد"
# Used when ../shared is not beside the checkout.
FALLBACK_PARAGRAPHS = [
    "استقبل رئيس الوزراء العراقي مصطفى الكاظمي في بغداد يوم الأربعاء الماضي قائد فيلق القدس "
    "إسماعيل قاآني، وبحث الجانبان الأوضاع الأمنية في المنطقة.",
    "وقال الكاظمي في بيان إن «العراق لن يكون ساحة لتصفية الحسابات»، فيما نفى مصدر مطلع "
    "وجود أي اتفاق على انسحاب القوات الأمريكية.",
    "وكانت صواريخ قد استهدفت السفارة الأمريكية في المنطقة الخضراء قبل ثلاثة أيام.",
]


def news_paragraphs() -> list[str]:
    """Body paragraphs of the news2018 articles (their first line is the title, left out)."""
    paragraphs: list[str] = []
    if SHARED_NEWS.is_dir():
        for path in sorted(SHARED_NEWS.glob("*.txt")):
            lines = [line.strip() for line in path.read_text("utf-8").splitlines()]
            paragraphs.extend(line for line in lines[1:] if len(line.split()) >= 8)
    return paragraphs or list(FALLBACK_PARAGRAPHS)


def _page(body: str) -> str:
    return f"{TITLE}\n{body}\n"


def _repeat_to(unit: str, size: int, joiner: str = "") -> str:
    """`unit` repeated (joined by `joiner`) until the text holds about `size` UTF-8 bytes."""
    step = len((unit + joiner).encode("utf-8"))
    return joiner.join([unit] * max(1, size // step))


def normal_article(size: int) -> str:
    """Ordinary news of about `size` bytes: paragraphs of real articles, one a line, repeated."""
    paragraphs = news_paragraphs()
    body, total, i = [], 0, 0
    while total < size:
        paragraph = paragraphs[i % len(paragraphs)]
        body.append(paragraph)
        total += len(paragraph.encode("utf-8")) + 1
        i += 1
    return _page("\n".join(body))


def guillemets(size: int) -> str:
    """A run of opening guillemets (««««…): the tokenizer's suffix search was quadratic in it."""
    return _page("«" * (size // 2))


def trigger_sentence(size: int) -> str:
    """One sentence, no punctuation, an event trigger every few words: each trigger's clause
    was found by scanning back to the sentence start."""
    return _page(_repeat_to("وهاجم مسلحون قرية في الشمال", size, " ") + ".")


def diacritics(size: int) -> str:
    """One letter carrying a run of diacritics: NFC normalisation reorders combining marks,
    quadratic in the run's length."""
    marks = "\u064e\u0650\u064f\u0651\u0652"   # fatha, kasra, damma, shadda, sukun, mixed
    run = (marks * (size // 2 // len(marks) + 1))[: size // 2]
    return _page("قال الوزير إن ب" + run + " في بغداد.")


def dates(size: int) -> str:
    """Date expressions one after another: each chosen date was compared with every earlier one."""
    return _page(_repeat_to("وفي 12 آذار 2019 التقى الوزير.", size, " "))


def dates_joined(size: int) -> str:
    """Dates joined by و in one sentence."""
    return _page(_repeat_to("5 كانون الثاني 2020", size, " و"))


def numbers(size: int) -> str:
    """Numbers and nothing else, one sentence."""
    return _page(" ".join(str(10_000 + i % 90_000) for i in range(size // 6)))


HOSTILE: dict[str, Callable[[int], str]] = {
    "guillemets": guillemets,
    "trigger_sentence": trigger_sentence,
    "diacritics": diacritics,
    "dates": dates,
    "dates_joined": dates_joined,
    "numbers": numbers,
}
