"""The Doc extensions through which Marsad's components pass their results (namespaced `doc._`)."""
from __future__ import annotations

from spacy.tokens import Doc

# name -> default; list-valued layers default to None so that a missing component is visible.
DOC_EXTENSIONS = {
    "published": None,     # ISO date string of publication, set by the caller
    "dates": None,         # list[DateMention], set by marsad_dates
    "entities": None,      # list[Entity], set by the entities component
    "events": None,        # list[Event], set by the events component
    "quotes": None,        # list[Quote], set by the quotes component
    "attributions": None,  # list[Attribution], set by the quotes component
    "warnings": None,      # list[str], added to by any component
}


def register_extensions() -> None:
    """Register Marsad's Doc extensions once per process."""
    for name, default in DOC_EXTENSIONS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)
