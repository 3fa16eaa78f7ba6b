"""The marsad_dates component: every date expression of a Doc, resolved against its publication date."""
from __future__ import annotations

from datetime import date
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from marsad.lexicon.lexicon import Lexicon, load_lexicon
from marsad.nlp.extensions import register_extensions
from marsad.text.date_vocab import DateVocabulary
from marsad.text.dates import find_dates

register_extensions()


def set_dates(doc: Doc, vocabulary: DateVocabulary | None = None) -> Doc:
    """Set `doc._.dates` from the text, resolving relative dates against `doc._.published`, with
    the shipped date vocabulary unless given one."""
    published = date.fromisoformat(doc._.published) if doc._.published else None
    doc._.dates = find_dates(doc.text, published, vocabulary)
    return doc


class DateComponent:
    """`set_dates` over one date vocabulary, as a pipeline component."""

    def __init__(self, vocabulary: DateVocabulary):
        self.vocabulary = vocabulary

    def __call__(self, doc: Doc) -> Doc:
        return set_dates(doc, self.vocabulary)


# `doc._.published` is the caller's, not an earlier component's, so it is not in `requires`.
@Language.factory("marsad_dates", default_config={"data_dir": None}, assigns=["doc._.dates"], requires=[])
def make_date_finder(nlp: Language, name: str, data_dir: str | None) -> DateComponent:
    """The spaCy factory of `set_dates`, over the shipped Lexicon's date vocabulary or over that
    of one read from `data_dir` (laid out as marsad/data)."""
    lexicon = load_lexicon() if data_dir is None else Lexicon.load(Path(data_dir))
    return DateComponent(lexicon.dates)
