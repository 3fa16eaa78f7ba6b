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
from marsad.scoring import align_entities, score_counts, score_places, score_record, score_spans

GSR_LABELS = {"yes": True, "easy no": False, "difficult no": False}

Tagger = Callable[[list[list[str]]], list[list[str]]]


def evaluate_paths(paths: list[Path]) -> dict[str, Any]:
    """Scores for each gold file, by its kind: analysis gold (.json), GSR CSV (detection), GSR
    spans (`*_spans.json`: sources and targets), ANERcorp text."""
    report = {}
    # a folder stands for the analysis gold files in it
    paths = [f for p in paths for f in (sorted(p.glob("*.json")) if p.is_dir() else [p])]
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
    averages = micro_average(report)
    if averages:
        report["micro-average"] = {"kind": "micro-average", **averages}
    return report


def evaluate_gold(path: Path) -> dict[str, Any]:
    """An article's record against its gold file; the article is found beside the gold folder."""
    from marsad.analysis import analyze_document
    from marsad.ingest import Metadata, parse_text, read_path

    try:
        gold = json.loads(path.read_text("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise InputError(str(path), f"not a JSON gold file ({error})") from None
    if "document" not in gold:
        raise InputError(str(path), "gold file has no 'document' field naming its article")
    if gold.get("corpus"):  # an article of a shared corpus, named by its id (ant2018)
        from marsad.training.event_corpus import corpus_texts

        text = corpus_texts(gold["corpus"]).get(gold["document"])
        if text is None:
            raise InputError(str(path), f"{gold['corpus']} has no document {gold['document']}")
        document = f"{gold['corpus']}:{gold['document']}"
        gold = resolve_standoff(gold, text)
        # Read as `marsad batch` reads the corpus's line (its title given): page furniture and
        # the leads of other stories an outlet appends go to boilerplate, unanalysed, as in use.
        title, body = text.split("\n\n", 1)
        article = parse_text(body, document, html=False,
                             metadata=Metadata(title=title, published=gold.get("published")))
    else:
        document = path.resolve().parent.parent / gold["document"]
        if not document.is_file():
            raise InputError(str(path), f"the gold's document {gold['document']} is not there")
        gold = resolve_standoff(gold, document.read_text("utf-8"))
        # The gold's publication date is what a feed would give with the page (sources.tsv).
        article = read_path(document, published=gold.get("published"))
    record = analyze_document(article).to_dict()
    scores = score_record(record, gold)
    if gold.get("layers"):  # a gold file made for some layers only is scored on those
        scores = {layer: scores[layer] for layer in gold["layers"]}
    if "entities" in scores:
        scores["places"] = score_places(record, gold, align_entities(record, gold))
    return {"kind": "article", "document": str(document), "split": gold.get("split"),
            **({"batch": gold["batch"]} if "batch" in gold else {}), **scores}


def resolve_standoff(gold: dict[str, Any], text: str) -> dict[str, Any]:
    """A stand-off gold file (offsets into its article, no copied words) in the shape the
    scorer reads: entity aliases, quote and attribution texts, speakers that are an entity id
    or, for an unnamed source, the source's words, and events' evidence and trigger words.
    Gold with texts is unchanged."""
    def words(span: list[int]) -> str:
        start, end = span
        if not 0 <= start < end <= len(text):
            raise InputError(gold["document"], f"offsets {span} are outside the article")
        return text[start:end]

    standoff_entities = any(m and isinstance(m[0], int) for e in gold.get("entities", [])
                            for m in e.get("mentions", [])[:1])
    standoff_events = any(isinstance(event.get("evidence"), list) for event in gold.get("events", []))
    if not standoff_entities and not standoff_events \
            and not any("span" in item for item in gold.get("quotes", []) + gold.get("attributions", [])):
        return gold
    resolved = dict(gold)
    resolved["entities"] = [{**e, "aliases": [words(m) for m in e.get("mentions", [])],
                             **({"not_place": [words(m) for m in e["not_place"]]} if "not_place" in e else {})}
                            for e in gold.get("entities", [])]
    attributions = {a["id"]: {**a, "text": words(a["span"])} for a in gold.get("attributions", [])}
    for attribution in attributions.values():
        if attribution.get("via") in attributions:
            attribution["via"] = attributions[attribution["via"]]["text"]
    resolved["attributions"] = list(attributions.values())
    quotes = []
    for quote in gold.get("quotes", []):
        speaker = quote.get("speaker")
        if speaker in attributions:  # an unnamed source is scored by its words
            speaker = attributions[speaker].get("entity") or attributions[speaker]["text"]
        quotes.append({**quote, "speaker": speaker, "text": words(quote["span"]),
                       "cue": words(quote["cue"]) if isinstance(quote.get("cue"), list) else quote.get("cue")})
    resolved["quotes"] = quotes
    resolved["events"] = [{**event, "evidence": words(event["evidence"]),
                           "also_evidence": [words(span) for span in event.get("also_evidence", [])],
                           **({"trigger": words(event["trigger"])} if event.get("trigger") else {})}
                          if isinstance(event.get("evidence"), list) else event for event in gold.get("events", [])]
    return resolved


def micro_average(report: dict[str, Any]) -> dict[str, Any]:
    """Entities and places, events, and quotes, speakers and attributions summed over the articles
    of a report (micro-average), for all of them, for each split (`tuning`, `held_out`) the gold
    files name and for each split's annotation batch."""
    averages = {}
    for name, results in split_groups(report, "places").items():
        averages[name] = {"articles": len(results),
                          **{layer: score_counts({k: sum(r[layer][k] for r in results) for k in ("tp", "fp", "fn")})
                             for layer in ("entities", "places")}}
    for name, results in split_groups(report, "events").items():
        averages.setdefault(name, {})["events"] = event_average(results)
    for name, results in split_groups(report, "quotes").items():
        quotes = score_counts({k: sum(r["quotes"][k] for r in results) for k in ("tp", "fp", "fn")})
        right = sum(r["quotes"]["speakers_right"] for r in results)
        attributions = score_counts({k: sum(r["attributions"][k] for r in results if "attributions" in r)
                                     for k in ("tp", "fp", "fn")})
        averages[name] = {**averages.get(name, {}), "articles": len(results),
                          "quotes": {k: quotes[k] for k in ("precision", "recall", "f1", "tp", "fp", "fn")},
                          "speaker_accuracy": round(right / quotes["tp"], 3) if quotes["tp"] else None,
                          "speakers_right": right,
                          "attributions": {k: attributions[k] for k in ("precision", "recall", "f1", "tp", "fp", "fn")}}
    return averages


def split_groups(report: dict[str, Any], layer: str) -> dict[str, list[dict]]:
    """The articles of a report scored on `layer`, all, per split, and per split and annotation
    batch (`held_out_batch2`: a file with no `batch` is of the first), so that a floor set on one
    batch keeps its meaning when a later batch joins the split."""
    groups: dict[str, list[dict]] = {}
    for result in report.values():
        if result.get("kind") == "article" and layer in result:
            groups.setdefault("all", []).append(result)
            if result.get("split"):
                groups.setdefault(result["split"], []).append(result)
                groups.setdefault(f"{result['split']}_batch{result.get('batch', 1)}", []).append(result)
    return groups


def event_average(results: list[dict]) -> dict[str, Any]:
    """Events summed over articles: by type and evidence place, and strict (type, source and
    target; with the status too), each as precision, recall and F1 of the summed counts."""
    counts = {k: sum(r["events"][k] for r in results) for k in ("tp", "fp", "fn")}
    average = {"articles": len(results), **{k: v for k, v in score_counts(counts).items()
                                            if k in ("precision", "recall", "f1", "tp", "fp", "fn")}}
    predicted, total = counts["tp"] + counts["fp"], counts["tp"] + counts["fn"]
    for name in ("strict", "strict_status"):
        hits = sum(r["events"][name]["hits"] for r in results)
        p, r = (hits / predicted if predicted else 0.0), (hits / total if total else 0.0)
        average[name] = {"precision": round(p, 3), "recall": round(r, 3),
                         "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0, "hits": hits}
    return average


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
        tally_detection(counts.setdefault(event_type, {"tp": 0, "fp": 0, "fn": 0, "tn": 0}), record.events,
                        event_type, expected)
    return {"kind": "event detection", **{t: score_counts(c) for t, c in counts.items()}}


def tally_detection(cell: dict[str, int], events, event_type: str, expected: bool) -> None:
    """Count one sentence in `cell` (tp, fp, fn, tn): whether its record reports an event of
    the type (background, denied and the like do not count) against the label."""
    found = any(e.type == event_type and e.status == "reported" for e in events)
    outcome = ("tp" if expected else "fp") if found else ("fn" if expected else "tn")
    cell[outcome] += 1


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
    if tagger is None:
        model = load_ner_model()  # loaded before the clock starts

        def tagger(sentences):
            return tag_sentences(sentences, nlp=model)
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
        if result["kind"] == "micro-average":
            continue
        lines.append(f"{path} ({result['kind']})")
        if result["kind"] == "article":
            layout = result.get("layout", {})
            if layout:
                lines.append("  layout: " + ", ".join(f"{k} {'ok' if v else 'WRONG'}" for k, v in layout.items()))
            for layer in ("entities", "places", "events", "quotes", "attributions", "dates"):
                if layer not in result:
                    continue
                s = result[layer]
                lines.append(f"  {layer:<13} P {s['precision']:.3f}  R {s['recall']:.3f}  F1 {s['f1']:.3f}"
                             f"  (tp {s['tp']}, fp {s['fp']}, fn {s['fn']})")
                for key, value in s.items():
                    if isinstance(value, dict):
                        lines.append(f"      {key}: " + ", ".join(
                            f"{k} {'-' if v is None else format(v, '.3f')}" for k, v in value.items()))
                    elif key.endswith("accuracy") or key in ("not_events_reported", "mention_precision"):
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
    averages = report.get("micro-average", {})
    for name, average in averages.items():
        if name == "kind":
            continue
        for layer in ("entities", "places"):
            if layer in average:
                s = average[layer]
                lines.append(f"micro-average, {name} ({average['articles']} articles): {layer} P {s['precision']:.3f} "
                             f"R {s['recall']:.3f} F1 {s['f1']:.3f} (tp {s['tp']}, fp {s['fp']}, fn {s['fn']})")
        if "events" in average:
            v, strict = average["events"], average["events"]["strict"]
            lines.append(f"micro-average, {name} ({v['articles']} articles): events P {v['precision']:.3f} "
                         f"R {v['recall']:.3f} F1 {v['f1']:.3f} (tp {v['tp']}, fp {v['fp']}, fn {v['fn']}); "
                         f"strict P {strict['precision']:.3f} R {strict['recall']:.3f} F1 {strict['f1']:.3f} "
                         f"({strict['hits']} right)")
        if "quotes" not in average:
            continue
        q, a = average["quotes"], average["attributions"]
        speakers = "-" if average["speaker_accuracy"] is None else format(average["speaker_accuracy"], ".3f")
        lines.append(f"micro-average, {name} ({average['articles']} articles): quotes F1 {q['f1']:.3f} "
                     f"(tp {q['tp']}, fp {q['fp']}, fn {q['fn']}), speaker accuracy {speakers} "
                     f"({average['speakers_right']} of {q['tp']}), attributions F1 {a['f1']:.3f} "
                     f"(tp {a['tp']}, fp {a['fp']}, fn {a['fn']})")
    return "\n".join(lines)
