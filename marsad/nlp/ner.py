"""The packaged statistical Arabic NER model: load it and tag tokenised sentences."""
from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from spacy.attrs import NORM

from marsad.nlp import ner_features  # noqa: F401  (registers the model's lexical attribute getters)
from marsad.nlp.bio import bio_spans, doc_words
from marsad.nlp.ner_features import NAME_TABLE, NerFeatures, NormGetter
from marsad.text.normalize import normalize

MODEL_DIR = Path(__file__).resolve().parent.parent / "models" / "ner"
# A single word shorter than this (folded, clitics off) is not propagated: too ambiguous.
MIN_PROPAGATED_LETTERS = 3


def load_ner_model(path: str | Path | None = None):
    """The spaCy pipeline of the packaged NER model (or of the model at `path`). Each call loads
    it again: the marsad_ner component holds the pipeline's, a caller that tags more than once
    keeps its own."""
    import spacy

    return use_numpy_gemm(spacy.load(Path(path) if path is not None else MODEL_DIR))


def use_numpy_gemm(nlp):
    """`nlp` with its models multiplying matrices through numpy (OpenBLAS), not thinc's blis.

    The tok2vec's matrix products are most of the pipeline's time; on its shapes (a few hundred
    tokens by 288) blis took three times as long as numpy's dot on one core. The tags are the
    same: 10,147 entities in 300 ant2018 articles, identical with either.
    """
    from thinc.api import NumpyOps

    ops = NumpyOps(use_blis=False)
    for _, pipe in nlp.pipeline:
        for node in pipe.model.walk() if hasattr(pipe, "model") else ():
            node.ops = ops
    return nlp


def load_name_table(model_dir: Path = MODEL_DIR):
    """The name lists saved in the NER model's vocabulary (see marsad.nlp.ner_features), read
    without loading the model; None when there is no model or no such table."""
    from spacy.lookups import Lookups

    if not (model_dir / "meta.json").exists() or not (model_dir / "vocab" / "lookups.bin").exists():
        return None
    lookups = Lookups().from_disk(model_dir / "vocab")
    return lookups.get_table(NAME_TABLE) if lookups.has_table(NAME_TABLE) else None


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
    return propagate_entities(sentences, out, model_features(nlp)) if consistent else out


def model_features(nlp) -> NerFeatures:
    """The clitic reading of a model's lexical attributes (a fresh one for a model without them)."""
    getter = nlp.vocab.lex_attr_getters.get(NORM)
    return getter.features if isinstance(getter, NormGetter) else NerFeatures()


def _mention_keys(tokens: Sequence[str], features: NerFeatures) -> tuple[list[str], list[str]]:
    """Each token folded, and folded with its proclitics off (how a mention may start)."""
    folded = [normalize(t) for t in tokens]
    return folded, [features.strip_proclitics(f)[1] for f in folded]


def propagate_entities(
    sentences: Sequence[Sequence[str]], tags: Sequence[Sequence[str]], features: NerFeatures | None = None
) -> list[list[str]]:
    """Tag untagged recurrences of the entities found in these sentences (one sense a text).

    News repeats its names: a club or company the model tags once often goes untagged where
    it recurs with less context. Every multi-word mention is propagated, and single words of
    every type but PERS: a lone PERS word is mostly a given name (محمد) that would spread to
    other people. A mention matches with or without proclitics on its first word
    (البنك التجاري = للبنك التجاري). Existing tags are never changed; the longest match wins.
    Held-out effect: PERS/LOC/ORG F1 +0.02, mostly ORG recall (training/NOTES.md). `features`:
    the model's clitic reading (`model_features`), the shipped clitics file's unless given.
    """
    features = NerFeatures() if features is None else features
    keyed = [_mention_keys(tokens, features) for tokens in sentences]
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
