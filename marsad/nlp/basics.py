"""The first components: matching forms on tokens, and sentence boundaries."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from marsad.text.normalize import normalize
from marsad.text.sentences import split_sentences


@Language.component("marsad_normalize")
def normalize_tokens(doc: Doc) -> Doc:
    """Set each token's `norm_` to its matching form (folded letters, no diacritics)."""
    for token in doc:
        token.norm_ = normalize(token.text)
    return doc


@Language.component("marsad_sentences")
def set_sentence_boundaries(doc: Doc) -> Doc:
    """Mark sentence starts from the character spans that `split_sentences` finds."""
    starts = {start for start, _ in split_sentences(doc.text)}
    for token in doc:
        token.is_sent_start = token.i == 0 or token.idx in starts
    return doc
