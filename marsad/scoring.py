"""`marsad evaluate`: runs Marsad over gold material of three kinds and reports the scores."""
from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

from marsad.errors import InputError

GSR_LABELS = {"yes": True, "easy no": False, "difficult no": False}


def evaluate_paths(paths: list[Path]) -> dict[str, Any]:
    """Scores for each gold file, by its kind: analysis gold (.json), GSR CSV, ANERcorp text."""
    report = {}
    for path in paths:
        suffix = path.suffix.lower()
        if suffix == ".json":
            report[str(path)] = evaluate_gold(path)
        elif suffix == ".csv":
            report[str(path)] = evaluate_gsr(path)
        elif suffix in (".txt", ".conll"):
            report[str(path)] = evaluate_ner(path)
        else:
            raise InputError(str(path), "unknown gold format (expected .json, .csv or .txt)")
    return report


def evaluate_gold(path: Path) -> dict[str, Any]:
    """An article's record against its gold file; the article is found beside the gold folder."""
    from marsad.analysis import analyze_document
    from marsad.evaluate import score_record
    from marsad.ingest import read_path

    try:
        gold = json.loads(path.read_text("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise InputError(str(path), f"not a JSON gold file ({error})") from None
    if "document" not in gold:
        raise InputError(str(path), "gold file has no 'document' field naming its article")
    document = path.resolve().parent.parent / gold["document"]
    # The gold's publication date is what a feed would give with the page (sources.tsv).
    record = analyze_document(read_path(document, published=gold.get("published"))).to_dict()
    return {"kind": "article", "document": str(document), **score_record(record, gold)}


def read_gsr(path: Path) -> list[tuple[str, bool, str]]:
    """(event type, whether the sentence reports it, sentence) for each labelled row."""
    rows = []
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            label = GSR_LABELS.get((row.get("label") or "").strip())
            if label is not None:
                rows.append((row["event_type"].strip().upper(), label, row["text"]))
    if not rows:
        raise InputError(str(path), "no labelled rows (columns id, event_type, label, ..., text)")
    return rows


def evaluate_gsr(path: Path) -> dict[str, Any]:
    """Sentence-level detection: does Marsad report an event of the row's type in the sentence?"""
    from marsad.analysis import analyze_document
    from marsad.record import Document

    counts: dict[str, dict[str, int]] = {}
    for event_type, expected, sentence in read_gsr(path):
        record = analyze_document(Document(title="", text=sentence))
        found = any(e.type == event_type and e.status == "reported" for e in record.events)
        cell = counts.setdefault(event_type, {"tp": 0, "fp": 0, "fn": 0, "tn": 0})
        cell[("tp" if expected else "fp") if found else ("fn" if expected else "tn")] += 1
    return {"kind": "event detection", **{t: _prf(c) for t, c in counts.items()}}


def evaluate_ner(path: Path) -> dict[str, Any]:
    """NER exact-span scores; on ANERcorp's training file, only its held-out part is scored."""
    from marsad.nlp.ner import evaluate_conll
    from marsad.training.ner_data import read_conll, split_held_out

    sentences = read_conll(path)
    scope = "whole file"
    if path.name == "train.txt" and path.parent.name == "anercorp":
        sentences = split_held_out(sentences)[1]
        scope = "held-out part (the model never trained on it)"
    result = evaluate_conll(path, sentences=sentences)
    return {"kind": "ner", "scope": scope, **result}


def _prf(c: dict[str, int]) -> dict[str, Any]:
    p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 0.0
    r = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3), **c}


def format_report(report: dict[str, Any], show_errors: bool = False) -> str:
    """A plain-text table of an evaluate_paths() report."""
    lines = []
    for path, result in report.items():
        lines.append(f"{path} ({result['kind']})")
        if result["kind"] == "article":
            layout = result["layout"]
            lines.append("  layout: " + ", ".join(f"{k} {'ok' if v else 'WRONG'}" for k, v in layout.items()))
            for layer in ("entities", "events", "quotes", "attributions", "dates"):
                s = result[layer]
                lines.append(f"  {layer:<13} P {s['precision']:.3f}  R {s['recall']:.3f}  F1 {s['f1']:.3f}"
                             f"  (tp {s['tp']}, fp {s['fp']}, fn {s['fn']})")
                for key, value in s.items():
                    if isinstance(value, dict):
                        lines.append(f"      {key}: " + ", ".join(
                            f"{k} {'-' if v is None else format(v, '.3f')}" for k, v in value.items()))
                    elif key.endswith("accuracy") or key == "not_events_reported":
                        lines.append(f"      {key}: {'-' if value is None else value}")
                if show_errors:
                    lines += [f"      missed: {m}" for m in s["missed"]]
                    lines += [f"      spurious: {m}" for m in s["spurious"]]
        elif result["kind"] == "event detection":
            for event_type, s in result.items():
                if isinstance(s, dict):
                    lines.append(f"  {event_type:<10} P {s['precision']:.3f}  R {s['recall']:.3f}  "
                                 f"F1 {s['f1']:.3f}  (tp {s['tp']}, fp {s['fp']}, fn {s['fn']}, tn {s['tn']})")
        else:
            lines.append(f"  scope: {result['scope']}")
            for name in ("PERS", "LOC", "ORG", "MISC", "overall_pers_loc_org", "overall"):
                s = result[name]
                lines.append(f"  {name:<22} P {s['precision']:.3f}  R {s['recall']:.3f}  F1 {s['f1']:.3f}")
            lines.append(f"  {result['tokens']} tokens at {result['tokens_per_s']} tokens/s")
    return "\n".join(lines)
