"""The first components: matching forms on tokens, and sentence boundaries."""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass

import numpy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Span

from marsad.lexicon.lexicon import Lexicon, load_lexicon
from marsad.nlp.stage import LexiconStage
from marsad.settings import MAX_SENTENCE_TOKENS
from marsad.text.language import (LANGUAGE_NAMES, MAX_LATIN_SHARE, MIN_DOCUMENT_SHARE, Markers,
                                  latin_share, sentence_language)
from marsad.text.normalize import normalize_word
from marsad.text.sentences import split_sentences


def normalize_tokens(doc: Doc) -> Doc:
    """Set each token's `norm_` to its matching form (folded letters, no diacritics)."""
    for token in doc:
        token.norm_ = normalize_word(token.text)
    return doc


@Language.factory("marsad_normalize", default_config={}, assigns=["token.norm"], requires=[])
def make_normalizer(nlp: Language, name: str):
    """The spaCy factory of `normalize_tokens`."""
    return normalize_tokens


def set_sentence_boundaries(doc: Doc) -> Doc:
    """Mark sentence starts from the character spans that `split_sentences` finds, and cut a
    sentence longer than MAX_SENTENCE_TOKENS into pieces of that many tokens."""
    starts = {start for start, _ in split_sentences(text_of(doc))}
    marks, length = [], 0
    for token in doc:
        length += 1
        if token.i == 0 or token.idx in starts or length > MAX_SENTENCE_TOKENS:
            marks.append(1)
            length = 1
        else:
            marks.append(-1)
    # One array write: assigning Token.is_sent_start token by token costs a check per token.
    flags = numpy.array(marks, dtype="int64").astype("uint64").reshape(-1, 1)
    if len(doc):
        doc.from_array([SENT_START], flags)
    return doc


@Language.factory("marsad_sentences", default_config={}, assigns=["token.is_sent_start"],
                  requires=[])
def make_sentence_splitter(nlp: Language, name: str):
    """The spaCy factory of `set_sentence_boundaries`."""
    return set_sentence_boundaries


# Put before the matching form of a word of a Persian or Urdu sentence: no lexicon entry,
# gazetteer name or trigger starts with it, so the word matches none (an invisible separator).
FOREIGN_MARK = "\u2063"


def mark_other_languages(doc: Doc, markers: Markers | None = None) -> Doc:
    """Warn when the text is not Arabic, and keep the words of Persian and Urdu sentences (and
    of a text mostly in Latin letters) from being read as names or triggers: their matching form
    is marked (FOREIGN_MARK) and the NER model skips their sentences
    (`doc.user_data["marsad_foreign_sentences"]`: sentence start -> fa, ur or latin). The
    shipped Persian and Urdu markers unless given others."""
    markers = load_lexicon().language_markers if markers is None else markers
    sentences = list(doc.sents)
    found: dict[int, str] = {}
    words = {}
    for sentence in sentences:
        texts = [t.text for t in sentence if not t.is_space and not t.is_punct]
        words[sentence.start] = len(texts)
        language = sentence_language(texts, markers)
        if language:
            found[sentence.start] = language
    persian_urdu = {s: code for s, code in found.items() if code != "latin"}
    share = sum(words[s] for s in persian_urdu) / max(1, sum(words.values()))
    if persian_urdu and share >= MIN_DOCUMENT_SHARE:
        # A Persian or Urdu text is so throughout, its headline of names included.
        main = max(set(persian_urdu.values()), key=list(persian_urdu.values()).count)
        found = {sentence.start: found.get(sentence.start, main) for sentence in sentences}
    latin = latin_share(text_of(doc)) > MAX_LATIN_SHARE
    if latin:
        found = {sentence.start: found.get(sentence.start, "latin") for sentence in sentences}
    for sentence in sentences:
        if sentence.start in found:
            for token in sentence:
                token.norm_ = FOREIGN_MARK + token.norm_
    doc.user_data["marsad_foreign_sentences"] = found
    warnings = doc._.warnings if doc._.warnings is not None else []
    counts = {code: list(found.values()).count(code) for code in LANGUAGE_NAMES}
    if counts["fa"] or counts["ur"]:
        names = " and ".join(f"{LANGUAGE_NAMES[c]} ({c})" for c in ("fa", "ur") if counts[c])
        warnings.append(f"language: {counts['fa'] + counts['ur']} of {len(sentences)} sentences "
                        f"read as {names}, not Arabic; their words are not read as names or events")
    if latin:
        warnings.append("language: most letters are Latin (English or another language), not "
                        "Arabic; Marsad reads Arabic only, and reads no names or events here")
    doc._.warnings = warnings
    return doc


class LanguageMarker(LexiconStage):
    """`mark_other_languages` over the markers of the Lexicon given at `initialize`
    (language/persian_urdu.tsv), as a pipeline component."""

    markers: Markers | None = None

    def use(self, lexicon: Lexicon) -> None:
        super().use(lexicon)
        self.markers = lexicon.language_markers

    def process(self, doc: Doc) -> Doc:
        return mark_other_languages(doc, self.markers)


@Language.factory("marsad_language", default_config={}, assigns=["token.norm"],
                  requires=["token.norm", "token.is_sent_start"])
def make_language_marker(nlp: Language, name: str) -> LanguageMarker:
    """The spaCy factory of `mark_other_languages`; the markers are the Lexicon's given at
    `initialize` (the shipped one unless a `data_dir` is named)."""
    return LanguageMarker()


def sentence_of(doc: Doc, token: int) -> Span:
    """The sentence holding a token. spaCy's `Token.sent` scans the Doc on every call; this
    keeps one table per Doc."""
    table = doc.user_data.get("marsad_sentence_of")
    if table is None:
        table = []
        for sentence in doc.sents:
            table.extend([sentence] * len(sentence))
        doc.user_data["marsad_sentence_of"] = table
    return table[token]


@dataclass(frozen=True)
class TokenTable:
    """A Doc's tokens as plain tuples. Every `doc[i]` makes a new Token object, and the later
    stages look at each word many times (a third of the event stage's time went on it); the
    words never change after `marsad_language`, so they are read once."""
    text: tuple[str, ...]
    norm: tuple[str, ...]
    space: tuple[bool, ...]
    punct: tuple[bool, ...]
    idx: tuple[int, ...]  # where each token starts in the text
    end: tuple[int, ...]  # where each token ends

    def tokens_over(self, start: int, end: int) -> tuple[int, int]:
        """(first token, token after the last) of the tokens that overlap characters [start, end):
        Doc.char_span's "expand" alignment, without making a Span."""
        return bisect_right(self.end, start), bisect_left(self.idx, end)


def token_table(doc: Doc) -> TokenTable:
    """The Doc's TokenTable, made on first use (after the norms are final)."""
    table = doc.user_data.get("marsad_token_table")
    if table is None:
        tokens = list(doc)
        table = doc.user_data["marsad_token_table"] = TokenTable(
            tuple(t.text for t in tokens), tuple(t.norm_ for t in tokens), tuple(t.is_space for t in tokens),
            tuple(t.is_punct for t in tokens), tuple(t.idx for t in tokens),
            tuple(t.idx + len(t.text) for t in tokens))
    return table


def dated_tokens(doc: Doc) -> frozenset[int]:
    """The tokens inside the Doc's dates (`doc._.dates`), found once; read after the dates stage."""
    found = doc.user_data.get("marsad_dated_tokens")
    if found is None:
        table = token_table(doc)
        found = doc.user_data["marsad_dated_tokens"] = frozenset(
            i for d in doc._.dates or [] for i in range(*table.tokens_over(d.start, d.end)))
    return found


def text_of(doc: Doc) -> str:
    """The Doc's text. spaCy joins every token's text on each `Doc.text` access; a Doc's
    text never changes, so it is joined once."""
    text = doc.user_data.get("marsad_text")
    if text is None:
        text = doc.user_data["marsad_text"] = doc.text
    return text


# A hashtag's mark, a token of its own before the hashtag's words (#الجيش_اليمني).
HASHTAG = "#"


def next_word(doc: Doc, i: int, step: int) -> int:
    """The first token from i on, going by step, that is neither white space nor a hashtag's mark
    (مديرية #حيران: the word before حيران is مديرية) (-1 or len(doc) if none)."""
    while 0 <= i < len(doc) and (doc[i].is_space or doc[i].text == HASHTAG):
        i += step
    return i
