"""Bodies named in quote marks after a word for their kind (جماعة "القسط"، وكالة "ستاندرد آند
بورز"، صحيفة "أحوال"، شركة "إيرباص"): names no list holds and the NER model seldom reads, whose
quote marks delimit them."""
from __future__ import annotations

from spacy.tokens import Doc

from marsad.lexicon.lexicon import Lexicon
from marsad.nlp.basics import next_word, text_of
from marsad.nlp.clusters import Cluster, MentionMap
from marsad.nlp.phrases import QUOTE_MARKS
from marsad.text.normalize import normalize

# The most words a quoted name holds; more is a quotation, not a name.
MAX_NAME_WORDS = 5
# A one-word quoted name that the corpus writes this often is a common word (الدستور "the
# constitution"): its later mentions are read only in quote marks.
COMMON_NAME_COUNT = 100


class QuotedNameFinder:
    """Finds bodies named in quote marks right after a head of name_words.tsv's kinds `body_head`
    or `quoted_head` (its clitics aside, without the article; nothing between: the head names the
    kind of what the quote marks hold), and their later mentions by the same words."""

    def __init__(self, lexicon: Lexicon) -> None:
        words = lexicon.name_words
        self.heads = words.get("body_head", frozenset()) | words.get("quoted_head", frozenset())
        self.morphology = lexicon.morphology
        self.article = lexicon.morphology.article
        self.counts = lexicon.word_counts

    def add(self, doc: Doc, positions: tuple[int, ...], clusters: dict[str, Cluster],
            mentions: MentionMap) -> None:
        if not self.heads:
            return
        text = text_of(doc)
        named: dict[tuple[str, ...], Cluster] = {}
        for i in positions:
            opening = next_word(doc, i + 1, 1)  # a quote mark after the word first: most words have none
            if opening >= len(doc) or doc[opening].text not in QUOTE_MARKS or not self._head(doc[i].norm_):
                continue
            span = self._quoted(doc, opening)
            if span is None or mentions.covers(*span):
                continue
            start, end = span
            if end - start == 1 and self._adjective(doc[start].norm_):
                continue  # منظمة "إرهابية": what the body is called, not its name
            name = text[doc[start].idx:doc[end - 1].idx + len(doc[end - 1].text)]
            key = f"org:{normalize(name)}"
            cluster = clusters.get(key) or clusters.setdefault(key, Cluster(key, "ORG", name))
            _mention(doc, text, cluster, start, end, mentions)
            words = tuple(doc[k].norm_ for k in range(start, end))
            if len(words) > 1 or self.counts.get(words[0], 0) < COMMON_NAME_COUNT:
                named[words] = cluster  # صحيفة "الدستور" … تغيير الدستور: a common word names it only quoted
        if named:
            self._later_mentions(doc, positions, named, mentions, text)

    def _adjective(self, word: str) -> bool:
        """An indefinite relative adjective, masculine or feminine (إرهابية، شكلية)."""
        nisba, feminine = self.morphology.nisba, self.morphology.ta_marbuta
        return bool(nisba) and not word.startswith(self.article) \
            and (word.endswith(nisba) or bool(feminine) and word.endswith(nisba + feminine))

    def _head(self, word: str) -> bool:
        """Whether a word is, clitics aside, a head without the article (وكالة، لتنظيم). A head with
        it names a body told before, and quote marks after it open what that body said (طالبا من
        المحكمة "منحه فرصة"، وقالت المنظمة "لن تستسلم"): in 800 ant2018 articles, four of six."""
        return any(form in self.heads for form in self.morphology.proclitic_variants(word))

    @staticmethod
    def _quoted(doc: Doc, opening: int) -> tuple[int, int] | None:
        """The token span between the quote mark at `opening` and the next one, where it holds one
        to MAX_NAME_WORDS words and no sentence's end."""
        words, k = 0, opening + 1
        while k < len(doc) and doc[k].text not in QUOTE_MARKS:
            if doc[k].is_sent_start or doc[k].text in ".!?؟" or "\n" in doc[k].text:
                return None
            words += not doc[k].is_space and not doc[k].is_punct
            k += 1
        if k >= len(doc) or not 1 <= words <= MAX_NAME_WORDS:
            return None
        return opening + 1, k

    @staticmethod
    def _later_mentions(doc: Doc, positions: tuple[int, ...], named: dict[tuple[str, ...], Cluster],
                        mentions: MentionMap, text: str) -> None:
        """The same words again, with or without quote marks (القسط … ذكرت القسط): the same body."""
        for i in positions:
            for words, cluster in named.items():
                end = i + len(words)
                if end <= len(doc) and tuple(doc[k].norm_ for k in range(i, end)) == words \
                        and not mentions.covers(i, end):
                    _mention(doc, text, cluster, i, end, mentions)


def _mention(doc: Doc, text: str, cluster: Cluster, start: int, end: int, mentions: MentionMap) -> None:
    """Tokens [start, end) as a name's mention of `cluster`."""
    start_char, end_char = doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)
    cluster.add(start_char, end_char, text[start_char:end_char])
    cluster.tokens.append((start, end))
    mentions.add(start, end, cluster, "name")
