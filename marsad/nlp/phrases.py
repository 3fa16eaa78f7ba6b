"""Longest-match lookup of multi-word phrases over a Doc's normalised words, clitics allowed."""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Generic, TypeVar

from spacy.tokens import Doc

from marsad.lexicon.morphology import Morphology
from marsad.nlp.basics import token_table

T = TypeVar("T")

# Quotation marks often wrap a name inside a phrase (قائد "فيلق القدس"); phrases read through them.
QUOTE_MARKS = frozenset('"«»“”„\'‘’')


@dataclass(frozen=True)
class Hit(Generic[T]):
    start: int      # first token index
    end: int        # token index after the last
    char_start: int  # where the phrase starts in the text, after any stripped clitic
    char_end: int
    payload: T


def word_positions(doc: Doc) -> tuple[int, ...]:
    """Indices of the tokens that phrases are read over (all but white space and quote marks),
    found once per Doc."""
    positions = doc.user_data.get("marsad_word_positions")
    if positions is None:
        positions = doc.user_data["marsad_word_positions"] = tuple(
            t.i for t in doc if not t.is_space and t.text not in QUOTE_MARKS)
    return positions


def find_phrases(doc: Doc, index: Mapping[tuple[str, ...], T], max_words: int,
                 positions: Sequence[int] | None = None, article: bool = False, *,
                 morphology: Morphology, short_stems: bool = False) -> list[Hit[T]]:
    """Non-overlapping longest matches of `index` keys, left to right.

    Keys are tuples of normalised words; the first word of a match may carry proclitics
    (و ف ب ل ك and their combinations), which the hit's character span leaves out. With
    `article`, keys written without the article also match words that have it (المصدر for
    مصدر), as common nouns in lexicons are listed bare. The clitics are `morphology`'s (a
    stage's Lexicon's). With `short_stems`, a conjunction also comes off a three-letter word
    (وحث، وشن، وتم), which the stemmer leaves whole: for a lexicon of two-letter verbs, whose
    caller checks the split against usage.
    """
    positions = positions if positions is not None else word_positions(doc)
    # most words begin no key: the words whose forms do are found by one set intersection
    norms, at, forms = _first_forms_at(doc, positions, article, morphology, short_stems)
    starts = sorted({k for form in forms.intersection(_prefixes(index)[1]) for k in at[form]})
    hits: list[Hit[T]] = []
    free = 0  # the first word no hit covers yet
    for k in starts:
        if k < free:
            continue
        hit = _longest_at(doc, index, max_words, positions, norms, k, article, morphology, short_stems)
        if hit is not None:
            hits.append(hit)
            free = positions.index(hit.end - 1, k) + 1
    return hits


def _first_forms_at(doc: Doc, positions: Sequence[int], article: bool, morphology: Morphology,
                    short_stems: bool = False) -> tuple[list[str], dict[str, list[int]], frozenset[str]]:
    """The norms at `positions`, where (indices into `positions`) each first-word form of them
    stands, and those forms; built once per Doc and word positions (the shared ones, or a stage's
    own, kept alive with the table so that their id is not reused): a Doc is searched for a
    dozen lexicons."""
    key = ("marsad_first_forms", article, id(morphology), id(positions), short_stems)
    cached = doc.user_data.get(key)
    if cached is not None and cached[0] is positions:
        return cached[1]
    table = token_table(doc).norm
    norms = [table[i] for i in positions]
    at: dict[str, list[int]] = {}
    for k, norm in enumerate(norms):
        for form, _ in _first_word_forms(norm, article, morphology, short_stems):
            at.setdefault(form, []).append(k)
    found = (norms, at, frozenset(at))
    if isinstance(positions, tuple):  # a stage's positions, not a few words looked at once
        doc.user_data[key] = (positions, found)
    return found


# A pure function of one word (and the Morphology it is read by), remembered: phrases are looked
# up at every word of every document, and news repeats its words.
@lru_cache(maxsize=100_000)
def _first_word_forms(word: str, article: bool, morphology: Morphology,
                      short_stems: bool = False) -> tuple[tuple[str, int], ...]:
    """(form, letters of clitics before it) for the first word of a phrase."""
    forms = [(form, len(word) - len(form)) for form in morphology.proclitic_variants(word)]
    if short_stems and len(forms) == 1 and len(word) == 3 and word[:1] in morphology.conjunctions:
        forms.append((word[1:], 1))
    if article:
        article = morphology.article
        forms += [(form[len(article):], letters) for form, letters in forms
                  if form.startswith(article) and len(form) > 4]
    return tuple(forms)


# Every proper prefix of every key, per index, so that a match grows word by word instead of
# trying every length, and every key's first word. The index itself is kept alongside so that
# its id is never reused.
_PREFIXES: dict[int, tuple[Mapping, frozenset, frozenset]] = {}


def _prefixes(index: Mapping) -> tuple[frozenset, frozenset]:
    """(the proper prefixes of the keys, the keys' first words) of an index."""
    cached = _PREFIXES.get(id(index))
    if cached is None or cached[0] is not index:
        prefixes = frozenset(key[:n] for key in index for n in range(1, len(key)))
        cached = _PREFIXES[id(index)] = (index, prefixes, frozenset(key[0] for key in index if key))
    return cached[1], cached[2]


def _longest_at(doc, index, max_words, positions, norms, k, article, morphology, short_stems=False):
    prefixes = _prefixes(index)[0]
    best = None  # (words, letters, payload)
    for first, letters in _first_word_forms(norms[k], article, morphology, short_stems):
        key = (first,)
        n = 1
        while True:
            payload = index.get(key)
            if payload is not None and (best is None or n > best[0]):
                best = (n, letters, payload)
            if key not in prefixes or k + n >= len(positions) or n >= max_words:
                break
            key = key + (norms[k + n],)
            n += 1
        if best is not None:
            break  # the most specific form of the first word that matches wins, as before
    if best is None:
        return None
    n, letters, payload = best
    first_token = doc[positions[k]]
    last_token = doc[positions[k + n - 1]]
    skip = clitic_chars(first_token.text, letters) if letters > 0 else 0
    return Hit(first_token.i, last_token.i + 1, first_token.idx + skip,
               last_token.idx + len(last_token.text), payload)


def clitic_chars(text: str, letters: int) -> int:
    """How many characters of `text` hold its first `letters` letters, marks included.

    Where ل+ال was undone (`للعراق` read as `العراق`), one letter fewer is cut, so the
    span starts at the ل that stands for the article.
    """
    letters = max(0, letters)
    count = 0
    index = 0
    while index < len(text) and count < letters:
        index += 1
        count += 1
        while index < len(text) and not text[index].isalpha():
            index += 1
    return index
