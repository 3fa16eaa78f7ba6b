"""The marsad_ner component: the shipped statistical NER model sets `doc.ents` (PERS, LOC, ORG, MISC)."""
from pathlib import Path
from typing import Optional

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from marsad.nlp.ner import MODEL_DIR, load_ner_model  # importing ner registers the model's lexical attribute getters


# The model's memory grows with the tokens of a batch (about 14 KB a token), so batches are
# cut by tokens, not by sentences: 256 sentences of 600 numbers took 1.7 GB (issue 14).
NER_BATCH_TOKENS = 4000


def _batches(sentences: list, budget: int):
    """Consecutive groups of sentences of at most `budget` tokens (a longer sentence alone)."""
    batch, size = [], 0
    for tokens in sentences:
        if batch and size + len(tokens) > budget:
            yield batch
            batch, size = [], 0
        batch.append(tokens)
        size += len(tokens)
    if batch:
        yield batch


class NerTagger:
    """Tags a Marsad Doc's sentences with the NER model, loaded once when the pipeline is built."""

    def __init__(self, model: Optional[Language]):
        self.model = model  # None when no model has been trained into the package

    def spans(self, doc: Doc) -> list[tuple[int, int, str]]:
        """(first token, token after the last, label) of each entity the model finds in `doc`.

        The model was trained on whole-word tokens with clitics attached, which is how the blank
        Arabic tokenizer splits text too; sentences are tagged one by one as in training, from
        the words alone (the model has its own vocabulary and lexical attributes).
        """
        if self.model is None:
            return []
        # Persian and Urdu sentences (marsad_language) are not Arabic: no names are read there.
        foreign = doc.user_data.get("marsad_foreign_sentences") or {}
        sentences = [[t for t in sentence if not t.is_space] for sentence in doc.sents
                     if sentence.start not in foreign]
        sentences = [tokens for tokens in sentences if tokens]
        spans = []
        for batch in _batches(sentences, NER_BATCH_TOKENS):
            docs = [Doc(self.model.vocab, words=[t.text for t in tokens]) for tokens in batch]
            for tokens, tagged in zip(batch, self.model.pipe(docs, batch_size=len(docs))):
                for ent in tagged.ents:
                    spans.append((tokens[ent.start].i, tokens[ent.end - 1].i + 1, ent.label_))
        return spans

    def __call__(self, doc: Doc) -> Doc:
        doc.ents = [Span(doc, start, end, label=label) for start, end, label in self.spans(doc)]
        return doc


@Language.factory(
    "marsad_ner",
    default_config={"model_path": None},
    assigns=["doc.ents", "token.ent_iob", "token.ent_type"],
    requires=["token.is_sent_start"],
)
def make_ner_tagger(nlp: Language, name: str, model_path: Optional[str]) -> NerTagger:
    """The spaCy factory: the NER model at `model_path`, by default the one shipped in the package."""
    directory = Path(model_path) if model_path else MODEL_DIR
    return NerTagger(load_ner_model(directory) if (directory / "meta.json").exists() else None)
