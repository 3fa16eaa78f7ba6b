"""ANERcorp-format NER data: read `TOKEN TAG` files, split train / held-out, write spaCy DocBins.

Format (checked on ../shared/data/anercorp/train.txt): UTF-8, one `TOKEN TAG` a line, the tag
after the LAST space (a few tokens end in a space, e.g. `مدريد `), a blank line after each
sentence (ANERcorp ends one after every `.`). 191 lines have an empty token (`" O"`, a character
lost upstream): they are kept as tokens so that a tagger still returns one tag per input line;
`doc_words` (marsad.nlp.bio) gives them a placeholder when a spaCy Doc is built. One line is
damaged (`. Oالإصابة O`): it is read as it stands, one token tagged O.

Split: the held-out part is the LAST `HELD_OUT_FRACTION` of the sentences, a contiguous block,
as the data README asks: neighbouring sentences come from the same articles, so a random split
overstates F1. No shuffling, so the split is the same on every run.
"""
from __future__ import annotations

import math
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from marsad.errors import BadNerLine
from marsad.nlp.bio import TAGS, bio_spans, doc_words

HELD_OUT_FRACTION = 0.10


@dataclass(frozen=True)
class TaggedSentence:
    """One sentence: its tokens and their BIO tags, as many of one as of the other."""
    tokens: tuple[str, ...]
    tags: tuple[str, ...]


def parse_line(line: str, where: str = "<line>") -> tuple[str, str]:
    """(token, tag) of one `TOKEN TAG` line, split on its last space."""
    token, sep, tag = line.rstrip("\r\n").rpartition(" ")
    if not sep or tag not in TAGS:
        raise BadNerLine(where, f"expected 'TOKEN TAG' with a tag in {TAGS}, got {line!r}")
    return token.strip(), tag


def read_conll(path: str | Path) -> list[TaggedSentence]:
    """The sentences of an ANERcorp-format file, blank lines separating them."""
    path = Path(path)
    sentences: list[TaggedSentence] = []
    tokens: list[str] = []
    tags: list[str] = []
    with path.open(encoding="utf-8-sig") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                if tokens:
                    sentences.append(TaggedSentence(tuple(tokens), tuple(tags)))
                    tokens, tags = [], []
                continue
            token, tag = parse_line(line, f"{path}:{number}")
            tokens.append(token)
            tags.append(tag)
    if tokens:
        sentences.append(TaggedSentence(tuple(tokens), tuple(tags)))
    return sentences


def split_held_out(
    sentences: Sequence[TaggedSentence], fraction: float = HELD_OUT_FRACTION
) -> tuple[list[TaggedSentence], list[TaggedSentence]]:
    """(train, held-out): the held-out part is the last `fraction` of the sentences, in order."""
    n_held = math.ceil(len(sentences) * fraction)
    cut = len(sentences) - n_held
    return list(sentences[:cut]), list(sentences[cut:])


def split_three_way(
    sentences: Sequence[TaggedSentence], fraction: float = HELD_OUT_FRACTION
) -> tuple[list[TaggedSentence], list[TaggedSentence], list[TaggedSentence]]:
    """(train, dev, test), in order: the test part is the same last `fraction` that
    `split_held_out` holds out, the dev part the `fraction` before it. The dev part picks the
    checkpoint, so the test part scores a model that nothing was chosen on."""
    rest, test = split_held_out(sentences, fraction)
    n_dev = math.ceil(len(sentences) * fraction)
    return list(rest[:-n_dev]), list(rest[-n_dev:]), test


def sentence_to_doc(vocab, sentence: TaggedSentence):
    """A spaCy Doc of the sentence's words (space-separated) with its entities set."""
    from spacy.tokens import Doc, Span

    words = doc_words(sentence.tokens)
    doc = Doc(vocab, words=words, spaces=[True] * (len(words) - 1) + [False])
    doc.ents = [Span(doc, start, end, label=label) for start, end, label in bio_spans(sentence.tags)]
    return doc


def write_docbin(sentences: Iterable[TaggedSentence], path: str | Path, vocab=None) -> int:
    """Write the sentences as a spaCy DocBin; returns how many were written.

    Only the words and entities are stored: NORM is left out so that the model's own lexical
    attribute getters (marsad.nlp.ner_features) compute it at training time.
    """
    from spacy.tokens import DocBin
    from spacy.vocab import Vocab

    vocab = vocab if vocab is not None else Vocab()
    docbin = DocBin(attrs=["ENT_IOB", "ENT_TYPE"], store_user_data=False)
    count = 0
    for sentence in sentences:
        docbin.add(sentence_to_doc(vocab, sentence))
        count += 1
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    # Write beside, then rename: a training run reading the old file never sees half a file.
    partial = path.with_name(f".{path.name}.{os.getpid()}.partial")
    docbin.to_disk(partial)
    os.replace(partial, path)
    return count
