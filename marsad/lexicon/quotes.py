"""The quotes stage's knowledge (speech verbs, source cues and links, its function words, the
clause openers, the nouns that name a body and the news outlets), read from a data directory into
one frozen object."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from marsad.datafiles import read_rows
from marsad.errors import DataFileError
from marsad.kb.outlets import OutletBase, read_outlets
from marsad.lexicon.morphology import Morphology
from marsad.lexicon.tables import Table, phrase_table
from marsad.lexicon.generic_nouns import GenericNoun, GenericNouns
from marsad.text.normalize import normalize

WORD_CLASSES = ("that", "preposition", "pronoun_subject", "relayed_clause", "relay_from", "and", "impersonal",
                "noun_complement", "complement_preposition", "demand_noun", "according_after", "auxiliary", "statement",
                "place_preposition", "publish")


@dataclass(frozen=True, eq=False)
class QuoteLexicon:
    speech_verbs: Table                  # form -> (kind, part)
    source_cues: Table                   # form -> (kind,)
    source_modifiers: frozenset[str]
    source_links: dict[str, str]         # one word -> its role (place, complement, ...)
    classes: dict[str, frozenset[str]]   # class of quote_words.tsv -> normalised forms
    clause_break: re.Pattern[str]        # a comma and the word that hands over to another clause
    clause_openers: frozenset[str]       # single words that open a clause (أن، الذي، حيث، قبل …)
    body_nouns: dict[str, GenericNoun]   # one noun naming a kind of body (منظمة، وكالة، لجنة)
    outlets: OutletBase                  # outlets/outlets.tsv: an agency that is an outlet, not a body of state
    morphology: Morphology
    # Read on every token the stage looks at: kept as plain fields rather than looked up.
    that: frozenset[str]                 # classes["that"]
    prepositions: frozenset[str]         # classes["preposition"]
    article: str                         # morphology.article
    glued_prepositions: tuple[str, ...]  # morphology.prepositions
    conjunctions: tuple[str, ...]        # morphology.conjunctions
    function_words: frozenset[str]       # spaCy's Arabic stop words, normalised

    @classmethod
    def load(cls, root: Path, morphology: Morphology) -> QuoteLexicon:
        """The files of root/quotes, the clause openers of root/events, the body nouns of
        root/actors and the outlets of root/outlets (a data directory laid out as marsad/data),
        with the data's Morphology."""
        folder = root / "quotes"
        classes: dict[str, set[str]] = {name: set() for name in WORD_CLASSES}
        for row in read_rows(folder / "quote_words.tsv"):
            if row["class"] not in classes:
                raise DataFileError(str(folder / "quote_words.tsv"), f"unknown class {row['class']!r}")
            classes[row["class"]].add(normalize(row["form"]))
        breaks = [row["form"] for row in read_rows(folder / "clause_breaks.tsv")]
        frozen = {name: frozenset(forms) for name, forms in classes.items()}
        return cls(speech_verbs=phrase_table(folder / "speech_verbs.tsv", "kind", "part"),
                   source_cues=phrase_table(folder / "source_cues.tsv", "kind"),
                   source_modifiers=frozenset(key[0] for key in phrase_table(folder / "source_modifiers.tsv")),
                   source_links={key[0]: row[0] for key, row in
                                 phrase_table(folder / "source_links.tsv", "role").items() if len(key) == 1},
                   classes=frozen,
                   clause_break=clause_break_pattern(breaks),
                   clause_openers=frozenset(key[0] for key in phrase_table(root / "events" / "clause_openers.tsv")
                                            if len(key) == 1),
                   body_nouns=body_nouns(GenericNouns.load(root / "actors" / "generic_nouns.tsv"),
                                         morphology.article),
                   outlets=read_outlets(root / "outlets" / "outlets.tsv"),
                   morphology=morphology, that=frozen["that"], prepositions=frozen["preposition"],
                   article=morphology.article, glued_prepositions=morphology.prepositions,
                   conjunctions=morphology.conjunctions, function_words=function_words())


def function_words() -> frozenset[str]:
    """spaCy's Arabic stop words, normalised: words that are no name and no body."""
    from spacy.lang.ar.stop_words import STOP_WORDS

    return frozenset(normalize(word) for word in STOP_WORDS)


def body_nouns(nouns: GenericNouns, article: str) -> dict[str, GenericNoun]:
    """The single nouns, without the article, that name a kind of body (منظمة، وكالة، لجنة); all
    the generic nouns count, even those spelled like a function word (unlike the event stage's)."""
    return {key[0]: noun for key, noun in nouns.forms.items()
            if len(key) == 1 and noun.kind == "body" and not key[0].startswith(article)}


def clause_break_pattern(forms: list[str]) -> re.Pattern[str]:
    """A comma, spaces, then one of `forms` as written (the text is searched, not its norms)."""
    return re.compile(r"،\s*(?:" + "|".join(re.escape(form) for form in forms) + ")")
