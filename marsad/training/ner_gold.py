"""A second NER yardstick: the team's entity gold over ant2018 news read as PERS/LOC/ORG token spans.

The stand-off gold of `tests/gold/entities_ant2018` (PERSON, ORG, GPE, LOC, FAC mentions over
the article's title, a blank line and its body) becomes ANERcorp-style tagged sentences: the
text is cut by `split_sentences` and the blank Arabic tokenizer (as the pipeline does), a mention
covers every token it overlaps (ANERcorp tags a name with its glued clitics: وبغداد B-LOC), and
types fold to ANERcorp's: PERSON -> PERS, ORG -> ORG, GPE/LOC/FAC -> LOC. Three things the
gold marks that ANERcorp does not are left out: a mention inside a longer one (عدن in شرطة عدن:
the outer one is kept), a nationality adjective (اليمني, listed in `not_place` and ending in the
nisba ي/ية/يون/يين), and a mention crossing a sentence cut. MISC is not annotated there, so only
the PERS/LOC/ORG figures mean anything.

Nothing here was tuned on: the model never trains or picks a checkpoint on this text, so it
measures how the NER generalises to 2018 news. Only aggregate scores are reported.
"""
from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path

from marsad.text.normalize import normalize
from marsad.text.sentences import split_sentences
from marsad.training.ner_data import TaggedSentence

REPO_ROOT = Path(__file__).resolve().parents[2]
GOLD_DIR = REPO_ROOT / "tests" / "gold" / "entities_ant2018"
TYPE_MAP = {"PERSON": "PERS", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC"}


@lru_cache(maxsize=1)
def _nisba_endings() -> tuple[str, ...]:
    """The nisba ending (ي), feminine (ية as folded) and plural (يون، يين، يات), from the clitics file."""
    from marsad.lexicon.morphology import Morphology

    return Morphology.from_file().nisba_endings


def is_nationality_adjective(words: str) -> bool:
    """A one-word nisba adjective (اليمني، الأمريكية، السوريين): a country's `not_place` mention
    that ANERcorp leaves untagged."""
    folded = normalize(words).strip()
    return " " not in folded and folded.endswith(_nisba_endings())


def gold_mentions(gold: dict, text: str) -> list[tuple[int, int, str]]:
    """(start, end, ANERcorp type) of the gold's outermost mentions, nationality adjectives out."""
    mentions = []
    for entity in gold.get("entities", []):
        label = TYPE_MAP.get(entity.get("type"))
        if label is None:
            continue
        not_place = {tuple(m) for m in entity.get("not_place", [])}
        for start, end in entity.get("mentions", []):
            if (start, end) in not_place and is_nationality_adjective(text[start:end]):
                continue
            mentions.append((start, end, label))
    mentions.sort(key=lambda m: (m[0], -(m[1] - m[0])))
    outer: list[tuple[int, int, str]] = []
    for mention in mentions:
        if outer and mention[0] < outer[-1][1]:
            continue  # inside (or crossing) the previous, longer mention
        outer.append(mention)
    return outer


def tagged_sentences(text: str, mentions: Sequence[tuple[int, int, str]], tokenizer) -> list[TaggedSentence]:
    """The text's sentences as tokens with BIO tags from `mentions` (char offsets into `text`)."""
    out = []
    for s_start, s_end in split_sentences(text):
        doc = tokenizer(text[s_start:s_end])
        tokens = [t for t in doc if not t.is_space]
        if not tokens:
            continue
        tags = ["O"] * len(tokens)
        bounds = [(s_start + t.idx, s_start + t.idx + len(t.text)) for t in tokens]
        for m_start, m_end, label in mentions:
            if m_start < s_start or m_end > s_end:
                continue
            covered = [i for i, (a, b) in enumerate(bounds) if a < m_end and b > m_start]
            if not covered or any(tags[i] != "O" for i in covered):
                continue
            tags[covered[0]] = f"B-{label}"
            for i in covered[1:]:
                tags[i] = f"I-{label}"
        out.append(TaggedSentence(tuple(t.text for t in tokens), tuple(tags)))
    return out


def gold_documents(gold_dir: Path = GOLD_DIR, texts: dict[str, str] | None = None) -> list[tuple[str, list[TaggedSentence]]]:
    """(split, tagged sentences) of each gold article (top-level files only, in name order)."""
    import spacy

    from marsad.training.event_corpus import corpus_texts

    texts = corpus_texts("ant2018") if texts is None else texts
    tokenizer = spacy.blank("ar").tokenizer
    documents = []
    for path in sorted(Path(gold_dir).glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        if gold.get("corpus") != "ant2018" or "entities" not in gold.get("layers", ["entities"]):
            continue
        text = texts[gold["document"]]
        documents.append((gold.get("split", ""), tagged_sentences(text, gold_mentions(gold, text), tokenizer)))
    return documents


def score_gold(tag: Callable[[list[list[str]]], list[list[str]]], documents) -> dict:
    """Exact-span scores of `tag` (tokens of one document's sentences -> BIO tags; each document
    tagged on its own, so entity propagation stays inside it) over all the documents."""
    from marsad.scoring import score_spans

    gold, predicted = [], []
    for _, sentences in documents:
        gold.extend(s.tags for s in sentences)
        predicted.extend(tag([list(s.tokens) for s in sentences]))
    return score_spans(gold, predicted)


def score_model(nlp, documents=None) -> dict[str, dict]:
    """{"model": with propagation, "model_alone": without} PERS/LOC/ORG scores of a loaded model."""
    from marsad.nlp.ner import tag_sentences

    documents = gold_documents() if documents is None else documents
    return {name: score_gold(lambda s: tag_sentences(s, nlp=nlp, consistent=consistent), documents)
            for name, consistent in (("model", True), ("model_alone", False))}


def main(argv: list[str] | None = None) -> int:
    import argparse

    from marsad.nlp.ner import MODEL_DIR, load_ner_model

    parser = argparse.ArgumentParser(prog="python -m marsad.training.ner_gold", description=__doc__)
    parser.add_argument("model", nargs="?", type=Path, default=MODEL_DIR)
    parser.add_argument("--gold", type=Path, default=GOLD_DIR)
    args = parser.parse_args(argv)
    scores = score_model(load_ner_model(args.model), gold_documents(args.gold))
    for name, result in scores.items():
        print(name, " ".join(f"{t} {result[t]['f1']:.3f} (P {result[t]['precision']:.3f} R "
                                 f"{result[t]['recall']:.3f}, n {result[t]['support']})"
                                 for t in ("PERS", "LOC", "ORG", "overall_pers_loc_org")))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
