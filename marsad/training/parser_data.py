"""UD Arabic-PUD read as Marsad's words: dependency trees over the tokens Marsad's tokenizer makes.

The treebank splits clitics off (و + بغداد, ل + لسلطة) and sometimes restores letters the
written word lost; Marsad's tokenizer keeps a word whole with its clitics. Each treebank token
is placed in the word whose characters it matches (a character alignment that tolerates the
restored letters), a word's head is the head of its governing part (the part whose own head lies
outside the word, content words before clitics), and its relation that part's.
"""
from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path

# Parts of speech of the pieces a clitic or a particle contributes to a word: the word's
# governing part is another one where there is one.
FUNCTION_POS = frozenset({"ADP", "CCONJ", "SCONJ", "PART", "DET", "PUNCT"})


@dataclass(frozen=True)
class UdToken:
    form: str
    pos: str
    head: int  # 1-based index of the head, 0 for the root
    deprel: str


@dataclass(frozen=True)
class UdSentence:
    sent_id: str
    text: str
    tokens: tuple[UdToken, ...]


@dataclass(frozen=True)
class WordTree:
    """A sentence as whole words: `heads[i]` is the index of word i's head (itself for the root)."""
    sent_id: str
    words: tuple[str, ...]
    heads: tuple[int, ...]
    deps: tuple[str, ...]


def read_conllu(path: Path) -> list[UdSentence]:
    """The sentences of a CoNLL-U file (multiword-token and empty-node lines skipped)."""
    sentences, tokens, meta = [], [], {}
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if not line.strip():
            if tokens:
                sentences.append(UdSentence(meta.get("sent_id", str(len(sentences))),
                                            meta.get("text", ""), tuple(tokens)))
            tokens, meta = [], {}
        elif line.startswith("#"):
            key, _, value = line[1:].partition("=")
            meta[key.strip()] = value.strip()
        else:
            cols = line.split("\t")
            if "-" in cols[0] or "." in cols[0]:
                continue
            tokens.append(UdToken(cols[1], cols[3], int(cols[6]), cols[7]))
    return sentences


def _char_owner(text: str, spans: list[tuple[int, int]]) -> list[int | None]:
    owner: list[int | None] = [None] * len(text)
    for n, (start, end) in enumerate(spans):
        for i in range(start, end):
            owner[i] = n
    return owner


def word_of_tokens(sentence: UdSentence, spans: list[tuple[int, int]]) -> list[int]:
    """For each treebank token, the index of the word (a character span of the sentence's text)
    it falls in; a token none of whose letters align takes its neighbour's word."""
    forms = "".join(t.form for t in sentence.tokens)
    owner = _char_owner(sentence.text, spans)
    text_chars = [(i, c) for i, c in enumerate(sentence.text) if owner[i] is not None]
    matcher = SequenceMatcher(None, forms, "".join(c for _, c in text_chars), autojunk=False)
    where: list[int | None] = [None] * len(forms)
    for a, b, size in matcher.get_matching_blocks():
        for k in range(size):
            where[a + k] = owner[text_chars[b + k][0]]
    words: list[int | None] = []
    at = 0
    for token in sentence.tokens:
        hits = [w for w in where[at:at + len(token.form)] if w is not None]
        words.append(max(set(hits), key=hits.count) if hits else None)
        at += len(token.form)
    for n in range(len(words)):  # unaligned: the word before, else the word after
        if words[n] is None:
            words[n] = next((w for w in reversed(words[:n]) if w is not None),
                            next((w for w in words[n + 1:] if w is not None), 0))
    return words


def word_tree(sentence: UdSentence, words: list[str], spans: list[tuple[int, int]]) -> WordTree | None:
    """The sentence's tree over `words` (character `spans` of its text), or None where the
    words cut the tree so that it no longer is one (a cycle, or not one root)."""
    owner = word_of_tokens(sentence, spans)
    heads, deps = list(range(len(words))), ["dep"] * len(words)
    for w in range(len(words)):
        parts = [n for n, o in enumerate(owner) if o == w]
        if not parts:  # no treebank token here (a mark the treebank dropped): hangs on its neighbour
            heads[w] = w - 1 if w > 0 else min(w + 1, len(words) - 1)
            deps[w] = "punct" if not any(ch.isalnum() for ch in words[w]) else "dep"
            continue
        governing = [n for n in parts if sentence.tokens[n].head == 0
                     or owner[sentence.tokens[n].head - 1] != w]
        content = [n for n in governing if sentence.tokens[n].pos not in FUNCTION_POS]
        main = (content or governing or parts)[0]
        token = sentence.tokens[main]
        heads[w] = w if token.head == 0 else owner[token.head - 1]
        deps[w] = "ROOT" if token.head == 0 else token.deprel
    if sum(h == w for w, h in enumerate(heads)) != 1:
        return None
    for w in range(len(words)):  # every word must reach the root
        seen, at = set(), w
        while heads[at] != at:
            if at in seen:
                return None
            seen.add(at)
            at = heads[at]
    return WordTree(sentence.sent_id, tuple(words), tuple(heads), tuple(deps))


def word_trees(sentences: list[UdSentence], tokenize) -> tuple[list[WordTree], int]:
    """The trees of the sentences that convert, and how many did not; `tokenize(text)` gives
    Marsad's words of a text as (word, start, end)."""
    trees, lost = [], 0
    for sentence in sentences:
        pieces = [p for p in tokenize(sentence.text) if p[0].strip()]
        tree = word_tree(sentence, [p[0] for p in pieces], [(p[1], p[2]) for p in pieces]) if pieces else None
        if tree is None:
            lost += 1
        else:
            trees.append(tree)
    return trees, lost
