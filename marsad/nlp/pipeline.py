"""The Marsad pipeline as a spaCy Language: a blank Arabic tokenizer and Marsad's components."""
from __future__ import annotations

import importlib
import re
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
    ("marsad.nlp.basics", "marsad_language"),
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
    # Stages that read a Lexicon receive it here, the shipped one (marsad.nlp.stage).
    nlp.initialize()
    return nlp


# The blank Arabic tokenizer keeps a closing quote and a full stop glued to a word (الأوسط".),
# and a dateline's dashes to its outlet ((CNN)--); names and dates must be matched without them.
_TRAILING_PUNCTUATION = r"[.\"»”’'\)\]،,؛:!?؟…\-–—]"


# A quotation mark between two Arabic letters, no space around it, opens or closes a quote glued
# to the word before it (مصادر"سكاي نيوز عربية", لـ"سكاي): the name after it is a word of its own.
_GLUED_QUOTE = r"(?<=[\u0621-\u064A])[\"«»“”](?=[\u0621-\u064A])"

# An Arabic comma or semicolon between two letters, no space after it (لافروف،الثلاثاء، صنعاء،مأرب:
# 71 times in ant2018), ends the word before it as one with a space would; between digits (1،5) it is
# a decimal comma and stays.
_GLUED_COMMA = r"(?<=[\u0621-\u064A])[،؛](?=[\u0621-\u064A])"

# A hashtag joins a name's words with underscores (#كوريا_الشمالية، #دونالد_ترمب): split there,
# the underscore is read as the space it stands for, so the name is matched as written elsewhere.
_HASHTAG_JOINER = r"(?<=\w)_(?=\w)"


def split_trailing_punctuation(nlp: Language) -> None:
    """Let the tokenizer split any run of closing punctuation off a word's end, a quotation
    mark or comma off the word it is glued to, and a hashtag's words at its underscores."""
    suffixes = list(nlp.Defaults.suffixes or []) + [_TRAILING_PUNCTUATION]
    nlp.tokenizer.suffix_search = TailSearch(spacy.util.compile_suffix_regex(suffixes))
    infixes = list(nlp.Defaults.infixes or []) + [_GLUED_QUOTE, _GLUED_COMMA, _HASHTAG_JOINER]
    nlp.tokenizer.infix_finditer = spacy.util.compile_infix_regex(infixes).finditer
    nlp.tokenizer.token_match = _LONG_WORD.match
    nlp.vocab["_"].is_space = True


# The tokenizer splits affixes one at a time, copying what is left of the word each time: over a
# 20,000-character run of « that is quadratic even with a fast suffix search. What is left of a
# word once it reaches this length is one token (the longest word of ant2018's 9,121 articles
# has 139 characters; spaCy's `token_match` is asked first on every remainder).
LONG_WORD_CHARS = 1000
_LONG_WORD = re.compile(r"(?s).{%d}" % LONG_WORD_CHARS)


class TailSearch:
    """A suffix pattern's `search`, looking only at a word's last characters.

    Every suffix pattern ends in `$`, but `re.search` still tries each position of the word, and
    the tokenizer searches once per affix it splits off: a 20,000-character run of « took 40 s
    (issue 14). The only suffix longer than REACH characters is a run of dots (`\\.\\.+`); where
    a match starts at the window's edge and so may reach further back, the whole word is
    searched, so the result is always that of the plain search.
    """
    REACH = 64

    def __init__(self, pattern):
        self.pattern = pattern
        self.__self__ = pattern  # what spaCy's Tokenizer.to_bytes reads a search's pattern from

    def __call__(self, string: str):
        edge = len(string) - self.REACH
        if edge <= 0:
            return self.pattern.search(string)
        # With `pos`, the look-behinds of the unit patterns ((?<=[0-9])km) still see the
        # characters before the window.
        match = self.pattern.search(string, edge)
        if match is not None and match.start() == edge and match.end() > match.start():
            return self.pattern.search(string)
        return match

    def __reduce__(self):  # the tokenizer is pickled for Dask workers
        return (TailSearch, (self.pattern,))


@lru_cache(maxsize=1)
def load() -> Language:
    """The process's shared pipeline, built once."""
    return build_pipeline()


# A short article that goes through every stage (a date, names, a quote, an event).
WARM_UP_TEXT = ("زار وزير الخارجية الأردني بغداد يوم الأربعاء الماضي، وقال إن المحادثات مع رئيس "
                "الوزراء العراقي مصطفى الكاظمي كانت إيجابية.")


@lru_cache(maxsize=1)
def load_warm() -> Language:
    """The shared pipeline after one short text has gone through it, so that the tables and
    models its stages load on first use are loaded: a document's time limit counts analysis,
    not loading."""
    nlp = load()
    doc = nlp.make_doc(WARM_UP_TEXT)
    doc._.published = "2020-01-01"
    nlp(doc)
    return nlp
