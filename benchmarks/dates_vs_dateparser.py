"""Date expressions resolved: dateparser alone against Marsad's date layer, and Marsad's speed.

Run from the repository root: `.venv/bin/python benchmarks/dates_vs_dateparser.py`.
A case counts as right for dateparser when it yields the expected start date (the start of
the interval for weeks, months and years); Marsad is held to more: the exact span and both
ends of the interval. dateparser is used here only, never at run time.
"""
from __future__ import annotations

import csv
import time
import warnings
from datetime import date, datetime
from pathlib import Path

from marsad.text.dates import find_dates

CASES = Path(__file__).resolve().parents[1] / "tests" / "nlp" / "date_cases.tsv"
# Whole articles, when the shared corpus sits next to the repository (read, never copied).
ARTICLES = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus" / "news2018"


def read_cases() -> list[dict[str, str]]:
    with CASES.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def dateparser_search_right(case: dict[str, str]) -> bool:
    """search_dates over the sentence finds a date at the expression with the expected start."""
    from dateparser.search import search_dates
    settings = {"RELATIVE_BASE": datetime.fromisoformat(case["published"]),
                "PREFER_DATES_FROM": "past"}
    found = search_dates(case["sentence"], languages=["ar"], settings=settings) or []
    start = case["sentence"].index(case["expression"])
    end = start + len(case["expression"])
    for text, value in found:
        at = case["sentence"].find(text)
        overlaps = at != -1 and at < end and at + len(text) > start
        if overlaps and value.date().isoformat() == case["expected_start"]:
            return True
    return False


def dateparser_parse_right(case: dict[str, str]) -> bool:
    """parse on the expression alone (the span handed to it) gives the expected start."""
    import dateparser
    settings = {"RELATIVE_BASE": datetime.fromisoformat(case["published"]),
                "PREFER_DATES_FROM": "past"}
    value = dateparser.parse(case["expression"], locales=["ar-IQ"], settings=settings)
    return value is not None and value.date().isoformat() == case["expected_start"]


def marsad_right(case: dict[str, str], strict: bool = True) -> bool:
    mentions = find_dates(case["sentence"], date.fromisoformat(case["published"]))
    start = case["sentence"].index(case["expression"])
    for m in mentions:
        if m.value is None:
            continue
        if strict and (m.start, m.end) == (start, start + len(case["expression"])):
            return (m.value.start, m.value.end) == (case["expected_start"], case["expected_end"])
        if not strict and m.start < start + len(case["expression"]) and m.end > start:
            return m.value.start == case["expected_start"]
    return False


def throughput(cases: list[dict[str, str]], rounds: int = 20) -> float:
    sentences = [(c["sentence"], date.fromisoformat(c["published"])) for c in cases]
    find_dates(*sentences[0])  # compile the patterns outside the timing
    began = time.perf_counter()
    for _ in range(rounds):
        for sentence, published in sentences:
            find_dates(sentence, published)
    return rounds * len(sentences) / (time.perf_counter() - began)


def article_throughput(rounds: int = 5) -> tuple[float, int, float] | None:
    """(articles/s, articles, mean characters) over the shared news corpus, if present."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(ARTICLES.glob("*.txt"))]
    if not texts:
        return None
    published = date(2018, 5, 15)
    began = time.perf_counter()
    for _ in range(rounds):
        for text in texts:
            find_dates(text, published)
    rate = rounds * len(texts) / (time.perf_counter() - began)
    return rate, len(texts), sum(map(len, texts)) / len(texts)


def main() -> None:
    warnings.filterwarnings("ignore")
    cases = read_cases()
    total = len(cases)
    search = sum(dateparser_search_right(c) for c in cases)
    parse = sum(dateparser_parse_right(c) for c in cases)
    strict = sum(marsad_right(c) for c in cases)
    loose = sum(marsad_right(c, strict=False) for c in cases)
    print(f"cases: {total} ({CASES.name})")
    print(f"dateparser search_dates(sentence, languages=['ar']), start right: {search}/{total}")
    print(f"dateparser parse(expression, locales=['ar-IQ']), start right:    {parse}/{total}")
    print(f"marsad find_dates, start right:                                  {loose}/{total}")
    print(f"marsad find_dates, exact span and whole interval right:          {strict}/{total}")
    print(f"marsad throughput: {throughput(cases):,.0f} sentences/s (one core)")
    articles = article_throughput()
    if articles:
        rate, count, chars = articles
        print(f"marsad throughput: {rate:,.0f} articles/s over {count} shared articles "
              f"of {chars:,.0f} characters on average")


if __name__ == "__main__":
    main()
