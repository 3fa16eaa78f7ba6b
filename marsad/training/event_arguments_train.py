"""Trains the event-argument model (marsad/models/event_arguments/) on the team's annotations and the GSR spans.

  python -m marsad.training.event_arguments_train [--gsr ../shared/data/event_gsr_dev]

For every trigger the pipeline finds that matches an annotated event (trigger spans overlap
and the types agree), each candidate mention is labelled source or target when its entity
has a mention overlapping the annotated span; on the GSR, when it shares a content word
with the coders' agreed span. The last 10% of each annotation batch (whole documents) is
held out: it is never trained or tuned on, and the scores on it are reported.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np

from marsad.analysis import analyze_document
from marsad.gsr import content_words, read_gsr_spans
from marsad.nlp.event_arguments import MODEL_PATH, ROLES, ArgumentModel
from marsad.nlp.pipeline import build_pipeline
from marsad.record import Document
from marsad.training.event_corpus import (
    SHARED, AnnotatedSentence, corpus_texts, held_out_documents, load_annotations, write_provenance)
from marsad.training.event_detect_train import LogisticModel

SEED = 20261204
C = 1.0
FOLDS = 5


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _entity_spans(entity) -> list[tuple[int, int]]:
    return [(m.start, m.end) for m in entity.mentions]


class Collector:
    """Receives every trigger's candidates from the event coder while a document is analysed."""

    def __init__(self):
        self.items = []

    def __call__(self, doc, trigger, candidates, features):
        self.items.append((trigger, candidates, features))


def annotated_examples(nlp, sentences: list[AnnotatedSentence]) -> list[dict]:
    """One example per (document, matched trigger): candidates' features and labels per role."""
    coder = nlp.get_pipe("marsad_events").coder
    by_doc: dict[str, list[AnnotatedSentence]] = defaultdict(list)
    for sentence in sentences:
        by_doc[sentence.doc].append(sentence)
    texts = corpus_texts("ant2018")
    examples = []
    for doc_id, annotated in by_doc.items():
        text = texts[doc_id]
        title = text.split("\n\n", 1)[0]
        collector = Collector()
        coder.recorder = collector
        analyze_document(Document(title=title, text=text), nlp=nlp)
        gold = [e for s in annotated for e in s.events]
        for trigger, candidates, features in collector.items:
            span = (trigger.hit.char_start, trigger.hit.char_end)
            match = next((e for e in gold if e.type == trigger.type and _overlaps(span, e.trigger)), None)
            if match is None:
                continue
            labels = {}
            for role in ROLES:
                spans = getattr(match, role)
                labels[role] = [any(_overlaps(s, g) for s in _entity_spans(c.mention.entity) for g in spans)
                                for c in candidates]
            examples.append({"doc": doc_id, "features": features, "labels": labels,
                             "has": {r: bool(getattr(match, r)) for r in ROLES}})
    coder.recorder = None
    return examples


def gsr_examples(nlp, folder: Path) -> list[dict]:
    coder = nlp.get_pipe("marsad_events").coder
    examples = []
    for name in ("assault_spans.json", "protest_spans.json"):
        for gold in read_gsr_spans(folder / name):
            collector = Collector()
            coder.recorder = collector
            analyze_document(Document(title="", text=gold["text"]), nlp=nlp)
            wanted = {r: content_words(gold[r]) for r in ROLES}
            for trigger, candidates, features in collector.items:
                if trigger.type != gold["type"]:
                    continue
                labels = {r: [bool(wanted[r] & set().union(*(content_words(m.text) for m in c.mention.entity.mentions)))
                              for c in candidates] for r in ROLES}
                examples.append({"doc": "gsr:" + str(gold["id"]), "features": features, "labels": labels,
                                 "has": {r: bool(wanted[r]) for r in ROLES}})
    coder.recorder = None
    return examples


def _rows(examples: list[dict], role: str):
    feats, y, group = [], [], []
    for n, example in enumerate(examples):
        if role == "source" and not example["has"][role] and example["doc"].startswith("gsr:"):
            continue  # the GSR coders did not agree on a source: no label either way
        if role == "target" and not example["has"][role] and example["doc"].startswith("gsr:"):
            continue
        for f, label in zip(example["features"], example["labels"][role]):
            feats.append(set(f))
            y.append(int(label))
            group.append(n)
    return feats, np.array(y), np.array(group)


def choose(probabilities: list[float], threshold: float) -> int | None:
    best = max(range(len(probabilities)), key=probabilities.__getitem__, default=None)
    return best if best is not None and probabilities[best] >= threshold else None


def sure_then_rules(probabilities: list[float], rule: int | None, threshold: float, sure: float) -> int | None:
    """The model's choice where it is sure, else the rules', else the model's above its threshold."""
    best = choose(probabilities, sure)
    if best is not None:
        return best
    return rule if rule is not None else choose(probabilities, threshold)


def trigger_accuracy(examples: list[dict], role: str, picks) -> float:
    """Share of triggers whose chosen candidate (or none) agrees with the annotation."""
    right = total = 0
    for example, pick in zip(examples, picks):
        labels = example["labels"][role]
        if example["doc"].startswith("gsr:") and not example["has"][role]:
            continue
        total += 1
        right += (pick is None and not any(labels)) or (pick is not None and labels[pick])
    return right / total if total else 0.0


def rule_picks(examples: list[dict], role: str) -> list[int | None]:
    return [next((n for n, f in enumerate(e["features"]) if f"rule={role}" in f), None) for e in examples]


def out_of_fold(examples: list[dict], role: str) -> list[list[float]]:
    """Each example's candidate probabilities from a model that did not see its document."""
    docs = sorted({e["doc"] for e in examples})
    random.Random(SEED).shuffle(docs)
    fold_of = {d: n % FOLDS for n, d in enumerate(docs)}
    probabilities: list[list[float]] = [[] for _ in examples]
    for fold in range(FOLDS):
        train = [e for e in examples if fold_of[e["doc"]] != fold]
        feats, y, _ = _rows(train, role)
        model = LogisticModel(C).fit(feats, y)
        for n, e in enumerate(examples):
            if fold_of[e["doc"]] == fold and e["features"]:
                probabilities[n] = [float(p) for p in model.score([set(f) for f in e["features"]])]
    return probabilities


def best_threshold(examples, role, probabilities) -> float:
    grid = [round(t, 2) for t in np.arange(0.1, 0.95, 0.05)]
    scored = [(trigger_accuracy(examples, role, [choose(p, t) for p in probabilities]), t) for t in grid]
    return max(scored)[1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gsr", type=Path, default=SHARED / "data" / "event_gsr_dev")
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    args = parser.parse_args(argv)
    nlp = build_pipeline()
    nlp.get_pipe("marsad_events").coder.model = None  # the rules' own choices are features
    sentences = load_annotations()
    held = held_out_documents(sentences)
    train_sentences = [s for s in sentences if s.doc not in held]
    test_sentences = [s for s in sentences if s.doc in held]
    # --gsr none trains on the team's annotations alone (to measure the GSR out of sample)
    train = annotated_examples(nlp, train_sentences) + (gsr_examples(nlp, args.gsr) if str(args.gsr) != "none" else [])
    test = annotated_examples(nlp, test_sentences)
    weights, bias, threshold, report = {}, {}, {}, {}
    for role in ROLES:
        probabilities = out_of_fold(train, role)
        threshold[role] = best_threshold(train, role, probabilities)
        feats, y, _ = _rows(train, role)
        model = LogisticModel(C).fit(feats, y)
        weights[role], bias[role] = model.weight_table(), model.bias
        test_probabilities = [[float(p) for p in model.score([set(f) for f in e["features"]])] if e["features"] else []
                              for e in test]
        report[role] = {
            "cv_model": round(trigger_accuracy(train, role, [choose(p, threshold[role]) for p in probabilities]), 3),
            "cv_rules": round(trigger_accuracy(train, role, rule_picks(train, role)), 3),
            "cv_rules_then_model": round(trigger_accuracy(train, role, [
                r if r is not None else choose(p, threshold[role])
                for r, p in zip(rule_picks(train, role), probabilities)]), 3),
            **{f"cv_sure_model_{t}": round(trigger_accuracy(train, role, [
                sure_then_rules(p, r, threshold[role], t)
                for r, p in zip(rule_picks(train, role), probabilities)]), 3) for t in (0.8, 0.85, 0.9, 0.95)},
            "held_out_model": round(trigger_accuracy(test, role, [choose(p, threshold[role]) for p in test_probabilities]), 3),
            "held_out_rules": round(trigger_accuracy(test, role, rule_picks(test, role)), 3),
        }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    model = ArgumentModel(weights, bias, threshold)
    args.out.write_text(json.dumps(model.to_json(), ensure_ascii=False, sort_keys=True), encoding="utf-8")
    summary = {"trained": dt.date.today().isoformat(), "seed": SEED, "c": C, "folds": FOLDS,
               "train_triggers": len(train), "held_out_triggers": len(test),
               "train_documents": len({e["doc"] for e in train}), "held_out_documents": sorted(held),
               "threshold": threshold, "accuracy": report}
    (args.out.parent / "report.json").write_text(json.dumps(summary, ensure_ascii=False, indent=1), encoding="utf-8")
    summary.pop("held_out_documents")
    write_provenance(args.out.parent, "Marsad event-argument model", "python -m marsad.training.event_arguments_train",
                     SEED, f"L2 logistic regression (C={C}) per role (source, target) over sparse features "
                     "of (trigger, candidate mention) pairs; the rule coder's choice is one feature. "
                     "Accuracy is per trigger: the chosen candidate (or none) agrees with the annotation.",
                     summary, extra_data=", and the coders' agreed source/target spans of "
                     "../shared/data/event_gsr_dev (arabic_event_gsr, MIT)")
    print(json.dumps({k: v for k, v in summary.items() if k != "held_out_documents"}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
