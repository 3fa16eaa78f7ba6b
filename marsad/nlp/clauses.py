"""Where clauses begin and end around a word: actors and cues are read within their clause."""
from __future__ import annotations

from bisect import bisect_left

from spacy.tokens import Doc

from marsad.lexicon.lexicon import Lexicon, load_lexicon
from marsad.nlp.basics import token_table

_COMMAS = ("،", ",", "؛", ";")


def _boundaries(doc: Doc, lexicon: Lexicon | None) -> tuple[list[int], list[int]]:
    """The Doc's clause boundaries, found once: (tokens a clause starts after, commas that
    open a coordinated clause). Scanning from every trigger to its sentence's edge instead was
    quadratic in a long sentence (issue 14). The clause openers and clitics are the lexicon's,
    the shipped one unless a stage gives its own."""
    found = doc.user_data.get("marsad_clause_boundaries")
    if found is None:
        lexicon = load_lexicon() if lexicon is None else lexicon
        morphology = lexicon.morphology
        openers = lexicon.clause_openers
        table = token_table(doc)
        texts, norms = table.text, table.norm
        starts, ends = [], []
        for i, text in enumerate(texts):
            if text in _COMMAS or text == ":" or norms[i] in openers:
                starts.append(i)
            if text in _COMMAS and i + 1 < len(texts):
                following = norms[i + 1]
                # a glued و or ف the word counts allow (وقال), not a word's own letter (في، وزير، فرنسا)
                glued_and = morphology.starts_with_conjunction(following) and lexicon.split_allowed(following, following[1:])
                if glued_and or following in openers or \
                        morphology.opens_verb_clause(following):  # ليعلن
                    ends.append(i)
        found = doc.user_data["marsad_clause_boundaries"] = (starts, ends)
    return found


def clause_end(doc: Doc, position: int, ceiling: int, lexicon: Lexicon | None = None) -> int:
    """Where the clause after `position` ends: at a comma that opens a new coordinated
    clause (، وجدية …), not at the comma of an apposition (، الجنرال X،)."""
    ends = _boundaries(doc, lexicon)[1]
    k = bisect_left(ends, position)
    if k < len(ends) and ends[k] < ceiling - 1:
        return ends[k]
    return ceiling


def clause_start(doc: Doc, position: int, floor: int, lexicon: Lexicon | None = None) -> int:
    """Where the clause holding `position` begins: after a comma or a word such as أنّ."""
    starts = _boundaries(doc, lexicon)[0]
    k = bisect_left(starts, position) - 1
    if k >= 0 and starts[k] >= floor:
        return starts[k] + 1
    return floor
