"""The learned trigger model: which words of a sentence tell an event, and of which PLOVER type.

The hand-written lexicon finds the forms it lists; annotators mark many more (تحرير، مواجهات،
دعمها، أصيب) and reject some of its hits (a topic, not a happening). A token is described
by its word, its stems without clitics, article and attached pronoun, its neighbours, the
lexicon's reading of it and whether a name or a generic actor covers it; one logistic model
says whether it is a trigger, one per type which type. Trained by
`python -m marsad.training.event_triggers_train` (marsad/models/event_triggers/).
"""
from __future__ import annotations

from functools import cached_property, lru_cache
from pathlib import Path

from spacy.tokens import Doc

from marsad.nlp.basics import TokenTable, token_table
from marsad.nlp.linear import SparseLogistic, logistic
from marsad.text.words import proclitic_variants

MODEL_PATH = Path(__file__).resolve().parent.parent / "models" / "event_triggers" / "model.json"
TRIGGER = "trigger"
# Attached pronouns (normalised), longest first: دعمها → دعم.
_SUFFIXES = ("هما", "هم", "ها", "كم", "نا", "ه")


@lru_cache(maxsize=100_000)
def bare(word: str) -> str:
    """A normalised word without its proclitics, article and attached pronoun."""
    stem = proclitic_variants(word)[-1]
    if stem.startswith("ال") and len(stem) > 4:
        stem = stem[2:]
    for suffix in _SUFFIXES:
        if stem.endswith(suffix) and len(stem) - len(suffix) >= 3:
            return stem[:-len(suffix)]
    return stem


@lru_cache(maxsize=100_000)
def word_features(word: str) -> tuple[str, ...]:
    """The features of a token that its normalised word alone decides (most of them), so that
    their part of a score is summed once per word, not once per token."""
    stem = bare(word)
    return (f"w={word}", f"b={stem}", f"p3={stem[:3]}", f"s2={stem[-2:]}", f"len={min(len(stem), 7)}",
            f"art={word.startswith(('ال', 'وال', 'بال', 'فال', 'لل'))}", f"ta={word.endswith('ه')}",
            f"impf={stem[:1] in ('ي', 'ت', 'ن')}")


def context_features(table: TokenTable, i: int, lexicon: dict[int, tuple[str, str, bool]],
                     names: dict[int, str]) -> list[str]:
    """The features of token `i` that its neighbours, the lexicon's hits (`lexicon`: the
    (type, kind, first word) of a hit covering a token) and the mentions (`names`: the kind,
    name or generic, of a mention covering a token) decide."""
    features = []
    for offset in (-1, 1):
        j = i + offset
        if 0 <= j < len(table.norm) and not table.space[j]:
            features.append(f"b{offset:+d}={bare(table.norm[j])}" if not table.punct[j] else f"b{offset:+d}=<p>")
        else:
            features.append(f"b{offset:+d}=<s>")
    hit = lexicon.get(i)
    if hit is not None:
        type_, kind, first = hit
        features += [f"lex={type_}", f"lexkind={kind}", f"lexfirst={first}", f"lexword={type_}:{bare(table.norm[i])}"]
    else:
        features.append("lex=none")
    if i in names:
        features.append(f"inside={names[i]}")
    if i + 1 in names:
        features.append(f"before={names[i + 1]}")
    if i > 0 and i - 1 in names:
        features.append(f"after={names[i - 1]}")
    return features


def token_features(doc: Doc, i: int, lexicon: dict[int, tuple[str, str, bool]],
                   names: dict[int, str]) -> list[str]:
    """Every feature of token `i`: its word's, then its context's."""
    table = token_table(doc)
    return [*word_features(table.norm[i]), *context_features(table, i, lexicon, names)]


def guess_kind(word: str) -> str:
    """noun or verb from a trigger's shape: the article, ta marbuta, a feminine plural or a
    derived verbal noun (استهداف، انسحاب) make a noun."""
    stem = proclitic_variants(word)[-1]
    if stem.startswith("ال") or stem.endswith(("ه", "ات")) or stem.startswith("ا") and len(stem) >= 5:
        return "noun"
    return "verb"


class TriggerModel(SparseLogistic):
    """`trigger`: whether a token tells an event; one label per PLOVER type: which type."""

    @cached_property
    def _word_part(self):
        """The word's part of the trigger score, summed in the order `score` sums it, so that
        adding the context's part gives the same float."""
        table = self.weights[TRIGGER]
        return lru_cache(maxsize=100_000)(lambda word: sum(table.get(f, 0.0) for f in word_features(word)))

    def trigger_probability(self, word: str, context: list[str]) -> float:
        """`probability(TRIGGER, word_features(word) + context)`, the word's part cached."""
        table = self.weights[TRIGGER]
        total = self._word_part(word)
        for feature in context:
            total += table.get(feature, 0.0)
        return logistic(self.bias[TRIGGER] + total)

    def read(self, features: list[str]) -> tuple[float, str]:
        """(probability that the token is a trigger, its most likely type)."""
        return self.probability(TRIGGER, features), self.type_of(features)

    def type_of(self, features: list[str]) -> str:
        """The most likely type of a token read as a trigger."""
        return max((label for label in self.weights if label != TRIGGER),
                   key=lambda label: self.score(label, features))

    @classmethod
    def load(cls, path: Path = MODEL_PATH) -> "TriggerModel | None":
        return super().load(path)
