"""The quotes stage's knowledge (speech verbs, source cues and links, its function words), read
from the quotes folder of a data directory into one frozen object."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from marsad.datafiles import read_rows
from marsad.errors import DataFileError
from marsad.lexicon.morphology import Morphology
from marsad.lexicon.tables import Table, phrase_table
from marsad.text.normalize import normalize

WORD_CLASSES = ("that", "preposition", "pronoun_subject", "relayed_clause", "relay_from", "and")


@dataclass(frozen=True, eq=False)
class QuoteLexicon:
    speech_verbs: Table                  # form -> (kind, part)
    source_cues: Table                   # form -> (kind,)
    source_modifiers: frozenset[str]
    source_links: dict[str, str]         # one word -> its role (place, complement, ...)
    classes: dict[str, frozenset[str]]   # class of quote_words.tsv -> normalised forms
    clause_break: re.Pattern[str]        # a comma and the word that hands over to another clause
    morphology: Morphology

    @classmethod
    def load(cls, folder: Path, morphology: Morphology) -> QuoteLexicon:
        """The files of `folder` (laid out as marsad/data/quotes), with the data's Morphology."""
        classes: dict[str, set[str]] = {name: set() for name in WORD_CLASSES}
        for row in read_rows(folder / "quote_words.tsv"):
            if row["class"] not in classes:
                raise DataFileError(str(folder / "quote_words.tsv"), f"unknown class {row['class']!r}")
            classes[row["class"]].add(normalize(row["form"]))
        breaks = [row["form"] for row in read_rows(folder / "clause_breaks.tsv")]
        return cls(speech_verbs=phrase_table(folder / "speech_verbs.tsv", "kind", "part"),
                   source_cues=phrase_table(folder / "source_cues.tsv", "kind"),
                   source_modifiers=frozenset(key[0] for key in phrase_table(folder / "source_modifiers.tsv")),
                   source_links={key[0]: row[0] for key, row in
                                 phrase_table(folder / "source_links.tsv", "role").items() if len(key) == 1},
                   classes={name: frozenset(forms) for name, forms in classes.items()},
                   clause_break=clause_break_pattern(breaks), morphology=morphology)

    @property
    def that(self) -> frozenset[str]:
        return self.classes["that"]

    @property
    def prepositions(self) -> frozenset[str]:
        return self.classes["preposition"]

    @property
    def article(self) -> str:
        return self.morphology.article


def clause_break_pattern(forms: list[str]) -> re.Pattern[str]:
    """A comma, spaces, then one of `forms` as written (the text is searched, not its norms)."""
    return re.compile(r"،\s*(?:" + "|".join(re.escape(form) for form in forms) + ")")
