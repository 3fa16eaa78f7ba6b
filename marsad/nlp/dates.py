"""The marsad_dates component: every date expression of a Doc, resolved against its publication date."""
from __future__ import annotations

from datetime import date

from spacy.language import Language
from spacy.tokens import Doc

from marsad.nlp.extensions import register_extensions
from marsad.text.dates import find_dates

register_extensions()


def set_dates(doc: Doc) -> Doc:
    """Set `doc._.dates` from the text, resolving relative dates against `doc._.published`."""
    published = date.fromisoformat(doc._.published) if doc._.published else None
    doc._.dates = find_dates(doc.text, published)
    return doc


# `doc._.published` is the caller's, not an earlier component's, so it is not in `requires`.
@Language.factory("marsad_dates", default_config={}, assigns=["doc._.dates"], requires=[])
def make_date_finder(nlp: Language, name: str):
    """The spaCy factory of `set_dates`."""
    return set_dates
