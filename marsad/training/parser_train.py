"""Train and score an Arabic dependency parser on UD Arabic-PUD: `python -m marsad.training.parser_train`
(`make parser`).

Steps: read the treebank; turn each sentence into Marsad's words (marsad.training.parser_data);
the last 10% of the sentences (contiguous) are held out and pick the checkpoint; train spaCy
with training/parser.cfg (fixed seed, bounded steps); print the held-out attachment scores.
The model stays under training/corpus/parser_run/ (git-ignored): it is not shipped, because the
event-argument features read from its trees did not raise the strict event score
(training/NOTES.md).
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from marsad.training.ner_train import _one_thread, spacy_training

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_DATA = REPO_ROOT.parent / "shared" / "data" / "ud_arabic_pud" / "ar_pud-ud-test.conllu"
DEFAULT_CONFIG = REPO_ROOT / "training" / "parser.cfg"
RUN_DIR = REPO_ROOT / "training" / "corpus" / "parser_run"
HELD_OUT_SHARE = 0.1



def load_parser(path: Path):
    """A trained parser (spaCy pipeline), multiplying through numpy as the shipped NER does."""
    import spacy

    from marsad.nlp import ner_features  # noqa: F401  (registers the lexical attribute getters)
    from marsad.nlp.ner import use_numpy_gemm

    return use_numpy_gemm(spacy.load(path))


def marsad_tokenize():
    """Marsad's tokenizer as a function of a text: (word, start, end) of each token."""
    import spacy

    from marsad.nlp.pipeline import split_trailing_punctuation

    nlp = spacy.blank("ar")
    split_trailing_punctuation(nlp)
    return lambda text: [(t.text, t.idx, t.idx + len(t.text)) for t in nlp.make_doc(text)]


def to_docs(trees, vocab):
    from spacy.tokens import Doc

    return [Doc(vocab, words=list(t.words), heads=list(t.heads), deps=list(t.deps)) for t in trees]


def attachment_scores(nlp, trees) -> dict:
    """UAS and LAS of `nlp` on the trees (punctuation counted, as spaCy scores it), and the
    labelled attachment of the relations that name who did what to whom."""
    from spacy.tokens import Doc

    total = heads = labelled = 0
    per: dict[str, list[int]] = {}
    for tree, parsed in zip(trees, nlp.pipe(Doc(nlp.vocab, words=list(t.words)) for t in trees)):
        for token, head, dep in zip(parsed, tree.heads, tree.deps):
            right = token.head.i == head
            total += 1
            heads += right
            labelled += right and token.dep_ == dep
            counts = per.setdefault(dep, [0, 0])
            counts[0] += 1
            counts[1] += right and token.dep_ == dep
    return {"words": total, "uas": round(heads / total, 4), "las": round(labelled / total, 4),
            "las_per_relation": {dep: round(c[1] / c[0], 3) for dep, c in per.items()
                                 if dep in ("nsubj", "obj", "obl", "nmod", "nsubj:pass", "acl:relcl", "appos", "conj")}}


def main(argv: list[str] | None = None) -> int:
    _one_thread()
    parser = argparse.ArgumentParser(prog="python -m marsad.training.parser_train", description=__doc__)
    parser.add_argument("data", nargs="?", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--config", type=Path, default=DEFAULT_CONFIG)
    parser.add_argument("--run-dir", type=Path, default=RUN_DIR)
    parser.add_argument("--set", action="append", default=[], metavar="KEY=JSON")
    args = parser.parse_args(argv)

    import spacy
    from spacy.tokens import DocBin

    from marsad.nlp import ner_features  # noqa: F401  (registers the config's callbacks)
    from marsad.training.parser_data import read_conllu, word_trees

    trees, lost = word_trees(read_conllu(args.data), marsad_tokenize())
    cut = len(trees) - round(len(trees) * HELD_OUT_SHARE)
    train, held_out = trees[:cut], trees[cut:]
    print(f"{len(trees)} sentences converted ({lost} lost): {len(train)} train, {len(held_out)} held out",
          flush=True)
    corpus = args.run_dir / "corpus"
    corpus.mkdir(parents=True, exist_ok=True)
    vocab = spacy.blank("ar").vocab
    for name, part in (("train", train), ("heldout", held_out)):
        DocBin(docs=to_docs(part, vocab)).to_disk(corpus / f"{name}.spacy")

    _, seed, seconds = spacy_training(args.config, args.run_dir, corpus / "train.spacy", corpus / "heldout.spacy",
                                      args.set)
    print(f"trained in {seconds / 60:.1f} minutes (seed {seed})", flush=True)
    best = args.run_dir / "model-best"
    scores = attachment_scores(load_parser(best), held_out)
    print("held out:", json.dumps(scores), flush=True)
    (args.run_dir / "scores.json").write_text(json.dumps(scores, indent=1), encoding="utf-8")
    print(f"model: {best}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
