"""The packaged statistical Arabic NER model: load it, tag tokenised sentences, score a tagger."""
from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from pathlib import Path

from marsad.nlp import ner_features  # noqa: F401  (registers the model's lexical attribute getters)
from marsad.nlp.bio import ENTITY_TYPES, bio_spans, doc_words
from marsad.nlp.ner_features import strip_proclitics
from marsad.text.normalize import normalize

MODEL_DIR = Path(__file__).resolve().parent.parent / "models" / "ner"
# The types the DESIGN budget is stated over; MISC is scored too but kept apart.
CORE_TYPES = ("PERS", "LOC", "ORG")
# A single word shorter than this (folded, clitics off) is not propagated: too ambiguous.
MIN_PROPAGATED_LETTERS = 3

Tagger = Callable[[list[list[str]]], list[list[str]]]


@lru_cache(maxsize=4)
def load_ner_model(path: str | Path | None = None):
    """The spaCy pipeline of the packaged NER model (or of the model at `path`), loaded once."""
    import spacy

    return spacy.load(Path(path) if path is not None else MODEL_DIR)


def tag_sentences(
    sentences: Sequence[Sequence[str]], nlp=None, batch_size: int = 256, consistent: bool = True
) -> list[list[str]]:
    """One BIO tag (PERS/LOC/ORG/MISC) for each input token.

    Docs are built from the given words, so the tokeniser never splits or merges a token.
    With `consistent`, the sentences are taken as one text (pass one document's sentences
    together) and an entity the model found in one place is also tagged where it recurs
    untagged (`propagate_entities`).
    """
    from spacy.tokens import Doc

    nlp = nlp if nlp is not None else load_ner_model()
    docs = []
    for tokens in sentences:
        words = doc_words(tokens)
        docs.append(Doc(nlp.vocab, words=words, spaces=[True] * len(words)) if words else None)
    nonempty = [doc for doc in docs if doc is not None]
    tagged = iter(nlp.pipe(nonempty, batch_size=batch_size))
    out: list[list[str]] = []
    for doc in docs:
        if doc is None:
            out.append([])
            continue
        doc = next(tagged)
        out.append([f"{t.ent_iob_}-{t.ent_type_}" if t.ent_iob_ in ("B", "I") else "O" for t in doc])
    return propagate_entities(sentences, out) if consistent else out


def _mention_keys(tokens: Sequence[str]) -> tuple[list[str], list[str]]:
    """Each token folded, and folded with its proclitics off (how a mention may start)."""
    folded = [normalize(t) for t in tokens]
    return folded, [strip_proclitics(f)[1] for f in folded]


def propagate_entities(
    sentences: Sequence[Sequence[str]], tags: Sequence[Sequence[str]]
) -> list[list[str]]:
    """Tag untagged recurrences of the entities found in these sentences (one sense a text).

    News repeats its names: a club or company the model tags once often goes untagged where
    it recurs with less context. Every multi-word mention is propagated, and single words of
    every type but PERS: a lone PERS word is mostly a given name (محمد) that would spread to
    other people. A mention matches with or without proclitics on its first word
    (البنك التجاري = للبنك التجاري). Existing tags are never changed; the longest match wins.
    Held-out effect: PERS/LOC/ORG F1 +0.02, mostly ORG recall (training/NOTES.md).
    """
    keyed = [_mention_keys(tokens) for tokens in sentences]
    votes: dict[tuple[str, ...], Counter] = {}
    for (folded, stripped), sentence_tags in zip(keyed, tags):
        for start, end, label in bio_spans(sentence_tags):
            key = (stripped[start], *folded[start + 1:end])
            votes.setdefault(key, Counter())[label] += 1
    known = {}
    for key, counter in votes.items():
        label = counter.most_common(1)[0][0]
        if len(key) > 1 or (label != "PERS" and len(key[0]) >= MIN_PROPAGATED_LETTERS):
            known[key] = label
    if not known:
        return [list(t) for t in tags]
    longest = max(map(len, known))
    firsts = {key[0] for key in known}
    out = []
    for (folded, stripped), sentence_tags in zip(keyed, tags):
        new = list(sentence_tags)
        i = 0
        while i < len(new):
            step = 1
            if new[i] == "O" and stripped[i] in firsts and folded[i]:
                for n in range(min(longest, len(new) - i), 0, -1):
                    label = known.get((stripped[i], *folded[i + 1:i + n]))
                    if label and all(t == "O" for t in new[i:i + n]) and all(folded[i:i + n]):
                        new[i:i + n] = [f"B-{label}"] + [f"I-{label}"] * (n - 1)
                        step = n
                        break
            i += step
        out.append(new)
    return out


def score_spans(
    gold: Iterable[Sequence[str]], predicted: Iterable[Sequence[str]]
) -> dict[str, dict[str, float]]:
    """Exact-span precision, recall and F1 per type, micro over PERS/LOC/ORG and over all four."""
    counts = {t: {"tp": 0, "fp": 0, "fn": 0} for t in ENTITY_TYPES}
    for gold_tags, pred_tags in zip(gold, predicted, strict=True):
        if len(gold_tags) != len(pred_tags):
            raise ValueError(f"tagger returned {len(pred_tags)} tags for {len(gold_tags)} tokens")
        gold_spans = set(bio_spans(gold_tags))
        pred_spans = set(bio_spans(pred_tags))
        for span in pred_spans:
            if span[2] in counts:
                counts[span[2]]["tp" if span in gold_spans else "fp"] += 1
        for span in gold_spans - pred_spans:
            if span[2] in counts:
                counts[span[2]]["fn"] += 1
    result = {t: _prf(**counts[t]) for t in ENTITY_TYPES}
    for name, types in (("overall_pers_loc_org", CORE_TYPES), ("overall", ENTITY_TYPES)):
        result[name] = _prf(**{k: sum(counts[t][k] for t in types) for k in ("tp", "fp", "fn")})
    return result


def _prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4),
            "support": tp + fn}


def evaluate_conll(path: str | Path, tagger: Tagger | None = None, sentences=None) -> dict:
    """Score a tagger (default: the packaged model) on an ANERcorp-format file.

    Returns per-type and overall exact-span scores plus `tokens`, `seconds` and `tokens_per_s`.
    `sentences` (already read TaggedSentence objects) replaces reading `path` when given.
    """
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


def format_scores(result: dict) -> str:
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
