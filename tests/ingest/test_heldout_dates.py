"""Held-out date expressions given as one-paragraph articles resolve (>= 0.90).

`heldout_date_cases.tsv` was written by hand, blind to Marsad's output, and is never used for
tuning. Each row's sentence is analysed through the public API (`marsad.analyze`) as a
one-paragraph article published on the row's date; the row resolves when the record's `dates`
hold a mention whose span meets the expression's span in the record's text and whose value is
the row's interval. "Meets" is overlap, not containment, because where an expression starts and
ends (`يوم الخميس` or `الخميس`, `15 رمضان 1445 هـ` with or without `هـ`) is a convention of
the table, not of the date; the share with the mention's span covering the whole expression is
printed too. Run with `pytest -s` to see the rows that do not resolve and what Marsad gave.
"""
from __future__ import annotations

import sys
from pathlib import Path

import marsad
from marsad.text.normalize import clean_display

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tsv_table import read_table  # noqa: E402

CASES_FILE = Path(__file__).resolve().parent / "heldout_date_cases.tsv"
THRESHOLD = 0.90


def _dates_for(sentence: str, published: str) -> tuple[str, list[dict]]:
    record = marsad.analyze(sentence, published=published).to_dict()
    return record["text"], record["dates"]


def test_heldout_dates_resolve():
    _, header, rows = read_table(CASES_FILE)
    assert header == ["sentence", "published", "expression", "start", "end"]
    assert len(rows) == 100
    resolved, covered, failures = 0, 0, []
    for number, (sentence, published, expression, start, end) in enumerate(rows, 1):
        text, dates = _dates_for(sentence, published)
        shown = clean_display(expression)
        at = text.find(shown)
        if at < 0:
            failures.append((number, sentence, published, expression, (start, end),
                             "expression not found in the record's text", dates))
            continue
        span = (at, at + len(shown))
        meeting = [d for d in dates if d["start"] < span[1] and span[0] < d["end"]]
        good = [d for d in meeting if d["value"]
                and (d["value"]["start"], d["value"]["end"]) == (start, end)]
        if good:
            resolved += 1
            covered += any(d["start"] <= span[0] and span[1] <= d["end"] for d in good)
        else:
            failures.append((number, sentence, published, expression, (start, end),
                             "no mention over the expression with that value", dates))
    share = resolved / len(rows)
    print(f"\nheld-out dates resolved: {resolved}/{len(rows)} = {share:.2f} "
          f"(span covering the whole expression: {covered}/{len(rows)})")
    for number, sentence, published, expression, gold, why, dates in failures:
        given = [(d["text"], d["start"], d["end"],
                  d["value"] and (d["value"]["start"], d["value"]["end"])) for d in dates]
        print(f"  row {number}: {sentence}\n    published {published}, expression "
              f"{expression!r}, expected {gold[0]}..{gold[1]}: {why}\n    Marsad gave: {given}")
    assert share >= THRESHOLD, f"{resolved} of {len(rows)} held-out date expressions resolve"
