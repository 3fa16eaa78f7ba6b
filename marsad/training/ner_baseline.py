"""Gazetteer-only NER baseline: entity strings seen in training, tagged by longest match."""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from marsad.nlp.bio import bio_spans, spans_to_bio
from marsad.training.ner_data import TaggedSentence
from marsad.text.normalize import normalize

# Longest entity (in tokens) the baseline looks for; longer training entities are rare.
MAX_ENTITY_TOKENS = 8
# An entity string is kept when at least this share of its occurrences in training are that
# entity: drops strings that are mostly ordinary words (e.g. a given name that is also a verb).
MIN_ENTITY_SHARE = 0.5


def _key(tokens: Iterable[str]) -> tuple[str, ...]:
    return tuple(normalize(t) for t in tokens)


@dataclass
class GazetteerTagger:
    """Normalised entity token sequences -> type, from training sentences only."""
    entries: dict[tuple[str, ...], str] = field(default_factory=dict)
    max_len: int = MAX_ENTITY_TOKENS

    @classmethod
    def from_sentences(cls, sentences: Iterable[TaggedSentence],
                       min_share: float = MIN_ENTITY_SHARE) -> GazetteerTagger:
        """Build the dictionary from annotated (training) sentences."""
        sentences = list(sentences)
        types: dict[tuple[str, ...], Counter] = defaultdict(Counter)
        for s in sentences:
            for start, end, label in bio_spans(s.tags):
                if end - start <= MAX_ENTITY_TOKENS:
                    types[_key(s.tokens[start:end])][label] += 1
        # How often each entity string occurs at all, tagged or not.
        occurrences: Counter = Counter()
        lengths = {len(k) for k in types}
        for s in sentences:
            keys = _key(s.tokens)
            for n in lengths:
                for i in range(len(keys) - n + 1):
                    gram = keys[i:i + n]
                    if gram in types:
                        occurrences[gram] += 1
        entries = {}
        for gram, counter in types.items():
            label, count = counter.most_common(1)[0]
            if count / max(occurrences[gram], 1) >= min_share:
                entries[gram] = label
        return cls(entries=entries, max_len=max(map(len, entries), default=1))

    def tag_tokens(self, tokens: Sequence[str]) -> list[str]:
        """BIO tags of one sentence by greedy longest match, left to right."""
        keys = _key(tokens)
        spans = []
        i = 0
        while i < len(keys):
            for n in range(min(self.max_len, len(keys) - i), 0, -1):
                label = self.entries.get(keys[i:i + n])
                if label:
                    spans.append((i, i + n, label))
                    i += n
                    break
            else:
                i += 1
        return spans_to_bio(len(tokens), spans)

    def __call__(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        """Tag sentences: the same interface as marsad.nlp.ner.tag_sentences."""
        return [self.tag_tokens(tokens) for tokens in sentences]
