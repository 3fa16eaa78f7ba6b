"""Sentence detection on the GSR development CSVs, end to end and out of fold.

`marsad evaluate ../shared/data/event_gsr_dev/assault.csv` runs the whole pipeline, whose
sentence detector was trained on those very sentences: that figure is in-sample. Here each
CSV is cut into the detector's own cross-validation folds (stratified, fixed seed); for each
fold the detectors are trained on the other folds, with the threshold an inner cross-validation
picks, and the pipeline is run on the fold's sentences. Every sentence is scored once, by a
pipeline whose detector never saw it; triggers, arguments and the rest are the shipped ones.

    python -m marsad.training.detect_folds [--gsr ../shared/data/event_gsr_dev]
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

from marsad.analysis import analyze_document
from marsad.evaluate import score_counts, tally_detection
from marsad.nlp.event_detect import CUES_PATH, EventDetector, read_cues, sentence_features
from marsad.nlp.pipeline import build_pipeline
from marsad.record import Document
from marsad.training import event_detect_train as detect


def fold_detector(texts: dict[str, list[str]], labels: dict[str, np.ndarray], folds: dict[str, np.ndarray],
                  k: int, cues) -> EventDetector:
    """Detectors for every type trained without fold k, each with its inner-CV threshold."""
    types = {}
    for name, settings in detect.SETTINGS.items():
        train = np.where(folds[name] != k)[0]
        t_texts = [texts[name][i] for i in train]
        y = labels[name][train]
        feats = [sentence_features(t, settings.kinds, cues) for t in t_texts]
        threshold = detect.inner_threshold(feats, y, settings, k)
        types[name] = detect.train_type(t_texts, y, settings, cues, threshold)
    return EventDetector(types, cues, {"fold": k})


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gsr", type=Path, default=detect.DEFAULT_GSR)
    args = parser.parse_args(argv)
    cues = read_cues(CUES_PATH)
    texts, labels, folds = {}, {}, {}
    for name, settings in detect.SETTINGS.items():
        texts[name], labels[name] = detect.read_gsr(args.gsr / settings.file)
        folds[name] = detect.stratified_folds(labels[name], detect.FOLDS, detect.SEED)
    nlp = build_pipeline()
    coder = nlp.get_pipe("marsad_events").coder
    counts = {name: {"tp": 0, "fp": 0, "fn": 0, "tn": 0} for name in detect.SETTINGS}
    for k in range(detect.FOLDS):
        coder.detector = fold_detector(texts, labels, folds, k, cues)
        for name in detect.SETTINGS:
            for i in np.where(folds[name] == k)[0]:
                record = analyze_document(Document(title="", text=texts[name][i]), nlp=nlp)
                tally_detection(counts[name], record.events, name, bool(labels[name][i]))
    print(json.dumps({"kind": f"event detection, end to end, out of fold ({detect.FOLDS} folds)",
                      **{name: score_counts(c) for name, c in counts.items()}}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
