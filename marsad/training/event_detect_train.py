"""Train the sentence-level ASSAULT/PROTEST detectors, reproducibly: `python -m marsad.training.event_detect_train`.

Steps, for each event type: read the GSR development CSV (`yes` against `easy no` and
`difficult no`; `ambiguous` left out); score the model and the keyword baseline by 5-fold
cross-validation stratified by label (fixed seed), the model's threshold for each outer fold
being chosen by an inner 4-fold cross-validation on that fold's training part (so the reported
F1 never sees its own test sentences); choose the shipped threshold on the pooled out-of-fold
scores; train on all the data; write marsad/models/event_detect/model.json and PROVENANCE.md.
"""
from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import random
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from marsad.nlp.event_detect import (
    CUES_PATH, MODEL_DIR, MODEL_FILE, DetectionCues, EventDetector, TypeModel, bare_forms, read_cues,
    sentence_features, words_of,
)

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_GSR = REPO_ROOT.parent / "shared" / "data" / "event_gsr_dev"
SEED = 13
FOLDS = 5
INNER_FOLDS = 4
GSR_ATTRIBUTION = (
    "arabic_event_gsr, development portion (30%) as kept in ../shared/data/event_gsr_dev: "
    "Arabic Gigaword newswire sentences labelled for PLOVER events by the Open Event Data "
    "Alliance, MIT licence"
)


@dataclass(frozen=True)
class TypeSettings:
    """How one type's model is trained: feature families, L2 strength, minimum feature count."""
    file: str
    kinds: str
    c: float
    min_count: int = 2
    baseline: tuple[str, ...] = ()


# Chosen by the nested cross-validation below on the development portion, out of 24 settings
# (families m, sm, sbm, scm, sbcm, cm; C in 0.03, 0.1, 0.3, 1). For ASSAULT the spread between
# the best settings (0.59-0.63) is about one fold's sd; PROTEST has 24 positives and its fold
# F1 swings by +-0.25, so it keeps the most general model, the cue classes alone.
SETTINGS = {
    "ASSAULT": TypeSettings("assault.csv", "cm", 0.1, baseline=("assault_act", "casualty")),
    "PROTEST": TypeSettings("protest.csv", "m", 0.03, baseline=("protest_act",)),
}


def read_gsr(path: Path) -> tuple[list[str], np.ndarray]:
    """Sentences and 0/1 labels of one GSR CSV; `ambiguous` rows are skipped."""
    texts, labels = [], []
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            label = row["label"].strip()
            if label == "ambiguous":
                continue
            if label not in ("yes", "easy no", "difficult no"):
                raise ValueError(f"{path}: unknown label {label!r} in row {row['id']}")
            texts.append(row["text"])
            labels.append(1 if label == "yes" else 0)
    return texts, np.array(labels, dtype=np.int8)


def stratified_folds(labels: np.ndarray, k: int, seed: int) -> np.ndarray:
    """A fold number for each item, each label spread evenly over the k folds."""
    rng = random.Random(seed)
    fold = np.zeros(len(labels), dtype=int)
    for value in (0, 1):
        idx = [i for i in range(len(labels)) if labels[i] == value]
        rng.shuffle(idx)
        for j, i in enumerate(idx):
            fold[i] = j % k
    return fold


def prf(gold: np.ndarray, predicted: np.ndarray) -> tuple[float, float, float]:
    tp = int(((gold == 1) & (predicted == 1)).sum())
    fp = int(((gold == 0) & (predicted == 1)).sum())
    fn = int(((gold == 1) & (predicted == 0)).sum())
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def best_threshold(gold: np.ndarray, scores: np.ndarray) -> float:
    """The score cut that maximises F1; halfway between neighbouring scores, for robustness."""
    order = np.unique(scores)
    cuts = np.concatenate([[order[0]], (order[1:] + order[:-1]) / 2]) if len(order) > 1 else order
    best_f, best_t = -1.0, 0.5
    for t in cuts:
        f = prf(gold, (scores >= t).astype(np.int8))[2]
        if f > best_f:
            best_f, best_t = f, float(t)
    return best_t


class LogisticModel:
    """L2-regularised logistic regression on sparse binary features (L-BFGS), class-balanced
    unless `balanced` is false (where its probabilities must be calibrated, not only ranked)."""

    def __init__(self, c: float, min_count: int = 2, max_iter: int = 300, balanced: bool = True):
        self.c, self.min_count, self.max_iter, self.balanced = c, min_count, max_iter, balanced

    def _encode(self, feats: list[set[str]]) -> tuple[np.ndarray, np.ndarray]:
        rows, cols = [], []
        for i, fs in enumerate(feats):
            for f in fs:
                j = self.index.get(f)
                if j is not None:
                    rows.append(i)
                    cols.append(j)
        return np.array(rows, dtype=np.int64), np.array(cols, dtype=np.int64)

    def fit(self, feats: list[set[str]], y: np.ndarray) -> LogisticModel:
        counts = Counter(f for fs in feats for f in fs)
        self.vocab = sorted(f for f, n in counts.items() if n >= self.min_count)
        self.index = {f: j for j, f in enumerate(self.vocab)}
        rows, cols = self._encode(feats)
        n, d = len(feats), len(self.vocab)
        y = y.astype(float)
        pos = max(y.sum(), 1.0)
        sample_w = np.where(y == 1, n / (2 * pos), n / (2 * max(n - pos, 1.0))) if self.balanced else np.ones(n)

        def loss_grad(theta: np.ndarray) -> tuple[float, np.ndarray]:
            w, b = theta[:-1], theta[-1]
            z = np.bincount(rows, weights=w[cols], minlength=n) + b
            p = 1.0 / (1.0 + np.exp(-z))
            loss = -(sample_w * (y * np.log(p + 1e-12) + (1 - y) * np.log(1 - p + 1e-12))).sum()
            loss += 0.5 / self.c * float(w @ w)
            g = sample_w * (p - y)
            gw = np.bincount(cols, weights=g[rows], minlength=d) + w / self.c
            return loss, np.append(gw, g.sum())

        theta = _lbfgs(loss_grad, np.zeros(d + 1), self.max_iter)
        self.weights, self.bias = theta[:-1], float(theta[-1])
        return self

    def score(self, feats: list[set[str]]) -> np.ndarray:
        rows, cols = self._encode(feats)
        z = np.bincount(rows, weights=self.weights[cols], minlength=len(feats)) + self.bias
        return 1.0 / (1.0 + np.exp(-z))

    def weight_table(self, min_abs: float = 1e-3) -> dict[str, float]:
        return {f: round(float(w), 5) for f, w in zip(self.vocab, self.weights) if abs(w) >= min_abs}


def _lbfgs(fun, x: np.ndarray, max_iter: int, memory: int = 10, tol: float = 1e-6) -> np.ndarray:
    """Minimise a smooth convex function: limited-memory BFGS with backtracking line search."""
    f, g = fun(x)
    s_hist: list[np.ndarray] = []
    y_hist: list[np.ndarray] = []
    for _ in range(max_iter):
        q = g.copy()
        alphas = []
        for s, yv in zip(reversed(s_hist), reversed(y_hist)):
            a = (s @ q) / (yv @ s)
            alphas.append(a)
            q -= a * yv
        if s_hist:
            q *= (s_hist[-1] @ y_hist[-1]) / (y_hist[-1] @ y_hist[-1])
        for (s, yv), a in zip(zip(s_hist, y_hist), reversed(alphas)):
            q += s * (a - (yv @ q) / (yv @ s))
        direction = -q
        slope = g @ direction
        if slope >= 0:
            direction, slope = -g, -(g @ g)
        step = 1.0 if s_hist else 1.0 / max(np.abs(g).max(), 1.0)
        while True:
            x_new = x + step * direction
            f_new, g_new = fun(x_new)
            if f_new <= f + 1e-4 * step * slope or step < 1e-10:
                break
            step *= 0.5
        s, yv = x_new - x, g_new - g
        if s @ yv > 1e-10:
            s_hist.append(s)
            y_hist.append(yv)
            if len(s_hist) > memory:
                s_hist.pop(0)
                y_hist.pop(0)
        converged = abs(f - f_new) <= tol * max(1.0, abs(f))
        x, f, g = x_new, f_new, g_new
        if converged or np.abs(g).max() < 1e-5:
            break
    return x


def keyword_baseline(texts: list[str], cues: DetectionCues, categories: tuple[str, ...]) -> np.ndarray:
    """1 where any cue word of `categories` is in the sentence (bare or without a clitic)."""
    forms = cues.forms(categories)
    phrases = [p for p, c in cues.phrases if c in categories]
    out = []
    for text in texts:
        words = words_of(text)
        hit = any(f in forms for w in words for f in bare_forms(w, cues.morphology))
        joined = " ".join(words)
        hit = hit or any(" ".join(p) in joined for p in phrases)
        out.append(1 if hit else 0)
    return np.array(out, dtype=np.int8)


def _mean_sd(values: list[float]) -> dict:
    return {"mean": round(float(np.mean(values)), 3), "sd": round(float(np.std(values)), 3),
            "folds": [round(v, 3) for v in values]}


def inner_threshold(feats: list[set[str]], y: np.ndarray, settings: TypeSettings, fold: int) -> float:
    """The threshold an inner cross-validation over one outer fold's training part picks."""
    inner_fold = stratified_folds(y, INNER_FOLDS, SEED + 1 + fold)
    inner = np.zeros(len(y))
    for m in range(INNER_FOLDS):
        a, b = np.where(inner_fold != m)[0], np.where(inner_fold == m)[0]
        sub = LogisticModel(settings.c, settings.min_count).fit([feats[i] for i in a], y[a])
        inner[b] = sub.score([feats[i] for i in b])
    return best_threshold(y, inner)


def cross_validate(texts: list[str], y: np.ndarray, settings: TypeSettings,
                   cues: DetectionCues) -> dict:
    """Nested k-fold scores of the model and the keyword baseline, and the pooled threshold."""
    feats = [sentence_features(t, settings.kinds, cues) for t in texts]
    baseline = keyword_baseline(texts, cues, settings.baseline)
    fold = stratified_folds(y, FOLDS, SEED)
    oof = np.zeros(len(y))
    model_prf, base_prf, thresholds = [], [], []
    for k in range(FOLDS):
        train, test = np.where(fold != k)[0], np.where(fold == k)[0]
        f_train, y_train = [feats[i] for i in train], y[train]
        model = LogisticModel(settings.c, settings.min_count).fit(f_train, y_train)
        oof[test] = model.score([feats[i] for i in test])
        t = inner_threshold(f_train, y_train, settings, k)
        thresholds.append(t)
        model_prf.append(prf(y[test], (oof[test] >= t).astype(np.int8)))
        base_prf.append(prf(y[test], baseline[test]))
    pooled_t = best_threshold(y, oof)

    def summary(rows):
        return {name: _mean_sd([r[i] for r in rows]) for i, name in enumerate(("P", "R", "F1"))}

    return {
        "sentences": int(len(y)), "positives": int(y.sum()),
        "model": summary(model_prf), "keyword_baseline": summary(base_prf),
        "fold_thresholds": [round(t, 3) for t in thresholds],
        "threshold": round(pooled_t, 4),
        "pooled_oof_at_threshold": [round(v, 3) for v in prf(y, (oof >= pooled_t).astype(np.int8))],
    }


def train_type(texts: list[str], y: np.ndarray, settings: TypeSettings, cues: DetectionCues,
               threshold: float) -> TypeModel:
    feats = [sentence_features(t, settings.kinds, cues) for t in texts]
    model = LogisticModel(settings.c, settings.min_count).fit(feats, y)
    return TypeModel(settings.kinds, round(model.bias, 5), model.weight_table(), threshold,
                     {"c": settings.c, "min_count": settings.min_count,
                      "features": len(model.vocab)})


def model_size(path: Path) -> int:
    return sum(p.stat().st_size for p in Path(path).rglob("*") if p.is_file())


def write_provenance(model_dir: Path, command: str, data_dir: Path, report: dict,
                     seconds: float) -> None:
    lines = [
        "# Marsad sentence-level event detectors (ASSAULT, PROTEST)",
        "",
        f"- Data: {GSR_ATTRIBUTION}; read from `{data_dir}`. Labels: `yes` against `easy no`",
        "  and `difficult no`; `ambiguous` left out.",
        f"- Cue lexicon: `marsad/data/events/detect_cues.tsv` (written by the Marsad team), "
        f"sha256 prefix `{report['cues_sha256']}`.",
        f"- Command: `{command}`",
        f"- Seed: {SEED} (fold assignment; the optimiser is deterministic). "
        f"Trained {dt.date.today().isoformat()} in {seconds:.0f} s.",
        "- Model: per type, class-balanced L2 logistic regression over sparse binary features;",
        "  families (s stems, b stem bigrams, c character 3/4-grams, m cue classes) and C: "
        + ", ".join(f"{n} `{s.kinds}` C={s.c}" for n, s in SETTINGS.items())
        + "; weights in `model.json`.",
        "",
        f"## Cross-validation ({FOLDS}-fold, stratified by label, seed {SEED}; each outer fold's "
        f"threshold chosen by an inner {INNER_FOLDS}-fold CV on its training part)",
        "",
        "| type | sentences | yes | model P | model R | model F1 (mean ± sd) | keyword P | keyword R "
        "| keyword F1 (mean ± sd) | shipped threshold |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for name, r in report["types"].items():
        m, b = r["model"], r["keyword_baseline"]
        lines.append(
            f"| {name} | {r['sentences']} | {r['positives']} | {m['P']['mean']:.3f} | "
            f"{m['R']['mean']:.3f} | {m['F1']['mean']:.3f} ± {m['F1']['sd']:.3f} | "
            f"{b['P']['mean']:.3f} | {b['R']['mean']:.3f} | "
            f"{b['F1']['mean']:.3f} ± {b['F1']['sd']:.3f} | {r['threshold']} |")
    lines += [
        "",
        "Per-fold F1 and the other figures: `cv_report.json`. The shipped threshold maximises F1",
        "on the pooled out-of-fold scores; the feature settings were picked on the same",
        "development data, so the figures above are somewhat optimistic for unseen sentences.",
        "",
    ]
    (model_dir / "PROVENANCE.md").write_text("\n".join(lines), "utf-8")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m marsad.training.event_detect_train",
                                     description=__doc__)
    parser.add_argument("gsr_dir", nargs="?", type=Path, default=DEFAULT_GSR,
                        help="folder with assault.csv and protest.csv (default: %(default)s)")
    parser.add_argument("--model-dir", type=Path, default=MODEL_DIR)
    parser.add_argument("--no-install", action="store_true",
                        help="cross-validate only; leave the shipped model alone")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    started = time.perf_counter()
    cues = read_cues(CUES_PATH)
    report: dict = {"seed": SEED, "cues_sha256": cues.digest, "types": {}}
    types: dict[str, TypeModel] = {}
    for name, settings in SETTINGS.items():
        texts, y = read_gsr(args.gsr_dir / settings.file)
        cv = cross_validate(texts, y, settings, cues)
        report["types"][name] = cv
        m, b = cv["model"]["F1"], cv["keyword_baseline"]["F1"]
        print(f"{name}: {len(y)} sentences, {int(y.sum())} yes; CV F1 model "
              f"{m['mean']:.3f} ± {m['sd']:.3f} (P {cv['model']['P']['mean']:.3f} "
              f"R {cv['model']['R']['mean']:.3f}), keyword baseline {b['mean']:.3f} ± {b['sd']:.3f}; "
              f"threshold {cv['threshold']}", flush=True)
        if not args.no_install:
            types[name] = train_type(texts, y, settings, cues, cv["threshold"])
    seconds = time.perf_counter() - started
    if args.no_install:
        return 0
    args.model_dir.mkdir(parents=True, exist_ok=True)
    detector = EventDetector(types, cues, {"trained": dt.date.today().isoformat(), "seed": SEED,
                                           "data": GSR_ATTRIBUTION})
    (args.model_dir / MODEL_FILE).write_text(
        json.dumps(detector.to_json(), ensure_ascii=False, sort_keys=True, separators=(",", ":")),
        "utf-8")
    report["train_seconds"] = round(seconds, 1)
    (args.model_dir / "cv_report.json").write_text(json.dumps(report, indent=1), "utf-8")
    try:
        data_shown = args.gsr_dir.resolve().relative_to(REPO_ROOT.parent)
        data_shown = Path("..") / data_shown
    except ValueError:
        data_shown = args.gsr_dir
    write_provenance(args.model_dir, "python -m marsad.training.event_detect_train", data_shown,
                     report, seconds)
    print(f"wrote {args.model_dir} ({model_size(args.model_dir) / 1e6:.2f} MB) in {seconds:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
