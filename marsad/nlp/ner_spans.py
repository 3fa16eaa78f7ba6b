"""Runs the shipped statistical NER model over a Marsad Doc's tokens and returns its spans."""
from __future__ import annotations

from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from marsad.nlp.ner import MODEL_DIR, load_ner_model


@lru_cache(maxsize=1)
def model() -> Language | None:
    """The NER model, or None when it has not been trained into the package."""
    if not (MODEL_DIR / "meta.json").exists():
        return None
    return load_ner_model()


def find(doc: Doc) -> list[tuple[int, int, str]]:
    """(first token, token after the last, label) of each entity the model finds in `doc`.

    The model was trained on whole-word tokens with clitics attached, which is how the blank
    Arabic tokenizer splits text too; sentences are tagged one by one as in training.
    """
    nlp = model()
    if nlp is None:
        return []
    sentences = [[t for t in sentence if not t.is_space] for sentence in doc.sents]
    sentences = [tokens for tokens in sentences if tokens]
    docs = (Doc(nlp.vocab, words=[t.text for t in tokens]) for tokens in sentences)
    spans = []
    for tokens, tagged in zip(sentences, nlp.pipe(docs)):
        for ent in tagged.ents:
            spans.append((tokens[ent.start].i, tokens[ent.end - 1].i + 1, ent.label_))
    return spans
