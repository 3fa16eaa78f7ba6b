"""Date expressions given as one-paragraph articles are analysed and resolve (issue 15): the
sentence is neither refused nor taken for a date line, so the date layer sees it whole."""
from __future__ import annotations

import csv
from pathlib import Path

from marsad.analysis import analyze_document
from marsad.ingest import parse_item
from marsad.text.normalize import clean_display

CASES_FILE = Path(__file__).resolve().parents[1] / "nlp" / "date_cases.tsv"


def test_date_cases_as_one_paragraph_articles_resolve():
    with CASES_FILE.open(encoding="utf-8", newline="") as handle:
        cases = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    assert len(cases) >= 90
    resolved, lost = 0, []
    for number, case in enumerate(cases, 1):
        document = parse_item({"id": str(number), "text": case["sentence"],
                               "published": case["published"]}, f"case {number}")
        record = analyze_document(document, id=str(number)).to_dict()
        expression = clean_display(case["expression"])  # tatweel (هـ) is display markup
        if expression not in record["text"]:
            lost.append(case["sentence"])
            continue
        values = {(d["value"]["start"], d["value"]["end"]) for d in record["dates"]
                  if d["text"] == expression and d["value"]}
        resolved += (case["expected_start"], case["expected_end"]) in values
    assert lost == []
    assert resolved / len(cases) >= 0.90, f"{resolved} of {len(cases)}"
