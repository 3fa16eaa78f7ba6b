"""Trains the event-confidence model (marsad/models/event_confidence/) on the team's annotated documents.

  python -m marsad.training.event_confidence_train

Every event the pipeline finds in an annotated document is an example: right when a place that
tells it holds an annotated event of its type, source and target (`strictly_right`), else wrong;
its features are what the coder knew when it made it (`event_confidence.confidence_features`).
It learns from the annotation batches' training part and both dev sets. (On the batches the
argument and trigger models read their own training documents and are surer than on new text;
the dev sets, which no model saw, correct for that: with them the ranking out of sample was
better than with either alone, training/NOTES.md.) The regularisation is the one whose model,
trained without the second dev set, has the lowest log loss on it. Reported on the held-out part
of the batches, never trained on, and on the second dev set by that model, beside the rule of
thumb the coder used before.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

from marsad.nlp.event_confidence import LABEL, MODEL_PATH, ConfidenceModel
from marsad.nlp.pipeline import build_pipeline
from marsad.scoring import score_confidence
from marsad.training.event_corpus import (
    DEV, DEV2, analyze_annotated, held_out_documents, load_annotations, strictly_right, write_provenance)
from marsad.training.event_detect_train import LogisticModel

SEED = 20261206
C_GRID = (0.003, 0.01, 0.03, 0.1)


def examples(nlp, sentences) -> list[tuple[str, list[str], bool, float]]:
    """(document, features, strictly right, the rule of thumb's confidence) for every event the
    pipeline finds in the annotated documents."""
    coder = nlp.get_pipe("marsad_events").coder
    by_doc: dict[tuple[str, str], list] = {}
    for sentence in sentences:
        by_doc.setdefault((sentence.corpus, sentence.doc), []).append(sentence)
    rows = []
    for (corpus, doc), annotated in by_doc.items():
        seen: dict[tuple[int, int, str], list[str]] = {}
        coder.confidence_recorder = lambda _doc, event, features: seen.__setitem__(
            (event.trigger.start, event.trigger.end, event.type), features)
        record = analyze_annotated(corpus, doc, nlp)
        entities = {e["id"]: e for e in record["entities"]}
        gold = [(s, e) for s in annotated for e in s.events]
        for event in record["events"]:
            features = seen.get((event["trigger"]["start"], event["trigger"]["end"], event["type"]))
            if features is not None:
                rows.append((doc, features, strictly_right(event, entities, gold), event["confidence"]))
    coder.confidence_recorder = None
    return rows


def _model(fitted: LogisticModel) -> ConfidenceModel:
    return ConfidenceModel({LABEL: fitted.weight_table()}, {LABEL: round(fitted.bias, 5)}, {})


def _fit(rows, c: float) -> LogisticModel:
    return LogisticModel(c, balanced=False).fit([set(f) for _, f, _, _ in rows], np.array([r for _, _, r, _ in rows]))


def _log_loss(p: np.ndarray, y: np.ndarray) -> float:
    p = np.clip(p, 1e-6, 1 - 1e-6)
    return float(-(y * np.log(p) + (1 - y) * np.log(1 - p)).mean())


def choose_c(train, test) -> tuple[float, dict[float, float], LogisticModel]:
    """The regularisation whose model, fitted on `train`, has the lowest log loss on `test`, the
    loss of each, and that model."""
    y = np.array([r for _, _, r, _ in test], dtype=float)
    fitted = {c: _fit(train, c) for c in C_GRID}
    losses = {c: round(_log_loss(m.score([set(f) for _, f, _, _ in test]), y), 4) for c, m in fitted.items()}
    best = min(losses, key=losses.get)
    return best, losses, fitted[best]


def report(model: ConfidenceModel, rows) -> dict:
    """The model's and the rule of thumb's confidences scored on examples it never saw."""
    learned = [(model.confidence(f), r) for _, f, r, _ in rows]
    thumb = [(c, r) for _, _, r, c in rows]
    y = np.array([r for _, _, r, _ in rows], dtype=float)
    return {"events": len(rows), "right": round(float(y.mean()), 3) if rows else None,
            "model": {**score_confidence(learned),
                      "log_loss": round(_log_loss(np.array([c for c, _ in learned]), y), 4)},
            "rule_of_thumb": {k: v for k, v in score_confidence(thumb).items() if k != "bins"}}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    args = parser.parse_args(argv)
    nlp = build_pipeline()
    nlp.get_pipe("marsad_events").coder.confidence = None  # the features, not an older model's output
    batches = load_annotations()
    held = held_out_documents(batches)
    sets = {"batches": examples(nlp, [s for s in batches if s.doc not in held]),
            "dev": examples(nlp, load_annotations(DEV)), "dev2": examples(nlp, load_annotations(DEV2))}
    held_out = examples(nlp, [s for s in batches if s.doc in held])
    # the regularisation is chosen where the argument model's probabilities are as on new text
    c, losses, without_dev2 = choose_c(sets["batches"] + sets["dev"], sets["dev2"])
    train = [row for rows in sets.values() for row in rows]
    model = _model(_fit(train, c))
    model.save(args.out)
    summary = {"seed": SEED, "c": c, "dev2_log_loss_by_c": {str(k): v for k, v in losses.items()},
               "train_events": {name: len(rows) for name, rows in sets.items()},
               "train_right": round(sum(r for _, _, r, _ in train) / max(len(train), 1), 3),
               "held_out": report(model, held_out), "dev2_by_a_model_trained_without_it": report(_model(without_dev2), sets["dev2"])}
    (args.out.parent / "report.json").write_text(json.dumps(summary, ensure_ascii=False, indent=1), encoding="utf-8")
    write_provenance(args.out.parent, "Marsad event-confidence model", "python -m marsad.training.event_confidence_train",
                     SEED, f"L2 logistic regression (C={c}, not class-balanced, so that its probabilities are "
                     "calibrated) over binary features of each event the pipeline finds: the argument model's "
                     "probability for each chosen actor (or the likeliest candidate) and for the best other "
                     "one, the actor's kind, the trigger model's and the sentence detector's readings, the "
                     "trigger word, type, word class, status, restatements. Label: the event's type, source and target "
                     "agree with an annotated event of its sentence.",
                     summary, extra_data=", and the two dev sets, `annotations/events/dev/` and `dev2/`")
    print(json.dumps(summary, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
