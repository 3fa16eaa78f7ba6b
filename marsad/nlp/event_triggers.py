"""The learned trigger model: which words of a sentence tell an event, and of which PLOVER type.

The hand-written lexicon finds the forms it lists; annotators mark many more (تحرير، مواجهات،
دعمها، أصيب) and reject some of its hits (a topic, not a happening). A token is described
by its word, its stems without clitics, article and attached pronoun, its neighbours, the
lexicon's reading of it and whether a name or a generic actor covers it; one logistic model
says whether it is a trigger, one per type which type. Trained by
`python -m marsad.training.event_triggers_train` (marsad/models/event_triggers/).

The clitics, pronouns and shapes a word is read by are those of the shipped clitics file, read
by the features each model is given (`TriggerFeatures`): they are part of the model's features,
whatever Lexicon the other stages read.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

from spacy.tokens import Doc

from marsad.lexicon.morphology import Morphology
from marsad.nlp.basics import TokenTable, token_table
from marsad.nlp.linear import SparseLogistic, logistic

MODEL_PATH = Path(__file__).resolve().parent.parent / "models" / "event_triggers" / "model.json"
TRIGGER = "trigger"
# A bare form keeps at least this many letters when the article or a pronoun comes off (دعمها → دعم).
MIN_STEM = 3
# A word opening with the alef of a derived verb's masdar (استهداف، انسحاب) has at least this
# many letters.
MIN_MASDAR = 5
# Words remembered per model: news repeats its words.
WORD_CACHE = 100_000


class TriggerFeatures:
    """How the trigger model (and the argument model, which reads bare forms too) reads a word,
    by one Morphology (the shipped clitics file's unless given)."""

    def __init__(self, morphology: Morphology | None = None):
        self.morphology = Morphology.from_file() if morphology is None else morphology
        morphology = self.morphology
        self.article = morphology.article
        # the article alone or with a clitic before it (والقصف، للاحتجاج): a definite word
        self.definite_runs = (morphology.article,) + morphology.definite_runs
        self.pronouns = morphology.attached_pronouns
        self.imperfect_prefixes = morphology.imperfect_prefixes
        # ta marbuta and the feminine plural end nouns (زيارة، اشتباكات)
        self.noun_endings = tuple(e for e in (morphology.ta_marbuta, morphology.feminine_plural) if e)
        # a pure function of one normalised word each, remembered per model
        self.bare = lru_cache(maxsize=WORD_CACHE)(self._bare)
        self.word_features = lru_cache(maxsize=WORD_CACHE)(self._word_features)

    def _bare(self, word: str) -> str:
        """A normalised word without its proclitics, article and attached pronoun."""
        stem = self.morphology.proclitic_variants(word)[-1]
        if stem.startswith(self.article) and len(stem) - len(self.article) >= MIN_STEM:
            stem = stem[len(self.article):]
        for suffix in self.pronouns:
            if stem.endswith(suffix) and len(stem) - len(suffix) >= MIN_STEM:
                return stem[:-len(suffix)]
        return stem

    def _word_features(self, word: str) -> tuple[str, ...]:
        """The features of a token that its normalised word alone decides (most of them), so
        that their part of a score is summed once per word, not once per token."""
        stem = self.bare(word)
        ta_marbuta = self.morphology.ta_marbuta
        return (f"w={word}", f"b={stem}", f"p3={stem[:3]}", f"s2={stem[-2:]}", f"len={min(len(stem), 7)}",
                f"art={word.startswith(self.definite_runs)}",
                f"ta={ta_marbuta is not None and word.endswith(ta_marbuta)}",
                f"impf={stem[:1] in self.imperfect_prefixes}")

    def context_features(self, table: TokenTable, i: int, lexicon: dict[int, tuple[str, str, bool]],
                         names: dict[int, str]) -> list[str]:
        """The features of token `i` that its neighbours, the lexicon's hits (`lexicon`: the
        (type, kind, first word) of a hit covering a token) and the mentions (`names`: the kind,
        name or generic, of a mention covering a token) decide."""
        bare = self.bare
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

    def token_features(self, doc: Doc, i: int, lexicon: dict[int, tuple[str, str, bool]],
                       names: dict[int, str]) -> list[str]:
        """Every feature of token `i`: its word's, then its context's."""
        table = token_table(doc)
        return [*self.word_features(table.norm[i]), *self.context_features(table, i, lexicon, names)]

    def guess_kind(self, word: str) -> str:
        """noun or verb from a trigger's shape: the article, ta marbuta, a feminine plural or a
        derived verbal noun (استهداف، انسحاب) make a noun."""
        stem = self.morphology.proclitic_variants(word)[-1]
        alef = self.morphology.masdar_alef
        if stem.startswith(self.article) or stem.endswith(self.noun_endings) or \
                alef is not None and stem.startswith(alef) and len(stem) >= MIN_MASDAR:
            return "noun"
        return "verb"

    def __reduce__(self):
        # the remembered words stay behind
        return (TriggerFeatures, (self.morphology,))


@dataclass
class TriggerModel(SparseLogistic):
    """`trigger`: whether a token tells an event; one label per PLOVER type: which type."""

    # the shipped clitics file's reading of words: the one the model was trained with
    features: TriggerFeatures = field(default_factory=TriggerFeatures, compare=False, repr=False)

    @cached_property
    def _word_part(self):
        """The word's part of the trigger score, summed in the order `score` sums it, so that
        adding the context's part gives the same float."""
        table = self.weights[TRIGGER]
        word_features = self.features.word_features
        return lru_cache(maxsize=WORD_CACHE)(lambda word: sum(table.get(f, 0.0) for f in word_features(word)))

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
