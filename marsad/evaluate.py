"""`marsad evaluate`: runs Marsad over gold material of three kinds and reports the scores."""
from __future__ import annotations

import csv
import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from marsad.errors import InputError
from marsad.nlp.bio import ENTITY_TYPES
from marsad.scoring import score_counts, score_record, score_spans

GSR_LABELS = {"yes": True, "easy no": False, "difficult no": False}

Tagger = Callable[[list[list[str]]], list[list[str]]]


def evaluate_paths(paths: list[Path]) -> dict[str, Any]:
    """Scores for each gold file, by its kind: analysis gold (.json), GSR CSV (detection), GSR
    spans (`*_spans.json`: sources and targets), ANERcorp text."""
    report = {}
    for path in paths:
        suffix = path.suffix.lower()
        if path.name.endswith("_spans.json"):
            from marsad.gsr import score_gsr_arguments

            report[str(path)] = score_gsr_arguments([path])
        elif suffix == ".json":
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
    return {"kind": "event detection", **{t: score_counts(c) for t, c in counts.items()}}


def evaluate_ner(path: Path) -> dict[str, Any]:
    """NER exact-span scores; on ANERcorp's training file, only its held-out part is scored."""
    from marsad.training.ner_data import read_conll, split_held_out

    sentences = read_conll(path)
    scope = "whole file"
    if path.name == "train.txt" and path.parent.name == "anercorp":
        sentences = split_held_out(sentences)[1]
        scope = "held-out part (the model never trained on it)"
    result = evaluate_conll(path, sentences=sentences)
    return {"kind": "ner", "scope": scope, **result}


def evaluate_conll(path: str | Path | None, tagger: Tagger | None = None, sentences=None) -> dict:
    """Score a tagger (default: the packaged model) on an ANERcorp-format file.

    Returns per-type and overall exact-span scores plus `tokens`, `seconds` and `tokens_per_s`.
    `sentences` (already read TaggedSentence objects) replaces reading `path` when given.
    """
    from marsad.nlp.ner import load_ner_model, tag_sentences

    if sentences is None:
        from marsad.training.ner_data import read_conll

        sentences = read_conll(path)
    tagger = tagger if tagger is not None else tag_sentences
    if tagger is tag_sentences:
        load_ner_model()  # keep loading out of the timing
    tokens = [list(s.tokens) for s in sentences]
    start = time.perf_counter()
    predicted = tagger(tokens)
    seconds = time.perf_counter() - start
    result = score_spans([s.tags for s in sentences], predicted)
    n_tokens = sum(len(t) for t in tokens)
    result["tokens"] = n_tokens
    result["seconds"] = round(seconds, 3)
    result["tokens_per_s"] = round(n_tokens / seconds) if seconds else 0
    return result


def format_ner_scores(result: dict) -> str:
    """A small text table of an `evaluate_conll` result."""
    lines = [f"{'type':<22}{'P':>7}{'R':>7}{'F1':>7}{'support':>9}"]
    for name in (*ENTITY_TYPES, "overall_pers_loc_org", "overall"):
        s = result[name]
        lines.append(f"{name:<22}{s['precision']:>7.3f}{s['recall']:>7.3f}{s['f1']:>7.3f}"
                     f"{s['support']:>9}")
    if "tokens_per_s" in result:
        lines.append(f"{result['tokens']} tokens in {result['seconds']} s: "
                     f"{result['tokens_per_s']} tokens/s")
    return "\n".join(lines)


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
        elif result["kind"] == "GSR arguments":
            lines.append(f"  {result['sentences']} sentences with agreed spans: type found {result['type_found']:.3f}, "
                         f"source {result['source']:.3f}, target {result['target']:.3f}, "
                         f"both {result['both']:.3f}; source country {result['source_country'] or 0:.3f} "
                         f"(of {result['sentences_with_country']})")
            if show_errors:
                lines += [f"      missed: {m}" for m in result["missed"]]
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
