"""Where clauses begin and end around a word: actors and cues are read within their clause."""
from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Doc

from marsad.lexicon.morphology import load_morphology
from marsad.nlp.lexicons import phrase_table


@lru_cache(maxsize=1)
def clause_openers() -> frozenset[str]:
    """Single words that open a clause (أن، الذي، حيث، قبل …), from the data file."""
    return frozenset(key[0] for key in phrase_table("events/clause_openers.tsv") if len(key) == 1)


def clause_end(doc: Doc, position: int, ceiling: int) -> int:
    """Where the clause after `position` ends: at a comma that opens a new coordinated
    clause (، وجدية …), not at the comma of an apposition (، الجنرال X،)."""
    morphology = load_morphology()
    for i in range(position, ceiling - 1):
        if doc[i].text in ("،", ",", "؛", ";"):
            following = doc[i + 1].norm_
            if morphology.starts_with_conjunction(following) or following in clause_openers() or \
                    morphology.opens_verb_clause(following):  # ليعلن
                return i
    return ceiling


def clause_start(doc: Doc, position: int, floor: int) -> int:
    """Where the clause holding `position` begins: after a comma or a word such as أنّ."""
    for i in range(position - 1, floor - 1, -1):
        if doc[i].text in ("،", ",", "؛", ";", ":") or doc[i].norm_ in clause_openers():
            return i + 1
    return floor
