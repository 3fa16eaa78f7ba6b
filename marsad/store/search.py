"""Full-text search over normalised Arabic: the terms indexed, the FTS5 query, Arabic snippets."""
from __future__ import annotations

import re

from marsad.text.normalize import normalize_with_offsets
from marsad.text.words import proclitic_variants, stem, words

_TOKEN = re.compile(r"[\w\u0600-\u06FF]+")


def word_forms(word: str) -> list[str]:
    """A normalised word, its forms without glued conjunctions/prepositions, and its stem."""
    forms = proclitic_variants(word)
    base = stem(word)
    if base and base not in forms:
        forms.append(base)
    return forms


def index_terms(text: str) -> str:
    """The string indexed for a text: every normalised word followed by its other forms."""
    out: list[str] = []
    for word in words(text):
        out.extend(word_forms(word))
    return " ".join(out)


def match_expression(query: str) -> str:
    """An FTS5 MATCH expression: every query word must appear, in any of its forms.

    Only quoted terms reach FTS5, so a user's text never acts as FTS5 syntax.
    """
    groups = []
    for word in words(query):
        forms = word_forms(word)
        # A form found in the query only by stripping (وبغداد -> بغداد) is what the index holds
        # for every clitic variant; the full form keeps precision for the rest.
        groups.append("(" + " OR ".join(_quote(f) for f in forms) + ")")
    return " AND ".join(groups)


def _quote(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def snippet(text: str, query: str, width: int = 60) -> str:
    """A piece of the original Arabic text around the first word matching the query, marked «».

    Matching is done on normalised words and their clitic-free forms, as in the index.
    """
    wanted: set[str] = set()
    for word in words(query):
        wanted.update(word_forms(word))
    norm = normalize_with_offsets(text)
    for match in _TOKEN.finditer(norm.text):
        if wanted.intersection(word_forms(match.group())):
            start, end = norm.span_to_original(match.start(), match.end())
            left = max(0, start - width)
            right = min(len(text), end + width)
            piece = (("…" if left else "") + text[left:start] + "«" + text[start:end] + "»"
                     + text[end:right] + ("…" if right < len(text) else ""))
            return " ".join(piece.split())
    return " ".join(text[: 2 * width].split()) + ("…" if len(text) > 2 * width else "")
