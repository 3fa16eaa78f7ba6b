"""Arabic clitics in one place: the letters glued onto a word, and how each stage takes them off.

The inventory (conjunctions, prepositions, the article, the ل+ال contraction, light-stemming
suffixes) comes from marsad/data/morphology/clitics.tsv. Every split is guarded the same way
(`splits`): at least two letters stay, and, when the Morphology was given a word list, a word
that is itself a known word keeps its letters (وزارة is not و + زارة). The stages differ in how
much of a word they want left and in what they do with the article: those differences are the
parameters of the operations below, each named after what its callers need.
"""
from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from marsad.datafiles import DATA, read_rows
from marsad.errors import DataFileError

CLITICS_FILE = DATA / "morphology" / "clitics.tsv"
KINDS = ("conjunction", "preposition", "article", "contraction", "verb_particle",
         "imperfect_prefix", "tanwin", "suffix")
# No split leaves fewer letters than this, whatever a stage asks for.
MIN_STEM = 2


class Morphology:
    """The clitics of Arabic and the operations that strip them, with one guard for every split."""

    def __init__(self, forms: dict[str, tuple[str, ...]], known_words: Iterable[str] | None = None):
        self.forms = forms
        self.conjunctions = forms["conjunction"]
        self.prepositions = forms["preposition"]
        self.article = forms["article"][0]
        self.contraction = forms["contraction"][0]
        self.verb_particles = forms["verb_particle"]
        self.imperfect_prefixes = forms["imperfect_prefix"]
        self.tanwin = forms["tanwin"][0]
        self.suffixes = forms["suffix"]
        self.known_words = frozenset(known_words) if known_words is not None else None
        # The contraction stands for its preposition and the article (لل = ل + ال).
        self.contracted = self.contraction[0] + self.article
        self.stem_prefixes = self.proclitic_sequences()
        # Light stemming takes no lone ك (كان، كبير، كل) and no stack of clitics (وبال، ولل).
        self.light_stem_prefixes = self.proclitic_sequences(
            article_alone=True, lone=self.proclitic_letters(without="ك"), stacked=False)

    @classmethod
    def from_file(cls, path: Path = CLITICS_FILE,
                  known_words: Iterable[str] | None = None) -> Morphology:
        """The Morphology of a clitics file (columns form, kind, note)."""
        forms: dict[str, list[str]] = {kind: [] for kind in KINDS}
        for number, row in enumerate(read_rows(path), 1):
            kind, form = (row.get("kind") or "").strip(), (row.get("form") or "").strip()
            if kind not in forms or not form:
                raise DataFileError(f"{path} row {number}",
                                    f"expected a form and a kind in {KINDS}, got {row}")
            forms[kind].append(form)
        for kind in ("conjunction", "preposition", "article", "contraction", "tanwin"):
            if not forms[kind]:
                raise DataFileError(str(path), f"no {kind} row")
        return cls({kind: tuple(values) for kind, values in forms.items()}, known_words)

    def with_known_words(self, words: Iterable[str]) -> Morphology:
        """This Morphology, guarded by a word list: a known word is never split."""
        return Morphology(self.forms, words)

    # ------------------------------------------------------------------ the guard

    def splits(self, word: str, rest: str, min_stem: int = MIN_STEM) -> bool:
        """Whether letters may come off `word` leaving `rest`: `rest` keeps at least `min_stem`
        letters (never fewer than MIN_STEM), and `word` is no known word."""
        return len(rest) >= max(min_stem, MIN_STEM) and (
            self.known_words is None or word not in self.known_words)

    # ------------------------------------------------------------------ inventories

    def proclitic_sequences(self, article_alone: bool = False, lone: str | None = None,
                            stacked: bool = True) -> tuple[str, ...]:
        """Every run of proclitics a stemmer strips as one, longest first: a conjunction or a
        preposition alone (those in `lone`, default all), or before the article (وال، بال; ل + ال
        as لل), and with `stacked` a conjunction before both (وبال، ولل). Two single letters are
        not a run (the ب of وبغداد is the name's); the article alone only on request."""
        letters = self.conjunctions + self.prepositions
        runs = [c for c in letters if lone is None or c in lone]
        for head in ("",) + self.conjunctions:
            if head:
                runs.append(head + self.article)
            if head and not stacked:
                continue
            for preposition in self.prepositions:
                if preposition + self.article == self.contracted:
                    runs.append(head + self.contraction)
                else:
                    runs.append(head + preposition + self.article)
        if article_alone:
            runs.append(self.article)
        return tuple(sorted(dict.fromkeys(runs), key=len, reverse=True))

    def proclitic_letters(self, without: Iterable[str] = ()) -> str:
        """The single letters that glue onto the front of a word (conjunctions and prepositions)."""
        return "".join(c for c in self.conjunctions + self.prepositions if c not in set(without))

    def starts_with_conjunction(self, word: str) -> bool:
        return word[:1] in self.conjunctions

    def opens_verb_clause(self, word: str) -> bool:
        """A verb particle glued to an imperfect verb (ليعلن): the word opens a clause."""
        return word[:1] in self.verb_particles and word[1:2] in self.imperfect_prefixes

    # ------------------------------------------------------------------ operations

    def proclitic_variants(self, word: str, min_stem: int = 3) -> list[str]:
        """The word and its forms without a glued conjunction and preposition, most specific
        first: وللعراق gives وللعراق، للعراق، العراق (لل is undone to ال). No article stripping."""
        known = self.known_words
        floor = max(min_stem, MIN_STEM)
        variants = [word]
        stems = [word]
        if word[:1] in self.conjunctions and len(word) - 1 >= floor and (known is None or word not in known):
            stems.append(word[1:])
        for base in list(stems):
            if base[:1] in self.prepositions and len(base) - 1 >= floor and (known is None or base not in known):
                if base.startswith(self.contraction):
                    stems.append(self.article + base[len(self.contraction):])
                else:
                    stems.append(base[1:])
        for candidate in stems[1:]:
            if candidate not in variants:
                variants.append(candidate)
        return variants

    def peel(self, word: str, min_stem: int = 3, min_after_contraction: int = 2,
             min_after_article: int = 2) -> list[tuple[str, str]]:
        """(letters taken so far, what is left) as clitics come off in turn: the word itself, then
        a conjunction, then a preposition or the ل+ال contraction, then the article (never
        after the contraction, which holds it). Each step is taken only if the guard allows."""
        steps = [("", word)]
        clitics, stem = "", word
        if stem[:1] in self.conjunctions and self.splits(stem, stem[1:], min_stem):
            clitics, stem = clitics + stem[0], stem[1:]
            steps.append((clitics, stem))
        if stem.startswith(self.contraction) and \
                self.splits(stem, stem[len(self.contraction):], min_after_contraction):
            steps.append((clitics + self.contracted, stem[len(self.contraction):]))
            return steps
        if stem[:1] in self.prepositions and self.splits(stem, stem[1:], min_stem):
            clitics, stem = clitics + stem[0], stem[1:]
            steps.append((clitics, stem))
        if stem.startswith(self.article) and \
                self.splits(stem, stem[len(self.article):], min_after_article):
            steps.append((clitics + self.article, stem[len(self.article):]))
        return steps

    def stem_candidates(self, word: str, min_stem: int = 3, restore_article: bool = False,
                        min_after_contraction: int = 2, min_after_article: int = 2) -> list[str]:
        """The word, then every form of it with some of its proclitics off, fewest first: without
        a conjunction, without a preposition, then each of those without the article.

        ل + ال (لل) is undone either to the article (`restore_article`: للعراق -> العراق, for
        looking names up with their article) or dropped with it (للعراق -> عراق).
        """
        forms = [word]
        if word[:1] in self.conjunctions and self.splits(word, word[1:], min_stem):
            forms.append(word[1:])
        contraction = self.contraction
        for form in list(forms):
            contracted = form.startswith(contraction)
            if contracted and restore_article:
                restored = self.article + form[len(contraction):]
                if self.splits(form, restored, MIN_STEM):
                    forms.append(restored)
            if form[:1] in self.prepositions and self.splits(form, form[1:], min_stem):
                forms.append(form[1:])
            if contracted and not restore_article and \
                    self.splits(form, form[len(contraction):], min_after_contraction):
                forms.append(form[len(contraction):])
        for form in list(forms):
            if form.startswith(self.article) and \
                    self.splits(form, form[len(self.article):], min_after_article):
                forms.append(form[len(self.article):])
        return list(dict.fromkeys(forms))

    def stem(self, word: str, min_stem: int = 3) -> str:
        """The word without one run of proclitics, then without the article, then without a
        final tanwin alef, each only if `min_stem` letters stay."""
        for prefix in self.stem_prefixes:
            if word.startswith(prefix) and self.splits(word, word[len(prefix):], min_stem):
                word = word[len(prefix):]
                break
        if word.startswith(self.article) and self.splits(word, word[len(self.article):], min_stem):
            word = word[len(self.article):]
        if word.endswith(self.tanwin) and self.splits(word, word[:-len(self.tanwin)], min_stem):
            word = word[:-len(self.tanwin)]
        return word

    def light_stem(self, word: str, min_stem: int = 3) -> str:
        """One run of proclitics (or the article alone) off, then one suffix."""
        for prefix in self.light_stem_prefixes:
            if word.startswith(prefix) and self.splits(word, word[len(prefix):], min_stem):
                word = word[len(prefix):]
                break
        for suffix in self.suffixes:
            if word.endswith(suffix) and self.splits(word, word[:-len(suffix)], min_stem):
                return word[:-len(suffix)]
        return word


@lru_cache(maxsize=4)
def load_morphology(path: Path = CLITICS_FILE) -> Morphology:
    """The Morphology of the shipped clitics file (or of `path`), read once; no word list."""
    return Morphology.from_file(path)
