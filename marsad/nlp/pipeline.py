"""The Marsad pipeline as a spaCy Language: a blank Arabic tokenizer and Marsad's components."""
from __future__ import annotations

import importlib
from functools import lru_cache

import spacy
from spacy.language import Language

from marsad.nlp.extensions import register_extensions

# Each stage reads what the one before it left. Quotes come before events because an event
# is attributed to the sources its sentence cites. A stage whose module is absent is skipped,
# so the pipeline is usable while later stages are being built.
STAGES = (
    ("marsad.nlp.basics", "marsad_normalize"),
    ("marsad.nlp.basics", "marsad_sentences"),
    ("marsad.nlp.dates", "marsad_dates"),
    ("marsad.nlp.ner_component", "marsad_ner"),
    ("marsad.nlp.entities", "marsad_entities"),
    ("marsad.nlp.quotes", "marsad_quotes"),
    ("marsad.nlp.events", "marsad_events"),
)


def build_pipeline() -> Language:
    """A new pipeline with every available Marsad stage, in the data's order."""
    register_extensions()
    nlp = spacy.blank("ar")
    split_trailing_punctuation(nlp)
    # Articles are capped by settings.MAX_DOCUMENT_BYTES, not by spaCy's length guard.
    nlp.max_length = 20_000_000
    for module, factory in STAGES:
        try:
            importlib.import_module(module)
        except ModuleNotFoundError as error:
            if error.name != module:
                raise
            continue
        nlp.add_pipe(factory)
    return nlp


# The blank Arabic tokenizer keeps a closing quote and a full stop glued to a word (الأوسط".);
# names and dates must be matched without them.
_TRAILING_PUNCTUATION = r"[.\"»”’'\)\]،,؛:!?؟…]"


def split_trailing_punctuation(nlp: Language) -> None:
    """Let the tokenizer split any run of closing punctuation off a word's end."""
    suffixes = list(nlp.Defaults.suffixes or []) + [_TRAILING_PUNCTUATION]
    nlp.tokenizer.suffix_search = spacy.util.compile_suffix_regex(suffixes).search


@lru_cache(maxsize=1)
def load() -> Language:
    """The process's shared pipeline, built once."""
    return build_pipeline()
