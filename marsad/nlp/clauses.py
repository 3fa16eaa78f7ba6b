"""Where clauses begin and end around a word: actors and cues are read within their clause."""
from __future__ import annotations

from bisect import bisect_left
from functools import lru_cache

from spacy.tokens import Doc

from marsad.lexicon.morphology import load_morphology
from marsad.nlp.basics import token_table
from marsad.nlp.lexicons import phrase_table

_COMMAS = ("،", ",", "؛", ";")


@lru_cache(maxsize=1)
def clause_openers() -> frozenset[str]:
    """Single words that open a clause (أن، الذي، حيث، قبل …), from the data file."""
    return frozenset(key[0] for key in phrase_table("events/clause_openers.tsv") if len(key) == 1)


def _boundaries(doc: Doc) -> tuple[list[int], list[int]]:
    """The Doc's clause boundaries, found once: (tokens a clause starts after, commas that
    open a coordinated clause). Scanning from every trigger to its sentence's edge instead was
    quadratic in a long sentence (issue 14)."""
    found = doc.user_data.get("marsad_clause_boundaries")
    if found is None:
        morphology = load_morphology()
        openers = clause_openers()
        table = token_table(doc)
        texts, norms = table.text, table.norm
        starts, ends = [], []
        for i, text in enumerate(texts):
            if text in _COMMAS or text == ":" or norms[i] in openers:
                starts.append(i)
            if text in _COMMAS and i + 1 < len(texts):
                following = norms[i + 1]
                if morphology.starts_with_conjunction(following) or following in openers or \
                        morphology.opens_verb_clause(following):  # ليعلن
                    ends.append(i)
        found = doc.user_data["marsad_clause_boundaries"] = (starts, ends)
    return found


def clause_end(doc: Doc, position: int, ceiling: int) -> int:
    """Where the clause after `position` ends: at a comma that opens a new coordinated
    clause (، وجدية …), not at the comma of an apposition (، الجنرال X،)."""
    ends = _boundaries(doc)[1]
    k = bisect_left(ends, position)
    if k < len(ends) and ends[k] < ceiling - 1:
        return ends[k]
    return ceiling


def clause_start(doc: Doc, position: int, floor: int) -> int:
    """Where the clause holding `position` begins: after a comma or a word such as أنّ."""
    starts = _boundaries(doc)[0]
    k = bisect_left(starts, position) - 1
    if k >= 0 and starts[k] >= floor:
        return starts[k] + 1
    return floor
