"""The first components: matching forms on tokens, and sentence boundaries."""
from __future__ import annotations

import numpy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Span

from marsad.settings import MAX_SENTENCE_TOKENS
from marsad.text.normalize import normalize_word
from marsad.text.sentences import split_sentences


def normalize_tokens(doc: Doc) -> Doc:
    """Set each token's `norm_` to its matching form (folded letters, no diacritics)."""
    for token in doc:
        token.norm_ = normalize_word(token.text)
    return doc


@Language.factory("marsad_normalize", default_config={}, assigns=["token.norm"], requires=[])
def make_normalizer(nlp: Language, name: str):
    """The spaCy factory of `normalize_tokens`."""
    return normalize_tokens


def set_sentence_boundaries(doc: Doc) -> Doc:
    """Mark sentence starts from the character spans that `split_sentences` finds, and cut a
    sentence longer than MAX_SENTENCE_TOKENS into pieces of that many tokens."""
    starts = {start for start, _ in split_sentences(doc.text)}
    marks, length = [], 0
    for token in doc:
        length += 1
        if token.i == 0 or token.idx in starts or length > MAX_SENTENCE_TOKENS:
            marks.append(1)
            length = 1
        else:
            marks.append(-1)
    # One array write: assigning Token.is_sent_start token by token costs a check per token.
    flags = numpy.array(marks, dtype="int64").astype("uint64").reshape(-1, 1)
    if len(doc):
        doc.from_array([SENT_START], flags)
    return doc


@Language.factory("marsad_sentences", default_config={}, assigns=["token.is_sent_start"],
                  requires=[])
def make_sentence_splitter(nlp: Language, name: str):
    """The spaCy factory of `set_sentence_boundaries`."""
    return set_sentence_boundaries


def sentence_of(doc: Doc, token: int) -> Span:
    """The sentence holding a token. spaCy's `Token.sent` scans the Doc on every call; this
    keeps one table per Doc."""
    table = doc.user_data.get("marsad_sentence_of")
    if table is None:
        table = []
        for sentence in doc.sents:
            table.extend([sentence] * len(sentence))
        doc.user_data["marsad_sentence_of"] = table
    return table[token]


def text_of(doc: Doc) -> str:
    """The Doc's text. spaCy joins every token's text on each `Doc.text` access; a Doc's
    text never changes, so it is joined once."""
    text = doc.user_data.get("marsad_text")
    if text is None:
        text = doc.user_data["marsad_text"] = doc.text
    return text
