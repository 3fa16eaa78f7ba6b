"""NER on ANERcorp's held-out part: the statistical model alone, the whole pipeline's linked
entities as BIO tags, and the gazetteer baseline, side by side.

    python benchmarks/ner_compare.py [../shared/data/anercorp/train.txt]
"""
from __future__ import annotations

import sys

from marsad.evaluate import evaluate_conll, format_ner_scores
from marsad.training.ner_baseline import GazetteerTagger
from marsad.training.ner_data import read_conll, split_held_out
from marsad.tagging import tag_with_pipeline


def main() -> None:
    path = sys.argv[1] if len(sys.argv) > 1 else "../shared/data/anercorp/train.txt"
    train, held = split_held_out(read_conll(path))
    for name, tagger in (("model", None), ("pipeline", tag_with_pipeline),
                         ("gazetteer baseline", GazetteerTagger.from_sentences(train))):
        print(f"== {name}")
        print(format_ner_scores(evaluate_conll(path, tagger=tagger, sentences=held)))


if __name__ == "__main__":
    main()
