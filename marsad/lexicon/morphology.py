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
from pathlib import Path

from marsad.datafiles import DATA, read_rows
from marsad.errors import DataFileError

CLITICS_FILE = DATA / "morphology" / "clitics.tsv"
KINDS = ("conjunction", "preposition", "article", "contraction", "verb_particle",
         "imperfect_prefix", "tanwin", "suffix",
         # how a word's ending is spelled (optional: see the file's header)
         "owner_suffix", "plural_ending", "no_tanwin_after", "ta_marbuta", "open_ta", "verb_plural", "verb_ending",
         "hamza_after_alef", "hamza_seat", "lone_kept", "long_vowel",
         # what the entity stage reads off a name or the word beside it (optional too)
         "name_clitic", "nisba", "feminine_verb", "feminine_plural", "possessive",
         # what the trigger model reads off a word (optional too)
         "attached_pronoun", "definite_run", "masdar_alef")
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
        self.owner_suffixes = forms.get("owner_suffix", ())
        self.plural_endings = forms.get("plural_ending", ())
        self.no_tanwin_after = forms.get("no_tanwin_after", ())
        self.ta_marbuta = _first(forms, "ta_marbuta")
        self.open_ta = _first(forms, "open_ta")
        self.verb_plural = _first(forms, "verb_plural")
        self.verb_endings = forms.get("verb_ending", ())
        self.hamza_after_alef = _first(forms, "hamza_after_alef")
        self.hamza_seats = forms.get("hamza_seat", ())
        self.long_vowels = "".join(forms.get("long_vowel", ()))
        self.name_clitics = frozenset(forms.get("name_clitic", ()))
        # A conjunction glued to a name joins it to another (وموسكو); a preposition glued to a
        # town makes it a place (بالقائم، لطهران).
        self.name_conjunctions = frozenset(c for c in self.name_clitics if c in self.conjunctions)
        self.name_prepositions = frozenset(c for c in self.name_clitics if c in self.prepositions)
        self.nisba = _first(forms, "nisba")
        # a relative adjective's endings: the nisba (ي), its feminine (ية as folded) and plurals (يون، يين، يات)
        self.nisba_endings = (self.nisba, self.nisba + (self.ta_marbuta or ""),
                              *(self.nisba + ending for ending in self.plural_endings)) if self.nisba else ()
        self.feminine_verb = _first(forms, "feminine_verb")
        self.feminine_plural = _first(forms, "feminine_plural")
        self.possessives = forms.get("possessive", ())
        self.attached_pronouns = forms.get("attached_pronoun", ())
        self.definite_runs = forms.get("definite_run", ())
        self.masdar_alef = _first(forms, "masdar_alef")
        self.lone_kept = forms.get("lone_kept", ())
        self.known_words = frozenset(known_words) if known_words is not None else None
        # The contraction stands for its preposition and the article (لل = ل + ال).
        self.contracted = self.contraction[0] + self.article
        self.stem_prefixes = self.proclitic_sequences()
        # Light stemming takes no lone ك (كان، كبير، كل) and no stack of clitics (وبال، ولل).
        self.light_stem_prefixes = self.proclitic_sequences(
            article_alone=True, lone=self.proclitic_letters(without=self.lone_kept),
            stacked=False)
        # The stemmers run on every word of every document: prefixes by first letter, longest first.
        self._stem_prefixes = _by_first_letter(self.stem_prefixes)
        self._light_stem_prefixes = _by_first_letter(self.light_stem_prefixes)

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
        # Written out rather than through `splits`: it runs for every token of every document.
        known = self.known_words
        longer = max(min_stem, MIN_STEM)  # len(word) - 1 >= min_stem
        variants = [word]
        if len(word) <= longer:
            return variants
        first = word[:1]
        if first in self.conjunctions:
            if known is not None and word in known:
                return variants
            variants.append(word[1:])
            base = word[1:]
        else:
            base = word
        if base[:1] in self.prepositions and len(base) > longer and (known is None or base not in known):
            if base.startswith(self.contraction):
                rest = self.article + base[len(self.contraction):]
            else:
                rest = base[1:]
            if rest not in variants:
                variants.append(rest)
        return variants

    def bare_forms(self, word: str, min_stem: int = 3, min_after_contraction: int = 2,
                   min_after_article: int = 2) -> tuple[str, ...]:
        """The word, then what is left as clitics come off in turn: a conjunction, then a
        preposition or the ل+ال contraction, then the article (never after the contraction,
        which holds it). Each step is taken only if the guard (`splits`) allows it."""
        # The guard written out: this runs for every word the event detectors read.
        known = self.known_words
        letter = (min_stem if min_stem > MIN_STEM else MIN_STEM) + 1  # long enough to lose one
        forms = [word]
        stem = word
        if stem[:1] in self.conjunctions and len(stem) >= letter and (known is None or stem not in known):
            stem = stem[1:]
            forms.append(stem)
        if known is not None and stem in known:
            return tuple(forms)
        contraction, article = self.contraction, self.article
        if stem.startswith(contraction) and \
                len(stem) - len(contraction) >= max(min_after_contraction, MIN_STEM):
            forms.append(stem[len(contraction):])
            return tuple(forms)
        if stem[:1] in self.prepositions and len(stem) >= letter:
            stem = stem[1:]
            forms.append(stem)
            if known is not None and stem in known:
                return tuple(forms)
        if stem.startswith(article) and len(stem) - len(article) >= max(min_after_article, MIN_STEM):
            forms.append(stem[len(article):])
        return tuple(forms)

    def peel(self, word: str, min_stem: int = 3, min_after_contraction: int = 2,
             min_after_article: int = 2) -> list[tuple[str, str]]:
        """`bare_forms` with the letters taken so far beside each form; the contraction is
        written out as its preposition and the article (وللعراق -> ("ولال", "عراق"))."""
        forms = self.bare_forms(word, min_stem, min_after_contraction, min_after_article)
        steps = [("", word)]
        clitics = ""
        for before, after in zip(forms, forms[1:]):
            taken = before[:len(before) - len(after)]
            clitics += self.contracted if taken == self.contraction else taken
            steps.append((clitics, after))
        return steps

    def strip(self, word: str, min_stem: int = 3, min_after_contraction: int = 2,
              min_after_article: int = 2) -> tuple[str, str]:
        """(letters taken, stem): the last step of `peel`, without building the others."""
        forms = self.bare_forms(word, min_stem, min_after_contraction, min_after_article)
        stem = forms[-1]
        taken = word[:len(word) - len(stem)]
        # Only the contraction step takes لل (the article step takes ال): write it out as ل + ال.
        if len(forms) > 1 and taken.endswith(self.contraction) and \
                forms[-2][len(self.contraction):] == stem and forms[-2].startswith(self.contraction):
            taken = taken[:-len(self.contraction)] + self.contracted
        return taken, stem

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
        for prefix in self._stem_prefixes.get(word[:1], ()):
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
        for prefix in self._light_stem_prefixes.get(word[:1], ()):
            if word.startswith(prefix) and self.splits(word, word[len(prefix):], min_stem):
                word = word[len(prefix):]
                break
        for suffix in self.suffixes:
            if word.endswith(suffix) and self.splits(word, word[:-len(suffix)], min_stem):
                return word[:-len(suffix)]
        return word


def _first(forms: dict[str, tuple[str, ...]], kind: str) -> str | None:
    """The one form of a kind of which a file holds one, or None where it holds none."""
    return forms[kind][0] if forms.get(kind) else None


def _by_first_letter(prefixes: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    table: dict[str, list[str]] = {}
    for prefix in prefixes:
        table.setdefault(prefix[0], []).append(prefix)
    return {letter: tuple(group) for letter, group in table.items()}
