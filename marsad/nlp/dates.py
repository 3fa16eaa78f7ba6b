"""The marsad_dates component: every date expression of a Doc, resolved against its publication date."""
from __future__ import annotations

from datetime import date

from spacy.language import Language
from spacy.tokens import Doc

from marsad.lexicon.lexicon import Lexicon
from marsad.nlp.basics import text_of
from marsad.nlp.extensions import register_extensions
from marsad.nlp.stage import LexiconStage
from marsad.text.date_vocab import DateVocabulary
from marsad.text.dates import find_dates

register_extensions()


def set_dates(doc: Doc, vocabulary: DateVocabulary | None = None) -> Doc:
    """Set `doc._.dates` from the text, resolving relative dates against `doc._.published`, with
    the shipped date vocabulary unless given one."""
    published = date.fromisoformat(doc._.published) if doc._.published else None
    doc._.dates = find_dates(text_of(doc), published, vocabulary)
    return doc


class DateComponent(LexiconStage):
    """`set_dates` over the date vocabulary of the Lexicon given at `initialize`, as a pipeline
    component."""

    vocabulary: DateVocabulary | None = None

    def use(self, lexicon: Lexicon) -> None:
        super().use(lexicon)
        self.vocabulary = lexicon.dates

    def process(self, doc: Doc) -> Doc:
        return set_dates(doc, self.vocabulary)


# `doc._.published` is the caller's, not an earlier component's, so it is not in `requires`.
@Language.factory("marsad_dates", default_config={}, assigns=["doc._.dates"], requires=[])
def make_date_finder(nlp: Language, name: str) -> DateComponent:
    """The spaCy factory of `set_dates`; the date vocabulary is the Lexicon's given at
    `initialize` (the shipped one unless a `data_dir` is named)."""
    return DateComponent()
